"""Issue 19's rough edges at the command line, each as a newcomer met it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.settings import VersesSettings
from server.cli.main import app
from server.runtime.version import package_version
from tests.support.paths import LECTURE

runner = CliRunner()


def test_version_prints_the_installed_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"shruti {package_version()}\n"


def test_a_dash_reads_standard_input_and_writes_standard_output() -> None:
    data = LECTURE.read_bytes()
    processed = runner.invoke(app, ["process", "-", "-o", "-"], input=data)
    assert processed.exit_code == 0, processed.stderr
    assert "Kṛṣṇa" in processed.stdout
    checked = runner.invoke(app, ["validate", "-", "--json"], input=data)
    assert checked.exit_code == 0, checked.stderr
    assert json.loads(checked.stdout)["metrics"]["segments"] == 8


@pytest.mark.parametrize(
    "command",
    [["process"], ["batch"], ["validate"], ["serve"], ["config", "set"], ["config", "show"]],
)
def test_help_shows_flags_without_a_bool_placeholder(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout
    assert "--help" in result.stdout


def test_piped_tables_carry_every_value_in_full() -> None:
    keys = runner.invoke(app, ["config", "keys"])
    assert keys.exit_code == 0, keys.stderr
    description = VersesSettings.model_fields["compounds"].description or ""
    assert description and description in keys.stdout  # not cut at 80 columns
    show = runner.invoke(app, ["config", "show"])
    assert "verses.compounds\tas_heard_in_quotations\t" in show.stdout


def test_config_set_without_a_reason_says_what_the_reason_is_for() -> None:
    result = runner.invoke(app, ["config", "set", "style.anusvara=ṁ"])
    assert result.exit_code == 2
    assert "--reason" in result.stderr and "audit trail" in result.stderr
    assert "e.g. --reason" in result.stderr


def test_a_dry_run_writes_its_report_but_no_output(tmp_path: Path) -> None:
    output, report = tmp_path / "out.srt", tmp_path / "r.json"
    result = runner.invoke(
        app,
        ["process", str(LECTURE), "-o", str(output), "--report", str(report), "--dry-run"],
    )
    assert result.exit_code == 0, result.stderr
    assert not output.exists()
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["segments"] == 8


@pytest.mark.slow
def test_serve_on_a_busy_port_exits_2_before_it_says_serving() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "from server.cli.main import main; main()",
                "serve",
                "--transport",
                "streamable-http",
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert f"port {port} on 127.0.0.1 is in use" in result.stderr
    assert "serving" not in result.stderr


def test_a_piped_diff_keeps_each_change_on_one_line() -> None:
    result = runner.invoke(app, ["process", str(LECTURE), "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert (
        "    terms: 'mandukya upanishad' -> 'Māṇḍūkya Upaniṣad' (lexicon:mandukya-upanisad)"
        in result.stdout.split("\n")
    )
