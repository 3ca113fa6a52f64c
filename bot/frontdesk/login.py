"""The console's login decision: the per-client rate limit first, then the account's password.

A client address gets `client_limit` refused logins per `client_window`; after that it is
answered "too many attempts" without its password being checked. The account lock needs more
failures in a row (`account_limit`) than one address may make, so one stranger cannot lock a
staff account; an admin can unlock one (`bot.frontdesk.users.unlock`).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.frontdesk.models import ConsoleUser, LoginFailure
from bot.frontdesk.users import authenticate

MAX_CLIENT = 64


class Outcome(enum.Enum):
    SIGNED_IN = "signed_in"
    REFUSED = "refused"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class LoginPolicy:
    """The numbers of the two limits; the console's config builds one."""

    client_limit: int = 10
    client_window: dt.timedelta = dt.timedelta(minutes=15)
    account_limit: int = 20
    account_lockout: dt.timedelta = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class LoginAttempt:
    """What happened. `account_locked` and `client_blocked` are for the audit log and the
    logs only: the page says the same for every refusal, so it names no account."""

    outcome: Outcome
    user: ConsoleUser | None = None
    account_locked: bool = False
    client_blocked: bool = False
    retry_after: dt.timedelta | None = None


def attempt_login(
    session: Session,
    client: str,
    username: str,
    password: str,
    now: dt.datetime,
    policy: LoginPolicy = LoginPolicy(),
) -> LoginAttempt:
    """Decide one login from `client` (its address); records a refusal against the client."""
    client = (client or "unknown")[:MAX_CLIENT]
    since = now - policy.client_window
    recent = _failures(session, client, since)
    if len(recent) >= policy.client_limit:
        return LoginAttempt(Outcome.THROTTLED, retry_after=_retry_after(recent, policy, now))
    result = authenticate(
        session,
        username,
        password,
        now,
        max_failures=policy.account_limit,
        lockout=policy.account_lockout,
    )
    if result.user is not None:
        return LoginAttempt(Outcome.SIGNED_IN, user=result.user)
    # Old rows of every client go here, so the table holds one window's worth at most.
    session.execute(delete(LoginFailure).where(LoginFailure.at <= since))
    session.add(LoginFailure(client=client, at=now))
    blocked = len(recent) + 1 >= policy.client_limit
    return LoginAttempt(Outcome.REFUSED, account_locked=result.locked, client_blocked=blocked)


def _failures(session: Session, client: str, since: dt.datetime) -> list[dt.datetime]:
    query = (
        select(LoginFailure.at)
        .where(LoginFailure.client == client, LoginFailure.at > since)
        .order_by(LoginFailure.at)
    )
    return list(session.scalars(query))


def _retry_after(recent: list[dt.datetime], policy: LoginPolicy, now: dt.datetime) -> dt.timedelta:
    """When enough of the window's failures have aged out for one more attempt."""
    oldest_that_counts = recent[len(recent) - policy.client_limit]
    return max(dt.timedelta(seconds=1), oldest_that_counts + policy.client_window - now)
