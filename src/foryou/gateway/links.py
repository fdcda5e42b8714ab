"""Tracked links: a notice sent with click counting gives each recipient their own link to each button
(/l/<signed token>). Following it records the first click on that delivery and redirects to the
notice's real address. The token names a delivery and a link index, nothing about the person."""

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.views.decorators.http import require_GET

from foryou.gateway.delivery.content import read_token
from foryou.gateway.models import Delivery


@require_GET
def follow(request, token: str):
    try:
        delivery_id, index = read_token(token)
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404("unknown link")
    delivery = Delivery.objects.select_related("order").filter(pk=delivery_id).first()
    links = delivery.order.content.get("links", []) if delivery else []
    if not 0 <= index < len(links):
        raise Http404("unknown link")
    Delivery.objects.filter(pk=delivery_id, clicked_at__isnull=True).update(clicked_at=timezone.now())
    url = links[index][1]
    if not url.startswith(("https://", "http://", "tel:")):  # checked when composed; never redirect elsewhere
        raise Http404("unknown link")
    return HttpResponseRedirect(url)
