"""notices: direct messages to a member about a teammate's change to their tasks

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 08:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from store.models import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("lease_owner", sa.String(length=40), nullable=True),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_notices_member_id_members")),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_notices_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
    )
    op.create_index("ix_notices_team_id", "notices", ["team_id"], unique=False)
    op.create_index("ix_notices_team_sent", "notices", ["team_id", "sent_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_notices_team_sent", table_name="notices")
    op.drop_index("ix_notices_team_id", table_name="notices")
    op.drop_table("notices")
