"""staff console: users, sessions, notes, follow-ups, audit log

Revision ID: 0003_console
Revises: 0001_intakes
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from bot.db import UTCDateTime

revision = "0003_console"
down_revision = "0001_intakes"
branch_labels = ("console",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", UTCDateTime()),
        sa.Column("last_login_at", UTCDateTime()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_users"),
        sa.UniqueConstraint("username", name="uq_console_users_username"),
    )
    op.create_table(
        "console_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["console_users.id"],
            ondelete="CASCADE",
            name="fk_console_sessions_user_id_console_users",
        ),
        sa.PrimaryKeyConstraint("token_hash", name="pk_console_sessions"),
    )
    op.create_index("ix_console_sessions_user_id", "console_sessions", ["user_id"])
    op.create_table(
        "console_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"],
            ["intakes.id"],
            ondelete="CASCADE",
            name="fk_console_notes_intake_id_intakes",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["console_users.id"], name="fk_console_notes_author_id_console_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_console_notes"),
    )
    op.create_index("ix_console_notes_intake_id", "console_notes", ["intake_id"])
    op.create_table(
        "console_followups",
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_by_id", sa.Integer()),
        sa.Column("called_back_at", UTCDateTime()),
        sa.Column("called_back_by_id", sa.Integer()),
        sa.ForeignKeyConstraint(
            ["intake_id"],
            ["intakes.id"],
            ondelete="CASCADE",
            name="fk_console_followups_intake_id_intakes",
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["console_users.id"],
            name="fk_console_followups_reviewed_by_id_console_users",
        ),
        sa.ForeignKeyConstraint(
            ["called_back_by_id"],
            ["console_users.id"],
            name="fk_console_followups_called_back_by_id_console_users",
        ),
        sa.PrimaryKeyConstraint("intake_id", name="pk_console_followups"),
    )
    op.create_table(
        "console_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer()),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("intake_id", sa.Integer()),
        sa.Column("booking_code", sa.String(32)),
        sa.Column("detail", sa.String(200)),
        sa.PrimaryKeyConstraint("id", name="pk_console_audit"),
    )
    op.create_index("ix_console_audit_at", "console_audit", ["at"])
    op.create_index("ix_console_audit_intake_id", "console_audit", ["intake_id"])


def downgrade() -> None:
    op.drop_table("console_audit")
    op.drop_table("console_followups")
    op.drop_table("console_notes")
    op.drop_index("ix_console_sessions_user_id", table_name="console_sessions")
    op.drop_table("console_sessions")
    op.drop_table("console_users")
