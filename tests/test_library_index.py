"""The library index (storage/library_index.py) answers as loading every report and asking
``core.queries`` would, on a generated SYNTHETIC library (benchmarks/make_library.py), and stays
right when files change, are added or broken, when its own file is damaged, and when several
processes read and rebuild it at once."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, wait_until_settled
from lawgov_cli.core import queries
from lawgov_cli.core.errors import LawgovError
from lawgov_cli.core.library import Entry, Library
from lawgov_cli.core.loading import load_report
from lawgov_cli.core.model import Report
from lawgov_cli.storage import library_index as li
from lawgov_cli.storage.library_index import LibraryIndex, PathEntry, summary_of

sys.path.insert(0, str(REPO / "benchmarks"))
from make_library import make_library

DRIVER = REPO / "benchmarks" / "library_driver.py"
COUNT = 24


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated library, settled (older than two seconds), never changed by a test."""
    root = tmp_path_factory.mktemp("library")
    files = make_library(root, COUNT, seed=7)
    wait_until_settled(files[-1])
    return root / "reports"


def copy_library(library: Path, where: Path) -> Path:
    target = where / "reports"
    shutil.copytree(library, target)  # copy2 keeps the mtimes; ctimes are new
    wait_until_settled(next(target.iterdir()))
    return target


def entries(directory: Path) -> list[PathEntry]:
    names = sorted(p.name for p in directory.glob("*.toml") if not p.name.startswith("."))
    return [PathEntry(name[:-5], str(directory / name)) for name in names]


class Reference:
    """What the straightforward library answers: each report loaded, queries run on each."""

    def __init__(self, directory: Path) -> None:
        self.entries = entries(directory)
        self.reports: list[Report | None] = []
        for entry in self.entries:
            try:
                self.reports.append(load_report(entry.path))
            except LawgovError as err:
                entry.error = err
                self.reports.append(None)

    def loaded(self) -> list[tuple[PathEntry, Report]]:
        return [(e, r) for e, r in zip(self.entries, self.reports, strict=True) if r is not None]

    def summaries(self) -> list[tuple[str, object]]:
        pairs = zip(self.entries, self.reports, strict=True)
        return [(e.id, r and summary_of(r)) for e, r in pairs]

    def library(self) -> Library:
        """core.library.Library over the reports loaded: the straightforward answers."""
        return Library([Entry(e.id, e.path, r) for e, r in self.loaded()])

    def figures(self, indicator: str | None = None) -> list[tuple[str, object]]:
        return [(e.id, m) for e, m in self.library().figures(indicator)]

    def names(self, part: str) -> list[tuple[str, str, list[tuple[str, ...]]]]:
        """What ``LibraryIndex.names`` gives, from each report loaded."""
        return [
            (
                e.id,
                r.title,
                [(m.id, m.label, m.figure, m.unit) for m in r.metrics]
                if part == "figures"
                else [(s.id, s.number, s.separator, s.title) for s in r.sections],
            )
            for e, r in self.loaded()
        ]

    def search(self, terms: list[str], section: str | None = None, **options: object):
        found = self.library().search(terms, section=section, **options)  # type: ignore[arg-type]
        return [(e.id, hit) for e, hit in found]


def ids(pairs: list[tuple[PathEntry, object]]) -> list[tuple[str, object]]:
    return [(e.id, x) for e, x in pairs]


def ids_of_names(found: list[tuple[PathEntry, str, list[tuple[str, ...]]]]) -> list[object]:
    return [(e.id, title, rows) for e, title, rows in found]


@pytest.fixture(scope="module")
def reference(library: Path) -> Reference:
    return Reference(library)


@pytest.fixture(scope="module")
def index(library: Path) -> LibraryIndex:
    return LibraryIndex(entries(library))


def test_the_library_is_synthetic_and_says_so(library: Path) -> None:
    for path in list(library.glob("*.toml"))[:5]:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# SYNTHETIC report")
        report = load_report(path)
        assert report.title.startswith("（合成）") and report.issuer.startswith("（合成）")
        assert 2015 <= (report.year or 0) <= 2025


