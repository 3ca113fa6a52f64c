"""console: call attempts (outcome reached, voicemail or no answer, with a note)

A call back recorded before this revision had no outcome; it unpinned the intake, so it is
carried over as `reached`.

Revision ID: 0009_call_attempts
Revises: 0005_login_failures
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

from bot.db import UTCDateTime

revision = "0009_call_attempts"
down_revision = "0005_login_failures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_call_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"],
            ["intakes.id"],
            ondelete="CASCADE",
            name="fk_console_call_attempts_intake_id_intakes",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["console_users.id"], name="fk_console_call_attempts_user_id_console_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_console_call_attempts"),
    )
    op.create_index("ix_console_call_attempts_intake_id", "console_call_attempts", ["intake_id"])
    op.execute(
        "INSERT INTO console_call_attempts (intake_id, user_id, outcome, note, at) "
        "SELECT intake_id, called_back_by_id, 'reached', '', called_back_at "
        "FROM console_followups "
        "WHERE called_back_at IS NOT NULL AND called_back_by_id IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_index("ix_console_call_attempts_intake_id", table_name="console_call_attempts")
    op.drop_table("console_call_attempts")
