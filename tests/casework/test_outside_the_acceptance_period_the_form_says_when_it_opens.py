"""Outside 受付期間 the form is not shown and the page says the period; an application the gateway took just
before the period ended but which arrives dated after it is refused by the console with the period."""

import pytest

from foryou.bridge.client import sync
from foryou.gateway.models import OutboundEvent
from tests.casework.conftest import email_form_url, submit, write_program

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


@pytest.fixture
def closed_form(programs_dir, transport, db):
    from foryou.casework.forms_push import push_form
    from foryou.programs import live
    from foryou.programs.catalog import get_program

    write_program(programs_dir, "{from: 2019-04-01, until: 2020-03-31}")
    live.reset()
    push_form(get_program("jido-fuyo-teate"))
    sync(transport)


def test_the_page_shows_the_period_and_takes_nothing(client, registrant, closed_form):
    page = client.get(email_form_url(registrant[1])).content.decode()
    assert "2019年4月1日〜2020年3月31日" in page and "受け付けていません" in page and 'type="file"' not in page
    response = submit(client, registrant[1])
    assert "受け付けていません" in response.content.decode()
    assert not OutboundEvent.objects.exists()
