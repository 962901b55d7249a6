"""Shell completion: ``lawgov completion SHELL`` prints a script for bash, zsh or fish, and the
script asks ``lawgov __complete …`` on every TAB what may come next.

The protocol is our own, as kubectl and gh (cobra) have theirs, not Click's: Click's would
import Typer on every TAB. ``__main__`` hands ``__complete`` here before anything else, and
this module answers from the declarations in spec.py (commands, options, choices) and from
the report(s) that ``--report`` / ``LAWGOV_REPORT`` on the same command line name, else the
bundled one, loaded through the report cache. Standard library only.

The question, ``lawgov __complete SHELL …``:
  bash: ``__complete bash LINE WORDBREAKS``: the command line up to the cursor
        (``${COMP_LINE:0:COMP_POINT}``) and ``$COMP_WORDBREAKS``. lawgov splits the line as
        the shell would (quotes, backslashes), since bash's own COMP_WORDS splits ``r1:4.1``
        at ``:`` (and a word sent after these, by the scripts of 2026-11-30, is not used).
  zsh, fish: ``__complete SHELL WORD…``: the words from the command's name up to the cursor,
        unquoted, the last one the word being completed (an empty one after a space; fish gives
        that one as typed, and lawgov unquotes it).
The answer, on stdout: a first line ``files`` (let the shell complete file names),
``nospace`` (do not add a space after the one candidate) or nothing, then one candidate a line:
for bash only those that start with the word, each as the text that replaces the part of the
word readline replaces (``split_line``); for zsh and fish every candidate of the place,
``VALUE<TAB>DESCRIPTION``, which the shell matches itself.
Whatever goes wrong (a broken report, an unreadable path, odd input), nothing is printed and
the exit code is 0: a completion never puts a traceback into the shell.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from . import spec

if TYPE_CHECKING:
    from ..core.library import Entry
    from .state import State

SHELLS = ("bash", "zsh", "fish")
PROTOCOL = "__complete"
FILES, NOSPACE = "files", "nospace"
DESCRIPTION_LIMIT = 60  # characters of a description: a heading can be a paragraph long
# The most report files a TAB parses to bring a library's index up to date: a library the
# commands have indexed answers from the index at once; a cold one of thousands of reports
# would take a minute (README, Shell completion).
TAB_READ_LIMIT = 32
_BASH_SPECIAL = frozenset(" \t\n\"'\\|&;()<>$`*?[]{}!#~=")

Candidate = tuple[str, str]  # (value, description)


class Answer:
    """What may come at the cursor: candidates, or the shell's file names."""

    __slots__ = ("candidates", "files", "inside")

    def __init__(
        self, candidates: Iterable[Candidate] = (), files: bool = False, inside: bool = False
    ) -> None:
        self.candidates = list(candidates)
        self.files = files
        # Each candidate completes a word inside a longer one (an id within a check expression):
        # bash leaves its quote open, and adds no space, so that the expression can go on.
        self.inside = inside


# -- the scripts -----------------------------------------------------------------------------

BASH = r"""# lawgov completion for bash. Install:
#   echo 'eval "$(lawgov completion bash)"' >> ~/.bashrc
_lawgov_complete() {
    local line out directive reply
    if [[ -n ${COMP_LINE+set} ]]; then
        line=${COMP_LINE:0:COMP_POINT}
    else
        line="${COMP_WORDS[*]:0:COMP_CWORD+1}"
    fi
    out=$(lawgov __complete bash "$line" "$COMP_WORDBREAKS" 2>/dev/null) || return 0
    COMPREPLY=()
    {
        IFS= read -r directive
        while IFS= read -r reply; do
            COMPREPLY+=("$reply")
        done
    } <<< "$out"
    compopt -o nosort 2>/dev/null  # lawgov's order: sections as the report has them
    case $directive in
        files) compopt -o default 2>/dev/null ;;
        nospace) compopt -o nospace 2>/dev/null ;;
    esac
    return 0
}
complete -F _lawgov_complete lawgov
"""

