"""Where the installed package is: its folder (whose code the report cache fingerprints) and the
data files it ships (the curated report, the canonical indicators, the audit profiles)."""

from __future__ import annotations

import os

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # above system/


def _data_file(name: str) -> str:
    """A file the package ships (the wheel puts it in lawgov_cli/data/); in a source checkout,
    the repository's data/ copy."""
    inside = os.path.join(PACKAGE_DIR, "data", name)
    if os.path.isfile(inside):
        return inside
    return os.path.join(os.path.dirname(os.path.dirname(PACKAGE_DIR)), "data", name)


def bundled_report_file() -> str:
    """The report shipped inside the package; in a source checkout, data/report.toml."""
    return _data_file("report.toml")


def indicators_file() -> str:
    """The canonical indicators and their rules (data/indicators.toml)."""
    return _data_file("indicators.toml")


def audit_profile_file(name: str) -> str:
    """An audit profile: the rules of `lawgov audit` (data/audit/NAME.toml)."""
    return _data_file(os.path.join("audit", f"{name}.toml"))
