"""intakes.contact_corrected_at: when staff last corrected the contact details

The conversation writes the intake's name, phone and email as the patient gives them; once
staff have corrected them, it no longer writes over the correction.

Revision ID: 0011_contact_corrected
Revises: 0001_intakes
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from bot.db import UTCDateTime

revision = "0011_contact_corrected"
down_revision = "0001_intakes"
branch_labels = ("intake_contact",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        batch.add_column(sa.Column("contact_corrected_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        batch.drop_column("contact_corrected_at")
