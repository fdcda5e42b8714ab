"""Program files may carry per-language labels — the program's name, its contact department and hours —
for the languages foryou has catalogs for; an unknown code is a clear error naming the file, the key and
the allowed codes. A notice shows a reader the label in the language of the version they get, else the
やさしい日本語 label, else the file's Japanese. The demo's checkup programs carry English and やさしい日本語."""

from pathlib import Path

import pytest
import yaml

from foryou.programs.definition import ProgramError, load_programs, parse_program
from tests.notice_languages.conftest import PARENTS

PROGRAMS = Path(__file__).resolve().parents[2] / "programs"


def parents(**changes) -> dict:
    return yaml.safe_load(PARENTS) | changes


def test_labels_are_read_and_fall_back_to_easy_japanese_then_japanese():
    program = parse_program(parents(), "parents.yml")
    assert program.label("name", "en") == "Child-rearing household benefit"
    assert program.label("hours", "en") == "Weekdays 8:30-17:30"
    assert program.label("name", "vi") == "こそだての 家の ための お金"  # no Vietnamese label: やさしい日本語
    assert program.label("hours", "ja-easy") == "平日 8:30〜17:30"  # no やさしい日本語 hours: the Japanese
    assert program.label("name", "ja") == "子育て世帯応援給付" and program.label("contact", "ja") == "こども家庭支援課"


def test_an_unknown_language_code_names_the_file_the_key_and_the_allowed_codes():
    with pytest.raises(ProgramError) as refused:
        parse_program(parents(labels={"fr": {"name": "Allocation"}}), "parents.yml")
    message = str(refused.value)
    assert message.startswith("parents.yml: labels.fr: unknown language 'fr'")
    assert "ja-easy, en, zh-hans, ko, vi, pt-br" in message


@pytest.mark.parametrize(("labels", "key"), [
    ({"en": {"title": "x"}}, "labels.en.title"),
    ({"en": "Child benefit"}, "labels.en"),
    ({"ja": {"name": "子育て"}}, "labels.ja"),
    (["en"], "labels"),
])
def test_a_malformed_label_is_refused_naming_its_key(labels, key):
    with pytest.raises(ProgramError) as refused:
        parse_program(parents(labels=labels), "parents.yml")
    assert refused.value.path == key and "parents.yml" in str(refused.value)


def test_the_demos_checkup_programs_carry_english_and_easy_japanese_labels():
    programs = {p.code: p for p in load_programs(PROGRAMS)}
    for code in ("tokutei-kenshin", "kenko-shinsa", "haigan-daichogan-kenshin", "igan-risuku-kensa",
                 "zenritsusengan-kenshin"):
        program = programs[code]
        assert set(program.labels) >= {"en", "ja-easy"}, code
        assert program.label("name", "en") != program.name and program.label("contact", "en") == "Health Support Division"
