from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from foryou.programs.definition import load_programs, parse_program
from foryou.programs.folding import unfold

FILE = """
code: sample
name: サンプル
department: 健康支援課
summary: >-
  ひとり親家庭などで18歳到達後最初の3月31日までのお子さんを養育している方は、児童扶養手当を受けられる
  可能性があります。LINE で
  お知らせします。Read the
  guide.
conditions: {field: age_years, op: ">=", value: 18}
"""


def test_folded_japanese_lines_are_joined_without_a_space():
    program = parse_program(yaml.safe_load(FILE), "sample.yml")
    assert "受けられる可能性があります。" in program.summary
    assert "LINE でお知らせします。" in program.summary  # a space next to Latin letters is the author's
    assert "Read the guide." in program.summary


def test_no_shipped_program_summary_has_a_space_between_japanese_characters(settings):
    programs = load_programs(Path(settings.PROGRAMS_DIR))
    assert programs
    for program in programs:
        assert unfold(program.summary) == program.summary
        assert "  " not in program.summary


def test_full_width_spaces_are_kept():
    assert unfold("千葉市　保健所") == "千葉市　保健所"


japanese = st.text(alphabet="あいうえおカキクケコ日本語制度。、「」", min_size=1, max_size=12)


@given(st.lists(japanese, min_size=1, max_size=6))
def test_lines_folded_by_yaml_come_back_as_written(lines):
    text = yaml.safe_load("summary: >-\n" + "".join(f"  {line}\n" for line in lines))["summary"]
    assert unfold(text) == "".join(lines)
