from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from lawgov_cli.formats.wrap import CLOSERS, OPENERS, break_offsets, cell_width

TEXT = (
    "各街道社区人民调解组织累计开展基层矛盾纠纷排查2514场次,调解纠纷4231宗,"
    "调解成功4126宗,调解成功率达97.52%,涉及金额56630.99万元。"
)


def lines_of(text: str, offsets: list[int]) -> list[str]:
    bounds = [0, *offsets, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def width(text: str) -> int:
    return sum(cell_width(c) for c in text)


def test_lines_fit_and_numbers_stay_whole() -> None:
    numbers = re.findall(r"[0-9]+(?:\.[0-9]+)?", TEXT)
    assert "56630.99" in numbers
    for columns in range(20, 90):
        lines = lines_of(TEXT, break_offsets(TEXT, columns))
        assert "".join(lines) == TEXT
        assert all(width(line) <= columns for line in lines)
        whole = [n for line in lines for n in re.findall(r"[0-9]+(?:\.[0-9]+)?", line)]
        assert whole == numbers, columns  # no number broken across two lines
        assert all(line[0] not in CLOSERS for line in lines[1:])


def test_keep_together_spans_are_not_split() -> None:
    at = TEXT.index("56630.99万元")
    span = (at, at + len("56630.99万元"))
    for columns in range(20, 60):
        lines = lines_of(TEXT, break_offsets(TEXT, columns, [span]))
        assert any("56630.99万元" in line for line in lines)


@given(
    st.text(alphabet="调解成功率达97.52%,。“”《》AR定制ab ", max_size=200),
    st.integers(min_value=4, max_value=100),
)
def test_any_text_breaks_into_lines_that_fit(text: str, columns: int) -> None:
    lines = lines_of(text, break_offsets(text, columns))
    assert "".join(lines) == text
    assert all(width(line) <= columns for line in lines)
    for line in lines[:-1]:
        assert line, "no empty lines"
    for before, after in itertools.pairwise(lines):
        # a rule is only broken when a run longer than a line leaves no choice
        if after[0] in CLOSERS or before[-1] in OPENERS:
            assert width(before) + cell_width(after[0]) > columns


def test_full_width_punctuation_never_starts_a_line() -> None:
    text = "调解纠纷四千余宗\uff0c调解成功率达九成\uff1b涉及金额较大\uff01" * 3
    for columns in range(10, 40):
        lines = lines_of(text, break_offsets(text, columns))
        assert all(line[0] not in "\uff0c\uff1b\uff01" for line in lines[1:])
