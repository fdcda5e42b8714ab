"""Rich menus as LINE keeps them: created from a body its OpenAPI schema (RichMenuRequest) accepts and
that meets the documented limits the schema does not state, an image uploaded once per menu (JPEG or
PNG, at most 1 MB, exactly the menu's size), and one default menu for every user. The phone simulator
shows the default menu under the chat."""

from __future__ import annotations

import base64
import io
import secrets
import threading

from foryou.dev.lineemu import schema
from foryou.dev.lineemu.limits import check_action, check_text, detail
from foryou.dev.lineemu.schema import ValidationFailure

MAX_MENUS = 1000
MAX_AREAS = 20
MAX_NAME = 300
MAX_CHAT_BAR_TEXT = 14
MAX_IMAGE_BYTES = 1024 * 1024
IMAGE_TYPES = ("image/jpeg", "image/png")
NO_IMAGE = "must upload richmenu image before applying it to user"
IMAGE_ALREADY = "An image has already been uploaded to the richmenu"
IMAGE_SIZE = "Image size must match the rich menu size"
TOO_MANY = "The maximum number of rich menus has been reached"


def validate(body) -> ValidationFailure | None:
    """The schema first (types, discriminated actions), then LINE's documented rules."""
    failure = schema.validate("RichMenuRequest", body)
    if failure and not failure.details:
        return failure
    details = list(failure.details) if failure else []
    if isinstance(body, dict):
        details += _check_menu(body)
    unique = list({d["property"]: d for d in details}.values())
    return ValidationFailure(schema.errors_message(len(unique)), unique) if unique else None


def _check_menu(body: dict) -> list[dict]:
    errors = [detail(key, "must be specified") for key in ("size", "selected", "name", "chatBarText", "areas")
              if body.get(key) is None]
    errors += check_text(body.get("name"), "name", MAX_NAME, required=False)
    errors += check_text(body.get("chatBarText"), "chatBarText", MAX_CHAT_BAR_TEXT, required=False)
    size = body.get("size")
    width = height = None
    if isinstance(size, dict) and isinstance(size.get("width"), int) and isinstance(size.get("height"), int):
        width, height = size["width"], size["height"]
        if not 800 <= width <= 2500:
            errors.append(detail("size.width", "Must be between 800 and 2500"))
        if height < 250:
            errors.append(detail("size.height", "Must be at least 250"))
        if height and width / height < 1.45:
            errors.append(detail("size", "The aspect ratio (width / height) must be at least 1.45"))
    areas = body.get("areas")
    if isinstance(areas, list):
        if len(areas) > MAX_AREAS:
            errors.append(detail("areas", f"Size must be between 0 and {MAX_AREAS}"))
        for i, area in enumerate(areas):
            if isinstance(area, dict):
                errors += _check_area(area, f"areas[{i}]", width, height)
    return errors


def _check_area(area: dict, prop: str, width: int | None, height: int | None) -> list[dict]:
    errors = check_action(area.get("action"), f"{prop}.action", required=True)
    bounds = area.get("bounds")
    if not isinstance(bounds, dict):
        return errors + [detail(f"{prop}.bounds", "must be specified")]
    values = {key: bounds.get(key) for key in ("x", "y", "width", "height")}
    missing = [key for key, value in values.items() if value is None]
    errors += [detail(f"{prop}.bounds.{key}", "must be specified") for key in missing]
    if not missing and width and height and all(isinstance(v, int) for v in values.values()):
        if values["x"] + values["width"] > width or values["y"] + values["height"] > height:
            errors.append(detail(f"{prop}.bounds", "The area must be inside the rich menu"))
    return errors


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a JPEG or PNG, or None if it is neither."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.format not in ("JPEG", "PNG"):
                return None
            return picture.size
    except (UnidentifiedImageError, OSError):
        return None


class RichMenus:
    """Every rich menu of the channel, their images and the default; thread-safe."""

    def __init__(self):
        self.lock = threading.RLock()
        self.menus: dict[str, dict] = {}
        self.images: dict[str, tuple[str, bytes]] = {}
        self.default: str | None = None
        self.version = 0  # changes whenever the default menu (or its existence) does

    def create(self, body: dict) -> str | None:
        """The new menu's id, or None when the channel has as many menus as LINE allows."""
        with self.lock:
            if len(self.menus) >= MAX_MENUS:
                return None
            rich_menu_id = "richmenu-" + secrets.token_hex(16)
            self.menus[rich_menu_id] = {"richMenuId": rich_menu_id, "size": body["size"], "selected": body["selected"],
                                        "name": body["name"], "chatBarText": body["chatBarText"],
                                        "areas": body["areas"]}
            return rich_menu_id

    def get(self, rich_menu_id: str) -> dict | None:
        return self.menus.get(rich_menu_id)

    def all(self) -> list[dict]:
        with self.lock:
            return list(self.menus.values())

    def delete(self, rich_menu_id: str) -> bool:
        with self.lock:
            if self.menus.pop(rich_menu_id, None) is None:
                return False
            self.images.pop(rich_menu_id, None)
            if self.default == rich_menu_id:
                self.default = None
                self.version += 1
            return True

    def set_image(self, rich_menu_id: str, content_type: str, data: bytes) -> str | None:
        """None when stored; otherwise LINE's reason for refusing it."""
        with self.lock:
            menu = self.menus[rich_menu_id]
            if rich_menu_id in self.images:
                return IMAGE_ALREADY
            size = image_size(data)
            if size is None:
                return "The image must be a JPEG or PNG file"
            if size != (menu["size"]["width"], menu["size"]["height"]):
                return IMAGE_SIZE
            self.images[rich_menu_id] = (content_type, data)
            return None

    def set_default(self, rich_menu_id: str) -> str | None:
        with self.lock:
            if rich_menu_id not in self.images:
                return NO_IMAGE
            self.default = rich_menu_id
            self.version += 1
            return None

    def cancel_default(self) -> None:
        with self.lock:
            self.default = None
            self.version += 1

    def default_menu(self) -> dict | None:
        with self.lock:
            return self.menus.get(self.default) if self.default else None

    def clear(self) -> None:
        with self.lock:
            self.menus.clear()
            self.images.clear()
            self.default = None
            self.version += 1

    def as_dict(self) -> dict:
        with self.lock:
            return {"menus": list(self.menus.values()), "default": self.default,
                    "images": {k: [t, base64.b64encode(d).decode("ascii")] for k, (t, d) in self.images.items()}}

    def load(self, data: dict) -> None:
        with self.lock:
            self.menus = {menu["richMenuId"]: menu for menu in data.get("menus", [])}
            self.images = {k: (t, base64.b64decode(d)) for k, (t, d) in data.get("images", {}).items()}
            self.default = data.get("default")
