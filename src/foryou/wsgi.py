"""The WSGI application of the zone this process serves (FORYOU_ZONE), for gunicorn (`foryou serve`)."""

import os

from django.core.wsgi import get_wsgi_application

from foryou.cli import settings_module

os.environ["DJANGO_SETTINGS_MODULE"] = settings_module()
application = get_wsgi_application()
