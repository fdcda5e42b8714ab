from django.apps import AppConfig


class NoticesConfig(AppConfig):
    """Notices for programs: versions, approval (決裁) and, later, sending."""

    name = "foryou.notices"
    label = "notices"
