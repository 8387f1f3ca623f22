"""contacts indexed by company with their last touch

The digest's gone-cold list asks, for every company, when anyone there was last touched:
with the company's live people and their last touch in one index, that is one short
index range per company instead of a row read per person.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 07:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_contacts_company_touch",
        "contacts",
        ["company_id", "deleted_at", "last_touch_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_contacts_company_touch", table_name="contacts")
