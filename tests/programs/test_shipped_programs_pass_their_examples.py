"""The 23 programs of Chiba's 2021 launch ship as rules as code, and every example in them holds."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from foryou.programs.definition import load_programs
from foryou.programs.testing import run_all

PROGRAMS = load_programs(Path(settings.PROGRAMS_DIR))


def test_the_twenty_three_launch_programs_are_shipped():
    assert len(PROGRAMS) == 23
    names = {p.name for p in PROGRAMS}
    assert {"乳児一般健康診査", "児童扶養手当", "特定健康診査", "JR定期乗車券の割引"} <= names


def test_seven_programs_are_income_tested_and_need_tax_consent():
    assert sorted(p.name for p in PROGRAMS if "tax" in p.consents) == sorted([
        "児童扶養手当", "特別児童扶養手当", "ひとり親家庭等医療費助成", "母子・父子・寡婦福祉資金",
        "子育て世帯向け市営住宅期限付き入居", "水道料金の減免", "下水道使用料の減免",
    ])


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.code)
def test_each_program_is_a_cited_example_with_persons_who_must_and_must_not_qualify(program):
    assert program.example and program.sources and all(isinstance(s, str) for s in program.sources)
    assert any(t.qualify for t in program.tests) and any(t.not_qualify for t in program.tests)


@pytest.mark.parametrize("outcome", run_all(PROGRAMS), ids=lambda o: f"{o.program.code}-{o.test.path}")
def test_every_example_holds_on_the_reference_and_on_sql(outcome):
    assert outcome.passed, outcome.failures


def test_the_programs_test_command_passes(capsys):
    call_command("programs", "test")
    assert " 0 failed" in capsys.readouterr().out
