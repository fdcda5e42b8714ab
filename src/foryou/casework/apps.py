from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "foryou.casework"
    label = "casework"
    verbose_name = "Program applications"
