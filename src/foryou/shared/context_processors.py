from django.conf import settings


def service(request):
    return {"SERVICE_NAME": settings.SERVICE_NAME, "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME}
