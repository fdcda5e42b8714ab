"""Every shipped program goes through the editor's form and comes back as the same conditions: opening
a program and saving it without a change changes nothing."""

from pathlib import Path

import pytest
from django.conf import settings
from django.http import QueryDict

from foryou.programs import condition_tree as ct
from foryou.programs import catalog

PROGRAMS = catalog.file_programs(Path(settings.PROGRAMS_DIR))


def posted(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value) if isinstance(value, list) else query.__setitem__(key, value)
    return query


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.code)
def test_a_program_round_trips_through_the_editor_form(program):
    root = ct.from_form(posted(ct.to_form(program.tree)))
    ct.renumber(root)
    tree, problems = ct.to_tree(root)
    assert problems == []
    assert catalog.parse_tree(tree, program.lookups_data).root == program.conditions.root
    assert program.with_conditions(tree).conditions.lookups == program.conditions.lookups
