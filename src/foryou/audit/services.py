import contextlib
import contextvars
import getpass
import socket

from foryou.audit.models import AuditEvent

# Set while a command run from a terminal acts (`--as USER` or as the system): every entry it records
# also names the operating-system account and the host it ran on, so a shared staff login used from
# a terminal can be traced to who ran it and where.
_command_origin: contextvars.ContextVar[dict | None] = contextvars.ContextVar("audit_command_origin", default=None)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return ""


def command_origin() -> dict:
    """The operating-system user and host of this process, as audit entries record them."""
    try:
        host = socket.gethostname()
    except OSError:
        host = ""
    return {"os_user": _os_user(), "host": host}


@contextlib.contextmanager
def from_command():
    """Every entry recorded inside gets `command: {os_user, host}` in its detail."""
    token = _command_origin.set(command_origin())
    try:
        yield
    finally:
        _command_origin.reset(token)


def system_actor_label() -> str:
    """Commands run from a terminal are attributed to the operating-system account that ran them."""
    user = _os_user()
    return f"system:{user}" if user else "system"


def record(action: str, *, actor=None, target: str = "", detail: dict | None = None) -> AuditEvent:
    label = actor.get_username() if actor is not None else system_actor_label()
    origin = _command_origin.get()
    if origin is not None:
        detail = {**(detail or {}), "command": origin}
    return AuditEvent.objects.create(
        actor=actor, actor_label=label, action=action, target=target, detail=detail or {}
    )
