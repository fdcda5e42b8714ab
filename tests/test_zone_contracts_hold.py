"""The zone boundary is structure, not convention: import-linter's contracts (pyproject.toml) hold for
the code as it is, and break as soon as gateway code imports the analysis store."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=project, capture_output=True, text=True,
                          timeout=300, env={"PYTHONPATH": str(project / "src"), "PATH": "/usr/bin:/bin"})


def test_every_contract_is_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_gateway_code_that_imports_the_analysis_store_breaks_the_contract(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "src" / "foryou", tmp_path / "src" / "foryou",
                    ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "templates", "locale"))
    views = tmp_path / "src" / "foryou" / "gateway" / "views.py"
    views.write_text(views.read_text() + "\nfrom foryou.residents import store  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "foryou.gateway is not allowed to import foryou.residents" in result.stdout
    assert "foryou.gateway.views -> foryou.residents" in result.stdout


def test_console_code_that_imports_the_gateway_breaks_the_contract(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "src" / "foryou", tmp_path / "src" / "foryou",
                    ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "templates", "locale"))
    services = tmp_path / "src" / "foryou" / "notices" / "services.py"
    services.write_text(services.read_text() + "\nfrom foryou.gateway.models import Subscriber  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "foryou.notices is not allowed to import foryou.gateway" in result.stdout
