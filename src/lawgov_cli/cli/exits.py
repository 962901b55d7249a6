"""How a run ends: exit codes, the few lines lawgov writes to stderr, and ``guard``, which turns
every way a command can end into one of them. Standard library only: the fast path (fast.py)
uses it without importing Typer; typer_exits.py adds what is particular to Typer and Click.

Exit codes follow ripgrep: 0 found / ok, 1 nothing found, 2 error, 130 interrupted; and 143 or
129 terminated (SIGTERM or SIGHUP while a file was being written, once its temporary file is
removed).
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable
from typing import TextIO

from ..core.errors import SHOWN_LIMIT, LawgovError, PipeClosed, Terminated, shown

EXIT_OK, EXIT_NOT_FOUND, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


# The longest line of a message. Messages quote user input through ``shown``, which keeps
# each quotation short; this bounds the lines lawgov does not compose itself (Click's usage
# errors quote the value given, however long).
MESSAGE_LIMIT = 400


def fail(message: str, hint: str | None = None) -> int:
    """Say what went wrong (and how to fix it) on stderr; the exit code for errors."""
    say(message)
    if hint:
        say_hint(hint)
    return EXIT_ERROR


def say_hint(hint: str) -> None:
    say(f"hint: {hint}")


# What a message quotes ('…' or "…"): Click's usage errors and ours quote the value given.
# Pattern text, compiled (and cached by re) when a message is said, not on every run.
_QUOTED = r"'[^'\n]{LONG,}'|\"[^\"\n]{LONG,}\"".replace("LONG", str(SHOWN_LIMIT + 1))


def say(message: str) -> None:
    """A message on stderr, each of its lines (a check's caret view has two more) escaped and
    bounded by ``shown``, and every quotation in it longer than SHOWN_LIMIT cut in the middle:
    whatever it quotes, it cannot drive or flood the terminal."""
    message = re.sub(_QUOTED, lambda q: q[0][0] + shown(q[0][1:-1]) + q[0][-1], message)
    text = "\n".join(shown(line, MESSAGE_LIMIT) for line in message.split("\n"))
    try:
        print(f"lawgov: {text}", file=sys.stderr)
    except (OSError, AttributeError):  # stderr full or closed: the exit code still tells
        silence(sys.stderr)


def silence_stdout() -> None:
    """After the reader of stdout has gone, point stdout at /dev/null so that Python's final
    flush does not complain on stderr."""
    silence(sys.stdout)


def silence(stream: TextIO | None) -> None:
    """Point ``stream``'s file at /dev/null: what it still holds is dropped at exit, where
    Python's own flush would fail again (a warning, and exit 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[union-attr]
    except (OSError, ValueError, AttributeError):  # not a real file (as under a test runner)
        pass


def whole_writes() -> None:
    """Make every write to stdout all or an error.

    Under PYTHONUNBUFFERED=1 (or ``python -u``) sys.stdout writes straight to the file
    descriptor, and when the system takes only part of a write (a disk filling up, a file-size
    limit) the text layer drops the rest without a word: the run would end 0 with its output
    cut short. A BufferedWriter writes the rest until it is out or the write fails with the
    reason; ``guard`` flushes it before it returns.
    """
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if stream is None or not isinstance(raw, io.FileIO):  # buffered already, or no file at all
        return
    fd = io.FileIO(raw.fileno(), "w", closefd=False)  # fd 1 stays open whatever happens to this
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(fd),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=stream.isatty(),  # a terminal still sees each line as it is written
        write_through=True,
    )


def guard(run: Callable[[], object], debug: bool = False) -> int:
    """Call ``run`` and return lawgov's exit code for whatever happened; with ``debug`` the
    traceback of an error is printed before its message. Output that could not all be written
    is an error (exit 2), never a success."""
    result: object = None
    whole_writes()
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
    except Terminated as ended:
        return ended.exit_code
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
        # What is still buffered cannot be written either: drop it, or Python's own flush at
        # exit would fail again, print a traceback-like warning and exit 120.
        silence_stdout()
        where = f"{shown(os.fsdecode(err.filename))}: " if err.filename else ""
        return fail(f"cannot write output: {where}{err.strerror or err}")
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
