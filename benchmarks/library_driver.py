"""A small command over the library index (storage/library_index.py), until the command line
reads several reports: what the benchmark times and the tests run in several processes.

    python benchmarks/library_driver.py DIRECTORY search TERM... [--regex] [--all] [--context N]
    python benchmarks/library_driver.py DIRECTORY figures [INDICATOR]
    python benchmarks/library_driver.py DIRECTORY reports

``--simulate-indicator TEXT`` (benchmarks/library.py): when the index is built, figures whose
label holds TEXT get the SIMULATED indicator ``simulated`` (the indicators themselves come with
issue 12's part 2), so that the figures of one indicator can be timed before they exist.

Every ``*.toml`` directly in DIRECTORY (names starting with "." skipped), sorted by name, each
with its file name (without .toml) as its id. Prints one line per answer (id, then the fields,
tab-separated), then on stderr ``reread N`` (report files read) and a line per report that could
not be read. Exit 0 with answers, 1 without, 2 when a report could not be read.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    from lawgov_cli.core.errors import LawgovError
    from lawgov_cli.storage import library_index
    from lawgov_cli.storage.library_index import LibraryIndex, PathEntry

    directory, command, *rest = argv
    if "--simulate-indicator" in rest:
        at = rest.index("--simulate-indicator")
        text = rest[at + 1]
        del rest[at : at + 2]
        library_index.indicator_of = lambda m: "simulated" if text in m.label else ""
    names = sorted(n for n in os.listdir(directory) if n.endswith(".toml") and n[0] != ".")
    entries = [PathEntry(n[:-5], os.path.join(directory, n)) for n in names]
    index = LibraryIndex(entries)
    lines: list[str] = []
    try:
        if command == "search":
            context = int(rest[rest.index("--context") + 1]) if "--context" in rest else 0
            terms = [t for i, t in enumerate(rest) if not t.startswith("--")
                     and (i == 0 or rest[i - 1] != "--context")]  # fmt: skip
            found = index.search(
                terms, regex="--regex" in rest, all_terms="--all" in rest, context=context
            )
            lines = [f"{e.id}\t{hit.section}\t{hit.where}\t{hit.text}" for e, hit in found]
        elif command == "figures":
            figures = index.figures(rest[0] if rest else None)
            lines = [f"{e.id}\t{m.id}\t{m.value}\t{m.unit}\t{m.figure}" for e, m in figures]
        elif command == "reports":
            for e, s in index.summaries():
                if s is not None:
                    lines.append(f"{e.id}\t{s.issuer}\t{s.year}\t{s.sections}\t{s.figures}")
        else:
            print(f"unknown command {command!r}", file=sys.stderr)
            return 2
    except LawgovError as err:
        print(f"lawgov: {err}", file=sys.stderr)
        return 2
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    print(f"reread {index.reread}", file=sys.stderr)
    failed = [e for e in entries if e.error is not None]
    for entry in failed:
        print(f"lawgov: {entry.error}", file=sys.stderr)
    return 2 if failed else 0 if lines else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
