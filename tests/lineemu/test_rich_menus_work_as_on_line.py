"""Rich menus on the local LINE platform, through the official SDK as on LINE: created from a body
LINE's OpenAPI schema accepts, an image uploaded once at api-data.line.me's path (exactly the menu's
size), then made the default; listed, fetched, deleted. What LINE refuses is refused with its error body."""

import io
import json
import urllib.request

import pytest
from linebot.v3.messaging import ApiClient, Configuration, MessagingApiBlob, RichMenuRequest
from linebot.v3.messaging.exceptions import ApiException
from PIL import Image

AREA = {"bounds": {"x": 0, "y": 0, "width": 1250, "height": 843},
        "action": {"type": "uri", "label": "利用申請", "uri": "https://liff.line.me/2000000002-x/apply/"}}
MENU = {"size": {"width": 2500, "height": 843}, "selected": True, "name": "foryou", "chatBarText": "メニュー",
        "areas": [AREA, {"bounds": {"x": 1250, "y": 0, "width": 1250, "height": 843},
                         "action": {"type": "message", "label": "ヘルプ", "text": "ヘルプ"}}]}


def png(width: int, height: int, kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format=kind)
    return out.getvalue()


def blob(line) -> MessagingApiBlob:
    """The SDK's data-API client, sent to the emulator instead of api-data.line.me."""
    class Client(ApiClient):
        def call_api(self, *args, _host=None, **kwargs):
            return super().call_api(*args, _host=line.base_url, **kwargs)
    return MessagingApiBlob(Client(Configuration(host=line.base_url, access_token=line.access_token)))


def upload(line, rich_menu_id: str, data: bytes, content_type: str = "image/png"):
    return line.call("POST", f"/v2/bot/richmenu/{rich_menu_id}/content", raw=data,
                     headers={"Content-Type": content_type})


def test_a_menu_is_created_given_its_image_and_made_the_default_through_the_sdk(line):
    api = line.sdk()
    rich_menu_id = api.create_rich_menu(RichMenuRequest.from_dict(MENU)).rich_menu_id
    assert rich_menu_id.startswith("richmenu-")
    blob(line).set_rich_menu_image(rich_menu_id, png(2500, 843), _headers={"Content-Type": "image/png"})
    api.set_default_rich_menu(rich_menu_id)
    assert api.get_default_rich_menu_id().rich_menu_id == rich_menu_id
    [listed] = api.get_rich_menu_list().richmenus
    assert listed.to_dict() == {"richMenuId": rich_menu_id, **MENU}
    assert blob(line).get_rich_menu_image(rich_menu_id) == bytearray(png(2500, 843))
    api.delete_rich_menu(rich_menu_id)
    assert api.get_rich_menu_list().richmenus == []
    with pytest.raises(ApiException) as gone:
        api.get_default_rich_menu_id()
    assert gone.value.status == 404


def test_a_menu_cannot_be_the_default_before_it_has_an_image(line):
    status, _, body = line.call("POST", "/v2/bot/richmenu", MENU)
    status, _, refused = line.call("POST", f"/v2/bot/user/all/richmenu/{body['richMenuId']}")
    assert (status, refused) == (400, {"message": "must upload richmenu image before applying it to user"})


def test_an_image_of_another_size_or_type_or_a_second_image_is_refused(line):
    _, _, body = line.call("POST", "/v2/bot/richmenu", MENU)
    rich_menu_id = body["richMenuId"]
    assert upload(line, rich_menu_id, png(2500, 1686))[0] == 400
    assert upload(line, rich_menu_id, b"GIF89a", "image/gif")[0] == 415
    assert upload(line, rich_menu_id, png(2500, 843, "JPEG"), "image/jpeg")[0] == 200
    status, _, again = upload(line, rich_menu_id, png(2500, 843))
    assert (status, again["message"]) == (400, "An image has already been uploaded to the richmenu")


