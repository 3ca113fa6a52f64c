"""scheduling: patients, bookings, holds and schedule cells (no double booking)

Revision ID: 0002_scheduling
Revises: 0001_intakes
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from bot.db import UTCDateTime

revision = "0002_scheduling"
down_revision = "0001_intakes"
branch_labels = ("scheduling",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("sms_consent", sa.Boolean(), nullable=False),
        sa.Column("sms_consent_at", UTCDateTime()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_patients"),
    )
    op.create_index("ix_patients_phone", "patients", ["phone"])

    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("therapist_id", sa.String(64), nullable=False),
        sa.Column("appointment_type_id", sa.String(64), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("intake_id", sa.Integer()),
        sa.Column("conversation_id", sa.String(255)),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("cancelled_at", UTCDateTime()),
        sa.Column("rescheduled_from", sa.Integer()),
        sa.PrimaryKeyConstraint("id", name="pk_bookings"),
        sa.UniqueConstraint("code", name="uq_bookings_code"),
        sa.CheckConstraint("status IN ('booked', 'cancelled')", name="ck_bookings_status"),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name="fk_bookings_patient_id_patients"
        ),
        sa.ForeignKeyConstraint(
            ["intake_id"],
            ["intakes.id"],
            name="fk_bookings_intake_id_intakes",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["rescheduled_from"], ["bookings.id"], name="fk_bookings_rescheduled_from_bookings"
        ),
    )
    op.create_index("ix_bookings_patient_id", "bookings", ["patient_id"])
    op.create_index("ix_bookings_starts_at", "bookings", ["starts_at"])
    op.create_index("ix_bookings_intake_id", "bookings", ["intake_id"])
    op.create_index("ix_bookings_conversation_id", "bookings", ["conversation_id"])
    op.create_index("ix_bookings_therapist_starts", "bookings", ["therapist_id", "starts_at"])

    op.create_table(
        "holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("therapist_id", sa.String(64), nullable=False),
        sa.Column("appointment_type_id", sa.String(64), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_holds"),
    )
    op.create_index("ix_holds_conversation_id", "holds", ["conversation_id"])
    op.create_index("ix_holds_expires_at", "holds", ["expires_at"])

    op.create_table(
        "schedule_cells",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("therapist_id", sa.String(64), nullable=False),
        sa.Column("cell_start", UTCDateTime(), nullable=False),
        sa.Column("booking_id", sa.Integer()),
        sa.Column("hold_id", sa.Integer()),
        sa.Column("expires_at", UTCDateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_schedule_cells"),
        sa.UniqueConstraint(
            "therapist_id", "cell_start", name="uq_schedule_cells_therapist_cell"
        ),
        sa.CheckConstraint(
            "(booking_id IS NULL) <> (hold_id IS NULL)", name="ck_schedule_cells_one_owner"
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name="fk_schedule_cells_booking_id_bookings",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hold_id"],
            ["holds.id"],
            name="fk_schedule_cells_hold_id_holds",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_schedule_cells_booking_id", "schedule_cells", ["booking_id"])
    op.create_index("ix_schedule_cells_hold_id", "schedule_cells", ["hold_id"])


def downgrade() -> None:
    op.drop_table("schedule_cells")
    op.drop_table("holds")
    op.drop_table("bookings")
    op.drop_table("patients")
