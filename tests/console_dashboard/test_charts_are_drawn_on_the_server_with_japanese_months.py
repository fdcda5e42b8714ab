"""The chart helpers: round axis steps, months labelled the Japanese way, and every figure also in the
table that screen readers get."""

from django.utils import translation

from foryou.console import charts


def test_axis_steps_are_round_numbers_that_reach_the_maximum():
    assert charts.nice_ticks(4) == [0, 1, 2, 3, 4]
    assert charts.nice_ticks(10_812) == [0, 2500, 5000, 7500, 10000, 12500]
    assert charts.nice_ticks(0) == [0, 1]


def test_months_are_continuous_and_written_in_japanese():
    assert charts.months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    with translation.override("ja"):
        assert charts.month_label("2026-04", with_year=False) == "4月"


def test_a_long_history_is_labelled_every_few_months_from_january():
    months = charts.months_between("2021-01", "2023-07")
    indices, step = charts._label_indices(months)
    assert step == 6 and [months[i] for i in indices][:3] == ["2021-01", "2021-07", "2022-01"]


def test_the_stacked_area_keeps_every_figure_for_screen_readers():
    chart = charts.stacked_area(["2026-10", "2026-11"], [charts.Series("line", "LINE", [3, 5]),
                                                         charts.Series("email", "メール", [1, 2])],
                                title="登録者", desc="説明", unit="人")
    assert [row[1:] for row in chart.rows] == [["3", "1", "4"], ["5", "2", "7"]]
    assert chart.svg.count("<polygon") == 2 and "<title id=" in chart.svg


def test_a_donut_of_nothing_is_empty_rather_than_a_broken_ring():
    chart = charts.donut([("line", "LINE", 0)], title="t", desc="d", centre="–", centre_label="", unit="人")
    assert chart.empty and chart.svg == ""
