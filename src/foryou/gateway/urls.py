"""The gateway deployable's URLs (internet zone): LINE webhook, resident pages, bridge endpoints.
No staff page is served here; those belong to the console (foryou.console.urls)."""

from django.urls import include, path

from foryou.gateway import apply_views, consent_views, decline_views, links, settings_views, test_device_views, views

from foryou.gateway.bridge import views as bridge_views
from foryou.gateway.mynumber import views as mynumber_views
from foryou.gateway.casework import views as casework_views
from foryou.gateway.email import views as email_views

urlpatterns = [
    path("", include("foryou.gateway.line.urls")),
    path("apply/", apply_views.apply, name="gateway_apply"),
    path("apply/postal", views.postal_lookup, name="gateway_postal_lookup"),
    path("mynumber/start", mynumber_views.start, name="gateway_mynumber_start"),
    path("mynumber/callback", mynumber_views.callback, name="gateway_mynumber_callback"),
    path("activate/", views.activate, name="gateway_activate"),
    path("activate/email/", views.activate_email, name="gateway_activate_email"),
    path("activate/email/confirm/", views.activate_email_confirm, name="gateway_activate_email_confirm"),
    path("decline/", decline_views.decline, name="gateway_decline"),
    path("decline/done/", decline_views.decline_done, name="gateway_decline_done"),
    path("consent/", consent_views.consent, name="gateway_consent"),
    path("consent/email/<str:token>/", consent_views.consent_by_email, name="gateway_consent_email"),
    path("settings/", settings_views.open_in_line, name="gateway_settings"),
    path("settings/<str:token>/", settings_views.settings_page, name="gateway_settings_link"),
    path("email/unsubscribe/<str:token>/", email_views.unsubscribe, name="gateway_email_unsubscribe"),
    path("l/<str:token>", links.follow, name="gateway_link"),
    path("test-device/<str:token>/", test_device_views.link, name="gateway_test_device_link"),
    path("test-device/stop/<str:token>/", test_device_views.stop, name="gateway_test_device_stop"),
    path("casework/<slug:program>/", casework_views.form_page, name="gateway_casework_form"),
    path("casework/<slug:program>/e/<str:token>/", casework_views.form_page, name="gateway_casework_form_email"),
    path("bridge/v1/files", bridge_views.files, name="bridge_files"),
    path("bridge/v1/files/collected", bridge_views.files_collected, name="bridge_files_collected"),
    path("bridge/v1/push", bridge_views.push, name="bridge_push"),
    path("bridge/v1/pull", bridge_views.pull, name="bridge_pull"),
    path("bridge/v1/ack", bridge_views.ack, name="bridge_ack"),
    path("healthz", views.healthz, name="gateway_healthz"),
]
