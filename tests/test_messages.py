"""Error messages name what they are about, and quote user input safely: never a control
character raw, never a 128 KB argument whole. An empty report path is an error however given."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import SOURCE
from lawgov_cli.cli.exits import MESSAGE_LIMIT
from lawgov_cli.core.errors import shown
from test_installed import LAWGOV, clean_env

pytestmark = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")

RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
LONG_NAME = "n" * 300  # longer than any file name may be (255 bytes)


def lawgov(*args: str, cwd: Path, env: dict[str, str] | None = None):
    assert LAWGOV is not None
    return subprocess.run(
        [LAWGOV, *args], cwd=cwd, env=clean_env(env), capture_output=True, text=True,
        errors="surrogateescape", timeout=60,
    )  # fmt: skip


# --- write errors name the file ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("notes.txt/x.toml", "notes.txt is not a directory"),
        ("notes.txt/sub/x.toml", "cannot create directory notes.txt/sub: Not a directory"),
        (f"{LONG_NAME}.toml", "File name too long"),
        (f"sub/{LONG_NAME}.toml", "File name too long"),
        ("/proc/x.toml", "No such file or directory"),
    ],
)
@pytest.mark.parametrize("command", ["import", "export"])
def test_a_write_error_names_the_file(
    command: str, output: str, reason: str, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("a file, not a directory\n", "utf-8")
    args = ["import", str(SOURCE)] if command == "import" else ["export", "-f", "toml"]
    result = lawgov(*args, "-o", output, cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("lawgov: cannot write output: "), line
    assert line.endswith(f": {reason}"), line
    named = line.removeprefix("lawgov: cannot write output: ").split(": ")[0]
    if LONG_NAME in output:  # shortened, but still recognisably the file asked for
        assert named.endswith("n" * 40 + ".toml") and "…" in named, named
    else:
        assert named.endswith(output), named
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # nothing half-made


# --- user input in messages -------------------------------------------------------------------

HOSTILE = {
    "escape": "x\x1b[2J\x1b]0;title\x07y",
    "line breaks": "x\ny\rz\u2028w",
    "bidi": "x\u202eevil\u202cy",
    "tab": "x\ty",
    "not UTF-8": "x\udcb9\udcfey",  # a GBK byte pair, as Python decodes argv
    "huge": "9" * 131_000,  # near the most one argument may hold (128 KB)
}
COMMANDS = {
    "show": ["show", "ARG"],
    "get": ["get", "ARG"],
    "metrics --section": ["metrics", "--section", "ARG"],
    "search --section": ["search", "调解", "--section", "ARG"],
    "--report": ["--report", "ARG", "info"],
    "LAWGOV_REPORT": ["sections"],
    "validate": ["validate", "ARG"],
    "check --file": ["check", "--file", "ARG"],
    "import": ["import", "ARG"],
    "export -o": ["export", "-f", "json", "-o", "ARG/"],
    "metrics --sort (Click)": ["metrics", "--sort", "ARG"],
    "command (Click)": ["ARG"],
    "search --regex": ["search", "--regex", "(ARG"],
}


@pytest.mark.parametrize("arg", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_messages_quote_user_input_escaped_and_short(
    args: list[str], arg: str, tmp_path: Path
) -> None:
    env = {"LAWGOV_REPORT": arg} if args == ["sections"] else None
    result = lawgov(*(a.replace("ARG", arg) for a in args), cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("lawgov: ")
    assert "Traceback" not in result.stderr
    assert not RAW_CONTROL.search(result.stderr), repr(result.stderr[:300])
    assert "\udcb9" not in result.stderr  # shown as the byte it was: \xb9
    for line in result.stderr.splitlines():
        assert len(line) <= len("lawgov: ") + MESSAGE_LIMIT, line[:100]


def test_a_written_file_with_control_characters_in_its_name_is_named_escaped(
    tmp_path: Path,
) -> None:
    result = lawgov("export", "-f", "json", "-o", "a\x1b[31m.json", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == "lawgov: wrote a\\x1b[31m.json\n"
    assert (tmp_path / "a\x1b[31m.json").exists()


def test_shown() -> None:
    assert shown("3.2") == "3.2"
    assert shown("南山区 (一)") == "南山区 (一)"
    assert shown("a\x1b[2J\x07") == "a\\x1b[2J\\x07"
    assert shown("a\tb\nc\rd") == "a\\tb\\nc\\rd"
    assert shown("a\u202eb\u2028c") == "a\\u202eb\\u2028c"
    assert shown("\udcc4\udccf.txt") == "\\xc4\\xcf.txt"  # bytes that were not UTF-8
    cut = shown("/reports/" + "x" * 500 + "/report.toml")
    assert len(cut) == 99
    assert cut.startswith("/reports/xxx") and cut.endswith("xxx/report.toml") and "…" in cut
    assert len(shown("\x1b" * 500)) == 4 * 98 + 1  # cut first, then escaped: still bounded


# --- an empty report path ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["info"], ["metrics", "--json"], ["validate"], ["export", "-f", "json"]]
)
@pytest.mark.parametrize("how", ["--report ''", "LAWGOV_REPORT=''"])
def test_an_empty_report_path_is_an_error_however_given(
    how: str, args: list[str], tmp_path: Path
) -> None:
    if how == "--report ''":
        result = lawgov("--report", "", *args, cwd=tmp_path)
    else:
        result = lawgov(*args, cwd=tmp_path, env={"LAWGOV_REPORT": ""})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[0] == "lawgov: empty report path: name a report file"
    if how.startswith("LAWGOV_REPORT"):
        assert "LAWGOV_REPORT" in result.stderr
