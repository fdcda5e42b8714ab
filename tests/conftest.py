import pytest


@pytest.fixture
def data_dir(tmp_path, settings):
    """A private data directory (analysis store included) for one test."""
    settings.DATA_DIR = tmp_path / "var"
    settings.ANALYSIS_DIR = settings.DATA_DIR / "analysis"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


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


@pytest.fixture(scope="session")
def line_server():
    """One local LINE platform for the whole run (started on first use)."""
    from foryou.dev.lineemu import EmulatorThread

    with EmulatorThread() as server:
        yield server


@pytest.fixture
def line(line_server):
    """The shared emulator, emptied, with default settings, for one test."""
    with line_server.scrubbed():
        yield line_server
