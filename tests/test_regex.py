"""``search --regex``: RE2 syntax, linear time, and the meaning patterns had with Python's re."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import MINIMAL, REPORT_TOML
from lawgov_cli import Report
from lawgov_cli.core.errors import PatternError
from lawgov_cli.core.queries import search
from lawgov_cli.core.search_regex import compile_regex, fold_pattern, translate
from test_installed import LAWGOV, clean_env, imported_modules

# The patterns of issue 9: each ran for minutes with Python's backtracking re.
PATHOLOGICAL = ["(\\w+\\s?)+$", "(a+)+$", "(x+x+)+y", "(a|aa)+$", "(.*a){20}", "(a+)+c"]

needs_lawgov = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")


def lawgov(*args: str, cwd: Path, timeout: float = 10):
    assert LAWGOV is not None
    return subprocess.run(
        [LAWGOV, *args], cwd=cwd, env=clean_env(), capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


@pytest.fixture
def run_of_a(tmp_path: Path) -> Path:
    """A valid report whose text holds a run of 40 a, where backtracking explodes."""
    text = MINIMAL.replace(
        'text = "2024年,测试区共办理案件12件。"',
        'text = "2024年,测试区共办理案件12件。' + "a" * 40 + '!"',
    )
    path = tmp_path / "aaaa.toml"
    path.write_text(text, encoding="utf-8")
    return path


@needs_lawgov
@pytest.mark.parametrize("pattern", PATHOLOGICAL)
def test_no_pattern_hangs_a_search(tmp_path: Path, run_of_a: Path, pattern: str) -> None:
    """A timeout (subprocess.TimeoutExpired) is the failure: no timing is asserted."""
    for report in (REPORT_TOML, run_of_a):
        result = lawgov("--report", str(report), "search", "--regex", pattern, cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        assert result.stderr == ""


@needs_lawgov
def test_re2_is_imported_only_for_regex(tmp_path: Path) -> None:
    assert "re2" not in imported_modules(["search", "调解"], tmp_path, {})
    assert "re2" in imported_modules(["search", "-e", "调解"], tmp_path, {})


@pytest.mark.parametrize(
    ("pattern", "meaning"),
    [
        ("(?=调解)", "lookahead ((?= or (?!) is not supported"),
        ("调解(?!成功)", "lookahead ((?= or (?!) is not supported"),
        ("(?<=调解)成功", "lookbehind ((?<= or (?<!) is not supported"),
        ("(?<!调解)成功", "lookbehind ((?<= or (?<!) is not supported"),
        ("(调解).*\\1", "backreferences (\\1, (?P=name)) are not supported"),
        ("(?P<x>调解)(?P=x)", "backreferences (\\1, (?P=name)) are not supported"),
        ("a{99999999999}", "repetition count 99999999999 is above 1000"),
        ("a{1001}", "repetition count 1001 is above 1000"),
        ("a{2,5000}", "repetition count 5000 is above 1000"),
        ("a{" + "9" * 5000 + "}", "repetition count 9999999999…(5000 digits) is above 1000"),
        ("[\\W]", "\\W cannot stand inside [...]"),
        ("(", "missing ): ("),
    ],
)
def test_what_re2_cannot_do_is_a_usage_error_naming_the_pattern(
    report: Report, pattern: str, meaning: str
) -> None:
    with pytest.raises(PatternError) as raised:
        search(report, [pattern], regex=True)
    assert str(raised.value) == f"invalid regex {pattern!r}: {meaning}"
    assert raised.value.hint


@needs_lawgov
@pytest.mark.parametrize("pattern", ["(?=调解)", "a{99999999999}", "(a)\\1", "("])
def test_the_installed_command_says_so_in_two_lines(tmp_path: Path, pattern: str) -> None:
    """Exit 2, lawgov's message and hint only: RE2 logs nothing of its own on stderr."""
    result = lawgov("search", "--regex", pattern, cwd=tmp_path)
    assert result.returncode == 2
    first, hint = result.stderr.splitlines()
    assert first.startswith(f"lawgov: invalid regex {pattern!r}: ")
    assert hint.startswith("lawgov: hint: ") and "RE2 syntax" in hint


@pytest.mark.parametrize(
    ("pattern", "re2"),
    [
        ("\\d+%", "\\p{Nd}+%"),
        ("\\w+局", "[\\p{L}\\p{N}_]+局"),
        ("[\\w.]+", "[\\p{L}\\p{N}_.]+"),
        ("\\S\\s", "[^\\s\\p{Z}\\x0b\\x1c-\\x1f\\x85][\\s\\p{Z}\\x0b\\x1c-\\x1f\\x85]"),
        ("[^\\D]", "[^\\P{Nd}]"),
        ("a{,3}", "a{0,3}"),
        ("a{2,}b{3}", "a{2,}b{3}"),
        ("a{}", "a{}"),
        ("\\p{Han}{2}", "\\p{Han}{2}"),
        ("\\x{4E00}{1000}", "\\x{4E00}{1000}"),
        ("[{99999999999}]", "[{99999999999}]"),
        ("\\Q{99999999999}\\w\\E", "\\Q{99999999999}\\w\\E"),
        ("[]\\w]", "[]\\p{L}\\p{N}_]"),
        ("[^]\\w]", "[^]\\p{L}\\p{N}_]"),
        ("[[:digit:]\\d]", "[[:digit:]\\p{Nd}]"),
        ("\\\\w", "\\\\w"),
        ("结束\\Z", "结束\\z"),
    ],
)
def test_patterns_keep_the_meaning_python_gave_them(pattern: str, re2: str) -> None:
    assert translate(pattern, pattern) == re2


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d+(\.\d+)?%",
        r"\w+局",
        r"[\w]+局",
        r"\S+",
        r"\D{3}案件",
        r"调解|复议",
        r"^（二）",
        r"(二)",
        r"\d{3,}",
        r"\d{,2}件",
        r"执法.{0,5}$",
        r"[^\d\w]",
        r"(?:行政)+",
        r"[一二三]是",
        r"[a-z]+",
    ],
)
def test_matches_are_those_python_re_found(report: Report, pattern: str) -> None:
    """The same hits, matches and character offsets as before RE2, for patterns both read."""
    python = re.compile(fold_pattern(pattern), re.IGNORECASE)

    def expected(text: str) -> list[tuple[int, int]]:
        return [m.span() for m in python.finditer(text) if m.end() > m.start()]

    hits = search(report, [pattern], regex=True)
    sentences = [(h.text, [(m.start, m.end) for m in h.matches]) for h in hits]
    assert sentences, "the pattern finds something in the report"
    for text, spans in sentences:
        assert spans == expected(text)


def test_offsets_are_characters_in_chinese_text() -> None:
    """The binding matches UTF-8 bytes; the offsets it gives back must be str indices."""
    text = "各街道调解成功率达97.52%,涉及金额56630.99万元,调解率"
    found = [m.span() for m in compile_regex("调解(成功)?率").finditer(text)]
    assert found == [(3, 8), (len(text) - 3, len(text))]
    assert [text[a:b] for a, b in found] == ["调解成功率", "调解率"]


def test_latin_case_is_ignored_and_the_pattern_folded_to_half_width() -> None:
    pattern = compile_regex("ＡＢＣ\\d+")
    assert pattern.search("xx abc12").span() == (3, 8)


def test_the_readme_example(report: Report) -> None:
    hits = search(report, [r"\d+(\.\d+)?%"], regex=True)
    assert sorted(m.text for h in hits for m in h.matches) == ["100%", "97.52%"]
