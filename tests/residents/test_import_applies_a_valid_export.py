from datetime import date

from foryou.audit.models import AuditEvent
from foryou.residents import store
from foryou.residents.models import ImportRun
from tests.residents.exports import HANAKO, ICHIRO, LEFT, TARO, UME


def test_a_valid_export_becomes_the_current_snapshot(do_import, export_dir):
    run = do_import(export_dir)

    assert run.status == ImportRun.Status.APPLIED
    assert run.error_count == 0
    assert store.current_snapshot_name() == run.snapshot
    assert run.counts["persons"] == 5
    assert run.counts["current_persons"] == 4
    assert run.counts["households"] == 2
    persons = run.files["persons.csv"]
    assert (persons["rows"], persons["encoding"], persons["left_out"], persons["accepted"]) == (5, "UTF-8", 0, 5)


def test_values_are_typed_and_normalised(do_import, export_dir):
    do_import(export_dir)
    with store.connect() as con:
        rows = dict(con.execute("SELECT resident_id, name_kana FROM persons").fetchall())
        taro = con.execute(
            "SELECT birth_date, sex, postal_code, protected, is_current FROM persons WHERE resident_id = ?", [TARO]
        ).fetchone()
        income = con.execute("SELECT total_income FROM resident_tax WHERE resident_id = ?", [TARO]).fetchone()[0]
    assert rows[HANAKO] == "チバ ハナコ"  # half-width katakana folded
    assert rows[ICHIRO] == "チバ イチロウ"  # hiragana folded
    assert taro == (date(1985, 4, 12), "1", "2608722", False, True)
    assert income == 4_200_000


def test_variant_kanji_and_characters_outside_the_bmp_are_kept_exactly(do_import, export_dir):
    do_import(export_dir)
    with store.connect() as con:
        names = dict(con.execute("SELECT resident_id, name FROM persons").fetchall())
    assert names[UME] == "髙橋　うめ"
    assert names[LEFT] == "𠮷田　次郎"


def test_a_person_who_died_stays_in_history_but_is_not_current(do_import, export_dir):
    do_import(export_dir)
    with store.connect() as con:
        row = con.execute("SELECT is_current, removed_on, removed_reason FROM persons WHERE resident_id = ?", [LEFT]).fetchone()
    assert row == (False, date(2025, 3, 10), "死亡")


def test_every_import_is_recorded_and_audited(do_import, export_dir):
    run = do_import(export_dir)
    run.refresh_from_db()
    assert run.finished_at is not None and run.seconds is not None
    assert run.actor_label.startswith("system")
    event = AuditEvent.objects.get(action="residents.import")
    assert event.target == f"import:{run.pk}"
    assert event.detail["status"] == "applied"


def test_households_are_derived_from_current_members(do_import, export_dir):
    do_import(export_dir)
    with store.connect() as con:
        households = con.execute("SELECT household_id, head_id, members FROM households ORDER BY 1").fetchall()
    assert households == [("0000300011", TARO, 3), ("0000300022", UME, 1)]
