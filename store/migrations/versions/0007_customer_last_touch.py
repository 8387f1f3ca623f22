"""last touch kept per customer

The digest's gone-cold list read the latest interaction of every customer by grouping
every interaction of the team (8 s for a million). Companies and contacts now keep the
time of their latest live interaction, written with each interaction and recomputed when
one is undone; this fills it in for the history already stored.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CUSTOMERS = (("companies", "company_id"), ("contacts", "contact_id"))


def upgrade() -> None:
    for table, link in CUSTOMERS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("last_touch_at", store.models.UTCDateTime(timezone=True), nullable=True)
            )
        # One index seek per customer on its links (ix_interaction_customers_*_latest).
        op.execute(
            f"UPDATE {table} SET last_touch_at = ("
            " SELECT max(i.occurred_at) FROM interaction_customers l"
            " JOIN interactions i ON i.id = l.interaction_id"
            f" WHERE l.{link} = {table}.id AND i.deleted_at IS NULL)"
        )


def downgrade() -> None:
    for table, _ in CUSTOMERS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("last_touch_at")
