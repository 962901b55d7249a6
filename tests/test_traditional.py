"""Reports in Traditional characters: imported with units and qualifiers in Simplified, figures,
quotes and labels as written; search, --unit and --grep across the two scripts; OpenCC loaded
only when a text holds a Traditional character.

The Traditional report is a machine conversion of our real Nanshan source, made for these tests
(tests/fixtures/traditional/README.md)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import MINIMAL, REPO, SOURCE
from lawgov_cli import load_report
from lawgov_cli.core.errors import LawgovError, ReportError
from lawgov_cli.core.queries import search, select_metrics
from lawgov_cli.core.simplified import each_alone, has_traditional, to_simplified
from lawgov_cli.core.traditional_chars import CHARACTERS
from test_installed import LAWGOV, imported_modules, lawgov

TRADITIONAL = REPO / "tests" / "fixtures" / "traditional" / "nanshan-2024.traditional.txt"

needs_lawgov = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")


def _script(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Our source and its Traditional conversion, each imported by the installed command."""
    if LAWGOV is None:
        pytest.skip("the lawgov script is not installed")
    out = tmp_path_factory.mktemp("imported")
    paths = {}
    for name, source in (("simplified", SOURCE), ("traditional", TRADITIONAL)):
        paths[name] = out / f"{name}.toml"
        done = lawgov("import", str(source), "-o", str(paths[name]), cwd=out)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    return paths


# --- the folding -----------------------------------------------------------------------------


