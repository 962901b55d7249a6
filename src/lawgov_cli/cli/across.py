"""The read commands across several reports (README, Several reports): each asks the Library
(core/library.py) and answers with each report's own answer, as that report alone would have
it, under the report's id (answers.Across). read_commands.py hands a command line over here
when it takes the several-report shape (``State.several``). Parameters as spec.py declares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from ..core.errors import LawgovError, UnknownSectionError, shown
from ..core.library import Entry
from ..core.model import Hit, Report
from ..core.queries import hit_counts, stored_unit
from ..formats import answers
from ..formats.answers import Across, One, Reply
from .exits import EXIT_NOT_FOUND, EXIT_OK, say
from .state import State

T = TypeVar("T")


def _grouped(pairs: Sequence[tuple[Entry, T]]) -> list[tuple[Entry, list[T]]]:
    """(entry, thing) pairs as one group per report, in the order the reports were read."""
    groups: dict[int, tuple[Entry, list[T]]] = {}
    for entry, thing in pairs:
        groups.setdefault(id(entry), (entry, []))[1].append(thing)
    return list(groups.values())


def _found(anything: object) -> int:
    return EXIT_OK if anything else EXIT_NOT_FOUND


def info(state: State) -> Reply:
    """From the library index: each report's header and counts, none loaded."""
    headers = state.indexed().headers()
    return Reply(Across([(e, answers.Info(report, (s, f))) for e, report, s, f in headers]))


def sections(state: State) -> Reply:
    """From the library index: each report's sections without their text, none loaded."""
    outlines = state.indexed().outlines()
    return Reply(Across([(entry, answers.Outline(report)) for entry, report, _ in outlines]))


def show(state: State, section_id: str) -> Reply:
    """``REPORT:SECTION`` from that report; a plain SECTION from every report that has it
    (exit 1 when none has it)."""
    library = state.library()
    try:
        found = library.sections(section_id)
    except UnknownSectionError as err:
        if ":" in section_id:
            raise
        say(str(err))  # not found: exit 1, as search with no hit
        return Reply(Across([]), EXIT_NOT_FOUND)
    parts: list[tuple[Entry, One]] = [
        (entry, answers.Part(_report(entry), section, subtree)) for entry, section, subtree in found
    ]
    return Reply(Across(parts))


def search(found: list[tuple[Entry, Hit]], count: bool, ids: bool) -> Reply:
    """The hits of ``Library.search``, as hits, counts (-c) or section ids (-l) per report."""
    parts: list[tuple[Entry, One]] = []
    for entry, hits in _grouped(found):
        if ids:
            parts.append((entry, answers.HitSections([sid for sid, _, _ in hit_counts(hits)])))
        elif count:
            parts.append((entry, answers.HitCounts(hit_counts(hits))))
        else:
            parts.append((entry, answers.Hits(entry.report, hits)))  # None: not for a terminal
    return Reply(Across(parts), _found(found))


def metrics(
    state: State,
    section: str | None,
    unit: str | None,
    grep: str | None,
    indicator: str | None,
    sort: str,
    desc: bool,
) -> Reply:
    if section is None:
        from ..core.queries import filter_metrics, sort_metrics

        # No section to look up: the index has every report's figures (an indicator's stored
        # together), so no report need be loaded.
        pairs = state.indexed().figures(indicator, headers=False)
        found = [
            (entry, metric)
            for entry, chosen in _grouped(pairs)
            for metric in sort_metrics(
                filter_metrics(chosen, unit=unit, grep=grep, indicator=indicator), sort, desc
            )
        ]
    else:
        found = state.library().metrics(
            section=section, unit=unit, grep=grep, indicator=indicator, sort=sort, desc=desc
        )
    if not found and indicator is not None:  # only now the rules: a known id found nothing
        from .read_commands import require_indicator

        require_indicator(indicator)
    hints: tuple[str, ...] = ()
    if not found and unit is not None and (stored := stored_unit(unit)):
        hints = (f"values are stored multiplied out, in {stored}: try --unit {stored}",)
    parts: list[tuple[Entry, One]] = [(e, answers.Figures(chosen)) for e, chosen in _grouped(found)]
    return Reply(Across(parts), _found(found), hints)


