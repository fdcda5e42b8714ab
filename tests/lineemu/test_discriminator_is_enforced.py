"""LINE's schema says which subtype applies with an OpenAPI discriminator on "type"; the emulator resolves
it, so a subtype's own rules (TextMessage's text, FlexMessage's contents, URIAction's uri...) apply."""

from foryou.dev.lineemu import schema
from foryou.dev.lineemu.limits import validate_request

USER = "U" + "0" * 32


def flex_with_button(action: dict | None) -> dict:
    button = {"type": "button", "style": "primary", **({"action": action} if action else {})}
    return {"type": "flex", "altText": "お知らせ", "contents": {
        "type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": [
            {"type": "text", "text": "本文"}, button]}}}


def test_the_resolved_schema_keeps_no_discriminator():
    schemas = schema.load_schemas()
    assert not any("discriminator" in s for s in schemas.values())
    assert "Message__base" in schemas and "FlexComponent__base" in schemas


def test_a_text_message_without_text_is_rejected(line):
    user = line.create_user()
    status, _, body = line.push(user.user_id, {"type": "text"})
    assert status == 400
    assert body == {"message": "The request body has 1 error(s)",
                    "details": [{"message": "must be specified", "property": "messages[0].text"}]}


def test_a_flex_button_with_a_javascript_uri_is_rejected(line):
    user = line.create_user()
    status, _, body = line.push(user.user_id, flex_with_button({"type": "uri", "label": "開く", "uri": "javascript:alert(1)"}))
    assert status == 400
    assert body["details"] == [{"message": "Invalid action URI",
                                "property": "messages[0].contents.body.contents[1].action.uri"}]
    assert line.messages(user.user_id) == []


def test_a_flex_button_with_an_https_uri_is_accepted(line):
    user = line.create_user()
    assert line.push(user.user_id, flex_with_button({"type": "uri", "label": "開く", "uri": "https://example.jp/a"}))[0] == 200


def test_subtype_rules_apply_at_every_level():
    cases = {
        "messages[0].contents": {"type": "flex", "altText": "x"},
        "messages[0].contents.body.contents[1].action": flex_with_button(None),
        "messages[0].stickerId": {"type": "sticker", "packageId": "446"},
        "messages[0].template.actions[0].clipboardText": {"type": "template", "altText": "x", "template": {
            "type": "buttons", "text": "x", "actions": [{"type": "clipboard", "label": "コピー"}]}},
    }
    for prop, message in cases.items():
        failure = validate_request("push", {"to": USER, "messages": [message]})
        assert failure and failure.details[0] == {"message": "must be specified", "property": prop}, prop


def test_unknown_or_misplaced_types_are_invalid_properties():
    carousel_in_carousel = {"type": "flex", "altText": "x", "contents": {
        "type": "carousel", "contents": [{"type": "carousel", "contents": []}]}}
    for message, prop in [({"type": "fax", "text": "x"}, "messages[0].type"),
                          (carousel_in_carousel, "messages[0].contents.contents[0].type")]:
        failure = validate_request("push", {"to": USER, "messages": [message]})
        assert failure.body() == {"message": f"The property, '{prop}', in the request body is invalid (line: -, column: -)"}
