"""Loading a report file: read it (files), parse its TOML (tomlfile), check it against the schema
(schema) and build the model (contents), every problem located by file, line and TOML path.
No terminal I/O here: problems are raised as ``ReportError`` for the caller to show.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ...system.package import bundled_report_file
from ..model import Report
from .files import read_text, require_path

if TYPE_CHECKING:
    from pathlib import Path


# Paths are plain strings here: pathlib costs milliseconds to import, and every run loads a report.
def bundled_report_path() -> Path:
    """The report shipped inside the package; in a source checkout, the repository's copy."""
    from pathlib import Path

    return Path(bundled_report_file())


def report_file(path: str | os.PathLike[str] | None) -> str:
    """The file a report path names: the bundled report for None; an empty path is an error."""
    return require_path(os.fspath(path)) if path is not None else bundled_report_file()


def load_report(path: str | os.PathLike[str] | None = None) -> Report:
    """Load and validate a report; the bundled Nanshan 2024 report when ``path`` is None.
    Reads the file and nothing else: the command line's cache (storage/report_cache.py) sits in
    front of it, and on a hit needs only ``report_file``: parsing and checking are imported
    here, when a file is parsed."""
    from . import contents, tomlfile

    file = report_file(path)
    text = read_text(file)
    data = tomlfile.parse_toml(text, file)
    return contents.build_report(data, file, text, path=file)
