from django.urls import include, path

urlpatterns = [path("", include("foryou.gateway.line.urls"))]
