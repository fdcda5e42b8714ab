from django.contrib.auth import views as auth_views
from django.urls import path

from foryou.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("login/", auth_views.LoginView.as_view(template_name="foryou/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
]
