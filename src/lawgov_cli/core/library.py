"""Several reports read at once: each report read is an ``Entry``."""

from __future__ import annotations

from .errors import LawgovError
from .model import Report


class Entry:
    """One report read: its id (from its file name), its path, and the report, or the error that
    kept it from loading. A plain slotted class: every read command may import this module."""

    __slots__ = ("error", "id", "path", "report")

    def __init__(
        self, id: str, path: str, report: Report | None, error: LawgovError | None
    ) -> None:
        self.id, self.path, self.report, self.error = id, path, report, error
