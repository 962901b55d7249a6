from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from lawgov_cli import Report, load_report
from lawgov_cli.storage import report_cache as cache

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "data" / "source" / "nanshan-2024.txt"
REPORT_TOML = REPO / "data" / "report.toml"


# What a lawgov process waits for, read before any test patches it.
SETTLE_NS = cache.SETTLE_NS


def wait_until_settled(path: Path) -> None:
    """lawgov does not cache a file changed in the last two seconds (cache.SETTLE_NS), and a
    fresh install has only just written the bundled report: wait, so that a lawgov process
    started next stores it."""
    stat = os.stat(path)
    age = time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns)
    if age < SETTLE_NS:
        time.sleep((SETTLE_NS - age) / 1e9 + 0.05)


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests (and the commands they start) cache reports in a directory of their own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def report() -> Report:
    return load_report()


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


class EntryPoint(CliRunner):
    """Runs lawgov the way users do: through ``lawgov_cli.__main__.main``, in-process, so the
    fast path answers whatever it can and the Typer CLI the rest. ``invoke``'s first argument
    (the Typer app, for CliRunner) is ignored; stdin, stdout, stderr and the environment are
    isolated as CliRunner does."""

    def invoke(  # type: ignore[override]
        self,
        _app: object = None,
        args: Sequence[str] = (),
        input: bytes | str | None = None,
        env: Mapping[str, str | None] | None = None,
        color: bool = False,
    ) -> Result:
        from lawgov_cli.__main__ import main

        with self.isolation(input=input, env=env, color=color) as streams:
            argv, sys.argv = sys.argv, ["lawgov", *args]
            try:
                main()
                code: object = 0
            except SystemExit as end:
                code = end.code
            finally:
                sys.argv = argv
                sys.stdout.flush()
                sys.stderr.flush()
            out, err, both = (stream.getvalue() for stream in streams)
        assert isinstance(code, int), code
        return Result(self, out, err, both, None, code, None)


@pytest.fixture
def runner() -> CliRunner:
    return EntryPoint()


@pytest.fixture
def write_report(tmp_path: Path):
    """Write a report file from TOML text and return its path."""

    def write(text: str, name: str = "report.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


MINIMAL = """\
[report]
title = "测试报告"
issuer = "测试区人民政府"
date = 2024-12-31
year = 2024

[[sections]]
id = "0"
text = "2024年,测试区共办理案件12件。"

[[metrics]]
id = "cases.total"
section = "0"
label = "办理案件"
figure = "12件"
value = 12
unit = "件"
quote = "共办理案件12件"
"""
