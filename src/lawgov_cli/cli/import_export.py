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
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import typer

from ..core.errors import ImportFailure, LawgovError, shown
from ..formats.stream import Output
from ..system.os_text import has_undecodable, os_path
from .exits import EXIT_ERROR, say
from .fetch import checked_address, is_address, looks_like_address, output_stem

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
    """--title, --issuer, --source-url and --excerpt go into the report as given: one the
    loader would refuse (a control character, a tab or line break, an empty title) is a usage
    error."""
    from ..importer.build import override_fault

    for field, value in given.items():
        fault = None if value is None else override_fault(field, value)
        if fault:
            option = "--" + field.replace("_", "-")
            raise typer.BadParameter(fault, param_hint=f"'{option}'")


def _sources(names: list[str]) -> Iterator[str]:
    """Each source to import: a file, an address, or - ; a directory stands for the files in
    it that a reader takes (importer.readers.suffixes(): .txt, and each format a reader adds),
    not those in its subdirectories, nor hidden ones (.report.txt, ._report.pdf)."""
    from ..core.loading.files import require_path

    for given in names:
        if is_address(given):
            yield given
            continue
        name = require_path(given, "source")  # '' would be the current directory
        path = Path(name)
        if name != STDIO and path.is_dir():
            inside = _directory_sources(path)
            if not inside:
                raise LawgovError(
                    f"{shown(name)}: no files to import in this directory "
                    f"({', '.join(_suffixes())})"
                )
            yield from inside
        else:
            yield name


def _suffixes() -> tuple[str, ...]:
    from ..importer.readers import suffixes

    return suffixes()


def _directory_sources(directory: Path) -> list[str]:
    """The files of ``directory`` a directory import takes, by name; a name's case does not
    matter (REPORT.TXT). What a file holds is for the readers to tell: a .txt that is an HTML
    page is read as one. Anything but a directory that is named like a source is taken, so
    that a FIFO or a device named a.txt is refused by name, with why, and not passed over."""
    suffixes = _suffixes()
    taken = []
    for entry in directory.iterdir():
        if entry.name.startswith(".") or not entry.name.lower().endswith(suffixes):
            continue
        with contextlib.suppress(OSError):  # gone since: not ours to import
            if not entry.is_dir():
                taken.append(str(entry))
    return sorted(taken)


def _destination(source: str, output: str | None, needs_directory: str) -> str:
    """Where one source's TOML goes: next to it by default, into -o when -o is a directory.
    ``needs_directory`` says why -o must be one ("several sources need", "a directory source
    needs"), or is "" when -o may name the file itself."""
    if output is None:
        if source == STDIO:
            return STDIO
        if is_address(source):  # into the current directory, by a name made safe
            return f"{_stem(source)}.toml"
        return str(Path(source).with_suffix(".toml"))
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
        return str(target / f"{_stem(source)}.toml")
    return output


def _stem(source: str) -> str:
    """The name of a source's TOML, without .toml: an address's is made safe (output_stem)."""
    if source == STDIO:
        return "stdin"
    return output_stem(source) if is_address(source) else Path(source).stem


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
        if source != STDIO and not is_address(source) and where == os.path.realpath(source):
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
    from ..core.loading.files import (
        MAX_INPUT_BYTES,
        UnreadableFile,
        read_bounded,
        read_file,
        size_text,
    )
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
    try:
        return read_file(source, limit, refusal, hint)
    except UnreadableFile as err:
        if err.reason == "no such file" and looks_like_address(source):
            err.hint = "to fetch an address, give it with https:// or http://"
        raise


class Done(NamedTuple):
    """What one import wrote, for a batch's summary."""

    sections: int
    figures: int
    notes: int


def _import_one(source: str, target: str, overrides: Overrides, force: bool, timeout: int) -> Done:
    from ..importer.build import import_report
    from .report_toml import report_toml

    out = Output() if target == STDIO else None  # stdout closed: said before any work is done
    redirected = content_type = None
    if is_address(source):
        raw, name, overrides, content_type, redirected = _fetch(source, overrides, timeout)
    else:
        raw, name = _read(source), "stdin" if source == STDIO else source
    try:
        imported = import_report(raw, name, overrides)
    except ImportFailure as err:
        if content_type is not None and err.hint is None and not _document_type(content_type):
            err.hint = f"the server says it sent {content_type}, not a page or a document"
        raise
    if redirected:
        imported = replace(imported, notes=(*imported.notes, redirected))
    text = report_toml(imported, name)
    report = imported.report
    done = Done(len(report.sections), len(report.metrics), len(imported.notes))
    if out is not None:
        out.write_utf8(text)  # a TOML file is UTF-8, on stdout too
        _say_notes(name, imported.notes)
        return done
    _write_into(target, text, force)  # only now that the import has worked
    say(f"wrote {shown(target)} ({done.sections} sections, {done.figures} figures)")
    _say_notes(name, imported.notes)
    return done


