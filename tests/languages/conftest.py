from tests.line.conftest import line_settings, on_emulator  # noqa: F401 — the LINE fixtures, shared
