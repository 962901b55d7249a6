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

from .errors import LawgovError
from .exits import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, fail, silence_stdout
from .output import PipeClosed

GLOBAL_OPTIONS = ("--report", "--color", "--debug", "--version")


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

        code = guarded(run, debug="--debug" in argv or bool(os.environ.get("LAWGOV_DEBUG")))
        if standalone_mode:
            sys.exit(code)
        return code


def _usage_hint(err: UsageError) -> str:
    command = err.ctx.command_path if err.ctx is not None else "lawgov"
    if isinstance(err, NoSuchOption) and err.option_name in GLOBAL_OPTIONS:
        name, here = err.option_name, command.split()[-1]
        return f"{name} is a global option: put it first, as in 'lawgov {name} … {here}'"
    return f"see '{command} --help'"


def guarded(run: Callable[[], Any], debug: bool = False) -> int:
    """Call ``run`` and return lawgov's exit code for whatever happened."""
    try:
        result = run()
        sys.stdout.flush()
    except (PipeClosed, BrokenPipeError):
        silence_stdout()
        return EXIT_OK
    except NoArgsIsHelpError as err:  # bare `lawgov`: the help is the answer
        err.show()
        return EXIT_ERROR
    except UsageError as err:
        return fail(err.format_message(), _usage_hint(err))
    except ClickException as err:
        return fail(err.format_message())
    except (typer.Abort, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    except LawgovError as err:
        if debug:
            _print_traceback()
        return fail(str(err), err.hint)
    except OSError as err:  # writing our output failed: a full disk, a closed terminal
        if debug:
            _print_traceback()
        return fail(f"cannot write output: {err.strerror or err}")
    except Exception as err:
        if debug:
            _print_traceback()
        return fail(
            f"internal error: {type(err).__name__}: {err}",
            "run again with --debug for a traceback, and please report it",
        )
    return result if isinstance(result, int) else EXIT_OK


def _print_traceback() -> None:
    import traceback  # only with --debug

    traceback.print_exc()
