"""How long `lawgov import` takes on a large report: the Nanshan text grown to about 1 MB.

The body is repeated with its part numbers continuing (九、十、…), so the importer sees one long
report with hundreds of parts rather than the same part again. With --html the source is a web
page of that size instead: the same text in <p> paragraphs of a government CMS page (navigation,
breadcrumb, share bar, footer, scripts). Run from the repository root with the project
installed:

    python benchmarks/import_size.py [--megabytes 1] [--runs 5] [--html]
"""

from __future__ import annotations

import argparse
import html
import resource
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


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_南山区政府在线</title>
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="2024-12-31 10:00">
<script>var nav = "<div>首页</div>";</script></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li>
<li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政务公开</div>
<div class="main"><h1>{title}</h1><div class="info">{header}</div>
<div class="share">分享到：<a>微信</a><a>微博</a></div><div class="TRS_Editor">
{body}
</div></div><div class="footer">主办单位：某区人民政府办公室（示例）</div></body></html>
"""


def as_page(text: str) -> str:
    """The report text (its first line the date line) as a government CMS page; synthetic."""
    header, *body = text.rstrip("\n").split("\n")
    paragraphs = "\n".join(f"<p>{html.escape(line, quote=False)}</p>" for line in body)
    title = "南山区人民政府2024年法治政府建设年度报告"
    return PAGE.format(title=title, header=html.escape(header), body=paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--html", action="store_true", help="import a web page of that size")
    args = parser.parse_args()
    lawgov = Path(sys.executable).parent / "lawgov"
    source = Path(__file__).resolve().parent.parent / "data" / "source" / "nanshan-2024.txt"
    with tempfile.TemporaryDirectory() as tmp:
        text = big_report(source, args.megabytes)
        if args.html:
            text = as_page(text)
        big = Path(tmp) / ("big.html" if args.html else "big.txt")
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
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB on Linux
    print(f"peak memory of a run: {peak:.0f} MB")
    print(info)


if __name__ == "__main__":
    main()
