"""The append-only audit trail of meetings: one call per event."""
from .models import AuditEvent

Kind = AuditEvent.Kind


def record(meeting, kind, *, recipient=None, actor=None, detail=""):
    """Appends one event (`actor` None: the platform itself)."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent.objects.create(
        meeting_id=meeting.pk, kind=kind, recipient=recipient, actor=actor, detail=str(detail)[:500]
    )


def trail(meeting):
    return AuditEvent.objects.filter(meeting=meeting).select_related("recipient", "actor")
