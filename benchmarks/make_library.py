"""A SYNTHETIC library of reports for the library benchmark (benchmarks/library.py) and the index
tests: N report files (default 2,000) that are varied copies of real ones, plus each report's
text as a .txt file, so that ``rg`` can be timed over the same text.

Nothing here is a real report. Each generated file says so: its title and issuer start with
"（合成）" (synthetic) and its first comment line says how it was made. The material comes from
the bundled Nanshan 2024 report (data/report.toml, real), the page openings in
tests/fixtures/samples (real excerpts, cut after about 700 characters) and the invented import
fixtures (tests/fixtures/import). Each synthetic report takes an opening and parts from them:

- an invented issuer (two characters + 区/县/市) and a year from 2015 to 2025, written into the
  title and wherever the source names its own place or year;
- its parts dropped, reordered, and sometimes joined by parts of another source, renumbered
  (一、二、… and the section ids with them);
- its figures perturbed: the number written in a figure changes, and with it the figure's value
  (read back from the new figure), its quote and the section text the quote comes from, so that
  every report still passes the loader's checks (quote in text, figure in quote, value = figure).

Deterministic: the same seed and count give the same files, byte for byte.

    python benchmarks/make_library.py DIRECTORY [--count 2000] [--start 0] [--seed 12]

writes DIRECTORY/reports/*.toml and DIRECTORY/text/*.txt (the directory is required: nothing is
written into the repository unless you name it). ``--start`` continues a library: reports
numbered from there (the benchmark adds 100 reports to a built library so).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from lawgov_cli.core.fidelity import locate_figure
from lawgov_cli.core.loading import load_report
from lawgov_cli.core.loading.contents import build_report
from lawgov_cli.core.loading.tomlfile import parse_toml
from lawgov_cli.core.model import Metric, Report, Section
from lawgov_cli.core.numbers import FigureError, parse_figure
from lawgov_cli.formats.tomlout import to_toml
from lawgov_cli.importer.build import import_report

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tests" / "fixtures" / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "import"
MARK = "（合成）"
COMMENT = (
    "SYNTHETIC report (benchmarks/make_library.py): not a real report. Varied copy of real and "
    "invented sources\n(data/report.toml, tests/fixtures/samples excerpts, tests/fixtures/import): "
    "issuer, year, parts and figures changed."
)
# Invented place names: two characters from here, then 区, 县 or 市.
_FIRST = "青云东西南北白雁松桂江河山湖林泉石川金玉龙凤明安平宁"
_SECOND = "溪岭川峰湾港原州阳城塘坪庄岗浦洲"
_KINDS = "区区县市"
_CN = "一二三四五六七八九"
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
YEARS = range(2015, 2026)


@dataclass
class Source:
    """A report to copy from: its opening sections and its parts (a top-level section and
    everything under it), each with its figures."""

    name: str
    place: str  # how the report names its own place (南山), replaced by the invented one
    year: int | None
    opening: list[Section]
    parts: list[list[Section]]
    metrics: dict[str, list[Metric]]  # section id -> its figures


def chinese(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十: the part numbers a report writes (1 to 99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN[tens - 1] + "十")
    return head + (_CN[ones - 1] if ones else "")


def sources() -> list[Source]:
    found = [_source("nanshan-2024", load_report(REPO / "data" / "report.toml"), "南山")]
    for path in sorted(FIXTURES.glob("*.txt")):
        imported = import_report(path.read_bytes(), path.name).report
        found.append(_source(path.stem, imported, _place(imported.issuer)))
    for path in sorted(SAMPLES.glob("*.txt")):
        page = "\n".join(path.read_text(encoding="utf-8").split("\n")[4:])  # the header cut
        imported = import_report(page.encode(), path.name).report
        found.append(_source(path.stem, imported, _place(imported.issuer)))
    return found


def _place(issuer: str) -> str:
    """The place's own name in an issuer (深圳市光明区人民政府 -> 光明): what the text repeats."""
    found = re.search(r"(?:市)?(..)[区县市]", issuer.removeprefix("深圳市"))
    return found[1] if found else ""


def _source(name: str, report: Report, place: str) -> Source:
    opening = [s for s in report.sections if s.id == "0"]
    parts: list[list[Section]] = []
    for section in report.sections:
        if section.id == "0":
            continue
        if section.parent is None:
            parts.append([])
        if parts:
            parts[-1].append(section)
    metrics: dict[str, list[Metric]] = {}
    for metric in report.metrics:
        metrics.setdefault(metric.section, []).append(metric)
    return Source(name, place, report.year, opening, parts, metrics)


