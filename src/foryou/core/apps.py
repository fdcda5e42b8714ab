from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "foryou.core"
    label = "core"
    verbose_name = "foryou"
