"""``lawgov validate``: every problem in a report file, not just the first, each located by line
and TOML path: schema and types, unique ids, section references, fidelity of quotes and figures
(all found by ``loader.read_contents``), and the report's own checks."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..system.os_text import readable
from .checks import check_problems
from .errors import Problem
from .loading.contents import read_contents
from .loading.files import read_text
from .loading.tomlfile import locate_problems, parse_toml


@dataclass(frozen=True, slots=True)
class Validation:
    file: str
    problems: list[Problem]
    sections: int
    metrics: int
    checks: int

    @property
    def valid(self) -> bool:
        return not self.problems


def validate_file(path: str | os.PathLike[str]) -> Validation:
    """Raises ReportError only when the file cannot be read as TOML at all."""
    file = os.fspath(path)
    text = read_text(file)
    data = parse_toml(text, file)
    contents = read_contents(data, text)
    problems = list(contents.problems)
    if contents.checks:
        from_checks = check_problems(contents.checks, contents.metrics, contents.invalid_metrics)
        locate_problems(from_checks, text)
        problems += from_checks
    problems.sort(key=lambda p: (p.line is None, p.line or 0))  # in file order; stable
    return Validation(
        readable(file),  # shown, never opened again: a name that is not UTF-8 as \xNN
        problems,
        len(contents.sections),
        len(contents.metrics),
        len(contents.checks),
    )
