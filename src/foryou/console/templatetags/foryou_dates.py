"""Japanese-style dates and numbers for templates. Times are shown in Asia/Tokyo."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from foryou.shared.jp.dates import japanese_date, wareki

register = template.Library()


@register.filter
def ja_date(value):
    """2026年11月27日"""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return japanese_date(value)


@register.filter
def wareki_date(value):
    """令和8年11月27日, as official documents write dates."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return wareki(value)


@register.filter
def iso_wareki(value):
    """An ISO date string (as kept in snapshot metadata) in 和暦."""
    try:
        return wareki(date.fromisoformat(str(value)))
    except ValueError:
        return value


@register.filter
def ja_datetime(value):
    """2026年11月27日 8:51 in Asia/Tokyo."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{japanese_date(local.date())} {local.hour}:{local.minute:02d}"


@register.filter
def intcomma_ja(value):
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value


@register.filter
def snapshot_label(value):
    """「2026年12月7日時点のデータ(取込 #1)」 for an analysis snapshot's file name: staff never read file names."""
    from foryou.audit.details import snapshot_label as label

    return label(value) or ""
