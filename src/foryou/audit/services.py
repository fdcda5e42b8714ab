import getpass

from foryou.audit.models import AuditEvent


def system_actor_label() -> str:
    """Commands run from a terminal are attributed to the operating-system account that ran them."""
    try:
        return f"system:{getpass.getuser()}"
    except Exception:  # no passwd entry in some containers
        return "system"


def record(action: str, *, actor=None, target: str = "", detail: dict | None = None) -> AuditEvent:
    label = actor.get_username() if actor is not None else system_actor_label()
    return AuditEvent.objects.create(
        actor=actor, actor_label=label, action=action, target=target, detail=detail or {}
    )