def test_the_list_holds_every_character_opencc_converts() -> None:
    """The list tells when OpenCC is needed: a character it misses would go unread."""
    made = _script(REPO / "tools" / "make_traditional_chars.py").convertible_characters()
    missing = set(made) - set("".join(CHARACTERS))
    assert not missing, f"regenerate with tools/make_traditional_chars.py: {sorted(missing)[:20]}"


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("行政複議", "行政复议"),
        ("行政復議", "行政复议"),
        ("12.88萬餘宗", "12.88万余宗"),
        ("1200餘項", "1200余项"),
        ("兩個", "两个"),
        ("2.3億元", "2.3亿元"),
        ("發佈時間", "发布时间"),
        ("裡", "里"),
        ("（二）發揮", "（二）发挥"),  # nothing but the characters changes: not the width
        ("显著成效", "显著成效"),  # 著 is Simplified too
    ],
)
def test_traditional_characters_read_as_simplified(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified
    assert to_simplified(simplified) == simplified


def test_folding_keeps_every_offset() -> None:
    """One character for one, each alone: what search needs to report offsets into the text
    as written, and to find a term folded alone inside a text folded whole."""
    text = TRADITIONAL.read_text(encoding="utf-8")
    source = SOURCE.read_text(encoding="utf-8")
    folded = to_simplified(text)
    assert len(folded) == len(text) == len(source)
    assert folded == "".join(to_simplified(char) for char in text)
    # The machine conversion wrote 答复 as 答覆; 覆 is a Simplified character too, and alone it
    # stays 覆 (see README: words whose Traditional form is another Simplified character).
    differ = [(source[at], text[at]) for at in range(len(text)) if folded[at] != source[at]]
    assert differ == [("复", "覆")]
    assert has_traditional(text) and not has_traditional(source)


# --- import ----------------------------------------------------------------------------------


def test_every_figure_has_its_counterpart(imported: dict[str, Path]) -> None:
    simplified = load_report(imported["simplified"])
    traditional = load_report(imported["traditional"])
    assert len(traditional.metrics) == len(simplified.metrics) == 58
    for trad, simp in zip(traditional.metrics, simplified.metrics, strict=True):
        assert (trad.section, trad.value, trad.unit, trad.qualifier) == (
            simp.section, simp.value, simp.unit, simp.qualifier,
        )  # fmt: skip
        assert not has_traditional(trad.unit + trad.qualifier)
        # figure, quote and label as the Traditional text writes them
        assert to_simplified(trad.figure) == simp.figure
        assert to_simplified(trad.quote) == simp.quote
        assert to_simplified(trad.label) == simp.label
    by_id = {m.id: m for m in traditional.metrics}
    street = by_id["s3-2.f1"]
    assert (street.figure, street.value, street.unit, street.qualifier) == (
        "12.88萬餘宗", 128800, "宗", "余",
    )  # fmt: skip
    assert street.label == "城管部門清理整治亂擺賣"  # labels are quoted: kept as written
    assert [s.id for s in traditional.sections] == [s.id for s in simplified.sections]


@needs_lawgov
def test_the_imported_report_validates_and_filters_by_simplified_unit(
    imported: dict[str, Path], tmp_path: Path
) -> None:
    report = str(imported["traditional"])
    valid = lawgov("--report", report, "validate", "--json", cwd=tmp_path)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert json.loads(valid.stdout)["problems"] == []
    for unit in ("项", "項"):
        found = lawgov("--report", report, "metrics", "--unit", unit, "--json", cwd=tmp_path)
        assert found.returncode == 0, found.stderr
        assert [(m["figure"], m["value"], m["unit"], m["qualifier"]) for m in json.loads(
            found.stdout
        )] == [("1200餘項", 1200, "项", "余")]  # fmt: skip
    pieces = lawgov("--report", report, "metrics", "--unit", "个", cwd=tmp_path)
    assert [line.split("\t")[3] for line in pieces.stdout.splitlines()] == [
        "80個", "32個", "17個", "兩個"
    ]  # fmt: skip
    for text in ("调解", "調解", "复议"):  # in label or quote, as --grep reads them
        ours = lawgov("--report", str(imported["simplified"]), "metrics", "--grep", text,
                      cwd=tmp_path)  # fmt: skip
        theirs = lawgov("--report", report, "metrics", "--grep", text, cwd=tmp_path)
        assert theirs.returncode == 0, theirs.stderr
        figures = [line.split("\t")[3] for line in theirs.stdout.splitlines()]
        assert [to_simplified(f) for f in figures] == [
            line.split("\t")[3] for line in ours.stdout.splitlines()
        ]
        assert figures


# --- search across scripts -------------------------------------------------------------------


def _hits(result_stdout: str) -> list[tuple[str, str]]:
    return [(hit["section"], hit["match"]) for hit in json.loads(result_stdout)]


@needs_lawgov
def test_search_finds_either_script_with_offsets_into_the_text_as_written(
    imported: dict[str, Path], tmp_path: Path
) -> None:
    report = str(imported["traditional"])
    for term in ("复议", "複議", "復議"):
        found = lawgov("--report", report, "search", term, "--json", cwd=tmp_path)
        assert found.returncode == 0, found.stderr
        hits = json.loads(found.stdout)
        assert [h["section"] for h in hits] == ["4.2", "4.2", "4.2"]
        for hit in hits:
            assert hit["match"] == "複議"
            assert hit["text"][hit["start"] : hit["end"]] == "複議"
    # and a Traditional term in our Simplified report
    simplified = lawgov("search", "復議", "--json", cwd=tmp_path)
    assert simplified.returncode == 0, simplified.stderr
    assert _hits(simplified.stdout) == [("4.2", "复议")] * 3
    regex = lawgov("--report", report, "search", "-e", r"行政复议案件\d+宗", "--json", cwd=tmp_path)
    assert _hits(regex.stdout) == [("4.2", "行政複議案件876宗")]
    shown = lawgov("--report", report, "search", "复议", cwd=tmp_path)
    assert shown.stdout.splitlines()[0] == "4.2\t(二)發揮行政複議化解行政爭議主渠道作用"


def test_core_search_reports_offsets_in_the_original_after_nfkc_and_folding(
    tmp_path: Path,
) -> None:
    """Full-width forms change length under NFKC; the folding to Simplified does not: a match
    after both maps back to the characters as written."""
    path = tmp_path / "r.toml"
    path.write_text(
        MINIMAL.replace(
            'text = "2024年,测试区共办理案件12件。"',
            'text = "（一）２０２４年，測試區辦理行政複議案件12件。"',
        ).replace('quote = "共办理案件12件"', 'quote = "辦理行政複議案件12件"'),
        encoding="utf-8",
    )
    [hit] = search(load_report(path), ["行政复议案件１２"])
    [match] = hit.matches
    assert hit.text[match.start : match.end] == match.text == "行政複議案件12"


# --- what the loader accepts -----------------------------------------------------------------


@pytest.mark.parametrize(("unit", "qualifier"), [("项", "余"), ("項", "餘"), ("项", "餘")])
def test_a_unit_or_qualifier_stored_in_either_script_loads(
    tmp_path: Path, unit: str, qualifier: str
) -> None:
    """Import writes Simplified; a file that keeps them as the figure writes them is the same
    figure, and a check still reads 餘 as a bound."""
    path = tmp_path / "r.toml"
    path.write_text(_traditional_figure(unit, qualifier), encoding="utf-8")
    report = load_report(path)
    assert [m.unit for m in select_metrics(report, unit="项")] == [unit]
    if LAWGOV is not None:
        checked = lawgov(
            "--report", str(path), "check", "cases.total >= 800", "cases.total > 900",
            cwd=tmp_path,
        )  # fmt: skip
        assert checked.stdout.splitlines() == [
            "PASS\tcases.total >= 800", "UNDECIDED\tcases.total > 900"
        ]  # fmt: skip


def test_a_wrong_unit_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(_traditional_figure("件", "余"), encoding="utf-8")
    with pytest.raises(ReportError, match="reads as 800 项, stored 800 件"):
        load_report(path)


def _traditional_figure(unit: str, qualifier: str) -> str:
    return (
        MINIMAL.replace('text = "2024年,测试区共办理案件12件。"', 'text = "全年辦理事項800餘項。"')
        .replace('figure = "12件"', 'figure = "800餘項"')
        .replace("value = 12", "value = 800")
        .replace('unit = "件"', f'unit = "{unit}"\nqualifier = "{qualifier}"')
        .replace('quote = "共办理案件12件"', 'quote = "全年辦理事項800餘項"')
    )


# --- OpenCC only where a Traditional character is --------------------------------------------


@needs_lawgov
def test_opencc_is_imported_only_for_traditional_text(
    imported: dict[str, Path], tmp_path: Path
) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    for args in (["search", "调解"], ["metrics", "--unit", "项"], ["metrics", "--grep", "复议"]):
        assert "opencc" not in imported_modules(args, tmp_path, env), args
    assert "opencc" in imported_modules(["search", "復議"], tmp_path, env)
    traditional = ["--report", str(imported["traditional"])]
    assert "opencc" in imported_modules([*traditional, "search", "复议"], tmp_path, env)


def test_each_character_is_converted_alone() -> None:
    """The table is built in one call, a character a line; a converter that would join lines
    (none of OpenCC's does) is asked character by character instead."""
    calls: list[str] = []

    def joining(text: str) -> str:
        calls.append(text)
        return text.replace("\n", "").replace("萬", "万")

    assert each_alone(joining, ["萬", "項"]) == ["万", "項"]
    assert calls == ["萬\n項", "萬", "項"]
    assert each_alone(str.upper, ["a", "b"]) == ["A", "B"]


def test_an_unusable_opencc_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from lawgov_cli.core import simplified

    monkeypatch.setitem(sys.modules, "opencc", None)  # import opencc now raises ImportError
    simplified._table.cache_clear()
    try:
        with pytest.raises(LawgovError, match="cannot read Traditional characters") as raised:
            to_simplified("復議")
        assert raised.value.hint == "reinstall lawgov, which installs the opencc package"
        assert to_simplified("复议") == "复议"  # Simplified text never needs it
    finally:
        simplified._table.cache_clear()
