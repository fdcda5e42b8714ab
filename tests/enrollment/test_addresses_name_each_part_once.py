from hypothesis import given
from hypothesis import strategies as st

from foryou.enrollment.addresses import join_parts, registry_address, undoubled


def test_a_town_repeated_at_the_start_of_the_number_is_written_once():
    assert join_parts("千葉市", "緑区", "あすみが丘", "あすみが丘1丁目2番3号") == "千葉市緑区あすみが丘1丁目2番3号"
    assert join_parts("千葉市", "緑区", "緑区あすみが丘", "1丁目") == "千葉市緑区あすみが丘1丁目"
    assert join_parts("千葉市", "中央区", "千葉港", "千葉市中央区千葉港1番1号") == "千葉市中央区千葉港1番1号"


def test_parts_that_do_not_repeat_are_joined_as_they_are():
    assert join_parts("千葉市", "中央区", "千葉港", "1番1号") == "千葉市中央区千葉港1番1号"
    assert join_parts("", None, "あすみが丘東", "3丁目") == "あすみが丘東3丁目"
    assert registry_address({"ward_name": "緑区", "town_name": "あすみが丘", "address_number": "1-2",
                             "katagaki": "グリーンハイツ101"}) == "緑区あすみが丘1-2　グリーンハイツ101"


def test_an_applicant_typing_the_filled_in_town_again_reads_once():
    assert undoubled("千葉市緑区あすみが丘あすみが丘1-2-3") == "千葉市緑区あすみが丘1-2-3"
    assert undoubled("千葉市中央区千葉港1-1") == "千葉市中央区千葉港1-1"
    assert undoubled("1-1-1 11-11") == "1-1-1 11-11"  # numbers are never folded


towns = st.text(alphabet="あいうえおかきくけこが丘町台東西南北", min_size=2, max_size=6)
numbers = st.from_regex(r"[1-9][0-9]?(丁目[1-9]番[1-9]号)?", fullmatch=True)


@given(ward=st.sampled_from(["中央区", "緑区", "美浜区"]), town=towns, number=numbers, repeat=st.booleans())
def test_joining_never_writes_the_town_twice_in_a_row(ward, town, number, repeat):
    joined = join_parts("千葉市", ward, town, (town if repeat else "") + number)
    assert joined == f"千葉市{ward}{town}{number}"
