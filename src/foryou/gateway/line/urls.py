from django.urls import path

from foryou.gateway.line import views

urlpatterns = [
    path("line/webhook", views.webhook, name="line_webhook"),
]
