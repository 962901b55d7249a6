"""``lawgov import DIRECTORY``: every file a reader takes, each read by what it holds; a
progress bar on a terminal, then a summary and the files that failed, with why."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from lawgov_cli import load_report
from lawgov_cli.importer import readers
from lawgov_cli.importer.readers import Reader
from test_cli import fails, run
from test_installed import LAWGOV, clean_env

IMPORT_FIXTURES = REPO / "tests" / "fixtures" / "import"
FETCH_FIXTURES = REPO / "tests" / "fixtures" / "fetch"
QINGHE = (IMPORT_FIXTURES / "qinghe-2024.txt").read_bytes()
YUNLING = (IMPORT_FIXTURES / "yunling-2024.txt").read_bytes()


def folder(root: Path, files: dict[str, bytes]) -> Path:
    directory = root / "reports"
    for name, content in files.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(content)
    return directory


def test_a_directory_takes_the_files_a_reader_takes(runner: CliRunner, tmp_path: Path) -> None:
    """Not hidden files, not subdirectories, not other kinds; the extension's case does not
    matter; a file that fails does not stop the others, and is listed at the end."""
    directory = folder(
        tmp_path,
        {
            "a.txt": QINGHE,
            "B.TXT": YUNLING,
            "broken.txt": b"\x00\x01\x02",
            ".a.txt.swp": QINGHE,
            ".hidden.txt": QINGHE,
            "sub/c.txt": QINGHE,
            "notes.md": QINGHE,
        },
    )
    (directory / "folder.txt").mkdir()
    result = run(runner, "import", str(directory), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["B.toml", "a.toml"]
    assert result.stderr.splitlines()[-3:] == [
        "lawgov: imported 2 of 3 sources: 42 sections, 43 figures, 0 notes",
        "lawgov: not imported: 1 of 3 sources:",
        f"lawgov:   {directory / 'broken.txt'}: binary data (NUL bytes), not report text",
    ]


def test_a_directory_with_one_good_file_is_summed_up(runner: CliRunner, tmp_path: Path) -> None:
    directory = folder(tmp_path, {"a.txt": QINGHE})
    result = run(runner, "import", str(directory))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "lawgov: imported 1 of 1 sources: 19 sections, 26 figures, 0 notes"
    )
    assert (directory / "a.toml").is_file()


def test_a_directory_with_nothing_to_import(runner: CliRunner, tmp_path: Path) -> None:
    directory = folder(tmp_path, {"notes.md": QINGHE, ".hidden.txt": QINGHE})
    result = fails(runner, "import", str(directory))
    suffixes = ", ".join(readers.suffixes())
    assert result.stderr == (
        f"lawgov: {directory}: no files to import in this directory ({suffixes})\n"
    )


def fake_read(raw: bytes, name: str) -> tuple[str, str]:
    return raw.removeprefix(b"%FAKE-1\n").decode("utf-8-sig"), "fake format"


FAKE = Reader("fake", (".fake",), lambda raw: raw.startswith(b"%FAKE-1\n"), fake_read)


def test_content_chooses_the_reader_whatever_the_extension(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader added to READERS takes its files in a directory (by extension) and its content
    under any other name (a .txt that is really its format)."""
    monkeypatch.setattr(readers, "READERS", (FAKE, *readers.READERS))
    directory = folder(
        tmp_path, {"in-disguise.txt": b"%FAKE-1\n" + QINGHE, "plain.fake": b"%FAKE-1\n" + QINGHE}
    )
    result = run(runner, "import", str(directory))
    assert result.exit_code == 0, result.stderr
    for name in ("in-disguise.txt", "plain.fake"):
        written = directory / name.replace(Path(name).suffix, ".toml")
        first = written.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# Imported by lawgov 0.1.0 from {directory / name} (fake format)."


@pytest.mark.parametrize(
    ("fixture", "suffix"),
    [("page-gbk.html", ".html"), ("report.pdf", ".pdf"), ("report.docx", ".docx")],
)
def test_a_document_saved_as_txt_goes_to_its_reader(
    runner: CliRunner, tmp_path: Path, fixture: str, suffix: str
) -> None:
    """Skipped only while the importer has no reader for the format (they are being added on
    other branches): once it has one, a page or document named .txt is read by it."""
    if not any(suffix in reader.suffixes for reader in readers.READERS):
        pytest.skip(f"no {suffix} reader in the importer yet")
    directory = folder(tmp_path, {"saved.txt": (FETCH_FIXTURES / fixture).read_bytes()})
    result = run(runner, "import", str(directory))
    assert result.exit_code == 0, result.stderr
    report = load_report(directory / "saved.toml")
    assert report.title == "柳岸区人民政府2024年法治政府建设年度报告"


@pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")
def test_installed_directory_import_on_a_terminal(tmp_path: Path) -> None:
    """The progress bar on stderr (a terminal), then the summary and the failures."""
    # Imported here: test_os_input starts the installed command as it is collected, which
    # mutation testing (tests run in mutants/, the command cannot) skips, module and all.
    from test_os_input import on_a_terminal

    folder(tmp_path, {"a.txt": QINGHE, "b.txt": YUNLING, "c.txt": b"\xff\xfe\x00"})
    code, said = on_a_terminal(["import", "reports", "-o", "out/"], {}, tmp_path, stderr=True)
    assert code == 2
    assert "internal error" not in said
    assert "imported 2 of 3 sources: 42 sections, 43 figures, 0 notes" in said
    assert "not imported: 1 of 3 sources:" in said
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.toml", "b.toml"]


@pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")
def test_installed_directory_import_into_a_pipe(tmp_path: Path) -> None:
    directory = folder(tmp_path, {"a.txt": QINGHE, "b.txt": b""})
    shutil.copyfile(IMPORT_FIXTURES / "yunling-2024.txt", directory / "c.TXT")
    assert LAWGOV is not None
    done = subprocess.run(
        [LAWGOV, "import", "reports"], cwd=tmp_path, env=clean_env(), capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "lawgov: wrote reports/a.toml (19 sections, 26 figures)",
        "lawgov: wrote reports/c.toml (23 sections, 17 figures)",
        "lawgov: imported 2 of 3 sources: 42 sections, 43 figures, 0 notes",
        "lawgov: not imported: 1 of 3 sources:",
        "lawgov:   reports/b.txt: empty file, nothing to import",
    ]
