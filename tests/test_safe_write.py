"""storage/safe_write.py in-process: what a write leaves on disk, the file's permissions, the
temporary file's name, and each refusal's message (the installed command's write paths are in
test_write_paths.py and test_interrupted_writes.py)."""

from __future__ import annotations

import errno
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawgov_cli.core.errors import LawgovError, Terminated
from lawgov_cli.storage import safe_write
from lawgov_cli.storage.safe_write import write_file


@pytest.fixture
def umask() -> Iterator[int]:
    """A known umask (022) for the test, the developer's restored after."""
    previous = os.umask(0o022)
    try:
        yield 0o022
    finally:
        os.umask(previous)


@pytest.fixture
def seen_while_writing(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The names in each written file's directory at the moment its content is synced."""
    listings: list[list[str]] = []
    fsync = os.fsync

    def listing_fsync(fd: int) -> None:
        directory = os.path.dirname(os.readlink(f"/proc/self/fd/{fd}"))
        listings.append(sorted(os.listdir(directory)))
        fsync(fd)

    monkeypatch.setattr(os, "fsync", listing_fsync)
    return listings


def refusal(path: Path, content: bytes = b"new", **force: bool) -> LawgovError:
    with pytest.raises(LawgovError) as raised:
        write_file(path, content, **force)
    return raised.value


def test_a_new_file_holds_the_content_and_nothing_else_is_left(tmp_path: Path) -> None:
    write_file(tmp_path / "out.toml", "报告\n".encode())
    assert (tmp_path / "out.toml").read_bytes() == "报告\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.toml"]


def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path: Path, umask: int) -> None:
    write_file(tmp_path / "out.toml", b"x")
    assert stat.S_IMODE((tmp_path / "out.toml").stat().st_mode) == 0o644
    assert os.umask(umask) == umask  # the umask read is put back


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "out.toml"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_file(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    target.write_bytes(b"old")
    err = refusal(target)  # force is off by default
    assert str(err) == f"{target}: already exists, not overwritten"
    assert err.hint == "add --force to replace it"
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.toml"]


def test_a_refusal_names_the_file_as_given_not_its_link_target(tmp_path: Path) -> None:
    (tmp_path / "real.toml").write_bytes(b"old")
    (tmp_path / "link.toml").symlink_to("real.toml")
    assert str(refusal(tmp_path / "link.toml")).startswith(f"{tmp_path / 'link.toml'}: ")
    write_file(tmp_path / "link.toml", b"new", force=True)  # written through the link
    assert (tmp_path / "link.toml").is_symlink()
    assert (tmp_path / "real.toml").read_bytes() == b"new"


def test_a_directory_is_not_written_over(tmp_path: Path) -> None:
    err = refusal(tmp_path, force=True)
    assert str(err) == f"{tmp_path}: is a directory; lawgov writes only regular files"


def test_a_fifo_is_not_written_over(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    err = refusal(tmp_path / "pipe", force=True)
    assert (
        str(err) == f"{tmp_path / 'pipe'}: is not a regular file; lawgov writes only regular files"
    )


def test_a_missing_directory_is_named(tmp_path: Path) -> None:
    err = refusal(tmp_path / "missing" / "out.toml")
    assert str(err) == (
        f"{tmp_path / 'missing' / 'out.toml'}: directory {tmp_path / 'missing'} does not exist"
    )


def test_a_name_too_long_is_one_line_naming_the_file(tmp_path: Path) -> None:
    target = tmp_path / ("a" * 300)
    err = refusal(target)
    assert str(err) == f"cannot write output: {safe_write.shown(str(target))}: File name too long"


def test_the_temporary_file_is_hidden_beside_the_target(
    tmp_path: Path, seen_while_writing: list[list[str]]
) -> None:
    write_file(tmp_path / "out.toml", b"x")
    [listing] = seen_while_writing
    [temporary] = listing
    assert temporary.startswith(".out.toml.")
    assert temporary.endswith(".tmp")
    assert len(temporary) == len(".out.toml.") + 8 + len(".tmp")


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("a" * 241, "a" * 241),  # the longest name kept whole: its temporary file is 255 bytes
        ("a" * 250 + ".toml", "a" * 241),
        ("报" * 85, "报" * 80),  # cut by characters: 240 bytes, never half a character
    ],
)
def test_a_long_name_is_cut_only_as_much_as_its_temporary_file_needs(
    tmp_path: Path, seen_while_writing: list[list[str]], name: str, kept: str
) -> None:
    write_file(tmp_path / name, b"x")
    [[temporary]] = seen_while_writing
    assert temporary.startswith(f".{kept}.")
    assert len(temporary) == len(f".{kept}.") + 8 + len(".tmp")
    assert (tmp_path / name).read_bytes() == b"x"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def another_writes_after_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program creates the target between lawgov's check and its write."""
    check = safe_write._check_target

    def check_then_another_writes(path: Path, name: str, force: bool) -> None:
        check(path, name, force)
        path.write_bytes(b"theirs")

    monkeypatch.setattr(safe_write, "_check_target", check_then_another_writes)


def test_a_file_that_appears_during_the_write_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program creates the file between the check and the write: it is kept."""
    another_writes_after_the_check(monkeypatch)
    target = tmp_path / "out.toml"
    err = refusal(target)
    assert str(err) == f"{target}: already exists, not overwritten"
    assert target.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.toml"]


def no_hard_links(source: object, target: object) -> None:
    raise OSError(errno.EPERM, "Operation not permitted")


def test_without_hard_links_a_new_file_is_renamed_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "link", no_hard_links)
    write_file(tmp_path / "out.toml", b"content")
    assert (tmp_path / "out.toml").read_bytes() == b"content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.toml"]


def test_without_hard_links_a_file_that_appears_during_the_write_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last check before the rename: refused with no --force hint (the file was not
    there when the user ran the command)."""
    monkeypatch.setattr(os, "link", no_hard_links)
    another_writes_after_the_check(monkeypatch)
    target = tmp_path / "out.toml"
    err = refusal(target)
    assert str(err) == f"{target}: already exists, not overwritten"
    assert err.hint is None
    assert target.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.toml"]


def test_sigterm_during_the_write_raises_terminated_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fsync = os.fsync

    def terminated_while_syncing(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        fsync(fd)

    monkeypatch.setattr(os, "fsync", terminated_while_syncing)
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Terminated) as raised:
        write_file(tmp_path / "out.toml", b"x")
    assert raised.value.exit_code == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is put back
