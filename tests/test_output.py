from __future__ import annotations

import pytest

from lawgov_cli.output import decide_style


@pytest.mark.parametrize(
    ("color", "isatty", "env", "expected"),
    [
        ("auto", True, {}, (True, True)),
        ("auto", False, {}, (False, False)),
        ("auto", True, {"NO_COLOR": "1"}, (True, False)),
        ("auto", False, {"FORCE_COLOR": "1"}, (False, True)),
        ("auto", True, {"TERM": "dumb"}, (True, False)),
        ("auto", True, {"TERM": "dumb", "FORCE_COLOR": "1"}, (True, True)),
        ("auto", True, {"FORCE_COLOR": "0"}, (True, True)),
        ("auto", True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, (True, False)),
        ("always", False, {"NO_COLOR": "1"}, (True, True)),
        ("never", True, {"FORCE_COLOR": "1"}, (True, False)),
    ],
)
def test_decide_style(
    color: str, isatty: bool, env: dict[str, str], expected: tuple[bool, bool]
) -> None:
    assert decide_style(color, isatty, env) == expected
