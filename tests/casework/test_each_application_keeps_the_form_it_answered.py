"""A form changed while applications are open: each application is shown with the form it answered (its
version and labels), and the gateway shows new residents the new form."""

import pytest

from foryou.bridge.client import sync
from foryou.casework.display import answer_rows
from foryou.casework.forms_push import push_form
from foryou.casework.models import ProgramApplication
from foryou.gateway.casework.models import CaseworkForm
from foryou.programs import live
from foryou.programs.catalog import get_program
from tests.casework.conftest import submit

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_an_old_application_keeps_its_labels_after_the_form_changes(applied, programs_dir, client, transport, registrant):
    path = programs_dir / "jido-fuyo-teate.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: 日中の電話番号", "label: 連絡先電話番号")
                    .replace("  version: 1\n", "  version: 2\n"), encoding="utf-8")
    live.reset()
    push_form(get_program("jido-fuyo-teate"))
    sync(transport)
    assert CaseworkForm.objects.current("jido-fuyo-teate").version == 2

    old = ProgramApplication.objects.get(pk=applied.pk)
    assert old.form.version == 1 and "日中の電話番号" in [r.label for r in answer_rows(old)]
    page = client.get("/casework/jido-fuyo-teate/?via=line").content.decode()
    assert "連絡先電話番号" in page and "日中の電話番号" not in page
