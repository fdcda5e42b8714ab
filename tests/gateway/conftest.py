import pytest

from foryou.dev.lineemu import EmulatorThread


@pytest.fixture(scope="module")
def line_platform():
    with EmulatorThread() as line:
        yield line


@pytest.fixture
def liff(line_platform, settings):
    """LIFF pages verify ID tokens against the local LINE platform, as they would against LINE."""
    settings.LINE_LOGIN_VERIFY_URL = line_platform.base_url + "/oauth2/v2.1/verify"
    settings.LINE_LOGIN_CHANNEL_ID = line_platform.config.login_channel_id
    line_platform.reset()
    return line_platform
