"""Each customer's last touch follows its live interactions, through logging and undo."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from store import Store, Unit
from store.models import Company, Contact, Interaction, InteractionCustomer, Member

T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def _customers(store: Store) -> tuple[int, int, int]:
    with store.unit("default") as unit:
        member = Member(team_id=unit.team_id, name="Sam", created_at=T0)
        acme = Company(team_id=unit.team_id, name="Acme", aliases=[], created_at=T0)
        unit.add(member)
        unit.add(acme)
        unit.flush()
        jane = Contact(team_id=unit.team_id, name="Jane", aliases=[], company_id=acme.id,
                       created_at=T0)  # fmt: skip
        unit.add(jane)
        unit.flush()
        return member.id, acme.id, jane.id


def _log(unit: Unit, author: int, when: dt.datetime, *links: InteractionCustomer) -> int:
    interaction = Interaction(team_id=unit.team_id, kind="call", summary="called",
                              occurred_at=when, author_id=author, source_platform="console",
                              message_key=f"m{when.isoformat()}", created_at=when)  # fmt: skip
    interaction.links = list(links)
    unit.add(interaction)
    unit.flush()
    return interaction.id


def _touches(store: Store) -> dict[tuple[str, int], dt.datetime]:
    out: dict[tuple[str, int], dt.datetime] = {}
    with store.unit("default") as unit:
        for kind, model in (("contact", Contact), ("company", Company)):
            rows = unit.session.execute(
                select(model.id, model.last_touch_at).where(model.last_touch_at.is_not(None))
            )
            out.update(((kind, row_id), when) for row_id, when in rows)
    return out


def test_logging_raises_the_last_touch_and_an_older_log_does_not(store: Store) -> None:
    author, acme, jane = _customers(store)
    later = T0 + dt.timedelta(days=3)
    with store.unit("default") as unit:
        _log(unit, author, later, InteractionCustomer(contact_id=jane))
    with store.unit("default") as unit:
        _log(unit, author, T0 + dt.timedelta(days=1), InteractionCustomer(contact_id=jane),
             InteractionCustomer(company_id=acme))  # fmt: skip
    assert _touches(store) == {
        ("contact", jane): later,
        ("company", acme): T0 + dt.timedelta(days=1),
    }


def test_undo_restores_the_previous_last_touch(store: Store) -> None:
    author, _, jane = _customers(store)
    first, second = T0 + dt.timedelta(days=1), T0 + dt.timedelta(days=2)
    with store.unit("default") as unit:
        older = _log(unit, author, first, InteractionCustomer(contact_id=jane))
    with store.unit("default") as unit:
        newer = _log(unit, author, second, InteractionCustomer(contact_id=jane))
    assert _touches(store) == {("contact", jane): second}
    with store.unit("default") as unit:
        interaction = unit.interaction(newer)
        assert interaction is not None
        interaction.deleted_at = second
    assert _touches(store) == {("contact", jane): first}
    with store.unit("default") as unit:
        interaction = unit.interaction(older)
        assert interaction is not None
        interaction.deleted_at = second
    assert _touches(store) == {}


def test_a_loaded_customer_sees_its_new_last_touch(store: Store) -> None:
    author, _, jane = _customers(store)
    with store.unit("default") as unit:
        contact = unit.contact(jane)
        assert contact is not None
        assert contact.last_touch_at is None
        _log(unit, author, T0, InteractionCustomer(contact_id=jane))
        assert contact.last_touch_at == T0


def test_a_rolled_back_log_leaves_no_touch(store: Store) -> None:
    author, _, jane = _customers(store)
    try:
        with store.unit("default") as unit:
            _log(unit, author, T0, InteractionCustomer(contact_id=jane))
            raise RuntimeError("the message failed after all")
    except RuntimeError:
        pass
    assert _touches(store) == {}


def test_the_migration_fills_in_the_history_already_stored(store_url: str) -> None:
    import sqlalchemy as sa

    from store.migrate import upgrade

    old = Store(store_url, migrate=False)
    upgrade(old.engine, "0006")
    day = "2026-11-02 09:00:00" if old.engine.dialect.name == "sqlite" else "2026-11-02 09:00Z"
    undone = "2026-11-05 09:00:00" if old.engine.dialect.name == "sqlite" else "2026-11-05 09:00Z"
    statements = [
        "INSERT INTO teams (id, slug, name, next_task_number) VALUES (1, 'default', 'T', 1)",
        f"INSERT INTO members (id, team_id, name, role, active, created_at) VALUES (1, 1, 'Sam', 'member', true, '{day}')",
        f"INSERT INTO companies (id, team_id, name, aliases, created_at) VALUES (1, 1, 'Acme', '[]', '{day}')",
        f"INSERT INTO contacts (id, team_id, name, aliases, created_at) VALUES (1, 1, 'Jane', '[]', '{day}')",
        f"INSERT INTO contacts (id, team_id, name, aliases, created_at) VALUES (2, 1, 'Joe', '[]', '{day}')",
        f"INSERT INTO interactions (id, team_id, kind, summary, occurred_at, author_id, source_platform, message_key, created_at) VALUES (1, 1, 'call', 'x', '{day}', 1, 'console', 'a', '{day}')",
        f"INSERT INTO interactions (id, team_id, kind, summary, occurred_at, author_id, source_platform, message_key, created_at, deleted_at) VALUES (2, 1, 'call', 'y', '{undone}', 1, 'console', 'b', '{day}', '{day}')",
        "INSERT INTO interaction_customers (interaction_id, contact_id) VALUES (1, 1)",
        "INSERT INTO interaction_customers (interaction_id, company_id) VALUES (1, 1)",
        "INSERT INTO interaction_customers (interaction_id, contact_id) VALUES (2, 1)",
        "INSERT INTO interaction_customers (interaction_id, contact_id) VALUES (2, 2)",
    ]
    with old.engine.begin() as conn:
        for statement in statements:
            conn.execute(sa.text(statement))
    old.dispose()
    new = Store(store_url)
    when = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    assert _touches(new) == {("contact", 1): when, ("company", 1): when}
    new.dispose()


def test_a_company_is_warm_while_anyone_there_was_touched(store: Store) -> None:
    from store import reports

    author, acme, jane = _customers(store)
    now = T0 + dt.timedelta(days=60)
    cutoff = now - dt.timedelta(days=30)
    with store.unit("default") as unit:
        logged = _log(
            unit, author, now - dt.timedelta(days=2), InteractionCustomer(contact_id=jane)
        )
    with store.unit("default") as unit:
        assert reports.cold_customers(unit, cutoff, now.date(), 5) == ([], 0)
        interaction = unit.interaction(logged)
        assert interaction is not None
        interaction.deleted_at = now
    with store.unit("default") as unit:
        cold, total = reports.cold_customers(unit, cutoff, now.date(), 5)
    assert total == 1
    assert [(c.kind, c.id, c.last, c.since) for c in cold] == [("company", acme, None, T0)]
