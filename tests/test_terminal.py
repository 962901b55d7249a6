"""The terminal views at the widths people use, down to a narrow split pane."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from lawgov_cli.core.checks import run_checks
from lawgov_cli.core.model import Check, Report
from lawgov_cli.formats import terminal


def draw(renderable: object, width: int) -> list[str]:
    stream = io.StringIO()
    Console(file=stream, width=width, color_system=None, force_terminal=False).print(renderable)
    return stream.getvalue().splitlines()


def in_order(wanted: str, text: str) -> bool:
    """Are the characters of ``wanted`` in ``text``, in order (other text between them)?"""
    rest = iter(text)
    return all(char in rest for char in wanted)


def section_beside(lines: list[str], metric_id: str) -> str:
    """The section the table shows for ``metric_id``: ``章节 S`` after the id (on its line or,
    for a long id, the next: the narrow layout), or the 章节 column of the row the id's line
    belongs to (the wide one)."""
    [at] = [i for i, line in enumerate(lines) if metric_id in line.split()]
    words = lines[at].split() + (lines[at + 1].split() if at + 1 < len(lines) else [])[:2]
    if "章节" in words:
        return words[words.index("章节") + 1]
    while lines[at].startswith(" "):  # a continuation line of the row: go up to its first
        at -= 1
    return lines[at].split()[0]


@pytest.mark.parametrize("width", [100, 80, 75, 70, 66, 60, 52, 48, 36])
def test_metrics_table_keeps_every_field_at_every_width(report: Report, width: int) -> None:
    metrics = list(report.metrics)
    assert max(len(m.id) for m in metrics) <= 36  # so every id fits whole at these widths
    lines = draw(terminal.MetricsTable(metrics), width)
    shown = "\n".join(lines)
    assert all(cell_len(line) <= width for line in lines)
    for metric in metrics:
        assert metric.id in shown  # whole, never cut across lines
        assert metric.figure in shown
        assert in_order(metric.label, shown)  # wrapped, perhaps beside other columns
    assert all(line == line.strip(" ") for line in lines if "章节" in line and width < 70)
    assert all(line == line.rstrip(" ") for line in lines)
    for metric in metrics:
        assert section_beside(lines, metric.id) == metric.section, (metric.id, width)


def test_check_view_keeps_ids_and_figures_whole(report: Report) -> None:
    checks = [Check(id="", expr="foreign-law.legal-workers > 100 and legal-advice.opinions > 1")]
    lines = draw(terminal.checks_table(run_checks(checks, report.metrics)), 60)
    shown = "\n".join(lines)
    for whole in ("foreign-law.legal-workers = 超700人", "legal-advice.opinions = 800余件"):
        assert whole in shown, shown


@pytest.mark.parametrize("width", [80, 50])
def test_views_leave_no_trailing_spaces_to_copy(report: Report, width: int) -> None:
    from lawgov_cli.core.queries import search, subtree

    views = [
        terminal.show(report, subtree(report, "4")),
        terminal.search_hits(report, search(report, ["复议"])),
    ]
    for view in views:
        lines = draw(view, width)
        assert lines
        assert all(line == line.rstrip(" ") for line in lines)


def test_a_wrapped_heading_hangs_under_its_first_line(report: Report) -> None:
    from lawgov_cli.core.queries import search

    lines = draw(terminal.search_hits(report, search(report, ["主渠道"])), 40)
    at = next(i for i, line in enumerate(lines) if line.startswith("  标题: "))
    assert lines[at + 1].startswith(" " * len("  标题: "))
    assert lines[1].startswith("     ")  # the section label's own wrap, under its heading


def test_check_view_pads_no_line(report: Report) -> None:
    checks = [Check(id="", expr="legal-advice.opinions > 900"), *report.checks]
    for width in (80, 40):
        lines = draw(terminal.checks_table(run_checks(checks, report.metrics)), width)
        assert all(line == line.rstrip(" ") for line in lines)
        assert "800余件" in "\n".join(lines)  # a figure is never split, even at 40 columns
