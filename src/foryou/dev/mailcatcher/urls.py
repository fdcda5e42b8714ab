"""The mailbox page; foryou/urls.py includes it in debug mode only."""

from django.urls import path

from foryou.dev.mailcatcher import views

urlpatterns = [
    path("", views.mailbox, name="mailcatcher_list"),
    path("clear", views.clear, name="mailcatcher_clear"),
    path("<str:name>/", views.detail, name="mailcatcher_detail"),
    path("<str:name>/html", views.html_part, name="mailcatcher_html"),
    path("<str:name>/raw", views.raw, name="mailcatcher_raw"),
]
