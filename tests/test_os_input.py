"""What the operating system hands lawgov: special files, terminal widths, locales and file
names that are not UTF-8. Each is run through the installed command, as a user would."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from conftest import REPORT_TOML, SOURCE
from lawgov_cli.core.errors import shown
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
        named = shown(str(file))  # as messages quote a path: cut in the middle past 100
        expected = f"lawgov: {named}: {why}"
        if args[0] == "--report" and why.startswith("is a directory"):
            # --report DIR reads the reports in it (README, Several reports): here there are none
            expected = f"lawgov: {named}: no report file (*.toml) in this directory"
            if args[2] == "export":
                expected = "lawgov: this command reads one report file, not a directory or several"
                expected += " reports"
        result = lawgov(*[file if a == "FILE" else a for a in args], cwd=tmp_path)
        assert result.returncode == 2, (file, result.stderr)
        assert result.stderr.decode().splitlines()[0] == expected
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


# --- terminal width: COLUMNS=0 and other nonsense ---------------------------------------------


def on_a_terminal(
    args: list[str], env: dict[str, str], cwd: Path, stderr: bool = False
) -> tuple[int, str]:
    """Run lawgov with stdout (or stderr) on a pseudo-terminal (never given a size, so it
    reports 0 columns, as some do); its exit code and all it printed there."""
    assert LAWGOV is not None
    leader, follower = os.openpty()
    try:
        process = subprocess.Popen(
            [LAWGOV, *args], cwd=cwd, env=clean_env(env),
            stdout=subprocess.DEVNULL if stderr else follower,
            stderr=follower if stderr else subprocess.PIPE, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the follower side closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = process.wait(timeout=60)
        if not stderr:
            assert process.stderr is not None
            assert process.stderr.read() == b""
    finally:
        os.close(leader)
    return code, b"".join(chunks).decode("utf-8")


# Each command with something its output must hold, however narrow the drawing.
TERMINAL_COMMANDS = [
    (["info"], "南山区人民政府"),
    (["sections"], "4.1"),
    (["show", "4.1"], "加强行政调解工作"),
    (["search", "调解"], "4.1"),
    (["metrics"], "mediation.success-rate"),
    (["check"], "PASS"),
    (["validate"], "有效"),
]


@pytest.mark.parametrize(
    "size",
    [
        {"COLUMNS": "0"},
        {"COLUMNS": "-1"},
        {"COLUMNS": str(10**9)},
        {"COLUMNS": "9" * 5000},  # more digits than int() reads
        {"COLUMNS": "²"},  # a digit to str.isdigit(), not to int()
        {"COLUMNS": "wide"},
        {"COLUMNS": ""},
        {"COLUMNS": "1"},
        {"COLUMNS": "3"},
        {"LINES": "0", "COLUMNS": "²"},
    ],
    ids=lambda size: " ".join(f"{k}={v[:12]}" for k, v in size.items()),
)
@pytest.mark.parametrize(("args", "shown"), TERMINAL_COMMANDS)
def test_any_columns_value_still_prints_the_data(
    tmp_path: Path, size: dict[str, str], args: list[str], shown: str
) -> None:
    code, out = on_a_terminal(args, size, tmp_path)
    assert code == 0
    # Narrow, the view folds its lines anywhere: read it without colours and line breaks.
    assert shown in re.sub(r"\x1b\[[0-9;]*m|\s", "", out)


# --- arguments under a locale that is not UTF-8 -----------------------------------------------


def c_locale(extra: dict[str, str] | None = None) -> dict[str, str]:
    """LC_ALL=C without Python's UTF-8 mode: arguments arrive undecoded (surrogateescape)."""
    env = {
        k: v
        for k, v in clean_env(extra).items()
        if k not in ("LANG", "LANGUAGE", "PYTHONIOENCODING", "PYTHONUTF8") and k[:3] != "LC_"
    }
    return env | {"LC_ALL": "C", "PYTHONUTF8": "0"}


