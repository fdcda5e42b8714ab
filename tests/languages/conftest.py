from tests.delivery.conftest import delivery_settings, smtp  # noqa: F401 — the delivery stories' fixtures
from tests.line.conftest import line_settings, on_emulator  # noqa: F401 — the LINE fixtures, shared