def get(state: State, metric_ids: Sequence[str], field: str | None) -> Reply:
    """Each ``REPORT:ID`` from that report, each plain ID from every report that has it:
    grouped by report, in the order the reports were read. From the library index: the
    reports' figures, none loaded."""
    library = state.indexed().figure_library()
    found = [pair for ref in metric_ids for pair in library.metric(ref)]
    order = {id(entry): at for at, entry in enumerate(library.entries)}
    found.sort(key=lambda pair: order[id(pair[0])])  # stable: ids in the order asked
    parts: list[tuple[Entry, One]] = [
        (entry, answers.FieldValues(chosen, field or "value")) for entry, chosen in _grouped(found)
    ]
    return Reply(Across(parts))


def check(state: State, expressions: Sequence[str] | None, file: str | None, quiet: bool) -> Reply:
    """Each expression (and --file's checks) against each report; with neither, each report's
    own [[checks]]. A report lacking a figure an expression names is that report's error."""
    from ..core.checks import load_checks, run_checks
    from ..core.expr import ExprError, parse
    from ..core.model import Check

    own = not expressions and file is None
    # Expressions need each report's figures alone (the library index has them); a report's
    # own [[checks]] are in its file only.
    library = state.library() if own else state.indexed().figure_library()
    typed = [Check(id="", expr=text) for text in expressions or ()]
    for index, check in enumerate(typed):  # a syntax error is the command line's, said once
        try:
            parse(check.expr)
        except ExprError as err:
            from ..core.checks import CheckExpressionError

            raise CheckExpressionError(err, check.expr, f"expression {index + 1}") from None
    from_file = load_checks(file) if file is not None else []
    if own and not any(_report(entry).checks for entry in library.loaded):
        raise LawgovError(
            "none of the reports read has [[checks]] of its own",
            hint="give an expression, as in lawgov check 'ID > 0', or --file",
        )
    parts: list[tuple[Entry, One]] = []
    for entry in library.loaded:
        report = _report(entry)
        if own and not report.checks:
            say(f"{shown(entry.path)}: skipped: this report has no [[checks]] of its own")
            continue
        try:
            results = []
            if typed:
                results += run_checks(typed, report.metrics, origin="expression")
            if from_file:
                results += run_checks(from_file, report.metrics, origin=f"{file}: checks")
            if own:
                results += run_checks(report.checks, report.metrics, origin=f"{entry.path}: checks")
        except LawgovError as err:
            state.failed(entry.path, err)
            continue
        parts.append((entry, answers.CheckResults(results)))
    passed = all(r.passed for _, part in parts for r in part.results)  # type: ignore[union-attr]
    return Reply(None if quiet else Across(parts), _found(passed and parts))


def validate(state: State) -> Reply:
    """Every report file named: exit 0 all valid, 1 any invalid, 2 any unreadable."""
    from ..core.library import report_ids
    from ..core.validation import validate_file

    files = state.report_files()
    parts: list[tuple[Entry, One]] = []
    for report, file in zip(report_ids(files), files, strict=True):
        try:
            result = validate_file(file)
        except LawgovError as err:
            state.failed(file, err)
            continue
        parts.append((Entry(report, file, None), answers.ValidationReport(result)))
    valid = all(part.validation.valid for _, part in parts)  # type: ignore[union-attr]
    return Reply(Across(parts), _found(valid))


def reports(state: State, json_: bool, csv: bool) -> Reply:
    """One row per report, those that could not be read with their error: any number of
    reports, one included."""
    return Reply(answers.ReportList(state.indexed().summaries()))


def _report(entry: Entry) -> Report:
    assert entry.report is not None
    return entry.report
