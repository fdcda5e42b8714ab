"""Effect experiments: a small synthetic city imported, a few hundred of its adults registered (LINE and
email), a program whose file says what take-up is (checkups) and one that forbids holdouts, staff."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.enrollment.models import Registration
from foryou.notices import services
from foryou.notices.services import Wording
from foryou.programs import catalog, live
from foryou.shared.numbers import new_number
from tests.console_notices.conftest import KODOMO, staff

AS_OF_DAYS_AGO = 0

CHECKUP = """
code: checkup
name: 特定健診
department: こども家庭支援課
contact: {department: こども家庭支援課, phone: "043-245-5179"}
conditions:
  all:
    - field: age_years
      op: ">="
      value: 20
outcome:
  source: checkups
  kind: [特定健診]
"""

VACCINE = """
code: vaccine
name: 予防接種（期限あり）
department: こども家庭支援課
conditions:
  all:
    - field: age_years
      op: ">="
      value: 20
outcome:
  source: checkups
  kind: [予防接種]
holdout: {forbidden: 接種期限があるため}
"""

PLAIN = """
code: plain
name: 結果のない制度
department: こども家庭支援課
conditions:
  all:
    - field: age_years
      op: ">="
      value: 20
"""

WORDING = Wording(title="健診のご案内", body="特定健診を無料で受けられます。", contact_department=KODOMO,
                  contact_phone="043-245-5179")


@pytest.fixture(autouse=True)
def programs_dir(tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    for name, text in (("checkup", CHECKUP), ("vaccine", VACCINE), ("plain", PLAIN)):
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    settings.PROGRAMS_DIR = folder
    live.reset()
    yield folder
    live.reset()


@pytest.fixture(scope="session")
def city_export(tmp_path_factory):
    """One synthetic export of 1,500 residents for the whole run (generating it takes a moment)."""
    from foryou.dev import synth
    from foryou.notices.sending import today_in_tokyo

    folder = tmp_path_factory.mktemp("effect-city")
    synth.generate(1500, 7, folder, as_of=today_in_tokyo())
    return folder


@pytest.fixture
def city(city_export, data_dir, db):
    from foryou.notices.sending import today_in_tokyo
    from foryou.residents.services import run_import

    run = run_import(city_export, today_in_tokyo(), stream=io.StringIO())
    assert run.status == "applied", run.problems
    return run


@pytest.fixture
def registrants(city):
    """About 400 adults registered: 70% LINE, 30% email (deterministic)."""
    from foryou.residents import store

    with store.connect() as con:
        ids = [r[0] for r in con.execute("SELECT resident_id FROM persons WHERE is_current AND "
                                         "birth_date <= current_date - INTERVAL 20 YEAR ORDER BY 1").fetchall()]
    now = timezone.now()
    rows = [Registration(number=new_number(), resident_id=rid, status=Registration.Status.ACTIVE,
                         expires_at=now + timedelta(days=90), activated_at=now,
                         channel="email" if i % 10 < 3 else "line", has_email=i % 10 < 3)
            for i, rid in enumerate(ids[::2][:400])]
    Registration.objects.bulk_create(rows)
    return rows


@pytest.fixture
def editor(db):
    return staff("kodomo-editor", "editor", KODOMO)


@pytest.fixture
def approver(db):
    return staff("kodomo-approver", "approver", KODOMO)


def design(holdout=10, window=30, variants=()):
    from foryou.effect.design import Design

    return Design(holdout, window, [{"label": "BC"[i], "title": t, "body": b} for i, (t, b) in enumerate(variants)])


def approved_notice(editor, approver, program="checkup", **kwargs):
    notice = services.create(catalog.get_program(program), WORDING, editor, design=design(**kwargs))
    services.approve(notice.latest, approver)
    return notice


def sent_experiment(editor, approver, *, days_ago=25, **design_kwargs):
    """An approved notice sent `days_ago` days ago (its experiment moved back in time, as if it had been)."""
    from foryou.notices import sending

    notice = approved_notice(editor, approver, **design_kwargs)
    order = sending.schedule(notice, by=editor, tracked=True)
    assert sending.start(order)
    experiment = notice.experiments.get()
    shift = timedelta(days=days_ago)
    experiment.started_on -= shift
    experiment.started_at -= shift
    experiment.window_ends_at -= shift
    experiment.save()
    return notice, experiment


def record_takeup(run, experiment, rates: dict, *, through_days=20, program="checkup"):
    """Take-up as an import would record it: the first `rates[arm]` share of each arm's residents took the
    program up on some day within `through_days` of the notice; data known through that day."""
    from foryou.outcomes.models import TakeUp, TakeUpRecording

    rows = []
    for arm, rate in rates.items():
        ids = sorted(experiment.assignments.filter(arm=arm).values_list("resident_id", flat=True))
        for i, rid in enumerate(ids[:round(rate * len(ids))]):
            rows.append(TakeUp(program=program, resident_id=rid, source="checkups", seen_on=experiment.started_on,
                               took_up_on=experiment.started_on + timedelta(days=i % (through_days + 1))))
    TakeUp.objects.bulk_create(rows)
    TakeUpRecording.objects.update_or_create(import_run=run, defaults={
        "as_of": experiment.started_on + timedelta(days=through_days), "counts": {program: len(rows)}})
    return rows


def keep_holdout(experiment, n: int) -> None:
    """Leave exactly `n` people held out (the draw's size varies by a person per stratum): for tests about
    a holdout of a known small size."""
    from foryou.effect.models import HOLDOUT

    held = list(experiment.assignments.filter(arm=HOLDOUT).order_by("pk").values_list("pk", flat=True))
    assert len(held) >= n, f"only {len(held)} held out"
    experiment.assignments.filter(pk__in=held[n:]).delete()
