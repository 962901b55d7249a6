"""Mutation testing of lawgov's core, one module at a time (README, "Mutation testing").

    .venv/bin/pip install -e '.[test,mutation]'
    .venv/bin/python tools/mutation.py core.numbers core.text     # or: all
    .venv/bin/python tools/mutation.py --max-children 1 core.numbers  # one worker

For each module, mutmut (configured in pyproject.toml, [tool.mutmut]) plants small bugs in a
copy of src/ (mutants/) and runs the in-process tests that cover each; a mutant no test fails
on "survived". Prints killed / survived / score per module; then `mutmut show NAME` shows a
survivor's change. Each module has a time limit (--limit, seconds); --max-children N tests N
mutants at once (mutmut's default: one a CPU). Not run in CI: on a loaded
machine a module takes one to several minutes.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MUTMUT = Path(sys.executable).parent / "mutmut"
# The modules pyproject.toml's [tool.mutmut] only_mutate names, as dotted names under lawgov_cli.
MODULES = (
    "core.numbers",
    "core.text",
    "core.queries",
    "core.fidelity",
    "importer.figures",
    "importer.outline",
    "storage.safe_write",
    "core.indicators",
    "importer.readers.text",
    "importer.readers.webpage",
    "importer.readers.pages",
    "importer.readers.library",
    "importer.readers.pdf",
    "importer.readers.word",
)


def results() -> dict[str, Counter[str]]:
    """Each module's mutants by status (killed, survived, timeout, not checked, ...)."""
    shown = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"], cwd=REPO, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    by_module: dict[str, Counter[str]] = {}
    for line in shown.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        module = name.rpartition(".x")[0].removeprefix("lawgov_cli.")
        by_module.setdefault(module, Counter())[status] += 1
    return by_module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("modules", nargs="+", help=f"'all' or any of: {', '.join(MODULES)}")
    parser.add_argument("--limit", type=int, default=1800, help="seconds a module may take")
    parser.add_argument(
        "--max-children", type=int, metavar="N",
        help="mutants tested at once (mutmut's default: one a CPU); 1 on a shared machine",
    )  # fmt: skip
    args = parser.parse_args()
    modules = list(MODULES) if args.modules == ["all"] else args.modules
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        parser.error(f"not a module mutation testing covers: {', '.join(unknown)}")
    if not MUTMUT.exists():
        parser.error(f"mutmut is not installed: {Path(sys.executable).parent}/pip install -e "
                     "'.[test,mutation]'")  # fmt: skip
    for module in modules:
        # A session of its own: at the time limit its forked workers (a mutant that loops
        # forever among them) are stopped with it, not left running.
        children = [] if args.max_children is None else ["--max-children", str(args.max_children)]
        run = subprocess.Popen(
            [str(MUTMUT), "run", *children, f"lawgov_cli.{module}.*"], cwd=REPO,
            stdout=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            run.wait(timeout=args.limit)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
            print(f"{module}: stopped after {args.limit} s; counts partial", file=sys.stderr)
    counts = results()
    for module in modules:
        status = counts.get(module, Counter())
        killed, survived = status["killed"], status["survived"]
        other = sum(status.values()) - killed - survived - status["not checked"]
        done = killed + survived
        score = f"{100 * killed / done:.1f}%" if done else "-"
        print(f"{module}\tkilled {killed}\tsurvived {survived}\tother {other}\tscore {score}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
