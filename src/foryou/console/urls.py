"""The console deployable's URLs (internal zone): the staff shell and each feature app's pages.
No resident page is served here; those belong to the gateway (foryou.gateway.urls)."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from foryou.console import retention_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("retention/", retention_views.retention, name="console_retention"),
    path("login/", auth_views.LoginView.as_view(template_name="foryou/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("foryou.enrollment.urls")),
    path("", include("foryou.audit.urls")),
    path("", include("foryou.programs.urls")),
    path("", include("foryou.notices.urls")),
    path("", include("foryou.effect.urls")),
    path("", include("foryou.casework.urls")),
    path("", include("foryou.bridge.urls")),
    path("staff/", include("foryou.accounts.urls")),
    path("reports/", include("foryou.console.report_urls")),
]
