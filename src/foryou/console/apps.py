from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    """The staff console's pages (internal zone)."""

    name = "foryou.console"
    label = "console"
