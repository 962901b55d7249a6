"""lawgov: annual reports on law-based government (法治政府建设年度报告) as structured data.

Public API::

    from lawgov_cli import load_report
    report = load_report()              # the bundled Nanshan 2024 report
    report = load_report("other.toml")  # any report file; raises ReportError when invalid
"""

from .errors import LawgovError, Problem, ReportError
from .loader import bundled_report_path, load_report
from .model import Metric, Report, Section

__version__ = "0.1.0"

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
