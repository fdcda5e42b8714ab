from django.urls import include, path

urlpatterns = [
    path("", include("foryou.core.urls")),
]
