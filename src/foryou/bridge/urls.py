"""The console's page of quarantined gateway events (not the bridge's HTTP side: that is the gateway's)."""

from django.urls import path

from foryou.bridge import views

urlpatterns = [
    path("quarantined-events/", views.quarantined, name="console_quarantined_events"),
    path("quarantined-events/<int:pk>/retry", views.retry, name="console_retry_quarantined_event"),
]