ZSH = r"""#compdef lawgov
# lawgov completion for zsh. Install: echo 'source <(lawgov completion zsh)' >> ~/.zshrc
# (after compinit), or save it as _lawgov in a directory of your $fpath.
_lawgov() {
    local -a lines plain open before assigned
    local out line value description i
    # VAR=value before lawgov (LAWGOV_REPORT=dir lawgov get …): zsh leaves it out of $words,
    # the line up to the cursor still has it
    before=(${(z)LBUFFER})
    i=$(( ${#before} - CURRENT + (${#PREFIX} ? 0 : 1) ))
    while (( i > 0 )) && [[ ${before[i]} == [A-Za-z_][A-Za-z0-9_]#=* ]]; do
        assigned=("${(Q)before[i]}" "${assigned[@]}")
        (( i-- ))
    done
    out=$(lawgov __complete zsh "${assigned[@]}" "${(@Q)words[1,CURRENT-1]}" "${(Q)PREFIX}" \
        2>/dev/null) || return 1
    lines=("${(@f)out}")
    if [[ ${lines[1]} == files ]]; then
        [[ $PREFIX == -*=* ]] && compset -P '-[^=]#='  # --report=PATH: the path after the =
        _files
        return
    fi
    for line in "${(@)lines[2,-1]}"; do
        [[ -z $line ]] && continue
        value=${line%%$'\t'*}
        description=${line#*$'\t'}
        value=${value//:/\\:}
        if [[ $value == *\\: ]]; then
            open+=("$value:$description")
        else
            plain+=("$value:$description")
        fi
    done
    local found=1
    (( ${#plain} )) && _describe -V -t lawgov 'lawgov' plain && found=0
    (( ${#open} )) && _describe -V -t reports 'report' open -S '' && found=0
    return found
}
if [[ $zsh_eval_context == *loadautofunc* ]]; then
    _lawgov "$@"
else
    compdef _lawgov lawgov
fi
"""

