"""Terminal views drawn with Rich: the only module that imports it.

Report text can contain ``[`` and ``]``, so nothing here builds Rich markup from it: text is
wrapped in ``Text`` and styled by spans.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from ..core.errors import shown
from ..core.fidelity import figure_span
from ..core.model import NOT_STATED, Hit, Metric, Report, Section
from ..core.numbers import format_value
from ..core.queries import metrics_of, section_index
from . import plain
from .records import RESULT_WORDS, stated
from .wrap import break_offsets, widest_unbreakable

if TYPE_CHECKING:
    from ..core.audit import Result as AuditResult
    from ..core.checks import CheckResult
    from ..core.compare import Change, IndicatorComparison, Row, UnitGroup
    from ..core.library import Entry
    from ..core.validation import Validation
    from . import answers
    from .stream import Output

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
    "excerpt": "摘录",
    "sections": "章节数",
    "metrics": "指标数",
    "path": "文件",
}


class _Indented:
    """``inner`` drawn ``left`` columns in, after ``top`` blank lines; ``label`` (标题: ) stands
    before its first line, and the lines after it hang under the text. Unlike rich's Padding,
    no line is padded with spaces on the right, which a copy from the terminal would keep."""

    def __init__(
        self, inner: RenderableType, left: int, top: int = 0, label: Text | None = None
    ) -> None:
        self.inner, self.left, self.top = inner, left, top
        self.label = label or Text("")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for _ in range(self.top):
            yield Segment.line()
        hang = self.label.cell_len
        width = max(1, options.max_width - self.left - hang)
        rendered = console.render_lines(self.inner, options.update(width=width), pad=False)
        for number, line in enumerate(rendered):
            yield Segment(" " * self.left)
            if number == 0:
                yield from self.label.render(console)
            else:
                yield Segment(" " * hang)
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = Measurement.get(console, options, self.inner)
        extra = self.left + self.label.cell_len
        return Measurement(inner.minimum + extra, inner.maximum + extra)


def info_view(report: Report, counts: tuple[int, int] | None = None) -> RenderableType:
    """Label and value per line. Print it with soft wrapping: a URL or a path folded by Rich
    could no longer be clicked or copied, so long lines are left to the terminal."""
    facts = stated(report, counts)
    labels = {key: INFO_LABELS.get(key, key) for key in facts}
    width = max(cell_len(label) for label in labels.values()) + 2
    lines = Text()
    for key, value in facts.items():
        label = labels[key]
        lines.append(label + " " * (width - cell_len(label)), style=QUIET)
        text = "" if value is None else str(value)
        shown_text = shown(text, None)  # a file's name may hold an escape
        lines.append(shown_text + "\n", style=QUIET if value is NOT_STATED else "")
    lines.rstrip()
    return lines


def _label(section: Section, emphasis: str | None = None) -> _Indented:
    """``3.2  (二)加大…``: the id, then the heading, whose further lines hang under its start;
    the number (二) stays with the first words of the title."""
    text = Text()
    if section.heading:
        text.append(section.heading)
    else:  # the opening paragraph has no heading: show how it begins
        opening = section.text[:24] + ("…" if len(section.text) > 24 else "")
        text.append(f"(导语){opening}", style=QUIET)
    marker = len(section.number) + len(section.separator) + 1
    label = Text(section.id, style=SECTION_ID)
    label.append("  ")
    if emphasis:
        text.stylize(emphasis)
        label.stylize(emphasis)
    return _Indented(Paragraphs(text, [(0, marker)]), 0, label=label)


def sections_tree(report: Report) -> RenderableType:
    from rich.tree import Tree  # imported by the view that needs it: start-up stays lean

    tree = Tree(Text(report.title, style=HEADING), guide_style=QUIET)
    nodes: dict[str, Tree] = {}
    for section in report.sections:
        parent = nodes.get(section.parent or "", tree)
        nodes[section.id] = parent.add(_label(section))
    return tree


class Paragraphs:
    """Styled Chinese text, broken into lines by Chinese rules (see ``wrap``) at render time,
    so that the terminal's width is known; ``keep`` spans (the figures) are never split."""

    def __init__(self, text: Text, keep: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.keep = keep or []

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        widest_line = max(cell_len(line) for line in plain.split("\n"))
        return Measurement(min(widest_unbreakable(plain, self.keep), widest_line), widest_line)

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
        heading = (
            _label(section, HEADING)
            if section.heading
            else Paragraphs(Text(section.id, style=HEADING))
        )
        parts.append(_Indented(heading, indent, top=1 if parts else 0))
        if section.text:
            parts.append(_Indented(_body(report, section), indent + 2))
    return Group(*parts)


def _figure_spans(report: Report, section: Section, hit: Hit) -> list[tuple[int, int]]:
    """Where the section's figures stand in the hit's text, so that no line splits them."""
    if hit.where != "text":
        return []
    spans = []
    for metric in metrics_of(report, hit.section):
        span = figure_span(section.text, metric)
        if span and hit.offset <= span[0] and span[1] <= hit.offset + len(hit.text):
            spans.append((span[0] - hit.offset, span[1] - hit.offset))
    return spans


def search_hits(report: Report, hits: list[Hit]) -> RenderableType:
    """Hits grouped by section, like ripgrep groups by file, matches highlighted."""
    parts: list[RenderableType] = []
    sections = section_index(report)
    for section_id, group in groupby(hits, key=lambda hit: hit.section):
        group_hits = list(group)
        section = sections[section_id]
        parts.append(_Indented(_label(section), 0, top=1 if parts else 0))
        for hit in group_hits:
            label = Text("标题: ", style=QUIET) if hit.where == "heading" else None
            line = Text(hit.text)
            keep = _figure_spans(report, section, hit)
            for match in hit.matches:
                line.stylize(MATCH, match.start, match.end)
                keep.append((match.start, match.end))
            parts.append(_Indented(Paragraphs(line, keep), 2, label=label))
    return Group(*parts)


NARROW = 70  # below this many columns the section moves beside the id; value and unit merge
STACKED = 50  # below this, no columns at all: each figure is a small block of lines
GAP = "   "


class MetricsTable:
    """The figures as a table, label with its id under it: the ids are long, and side by side
    with Chinese labels they would not leave an 80-column terminal room for either.

    Drawn line by line rather than with rich.table: with one wrapping column the layout is
    simple, and this is the view people open most (rich.table takes ~30 ms for 60 rows).
    """

    def __init__(self, metrics: list[Metric]) -> None:
        self.metrics = metrics

    def _columns(self, narrow: bool) -> tuple[list[tuple[str, str, str, str]], list[int]]:
        """Rows (section, figure, value, unit) and the widths of those four columns."""
        rows = [
            (m.section, m.figure, format_value(m.value) + (f" {m.unit}" if narrow else ""), m.unit)
            for m in self.metrics
        ]
        heads = ("章节", "原文", "数值", "单位")
        widths = [max(cell_len(h), *(cell_len(r[i]) for r in rows)) for i, h in enumerate(heads)]
        if narrow:  # no section, no unit column
            widths[0] = widths[3] = 0
        return rows, widths

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        narrow = options.max_width < NARROW
        rows, widths = self._columns(narrow)
        fixed = sum(w + len(GAP) for w in widths if w)
        longest_id = max(len(m.id) for m in self.metrics)
        if not narrow and options.max_width - fixed < longest_id:
            narrow = True  # the label column must hold every id whole: drop two columns first
            rows, widths = self._columns(narrow)
            fixed = sum(w + len(GAP) for w in widths if w)
        if options.max_width < STACKED or options.max_width - fixed < longest_id:
            yield from self._stacked(options.max_width)
            return
        natural = max(
            cell_len("名称/指标"), *(max(cell_len(m.label), len(m.id)) for m in self.metrics)
        )
        label_width = min(natural, options.max_width - fixed)

        def line(section: Text, label: Text, figure: Text, value: Text, unit: Text) -> Text:
            cells = []
            if widths[0]:
                cells.append(section.copy())
                cells[-1].pad_right(widths[0] - section.cell_len)
            cells.append(label.copy())
            cells[-1].pad_right(label_width - label.cell_len)
            cells.append(figure.copy())
            cells[-1].pad_right(widths[1] - figure.cell_len)
            cells.append(value.copy())
            cells[-1].pad_left(widths[2] - value.cell_len)
            if widths[3]:
                cells.append(unit.copy())
            joined = Text(GAP).join(cells)
            joined.rstrip()
            return joined

        head = line(
            *(Text(h, style=HEADING) for h in ("章节", "名称/指标", "原文", "数值", "单位"))
        )
        yield head
        yield Text("─" * min(options.max_width, fixed + label_width - len(GAP)), style=QUIET)
        empty = Text("")
        for metric, (section, figure, value, unit) in zip(self.metrics, rows, strict=True):
            names = _wrapped(Text(metric.label), label_width)
            names += _wrapped(self._id_line(metric, with_section=narrow), label_width)
            first = (
                Text(section, style=SECTION_ID),
                names[0],
                Text(figure, style=FIGURE),
                Text(value),
                Text(unit),
            )
            yield line(*first)
            for more in names[1:]:
                yield line(empty, more, empty, empty, empty)

    @staticmethod
    def _id_line(metric: Metric, with_section: bool) -> Text:
        line = Text(metric.id, style=QUIET)
        if with_section:  # after the id: where the line is too short, it moves to the next
            line.append("  章节 ", style=QUIET)
            line.append(metric.section, style=SECTION_ID)
        return line

    def _stacked(self, width: int) -> RenderResult:
        """For a very narrow terminal: figure and value, then the label, then section and id."""
        for number, metric in enumerate(self.metrics):
            if number:
                yield Text("")
            head = Text(metric.figure, style=FIGURE)
            head.append(f" = {format_value(metric.value)} {metric.unit}")
            for text in (head, Text(metric.label), self._id_line(metric, with_section=True)):
                yield from _wrapped(text, width)


def _wrapped(text: Text, width: int) -> list[Text]:
    # Ids and numbers, and "章节 4.1", stay whole: on a terminal narrower than an id the line
    # runs past the edge for the terminal to fold, but lawgov never splits an id.
    keep = _words(text.plain, 0) + [m.span() for m in _SECTION_TAG.finditer(text.plain)]
    width = max([width, *(cell_len(text.plain[start:end]) for start, end in keep)])
    lines = list(text.divide(break_offsets(text.plain, width, keep)))
    # A line broken at a space would start or end with it.
    trimmed = [line[len(line.plain) - len(line.plain.lstrip(" ")) :] for line in lines]
    for line in trimmed:
        line.rstrip()
    return trimmed


_SECTION_TAG = re.compile(r"章节 \S+")


RESULT_STYLES = {"true": "bold green", "false": "bold red", "undecided": "bold yellow"}


def checks_table(results: list[CheckResult]) -> RenderableType:
    """The verdict beside each check: what is checked, the expression, the figures it read and
    why. Two columns, not more: expressions and ids are long, and split over several columns
    an 80-column terminal would cut them to pieces. The verdict is a hanging label, so no line
    is padded with spaces."""
    column = max(cell_len(RESULT_WORDS[r.truth.value]) for r in results) + 2 if results else 0
    rows: list[RenderableType] = []
    for result in results:
        check = result.check
        verdict = result.truth.value
        lines = Text()
        keep: list[tuple[int, int]] = []  # ids and figures are never split
        if check.id:
            lines.append(check.id, style=SECTION_ID)
            if check.description:
                lines.append("  " + check.description, style=QUIET)
            lines.append("\n")
        keep += _words(check.expr, len(lines))
        lines.append(check.expr + "\n")
        for number, metric in enumerate(result.used):
            keep.append((len(lines), len(lines) + len(metric.id)))
            lines.append(f"{metric.id} = ", style=QUIET)
            keep.append((len(lines), len(lines) + len(metric.figure)))
            lines.append(metric.figure, style=QUIET)
            lines.append(", " if number < len(result.used) - 1 else "\n", style=QUIET)
        keep += _words(result.why, len(lines))
        lines.append(result.why, style=QUIET if result.passed else RESULT_STYLES[verdict])
        word = Text(RESULT_WORDS[verdict], style=RESULT_STYLES[verdict])
        word.append(" " * (column - word.cell_len))
        rows.append(_Indented(Paragraphs(lines, keep), 0, label=word))
    return Group(*rows)


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*")


def _words(text: str, offset: int) -> list[tuple[int, int]]:
    """Spans (shifted by ``offset``) of the ids and numbers in ``text``."""
    return [(offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)]


def validation_view(result: Validation) -> RenderableType:
    """Each problem on its own line, then a verdict."""
    lines = Text()
    for problem in result.problems:
        lines.append(problem.located(result.file) + "\n")
    if result.valid:
        counts = f"{result.sections} 个章节、{result.metrics} 个指标、{result.checks} 项检查"
        lines.append(f"{result.file}: 有效 ({counts})", style="bold green")
    else:
        lines.append(f"{result.file}: {len(result.problems)} 个问题", style="bold red")
    return lines


# How compare marks a figure that is a bound or approximate, before its value and after its bar:
# ASCII, where ≥ and ≈ would take one column or two depending on the terminal's East Asian
# setting. The legend under a table explains the marks it used.
BOUND_MARKS = {"lower": ">=", "upper": "<=", "approximate": "~"}
BAR_TAILS = {"lower": "+", "upper": "-", "approximate": "~"}
LEGEND = {
    "lower": "+ 下限(余、超、多…):实际数更大",
    "upper": "- 上限(不超过、不到…):实际数不超过",
    "approximate": "~ 约数(约、近、左右)",
    "inexact": "* 涉及下限或约数的变化,不精确",
}
BLOCKS = " ▏▎▍▌▋▊▉█"
WIDE, MEDIUM = 100, 70  # compare: every column from WIDE; below MEDIUM, issuer under report


def bar(value: float, largest: float, width: int) -> str:
    """``value`` as a bar of eighths of a column, ``largest`` filling ``width`` columns."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))  # a value above 0 shows
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")


def change_text(change: Change | None) -> Text:
    """+12 (+5.26%); a change from 0 has no %; * after the change when a figure was a bound or
    approximate."""
    if change is None:
        return Text("")

    def signed(number: float) -> str:
        return ("+" if number >= 0 else "") + format_value(number)

    text = signed(change.absolute) + ("*" if change.inexact else "")
    if change.percent is not None:
        text += f" ({signed(change.percent)}%)"
    if change.inexact:
        return Text(text, style=QUIET)
    return Text(text, style="green" if change.absolute > 0 else "red" if change.absolute else "")


# compare's columns whose cells are never broken: values with their unit, years, sections.
WHOLE = ("年度", "数值", "单位", "章节")


def _width(head: str, cells: list[Text], first: bool) -> int:
    """The least width of a compare column: its head, and every piece no line may split."""
    return max([cell_len(head)] + [cell_len(p) for c in cells for p in _unbroken(c, head, first)])


def _unbroken(cell: Text, head: str, first: bool) -> list[str]:
    """The pieces of a cell no line may split: in the first column its lines (the issuer and
    year under the report id stay together), in a WHOLE column all of it, else its words."""
    if first:
        return cell.plain.splitlines()
    return [cell.plain] if head in WHOLE else cell.plain.split()


class ComparisonView:
    """Each indicator: its name, then a table per unit group with a bar chart beside it (bars
    scaled to the group's largest value); groups in other units are set apart under their own
    heading. Below MEDIUM columns the issuer and year move under the report id; from WIDE the
    unit, section and figure id have columns of their own. Ids and figures are never split."""

    def __init__(self, comparisons: list[IndicatorComparison]) -> None:
        self.comparisons = comparisons

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for number, comparison in enumerate(self.comparisons):
            if number:
                yield Text("")
            heading = Text(comparison.name or comparison.indicator, style=HEADING)
            if comparison.name:
                heading.append("  " + comparison.indicator, style=QUIET)
            yield heading
            if not comparison.groups:
                yield Text("没有数据", style=QUIET)
            for group in comparison.groups:
                if group.apart:
                    yield Text("")
                    yield Text(f"单位 {group.unit or '(无)'}:与上表不可比,单列", style=QUIET)
                yield self._table(group, options.max_width)
                yield from self._legend(group)

    @staticmethod
    def _legend(group: UnitGroup) -> RenderResult:
        used = {row.bound for row in group.rows if row.bound}
        if any(row.change and row.change.inexact for row in group.rows):
            used.add("inexact")
        for key in ("lower", "upper", "approximate", "inexact"):
            if key in used:
                yield Text(LEGEND[key], style=QUIET)

    def _table(self, group: UnitGroup, width: int) -> RenderableType:
        """The group's table, its column widths decided here: each column as wide as its
        widest cell when they all fit, else as its widest piece no line may split (ids,
        figures, values with their unit); the bars take what is left, 3 to 24 columns. When
        not even 3 are left on a narrow terminal, the year goes under the issuer, and then the
        bars go: left to itself, Rich would crop a bar and the mark at its end."""
        from rich import box
        from rich.table import Table  # imported by the view that needs it

        wide, narrow = width >= WIDE, width < MEDIUM
        gap = 2 if narrow else 3  # the padding and the separator between two columns
        heads = ["报告"] + ([] if narrow else ["发布机关", "年度"]) + ["原文", "数值"]
        heads += (["单位"] if wide else []) + ["变化"] + (["章节", "指标"] if wide else [])
        preferred = max(6, min(24, width // 6))
        for stacked in (False, True):
            rows = [self._cells(row, wide, narrow, stacked) for row in group.rows]
            widths = [
                _width(head, [row[at] for row in rows], at == 0) for at, head in enumerate(heads)
            ]
            natural = [
                max(
                    [cell_len(head)]
                    + [cell_len(line) for row in rows for line in row[at].plain.splitlines()]
                )
                for at, head in enumerate(heads)
            ]
            if sum(natural) + gap * len(heads) + 1 + preferred <= width:
                widths = natural
            room = width - sum(widths) - gap * len(heads) - 1  # 1: the mark after a bar
            if room >= 3 or not narrow:
                break
        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            header_style=HEADING,
            padding=(0, 1, 0, 0) if narrow else (0, 1),  # two columns between cells, not three
        )
        for head, column_width in zip(heads, widths, strict=True):
            table.add_column(
                head, width=column_width, justify="right" if head == "数值" else "left"
            )
        bar_width = min(preferred, room)
        if bar_width < 3:  # no room for bars: the values still show, with their marks
            for cells in rows:
                table.add_row(*cells)
            return table
        table.add_column("", no_wrap=True, width=bar_width + 1)
        largest = max(row.metric.value for row in group.rows)
        for row, cells in zip(group.rows, rows, strict=True):
            drawn = Text(bar(row.metric.value, largest, bar_width), style="cyan")
            drawn.append(BAR_TAILS.get(row.bound, ""), style=QUIET)
            table.add_row(*cells, drawn)
        return table

    @staticmethod
    def _cells(row: Row, wide: bool, narrow: bool, stacked: bool) -> list[Text]:
        metric = row.metric
        year = Text(str(row.year)) if row.year is not None else Text(NOT_STATED, style=QUIET)
        value = Text(BOUND_MARKS.get(row.bound, "") + format_value(metric.value))
        if not wide and metric.unit:
            value.append(" " + metric.unit)
        figure = Text(metric.figure, style=FIGURE)
        if row.others:  # the report states more figures of the indicator: the first is shown
            figure.append(f" 另{row.others}项", style=QUIET)
        if narrow:  # issuer and year under the report id
            cells = [Text(row.report)]
            cells[0].append(f"\n{row.issuer}" + ("\n" if stacked else " "), style=QUIET)
            cells[0].append_text(year)
        else:
            cells = [Text(row.report), Text(row.issuer), year]
        cells += [figure, value]
        if wide:
            cells.append(Text(metric.unit))
        cells.append(change_text(row.change))
        if wide:
            cells += [Text(metric.section, style=SECTION_ID), Text(metric.id, style=QUIET)]
        return cells


# The terminal format: one function per answer (answers.py). Answers with no view of their own
# (counts, ids, bare values) and empty ones print as plain lines.


def info(answer: answers.Info, out: Output) -> None:
    # Soft wrapping: a URL or a path folded by Rich could no longer be clicked or copied.
    out.show(info_view(answer.report, answer.counts), soft_wrap=True)


def outline(answer: answers.Outline, out: Output) -> None:
    out.show(sections_tree(answer.report))


def part(answer: answers.Part, out: Output) -> None:
    out.show(show(answer.report, answer.sections))


def hits(answer: answers.Hits, out: Output) -> None:
    if answer.hits:
        assert answer.report is not None  # loaded for the terminal (read_commands.search)
        out.show(search_hits(answer.report, answer.hits))


def figures(answer: answers.Figures, out: Output) -> None:
    if answer.metrics:
        # Lines are broken by the table itself; soft wrapping keeps Rich from folding (or
        # cropping) an id wider than a very narrow terminal: the terminal folds it, whole.
        out.show(MetricsTable(answer.metrics), soft_wrap=True)


def indicators_view(rows: list[tuple[str, str, tuple[str, ...], int]]) -> RenderableType:
    """One indicator a line: id, name, units, and the figures that carry it (dim when none)."""
    id_width = max(cell_len(row[0]) for row in rows)
    name_width = max(cell_len(row[1]) for row in rows)
    lines = Text()
    for ident, name, units, count in rows:
        line = Text(no_wrap=True)
        line.append(ident + " " * (id_width - cell_len(ident) + 2), style=SECTION_ID)
        line.append(name + " " * (name_width - cell_len(name) + 2))
        line.append(f"{count:>3}", style=FIGURE if count else QUIET)
        line.append("  " + " ".join(units), style=QUIET)
        lines.append_text(line)
        lines.append("\n")
    lines.rstrip()
    return lines


def indicator_counts(answer: answers.IndicatorCounts, out: Output) -> None:
    out.show(indicators_view(answer.rows), soft_wrap=True)


def check_results(answer: answers.CheckResults, out: Output) -> None:
    out.show(checks_table(answer.results))


def validation(answer: answers.ValidationReport, out: Output) -> None:
    out.show(validation_view(answer.validation), soft_wrap=True)


hit_counts = plain.hit_counts
hit_sections = plain.hit_sections
field_values = plain.field_values


REPORT_ID = "bold magenta"


def report_heading(entry: Entry) -> Text:
    """The line a report's part of the answer stands under: its id, then its file, dimmed."""
    heading = Text(shown(entry.id, None), style=REPORT_ID)
    heading.append(f"  {shown(entry.path, None)}", style=QUIET)
    return heading


def across(answer: answers.Across, out: Output) -> None:
    """Each report's answer, drawn as for that report alone, under a heading naming it."""
    for number, (entry, part) in enumerate(answer.parts):
        if number:
            out.write("\n")
        out.show(report_heading(entry), soft_wrap=True)
        globals()[part.kind](part, out)


def reports(answer: answers.ReportList, out: Output) -> None:
    from rich.table import Table  # imported by the view that needs it: start-up stays lean

    table = Table(box=None, header_style=HEADING, pad_edge=False, show_edge=False)
    widest = max((cell_len(shown(row["id"], None)) for row in answer.rows), default=0)
    table.add_column("报告", min_width=widest, no_wrap=True)  # an id is never cut
    for title, justify in (
        ("发布机关", "left"),
        ("年度", "right"),
        ("发布日期", "left"),
        ("章节", "right"),
        ("指标", "right"),
        ("摘录", "left"),  # a file that holds part of a report only: say so beside its counts
        ("问题", "left"),
    ):
        table.add_column(title, justify=justify)  # type: ignore[arg-type]
    for row in answer.rows:
        loaded = not row["problems"]
        unstated = Text(NOT_STATED, style=QUIET) if loaded else Text("")
        table.add_row(
            Text(shown(row["id"], None), style=REPORT_ID),
            Text(row["issuer"]),
            Text(str(row["year"])) if row["year"] is not None else unstated,
            Text(row["date"]) if row["date"] is not None else unstated,
            Text("" if row["sections"] is None else str(row["sections"])),
            Text("" if row["figures"] is None else str(row["figures"])),
            Text("摘录" if row["excerpt"] else "", style="yellow"),
            Text(shown(row["problems"]), style="bold red"),
        )
    out.show(table)


def comparison(answer: answers.Comparison, out: Output) -> None:
    if any(comparison.groups for comparison in answer.comparisons):  # else nothing, as metrics
        out.show(ComparisonView(answer.comparisons))


# `lawgov audit`: each result's mark and colour.
AUDIT_MARKS = {"pass": ("✓", "green"), "fail": ("✗", "bold red"), "unknown": ("?", "yellow")}


def audit_checklist(results: list[AuditResult]) -> RenderableType:
    """One report's audit: a mark, the result and the rule's id and name, then the detail and
    each piece of evidence (section id, quote) under it."""
    lines: list[RenderableType] = []
    for result in results:
        mark, style = AUDIT_MARKS[result.result]
        line = Text(f"{mark} {result.result:<8}", style=style)
        line.append(result.rule.id, style=HEADING)
        line.append(f"  {result.rule.name}")
        lines.append(line)
        lines.append(_Indented(Text(result.detail, style=QUIET), 11))
        for evidence in result.evidence:
            where = Text(f"{evidence.section}  " if evidence.section else "", style=SECTION_ID)
            lines.append(_Indented(Text(evidence.quote), 11, label=where))
    return Group(*lines)


class AuditTables:
    """Several reports: one row per report, one column per rule (numbered; the legend under the
    tables names them), a mark in each cell. When the terminal is too narrow for every rule's
    column, the rules are drawn in several tables, one under the other: no mark is dropped."""

    def __init__(self, reports: list[tuple[Entry, list[AuditResult]]]) -> None:
        self.reports = reports

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table  # imported by the view that needs it: start-up stays lean

        count = len(self.reports[0][1]) if self.reports else 0
        widest = max((cell_len(shown(e.id, None)) for e, _ in self.reports), default=0)
        widest = max(widest, cell_len("报告"))
        # Each rule's column: its number and the space before it.
        room = max(1, (options.max_width - widest) // (len(str(count)) + 1))
        for start in range(0, count, room):
            numbers = range(start, min(count, start + room))
            table = Table(
                box=None, header_style=HEADING, pad_edge=False, show_edge=False,
                padding=(0, 0, 0, 1),
            )  # fmt: skip
            table.add_column("报告", min_width=widest, no_wrap=True)
            for number in numbers:
                table.add_column(str(number + 1), justify="center", no_wrap=True)
            for entry, results in self.reports:
                marks = [
                    Text(AUDIT_MARKS[results[n].result][0], style=AUDIT_MARKS[results[n].result][1])
                    for n in numbers
                ]
                table.add_row(Text(shown(entry.id, None), style=REPORT_ID), *marks)
            if start:
                yield Text("")
            yield table


def audit_table(reports: list[tuple[Entry, list[AuditResult]]]) -> RenderableType:
    """The reports x rules tables (``AuditTables``), then the legend of the rules' numbers."""
    rules = [r.rule for r in reports[0][1]] if reports else []
    table = AuditTables(reports)
    legend = [Text("")]
    for number, rule in enumerate(rules, 1):
        legend.append(Text(f"{number:>2} {rule.id}  {rule.name}", style=QUIET))
    legend.append(Text("✓ pass  ✗ fail  ? unknown", style=QUIET))
    return Group(table, *legend)


def audit(answer: answers.AuditResults, out: Output) -> None:
    if not answer.several:
        for _, results in answer.reports:
            out.show(audit_checklist(results))
        return
    out.show(audit_table(answer.reports))


def audit_rule(answer: answers.AuditRule, out: Output) -> None:
    out.show(Group(*(Text(line) for line in plain.rule_lines(answer.rule, answer.profile.id))))