def test_summaries_and_figures_are_the_reports(index: LibraryIndex, reference: Reference) -> None:
    assert ids(index.summaries()) == reference.summaries()  # type: ignore[arg-type]
    assert ids(index.figures()) == reference.figures()  # type: ignore[arg-type]
    # No figure has an indicator yet (issue 12 part 2 adds them): "" groups them all.
    assert ids(index.figures("")) == reference.figures("")  # type: ignore[arg-type]
    assert index.figures("no-such-indicator") == []


CASES = [
    (["复议"], {}),
    (["复议", "调解"], {}),
    (["復議"], {}),  # Traditional characters find Simplified ones and the other way round
    (["行政", "案件"], {"all_terms": True}),
    (["复议"], {"context": 1}),
    (["执法"], {"context": 3}),
    (["复议"], {"section": "2"}),
    (["行政"], {"section": "3.1", "context": 2}),
    (["PPP"], {}),  # Latin letters only: the decoding path
    (["ppp项目"], {}),  # a cased part and a caseless one
    (["复议"], {"regex": True}),
    ([r"\d+件"], {"regex": True}),
    (["^一"], {"regex": True}),
    (["不存在的词"], {}),
    # Caseless words found by str.find in the folded text: full-width punctuation folds to
    # ASCII (，-> ,), so the match's text is the sentence's own; several words, one missing.
    (["，"], {}),
    (["复议，"], {}),
    (["，", "。"], {}),
    (["复议", "不存在的词"], {"all_terms": True}),
    (["案件", "复议"], {"all_terms": True}),
    (["２０"], {}),  # full-width digits fold to ASCII digits
    (["%"], {}),
]


@pytest.mark.parametrize(("terms", "options"), CASES)
def test_search_is_queries_search_on_each_report(
    index: LibraryIndex, reference: Reference, terms: list[str], options: dict[str, object]
) -> None:
    expected = reference.search(terms, **options)  # type: ignore[arg-type]
    assert ids(index.search(terms, **options)) == expected  # type: ignore[arg-type]
    if terms == ["复议"] and not options:
        assert len(expected) > COUNT  # a two-character Chinese query finds many


def test_an_ascii_letter_matches_its_cases_and_kin_alone() -> None:
    """A word of ASCII letters is looked for in the folded blob as each letter's alternatives
    (``li._alternatives``): its two cases, and the characters of ``li._LETTER_KIN``. That must
    be every character ``re`` (IGNORECASE) matches with the letter that a folded text may hold
    (NFKC leaves it as it is). Checked over every code point."""
    import string
    import unicodedata

    letter = re.compile("[a-z]", re.IGNORECASE)
    kin: dict[str, str] = {}
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        if letter.fullmatch(char) and unicodedata.normalize("NFKC", char) == char:
            for ascii_letter in string.ascii_letters:
                if re.fullmatch(ascii_letter, char, re.IGNORECASE):
                    kin[ascii_letter] = kin.get(ascii_letter, "") + char
    assert kin == li._LETTER_KIN
    for ascii_letter in string.ascii_letters:
        assert set(li._alternatives(ascii_letter) or "") == {
            ascii_letter.lower(),
            ascii_letter.upper(),
            *kin.get(ascii_letter, ""),
        }
    assert li._alternatives("复") == "复"
    assert li._alternatives("é") is None  # cased, not ASCII: re decides, on the decoded text


LATIN = (
    "合成拉丁句。用AID办理。又aıd一次。再AİD一次。全角ＡＩＤ一次。ＰＰＰ项目与PpP模式。Said不是词界。"
    "建5G基站。A-B方案。Ai复核。"
)


