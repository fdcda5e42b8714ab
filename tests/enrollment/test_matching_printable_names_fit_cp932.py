"""The printable fallback of a name prints on CP932-only systems; the original is never altered."""

from foryou.enrollment.matching import printable_name

IVS = "\U000E0100"


def test_characters_outside_cp932_fall_back_to_their_common_form():
    assert printable_name("𠮷田　太郎") == "吉田　太郎"


def test_variation_selectors_are_dropped():
    assert printable_name("葛" + IVS + "西　花子") == "葛西　花子"


def test_characters_cp932_has_are_kept_as_registered():
    assert printable_name("髙橋　誠") == "髙橋　誠"  # 髙 and 﨑 are in CP932 (IBM extensions)
    assert printable_name("山﨑　茂") == "山﨑　茂"


def test_every_printable_name_encodes_in_cp932():
    for name in ("𠮷田", "葛" + IVS + "西", "髙橋", "𡈽屋", "鷗外", "𩸽"):
        printable_name(name).encode("cp932")
