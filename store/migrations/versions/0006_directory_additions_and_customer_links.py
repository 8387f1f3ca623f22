"""directory additions counted apart; customer links indexed with their interaction id

A customer added in chat bumps teams.directory_additions, so cached directories read just
the new rows instead of the whole directory. Ranking many same-named customers by their
latest logged interaction reads one index entry per customer instead of every link row.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 07:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "teams",
        sa.Column("directory_additions", sa.Integer(), server_default="0", nullable=False),
    )
    for column in ("contact", "company"):
        op.create_index(
            f"ix_interaction_customers_{column}_latest",
            "interaction_customers",
            [f"{column}_id", "interaction_id"],
            unique=False,
        )
        op.drop_index(f"ix_interaction_customers_{column}_id", table_name="interaction_customers")


def downgrade() -> None:
    for column in ("contact", "company"):
        op.create_index(
            f"ix_interaction_customers_{column}_id",
            "interaction_customers",
            [f"{column}_id"],
            unique=False,
        )
        op.drop_index(f"ix_interaction_customers_{column}_latest", table_name="interaction_customers")
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.drop_column("directory_additions")
