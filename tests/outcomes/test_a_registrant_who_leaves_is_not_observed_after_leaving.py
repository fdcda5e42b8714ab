"""A registrant who leaves the city during a window: take-up before leaving is recorded, anything dated
after their 消除日 is not (the city cannot observe it), and they stay in their group's denominator."""

from datetime import date

from foryou.outcomes.models import TakeUp
from foryou.outcomes.takeup import cumulative
from foryou.residents.checkdigit import with_check_digit
from tests.outcomes.conftest import register
from tests.residents.exports import person, valid_export, write_export

LEAVER = with_check_digit("000001239")
STAYER = with_check_digit("000001240")


def test_take_up_after_leaving_is_not_recorded_and_the_leaver_still_counts_in_the_group(tmp_path, do_import):
    files = valid_export()
    files["persons.csv"] += [
        person(LEAVER, "0000300044", "千葉　転出", "チバ テンシュツ", "19700101", "1", "世帯主",
               消除日="20261115", 消除事由="転出", 異動事由="転出"),
        person(STAYER, "0000300055", "千葉　在住", "チバ ザイジュウ", "19700101", "1", "世帯主"),
    ]
    files["checkups.csv"] += [
        {"宛名番号": LEAVER, "種別": "特定健診", "実施日": "20261120"},  # after leaving: not the city's to see
        {"宛名番号": STAYER, "種別": "特定健診", "実施日": "20261110"},
    ]
    register(LEAVER, STAYER)
    do_import(write_export(tmp_path / "export", files), date(2026, 11, 27))
    assert list(TakeUp.objects.values_list("resident_id", flat=True)) == [STAYER]
    counts = cumulative("tokutei-kenshin", {"notified": [LEAVER, STAYER]}, date(2026, 11, 1), 26)
    assert counts["notified"][-1] == 1  # of 2: the leaver stays in the denominator, not taken up
