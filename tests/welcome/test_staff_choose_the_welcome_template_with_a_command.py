"""`foryou welcome --notice ID` names the notice (one without a program) used as the digest's template,
and says whether it is approved; a program's notice is refused with what to do."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD
from foryou.notices import services
from foryou.notices.models import Notice, WelcomeDigest
from foryou.notices.services import Wording

pytestmark = pytest.mark.django_db


def test_a_notice_without_a_program_becomes_the_template_and_its_state_is_shown():
    editor = accounts.add_staff("kenko-editor", PASSWORD, role="editor", department="健康支援課", create_department=True)
    notice = services.create_broadcast("健康支援課", Wording(title="ようこそ", body="使える制度です。"), editor)
    out = io.StringIO()
    call_command("welcome", "--notice", str(notice.pk), stdout=out)
    assert WelcomeDigest.objects.get().notice == notice
    assert str(notice.pk) in out.getvalue()


def test_a_program_notice_is_refused(db):
    editor = accounts.add_staff("kenko-editor", PASSWORD, role="editor", department="健康支援課", create_department=True)
    notice = Notice.objects.create(program_code="kenko-shinsa", department="健康支援課", created_by=editor)
    with pytest.raises(CommandError):
        call_command("welcome", "--notice", str(notice.pk), stdout=io.StringIO())
    assert not WelcomeDigest.objects.exists()
