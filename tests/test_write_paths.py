"""The paths a user's files take, run through the installed command: import and export to
files, --force, directories, stdin, errors and a full disk. Whatever happens, nothing the user
owns is overwritten without --force, a replaced file is replaced whole (a new inode, so a hard
link to the old one keeps the old bytes), and no temporary file is left behind."""

from __future__ import annotations

import resource
import subprocess
from pathlib import Path

import pytest

from conftest import SOURCE
from test_installed import LAWGOV, clean_env

pytestmark = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")


def run(*args: str, cwd: Path, stdin: bytes | None = None, fsize: int | None = None):
    """``lawgov ARGS`` in ``cwd``; ``fsize`` caps the size of any file it writes (a full disk:
    RLIMIT_FSIZE, with SIGXFSZ ignored as a shell's ``ulimit -f`` leaves it, so writes fail
    with EFBIG)."""

    def limit() -> None:
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        assert fsize is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    assert LAWGOV is not None
    return subprocess.run(
        [LAWGOV, *args], cwd=cwd, env=clean_env(), input=stdin, capture_output=True,
        preexec_fn=limit if fsize is not None else None, timeout=120,
    )  # fmt: skip


def one_error_line(result: subprocess.CompletedProcess[bytes], *names: str) -> str:
    """The run failed as the house rules say: exit 2, nothing on stdout, one line on stderr
    naming each of ``names`` (perhaps followed by a ``hint:`` line), no traceback."""
    err = result.stderr.decode("utf-8")
    assert (result.returncode, result.stdout) == (2, b""), err
    first, *rest = err.splitlines()
    assert first.startswith("lawgov: ") and err.endswith("\n"), err
    assert all(line.startswith("lawgov: hint: ") for line in rest), err
    assert "Traceback" not in err
    for name in names:
        assert name in err, err
    return err


def files(directory: Path) -> list[str]:
    """The names in ``directory``: what the user sees, temporary files included."""
    return sorted(p.name for p in directory.iterdir())


@pytest.fixture
def source(tmp_path: Path) -> Path:
    copy = tmp_path / "report.txt"
    copy.write_bytes(SOURCE.read_bytes())
    return copy


