"""The `intakes` table: one row per intake conversation."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Integer, String, Text

from bot.db import Base, JSONType, UTCDateTime, utcnow

STATUSES = ("new", "reviewed", "urgent", "callback")


class Intake(Base):
    __tablename__ = "intakes"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(32), nullable=False, default="rest")
    status = Column(String(16), nullable=False, default="new", index=True)
    # Pain, named as in the data dictionary (shared/spec/intake-data.md).
    duration_weeks = Column(Float)
    duration_range = Column(JSONType)
    duration_text = Column(Text)
    pain_class = Column(String(16), index=True)
    pain_stage = Column(String(16))
    locations = Column(JSONType, nullable=False, default=list)
    activities = Column(JSONType, nullable=False, default=list)
    activities_text = Column(Text)
    pain_score = Column(Integer)
    red_flags = Column(JSONType, nullable=False, default=list)
    crisis = Column(Boolean, nullable=False, default=False)
    callback_requested = Column(Boolean, nullable=False, default=False)
    evidence = Column(JSONType, nullable=False, default=dict)
    raw_answers = Column(JSONType, nullable=False, default=dict)
    summary_confirmed = Column(Boolean, nullable=False, default=False)
    # Contact data, when the flow collected it.
    patient_name = Column(String(200))
    phone = Column(String(32), index=True)
    email = Column(String(320))
    # When staff last corrected name, phone or email: the conversation no longer writes them.
    contact_corrected_at = Column(UTCDateTime())
    completed_at = Column(UTCDateTime())
    reviewed_at = Column(UTCDateTime())
    created_at = Column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    updated_at = Column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)
