"""What the operating system hands lawgov: special files, terminal widths, locales and file
names that are not UTF-8. Each is run through the installed command, as a user would."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from conftest import REPORT_TOML, SOURCE
from test_installed import LAWGOV, clean_env

pytestmark = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")


def lawgov(
    *args: str | bytes, cwd: Path, env: dict[str, str] | None = None, input: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    """Bytes in and out: some of these arguments and outputs are not text. A timeout
    (subprocess.TimeoutExpired) is a failure: lawgov waited on something."""
    assert LAWGOV is not None
    return subprocess.run(
        [LAWGOV, *args], cwd=cwd, env=env or clean_env(), input=input, capture_output=True,
        timeout=20,
    )  # fmt: skip


# --- special files: never waited on, never read endlessly -------------------------------------


def special_files(tmp_path: Path) -> dict[str, str]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))  # left bound until the test's directory goes
    return {
        str(fifo): "is a FIFO (named pipe), not a regular file",
        "/dev/zero": "is a character device, not a regular file",
        str(tmp_path / "sock"): "is a socket, not a regular file",
        str(tmp_path): "is a directory, not a file",
    }


@pytest.mark.parametrize(
    "args",
    [
        ["--report", "FILE", "info"],
        ["--report", "FILE", "metrics", "--json"],
        ["validate", "FILE"],
        ["check", "--file", "FILE"],
        ["--report", "FILE", "export", "--format", "json"],  # through the Typer CLI
        ["import", "FILE", "-o", "-"],
    ],
)
def test_a_fifo_or_device_is_refused_not_waited_on(tmp_path: Path, args: list[str]) -> None:
    for file, why in special_files(tmp_path).items():
        if args[0] == "import" and why.startswith("is a directory"):
            continue  # import reads the .txt files in a directory
        result = lawgov(*[file if a == "FILE" else a for a in args], cwd=tmp_path)
        assert result.returncode == 2, (file, result.stderr)
        assert result.stderr.decode().splitlines()[0] == f"lawgov: {file}: {why}"
        assert result.stdout == b""


def test_a_fifo_in_lawgov_report_is_refused_and_the_variable_named(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    result = lawgov("info", cwd=tmp_path, env=clean_env({"LAWGOV_REPORT": "fifo"}))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "lawgov: fifo: is a FIFO (named pipe), not a regular file\n"
        "lawgov: hint: the report path comes from the LAWGOV_REPORT variable\n"
    )


def test_stdin_named_is_read_whatever_it_is(tmp_path: Path) -> None:
    """A pipe on stdin is asked for by name (- or /dev/stdin): read it, as cat would."""
    for source in ("-", "/dev/stdin"):
        result = lawgov("import", source, "-o", "-", cwd=tmp_path, input=SOURCE.read_bytes())
        assert result.returncode == 0, result.stderr
        assert b"[[metrics]]" in result.stdout
    report = lawgov("--report", "/dev/stdin", "info", cwd=tmp_path, input=REPORT_TOML.read_bytes())
    assert (report.returncode, report.stdout.splitlines()[-2]) == (0, b"metrics\t58")
    checks = b'[[checks]]\nid = "a"\nexpr = "mediation.total > 0"\n'
    result = lawgov("check", "--file", "/dev/stdin", cwd=tmp_path, input=checks)
    assert (result.returncode, result.stdout) == (0, b"PASS\tmediation.total > 0\n")
