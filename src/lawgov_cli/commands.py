"""What each read command does once its options are parsed: ask the core, pick a renderer,
return the exit code. Shared by the Typer CLI (``cli.py``) and the fast path (``fast.py``), so
neither Typer nor Rich is imported here; Rich is imported only to draw for a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from types import ModuleType
from typing import Any

from .errors import LawgovError, PipeClosed
from .exits import EXIT_NOT_FOUND, EXIT_OK, say_hint
from .model import render_sections
from .output import Output
from .query import find_metric, find_section, hit_counts, search, select_metrics, stored_unit
from .query import subtree as subtree_of
from .render import plain
from .serialize import (
    check_result_dict,
    hit_dict,
    info_dict,
    metric_dict,
    section_detail,
    section_dict,
    validation_dict,
)
from .state import State


def _found(anything: object) -> int:
    return EXIT_OK if anything else EXIT_NOT_FOUND


def _answer(
    out: Output,
    json_: bool,
    data: Callable[[], Any],
    draw: Callable[[ModuleType], Any],
    lines: Callable[[], Iterable[str]],
    soft_wrap: bool = False,
    verdict: int = EXIT_OK,
) -> None:
    """JSON, a view drawn for a terminal, or plain lines: only the chosen one is computed, and
    Rich is imported only to draw. ``verdict`` is the exit code already decided, kept when the
    reader stops early (``lawgov check | head -1`` still fails when a check fails)."""
    try:
        if json_:
            out.json(data())
        elif out.rich:
            from .render import terminal

            out.show(draw(terminal), soft_wrap=soft_wrap)
        else:
            out.lines(lines())
    except PipeClosed:
        raise PipeClosed(verdict) from None


def info(state: State, json_: bool = False) -> int:
    report = state.report()
    _answer(
        state.output(),
        json_,
        lambda: info_dict(report),
        lambda terminal: terminal.info(report),
        lambda: plain.info_lines(report),
        soft_wrap=True,  # long URLs and paths are left whole, for the terminal to wrap
    )
    return EXIT_OK


def sections(state: State, json_: bool = False) -> int:
    report = state.report()
    _answer(
        state.output(),
        json_,
        lambda: [section_dict(s) for s in report.sections],
        lambda terminal: terminal.sections_tree(report),
        lambda: plain.section_lines(report.sections),
    )
    return EXIT_OK


def show(state: State, section_id: str, json_: bool = False) -> int:
    report = state.report()
    section = find_section(report, section_id)
    out = state.output()
    if json_:
        out.json(section_detail(report, section))
    elif out.rich:
        from .render import terminal

        out.show(terminal.show(report, subtree_of(report, section.id)))
    else:
        out.write(render_sections(subtree_of(report, section.id)))
    return EXIT_OK


def search_text(
    state: State,
    terms: list[str],
    *,
    regex: bool = False,
    section: str | None = None,
    all_terms: bool = False,
    context: int = 0,
    count: bool = False,
    ids: bool = False,
    json_: bool = False,
) -> int:
    report = state.report()
    if count or ids:  # counts are of sentences: context windows would merge some of them
        context = 0
    hits = search(report, terms, regex=regex, all_terms=all_terms, section=section, context=context)
    out = state.output()
    if ids:
        found = [sid for sid, _, _ in hit_counts(hits)]
        if json_:
            out.json(found)
        else:
            out.lines(found)
    elif count:
        counts = hit_counts(hits)
        if json_:
            out.json([{"section": s, "heading": h, "count": n} for s, h, n in counts])
        else:
            out.lines(plain.count_lines(counts))
    elif json_:
        out.json([hit_dict(hit) for hit in hits])
    elif out.rich and hits:
        from .render import terminal

        out.show(terminal.search_hits(report, hits))
    else:
        out.lines(plain.hit_lines(hits))
    return _found(hits)


def metrics(
    state: State,
    *,
    section: str | None = None,
    unit: str | None = None,
    grep: str | None = None,
    sort: str = "section",
    desc: bool = False,
    json_: bool = False,
    csv: bool = False,
) -> int:
    chosen = select_metrics(
        state.report(), section=section, unit=unit, grep=grep, sort=sort, desc=desc
    )
    out = state.output()
    if json_:
        out.json([metric_dict(m) for m in chosen])
    elif csv:
        from .render.csvout import metrics_csv

        out.write_utf8(metrics_csv(chosen))
    elif out.rich and chosen:
        from .render import terminal

        out.show(terminal.MetricsTable(chosen))
    else:
        out.lines(plain.metric_lines(chosen))
    if not chosen and unit is not None and (stored := stored_unit(unit)):
        say_hint(f"values are stored multiplied out, in {stored}: try --unit {stored}")
    return _found(chosen)


def get(state: State, metric_ids: Sequence[str], field: str = "value", json_: bool = False) -> int:
    report = state.report()
    chosen = [find_metric(report, metric_id) for metric_id in metric_ids]
    out = state.output()
    if json_:
        out.json([metric_dict(m) for m in chosen])
    else:
        out.lines(plain.row([getattr(m, field)]) for m in chosen)
    return EXIT_OK


def check(
    state: State,
    expressions: Sequence[str] = (),
    file: str | None = None,
    quiet: bool = False,
    json_: bool = False,
) -> int:
    from .checks import load_checks, run_checks
    from .model import Check

    report = state.report()
    results = []
    if expressions:
        typed = [Check(id="", expr=text) for text in expressions]
        results += run_checks(typed, report.metrics, origin="expression")
    if file is not None:
        results += run_checks(load_checks(file), report.metrics, origin=f"{file}: checks")
    if not expressions and file is None:
        if not report.checks:
            # The example names one of this report's own figures (ids are ASCII: quoting is safe).
            example = f"'{report.metrics[0].id} > 0'" if report.metrics else "EXPR"
            raise LawgovError(
                "this report has no [[checks]] of its own",
                hint=f"give an expression, as in lawgov check {example}, or --file",
            )
        origin = f"{report.path}: checks" if report.path else "checks"
        results = run_checks(report.checks, report.metrics, origin=origin)
    verdict = _found(all(r.passed for r in results))
    if not quiet:
        _answer(
            state.output(),
            json_,
            lambda: [check_result_dict(r) for r in results],
            lambda terminal: terminal.checks_table(results),
            lambda: plain.check_lines(results),
            verdict=verdict,
        )
    return verdict


def validate(state: State, path: str | None = None, json_: bool = False) -> int:
    from .loader import report_file
    from .validate import validate_file

    if path is not None:
        result = validate_file(report_file(path))
    else:  # the report the global options name, with their hint when it cannot be read
        with state.reading_report():
            result = validate_file(report_file(state.report_path))
    verdict = _found(result.valid)
    _answer(
        state.output(),
        json_,
        lambda: validation_dict(result),
        lambda terminal: terminal.validation(result),
        lambda: plain.problem_lines(result),
        soft_wrap=True,
        verdict=verdict,
    )
    return verdict
