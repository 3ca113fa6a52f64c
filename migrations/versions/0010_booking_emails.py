"""booking_emails: the confirmation, reschedule and cancel emails, queued with the booking

Revision ID: 0010_booking_emails
Revises: 0002_scheduling
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

from bot.db import UTCDateTime

revision = "0010_booking_emails"
down_revision = "0002_scheduling"
branch_labels = ("booking_emails",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "booking_emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("to_address", sa.String(320), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("message_id", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("last_error", sa.String(255)),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime()),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name="fk_booking_emails_booking_id_bookings",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_booking_emails"),
        sa.UniqueConstraint("message_id", name="uq_booking_emails_message_id"),
    )
    op.create_index("ix_booking_emails_booking_id", "booking_emails", ["booking_id"])
    op.create_index(
        "ix_booking_emails_status_next_attempt", "booking_emails", ["status", "next_attempt_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_booking_emails_status_next_attempt", table_name="booking_emails")
    op.drop_index("ix_booking_emails_booking_id", table_name="booking_emails")
    op.drop_table("booking_emails")
