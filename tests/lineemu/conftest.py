import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from linebot.v3.messaging import ApiClient, Configuration, MessagingApi

from foryou.dev.lineemu import EmulatorThread


class Line(EmulatorThread):
    """The emulator plus small HTTP helpers for tests."""

    def call(self, method: str, path: str, body=None, *, token: str | None = "default", headers=None,
             form: dict | None = None, raw: bytes | None = None):
        """One request with urllib; returns (status, headers, parsed JSON or text)."""
        all_headers = dict(headers or {})
        if token == "default":
            token = self.access_token
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        data = raw
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            all_headers.setdefault("Content-Type", "application/json")
        if form is not None:
            data = urllib.parse.urlencode(form).encode("ascii")
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base_url + path, data=data, headers=all_headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, response_headers, payload = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, response_headers, payload = error.code, error.headers, error.read()
        text = payload.decode("utf-8")
        try:
            return status, response_headers, json.loads(text)
        except ValueError:
            return status, response_headers, text

    def push(self, to: str, *messages: dict, **kwargs):
        return self.call("POST", "/v2/bot/message/push", {"to": to, "messages": list(messages)}, **kwargs)

    def sdk(self, token: str | None = None) -> MessagingApi:
        configuration = Configuration(host=self.base_url, access_token=token or self.access_token)
        return MessagingApi(ApiClient(configuration))


@pytest.fixture(scope="session")
def line_server():
    with Line() as server:
        yield server


@pytest.fixture
def line(line_server):
    """The shared emulator, emptied, with default settings, for one test."""
    with line_server.scrubbed():
        yield line_server


def text(value: str) -> dict:
    return {"type": "text", "text": value}
