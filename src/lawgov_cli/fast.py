"""The fast path: the read commands (info, sections, show, search, metrics, get, check,
validate), run without importing Typer.

Shell loops and CI steps call these hundreds of times (``for id in …; do lawgov get "$id";
done``), and importing Typer and building its command tree costs several times what the answer
does. So ``__main__`` first offers the arguments to ``run`` here. It accepts only what it fully
understands (the options declared in ``options.py``, which the Typer CLI is built from too) and
runs the same code (``commands.py``) the Typer commands run. Anything else, from ``--help`` to a
misspelt option, returns None: the Typer CLI then runs and answers it. Standard library only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from . import commands, options
from .exits import env_flag, guard
from .state import State

Parsed = tuple[str, dict[str, Any], list[str], str | None, str, bool]


def _option_value(spec: options.Opt, value: str) -> str | int | None:
    if spec.choices is not None and value not in spec.choices:
        return None
    if spec.counts:  # anything but plain digits is for the Typer CLI to explain
        if not (value.isascii() and value.isdigit()):
            return None
        try:
            return int(value)
        except ValueError:  # more digits than int() reads (4300): as much a usage error
            return None
    return value


def _take(
    args: Sequence[str], at: int, known: Sequence[options.Opt]
) -> tuple[options.Opt, str | int | bool, int] | None:
    """The option at ``args[at]``: (its spec, its value, how many arguments it used)."""
    token = args[at]
    name, equals, attached = token.partition("=")
    for spec in known:
        if name not in spec.flags:
            continue
        if not spec.takes_value:
            return (spec, True, 1) if not equals else None
        if equals:
            value = attached if name.startswith("--") else None
            used = 1
        elif at + 1 < len(args):
            value, used = args[at + 1], 2
        else:
            return None
        checked = None if value is None else _option_value(spec, value)
        return None if checked is None else (spec, checked, used)
    return None


def _globals(args: Sequence[str]) -> tuple[dict[str, Any], int] | None:
    """The global options before the command, and where the command stands; None when they
    hold anything this module does not understand."""
    at = 0
    chosen: dict[str, Any] = {}
    while at < len(args) and args[at].startswith("-"):
        taken = _take(args, at, options.GLOBAL)
        if taken is None:
            return None
        spec, value, used = taken
        chosen[spec.dest] = value
        at += used
    return chosen, at


def command_of(args: Sequence[str]) -> str | None:
    """The command the arguments name (``metrics`` in ``--report r.toml metrics --sort``)."""
    args = [a for a in args if a != "--debug"]  # a global flag of the Typer CLI alone
    found = _globals(args)
    if found is None or found[1] >= len(args):
        return None
    return args[found[1]]


def parse(args: Sequence[str], env: Mapping[str, str]) -> Parsed | None:
    """(command, its options, its arguments, report path, colour, whether the path came from
    the environment), or None when the arguments hold anything the fast path leaves to the
    Typer CLI."""
    found = _globals(args)
    if found is None:
        return None
    chosen, at = found
    if at >= len(args) or args[at] not in options.COMMANDS:
        return None
    command = args[at]
    known = options.COMMANDS[command].options
    params: dict[str, Any] = {}
    positional: list[str] = []
    at += 1
    while at < len(args):
        token = args[at]
        if token == "--":
            positional += args[at + 1 :]
            break
        if token.startswith("-") and token != "-":
            taken = _take(args, at, known)
            if taken is None:
                return None
            spec, value, used = taken
            params[spec.dest] = value
            at += used
            continue
        positional.append(token)
        at += 1
    shape = options.COMMANDS[command]
    if len(positional) < shape.least or (shape.most is not None and len(positional) > shape.most):
        return None
    if any(params.get(one) and params.get(other) for one, other in shape.exclusive):
        return None  # a usage error: the Typer CLI says so
    assert options.REPORT.envvar is not None
    report = chosen.get("report", env.get(options.REPORT.envvar))
    if report == "":
        return None
    from_env = report is not None and "report" not in chosen
    return command, params, positional, report, chosen.get("color", "auto"), from_env


def run(args: Sequence[str], env: Mapping[str, str] | None = None) -> int | None:
    """Run the command and return its exit code, or None to hand it to the Typer CLI.

    Errors (an unknown id, a broken report) are reported here, in the words the Typer CLI
    would use: both go through ``exits.guard``.
    """
    environment = os.environ if env is None else env
    if env_flag(environment, "LAWGOV_DEBUG"):
        return None
    parsed = parse(args, environment)
    if parsed is None:
        return None
    command, params, positional, report, color, from_env = parsed
    state = State(report, color, report_from_env=from_env)
    return guard(lambda: _RUN[command](state, positional, params))


# How each command's positional arguments reach its body in commands.py.
_RUN: dict[str, Callable[[State, list[str], dict[str, Any]], int]] = {
    "info": lambda state, _, params: commands.info(state, **params),
    "sections": lambda state, _, params: commands.sections(state, **params),
    "show": lambda state, args, params: commands.show(state, args[0], **params),
    "search": lambda state, args, params: commands.search_text(state, args, **params),
    "metrics": lambda state, _, params: commands.metrics(state, **params),
    "get": lambda state, args, params: commands.get(state, args, **params),
    "check": lambda state, args, params: commands.check(state, args, **params),
    "validate": lambda state, args, params: commands.validate(
        state, args[0] if args else None, **params
    ),
}
assert set(_RUN) == set(options.COMMANDS)
