"""Several reports at once (README, Several reports): `--report` given more than once or naming
a directory, LAWGOV_REPORT naming a directory, report ids, and every read command across the
reports in every format.

The library the tests read: a copy of the bundled Nanshan 2024 report (curated), and two reports
imported by `lawgov import` from tests/fixtures/samples: real page openings of Shenzhen reports,
excerpts cut after about 700 characters (not whole reports, nothing invented).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPORT_TOML, EntryPoint
from lawgov_cli.core.errors import LawgovError
from lawgov_cli.core.library import Entry, Library, expand, report_id, report_ids
from lawgov_cli.core.loading import load_report
from test_installed import LAWGOV, heavy_imports, imported_modules, lawgov
from test_paths import fast_path, typer_path
from test_samples import page_text

# Real excerpts (see the samples' README): the first figures of two Shenzhen reports.
EXCERPTS = ("01-futian-2024", "11-pingshan-2024")
IDS = [*EXCERPTS, "nanshan-2024"]  # sorted by file name, as a directory is read
runner = EntryPoint()


def invoke(*args: str, env: dict[str, str | None] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(None, list(args), env={"LAWGOV_REPORT": None, **(env or {})})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reports, built once: the curated report and the excerpts imported by lawgov."""
    root = tmp_path_factory.mktemp("built")
    shutil.copy(REPORT_TOML, root / "nanshan-2024.toml")
    for name in EXCERPTS:  # the page as published: the collection's header lines cut
        page = root / f"{name}.txt"
        page.write_text(page_text(f"{name}.txt"), encoding="utf-8")
        result = invoke("import", str(page), "-o", str(root / f"{name}.toml"))
        assert result.exit_code == 0, result.stderr
        page.unlink()
    return root


