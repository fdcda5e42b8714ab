"""Each limit violated at compose time gives a clear error naming the field; all problems at once."""

import pytest
from django.utils import translation

from foryou.shared.notice.flex import ComposeError, check_messages, compose, label_len
from tests.line.notices import notice


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):  # the words checked below are the English source strings
        yield


def problems(**changes) -> dict[str, str]:
    with pytest.raises(ComposeError) as caught:
        compose(notice(**changes))
    return {p.path: p.message for p in caught.value.problems}


@pytest.mark.parametrize("changes, path, words", [
    ({"body": "あ" * 5001}, "body", "5001"),
    ({"body": "🍎" * 2501}, "body", "5002"),  # UTF-16 code units, as LINE counts
    ({"program_name": " "}, "program_name", "required"),
    ({"service_name": ""}, "service_name", "required"),
    ({"links": [("案内", "ftp://example.jp/a")]}, "links[0].url", "http"),
    ({"links": [("案内", "javascript:alert(1)")]}, "links[0].url", "http"),
    ({"links": [("案内", "https://example.jp/" + "a" * 1000)]}, "links[0].url", "1000"),
    ({"links": [("案内", "https://exa mple.jp/")]}, "links[0].url", "valid"),
    ({"links": [("案内", "https:///nohost")]}, "links[0].url", "valid"),
    ({"links": [("あ" * 21, "https://example.jp/")]}, "links[0].label", "20"),
    ({"links": [("", "https://example.jp/")]}, "links[0].label", "empty"),
    ({"links": [("a", "https://example.jp/")] * 5}, "links", "4"),
    ({"contact_phone": "お電話ください"}, "contact_phone", "valid"),
    ({"contact_phone": "0" * 21}, "contact_phone", "20"),
])
def test_each_violation_names_its_field(changes, path, words):
    found = problems(**changes)
    assert path in found, found
    assert words in found[path]


def test_every_problem_is_reported_together():
    with pytest.raises(ComposeError) as caught:
        compose(notice(body="", links=[("x" * 30, "ftp://a")]))
    assert [p.path for p in caught.value.problems] == ["body", "links[0].label", "links[0].url"]
    assert str(caught.value).startswith("body: ")


def test_a_bubble_over_30000_bytes_is_refused():
    found = problems(title="題" * 4900, body="あ" * 4900, contact_department="課" * 2000)
    assert "bubble" in found and "30000" in found["bubble"]


def test_a_plain_text_rendering_over_5000_characters_is_refused():
    found = problems(body="あ" * 4990)
    assert set(found) == {"text"} and "body" in found["text"]


def test_a_request_has_at_most_five_messages_and_each_is_checked():
    text = {"type": "text", "text": "x"}
    assert check_messages([text] * 5) == []
    [problem] = check_messages([text] * 6)
    assert problem.path == "messages" and "5" in problem.message
    flex = {"type": "flex", "altText": "あ" * 1501, "contents": {"type": "bubble"}}
    assert [p.path for p in check_messages([flex, {"type": "text", "text": "x" * 5001}])] == [
        "messages[0].altText", "messages[1].text"]


def test_labels_count_user_perceived_characters():
    assert label_len("ご案内") == 3 and label_len("👍🏽") == 1 and label_len("👨‍👩‍👧") == 1 and label_len("🇯🇵") == 1
    assert label_len("葛\U000E0100") == 1  # an ideographic variation sequence is one character
