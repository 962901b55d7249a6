"""Start-up speed and memory of the lawgov command, as a shell user pays for them.

Runs each command as a whole process, alternating them round after round so that a noisy
machine slows all of them alike, and reports medians, min-max and the ratio of each median to
`python -c pass` measured in the same run. Peak memory (max RSS) comes from wait4(). The
"terminal" command runs on a pseudo-terminal of 80 columns, so lawgov draws its Rich table; the
others write to /dev/null, which lawgov treats as it treats a pipe (not a terminal: plain lines).

Every command runs without the user's LAWGOV_* settings and with a private report cache,
warmed by a first round that is not counted: the rows measure lawgov with its cache warm, and
the "uncached" rows with LAWGOV_NO_CACHE=1. Every command must exit 0; the benchmark stops
with exit 2 (printing the command's stderr) when one does not.

    python benchmarks/startup.py [--runs 21]

Goals (issue 5): metrics --json, sections --json, get ID <= 6x; metrics on a terminal <= 10x;
peak memory of metrics --json <= 20 MB. Issue 14: a completion (``lawgov __complete``, what
one TAB runs) <= 6x, and at most 1.2x `lawgov get ID`: the time of a read command. Run it
from the installed environment: it finds `lawgov` next to the Python running it.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent
LAWGOV = str(BIN / "lawgov")
RATE = "mediation.success-rate"
BREAKS = "\"'><=;|&(:"  # bash's default COMP_WORDBREAKS, which the bash script passes on

MINIMAL_TYPER = """
import json
import typer

app = typer.Typer()


@app.command()
def main(json_: bool = typer.Option(False, "--json")) -> None:
    print(json.dumps({"ok": True}))


app()
"""


@dataclass
class Command:
    name: str
    argv: list[str]
    terminal: bool = False
    goal: float | None = None  # at most this many times `python -c pass`
    read_goal: float | None = None  # at most this many times `lawgov get ID` (a read command)
    env: dict[str, str] = field(default_factory=dict)  # on top of the clean environment
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)


def clean_env(cache_home: str) -> dict[str, str]:
    """The user's environment without what would skew lawgov (its LAWGOV_* settings, colour
    switches), with a report cache of the benchmark's own."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LAWGOV_") and k not in ("NO_COLOR", "FORCE_COLOR")
    }
    return env | {"XDG_CACHE_HOME": cache_home, "COLUMNS": "80"}


def require_success(command: Command, code: int, stderr: bytes) -> None:
    """Exit 1 is also Python's crash code: only 0 counts as a measured run."""
    if code != 0:
        sys.stderr.write(f"{command.name}: exit {code}\n{stderr.decode(errors='replace')}")
        raise SystemExit(2)


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:  # the other side closed: EIO on Linux
        pass


def run_once(command: Command, env: dict[str, str]) -> None:
    env = env | command.env
    reader = None
    if command.terminal:
        main_fd, child_fd = pty.openpty()
        fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))
        env["TERM"] = "xterm-256color"
        stdout: int = child_fd
        reader = threading.Thread(target=_drain, args=(main_fd,))
        reader.start()
    else:
        stdout = subprocess.DEVNULL
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: it never fills and blocks
        started = time.perf_counter()
        process = subprocess.Popen(command.argv, stdout=stdout, stderr=errors, env=env)
        _, status, _ = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if command.terminal:
            os.close(child_fd)
            assert reader is not None
            reader.join()
            os.close(main_fd)
        errors.seek(0)
        require_success(command, process.returncode, errors.read())
    command.seconds.append(elapsed)


