"""Shell completion (issue 14): the protocol of ``lawgov __complete`` for each shell, driven from
the installed command, and the scripts of ``lawgov completion SHELL`` run in real shells."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO, wait_until_settled
from lawgov_cli.core.indicators import load_indicators
from lawgov_cli.core.loading import load_report
from test_installed import LAWGOV, clean_env, heavy_imports, imports_in_each_cache_state, lawgov

pytestmark = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")

LIBRARY = REPO / "data" / "library"
BREAKS = "\"'><=;|&(:"  # bash's default COMP_WORDBREAKS
BUNDLED = load_report()
MEDIATION = [m.id for m in BUNDLED.metrics if m.id.startswith("med")]  # in report order
BIN = str(Path(str(LAWGOV)).parent)


def ask(*args: str, cwd: Path, env: dict[str, str] | None = None) -> list[str]:
    """``lawgov __complete ARGS``: the answer's lines (the directive first). It must exit 0
    with nothing on stderr, whatever it is asked."""
    result = lawgov("__complete", *args, cwd=cwd, env=env, timeout=30)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    return result.stdout.split("\n")[:-1]


def bash(line: str, cwd: Path, env: dict[str, str] | None = None) -> list[str]:
    return ask("bash", line, BREAKS, cwd=cwd, env=env)


def values(lines: list[str]) -> list[str]:
    return [line.split("\t")[0] for line in lines[1:]]


def test_bash_figure_ids(tmp_path: Path) -> None:
    assert MEDIATION  # the bundled report has mediation figures
    assert bash("lawgov get med", tmp_path) == ["", *MEDIATION]
    # the second id after the first; an inline LAWGOV_REPORT=… counts as the variable would
    nanshan = str(LIBRARY / "futian-2024.toml")
    futian = {m.id for m in load_report(nanshan).metrics}
    assert set(bash(f"LAWGOV_REPORT={nanshan} lawgov get x s", tmp_path)[1:]) == {
        i for i in futian if i.startswith("s")
    }


def test_zsh_and_fish_give_every_candidate_with_its_description(tmp_path: Path) -> None:
    for shell in ("zsh", "fish"):
        lines = ask(shell, "lawgov", "show", "", cwd=tmp_path)
        assert lines[0] == ""  # no directive
        pairs = dict(line.split("\t") for line in lines[1:])
        assert set(pairs) == {s.id for s in BUNDLED.sections} - {"0"}
        assert pairs["4.2"] == "(二) 发挥行政复议化解行政争议主渠道作用"
        figures = dict(
            line.split("\t") for line in ask(shell, "lawgov", "get", "m", cwd=tmp_path)[1:]
        )
        assert figures["mediation.success-rate"] == "调解成功率 97.52%"


def test_commands_options_and_choices(tmp_path: Path) -> None:
    commands = values(ask("zsh", "lawgov", "", cwd=tmp_path))
    assert {"info", "show", "get", "check", "compare", "import", "completion"} <= set(commands)
    assert "__complete" not in commands
    assert bash("lawgov --re", tmp_path) == ["", "--report"]
    assert set(bash("lawgov metrics --", tmp_path)[1:]) >= {"--unit", "--sort", "--help"}
    assert bash("lawgov get x --field f", tmp_path) == ["", "figure"]
    assert bash("lawgov export --format ", tmp_path)[1:] == ["text", "md", "csv", "json", "toml"]
    assert bash("lawgov metrics --sort ", tmp_path)[1:] == ["section", "value", "id"]
    assert "issuer" in bash("lawgov compare x --sort ", tmp_path)
    assert bash("lawgov --color a", tmp_path) == ["", "auto", "always"]
    assert bash("lawgov completion ", tmp_path) == ["", "bash", "zsh", "fish"]
    # bash replaces the part after the last word break (=): the answer is cut there
    assert bash("lawgov metrics --sort=v", tmp_path) == ["", "value"]
    assert ask("fish", "lawgov", "metrics", "--sort=v", cwd=tmp_path)[1] == "--sort=section\t"


def test_sections_units_and_indicators(tmp_path: Path) -> None:
    assert bash("lawgov search x -s 4.", tmp_path) == ["", "4.1", "4.2"]
    assert bash("lawgov show 4.", tmp_path) == ["", "4.1", "4.2"]
    units = values(ask("zsh", "lawgov", "metrics", "--unit", "", cwd=tmp_path))
    assert sorted(units) == sorted({m.unit for m in BUNDLED.metrics if m.unit})
    catalogue = {i.id: i.name for i in load_indicators().items}
    for words in (["metrics", "--indicator", ""], ["compare", ""], ["compare", "x", "rec"]):
        pairs = dict(line.split("\t") for line in ask("fish", "lawgov", *words, cwd=tmp_path)[1:])
        assert pairs == catalogue
    assert bash("lawgov check 'mediation.t", tmp_path) == ["", "'mediation.total'"]
    assert bash("lawgov check mediation.total", tmp_path) == ["", "mediation.total"]
    # an id inside an expression: bash keeps the quote open and adds no space, to go on typing
    assert bash("lawgov check 'mediation.total > mediation.su", tmp_path) == [
        "nospace",
        "'mediation.total > mediation.succeeded",
        "'mediation.total > mediation.success-rate",
    ]
    assert bash("lawgov check x 'round(mediation.success-r", tmp_path)[1:] == [
        "'round(mediation.success-rate"
    ]
    inside = ask("fish", "lawgov", "check", "'mediation.total >= mediation.su", cwd=tmp_path)
    assert "mediation.total >= mediation.succeeded\t调解成功的纠纷 4126宗" in inside  # unquoted


def test_audit_rule_ids_of_the_profile_on_the_line(tmp_path: Path) -> None:
    from lawgov_cli.core.audit import load_profile

    national = {r.id: r.name for r in load_profile("national").rules}
    shenzhen = {r.id: r.name for r in load_profile("shenzhen").rules}
    assert set(national) < set(shenzhen)
    pairs = dict(line.split("\t") for line in ask("fish", "lawgov", "audit", "--explain", "",
                                                   cwd=tmp_path)[1:])  # fmt: skip
    assert pairs == national
    for words in (["--profile", "shenzhen", "--explain", ""], ["--profile=shenzhen", "--explain="]):
        found = values(ask("zsh", "lawgov", "audit", *words, cwd=tmp_path))
        assert [v.removeprefix("--explain=") for v in found] == list(shenzhen), words
    assert bash("lawgov audit --explain contents.sh", tmp_path) == ["", "contents.shortcomings"]
    # a profile that does not exist: the default's rules (the command will refuse the profile)
    assert (
        values(ask("zsh", "lawgov", "audit", "--profile", "x", "--explain", "", cwd=tmp_path))[:1]
        == list(national)[:1]
    )


def test_the_report_on_the_command_line(tmp_path: Path) -> None:
    one = LIBRARY / "pingshan-2024.toml"
    ids = [m.id for m in load_report(one).metrics]
    assert bash(f"lawgov --report {one} get ", tmp_path)[1:] == ids
    assert bash(f"lawgov --report={one} get ", tmp_path)[1:] == ids
    env = {"LAWGOV_REPORT": str(one)}
    assert bash("lawgov get ", tmp_path, env)[1:] == ids
    assert bash("lawgov --report data/report.toml get med", REPO, env)[1:] == MEDIATION
    # LAWGOV_REPORT='' is an empty path, refused (Global options): no ids of the bundled one
    assert bash("lawgov get med", tmp_path, {"LAWGOV_REPORT": ""}) == [""]
    assert bash("lawgov --report '' get med", tmp_path) == [""]
    # several reports: REPORT: forms (no space after), then that report's ids after the colon
    assert bash(f"lawgov --report {LIBRARY} get pings", tmp_path) == [
        "nospace", "pingshan-2023:", "pingshan-2024:", "pingshan-2025:",
    ]  # fmt: skip
    after = bash(f"lawgov --report {LIBRARY} get pingshan-2024:s", tmp_path)[1:]
    assert after == [i for i in ids if i.startswith("s")]  # bash cut the line after the colon
    full = values(
        ask("zsh", "lawgov", "--report", str(LIBRARY), "show", "luohu-2025:", cwd=tmp_path)
    )
    luohu = load_report(LIBRARY / "luohu-2025.toml")
    assert full == [f"luohu-2025:{s.id}" for s in luohu.sections if s.id != "0"]
    # a report that cannot be read is left out; the others still complete
    shutil.copy(one, tmp_path / "good.toml")
    (tmp_path / "bad.toml").write_text("[report\n", encoding="utf-8")
    both = "lawgov --report good.toml --report bad.toml get "
    assert bash(both, tmp_path)[1:] == [*ids, "good:"]
    assert bash(both + "good:s1-1", tmp_path)[1:] == [i for i in ids if i.startswith("s1-1")]
    assert bash(both + "bad:", tmp_path) == [""]
    assert bash("lawgov --report ", tmp_path) == ["files"]
    assert bash("lawgov validate ", tmp_path) == ["files"]


@pytest.mark.parametrize(
    "args",
    [
        ["bash", "lawgov --report bad.toml get "],
        ["bash", "lawgov --report missing.toml show "],
        ["bash", "lawgov --report empty-dir metrics --unit "],
        ["bash", "lawgov --report bad.toml --report missing.toml get m"],
        ["zsh", "lawgov", "--report", "/dev/zero", "get", ""],
        ["fish", "lawgov", "--report", "nul\x01l", "show", ""],
        ["bash", "lawgov nosuchcommand "],
        ["bash", "lawgov get 'unclosed \\"],
        ["nosuchshell", "lawgov"],
        ["bash"],
        [],
        ["zsh"],
        ["bash", "x" * 100_000],
    ],
)
def test_anything_odd_completes_nothing_quietly(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "bad.toml").write_text("[report\n", encoding="utf-8")
    (tmp_path / "empty-dir").mkdir()
    lines = ask(*args, cwd=tmp_path)
    assert lines in ([], [""]), lines


def test_the_script_command(tmp_path: Path) -> None:
    for shell in ("bash", "zsh", "fish"):
        result = lawgov("completion", shell, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (0, "")
        assert "lawgov __complete" in result.stdout
    wrong = lawgov("completion", "tcsh", cwd=tmp_path)
    assert (wrong.returncode, wrong.stdout) == (2, "")
    assert wrong.stderr.startswith("lawgov: no completion for the shell 'tcsh'\n")
    typer_way = lawgov("--install-completion", cwd=tmp_path)
    assert typer_way.returncode == 2
    assert "lawgov completion SHELL" in typer_way.stderr


def test_a_tab_imports_no_library(tmp_path: Path) -> None:
    runs = imports_in_each_cache_state(["__complete", "bash", "lawgov get med", BREAKS], tmp_path)
    assert all("lawgov_cli.cli.completion" in modules for modules in runs.values())
    assert heavy_imports(runs, ("typer", "click", "rich", "opencc", "lxml", "pypdf")) == {}


# -- real shells -------------------------------------------------------------------------------


def shell_env(tmp_path: Path) -> dict[str, str]:
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    return clean_env({"PATH": path, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)})


BASH_TEST = r"""
eval "$(lawgov completion bash)"
complete -p lawgov
COMP_WORDS=(lawgov get med); COMP_CWORD=2
COMP_LINE="lawgov get med"; COMP_POINT=${#COMP_LINE}
_lawgov_complete
printf 'reply:%s\n' "${COMPREPLY[@]}"
unset COMP_LINE COMP_POINT
COMP_WORDS=(lawgov show 4.); COMP_CWORD=2
_lawgov_complete
printf 'words:%s\n' "${COMPREPLY[@]}"
"""


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash on this machine")
def test_real_bash(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", BASH_TEST], cwd=tmp_path,
        env=shell_env(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "complete -F _lawgov_complete lawgov"
    assert [x[6:] for x in lines if x.startswith("reply:")] == MEDIATION
    assert [x[6:] for x in lines if x.startswith("words:")] == ["4.1", "4.2"]


def typed(
    argv: list[str], setup: str, text: str, expected: str, env: dict[str, str], then: str = ""
) -> str:
    """Run an interactive shell on a pseudo-terminal, give it ``setup``, type ``text`` and
    TAB (and, once the terminal is quiet, ``then``); what the terminal showed, once it shows
    ``expected`` (or after 20 seconds)."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvpe(argv[0], argv, env | {"TERM": "dumb", "LANG": "C.UTF-8"})
    shown = b""

    def read(until: bytes, seconds: float) -> None:
        nonlocal shown
        end = time.monotonic() + seconds
        while time.monotonic() < end and until not in shown:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    shown += os.read(fd, 65536)
                except OSError:
                    return

    try:
        os.write(fd, f"{setup}; echo READY''\n".encode())  # the quotes: not the echo itself
        read(b"READY\r", 20)
        os.write(fd, f"{text}\t".encode())
        if then:
            for _ in range(200):  # until the completion has answered: 1 s without output
                before = len(shown)
                read(b"\0", 1)
                if len(shown) == before:
                    break
            os.write(fd, then.encode())
        read(expected.encode(), 20)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return shown.decode(errors="replace")


SHELLS_AT_A_TERMINAL = [
    (["bash", "--norc", "--noprofile", "-i"], 'eval "$(lawgov completion bash)"'),
    (["zsh", "-f", "-i"], "autoload -U compinit; compinit -u; source <(lawgov completion zsh)"),
    (  # the other way the README gives: the script saved as _lawgov in a directory of $fpath
        ["zsh", "-f", "-i"],
        "mkdir -p ~/zf; lawgov completion zsh > ~/zf/_lawgov; fpath=(~/zf $fpath); "
        "autoload -U compinit; compinit -u -d ~/zcompdump",
    ),
    (["fish", "--no-config", "-i"], "lawgov completion fish | source"),
]


@pytest.mark.parametrize(("argv", "setup"), SHELLS_AT_A_TERMINAL)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lawgov get mediation.success-", "lawgov get mediation.success-rate"),
        ("lawgov check 'mediation.total > mediation.success-", "> mediation.success-rate"),
    ],
)
def test_real_shell_at_a_terminal(
    tmp_path: Path, argv: list[str], setup: str, text: str, expected: str
) -> None:
    """``lawgov get mediation.success-<TAB>`` typed into the shell completes the id, and so
    does the id being typed inside a quoted check expression."""
    if shutil.which(argv[0]) is None:
        pytest.skip(f"no {argv[0]} on this machine: its protocol is tested above")
    shown = typed(argv, setup, text, expected, shell_env(tmp_path))
    assert expected in shown, shown
    assert "Traceback" not in shown and "\\'" not in shown  # fish once escaped the quote


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [  # a TAB after a whole expression leaves it whole (bash once cut it to its last id)
        ("lawgov check 'mediation.total > mediation.success-rate'", r"PASS +mediation\.total >"),
        (
            "lawgov check mediation.total\\>mediation.tota",
            r"FAIL +mediation\.total>mediation\.total",
        ),
    ],
)
def test_a_tab_keeps_the_expression_typed(
    tmp_path: Path, shell: str, text: str, expected: str
) -> None:
    """TAB, then Enter: the check that runs is the expression typed (with its id completed),
    so its verdict is printed; a line cut to ``lawgov check mediation.success-rate`` would be
    an error instead."""
    [(argv, setup)] = [(a, s) for a, s in SHELLS_AT_A_TERMINAL if a[0] == shell][:1]
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell} on this machine")
    shown = typed(argv, setup, text, "mediation.total = 4231", shell_env(tmp_path), then="\n")
    assert re.search(expected, shown), shown


