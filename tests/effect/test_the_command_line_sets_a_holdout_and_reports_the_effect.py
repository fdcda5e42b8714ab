"""Every staff action has a command: `foryou notices create --holdout 20` (and variants in the file)
writes the design with the version, `send --start` draws the holdout, `foryou notices effect` prints the
measured effect (or says what is missing)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from foryou.effect.models import Experiment
from foryou.notices.models import Notice
from tests.effect.conftest import record_takeup

pytestmark = pytest.mark.django_db

NOTICE = """title: 特定健診のご案内
body: 特定健診を無料で受けられます。
variants:
  - title: 健診は無料です
    body: 今月中にお申し込みください。
"""


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_send_and_read_the_effect(tmp_path, city, registrants, editor, approver):
    path = tmp_path / "notice.yml"
    path.write_text(NOTICE, encoding="utf-8")
    run("notices", "create", "--as", editor.username, "--program", "checkup", "--file", str(path), "--holdout", "30",
        "--window", "21")
    notice = Notice.objects.get()
    assert (notice.latest.holdout_percent, notice.latest.window_days, len(notice.latest.variants)) == (30, 21, 1)
    run("notices", "approve", str(notice.pk), "--as", approver.username)
    run("notices", "send", str(notice.pk), "--as", editor.username, "--start")
    experiment = Experiment.objects.get()
    record_takeup(city, experiment, {"A": 0.5, "B": 0.5, "holdout": 0.1}, through_days=0)
    shown = json.loads(run("notices", "effect", str(notice.pk), "--json"))
    assert shown["verdict"] == "positive" and float(shown["difference_pp"]) > 0
    assert [g["group"] for g in shown["groups"]] == ["A", "B", "holdout"]
    assert "difference" in run("notices", "effect", str(notice.pk))


def test_a_holdout_of_100_is_refused_by_the_command(tmp_path, editor):
    path = tmp_path / "notice.yml"
    path.write_text(NOTICE, encoding="utf-8")
    with pytest.raises(CommandError):
        run("notices", "create", "--as", editor.username, "--program", "checkup", "--file", str(path),
            "--holdout", "100")
    assert not Notice.objects.exists()
