"""Session-level helpers of the booking services: claim and free cells, find rows, add patients."""

from __future__ import annotations

import datetime as dt
from typing import Dict, List, Set

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.clinic import ClinicProfile
from bot.scheduling.availability import Slot, horizon_days, slot_cells
from bot.scheduling.contact import (
    PatientDetails,
    new_booking_code,
    normalize_code,
    normalize_phone,
)
from bot.scheduling.errors import BookingNotFound, InvalidPhone, SlotTaken
from bot.scheduling.models import BOOKED, Booking, Hold, Patient, ScheduleCell

# How each database names the UNIQUE (therapist_id, cell_start) key in its error message.
_CELL_KEY_MARKERS = (
    "uq_schedule_cells_therapist_cell",  # PostgreSQL: the constraint's name
    "schedule_cells.therapist_id, schedule_cells.cell_start",  # SQLite: the columns
)


def is_cell_conflict(err: IntegrityError) -> bool:
    """True when the UNIQUE (therapist_id, cell_start) key refused the insert."""
    message = str(err.orig)
    return any(marker in message for marker in _CELL_KEY_MARKERS)


def load_busy(
    session: Session,
    profile: ClinicProfile,
    now: dt.datetime,
    ignore_conversation: str | None = None,
) -> Dict[str, Set[dt.datetime]]:
    """Cells held by bookings and live holds over the horizon, per therapist."""
    days = horizon_days(profile, now)
    until = dt.datetime.combine(days[-1] + dt.timedelta(days=2), dt.time(), tzinfo=profile.tz)
    query = select(ScheduleCell.therapist_id, ScheduleCell.cell_start).where(
        ScheduleCell.cell_start >= now - dt.timedelta(days=1),
        ScheduleCell.cell_start < until,
        or_(ScheduleCell.booking_id.isnot(None), ScheduleCell.expires_at > now),
    )
    if ignore_conversation is not None:
        own = select(Hold.id).where(Hold.conversation_id == ignore_conversation)
        query = query.where(or_(ScheduleCell.hold_id.is_(None), ScheduleCell.hold_id.not_in(own)))
    busy: Dict[str, Set[dt.datetime]] = {}
    for therapist_id, cell_start in session.execute(query):
        busy.setdefault(therapist_id, set()).add(cell_start)
    return busy


def clear_expired_holds(
    session: Session, therapist_id: str, cells: List[dt.datetime], now: dt.datetime
) -> None:
    """Free the cells of expired holds on these cells, inside the caller's transaction.

    The hold rows stay until their conversation moves on (or `purge_expired_holds`), so a late
    `book` can tell the patient that their hold lapsed rather than just "taken".
    """
    expired = select(ScheduleCell.hold_id).where(
        ScheduleCell.therapist_id == therapist_id,
        ScheduleCell.cell_start.in_(cells),
        ScheduleCell.hold_id.isnot(None),
        ScheduleCell.expires_at <= now,
    )
    hold_ids = set(session.execute(expired).scalars())
    if hold_ids:
        session.execute(delete(ScheduleCell).where(ScheduleCell.hold_id.in_(hold_ids)))


def release_holds_by_id(session: Session, hold_ids: Set[int]) -> None:
    if not hold_ids:
        return
    session.execute(delete(ScheduleCell).where(ScheduleCell.hold_id.in_(hold_ids)))
    session.execute(
        delete(Hold).where(Hold.id.in_(hold_ids)).execution_options(synchronize_session=False)
    )


def release_booking_cells(session: Session, booking_id: int) -> None:
    session.execute(delete(ScheduleCell).where(ScheduleCell.booking_id == booking_id))


