"""Output that could not all be written is an error (exit 2), never a success: the installed
command with stdout on a full disk (/dev/full) or over a file-size limit, for every command and
format that writes to stdout; and a closed stdin or stdout is a clear error."""

from __future__ import annotations

import resource
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, SOURCE
from test_installed import LAWGOV, clean_env

pytestmark = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")

INVALID = "invalid.toml"  # written by each test: a report whose `validate` lists a problem

OUTPUTS = [
    *(["export", "-f", fmt] for fmt in ("json", "md", "text", "csv", "toml")),
    ["export", "-f", "csv", "--excel"],
    ["metrics", "--json"],
    ["metrics", "--csv"],
    ["metrics"],
    ["sections", "--json"],
    ["sections"],
    ["search", "调解", "--json"],
    ["search", "调解"],
    ["search", "调解", "-c"],
    ["search", "调解", "-l", "--json"],
    ["show", "3", "--json"],
    ["show", "3"],
    ["info", "--json"],
    ["info"],
    ["get", "mediation.total", "mediation.amount", "--json"],
    ["get", "mediation.total"],
    ["check", "--json"],
    ["check"],
    ["validate", "--json"],
    ["validate", INVALID],
    ["import", str(SOURCE), "-o", "-"],
    ["--color", "always", "metrics"],
    ["--color", "always", "search", "调解"],
    ["--help"],
    ["export", "--help"],
    ["--version"],
]
# Python's own modes: sys.stdout buffered (the default), or writing straight to the file
# descriptor, where a short write used to lose the rest of the output without a word.
MODES = {"buffered": {}, "unbuffered": {"PYTHONUNBUFFERED": "1"}}


def run(
    args: list[str],
    cwd: Path,
    env: dict[str, str],
    stdout: object = subprocess.PIPE,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    assert LAWGOV is not None
    plain = {k: v for k, v in clean_env(env).items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [LAWGOV, *args], cwd=cwd, env=plain | env, stdout=stdout, stderr=subprocess.PIPE,
        preexec_fn=preexec_fn, timeout=60,
    )  # fmt: skip


def size_limit(limit: int) -> Callable[[], None]:
    """In the child: files may grow to ``limit`` bytes, and a write past it fails with EFBIG
    instead of killing the process (SIGXFSZ ignored, as `trap '' XFSZ; ulimit -f` does)."""

    def limit_it() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_it


def assert_failed_to_write(result: subprocess.CompletedProcess[bytes], reason: str) -> None:
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert stderr.splitlines()[-1] == f"lawgov: cannot write output: {reason}", stderr
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr  # Python's own flush at exit found nothing left


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / INVALID).write_text(MINIMAL.replace("value = 12", "value = 13"), "utf-8")
    return tmp_path


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("args", OUTPUTS, ids=" ".join)
def test_a_full_disk_is_an_error(args: list[str], mode: str, workdir: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = run(args, workdir, MODES[mode], stdout=full)
    assert_failed_to_write(result, "No space left on device")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("args", OUTPUTS, ids=" ".join)
def test_output_cut_short_by_a_file_size_limit_is_an_error(
    args: list[str], mode: str, workdir: Path
) -> None:
    whole = run(args, workdir, MODES[mode])
    assert whole.returncode in (0, 1), whole.stderr
    assert len(whole.stdout) >= 2
    limit = len(whole.stdout) // 2  # half of it fits
    out = workdir / "out"
    with out.open("wb") as file:
        result = run(args, workdir, MODES[mode], stdout=file, preexec_fn=size_limit(limit))
    assert_failed_to_write(result, "File too large")
    assert out.read_bytes() == whole.stdout[:limit]


@pytest.mark.parametrize("mode", MODES)
def test_output_that_fits_is_written_whole(mode: str, workdir: Path) -> None:
    """The same limit, with room for all of it: exit 0 and every byte (the guard above fails
    for the right reason, not because a limit makes every run fail)."""
    args = ["export", "-f", "json"]
    whole = run(args, workdir, MODES[mode])
    out = workdir / "out"
    with out.open("wb") as file:
        result = run(
            args, workdir, MODES[mode], stdout=file, preexec_fn=size_limit(len(whole.stdout))
        )
    assert (result.returncode, result.stderr) == (0, b"")
    assert out.read_bytes() == whole.stdout


@pytest.mark.parametrize(
    ("redirect", "message"),
    [
        ("import - <&-", "lawgov: cannot read stdin: it is closed"),
        ("import - -o out.toml <&-", "lawgov: cannot read stdin: it is closed"),
        (f"import '{SOURCE}' -o - >&-", "lawgov: cannot write output: stdout is closed"),
        ("import - -o - <&- >&-", "lawgov: cannot write output: stdout is closed"),
        ("export -f json >&-", "lawgov: cannot write output: stdout is closed"),
        ("completion bash >&-", "lawgov: cannot write output: stdout is closed"),
    ],
)
def test_closed_stdin_or_stdout(redirect: str, message: str, tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", "-c", f"'{LAWGOV}' {redirect}"], cwd=tmp_path, env=clean_env(),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == message, result.stderr
    assert "internal error" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["show", "99"], 2),  # an error that cannot be said is still an error, not "not found"
        (["metrics", "--sort", "nonsense"], 2),
        (["export", "-f", "json", "-o", "out.json"], 0),  # only "wrote out.json" is lost
    ],
)
def test_a_full_stderr_keeps_the_exit_code(args: list[str], code: int, tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [LAWGOV, *args], cwd=tmp_path, env=clean_env(), stdout=subprocess.PIPE,
            stderr=full, timeout=60,
        )  # fmt: skip
    assert result.returncode == code
    if code == 0:
        whole = run(["export", "-f", "json"], tmp_path, {})
        assert (tmp_path / "out.json").read_bytes() == whole.stdout
