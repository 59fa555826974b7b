"""The layout's rules are enforced: a forbidden import fails `lint-imports`, and a test that
writes into the real home fails the run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import REPO

pytestmark = pytest.mark.slow  # runs the linter and pytest in subprocesses

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def copy_of_the_project(tmp_path: Path) -> Path:
    """The packages and the contracts, in a folder of their own that can be broken at will."""
    copy = tmp_path / "project"
    for package in ("core", "server", "tools", "prompts", "config"):
        shutil.copytree(REPO / package, copy / package, ignore=shutil.ignore_patterns("*.gz"))
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    return copy


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def add_import(module: Path, statement: str) -> None:
    text = module.read_text(encoding="utf-8")
    marker = "from __future__ import annotations\n"
    module.write_text(text.replace(marker, marker + statement + "\n", 1), encoding="utf-8")


def test_the_layers_hold_in_the_project_as_it_is(tmp_path: Path) -> None:
    done = lint_imports(copy_of_the_project(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "statement", "contract"),
    [
        ("core/engine.py", "import server.runtime.files", "The engine is pure"),
        ("core/stages/terms.py", "import sqlite3", "The engine is pure"),
        ("tools/lookup_term.py", "import server.mcp.app", "Dependencies point one way"),
        ("server/runtime/state.py", "import server.batch.runner", "Dependencies point one way"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, statement: str, contract: str
) -> None:
    project = copy_of_the_project(tmp_path)
    add_import(project / module, statement)
    done = lint_imports(project)
    assert done.returncode != 0
    assert f"{contract}" in done.stdout and "BROKEN" in done.stdout


def test_a_test_that_writes_into_the_real_home_fails_the_run(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir()
    shutil.copy(REPO / "tests" / "conftest.py", run / "conftest.py")
    (run / "test_leaky.py").write_text(
        "import platformdirs, pathlib\n"
        "def test_writes_state() -> None:\n"
        "    folder = pathlib.Path(platformdirs.user_state_dir('shruti'))\n"
        "    folder.mkdir(parents=True, exist_ok=True)\n"
        "    (folder / 'leak.txt').write_text('x')\n",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(REPO)}
    env.pop("XDG_STATE_HOME", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(run)],
        cwd=run,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    assert "wrote 1 file(s) under the real home" in done.stdout
    assert "leak.txt" in done.stdout
