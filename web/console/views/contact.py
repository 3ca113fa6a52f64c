"""Staff correct an intake's contact details (name, phone, email) from the intake page."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, url_for
from flask_login import current_user

from bot.db import unit_of_work
from bot.frontdesk import audit
from bot.frontdesk.contact_edit import (
    InvalidCorrection,
    RemovalNotConfirmed,
    checked_contact,
    correct_contact,
)
from bot.frontdesk.followups import NotFound
from web.console.db import actor, console
from web.console.forms import ContactForm

log = logging.getLogger(__name__)
bp = Blueprint("contact", __name__)


_FIELD_NAMES = {"name": "name", "phone": "phone number", "email": "email address"}


def _removal_warning(err: RemovalNotConfirmed) -> str:
    fields = " and ".join(_FIELD_NAMES[f] for f in err.fields)
    why = (
        " This patient is urgent: without a phone number the clinic may not be able to call them."
        if err.urgent and "phone" in err.fields
        else ""
    )
    return (
        f"Contact details not changed: saving would remove the patient's {fields}.{why} "
        'To remove it, empty the field, tick "Remove the details I emptied" and save again.'
    )


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
    try:
        with unit_of_work(ctx.session_factory) as session:
            changed = correct_contact(
                session,
                intake_id,
                details,
                ctx.now(),
                confirm_removal=bool(form.confirm_removal.data),
            )
            if changed:
                detail = "fields: " + ", ".join(changed)
                audit.record(session, actor(), "edit_contact", ctx.now(), intake_id, detail=detail)
    except NotFound:
        abort(404)
    except RemovalNotConfirmed as err:
        flash(_removal_warning(err), "error")
        return back
    log.info("intake %s: contact %s by user_id=%s", intake_id, changed, current_user.id)
    flash(
        "Contact details updated." if changed else "Nothing changed.",
        "success" if changed else "info",
    )
    return back
