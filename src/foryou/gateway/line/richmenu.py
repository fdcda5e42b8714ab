"""The account's rich menu (the panel under the chat): six areas that lead everywhere the replies send
residents, named with the words of foryou.gateway.line.words —

    利用申請 (apply page, LIFF)     登録番号の入力 (the account explains)   同意・設定 (consent page, LIFF)
    設定 (settings page, LIFF)      言語 Language (a button per language)  ヘルプ (the account's help)

A rich menu is the same for every friend, so it is drawn in Japanese; 言語 Language is written in
Japanese and English so that a resident who reads neither well still finds where to choose theirs.

install() creates it through the Messaging API with the official SDK, uploads its picture, makes it the
default for every friend, and only then deletes the menus it replaces: running it again never leaves the
account without a menu, and never leaves an old one behind."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext as _
from linebot.v3.messaging import (ApiClient, Configuration, MessagingApi, MessagingApiBlob, RichMenuRequest)

from foryou.gateway.line import config, replies, richmenu_image, words

NAME = "foryou"  # menus with this name are ours: replaced on every install
WIDTH, HEIGHT = 2500, 1686  # LINE's large size; 3 × 2 tiles of 833 × 843
ACCENTS = ("#06c755", "#2a63c4", "#b26a00", "#0b6e4f", "#7c3aed", "#6b7280")


@dataclass(frozen=True)
class Installed:
    rich_menu_id: str
    replaced: tuple[str, ...]  # ids of the menus deleted


def areas() -> list[tuple[tuple[int, int, int, int], object, str, str]]:
    """(bounds, label, what a tap does: "apply", "consent", "settings" or "say", the line under the
    label), top left to bottom right."""
    w, h = WIDTH // 3, HEIGHT // 2
    last = WIDTH - 2 * w
    return [
        ((0, 0, w, h), words.APPLY, "apply", _("First, apply here")),
        ((w, 0, w, h), words.ENTER_NUMBER, "say", _("The number on your postcard")),
        ((2 * w, 0, last, h), words.CONSENT, "consent", _("Use of tax information")),
        ((0, h, w, HEIGHT - h), words.SETTINGS, "settings", _("Topics, how to receive, a break")),
        # Drawn with BIZ UDGothic, which has no Hangul or simplified Chinese: languages it can write.
        ((w, h, w, HEIGHT - h), words.LANGUAGE, "say", "やさしい日本語 · English …"),
        ((2 * w, h, last, HEIGHT - h), words.HELP, "say", _("How to use, stopping notices")),
    ]


def _action(label, tap: str) -> dict:
    if tap == "apply":
        return replies.uri_action(label, config.apply_url())
    if tap == "consent":
        return replies.uri_action(label, config.consent_url())
    if tap == "settings":
        return replies.uri_action(label, config.settings_url())
    return replies.message_action(label)  # the account answers the label as if typed


def request() -> RichMenuRequest:
    body = {
        "size": {"width": WIDTH, "height": HEIGHT},
        "selected": True,  # shown open when the chat opens
        "name": NAME,
        "chatBarText": str(_("Menu"))[:14],
        "areas": [{"bounds": dict(zip(("x", "y", "width", "height"), bounds)), "action": _action(label, tap)}
                  for bounds, label, tap, _note in areas()],
    }
    return RichMenuRequest.from_dict(body)


def image() -> bytes:
    """The picture: each area's label (the word the replies use) where its tap goes."""
    tiles = [(bounds, str(label), note, ACCENTS[i]) for i, (bounds, label, _tap, note) in enumerate(areas())]
    return richmenu_image.draw(WIDTH, HEIGHT, tiles)


def install(menu_image: bytes | None = None) -> Installed:
    with _clients() as (api, blob):
        ours = [menu.rich_menu_id for menu in api.get_rich_menu_list().richmenus if menu.name == NAME]
        rich_menu_id = api.create_rich_menu(request()).rich_menu_id
        blob.set_rich_menu_image(rich_menu_id, menu_image or image(), _headers={"Content-Type": "image/png"},
                                 _request_timeout=config.request_timeout())
        api.set_default_rich_menu(rich_menu_id)
        for old in ours:
            api.delete_rich_menu(old)
    return Installed(rich_menu_id, tuple(ours))


class _DataApiClient(ApiClient):
    """MessagingApiBlob always names https://api-data.line.me; this client sends its calls to the
    configured data API base instead (the local LINE platform in the demo and tests)."""

    def __init__(self, configuration: Configuration, data_base: str):
        super().__init__(configuration)
        self.data_base = data_base

    def call_api(self, *args, _host=None, **kwargs):
        return super().call_api(*args, _host=self.data_base, **kwargs)


@contextmanager
def _clients() -> Iterator[tuple[MessagingApi, MessagingApiBlob]]:
    token = config.access_tokens()[0]
    with ApiClient(Configuration(host=config.api_base(), access_token=token)) as api_client, \
            _DataApiClient(Configuration(host=config.api_base(), access_token=token), config.data_api_base()) as data:
        yield MessagingApi(api_client), MessagingApiBlob(data)
