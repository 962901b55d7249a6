"""The CLI's edge: every way a Typer run can end, mapped to one exit code (``exits``) and at
most a few lines on stderr."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError, NoSuchOption, UsageError
from typer.core import TyperGroup

from ..system.environment import env_flag
from . import spec
from .exits import EXIT_ERROR, EXIT_INTERRUPTED, fail, guard
from .fast import command_of

# Typer's own completion options, switched off (README, Shell completion): the hint names ours.
TYPER_COMPLETION = ("--install-completion", "--show-completion")
GLOBAL_OPTIONS = tuple(flag for option in spec.GLOBAL for flag in option.flags)


class LawgovGroup(TyperGroup):
    """Runs the command and turns every way it can end into lawgov's exit codes.

    Click's own handling would print "Aborted!" on Ctrl-C and exit 1 on a closed pipe, which
    reads as "nothing found"; so the command runs in non-standalone mode and ends here.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)

        def run() -> Any:
            return super(LawgovGroup, self).main(
                argv, prog_name or "lawgov", complete_var, standalone_mode=False, **extra
            )

        before_operands = argv[: argv.index("--")] if "--" in argv else argv
        debug = "--debug" in before_operands or env_flag(os.environ, "LAWGOV_DEBUG")
        # Click reports some of a command's usage errors ("--sort requires an argument") from
        # the group's context: the hint still names the command the user typed.
        named = command_of(argv)
        typed = f"lawgov {named}" if named in self.commands else "lawgov"
        code = guarded(run, debug, typed)
        if standalone_mode:
            sys.exit(code)
        return code


def _usage_hint(err: UsageError, typed: str = "lawgov") -> str:
    command = err.ctx.command_path if err.ctx is not None else "lawgov"
    # An unknown option the group itself met came before the command: the group's help.
    if (
        command == "lawgov"
        and not _names_a_global_option(err)
        and not isinstance(err, NoSuchOption)
    ):
        command = typed
    if isinstance(err, NoSuchOption) and err.option_name in GLOBAL_OPTIONS:
        name, here = err.option_name, command.split()[-1]
        return f"{name} is a global option: put it first, as in 'lawgov {name} … {here}'"
    if isinstance(err, NoSuchOption) and err.option_name in TYPER_COMPLETION:
        return (
            "print the completion script with 'lawgov completion SHELL' (bash, zsh, fish); "
            "README, Shell completion, installs it in one line"
        )
    if isinstance(err, NoSuchOption) and command.endswith(" check"):
        return "an expression that starts with a minus goes after --: lawgov check -- '-x < 0'"
    return f"see '{command} --help'"


def _names_a_global_option(err: UsageError) -> bool:
    param = getattr(err, "param", None)
    names = [getattr(err, "option_name", None), *(getattr(param, "opts", None) or ())]
    return any(name in GLOBAL_OPTIONS for name in names)


def _one_line(message: str) -> str:
    """Click spreads some messages over lines ("Choose from:\n\ttext,\n\tmd"): join them."""
    return " ".join(message.split())


def guarded(run: Callable[[], Any], debug: bool = False, typed: str = "lawgov") -> int:
    """Call ``run`` and return lawgov's exit code, with Click's usage errors in lawgov's form;
    ``typed`` is the command on the command line, for the hint."""

    def with_usage_errors() -> Any:
        try:
            return run()
        except NoArgsIsHelpError as err:  # bare `lawgov`: the help is the answer
            err.show()
            return EXIT_ERROR
        except UsageError as err:
            return fail(_one_line(err.format_message()), _usage_hint(err, typed))
        except ClickException as err:
            return fail(_one_line(err.format_message()))
        except typer.Abort:
            return EXIT_INTERRUPTED

    return guard(with_usage_errors, debug)
