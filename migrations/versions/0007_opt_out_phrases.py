"""sms_opt_outs.keyword holds a recorded opt-out phrase ("STOP TEXTING ME"), up to 64 characters

Revision ID: 0007_opt_out_phrases
Revises: 0004_reminders
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_opt_out_phrases"
down_revision = "0004_reminders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sms_opt_outs") as batch:
        batch.alter_column("keyword", type_=sa.String(64), existing_nullable=False)


def downgrade() -> None:
    op.execute("UPDATE sms_opt_outs SET keyword = substr(keyword, 1, 16)")
    with op.batch_alter_table("sms_opt_outs") as batch:
        batch.alter_column("keyword", type_=sa.String(16), existing_nullable=False)
