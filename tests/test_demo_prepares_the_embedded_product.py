"""The README's first command: `foryou demo` migrates, generates and imports a city, and prints a login."""

import os
import subprocess
import sys
from pathlib import Path


def run_foryou(args, data_dir, **extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORYOU_", "DJANGO_"))}
    env |= {"FORYOU_DATA_DIR": str(data_dir)} | extra_env
    foryou = Path(sys.executable).with_name("foryou")
    return subprocess.run([str(foryou), *args], env=env, capture_output=True, text=True, timeout=300)


def test_the_demo_prepares_everything_and_a_second_run_reuses_it(tmp_path):
    first = run_foryou(["demo", "--no-serve", "--residents", "1500"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "demo /" in first.stdout  # the staff login is printed
    assert (tmp_path / "console.sqlite3").exists() and (tmp_path / "gateway.sqlite3").exists()
    assert (tmp_path / "analysis" / "CURRENT").exists()

    second = run_foryou(["demo", "--no-serve", "--residents", "1500"], tmp_path)
    assert second.returncode == 0, second.stderr
    assert "再利用" in second.stderr  # nothing generated or imported again
    assert first.stdout.split("demo /")[1] == second.stdout.split("demo /")[1]  # same login


def test_synth_and_import_work_with_no_setting_at_all(tmp_path):
    export = tmp_path / "export"
    made = run_foryou(["synth", "--residents", "1000", "--out", str(export)], tmp_path)
    assert made.returncode == 0, made.stderr
    assert (export / "persons.csv").exists()
    imported = run_foryou(["import", str(export), "--as-of", "2026-11-27"], tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert (tmp_path / "analysis" / "CURRENT").exists()
    assert (tmp_path / "secret_key").exists()  # generated, as the embedded product does without debug mode


def test_the_import_command_exits_non_zero_and_names_the_problem(tmp_path):
    export = tmp_path / "export"
    made = run_foryou(["synth", "--residents", "300", "--seed", "3", "--out", str(export)], tmp_path)
    assert made.returncode == 0, made.stderr
    run_foryou(["migrate", "-v0"], tmp_path)
    (export / "checkups.csv").write_bytes(b"")
    result = run_foryou(["import", str(export), "--as-of", "2026-11-27"], tmp_path)
    assert result.returncode == 1
    assert "checkups.csv" in result.stderr and "空" in result.stderr
