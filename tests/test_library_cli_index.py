"""The installed command over several reports answers `reports`, `info`, `sections`, `search`,
`metrics` (without --section), `compare` and `indicators` from the library index
(storage/library_index.py, cli/indexed.py): the same answers as each report read alone, a
changed or added file read again (and only it), and several processes at once.

The library: data/library/ (the bundled report and eight real page openings, imported; the
openings are excerpts cut after about 700 characters), copied so that tests may change it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import REPO, wait_until_settled
from test_installed import LAWGOV, clean_env

pytestmark = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO / "data" / "library", tmp_path / "library"))


def run(*args: str, home: Path, debug: bool = False) -> subprocess.CompletedProcess[str]:
    env = clean_env({"XDG_CACHE_HOME": str(home)} | ({"LAWGOV_DEBUG": "1"} if debug else {}))
    assert LAWGOV is not None
    return subprocess.run([LAWGOV, *args], env=env, capture_output=True, text=True, timeout=120)


def files_read(result: subprocess.CompletedProcess[str]) -> int:
    lines = [x for x in result.stderr.splitlines() if "library index:" in x]
    assert lines, result.stderr
    return int(lines[-1].split("library index: ")[1].split()[0])


def each_alone(library: Path, *args: str, home: Path) -> list[dict[str, object]]:
    """What each report answers read alone, as records with its id first."""
    records: list[dict[str, object]] = []
    for path in sorted(library.glob("*.toml")):
        alone = run("--report", str(path), *args, home=home)
        assert alone.returncode in (0, 1), alone.stderr
        records += [{"report": path.stem, **r} for r in json.loads(alone.stdout)]
    return records


@pytest.mark.parametrize(
    "args",
    [
        ["search", "法治", "--json"],
        ["search", "复议", "--json"],
        ["search", "學法", "--json"],  # Traditional characters find the Simplified text
        ["search", "学法", "-C", "1", "--json"],
        ["search", "法治", "政府", "--all", "--json"],
        ["search", "[0-9]+次", "--regex", "--json"],
        ["search", "法治", "-c", "--json"],
        ["metrics", "--indicator", "leadership.theory-group", "--json"],
        ["metrics", "--indicator", "leadership.law-topics", "--sort", "value", "--json"],
        ["metrics", "--json"],
        ["metrics", "--unit", "次", "--json"],
        ["metrics", "--grep", "学习", "--sort", "value", "--desc", "--json"],
    ],
    ids=lambda a: " ".join(a),
)
def test_the_index_answers_as_each_report_alone(
    library: Path, tmp_path: Path, args: list[str]
) -> None:
    home = tmp_path / "cache"
    for attempt in ("cold", "warm"):
        together = run("--report", str(library), *args, home=home)
        assert together.returncode == 0, (attempt, together.stderr)
        assert json.loads(together.stdout) == each_alone(library, *args, home=home), attempt


def test_reports_counts_are_each_reports_own(library: Path, tmp_path: Path) -> None:
    home = tmp_path / "cache"
    rows = json.loads(run("--report", str(library), "reports", "--json", home=home).stdout)
    assert [r["report"] for r in rows] == sorted(p.stem for p in library.glob("*.toml"))
    for row in rows:
        info = json.loads(run("--report", str(row["path"]), "info", "--json", home=home).stdout)
        assert (row["sections"], row["figures"]) == (info["sections"], info["metrics"])
        assert (row["issuer"], row["year"], row["date"]) == (
            info["issuer"],
            info["year"],
            info["date"],
        )
        assert row["excerpt"] == info["excerpt"]


def test_a_changed_file_is_read_again_and_only_it(library: Path, tmp_path: Path) -> None:
    home = tmp_path / "cache"
    time.sleep(2.1)  # the copies settle: a file changed in the last 2 s is read again next time
    first = run("--report", str(library), "search", "法治督察", home=home, debug=True)
    assert first.returncode == 1 and files_read(first) == 9
    target = library / "futian-2024.toml"
    text = target.read_text(encoding="utf-8")
    # A sentence of the report's text becomes one the search finds (synthetic edit).
    target.write_text(text.replace("法治政府建设各项工作", "法治督察各项工作", 1), encoding="utf-8")
    time.sleep(2.1)  # settled: a file changed in the last 2 s is read again next time too
    second = run("--report", str(library), "search", "法治督察", home=home, debug=True)
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("futian-2024\t0\t") and files_read(second) == 1
    third = run("--report", str(library), "search", "法治督察", home=home, debug=True)
    assert third.stdout == second.stdout and files_read(third) == 0


def test_added_reports_are_the_only_ones_read(library: Path, tmp_path: Path) -> None:
    home = tmp_path / "cache"
    time.sleep(2.1)  # the copies settle (as above)
    assert files_read(run("--report", str(library), "reports", home=home, debug=True)) == 9
    for name in ("copy-a", "copy-b"):  # copies of a real excerpt under new names
        shutil.copy(library / "futian-2023.toml", library / f"{name}.toml")
    time.sleep(2.1)
    again = run("--report", str(library), "reports", home=home, debug=True)
    assert files_read(again) == 2
    assert [line.split("\t")[0] for line in again.stdout.splitlines()][:2] == ["copy-a", "copy-b"]


def test_a_broken_file_is_named_and_the_others_answered(library: Path, tmp_path: Path) -> None:
    home = tmp_path / "cache"
    (library / "broken.toml").write_text("[report\n", encoding="utf-8")
    for args in (["search", "学法"], ["reports"], ["compare", "leadership.theory-group"]):
        result = run("--report", str(library), *args, home=home)
        assert result.returncode == 2, args
        assert "broken.toml" in result.stderr and "Traceback" not in result.stderr
        assert result.stdout, args  # the others answered


def test_several_processes_at_once_answer_alike(library: Path, tmp_path: Path) -> None:
    """Eight processes on a cold cache build (and replace) the index at the same time."""
    home = tmp_path / "cache"
    alone = run("--report", str(library), "search", "法治", "--json", home=tmp_path / "other")
    with ThreadPoolExecutor(8) as pool:
        results = list(
            pool.map(
                lambda _: run("--report", str(library), "search", "法治", "--json", home=home),
                range(8),
            )
        )
    assert all(r.returncode == 0 and r.stdout == alone.stdout for r in results)
    leftovers = [n for n in os.listdir(home / "lawgov") if n.startswith(".")]
    assert not leftovers, leftovers  # no temporary file left behind


def test_one_unreadable_report_is_one_line_several_are_each_named(tmp_path: Path) -> None:
    home = tmp_path / "cache"
    missing = str(tmp_path / "missing.toml")
    one = run("--report", missing, "reports", home=home)
    assert (one.returncode, one.stdout) == (2, "")
    assert one.stderr.splitlines() == [f"lawgov: {missing}: no such file"]
    two = run("--report", missing, "--report", missing + "2", "search", "x", home=home)
    assert two.returncode == 2 and two.stdout == ""
    assert two.stderr.splitlines()[-1] == "lawgov: could not read any of the 2 reports named"
    assert len(two.stderr.splitlines()) == 3  # each named, then the verdict


def test_one_file_reached_by_two_paths_is_an_error(library: Path, tmp_path: Path) -> None:
    """A symlinked directory beside the real one would count each report twice."""
    (tmp_path / "again").symlink_to(library)
    result = run("--report", str(library), "--report", str(tmp_path / "again"), "reports",
                 home=tmp_path / "cache")  # fmt: skip
    assert (result.returncode, result.stdout) == (2, "")
    assert "the same report file is named twice" in result.stderr


def test_a_missing_section_names_no_one_report(library: Path, tmp_path: Path) -> None:
    result = run("--report", str(library), "search", "复议", "-s", "9", home=tmp_path / "c")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "lawgov: no section '9' in any of the 9 reports read"


@pytest.mark.parametrize(
    "args",
    [["search", "，"], ["search", "复议", "法治"], ["search", "法治", "-C", "1"]],
    ids=lambda a: " ".join(a),
)
def test_plain_search_is_each_reports_lines_under_its_id(
    library: Path, tmp_path: Path, args: list[str]
) -> None:
    """Piped (plain) output across the library, stdout unbuffered as in the benchmark's
    environment: each report's own lines, its id first. A caseless word (，folds to ,) is
    found by str.find in the index."""
    env = clean_env({"XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONUNBUFFERED": "1"})
    assert LAWGOV is not None

    def lines(report: Path) -> list[str]:
        done = subprocess.run(
            [LAWGOV, "--report", str(report), *args], env=env, capture_output=True, text=True
        )
        assert done.returncode in (0, 1), done.stderr
        return done.stdout.splitlines()

    expected = [
        f"{path.stem}\t{line}" for path in sorted(library.glob("*.toml")) for line in lines(path)
    ]
    assert len(expected) > 20
    for _ in ("cold", "warm"):
        assert lines(library) == expected


@pytest.mark.parametrize("command", ["info", "sections"])
def test_info_and_sections_come_from_the_index_as_each_report_alone(
    library: Path, tmp_path: Path, command: str
) -> None:
    """`info` and `sections` over several reports read the index (no report file parsed on a
    warm index), and say what each report says alone: JSON records with its id first, plain
    lines with its id in front."""
    home = tmp_path / "cache"
    for path in library.glob("*.toml"):  # copied just now: settled, so the index keeps them
        wait_until_settled(path)
    alone_json: list[object] = []
    alone_plain: list[str] = []
    for path in sorted(library.glob("*.toml")):
        one = run("--report", str(path), command, "--json", home=home)
        assert one.returncode == 0, one.stderr
        answer = json.loads(one.stdout)
        records = answer if isinstance(answer, list) else [answer]
        alone_json += [{"report": path.stem, **record} for record in records]
        lines = run("--report", str(path), command, home=home).stdout.splitlines()
        alone_plain += [f"{path.stem}\t{line}" for line in lines]
    for attempt in ("cold", "warm"):
        together = run("--report", str(library), command, "--json", home=home, debug=True)
        assert together.returncode == 0, together.stderr
        assert json.loads(together.stdout) == alone_json, attempt
        assert files_read(together) == (0 if attempt == "warm" else 9)
    plain = run("--report", str(library), command, home=home)
    assert plain.stdout.splitlines() == alone_plain
    if command == "info":  # the counts are each report's own, figures too
        counts = {r["report"]: r["metrics"] for r in alone_json}  # type: ignore[index]
        assert counts["nanshan-2024"] == 58 and len(set(counts.values())) > 2


def test_get_and_check_come_from_the_index_as_each_report_alone(
    library: Path, tmp_path: Path
) -> None:
    """`get` and `check` with an expression over several reports read the figures from the
    index (no report file parsed on a warm index), with what each report answers alone; a
    report's own [[checks]] still load it (the index holds none)."""
    home = tmp_path / "cache"
    for path in library.glob("*.toml"):  # copied just now: settled, so the index keeps them
        wait_until_settled(path)
    wanted = "s1-1-1.f1"  # in five of the nine reports
    for args in (["get", wanted, "--json"], ["check", f"{wanted} > 0", "--json"]):
        expected: list[object] = []
        for path in sorted(library.glob("*.toml")):
            one = run("--report", str(path), *args, home=home)
            if one.returncode == 2:
                continue  # not in this report: for get, left out; for check, its error
            records = json.loads(one.stdout)
            expected += [{"report": path.stem, **r} for r in records]
        assert len(expected) == 5
        run("--report", str(library), "reports", home=home)  # the index built
        together = run("--report", str(library), *args, home=home, debug=True)
        assert files_read(together) == 0, args
        got = json.loads(together.stdout)
        assert got == expected, args
        if args[0] == "check":  # each report without the figure: named, exit 2
            assert together.returncode == 2
            assert together.stderr.count("unknown metric") == 4
        else:
            assert together.returncode == 0
    own = run("--report", str(library), "check", home=home, debug=True)
    assert "library index:" not in own.stderr  # each report loaded, for its own [[checks]]
    assert own.stdout.count("nanshan-2024\t") > 3  # the bundled report's checks
