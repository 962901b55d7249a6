"""Terminal views drawn with Rich: the only module that imports it.

Report text can contain ``[`` and ``]``, so nothing here builds Rich markup from it: text is
wrapped in ``Text`` and styled by spans.
"""

from __future__ import annotations

from itertools import groupby

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..fidelity import figure_span
from ..model import Hit, Match, Metric, Report, Section
from ..numbers import format_value
from ..query import metrics_of
from ..serialize import info_dict
from .wrap import break_offsets

HEADING = "bold"
SECTION_ID = "cyan"
FIGURE = "bold yellow"
MATCH = "bold red"
QUIET = "dim"

INFO_LABELS = {
    "title": "标题",
    "issuer": "发布机关",
    "date": "发布日期",
    "year": "报告年度",
    "source_url": "来源",
    "sections": "章节数",
    "metrics": "数字数",
    "path": "文件",
}


def _indent(renderable: RenderableType, pad: tuple[int, int, int, int]) -> Padding:
    return Padding(renderable, pad, expand=False)


def info(report: Report) -> RenderableType:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=QUIET, no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in info_dict(report).items():
        grid.add_row(INFO_LABELS.get(key, key), Text("" if value is None else str(value)))
    return grid


def _label(section: Section) -> Text:
    text = Text(section.id, style=SECTION_ID)
    text.append("  ")
    if section.heading:
        text.append(section.heading)
    else:  # the opening paragraph has no heading: show how it begins
        opening = section.text[:24] + ("…" if len(section.text) > 24 else "")
        text.append(f"(导语){opening}", style=QUIET)
    return text


def sections_tree(report: Report) -> RenderableType:
    tree = Tree(Text(report.title, style=HEADING), guide_style=QUIET)
    nodes: dict[str, Tree] = {}
    for section in report.sections:
        parent = nodes.get(section.parent or "", tree)
        label = _label(section)
        nodes[section.id] = parent.add(Paragraphs(label, [(0, len(section.id) + 2)]))
    return tree


class Paragraphs:
    """Styled Chinese text, broken into lines by Chinese rules (see ``wrap``) at render time,
    so that the terminal's width is known; ``keep`` spans (the figures) are never split."""

    def __init__(self, text: Text, keep: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.keep = keep or []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        offset = 0
        for line in self.text.split("\n", include_separator=True):
            plain = line.plain.rstrip("\n")
            keep = [(a - offset, b - offset) for a, b in self.keep]
            for piece in line.divide(break_offsets(plain, options.max_width, keep)):
                piece.rstrip()
                piece.end = "\n"
                piece.no_wrap = True
                yield piece
            offset += len(line.plain)


def _body(report: Report, section: Section) -> Paragraphs:
    body = Text(section.text)
    spans = []
    for metric in metrics_of(report, section.id):
        span = figure_span(section.text, metric)
        if span:
            body.stylize(FIGURE, *span)
            spans.append(span)
    return Paragraphs(body, spans)


def show(report: Report, sections: list[Section]) -> RenderableType:
    """A section and its subsections, indented by depth, figures emphasised."""
    top = sections[0].level
    parts: list[RenderableType] = []
    for section in sections:
        indent = 2 * (section.level - top)
        heading = _label(section) if section.heading else Text(section.id, style=SECTION_ID)
        heading.stylize(HEADING)
        parts.append(_indent(heading, (1 if parts else 0, 0, 0, indent)))
        if section.text:
            parts.append(_indent(_body(report, section), (0, 0, 0, indent + 2)))
    return Group(*parts)


def _merge_overlapping(hits: list[Hit]) -> list[Hit]:
    """Join hits whose context windows overlap, so no sentence is shown twice."""
    merged: list[Hit] = []
    for hit in hits:
        last = merged[-1] if merged else None
        if (
            last is None
            or (last.section, last.where) != (hit.section, hit.where)
            or hit.offset > last.offset + len(last.text)
        ):
            merged.append(hit)
            continue
        shift = hit.offset - last.offset
        text = last.text + hit.text[last.offset + len(last.text) - hit.offset :]
        moved = tuple(Match(m.start + shift, m.end + shift, m.text) for m in hit.matches)
        matches = tuple(dict.fromkeys(last.matches + moved))
        merged[-1] = Hit(last.section, last.heading, text, matches, last.where, last.offset)
    return merged


def search_hits(hits: list[Hit]) -> RenderableType:
    """Hits grouped by section, like ripgrep groups by file, matches highlighted."""
    parts: list[RenderableType] = []
    for section_id, group in groupby(_merge_overlapping(hits), key=lambda hit: hit.section):
        group_hits = list(group)
        head = Text(section_id, style=SECTION_ID + " bold")
        head.append("  " + group_hits[0].heading, style=HEADING)
        parts.append(_indent(head, (1 if parts else 0, 0, 0, 0)))
        for hit in group_hits:
            line = Text(hit.text)
            for match in hit.matches:
                line.stylize(MATCH, match.start, match.end)
            if hit.where == "heading":
                line = Text.assemble(("标题: ", QUIET), line)
            keep = [(m.start, m.end) for m in hit.matches]
            parts.append(_indent(Paragraphs(line, keep), (0, 0, 0, 2)))
    return Group(*parts)


def metrics_table(metrics: list[Metric]) -> RenderableType:
    """Label with the id under it: the ids are long, and side by side with Chinese labels they
    would not leave an 80-column terminal room for either."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style=HEADING)
    table.add_column("章节", style=SECTION_ID, no_wrap=True)
    table.add_column("名称 / 指标", overflow="fold", ratio=1)
    table.add_column("原文", style=FIGURE, no_wrap=True)
    table.add_column("数值", justify="right", no_wrap=True)
    table.add_column("单位", no_wrap=True)
    for m in metrics:
        name = Text(m.label)
        name.append("\n" + m.id, style=QUIET)
        table.add_row(m.section, name, m.figure, format_value(m.value), m.unit)
    return table
