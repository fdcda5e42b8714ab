"""Recording take-up runs after the import is applied: if it fails, the import stands, its record says
so, nothing is half-written, and `foryou outcomes record` records from the current snapshot."""

import io
from datetime import date

from django.core.management import call_command

from foryou.outcomes import services
from foryou.outcomes.models import TakeUp, TakeUpRecording
from foryou.outcomes.takeup import data_through
from foryou.residents import store
from tests.outcomes.conftest import register
from tests.residents.exports import TARO, valid_export, write_export

AS_OF = date(2026, 11, 27)


def test_a_failure_after_the_import_is_recorded_and_retried(tmp_path, do_import, monkeypatch):
    files = valid_export()
    files["allowances.csv"].append(
        {"宛名番号": TARO, "制度コード": "JIDO_FUYO", "受給開始日": "20261110", "受給終了日": "", "状態": "申請中"})
    register(TARO)

    def console_database_down():
        raise ConnectionError("console database went away")

    monkeypatch.setattr(services, "registrant_ids", console_database_down)  # fault injection only
    run = do_import(write_export(tmp_path / "export", files), AS_OF)
    assert run.status == "applied" and store.current_snapshot_name() == run.snapshot
    assert run.counts["takeups_failed"] == "ConnectionError"
    assert not TakeUp.objects.exists() and not TakeUpRecording.objects.exists()
    assert data_through("jido-fuyo-teate") is None  # the page says data is not in yet
    status = io.StringIO()
    call_command("outcomes", "status", stdout=status)
    assert "run `foryou outcomes record`" in status.getvalue()

    monkeypatch.undo()
    out = io.StringIO()
    call_command("outcomes", "record", stdout=out)
    assert "recorded 1 new take-up events" in out.getvalue()
    assert list(TakeUp.objects.values_list("resident_id", "took_up_on")) == [(TARO, date(2026, 11, 10))]
    run.refresh_from_db()
    assert run.counts["takeups"] == 1 and "takeups_failed" not in run.counts
    assert data_through("jido-fuyo-teate") == AS_OF

    call_command("outcomes", "record", stdout=out)  # nothing left to do
    assert "already recorded" in out.getvalue() and TakeUp.objects.count() == 1
    status = io.StringIO()
    call_command("outcomes", "status", stdout=status)
    assert "jido-fuyo-teate\tallowances\tJIDO_FUYO\t1 events\tdata through 2026-11-27" in status.getvalue()
    assert "not recorded" not in status.getvalue()
