import pytest


@pytest.fixture
def data_dir(tmp_path, settings):
    """A private data directory (analysis store included) for one test."""
    settings.DATA_DIR = tmp_path / "var"
    settings.ANALYSIS_DIR = settings.DATA_DIR / "analysis"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR
