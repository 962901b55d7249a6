"""The limits agree: import never writes a report file the loader would refuse to read, and
refuses a source too large for that before reading it whole."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SOURCE
from lawgov_cli import load_report
from lawgov_cli.cli.report_toml import report_toml
from lawgov_cli.core.loading import files as loader
from lawgov_cli.importer import build
from lawgov_cli.importer.figures import QuotesTooLong, find_figures
from test_cli import fails, run
from test_installed import LAWGOV, clean_env
from test_interrupted_writes import big_source

HEAD = "某区人民政府2024年法治政府建设年度报告\n发布时间：2025-01-15\n2024年,某区依法行政。\n"


def crowded(figures: int) -> str:
    """A synthetic report whose one clause holds ``figures`` figures: each quotes all of it."""
    clause = "".join(f"{i}件和" for i in range(1, figures + 1))
    return f"{HEAD}一、加强执法工作\n共办结{clause}完成。\n"


def dense(lines: int) -> str:
    """A synthetic report of short clauses, one figure each: many small [[metrics]] tables."""
    body = "\n".join("".join(f"办结{i}件," for i in range(1, 100)) + "完成。" for _ in range(lines))
    return f"{HEAD}一、加强执法工作\n{body}\n"


def test_the_source_limit_is_a_quarter_of_the_report_limit() -> None:
    assert loader.MAX_INPUT_BYTES == 64 * 2**20
    assert build.max_source_bytes() == 16 * 2**20


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_a_source_at_the_limit_written_like_ours_fits_a_report_file(encoding: str) -> None:
    """What the source limit rests on: our report's TOML is at most SOURCE_SHARE times its
    source, in each encoding import reads (GBK and UTF-16 take fewer bytes than UTF-8)."""
    raw = SOURCE.read_text(encoding="utf-8").encode(encoding)
    imported = build.import_report(raw, "nanshan.txt")
    ratio = len(report_toml(imported, "nanshan.txt").encode("utf-8")) / len(raw)
    assert 2 < ratio <= build.SOURCE_SHARE


def test_a_source_over_the_import_limit_is_refused_up_front(tmp_path: Path) -> None:
    """The installed command, a synthetic source one byte over 16 MB (our report's text
    repeated): refused at once, naming the file and both limits, nothing written."""
    assert LAWGOV is not None
    text = SOURCE.read_bytes()
    limit = build.max_source_bytes()
    source = tmp_path / "huge.txt"
    source.write_bytes((text * (limit // len(text) + 1))[: limit + 1])
    started = time.monotonic()
    result = subprocess.run(
        [LAWGOV, "import", str(source)], cwd=tmp_path, env=clean_env(), capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert time.monotonic() - started < 10  # a hang guard, not a benchmark
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"lawgov: {source}: more than 16 MB: too large to import",
        "lawgov: hint: a report file holds at most 64 MB, and its TOML takes about 2.5 to 4 "
        "times the source: split the source into smaller reports",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["huge.txt"]
    piped = subprocess.run(
        [LAWGOV, "import", "-", "-o", "-"], stdin=source.open("rb"), cwd=tmp_path,
        env=clean_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (piped.returncode, piped.stdout) == (2, "")
    assert piped.stderr.startswith("lawgov: stdin: more than 16 MB: too large to import\n")


# The same limits, lowered in-process to where a test can reach them: a report file may hold
# 256 KB, so import reads sources up to 64 KB.
SMALL = 256 * 1024


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_INPUT_BYTES", SMALL)
    assert build.max_source_bytes() == SMALL // 4


def test_a_source_just_under_the_limit_imports_to_a_file_the_loader_reads(
    small_limits: None, runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "big.txt"
    source.write_text(big_source(0.05), encoding="utf-8")
    assert SMALL // 8 < source.stat().st_size <= SMALL // 4
    target = tmp_path / "big.toml"
    result = run(runner, "import", str(source), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_size <= SMALL
    assert len(load_report(target).metrics) > 300


def test_a_source_just_over_the_limit_is_refused(
    small_limits: None, runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "big.txt"
    source.write_bytes(big_source(0.1).encode("utf-8")[: SMALL // 4 + 1])
    result = fails(runner, "import", str(source))
    assert result.stderr.startswith(f"lawgov: {source}: more than 64 KB: too large")
    assert not (tmp_path / "big.toml").exists()


@pytest.mark.parametrize(
    ("text", "would"), [(dense(50), r"be (\d+\.\d KB of TOML, )?")], ids=["many figures"]
)
def test_a_source_under_the_limit_whose_report_would_not_fit_is_refused(
    small_limits: None, runner: CliRunner, tmp_path: Path, text: str, would: str
) -> None:
    """Refused before anything is written: while its figures are read, once what they take of
    a report file at the least runs past the room left (or by the size of the TOML made)."""
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    assert source.stat().st_size <= SMALL // 4
    result = fails(runner, "import", str(source))
    message = f"its report would {would}over the 256 KB a report file may hold"
    assert re.fullmatch(
        f"lawgov: {re.escape(str(source))}: {message}", result.stderr.split("\n")[0]
    )
    assert "split the source" in result.stderr
    assert not (tmp_path / "report.toml").exists()


def test_figures_crowded_into_one_clause_quote_a_part_each_and_fit(
    small_limits: None, runner: CliRunner, tmp_path: Path
) -> None:
    """A long clause is quoted from the figure before (importer.figures.quote_bounds), not
    whole for each figure: 600 figures in one clause make a report that fits."""
    source = tmp_path / "report.txt"
    source.write_text(crowded(600), encoding="utf-8")
    target = tmp_path / "report.toml"
    result = run(runner, "import", str(source), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_size <= SMALL
    assert len(load_report(target).metrics) == 600


def test_a_crowded_clause_costs_its_length_once_not_once_a_figure() -> None:
    """20,000 figures in one 130,000-character clause would quote 2.6 billion characters if
    each quoted it whole: each quotes from the figure before instead, and the budget stops
    the count when even that would not fit."""
    text = crowded(20_000).splitlines()[-1]
    started = time.monotonic()
    found = find_figures(text, quote_budget=64 * 2**20)
    assert time.monotonic() - started < 10  # a hang guard, not a benchmark
    assert len(found) == 20_000
    assert sum(len(f.quote) for f in found) < 3 * len(text)
    with pytest.raises(QuotesTooLong):
        find_figures(text, quote_budget=len(text))
