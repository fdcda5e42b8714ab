from django.urls import include, path

urlpatterns = [path("mailbox/", include("foryou.mailcatcher.urls")), path("", include("foryou.gateway.urls"))]
