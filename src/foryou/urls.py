"""The embedded product's URLs: both zones in one process (the gateway's resident pages first, then the
console). Only the embedded settings name this module; each production zone has its own URLconf."""

from django.urls import include, path

urlpatterns = [
    path("", include("foryou.gateway.urls")),
    path("", include("foryou.console.urls")),
]
