"""A registration that sends the form again and again (a script, a loop) is held off after a few, and the
refused sending keeps nothing."""

import pytest

from foryou.gateway.casework.models import SealedFile
from foryou.gateway.throttle import CASEWORK_PER_REGISTRANT
from tests.casework.conftest import submit

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_eleventh_in_a_window_is_refused(client, registrant, form_on_gateway):
    for _ in range(CASEWORK_PER_REGISTRANT):
        assert submit(client, registrant[1]).status_code == 200
    kept = SealedFile.objects.count()
    response = submit(client, registrant[1])
    assert response.status_code == 429 and "receipt" not in response.context
    assert SealedFile.objects.count() == kept
