"""The console's forms; every one carries the CSRF token (Flask-WTF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from bot.frontdesk.followups import MAX_NOTE


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])


class ActionForm(FlaskForm):
    """A button that changes something (sign out, mark reviewed, cancel): only the CSRF token."""


class NoteForm(FlaskForm):
    body = TextAreaField("Add a note", validators=[DataRequired(), Length(max=MAX_NOTE)])


class ContactForm(FlaskForm):
    """Staff corrections of an intake's contact details; an empty field clears the value."""

    name = StringField("Name", validators=[Length(max=200)])
    phone = StringField("Phone", validators=[Length(max=64)])
    email = StringField("Email", validators=[Length(max=320)])
    # Ticked: an emptied field removes the stored value; unticked, nothing is saved and staff
    # are told what would have been removed.
    confirm_removal = BooleanField("Remove the details I emptied")
