from django.conf import settings

from foryou.shared.languages import service_name


def service(request):
    # The service's name in the page's language (resident pages); staff pages are Japanese.
    return {"SERVICE_NAME": service_name(), "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME}
