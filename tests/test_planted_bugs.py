"""Each bug planted in issue 15's table, stated as the behaviour it breaks: one named test a
bug, in-process (so the mutation tool, tools/mutation.py, sees it too). From the installed
command: the fidelity bugs fail test_validate_from_the_installed_command_fails_a_broken_report
below, the write in place test_write_paths.py's hard-link and full-disk tests.

| planted bug (issue 15)                                  | caught by                           |
|---------------------------------------------------------|-------------------------------------|
| fidelity: a missing quote is no problem                 | test_a_quote_not_in_its_section...  |
| fidelity: a figure missing from its quote is no problem | test_a_figure_not_in_its_quote...   |
| fidelity: a qualifier mismatch is no problem            | test_a_qualifier_that_differs...    |
| text: report text never NFKC-folded                     | test_report_text_is_nfkc_folded...  |
| text: one offset per character when NFKC expands it     | test_offsets_map_back_when_nfkc...  |
| safe_write: write in place, no temporary file + rename  | test_a_forced_write_replaces_the... |
| numbers: 亿 adds instead of scaling                     | test_yi_scales_what_comes_before    |
| figures: bisect_right in the quoted-span test           | test_a_figure_just_before_a_title.. |
| queries: no int() on id parts (03.2)                    | test_leading_zeros_in_an_id_part... |
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import MINIMAL
from lawgov_cli.core.fidelity import metric_problems
from lawgov_cli.core.loading import load_report
from lawgov_cli.core.numbers import chinese_to_int, parse_figure
from lawgov_cli.core.queries import canonical_id, find_section, search
from lawgov_cli.core.text import Normalised
from lawgov_cli.core.validation import validate_file
from lawgov_cli.storage.safe_write import write_file

# --- fidelity: validate must not pass a broken report -------------------------------------


@pytest.fixture
def minimal(write_report) -> Path:
    return write_report(MINIMAL)


def problems_of(path: Path, **changes: object) -> list[str]:
    metric = dataclasses.replace(load_report(path).metrics[0], **changes)
    return [
        f"{p.where}: {p.message}"
        for p in metric_problems(0, metric, "2024年,测试区共办理案件12件。")
    ]


def test_a_sound_metric_has_no_problem(minimal: Path) -> None:
    assert problems_of(minimal) == []
    assert validate_file(minimal).problems == []


def test_a_quote_not_in_its_section_is_a_problem(minimal: Path, write_report) -> None:
    assert problems_of(minimal, quote="共办理案件13件", figure="13件", value=13) == [
        "metrics[0].quote: not found in section 0's heading or text"
    ]
    broken = write_report(MINIMAL.replace('quote = "共办理案件12件"', 'quote = "共受理案件12件"'))
    assert [p.where for p in validate_file(broken).problems] == ["metrics[0].quote"]


def test_a_figure_not_in_its_quote_is_a_problem(minimal: Path) -> None:
    assert problems_of(minimal, quote="共办理案件") == [
        'metrics[0].figure: "12件" is not in its quote'
    ]
    # 2件 stands inside 12件 only as part of another number: not found either
    assert problems_of(minimal, figure="2件", value=2) == [
        'metrics[0].figure: "2件" is not in its quote'
    ]


def test_a_qualifier_that_differs_from_the_figure_is_a_problem(minimal: Path) -> None:
    assert problems_of(minimal, qualifier="余") == [
        'metrics[0].qualifier: "12件" has qualifier "", stored "余"'
    ]
    assert problems_of(minimal, value=13) == [
        'metrics[0].value: "12件" reads as 12 件, stored 13 件'
    ]


# --- text: search reads reports as NFKC folds them ----------------------------------------


def test_report_text_is_nfkc_folded_for_search() -> None:
    folded = Normalised("（一）推进严格规范公正文明执法")
    assert folded.text == "(一)推进严格规范公正文明执法"
    assert folded.span(0, 3) == (0, 3)


def test_offsets_map_back_when_nfkc_expands_a_character() -> None:
    """㈠ folds to three characters, (一); ㍿ (one character) to 株式会社 (four)."""
    original = "见㈠项和㍿"
    folded = Normalised(original)
    assert folded.text == "见(一)项和株式会社"
    assert folded.span(1, 4) == (1, 2)  # (一) is ㈠
    assert folded.span(4, 6) == (2, 4)  # 项和
    assert folded.span(6, 10) == (4, 5)  # 株式会社 is ㍿
    assert folded.span(7, 8) == (4, 5)  # any part of it is all of it


def test_a_full_width_heading_is_found_by_its_half_width_form(write_report) -> None:
    path = write_report(MINIMAL.replace('text = "2024年,', 'text = "（一）2024年,'))
    hits = search(load_report(path), ["(一)"])
    assert [(hit.section, [(m.start, m.end, m.text) for m in hit.matches]) for hit in hits] == [
        ("0", [(0, 3, "（一）")])
    ]


# --- safe_write: a replaced file is replaced whole ----------------------------------------


def test_a_forced_write_replaces_the_file_and_a_hard_link_keeps_the_old_one(
    tmp_path: Path,
) -> None:
    """The installed command's side: test_write_paths.py,
    test_force_replaces_the_file_whole_and_a_hard_link_keeps_the_old_one."""
    target, backup = tmp_path / "out.toml", tmp_path / "backup.toml"
    target.write_bytes(b"old\n")
    backup.hardlink_to(target)
    write_file(target, b"new\n", force=True)
    assert (target.read_bytes(), backup.read_bytes()) == (b"new\n", b"old\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.toml", "out.toml"]


# --- numbers, figures, queries ------------------------------------------------------------


def test_yi_scales_what_comes_before() -> None:
    assert chinese_to_int("一万亿") == 10**12
    assert chinese_to_int("三亿") == 3 * 10**8
    assert chinese_to_int("一亿二千万") == 120_000_000
    assert chinese_to_int("二十亿零五") == 2_000_000_005
    assert parse_figure("一万亿元").value == 10**12


def test_a_figure_just_before_a_title_mark_is_found() -> None:
    """3份《通知》: the figure ends where the quoted title starts; it is not inside it."""
    # imported here: figures.py calls its own functions as it loads, which mutation testing
    # (tools/mutation.py) makes fail while it checks its setup, for every test file collected
    from lawgov_cli.importer.figures import find_figures

    found = find_figures("全年印发3份《通知》。")
    assert [(f.figure, f.value, f.unit) for f in found] == [("3份", 3, "份")]
    assert find_figures("全年印发《3份通知》。") == []  # inside a title: not a figure


def test_leading_zeros_in_an_id_part_are_dropped(report) -> None:
    assert canonical_id("03.2") == "3.2"
    assert canonical_id("3.02") == "3.2"
    assert canonical_id("00") == "0"
    assert find_section(report, "03.02").id == "3.2"


# --- the installed command's side of fidelity ---------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('quote = "共办理案件12件"', 'quote = "共受理案件12件"', "metrics[0].quote: not found"),
        ('quote = "共办理案件12件"', 'quote = "共办理案件"', 'metrics[0].figure: "12件" is not'),
        ("value = 12\n", 'value = 12\nqualifier = "余"\n', "metrics[0].qualifier:"),
    ],
    ids=["quote", "figure", "qualifier"],
)
def test_validate_from_the_installed_command_fails_a_broken_report(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    from test_installed import LAWGOV, lawgov

    if LAWGOV is None:
        pytest.skip("the lawgov script is not installed")
    (tmp_path / "broken.toml").write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    result = lawgov("validate", "broken.toml", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("broken.toml:") or result.stderr.startswith("broken.toml:")
    assert problem in result.stdout + result.stderr
    assert lawgov("validate", cwd=tmp_path).returncode == 0  # the bundled report is sound


# --- fidelity: what mutation testing found unstated ---------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "at"),
    [
        ("2名", "2名", 0),
        ("2名共9", "2名", 0),  # at the start: nothing stands before it (not the text's end)
        ("12名和2名", "2名", 4),  # inside 12名 it is no figure: the next one is
        ("1.2名", "2名", -1),  # nor after a decimal point
        ("1,2名", "2名", -1),  # nor after a thousands separator
        (".2名共9", "2名", 1),  # a point with no digit before it joins nothing
        ("1X2名", "2名", 2),  # only . , and ． join digits
        ("第2名", "第2名", 0),
    ],
)
def test_a_figure_is_located_only_as_a_whole_number(text: str, figure: str, at: int) -> None:
    from lawgov_cli.core.fidelity import locate_figure

    assert locate_figure(text, figure) == at


def test_a_figure_span_is_found_through_its_quote(minimal: Path) -> None:
    from lawgov_cli.core.fidelity import figure_span

    metric = load_report(minimal).metrics[0]  # quote 共办理案件12件, figure 12件
    assert figure_span("2024年,测试区共办理案件12件。", metric) == (14, 17)
    # the first place the quote stands, even at the very start
    assert figure_span("共办理案件12件。又共办理案件12件。", metric) == (5, 8)
    at_start = dataclasses.replace(metric, quote="12件", figure="12件")
    assert figure_span("12件。", at_start) == (0, 3)
    assert figure_span("没有这句。", metric) is None
    assert figure_span("共办理案件12件。", dataclasses.replace(metric, figure="13件")) is None


def test_a_unit_stored_in_traditional_characters_is_the_same_unit(minimal: Path) -> None:
    metric = dataclasses.replace(
        load_report(minimal).metrics[0], figure="12項", unit="項", quote="共办理案件12項"
    )
    assert metric_problems(0, metric, "共办理案件12項。") == []
