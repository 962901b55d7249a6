"""Every command of ``lawgov``, declared once: name, help, arguments, options with their help,
defaults, choices and limits, options that exclude each other, and the function that runs it.

Both ways into a command are built from here: the Typer CLI (``app.py`` generates each Typer
command's signature from its declaration) and the fast path (``fast.py`` parses the same
declarations without importing Typer). A test compares the command tree Typer builds with
these declarations, option by option. Standard library only: the fast path imports it.
"""

from __future__ import annotations

from ..core.compare import SORT_KEYS as COMPARE_SORT_KEYS
from ..core.model import METRIC_FIELDS, YEAR_MAX, YEAR_MIN
from ..core.queries import SORT_KEYS
from ..formats.documents import FORMATS as EXPORT_FORMATS

# How long `lawgov import ADDRESS` may take to fetch it, in all, unless --timeout says (fetch.py).
FETCH_SECONDS = 60
# The audit profiles shipped in data/audit/ (core/audit.py PROFILES; a test checks they agree).
AUDIT_PROFILES = ("national", "shenzhen")

# Plain classes, not dataclasses: the fast path imports this module on every run, and making a
# dataclass costs about a millisecond of a 50 ms run.


class Opt:
    """An option: a flag (False unless given) unless it ``takes_value``; one that takes a value
    and is ``many`` may be given more than once, and its value is the list of them (None when
    it is not given)."""

    __slots__ = (
        "choices",
        "default",
        "dest",
        "envvar",
        "flags",
        "help",
        "many",
        "maximum",
        "metavar",
        "minimum",
        "output_format",
        "required",
        "takes_value",
        "whole_number",
    )  # fmt: skip

    def __init__(
        self,
        flags: tuple[str, ...],  # long name first
        dest: str,  # the parameter it sets
        help: str,
        takes_value: bool = False,
        metavar: str | None = None,  # how --help shows the value (None: TEXT, INTEGER, choices)
        choices: tuple[str, ...] | None = None,
        default: str | int | None = None,  # for options that take a value
        whole_number: bool = False,  # the value is an int, from ``minimum`` to ``maximum``
        minimum: int | None = None,
        maximum: int | None = None,
        envvar: str | None = None,  # where the value comes from when the option is not given
        output_format: str | None = None,  # giving this flag picks an output format (present)
        required: bool = False,  # for options that take a value and have no default
        many: bool = False,  # may be given more than once: the value is a list
    ) -> None:
        self.flags, self.dest, self.help, self.takes_value = flags, dest, help, takes_value
        self.metavar, self.choices, self.default = metavar, choices, default
        self.whole_number, self.minimum, self.maximum = whole_number, minimum, maximum
        self.envvar, self.output_format, self.required = envvar, output_format, required
        self.many = many


class Arg:
    __slots__ = ("dest", "help", "many", "metavar", "optional")

    def __init__(
        self, dest: str, metavar: str, help: str, many: bool = False, optional: bool = False
    ) -> None:
        self.dest, self.metavar, self.help = dest, metavar, help
        self.many = many  # TERM...: one or more (zero or more when optional)
        self.optional = optional


class Command:
    __slots__ = ("args", "exclusive", "fast", "help", "name", "options", "run")

    def __init__(
        self,
        name: str,
        run: str,  # "module:function", called with the state and the parameters
        help: str,  # the --help text: a summary line, more, then \b and examples
        args: tuple[Arg, ...] = (),
        options: tuple[Opt, ...] = (),
        exclusive: tuple[tuple[str, str], ...] = (),  # dests that cannot be given together
        fast: bool = True,  # runs on the fast path (read commands); else Typer only
    ) -> None:
        self.name, self.run, self.help, self.args, self.options = name, run, help, args, options
        self.exclusive, self.fast = exclusive, fast

    @property
    def least(self) -> int:
        """How many operands the command needs."""
        return sum(1 for a in self.args if not a.optional)

    @property
    def most(self) -> int | None:
        """How many operands it allows (None: any number)."""
        return None if any(a.many for a in self.args) else len(self.args)


COLOR_CHOICES = ("auto", "always", "never")
# A figure's fields, its value first (the default).
FIELD_CHOICES = ("value", *(name for name in METRIC_FIELDS if name != "value"))

