from foryou.residents import store
from tests.residents.conftest import AS_OF
from tests.residents.exports import UME, valid_export, write_export


def test_a_person_missing_from_the_next_export_stays_as_no_longer_current(do_import, export_dir, tmp_path):
    do_import(export_dir)
    files = valid_export()
    files["persons.csv"] = [p for p in files["persons.csv"] if p["宛名番号"] != UME]
    files["resident_tax.csv"] = [r for r in files["resident_tax.csv"] if r["宛名番号"] != UME]
    run = do_import(write_export(tmp_path / "next", files))

    assert run.status == "applied"
    assert run.counts["carried_over"] == 1
    with store.connect() as con:
        row = con.execute("SELECT is_current, in_export, name, birth_date, left_export_on FROM persons "
                          "WHERE resident_id = ?", [UME]).fetchone()
        households = con.execute("SELECT count(*) FROM households").fetchone()[0]
    # Kept so that registrations end; without name or birth date (docs/privacy.md, tests/retention).
    assert row == (False, False, None, None, AS_OF)
    assert households == 1


def test_old_snapshots_are_pruned_beyond_the_number_kept(do_import, export_dir, settings):
    settings.ANALYSIS_KEEP_SNAPSHOTS = 1
    for _ in range(4):
        do_import(export_dir)
    snapshots = sorted(p.name for p in store.analysis_dir().glob("snapshot-*.duckdb"))
    assert len(snapshots) == 2  # the current one and one previous
    assert store.current_snapshot_name() in snapshots