# A child's peak memory (ru_maxrss) counts the pages of the process that spawned it, so it is
# measured from a bare Python launcher, smaller than anything it measures, not from this one.
LAUNCHER = """
import os, sys
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def peak_memory(command: Command, env: dict[str, str]) -> None:
    if command.terminal:
        return
    measured = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, *command.argv],
        capture_output=True, env=env | command.env, check=True,
    )  # fmt: skip
    code, peak_kb = measured.stdout.split()
    require_success(command, int(code), measured.stderr)
    command.peak_kb.append(int(peak_kb))  # kilobytes on Linux


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import typer

    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), "
        f"Python {platform.python_version()}, typer {typer.__version__}"
    )


def lawgov_commands(python: str, minimal: Path) -> list[Command]:
    uncached = {"LAWGOV_NO_CACHE": "1"}
    return [
        Command("python -c pass", [python, "-c", "pass"]),
        Command("minimal Typer app --json", [python, str(minimal), "--json"]),
        Command("lawgov metrics --json", [LAWGOV, "metrics", "--json"], goal=6),
        Command("lawgov sections --json", [LAWGOV, "sections", "--json"], goal=6),
        Command("lawgov get mediation.success-rate", [LAWGOV, "get", RATE], goal=6),
        Command("lawgov metrics (terminal)", [LAWGOV, "metrics"], terminal=True, goal=10),
        Command("lawgov search 调解 > /dev/null", [LAWGOV, "search", "调解"]),
        Command("lawgov search 调解 --json", [LAWGOV, "search", "调解", "--json"]),
        Command("lawgov show 3 > /dev/null", [LAWGOV, "show", "3"]),
        Command("lawgov check > /dev/null", [LAWGOV, "check"]),
        Command("lawgov check --json", [LAWGOV, "check", "--json"]),
        Command("lawgov metrics --indicator mediation.disputes",
                [LAWGOV, "metrics", "--indicator", "mediation.disputes"], goal=6),
        Command("lawgov indicators --json", [LAWGOV, "indicators", "--json"], goal=6),
        Command("lawgov metrics --json, uncached", [LAWGOV, "metrics", "--json"], env=uncached),
        Command("lawgov indicators --json, uncached", [LAWGOV, "indicators", "--json"],
                env=uncached),
        Command("lawgov get mediation.success-rate, uncached", [LAWGOV, "get", RATE],
                env=uncached),
        # Shell completion (issue 14): what one TAB costs, as the bash/zsh/fish script asks it.
        Command("TAB: lawgov <TAB> (bash)", [LAWGOV, "__complete", "bash", "lawgov ", BREAKS],
                goal=6, read_goal=1.2),
        Command("TAB: lawgov get med<TAB> (bash)",
                [LAWGOV, "__complete", "bash", "lawgov get med", BREAKS],
                goal=6, read_goal=1.2),
        Command("TAB: lawgov show <TAB> (zsh)", [LAWGOV, "__complete", "zsh", "lawgov", "show", ""],
                goal=6, read_goal=1.2),
        Command("TAB: lawgov compare <TAB> (fish)",
                [LAWGOV, "__complete", "fish", "lawgov", "compare", ""], goal=6, read_goal=1.2),
        Command("TAB: lawgov get med<TAB> (bash), uncached",
                [LAWGOV, "__complete", "bash", "lawgov get med", BREAKS], env=uncached),
    ]  # fmt: skip


def measure(commands: list[Command], runs: int, env: dict[str, str]) -> None:
    for command in commands:  # warm the file cache, the .pyc files and the report cache
        run_once(command, env)
        command.seconds.clear()
    for _ in range(runs):
        for command in commands:
            run_once(command, env)
    for _ in range(3):
        for command in commands:
            peak_memory(command, env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="rounds (at least 15)")
    args = parser.parse_args()
    if not os.path.isfile(LAWGOV):
        print(f"startup.py: no lawgov next to {sys.executable}: run this with the Python of the "
              "environment lawgov is installed in", file=sys.stderr)  # fmt: skip
        raise SystemExit(2)
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal_typer.py"
        minimal.write_text(MINIMAL_TYPER, encoding="utf-8")
        commands = lawgov_commands(sys.executable, minimal)
        measure(commands, max(args.runs, 15), clean_env(str(Path(tmp) / "cache")))
    report(commands, max(args.runs, 15))


def report(commands: list[Command], runs: int) -> None:
    base = statistics.median(commands[0].seconds)
    print(f"{time.strftime('%Y-%m-%d')}, {machine()}, {runs} alternating rounds")
    print("lawgov's report cache warm (filled by a first round); uncached: LAWGOV_NO_CACHE=1")
    print()
    print("| command | median | min-max | ratio | goal | peak memory |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    failed = []
    for command in commands:
        median = statistics.median(command.seconds)
        ratio = median / base
        goal = f"<= {command.goal:g}x" if command.goal else ""
        mark = ""
        if command.goal and ratio > command.goal:
            mark = " (over)"
            failed.append(command.name)
        low, high = min(command.seconds) * 1000, max(command.seconds) * 1000
        peak = f"{max(command.peak_kb) / 1024:.1f} MB" if command.peak_kb else "-"
        print(
            f"| `{command.name}` | {median * 1000:.1f} ms | {low:.0f}-{high:.0f} ms | "
            f"{ratio:.2f}x{mark} | {goal} | {peak} |"
        )
    get = statistics.median(next(c for c in commands if c.argv[1:] == ["get", RATE]).seconds)
    for command in commands:
        if command.read_goal is None:
            continue
        ratio = statistics.median(command.seconds) / get
        verdict = "over" if ratio > command.read_goal else "ok"
        print(f"`{command.name}`: {ratio:.2f}x `lawgov get {RATE}` "
              f"(goal <= {command.read_goal:g}x): {verdict}")  # fmt: skip
        if ratio > command.read_goal:
            failed.append(f"{command.name} {ratio:.2f}x lawgov get")
    json_peak = max(commands[2].peak_kb) / 1024
    if json_peak > 20:
        failed.append(f"peak memory of metrics --json {json_peak:.1f} MB > 20 MB")
    if failed:
        print("\nover goal: " + "; ".join(failed))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
