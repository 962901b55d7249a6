from __future__ import annotations

import io

import pytest
from rich.text import Text

from lawgov_cli.formats.stream import Output, decide_style


@pytest.mark.parametrize(
    ("color", "isatty", "env", "expected"),
    [
        ("auto", True, {}, (True, True)),
        ("auto", False, {}, (False, False)),
        ("auto", True, {"NO_COLOR": "1"}, (True, False)),
        ("auto", False, {"FORCE_COLOR": "1"}, (False, True)),
        ("auto", True, {"TERM": "dumb"}, (True, False)),
        ("auto", True, {"TERM": "dumb", "FORCE_COLOR": "1"}, (True, True)),
        ("auto", True, {"FORCE_COLOR": "0"}, (True, True)),
        ("auto", True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, (True, False)),
        ("always", False, {"NO_COLOR": "1"}, (True, True)),
        ("never", True, {"FORCE_COLOR": "1"}, (True, False)),
    ],
)
def test_decide_style(
    color: str, isatty: bool, env: dict[str, str], expected: tuple[bool, bool]
) -> None:
    rich, system = decide_style(color, isatty, env)
    assert (rich, system is not None) == expected


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("color", "env"),
    [
        ("auto", {"TERM": "dumb", "FORCE_COLOR": "1"}),
        ("always", {"TERM": "dumb"}),
        ("auto", {"TERM": "xterm-256color"}),
    ],
)
def test_colour_asked_for_on_a_terminal_is_drawn(
    color: str, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rich's own detection would turn colour off for TERM=dumb, whatever we decided."""
    for name in ("TERM", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", env["TERM"])  # Rich reads the real environment
    stream = _Terminal()
    out = Output(color, stream=stream, env=env)
    out.show(Text("876宗", style="bold"))
    assert "\x1b[" in stream.getvalue()


def test_no_colour_on_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    stream = _Terminal()
    Output("auto", stream=stream, env={"TERM": "dumb"}).show(Text("876宗", style="bold"))
    assert stream.getvalue() == "876宗\n"


@pytest.mark.parametrize(
    ("color", "isatty", "env", "system"),
    [
        ("auto", True, {"TERM": "xterm-256color"}, "auto"),
        ("auto", True, {"TERM": "dumb", "FORCE_COLOR": "1"}, "standard"),
        ("always", False, {}, "standard"),
        ("always", True, {"TERM": "dumb"}, "standard"),
    ],
)
def test_the_colour_system_is_chosen_once(
    color: str, isatty: bool, env: dict[str, str], system: str
) -> None:
    assert decide_style(color, isatty, env)[1] == system


def test_lines_are_written_in_batches_and_whole() -> None:
    """``Output.lines`` writes a few hundred lines at a time (one write a line is one system
    call a line where stdout is unbuffered), each line once, in order, with its newline."""
    from lawgov_cli.formats.stream import LINES_AT_ONCE

    class Counting(io.StringIO):
        writes = 0

        def write(self, text: str) -> int:
            Counting.writes += 1
            return super().write(text)

    stream = Counting()
    lines = [f"第{n}行\t，" for n in range(2 * LINES_AT_ONCE + 3)]
    Output(stream=stream, env={}).lines(iter(lines))
    assert stream.getvalue() == "".join(f"{line}\n" for line in lines)
    assert Counting.writes == 3
    Output(stream=stream, env={}).lines([])
    assert Counting.writes == 3


@pytest.mark.parametrize(
    ("values", "line"),
    [
        (["4.2", "行政复议", 876, "宗"], "4.2\t行政复议\t876\t宗"),
        (["a", None, 97.52, ""], "a\t\t97.52\t"),
        ([2024, -3, 128800.0, True, 1e20], "2024\t-3\t128800\tTrue\t100000000000000000000"),
        # a tab or line break inside a field becomes a space: the record stays one line
        (["x\ty", "z"], "x y\tz"),
        (["行\n政", "b\r"], "行 政\tb "),
        # a line separator is a break too; any other control character or a bidi override is
        # shown escaped
        (["\x1b[31mred", "ok"], "\\x1b[31mred\tok"),
        (["a\u2028b", "\u202eevil"], "a b\t\\u202eevil"),
        (["\udcb9name", "\x7f"], "\\xb9name\t\\x7f"),
        # only the field that holds one is changed; a lone field too
        (["fine", "bad\x00"], "fine\tbad\\x00"),
        (["only"], "only"),
    ],
)
def test_a_plain_record_is_one_line_of_escaped_fields(values: list[object], line: str) -> None:
    from lawgov_cli.formats.plain import row

    assert row(values) == line
