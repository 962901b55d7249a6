"""Time and peak memory of `lawgov import` on a 50-page PDF and on the same text as a .docx.

The documents are SYNTHETIC, built for this measure by tests/fixtures/make_documents.py (the test
extra: reportlab, fonttools): the Nanshan report text (real) repeated until the PDF has 50 A4
pages, in STSong-Light and in an embedded TrueType font, and as Word paragraphs. Each import runs
as a separate process under /usr/bin/time (Linux) for its peak resident memory. Run from the
repository root with the project installed:

    python benchmarks/import_documents.py [--pages 50] [--runs 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAWGOV = shutil.which("lawgov", path=str(Path(sys.executable).parent)) or "lawgov"


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_documents", ROOT / "tests" / "fixtures" / "make_documents.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(pages: int) -> dict[str, bytes]:
    """The report text repeated until its PDF has at least ``pages`` pages."""
    import pypdf

    script = _script()
    lines = script.report_lines()
    head, body = lines[:2], lines[2:]
    for copies in range(1, 100):
        grown = head + body * copies
        pdf = script.make_pdf(grown, truetype=False)
        if len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= pages:
            break
    return {
        "report-cid.pdf": pdf,
        "report-truetype.pdf": script.make_pdf(grown, truetype=True),
        "report.docx": script.make_report_docx(grown),
    }


def measure(path: Path, runs: int) -> tuple[float, int, str]:
    """The median wall time of ``runs`` imports, the largest peak RSS (KB) and stderr."""
    times, peaks, said = [], [], ""
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(
            ["/usr/bin/time", "-v", LAWGOV, "import", str(path), "-o", "-"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        times.append(time.perf_counter() - start)
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
        peaks.append(int(found.group(1)) if found else 0)
        said = result.stderr.splitlines()[0]
    return statistics.median(times), max(peaks), said


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import pypdf

    with tempfile.TemporaryDirectory() as folder:
        for name, data in documents(args.pages).items():
            path = Path(folder) / name
            path.write_bytes(data)
            size = len(data)
            pages = ""
            if name.endswith(".pdf"):
                pages = f", {len(pypdf.PdfReader(path).pages)} pages"
            seconds, peak, _ = measure(path, args.runs)
            print(f"{name} ({size / 1000:,.0f} KB{pages}): {seconds:.2f} s, {peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
