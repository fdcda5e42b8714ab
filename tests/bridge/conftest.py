import pytest


class ClientTransport:
    """The bridge over Django's test client: real views, real signatures, no sockets."""

    def __init__(self, client):
        self.client = client

    def post(self, path: str, body: bytes, headers: dict):
        response = self.client.generic("POST", path, body, content_type="application/json",
                                       headers={k: v for k, v in headers.items()})
        return response.status_code, response.content, dict(response.headers)


@pytest.fixture
def transport(client):
    return ClientTransport(client)
