"""Issue 9, tried again around each fix: what the second attack found, from the installed
command. Each test failed before its fix."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from conftest import REPORT_TOML, SOURCE
from test_os_input import lawgov, on_a_terminal


def test_a_file_name_with_a_control_character_imports_and_is_escaped(tmp_path: Path) -> None:
    """The name went raw into the TOML's head comment: internal error: TOMLDecodeError."""
    name = "a\x1bb.txt"
    (tmp_path / name).write_bytes(SOURCE.read_bytes())
    done = lawgov("import", name, "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert text.startswith("# Imported by lawgov 0.1.0 from a\\x1bb.txt (utf-8).")
    tomllib.loads(text)
    assert b"\x1b" not in done.stderr


def test_a_report_path_with_an_escape_is_shown_escaped_by_info(tmp_path: Path) -> None:
    name = "r\x1b[31m.toml"
    (tmp_path / name).write_bytes(REPORT_TOML.read_bytes())
    done = lawgov("--report", name, "info", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.decode("utf-8").endswith("path\tr\\x1b[31m.toml\n")
    code, shown = on_a_terminal(["--report", name, "info"], {"COLUMNS": "80"}, tmp_path)
    assert code == 0
    assert "\x1b[31m.toml" not in shown and "r\\x1b[31m.toml" in shown


def test_a_path_with_a_line_break_stays_on_the_message_lines(tmp_path: Path) -> None:
    folder = tmp_path / "d\ne"
    folder.mkdir()
    (folder / "bad.toml").write_text("[report]\ntitle = 1\n", encoding="utf-8")
    done = lawgov("--report", "d\ne/bad.toml", "info", cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.decode("utf-8").splitlines()
    assert len(lines) == 2, lines
    assert all(line.startswith("lawgov: ") for line in lines)
    assert "d\\ne/bad.toml" in lines[1]
    missing = lawgov("import", "a\nb", "-o", "-", cwd=tmp_path)
    assert missing.stderr.decode("utf-8") == "lawgov: a\\nb: no such file\n"


@pytest.mark.parametrize(
    "args",
    [
        ["show", "9" * 150],
        ["show", "1." + "9" * 380],
        ["get", "a" * 300],
        ["get", "mediation.total", "--field", "x" * 300],
        ["metrics", "--section", "9" * 200],
        ["search", "调解", "--section", "9" * 200],
        ["import", str(SOURCE), "-o", "-", "--year", "9" * 5000],
    ],
    ids=lambda args: " ".join(a[:12] for a in args),
)
def test_a_long_argument_is_quoted_shortened(tmp_path: Path, args: list[str]) -> None:
    """The README promises quotations cut past 100 characters; they were echoed whole."""
    done = lawgov(*args, cwd=tmp_path)
    assert done.returncode == 2
    first = done.stderr.decode("utf-8").splitlines()[0]
    assert len(first) < 250, first
    assert "…" in first


@pytest.mark.parametrize(
    "args",
    [
        ["search", "调解", "-C", "٣"],
        ["search", "调解", "-C", "३"],
        ["search", "调解", "-C", "𝟑"],
        ["search", "调解", "-C", "３"],
        ["import", str(SOURCE), "-o", "-", "--year", "२०२४"],
        ["import", str(SOURCE), "-o", "-", "--year", "٢٠٢٤"],
    ],
)
def test_look_alike_digits_are_no_number_in_options(tmp_path: Path, args: list[str]) -> None:
    done = lawgov(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert b"is not a whole number in digits 0-9" in done.stderr


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_imports(tmp_path: Path, encoding: str) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(text.encode(encoding))
    (tmp_path / "u.txt").write_bytes(text.encode("utf-8"))
    wide = lawgov("import", "r.txt", "-o", "-", cwd=tmp_path)
    plain = lawgov("import", "u.txt", "-o", "-", cwd=tmp_path)
    assert wide.returncode == 0, wide.stderr
    assert f"from r.txt ({encoding})".encode() in wide.stdout
    assert wide.stdout.split(b"\n", 1)[1] == plain.stdout.split(b"\n", 1)[1]


def test_binary_data_with_nul_bytes_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 8)
    done = lawgov("import", "b.txt", "-o", "-", cwd=tmp_path)
    message = b"lawgov: b.txt: binary data (NUL bytes), not report text\n"
    assert (done.returncode, done.stderr) == (2, message)


@pytest.mark.parametrize("columns", ["20", "12", "1"])
def test_an_id_wider_than_the_terminal_is_not_split(tmp_path: Path, columns: str) -> None:
    code, shown = on_a_terminal(
        ["--color", "never", "metrics", "--section", "4.2"], {"COLUMNS": columns}, tmp_path
    )
    assert code == 0
    assert "reconsideration.received" in shown.replace("\r\n", "\n").split("\n")


def test_a_fifo_in_an_imported_directory_is_named_not_passed_over(tmp_path: Path) -> None:
    """Second re-trial: a FIFO named a.txt in a directory import was skipped in silence (exit
    0, "imported 1 of 1"); it is a source that fails, with why."""
    import os

    sources = tmp_path / "sources"
    sources.mkdir()
    os.mkfifo(sources / "a.txt")
    (sources / "b.txt").write_bytes(SOURCE.read_bytes())
    done = lawgov("import", "sources", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    said = done.stderr.decode("utf-8")
    assert "a.txt: is a FIFO (named pipe), not a regular file" in said
    assert (tmp_path / "out" / "b.toml").exists()
