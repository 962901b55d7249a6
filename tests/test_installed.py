"""The installed ``lawgov`` command run as a user runs it: from elsewhere, through pipes."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

import lawgov_cli
from conftest import REPO, sealed, wait_until_settled
from lawgov_cli.core.loading import bundled_report_path

LAWGOV = shutil.which("lawgov", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")


FIX_INSTALL = ".venv/bin/pip install -e '.[test]'"


def _fingerprints(package: Path) -> dict[str, str]:
    """sha256 of each source and data file of a ``lawgov_cli`` package directory."""
    return {
        path.relative_to(package).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(package.rglob("*"))
        if path.is_file() and path.suffix in (".py", ".toml") and "__pycache__" not in path.parts
    }


def _source_fingerprints() -> dict[str, str]:
    """What a fresh install of this working tree holds: src/lawgov_cli plus the data files
    pyproject.toml's force-include copies into the package."""
    prints = _fingerprints(REPO / "src" / "lawgov_cli")
    data = REPO / "data"
    for name in ("report.toml", "indicators.toml"):
        prints[f"data/{name}"] = hashlib.sha256((data / name).read_bytes()).hexdigest()
    for path, digest in _fingerprints(data / "audit").items():
        prints[f"data/audit/{path}"] = digest
    return prints


def differences_from_source(package: Path) -> list[str]:
    """The files of an installed ``lawgov_cli`` directory that differ from the working tree's
    (changed, missing or extra)."""
    installed, wanted = _fingerprints(package), _source_fingerprints()
    return sorted(p for p in wanted.keys() | installed.keys() if wanted.get(p) != installed.get(p))


def stale_install() -> str | None:
    """Why the installed ``lawgov`` does not run this working tree's code, or None when it
    does: an editable install of this checkout, or a copy whose files match src/ and data/."""
    try:
        dist = importlib.metadata.distribution("lawgov")
    except importlib.metadata.PackageNotFoundError:
        return "lawgov is not installed"
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    if direct.get("dir_info", {}).get("editable"):
        where = Path(unquote(urlparse(direct["url"]).path)).resolve()
        return None if where == REPO else f"it is an editable install of {where}, not of {REPO}"
    differ = differences_from_source(Path(str(dist.locate_file("lawgov_cli"))))
    if not differ:
        return None
    return f"{len(differ)} files differ from the working tree ({', '.join(differ[:3])}...)"


@functools.cache
def _stale_install() -> str | None:
    return stale_install()


def require_fresh_install() -> None:
    """Fail (loudly, with the fix) a test of the installed command that would run old code.
    Under mutation testing (tools/mutation.py: the tests run in a copy, mutants/) such a test
    is skipped: the installed command runs the working tree, never a mutant."""
    if REPO.name == "mutants" and (REPO.parent / "pyproject.toml").is_file():
        pytest.skip("mutation testing: the installed command cannot run the mutants")
    reason = _stale_install()
    if reason:
        pytest.fail(
            f"the installed lawgov is stale: {reason}. Reinstall from {REPO}: {FIX_INSTALL}",
            pytrace=False,
        )


