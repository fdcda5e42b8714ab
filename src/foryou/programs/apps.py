from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "foryou.programs"
    label = "programs"