def _fetch(
    address: str, overrides: Overrides, timeout: int
) -> tuple[bytes, str, Overrides, str, str | None]:
    """An address's bytes; the name its messages go by (the address as given); the header
    facts, with the address as source_url unless --source-url gave one; the content type the
    server declared; and a note for the curator when the address redirected elsewhere."""
    from ..importer.build import max_source_bytes
    from .fetch import fetch

    name = address.strip()
    fetched = fetch(name, max_source_bytes(), timeout)
    redirected = None
    if fetched.url != checked_address(name):
        redirected = f"Fetched from {fetched.url} (the address redirected there)."
    if not overrides.source_url:
        overrides = replace(overrides, source_url=name)
    return fetched.raw, name, overrides, fetched.content_type, redirected


def _document_type(content_type: str) -> bool:
    """A content type a report comes as: a page, a document, text, or unknown bytes."""
    return content_type.startswith("text/") or content_type in (
        "",
        "application/xhtml+xml",
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/octet-stream",
    )


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
    # Soft wrap: the notes and errors said while the bar runs pass through this console, and
    # each stays one line (the terminal folds it), as without a bar.
    console = Console(stderr=True, width=width, height=height, soft_wrap=True)
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
    excerpt: str | None,
    timeout: int,
) -> None:
    """Import each source into a report TOML (the command's help is in spec.py)."""
    from ..importer.build import Overrides

    if excerpt is not None and not excerpt.strip():  # "" would mark nothing: a whole report
        raise typer.BadParameter(
            "is empty: say which part of the report the source holds (页面开头摘录)",
            param_hint="'--excerpt'",
        )
    _check_header_options(title=title, issuer=issuer, source_url=source_url, excerpt=excerpt)
    output = _checked_output(output)
    _utf8_options(title=title, issuer=issuer, source_url=source_url, excerpt=excerpt)
    note = (excerpt or "").strip()  # ' 摘录 ': the note, not the blanks around it
    overrides = Overrides(title, issuer, _date(date, year), year, source_url, note)
    files = list(_sources(sources))
    several = len(files) > 1
    if several and output is None and STDIO in files:
        raise LawgovError("stdin among several sources needs -o DIRECTORY")
    # A directory writes into a directory however many files it holds, and is summed up.
    from_directory = any(
        name != STDIO and not is_address(name) and Path(os_path(name)).is_dir() for name in sources
    )
    needs_directory = (
        "several sources need" if several else "a directory source needs" if from_directory else ""
    )
    targets = _targets(files, output, needs_directory)
    advance = _with_progress(len(files))
    done: list[Done] = []
    failures: list[LawgovError] = []
    for source, target in zip(files, targets, strict=True):
        try:
            done.append(_import_one(source, target, overrides, force, timeout))
        except LawgovError as err:
            if not (several or from_directory):
                raise
            failures.append(err)
        except Exception as err:  # a bug on one source: said as such, the others still done
            if not (several or from_directory):
                raise
            failures.append(
                LawgovError(f"{shown(source)}: internal error: {type(err).__name__}: {err}")
            )
        if advance:
            advance()
    if several or from_directory:
        _say_summary(len(files), done, failures)
    if failures:
        raise typer.Exit(EXIT_ERROR)


def _say_summary(total: int, done: list[Done], failures: list[LawgovError]) -> None:
    """A batch's last lines on stderr: what it imported, then each source it could not, why."""
    sections = sum(d.sections for d in done)
    figures = sum(d.figures for d in done)
    notes = sum(d.notes for d in done)
    say(
        f"imported {len(done)} of {total} sources: {sections} sections, {figures} figures, "
        f"{notes} notes"
    )
    if failures:
        say(f"not imported: {len(failures)} of {total} sources:")
    for err in failures:
        say(f"  {err}")
        if err.hint:
            say(f"    hint: {err.hint}")


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
