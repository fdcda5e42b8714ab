"""The gateway's database alias, named once. The embedded product keeps the gateway's tables in their
own database beside the console's ("gateway"); the gateway deployable has only its own ("default")."""

from django.conf import settings

DB = getattr(settings, "GATEWAY_DATABASE", "gateway")
