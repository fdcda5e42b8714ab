"""Wording variants (B, C) compare Japanese wordings; language versions go with a notice that compares
none. A version with both is refused — by the composer with a clear message, and by the services (a
variant added to a notice with language versions too). A holdout alone may go with language versions."""

import pytest
from django.urls import reverse

from foryou.effect.design import Design
from foryou.notices import services
from foryou.notices.errors import ApprovalRefused
from foryou.notices.models import Notice
from foryou.programs import catalog
from tests.notice_languages.conftest import ENGLISH, WORDING, as_user, form_data, notice_in

pytestmark = pytest.mark.django_db


def test_the_services_refuse_variants_with_language_versions(editor):
    with pytest.raises(ApprovalRefused) as refused:
        services.create(catalog.get_program("parents"), WORDING, editor, translations={"en": ENGLISH},
                        design=Design(0, 30, [{"label": "B", "title": "短い案内", "body": "給付金があります。"}]))
    assert refused.value.code == "variants_are_japanese_only" and not Notice.objects.exists()
    notice = notice_in(editor, en=ENGLISH)
    with pytest.raises(ApprovalRefused) as refused:
        services.add_variant(notice.latest, "短い案内", "給付金があります。", editor)
    assert refused.value.code == "variants_are_japanese_only"


def test_the_composer_says_so(client, editor):
    as_user(client, editor)
    response = client.post(reverse("console_notice_new"), form_data(
        tr_en_title=ENGLISH["title"], tr_en_body=ENGLISH["body"], variant_b_title="短い案内",
        variant_b_body="給付金があります。", action="draft"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Wording variants (B, C) compare Japanese wordings only" in page or "文面の比較(B・C)は日本語" in page
    assert not Notice.objects.exists()