def synthetic_report(index: int, seed: int, pool: list[Source]) -> Report:
    """Report number ``index`` of the library: the same for the same seed, whatever else is made."""
    rng = random.Random(f"{seed}:{index}")
    issuers = len(_FIRST) * 8
    slot = index % issuers
    place = _FIRST[slot % len(_FIRST)] + _SECOND[(slot * 7 + slot // len(_FIRST)) % len(_SECOND)]
    kind = _KINDS[slot % len(_KINDS)]
    year = YEARS[(index // issuers + slot) % len(YEARS)]
    issuer = f"{MARK}{place}{kind}人民政府"
    # Nanshan (the one complete report) is the base of most; the others are short.
    base = pool[0] if rng.random() < 0.75 else rng.choice(pool[1:])
    chosen = [(base, part) for part in base.parts if rng.random() > 0.15]
    if len(chosen) > 2 and rng.random() < 0.4:
        i, j = rng.sample(range(len(chosen)), 2)
        chosen[i], chosen[j] = chosen[j], chosen[i]
    # Then parts of others (Nanshan's again, half the time) until the text reaches its size:
    # 15 to 35 KB, about 50 MB for 2,000 reports, as long as real reports run.
    size = sum(_bytes(p) for _, p in chosen)
    target = rng.uniform(15_000, 35_000)
    while size < target:
        other = pool[0] if rng.random() < 0.5 else rng.choice(pool)
        if other.parts:
            part = rng.choice(other.parts)
            chosen.insert(rng.randrange(len(chosen) + 1), (other, part))
            size += _bytes(part)
    sections: list[Section] = []
    metrics: list[Metric] = []
    texts = [(base, s, "0") for s in base.opening]
    for number, (source, part) in enumerate(chosen, start=1):
        top = part[0].id
        for section in part:
            new_id = str(number) + section.id[len(top) :]
            texts.append((source, section, new_id))
    seen_ids: set[str] = set()
    for source, section, new_id in texts:

        def local(text: str, source: Source = source) -> str:
            text = text.replace(source.place, place) if source.place else text
            if source.year is not None:
                text = text.replace(f"{source.year}年", f"{year}年")
            return text

        marker = section.number
        if "." not in new_id and new_id != "0" and section.separator == "、":
            marker = chinese(int(new_id))
        figures = [replace(m, label=local(m.label), quote=local(m.quote))
                   for m in source.metrics.get(section.id, [])]  # fmt: skip
        text, figures = _perturbed(local(section.text), figures, rng)
        sections.append(
            replace(section, id=new_id, number=marker, title=local(section.title), text=text)
        )
        for metric in figures:
            metric_id, copy = metric.id, 1
            while metric_id in seen_ids:  # a part taken twice: its figures' ids get a -2
                copy += 1
                metric_id = f"{metric.id}-{copy}"
            seen_ids.add(metric_id)
            metrics.append(replace(metric, id=metric_id, section=new_id))
    title = f"{MARK}{place}{kind}人民政府{year}年法治政府建设年度报告"
    return Report(title, issuer, None, year, "", tuple(sections), tuple(metrics))


def _bytes(part: list[Section]) -> int:
    return sum(len(s.render().encode()) + 1 for s in part)


def _perturbed(text: str, figures: list[Metric], rng: random.Random) -> tuple[str, list[Metric]]:
    """The section text and its figures with their numbers changed, figure, value, quote and
    text together; a figure that cannot be changed so (a Chinese numeral, a quote shared in a way
    that would break another figure) is kept as it is."""
    out = list(figures)
    for i, metric in enumerate(out):
        written = _NUMBER.match(metric.figure)
        if not written or rng.random() < 0.2:
            continue
        new_figure = _new_number(written.group(), metric.unit, rng) + metric.figure[written.end() :]
        try:
            parsed = parse_figure(new_figure)
        except FigureError:
            continue
        at = locate_figure(metric.quote, metric.figure)
        if at < 0 or metric.quote not in text:
            continue
        quote = metric.quote[:at] + new_figure + metric.quote[at + len(metric.figure) :]
        new_text = text.replace(metric.quote, quote, 1)
        changed = [
            replace(m, quote=quote) if m.quote == metric.quote else m for m in out
        ]  # the figures that share the quote keep pointing into it
        changed[i] = replace(changed[i], figure=new_figure, value=parsed.value)
        if all(m.quote in new_text and locate_figure(m.quote, m.figure) >= 0 for m in changed):
            text, out = new_text, changed
    return text, out


def _new_number(number: str, unit: str, rng: random.Random) -> str:
    factor = rng.uniform(0.6, 1.6)
    if "." in number:
        places = len(number.partition(".")[2])
        value = float(number) * factor
        if unit == "%":
            value = min(value, 99.9)
        return f"{value:.{places}f}"
    value = max(1, round(int(number) * factor))
    if unit == "%":
        value = min(value, 100)
    return str(value)


def file_name(index: int, report: Report) -> str:
    return f"synthetic-{index:05d}-{report.year}"


def make_library(
    directory: Path, count: int = 2000, *, start: int = 0, seed: int = 12, check: bool = True
) -> list[Path]:
    """Write reports ``start`` to ``start + count - 1``: DIRECTORY/reports/NAME.toml and
    DIRECTORY/text/NAME.txt. Returns the report files. ``check`` reads each one back through
    the loader (every quote, figure and value checked)."""
    pool = sources()
    reports_dir, text_dir = directory / "reports", directory / "text"
    reports_dir.mkdir(parents=True, exist_ok=True)
    text_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(start, start + count):
        report = synthetic_report(index, seed, pool)
        name = file_name(index, report)
        toml = to_toml(report, comment=COMMENT)
        path = reports_dir / f"{name}.toml"
        if check:
            build_report(parse_toml(toml, str(path)), str(path), toml)
        path.write_text(toml, encoding="utf-8")
        (text_dir / f"{name}.txt").write_text(
            f"# SYNTHETIC report text (benchmarks/make_library.py)\n{report.render_text()}",
            encoding="utf-8",
        )
        written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--no-check", action="store_true", help="skip reading each file back")
    args = parser.parse_args()
    files = make_library(
        args.directory, args.count, start=args.start, seed=args.seed, check=not args.no_check
    )
    size = sum(f.stat().st_size for f in files)
    text = sum((args.directory / "text" / f"{f.stem}.txt").stat().st_size for f in files)
    print(
        f"{len(files)} synthetic reports: {size / 1e6:.1f} MB of TOML, {text / 1e6:.1f} MB of text"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
