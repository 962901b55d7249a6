"""The installed command on a real terminal (a pseudo-terminal, stdlib ``pty``): no --color
option, no FORCE_COLOR; lawgov must see the terminal itself and draw for it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from test_installed import LAWGOV, clean_env

pytestmark = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def on_a_terminal(*args: str, cwd: Path, columns: int = 80) -> tuple[int, str]:
    """Run ``lawgov ARGS`` with stdin, stdout and stderr on a pty of ``columns`` columns;
    return its exit code and everything it wrote to the terminal."""
    assert LAWGOV is not None
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = clean_env()
    for name in ("COLUMNS", "LINES"):  # the size comes from the terminal, as in a real one
        env.pop(name, None)
    process = subprocess.Popen(
        [LAWGOV, *args], cwd=cwd, env=env, stdin=follower, stdout=follower, stderr=follower,
        start_new_session=True,
    )  # fmt: skip
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: every end of the follower is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    code = process.wait(timeout=60)
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_sections_draws_a_coloured_tree_on_a_terminal(tmp_path: Path) -> None:
    code, shown = on_a_terminal("sections", cwd=tmp_path)
    assert code == 0, shown
    assert "\x1b[" in shown  # colour, with no option asking for it
    plain = ANSI.sub("", shown)
    lines = plain.splitlines()
    assert lines[0] == "南山区人民政府2024年法治政府建设年度报告"
    assert lines[1].startswith("├── 0  (导语)")
    assert "│   ├── 1.1  (一)深入学习贯彻习近平法治思想和党的二十大精神" in lines
    assert all(len(line) <= 80 for line in lines)
    # piped, the same command prints records: id, tab, heading
    piped = subprocess.run(
        [LAWGOV, "sections"], cwd=tmp_path, env=clean_env(), capture_output=True, text=True
    )
    assert piped.stdout.splitlines()[1].startswith("1\t一、")
    assert "\x1b[" not in piped.stdout


def test_search_highlights_each_match_on_a_terminal(tmp_path: Path) -> None:
    code, shown = on_a_terminal("search", "复议", cwd=tmp_path)
    assert code == 0, shown
    heading, hits = shown.split("\n", 1)  # the section's heading, then its matching lines
    assert ANSI.sub("", heading) == "4.2  (二)发挥行政复议化解行政争议主渠道作用"
    highlighted = re.findall(r"\x1b\[[0-9;]*m(复议)\x1b\[0m", hits)
    assert len(highlighted) == ANSI.sub("", hits).count("复议") == 3  # every match in them


def test_nothing_found_on_a_terminal_is_exit_1_and_quiet(tmp_path: Path) -> None:
    assert on_a_terminal("search", "不存在的词", cwd=tmp_path) == (1, "")
