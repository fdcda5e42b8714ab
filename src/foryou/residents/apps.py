from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "foryou.residents"
    label = "residents"
