"""A report in other formats: its text exactly as the source has it, Markdown, CSV, JSON and
canonical TOML. Pure: each format is a string; writing it is the caller's business."""

from __future__ import annotations

import re
from typing import Any

from ..core.model import NOT_STATED, Report
from ..core.numbers import format_value
from .records import dumps, header_dict, metric_dict, section_dict

FORMATS = ("text", "md", "csv", "json", "toml")


def export(report: Report, fmt: str, excel: bool = False) -> str:
    if fmt == "text":
        return report.render_text()
    if fmt == "md":
        return markdown(report)
    if fmt == "csv":
        from .csvout import metrics_csv

        # Excel reads CSV as the local code page unless it starts with a BOM; it likes CRLF.
        if excel:
            return "\ufeff" + metrics_csv(report.metrics, "\r\n")
        return metrics_csv(report.metrics)
    if fmt == "json":
        return dumps(report_dict(report)) + "\n"
    if fmt == "toml":
        from .tomlout import to_toml

        return to_toml(report)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as JSON (README, "JSON output")."""
    return {
        "report": header_dict(report),
        "sections": [
            {
                **section_dict(s),
                "heading": s.heading,
                "text": s.text,
                "separator": s.separator,
                "heading_end": s.heading_end,
                "same_line": s.same_line,
            }
            for s in report.sections
        ],
        "metrics": [metric_dict(m) for m in report.metrics],
        "checks": [
            {"id": c.id, "expr": c.expr, "description": c.description} for c in report.checks
        ],
    }


# Markdown that would otherwise turn report text into markup: emphasis, code, links, HTML. As
# pattern text, compiled (and cached by re) on first use: the read commands import this module
# for FORMATS, and need no Markdown.
_INLINE = r"([\\`*_\[\]<>|])"
# At the start of a line: headings, quotes, list items (-, +, 1.).
_LINE_START = r"^(#|>|-|\+)|^(\d+)([.)])(?=\s|$)"


def _md_inline(text: str) -> str:
    return re.sub(_INLINE, r"\\\1", text)


def _md_text(text: str) -> str:
    """A paragraph or heading: inline markup escaped, and a line start that would be markup."""
    return re.sub(_LINE_START, _escape_line_start, _md_inline(text))


def _escape_line_start(found: re.Match[str]) -> str:
    if found[1]:  # # > - +
        return "\\" + found[1]
    return f"{found[2]}\\{found[3]}"  # 12. and 12) would start a list: 12\. and 12\)


def markdown(report: Report) -> str:
    """Headings per section (## for the parts), paragraphs, and the figures in a table."""
    lines = [f"# {_md_text(report.title)}", ""]
    facts = [
        ("发布机关", report.issuer),
        ("发布日期", report.date.isoformat() if report.date else NOT_STATED),
        ("报告年度", NOT_STATED if report.year is None else str(report.year)),
        ("来源", f"<{report.source_url}>" if report.source_url else ""),
        ("摘录", report.excerpt),
    ]
    lines += [f"- {label}\uff1a{value}" for label, value in facts if value]
    for section in report.sections:
        lines.append("")
        if section.heading:
            lines += [f"{'#' * min(section.level + 1, 6)} {_md_text(section.heading)}", ""]
        paragraphs = [p for p in section.text.split("\n") if p]
        lines += "\n\n".join(_md_text(p) for p in paragraphs).split("\n") if paragraphs else []
    if report.metrics:
        lines += ["", "## 数字", "", "| 指标 | 章节 | 名称 | 原文 | 数值 | 单位 |"]
        lines.append("| --- | --- | --- | --- | ---: | --- |")
        for m in report.metrics:
            cells = [f"`{m.id}`", m.section, _md_inline(m.label), _md_inline(m.figure)]
            cells += [format_value(m.value), _md_inline(m.unit)]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"
