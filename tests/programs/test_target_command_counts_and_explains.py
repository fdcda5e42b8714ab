import io
import json

import pytest
from django.core.management import call_command

from foryou.audit.models import AuditEvent
from tests.programs.samples import PARENTS, write_programs
from tests.residents.exports import TARO, valid_export, write_export

@pytest.fixture
def city(tmp_path, data_dir, db):
    from foryou.residents.services import run_import
    from tests.residents.conftest import AS_OF

    run_import(write_export(tmp_path / "export", valid_export()), AS_OF, stream=io.StringIO())
    return write_programs(tmp_path / "programs", parents=PARENTS)


def test_target_prints_count_funnel_and_timing_as_json(city):
    out = io.StringIO()
    call_command("target", "parents", "--as-of", "2026-11-27", "--json", "--dir", str(city), stdout=out)
    result = json.loads(out.getvalue())
    assert result["count"] == 2
    assert [s["count"] for s in result["funnel"]] == [4, 3, 2]
    assert result["milliseconds"]["count"] >= 0


def test_explaining_a_person_shows_each_test_and_is_audited(city):
    out = io.StringIO()
    call_command("target", "parents", "--as-of", "2026-11-27", "--person", TARO, "--dir", str(city), stdout=out)
    text = out.getvalue()
    assert "✔ 年齢 ≥ 18  [年齢=41]" in text
    event = AuditEvent.objects.get(action="rules.explain")
    assert event.target == f"resident:{TARO}"
    assert event.detail["program"] == "parents"


def test_an_unknown_program_is_a_clear_error(city):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No program 'nope'"):
        call_command("target", "nope", "--as-of", "2026-11-27", "--dir", str(city))
