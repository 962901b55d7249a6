"""SIGTERM or Ctrl-C while lawgov writes a file: the target is absent or complete, and no
temporary file (``.big.toml.XXXX.tmp``) is left behind."""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SOURCE
from test_installed import LAWGOV, clean_env

pytestmark = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")

# The installed lawgov, with a disk so slow that fsync takes a minute: the run is sure to be
# inside the write, its temporary file there, when the test signals it.
SLOW_DISK = """\
import os, sys, time
os.fsync = lambda fd: time.sleep(60)
from lawgov_cli.__main__ import main
sys.argv[0] = "lawgov"
main()
"""


def temporaries(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def wait_for_temporary(directory: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while not temporaries(directory):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the temporary file never appeared"
        time.sleep(0.01)


@pytest.mark.parametrize(
    ("sent", "code"),
    [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGHUP, 129)],
    ids=["TERM", "INT", "HUP"],
)
@pytest.mark.parametrize("command", ["import", "export"])
def test_a_signal_during_the_write_removes_the_temporary_file(
    sent: signal.Signals, code: int, command: str, tmp_path: Path
) -> None:
    target = tmp_path / "report.toml"
    args = (
        ["import", str(SOURCE), "-o", str(target)]
        if command == "import"
        else ["export", "-f", "toml", "-o", str(target)]
    )
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_DISK, *args],
        env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    wait_for_temporary(target.parent, process)
    process.send_signal(sent)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    assert (stdout, stderr) == (b"", b"")
    assert temporaries(target.parent) == []
    assert not target.exists()


def big_source(megabytes: float) -> str:
    """A synthetic report: the Nanshan text grown by repeating its parts (benchmarks/)."""
    spec = importlib.util.spec_from_file_location(
        "import_size", REPO / "benchmarks" / "import_size.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.big_report(SOURCE, megabytes)
    return text


def test_sigterm_at_any_moment_of_an_import_leaves_nothing_half_done(tmp_path: Path) -> None:
    """A synthetic 1 MB source (2.5 MB of TOML), imported by the installed command and
    terminated at moments spread over the whole run, and once as soon as the temporary file
    appears: each time the target is absent or whole, and no temporary file is left."""
    assert LAWGOV is not None
    source = tmp_path / "big.txt"
    source.write_text(big_source(1), encoding="utf-8")
    reference = tmp_path / "reference.toml"
    started = time.monotonic()
    subprocess.run([LAWGOV, "import", str(source), "-o", str(reference)], check=True,
                   env=clean_env(), capture_output=True)  # fmt: skip
    took = time.monotonic() - started
    for moment in [0.2, 0.5, 0.8, 0.9, 0.95, 1.0, None]:
        out = tmp_path / f"run-{moment}"
        out.mkdir()
        target = out / "big.toml"
        process = subprocess.Popen(
            [LAWGOV, "import", str(source), "-o", str(target)],
            env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        if moment is None:  # as soon as the write begins
            while process.poll() is None and not temporaries(out):
                pass
        else:
            time.sleep(took * moment)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        assert temporaries(out) == [], moment
        # 143 once lawgov handles it; -15 (the shell says 143 too) when it came before.
        assert process.returncode in (0, 143, -signal.SIGTERM), (moment, stderr)
        if target.exists():
            assert target.read_bytes() == reference.read_bytes(), moment
        else:
            assert process.returncode != 0


def test_a_name_as_long_as_the_file_system_takes_can_be_written(tmp_path: Path) -> None:
    """Issue 9 re-trial: a name of 240-255 bytes failed ("File name too long") because the
    temporary file's name adds 13 characters; it is cut short instead."""
    from lawgov_cli.storage.safe_write import write_file

    for name in ("a" * 255, "报" * 85, "a" * 250 + ".toml"):
        target = tmp_path / name
        write_file(target, b"content")
        assert target.read_bytes() == b"content"
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
        target.unlink()
