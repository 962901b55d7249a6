"""The read commands' bodies: ask the core and return the answer as data (answers.py), with the
exit code. How an answer is printed (JSON, CSV, plain lines, a terminal view) is decided in one
place, present.py. Each body's parameters are the ones its declaration in spec.py names.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core.errors import LawgovError, shown
from ..core.queries import (
    find_metric,
    find_section,
    hit_counts,
    select_metrics,
    stored_unit,
    subtree,
)
from ..core.queries import search as search_report
from ..formats.answers import (
    CheckResults,
    FieldValues,
    Figures,
    HitCounts,
    Hits,
    HitSections,
    IndicatorCounts,
    Info,
    Outline,
    Part,
    Reply,
    ValidationReport,
)
from .exits import EXIT_NOT_FOUND, EXIT_OK
from .state import State

# No parameter has a default here: the declarations in spec.py hold them (dispatch.defaults).


def _found(anything: object) -> int:
    return EXIT_OK if anything else EXIT_NOT_FOUND


def info(state: State, json_: bool) -> Reply:
    if state.several:
        from . import across  # several reports: not loaded for one

        return across.info(state)
    return Reply(Info(state.report()))


def sections(state: State, json_: bool) -> Reply:
    if state.several:
        from . import across  # several reports: not loaded for one

        return across.sections(state)
    return Reply(Outline(state.report()))


def show(state: State, section_id: str, json_: bool) -> Reply:
    if state.several:
        from . import across  # several reports: not loaded for one

        return across.show(state, section_id)
    report = state.report()
    section = find_section(report, section_id)
    return Reply(Part(report, section, subtree(report, section.id)))


def search(
    state: State,
    terms: Sequence[str],
    regex: bool,
    section: str | None,
    all_terms: bool,
    context: int,
    count: bool,
    ids: bool,
    json_: bool,
) -> Reply:
    if count or ids:  # counts are of sentences: context windows would merge some of them
        context = 0
    if state.several:
        from . import across  # several reports: not loaded for one

        every = state.indexed().search(
            list(terms),
            regex=regex,
            all_terms=all_terms,
            section=section,
            context=context,
            whole=state.output().rich and not (json_ or count or ids),  # the terminal view
        )
        return across.search(every, count, ids)
    report = state.report()
    found = search_report(
        report, list(terms), regex=regex, all_terms=all_terms, section=section, context=context
    )
    verdict = _found(found)
    if ids:
        return Reply(HitSections([sid for sid, _, _ in hit_counts(found)]), verdict)
    if count:
        return Reply(HitCounts(hit_counts(found)), verdict)
    return Reply(Hits(report, found), verdict)


def metrics(
    state: State,
    section: str | None,
    unit: str | None,
    grep: str | None,
    indicator: str | None,
    sort: str,
    desc: bool,
    json_: bool,
    csv: bool,
) -> Reply:
    if state.several:
        from . import across  # several reports: not loaded for one

        return across.metrics(state, section, unit, grep, indicator, sort, desc)
    chosen = select_metrics(
        state.report(),
        section=section,
        unit=unit,
        grep=grep,
        sort=sort,
        desc=desc,
        indicator=indicator,
    )
    if not chosen and indicator is not None:  # only now the rules: a known id found nothing
        require_indicator(indicator)
    hints: tuple[str, ...] = ()
    if not chosen and unit is not None and (stored := stored_unit(unit)):
        hints = (f"values are stored multiplied out, in {stored}: try --unit {stored}",)
    return Reply(Figures(chosen), _found(chosen), hints)


def require_indicator(wanted: str) -> None:
    """An unknown indicator id is an error (exit 2) with the ids it may have meant."""
    from ..storage.data_cache import load_indicators

    known = load_indicators()
    if wanted in known.by_id:
        return
    raise LawgovError(f"no indicator '{shown(wanted)}'", hint=known.suggest(wanted))


def indicators(state: State, json_: bool, csv: bool) -> Reply:
    from ..storage.data_cache import load_indicators

    known = load_indicators()
    counts: dict[str, int] = {}
    read = (
        [metric for _, metric in state.indexed().figures(headers=False)]
        if state.several  # every report read: how often the genre states each
        else state.report().metrics
    )
    for metric in read:
        if metric.indicator:
            counts[metric.indicator] = counts.get(metric.indicator, 0) + 1
    rows = [(i.id, i.name, known.units_written(i), counts.get(i.id, 0)) for i in known.items]
    return Reply(IndicatorCounts(rows))


def get(state: State, metric_ids: Sequence[str], field: str | None, json_: bool) -> Reply:
    if state.several:
        from . import across  # several reports: not loaded for one

        return across.get(state, metric_ids, field)
    report = state.report()
    chosen = [find_metric(report, metric_id) for metric_id in metric_ids]
    return Reply(FieldValues(chosen, field or "value"))


def check(
    state: State,
    expressions: Sequence[str] | None,
    file: str | None,
    quiet: bool,
    json_: bool,
) -> Reply:
    from ..core.checks import load_checks, run_checks
    from ..core.model import Check

    if state.several:
        from . import across  # several reports: not loaded for one

        return across.check(state, expressions, file, quiet)
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
    return Reply(None if quiet else CheckResults(results), verdict)


def validate(state: State, path: str | None, json_: bool) -> Reply:
    from ..core.loading import report_file
    from ..core.validation import validate_file

    if path is None and state.several:
        from . import across  # several reports: not loaded for one

        return across.validate(state)
    if path is not None:
        result = validate_file(report_file(path))
    else:  # the report the global options name, with their hint when it cannot be read
        with state.reading_report():
            result = validate_file(report_file(state.report_path))
    return Reply(ValidationReport(result), _found(result.valid))


def reports(state: State, json_: bool, csv: bool) -> Reply:
    from . import across

    return across.reports(state, json_, csv)
