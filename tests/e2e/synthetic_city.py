"""Fixtures the reach stories share: the live server's address as the gateway sees it, and a small
synthetic city imported for them."""

import io
from datetime import date

import pytest


@pytest.fixture
def site(live_server) -> str:
    return live_server.url.replace("localhost", "127.0.0.1")


@pytest.fixture
def city(tmp_path, data_dir):
    from foryou.dev.synth import generate
    from foryou.residents.services import run_import

    generate(300, seed=5, out_dir=tmp_path / "export", as_of=date(2026, 11, 27))
    assert run_import(tmp_path / "export", date(2026, 11, 27), stream=io.StringIO()).status == "applied"
