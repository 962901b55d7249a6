"""The ``lawgov`` commands: parse options, ask the core, pick a renderer.

How a run ends (exit codes, errors on stderr) is decided in ``edge``.
"""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from . import __version__, transfer
from .edge import EXIT_NOT_FOUND, LawgovGroup, say_hint
from .errors import LawgovError
from .query import (
    SORT_KEYS,
    find_metric,
    find_section,
    hit_counts,
    search,
    select_metrics,
    stored_unit,
    subtree,
)
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
from .state import State, state_of

app = typer.Typer(
    cls=LawgovGroup,
    name="lawgov",
    epilog="Exit codes: 0 found or ok, 1 nothing found, 2 error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Color(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class Field(enum.StrEnum):
    value = "value"
    unit = "unit"
    figure = "figure"
    label = "label"
    quote = "quote"
    section = "section"
    qualifier = "qualifier"
    id = "id"


class SortKey(enum.StrEnum):
    section = "section"
    value = "value"
    id = "id"


assert tuple(SortKey) == SORT_KEYS


def _show_version(value: bool) -> None:
    if value:
        print(f"lawgov {__version__}")
        raise typer.Exit()


JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (see README, JSON output).")]


@app.callback()
def main(
    ctx: typer.Context,
    report: Annotated[
        str | None,
        typer.Option(
            "--report",
            envvar="LAWGOV_REPORT",
            metavar="PATH",
            help="Report TOML to read (default: the bundled Nanshan 2024 report).",
        ),
    ] = None,
    color: Annotated[
        Color, typer.Option("--color", help="Colour and terminal layout: auto, always, never.")
    ] = Color.auto,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback when something goes wrong.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Read, search and tabulate annual reports on law-based government (法治政府建设年度报告).

    \b
    Examples:
      lawgov info
      lawgov show '三(二)'
      lawgov search 行政复议
      lawgov metrics --unit 宗 --sort value --desc
      lawgov metrics --json | jq '.[] | select(.qualifier != "")'
    """
    ctx.obj = State(report_path=report, color=color.value)


@app.command()
def info(ctx: typer.Context, json_: JsonFlag = False) -> None:
    """Title, issuer, date, year, source and counts of the report.

    \b
    Examples:
      lawgov info
      lawgov info --json | jq -r .source_url
    """
    state = state_of(ctx)
    report = state.report()
    out = state.output()
    if json_:
        out.json(info_dict(report))
    elif out.rich:
        from .render import terminal

        out.show(terminal.info(report), soft_wrap=True)
    else:
        out.lines(plain.info_lines(report))


@app.command()
def sections(ctx: typer.Context, json_: JsonFlag = False) -> None:
    """The outline: every section with its id (a tree on a terminal).

    \b
    Examples:
      lawgov sections
      lawgov sections --json | jq -r '.[] | select(.level == 1) | .title'
    """
    state = state_of(ctx)
    report = state.report()
    out = state.output()
    if json_:
        out.json([section_dict(s) for s in report.sections])
    elif out.rich:
        from .render import terminal

        out.show(terminal.sections_tree(report))
    else:
        out.lines(plain.section_lines(report.sections))


@app.command()
def show(
    ctx: typer.Context,
    section_id: Annotated[
        str, typer.Argument(metavar="ID", help="Section: 3.2, 3, 三, 三(二) or 0.")
    ],
    json_: JsonFlag = False,
) -> None:
    """One section with its subsections; figures emphasised on a terminal.

    Piped, it prints the section's text exactly as the report has it.

    \b
    Examples:
      lawgov show 4.1
      lawgov show '三(二)'
      lawgov show 4 --json | jq '.subsections[].metrics[].figure'
    """
    state = state_of(ctx)
    report = state.report()
    section = find_section(report, section_id)
    out = state.output()
    if json_:
        out.json(section_detail(report, section))
    elif out.rich:
        from .render import terminal

        out.show(terminal.show(report, subtree(report, section.id)))
    else:
        out.write(plain.show_text(subtree(report, section.id)))


@app.command("search")
def search_command(
    ctx: typer.Context,
    terms: Annotated[list[str], typer.Argument(metavar="TERM...", help="Words to find.")],
    regex: Annotated[
        bool, typer.Option("--regex", "-e", help="Treat each TERM as a regular expression.")
    ] = False,
    section: Annotated[
        str | None,
        typer.Option("--section", "-s", metavar="ID", help="Only this section and its children."),
    ] = None,
    all_terms: Annotated[
        bool, typer.Option("--all", "-a", help="Every TERM in the same sentence (default: any).")
    ] = False,
    context: Annotated[
        int,
        typer.Option("--context", "-C", min=0, metavar="N", help="Show N sentences around hits."),
    ] = 0,
    count: Annotated[
        bool, typer.Option("--count", "-c", help="Only the number of hits per section.")
    ] = False,
    ids: Annotated[
        bool, typer.Option("--ids", "-l", help="Only the ids of sections with hits.")
    ] = False,
    json_: JsonFlag = False,
) -> None:
    """Find words in headings and text. Matching ignores full-/half-width forms and Latin case.

    Each hit is a sentence (or a heading); piped, one hit per line: section id, tab, sentence.
    Exit 0 with hits, 1 with none.

    \b
    Examples:
      lawgov search 行政复议
      lawgov search 调解 成功率 --all
      lawgov search -e '\\d+(\\.\\d+)?%'
      lawgov search 执法 -s 3 -c
      lawgov search 纠纷 --json | jq -r '.[].text'
    """
    if count and ids:
        raise typer.BadParameter("use either --count or --ids, not both", param_hint="'-c' / '-l'")
    state = state_of(ctx)
    report = state.report()
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
    if not hits:
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command()
def metrics(
    ctx: typer.Context,
    section: Annotated[
        str | None,
        typer.Option("--section", "-s", metavar="ID", help="Only this section and its children."),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Only figures in this unit (宗, %, 元…).")
    ] = None,
    grep: Annotated[
        str | None,
        typer.Option(
            "--grep", "-g", metavar="TEXT", help="Only figures whose label or quote has TEXT."
        ),
    ] = None,
    sort: Annotated[SortKey, typer.Option("--sort", help="Order: section, value or id.")] = (
        SortKey.section
    ),
    desc: Annotated[bool, typer.Option("--desc", help="Reverse the order.")] = False,
    json_: JsonFlag = False,
    csv: Annotated[bool, typer.Option("--csv", help="Print CSV with a header row.")] = False,
) -> None:
    """The figures of the report as a table: id, section, label, figure, value, unit.

    Piped, one figure per line, tab-separated in that order. Exit 1 if no figure matches.

    \b
    Examples:
      lawgov metrics
      lawgov metrics -s 4 --sort value --desc
      lawgov metrics --unit 宗 --csv > cases.csv
      lawgov metrics --json | jq -r '.[] | "\\(.id)=\\(.value)"'
    """
    if json_ and csv:
        raise typer.BadParameter(
            "use either --json or --csv, not both", param_hint="'--json' / '--csv'"
        )
    state = state_of(ctx)
    chosen = select_metrics(
        state.report(), section=section, unit=unit, grep=grep, sort=sort.value, desc=desc
    )
    out = state.output()
    if json_:
        out.json([metric_dict(m) for m in chosen])
    elif csv:
        from .render.csvout import metrics_csv

        out.write(metrics_csv(chosen))
    elif out.rich and chosen:
        from .render import terminal

        out.show(terminal.metrics_table(chosen, out.console().width))
    else:
        out.lines(plain.metric_lines(chosen))
    if not chosen:
        if unit is not None and (stored := stored_unit(unit)):
            say_hint(f"values are stored multiplied out, in {stored}: try --unit {stored}")
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command()
def get(
    ctx: typer.Context,
    metric_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Metric ids.")],
    field_: Annotated[
        Field, typer.Option("--field", "-f", help="Which field to print (default: value).")
    ] = Field.value,
    json_: JsonFlag = False,
) -> None:
    """Print each figure's bare value (or another field) on its own line, like `jq -r`.

    \b
    Examples:
      lawgov get mediation.success-rate              # 97.52
      lawgov get mediation.total mediation.succeeded # two lines
      lawgov get legal-advice.opinions --field figure   # 800余件
      rate=$(lawgov get mediation.success-rate)
    """
    state = state_of(ctx)
    report = state.report()
    chosen = [find_metric(report, metric_id) for metric_id in metric_ids]
    out = state.output()
    if json_:
        out.json([metric_dict(m) for m in chosen])
    else:
        out.lines(plain.row([getattr(m, field_.value)]) for m in chosen)


@app.command()
def check(
    ctx: typer.Context,
    expressions: Annotated[
        list[str] | None,
        typer.Argument(metavar="EXPR...", help="Comparisons over metric ids, e.g. 'x >= 95'."),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", metavar="PATH", help="Run the [[checks]] of this TOML file too."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing: the exit code is the answer.")
    ] = False,
    json_: JsonFlag = False,
) -> None:
    """Assert facts about the report. Exit 0 when every check passes, 1 when any does not.

    An EXPR compares arithmetic over metric ids and numbers: + - * / ( ), < <= > >= == !=,
    and, or, not, round(x, digits), abs, min, max. Put spaces around a minus: ids contain
    hyphens, and put an EXPR that starts with a minus after --. A figure with a qualifier
    (800余件) is a bound, so a comparison can be undecided, which does not pass. With no EXPR and
    no --file, runs the report's own [[checks]].

    \b
    Examples:
      lawgov check 'mediation.success-rate >= 95'
      lawgov check 'reconsideration.closed <= reconsideration.received'
      lawgov check 'mediation.succeeded / mediation.total * 100 >= 97.5'
      lawgov check                          # the report's own checks
      lawgov check --file ci-checks.toml -q || echo "a check failed"
    """
    from .checks import load_checks, run_checks
    from .model import Check

    state = state_of(ctx)
    report = state.report()
    results = []
    if expressions:
        typed = [Check(id="", expr=text) for text in expressions]
        results += run_checks(typed, report.metrics, origin="expression")
    if file is not None:
        results += run_checks(load_checks(file), report.metrics, origin=f"{file}: checks")
    if not expressions and file is None:
        if not report.checks:
            raise LawgovError(
                "this report has no [[checks]] of its own",
                hint="give an expression, as in lawgov check 'mediation.total > 0', or --file",
            )
        results = run_checks(report.checks, report.metrics)
    out = state.output()
    if quiet:
        pass
    elif json_:
        out.json([check_result_dict(r) for r in results])
    elif out.rich:
        from .render import terminal

        out.show(terminal.checks_table(results, out.console().width))
    else:
        out.lines(plain.check_lines(results))
    if not all(r.passed for r in results):
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]", help="Report file (default: --report, or the bundled one)."
        ),
    ] = None,
    json_: JsonFlag = False,
) -> None:
    """List every problem in a report file. Exit 0 valid, 1 invalid, 2 unreadable.

    Checks types and required fields, unique ids, section references, that each quote is found
    verbatim in its section's text and each figure in its quote, parsing back to the stored
    value, unit and qualifier, and that the report's own [[checks]] pass.

    \b
    Examples:
      lawgov validate
      lawgov validate my-report.toml
      lawgov validate my-report.toml --json | jq -r '.problems[].message'
    """
    from pathlib import Path

    from .loader import bundled_report_path
    from .validate import validate_file

    state = state_of(ctx)
    chosen = path or state.report_path
    if chosen is not None and not chosen.strip():
        raise LawgovError("empty path: name a report file")
    result = validate_file(Path(chosen) if chosen else bundled_report_path())
    out = state.output()
    if json_:
        out.json(validation_dict(result))
    elif out.rich:
        from .render import terminal

        out.show(terminal.validation(result), soft_wrap=True)
    else:
        out.lines(plain.problem_lines(result))
    if not result.valid:
        raise typer.Exit(EXIT_NOT_FOUND)


# Reports in and out live in their own module; registered here so that --help lists them.
app.command("import")(transfer.import_command)
app.command("export")(transfer.export_command)
