from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "foryou.audit"
    label = "audit"