def clean_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The test's environment sealed (conftest.SEALED_ENV: no lawgov or colour settings of the
    user's, known locale, encoding and terminal size), plus ``env``. Every test that starts
    the installed command builds its environment here, so each fails if that copy is stale."""
    require_fresh_install()
    return sealed(os.environ) | (env or {})


def lawgov(*args: str, cwd: Path, env: dict[str, str] | None = None, **kw: object):
    return subprocess.run(
        [LAWGOV, *args], cwd=cwd, env=clean_env(env), capture_output=True, text=True, **kw
    )


def test_the_installed_copy_runs_this_working_tree() -> None:
    assert stale_install() is None, f"stale install: {FIX_INSTALL}"


def test_a_stale_copy_is_told_apart_from_the_working_tree(tmp_path: Path) -> None:
    """A regular (non-editable) install is a copy: changing src/ afterwards makes it stale."""
    copy = tmp_path / "lawgov_cli"
    shutil.copytree(REPO / "src" / "lawgov_cli", copy)
    shutil.copytree(REPO / "data" / "audit", copy / "data" / "audit")
    for name in ("report.toml", "indicators.toml"):
        shutil.copy(REPO / "data" / name, copy / "data" / name)
    assert differences_from_source(copy) == []
    numbers = copy / "core" / "numbers.py"
    numbers.write_text(numbers.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    (copy / "core" / "gone.py").write_text("", encoding="utf-8")
    (copy / "data" / "indicators.toml").unlink()
    assert differences_from_source(copy) == [
        "core/gone.py", "core/numbers.py", "data/indicators.toml",
    ]  # fmt: skip


def test_works_from_any_directory_with_the_bundled_report(tmp_path: Path) -> None:
    result = lawgov("info", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["metrics"] == 58
    package = Path(lawgov_cli.__file__).resolve().parent
    if not package.is_relative_to(REPO):  # a regular (non-editable) install
        assert Path(info["path"]).is_relative_to(package), "report not bundled in the package"


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lawgov_cli", "--version"], cwd=tmp_path, capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 0
    assert result.stdout == f"lawgov {lawgov_cli.__version__}\n"


def test_exit_codes_and_clean_stderr(tmp_path: Path) -> None:
    found = lawgov("search", "调解", cwd=tmp_path)
    assert (found.returncode, found.stderr) == (0, "")
    assert "\x1b[" not in found.stdout
    none = lawgov("search", "不存在的词", cwd=tmp_path)
    assert (none.returncode, none.stdout, none.stderr) == (1, "", "")
    error = lawgov("show", "9.9", cwd=tmp_path)
    assert error.returncode == 2
    assert error.stderr.startswith("lawgov: no section '9.9'")
    assert "Traceback" not in error.stderr


def test_bad_report_file(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("[report\n", encoding="utf-8")
    result = lawgov("--report", "bad.toml", "info", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("lawgov: bad.toml:1:8: invalid TOML")
    assert result.stderr.count("\n") == 1


def test_colour_into_a_pipe(tmp_path: Path) -> None:
    """FORCE_COLOR (set by many CI systems) must not turn piped records into a table."""
    forced = lawgov("metrics", "-s", "4.2", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in forced.stdout
    assert forced.stdout.splitlines()[0].split("\t")[0] == "reconsideration.received"
    always = lawgov("--color", "always", "search", "复议", cwd=tmp_path)
    assert "\x1b[" in always.stdout
    never = lawgov("--color", "always", "search", "复议", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert "\x1b[" in never.stdout  # the option beats the environment


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """``lawgov search 的 | head -1`` on a report big enough to overflow the pipe buffer."""
    sections = "".join(
        f'[[sections]]\nid = "{i}"\nnumber = "{i}"\ntitle = "标题"\ntext = "{"的文字。" * 40}"\n\n'
        for i in range(1, 400)
    )
    (tmp_path / "big.toml").write_text(
        '[report]\ntitle = "大"\ndate = 2024-12-31\nyear = 2024\n\n' + sections, encoding="utf-8"
    )
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"'{LAWGOV}' --report big.toml search 的 | head -1"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0
    assert result.stdout.startswith("1\t")
    assert result.stderr == ""


def test_a_verdict_survives_a_reader_that_stops_early(tmp_path: Path) -> None:
    """``lawgov check … | head -1`` under pipefail: a failing check still fails the pipeline,
    however much output the reader left unread."""
    checks = "".join(
        f'[[checks]]\nid = "ok.{i}"\nexpr = "mediation.total > {i}"\n\n' for i in range(3000)
    )
    failing = '[[checks]]\nid = "too.many"\nexpr = "mediation.total > 99999"\n'
    (tmp_path / "checks.toml").write_text(checks + failing, encoding="utf-8")
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"'{LAWGOV}' check --file checks.toml | head -1"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == "PASS\tmediation.total > 0\n"


# Libraries only ``lawgov import`` may load, each on the path of the format it reads.


def imported_modules(args: list[str], cwd: Path, env: dict[str, str]) -> set[str]:
    """The modules ``lawgov ARGS`` imports, read from ``python -X importtime``."""
    assert LAWGOV is not None
    result = subprocess.run(
        [sys.executable, "-X", "importtime", LAWGOV, *args],
        cwd=cwd, env=clean_env(env), capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}


def imports_in_each_cache_state(args: list[str], tmp_path: Path) -> dict[str, set[str]]:
    """What ``lawgov ARGS`` imports with the report cache cold (a miss, then a store), warm (a
    hit) and off: each path can pull in a module the others do not, so a guard must see all
    three. Each cache lives in a directory of its own, never one the other tests warmed."""
    from lawgov_cli.system.package import indicators_file

    for report in (bundled_report_path(), REPO / "data" / "report.toml", Path(indicators_file())):
        wait_until_settled(report)
    home = tmp_path / "cache-home"
    runs = {
        "cold": imported_modules(args, tmp_path, {"XDG_CACHE_HOME": str(home)}),
        "warm": imported_modules(args, tmp_path, {"XDG_CACHE_HOME": str(home)}),
        "off": imported_modules(
            args, tmp_path, {"XDG_CACHE_HOME": str(tmp_path / "off"), "LAWGOV_NO_CACHE": "1"}
        ),
    }
    # The states are what they claim: the cold run parsed the file and, save for validate
    # (which always reads the file itself), stored it for the warm run to use unparsed.
    assert "tomllib" in runs["cold"]
    if "validate" not in args:
        assert list((home / "lawgov").glob("*.marshal")), "the cold run stored nothing"
        # compare names its indicators and compares units as data/indicators.toml says: that
        # file's parsed data comes from the cache too (storage/data_cache.py).
        assert "tomllib" not in runs["warm"]
    assert not (tmp_path / "off" / "lawgov").exists()
    return runs


# The libraries of the import path (PDF and Word readers): no read command loads them.
# Libraries only import loads (PDF, Word, web pages): no read command may.
IMPORT_LIBRARIES = ("pypdf", "docx", "lxml", "cryptography")
IMPORT_ONLY = IMPORT_LIBRARIES


def heavy_imports(runs: dict[str, set[str]], banned: tuple[str, ...]) -> dict[str, set[str]]:
    """For each cache state, the banned packages' modules it imported (none, we hope)."""
    found = {
        state: {m for m in modules if m.split(".")[0] in banned} for state, modules in runs.items()
    }
    return {state: modules for state, modules in found.items() if modules}


