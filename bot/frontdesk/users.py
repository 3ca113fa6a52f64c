"""Staff accounts: Argon2 password hashes, lockout after failed logins, server-side sessions."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.frontdesk.models import ROLES, ConsoleSession, ConsoleUser

_HASHER = PasswordHasher()
# Verified against when the username is unknown, so both failures take the same time.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
MIN_PASSWORD = 10


class AccountError(ValueError):
    """A user cannot be created or changed as asked; the message says why."""


@dataclass(frozen=True)
class StaffUser:
    """The logged-in user as the web layer sees it (Flask-Login's user object)."""

    id: int
    username: str
    role: str
    session_token: str

    is_authenticated = True
    is_active = True
    is_anonymous = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def get_id(self) -> str:
        # Flask-Login keeps this in the cookie: the session token, not the user id, so that
        # logging out or timing out invalidates the cookie on the server.
        return self.session_token


@dataclass(frozen=True)
class LoginResult:
    user: ConsoleUser | None
    locked: bool = False


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def create_user(session: Session, username: str, password: str, role: str) -> ConsoleUser:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AccountError("usernames are 2-80 characters: lowercase letters, digits, . _ -")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"passwords need at least {MIN_PASSWORD} characters")
    if session.execute(select(ConsoleUser.id).filter_by(username=username)).first():
        raise AccountError(f"user {username!r} already exists")
    user = ConsoleUser(
        username=username, password_hash=hash_password(password), role=role, failed_logins=0
    )
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session,
    username: str,
    password: str,
    now: dt.datetime,
    max_failures: int = 5,
    lockout: dt.timedelta = dt.timedelta(minutes=15),
) -> LoginResult:
    """Check a password; `max_failures` wrong ones in a row lock the account for `lockout`."""
    user = session.execute(
        select(ConsoleUser).filter_by(username=username.strip().lower())
    ).scalar_one_or_none()
    if user is None or not user.active:
        _verify(_DUMMY_HASH, password)
        return LoginResult(None)
    if is_locked(user, now):
        _verify(_DUMMY_HASH, password)
        return LoginResult(None, locked=True)
    if not _verify(user.password_hash, password):
        user.failed_logins = (user.failed_logins or 0) + 1
        if user.failed_logins >= max_failures:
            user.locked_until = now + lockout
            user.failed_logins = 0
            return LoginResult(None, locked=True)
        return LoginResult(None)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return LoginResult(user)


def is_locked(user: ConsoleUser, now: dt.datetime) -> bool:
    """True while the account's lock after failed logins lasts."""
    return user.locked_until is not None and user.locked_until > now


def unlock(session: Session, username: str) -> ConsoleUser:
    """Lift an account's lock and forget its failed logins; AccountError if there is no such
    account. The caller writes the audit entry."""
    user = session.execute(
        select(ConsoleUser).filter_by(username=username.strip().lower())
    ).scalar_one_or_none()
    if user is None:
        raise AccountError(f"no account named {username.strip().lower()!r}")
    user.locked_until = None
    user.failed_logins = 0
    return user


def accounts(session: Session) -> list[ConsoleUser]:
    """Every staff account, by username (the admin's accounts page and `bot users list`)."""
    return list(session.scalars(select(ConsoleUser).order_by(ConsoleUser.username)))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, user: ConsoleUser, now: dt.datetime) -> str:
    """A fresh random session token for `user`; the caller puts it in the signed cookie."""
    token = secrets.token_urlsafe(32)
    session.add(
        ConsoleSession(token_hash=_digest(token), user_id=user.id, created_at=now, last_seen_at=now)
    )
    return token


def resume_session(
    session: Session, token: str, now: dt.datetime, idle: dt.timedelta
) -> StaffUser | None:
    """The user behind `token` if the session exists and was used within `idle`; else None."""
    row = session.get(ConsoleSession, _digest(token))
    if row is None:
        return None
    if now - row.last_seen_at > idle:
        session.delete(row)
        return None
    user = session.get(ConsoleUser, row.user_id)
    if user is None or not user.active:
        session.delete(row)
        return None
    # Writing on every request would serialise page loads on SQLite; a minute is precise enough.
    if now - row.last_seen_at > dt.timedelta(seconds=60):
        row.last_seen_at = now
    return StaffUser(id=user.id, username=user.username, role=user.role, session_token=token)


def end_session(session: Session, token: str) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == _digest(token)))