FISH = r"""# lawgov completion for fish. Install:
#   lawgov completion fish > ~/.config/fish/completions/lawgov.fish
function __lawgov_complete
    set -l current (commandline -ct)
    set -l out (lawgov __complete fish (commandline -opc) "$current" 2>/dev/null)
    or return
    if string match -q -- 'files*' "$out[1]"
        # lawgov sends the path typed, unquoted ('sp d, sp\ d); after --report= its part
        set -l given (string split -m1 -- \t "$out[1]")[2]
        set -l option
        if string match -qr -- '^-[^=]*=' "$current"
            set option (string replace -r -- '=.*' '=' "$current")
        end
        for path in (__fish_complete_path "$given")
            printf '%s%s\n' "$option" "$path"
        end
        return
    end
    printf '%s\n' $out[2..-1]
end
complete -c lawgov -f -k -a '(__lawgov_complete)'
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}


def script(state: State, shell: str) -> int:
    """``lawgov completion SHELL``: print the completion script for SHELL."""
    from ..core.errors import LawgovError, shown

    if shell not in SCRIPTS:
        raise LawgovError(
            f"no completion for the shell '{shown(shell)}'",
            hint=f"choose one of {', '.join(SHELLS)}",
        )
    state.output().write(SCRIPTS[shell])  # stdout closed or gone: said as for every output
    return 0


# -- the answer ------------------------------------------------------------------------------


def main(args: Sequence[str], env: Mapping[str, str] | None = None) -> int:
    """``lawgov __complete …``: print the answer; exit 0 whatever happens."""
    environment = os.environ if env is None else env
    try:
        # Nothing may reach the terminal. In memory, not /dev/null: a file left open would be
        # a ResourceWarning at exit under PYTHONDEVMODE (and -X importtime still reports).
        sys.stderr = io.StringIO()
        text = answer_text(args, environment)
        sys.stdout.write(text)
        sys.stdout.flush()
    except BaseException:  # a TAB never shows a traceback, not even on Ctrl-C
        pass
    with contextlib.suppress(OSError):
        os.close(1)  # a reader gone (a fast second TAB) must not make Python complain at exit
    return 0


def answer_text(args: Sequence[str], env: Mapping[str, str]) -> str:
    """The protocol's answer (see the module's docstring) to ``__complete ARGS``."""
    if len(args) < 2 or args[0] not in SCRIPTS:
        return ""
    shell = args[0]
    if shell == "bash":
        line = split_line(args[1], args[2] if len(args) > 2 else "\"'><=;|&(:")
        words, current = line.words, line.current
    else:
        words, current = list(args[1:-1]), args[-1]
        if shell == "fish":  # fish gives the word at the cursor as typed: unquote it
            current = split_line(current).current
    while words and _assignment(words[0]):  # VAR=value lawgov …: the variable counts
        name, _, value = words.pop(0).partition("=")
        env = {**env, name: value}
    if not words:
        return ""
    found = complete(words[1:], current, env)
    if found.files:
        if shell == "fish":  # the path typed, unquoted, for __fish_complete_path
            typed = current.partition("=")[2] if current.startswith("-") else current
            return f"{FILES}\t{typed}\n" if typed.isprintable() else FILES + "\n"
        return FILES + "\n"
    # What the shell prints or puts into the line: never a control character (ids and units
    # are checked when a report loads; this holds whatever a report's text may carry).
    candidates = [(value, text) for value, text in found.candidates if value.isprintable()]
    if shell != "bash":
        lines = [f"{value}\t{_one_line(description)}" for value, description in candidates]
        return "\n" + "".join(line + "\n" for line in lines)
    chosen = [value for value, _ in candidates if value.startswith(current)]
    open_ended = found.inside or all(v.endswith((":", "=")) for v in chosen)
    directive = NOSPACE if chosen and open_ended else ""
    replies = _bash_replies(chosen, line, args[1], found.inside)
    return directive + "\n" + "".join(reply + "\n" for reply in replies)


def _bash_replies(chosen: list[str], line: Line, text: str, inside: bool) -> list[str]:
    """Each value as the text that replaces what readline replaces of the word at the cursor
    (``line``, split from ``text``): the value less what stays before that place, quoted as
    the replaced text is: in the quote still open (closed unless the word goes on,
    ``inside``), in the quote that opens a word whose quotes are all closed (closed again),
    else with backslashes."""
    before = line.current[: line.kept]
    replaced = text[line.replaced :]
    style = line.quote or (replaced[:1] if replaced[:1] in ("'", '"') else "")
    return [
        _bash_quoted(value[len(before) :], style, inside and bool(line.quote))
        for value in chosen
        if value.startswith(before)
    ]


def _assignment(word: str) -> bool:
    name, equals, _ = word.partition("=")
    return bool(equals) and name.isidentifier()


def _one_line(text: str) -> str:
    """A description on one line, short, with nothing that could drive the terminal."""
    line = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return line if len(line) <= DESCRIPTION_LIMIT else line[: DESCRIPTION_LIMIT - 1] + "…"


def _bash_quoted(value: str, quote: str, inside: bool = False) -> str:
    """``value`` as it goes into the line in place of a word opened with ``quote`` (or none),
    the quote closed unless the word goes on (``inside``)."""
    close = "" if inside else quote
    if quote == "'":
        return "'" + value.replace("'", "'\\''") + close
    if quote == '"':
        return '"' + "".join("\\" + c if c in '"\\$`' else c for c in value) + close
    return "".join("\\" + c if c in _BASH_SPECIAL else c for c in value)


class Line(NamedTuple):
    """A command line cut at the cursor, as the shell reads it (``split_line``)."""

    words: list[str]  # the complete words of the last command
    current: str  # the word at the cursor, unquoted
    quote: str  # the quote still open in it ("" for none)
    replaced: int  # where readline's completion text starts in the line (see split_line)
    kept: int  # how many characters of ``current`` stand before that place


def split_line(line: str, breaks: str = "") -> Line:
    """The words of a shell command line cut at the cursor, as the shell would read them. A
    ``;``, ``|`` or ``&`` starts a new command. With bash's word-break characters
    (``breaks``), also what readline replaces of the word at the cursor (bash's candidates
    replace that): from the quote still open (``"x"."su``: ``"su``), else from after the last
    break character outside quotes and not escaped (``--sort=``: nothing; ``r1:4.1``:
    ``4.1``), else the whole word (``'a > b'``, ``a\\>b``), as a real bash showed for each."""
    words: list[str] = []
    value: list[str] = []
    in_word, quote, at = False, "", 0
    replaced = kept = opened = opened_kept = 0
    while at < len(line):
        c = line[at]
        if quote == "'":
            if c == "'":
                quote = ""
            else:
                value.append(c)
        elif quote == '"':
            if c == '"':
                quote = ""
            elif c == "\\" and at + 1 < len(line) and line[at + 1] in '"\\$`':
                at += 1
                value.append(line[at])
            else:
                value.append(c)
        elif c in " \t\n;|&":
            if in_word:
                words.append("".join(value))
                value, in_word = [], False
            if c in ";|&":
                words = []
        else:
            if not in_word:
                replaced, kept, in_word = at, 0, True
            if c in "'\"":
                quote, opened, opened_kept = c, at, len(value)
            elif c == "\\":
                if at + 1 < len(line):
                    at += 1
                    value.append(line[at])
            else:
                value.append(c)
                if c in breaks:
                    replaced, kept = at + 1, len(value)
        at += 1
    if not in_word:
        return Line(words, "", "", len(line), 0)
    if quote:
        replaced, kept = opened, opened_kept
    return Line(words, "".join(value), quote, replaced, kept)


# -- what may come where ---------------------------------------------------------------------


def _flags(options: Iterable[spec.Opt]) -> dict[str, spec.Opt]:
    return {flag: option for option in options for flag in option.flags}


def complete(words: Sequence[str], current: str, env: Mapping[str, str]) -> Answer:
    """What may stand at ``current``, after ``words`` (the arguments before it)."""
    global_flags = _flags(spec.GLOBAL)
    reports: list[str] = []
    command: spec.Command | None = None
    flags = global_flags
    operands: list[str] = []
    pending: spec.Opt | None = None  # an option whose value ``current`` is
    ended = False  # after --: operands only
    given: dict[str, str] = {}  # option -> the value the line gives it (the last)
    for word in words:
        if pending is not None:
            if pending is spec.REPORT:
                reports.append(os.path.expanduser(word))
            given[pending.dest] = word
            pending = None
        elif word == "--" and command is not None:
            ended = True
        elif word.startswith("-") and word != "-" and not ended:
            name, equals, value = word.partition("=")
            option = flags.get(name)
            if option is not None and option.takes_value:
                if not equals:
                    pending = option
                elif option is spec.REPORT:
                    reports.append(os.path.expanduser(value))
                if equals:
                    given[option.dest] = value
        elif command is None:
            command = spec.COMMANDS.get(word)
            if command is None:
                return Answer()
            flags = _flags(command.options)
        else:
            operands.append(word)
    source = Source(reports, env, given)
    if pending is not None:
        return _values(pending, current, source)
    if current.startswith("-") and not current.startswith("--") and len(current) > 2:
        option = flags.get(current[:2])  # -s4: a short option with its value attached
        if option is not None and option.takes_value and not ended:
            found = _values(option, current[2:], source)
            found.candidates = [(current[:2] + v, d) for v, d in found.candidates]
            return found
    if current.startswith("-") and not ended:
        name, equals, value = current.partition("=")
        if equals:
            option = flags.get(name)
            if option is None or not option.takes_value:
                return Answer()
            found = _values(option, value, source)
            found.candidates = [(f"{name}={v}", d) for v, d in found.candidates]
            return found
        return Answer(_option_names(command, flags))
    if command is None:
        return Answer((name, _summary(c.help)) for name, c in spec.COMMANDS.items())
    return _operand(command, len(operands), current, source)


def _summary(help: str) -> str:
    return help.strip().split("\n", 1)[0]


def _option_names(command: spec.Command | None, flags: Mapping[str, spec.Opt]) -> list[Candidate]:
    """Every option's long name (and short), help as the description; --help too."""
    named = [(flag, _summary(option.help)) for flag, option in flags.items()]
    return [*named, ("--help", "Show the help and exit.")]


