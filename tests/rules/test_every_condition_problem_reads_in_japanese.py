"""Each problem of the condition language has a code and one message (foryou.rules.problems): files and
logs read it in English, the console in Japanese, with every parameter kept — so no rewording can
leave staff reading English."""

import re

from django.utils import translation

from foryou.rules.problems import PROBLEMS, english, localized

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def sample_params(template: str) -> dict:
    return {name: f"<{name}>" for name in PLACEHOLDER.findall(template)}


def test_every_problem_is_translated_into_japanese_with_its_parameters():
    with translation.override("ja"):
        for code, template in PROBLEMS.items():
            params = sample_params(template)
            japanese = localized(code, params)
            assert japanese != english(code, params), f"{code} is not translated"
            for value in params.values():
                assert value in japanese, f"{code} loses {value}"


def test_commands_and_files_read_the_english_message():
    assert english("unknown_field", {"field": "'income'", "known": "age"}) == \
        "unknown field 'income'; known fields: age"