@pytest.mark.parametrize("typer", [False, True])
def test_chinese_arguments_are_read_as_utf8_under_lc_all_c(tmp_path: Path, typer: bool) -> None:
    env = c_locale({"LAWGOV_DEBUG": "1"} if typer else None)  # LAWGOV_DEBUG: the Typer CLI
    search = lawgov("search", "调解", "成功率", "--all", "--json", cwd=tmp_path, env=env)
    assert search.returncode == 0, search.stderr
    [hit] = json.loads(search.stdout)
    assert (hit["section"], hit["match"]) == ("4.1", "调解")
    grep = lawgov("metrics", "--grep", "调解成功率", "--json", cwd=tmp_path, env=env)
    assert [m["id"] for m in json.loads(grep.stdout)] == ["mediation.success-rate"]
    show = lawgov("show", "四(一)", "--json", cwd=tmp_path, env=env)
    assert json.loads(show.stdout)["id"] == "4.1"
    check = lawgov("check", "mediation.total > 0", "-q", cwd=tmp_path, env=env)
    assert check.returncode == 0


def test_a_utf8_report_name_works_under_lc_all_c(tmp_path: Path) -> None:
    shutil.copy(REPORT_TOML, tmp_path / "南山.toml")
    env = c_locale()
    for how in (["--report", "南山.toml"], []):
        with_env = env if how else env | {"LAWGOV_REPORT": "南山.toml"}
        info = lawgov(*how, "info", "--json", cwd=tmp_path, env=with_env)
        assert info.returncode == 0, info.stderr
        assert json.loads(info.stdout.decode("utf-8"))["path"] == "南山.toml"
    checks = lawgov("check", "--file", "南山.toml", cwd=tmp_path, env=env)
    assert b"no such file" not in checks.stderr


def test_an_argument_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    for args in ([b"search", b"\xb5\xf7\xbd\xe2"], [b"metrics", b"--grep", b"\xff"]):
        result = lawgov(*args, cwd=tmp_path, env=c_locale())
        assert result.returncode == 2
        assert b"is not UTF-8 text" in result.stderr
        assert b"Traceback" not in result.stderr


# --- file names that are not UTF-8 -------------------------------------------------------------

GBK_NAME = "南山".encode("gbk")  # b"\xc4\xcf\xc9\xbd": \xc9\xbd happens to be UTF-8 (ɽ)
SHOWN = "\\xc4\\xcfɽ"


@pytest.mark.parametrize("env", [None, c_locale()], ids=["utf8", "c"])
def test_a_gbk_file_name_is_imported_and_shown_escaped(
    tmp_path: Path, env: dict[str, str] | None
) -> None:
    source = os.fsencode(tmp_path) + b"/" + GBK_NAME + b".txt"
    shutil.copyfile(SOURCE, source)
    result = lawgov(b"import", source, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    target = GBK_NAME + b".toml"
    assert target in os.listdir(os.fsencode(tmp_path))
    written = (os.fsencode(tmp_path) + b"/" + target).decode("utf-8", "surrogateescape")
    with open(written, encoding="utf-8") as toml:
        assert toml.readline().startswith(f"# Imported by lawgov 0.1.0 from {tmp_path}/{SHOWN}.txt")
    # Under LC_ALL=C stderr shows what is not ASCII as \\u escapes (Python's choice): \\u027d.
    assert f"wrote {tmp_path}/\\xc4\\xcf".encode() in result.stderr

    info = lawgov(b"--report", target, b"info", b"--json", cwd=tmp_path, env=env)
    assert json.loads(info.stdout.decode("utf-8"))["path"] == f"{SHOWN}.toml"
    valid = lawgov(b"validate", target, b"--json", cwd=tmp_path, env=env)
    assert json.loads(valid.stdout.decode("utf-8"))["file"] == f"{SHOWN}.toml"
    if env is None:  # plain lines: in the C locale's ASCII, the title could not be shown
        plain = lawgov(b"--report", target, b"info", cwd=tmp_path)
        assert plain.stdout.decode("utf-8").endswith(f"path\t{SHOWN}.toml\n")


def test_a_missing_gbk_named_file_is_named_escaped(tmp_path: Path) -> None:
    result = lawgov(b"--report", GBK_NAME + b".toml", b"info", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode("utf-8") == f"lawgov: {SHOWN}.toml: no such file\n"


@pytest.mark.parametrize("columns", ["²", "0", "9" * 5000])
def test_the_import_progress_bar_takes_any_columns_value(tmp_path: Path, columns: str) -> None:
    """Several sources with stderr on a terminal draw a progress bar there."""
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(SOURCE, tmp_path / name)
    args = ["import", "a.txt", "b.txt", "-o", "out/"]
    code, said = on_a_terminal(args, {"COLUMNS": columns}, tmp_path, stderr=True)
    assert code == 0, said
    assert "internal error" not in said
    assert sorted(os.listdir(tmp_path / "out")) == ["a.toml", "b.toml"]
