"""The audit trail: who changed what, and which changes can still be undone."""

from __future__ import annotations

from sqlalchemy import or_, select

from store.models import AuditEvent
from store.scoped import Scoped

#: Actions a member can take back with "undo".
UNDOABLE = (
    "log",
    "task.create",
    "task.done",
    "task.snooze",
    "task.reassign",
    "task.move",
    "task.rename",
    "task.cancel",
    "task.reopen",
    "customer.edit",
    "customer.add",
    "customer.merge",
    "customer.delete",
    "lead.take",
    "member.link",
)


class Audit(Scoped):
    """Queries over audit events."""

    def last_undoable(self, member_id: int) -> AuditEvent | None:
        """The member's latest change that can still be undone (theirs, or written by them)."""
        return self.session.scalar(
            select(AuditEvent)
            .where(
                AuditEvent.team_id == self.team_id,
                or_(AuditEvent.member_id == member_id, AuditEvent.written_by_id == member_id),
                AuditEvent.undone.is_(False),
                AuditEvent.action.in_(UNDOABLE),
            )
            .order_by(AuditEvent.id.desc())
            .limit(1)
        )

    def audit_event(self, event_id: int) -> AuditEvent | None:
        """An audit event of this team by id."""
        return self._scoped(AuditEvent, event_id)

    def audit_for(self, entity: str, entity_id: int, action: str) -> AuditEvent | None:
        """The latest audit row of one action on one entity."""
        return self.session.scalar(
            select(AuditEvent)
            .where(
                AuditEvent.team_id == self.team_id,
                AuditEvent.entity == entity,
                AuditEvent.entity_id == entity_id,
                AuditEvent.action == action,
            )
            .order_by(AuditEvent.id.desc())
            .limit(1)
        )
