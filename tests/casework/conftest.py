"""Casework stories: the 児童扶養手当 program (its real file, with an acceptance period that does not expire
under the tests), a small imported city, a registrant active in both zones (email and LINE), and the
form pushed to the gateway through the signed bridge."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from foryou.bridge.client import sync
from foryou.programs import live
from tests.casework.forms import PROGRAMS
from tests.residents.conftest import AS_OF
from tests.residents.exports import TARO, valid_export, write_export

NUMBER = "1234567890123456"
EMAIL = "hanako@example.jp"
LINE_USER = "U" + "c" * 32
PROGRAM = "jido-fuyo-teate"


def write_program(folder: Path, accepts: str = "{from: 2020-04-01, until: 2099-03-31}") -> None:
    text = (PROGRAMS / f"{PROGRAM}.yml").read_text(encoding="utf-8")
    text = text.replace("accepts: {from: 2026-04-01, until: 2027-03-31}", f"accepts: {accepts}")
    (folder / f"{PROGRAM}.yml").write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def programs_dir(tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    write_program(folder)
    settings.PROGRAMS_DIR = folder
    live.reset()
    yield folder
    live.reset()


@pytest.fixture
def city(data_dir, db, tmp_path):
    """Two households imported; TARO (世帯主) is the registrant. `city(protected=True)` puts his household
    under 支援措置."""
    from foryou.residents.services import run_import

    def make(protected: bool = False):
        files = valid_export()
        if protected:
            files["persons.csv"][1]["支援措置"] = "1"
        run = run_import(write_export(tmp_path / "export", files), AS_OF, stream=io.StringIO())
        assert run.status == "applied", run.problems
        return TARO

    return make


@pytest.fixture
def registrant(db):
    """TARO registered and active in the console, and the gateway's subscriber of the same number."""
    from foryou.enrollment.models import Registration
    from foryou.gateway import number_keys
    from foryou.gateway.models import Subscriber

    now = timezone.now()
    registration = Registration.objects.create(number=NUMBER, resident_id=TARO, status=Registration.Status.ACTIVE,
                                               expires_at=now + timedelta(days=90), activated_at=now, channel="email",
                                               has_email=True)
    subscriber = Subscriber.objects.create(number_hash=number_keys.digest(NUMBER), number=NUMBER,
                                           status=Subscriber.Status.ACTIVE, expires_at=now + timedelta(days=90),
                                           activated_at=now, email=EMAIL, email_confirmed_at=now)
    return registration, subscriber


@pytest.fixture
def form_on_gateway(transport, db):
    """The program's form pushed to the gateway as a send would push it."""
    from foryou.casework.forms_push import push_form
    from foryou.programs.catalog import get_program

    snapshot = push_form(get_program(PROGRAM))
    sync(transport)
    return snapshot


def email_form_url(subscriber) -> str:
    from foryou.gateway.casework.links import token_for

    return f"/casework/{PROGRAM}/e/{token_for(subscriber.pk, PROGRAM)}/"


def submit(client, subscriber, data=None, files=None, url=None, **changes):
    """Post the form from the subscriber's email link; files: {attachment name: (filename, bytes)}."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.casework.forms import VALID, png_bytes

    files = {"family_register": ("koseki.png", png_bytes())} if files is None else files
    uploads = {f"file_{name}": SimpleUploadedFile(filename, content) for name, (filename, content) in files.items()}
    return client.post(url or email_form_url(subscriber), (data or VALID) | changes | uploads)


@pytest.fixture
def kodomo_staff(db):
    """An editor of こども家庭支援課 (the department of 児童扶養手当), logged in."""
    from foryou.accounts import services as accounts
    from foryou.accounts.testing import PASSWORD

    return accounts.add_staff("kodomo-editor", PASSWORD, role="editor", department="こども家庭支援課",
                              create_department=True)


@pytest.fixture
def staff_client(client, kodomo_staff):
    from foryou.accounts.testing import login

    login(client, kodomo_staff)
    return client


@pytest.fixture
def applied(client, transport, city, registrant, form_on_gateway, django_capture_on_commit_callbacks):
    """One application sent by TARO from the email link and collected by the console."""
    from foryou.casework.models import ProgramApplication

    city()
    response = submit(client, registrant[1])
    assert response.status_code == 200 and "receipt" in response.context, response.content.decode()[:2000]
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        sync(transport)
    return ProgramApplication.objects.get(receipt=response.context["receipt"])
