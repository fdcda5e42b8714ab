"""{% if user|may_view_reports %}: whether the navigation shows the report (foryou.console.report_views)."""

from django import template

from foryou.console.report_views import may_view_reports as _may_view_reports

register = template.Library()


@register.filter
def may_view_reports(user) -> bool:
    return _may_view_reports(user)
