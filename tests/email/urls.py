from django.urls import include, path

urlpatterns = [path("mailbox/", include("foryou.dev.mailcatcher.urls")), path("", include("foryou.gateway.urls"))]
