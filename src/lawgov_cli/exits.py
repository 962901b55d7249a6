"""Exit codes and the few lines lawgov writes to stderr. Standard library only: the fast path
(fast.py) uses them without importing Typer.

Exit codes follow ripgrep: 0 found / ok, 1 nothing found, 2 error, 130 interrupted.
"""

from __future__ import annotations

import os
import sys

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
    except (OSError, ValueError):  # not a real file (as under a test runner)
        pass
