from django.apps import AppConfig


class GatewayConfig(AppConfig):
    """Internet zone: knows registration numbers, LINE user IDs and email addresses, nothing more."""

    name = "foryou.gateway"
    label = "gateway"

    def ready(self):
        from foryou.gateway.mynumber import config

        if config.enabled():
            config.config()  # a wrong identity-provider setting stops start-up with one line
