"""The command line is part of the contract: names, options, --help, exit codes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from archivekg.cli import main
from archivekg.config import settings_table

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("build", "extract", "reconcile", "validate", "query", "serve", "load", "site")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "usage: archivekg " + command in capsys.readouterr().out


def test_top_level_help_lists_commands_settings_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out
    assert "exit codes" in out and "wikidata_api" in out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", "--no-such-option"])
    assert exc.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_missing_corpus_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert "no such corpus" in capsys.readouterr().err


def test_console_script_runs() -> None:
    exe = Path(sys.executable).with_name("archivekg")
    res = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout.startswith("archivekg ")


def test_readme_settings_table_matches_declarations() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- settings-table -->") + len("<!-- settings-table -->\n")
    end = readme.index("<!-- /settings-table -->")
    assert readme[start:end].strip() == settings_table().strip()
