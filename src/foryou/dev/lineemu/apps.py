from django.apps import AppConfig


class LineEmuConfig(AppConfig):
    """The local LINE platform; a Django app only so that `foryou lineemu` exists. The emulator itself
    does not use Django."""

    name = "foryou.dev.lineemu"
    label = "lineemu"
    verbose_name = "LINE emulator"