def test_a_latin_word_is_found_in_the_folded_blob_with_its_cases(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word of Latin letters alone (no caseless run to look for) is found by a bytes
    pattern of each letter's cases in the reports whose two-character map allows it, with
    exactly the answers of queries.search, and no report's text rebuilt for it."""
    directory = copy_library(library, tmp_path)
    changed = directory / sorted(os.listdir(directory))[5]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace('text = "', f'text = "{LATIN}', 1), encoding="utf-8")
    index = LibraryIndex(entries(directory))
    reference = Reference(directory)

    def no_decoding(*args: object, **kwargs: object) -> None:
        raise AssertionError("every report's text rebuilt for a Latin word")

    words = (["aid"], ["AID"], ["ppp"], ["said"], ["aid", "ppp"], ["Ppp项目"], ["zzqx"], ["5g"])
    for terms in (*words, ["a-b"], ["aI复"], ["i"]):
        monkeypatch.setattr(LibraryIndex, "_decoded_search", no_decoding)
        found = ids(index.search(terms))
        monkeypatch.undo()
        assert found == reference.search(terms), terms
    hits = [hit.text for _, hit in index.search(["aid"])]
    assert hits[:5] == [
        "用AID办理。",
        "又aıd一次。",
        "再AİD一次。",
        "全角ＡＩＤ一次。",
        "Said不是词界。",
    ]
    assert ids(index.search(["aid"], all_terms=True)) == reference.search(["aid"], all_terms=True)
    # Greek letters have case rules of their own: decoded and searched by re, still the same
    assert ids(index.search(["αβ"])) == reference.search(["αβ"])


def test_caseless_characters_match_only_themselves() -> None:
    """The index finds a caseless word with str.find where ``re`` (IGNORECASE) would match it:
    true only if ``re`` compiles each such character as itself alone, as it does for every
    character ``_sre`` calls uncased. Checked over every code point."""
    import _sre

    cased = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF and li._caseless(chr(code)) and _sre.unicode_iscased(code)
    ]
    assert cased == []
    assert li._literal_words(["复议 ", "，"]) == ["复议", ","]
    assert li._literal_words(["复议", "PPP"]) is None


def test_the_two_character_map_keeps_every_report_that_holds_the_word(
    index: LibraryIndex, reference: Reference
) -> None:
    """Each report's map has every pair of neighbouring characters of its folded text: a
    report holding a word is always among those scanned; most others are not."""
    view = index._open()
    for word in ("复议", "听证", "依法行政", "，"):
        chosen = {number for number, _, _ in li._stretches(view, word)}
        holding = {
            number
            for number, row in enumerate(view.reports)
            if word.replace("，", ",") in view.blob(row[9], row[9] + row[10]).decode()
        }
        assert holding <= chosen
    assert li._stretches(view, "龘齉龘齉") == []  # in no report: none scanned (3 pairs)
    assert {n for n, _, _ in li._stretches(view, "法")} == set(range(len(view.reports)))


def test_search_errors_are_the_same(index: LibraryIndex) -> None:
    for terms, options in ((["  "], {}), (["("], {"regex": True}), (["a*"], {"regex": True})):
        with pytest.raises(LawgovError) as expected:
            queries.search(load_report(None), terms, **options)  # type: ignore[arg-type]
        with pytest.raises(LawgovError) as got:
            index.search(terms, **options)  # type: ignore[arg-type]
        assert str(got.value) == str(expected.value)
    with pytest.raises(LawgovError, match="no section '99'"):
        index.search(["复议"], section="99")


@st.composite
def terms_from(draw: st.DrawFn, texts: list[str]) -> list[str]:
    """Terms cut from the library's own text (so that most find something), some of two
    characters, some changed to a miss."""
    count = draw(st.integers(1, 3))
    out = []
    for _ in range(count):
        text = draw(st.sampled_from(texts))
        size = draw(st.sampled_from([1, 2, 2, 3, 5]))
        start = draw(st.integers(0, max(0, len(text) - size)))
        out.append(text[start : start + size] or "复议")
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_search_matches_the_reference_on_random_terms(
    index: LibraryIndex, reference: Reference, data: st.DataObject
) -> None:
    texts = [s.text for _, r in reference.loaded()[:5] for s in r.sections if s.text]
    terms = [t for t in data.draw(terms_from(texts)) if t.strip()] or ["复议"]
    options = {
        "all_terms": data.draw(st.booleans()),
        "context": data.draw(st.sampled_from([0, 0, 1, 2])),
    }
    assert ids(index.search(terms, **options)) == reference.search(terms, **options)  # type: ignore[arg-type]


