"""Run a declared command (spec.py), whichever way it came in (the Typer CLI or the fast path):
its parameters completed with the declared defaults, its body called, its answer presented."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

from ..formats.answers import Reply
from .exits import EXIT_ERROR, EXIT_OK
from .present import output_format, present
from .spec import Command
from .state import State


def body_of(command: Command) -> Callable[..., Any]:
    """The function that runs ``command`` (its "module:function")."""
    module, _, function = command.run.partition(":")
    return getattr(import_module(module), function)  # type: ignore[no-any-return]


def defaults(command: Command) -> dict[str, Any]:
    """Every parameter of the command at its declared default: what is not given."""
    values: dict[str, Any] = {a.dest: [] if a.many else None for a in command.args}
    for option in command.options:
        values[option.dest] = option.default if option.takes_value else False
    return values


def run(command: Command, state: State, given: Mapping[str, Any]) -> int:
    result = body_of(command)(state, **(defaults(command) | dict(given)))
    if isinstance(result, Reply):
        # A report that could not be read (said on stderr) makes the run an error, even when
        # the others answered, as ripgrep does with a file it cannot read; also when the
        # reader of the output stops early (present keeps the verdict).
        if state.failures:
            result.verdict = EXIT_ERROR
        out = state.output()
        present(result, out, output_format(command, given, out))
        return result.verdict
    return EXIT_OK if result is None else int(result)
