"""With the card service on, the application page's first words say the My Number Card registers in
minutes with no postcard, before the card's button and the form."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_intro_names_the_card_before_its_button(client, idp):
    with translation.override("en"):
        page = client.get(reverse("gateway_apply") + "?lang=en").content.decode()
    intro = re.search(r'<p class="lead" id="quick-routes">(.*?)</p>', page, re.S)
    assert intro and "My Number Card" in intro.group(1)
    assert intro.start() < page.index('id="mynumber"') < page.index('id="apply"')