def test_bash_replies_replace_what_readline_replaces(tmp_path: Path) -> None:
    """Readline replaces from the quote still open, else after the last break character
    outside quotes and not escaped, else the whole word (as a real bash showed: the tests at a
    terminal below): a reply is the value less what stays, quoted as the replaced text is."""

    def reply(line: str) -> list[str]:
        return bash(line, tmp_path)

    closed = "'mediation.total > mediation.success-rate'"  # whole: the quote kept, closed
    assert reply(f"lawgov check {closed}") == ["nospace", closed]
    escaped = "mediation.total\\>mediation.tota"  # whole: the > escaped
    assert reply(f"lawgov check {escaped}") == ["nospace", "mediation.total\\>mediation.total"]
    assert reply("lawgov check mediation.total>mediation.tota") == ["nospace", "mediation.total"]
    opened = "'mediation.total > mediation.tota"  # from the open quote, left open: it goes on
    assert reply(f"lawgov check {opened}") == ["nospace", opened + "l"]
    # after the =: only what follows it (it was "\\=section", which broke the option)
    assert reply("lawgov metrics --sort=") == ["", "section", "value", "id"]
    assert reply("lawgov metrics --sort=v") == ["", "value"]
    # the open quote after a closed one: only the quoted part is replaced, quoted
    assert reply('lawgov get "mediation"."su') == ["", '"succeeded"', '"success-rate"']
    library = f"lawgov --report {LIBRARY} get futian-2024:s1-1-1.f"
    assert reply(library)[1:3] == ["s1-1-1.f1", "s1-1-1.f2"]
    # a script of 2026-11-30 sends bash's word too: it changes nothing
    assert ask("bash", "lawgov metrics --sort=", BREAKS, "=", cwd=tmp_path)[1:] == [
        "section", "value", "id",
    ]  # fmt: skip