def claim_cells(
    session: Session,
    profile: ClinicProfile,
    slot: Slot,
    now: dt.datetime,
    *,
    booking_id: int | None = None,
    hold_id: int | None = None,
    expires_at: dt.datetime | None = None,
) -> None:
    """Insert the slot's cells for one owner; SlotTaken if any is already owned.

    Not check-then-insert: the database's UNIQUE key refuses the second owner, even when two
    transactions run at the same instant. The caller's transaction must then roll back.
    """
    cells = slot_cells(slot, profile)
    clear_expired_holds(session, slot.therapist_id, cells, now)
    rows = [
        {
            "therapist_id": slot.therapist_id,
            "cell_start": cell,
            "booking_id": booking_id,
            "hold_id": hold_id,
            "expires_at": expires_at,
        }
        for cell in cells
    ]
    try:
        session.execute(insert(ScheduleCell), rows)
    except IntegrityError as err:
        if is_cell_conflict(err):
            raise SlotTaken("this time was just taken") from err
        raise


def conversation_holds(session: Session, conversation_id: str) -> List[Hold]:
    query = select(Hold).where(Hold.conversation_id == conversation_id)
    return list(session.execute(query).scalars())


def release_conversation_holds(session: Session, conversation_id: str) -> int:
    ids = {h.id for h in conversation_holds(session, conversation_id)}
    release_holds_by_id(session, ids)
    return len(ids)


def upsert_patient(session: Session, details: PatientDetails, now: dt.datetime) -> Patient:
    """The patient with this phone and name, updated with today's details, or a new one."""
    patient = session.execute(
        select(Patient)
        .where(Patient.phone == details.phone, func.lower(Patient.name) == details.name.lower())
        .order_by(Patient.id)
        .limit(1)
    ).scalar()
    if patient is None:
        patient = Patient(name=details.name, phone=details.phone, created_at=now)
        session.add(patient)
    if details.email:
        patient.email = details.email
    if details.sms_consent and not patient.sms_consent:
        patient.sms_consent_at = now
    elif not details.sms_consent:
        patient.sms_consent_at = None
    patient.sms_consent = details.sms_consent
    session.flush()
    return patient


def new_booking(session: Session, slot: Slot, patient: Patient, now: dt.datetime) -> Booking:
    code = new_booking_code()
    while session.execute(select(Booking.id).where(Booking.code == code)).first():
        code = new_booking_code()
    booking = Booking(
        code=code,
        patient_id=patient.id,
        therapist_id=slot.therapist_id,
        appointment_type_id=slot.appointment_type_id,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        status=BOOKED,
        created_at=now,
    )
    session.add(booking)
    return booking


def _at_slot(slot: Slot) -> tuple:
    """The conditions for a booking of exactly `slot`: therapist, appointment type and start."""
    return (
        Booking.therapist_id == slot.therapist_id,
        Booking.appointment_type_id == slot.appointment_type_id,
        Booking.starts_at == slot.starts_at,
    )


def find_live_booking(
    session: Session, conversation_id: str, slot: Slot
) -> tuple[Booking, Patient] | None:
    """This conversation's live booking of exactly this slot (therapist, start, type), if any.

    What a hold keeps (conversation and slot) is what makes two booking requests the same one.
    """
    row = session.execute(
        select(Booking, Patient)
        .join(Patient, Patient.id == Booking.patient_id)
        .where(
            Booking.conversation_id == conversation_id,
            Booking.status == BOOKED,
            *_at_slot(slot),
        )
        .order_by(Booking.id)
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def find_move(session: Session, old_booking_id: int, slot: Slot) -> Booking | None:
    """The live booking that a reschedule of `old_booking_id` to exactly `slot` made, if any."""
    return session.execute(
        select(Booking)
        .where(
            Booking.rescheduled_from == old_booking_id,
            Booking.status == BOOKED,
            *_at_slot(slot),
        )
        .order_by(Booking.id)
        .limit(1)
    ).scalar()


def find_booking_row(session: Session, code: str, phone: str) -> tuple[Booking, Patient]:
    wanted = normalize_code(code)
    try:
        e164 = normalize_phone(phone)
    except InvalidPhone as err:
        raise BookingNotFound("no booking with this code and phone") from err
    row = None
    if wanted:
        row = session.execute(
            select(Booking, Patient)
            .join(Patient, Patient.id == Booking.patient_id)
            .where(Booking.code == wanted, Patient.phone == e164)
        ).first()
    if row is None:
        raise BookingNotFound("no booking with this code and phone")
    return row[0], row[1]
