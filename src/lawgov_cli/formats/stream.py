"""Where output goes and how it looks: decided once per run from the stream, the options and
the environment (NO_COLOR, FORCE_COLOR, TERM=dumb), without importing Rich."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from typing import TYPE_CHECKING, Any, Literal, TextIO

from ..core.errors import LawgovError, PipeClosed
from ..system.environment import env_flag
from .records import dumps

if TYPE_CHECKING:
    from rich.console import Console


ColorSystem = Literal["auto", "standard"]


def decide_style(
    color: str, isatty: bool, env: Mapping[str, str]
) -> tuple[bool, ColorSystem | None]:
    """(draw with Rich, the colour system to draw with: None for no colour). Rich draws on a
    terminal, or anywhere with --color always.

    Precedence for colour: --color always/never, then NO_COLOR, FORCE_COLOR, TERM=dumb, the TTY.
    FORCE_COLOR (often set in CI) colours terminal views but never turns a pipe's plain records
    into tables; only ``--color always`` does that. Colour asked for is drawn in the standard
    16 colours, except on a terminal that is not dumb, which Rich may ask for more ("auto"):
    Rich's own detection would turn colour off for TERM=dumb even when it was asked for.
    """
    asked: ColorSystem = "auto" if isatty and env.get("TERM") != "dumb" else "standard"
    if color == "always":
        return True, asked
    if color == "never":
        return isatty, None
    if env.get("NO_COLOR"):  # any value, as no-color.org asks
        return isatty, None
    if env_flag(env, "FORCE_COLOR"):  # colour, not layout: a pipe still gets plain lines
        return isatty, asked
    if env.get("TERM") == "dumb":
        return isatty, None
    return isatty, asked if isatty else None


# Sizes taken as a terminal's. Below MIN_COLUMNS the views cannot show their data (a tree's
# indentation leaves no room for one Chinese character, which takes two columns): they are
# drawn that wide and the terminal folds the lines. Above MAX_SIZE a size is nonsense.
DEFAULT_COLUMNS, DEFAULT_LINES, MIN_COLUMNS, MAX_SIZE = 80, 25, 20, 10_000


def terminal_size(env: Mapping[str, str], fd: int | None) -> tuple[int, int]:
    """(columns, lines) to draw for: COLUMNS and LINES when they are sizes (plain digits, 1 to
    MAX_SIZE), else the terminal's on ``fd`` (or, drawing into a pipe with --color always, on
    stdin or stderr, as Rich looks), else 80 by 25; never fewer than MIN_COLUMNS columns.
    COLUMNS=0, -5, 10**9 or "wide" is no size: Rich would draw 0 columns wide (nothing at
    all), or fail on int("²"). Both are given to Rich, which would read them otherwise."""
    measured = list(_terminal_sizes(fd))
    columns = _size(env.get("COLUMNS"), [m.columns for m in measured], DEFAULT_COLUMNS)
    lines = _size(env.get("LINES"), [m.lines for m in measured], DEFAULT_LINES)
    return max(columns, MIN_COLUMNS), lines


def _size(given: str | None, measured: list[int], default: int) -> int:
    text = (given or "").strip()
    plain = text.isascii() and text.isdigit() and len(text) <= len(str(MAX_SIZE))
    stated = [int(text)] if plain else []
    return next((n for n in chain(stated, measured) if 0 < n <= MAX_SIZE), default)


def _terminal_sizes(fd: int | None) -> Iterator[os.terminal_size]:
    """The sizes of the terminals on ``fd``, stdin, stdout and stderr; 0 by 0 for a
    pseudo-terminal that was never given a size."""
    for each in dict.fromkeys((fd, 0, 1, 2)):
        if each is None:
            continue
        try:
            yield os.get_terminal_size(each)
        except OSError:  # not a terminal
            continue


def write_utf8(stream: TextIO, text: str) -> None:
    """Machine formats (JSON, CSV, TOML) are UTF-8 whatever the locale says: write the bytes."""
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is None or codecs.lookup(stream.encoding or "utf-8").name == "utf-8":
            stream.write(text)
        else:
            stream.flush()
            buffer.write(text.encode("utf-8"))
    except BrokenPipeError:
        raise PipeClosed from None


LINES_AT_ONCE = 256


class Output:
    """stdout for data. ``rich`` says whether to draw for a terminal; plain output otherwise."""

    def __init__(
        self,
        color: str = "auto",
        stream: TextIO | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        chosen = stream if stream is not None else sys.stdout
        if chosen is None:  # started with stdout closed (lawgov info >&-)
            raise LawgovError("cannot write output: stdout is closed")
        self.stream = chosen
        isatty = self.stream.isatty()
        self.isatty = isatty
        environment = os.environ if env is None else env
        self.rich, self.color_system = decide_style(color, isatty, environment)
        self.env = environment
        self._console: Console | None = None

    def write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except BrokenPipeError:
            raise PipeClosed from None

    def lines(self, lines: Iterable[str]) -> None:
        """Each line and a newline, written a few hundred at a time: one write each would
        be one system call each where stdout is unbuffered (PYTHONUNBUFFERED=1), 12,583 for a
        search of a library (README, Performance)."""
        batch: list[str] = []
        for line in lines:
            batch.append(line)
            if len(batch) == LINES_AT_ONCE:
                self.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            self.write("\n".join(batch) + "\n")

    def json(self, value: Any) -> None:
        self.write_utf8(dumps(value) + "\n")

    def write_utf8(self, text: str) -> None:
        write_utf8(self.stream, text)

    def console(self) -> Console:
        """The Rich console for terminal views; importing Rich happens here and only here."""
        if self._console is None:
            from rich.console import Console

            try:
                fd: int | None = self.stream.fileno()
            except (OSError, ValueError, AttributeError):  # not a real file (a test's buffer)
                fd = None
            width, height = terminal_size(self.env, fd)
            self._console = Console(
                file=self.stream,
                width=width,
                height=height,
                force_terminal=True,
                color_system=self.color_system,
                no_color=self.color_system is None,
                highlight=False,
                emoji=False,
                markup=False,
            )
        return self._console

    def show(self, renderable: Any, soft_wrap: bool = False) -> None:
        try:
            self.console().print(renderable, soft_wrap=soft_wrap)
        except BrokenPipeError:
            raise PipeClosed from None
