"""Rich menu endpoints with LINE's paths: api.line.me (create, validate, get, list, delete, default) and
api-data.line.me (upload and download the image) — one server answers both, so a client points its data
API base at the same URL. Bodies are validated against messaging-api.yml's RichMenuRequest."""

from __future__ import annotations

from aiohttp import web

from foryou.dev.lineemu import richmenus
from foryou.dev.lineemu.middleware import EMULATOR, line_error, line_json, read_json

NOT_FOUND = "Not found"


def _menus(request: web.Request) -> richmenus.RichMenus:
    return request.app[EMULATOR].state.rich_menus


def _changed(request: web.Request) -> None:
    request.app[EMULATOR].state.rich_menus_changed()


async def _valid_body(request: web.Request):
    body, error = await read_json(request)
    if error:
        return None, error
    failure = richmenus.validate(body)
    return (None, line_json(400, failure.body())) if failure else (body, None)


async def create(request: web.Request) -> web.Response:
    body, error = await _valid_body(request)
    if error:
        return error
    rich_menu_id = _menus(request).create(body)
    if rich_menu_id is None:
        return line_error(400, richmenus.TOO_MANY)
    _changed(request)
    return line_json(200, {"richMenuId": rich_menu_id})


async def validate(request: web.Request) -> web.Response:
    _body, error = await _valid_body(request)
    return error or line_json(200, {})


async def get(request: web.Request) -> web.Response:
    menu = _menus(request).get(request.match_info["rich_menu_id"])
    return line_json(200, menu) if menu else line_error(404, NOT_FOUND)


async def list_all(request: web.Request) -> web.Response:
    return line_json(200, {"richmenus": _menus(request).all()})


async def delete(request: web.Request) -> web.Response:
    if not _menus(request).delete(request.match_info["rich_menu_id"]):
        return line_error(404, NOT_FOUND)
    _changed(request)
    return line_json(200, {})


async def set_default(request: web.Request) -> web.Response:
    menus = _menus(request)
    rich_menu_id = request.match_info["rich_menu_id"]
    if menus.get(rich_menu_id) is None:
        return line_error(404, NOT_FOUND)
    refused = menus.set_default(rich_menu_id)
    if refused:
        return line_error(400, refused)
    _changed(request)
    return line_json(200, {})


async def get_default(request: web.Request) -> web.Response:
    menu = _menus(request).default_menu()
    return line_json(200, {"richMenuId": menu["richMenuId"]}) if menu else line_error(404, "no default richmenu")


async def cancel_default(request: web.Request) -> web.Response:
    _menus(request).cancel_default()
    _changed(request)
    return line_json(200, {})


async def upload_image(request: web.Request) -> web.Response:
    menus = _menus(request)
    rich_menu_id = request.match_info["rich_menu_id"]
    if menus.get(rich_menu_id) is None:
        return line_error(404, NOT_FOUND)
    if request.content_type not in richmenus.IMAGE_TYPES:
        return line_error(415, f"The content type, '{request.content_type}', is not supported")
    data = await request.read()
    if len(data) > richmenus.MAX_IMAGE_BYTES:
        return line_error(400, "The image file size must be 1 MB or less")
    refused = menus.set_image(rich_menu_id, request.content_type, data)
    if refused:
        return line_error(400, refused)
    _changed(request)
    return line_json(200, {})


async def download_image(request: web.Request) -> web.Response:
    image = _menus(request).images.get(request.match_info["rich_menu_id"])
    if image is None:
        return line_error(404, NOT_FOUND)
    content_type, data = image
    return web.Response(body=data, content_type=content_type)


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_post("/v2/bot/richmenu", create, name="richmenu_create")
    r.add_post("/v2/bot/richmenu/validate", validate, name="richmenu_validate")
    r.add_get("/v2/bot/richmenu/list", list_all, name="richmenu_list")
    r.add_get("/v2/bot/richmenu/{rich_menu_id}", get, name="richmenu_get")
    r.add_delete("/v2/bot/richmenu/{rich_menu_id}", delete, name="richmenu_delete")
    r.add_post("/v2/bot/richmenu/{rich_menu_id}/content", upload_image, name="richmenu_upload")
    r.add_get("/v2/bot/richmenu/{rich_menu_id}/content", download_image, name="richmenu_download")
    r.add_post("/v2/bot/user/all/richmenu/{rich_menu_id}", set_default, name="richmenu_set_default")
    r.add_get("/v2/bot/user/all/richmenu", get_default, name="richmenu_get_default")
    r.add_delete("/v2/bot/user/all/richmenu", cancel_default, name="richmenu_cancel_default")
