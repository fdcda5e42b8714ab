"""The program form chooses its upload handler before the body is read, so it checks CSRF itself: a post
without the page's token is refused and nothing is kept."""

import pytest
from django.test import Client

from foryou.gateway.casework.models import SealedFile
from foryou.gateway.models import OutboundEvent
from tests.casework.conftest import submit

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_post_without_the_token_is_refused(registrant, form_on_gateway):
    response = submit(Client(enforce_csrf_checks=True), registrant[1])
    assert response.status_code == 403
    assert not SealedFile.objects.exists() and not OutboundEvent.objects.exists()
