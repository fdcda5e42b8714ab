"""After each applied import, the take-up events the export shows are recorded, for registrants only
and for programs with an outcome; the same export imported twice records nothing new."""

from datetime import date

from foryou.outcomes.models import TakeUp, TakeUpRecording
from foryou.outcomes.takeup import data_through
from tests.outcomes.conftest import register
from tests.residents.exports import HANAKO, TARO, UME, valid_export, write_export

AS_OF = date(2026, 11, 27)


def export_with_takeups(tmp_path):
    files = valid_export()
    files["allowances.csv"] += [
        {"宛名番号": TARO, "制度コード": "JIDO_FUYO", "受給開始日": "20261110", "受給終了日": "", "状態": "申請中"},
        {"宛名番号": TARO, "制度コード": "TOKUBETSU_JIDO_FUYO", "受給開始日": "20261111", "受給終了日": "", "状態": "却下"},
        {"宛名番号": HANAKO, "制度コード": "JIDO_FUYO", "受給開始日": "20261112", "受給終了日": "", "状態": "受給中"},
    ]
    files["checkups.csv"] += [
        {"宛名番号": UME, "種別": "健康診査", "実施日": "20261101"},
        {"宛名番号": HANAKO, "種別": "特定健診", "実施日": "20261102"},
    ]
    return write_export(tmp_path / "export", files)


def events():
    return sorted(TakeUp.objects.values_list("program", "resident_id", "took_up_on", "source", "seen_on"))


def test_registrants_take_up_is_recorded_with_its_day_and_source(tmp_path, do_import):
    register(TARO, UME)  # Hanako is no registrant: her receipt and checkup are not kept
    run = do_import(export_with_takeups(tmp_path), AS_OF)
    assert events() == [
        ("jido-fuyo-teate", TARO, date(2026, 11, 10), "allowances", AS_OF),
        ("kenko-shinsa", UME, date(2026, 11, 1), "checkups", AS_OF),
    ]
    assert run.counts["takeups"] == 2
    assert TakeUpRecording.objects.get(import_run=run).counts["jido-fuyo-teate"] == 1


def test_importing_the_same_export_again_records_nothing_new(tmp_path, do_import):
    register(TARO, UME)
    export = export_with_takeups(tmp_path)
    do_import(export, AS_OF)
    before = events()
    again = do_import(export, date(2026, 11, 28))
    assert events() == before and again.counts["takeups"] == 0
    assert data_through("jido-fuyo-teate") == date(2026, 11, 28)


def test_a_rejected_application_and_programs_without_an_outcome_record_nothing(tmp_path, do_import):
    register(TARO)
    do_import(export_with_takeups(tmp_path), AS_OF)
    assert not TakeUp.objects.filter(program="tokubetsu-jido-fuyo-teate").exists()  # 却下 is not take-up
    assert data_through("suido-ryokin-genmen") is None  # no outcome: nothing is known


def test_nothing_is_kept_of_a_registrant_under_a_protection_order_or_in_such_a_household(tmp_path, do_import):
    files = valid_export()
    files["persons.csv"][1]["支援措置"] = "1"  # Hanako: Taro's household is protected through her
    files["allowances.csv"].append(
        {"宛名番号": TARO, "制度コード": "JIDO_FUYO", "受給開始日": "20261110", "受給終了日": "", "状態": "申請中"})
    files["checkups.csv"].append({"宛名番号": UME, "種別": "健康診査", "実施日": "20261101"})
    register(TARO, HANAKO, UME)
    do_import(write_export(tmp_path / "export", files), AS_OF)
    assert [e[1] for e in events()] == [UME]
