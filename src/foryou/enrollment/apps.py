from django.apps import AppConfig


class EnrollmentConfig(AppConfig):
    name = "foryou.enrollment"
    label = "enrollment"
