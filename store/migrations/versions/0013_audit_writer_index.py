"""audit_events: index who wrote a change for a teammate ("undo" finds it for the writer)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 10:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_audit_events_written_by_id"), "audit_events", ["written_by_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_events_written_by_id"), table_name="audit_events")
