"""The TOML file ``lawgov import`` writes for an imported report: a head comment saying where it
came from, no larger than the loader reads, and checked to load back before it is written."""

from __future__ import annotations

import tomllib

from ..core.errors import ImportFailure, ReportError, shown
from ..core.loading import files
from ..core.loading.contents import build_report
from ..formats.tomlout import to_toml
from ..importer.build import Imported, too_large
from ..version import __version__


def report_toml(imported: Imported, name: str) -> str:
    """The file to write for ``imported`` (read from ``name``); ImportFailure when the loader
    would refuse it."""
    comment = [
        # The name escaped: bytes that are not UTF-8 (a GBK 南山.txt) as \xNN, as a TOML file
        # is UTF-8, and control characters, which a TOML comment may not hold.
        f"Imported by lawgov {__version__} from {shown(name)} ({imported.encoding}).",
        "Ids and labels are generated: review them, and add [[checks]] the text implies.",
        *imported.notes,
    ]
    text = to_toml(imported.report, "\n".join(comment))
    size = len(text.encode("utf-8"))
    if size > files.MAX_INPUT_BYTES:
        raise too_large(name, size)
    _check_round_trip(text, name)
    return text


def _check_round_trip(text: str, name: str) -> None:
    """What import writes must load: a problem here is a bug in the importer, said plainly."""
    try:
        build_report(tomllib.loads(text), name)
    except ReportError as err:
        raise ImportFailure(
            f"{name}: the imported report does not validate: {err}",
            hint="please report this with the source file",
        ) from None
