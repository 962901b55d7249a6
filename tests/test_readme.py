"""The README's tour shows real output: every ``$ command`` in a console block is run and compared.

Commands marked ``# on a terminal`` are run with ``--color always`` at 80 columns, colour codes
stripped. In expected output, ``…`` stands for any text (an install path, the rest of a tree).
A command exits 0 unless its line ends ``# exit N`` (``$ lawgov show 3.9  # exit 2``): the
example's exit status (a pipeline's under ``pipefail``) is checked as well as its output.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

BIN = Path(sys.executable).parent
TERMINAL = "# on a terminal"
EXIT = re.compile(r"\s*# exit (\d+)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def examples() -> list[tuple[str, str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found


def as_pattern(expected: str) -> re.Pattern[str]:
    lines = expected.rstrip("\n").split("\n")
    if lines[-1] == "…":  # the output goes on
        body = "\n".join(re.escape(x).replace("…", ".*") for x in lines[:-1]) + r"\n.*"
    else:
        body = "\n".join(re.escape(x).replace("…", ".*") for x in lines) + r"\n?"
    return re.compile(body, flags=re.S)


@pytest.mark.parametrize(("command", "expected"), examples(), ids=[c for c, _ in examples()])
def test_readme_example(command: str, expected: str) -> None:
    """Run from the repository root (examples name data/source/…); none of them writes."""
    if shutil.which("lawgov", path=str(BIN)) is None:
        pytest.skip("the lawgov script is not installed")
    if "| jq" in command and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    stated = EXIT.search(command)
    status = int(stated[1]) if stated else 0
    command = EXIT.sub("", command)
    terminal = TERMINAL in command
    if terminal:
        command = (
            command.replace(TERMINAL, "").strip().replace("lawgov ", "lawgov --color always ", 1)
        )
    env = dict(os.environ)  # sealed by conftest: no LAWGOV_REPORT, no colour settings
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", COLUMNS="80")
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command + " 2>&1"],
        cwd=REPO, env=env, capture_output=True, text=True,
    )  # fmt: skip
    output = result.stdout
    if terminal:
        output = "\n".join(line.rstrip() for line in ANSI.sub("", output).split("\n"))
    assert as_pattern(expected).fullmatch(output), f"$ {command}\n{output}"
    assert result.returncode == status, f"$ {command}\nexit {result.returncode}, not {status}"


def test_an_example_states_a_failing_exit() -> None:
    """The tour shows failures too (an unknown section, a failed check), each marked."""
    commands = [command for command, _ in examples()]
    stated = {int(found[1]) for c in commands if (found := EXIT.search(c))}
    assert {1, 2} <= stated


def test_readme_has_examples() -> None:
    assert len(examples()) >= 12


def test_the_ci_step_in_the_readme_runs(tmp_path: Path) -> None:
    """The shell script under "A CI step" is meant to be pasted: run it as it stands."""
    if shutil.which("lawgov", path=str(BIN)) is None:
        pytest.skip("the lawgov script is not installed")
    text = (REPO / "README.md").read_text(encoding="utf-8")
    script = re.search(r"A CI step.*?```sh\n(.*?)```", text, flags=re.S)
    assert script is not None
    env = {k: v for k, v in os.environ.items() if k != "LAWGOV_REPORT"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"

    def run(text: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["sh", "-c", text], cwd=tmp_path, env=env, capture_output=True, text=True
        )

    result = run(script[1])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("调解成功率 97.52% (")
    failing = run(script[1].replace("success-rate >= 95", "success-rate >= 99"))
    assert failing.returncode == 1
    assert "a check did not pass:\nFAIL\tmediation.success-rate >= 99" in failing.stderr
    broken = run(script[1].replace("closed <= reconsideration.received", "closed <= recv"))
    assert broken.returncode == 2
    assert 'unknown metric "recv"' in broken.stderr


def test_the_qualifier_table_lists_every_qualifier_a_check_reads() -> None:
    """Each qualifier of QUALIFIER_READINGS is in the README's table, in the row that reads it
    the same way."""
    from lawgov_cli.core.expr.intervals import QUALIFIER_READINGS

    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = re.search(r"\| qualifier \| read as \|\n\| --- \| --- \|\n((?:\|.*\|\n)+)", text)
    assert table is not None
    rows = [line.strip("|").split("|") for line in table[1].splitlines()]
    listed = {word: words.split() for words, _ in rows for word in words.split()}
    for qualifier, reading in QUALIFIER_READINGS.items():
        if qualifier:
            row = listed.get(qualifier)
            assert row is not None, f"{qualifier} is not in the README's qualifier table"
            assert {QUALIFIER_READINGS[other] for other in row} == {reading}
