"""The console header's staff block: who is logged in (name, departments), whether 制度 belongs in
their menu, and how many notice versions wait for their approval (決裁待ち)."""

from django import template

from foryou.accounts import access
from foryou.notices.inbox import inbox_count

register = template.Library()


@register.simple_tag
def staff_header(user) -> dict:
    if user is None or not user.is_authenticated:
        return {}
    return {"name": access.display_name(user), "departments": access.department_names(user),
            "admin": access.is_admin(user), "programs": access.can_view_programs(user),
            "approvals": inbox_count(user)}
