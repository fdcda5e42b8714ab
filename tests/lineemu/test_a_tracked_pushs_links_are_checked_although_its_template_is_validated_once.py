"""Tracked pushes differ only in their buttons' signed links; the emulator validates such a template once
(decision 0100) and must still answer each push exactly as if it had validated that push alone."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foryou.dev.lineemu import limits

USER = "U" + "0123456789abcdef" * 2
LINK_ALPHABET = "abcXYZ0189-._~:/?#[]@!$&'()*+,;=% \t\"\\é日"


def tracked_push(link: str, padding: int = 0) -> dict:
    """A notice bubble with one tracked button (and a text padded towards the 30 KB bubble limit)."""
    return {"to": USER, "messages": [{"type": "flex", "altText": "お知らせ", "contents": {
        "type": "bubble",
        "body": {"type": "box", "layout": "vertical", "contents": [
            {"type": "text", "text": "アンケートのお願い", "wrap": True},
            *({"type": "text", "text": "あ" * min(4000, padding - start), "wrap": True}
              for start in range(0, padding, 4000))]},
        "footer": {"type": "box", "layout": "vertical", "contents": [
            {"type": "button", "style": "primary", "action": {"type": "uri", "label": "回答する", "uri": link}},
            {"type": "button", "style": "secondary", "action": {"type": "uri", "label": "電話", "uri": "tel:0432455111"}},
        ]}}}]}


def verdict(body: dict, *, separators=(", ", ": ")):
    """What the emulator answers to this body: through its cache (raw bytes as a client sends them)."""
    raw = json.dumps(body, separators=separators).encode()
    failure = limits.validate_request("push", json.loads(raw), raw)
    return failure.body() if failure else None


def fresh_verdict(body: dict):
    """The same body validated on its own, with no cache."""
    limits._cache.clear()
    return verdict(body)


def test_pushes_that_differ_only_in_their_signed_links_share_one_validation():
    limits._cache.clear()
    assert verdict(tracked_push("https://city.example.jp/l/WzEsMF0:1xaXx0:abc")) is None
    assert verdict(tracked_push("https://city.example.jp/l/WzIsMF0:1xaXx0:xyz")) is None
    assert len(limits._cache) == 1


def test_a_bad_link_in_a_template_validated_before_is_still_refused():
    limits._cache.clear()
    assert verdict(tracked_push("https://city.example.jp/l/good")) is None
    for bad in ("javascript:alert(1)", "https://", "ftp://city.example.jp/l/x"):
        assert verdict(tracked_push(bad)) == {"message": "The request body has 1 error(s)", "details": [
            {"message": "Invalid action URI", "property": "messages[0].contents.footer.contents[0].action.uri"}]}, bad
    assert verdict(tracked_push("https://city.example.jp/l/a b")) == {"message": (
        "The property, 'messages[0].contents.footer.contents[0].action.uri', in the request body is invalid "
        "(line: -, column: -)")}  # LINE cannot read it as a URI at all


def test_a_link_over_1000_characters_is_refused_though_a_shorter_one_of_the_template_passed():
    limits._cache.clear()
    assert verdict(tracked_push("https://city.example.jp/l/" + "a" * 974)) is None  # 1,000 characters
    failure = verdict(tracked_push("https://city.example.jp/l/" + "a" * 975))
    assert failure["details"] == [{"message": "Length must be between 0 and 1000",
                                   "property": "messages[0].contents.footer.contents[0].action.uri"}]


def test_a_longer_link_that_pushes_the_bubble_over_30_kb_is_refused():
    link = "https://city.example.jp/l/" + "a" * 200
    def bubble_size(padding: int) -> int:
        return limits.json_size(tracked_push(link, padding)["messages"][0]["contents"])
    padding = limits.MAX_BUBBLE_BYTES // 3
    while bubble_size(padding) > limits.MAX_BUBBLE_BYTES:
        padding -= 1
    assert bubble_size(padding) > limits.MAX_BUBBLE_BYTES - 10  # 10 more bytes of link do not fit
    fits = tracked_push(link, padding)
    assert fresh_verdict(fits) is None
    longer = tracked_push(link + "a" * 10, padding)
    assert verdict(longer) == fresh_verdict(longer) != None  # noqa: E711 (a failure, the same one)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.text(LINK_ALPHABET, max_size=40), second=st.text(LINK_ALPHABET, max_size=40),
       scheme=st.sampled_from(["https://", "http://", "HTTPS://", "line://", ""]),
       host=st.sampled_from(["city.example.jp", "127.0.0.1:8000", "", "a b"]),
       compact=st.booleans())
def test_the_answer_to_any_link_is_the_answer_it_gets_validated_alone(first, second, scheme, host, compact):
    separators = (",", ":") if compact else (", ", ": ")
    limits._cache.clear()
    verdict(tracked_push(f"https://city.example.jp/l/{first}"), separators=separators)  # the template, cached
    body = tracked_push(f"{scheme}{host}/l/{second}")
    cached = verdict(body, separators=separators)
    assert cached == fresh_verdict(body)