@pytest.mark.parametrize(
    "args",
    [
        ["metrics", "--json"],
        ["metrics", "--csv"],
        ["metrics"],
        ["metrics", "--indicator", "mediation.disputes", "--csv"],
        ["sections", "--json"],
        ["search", "调解"],
        ["show", "3", "--json"],
        ["info"],
        ["get", "mediation.total"],
        ["check"],
        ["check", "mediation.total > 1", "--json"],
        ["validate"],
        ["export", "--format", "csv"],
        ["export", "--format", "json"],
        ["compare", "mediation.success-rate", "--json"],
        ["compare", "mediation.disputes", "reconsideration.received", "--csv"],
        ["compare", "mediation.disputes", "--sort", "value"],
    ],
)
def test_machine_and_piped_paths_do_not_import_rich(tmp_path: Path, args: list[str]) -> None:
    """Checked with ``python -X importtime`` on the installed script: a guard that cannot flake.
    OpenCC stays out too: our report is in Simplified characters."""
    runs = imports_in_each_cache_state(args, tmp_path)
    assert all("lawgov_cli.cli.dispatch" in modules for modules in runs.values())  # it measures
    assert heavy_imports(runs, ("rich", "pydantic", "opencc", *IMPORT_ONLY)) == {}
    # One report read: the library index (storage/library_index.py) is for several.
    assert all("lawgov_cli.storage.library_index" not in modules for modules in runs.values())


