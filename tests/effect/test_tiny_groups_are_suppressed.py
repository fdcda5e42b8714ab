"""Small counts are suppressed as everywhere in the console: a group or subgroup with fewer than the
threshold (10) of people, or of people who took it up, shows 「10人未満」 and no rate nor result; the
per-stratum assignment counts too."""

import csv
import io

import pytest
from django.urls import reverse

from foryou.console import suppression
from foryou.effect import pages
from tests.console_notices.conftest import as_user
from tests.effect.conftest import keep_holdout, record_takeup, sent_experiment

pytestmark = pytest.mark.django_db


def test_small_subgroups_show_no_result(city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=5)
    record_takeup(city, experiment, {"A": 0.5, "holdout": 0.5})
    ctx = pages.context(notice)
    rows = [row for _heading, table in ctx["subgroups"] for row in table]
    small = [row for row in rows if row["n_holdout"].hidden or row["n_told"].hidden]
    assert small, "a city this small has wards with fewer than 10 held out"
    for row in small:
        assert str(row["n_holdout"]) == suppression.fewer_than() or str(row["n_told"]) == suppression.fewer_than()
        assert row["difference"] == "—" and row["difference_ci"] == "—"
    assert any(not row["n_told"].hidden for row in rows)


def test_a_tiny_holdout_shows_fewer_than_ten_and_no_rate(city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=5)
    keep_holdout(experiment, 5)
    record_takeup(city, experiment, {"A": 0.3, "holdout": 0.5})
    ctx = pages.context(notice)
    holdout = next(g for g in ctx["groups"] if g["arm"] == "holdout")
    assert holdout["people"].hidden and holdout["rate"].text == suppression.HIDDEN_RATE
    assert ctx["verdict_key"] == "too_small"


def test_the_strata_counts_hide_small_cells(client, city, registrants, editor, approver):
    notice, _experiment = sent_experiment(editor, approver, holdout=10)
    as_user(client, editor)
    body = client.get(reverse("console_effect_strata", args=[notice.pk])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    cells = [c for row in rows if len(row) > 3 and row[2] in ("line", "email") for c in row[3:]]
    assert cells and suppression.fewer_than() in cells
    assert all(c == "0" or c == suppression.fewer_than() or int(c.replace(",", "")) >= 10 for c in cells)


def test_the_chart_is_not_drawn_while_a_wordings_take_up_is_small(city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=0, variants=[("短い案内", "健診は無料です。")])
    record_takeup(city, experiment, {"A": 0.3, "B": 0.02})  # B: a handful took it up
    ctx = pages.context(notice)
    assert ctx["chart"] is None and ctx["chart_withheld"]
    row = next(v for v in ctx["variant_rows"] if v["label"] == "B")
    assert row["took_up"].hidden and str(row["rate"]) == suppression.HIDDEN_RATE
