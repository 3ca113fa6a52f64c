"""sms_choices: the numbered choices last offered to each number by SMS, shared by every server

Revision ID: 0008_sms_choices
Revises: 0001_intakes
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

from bot.db import UTCDateTime

revision = "0008_sms_choices"
down_revision = "0001_intakes"
branch_labels = ("sms_choices",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sms_choices",
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("payloads", sa.JSON(), nullable=False),
        sa.Column("offered_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("phone", name="pk_sms_choices"),
    )
    op.create_index("ix_sms_choices_offered_at", "sms_choices", ["offered_at"])


def downgrade() -> None:
    op.drop_index("ix_sms_choices_offered_at", table_name="sms_choices")
    op.drop_table("sms_choices")
