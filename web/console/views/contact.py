"""Staff correct an intake's contact details (name, phone, email) from the intake page."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, url_for
from flask_login import current_user

from bot.db import unit_of_work
from bot.frontdesk import audit
from bot.frontdesk.contact_edit import InvalidCorrection, checked_contact, correct_contact
from bot.frontdesk.followups import NotFound
from web.console.db import actor, console
from web.console.forms import ContactForm

log = logging.getLogger(__name__)
bp = Blueprint("contact", __name__)


@bp.post("/intakes/<int:intake_id>/contact")
def edit(intake_id: int):  # type: ignore[no-untyped-def]
    """Form fields `name`, `phone`, `email` (+ CSRF token). An invalid value changes nothing
    and says which field; a change is audited as `edit_contact` with the fields' names only."""
    form = ContactForm()
    back = redirect(url_for("intake.show", intake_id=intake_id) + "#contact")
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash("A contact field is too long.", "error")
        return back
    try:
        details = checked_contact(form.name.data, form.phone.data, form.email.data)
    except InvalidCorrection as err:
        flash(f"Contact details not changed: {err}", "error")
        return back
    ctx = console()
    with unit_of_work(ctx.session_factory) as session:
        try:
            changed = correct_contact(session, intake_id, details)
        except NotFound:
            abort(404)
        if changed:
            detail = "fields: " + ", ".join(changed)
            audit.record(session, actor(), "edit_contact", ctx.now(), intake_id, detail=detail)
    log.info("intake %s: contact %s by user_id=%s", intake_id, changed, current_user.id)
    flash(
        "Contact details updated." if changed else "Nothing changed.",
        "success" if changed else "info",
    )
    return back
