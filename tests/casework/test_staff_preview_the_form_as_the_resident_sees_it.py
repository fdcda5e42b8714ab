"""Staff of the program's department preview its form as the resident sees it (the same template), run the
resident's checks on what they type, and reach it from the program's pages; previewing is audited."""

import pytest

from foryou.audit.models import AuditEvent

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_preview_shows_the_form_and_its_messages(staff_client):
    page = staff_client.get("/inbox/forms/jido-fuyo-teate/").content.decode()
    assert "児童の氏名(カナ)" in page and "戸籍謄本" in page and "上記のとおり児童扶養手当の認定を請求します" in page
    assert 'id="tab-form"' in staff_client.get("/programs/jido-fuyo-teate/").content.decode()
    checked = staff_client.get("/inbox/forms/jido-fuyo-teate/", {"check": "1", "f_phone": ""}).content.decode()
    assert "「日中の電話番号」を入力してください。" in checked
    assert AuditEvent.objects.filter(action="casework.form_previewed").exists()


def test_a_program_without_a_form_has_no_preview(staff_client, programs_dir):
    from foryou.programs import live
    from tests.casework.forms import PROGRAMS

    (programs_dir / "kenko-shinsa.yml").write_text((PROGRAMS / "kenko-shinsa.yml").read_text(encoding="utf-8"), encoding="utf-8")
    live.reset()
    assert staff_client.get("/inbox/forms/kenko-shinsa/").status_code == 404
