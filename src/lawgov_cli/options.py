"""The command-line options of the read commands, which also run on the fast path, declared once.

``cli.py`` builds its Typer options from these, and ``fast.py`` parses the same flags without
importing Typer, so the two cannot drift apart. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from .query import SORT_KEYS


@dataclass(frozen=True, slots=True)
class Opt:
    flags: tuple[str, ...]  # long name first
    dest: str  # the parameter it sets
    help: str
    takes_value: bool = False
    metavar: str | None = None
    choices: tuple[str, ...] | None = None
    envvar: str | None = None  # where the value comes from when the option is not given
    counts: bool = False  # the value is a whole number, 0 or more


COLOR_CHOICES = ("auto", "always", "never")
SORT_CHOICES = SORT_KEYS  # what query.select_metrics can sort by
FIELD_CHOICES = ("value", "unit", "figure", "label", "quote", "section", "qualifier", "id")

REPORT = Opt(
    ("--report",),
    "report",
    "Report TOML to read (default: the bundled Nanshan 2024 report).",
    takes_value=True,
    metavar="PATH",
    envvar="LAWGOV_REPORT",
)
COLOR = Opt(
    ("--color",),
    "color",
    "Colour and terminal layout: auto, always, never.",
    takes_value=True,
    choices=COLOR_CHOICES,
)
GLOBAL = (REPORT, COLOR)

JSON = Opt(("--json",), "json_", "Print JSON (see README, JSON output).")
SECTION = Opt(
    ("--section", "-s"),
    "section",
    "Only this section and its children.",
    takes_value=True,
    metavar="ID",
)
UNIT = Opt(
    ("--unit", "-u"),
    "unit",
    "Only figures in this unit (宗, %, 元…).",
    takes_value=True,
    metavar="UNIT",
)
GREP = Opt(
    ("--grep", "-g"),
    "grep",
    "Only figures whose label, quote or id has TEXT.",
    takes_value=True,
    metavar="TEXT",
)
SORT = Opt(
    ("--sort",), "sort", "Order: section, value or id.", takes_value=True, choices=SORT_CHOICES
)
DESC = Opt(("--desc",), "desc", "Reverse the order.")
CSV = Opt(("--csv",), "csv", "Print CSV with a header row.")
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
    counts=True,
)
COUNT = Opt(("--count", "-c"), "count", "Only the number of hits per section.")
IDS = Opt(("--ids", "-l"), "ids", "Only the ids of sections with hits.")
CHECKS_FILE = Opt(
    ("--file",),
    "file",
    "Run the [[checks]] of this TOML file too.",
    takes_value=True,
    metavar="PATH",
)
QUIET = Opt(("--quiet", "-q"), "quiet", "Print nothing: the exit code is the answer.")


@dataclass(frozen=True, slots=True)
class Command:
    options: tuple[Opt, ...]
    least: int  # positional arguments it needs
    most: int | None  # and allows (None: any number)
    exclusive: tuple[tuple[str, str], ...] = ()  # options that cannot be used together


COMMANDS: dict[str, Command] = {
    "info": Command((JSON,), 0, 0),
    "sections": Command((JSON,), 0, 0),
    "show": Command((JSON,), 1, 1),
    "search": Command(
        (REGEX, SECTION, ALL_TERMS, CONTEXT, COUNT, IDS, JSON), 1, None, (("count", "ids"),)
    ),
    "metrics": Command((SECTION, UNIT, GREP, SORT, DESC, JSON, CSV), 0, 0, (("json_", "csv"),)),
    "get": Command((FIELD, JSON), 1, None, (("field", "json_"),)),
    "check": Command((CHECKS_FILE, QUIET, JSON), 0, None),
    "validate": Command((JSON,), 0, 1),
}
