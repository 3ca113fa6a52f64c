"""reminders: planned SMS reminders, the opt-out registry and text confirmations

Revision ID: 0004_reminders
Revises: 0002_scheduling
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from bot.db import UTCDateTime

revision = "0004_reminders"
down_revision = "0002_scheduling"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("offset_minutes", sa.Integer(), nullable=False),
        sa.Column("send_at", UTCDateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("claim_token", sa.String(36)),
        sa.Column("lease_until", UTCDateTime()),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.Column("provider_sid", sa.String(64)),
        sa.Column("error_code", sa.String(16)),
        sa.Column("error_message", sa.String(255)),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime()),
        sa.Column("cancelled_at", UTCDateTime()),
        sa.Column("cancel_reason", sa.String(32)),
        sa.PrimaryKeyConstraint("id", name="pk_reminders"),
        sa.UniqueConstraint("idempotency_key", name="uq_reminders_idempotency_key"),
        sa.UniqueConstraint("booking_id", "offset_minutes", name="uq_reminders_booking_offset"),
        sa.CheckConstraint(
            "status IN ('planned', 'sending', 'sent', 'failed', 'cancelled')",
            name="ck_reminders_status",
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name="fk_reminders_booking_id_bookings",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_reminders_booking_id", "reminders", ["booking_id"])
    op.create_index("ix_reminders_phone", "reminders", ["phone"])
    op.create_index(
        "ix_reminders_status_next_attempt", "reminders", ["status", "next_attempt_at"]
    )

    op.create_table(
        "sms_opt_outs",
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        sa.Column("keyword", sa.String(16), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("phone", name="pk_sms_opt_outs"),
    )

    op.create_table(
        "sms_confirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("confirmed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sms_confirmations"),
        sa.UniqueConstraint("booking_id", name="uq_sms_confirmations_booking_id"),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name="fk_sms_confirmations_booking_id_bookings",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("sms_confirmations")
    op.drop_table("sms_opt_outs")
    op.drop_index("ix_reminders_status_next_attempt", table_name="reminders")
    op.drop_index("ix_reminders_phone", table_name="reminders")
    op.drop_index("ix_reminders_booking_id", table_name="reminders")
    op.drop_table("reminders")
