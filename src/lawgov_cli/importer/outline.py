"""Body lines -> sections, from the numbering markers the report actually uses.

Markers: 一、 (parts), (一) with half- or full-width brackets, 1. or 1、, (1), ①, and runs of
一是…二是… inside a paragraph or at the start of consecutive lines. Nesting follows the order
styles appear in, kept as a stack: a marker of a style already open closes everything below it
and must continue its numbering (二 after 一); a style not open yet starts a level below the
current one and must start at 1. A line that looks like a marker but breaks its sequence is text.
Headings may stand alone on a line or run into their paragraph, closed by 。 ("(一)提升依法决策
能力。在…").

A 一是 run is the lowest level there is: a real marker never nests under one of its items, and
when a real marker later takes the level the run took (一是…二是… in a part's opening paragraph,
then (一)), the run was an enumeration in the text after all and its items become text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.model import Section
from ..core.numbers import CIRCLED_NUMBERS, marker_value

_CN = "一二三四五六七八九十"
_OPEN, _CLOSE = "(\uff08", ")\uff09"  # half- and full-width brackets are one style
_CIRCLED = CIRCLED_NUMBERS
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
_BLANKS = " \t\u3000\u00a0"


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
        self.next_shi = 0  # the ordinal a line may continue the open 一是 run with; 0: none

    def marker(self, line: str) -> bool:
        """Open the section this line's marker starts, if it is one in sequence."""
        for style, pattern in _MARKERS:
            found = pattern.fullmatch(line)
            if not found:
                continue
            ordinal = marker_value(found["number"])
            parent = self._parent_for(style, ordinal)
            if parent is None:
                continue
            self._undo_run(parent)
            self.next_shi = 0
            # Spaces after the marker (一、 工作成效) belong to the separator, not the title: the
            # heading still renders as written.
            rest = found["rest"].lstrip(_BLANKS)
            separator = found["sep"] + found["rest"][: len(found["rest"]) - len(rest)]
            title, end, text = _split_heading(rest)
            draft = Draft(style, ordinal or 0, found["number"], separator, title, end)
            self._open(parent, draft)
            if text:
                self.paragraph(text, same_line=True)
            return True
        return False

    def _parent_for(self, style: str, ordinal: int | None) -> Draft | None:
        """Where a marker goes, closing what it closes; None when it is out of sequence.
        A 一是 item is never a parent: the real marker closes the run."""
        if ordinal is None:
            return None
        real = [d for d in self.stack if d.style != "shi"]
        styles = [d.style for d in real]
        if style in styles:
            level = styles.index(style)
            siblings = real[level - 1].children
            if ordinal != siblings[-1].ordinal + 1:
                return None
            del self.stack[level:]
            return self.stack[-1]
        if ordinal != 1:
            return None
        del self.stack[len(real) :]
        return self.stack[-1]

    def _undo_run(self, parent: Draft) -> None:
        """A real marker takes the level of the 一是 run under ``parent``: its items become the
        text they were, character for character (the text before the first part, for root)."""
        run = [d for d in parent.children if d.style == "shi"]
        if not run:
            return
        parent.children = [d for d in parent.children if d.style != "shi"]
        holder = self.preface if parent is self.root else parent
        for item in run:  # items are leaves: nothing nests under them
            self._append(holder, _rendered(item), item.same_line)

    def _open(self, parent: Draft, draft: Draft) -> None:
        parent.children.append(draft)
        self.stack.append(draft)
        self.current = draft

    def paragraph(self, line: str, same_line: bool = False, opens_run: bool = False) -> None:
        """Text for the current section, split where a 一是…二是… run begins or goes on.
        ``opens_run``: the line starts a run whose next item starts a later line."""
        first = 1
        if self.next_shi and not same_line and _shi_at_start(line, self.next_shi):
            first = self.next_shi  # 二是… on its own line, after 一是… on an earlier one
        starts = _shi_run(line, first, minimum=1 if first > 1 or opens_run else 2)
        if not starts:
            self._text(line, same_line)
            return
        if first == 1:
            while self.stack[-1].style == "shi":  # a new run belongs to the section above
                self.stack.pop()
        elif self.stack[-1].style == "shi":
            self.stack.pop()  # the run goes on: the next item is a sibling of the last
        if starts[0] > 0:
            self._text(line[: starts[0]], same_line)
        parent = self.stack[-1]
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(line)
            item = line[start:end]
            number = _SHI.match(item)
            assert number is not None
            title, heading_end, text = _split_heading(item[number.end() :])
            on_same_line = k > 0 or starts[0] > 0 or same_line
            draft = Draft("shi", first + k, number.group(), "", title, heading_end, on_same_line)
            if k:
                self.stack.pop()
            self._open(parent, draft)
            if text:
                self._text(text, same_line=True)
        self.next_shi = first + len(starts)

    def _text(self, text: str, same_line: bool) -> None:
        self._append(self.current, text, same_line)

    def _append(self, draft: Draft, text: str, same_line: bool) -> None:
        """Text on a new line after a run-in heading or earlier text needs its line break."""
        if same_line or not (draft.lines or draft.heading_end):
            draft.lines.append(text)
        else:
            draft.lines.append("\n" + text)


def _rendered(draft: Draft) -> str:
    """A draft's heading and text as the source has them (see Section.render)."""
    return Section(
        id="",
        number=draft.number,
        title=draft.title,
        text=_joined(draft),
        separator=draft.separator,
        heading_end=draft.heading_end,
    ).render()


def _shi_at_start(line: str, ordinal: int) -> bool:
    found = _SHI.match(line)
    if not found:
        return False
    return marker_value(found[1]) == ordinal


def _shi_run(line: str, first: int = 1, minimum: int = 2) -> list[int]:
    """Where ``first``是, and the items after it, begin in a line at a sentence's start; [] when
    fewer than ``minimum`` are found (一是 alone in a paragraph is text: 二是 must follow)."""
    starts: list[int] = []
    expected = first
    for found in _SHI.finditer(line):
        at = found.start()
        if at and line[at - 1] not in _SENTENCE_END:
            continue
        if marker_value(found[1]) == expected:
            starts.append(at)
            expected += 1
    if first > 1 and starts[:1] != [0]:
        return []  # a run goes on only from a line's start
    return starts if len(starts) >= minimum else []


def _line_runs(body: list[str]) -> set[int]:
    """Lines that open a 一是 run by starting with 一是 when a later line, before the next line
    that looks like a marker, starts with 二是: the items stand one a line."""
    opening: set[int] = set()
    for at, line in enumerate(body):
        if not _shi_at_start(line, 1):
            continue
        for later in body[at + 1 :]:
            if any(pattern.fullmatch(later) for _, pattern in _MARKERS):
                break
            if _shi_at_start(later, 2):
                opening.add(at)
                break
    return opening


def read_outline(body: list[str]) -> list[Section]:
    """The sections of a report body in document order, with canonical ids."""
    outline = _Outline()
    runs = _line_runs(body)
    for at, line in enumerate(body):
        if not outline.marker(line):
            outline.paragraph(line, opens_run=at in runs)
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
