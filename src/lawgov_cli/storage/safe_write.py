"""Writing files the user will keep: atomically (a temporary file, then a rename), never over an
existing file unless asked to, never over anything that is not a regular file; and never leaving
the temporary file behind, whether the write fails, Ctrl-C stops it, or SIGTERM or SIGHUP (a
closed terminal) does."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from ..core.errors import LawgovError, Terminated, shown

FORCE_HINT = "add --force to replace it"


def _mode_for(path: Path) -> int:
    """The new file's permissions: the old file's when replacing one, else what the umask
    allows (a temporary file starts at 0600, which would hide output from other users)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_file(path: Path, content: bytes, force: bool = False) -> None:
    """Write ``content`` to ``path`` all at once: readers see the old file or the new one,
    never half of one. Without ``force`` an existing file is left untouched (LawgovError). A
    symbolic link is written through, to its target. Every error names the file as given."""
    name = shown(os.fspath(path))
    path = Path(os.path.realpath(path))
    try:
        _check_target(path, name, force)
        _write_atomically(path, name, content, force)
    except OSError as err:  # a stat fails too (a name too long, a directory not searchable)
        raise LawgovError(f"cannot write output: {name}: {err.strerror or err}") from None


def _check_target(path: Path, name: str, force: bool) -> None:
    if path.exists() and not path.is_file():
        kind = "a directory" if path.is_dir() else "not a regular file"
        raise LawgovError(f"{name}: is {kind}; lawgov writes only regular files")
    if not path.parent.is_dir():
        raise LawgovError(f"{name}: directory {shown(str(path.parent))} does not exist")
    if path.exists() and not force:
        raise _exists(name)


def _exists(name: str, hint: str | None = FORCE_HINT) -> LawgovError:
    return LawgovError(f"{name}: already exists, not overwritten", hint=hint)


def _write_atomically(path: Path, name: str, content: bytes, force: bool) -> None:
    temporary = None
    with _terminate_raises():
        try:
            with _signals_held():  # none between creating the temporary file and naming it
                fd, temporary = tempfile.mkstemp(
                    prefix=_temporary_prefix(path.name), suffix=".tmp", dir=path.parent
                )
            os.fchmod(fd, _mode_for(path))
            with os.fdopen(fd, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            if force:
                os.replace(temporary, path)
            else:
                _link_without_replacing(Path(temporary), path, name)
        finally:
            with _signals_held():  # nor one that would stop the removal half-way
                if temporary is not None:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(temporary)


# The longest file name most file systems take, in bytes; mkstemp adds 8 characters and ".tmp".
_NAME_MAX = 255
_TEMPORARY_EXTRA = 8 + len(".tmp")


def _temporary_prefix(name: str) -> str:
    """``.NAME.``, the name cut short (at a character boundary) where the temporary file's
    name would be too long: a name of 250 bytes can be written, its temporary file too."""
    room = _NAME_MAX - _TEMPORARY_EXTRA - 2  # the dots
    while len(os.fsencode(name)) > room:  # by characters: a cut never splits one
        name = name[:-1]
    return f".{name}."


# The signals that end a run: each raises (KeyboardInterrupt, Terminated) where it arrives.
_TERMINATING = (signal.SIGTERM, signal.SIGHUP)
_ENDING = (signal.SIGINT, *_TERMINATING)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait (blocked, not lost) until the block is done, then raise."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def _terminate_raises() -> Iterator[None]:
    """While a file is written, SIGTERM and SIGHUP raise Terminated as Ctrl-C raises
    KeyboardInterrupt, so that the temporary file is removed on the way out (their default
    would end the process there and then, leaving ``.name.XXXX.tmp`` behind)."""
    try:
        previous = {signum: signal.signal(signum, _terminated) for signum in _TERMINATING}
    except ValueError:  # not the main thread, which alone may handle signals
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def _link_without_replacing(temporary: Path, path: Path, name: str) -> None:
    """A hard link fails if ``path`` appeared meanwhile, where a rename would replace it."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise _exists(name) from None
    except OSError:  # a file system without hard links: the check above has to do
        if path.exists():
            raise _exists(name, hint=None) from None
        os.replace(temporary, path)