@pytest.mark.parametrize("change, details", [
    ({"chatBarText": "メニューを開いて使い方を見てください"},
     [{"message": "Length must be between 0 and 14", "property": "chatBarText"}]),
    ({"name": None}, [{"message": "must be specified", "property": "name"}]),
    ({"size": {"width": 2500, "height": 2000}},
     [{"message": "The aspect ratio (width / height) must be at least 1.45", "property": "size"}]),
    ({"areas": [{**AREA, "bounds": {**AREA["bounds"], "x": 2000}}]},
     [{"message": "The area must be inside the rich menu", "property": "areas[0].bounds"}]),
    ({"areas": [{**AREA, "action": {"type": "uri", "label": "x", "uri": "ftp://example.jp/"}}]},
     [{"message": "Invalid action URI", "property": "areas[0].action.uri"}]),
    ({"areas": [AREA] * 21}, [{"message": "Size must be between 0 and 20", "property": "areas"}]),
])
def test_a_menu_line_refuses_is_refused_with_the_details(line, change, details):
    body = {key: value for key, value in {**MENU, **change}.items() if value is not None}
    for path in ("/v2/bot/richmenu", "/v2/bot/richmenu/validate"):
        status, _, refused = line.call("POST", path, body)
        assert (status, refused["details"]) == (400, details)
    assert line.state.rich_menus.all() == []


def test_a_body_the_openapi_schema_rejects_is_refused_before_anything_is_kept(line):
    wrong_type = {**MENU, "selected": "yes"}  # RichMenuRequest.selected is a boolean
    unknown_action = {**MENU, "areas": [{**AREA, "action": {"type": "teleport"}}]}
    for body in (wrong_type, unknown_action):
        status, _, refused = line.call("POST", "/v2/bot/richmenu", body)
        assert status == 400 and "is invalid" in refused["message"], refused
    assert line.state.rich_menus.all() == []


def test_rich_menu_calls_need_a_valid_access_token(line):
    assert line.call("GET", "/v2/bot/richmenu/list", token="wrong")[0] == 401
    assert line.call("POST", "/v2/bot/richmenu", MENU, token=None)[0] == 401


def test_the_default_menu_survives_a_restart_with_a_state_file(line, tmp_path):
    _, _, body = line.call("POST", "/v2/bot/richmenu", MENU)
    upload(line, body["richMenuId"], png(2500, 843))
    line.call("POST", f"/v2/bot/user/all/richmenu/{body['richMenuId']}")
    line.state.save(tmp_path / "state.json")
    line.reset()
    line.state.load(tmp_path / "state.json")
    assert line.call("GET", "/v2/bot/user/all/richmenu")[2] == {"richMenuId": body["richMenuId"]}
    status, _, shown = line.call("GET", "/emulator/richmenu", token=None)
    assert shown["imageUrl"] == f"/emulator/richmenu/{body['richMenuId']}/image"


def test_the_simulator_is_told_the_default_menu_and_every_change_of_it(line):
    user = line.create_user()
    with urllib.request.urlopen(f"{line.base_url}/emulator/users/{user.user_id}/events", timeout=5) as stream:
        def next_event() -> tuple[str, dict]:
            while not (head := stream.readline().decode()).startswith("event: "):
                pass
            return head[7:].strip(), json.loads(stream.readline().decode()[6:])

        assert next_event() == ("user", user.as_dict())
        assert next_event() == ("richmenu", {})  # none yet
        _, _, body = line.call("POST", "/v2/bot/richmenu", MENU)
        upload(line, body["richMenuId"], png(2500, 843))
        line.call("POST", f"/v2/bot/user/all/richmenu/{body['richMenuId']}")
        kind, shown = next_event()
    assert kind == "richmenu" and shown["richMenuId"] == body["richMenuId"] and shown["areas"] == MENU["areas"]
    with urllib.request.urlopen(line.base_url + shown["imageUrl"], timeout=5) as image:
        assert image.headers["Content-Type"] == "image/png" and image.read() == png(2500, 843)
