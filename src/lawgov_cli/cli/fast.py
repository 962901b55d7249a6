"""The fast path: the read commands (info, sections, show, search, metrics, get, check,
validate), run without importing Typer.

Shell loops and CI steps call these hundreds of times (``for id in …; do lawgov get "$id";
done``), and importing Typer and building its command tree costs several times what the answer
does. So ``__main__`` first offers the arguments to ``run`` here. It accepts only what it fully
understands (the declarations in ``spec.py``, which the Typer CLI is generated from too) and
runs them the same way (``dispatch.run``). Anything else, from ``--help`` to a
misspelt option, returns None: the Typer CLI then runs and answers it. Standard library only.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from ..system.environment import env_flag
from . import spec
from .dispatch import run as run_command
from .exits import guard
from .state import State

Parsed = tuple[spec.Command, dict[str, Any], list[str], str, bool]


def _option_value(option: spec.Opt, value: str) -> str | int | None:
    if option.choices is not None and value not in option.choices:
        return None
    if option.whole_number:  # anything but plain digits in range is for the Typer CLI to explain
        if not (value.isascii() and value.isdigit()) or len(value) > 18:
            return None
        number = int(value)
        low, high = option.minimum, option.maximum
        return (
            None
            if (low is not None and number < low) or (high is not None and number > high)
            else number
        )
    return value


def _take(
    args: Sequence[str], at: int, known: Sequence[spec.Opt]
) -> tuple[spec.Opt, str | int | bool, int] | None:
    """The option at ``args[at]``: (its spec, its value, how many arguments it used)."""
    token = args[at]
    name, equals, attached = token.partition("=")
    for option in known:
        if name not in option.flags:
            continue
        if not option.takes_value:
            return (option, True, 1) if not equals else None
        if equals:
            value = attached if name.startswith("--") else None
            used = 1
        elif at + 1 < len(args):
            value, used = args[at + 1], 2
        else:
            return None
        checked = None if value is None else _option_value(option, value)
        return None if checked is None else (option, checked, used)
    return None


def _globals(args: Sequence[str]) -> tuple[dict[str, Any], int] | None:
    """The global options before the command, and where the command stands; None when they
    hold anything this module does not understand."""
    at = 0
    chosen: dict[str, Any] = {}
    while at < len(args) and args[at].startswith("-"):
        taken = _take(args, at, spec.FAST_GLOBAL)
        if taken is None:
            return None
        option, value, used = taken
        _set(chosen, option, value)
        at += used
    return chosen, at


def _set(chosen: dict[str, Any], option: spec.Opt, value: str | int | bool) -> None:
    """Record an option's value; one given more than once (``many``) collects a list."""
    if option.many:
        chosen.setdefault(option.dest, []).append(value)
    else:
        chosen[option.dest] = value


def command_of(args: Sequence[str]) -> str | None:
    """The command the arguments name (``metrics`` in ``--report r.toml metrics --sort``)."""
    args = [a for a in args if a != "--debug"]  # a global flag of the Typer CLI alone
    found = _globals(args)
    if found is None or found[1] >= len(args):
        return None
    return args[found[1]]


def parse(args: Sequence[str], env: Mapping[str, str]) -> Parsed | None:
    """(command, its parameters by name, report paths, colour, whether the path came from the
    environment), or None when the arguments hold anything the fast path leaves to the
    Typer CLI."""
    found = _globals(args)
    if found is None:
        return None
    chosen, at = found
    command = spec.COMMANDS.get(args[at]) if at < len(args) else None
    if command is None or not command.fast:
        return None
    known = command.options
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
            option, value, used = taken
            _set(params, option, value)
            at += used
            continue
        positional.append(token)
        at += 1
    if len(positional) < command.least or (
        command.most is not None and len(positional) > command.most
    ):
        return None
    params |= _operands(command, positional)
    if any(params.get(one) and params.get(other) for one, other in command.exclusive):
        return None  # a usage error: the Typer CLI says so
    assert spec.REPORT.envvar is not None
    from_env = "report" not in chosen and spec.REPORT.envvar in env
    reports = [env[spec.REPORT.envvar]] if from_env else chosen.get("report", [])
    if "" in reports:
        return None
    return command, params, reports, str(chosen.get("color", spec.COLOR.default)), from_env


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
    command, params, reports, color, from_env = parsed
    state = State(reports, color, report_from_env=from_env)
    return guard(lambda: run_command(command, state, params))


def _operands(command: spec.Command, positional: list[str]) -> dict[str, Any]:
    """The operands by the names the declaration gives them: a TERM... argument takes the
    rest, a single one the next."""
    named: dict[str, Any] = {}
    for at, arg in enumerate(command.args):
        if arg.many:
            named[arg.dest] = positional[at:]
        elif at < len(positional):
            named[arg.dest] = positional[at]
    return named
