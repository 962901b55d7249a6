"""Questions across a library of 2,000 reports (issue 12, part 4): the library index
(storage/library_index.py) against ``rg`` and ``python -c pass``, measured in one run.

1. Builds the SYNTHETIC library (benchmarks/make_library.py: 2,000 varied copies of real and
   invented reports, about 50 MB of text, each also as a .txt file), or reuses ``--library DIR``
   made by it before.
2. Cold: the first question builds the index (every report file parsed): one run, its time and
   peak memory.
3. Warm, as whole processes alternating round after round (so that a busy machine slows them
   alike), median and min-max of ``--runs``: ``python -c pass``, ``rg`` over the text files, and
   the installed ``lawgov --report LIBRARY …``: search 复议 (in every report), 听证 (rarer)
   and AR (Latin letters: against ``rg -i``), reports, metrics --indicator and compare of one
   canonical indicator, and every figure.
   ``LAWGOV_DEBUG=1`` makes the command say how many report files the index read.
4. Adds 100 reports (numbered 2000 on, written next to the others), waits the two seconds after
   which a file counts as settled, and runs the first search after it: its time and how many
   report files it read (the goal: those 100 only). The 100 files are removed at the end.

Goals (issue 12): search within 3x rg; reports and metrics --indicator within 10x
``python -c pass``; the first run after adding 100 reports reads only those 100. Each child
runs with a private cache directory, without the user's LAWGOV_* settings, and with bytecode
written (PYTHONDONTWRITEBYTECODE removed), as an installed package has it. ``rg`` is looked for
on PATH and next to this Python (``pip install 'lawgov[bench]'`` installs it); without it the
rg rows say so.

    python benchmarks/library.py [--library DIR] [--runs 11] [--count 2000]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_library import make_library
from startup import LAUNCHER

BIN = Path(sys.executable).parent
LAWGOV = str(BIN / "lawgov")
INDICATOR = "reconsideration.received"  # 新收行政复议案件: stated in most reports
GOAL_10X = ("lawgov reports", "lawgov metrics --indicator", "lawgov compare")  # <= 10x pass
TERM = "复议"  # in every report: 12,583 sentences
RARE = "听证"  # in fewer: about 450 lines
# A word of Latin letters (no caseless character to look for: matched by each letter's cases),
# set against ``rg -i``, which also prints the 2,000 files' "# SYNTHETIC ... library" lines.
LATIN = "AR"


def find_rg() -> str | None:
    found = shutil.which("rg") or shutil.which("rg", path=str(BIN))
    return found


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """One whole process: wall seconds, exit code, stderr. Its output is read through a pipe,
    as a user's pipeline would."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read()
    err = process.stderr.read()
    _, status, _ = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, process.returncode, err.decode(errors="replace")


def peak(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """One whole process started by a bare launcher (benchmarks/startup.py: a child's peak
    counts its parent's pages, and this one holds a library's worth): wall seconds (the
    launcher's start-up included), peak memory in MB, exit code, stderr."""
    start = time.perf_counter()
    measured = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, *argv], capture_output=True, env=env, check=False
    )
    wall = time.perf_counter() - start
    code, peak_kb = measured.stdout.split()
    return wall, int(peak_kb) / 1024, int(code), measured.stderr.decode(errors="replace")


def reread(stderr: str) -> int:
    """How many report files the index read, as LAWGOV_DEBUG=1 has the command say."""
    found = re.findall(r"library index: ([0-9]+) report files read", stderr)
    return int(found[-1]) if found else -1


def rg_row(term: str) -> str:
    """The name of the row of ``rg`` over the text files for ``term`` (the yardstick)."""
    return f"rg {'-i ' if term == LATIN else ''}{term} (text files)"


def lawgov(reports: Path, *args: str) -> list[str]:
    return [LAWGOV, "--report", str(reports), *args]


