"""What fetching costs `lawgov import`: the same report imported from a file and from an address
served on 127.0.0.1 (a thread of this script), in turns, with each run's wall time and peak
memory (the child's own ru_maxrss, from a bare launcher). Run from the repository root with
the project installed:

    python benchmarks/import_address.py [--runs 9]

Two sources: our report's text (data/source/nanshan-2024.txt, 9.6 KB) and the same text grown
to about 1 MB (benchmarks/import_size.py's report). Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from import_size import big_report
from startup import LAUNCHER

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "nanshan-2024.txt"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one run, which must succeed. Run from a bare
    launcher (startup.py's): a child's ru_maxrss counts the pages of the process that spawned
    it, and this one holds a server and a 1 MB text."""
    started = time.perf_counter()
    measured = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, *command], capture_output=True, check=True
    )
    elapsed = time.perf_counter() - started
    code, peak_kb = measured.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {measured.stderr.decode()}")
    return elapsed, int(peak_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    lawgov = str(Path(sys.executable).parent / "lawgov")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "small.txt").write_bytes(SOURCE.read_bytes())
        (folder / "big.txt").write_text(big_report(SOURCE, 1.0), encoding="utf-8")
        handler = functools.partial(Quiet, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        print(f"{'source':<38} {'median':>9} {'min-max':>15} {'peak memory':>12}")
        for name in ("small.txt", "big.txt"):
            size = (folder / name).stat().st_size
            ways = {"a file": str(folder / name), "http": f"http://127.0.0.1:{port}/{name}"}
            runs: dict[str, list[tuple[float, float]]] = {how: [] for how in ways}
            for _ in range(args.runs):  # in turns, so that a drift in speed hits both alike
                for how, where in ways.items():
                    runs[how].append(timed([lawgov, "import", where, "-o", "-"]))
            for how, measured in runs.items():
                times = [t for t, _ in measured]
                label = f"{name} ({size / 1e6:.2f} MB) from {how}"
                print(
                    f"{label:<38} {statistics.median(times) * 1000:7.0f} ms "
                    f"{min(times) * 1000:6.0f}-{max(times) * 1000:.0f} ms "
                    f"{max(m for _, m in measured):9.1f} MB"
                )
        server.shutdown()


if __name__ == "__main__":
    main()