def test_a_warm_index_reads_no_report(library: Path, index: LibraryIndex) -> None:
    index.summaries()  # the module's index was built and stored
    again = LibraryIndex(entries(library))
    assert again.search(["复议"]) and again.reread == 0
    assert again.figures() and again.reread == 0


def test_a_changed_file_is_read_again(library: Path, tmp_path: Path) -> None:
    directory = copy_library(library, tmp_path)
    first = LibraryIndex(entries(directory))
    assert not first.search(["合成变更词"])
    assert first.reread == COUNT
    changed = directory / sorted(os.listdir(directory))[3]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace('text = "', 'text = "合成变更词。', 1), encoding="utf-8")
    then = LibraryIndex(entries(directory))
    found = then.search(["合成变更词"])
    assert [(e.id, h.text) for e, h in found] == [(changed.stem, "合成变更词。")]
    assert then.reread == 1
    assert ids(then.search(["复议"])) == Reference(directory).search(["复议"])


def test_adding_reports_reads_only_those(library: Path, tmp_path: Path) -> None:
    directory = copy_library(library, tmp_path)
    LibraryIndex(entries(directory)).summaries()
    added = make_library(tmp_path / "more", 5, start=COUNT, seed=7)
    for path in added:
        shutil.copy2(path, directory / path.name)
    wait_until_settled(directory / added[-1].name)
    grown = LibraryIndex(entries(directory))
    assert len(grown.summaries()) == COUNT + 5
    assert grown.reread == 5
    reference = Reference(directory)
    assert ids(grown.figures()) == reference.figures()
    # Each indicator's figures: the reports copied from the old index and the five read.
    indicators = {m.indicator for _, m in reference.figures()}  # type: ignore[attr-defined]
    assert len(indicators) > 3
    for indicator in indicators:
        assert ids(grown.figures(indicator)) == reference.figures(indicator), indicator
    assert LibraryIndex(entries(directory)).search(["复议"])


def test_a_broken_report_does_not_stop_the_others(library: Path, tmp_path: Path) -> None:
    directory = copy_library(library, tmp_path)
    (directory / "aaa-broken.toml").write_text("[report\n", encoding="utf-8")
    wait_until_settled(directory / "aaa-broken.toml")
    for _ in range(2):  # built, then warm: the broken file is read again for its error only
        index = LibraryIndex(entries(directory))
        summaries = index.summaries()
        assert summaries[0][1] is None
        assert "invalid TOML" in str(summaries[0][0].error)
        assert ids(index.search(["复议"])) == Reference(directory).search(["复议"])
    assert index.reread == 1


DAMAGES = [
    "truncate",
    "header",
    "meta",
    "body",
    "blob",
    "garbage",
    "empty",
    "starts",
    "starts-high",
    "written",
    "name",
]


def layout(raw: bytes) -> tuple[tuple[Any, ...], int, int]:
    """An index file's metadata, where its body starts and how long the body is."""
    import marshal

    _, _, meta_len, body_len, _, _ = li._HEAD.unpack_from(raw, 0)
    head = li._HEAD.size
    meta = marshal.loads(raw[head : head + meta_len])
    return meta, head + meta_len + (-(head + meta_len) % 8), body_len


def written_blob(raw: bytes) -> int:
    """Where the index file's text as written starts (after the folded text)."""
    meta, body, body_len = layout(raw)
    return body + body_len + sum(row[10] for row in meta[1])


def names_block(raw: bytes) -> tuple[int, int]:
    """Where the index file's section names (ids and headings) are."""
    meta, body, _ = layout(raw)
    at, length, _ = meta[7]
    return body + at, length


def sentence_starts(raw: bytes) -> tuple[int, int]:
    """Where the index file's array of sentence starts is (read in place, not CRC-checked)."""
    meta, body, _ = layout(raw)
    at, length, _ = meta[4]
    return body + at, length


