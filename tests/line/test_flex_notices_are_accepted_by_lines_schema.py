"""Every rendered notice passes the emulator's validation: LINE's OpenAPI schema plus its documented
limits (text, altText, bubble size, URIs), as a push with the Flex message and its text fallback."""

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from foryou.shared.notice.flex import MAX_ALT_TEXT, ComposeError, compose, plain_text, utf16_len
from foryou.dev.lineemu.limits import validate_request
from tests.line.notices import notice

USER = "U" + "0" * 32


def accepted(composed) -> bool:
    body = {"to": USER, "messages": [composed.flex, composed.text_message]}
    failure = validate_request("push", json.loads(json.dumps(body)))
    assert failure is None, failure.body()
    return True


def test_a_full_notice_renders_as_a_bubble_line_accepts():
    composed = compose(notice())
    assert accepted(composed)
    bubble = composed.flex["contents"]
    assert bubble["header"]["contents"][0]["text"] == "あなたが使える制度お知らせサービス"
    assert bubble["body"]["contents"][0]["text"] == "子育て応援手当"
    contact = bubble["body"]["contents"][-1]
    assert contact["contents"][-1]["action"] == {"type": "uri", "label": "043-245-5111", "uri": "tel:0432455111"}
    assert [b["action"]["uri"] for b in bubble["footer"]["contents"]] == [
        "https://www.city.chiba.jp/kodomo/teate.html", "https://apply.example.jp/form?id=42"]
    assert composed.flex["altText"].startswith("子育て応援手当")


def test_a_minimal_notice_has_no_empty_components():
    composed = compose(notice(title="", contact_department="", contact_phone="", contact_hours="", links=[]))
    assert accepted(composed)
    assert "footer" not in composed.flex["contents"] and len(composed.flex["contents"]["body"]["contents"]) == 3


def test_the_plain_text_has_everything_the_bubble_has():
    text = compose(notice()).text
    for part in ("子育て応援手当", "申請期限", "生後2か月", "こども支援課", "043-245-5111", "8:30",
                 "くわしく見る: https://www.city.chiba.jp/kodomo/teate.html"):
        assert part in text


def test_a_long_body_gives_a_truncated_alt_text_that_starts_with_the_program_name():
    composed = compose(notice(body="🍎制度の説明です。" * 450))
    alt = composed.flex["altText"]
    assert alt.startswith("子育て応援手当\n") and alt.endswith("…") and utf16_len(alt) <= MAX_ALT_TEXT
    assert accepted(composed)


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300).filter(str.strip)
urls = st.from_regex(r"https://[a-z]{1,20}\.example\.jp/[a-zA-Z0-9_/?=&%.-]{0,200}", fullmatch=True)
labels = st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(program=texts, title=st.one_of(st.just(""), texts), body=st.text(min_size=1, max_size=4000).filter(str.strip),
       links=st.lists(st.tuples(labels, urls), max_size=4), phone=st.sampled_from(["", "043-245-5111", "0120 12 3456"]))
def test_any_notice_that_composes_is_accepted_by_line(program, title, body, links, phone):
    try:
        composed = compose(notice(program_name=program, title=title, body=body, links=links, contact_phone=phone))
    except ComposeError:
        return  # e.g. a body whose plain-text rendering exceeds 5,000: refused at compose time
    assert accepted(composed)


def test_a_notice_whose_plain_text_is_exactly_5000_characters_fits_and_one_more_does_not():
    overhead = utf16_len(plain_text(notice(body="x"))) - 1
    assert accepted(compose(notice(body="あ" * (5000 - overhead))))
    with pytest.raises(ComposeError) as caught:
        compose(notice(body="あ" * (5001 - overhead)))
    assert [p.path for p in caught.value.problems] == ["text"]


def test_a_composed_notice_goes_through_the_sdk_and_the_emulator_unchanged(line):
    from foryou.gateway.delivery.channel import Send
    from tests.line.channel_helpers import channel

    user = line.create_user()
    composed = compose(notice())
    [result] = channel(line).send(Send.new([user.user_id], [composed.flex, composed.text_message]))
    assert result.ok, result
    assert [m["message"] for m in line.messages(user.user_id)] == [composed.flex, composed.text_message]
