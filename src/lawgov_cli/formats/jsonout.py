"""The JSON format: every answer in its documented shape (README, JSON output; serialize.py
builds the records). Shapes only ever gain fields."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .records import (
    check_result_dict,
    comparison_row_dict,
    hit_dict,
    info_dict,
    metric_dict,
    section_detail,
    section_dict,
    validation_dict,
)

if TYPE_CHECKING:
    from . import answers
    from .stream import Output


def info(answer: answers.Info, out: Output) -> None:
    out.json(info_dict(answer.report))


def outline(answer: answers.Outline, out: Output) -> None:
    out.json([section_dict(s) for s in answer.report.sections])


def part(answer: answers.Part, out: Output) -> None:
    out.json(section_detail(answer.report, answer.section))


def hits(answer: answers.Hits, out: Output) -> None:
    out.json([hit_dict(hit) for hit in answer.hits])


def hit_counts(answer: answers.HitCounts, out: Output) -> None:
    out.json([{"section": s, "heading": h, "count": n} for s, h, n in answer.counts])


def hit_sections(answer: answers.HitSections, out: Output) -> None:
    out.json(answer.ids)


def figures(answer: answers.Figures | answers.FieldValues, out: Output) -> None:
    out.json([metric_dict(m) for m in answer.metrics])


field_values = figures  # `get --json` prints every field of each figure


def check_results(answer: answers.CheckResults, out: Output) -> None:
    out.json([check_result_dict(r) for r in answer.results])


def validation(answer: answers.ValidationReport, out: Output) -> None:
    out.json(validation_dict(answer.validation))


def comparison(answer: answers.Comparison, out: Output) -> None:
    from ..core.compare import all_rows

    out.json([comparison_row_dict(*each) for each in all_rows(answer.comparisons)])
