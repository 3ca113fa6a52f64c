"""intakes table

Revision ID: 0001_intakes
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from bot.db import UTCDateTime

revision = "0001_intakes"
down_revision = None
branch_labels = ("intake",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intakes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("duration_weeks", sa.Float()),
        sa.Column("duration_range", sa.JSON()),
        sa.Column("duration_text", sa.Text()),
        sa.Column("pain_class", sa.String(16)),
        sa.Column("pain_stage", sa.String(16)),
        sa.Column("locations", sa.JSON(), nullable=False),
        sa.Column("activities", sa.JSON(), nullable=False),
        sa.Column("activities_text", sa.Text()),
        sa.Column("pain_score", sa.Integer()),
        sa.Column("red_flags", sa.JSON(), nullable=False),
        sa.Column("crisis", sa.Boolean(), nullable=False),
        sa.Column("callback_requested", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("raw_answers", sa.JSON(), nullable=False),
        sa.Column("summary_confirmed", sa.Boolean(), nullable=False),
        sa.Column("patient_name", sa.String(200)),
        sa.Column("phone", sa.String(32)),
        sa.Column("email", sa.String(320)),
        sa.Column("completed_at", UTCDateTime()),
        sa.Column("reviewed_at", UTCDateTime()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_intakes"),
    )
    op.create_index("ix_intakes_conversation_id", "intakes", ["conversation_id"])
    op.create_index("ix_intakes_status", "intakes", ["status"])
    op.create_index("ix_intakes_pain_class", "intakes", ["pain_class"])
    op.create_index("ix_intakes_phone", "intakes", ["phone"])
    op.create_index("ix_intakes_created_at", "intakes", ["created_at"])


def downgrade() -> None:
    op.drop_table("intakes")
