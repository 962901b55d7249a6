"""Body lines -> sections, from the numbering markers the report actually uses.

Markers: 一、 (parts), (一) with half- or full-width brackets, 1. or 1、, (1), ①, and runs of
一是…二是… inside a paragraph. Nesting follows the order styles appear in, kept as a stack: a
marker of a style already open closes everything below it and must continue its numbering
(二 after 一); a style not open yet starts a level below the current one and must start at 1.
A line that looks like a marker but breaks its sequence is text. Headings may stand alone on a
line or run into their paragraph, closed by 。 ("(一)提升依法决策能力。在…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Section
from ..numbers import FigureError, chinese_to_int

_CN = "一二三四五六七八九十"
_OPEN, _CLOSE = "(\uff08", ")\uff09"  # half- and full-width brackets are one style
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STOPS = "。;\uff1b"  # what closes a run-in heading or a 一是 item's title
_SENTENCE_END = "。;:!?\uff1b\uff1a\uff01\uff1f"

# (style, pattern): number group, separator group, rest.
_MARKERS = [
    ("part", re.compile(rf"(?P<number>[{_CN}]+)(?P<sep>、)(?P<rest>.*)")),
    ("cn-paren", re.compile(rf"(?P<number>[{_OPEN}][{_CN}]+[{_CLOSE}])(?P<sep>)(?P<rest>.*)")),
    ("arabic", re.compile(r"(?P<number>\d{1,2})(?P<sep>[.\uff0e、])(?!\d)(?P<rest>.+)")),
    ("arabic-paren", re.compile(rf"(?P<number>[{_OPEN}]\d{{1,2}}[{_CLOSE}])(?P<sep>)(?P<rest>.*)")),
    ("circled", re.compile(rf"(?P<number>[{_CIRCLED}])(?P<sep>)(?P<rest>.*)")),
]
_SHI = re.compile(rf"([{_CN}]+)是")


@dataclass
class Draft:
    """A section while the outline is being read."""

    style: str
    ordinal: int
    number: str = ""
    separator: str = ""
    title: str = ""
    heading_end: str = ""
    same_line: bool = False
    lines: list[str] = field(default_factory=list)
    children: list[Draft] = field(default_factory=list)


def _ordinal(number: str) -> int | None:
    digits = number.strip(_OPEN + _CLOSE)
    if digits in _CIRCLED:
        return _CIRCLED.index(digits) + 1
    if digits.isdigit():
        return int(digits)
    try:
        return chinese_to_int(digits)
    except FigureError:
        return None


def _split_heading(rest: str) -> tuple[str, str, str]:
    """(title, heading_end, text after it) of a heading line: run in when 。 closes the title."""
    at = min((rest.find(stop) for stop in _STOPS if stop in rest), default=-1)
    if at < 0:
        return rest, "", ""
    return rest[:at], rest[at], rest[at + 1 :]


class _Outline:
    def __init__(self) -> None:
        self.root = Draft("root", 0)
        self.preface = Draft("preface", 0)
        self.stack: list[Draft] = [self.root]  # open sections, outermost first
        self.current: Draft = self.preface  # where text goes

    def marker(self, line: str) -> bool:
        """Open the section this line's marker starts, if it is one in sequence."""
        for style, pattern in _MARKERS:
            found = pattern.fullmatch(line)
            if not found:
                continue
            ordinal = _ordinal(found["number"])
            parent = self._parent_for(style, ordinal)
            if parent is None:
                continue
            title, end, text = _split_heading(found["rest"])
            draft = Draft(style, ordinal or 0, found["number"], found["sep"], title, end)
            self._open(parent, draft)
            if text:
                self.paragraph(text, same_line=True)
            return True
        return False

    def _parent_for(self, style: str, ordinal: int | None) -> Draft | None:
        if ordinal is None:
            return None
        styles = [d.style for d in self.stack]
        if style in styles:
            level = styles.index(style)
            siblings = self.stack[level - 1].children
            if ordinal != siblings[-1].ordinal + 1:
                return None
            del self.stack[level:]
            return self.stack[-1]
        return self.stack[-1] if ordinal == 1 else None

    def _open(self, parent: Draft, draft: Draft) -> None:
        parent.children.append(draft)
        self.stack.append(draft)
        self.current = draft

    def paragraph(self, line: str, same_line: bool = False) -> None:
        """Text for the current section, split where a 一是…二是… run begins."""
        starts = _shi_run(line)
        if not starts:
            self._text(line, same_line)
            return
        if starts[0] > 0:
            self._text(line[: starts[0]], same_line)
        while self.stack[-1].style == "shi":  # a new run belongs to the section above
            self.stack.pop()
        parent = self.stack[-1]
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(line)
            item = line[start:end]
            number = _SHI.match(item)
            assert number is not None
            title, heading_end, text = _split_heading(item[number.end() :])
            on_same_line = k > 0 or starts[0] > 0 or same_line
            draft = Draft("shi", k + 1, number.group(), "", title, heading_end, on_same_line)
            self._open(parent, draft)
            if text:
                self._text(text, same_line=True)

    def _text(self, text: str, same_line: bool) -> None:
        if same_line:
            self.current.lines.append(text)
        else:
            self.current.lines.append("\n" + text if self._has_heading_line() else text)

    def _has_heading_line(self) -> bool:
        """Text on a new line after a run-in heading or earlier text needs its line break."""
        current = self.current
        return bool(current.lines) or bool(current.heading_end)


def _shi_run(line: str) -> list[int]:
    """Where 一是, 二是, 三是… begin in a line, at a sentence's start; [] unless 二是 follows."""
    starts: list[int] = []
    expected = 1
    for found in _SHI.finditer(line):
        at = found.start()
        if at and line[at - 1] not in _SENTENCE_END:
            continue
        try:
            value = chinese_to_int(found[1])
        except FigureError:
            continue
        if value == expected:
            starts.append(at)
            expected += 1
    return starts if len(starts) >= 2 else []


def read_outline(body: list[str]) -> list[Section]:
    """The sections of a report body in document order, with canonical ids."""
    outline = _Outline()
    for line in body:
        if not outline.marker(line):
            outline.paragraph(line)
    sections: list[Section] = []
    if outline.preface.lines:
        sections.append(Section(id="0", text=_joined(outline.preface)))
    _flatten(outline.root.children, "", sections)
    return sections


def _joined(draft: Draft) -> str:
    return "".join(draft.lines)


def _flatten(drafts: list[Draft], prefix: str, out: list[Section]) -> None:
    for index, draft in enumerate(drafts, 1):
        sid = f"{prefix}{index}"
        out.append(
            Section(
                id=sid,
                number=draft.number,
                title=draft.title,
                text=_joined(draft),
                separator=draft.separator,
                heading_end=draft.heading_end,
                same_line=draft.same_line,
            )
        )
        _flatten(draft.children, sid + ".", out)
