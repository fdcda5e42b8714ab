"""The results page of a notice with a holdout: the cumulative chart (SVG from numbers in attributes),
take-up in each group, the difference in percentage points with its 95% interval, the verdict in plain
Japanese, the window and the data's date, and the reach funnel. It is linked from the notice page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.console_notices.conftest import as_user
from tests.effect.conftest import record_takeup, sent_experiment

pytestmark = pytest.mark.django_db


def test_a_clear_effect_reads_as_more_people_took_it_up(client, city, registrants, editor, approver, settings):
    settings.LANGUAGE_CODE = "ja"
    notice, experiment = sent_experiment(editor, approver, holdout=40)
    record_takeup(city, experiment, {"A": 0.6, "holdout": 0.1})
    as_user(client, editor)
    with translation.override("ja"):
        detail = client.get(reverse("console_notice", args=[notice.pk])).content.decode()
        assert reverse("console_effect", args=[notice.pk]) in detail
        page = client.get(reverse("console_effect", args=[notice.pk])).content.decode()
    assert '<svg class="chart-svg line-chart"' in page and "<polyline" in page and "style=" not in page.split("<svg")[1].split("</svg>")[0]
    difference = re.search(r"data-difference>([^<]+)<", page).group(1)
    interval = re.search(r"data-difference-ci>([^<]+)<", page).group(1)
    assert float(difference) > 30
    low, high = (float(v) for v in re.findall(r"[+-]\d+\.\d", interval))
    assert 0 < low < float(difference) < high
    assert 'id="verdict"' in page and "positive" in re.search(r'class="verdict ([^"]*)" id="verdict"', page).group(1)
    assert 'id="funnel"' in page and 'id="window"' in page


def test_a_too_small_experiment_says_it_cannot_tell_yet(client, city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=10)
    record_takeup(city, experiment, {"A": 0.01, "holdout": 0.0})
    as_user(client, editor)
    with translation.override("ja"):
        page = client.get(reverse("console_effect", args=[notice.pk])).content.decode()
    verdict = re.search(r'id="verdict">([^<]+)<', page).group(1)
    assert 'class="verdict too_small"' in page
    assert verdict in ("まだ判断できません（対象が少なすぎます）", "Cannot tell yet (the groups are too small).")


def test_a_program_without_an_outcome_says_what_to_add(client, city, registrants, editor, approver):
    from foryou.notices import services
    from foryou.programs import catalog
    from tests.effect.conftest import WORDING

    notice = services.create(catalog.get_program("plain"), WORDING, editor)
    as_user(client, editor)
    page = client.get(reverse("console_effect", args=[notice.pk])).content.decode()
    assert 'id="outcome-missing"' in page and "outcome:" in page
