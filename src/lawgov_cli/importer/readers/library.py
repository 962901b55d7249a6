"""What the readers of binary formats share around the libraries they call: a library's error
told in one line, and its logging and warnings kept off lawgov's stderr."""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator

from ...core.errors import ImportFailure

REASON_MAX = 80


def require_content(raw: bytes, name: str) -> None:
    """An empty file is said to be one, whatever its name promised."""
    if not raw.strip():
        raise ImportFailure(f"{name}: empty file, nothing to import")


def reason(err: BaseException) -> str:
    """``PdfReadError: Stream has ended unexpectedly``: an error's kind and what it says, on
    one line, cut past REASON_MAX characters."""
    said = " ".join(str(err).split())
    if len(said) > REASON_MAX:
        said = said[: REASON_MAX - 1] + "…"
    return f"{type(err).__name__}: {said}" if said else type(err).__name__


@contextlib.contextmanager
def quiet(logger: str) -> Iterator[None]:
    """The library's logger and Python warnings silenced: pypdf logs what it repairs in a
    damaged file ("Ignoring wrong pointing object"), and stderr is lawgov's, for one line
    about the outcome."""
    log = logging.getLogger(logger)
    level, propagate = log.level, log.propagate
    log.setLevel(logging.CRITICAL + 1)
    log.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        log.setLevel(level)
        log.propagate = propagate
