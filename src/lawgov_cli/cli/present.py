"""The output layer: one place that turns a command's answer (answers.py) into the format asked
for. A format is a module under ``render`` with one function per answer kind; adding one is that
module, a line in FORMATS, and the option that asks for it (``output_format`` in spec.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from ..core.errors import PipeClosed
from ..formats.answers import Reply
from ..formats.stream import Output
from .exits import say_hint
from .spec import Command

# Format name -> its module (imported only when used: Rich only for the terminal).
FORMATS = {
    "json": "lawgov_cli.formats.jsonout",
    "csv": "lawgov_cli.formats.csvout",
    "plain": "lawgov_cli.formats.plain",
    "terminal": "lawgov_cli.formats.terminal",
}


def output_format(command: Command, params: Mapping[str, Any], out: Output) -> str:
    """The format an option asks for (--json, --csv), else a terminal view or plain lines."""
    for option in command.options:
        if option.output_format and params.get(option.dest):
            return option.output_format
    return "terminal" if out.rich else "plain"


def present(reply: Reply, out: Output, fmt: str) -> None:
    """Print the answer, then the hints on stderr. When the reader stops early the verdict
    already decided stands (``lawgov check | head -1`` still fails when a check fails)."""
    if reply.answer is not None:
        module = import_module(FORMATS[fmt])
        try:
            getattr(module, reply.answer.kind)(reply.answer, out)
        except PipeClosed:
            raise PipeClosed(reply.verdict) from None
    for hint in reply.hints:
        say_hint(hint)
