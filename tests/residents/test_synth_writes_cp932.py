"""CP932 exports decode as CP932 and carry 外字 substitutes; everything else is the same text."""

from datetime import date

from foryou.dev.synth import FILES, generate

AS_OF = date(2026, 11, 27)
IVS = "\U000E0100"


def test_cp932_output_differs_from_utf8_only_by_the_gaiji_fallbacks(tmp_path):
    generate(2000, seed=8, out_dir=tmp_path / "utf8", as_of=AS_OF)
    generate(2000, seed=8, out_dir=tmp_path / "sjis", encoding="cp932", as_of=AS_OF)

    for name in FILES:
        original = (tmp_path / "utf8" / name).read_bytes().decode("utf-8")
        written = (tmp_path / "sjis" / name).read_bytes().decode("cp932")  # strict: any bad byte fails
        assert written == original.replace(IVS, "").replace("𠮷", "吉")


def test_cp932_persons_contain_the_fallbacks_where_utf8_had_the_originals(tmp_path):
    generate(2000, seed=8, out_dir=tmp_path / "utf8", as_of=AS_OF)
    generate(2000, seed=8, out_dir=tmp_path / "sjis", encoding="cp932", as_of=AS_OF)

    original = (tmp_path / "utf8" / "persons.csv").read_text(encoding="utf-8")
    written = (tmp_path / "sjis" / "persons.csv").read_text(encoding="cp932")
    assert "𠮷田" in original and "𠮷" not in written
    assert "葛" + IVS + "西" in original and "葛西" in written and IVS not in written
    assert "髙橋" in written and "﨑" in written  # CP932 (IBM extensions) keeps these


def test_utf8_sig_is_utf8_with_a_byte_order_mark(tmp_path):
    generate(1500, seed=3, out_dir=tmp_path / "plain", as_of=AS_OF)
    generate(1500, seed=3, out_dir=tmp_path / "bom", encoding="utf-8-sig", as_of=AS_OF)

    for name in FILES:
        assert (tmp_path / "bom" / name).read_bytes() == b"\xef\xbb\xbf" + (tmp_path / "plain" / name).read_bytes()
