"""Where the installed package is: its folder (whose code the report cache fingerprints) and the
report it ships."""

from __future__ import annotations

import os

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # above system/


def bundled_report_file() -> str:
    """The report shipped inside the package (the wheel puts it there); in a source checkout,
    the repository's data/report.toml."""
    inside = os.path.join(PACKAGE_DIR, "data", "report.toml")
    if os.path.isfile(inside):
        return inside
    return os.path.join(os.path.dirname(os.path.dirname(PACKAGE_DIR)), "data", "report.toml")
