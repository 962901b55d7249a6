"""How long `lawgov import` takes on a large report: the Nanshan text grown to about 1 MB.

The body is repeated with its part numbers continuing (九、十、…), so the importer sees one long
report with hundreds of parts rather than the same part again. Run from the repository root with
the project installed:

    python benchmarks/import_size.py [--megabytes 1] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CN = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """1..999 in Chinese numerals, as part markers write them (十二, 一百零五)."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    text = (CN[hundreds] + "百") if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else CN[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (CN[ones] if ones else "")


def big_report(source: Path, megabytes: float) -> str:
    lines = source.read_text(encoding="utf-8").split("\n")
    header, body = lines[0], lines[1:-1]
    parts: list[list[str]] = []
    for line in body[1:]:
        if line[:1] in CN and "、" in line[:4]:
            parts.append([line.split("、", 1)[1]])
        else:
            parts[-1].append(line)
    out = [header, body[0]]
    number = 0
    while len("\n".join(out).encode()) < megabytes * 1_000_000:
        for part in parts:
            number += 1
            out.append(f"{chinese(number)}、{part[0]}")
            out += part[1:]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    lawgov = Path(sys.executable).parent / "lawgov"
    source = Path(__file__).resolve().parent.parent / "data" / "source" / "nanshan-2024.txt"
    with tempfile.TemporaryDirectory() as tmp:
        text = big_report(source, args.megabytes)
        big = Path(tmp) / "big.txt"
        big.write_text(text, encoding="utf-8")
        times = []
        for _ in range(args.runs):
            target = Path(tmp) / "big.toml"
            target.unlink(missing_ok=True)
            started = time.perf_counter()
            subprocess.run([str(lawgov), "import", str(big), "-o", str(target)], check=True,
                           capture_output=True)  # fmt: skip
            times.append(time.perf_counter() - started)
        info = subprocess.run(
            [str(lawgov), "--report", str(target), "info", "--json"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
    size = len(text.encode()) / 1_000_000
    print(f"input: {size:.2f} MB; imported: {info.count(chr(10))} info lines")
    print(f"import: median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
          f"max {max(times):.2f} s over {args.runs} runs")  # fmt: skip
    print(info)


if __name__ == "__main__":
    main()
