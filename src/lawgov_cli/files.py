"""Writing files the user will keep: atomically (a temporary file, then a rename), and never
over an existing file unless asked to."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import LawgovError

FORCE_HINT = "add --force to replace it"


def write_file(path: Path, content: bytes, force: bool = False) -> None:
    """Write ``content`` to ``path`` all at once: readers see the old file or the new one,
    never half of one. Without ``force`` an existing file is left untouched (LawgovError)."""
    if path.is_dir():
        raise LawgovError(f"{path}: is a directory")
    if not path.parent.is_dir():
        raise LawgovError(f"{path}: directory {path.parent} does not exist")
    if path.exists() and not force:
        raise LawgovError(f"{path}: already exists, not overwritten", hint=FORCE_HINT)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(temporary, path)
        else:
            _link_without_replacing(Path(temporary), path)
    except OSError as err:
        raise LawgovError(f"{path}: cannot write: {err.strerror or err}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _link_without_replacing(temporary: Path, path: Path) -> None:
    """A hard link fails if ``path`` appeared meanwhile, where a rename would replace it."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise LawgovError(f"{path}: already exists, not overwritten", hint=FORCE_HINT) from None
    except OSError:  # a file system without hard links: the check above has to do
        if path.exists():
            raise LawgovError(f"{path}: already exists, not overwritten") from None
        os.replace(temporary, path)
