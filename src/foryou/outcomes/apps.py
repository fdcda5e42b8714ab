from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "foryou.outcomes"
    label = "outcomes"
