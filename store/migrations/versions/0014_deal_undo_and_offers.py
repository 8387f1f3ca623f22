"""deals.deleted_at (undoing the log that made a deal); notices to a chat, with a card

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 10:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from store.models import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("deals", sa.Column("deleted_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.alter_column("member_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("platform", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("chat", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("kind", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("subject", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_column("subject")
        batch_op.drop_column("kind")
        batch_op.drop_column("chat")
        batch_op.drop_column("platform")
        batch_op.alter_column("member_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
