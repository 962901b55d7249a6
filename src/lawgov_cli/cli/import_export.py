"""``lawgov import`` and ``lawgov export``: reports in and out. CLI layer; declared in spec.py.

Heavy modules (the importer, tomli-w) are imported inside the commands, so that the read
commands do not pay for them at start-up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..core.errors import LawgovError, shown
from ..formats.stream import Output
from ..system.os_text import has_undecodable, os_path
from .exits import EXIT_ERROR, fail, say

if TYPE_CHECKING:
    from ..importer.build import Overrides
    from .state import State

STDIO = "-"


def _date(value: str | None, year: int | None) -> dt.date | None:
    """--date as a date; the year reported on (--year) cannot come after it."""
    if value is None:
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date like 2024-12-31", param_hint="'--date'"
        ) from None
    if year is not None and year > date.year:
        raise typer.BadParameter(
            f"{year} is later than the publication date {date}",
            param_hint="'--year'",
        )
    return date


def _check_header_options(**given: str | None) -> None:
    """--title, --issuer and --source-url go into the report as given: one the loader would
    refuse (a control character, a tab or line break, an empty title) is a usage error."""
    from ..importer.build import override_fault

    for field, value in given.items():
        fault = None if value is None else override_fault(field, value)
        if fault:
            option = "--" + field.replace("_", "-")
            raise typer.BadParameter(fault, param_hint=f"'{option}'")


def _sources(names: list[str]) -> Iterator[str]:
    """Each file to import: a directory stands for the .txt files in it."""
    from ..core.loading.files import require_path

    for given in names:
        name = require_path(given, "source")  # '' would be the current directory
        path = Path(name)
        if name != STDIO and path.is_dir():
            inside = sorted(str(p) for p in path.glob("*.txt"))
            if not inside:
                raise LawgovError(f"{shown(name)}: no .txt files in this directory")
            yield from inside
        else:
            yield name


def _destination(source: str, output: str | None, needs_directory: str) -> str:
    """Where one source's TOML goes: next to it by default, into -o when -o is a directory.
    ``needs_directory`` says why -o must be one ("several sources need", "a directory source
    needs"), or is "" when -o may name the file itself."""
    if output is None:
        return STDIO if source == STDIO else str(Path(source).with_suffix(".toml"))
    if output == STDIO:
        if needs_directory:
            raise LawgovError(
                f"-o - writes one report to stdout; {needs_directory} a directory",
                hint="give -o a directory (it is created if missing)",
            )
        return STDIO
    target = Path(output)
    into_directory = target.is_dir() or _names_directory(output)
    if needs_directory and not into_directory and (target.exists() or target.suffix):
        raise LawgovError(
            f"{shown(output)}: {needs_directory} a directory to write into, not a file",
            hint="give -o a directory (it is created if missing), or import one file at a time",
        )
    if needs_directory or into_directory:
        stem = "stdin" if source == STDIO else Path(source).stem
        return str(target / f"{stem}.toml")
    return output


def _names_directory(output: str) -> bool:
    """A trailing slash says -o is a directory, whether or not it exists yet."""
    return output.endswith(("/", "\\"))


def _targets(files: list[str], output: str | None, needs_directory: str) -> list[str]:
    """Where each source goes, checked before anything is read or written: a usage error is
    said once, two sources never write one file, and no source is written over by its own
    import (report.toml imported in place)."""
    targets = [_destination(source, output, needs_directory) for source in files]
    written_by: dict[str, str] = {}
    for source, target in zip(files, targets, strict=True):
        if target == STDIO:
            continue
        where = os.path.realpath(target)
        if source != STDIO and where == os.path.realpath(source):
            raise LawgovError(
                f"{shown(source)}: importing it would write over it (-> {shown(target)})",
                hint="give -o another file",
            )
        if where in written_by:
            raise LawgovError(
                f"{shown(written_by[where])} and {shown(source)} would both be written to "
                f"{shown(target)}",
                hint="import them into different directories, or one at a time",
            )
        written_by[where] = source
    return targets


# Names of standard output: writing there is writing to stdout, not a file to create and
# rename into place (which fails on a pipe, or finds the redirected file "already exists").
STDOUT_NAMES = frozenset(("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"))


def _checked_output(output: str | None) -> str | None:
    """-o as given, with /dev/stdout read as -; an empty one is a usage error."""
    if output is None:
        return None
    if not output.strip():
        raise typer.BadParameter("is empty: give a path, or - for stdout", param_hint="'-o'")
    return STDIO if output in STDOUT_NAMES else os_path(output)


def _utf8_options(**given: str | None) -> None:
    """Text options go into a UTF-8 file: an argument with bytes that are not UTF-8 cannot."""
    for name, value in given.items():
        if value is not None and has_undecodable(value):
            option = "--" + name.replace("_", "-")
            raise typer.BadParameter("is not UTF-8 text", param_hint=f"'{option}'")


def _read(source: str) -> bytes:
    """The source's bytes; refused before it is read whole when its report could not fit in a
    report file (importer.build.max_source_bytes). A FIFO or a device is refused, not waited on."""
    from ..core.loading.files import MAX_INPUT_BYTES, read_bounded, read_file, size_text
    from ..importer.build import max_source_bytes

    limit = max_source_bytes()
    refusal = "too large to import"
    hint = (
        f"a report file holds at most {size_text(MAX_INPUT_BYTES)}, and its TOML takes "
        "about 2.5 to 4 times the source: split the source into smaller reports"
    )
    if source == STDIO:
        if sys.stdin is None:  # started with stdin closed (lawgov import - <&-)
            raise LawgovError("cannot read stdin: it is closed", hint="pipe the report text in")
        return read_bounded(sys.stdin.buffer, "stdin", limit, refusal, hint)
    return read_file(source, limit, refusal, hint)


def _import_one(source: str, target: str, overrides: Overrides, force: bool) -> None:
    from ..importer.build import import_report
    from .report_toml import report_toml

    name = "stdin" if source == STDIO else source
    out = Output() if target == STDIO else None  # stdout closed: said before any work is done
    imported = import_report(_read(source), name, overrides)
    text = report_toml(imported, name)
    report = imported.report
    if out is not None:
        out.write_utf8(text)  # a TOML file is UTF-8, on stdout too
        _say_notes(name, imported.notes)
        return
    _write_into(target, text, force)  # only now that the import has worked
    counts = f"{len(report.sections)} sections, {len(report.metrics)} figures"
    say(f"wrote {shown(target)} ({counts})")
    _say_notes(name, imported.notes)


def _write_into(target: str, text: str, force: bool) -> None:
    """Write a file made whole (import and export alike), creating missing directories: a
    failed import or export has left nothing behind, not even a directory, and neither has a
    write that failed (or was stopped) once it began."""
    from ..storage.safe_write import write_file

    directory = Path(target).parent
    made = _missing(directory)
    try:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except FileExistsError:  # a file where the directory should be (-o notes.txt/out.toml)
            raise LawgovError(
                f"cannot write output: {shown(target)}: {shown(str(directory))} is not a directory"
            ) from None
        except OSError as err:
            raise LawgovError(
                f"cannot write output: {shown(target)}: cannot create directory "
                f"{shown(str(directory))}: {err.strerror or err}"
            ) from None
        write_file(Path(target), text.encode("utf-8"), force)
    except BaseException:
        for created in made:  # innermost first; each is empty unless another process wrote
            with contextlib.suppress(OSError):
                created.rmdir()
        raise


def _missing(directory: Path) -> list[Path]:
    """``directory`` and those above it that do not exist yet, innermost first."""
    missing = []
    with contextlib.suppress(OSError):  # cannot tell: mkdir will say what is wrong
        while not directory.exists() and directory != directory.parent:
            missing.append(directory)
            directory = directory.parent
    return missing


def _say_notes(name: str, notes: tuple[str, ...]) -> None:
    """What a curator should know (also in the file's head comment), for whoever runs import."""
    for note in notes:
        say(f"{shown(name)}: note: {note}")


def _with_progress(total: int) -> Callable[[], None] | None:
    """A progress bar on stderr for several sources, on a terminal only."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress

    from ..formats.stream import terminal_size

    # The size as the views read it: Rich alone would fail on COLUMNS=² and draw 0 columns.
    width, height = terminal_size(os.environ, sys.stderr.fileno())
    console = Console(stderr=True, width=width, height=height)
    progress = Progress(console=console, transient=True)
    progress.start()
    task = progress.add_task("importing", total=total)

    def advance() -> None:
        progress.advance(task)
        if progress.finished:
            progress.stop()

    return advance


def import_command(
    state: State,
    sources: list[str],
    output: str | None,
    force: bool,
    title: str | None,
    issuer: str | None,
    date: str | None,
    year: int | None,
    source_url: str,
) -> None:
    """Import each source into a report TOML (the command's help is in spec.py)."""
    from ..importer.build import Overrides

    _check_header_options(title=title, issuer=issuer, source_url=source_url)
    output = _checked_output(output)
    _utf8_options(title=title, issuer=issuer, source_url=source_url)
    overrides = Overrides(title, issuer, _date(date, year), year, source_url)
    files = list(_sources(sources))
    several = len(files) > 1
    if several and output is None and STDIO in files:
        raise LawgovError("stdin among several sources needs -o DIRECTORY")
    # A directory writes into a directory however many .txt files it holds.
    needs_directory = (
        "several sources need"
        if several
        else "a directory source needs"
        if any(name != STDIO and Path(os_path(name)).is_dir() for name in sources)
        else ""
    )
    targets = _targets(files, output, needs_directory)
    advance = _with_progress(len(files))
    failed = 0
    for source, target in zip(files, targets, strict=True):
        try:
            _import_one(source, target, overrides, force)
        except LawgovError as err:
            if not several:
                raise
            failed += 1
            fail(str(err), err.hint)
        if advance:
            advance()
    if failed:
        say(f"{failed} of {len(files)} sources not imported")
        raise typer.Exit(EXIT_ERROR)


def export_command(
    state: State, format_: str, output: str | None, force: bool, excel: bool
) -> None:
    """Write the report in an export format (export.FORMATS), to stdout or a file."""
    from ..formats.documents import export

    if excel and format_ != "csv":
        raise typer.BadParameter("--excel goes with --format csv", param_hint="'--excel'")
    output = _checked_output(output)
    if output is not None and _names_directory(output):
        raise LawgovError(
            f"{shown(output)}: names a directory; export writes one file",
            hint="give -o a file name",
        )
    content = export(state.report(), format_, excel=excel)
    if output is None or output == STDIO:
        state.output().write_utf8(content)  # files are UTF-8, on stdout too
        return
    _write_into(output, content, force)
    say(f"wrote {shown(output)}")
