"""The bundled report is faithful to its source text: tested, not assumed."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import conftest
from conftest import REPORT_TOML
from lawgov_cli import Report, bundled_report_path
from lawgov_cli.core.fidelity import locate_figure, metric_problems
from lawgov_cli.core.loading.contents import quotable
from lawgov_cli.core.numbers import parse_figure

CHROME = "扫一扫在手机打开当前页"


def body_of(lines: list[str]) -> list[str]:
    """The report body: from the opening paragraph to the last line of part 八."""
    start = next(i for i, line in enumerate(lines) if line.startswith("2024年,南山区"))
    end = lines.index(CHROME)
    return lines[start:end]


def test_source_is_the_shared_text_with_its_header_and_chrome(source_lines: list[str]) -> None:
    assert source_lines[0] == "时间:2024-12-31来源:南山区人民政府"
    assert source_lines[-1] == CHROME


def test_text_is_reproduced_line_for_line(report: Report, source_lines: list[str]) -> None:
    rendered = report.render_text().split("\n")
    assert rendered[-1] == ""  # ends with a newline
    assert rendered[:-1] == body_of(source_lines)


def test_chrome_is_not_report_text(report: Report) -> None:
    assert CHROME not in report.render_text()


def test_header(report: Report) -> None:
    assert report.issuer == "南山区人民政府"
    assert report.date.isoformat() == "2024-12-31"
    assert report.year == 2024
    assert report.source_url == (
        "https://www.szns.gov.cn/xxgk/qzfxxgkml/gzbg/content/post_11931648.html"
    )
    assert report.title


def test_section_tree(report: Report) -> None:
    ids = [s.id for s in report.sections]
    assert ids == [
        "0",
        "1", "1.1", "1.2",
        "2", "2.1", "2.2", "2.3", "2.4",
        "3", "3.1", "3.2", "3.3",
        "4", "4.1", "4.2",
        "5", "5.1", "5.2", "5.3",
        "6", "6.1", "6.2", "6.3",
        "7", "7.1", "7.2",
        "8", "8.1", "8.2", "8.3",
    ]  # fmt: skip
    numbers = {s.id: s.number for s in report.sections}
    assert numbers["3"] == "三"
    assert numbers["3.2"] == "(二)"
    assert numbers["6.2"] == "二是"
    assert numbers["0"] == ""


def test_every_figure_is_encoded(report: Report) -> None:
    # 56 figures in Arabic digits plus 两人 (3.1) and 两个 (5.2), written in Chinese numerals.
    assert len(report.metrics) == 58
    arabic = [m for m in report.metrics if m.figure[0].isdigit() or m.figure.startswith("超")]
    assert len(arabic) == 56


def test_every_arabic_number_in_the_text_is_a_figure_or_a_known_non_figure(
    report: Report,
) -> None:
    """Guards against a figure left out: each digit run is a metric's or a year/name/ordinal."""
    non_figures = {"2024年", "2023-2024年度", "2023年度", "1+2+3+N", "1名村", "2023-2025年"}
    for section in report.sections:
        covered = []
        for metric in (m for m in report.metrics if m.section == section.id):
            quote_at = section.text.find(metric.quote)
            at = quote_at + locate_figure(metric.quote, metric.figure)
            covered.append((at, at + len(metric.figure)))
        for found in re.finditer(r"\d+(?:[.,]\d+)*", section.text):
            if any(a <= found.start() < b for a, b in covered):
                continue
            allowed = [
                (m.start(), m.end())
                for n in non_figures
                for m in re.finditer(re.escape(n), section.text)
            ]
            assert any(a <= found.start() < b for a, b in allowed), (section.id, found.group())


def test_quotes_and_figures_are_faithful(report: Report) -> None:
    sections = {s.id: s for s in report.sections}
    for index, metric in enumerate(report.metrics):
        assert metric_problems(index, metric, quotable(sections[metric.section])) == []
        assert metric.quote in sections[metric.section].text  # ours are all in the text


def test_every_figure_parses_back_to_its_value_unit_and_qualifier(report: Report) -> None:
    for metric in report.metrics:
        assert parse_figure(metric.figure) == (metric.value, metric.unit, metric.qualifier), metric


def test_examples_from_the_brief(report: Report) -> None:
    by_id = {m.id: m for m in report.metrics}
    rate = by_id["mediation.success-rate"]
    assert (rate.value, rate.unit, rate.figure) == (97.52, "%", "97.52%")
    vending = by_id["city-management.street-vending"]
    assert (vending.value, vending.unit, vending.qualifier) == (128800, "宗", "余")
    wages = by_id["labour.wages-recovered"]
    assert (wages.value, wages.unit) == (230000000, "元")
    amount = by_id["mediation.amount"]
    assert (amount.value, amount.unit, amount.figure) == (566309900, "元", "56630.99万元")
    assert by_id["foreign-law.enterprises"].qualifier == "超"


def test_ids_are_ascii_lowercase_and_readable(report: Report) -> None:
    for metric in report.metrics:
        assert re.fullmatch(r"[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*", metric.id), metric.id
        assert re.search(r"[\u4e00-\u9fff]", metric.label), metric.label


def test_installed_bundle_is_the_repository_report() -> None:
    """A stale or missing copy inside the installed package would answer from old data."""
    assert bundled_report_path().read_bytes() == REPORT_TOML.read_bytes()


def test_report_toml_parses_with_stdlib_tomllib() -> None:
    data = tomllib.loads(REPORT_TOML.read_text(encoding="utf-8"))
    assert set(data) == {"report", "sections", "metrics", "checks"}


SHARED_SOURCE = REPORT_TOML.parent.parent.parent / "shared" / "source" / "nanshan-2024-report.txt"


def shared_text(path: Path) -> bytes:
    """The shared copy of the report's text. Without it the comparison is skipped on a
    developer's machine but fails in CI (LAWGOV_CI=1, set by .ci/run): a CI run that cannot
    compare must not pass as if it had."""
    if not path.exists():
        message = f"../shared is not beside this checkout ({path} is missing)"
        if conftest.IN_CI:
            pytest.fail(f"{message}: CI must compare the bundled text with it", pytrace=False)
        pytest.skip(message)
    return path.read_bytes()


def test_bundled_source_is_the_shared_text_verbatim() -> None:
    bundled = (REPORT_TOML.parent / "source" / "nanshan-2024.txt").read_bytes()
    assert bundled == shared_text(SHARED_SOURCE)


@pytest.mark.parametrize(("in_ci", "outcome"), [(True, "Failed"), (False, "Skipped")])
def test_a_missing_shared_copy_fails_in_ci_and_skips_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_ci: bool, outcome: str
) -> None:
    monkeypatch.setattr(conftest, "IN_CI", in_ci)
    with pytest.raises(BaseException, match=r"\.\./shared is not beside this checkout") as ended:
        shared_text(tmp_path / "nanshan-2024-report.txt")
    assert type(ended.value).__name__ == outcome