@pytest.fixture
def library(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the library for each test, to break or change as it likes."""
    return Path(shutil.copytree(built, tmp_path / "reports"))


# Ids and directories (core/library.py).


def test_a_report_id_is_its_file_name_when_that_is_plain_ascii() -> None:
    assert report_id("/x/nanshan-2024.toml") == "nanshan-2024"
    assert report_id("a/B_1.v2.toml") == "B_1.v2"


def test_any_other_name_keeps_its_ascii_and_gains_a_stable_hash() -> None:
    one = report_id("/x/南山区2024.toml")
    assert one.startswith("2024-") and len(one) == len("2024-") + 6
    assert one == report_id("/elsewhere/南山区2024.toml")  # stable: the name alone decides
    assert one != report_id("/x/福田区2024.toml")
    assert report_id("/x/a b.toml").startswith("ab-")
    assert report_id("/x/a b.toml").isascii()
    # Never an option's look: `show -1a2b3c:1` would be refused as an unknown option.
    assert report_id("/x/南山区.toml").startswith("r-")
    assert report_id("/x/-x.toml").startswith("x-")
    assert report_id("/x/南山-2024.toml").startswith("2024-")


def test_the_same_id_twice_is_told_apart_by_the_parent_directory() -> None:
    assert report_ids(["2023/nanshan.toml", "2024/nanshan.toml", "2024/futian.toml"]) == [
        "2023/nanshan",
        "2024/nanshan",
        "futian",
    ]
    with pytest.raises(LawgovError, match=r"a/r\.toml and a/r\.toml"):
        report_ids(["a/r.toml", "a/r.toml"])


def test_a_directory_is_its_toml_files_sorted_not_recursively(tmp_path: Path) -> None:
    for name in ("b.toml", "a.toml", ".hidden.toml", "notes.txt", "sub/c.toml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("")
    os.mkfifo(tmp_path / "pipe.toml")  # kept: loading it is that report's error
    assert expand([str(tmp_path), "x.toml"]) == [
        str(tmp_path / "a.toml"),
        str(tmp_path / "b.toml"),
        str(tmp_path / "pipe.toml"),
        "x.toml",
    ]
    (tmp_path / "empty").mkdir()
    with pytest.raises(LawgovError, match="empty: no report file"):
        expand([str(tmp_path / "empty")])


def test_the_library_answers_across_reports(built: Path) -> None:
    entries = [
        Entry(report_id(str(p)), str(p), load_report(p)) for p in sorted(built.glob("*.toml"))
    ]
    broken = Entry("broken", "broken.toml", None, LawgovError("broken.toml: not TOML"))
    library = Library([*entries, broken])
    rows = library.summaries()
    assert [r["id"] for r in rows] == [*IDS, "broken"]
    assert rows[2]["issuer"] == "南山区人民政府" and rows[2]["figures"] == 58
    assert rows[3]["problems"] == "broken.toml: not TOML" and rows[3]["figures"] is None
    assert len(library.figures()) == sum(len(e.report.metrics) for e in entries)  # type: ignore[union-attr]
    assert library.figures("no-such-indicator") == []
    hits = library.search(["行政复议"], section="4.2")  # only the Nanshan report has a 4.2
    assert hits and {entry.id for entry, _ in hits} == {"nanshan-2024"}
    with pytest.raises(LawgovError, match=r"no section '9\.9' in any of the 3 reports"):
        library.search(["调解"], section="9.9")


# The command line.


def test_several_reports_answer_with_their_ids(library: Path) -> None:
    result = invoke("--report", str(library), "metrics", "--json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["report"] for r in records] == sorted(r["report"] for r in records)
    assert {r["report"] for r in records} == set(IDS)
    assert all(next(iter(r)) == "report" for r in records)


def test_a_broken_file_in_a_library(library: Path) -> None:
    (library / "02-broken.toml").write_text("title = [", encoding="utf-8")
    result = invoke("--report", str(library), "search", "复议")
    assert result.exit_code == 2  # even though the others found something
    assert result.stderr.splitlines()[0].startswith(f"lawgov: {library / '02-broken.toml'}:1:")
    assert len(result.stderr.splitlines()) == 1
    assert "nanshan-2024\t4.2\t" in result.stdout
    listed = invoke("--report", str(library), "reports", "--json")
    assert listed.exit_code == 2
    rows = {row["report"]: row for row in json.loads(listed.stdout)}
    assert "invalid TOML" in rows["02-broken"]["problems"]
    assert rows["nanshan-2024"]["problems"] == ""


def test_every_report_failing_is_an_error(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.toml").write_text("x = [", encoding="utf-8")
    result = invoke("--report", str(tmp_path), "metrics", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "could not read any of the 2 reports" in result.stderr


def test_a_changed_file_is_read_again(library: Path) -> None:
    file = library / "nanshan-2024.toml"
    before = invoke("--report", str(library), "get", "nanshan-2024:mediation.total")
    assert before.stdout == "nanshan-2024\tmediation.total\t4231\n"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("调解成功率", "调解成功比率"), encoding="utf-8")
    after = invoke("--report", str(library), "search", "调解成功比率")
    assert after.exit_code == 0, after.stderr
    assert "nanshan-2024\t" in after.stdout


def test_the_same_name_in_two_directories(built: Path, tmp_path: Path) -> None:
    for year in ("2023", "2024"):
        (tmp_path / year).mkdir()
        shutil.copy(REPORT_TOML, tmp_path / year / "nanshan.toml")
    one, other = (str(tmp_path / year / "nanshan.toml") for year in ("2023", "2024"))
    result = invoke("--report", one, "--report", other, "get", "mediation.total")
    assert (
        result.stdout
        == "2023/nanshan\tmediation.total\t4231\n2024/nanshan\tmediation.total\t4231\n"
    )
    twice = invoke("--report", one, "--report", one, "info")
    assert twice.exit_code == 2 and "would both be called" in twice.stderr


def test_a_directory_through_lawgov_report(library: Path) -> None:
    result = invoke("reports", env={"LAWGOV_REPORT": str(library)})
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == IDS
    # The excerpts' issuer and year, as import read them from the real page openings.
    assert result.stdout.splitlines()[0].split("\t")[1:3] == ["福田区人民政府", "2024"]


def test_a_path_with_spaces_in_lawgov_report_is_one_path(library: Path, tmp_path: Path) -> None:
    spaced = tmp_path / "my reports"
    library.rename(spaced)
    result = invoke("reports", "--csv", env={"LAWGOV_REPORT": str(spaced)})
    assert result.exit_code == 0, result.stderr
    cli = runner.invoke(None, ["reports"], env={"LAWGOV_REPORT": str(spaced), "LAWGOV_DEBUG": "1"})
    assert cli.exit_code == 0, cli.stderr  # LAWGOV_DEBUG: through the Typer CLI


def test_a_directory_with_one_report_takes_the_several_report_shape(tmp_path: Path) -> None:
    shutil.copy(REPORT_TOML, tmp_path / "only.toml")
    result = invoke("--report", str(tmp_path), "info", "--json")
    assert json.loads(result.stdout)[0]["report"] == "only"


def test_one_report_file_prints_what_it_always_printed() -> None:
    for args in (["info", "--json"], ["metrics"], ["search", "复议"], ["show", "4.2"]):
        bundled = invoke(*args)
        named = invoke("--report", str(REPORT_TOML), *args)
        # The same text but for where it was read from: an installed copy of the bundled report
        # sits inside the package, not at data/report.toml.
        path = re.compile(r'^  "path": .*$', re.M)
        assert path.sub("", named.stdout) == path.sub("", bundled.stdout)
        assert '"report"' not in named.stdout
    assert invoke("get", "mediation.total").stdout == "4231\n"


def test_show_one_reports_section_or_every_reports(library: Path) -> None:
    one = invoke("--report", str(library), "show", "nanshan-2024:4.2")
    assert one.exit_code == 0, one.stderr
    assert all(line.startswith("nanshan-2024\t") for line in one.stdout.splitlines())
    assert "共新收行政复议案件876宗" in one.stdout
    every = invoke("--report", str(library), "show", "1", "--json")
    assert {part["report"] for part in json.loads(every.stdout)} == set(IDS)
    none = invoke("--report", str(library), "show", "9.9")
    assert (none.exit_code, none.stdout) == (1, "")
    unknown = invoke("--report", str(library), "show", "nowhere:1")
    assert unknown.exit_code == 2 and "no report 'nowhere'" in unknown.stderr


def test_check_runs_each_expression_against_each_report(library: Path) -> None:
    result = invoke("--report", str(library), "check", "mediation.total > 1", "--json")
    assert result.exit_code == 2  # two reports have no such figure: their error
    assert [r["report"] for r in json.loads(result.stdout)] == ["nanshan-2024"]
    assert result.stderr.count("unknown metric") == 2
    own = invoke("--report", str(library), "check")
    assert own.exit_code == 0, own.stderr
    assert own.stderr.count("skipped") == 2
    assert all(line.startswith("nanshan-2024\tPASS\t") for line in own.stdout.splitlines())


def test_validate_every_report(library: Path) -> None:
    assert invoke("--report", str(library), "validate").exit_code == 0
    text = (library / "nanshan-2024.toml").read_text(encoding="utf-8")
    (library / "nanshan-2024.toml").write_text(text.replace("876宗", "877宗"), encoding="utf-8")
    invalid = invoke("--report", str(library), "validate", "--json")
    assert invalid.exit_code == 1
    assert [v["valid"] for v in json.loads(invalid.stdout)] == [True, True, False]
    (library / "zz.toml").write_text("x = [", encoding="utf-8")
    assert invoke("--report", str(library), "validate").exit_code == 2


# Every read command, several reports, every format.
COMMANDS = [
    ["info"],
    ["sections"],
    ["show", "1"],
    ["search", "法治"],
    ["search", "法治", "-c"],
    ["search", "法治", "-l"],
    ["metrics"],
    ["get", "mediation.total"],
    ["check", "mediation.total > 1"],
    ["validate"],
    ["reports"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["json", "plain", "terminal"])
def test_every_command_in_every_format(library: Path, args: list[str], fmt: str) -> None:
    extra = {"json": ["--json"], "plain": [], "terminal": []}[fmt]
    head = ["--color", "always"] if fmt == "terminal" else []
    tail = ["--json"] if fmt == "json" and args[0] != "get" else []
    if fmt == "json" and args[0] == "get":
        tail = extra
    result = invoke(*head, "--report", str(library), *args, *tail)
    assert result.exit_code in (0, 2), result.stderr  # check: two reports lack the figure
    if fmt == "plain" and args[0] == "validate":  # piped, validate lists problems: none here
        assert (result.exit_code, result.stdout) == (0, "")
        return
    assert result.stdout
    if fmt == "json":
        records = json.loads(result.stdout)
        assert records and all("report" in r for r in records)
    elif fmt == "plain":
        assert "\x1b[" not in result.stdout
        ids = {line.split("\t")[0] for line in result.stdout.splitlines()}
        assert ids <= set(IDS) and ids
    else:
        assert "\x1b[" in result.stdout
        assert "nanshan-2024" in result.stdout


def test_metrics_csv_has_a_report_column(library: Path) -> None:
    result = invoke("--report", str(library), "metrics", "--csv", "--unit", "宗")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("report,id,section,")
    assert lines[1].startswith("nanshan-2024,")
    reports = invoke("--report", str(library), "reports", "--csv").stdout.splitlines()
    assert reports[0] == "report,issuer,year,date,sections,figures,problems,path,excerpt"
    assert reports[3].startswith("nanshan-2024,南山区人民政府,2024,2024-12-31,31,58,,")


def test_reports_with_one_report() -> None:
    result = invoke("reports")
    assert result.exit_code == 0
    assert result.stdout.startswith("report\t南山区人民政府\t2024\t2024-12-31\t31\t58\t\t")


def test_a_command_that_reads_one_report_says_so(library: Path) -> None:
    result = invoke("--report", str(library), "export", "-f", "csv")
    assert result.exit_code == 2
    assert "reads one report file, not a directory or several reports" in result.stderr


# The installed command, as a user runs it.


@pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")
def test_the_installed_command_reads_a_library(library: Path, tmp_path: Path) -> None:
    (library / "02-broken.toml").write_text("title = [", encoding="utf-8")
    result = lawgov("search", "复议", "--json", cwd=tmp_path, env={"LAWGOV_REPORT": str(library)})
    assert result.returncode == 2
    assert result.stderr.startswith(f"lawgov: {library / '02-broken.toml'}:1: invalid TOML")
    hits = json.loads(result.stdout)
    assert hits and {h["report"] for h in hits} == {"nanshan-2024"}
    one = lawgov(
        "--report", str(library / "nanshan-2024.toml"), "get", "mediation.total", cwd=tmp_path
    )
    assert (one.returncode, one.stdout) == (0, "4231\n")
    shown = lawgov("--report", str(library), "--report", str(REPORT_TOML), "reports", cwd=tmp_path)
    assert shown.returncode == 2
    assert [line.split("\t")[0] for line in shown.stdout.splitlines()] == [
        "01-futian-2024",
        "02-broken",
        "11-pingshan-2024",
        "nanshan-2024",
        "report",
    ]


SEVERAL = [
    ["reports"],
    ["reports", "--csv"],
    ["info", "--json"],
    ["search", "复议", "-C", "1"],
    ["search", "法治", "-s", "1", "-c"],
    ["metrics", "--sort", "value", "--desc", "--csv"],
    ["get", "nanshan-2024:mediation.total", "--field", "figure"],
    ["show", "nanshan-2024:4.2", "--json"],
    ["check", "mediation.total > 1"],
    ["validate", "--json"],
]


@pytest.mark.parametrize("args", SEVERAL, ids=" ".join)
def test_the_fast_path_answers_several_reports_as_the_cli_does(
    library: Path, args: list[str]
) -> None:
    line = ["--report", str(library), "--report", str(REPORT_TOML), *args]
    fast = fast_path(line)
    assert fast is not None, "the fast path should take several reports"
    typer = typer_path(line)
    assert (fast.exit_code, fast.stdout, fast.stderr) == (
        typer.exit_code,
        typer.stdout,
        typer.stderr,
    )


@pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")
@pytest.mark.parametrize("args", [["reports"], ["search", "复议", "--json"], ["metrics", "--csv"]])
def test_several_reports_stay_on_the_fast_path_and_import_nothing_new(
    library: Path, tmp_path: Path, args: list[str]
) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    modules = imported_modules(["--report", str(library), *args], tmp_path, env)
    assert "lawgov_cli.cli.fast" in modules and "lawgov_cli.core.library" in modules
    banned = ("typer", "rich", "pydantic", "opencc", "pypdf", "docx", "lxml", "cryptography")
    assert heavy_imports({"run": modules}, banned) == {}


def test_a_toml_that_is_no_regular_file_is_a_report_that_cannot_be_read(library: Path) -> None:
    os.mkfifo(library / "00-pipe.toml")  # opened, it would wait for a writer forever
    (library / "03-folder.toml").mkdir()
    result = invoke("--report", str(library), "reports")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"lawgov: {library / '00-pipe.toml'}: is a FIFO (named pipe), not a regular file",
        f"lawgov: {library / '03-folder.toml'}: is a directory, not a file",
    ]
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == ["00-pipe", "01-futian-2024", "03-folder", *IDS[1:]]
    assert rows[0][6].endswith("is a FIFO (named pipe), not a regular file")


@pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")
def test_one_report_does_not_load_the_several_report_code(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    modules = imported_modules(["get", "mediation.total"], tmp_path, env)
    assert "lawgov_cli.cli.dispatch" in modules  # it measures
    assert not {"lawgov_cli.cli.across", "lawgov_cli.core.library", "hashlib"} & modules


@pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")
def test_a_broken_report_stays_an_error_when_the_reader_stops_early(
    library: Path, tmp_path: Path
) -> None:
    import subprocess

    (library / "02-broken.toml").write_text("title = [", encoding="utf-8")
    for copy in range(8):  # more output than a pipe holds: lawgov is still writing when head quits
        shutil.copy(REPORT_TOML, library / f"copy-{copy}.toml")
    assert LAWGOV is not None
    run = subprocess.run(
        [
            "bash",
            "-c",
            f"set -o pipefail; '{LAWGOV}' --report '{library}' search -e . -C 20 | head -1",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2, run.stderr
    assert len(run.stdout.splitlines()) == 1
