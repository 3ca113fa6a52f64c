"""The review controls of an intake: mark reviewed, undo it, and record a call back with its
outcome (reached, voicemail, no answer) and a note; every change is audited. Also the template
helpers that say what an urgent patient was told and how they can be reached."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from bot.db import unit_of_work
from bot.frontdesk import audit, followups
from bot.frontdesk.callback import Advice, advice_for, is_urgent, needs_call_back
from bot.frontdesk.models import IntakeFollowUp
from bot.intake.models import Intake
from web.console.db import actor, console
from web.console.forms import ActionForm

log = logging.getLogger(__name__)
bp = Blueprint("review", __name__)
CHANNELS = {"rest": "the website chat", "socketio": "the website chat", "twilio_sms": "SMS"}


class CallOutcomeForm(FlaskForm):
    outcome = RadioField(
        "Outcome", choices=list(followups.OUTCOMES.items()), validators=[DataRequired()]
    )
    note = TextAreaField("Note", validators=[Optional(), Length(max=followups.MAX_NOTE)])


@bp.app_context_processor
def _outcomes() -> dict:
    return {"call_outcomes": followups.OUTCOMES}


@bp.app_template_global()
def call_outcome_form() -> CallOutcomeForm:
    return CallOutcomeForm()


@bp.app_template_filter()
def advice(intake: Intake) -> Advice:
    """What an urgent patient was told (`bot.frontdesk.callback.advice_for`)."""
    return advice_for(intake)


@bp.app_template_filter()
def was_urgent(intake: Intake) -> bool:
    """The intake was urgent (`bot.frontdesk.callback.is_urgent`), reached or not."""
    return is_urgent(intake)


@bp.app_template_filter()
def reach(intake: Intake) -> dict[str, str | None]:
    """How an intake without a phone number can still be reached: `channel` (as staff read
    it), `sms_sender` (the number that texted, for SMS) and `conversation` (its id)."""
    sms = intake.channel == "twilio_sms"
    return {
        "channel": CHANNELS.get(intake.channel, intake.channel),
        "sms_sender": intake.conversation_id if sms else None,
        "conversation": intake.conversation_id,
    }


def _change(
    intake_id: int, change: Callable[[Session], bool], action: str, detail: str | None = None
) -> bool:
    ctx = console()
    with unit_of_work(ctx.session_factory) as session:
        try:
            changed = change(session)
        except followups.NotFound:
            abort(404)
        if changed:
            audit.record(session, actor(), action, ctx.now(), intake_id=intake_id, detail=detail)
    log.info("intake %s: %s by user_id=%s", intake_id, action, current_user.id)
    return changed


def _back(intake_id: int):  # type: ignore[no-untyped-def]
    return redirect(url_for("intake.show", intake_id=intake_id))


@bp.post("/intakes/<int:intake_id>/reviewed")
def mark_reviewed(intake_id: int):  # type: ignore[no-untyped-def]
    if not ActionForm().validate_on_submit():
        abort(400)
    now = console().now()
    changed = _change(
        intake_id,
        lambda s: followups.mark_reviewed(s, intake_id, current_user.id, now),
        "mark_reviewed",
    )
    flash("Marked as reviewed." if changed else "This intake was already reviewed.",
          "success" if changed else "info")  # fmt: skip
    return _back(intake_id)


@bp.post("/intakes/<int:intake_id>/unreviewed")
def undo_reviewed(intake_id: int):  # type: ignore[no-untyped-def]
    if not ActionForm().validate_on_submit():
        abort(400)
    now = console().now()
    changed = _change(
        intake_id, lambda s: followups.undo_reviewed(s, intake_id, now), "undo_reviewed"
    )
    flash("Marked as not reviewed." if changed else "This intake was not reviewed.",
          "success" if changed else "info")  # fmt: skip
    return _back(intake_id)


@bp.post("/intakes/<int:intake_id>/called-back")
def called_back(intake_id: int):  # type: ignore[no-untyped-def]
    form = CallOutcomeForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash("Choose what happened on the call (the note is at most 4000 characters).", "error")
        return redirect(url_for("intake.show", intake_id=intake_id) + "#call-back")
    outcome, note, now = form.outcome.data, form.note.data or "", console().now()
    changed = _change(
        intake_id,
        lambda s: followups.record_call_back(s, intake_id, current_user.id, now, outcome, note),
        "called_back",
        detail=followups.OUTCOMES[outcome],  # words, never the code ("no_answer")
    )
    if not changed:
        flash("The patient was already reached.", "info")
    elif outcome == "reached":
        flash("Call recorded: reached. The intake is no longer pinned.", "success")
    elif _still_waiting(intake_id):
        flash(f"Call recorded: {followups.OUTCOMES[outcome].lower()}. The patient stays "
              "in the call-back list until they are reached.", "success")  # fmt: skip
    else:  # nobody asked for this call (not urgent, no hand-off): no list to stay in
        flash(f"Call recorded: {followups.OUTCOMES[outcome].lower()}.", "success")
    return _back(intake_id)


def _still_waiting(intake_id: int) -> bool:
    """The intake needs a call back, by the one definition (`bot.frontdesk.callback`)."""
    with unit_of_work(console().session_factory) as session:
        intake = session.get(Intake, intake_id)
        followup = session.get(IntakeFollowUp, intake_id)
        return intake is not None and needs_call_back(intake, followup)
