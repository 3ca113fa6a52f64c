"""Read side of the front desk: the queue (pinned, filtered, counted), one intake's details and
the intakes of a period."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import String, and_, case, cast, func, not_, or_, select
from sqlalchemy.orm import Session

from bot.frontdesk.bookings import BookingView, bookings_for_intakes, intake_ids_for_code
from bot.frontdesk.models import ConsoleUser, IntakeFollowUp, StaffNote
from bot.intake.models import Intake

QUEUE_STATUSES = ("urgent", "callback", "new", "reviewed")
PAIN_CLASSES = ("chronic", "acute", "unknown")
PAGE_SIZE = 50

_called_back = IntakeFollowUp.called_back_at.isnot(None)
_has_red_flags = and_(
    Intake.red_flags.isnot(None), cast(Intake.red_flags, String).notin_(("[]", "null"))
)
_urgent = or_(Intake.status == "urgent", Intake.crisis.is_(True), _has_red_flags)
_callback = or_(Intake.status == "callback", Intake.callback_requested.is_(True))
_reviewed = or_(Intake.reviewed_at.isnot(None), Intake.status == "reviewed")
# Urgent and call-back intakes stay pinned until someone records the call.
QUEUE_STATUS = case(
    (and_(_urgent, not_(_called_back)), "urgent"),
    (and_(_callback, not_(_called_back)), "callback"),
    (_reviewed, "reviewed"),
    else_="new",
)
_PIN = case((QUEUE_STATUS == "urgent", 0), (QUEUE_STATUS == "callback", 1), else_=2)


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = None
    pain_class: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""
    page: int = 1


@dataclass
class QueueRow:
    intake: Intake
    status: str
    followup: IntakeFollowUp | None
    booking: BookingView | None = None

    @property
    def pinned(self) -> bool:
        return self.status in ("urgent", "callback")

    @property
    def reviewed(self) -> bool:
        return self.intake.reviewed_at is not None or self.intake.status == "reviewed"


@dataclass
class Queue:
    rows: list[QueueRow]
    counts: dict[str, int]
    total: int
    page: int
    pages: int


@dataclass
class IntakeDetail:
    intake: Intake
    status: str
    followup: IntakeFollowUp | None
    booking: BookingView | None
    notes: list[tuple[StaffNote, str]] = field(default_factory=list)
    reviewed_by: str | None = None
    called_back_by: str | None = None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def filters_from(args: Mapping[str, str]) -> QueueFilters:
    """Filters from a query string; anything malformed is ignored, not an error."""
    status = args.get("status") or None
    pain_class = args.get("class") or None
    try:
        page = int(args.get("page") or 1)
    except ValueError:
        page = 1
    return QueueFilters(
        status=status if status in QUEUE_STATUSES else None,
        pain_class=pain_class if pain_class in PAIN_CLASSES else None,
        date_from=_date(args.get("from")),
        date_to=_date(args.get("to")),
        q=(args.get("q") or "")[:100],
        page=page,
    )


def _day_bounds(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=tz).astimezone(dt.timezone.utc)


def _conditions(session: Session, filters: QueueFilters, tz: dt.tzinfo) -> list:
    conds: list = []
    if filters.pain_class == "unknown":
        conds.append(Intake.pain_class.is_(None))
    elif filters.pain_class in ("chronic", "acute"):
        conds.append(Intake.pain_class == filters.pain_class)
    if filters.date_from:
        conds.append(Intake.created_at >= _day_bounds(filters.date_from, tz))
    if filters.date_to:
        conds.append(Intake.created_at < _day_bounds(filters.date_to + dt.timedelta(days=1), tz))
    q = filters.q.strip()
    if q:
        matches = [Intake.patient_name.ilike(f"%{_like(q)}%", escape="\\")]
        digits = re.sub(r"\D", "", q)
        if len(digits) >= 4:
            matches.append(Intake.phone.like(f"%{digits}%"))
        ids = intake_ids_for_code(session, q)
        if ids:
            matches.append(Intake.id.in_(ids))
        conds.append(or_(*matches))
    return conds


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def queue(session: Session, filters: QueueFilters, tz: dt.tzinfo) -> Queue:
    """Intakes, urgent then call-back first, newest first; with counts per status."""
    base = select(Intake, IntakeFollowUp, QUEUE_STATUS.label("queue_status")).outerjoin(
        IntakeFollowUp, IntakeFollowUp.intake_id == Intake.id
    )
    conds = _conditions(session, filters, tz)
    counted = (
        select(QUEUE_STATUS, func.count())
        .select_from(Intake)
        .outerjoin(IntakeFollowUp, IntakeFollowUp.intake_id == Intake.id)
        .where(*conds)
        .group_by(QUEUE_STATUS)
    )
    counts = {status: 0 for status in QUEUE_STATUSES}
    counts.update({status: n for status, n in session.execute(counted)})
    if filters.status in QUEUE_STATUSES:
        conds.append(filters.status == QUEUE_STATUS)
    total = counts[filters.status] if filters.status in counts else sum(counts.values())
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, filters.page), pages)
    query = (
        base.where(*conds)
        .order_by(_PIN, Intake.created_at.desc(), Intake.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    rows = [QueueRow(intake, status, fu) for intake, fu, status in session.execute(query)]
    bookings = bookings_for_intakes(session, [r.intake for r in rows])
    for row in rows:
        row.booking = bookings.get(row.intake.id)
    return Queue(rows=rows, counts=counts, total=total, page=page, pages=pages)


def intake_detail(session: Session, intake_id: int) -> IntakeDetail | None:
    found = session.execute(
        select(Intake, IntakeFollowUp, QUEUE_STATUS)
        .outerjoin(IntakeFollowUp, IntakeFollowUp.intake_id == Intake.id)
        .where(Intake.id == intake_id)
    ).first()
    if found is None:
        return None
    intake, followup, status = found
    notes = session.execute(
        select(StaffNote, ConsoleUser.username)
        .join(ConsoleUser, ConsoleUser.id == StaffNote.author_id)
        .where(StaffNote.intake_id == intake_id)
        .order_by(StaffNote.created_at)
    ).all()
    names = _usernames(session, followup)
    return IntakeDetail(
        intake=intake,
        status=status,
        followup=followup,
        booking=bookings_for_intakes(session, [intake]).get(intake.id),
        notes=[(note, name) for note, name in notes],
        reviewed_by=names.get(followup.reviewed_by_id) if followup else None,
        called_back_by=names.get(followup.called_back_by_id) if followup else None,
    )


def _usernames(session: Session, followup: IntakeFollowUp | None) -> dict[int, str]:
    if followup is None:
        return {}
    ids = {i for i in (followup.reviewed_by_id, followup.called_back_by_id) if i}
    if not ids:
        return {}
    query = select(ConsoleUser.id, ConsoleUser.username).where(ConsoleUser.id.in_(ids))
    return dict(session.execute(query).all())


def intakes_created(
    session: Session, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> list[tuple[Intake, str, BookingView | None]]:
    """(intake, queue status, booking) for every intake created in [since, until), oldest first."""
    query = (
        select(Intake, QUEUE_STATUS)
        .outerjoin(IntakeFollowUp, IntakeFollowUp.intake_id == Intake.id)
        .order_by(Intake.created_at, Intake.id)
    )
    if since is not None:
        query = query.where(Intake.created_at >= since)
    if until is not None:
        query = query.where(Intake.created_at < until)
    rows = session.execute(query).all()
    bookings = bookings_for_intakes(session, [intake for intake, _ in rows])
    return [(intake, status, bookings.get(intake.id)) for intake, status in rows]


def intakes_between(
    session: Session, start: dt.date, end: dt.date, tz: dt.tzinfo
) -> list[tuple[Intake, str, BookingView | None]]:
    """`intakes_created` for the clinic-local days [start, end]."""
    return intakes_created(
        session, _day_bounds(start, tz), _day_bounds(end + dt.timedelta(days=1), tz)
    )
