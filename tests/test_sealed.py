"""The suite gives the same answers whatever the developer's shell holds (conftest.SEALED_ENV).

The test below runs tests in a hostile environment: a LAWGOV_REPORT naming another report,
debug on, the cache off, a Latin-1 output encoding, colour both forbidden and forced, a terminal
20 columns wide, the C locale. It runs every HOSTILE_STRIDE-th test of each test file (the first
always), so each module's tests are in the slice; HOSTILE_STRIDE=1 runs the whole suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import MINIMAL, REPO

HOSTILE_STRIDE = int(os.environ.get("HOSTILE_STRIDE", "10"))


def hostile_env(tmp_path: Path) -> dict[str, str]:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "other.toml").write_text(MINIMAL, encoding="utf-8")
    return os.environ | {
        "LAWGOV_REPORT": str(reports),
        "LAWGOV_DEBUG": "1",
        "LAWGOV_NO_CACHE": "1",
        "PYTHONIOENCODING": "latin-1",
        "NO_COLOR": "1",
        "FORCE_COLOR": "1",
        "COLUMNS": "20",
        "LINES": "5",
        "TERM": "dumb",
        "LANG": "C",
        "LC_ALL": "C",
    }


def pytest_args(tmp_path: Path) -> list[str]:
    return [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--basetemp", str(tmp_path)]


def the_slice(tmp_path: Path, env: dict[str, str]) -> list[str]:
    """Every HOSTILE_STRIDE-th test id of each test file but this one, in order."""
    collected = subprocess.run(
        [*pytest_args(tmp_path / "collect"), "--collect-only", "-q", "tests"],
        cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    assert collected.returncode == 0, collected.stdout[-2000:]
    by_file: dict[str, list[str]] = defaultdict(list)
    for line in collected.stdout.splitlines():
        if "::" in line:
            by_file[line.split("::")[0]].append(line)
    by_file.pop("tests/test_sealed.py", None)
    assert len(by_file) > 40, sorted(by_file)  # every test module is in the slice
    return [test for tests in by_file.values() for test in tests[::HOSTILE_STRIDE]]


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A directory with a short path for the inner run's own tmp_path directories: nested in
    this test's, they would pass the 108 bytes a Unix socket's path may take, and messages
    shorten long paths (tests of both would fail for a reason of our own making)."""
    path = Path(tempfile.mkdtemp(prefix="lawgov-hostile-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_the_suite_passes_in_a_hostile_environment(short_tmp: Path) -> None:
    env = hostile_env(short_tmp)
    tests = the_slice(short_tmp, env)
    listing = short_tmp / "tests.txt"
    listing.write_text("\n".join(tests) + "\n", encoding="utf-8")
    result = subprocess.run(
        [*pytest_args(short_tmp / "run"), "-q", f"@{listing}"],
        cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace",
    )  # fmt: skip
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    # Every test of the slice ran: passed, or skipped as it is outside the hostile run too
    # (test_paths leaves some command lines to one path); none failed or errored.
    counts = {word: int(n) for n, word in re.findall(r"([0-9]+) (passed|skipped)", summary)}
    assert "failed" not in summary and "error" not in summary, summary
    assert counts.get("passed", 0) + counts.get("skipped", 0) == len(tests), summary
    assert counts.get("skipped", 0) <= len(tests) // 10, summary


@pytest.mark.parametrize(
    ("env", "derandomized"),
    [
        ({"LAWGOV_CI": "1"}, True),
        ({}, False),
        # Hypothesis derandomizes by itself where it sees CI=...; our dev profile says otherwise
        ({"CI": "true"}, False),
        ({"HYPOTHESIS_PROFILE": "ci"}, True),
    ],
    ids=["CI", "a developer", "a shell with CI set", "asked for"],
)
def test_hypothesis_is_derandomized_in_ci_only(
    tmp_path: Path, env: dict[str, str], derandomized: bool
) -> None:
    """CI (.ci/run sets LAWGOV_CI=1) draws the same examples every run, so a red run can be
    reproduced; a developer's run draws new ones."""
    probe = "import conftest, hypothesis; print(hypothesis.settings.default.derandomize)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO / "tests", capture_output=True, text=True,
        env={k: v for k, v in os.environ.items() if k not in ("HYPOTHESIS_PROFILE", "CI")}
        | {"PYTHONPATH": str(REPO / "src")}
        | env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{derandomized}\n"
