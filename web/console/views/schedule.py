"""Schedule pages (day and week per therapist) and staff changes to a booking."""

from __future__ import annotations

import datetime as dt
import logging

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from bot import scheduling
from bot.contact import readable_phone
from bot.frontdesk.booking_actions import cancel_booking, reschedule_booking
from bot.frontdesk.bookings import booking_by_id
from bot.frontdesk.schedule import day_grid, week_grid
from web.console.db import actor, console, db, release_db
from web.console.forms import ActionForm

log = logging.getLogger(__name__)
bp = Blueprint("schedule", __name__)


def _day_arg(name: str = "date") -> dt.date:
    ctx = console()
    try:
        return dt.date.fromisoformat(request.args.get(name) or "")
    except ValueError:
        return ctx.profile.today(ctx.now())


@bp.get("/schedule")
def index():  # type: ignore[no-untyped-def]
    ctx = console()
    day = _day_arg()
    view = "week" if request.args.get("view") == "week" else "day"
    step = dt.timedelta(days=7 if view == "week" else 1)
    grid = week_grid(db(), ctx.profile, day) if view == "week" else day_grid(db(), ctx.profile, day)
    return render_template(
        "schedule.html",
        view=view,
        day=day,
        grid=grid,
        prev=day - step,
        next=day + step,
        today=ctx.profile.today(ctx.now()),
    )


def _back(booking) -> str:  # type: ignore[no-untyped-def]
    if booking.intake_id:
        return url_for("intake.show", intake_id=booking.intake_id) + "#booking"
    day = booking.starts_at.astimezone(console().tz).date()
    return url_for("schedule.index", date=day.isoformat())


@bp.post("/bookings/<int:booking_id>/cancel")
def cancel(booking_id: int):  # type: ignore[no-untyped-def]
    if not ActionForm().validate_on_submit():
        abort(400)
    ctx = console()
    booking = booking_by_id(db(), booking_id) or abort(404)
    release_db()
    try:
        cancel_booking(
            ctx.session_factory, ctx.clock, actor(), booking, events=ctx.booking_events
        )
    except scheduling.SchedulingError as err:
        log.info("booking %s not cancelled: %s", booking_id, type(err).__name__)
        flash("This booking can no longer be cancelled (it has started or is gone).", "error")
        return redirect(_back(booking))
    ctx.send_booking_emails()
    flash(
        f"Booking {booking.code} cancelled; the time is free again. {_told(booking)}", "success"
    )
    return redirect(_back(booking))


def _told(booking) -> str:  # type: ignore[no-untyped-def]
    """How the patient hears of a staff change: the update email, or staff tell them."""
    if booking.email:
        return "The patient has been emailed the change."
    phone = readable_phone(booking.phone)
    return f"No email on file: please call or text the patient on {phone} to tell them."


@bp.route("/bookings/<int:booking_id>/reschedule", methods=["GET", "POST"])
def reschedule(booking_id: int):  # type: ignore[no-untyped-def]
    ctx = console()
    booking = booking_by_id(db(), booking_id) or abort(404)
    release_db()
    form = ActionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        return _do_reschedule(booking, request.form.get("slot", ""))
    if not booking.is_booked or booking.starts_at <= ctx.now():
        flash("Only upcoming bookings can be moved.", "error")
        return redirect(_back(booking))
    slots = scheduling.open_slots(
        ctx.session_factory, ctx.profile, ctx.clock, booking.appointment_type_id
    )
    days = sorted({s.starts_at.astimezone(ctx.tz).date() for s in slots})
    chosen = _day_arg()
    if chosen not in days:
        chosen = days[0] if days else chosen
    by_therapist: dict[str, list] = {}
    for slot in slots:
        if slot.starts_at.astimezone(ctx.tz).date() == chosen:
            by_therapist.setdefault(slot.therapist_id, []).append(slot)
    return render_template(
        "reschedule.html",
        b=booking,
        days=days,
        chosen=chosen,
        by_therapist=by_therapist,
        form=form,
        back=_back(booking),
    )


def _do_reschedule(booking, key: str):  # type: ignore[no-untyped-def]
    ctx = console()
    try:
        new = reschedule_booking(
            ctx.session_factory, ctx.profile, ctx.clock, actor(), booking, key,
            events=ctx.booking_events,
        )
    except scheduling.SchedulingError as err:
        log.info("booking %s not moved: %s", booking.id, type(err).__name__)
        flash("That time is no longer available. Please pick another.", "error")
        return redirect(url_for("schedule.reschedule", booking_id=booking.id))
    log.info("booking %s moved to booking %s by user_id=%s", booking.id, new.id, current_user.id)
    ctx.send_booking_emails()
    flash(
        f"Moved to a new time; the new booking code is {new.code}. {_told(new)}", "success"
    )
    return redirect(_back(new))
