"""lawgov: annual reports on law-based government (法治政府建设年度报告) as structured data.

Public API::

    from lawgov_cli import load_report
    report = load_report()              # the bundled Nanshan 2024 report
    report = load_report("other.toml")  # any report file; raises ReportError when invalid
"""

from __future__ import annotations

from .version import __version__

# The names are loaded on first use (PEP 562), not when the package is: the ``lawgov`` command
# imports this package before its own code runs, and until then a Ctrl-C would print a traceback.
_EXPORTS = {
    "LawgovError": "lawgov_cli.core.errors",
    "Problem": "lawgov_cli.core.errors",
    "ReportError": "lawgov_cli.core.errors",
    "bundled_report_path": "lawgov_cli.core.loading",
    "load_report": "lawgov_cli.core.loading",
    "Metric": "lawgov_cli.core.model",
    "Report": "lawgov_cli.core.model",
    "Section": "lawgov_cli.core.model",
}

TYPE_CHECKING = False  # typing itself is not imported here: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

    from .core.errors import LawgovError, Problem, ReportError
    from .core.loading import bundled_report_path, load_report
    from .core.model import Metric, Report, Section


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(_EXPORTS[name]), name)


__all__ = [
    "LawgovError",
    "Metric",
    "Problem",
    "Report",
    "ReportError",
    "Section",
    "__version__",
    "bundled_report_path",
    "load_report",
]
