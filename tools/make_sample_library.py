"""Build the sample library, data/library/: the bundled Nanshan 2024 report and the reports
imported from the eight real page openings in tests/fixtures/samples/.

The page openings are real but cut after about 700 characters, so each imported file says so in
its `excerpt` field, and every view of it shows that. No figure is added or changed: the files
are what `lawgov import` makes of the page text, plus the excerpt mark and the page's address.

    python tools/make_sample_library.py            # (re)write data/library/
    python tools/make_sample_library.py --check    # exit 1 when data/library/ is not up to date

tests/test_sample_library.py runs the --check comparison, so that the library follows the
importer and the bundled report.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "fixtures" / "samples"
LIBRARY = ROOT / "data" / "library"
BUNDLED = ROOT / "data" / "report.toml"
BUNDLED_NAME = "nanshan-2024.toml"

# What each sample file holds, in the report's own language (shown as 摘录 by `info`, `reports`).
EXCERPT = "页面开头摘录:原页面约700字后截断,非报告全文"
HEADER_KEYS = ("url", "complete", "note")


def page_of(sample: Path) -> tuple[str, str]:
    """(the page's address, the page text): a sample is three header lines of the collection's
    own (url:, complete:, note:), a blank line, then the page as published."""
    lines = sample.read_text(encoding="utf-8").split("\n")
    keys = [line.partition(": ")[0] for line in lines[:3]]
    if keys != list(HEADER_KEYS) or lines[3] != "":
        raise SystemExit(f"{sample}: not a sample file (expected url:, complete:, note:, blank)")
    return lines[0].partition(": ")[2], "\n".join(lines[4:])


def library_name(sample: Path) -> str:
    """01-futian-2024.txt -> futian-2024.toml (the number orders the collection, not the report)."""
    return sample.stem.partition("-")[2] + ".toml"


def sample_toml(sample: Path) -> str:
    from lawgov_cli.cli.report_toml import report_toml
    from lawgov_cli.importer.build import Overrides, import_report

    url, page = page_of(sample)
    imported = import_report(page.encode("utf-8"), sample.name, Overrides(source_url=url))
    marked = dataclasses.replace(imported.report, excerpt=EXCERPT)
    return report_toml(dataclasses.replace(imported, report=marked), sample.name)


def wanted() -> dict[str, str]:
    """File name -> text, for every file the library should hold."""
    files = {BUNDLED_NAME: BUNDLED.read_text(encoding="utf-8")}
    for sample in sorted(SAMPLES.glob("*.txt")):
        files[library_name(sample)] = sample_toml(sample)
    return files


def stale(files: dict[str, str]) -> list[str]:
    """The names whose file in data/library/ differs from ``files`` (or should not be there)."""
    present = {p.name for p in LIBRARY.glob("*.toml")} if LIBRARY.is_dir() else set()
    differ = [
        name
        for name, text in files.items()
        if not (LIBRARY / name).is_file() or (LIBRARY / name).read_text(encoding="utf-8") != text
    ]
    return sorted(set(differ) | (present - set(files)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args()
    files = wanted()
    if args.check:
        differ = stale(files)
        for name in differ:
            print(f"data/library/{name} is not up to date", file=sys.stderr)
        return 1 if differ else 0
    LIBRARY.mkdir(exist_ok=True)
    for name in stale(files):
        target = LIBRARY / name
        if name in files:
            target.write_text(files[name], encoding="utf-8")
        else:
            target.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