def tab(reports: Path, shell: str, command: str, word: str) -> list[str]:
    """What one TAB runs after ``lawgov --report LIBRARY COMMAND WORD``, as the script of
    ``shell`` asks it (cli/completion.py)."""
    if shell == "bash":
        line = f"lawgov --report {reports} {command} {word}"
        return [LAWGOV, "__complete", "bash", line, " \t\n\"'><=;|&(:"]
    return [LAWGOV, "__complete", shell, "lawgov", "--report", str(reports), command, word]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", type=Path, help="a library make_library.py wrote before")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    rg = find_rg()
    with tempfile.TemporaryDirectory(prefix="lawgov-library-") as scratch:
        root = args.library or Path(scratch) / "library"
        reports, texts = root / "reports", root / "text"
        if not (reports.is_dir() and len(list(reports.glob("*.toml"))) == args.count):
            started = time.perf_counter()
            make_library(root, args.count)
            took = time.perf_counter() - started
            print(f"generated {args.count} synthetic reports in {took:.0f} s")
        toml_mb = sum(p.stat().st_size for p in reports.glob("*.toml")) / 1e6
        text_mb = sum(p.stat().st_size for p in texts.glob("*.txt")) / 1e6
        print(f"library: {args.count} reports, {toml_mb:.0f} MB of TOML, {text_mb:.0f} MB of text")
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("LAWGOV_") and k != "PYTHONDONTWRITEBYTECODE"
        }
        env["XDG_CACHE_HOME"] = str(Path(scratch) / "cache")
        rows: list[tuple[str, str, str, str, str, str]] = []

        debug = env | {"LAWGOV_DEBUG": "1"}
        wall, most, code, err = peak(lawgov(reports, "reports"), debug)
        if code not in (0, 1):
            print(err, file=sys.stderr)
            return 2
        rows.append(("lawgov reports: cold (index built)", f"{wall:.2f} s", "", "", f"{most:.0f}",
                     f"read {reread(err)} reports"))  # fmt: skip

        commands: dict[str, list[str]] = {"python -c pass": [sys.executable, "-c", "pass"]}
        for term in (TERM, RARE, LATIN):
            if rg is not None:
                case = ["-i"] if term == LATIN else []
                commands[rg_row(term)] = [rg, *case, term, str(texts)]
            commands[f"lawgov search {term}"] = lawgov(reports, "search", term)
        commands |= {
            "lawgov reports": lawgov(reports, "reports"),
            f"lawgov metrics --indicator {INDICATOR}": lawgov(reports, "metrics", "-i", INDICATOR),
            f"lawgov compare {INDICATOR}": lawgov(reports, "compare", INDICATOR),
            "lawgov metrics (every figure)": lawgov(reports, "metrics"),
            "lawgov sections": lawgov(reports, "sections"),
            "TAB: lawgov get med (bash)": tab(reports, "bash", "get", "med"),
            "TAB: lawgov show (zsh; ids and headings)": tab(reports, "zsh", "show", ""),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs + 1):  # the first round warms the page cache: not counted
            for name, argv in commands.items():
                wall, code, err = run(argv, env)
                if code not in (0, 1):
                    print(f"{name}: exit {code}\n{err}", file=sys.stderr)
                    return 2
                times[name].append(wall)
        peaks = {name: peak(argv, env)[1] for name, argv in commands.items()}
        median = {name: statistics.median(t[1:]) for name, t in times.items()}
        base = median["python -c pass"]
        for name in commands:
            spread = f"{min(times[name][1:]):.3f}-{max(times[name][1:]):.3f}"
            ratio = f"{median[name] / base:.1f}x pass"
            goal = ""
            if name.startswith("lawgov search") and rg is not None:
                yardstick = rg_row(name.removeprefix("lawgov search "))
                ratio = f"{median[name] / median[yardstick]:.1f}x rg"
                goal = "<= 3x rg"
            elif name.startswith(GOAL_10X):
                goal = "<= 10x pass"
            rows.append((name, f"{median[name]:.3f} s", spread, ratio, f"{peaks[name]:.0f}", goal))
        if rg is None:
            rows.append(("rg", "absent", "", "", "", "pip install 'lawgov[bench]' (ripgrep)"))

        added = make_library(Path(scratch) / "more", 100, start=args.count)
        placed = []
        try:
            for path in added:
                target = reports / path.name
                shutil.copy2(path, target)
                placed.append(target)
            time.sleep(2.1)  # settled: the index reads a file changed in the last 2 s again
            # 100 reports to read: more than a TAB may parse, so it offers the REPORT: forms
            wall, most, code, err = peak(tab(reports, "bash", "get", "med"), debug)
            rows.append(("TAB after adding 100 (index behind)", f"{wall:.3f} s", "", "",
                         f"{most:.0f}", "parses none"))  # fmt: skip
            wall, most, code, err = peak(lawgov(reports, "search", TERM), debug)
            rows.append(("lawgov: first search after adding 100", f"{wall:.2f} s", "", "",
                         f"{most:.0f}", f"read {reread(err)} reports"))  # fmt: skip
            wall, most, code, err = peak(lawgov(reports, "search", TERM), debug)
            rows.append(("lawgov: the search after that", f"{wall:.3f} s", "", "",
                         f"{most:.0f}", f"read {reread(err)} reports"))  # fmt: skip
        finally:
            for target in placed:
                target.unlink()

    head = ("what", "median", "min-max", "ratio", "peak MB", "goal / note")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, tuple("-" * w for w in widths), *rows]:
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    print(f"python -c pass: {base * 1000:.1f} ms; runs: {args.runs} (+1 not counted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