def test_import_writes_beside_the_source_and_keeps_an_existing_file(
    tmp_path: Path, source: Path
) -> None:
    first = run("import", "report.txt", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == b""  # the report went to the file, not to stdout
    written = (tmp_path / "report.toml").read_bytes()
    assert b"[[metrics]]" in written
    check = run("--report", "report.toml", "validate", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    mine = b"# my own notes\n"
    (tmp_path / "report.toml").write_bytes(mine)
    again = run("import", "report.txt", cwd=tmp_path)
    assert "--force" in one_error_line(again, "report.toml")
    assert (tmp_path / "report.toml").read_bytes() == mine
    assert files(tmp_path) == ["report.toml", "report.txt"]


@pytest.mark.parametrize("command", ["import", "export"])
def test_force_replaces_the_file_whole_and_a_hard_link_keeps_the_old_one(
    tmp_path: Path, source: Path, command: str
) -> None:
    """--force writes a new file and renames it over the old: a backup made as a hard link
    (``ln report.toml backup.toml``) still holds the old bytes."""
    target, backup = tmp_path / "out.toml", tmp_path / "backup.toml"
    target.write_bytes(b"# the old one\n")
    backup.hardlink_to(target)
    args = (
        ["import", "report.txt", "-o", "out.toml", "--force"]
        if command == "import"
        else ["export", "-f", "toml", "-o", "out.toml", "--force"]
    )
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert backup.read_bytes() == b"# the old one\n"
    assert b"[[sections]]" in target.read_bytes()
    assert target.stat().st_ino != backup.stat().st_ino
    assert files(tmp_path) == ["backup.toml", "out.toml", "report.txt"]


def test_import_from_stdin_to_a_file_and_to_stdout(tmp_path: Path) -> None:
    text = SOURCE.read_bytes()
    to_file = run("import", "-", "-o", "from-stdin.toml", cwd=tmp_path, stdin=text)
    assert to_file.returncode == 0, to_file.stderr
    to_stdout = run("import", "-", "-o", "-", cwd=tmp_path, stdin=text)
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert (tmp_path / "from-stdin.toml").read_bytes() == to_stdout.stdout
    # the same report as importing the file by its name
    by_name = run("import", str(SOURCE), "-o", "-", cwd=tmp_path)
    assert (
        by_name.stdout.split(b"[[sections]]", 1)[1] == to_stdout.stdout.split(b"[[sections]]", 1)[1]
    )


def test_import_a_directory_into_a_directory(tmp_path: Path) -> None:
    sources, out = tmp_path / "sources", tmp_path / "out"
    sources.mkdir()
    out.mkdir()
    for name in ("a.txt", "b.txt"):
        (sources / name).write_bytes(SOURCE.read_bytes())
    (sources / "notes.bin").write_bytes(b"\x00\x01 not a report")
    result = run("import", "sources", "-o", "out/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert files(out) == ["a.toml", "b.toml"]
    assert files(sources) == ["a.txt", "b.txt", "notes.bin"]  # nothing written beside them
    again = run("import", "sources", "-o", "out/", cwd=tmp_path)
    assert again.returncode == 2
    assert "--force" in again.stderr.decode("utf-8")
    assert files(out) == ["a.toml", "b.toml"]


def test_export_to_a_file_then_refused_then_forced(tmp_path: Path) -> None:
    made = run("export", "-f", "csv", "-o", "figures.csv", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    piped = run("export", "-f", "csv", cwd=tmp_path)
    assert (tmp_path / "figures.csv").read_bytes() == piped.stdout
    assert piped.stdout.count(b"\n") == 59  # a header and the report's 58 figures
    one_error_line(run("export", "-f", "md", "-o", "figures.csv", cwd=tmp_path), "figures.csv")
    assert (tmp_path / "figures.csv").read_bytes() == piped.stdout
    forced = run("export", "-f", "md", "-o", "figures.csv", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "figures.csv").read_bytes().startswith(b"# ")
    assert files(tmp_path) == ["figures.csv"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["import", "missing.txt"], "missing.txt"),
        (["import", "report.txt", "-o", "report.txt/out.toml"], "report.txt/out.toml"),
        (["export", "-f", "toml", "-o", "report.txt/out.toml"], "report.txt/out.toml"),
        (["export", "-f", "toml", "-o", "."], "."),
    ],
    ids=["missing source", "import under a file", "export under a file", "export onto a directory"],
)
def test_a_bad_path_is_one_line_and_leaves_nothing(
    tmp_path: Path, source: Path, args: list[str], named: str
) -> None:
    one_error_line(run(*args, cwd=tmp_path), named)
    assert files(tmp_path) == ["report.txt"]


@pytest.mark.parametrize("command", ["import", "export"])
def test_a_full_disk_is_one_line_and_leaves_nothing(
    tmp_path: Path, source: Path, command: str
) -> None:
    """The disk fills after 4 KiB (RLIMIT_FSIZE): exit 2, one line, no partial file and no
    temporary file; an existing file under --force is left as it was."""
    args = (
        ["import", "report.txt", "-o", "out.toml"]
        if command == "import"
        else ["export", "-f", "toml", "-o", "out.toml"]
    )
    one_error_line(run(*args, cwd=tmp_path, fsize=4096), "out.toml")
    assert files(tmp_path) == ["report.txt"]
    (tmp_path / "out.toml").write_bytes(b"# kept\n")
    one_error_line(run(*args, "--force", cwd=tmp_path, fsize=4096), "out.toml")
    assert (tmp_path / "out.toml").read_bytes() == b"# kept\n"
    assert files(tmp_path) == ["out.toml", "report.txt"]