def test_a_damaged_index_is_rebuilt(library: Path, tmp_path: Path) -> None:
    directory = copy_library(library, tmp_path)
    reference = Reference(directory)
    expected = reference.search(["复议"], context=1)
    LibraryIndex(entries(directory)).summaries()
    (stored,) = Path(os.environ["XDG_CACHE_HOME"], "lawgov").glob(
        f"{li._file_name(e.path for e in entries(directory))}*"
    )
    good = stored.read_bytes()
    head = li._HEAD.size
    for damage in DAMAGES:
        raw = bytearray(good)
        if damage == "truncate":
            raw = raw[: len(raw) // 2]
        elif damage == "header":
            raw[0] ^= 0xFF
        elif damage == "meta":
            raw[head + 40] ^= 0x55
        elif damage == "body":  # in the chunks: their CRC finds it
            raw[len(raw) // 10] ^= 0x55
        elif damage == "blob":  # in the text: sentences that no longer decode or fold
            for at in range(len(raw) - 1, len(raw) - 200_000, -97):
                raw[at] = 0xFF
        elif damage.startswith("starts"):  # each search find must still move on
            at, length = sentence_starts(good)
            fill = b"\0" if damage == "starts" else b"\xff"
            raw[at + length // 3 : at + length] = fill * (length - length // 3)
        elif damage == "written":  # 复议 as 复仪 in the text as written: decodes, same length
            at = bytes(raw).index("复议".encode(), written_blob(good))
            raw[at : at + 6] = "复仪".encode()
        elif damage == "name":  # a heading's 复议 as 复仪 (what a hit shows as its heading)
            at, length = names_block(good)
            where = bytes(raw).index("复议".encode(), at, at + length)
            raw[where : where + 6] = "复仪".encode()
        elif damage == "garbage":
            raw = bytearray(os.urandom(len(raw)))
        else:
            raw = bytearray()
        stored.write_bytes(bytes(raw))
        index = LibraryIndex(entries(directory))
        assert ids(index.search(["复议"], context=1)) == expected, damage
        assert ids(index.summaries()) == reference.summaries(), damage
        assert ids(index.figures()) == reference.figures(), damage
        assert ids_of_names(index.names("figures")) == reference.names("figures"), damage


def test_an_index_others_could_write_is_not_believed(library: Path, tmp_path: Path) -> None:
    directory = copy_library(library, tmp_path)
    LibraryIndex(entries(directory)).summaries()
    (stored,) = Path(os.environ["XDG_CACHE_HOME"], "lawgov").glob(
        f"{li._file_name(e.path for e in entries(directory))}*"
    )
    stored.chmod(0o666)
    again = LibraryIndex(entries(directory))
    again.summaries()
    assert again.reread == COUNT
    assert stored.stat().st_mode & 0o077 == 0  # replaced by a private one


def test_no_cache_keeps_nothing(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGOV_NO_CACHE", "1")
    before = set(Path(os.environ["XDG_CACHE_HOME"]).rglob("*"))
    index = LibraryIndex(entries(library))
    assert index.summaries() and index.reread == COUNT
    assert set(Path(os.environ["XDG_CACHE_HOME"]).rglob("*")) == before


def test_several_processes_reading_and_rebuilding_at_once(library: Path, tmp_path: Path) -> None:
    """Eight processes at once on a library whose files change under them: each answers from
    one consistent index, as the reports were when it read them."""
    directory = copy_library(library, tmp_path)
    before = Reference(directory).search(["复议"])
    changed = directory / sorted(os.listdir(directory))[0]
    text = changed.read_text(encoding="utf-8")

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, str(DRIVER), str(directory), "search", "复议"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    first = [start() for _ in range(4)]
    changed.write_text(text.replace("复议", "复核"), encoding="utf-8")
    after = Reference(directory).search(["复议"])
    second = [start() for _ in range(4)]
    lines = {
        "before": {f"{e}\t{h.section}\t{h.where}\t{h.text}" for e, h in before},
        "after": {f"{e}\t{h.section}\t{h.where}\t{h.text}" for e, h in after},
    }
    for number, process in enumerate(first + second):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "Traceback" not in err
        got = set(out.splitlines())
        # Those started before the change may have read the file before or after it.
        assert got == lines["after"] or (number < 4 and got == lines["before"]), number
    final = LibraryIndex(entries(directory))
    assert ids(final.search(["复议"])) == after


def test_the_driver_from_the_command_line(library: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(library), "reports"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert len(rows) == COUNT
    assert rows[0].split("\t")[1].startswith("（合成）")


def test_the_index_makes_figures_and_headers_as_the_model_does() -> None:
    """The index sets a figure's and a header report's slots directly (``li._maker``): the
    objects equal, hash and print as the dataclass's own; a class with a __post_init__ (which
    that would skip) or a field left out is refused."""
    import dataclasses
    import datetime as dt

    from lawgov_cli.core.model import Metric

    row = (
        "s4-1.f4",
        "4.1",
        "新收行政复议案件",
        876,
        "宗",
        "876宗",
        "",
        "新收行政复议案件876宗",
        "x",
    )
    made, model = li._metric(row), Metric(*row)
    assert (made, hash(made), repr(made)) == (model, hash(model), repr(model))
    header = ("合成标题", "（合成）某区", dt.date(2025, 3, 1), 2024, "", "")
    report = li._header_report(header, "/r.toml")
    assert report == Report(*header[:5], (), (), excerpt="", path="/r.toml")
    assert report.path == "/r.toml" and report.checks == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.value = 1  # type: ignore[misc]
    match = li._match((2, 4, "复议"))
    assert match == queries.Match(2, 4, "复议")
    hit = li._hit(("4.2", "标题", "办理复议。", (match,), "text", 7))
    assert hit == queries.Hit("4.2", "标题", "办理复议。", (match,), "text", 7)
    assert repr(hit) == repr(queries.Hit("4.2", "标题", "办理复议。", (match,), "text", 7))

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            raise ValueError

    with pytest.raises(TypeError):
        li._maker(Checked, ("a",))
    with pytest.raises(TypeError):
        li._maker(Metric, ("id", "section"))


def test_the_index_is_keyed_by_the_indicators_file_and_survives_its_loss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Figures of a report without indicator keys are tagged by the indicators file's rules:
    an edit to it (even one that keeps its size and sets its mtime back) makes another index;
    a missing file is no error of the index (each report that needs it says so when read)."""
    from lawgov_cli.system import package

    rules = tmp_path / "indicators.toml"
    shutil.copyfile(package.indicators_file(), rules)
    monkeypatch.setattr(package, "indicators_file", lambda: str(rules))
    before = li._key()
    stat = rules.stat()
    text = rules.read_text(encoding="utf-8")
    edited = text.replace("新收|受理|收案", "新来|受理|收来", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    time.sleep(0.01)
    rules.write_text(edited, encoding="utf-8")
    os.utime(rules, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # touch -r: the same mtime
    assert rules.stat().st_mtime_ns == stat.st_mtime_ns
    assert li._key() != before
    rules.unlink()
    assert li._key() != before  # no OSError


def test_names_are_each_reports_own(library: Path, reference: Reference) -> None:
    """The names a TAB offers (figures: id, label, figure, unit; sections: id, number,
    separator, title) are what each report loaded alone holds, in its order."""
    index = LibraryIndex(entries(library))
    for part in ("figures", "sections"):
        assert ids_of_names(index.names(part)) == reference.names(part), part


def test_a_read_limit_refuses_before_reading(library: Path, tmp_path: Path) -> None:
    """With ``read_limit``, bringing the index up to date may read that many report files;
    more raise TooManyToRead before any is read (a TAB never parses a cold library)."""
    directory = copy_library(library, tmp_path)
    cold = LibraryIndex(entries(directory), read_limit=COUNT - 1)
    with pytest.raises(li.TooManyToRead):
        cold.names("figures")
    assert cold.reread == 0
    enough = LibraryIndex(entries(directory), read_limit=COUNT)
    assert enough.names("sections") and enough.reread == COUNT
    shutil.copy(next(directory.glob("*.toml")), directory / "new.toml")
    wait_until_settled(directory / "new.toml")
    again = LibraryIndex(entries(directory), read_limit=1)  # one new report: within the limit
    assert len(again.names("figures")) == len(enough.names("figures")) + 1
    assert again.reread == 1
