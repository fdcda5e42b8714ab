from django.urls import path

from foryou.gateway import bridge_views

urlpatterns = [
    path("bridge/v1/push", bridge_views.push, name="bridge_push"),
    path("bridge/v1/pull", bridge_views.pull, name="bridge_pull"),
    path("bridge/v1/ack", bridge_views.ack, name="bridge_ack"),
]
