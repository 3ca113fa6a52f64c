"""console: refused logins per client address, for the login rate limit

Revision ID: 0005_login_failures
Revises: 0003_console
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from bot.db import UTCDateTime

revision = "0005_login_failures"
down_revision = "0003_console"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_login_failures"),
    )
    op.create_index("ix_console_login_failures_at", "console_login_failures", ["at"])
    op.create_index(
        "ix_console_login_failures_client_at", "console_login_failures", ["client", "at"]
    )


def downgrade() -> None:
    op.drop_index("ix_console_login_failures_client_at", table_name="console_login_failures")
    op.drop_index("ix_console_login_failures_at", table_name="console_login_failures")
    op.drop_table("console_login_failures")
