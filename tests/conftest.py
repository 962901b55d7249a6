from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from hypothesis import settings
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


# Whether this run is CI's (.ci/run sets LAWGOV_CI=1): read before the sealed environment below
# drops every LAWGOV_* variable. In CI a check that needs ../shared fails instead of skipping.
IN_CI = os.environ.get("LAWGOV_CI", "").strip().lower() not in ("", "0", "false", "no")

# Hypothesis: CI runs the same examples every time (derandomize), so a red run can be
# reproduced; a developer's run ("dev", the default) draws new ones each time. Choose with
# HYPOTHESIS_PROFILE=ci|dev; LAWGOV_CI=1 means ci. "dev" says derandomize=False itself: Hypothesis
# (6.x) derandomizes its default settings when it sees a CI variable (CI, GITHUB_ACTIONS, ...),
# and a profile without the setting would inherit that.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev"))

# The environment every test starts with (and every command it starts inherits), whatever the
# developer's shell holds: no LAWGOV_* setting, no colour preference, a terminal size, a UTF-8
# locale and UTF-8 streams. A test that wants another value sets it itself.
SEALED_ENV: dict[str, str | None] = {
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "CLICOLOR": None,
    "CLICOLOR_FORCE": None,
    "COLUMNS": "80",
    "LINES": "24",
    "TERM": "xterm-256color",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "LC_CTYPE": None,
    "PYTHONIOENCODING": "utf-8",
    "PYTHONUTF8": "1",
}


def sealed(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` with the sealed values: LAWGOV_* dropped, the variables above set or dropped."""
    kept = {k: v for k, v in env.items() if not k.startswith("LAWGOV_") and k not in SEALED_ENV}
    return kept | {k: v for k, v in SEALED_ENV.items() if v is not None}


@pytest.fixture(autouse=True)
def sealed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in ``SEALED_ENV``: a developer's shell cannot change a result
    (test_sealed.py runs tests under a hostile environment to prove it)."""
    for name in [k for k in os.environ if k.startswith("LAWGOV_")]:
        monkeypatch.delenv(name)
    for name, value in SEALED_ENV.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


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
