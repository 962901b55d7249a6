"""How a run ends: exit codes, the few lines lawgov writes to stderr, and ``guard``, which turns
every way a command can end into one of them. Standard library only: the fast path (fast.py)
uses it without importing Typer; edge.py adds what is particular to Typer and Click.

Exit codes follow ripgrep: 0 found / ok, 1 nothing found, 2 error, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from .errors import LawgovError, PipeClosed

EXIT_OK, EXIT_NOT_FOUND, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def fail(message: str, hint: str | None = None) -> int:
    """Say what went wrong (and how to fix it) on stderr; the exit code for errors."""
    print(f"lawgov: {message}", file=sys.stderr)
    if hint:
        say_hint(hint)
    return EXIT_ERROR


def say_hint(hint: str) -> None:
    print(f"lawgov: hint: {hint}", file=sys.stderr)


def silence_stdout() -> None:
    """After the reader of stdout has gone, point stdout at /dev/null so that Python's final
    flush does not complain on stderr."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (as under a test runner)
        pass


def guard(run: Callable[[], object], debug: bool = False) -> int:
    """Call ``run`` and return lawgov's exit code for whatever happened; with ``debug`` the
    traceback of an error is printed before its message."""
    result: object = None
    try:
        result = run()
        if sys.stdout is not None:
            sys.stdout.flush()
    except PipeClosed as closed:
        silence_stdout()
        return closed.exit_code
    except BrokenPipeError:  # at the last flush: the command has already given its verdict
        silence_stdout()
        return result if isinstance(result, int) else EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except LawgovError as err:
        _traceback(debug)
        return fail(str(err), err.hint)
    except UnicodeEncodeError as err:
        _traceback(debug)
        return fail(
            f"cannot write output: the output encoding ({err.encoding}) cannot show this text",
            "set PYTHONIOENCODING=utf-8 (or a UTF-8 locale)",
        )
    except OSError as err:  # writing our output failed: a full disk, a closed terminal
        _traceback(debug)
        return fail(f"cannot write output: {err.strerror or err}")
    except Exception as err:
        _traceback(debug)
        return fail(
            f"internal error: {type(err).__name__}: {err}",
            "run again with --debug for a traceback, and please report it",
        )
    return result if isinstance(result, int) else EXIT_OK


def _traceback(debug: bool) -> None:
    if debug:
        import traceback  # only with --debug

        traceback.print_exc()
