from django.apps import AppConfig


class GatewayConfig(AppConfig):
    """Internet zone: knows registration numbers, LINE user IDs and email addresses, nothing more."""

    name = "foryou.gateway"
    label = "gateway"
