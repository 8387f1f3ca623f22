"""agenda index leads with the team

Without planner statistics SQLite prefers ix_tasks_team_id (every task of the team) over
an index that does not start with team_id; "my tasks" then scanned the whole table.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 04:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_owner_status")
        batch_op.create_index(
            "ix_tasks_team_owner_status", ["team_id", "owner_id", "status", "due_date"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_team_owner_status")
        batch_op.create_index("ix_tasks_owner_status", ["owner_id", "status"], unique=False)
