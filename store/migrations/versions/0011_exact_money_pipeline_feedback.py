"""exact money with its currency; deal names, owners, stages and close dates; feedback

Amounts become integers in the currency's minor unit with an ISO 4217 code (existing
float amounts are converted in the team's default currency, given by the app as the
`default_currency` attribute, USD otherwise). Deals get a name, an owner, a stage from
the team's list (an "open" deal becomes a "lead"), an expected close date, when they
entered their stage and why they were lost. Feedback is a table of its own; a task may
say what it is for (a survey).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 07:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Currencies whose minor unit is not the cent (ISO 4217 exponents).
_EXPONENT = {"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "BHD": 3, "KWD": 3, "OMR": 3}


def _default_currency() -> str:
    code = context.config.attributes.get("default_currency") or "USD"
    return str(code).upper()[:3]


def upgrade() -> None:
    currency = _default_currency()
    scale = 10 ** _EXPONENT.get(currency, 2)
    # Plain ALTERs for interactions: a batch copy would drop a table others refer to.
    op.add_column("interactions", sa.Column("amount_minor", sa.BigInteger(), nullable=True))
    op.add_column("interactions", sa.Column("currency", sa.String(3), nullable=True))
    op.add_column("interactions", sa.Column("amount_period", sa.String(8), nullable=True))
    with op.batch_alter_table("deals") as batch:
        batch.add_column(sa.Column("name", sa.String(200), nullable=True))
        batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("amount_minor", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("currency", sa.String(3), nullable=True))
        batch.add_column(sa.Column("period", sa.String(8), nullable=True))
        batch.add_column(sa.Column("expected_close", sa.Date(), nullable=True))
        batch.add_column(sa.Column("stage_changed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("lost_reason", sa.Text(), nullable=True))
        batch.alter_column("stage", type_=sa.String(32), existing_type=sa.String(16))
        batch.create_foreign_key("fk_deals_owner_id_members", "members", ["owner_id"], ["id"])
    for table in ("interactions", "deals"):
        op.execute(
            sa.text(
                f"UPDATE {table} SET amount_minor = CAST(ROUND(amount * {scale}) AS BIGINT), "
                "currency = :currency WHERE amount IS NOT NULL"
            ).bindparams(currency=currency)
        )
    op.execute("UPDATE deals SET stage = 'lead' WHERE stage = 'open'")
    op.execute("UPDATE deals SET stage_changed_at = COALESCE(closed_at, created_at)")
    op.drop_column("interactions", "amount")  # SQLite 3.35+ drops a column in place
    with op.batch_alter_table("deals") as batch:
        batch.drop_column("amount")
    op.add_column("teams", sa.Column("deal_stages", sa.JSON(), nullable=True))
    op.add_column("tasks", sa.Column("purpose", sa.String(16), nullable=True))
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_feedback_team_id_teams"),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name="fk_feedback_contact_id_contacts"
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name="fk_feedback_company_id_companies"
        ),
        sa.ForeignKeyConstraint(["author_id"], ["members.id"], name="fk_feedback_author_id_members"),
        sa.ForeignKeyConstraint(
            ["interaction_id"], ["interactions.id"], name="fk_feedback_interaction_id_interactions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
    )
    op.create_index("ix_feedback_team_id", "feedback", ["team_id"])
    op.create_index("ix_feedback_team_at", "feedback", ["team_id", "at"])
    op.create_index("ix_feedback_contact", "feedback", ["contact_id"])
    op.create_index("ix_feedback_company", "feedback", ["company_id"])


def downgrade() -> None:
    currency = _default_currency()
    scale = 10 ** _EXPONENT.get(currency, 2)
    op.drop_table("feedback")
    op.drop_column("tasks", "purpose")
    op.drop_column("teams", "deal_stages")
    for table in ("interactions", "deals"):
        op.add_column(table, sa.Column("amount", sa.Float(), nullable=True))
        op.execute(f"UPDATE {table} SET amount = amount_minor * 1.0 / {scale}")
    op.execute(
        "UPDATE deals SET stage = 'open' WHERE stage NOT IN ('won', 'lost')"
    )
    for column in ("amount_period", "currency", "amount_minor"):
        op.drop_column("interactions", column)
    with op.batch_alter_table("deals") as batch:
        batch.drop_constraint("fk_deals_owner_id_members", type_="foreignkey")
        for column in (
            "lost_reason", "stage_changed_at", "expected_close", "period", "currency",
            "amount_minor", "owner_id", "name",
        ):
            batch.drop_column(column)
