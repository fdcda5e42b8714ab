from django.apps import AppConfig


class DevConfig(AppConfig):
    """Demo-only parts (foryou.dev): the demo command, the synthetic city, a test-notice sender, and
    beside it the local LINE platform and SMTP server. Installed by the embedded settings only; no
    production module imports them (the import contract in pyproject.toml)."""

    name = "foryou.dev"
    label = "dev"
