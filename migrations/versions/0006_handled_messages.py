"""handled_messages: each client message id answered once, across restarts and servers

Revision ID: 0006_handled_messages
Revises: 0001_intakes
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

from bot.db import UTCDateTime

revision = "0006_handled_messages"
down_revision = "0001_intakes"
branch_labels = ("turns",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handled_messages",
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.Column("replies", sa.JSON()),
        sa.PrimaryKeyConstraint("sender_id", "message_id", name="pk_handled_messages"),
    )
    op.create_index("ix_handled_messages_claimed_at", "handled_messages", ["claimed_at"])


def downgrade() -> None:
    op.drop_index("ix_handled_messages_claimed_at", table_name="handled_messages")
    op.drop_table("handled_messages")
