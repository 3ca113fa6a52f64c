"""Tables the front desk owns: accounts, sessions, notes, follow-ups, call attempts and the audit
log."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Text

from bot.db import Base, UTCDateTime, utcnow

ROLES = ("frontdesk", "admin")


class ConsoleUser(Base):
    __tablename__ = "console_users"

    id = Column(Integer, primary_key=True)
    username = Column(String(80), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    role = Column(String(16), nullable=False, default="frontdesk")
    active = Column(Boolean, nullable=False, default=True)
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(UTCDateTime())
    last_login_at = Column(UTCDateTime())
    created_at = Column(UTCDateTime(), nullable=False, default=utcnow)


class ConsoleSession(Base):
    """One login. The cookie carries a random token; only its SHA-256 is stored here."""

    __tablename__ = "console_sessions"

    token_hash = Column(String(64), primary_key=True)
    user_id = Column(
        Integer, ForeignKey("console_users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    created_at = Column(UTCDateTime(), nullable=False)
    last_seen_at = Column(UTCDateTime(), nullable=False)


class StaffNote(Base):
    __tablename__ = "console_notes"

    id = Column(Integer, primary_key=True)
    intake_id = Column(
        Integer, ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    author_id = Column(Integer, ForeignKey("console_users.id"), nullable=False)
    body = Column(Text, nullable=False)
    created_at = Column(UTCDateTime(), nullable=False, default=utcnow)


class IntakeFollowUp(Base):
    """What the front desk did about one intake (the intake row itself belongs to the dialogue)."""

    __tablename__ = "console_followups"

    intake_id = Column(Integer, ForeignKey("intakes.id", ondelete="CASCADE"), primary_key=True)
    reviewed_by_id = Column(Integer, ForeignKey("console_users.id"))
    called_back_at = Column(UTCDateTime())
    called_back_by_id = Column(Integer, ForeignKey("console_users.id"))


class CallAttempt(Base):
    """One call back to a patient: its outcome (`OUTCOMES`) and the caller's note. Only
    `reached` unpins the intake (`bot.frontdesk.callback`)."""

    __tablename__ = "console_call_attempts"

    id = Column(Integer, primary_key=True)
    intake_id = Column(
        Integer, ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    user_id = Column(Integer, ForeignKey("console_users.id"), nullable=False)
    outcome = Column(String(16), nullable=False)
    note = Column(Text, nullable=False, default="")
    at = Column(UTCDateTime(), nullable=False, default=utcnow)


class AuditEntry(Base):
    """Who viewed or changed what. Holds ids and action names only, never health details."""

    __tablename__ = "console_audit"

    id = Column(Integer, primary_key=True)
    at = Column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    user_id = Column(Integer)
    username = Column(String(80), nullable=False)
    action = Column(String(40), nullable=False)
    intake_id = Column(Integer, index=True)
    booking_code = Column(String(32))
    detail = Column(String(200))


class LoginFailure(Base):
    """One refused console login from one client address; rows older than the window go.

    In the database, not in memory, so every waitress thread and every console process sees
    the same count.
    """

    __tablename__ = "console_login_failures"
    __table_args__ = (Index("ix_console_login_failures_client_at", "client", "at"),)

    id = Column(Integer, primary_key=True)
    client = Column(String(64), nullable=False)
    at = Column(UTCDateTime(), nullable=False, index=True)
