"""tools/mutation.py: the one command that runs mutation testing (README, "Mutation testing").

mutmut itself is not run here (minutes a module): its process is recorded instead, to check
what the tool asks of it."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import ClassVar

import pytest

REPO = Path(__file__).resolve().parent.parent


def mutation_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_tool", REPO / "tools" / "mutation.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class RecordedRun:
    """Stands for mutmut's process: records its command line and ends at once."""

    commands: ClassVar[list[list[str]]] = []

    def __init__(self, command: list[str], **_: object) -> None:
        RecordedRun.commands.append(command)
        self.pid = 0

    def wait(self, timeout: float | None = None) -> int:
        return 0


def run_tool(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[list[list[str]], str]:
    tool = mutation_tool()
    RecordedRun.commands = []
    monkeypatch.setattr(tool, "MUTMUT", Path(sys.executable))  # a file that exists
    monkeypatch.setattr(tool.subprocess, "Popen", RecordedRun)
    monkeypatch.setattr(
        tool, "results", lambda: {"core.queries": Counter(killed=9, survived=1, timeout=2)}
    )
    monkeypatch.setattr(sys, "argv", ["mutation.py", *args])
    assert tool.main() == 0
    return RecordedRun.commands, capsys.readouterr().out


def test_max_children_is_passed_to_mutmut_and_left_out_by_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commands, out = run_tool(monkeypatch, capsys, "core.queries", "--max-children", "1")
    assert commands == [
        [str(Path(sys.executable)), "run", "--max-children", "1", "lawgov_cli.core.queries.*"]
    ]
    assert out == "core.queries\tkilled 9\tsurvived 1\tother 2\tscore 90.0%\n"
    commands, _ = run_tool(monkeypatch, capsys, "core.queries")
    assert commands == [[str(Path(sys.executable)), "run", "lawgov_cli.core.queries.*"]]


def test_the_tool_covers_the_modules_mutmut_mutates() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    mutated = config["tool"]["mutmut"]["only_mutate"]
    assert [
        f"src/lawgov_cli/{module.replace('.', '/')}.py" for module in mutation_tool().MODULES
    ] == mutated
