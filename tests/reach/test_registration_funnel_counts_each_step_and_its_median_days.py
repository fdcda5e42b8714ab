"""The registration funnel: applicants at each step of each way in (form and postcard; My Number Card),
the median days each step took and how many stopped before it, by channel and month; in `foryou stats
--json` and as charts on a registrar's dashboard."""

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD, login
from foryou.enrollment.funnel import STEPS, funnel
from foryou.enrollment.models import Application, PostcardBatch, Registration

pytestmark = pytest.mark.django_db
START = timezone.now() - timedelta(days=40)
STEP_MAILED = dict(STEPS["form"])["mailed"]


def application(source="web", channel="line", **fields) -> Application:
    return Application.objects.create(source=source, channel=channel, name="千葉 花子", name_kana="チバ ハナコ",
                                      birth_date=date(1985, 4, 12), postal_code="2608722", address="千葉市中央区千葉港1-1",
                                      received_at=START, **fields)


def registration(app, number, *, mailed_after=None, activated_after=None) -> Registration:
    batch = None
    if mailed_after is not None:
        batch = PostcardBatch.objects.create(cards=1, pdf="x.pdf", status="mailed", mailed_at=START + mailed_after)
    return Registration.objects.create(number=number, resident_id="0000000019", application=app, issued_at=START,
                                       expires_at=START + timedelta(days=90), postcard_batch=batch,
                                       status="active" if activated_after else "issued",
                                       activated_at=START + activated_after if activated_after else None)


@pytest.fixture
def journeys():
    done = application(status="accepted", reviewed_at=START + timedelta(days=2))
    registration(done, "1000000000000001", mailed_after=timedelta(days=4), activated_after=timedelta(days=10))
    waiting = application(status="accepted", reviewed_at=START + timedelta(days=4), channel="email")
    registration(waiting, "1000000000000002", mailed_after=timedelta(days=6))
    application()  # still pending
    card = application(source="mynumber", status="accepted", reviewed_at=START)
    registration(card, "1000000000000003", activated_after=timedelta(minutes=1))


def test_each_step_counts_who_reached_it_how_long_it_took_and_who_stopped(journeys):
    form = {s["step"]: s for s in funnel()["paths"]["form"]}
    assert [form[k]["count"] for k in ("applied", "verified", "mailed", "activated")] == [3, 2, 2, 1]
    assert form["verified"]["median_days"] == 3.0 and form["verified"]["dropped"] == 1
    assert form["mailed"]["median_days"] == 2.0
    assert form["activated"]["median_days"] == 6.0 and form["activated"]["dropped"] == 1
    card = {s["step"]: s for s in funnel()["paths"]["mynumber"]}
    assert (card["applied"]["count"], card["activated"]["count"], card["activated"]["median_days"]) == (1, 1, 0.0)


def test_the_funnel_splits_by_channel_and_month(journeys):
    data = funnel()
    assert [s["count"] for s in data["by_channel"]["form"]["email"]] == [1, 1, 1, 0]
    [month] = data["by_month"]
    assert month == {"month": f"{START:%Y-%m}", "form_applied": 3, "form_activated": 1, "mynumber_applied": 1,
                     "mynumber_activated": 1, "invitation_applied": 0, "invitation_activated": 0}


def test_foryou_stats_json_includes_the_funnel(journeys):
    out = io.StringIO()
    call_command("stats", "--json", stdout=out)
    assert json.loads(out.getvalue())["registration_funnel"]["paths"]["mynumber"][1]["count"] == 1


def test_a_registrar_sees_the_funnel_as_charts_and_an_editor_does_not(journeys, client, data_dir):
    registrar = accounts.add_staff("registrar", PASSWORD, role="registrar")
    login(client, registrar)
    page = client.get("/").content.decode()
    funnel_part = page.split('aria-labelledby="chart', 1)[1]
    assert str(STEP_MAILED) in page and "<svg" in funnel_part
    assert 'style="' not in page  # the console's CSP: sizes and colours from attributes and classes only
    editor = accounts.add_staff("editor", PASSWORD, role="editor", department="健康支援課", create_department=True)
    client.logout()
    login(client, editor)
    assert str(STEP_MAILED) not in client.get("/").content.decode()
