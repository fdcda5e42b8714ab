"""A resident absent from the export is carried forward only as far as ending their registration needs,
and only for RETAIN_DEPARTED_RESIDENTS_DAYS from their departure (消除日, else the first export without them)."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.enrollment import registrant_lookup
from foryou.enrollment.models import Registration
from foryou.residents import store
from foryou.residents.services import run_import
from tests.residents.conftest import AS_OF
from tests.residents.exports import LEFT, TARO, UME, valid_export, write_export

pytestmark = pytest.mark.django_db


def export_without(tmp_path, name, *gone):
    files = valid_export()
    for key in files:
        files[key] = [row for row in files[key] if row["宛名番号"] not in gone]
    if TARO in gone:  # his household needs a new head
        for row in files["persons.csv"]:
            if row["続柄"] == "妻":
                row["続柄"] = "世帯主"
    return write_export(tmp_path / name, files)


def person(resident_id):
    with store.connect() as con:
        cursor = con.execute("SELECT * FROM persons WHERE resident_id = ?", [resident_id])
        row = cursor.fetchone()
        return dict(zip([d[0] for d in cursor.description], row)) if row else None


def test_a_departed_resident_keeps_no_name_birth_date_or_address_and_their_registration_ends(tmp_path, data_dir):
    registration = Registration.objects.create(number="1" * 16, resident_id=UME, status="active",
                                               expires_at=timezone.now())
    run_import(write_export(tmp_path / "first", valid_export()), AS_OF, stream=io.StringIO())
    run = run_import(export_without(tmp_path, "second", UME), AS_OF + timedelta(days=1), stream=io.StringIO())

    assert run.counts["carried_over"] == 1
    assert run.counts["registrations_stopped"] == 1
    registration.refresh_from_db()
    assert (registration.status, registration.ending) == ("inactive", "moved_out")
    ume = person(UME)
    assert (ume["is_current"], ume["in_export"], ume["left_export_on"]) == (False, False, AS_OF + timedelta(days=1))
    for column in ("name", "name_kana", "birth_date", "birth_date_raw", "sex", "postal_code", "town_name",
                   "address_number", "katagaki", "relationship", "resident_since"):
        assert ume[column] is None, column
    # The registrant's page reads blanks, not "None".
    seen = registrant_lookup.person(UME)
    assert (seen.name, seen.name_kana, seen.birth_date, seen.address, seen.is_current) == ("", "", None, "", False)


def test_the_departed_are_dropped_once_the_period_from_their_departure_has_passed(tmp_path, data_dir, settings):
    settings.RETAIN_DEPARTED_RESIDENTS_DAYS = 90
    run_import(write_export(tmp_path / "first", valid_export()), AS_OF, stream=io.StringIO())
    # UME leaves the export; LEFT (died 2025-03-10, long before) leaves it too.
    gone = export_without(tmp_path, "second", UME, LEFT)
    second = run_import(gone, AS_OF + timedelta(days=1), stream=io.StringIO())
    assert (second.counts["carried_over"], second.counts["departed_dropped"]) == (1, 1)
    assert person(LEFT) is None

    within = run_import(gone, AS_OF + timedelta(days=91), stream=io.StringIO())
    assert (within.counts["carried_over"], within.counts["departed_dropped"]) == (1, 0)
    assert person(UME)["left_export_on"] == AS_OF + timedelta(days=1)  # the departure is remembered, not renewed

    after = run_import(gone, AS_OF + timedelta(days=92), stream=io.StringIO())
    assert (after.counts["carried_over"], after.counts["departed_dropped"]) == (0, 1)
    assert person(UME) is None