REPORT = Opt(
    ("--report",),
    "report",
    "Report TOML to read, or a directory of them; give it more than once to read several "
    "(default: the bundled Nanshan 2024 report).",
    takes_value=True,
    metavar="PATH",
    envvar="LAWGOV_REPORT",
    many=True,
)
COLOR = Opt(
    ("--color",),
    "color",
    "Colour and terminal layout: auto, always, never.",
    takes_value=True,
    choices=COLOR_CHOICES,
    default="auto",
)
# Read by the CLI's edge from the arguments before Typer runs; declared so that Typer accepts it
# and --help lists it. The fast path leaves a command line with --debug to the Typer CLI.
DEBUG = Opt(("--debug",), "debug", "Show a traceback when something goes wrong.")
VERSION = Opt(("--version",), "version", "Print the version and exit.")
GLOBAL = (REPORT, COLOR, DEBUG, VERSION)
FAST_GLOBAL = (REPORT, COLOR)  # the global options the fast path understands

JSON = Opt(("--json",), "json_", "Print JSON (see README, JSON output).", output_format="json")
SECTION = Opt(("--section", "-s"), "section", "Only this section and its children.", True, "ID")
UNIT = Opt(("--unit", "-u"), "unit", "Only figures in this unit (宗, %, 元…).", True, "UNIT")
GREP = Opt(
    ("--grep", "-g"), "grep", "Only figures whose label, quote or id has TEXT.", True, "TEXT"
)
INDICATOR = Opt(
    ("--indicator", "-i"),
    "indicator",
    "Only figures of this canonical indicator (`lawgov indicators` lists them).",
    True,
    "ID",
)
SORT = Opt(
    ("--sort",),
    "sort",
    "Order: section, value or id.",
    takes_value=True,
    choices=SORT_KEYS,
    default="section",
)
DESC = Opt(("--desc",), "desc", "Reverse the order.")
CSV = Opt(("--csv",), "csv", "Print CSV with a header row.", output_format="csv")
FIELD = Opt(
    ("--field", "-f"),
    "field",
    "Which field to print (default: value).",
    takes_value=True,
    choices=FIELD_CHOICES,
)
REGEX = Opt(("--regex", "-e"), "regex", "Treat each TERM as a regular expression.")
ALL_TERMS = Opt(("--all", "-a"), "all_terms", "Every TERM in the same sentence (default: any).")
CONTEXT = Opt(
    ("--context", "-C"),
    "context",
    "Show N sentences around hits.",
    takes_value=True,
    metavar="N",
    default=0,
    whole_number=True,
    minimum=0,
)
COUNT = Opt(("--count", "-c"), "count", "Only the number of hits per section.")
IDS = Opt(("--ids", "-l"), "ids", "Only the ids of sections with hits.")
CHECKS_FILE = Opt(("--file",), "file", "Run the [[checks]] of this TOML file too.", True, "PATH")
QUIET = Opt(("--quiet", "-q"), "quiet", "Print nothing: the exit code is the answer.")
OUTPUT = Opt(("--output", "-o"), "output", "Where to write; - for stdout.", True, "PATH")
FORCE = Opt(("--force",), "force", "Replace an existing output file.")

MAIN_HELP = """\
Read, search and tabulate annual reports on law-based government (法治政府建设年度报告).

\b
Examples:
  lawgov info
  lawgov show '三(二)'
  lawgov search 行政复议
  lawgov metrics --unit 宗 --sort value --desc
  lawgov indicators
  lawgov metrics --json | jq '.[] | select(.qualifier != "")'
"""

COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command(
            "info",
            "lawgov_cli.cli.read_commands:info",
            """\
Title, issuer, date, year, source and counts of the report.

\b
Examples:
  lawgov info
  lawgov info --json | jq -r .source_url
""",
            options=(JSON,),
        ),
        Command(
            "sections",
            "lawgov_cli.cli.read_commands:sections",
            """\
The outline: every section with its id (a tree on a terminal).

\b
Examples:
  lawgov sections
  lawgov sections --json | jq -r '.[] | select(.level == 1) | .title'
""",
            options=(JSON,),
        ),
        Command(
            "show",
            "lawgov_cli.cli.read_commands:show",
            """\
One section with its subsections; figures emphasised on a terminal.

Piped, it prints the section's text exactly as the report has it.

\b
Examples:
  lawgov show 4.1
  lawgov show '三(二)'
  lawgov show 4 --json | jq '.subsections[].metrics[].figure'
""",
            args=(
                Arg(
                    "section_id",
                    "ID",
                    "Section: 3.2, 3, 三, 三(二) or 0; REPORT:ID for one of several reports.",
                ),
            ),
            options=(JSON,),
        ),
        Command(
            "search",
            "lawgov_cli.cli.read_commands:search",
            """\
Find words in headings and text. Matching ignores full-/half-width forms and Latin case.

Each hit is a sentence (or a heading); piped, one hit per line: section id, tab, sentence.
Exit 0 with hits, 1 with none.

\b
Examples:
  lawgov search 行政复议
  lawgov search 调解 成功率 --all
  lawgov search -e '\\d+(\\.\\d+)?%'
  lawgov search 执法 -s 3 -c
  lawgov search 纠纷 --json | jq -r '.[].text'
""",
            args=(Arg("terms", "TERM...", "Words to find.", many=True),),
            options=(REGEX, SECTION, ALL_TERMS, CONTEXT, COUNT, IDS, JSON),
            exclusive=(("count", "ids"),),
        ),
        Command(
            "metrics",
            "lawgov_cli.cli.read_commands:metrics",
            """\
The figures of the report as a table: id, section, label, figure, value, unit.

Piped, one figure per line, tab-separated in that order. Exit 1 if no figure matches.

\b
Examples:
  lawgov metrics
  lawgov metrics -s 4 --sort value --desc
  lawgov metrics --unit 宗 --csv > cases.csv
  lawgov metrics --indicator reconsideration.received
  lawgov metrics --json | jq -r '.[] | "\\(.id)=\\(.value)"'
""",
            options=(SECTION, UNIT, GREP, INDICATOR, SORT, DESC, JSON, CSV),
            exclusive=(("json_", "csv"),),
        ),
        Command(
            "get",
            "lawgov_cli.cli.read_commands:get",
            """\
Print each figure's bare value (or another field) on its own line, like `jq -r`.

\b
Examples:
  lawgov get mediation.success-rate              # 97.52
  lawgov get mediation.total mediation.succeeded # two lines
  lawgov get legal-advice.opinions --field figure   # 800余件
  rate=$(lawgov get mediation.success-rate)
""",
            args=(
                Arg(
                    "metric_ids",
                    "ID...",
                    "Metric ids; REPORT:ID for one of several reports.",
                    many=True,
                ),
            ),
            options=(FIELD, JSON),
            exclusive=(("field", "json_"),),  # --json prints every field
        ),
        Command(
            "indicators",
            "lawgov_cli.cli.read_commands:indicators",
            """\
The canonical indicators: id, name, units, and how many figures of the report carry each.

An indicator is a figure that recurs across reports (新收行政复议案件, 调解成功率), recognised
by the rules of data/indicators.toml; `metrics --indicator ID` lists its figures.

\b
Examples:
  lawgov indicators
  lawgov indicators --json | jq -r '.[] | select(.figures > 0) | .id'
  lawgov --report other.toml indicators --csv
""",
            options=(JSON, CSV),
            exclusive=(("json_", "csv"),),
        ),
        Command(
            "check",
            "lawgov_cli.cli.read_commands:check",
            """\
Assert facts about the report. Exit 0 when every check passes, 1 when any does not.

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
""",
            args=(
                Arg(
                    "expressions",
                    "EXPR...",
                    "Comparisons over metric ids, e.g. 'x >= 95'.",
                    many=True,
                    optional=True,
                ),
            ),
            options=(CHECKS_FILE, QUIET, JSON),
        ),
        Command(
            "validate",
            "lawgov_cli.cli.read_commands:validate",
            """\
List every problem in a report file. Exit 0 valid, 1 invalid, 2 unreadable.

Checks types and required fields, unique ids, section references, that each quote is found
verbatim in its section's text and each figure in its quote, parsing back to the stored
value, unit and qualifier, and that the report's own [[checks]] pass.

\b
Examples:
  lawgov validate
  lawgov validate my-report.toml
  lawgov validate my-report.toml --json | jq -r '.problems[].message'
""",
            args=(
                Arg(
                    "path",
                    "[PATH]",
                    "Report file (default: --report, or the bundled one).",
                    optional=True,
                ),
            ),
            options=(JSON,),
        ),
        Command(
            "reports",
            "lawgov_cli.cli.read_commands:reports",
            """\
The reports read, one row each: id, issuer, year, date, sections, figures, problems.

Reads the reports --report (given more than once, or a directory) or LAWGOV_REPORT names;
one that cannot be read is listed with its error (and the run ends with exit 2). Piped, one
report per line, tab-separated in that order, then the file's path.

\b
Examples:
  lawgov --report reports/ reports
  lawgov --report a.toml --report b.toml reports --csv > reports.csv
  lawgov --report reports/ reports --json | jq -r '.[] | select(.problems != "") | .path'
""",
            options=(JSON, CSV),
            exclusive=(("json_", "csv"),),
        ),
        Command(
            "compare",
            "lawgov_cli.cli.compare_command:compare",
            """\
Set indicators side by side across the reports read: one row per report.

Each row: report, issuer, year, value and unit, the figure as written (800余件 is a lower
bound: marked so), its section and figure id, and the change from the same issuer's
previous year. Figures in units not comparable with the rest (件 and 宗 are; 人 and 件 are
not) are shown apart. On a terminal, a bar chart beside the table; piped, one row per line,
tab-separated (the --csv columns, no header). Exit 1 if no report has a figure of them.

\b
Examples:
  lawgov compare reconsideration.received
  lawgov --report reports/ compare mediation.success-rate --sort value --desc
  lawgov compare reconsideration.received reconsideration.closed --csv > cases.csv
  lawgov compare mediation.success-rate --json | jq '.[] | select(.change != null)'
""",
            args=(Arg("indicators", "INDICATOR...", "Indicator ids.", many=True),),
            options=(
                Opt(
                    ("--sort",),
                    "sort",
                    "Order within each unit group: report, issuer, year or value.",
                    takes_value=True,
                    choices=COMPARE_SORT_KEYS,
                    default="report",
                ),
                DESC,
                JSON,
                CSV,
            ),
            exclusive=(("json_", "csv"),),
        ),
        # --- audit (issue 13): one block, to ease merging with other additions ---
        Command(
            "audit",
            "lawgov_cli.cli.audit_command:audit",
            """\
Check reports against the rules for them: on time, required contents, figures, data.

Each rule of the profile (data/audit/PROFILE.toml) gives pass, fail or unknown, with the
section and a short quote it read. On time: published before April 1 of the year after the
one reported on. Contents: the shortcomings, the first responsible person's duty, the next
year's plans and the measures, by their headings or sentences. Figures: a rate against its
counts, a part against its whole, a rate over 100%, a quantity stated twice. A file marked as
an excerpt gets unknown, not fail, for what it does not hold. Exit 0 when no rule fails
(unknown does not fail unless --strict), 1 when any fails.

\b
Examples:
  lawgov audit
  lawgov audit --profile shenzhen
  lawgov --report reports/ audit --csv > audit.csv
  lawgov audit --explain contents.shortcomings
  lawgov audit --json | jq -r '.[] | select(.result != "pass") | .rule'
""",
            options=(
                Opt(
                    ("--profile",),
                    "profile",
                    "Rules to apply: national, or shenzhen (national + the 8-item checklist).",
                    takes_value=True,
                    choices=AUDIT_PROFILES,
                    default="national",
                ),
                Opt(
                    ("--explain",),
                    "explain",
                    "Print the rule RULE and its source instead of auditing.",
                    True,
                    "RULE",
                ),
                Opt(("--strict",), "strict", "Count unknown as failing (exit 1)."),
                JSON,
                CSV,
            ),
            exclusive=(("json_", "csv"),),
        ),
        # --- end of audit ---
        Command(
            "import",
            "lawgov_cli.cli.import_export:import_command",
            """\
Turn a report (text, a web page, a PDF, a Word .docx, an address) into a report TOML.

Reads text as UTF-8 (with or without BOM), UTF-16 and GB18030/GBK; a source is read by what
it holds, then by its name (.html/.htm/.shtml, .pdf, .docx); drops page chrome; keeps the
title, publication date, issuer and year reported on; finds the outline and every figure.
A date or year it cannot find is left out, and a note on stderr says how to add it. Writes
next to each source (report.txt -> report.toml) unless -o says otherwise, atomically, and
never over an existing file without --force. An http:// or https:// address is fetched (its
report goes into the current directory, named after the address's last path segment) and
becomes the report's source_url.

\b
Examples:
  lawgov import report.txt                     # -> report.toml
  lawgov import report.txt -o - | less         # to stdout
  lawgov import reports/ -o data/              # every file in reports/ a reader takes
  lawgov import https://example.gov.cn/art_123.html   # -> art_123.toml
  lawgov --report report.toml validate
""",
            args=(
                Arg(
                    "sources",
                    "SOURCE...",
                    "Report files, directories of them, http(s) addresses, or -.",
                    True,
                ),
            ),
            options=(
                OUTPUT,
                FORCE,
                Opt(("--title",), "title", "Title, if the page has none.", True, "TEXT"),
                Opt(("--issuer",), "issuer", "Issuer, if the page has none.", True, "TEXT"),
                Opt(
                    ("--date",),
                    "date",
                    "Publication date, if the page has none.",
                    True,
                    "YYYY-MM-DD",
                ),
                Opt(
                    ("--year",),
                    "year",
                    "Year reported on (YYYY), if the page does not tell it.",
                    takes_value=True,
                    metavar="YYYY",
                    whole_number=True,
                    minimum=YEAR_MIN,
                    maximum=YEAR_MAX,
                ),
                Opt(
                    ("--source-url",),
                    "source_url",
                    "Where the report was published.",
                    takes_value=True,
                    default="",
                ),
                Opt(
                    ("--excerpt",),
                    "excerpt",
                    "The source holds only part of the report (a page opening, one part): "
                    "NOTE says which. Shown by info and reports; audit says unknown, not "
                    "fail, for what the part does not hold.",
                    takes_value=True,
                    metavar="NOTE",
                ),
                Opt(
                    ("--timeout",),
                    "timeout",
                    "Seconds an address may take to fetch, in all.",
                    takes_value=True,
                    metavar="SECONDS",
                    default=FETCH_SECONDS,
                    whole_number=True,
                    minimum=1,
                    maximum=3600,
                ),
            ),
            fast=False,
        ),
        Command(
            "export",
            "lawgov_cli.cli.import_export:export_command",
            """\
Write the report as plain text, Markdown, CSV (its figures), JSON or TOML.

text reproduces the report's text exactly as the source has it; json is the whole report
(README, JSON output); toml is the canonical TOML as tomli-w writes it.

\b
Examples:
  lawgov export -f text > report.txt
  lawgov export -f md -o report.md
  lawgov export -f csv --excel -o figures.csv
""",
            options=(
                Opt(
                    ("--format", "-f"),
                    "format_",
                    f"{', '.join(EXPORT_FORMATS[:-1])} or {EXPORT_FORMATS[-1]}.",
                    takes_value=True,
                    choices=EXPORT_FORMATS,
                    required=True,
                ),
                OUTPUT,
                FORCE,
                Opt(("--excel",), "excel", "CSV for Excel: a UTF-8 BOM and CRLF line ends."),
            ),
            fast=False,
        ),
        # -- shell completion (issue 14): the script; the hidden `lawgov __complete` it calls
        # is answered by completion.py before any command is parsed (__main__).
        Command(
            "completion",
            "lawgov_cli.cli.completion:script",
            """\
Print the shell completion script for bash, zsh or fish.

It completes commands, options and their choices, and the ids of the report read (the one
--report or LAWGOV_REPORT names on the command line, else the bundled one): sections for show
and --section, figures for get and check, indicators, units, report ids.

\b
Install (README, Shell completion):
  bash: echo 'eval "$(lawgov completion bash)"' >> ~/.bashrc
  zsh:  echo 'source <(lawgov completion zsh)' >> ~/.zshrc
  fish: lawgov completion fish > ~/.config/fish/completions/lawgov.fish
""",
            args=(Arg("shell", "SHELL", "bash, zsh or fish."),),
        ),
    )
}
# Every command accepts these too, without declaring them: Click adds them.
HELP_FLAGS = ("-h", "--help")
