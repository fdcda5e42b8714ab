"""The console header's count of quarantined gateway events, for service administrators."""

from django import template

from foryou.accounts import access
from foryou.bridge.models import QuarantinedEvent

register = template.Library()


@register.simple_tag
def quarantined_count(user) -> int:
    """How many gateway events wait in the quarantine (0 for anyone but an administrator)."""
    if user is None or not access.is_admin(user):
        return 0
    return QuarantinedEvent.objects.count()
