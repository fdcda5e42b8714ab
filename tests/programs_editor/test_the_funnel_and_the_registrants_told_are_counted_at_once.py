"""The editor counts the funnel and the registrants a send would tell at the same time (two cursors,
one query on a pool thread): each answer is the one counted alone, and the registrants are read from
the console database on the caller's thread (in its transaction), so a registration made in this
request's transaction is told."""

from datetime import date

import pytest

from foryou.programs import live
from foryou.programs.catalog import get_program
from tests.programs_editor.conftest import register
from tests.residents.exports import HANAKO, TARO

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 27)


def test_counted_at_once_each_answer_is_the_one_counted_alone(city, exact_counts):
    register(TARO), register(HANAKO, tax=True)
    program = get_program("parents")
    preview, told = live.preview_and_told(program.conditions, AS_OF, program.recipients)
    live.reset()
    alone = live.preview(program.conditions, AS_OF)
    assert [s.count for s in preview.steps] == [s.count for s in alone.steps] == [4, 3, 2]
    assert told == live.registrants_told(program.conditions, AS_OF, program.recipients) == 2


def test_a_registration_of_this_transaction_is_told_at_once(city, exact_counts):
    program = get_program("parents")
    assert live.preview_and_told(program.conditions, AS_OF, program.recipients)[1] == 0
    register(TARO)  # inside the test's transaction: a pool thread's own connection would not see it
    assert live.preview_and_told(program.conditions, AS_OF, program.recipients)[1] == 1

