from django.apps import AppConfig


class BridgeConfig(AppConfig):
    """Console side of the bridge between the zones: what to push, where pulling got to."""

    name = "foryou.bridge"
    label = "bridge"
