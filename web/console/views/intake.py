"""One intake: summary, body chart, transcript with evidence, booking, notes and follow-up."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from bot.db import unit_of_work
from bot.frontdesk import audit, followups
from bot.frontdesk.bookings import texts_for_bookings
from bot.frontdesk.queries import intake_detail
from bot.frontdesk.transcripts import transcript
from web.console.bodychart import body_chart
from web.console.db import actor, console, db, release_db
from web.console.forms import ActionForm, NoteForm
from web.console.highlight import evidence_spans, transcript_html

log = logging.getLogger(__name__)
bp = Blueprint("intake", __name__)


@bp.get("/intakes/<int:intake_id>")
def show(intake_id: int):  # type: ignore[no-untyped-def]
    ctx = console()
    detail = intake_detail(db(), intake_id)
    if detail is None:
        abort(404)
    spans = evidence_spans(detail.intake.evidence)
    turns = transcript_html(transcript(db(), detail.intake.conversation_id), detail.intake.evidence)
    release_db()
    booking = detail.booking
    texts = texts_for_bookings(ctx.session_factory, [booking])[booking.id] if booking else None
    with unit_of_work(ctx.session_factory) as session:
        audit.record(session, actor(), "view_intake", ctx.now(), intake_id=intake_id)
    return render_template(
        "intake.html",
        d=detail,
        i=detail.intake,
        chart=body_chart(detail.intake.locations),
        turns=turns,
        spans=spans,
        texts=texts,
        action_form=ActionForm(),
        note_form=NoteForm(),
    )


@bp.post("/intakes/<int:intake_id>/notes")
def add_note(intake_id: int):  # type: ignore[no-untyped-def]
    form = NoteForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash("A note needs some text (at most 4000 characters).", "error")
        return redirect(url_for("intake.show", intake_id=intake_id) + "#notes")
    ctx = console()
    with unit_of_work(ctx.session_factory) as session:
        try:
            followups.add_note(session, intake_id, current_user.id, form.body.data, ctx.now())
        except followups.NotFound:
            abort(404)
        audit.record(session, actor(), "add_note", ctx.now(), intake_id=intake_id)
    flash("Note added.", "success")
    return redirect(url_for("intake.show", intake_id=intake_id) + "#notes")
