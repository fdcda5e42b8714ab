"""A machine without the postcard fonts gets an error that says what to install."""

import pytest

pytest.importorskip("weasyprint")

from foryou.enrollment.postcards import FontMissing, check_fonts, fonts  # noqa: E402


@pytest.fixture
def no_fonts(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "_search_dirs", lambda: [tmp_path])
    fonts.font_path.cache_clear()
    yield
    fonts.font_path.cache_clear()


def test_a_missing_font_names_the_debian_packages_to_install(no_fonts):
    with pytest.raises(FontMissing) as error:
        check_fonts()
    message = str(error.value)
    for package in ("fonts-morisawa-bizud-gothic", "fonts-morisawa-bizud-mincho", "fonts-ipamj-mincho"):
        assert package in message
    assert "apt-get install" in message


def test_a_font_is_found_in_a_folder_named_by_the_environment(tmp_path, monkeypatch):
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "ipamjm.ttf").write_bytes(b"not really a font")
    monkeypatch.setenv("FORYOU_FONT_DIRS", str(tmp_path))
    fonts.font_path.cache_clear()
    try:
        assert fonts.font_path("ipamjm.ttf") == tmp_path / "deep" / "ipamjm.ttf"
    finally:
        fonts.font_path.cache_clear()
