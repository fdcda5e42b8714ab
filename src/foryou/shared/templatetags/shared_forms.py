"""Template helpers for the shared program forms (shared/forms/fields.html)."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key], or "" (a file's error by its attachment name)."""
    return (mapping or {}).get(key, "")