def _values(option: spec.Opt, current: str, source: Source) -> Answer:
    if option.choices is not None:
        return Answer((choice, "") for choice in option.choices)
    pick = VALUES.get(option.dest)
    if pick is None:
        return Answer(files=option.metavar == "PATH")
    return Answer(pick(source, current))


def _operand(command: spec.Command, at: int, current: str, source: Source) -> Answer:
    """Candidates for the operand at position ``at`` of ``command``."""
    if not command.args:
        return Answer()
    arg = command.args[min(at, len(command.args) - 1)]
    if at >= len(command.args) and not arg.many:
        return Answer()
    if command.name == "completion":
        return Answer((shell, "") for shell in SHELLS)
    if command.name == "check":  # the figure id being typed, wherever it is in the EXPR
        start = len(current)
        while start and ((current[start - 1].isascii() and current[start - 1].isalnum())
                         or current[start - 1] in ".-"):  # fmt: skip
            start -= 1
        head = current[:start]
        ids = source.metric_ids(current[start:], forms=False)
        return Answer(((head + value, text) for value, text in ids), inside=bool(head))
    pick = OPERANDS.get(command.name)
    if pick is None:
        return Answer(files=arg.metavar.strip("[]") in ("PATH", "SOURCE..."))
    return Answer(pick(source, current))


