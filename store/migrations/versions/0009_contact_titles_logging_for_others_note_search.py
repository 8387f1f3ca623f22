"""contact titles, logging for others, full-text search over notes

Contacts get a job title. Members get a flag an admin sets to let them log on a
teammate's behalf, and audit rows name who wrote such a log. Interaction notes become searchable with the database's own engine:
on SQLite an FTS5 table over `interactions.summary` (external content, kept current by
triggers); on PostgreSQL a generated `tsvector` column with a GIN index.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SQLITE_UP = (
    "CREATE VIRTUAL TABLE interactions_fts USING fts5("
    "summary, content='interactions', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER interactions_fts_insert AFTER INSERT ON interactions BEGIN "
    "INSERT INTO interactions_fts(rowid, summary) VALUES (new.id, new.summary); END",
    "CREATE TRIGGER interactions_fts_delete AFTER DELETE ON interactions BEGIN "
    "INSERT INTO interactions_fts(interactions_fts, rowid, summary) "
    "VALUES ('delete', old.id, old.summary); END",
    "CREATE TRIGGER interactions_fts_update AFTER UPDATE OF summary ON interactions BEGIN "
    "INSERT INTO interactions_fts(interactions_fts, rowid, summary) "
    "VALUES ('delete', old.id, old.summary); "
    "INSERT INTO interactions_fts(rowid, summary) VALUES (new.id, new.summary); END",
    "INSERT INTO interactions_fts(interactions_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS interactions_fts_insert",
    "DROP TRIGGER IF EXISTS interactions_fts_delete",
    "DROP TRIGGER IF EXISTS interactions_fts_update",
    "DROP TABLE IF EXISTS interactions_fts",
)
POSTGRES_UP = (
    "ALTER TABLE interactions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english'::regconfig, coalesce(summary, ''))) STORED",
    "CREATE INDEX ix_interactions_search ON interactions USING gin (search_vector)",
)
POSTGRES_DOWN = (
    "DROP INDEX IF EXISTS ix_interactions_search",
    "ALTER TABLE interactions DROP COLUMN IF EXISTS search_vector",
)


def upgrade() -> None:
    op.add_column("contacts", sa.Column("title", sa.String(length=200), nullable=True))
    op.add_column(
        "members",
        sa.Column(
            "may_log_for_others", sa.Boolean(), server_default=sa.false(), nullable=False
        ),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("written_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_audit_events_written_by_id_members", "members", ["written_by_id"], ["id"]
        )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UP if dialect == "sqlite" else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DOWN if dialect == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_constraint("fk_audit_events_written_by_id_members", type_="foreignkey")
        batch_op.drop_column("written_by_id")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("may_log_for_others")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("title")
