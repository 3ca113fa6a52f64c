"""When reminders go out: offsets before the appointment, moved out of quiet hours, never past.

`plan_for_booking` and `cancel_for_booking` run inside the booking services' transaction (the
bootstrap hands them to `bot.scheduling` as its `BookingEvents`), so a booking and its reminders
commit together or not at all. The offsets and quiet hours are the clinic profile's `reminders`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import List

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.clinic import ClinicProfile
from bot.db import utcnow
from bot.messaging.models import CANCELLED, PLANNED, Reminder
from bot.messaging.optout import is_opted_out
from bot.messaging.reminders.text import reminder_text
from bot.scheduling.models import BOOKED, Booking, Patient

# A reminder moved out of quiet hours goes this long before they start, so a worker that polls
# every minute or retries once still sends it before the quiet hours begin.
QUIET_MARGIN = dt.timedelta(minutes=15)


def _hhmm(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def in_quiet_hours(moment: dt.datetime, profile: ClinicProfile) -> bool:
    """True when `moment` falls in [quiet_start, quiet_end) clinic time (wrapping midnight)."""
    start, end = _hhmm(profile.reminders.quiet_start), _hhmm(profile.reminders.quiet_end)
    if start == end:
        return False
    local = moment.astimezone(profile.tz).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end


def move_out_of_quiet_hours(moment: dt.datetime, profile: ClinicProfile) -> dt.datetime:
    """`moment`, or (when it is quiet) QUIET_MARGIN before the quiet hours it falls in began."""
    if not in_quiet_hours(moment, profile):
        return moment
    start = _hhmm(profile.reminders.quiet_start)
    local = moment.astimezone(profile.tz)
    day = local.date()
    if local.time() < start:  # after midnight: the quiet hours began the evening before
        day -= dt.timedelta(days=1)
    began = dt.datetime.combine(day, start, tzinfo=profile.tz)
    return (began - QUIET_MARGIN).astimezone(dt.timezone.utc)


def quiet_hours_end(moment: dt.datetime, profile: ClinicProfile) -> dt.datetime:
    """The first moment after `moment` outside quiet hours (for deferring a late send)."""
    if not in_quiet_hours(moment, profile):
        return moment
    end = _hhmm(profile.reminders.quiet_end)
    local = moment.astimezone(profile.tz)
    day = local.date() if local.time() < end else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, end, tzinfo=profile.tz).astimezone(dt.timezone.utc)


def reminder_times(
    starts_at: dt.datetime, profile: ClinicProfile, now: dt.datetime
) -> List[tuple[int, dt.datetime]]:
    """(offset in minutes, send time) per configured offset, skipping those not in the future.

    Offsets are elapsed time ("2 hours before" is two real hours, also across a DST change);
    quiet hours are clinic wall-clock time.
    """
    # In UTC: arithmetic on a zoned datetime would be wall-clock time, off by the DST shift.
    starts_at = starts_at.astimezone(dt.timezone.utc)
    out = []
    for hours in profile.reminders.offsets_hours:
        offset = round(hours * 60)
        send_at = move_out_of_quiet_hours(starts_at - dt.timedelta(minutes=offset), profile)
        if now < send_at < starts_at:
            out.append((offset, send_at))
    return out


def plan_for_booking(
    session: Session, booking: Booking, profile: ClinicProfile, now: dt.datetime | None = None
) -> List[Reminder]:
    """Plan (or re-plan) this booking's reminders; returns the rows now planned.

    Call after the booking is flushed (it needs `booking.id`). Plans nothing when the booking is
    not booked, the patient gave no SMS consent or the number opted out; reminders already sent
    stay as they are. Calling it twice changes nothing.
    """
    now = now or utcnow()
    patient = session.get(Patient, booking.patient_id)
    wanted = {}
    if (
        booking.status == BOOKED
        and patient is not None
        and patient.sms_consent
        and not is_opted_out(session, patient.phone)
    ):
        wanted = dict(reminder_times(booking.starts_at, profile, now))
    existing = {
        r.offset_minutes: r
        for r in session.execute(select(Reminder).where(Reminder.booking_id == booking.id))
        .scalars()
    }
    planned = []
    for offset, reminder in existing.items():
        if reminder.status == PLANNED and offset not in wanted:
            _cancel(reminder, now, "replanned")
    for offset, send_at in wanted.items():
        reminder = existing.get(offset)
        if reminder is None:
            reminder = Reminder(
                booking_id=booking.id, offset_minutes=offset, created_at=now,
                idempotency_key=uuid.uuid4().hex, attempts=0,
            )
            session.add(reminder)
        elif reminder.status not in (PLANNED, CANCELLED):
            continue  # already sending or sent: leave it alone
        reminder.phone = patient.phone
        reminder.body = reminder_text(booking.starts_at, profile)
        reminder.send_at = reminder.next_attempt_at = send_at
        reminder.status, reminder.cancelled_at, reminder.cancel_reason = PLANNED, None, None
        planned.append(reminder)
    session.flush()
    return planned


def cancel_for_booking(
    session: Session, booking_id: int, now: dt.datetime | None = None, reason: str = "booking"
) -> int:
    """Cancel this booking's reminders that have not gone out; returns how many."""
    result = session.execute(
        update(Reminder)
        .where(Reminder.booking_id == booking_id, Reminder.status == PLANNED)
        .values(status=CANCELLED, cancelled_at=now or utcnow(), cancel_reason=reason)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount


def plan_for_phone(
    session: Session, phone: str, profile: ClinicProfile, now: dt.datetime
) -> List[Reminder]:
    """Plan the reminders of every upcoming booking of this number (after it opted back in)."""
    upcoming = session.execute(
        select(Booking)
        .join(Patient, Patient.id == Booking.patient_id)
        .where(Patient.phone == phone, Booking.status == BOOKED, Booking.starts_at > now)
    ).scalars()
    return [r for booking in upcoming for r in plan_for_booking(session, booking, profile, now)]


def _cancel(reminder: Reminder, now: dt.datetime, reason: str) -> None:
    reminder.status, reminder.cancelled_at, reminder.cancel_reason = CANCELLED, now, reason
