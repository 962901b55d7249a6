"""Does the command line's report cache pay, and is it ever slower than no cache?

Three measurements in one run, each as whole `lawgov metrics --json` processes, the cached and
uncached (LAWGOV_NO_CACHE=1) runs alternating so that a noisy machine slows both alike:

1. our report (28 KB of TOML), the cache warm;
2. a large report: SYNTHETIC, our report's text repeated to about 1 MB and imported (the same
   generator as benchmarks/import_size.py; its figures are copies, not a real report's);
3. a loop over more reports than the cache keeps (cache.KEEP + 44 copies of our report under
   different names): the second pass, once the cache is full, against the same loop uncached.
   A cache that replaced an entry on every miss would pay for a store on every run and hit
   none: this row must stay at or below 1.00x.

    python benchmarks/cache.py [--runs 15] [--extra 44]

Exit 1 when the loop over many reports is slower with the cache than without it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_size import big_report

from lawgov_cli.storage import report_cache as cache

LAWGOV = str(Path(sys.executable).parent / "lawgov")
REPO = Path(__file__).resolve().parent.parent


def run(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def paired(argv: list[str], cached: dict[str, str], uncached: dict[str, str], runs: int) -> str:
    run(argv, cached)  # stores the entry (the file has settled: see settle())
    a, b = [], []
    for _ in range(runs):
        a.append(run(argv, cached))
        b.append(run(argv, uncached))
    ma, mb = statistics.median(a), statistics.median(b)
    return f"{ma * 1000:8.1f} ms {mb * 1000:8.1f} ms {ma / mb:7.2f}x"


def settle(*paths: Path) -> None:
    """The cache stores no file changed in the last two seconds (racy timestamps)."""
    old = time.time() - 10
    for path in paths:
        os.utime(path, (old, old))
    time.sleep(cache.SETTLE_NS / 1e9 + 0.1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--extra", type=int, default=44, help="reports beyond cache.KEEP")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base = {k: v for k, v in os.environ.items() if not k.startswith("LAWGOV_")}
        cached = base | {"XDG_CACHE_HOME": str(root / "cache")}
        uncached = cached | {"LAWGOV_NO_CACHE": "1"}

        ours = root / "ours.toml"
        shutil.copy(REPO / "data" / "report.toml", ours)
        big_text = root / "big.txt"
        big_text.write_text(big_report(REPO / "data" / "source" / "nanshan-2024.txt", 1.0))
        big = root / "big.toml"
        subprocess.run([LAWGOV, "import", str(big_text), "-o", str(big)], check=True,
                       capture_output=True)  # fmt: skip
        copies = root / "many"
        copies.mkdir()
        many = [copies / f"r{n:04d}.toml" for n in range(cache.KEEP + args.extra)]
        for path in many:
            shutil.copy(ours, path)
        settle(ours, big, *many)

        print(f"{'':44} {'cached':>11} {'uncached':>11} {'ratio':>8}")
        for name, path in (("our report (28 KB)", ours), ("synthetic 1 MB report", big)):
            size = f"{name}, {path.stat().st_size / 1e6:.2f} MB TOML"
            argv = [LAWGOV, "--report", str(path), "metrics", "--json"]
            print(f"{size:44} {paired(argv, cached, uncached, args.runs)}")

        def loop(env: dict[str, str]) -> float:
            return sum(run([LAWGOV, "--report", str(p), "metrics", "--json"], env) for p in many)

        loop(cached)  # fills the cache
        with_cache, without = loop(cached), loop(uncached)
        ratio = with_cache / without
        name = f"loop over {len(many)} reports (cache keeps {cache.KEEP})"
        print(f"{name:44} {with_cache:9.2f} s {without:9.2f} s {ratio:7.2f}x")
    return 1 if ratio > 1.0 else 0


if __name__ == "__main__":
    sys.exit(main())
