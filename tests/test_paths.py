"""The fast path and the Typer CLI answer a command line alike: same stdout, stderr and exit
code, over command lines generated from the declarations (spec.py)."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner, Result

from conftest import REPORT_TOML
from lawgov_cli.cli import fast, spec
from lawgov_cli.cli.app import app

# Sample values per operand and per option value: real ids, near-misses and nonsense.
OPERANDS: dict[str, list[list[str]]] = {
    "section_id": [["3"], ["三(二)"], ["4.1"], ["99"], ["0"]],
    "terms": [["调解"], ["调解", "成功率"], ["zzz-none"], ["复议"]],
    "metric_ids": [
        ["mediation.success-rate"],
        ["mediation.total", "mediation.succeeded"],
        ["nope"],
    ],
    "expressions": [[], ["mediation.total > 1"], ["mediation.total <"], ["nope > 1"]],
    "path": [[], [str(REPORT_TOML)]],
    "indicators": [
        ["mediation.success-rate"],
        ["mediation.total", "reconsideration.received"],
        ["nope"],
    ],
    "shell": [["bash"], ["zsh"], ["fish"], ["tcsh"]],  # lawgov completion SHELL
}
VALUES: dict[str, list[str]] = {
    "section": ["3", "4.1", "9"],
    "unit": ["件", "%", "宗"],
    "grep": ["调解", "zzz"],
    "context": ["0", "1", "2"],
    "file": [],  # a checks file is another test's business
}


def _value(option: spec.Opt, rng: random.Random) -> str | None:
    if option.choices:
        return rng.choice(option.choices)
    pool = VALUES.get(option.dest, [])
    return rng.choice(pool) if pool else None


def command_lines(seed: int = 20261129, per_command: int = 40) -> Iterator[list[str]]:
    """For each fast-path command: each option alone, then random mixes with global options."""
    rng = random.Random(seed)
    for command in (c for c in spec.COMMANDS.values() if c.fast):
        operand_sets = [
            [word for operand in choice for word in operand]
            for choice in zip(*(OPERANDS[a.dest] for a in command.args), strict=False)
        ] or [[]]
        for option in command.options:
            value = _value(option, rng) if option.takes_value else None
            if option.takes_value and value is None:
                continue
            yield [command.name, *operand_sets[0], option.flags[-1], *([value] if value else [])]
        for _ in range(per_command):
            line = [command.name, *rng.choice(operand_sets)]
            for option in command.options:
                if rng.random() < 0.35:
                    value = _value(option, rng) if option.takes_value else None
                    if option.takes_value and value is None:
                        continue
                    line += [rng.choice(option.flags), *([value] if value else [])]
            head = rng.choice([[], ["--color", "never"], ["--color", "always"]])
            head += rng.choice([[], ["--report", str(REPORT_TOML)]])
            yield [*head, *line]


def fast_path(args: list[str]) -> Result | None:
    runner = CliRunner()
    handled = True
    with runner.isolation(env={"LAWGOV_REPORT": None, "LAWGOV_DEBUG": None}) as streams:
        try:
            code = fast.run(args)
            if code is None:
                handled, code = False, -1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        out, err, both = (stream.getvalue() for stream in streams)
    return Result(runner, out, err, both, None, code, None) if handled else None


def typer_path(args: list[str]) -> Result:
    return CliRunner().invoke(app, args, env={"LAWGOV_REPORT": None, "LAWGOV_DEBUG": None})


LINES = list(command_lines())


def test_the_generated_lines_reach_the_fast_path() -> None:
    handled = sum(fast_path(line) is not None for line in LINES)
    assert len(LINES) > 300
    assert handled / len(LINES) > 0.8, handled


@pytest.mark.parametrize("args", LINES, ids=" ".join)
def test_both_paths_answer_alike(args: list[str]) -> None:
    fast_result = fast_path(args)
    if fast_result is None:
        pytest.skip("left to the Typer CLI: one path only")
    typer_result = typer_path(args)
    assert (fast_result.exit_code, fast_result.stdout, fast_result.stderr) == (
        typer_result.exit_code,
        typer_result.stdout,
        typer_result.stderr,
    )
