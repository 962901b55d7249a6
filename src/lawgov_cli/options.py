"""The command-line options of the commands that also run on the fast path, declared once.

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

# Per command: its options, and whether it takes positional arguments (at least one).
COMMANDS: dict[str, tuple[tuple[Opt, ...], bool]] = {
    "info": ((JSON,), False),
    "sections": ((JSON,), False),
    "metrics": ((SECTION, UNIT, GREP, SORT, DESC, JSON, CSV), False),
    "get": ((FIELD, JSON), True),
}