@pytest.mark.parametrize(
    "args",
    [
        ["metrics", "--json"],
        ["--report", "REPORT", "sections", "--json"],
        ["get", "mediation.success-rate"],
        ["get", "mediation.total", "mediation.succeeded", "--field", "figure"],
        ["metrics", "-i", "mediation.success-rate"],
        ["metrics", "-s", "4", "--sort", "value", "--desc", "--csv"],
        ["info"],
        ["show", "3"],
        ["search", "调解", "-C", "1"],
        ["search", "-e", "[0-9]+%", "--json"],
        ["check"],
        ["check", "mediation.total > 1", "--json"],
        ["validate", "REPORT"],
        ["compare", "mediation.success-rate", "--json"],
        ["compare", "mediation.disputes", "--sort", "value", "--desc"],
    ],
)
def test_fast_path_does_not_import_typer(tmp_path: Path, args: list[str]) -> None:
    """The commands shell loops call most run without Typer (fast.py): a guard against a
    change that quietly sends them back through the full CLI."""
    args = [str(REPO / "data" / "report.toml") if a == "REPORT" else a for a in args]
    runs = imports_in_each_cache_state(args, tmp_path)
    assert all("lawgov_cli.cli.fast" in modules for modules in runs.values())
    # OpenCC only for text in Traditional characters (test_traditional.py): not for ours
    assert heavy_imports(runs, ("typer", "rich", "pydantic", "opencc", *IMPORT_ONLY)) == {}


def test_the_html_parser_loads_only_to_read_a_web_page(tmp_path: Path) -> None:
    """lxml is imported by the web-page reader alone: not by importing a text source, and (the
    guards above) by no read command."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    text = imported_modules(
        ["import", str(REPO / "data" / "source" / "nanshan-2024.txt"), "-o", "-"], tmp_path, env
    )
    assert "lawgov_cli.importer.readers.webpage" in text  # it measures
    assert {m for m in text if m.split(".")[0] in IMPORT_ONLY} == set()
    page = REPO / "tests" / "fixtures" / "html" / "nanshan-2024.html"
    html = imported_modules(["import", str(page), "-o", "-"], tmp_path, env)
    assert "lxml.html" in html


@pytest.mark.parametrize(
    "args",
    [
        ["metrics", "--json"],
        ["metrics", "--csv"],
        ["export", "--format", "md"],
        ["import", str(REPO / "data" / "source" / "nanshan-2024.txt"), "-o", "-"],
    ],
)
def test_machine_formats_are_utf8_whatever_the_locale(tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run(
        [LAWGOV, *args], cwd=tmp_path, capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert "行政复议" in result.stdout.decode("utf-8")


def test_a_closed_stdout_or_an_encoding_without_chinese_is_a_clear_error(tmp_path: Path) -> None:
    closed = subprocess.run(
        ["bash", "-c", f"'{LAWGOV}' info >&-"], cwd=tmp_path, capture_output=True, text=True
    )
    assert closed.returncode == 2
    assert closed.stderr == "lawgov: cannot write output: stdout is closed\n"
    latin = lawgov("info", cwd=tmp_path, env={"PYTHONIOENCODING": "latin-1"})
    assert latin.returncode == 2
    assert latin.stderr.startswith("lawgov: cannot write output: the output encoding (latin-1)")
    assert "Traceback" not in latin.stderr


def test_only_the_commands_that_compare_text_read_the_list_of_traditional_characters(
    tmp_path: Path,
) -> None:
    """Reading Traditional characters costs a set of 5,119 characters (about 1 ms and 1 MB):
    search and the figure filters build it, the cached answers and check do not."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    imported_modules(["metrics", "--json"], tmp_path, env)  # warms the cache
    for args in (["metrics", "--json"], ["get", "mediation.total"], ["check"], ["info"]):
        assert "lawgov_cli.core.traditional_chars" not in imported_modules(args, tmp_path, env)
    assert "lawgov_cli.core.traditional_chars" in imported_modules(
        ["search", "调解"], tmp_path, env
    )
