"""Requests LINE rejects are rejected here too, with LINE's error body: a summary and per-property details."""

import json

import pytest
from linebot.v3.messaging import ApiException, FlexBubble, FlexMessage, PushMessageRequest, TextMessage

from tests.lineemu.conftest import text

FRIEND = "U" + "a" * 32


def bubble(**blocks) -> dict:
    return {"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": "x"}]},
            **blocks}


def uri_button(uri: str) -> dict:
    return {"type": "flex", "altText": "x", "contents": bubble(footer={"type": "box", "layout": "vertical", "contents": [
        {"type": "button", "action": {"type": "uri", "label": "開く", "uri": uri}}]})}


SIZE_1_500 = {"message": "Size must be between 1 and 500", "property": "to"}
CASES = {
    "a multicast to 501 user IDs": ("multicast", {"to": [FRIEND] * 501, "messages": [text("x")]}, [SIZE_1_500]),
    "a multicast to no one": ("multicast", {"to": [], "messages": [text("x")]}, [SIZE_1_500]),
    "an empty text": ("push", {"to": FRIEND, "messages": [text("")]},
                      [{"message": "May not be empty", "property": "messages[0].text"}]),
    "a text over 5,000 characters": ("push", {"to": FRIEND, "messages": [text("あ" * 5001)]},
                                     [{"message": "Length must be between 0 and 5000", "property": "messages[0].text"}]),
    "2,501 emoji (5,002 UTF-16 units)": ("push", {"to": FRIEND, "messages": [text("😀" * 2501)]},
                                         [{"message": "Length must be between 0 and 5000", "property": "messages[0].text"}]),
    "an altText over 1,500 characters": ("push", {"to": FRIEND, "messages": [
        {"type": "flex", "altText": "a" * 1501, "contents": bubble()}]},
        [{"message": "Length must be between 0 and 1500", "property": "messages[0].altText"}]),
    "six messages": ("push", {"to": FRIEND, "messages": [text("x")] * 6},
                     [{"message": "Size must be between 1 and 5", "property": "messages"}]),
    "an ftp: action URI": ("push", {"to": FRIEND, "messages": [uri_button("ftp://example.jp/x")]},
                           [{"message": "Invalid action URI", "property": "messages[0].contents.footer.contents[0].action.uri"}]),
    "an action URI over 1,000 characters": ("push", {"to": FRIEND, "messages": [uri_button("https://example.jp/" + "a" * 990)]},
        [{"message": "Length must be between 0 and 1000", "property": "messages[0].contents.footer.contents[0].action.uri"}]),
    "a carousel of 13 bubbles": ("push", {"to": FRIEND, "messages": [
        {"type": "flex", "altText": "x", "contents": {"type": "carousel", "contents": [bubble()] * 13}}]},
        [{"message": "Size must be between 1 and 12", "property": "messages[0].contents.contents"}]),
    "a bubble over 30 KB": ("push", {"to": FRIEND, "messages": [{"type": "flex", "altText": "x", "contents": bubble(
        header={"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": "x" * 30_000}]})}]},
        [{"message": "Size must be at most 30000 bytes", "property": "messages[0].contents"},
         {"message": "Length must be between 0 and 5000", "property": "messages[0].contents.header.contents[0].text"}]),
    "an http image URL": ("push", {"to": FRIEND, "messages": [
        {"type": "image", "originalContentUrl": "http://example.jp/a.png", "previewImageUrl": "https://example.jp/a.png"}]},
        [{"message": "Invalid URL: must be an HTTPS URL", "property": "messages[0].originalContentUrl"}]),
}


@pytest.mark.parametrize("kind, body, details", CASES.values(), ids=CASES.keys())
def test_the_emulator_rejects(line, kind, body, details):
    line.create_user(user_id=FRIEND)
    status, _, answer = line.call("POST", f"/v2/bot/message/{kind}", body)
    assert status == 400
    assert answer == {"message": f"The request body has {len(details)} error(s)", "details": details}
    assert line.messages(FRIEND) == []
    # The validate endpoints check the messages alone.
    messages_ok = all(d["property"] == "to" for d in details)
    status, _, answer = line.call("POST", f"/v2/bot/message/validate/{kind}", {"messages": body["messages"]})
    assert (status, answer) == ((200, {}) if messages_ok else (400, {
        "message": f"The request body has {len(details)} error(s)", "details": details}))


def test_2500_emoji_fit_in_a_text(line):
    line.create_user(user_id=FRIEND)
    assert line.push(FRIEND, text("😀" * 2500))[0] == 200


def test_every_error_is_reported_at_once(line):
    status, _, answer = line.push("", text(""), {"type": "flex", "altText": "", "contents": bubble()})
    assert status == 400
    assert answer["message"] == "The request body has 3 error(s)"
    assert {d["property"] for d in answer["details"]} == {"to", "messages[0].text", "messages[1].altText"}


@pytest.mark.parametrize("kind, to, prop", [("push", "U123", "to"), ("push", "u" + "a" * 32, "to"),
                                            ("multicast", [FRIEND, "UABCDEF" + "0" * 26], "to[1]")])
def test_a_malformed_user_id_is_an_invalid_property(line, kind, to, prop):
    status, _, answer = line.call("POST", f"/v2/bot/message/{kind}", {"to": to, "messages": [text("x")]})
    assert status == 400
    assert answer == {"message": f"The property, '{prop}', in the request body is invalid (line: -, column: -)"}


def test_a_well_formed_but_unknown_user_id_fails_to_send(line):
    assert line.push("U" + "b" * 32, text("x"))[2] == {"message": "Failed to send messages"}


def test_a_body_that_is_not_json_is_answered_with_its_position(line):
    status, _, answer = line.call("POST", "/v2/bot/message/push", raw=b'{"to": ', headers={"Content-Type": "application/json"})
    assert status == 400 and answer["message"].startswith("The request body could not be parsed as JSON (line: 1")


def test_the_sdk_surfaces_the_same_errors(line):
    line.create_user(user_id=FRIEND)
    api = line.sdk()
    with pytest.raises(ApiException) as empty:
        api.push_message(PushMessageRequest(to=FRIEND, messages=[TextMessage(text="")]))
    assert empty.value.status == 400 and json.loads(empty.value.body)["details"][0]["message"] == "May not be empty"
    with pytest.raises(ApiException) as long_alt:
        api.push_message(PushMessageRequest(to=FRIEND, messages=[
            FlexMessage(alt_text="a" * 1501, contents=FlexBubble.from_dict(bubble()))]))
    assert json.loads(long_alt.value.body)["details"][0]["property"] == "messages[0].altText"


def test_validate_endpoints_accept_good_messages_with_an_empty_object(line):
    for kind in ("push", "multicast", "broadcast", "reply"):
        status, _, answer = line.call("POST", f"/v2/bot/message/validate/{kind}", {"messages": [text("x")]})
        assert (status, answer) == (200, {})


def test_an_unknown_api_path_is_404_in_lines_shape(line):
    status, headers, body = line.call("GET", "/v2/bot/no/such/api")
    assert (status, body) == (404, {"message": "Not found"}) and headers["x-line-request-id"]


def test_a_body_over_2_mb_is_413(line):
    status, headers, body = line.push(FRIEND, text("x" * 2_100_000))
    assert status == 413 and "message" in body and headers["x-line-request-id"]


def test_a_body_that_is_not_json_typed_is_415(line):
    status, _, body = line.call("POST", "/v2/bot/message/push", raw=b"to=x", headers={"Content-Type": "text/plain"})
    assert status == 415 and body["message"] == "The content type, 'text/plain', is not supported"