Names = list[tuple[str, ...]]  # a report's figures or sections, each its NAME_FIELDS (as
# ``LibraryIndex.names`` gives them)


class Source:
    """The reports the command line names (else the bundled one), loaded on first use through
    the report cache; one that cannot be loaded is left out, silently. Several reports are
    asked of the library index (storage/library_index.py), which gives the names of their
    figures and sections without making them, with no more than ``TAB_READ_LIMIT`` report
    files parsed to bring it up to date."""

    def __init__(
        self, reports: list[str], env: Mapping[str, str], given: Mapping[str, str] | None = None
    ) -> None:
        assert spec.REPORT.envvar is not None
        self.given = given or {}  # the options the line gives values to (--profile)
        if not reports and spec.REPORT.envvar in env:  # empty: refused, as the CLI does
            reports = [env[spec.REPORT.envvar]]
        self.paths = reports
        self._named: list[tuple[str, str | None]] | None = None  # (report id, file)
        self._loaded: dict[str, Entry | None] = {}  # by report id; None: could not be loaded
        self._indexed: dict[str, list[tuple[str, str, Names]]] = {}  # by part, from the index
        self._cold = False  # the index was too far behind to bring up to date on a TAB

    @property
    def several(self) -> bool:
        return len(self.paths) > 1 or any(os.path.isdir(p) for p in self.paths)

    def _files(self) -> list[tuple[str, str | None]]:
        if self._named is None:
            from ..core.library import expand, report_ids

            files = expand(self.paths)
            self._named = list(zip(report_ids(files), files, strict=True)) or [("", None)]
        return self._named

    def names(self, part: str, only: str | None = None) -> list[tuple[str, str, Names]]:
        """(report id, title, names of its ``part``: "figures" or "sections") for each report
        read (all, or the one with the id ``only``: ``REPORT:<TAB>`` reads that report alone),
        in command-line order. Several reports (and not ``only``) come from the library index;
        none when it would have to parse more than TAB_READ_LIMIT report files."""
        if self.several and only is None:
            return self._from_index(part)
        out = []
        for one, file in self._files():
            if only is not None and one != only:
                continue
            if one not in self._loaded:
                from ..core.library import Entry
                from ..storage.report_cache import load_report

                try:
                    self._loaded[one] = Entry(one, file or "", load_report(file))
                except Exception:  # a broken report completes nothing
                    self._loaded[one] = None
            entry = self._loaded[one]
            if entry is not None and entry.report is not None:
                from operator import attrgetter

                from ..core.model import NAME_FIELDS

                report = entry.report
                named = attrgetter(*NAME_FIELDS[part])
                items = report.metrics if part == "figures" else report.sections
                rows: Names = [named(item) for item in items]
                out.append((one, report.title, rows))
        return out

    def _from_index(self, part: str) -> list[tuple[str, str, Names]]:
        if part not in self._indexed:
            from ..core.library import Entry
            from ..storage.library_index import LibraryIndex, TooManyToRead

            entries = [Entry(one, file, None) for one, file in self._files() if file]
            index = LibraryIndex(entries, read_limit=TAB_READ_LIMIT)
            try:
                read = index.names(part)
            except TooManyToRead:  # a cold index of a large library: no ids this TAB
                read, self._cold = [], True
            self._indexed[part] = [(entry.id, title, rows) for entry, title, rows in read]
        return self._indexed[part]

    def _by_report(
        self,
        current: str,
        part: str,
        each: Callable[[Names], Iterable[Candidate]],
        forms: bool = True,
    ) -> list[Candidate]:
        """``each`` report's candidates; with several reports (and ``forms``) also the
        ``REPORT:`` forms: the report ids themselves, and after ``REPORT:`` that report's
        candidates."""
        if not self.several or not forms:
            return [c for _, _, rows in self.names(part) for c in each(rows)]
        report, colon, _ = current.partition(":")
        if colon:
            return [
                (f"{one}:{value}", description)
                for one, _, rows in self.names(part, only=report)
                for value, description in each(rows)
            ]
        read = self.names(part)
        seen: dict[str, str] = {}
        for _, _, rows in read:
            for value, description in each(rows):
                seen.setdefault(value, description)
        ids = [(f"{one}:", title) for one, title, _ in read]
        if self._cold:  # no report read: their ids all the same (as their files name them)
            ids = [(f"{one}:", "") for one, file in self._files() if file]
        return [*seen.items(), *ids]

    def section_ids(self, current: str) -> list[Candidate]:
        def each(rows: Names) -> Iterable[Candidate]:
            for id, number, separator, title in rows:
                if id != "0":
                    yield id, f"{number}{separator or ' '}{title}".strip()

        return self._by_report(current, "sections", each)

    def metric_ids(self, current: str, forms: bool = True) -> list[Candidate]:
        def each(rows: Names) -> Iterable[Candidate]:
            for id, label, figure, _ in rows:
                yield id, f"{label} {figure}"

        return self._by_report(current, "figures", each, forms)

    def units(self, current: str) -> list[Candidate]:
        counts: dict[str, int] = {}
        for _, _, rows in self.names("figures"):
            for *_, unit in rows:
                if unit:
                    counts[unit] = counts.get(unit, 0) + 1
        ranked = sorted(counts.items(), key=lambda pair: -pair[1])  # the most used first
        return [(unit, f"{n} figure{'s' if n > 1 else ''}") for unit, n in ranked]

    def indicator_ids(self, current: str) -> list[Candidate]:
        from ..core.indicators import load_indicators

        try:
            return [(i.id, i.name) for i in load_indicators().items]
        except Exception:  # a broken rules file completes nothing
            return []

    def rule_ids(self, current: str) -> list[Candidate]:
        """The audit rules of the profile the line names (``--profile``), else the default's:
        what ``audit --explain`` looks a rule up in."""
        from ..core.audit import PROFILES, load_profile

        wanted = self.given.get("profile", "national")
        try:
            rules = load_profile(wanted if wanted in PROFILES else "national").rules
        except Exception:  # a broken profile completes nothing
            return []
        return [(rule.id, rule.name) for rule in rules]


VALUES: dict[str, Callable[[Source, str], list[Candidate]]] = {
    "section": Source.section_ids,
    "unit": Source.units,
    "indicator": Source.indicator_ids,
    "explain": Source.rule_ids,
}
OPERANDS: dict[str, Callable[[Source, str], list[Candidate]]] = {
    "show": Source.section_ids,
    "get": Source.metric_ids,
    "compare": Source.indicator_ids,
}
