"""The ``lawgov`` commands: parse options, ask the core, pick a renderer.

How a run ends (exit codes, errors on stderr) is decided in ``edge``.
"""

from __future__ import annotations

import enum
import os
from typing import Annotated, Any

import typer

from . import commands, options, transfer
from .edge import LawgovGroup
from .state import State, state_of
from .version import __version__

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


# The enums Typer shows in --help must offer what the fast path accepts.
assert tuple(SortKey) == options.SORT_CHOICES
assert tuple(Field) == options.FIELD_CHOICES
assert tuple(Color) == options.COLOR_CHOICES


def _show_version(value: bool) -> None:
    if value:
        print(f"lawgov {__version__}")
        raise typer.Exit()


def option(spec: options.Opt) -> Any:
    """A Typer option from its one declaration in options.py (which the fast path reads too)."""
    minimum = 0 if spec.counts else None
    return typer.Option(*spec.flags, help=spec.help, metavar=spec.metavar, min=minimum)


JsonFlag = Annotated[bool, option(options.JSON)]


def _exclusive(command: str, **given: object) -> None:
    """A usage error for options given together that options.py says cannot be (the fast path
    reads the same pairs and leaves such a command line to this CLI)."""
    known = {spec.dest: spec.flags[0] for spec in options.COMMANDS[command].options}
    for one, other in options.COMMANDS[command].exclusive:
        if given[one] and given[other]:
            pair = f"{known[one]} or {known[other]}"
            raise typer.BadParameter(
                f"use either {pair}, not both", param_hint=f"'{known[one]}' / '{known[other]}'"
            )


@app.callback()
def main(
    ctx: typer.Context,
    report: Annotated[
        str | None,
        typer.Option(
            *options.REPORT.flags,
            envvar=options.REPORT.envvar,
            metavar=options.REPORT.metavar,
            help=options.REPORT.help,
        ),
    ] = None,
    color: Annotated[Color, option(options.COLOR)] = Color.auto,
    # Read by edge.LawgovGroup from the arguments, before Typer runs: declared here so that Typer
    # accepts it and --help lists it.
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
    source = ctx.get_parameter_source("report")
    from_env = source is not None and source.name == "ENVIRONMENT"
    assert options.REPORT.envvar is not None
    if report is None and os.environ.get(options.REPORT.envvar) == "":
        # Click reads an empty variable as unset; LAWGOV_REPORT='' is an empty path, refused
        # as --report '' is: neither quietly reads the bundled report instead of the one meant.
        report, from_env = "", True
    ctx.obj = State(report_path=report, color=color.value, report_from_env=from_env)


@app.command()
def info(ctx: typer.Context, json_: JsonFlag = False) -> int:
    """Title, issuer, date, year, source and counts of the report.

    \b
    Examples:
      lawgov info
      lawgov info --json | jq -r .source_url
    """
    return commands.info(state_of(ctx), json_)


@app.command()
def sections(ctx: typer.Context, json_: JsonFlag = False) -> int:
    """The outline: every section with its id (a tree on a terminal).

    \b
    Examples:
      lawgov sections
      lawgov sections --json | jq -r '.[] | select(.level == 1) | .title'
    """
    return commands.sections(state_of(ctx), json_)


@app.command()
def show(
    ctx: typer.Context,
    section_id: Annotated[
        str, typer.Argument(metavar="ID", help="Section: 3.2, 3, 三, 三(二) or 0.")
    ],
    json_: JsonFlag = False,
) -> int:
    """One section with its subsections; figures emphasised on a terminal.

    Piped, it prints the section's text exactly as the report has it.

    \b
    Examples:
      lawgov show 4.1
      lawgov show '三(二)'
      lawgov show 4 --json | jq '.subsections[].metrics[].figure'
    """
    return commands.show(state_of(ctx), section_id, json_)


@app.command("search")
def search_command(
    ctx: typer.Context,
    terms: Annotated[list[str], typer.Argument(metavar="TERM...", help="Words to find.")],
    regex: Annotated[bool, option(options.REGEX)] = False,
    section: Annotated[str | None, option(options.SECTION)] = None,
    all_terms: Annotated[bool, option(options.ALL_TERMS)] = False,
    context: Annotated[int, option(options.CONTEXT)] = 0,
    count: Annotated[bool, option(options.COUNT)] = False,
    ids: Annotated[bool, option(options.IDS)] = False,
    json_: JsonFlag = False,
) -> int:
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
    _exclusive("search", count=count, ids=ids)
    return commands.search_text(
        state_of(ctx),
        terms,
        regex=regex,
        section=section,
        all_terms=all_terms,
        context=context,
        count=count,
        ids=ids,
        json_=json_,
    )


@app.command()
def metrics(
    ctx: typer.Context,
    section: Annotated[str | None, option(options.SECTION)] = None,
    unit: Annotated[str | None, option(options.UNIT)] = None,
    grep: Annotated[str | None, option(options.GREP)] = None,
    sort: Annotated[SortKey, option(options.SORT)] = SortKey.section,
    desc: Annotated[bool, option(options.DESC)] = False,
    json_: JsonFlag = False,
    csv: Annotated[bool, option(options.CSV)] = False,
) -> int:
    """The figures of the report as a table: id, section, label, figure, value, unit.

    Piped, one figure per line, tab-separated in that order. Exit 1 if no figure matches.

    \b
    Examples:
      lawgov metrics
      lawgov metrics -s 4 --sort value --desc
      lawgov metrics --unit 宗 --csv > cases.csv
      lawgov metrics --json | jq -r '.[] | "\\(.id)=\\(.value)"'
    """
    _exclusive("metrics", json_=json_, csv=csv)
    return commands.metrics(
        state_of(ctx),
        section=section,
        unit=unit,
        grep=grep,
        sort=sort.value,
        desc=desc,
        json_=json_,
        csv=csv,
    )


@app.command()
def get(
    ctx: typer.Context,
    metric_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Metric ids.")],
    field_: Annotated[Field | None, option(options.FIELD)] = None,
    json_: JsonFlag = False,
) -> int:
    """Print each figure's bare value (or another field) on its own line, like `jq -r`.

    \b
    Examples:
      lawgov get mediation.success-rate              # 97.52
      lawgov get mediation.total mediation.succeeded # two lines
      lawgov get legal-advice.opinions --field figure   # 800余件
      rate=$(lawgov get mediation.success-rate)
    """
    _exclusive("get", field=field_, json_=json_)  # --json prints every field
    return commands.get(state_of(ctx), metric_ids, (field_ or Field.value).value, json_)


@app.command()
def check(
    ctx: typer.Context,
    expressions: Annotated[
        list[str] | None,
        typer.Argument(metavar="EXPR...", help="Comparisons over metric ids, e.g. 'x >= 95'."),
    ] = None,
    file: Annotated[str | None, option(options.CHECKS_FILE)] = None,
    quiet: Annotated[bool, option(options.QUIET)] = False,
    json_: JsonFlag = False,
) -> int:
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
    return commands.check(state_of(ctx), expressions or (), file, quiet, json_)


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
) -> int:
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
    return commands.validate(state_of(ctx), path, json_)


# Reports in and out live in their own module; registered here so that --help lists them.
app.command("import")(transfer.import_command)
app.command("export")(transfer.export_command)
