"""Read side of the front desk: the queue (pinned, filtered, counted), one intake's details and
the intakes of a period."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, not_, or_, select
from sqlalchemy.orm import Session

from bot.frontdesk.bookings import BookingView, bookings_for_intakes, intake_ids_for_code
from bot.frontdesk.callback import (
    ADVICE_ORDER,
    ADVICE_RANK,
    HANDOFF,
    NEEDS_CALL_BACK,
    REACHED,
    URGENT,
    call_back_state,
)
from bot.frontdesk.models import CallAttempt, ConsoleUser, IntakeFollowUp, StaffNote
from bot.intake.models import Intake

QUEUE_STATUSES = ("urgent", "callback", "new", "reviewed")
# The queue's tabs: "callback" is everyone who needs a call back (urgent ones included).
TABS = ("callback", "urgent", "new", "reviewed")
PAIN_CLASSES = ("chronic", "acute", "unknown")
PAGE_SIZE = 50

_reviewed = or_(Intake.reviewed_at.isnot(None), Intake.status == "reviewed")
# Each row's status; urgent and call-back intakes stay pinned until the patient is reached.
QUEUE_STATUS = case(
    (and_(URGENT, not_(REACHED)), "urgent"),
    (and_(HANDOFF, not_(REACHED)), "callback"),
    (_reviewed, "reviewed"),
    else_="new",
)
_PIN = case((NEEDS_CALL_BACK, 0), else_=1)
# Among pinned rows: urgent by advice level (emergency first), then the hand-off requests.
_ADVICE = case((and_(URGENT, not_(REACHED)), ADVICE_RANK), else_=len(ADVICE_ORDER) + 1)
_TAB = {
    "callback": NEEDS_CALL_BACK,
    "urgent": QUEUE_STATUS == "urgent",
    "new": QUEUE_STATUS == "new",
    # Every reviewed intake, pinned ones too: an urgent row marked "✓ Reviewed" was in no
    # Reviewed tab, which said "No intakes match" (front-desk newcomer test).
    "reviewed": _reviewed,
}


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
    """`counts` has one entry per tab (`TABS`): `callback` is the number who need a call back,
    `urgent` those of them who are urgent; `all` counts every intake the filters match."""

    rows: list[QueueRow]
    counts: dict[str, int]
    total: int
    page: int
    pages: int
    # The banner's counts, whatever the filters: a search never hides a patient who is waiting.
    waiting: dict[str, int] = field(default_factory=dict)


@dataclass
class IntakeDetail:
    intake: Intake
    status: str
    followup: IntakeFollowUp | None
    booking: BookingView | None
    notes: list[tuple[StaffNote, str]] = field(default_factory=list)
    reviewed_by: str | None = None
    called_back_by: str | None = None
    calls: list[tuple[CallAttempt, str]] = field(default_factory=list)

    @property
    def call_back(self) -> str:
        """The call-back state for the contact card (`bot.frontdesk.callback.call_back_state`)."""
        return call_back_state(self.intake, self.followup)


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
        status=status if status in TABS else None,
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


def _counts(session: Session, conds: list) -> dict[str, int]:
    """Each tab's count by the tab's own condition (`_TAB`): a tab and its count agree."""
    reviewed = case((_reviewed, 1), else_=0)
    query = (
        select(QUEUE_STATUS, NEEDS_CALL_BACK, reviewed, func.count())
        .select_from(Intake)
        .outerjoin(IntakeFollowUp, IntakeFollowUp.intake_id == Intake.id)
        .where(*conds)
        .group_by(QUEUE_STATUS, NEEDS_CALL_BACK, reviewed)
    )
    counts = {tab: 0 for tab in (*TABS, "all")}
    for status, needs, was_reviewed, n in session.execute(query):
        counts["all"] += n
        if needs:
            counts["callback"] += n
        if was_reviewed:
            counts["reviewed"] += n
        if status in ("urgent", "new"):
            counts[status] += n
    return counts


def queue(session: Session, filters: QueueFilters, tz: dt.tzinfo) -> Queue:
    """Intakes that need a call back first (urgent by advice level, emergency first, then those
    who asked for a call), then the others; newest first within each; with counts per tab."""
    base = select(Intake, IntakeFollowUp, QUEUE_STATUS.label("queue_status")).outerjoin(
        IntakeFollowUp, IntakeFollowUp.intake_id == Intake.id
    )
    conds = _conditions(session, filters, tz)
    counts = _counts(session, conds)
    waiting = _counts(session, []) if conds else counts
    if filters.status in _TAB:
        conds.append(_TAB[filters.status])
    total = counts[filters.status] if filters.status in _TAB else counts["all"]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, filters.page), pages)
    query = (
        base.where(*conds)
        .order_by(_PIN, _ADVICE, Intake.created_at.desc(), Intake.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    rows = [QueueRow(intake, status, fu) for intake, fu, status in session.execute(query)]
    bookings = bookings_for_intakes(session, [r.intake for r in rows])
    for row in rows:
        row.booking = bookings.get(row.intake.id)
    return Queue(rows=rows, counts=counts, total=total, page=page, pages=pages, waiting=waiting)


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
    calls = session.execute(
        select(CallAttempt, ConsoleUser.username)
        .join(ConsoleUser, ConsoleUser.id == CallAttempt.user_id)
        .where(CallAttempt.intake_id == intake_id)
        .order_by(CallAttempt.at, CallAttempt.id)
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
        calls=[(call, name) for call, name in calls],
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
