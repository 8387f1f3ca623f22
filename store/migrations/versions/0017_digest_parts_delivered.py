"""digest deliveries: the parts of each day's digest that went out, tries, who was told

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 10:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "digest_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("parts", sa.String(length=400), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("gave_up", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["subscription_id"], ["digest_subscriptions.id"],
            name=op.f("fk_digest_deliveries_subscription_id_digest_subscriptions"),
        ),  # fmt: skip
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_digest_deliveries_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_deliveries")),
        sa.UniqueConstraint(
            "subscription_id", "local_day",
            name=op.f("uq_digest_deliveries_subscription_id"),
        ),  # fmt: skip
    )
    op.create_index("ix_digest_deliveries_team_id", "digest_deliveries", ["team_id"])
    op.add_column("digest_subscriptions", sa.Column("chat_name", sa.String(128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("digest_subscriptions", schema=None) as batch_op:
        batch_op.drop_column("chat_name")
    op.drop_index("ix_digest_deliveries_team_id", table_name="digest_deliveries")
    op.drop_table("digest_deliveries")
