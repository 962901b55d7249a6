"""The Typer CLI, generated from the declarations in spec.py: each command's signature (its
arguments and options with their help, defaults, choices and limits) is built from its one
declaration, so the Typer CLI and the fast path (fast.py) cannot drift apart.

How a run ends (exit codes, errors on stderr) is decided in ``edge``.
"""

from __future__ import annotations

import enum
import inspect
import os
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer._click.types import IntRange

from ..version import __version__
from . import spec
from .dispatch import run
from .state import State, state_of
from .typer_exits import LawgovGroup

app = typer.Typer(
    cls=LawgovGroup,
    name="lawgov",
    epilog="Exit codes: 0 found or ok, 1 nothing found, 2 error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": list(spec.HELP_FLAGS)},
)

_EMPTY = inspect.Parameter.empty


def _choices(option: spec.Opt) -> type[enum.StrEnum]:
    """The enum Typer shows and checks for an option with choices, made from the choices."""
    assert option.choices is not None
    name = option.dest.strip("_").title().replace("_", "")
    return enum.StrEnum(name, {choice: choice for choice in option.choices})  # type: ignore[return-value]


class _AsciiIntRange(IntRange):
    """A whole number in ASCII digits, in range. Python's int() reads ٣, ३ and ３ as 3; the
    fast path takes ASCII digits only, and so does this CLI."""

    name = "integer"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and not (value.isascii() and value.strip().isdigit()):
            self.fail(f"{value!r} is not a whole number in digits 0-9", param, ctx)
        return super().convert(value, param, ctx)


def _option(option: spec.Opt, callback: Callable[[bool], None] | None = None) -> inspect.Parameter:
    """A Typer option as a parameter of a generated signature, from its declaration."""
    whole = _AsciiIntRange(option.minimum, option.maximum) if option.whole_number else None
    info = typer.Option(
        *option.flags,
        help=option.help,
        metavar=option.metavar,
        envvar=option.envvar,
        click_type=whole,
        callback=callback,
        is_eager=callback is not None,
    )
    kind: Any = bool
    default: Any = False
    if option.takes_value:
        kind = _choices(option) if option.choices else int if option.whole_number else str
        default = _EMPTY if option.required else option.default
        if option.many:
            kind = list[kind]
        if default is None:
            kind = kind | None
        elif default is not _EMPTY and option.choices:
            default = kind(default)
    return inspect.Parameter(
        option.dest,
        inspect.Parameter.KEYWORD_ONLY,
        default=default,
        annotation=Annotated[kind, info],
    )


def _argument(arg: spec.Arg) -> inspect.Parameter:
    info = typer.Argument(metavar=arg.metavar, help=arg.help)
    kind: Any = list[str] if arg.many else str
    if arg.optional:
        kind = kind | None
    return inspect.Parameter(
        arg.dest,
        inspect.Parameter.KEYWORD_ONLY,
        default=None if arg.optional else _EMPTY,
        annotation=Annotated[kind, info],
    )


def _plain(value: Any) -> Any:
    """A choice as the string the core expects, not Typer's enum member."""
    return value.value if isinstance(value, enum.Enum) else value


def _exclusive(command: spec.Command, given: dict[str, Any]) -> None:
    """A usage error for options given together that the declaration says cannot be (the fast
    path leaves such a command line to this CLI)."""
    flags = {option.dest: option.flags[0] for option in command.options}
    for one, other in command.exclusive:
        if given[one] and given[other]:
            raise typer.BadParameter(
                f"use either {flags[one]} or {flags[other]}, not both",
                param_hint=f"'{flags[one]}' / '{flags[other]}'",
            )


def _typer_command(command: spec.Command) -> Callable[..., int]:
    """The function Typer turns into ``command``: its signature generated from the declaration,
    its body the same ``dispatch.run`` the fast path calls."""

    def invoke(ctx: typer.Context, **given: Any) -> int:
        given = {name: _plain(value) for name, value in given.items()}
        _exclusive(command, given)
        return run(command, state_of(ctx), given)

    context = inspect.Parameter(
        "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
    )
    parameters = [context, *map(_argument, command.args), *map(_option, command.options)]
    invoke.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    invoke.__annotations__ = {p.name: p.annotation for p in parameters}
    invoke.__name__ = invoke.__qualname__ = command.name
    invoke.__doc__ = command.help
    return invoke


def _show_version(value: bool) -> None:
    if value:
        print(f"lawgov {__version__}")
        raise typer.Exit()


def main(ctx: typer.Context, **given: Any) -> None:
    source = ctx.get_parameter_source(spec.REPORT.dest)
    from_env = source is not None and source.name == "ENVIRONMENT"
    reports = list(given[spec.REPORT.dest] or ())
    assert spec.REPORT.envvar is not None
    if from_env or (not reports and os.environ.get(spec.REPORT.envvar) == ""):
        # LAWGOV_REPORT names one path, spaces and all (Click would split a variable for an
        # option given more than once at white space). And Click reads an empty variable as
        # unset; LAWGOV_REPORT='' is an empty path, refused as --report '' is: neither quietly
        # reads the bundled report instead of the one meant.
        reports, from_env = [os.environ[spec.REPORT.envvar]], True
    color = _plain(given[spec.COLOR.dest])
    ctx.obj = State(report_paths=reports, color=color, report_from_env=from_env)


main.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context),
        *(
            _option(option, _show_version if option is spec.VERSION else None)
            for option in spec.GLOBAL
        ),
    ]
)
main.__annotations__ = {p.name: p.annotation for p in main.__signature__.parameters.values()}  # type: ignore[attr-defined]
main.__doc__ = spec.MAIN_HELP
app.callback()(main)
for declared in spec.COMMANDS.values():
    app.command(declared.name)(_typer_command(declared))
