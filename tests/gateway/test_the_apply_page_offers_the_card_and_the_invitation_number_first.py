"""The application page says first that an invitation postcard's number is enough (no application), with a
link to enter it where the resident is (LINE or the web), and, when the card service is on, that the My
Number Card registers in minutes."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def intro(client, query: str = "?lang=en") -> str:
    page = client.get(reverse("gateway_apply") + query).content.decode()
    return re.search(r'<p class="lead" id="quick-routes">(.*?)</p>', page, re.S).group(1)


@override_settings(MYNUMBER_ISSUER="")
def test_on_the_web_the_invitation_number_is_entered_on_the_email_page(client):
    text = intro(client)
    assert f'href="{reverse("gateway_activate_email")}"' in text
    assert "My Number Card" not in text


@override_settings(MYNUMBER_ISSUER="")
def test_in_line_the_invitation_number_is_entered_on_the_liff_page(client):
    assert f'href="{reverse("gateway_activate")}"' in intro(client, "?via=line&lang=en")