def test_a_short_option_with_its_value_attached(tmp_path: Path) -> None:
    assert bash("lawgov metrics -s4.", tmp_path)[1:] == ["-s4.1", "-s4.2"]


def test_a_library_tab_reads_the_index_and_never_a_cold_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over many reports a TAB answers from the library index the commands keep; when that
    would mean parsing more than TAB_READ_LIMIT report files (a cold library of thousands
    took 40 s a TAB), it offers the report ids alone, parsing none."""
    from lawgov_cli.cli import completion
    from lawgov_cli.core import loading

    library = tmp_path / "many"
    library.mkdir()
    for n in range(completion.TAB_READ_LIMIT + 1):  # copies of the bundled report
        shutil.copy(REPO / "data" / "report.toml", library / f"r{n:02}.toml")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parsed: list[str] = []
    real = loading.load_report
    monkeypatch.setattr(loading, "load_report", lambda p, *a, **k: parsed.append(p) or real(p))
    line = f"lawgov --report {library} get r00:"
    env = dict(os.environ)
    cold = completion.answer_text(["zsh", "lawgov", "--report", str(library), "get", ""], env)
    assert parsed == []
    assert values(cold.split("\n")[:-1]) == [
        f"r{n:02}:" for n in range(len(list(library.iterdir())))
    ]
    wait_until_settled(library / f"r{completion.TAB_READ_LIMIT:02}.toml")  # else never indexed
    # Indexed as `lawgov --report DIR reports` would, by this code (an installed copy of the
    # package is other code, with an index of its own: checked at the end)
    from lawgov_cli.core.library import Entry, expand, report_ids
    from lawgov_cli.storage.library_index import LibraryIndex

    files = expand([str(library)])
    LibraryIndex(
        [Entry(i, f, None) for i, f in zip(report_ids(files), files, strict=True)]
    ).summaries()
    parsed.clear()
    warm = completion.answer_text(["zsh", "lawgov", "--report", str(library), "get", "med"], env)
    assert parsed == []  # from the index alone
    assert values(warm.split("\n")[:-1]) == [m.id for m in BUNDLED.metrics] + [
        f"r{n:02}:" for n in range(completion.TAB_READ_LIMIT + 1)
    ]
    assert completion.answer_text(["bash", line, BREAKS], env).split("\n")[1:3] == [
        f"{BUNDLED.metrics[0].id}",
        f"{BUNDLED.metrics[1].id}",
    ]
    # the installed command: a TAB after `lawgov reports` has indexed the library
    installed = {"XDG_CACHE_HOME": str(tmp_path / "installed-cache")}
    assert lawgov("--report", str(library), "reports", cwd=tmp_path, env=installed).returncode == 0
    answer = ask("zsh", "lawgov", "--report", str(library), "get", "", cwd=tmp_path, env=installed)
    assert values(answer)[: len(BUNDLED.metrics)] == [m.id for m in BUNDLED.metrics]


def test_zsh_sees_a_variable_set_before_the_command(tmp_path: Path) -> None:
    """``LAWGOV_REPORT=FILE lawgov get <TAB>`` completes FILE's ids in zsh (and fish), whose
    completion can read the whole line; bash hides such a word from completion (README)."""
    futian = LIBRARY / "futian-2024.toml"
    for argv, setup in SHELLS_AT_A_TERMINAL:
        if argv[0] == "bash" or shutil.which(argv[0]) is None:
            continue
        here = f"{setup}; cd {futian.parent}"  # a short line: a long one scrolls away
        text = f"LAWGOV_REPORT={futian.name} lawgov get s1-1-3."  # one id: it is put in
        shown = typed(argv, here, text, "s1-1-3.f1", shell_env(tmp_path))
        assert "s1-1-3.f1" in shown, (argv, shown)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_path_after_an_equals_sign(tmp_path: Path, shell: str) -> None:
    """``--report=PATH<TAB>`` completes the path after the = in every shell."""
    [(argv, setup)] = [(a, s) for a, s in SHELLS_AT_A_TERMINAL if a[0] == shell][:1]
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell} on this machine")
    (tmp_path / "reports-here").mkdir()
    here = f"{setup}; cd {tmp_path}"  # a short line: a long one scrolls out of the terminal
    shown = typed(argv, here, "lawgov --report=reports-h", "reports-here/", shell_env(tmp_path))
    assert "lawgov --report=reports-here/" in shown, shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lawgov metrics --sort=val", "lawgov metrics --sort=value "),
        ('lawgov get "mediation"."success-r', 'lawgov get "mediation"."success-rate" '),
    ],
)
def test_what_bash_puts_into_the_line(tmp_path: Path, text: str, expected: str) -> None:
    """The line after TAB in a real bash: the value after an = (a reply once began with
    \\=, breaking the option) and an id whose first part is quoted (once doubled)."""
    if shutil.which("bash") is None:
        pytest.skip("no bash on this machine")
    argv, setup = SHELLS_AT_A_TERMINAL[0]
    shown = typed(argv, setup, text, expected, shell_env(tmp_path))
    assert expected in shown, shown


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("typed_path", ["'sp d", "sp\\ d", "--report='sp d"])
def test_a_quoted_or_escaped_path(tmp_path: Path, shell: str, typed_path: str) -> None:
    """A path typed with a quote or a backslash completes in every shell (fish was given the
    token as typed, quote and all, and found nothing)."""
    [(argv, setup)] = [(a, s) for a, s in SHELLS_AT_A_TERMINAL if a[0] == shell][:1]
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell} on this machine")
    (tmp_path / "sp dir").mkdir()
    here = f"{setup}; cd {tmp_path}"
    text = f"lawgov {typed_path}" if typed_path.startswith("-") else f"lawgov --report {typed_path}"
    expected = "dir'/" if shell == "bash" and "'" in typed_path else "dir/"  # as bash does for cat
    shown = typed(argv, here, text, expected, shell_env(tmp_path))
    assert expected in shown, shown


def test_zsh_a_path_with_an_equals_sign_after_the_option(tmp_path: Path) -> None:
    """``--report=a\\=b/<TAB>``: zsh takes off the option and its = alone, not up to the
    path's own = (it once completed nothing there)."""
    [(argv, setup)] = [(a, s) for a, s in SHELLS_AT_A_TERMINAL if a[0] == "zsh"][:1]
    if shutil.which("zsh") is None:
        pytest.skip("no zsh on this machine")
    (tmp_path / "a=b").mkdir()
    (tmp_path / "a=b" / "x1.toml").write_text("", encoding="utf-8")
    here = f"{setup}; cd {tmp_path}"
    shown = typed(argv, here, "lawgov --report=a\\=b/", "x1.toml", shell_env(tmp_path))
    assert "x1.toml" in shown, shown
