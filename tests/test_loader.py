from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL
from lawgov_cli import Report, ReportError, load_report
from lawgov_cli.core.errors import LawgovError


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ReportError) as caught:
        load_report(path)
    return [p.located(str(path)) for p in caught.value.problems]


def test_load_report_without_a_path_is_the_bundled_report() -> None:
    report = load_report()
    assert isinstance(report, Report)
    assert report.issuer == "南山区人民政府"
    assert report.path is not None
    assert report.path.endswith("report.toml")


def test_minimal_report_loads(write_report) -> None:
    report = load_report(write_report(MINIMAL))
    assert [s.id for s in report.sections] == ["0"]
    assert report.metrics[0].value == 12
    assert report.metrics[0].qualifier == ""  # optional, defaults to empty


def test_toml_syntax_error_names_file_line_and_column(write_report) -> None:
    path = write_report(MINIMAL.replace('issuer = "测试区人民政府"', "issuer = 测试区"))
    [message] = problems_of(path)
    assert message.startswith(f"{path}:3:10: invalid TOML")


def test_schema_problem_names_the_toml_path_and_the_expectation(write_report) -> None:
    path = write_report(MINIMAL.replace("value = 12", 'value = "abc"'))
    [message] = problems_of(path)
    assert message == f'{path}:16: metrics[0].value: expected a number, got string "abc"'


def test_every_problem_is_reported_not_just_the_first(write_report) -> None:
    text = MINIMAL.replace("year = 2024", 'year = "2024"').replace('unit = "件"', "unit = 5")
    text = text.replace("date = 2024-12-31", 'date = "2024-12-31"')
    messages = problems_of(write_report(text))
    assert len(messages) == 3
    assert any("report.date: expected a TOML date" in m for m in messages)
    assert any(
        'report.year: expected a year such as 2024, got string "2024"' in m for m in messages
    )
    assert any("metrics[0].unit: expected a string, got integer 5" in m for m in messages)


def test_missing_required_field(write_report) -> None:
    [message] = problems_of(write_report(MINIMAL.replace('label = "办理案件"\n', "")))
    assert "metrics[0].label: missing (expected a non-empty string)" in message


def test_unknown_section_reference(write_report) -> None:
    [message] = problems_of(write_report(MINIMAL.replace('section = "0"', 'section = "9.9"')))
    assert 'metrics[0].section: unknown section "9.9" (metric cases.total)' in message


def test_duplicate_ids(write_report) -> None:
    metric = MINIMAL[MINIMAL.index("[[metrics]]") :]
    section = '[[sections]]\nid = "0"\ntext = "x"\n\n'
    messages = problems_of(write_report(MINIMAL + "\n" + metric + "\n" + section))
    assert any(
        'metrics[1].id: duplicate metric id "cases.total" (first at metrics[0])' in m
        for m in messages
    )
    assert any('sections[1].id: duplicate section id "0"' in m for m in messages)


def test_child_section_before_its_parent(write_report) -> None:
    text = MINIMAL.replace('[[sections]]\nid = "0"', '[[sections]]\nid = "1.1"', 1)
    text = text.replace('section = "0"', 'section = "1.1"')
    assert any('"1.1" comes before its parent "1"' in m for m in problems_of(write_report(text)))


@pytest.mark.parametrize(
    ("bad_id", "kind"),
    [('id = "Cases.Total"', "metric"), ('id = "案件"', "metric"), ('id = "a..b"', "metric")],
)
def test_metric_ids_must_be_ascii_lowercase(write_report, bad_id: str, kind: str) -> None:
    [message] = problems_of(write_report(MINIMAL.replace('id = "cases.total"', bad_id)))
    assert f"is not a {kind} id" in message


def test_unknown_keys_are_reported(write_report) -> None:
    [message] = problems_of(
        write_report(MINIMAL.replace('unit = "件"', 'unit = "件"\nunti = "件"'))
    )
    assert "metrics[0].unti: unknown key" in message


def test_not_utf8_is_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes(MINIMAL.encode("gb18030"))
    with pytest.raises(ReportError) as caught:
        load_report(path)
    assert "not UTF-8 text" in str(caught.value)
    assert caught.value.hint == "save the file as UTF-8"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert load_report(path).title == "测试报告"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}: no such file"]
    assert "is a directory" in problems_of(tmp_path)[0]


def test_error_message_counts_further_problems(write_report) -> None:
    text = MINIMAL.replace("year = 2024", 'year = "x"').replace("value = 12", "value = true")
    with pytest.raises(ReportError) as caught:
        load_report(write_report(text))
    assert str(caught.value).endswith("(and 1 more problem)")


def test_nan_is_not_a_value(write_report) -> None:
    [message] = problems_of(write_report(MINIMAL.replace("value = 12", "value = nan")))
    assert "metrics[0].value: expected a number, got float nan" in message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('label = "办理案件"', 'label = " "'), "metrics[0].label: is empty"),
        (
            ('title = "', 'title = "\\u001b[31m'),
            "report.title: contains a control character (U+001B)",
        ),
        (("year = 2024", "year = -5"), "report.year: -5 is not a year between 1900 and 2100"),
        (
            ('label = "办理案件"', 'label = "办理\\r案件"'),
            "metrics[0].label: contains a tab or line",
        ),
        (('title = "', 'title = "\\n'), "report.title: contains a tab or line break (U+000A)"),
        (
            ('label = "办理案件"', 'label = "办理\\u202e案件"'),
            "contains a control character (U+202E)",
        ),
        (
            ('id = "cases.total"', 'id = "not"'),
            'metrics[0].id: "not" is a word of check expressions',
        ),
    ],
)
def test_values_of_the_right_type_can_still_be_wrong(
    write_report, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in MINIMAL
    messages = problems_of(write_report(MINIMAL.replace(old, new, 1)))
    assert any(message in m for m in messages), messages


def test_toml_nested_too_deeply_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    [message] = problems_of(path)
    assert message == f"{path}: invalid TOML: arrays or tables nested too deeply to read"


def test_an_endless_or_enormous_file_is_refused_not_read_into_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from lawgov_cli.core.loading import files as loader

    with pytest.raises(
        LawgovError, match=r"^/dev/zero: is a character device, not a regular file$"
    ):
        loader.read_text("/dev/zero")
    monkeypatch.setattr(loader, "MAX_INPUT_BYTES", 1024)
    enormous = tmp_path / "big.toml"
    with enormous.open("wb") as out:
        out.truncate(2048)
    with pytest.raises(LawgovError, match=r"big.toml: more than 1 KB: not a report$"):
        loader.read_text(enormous)


def test_a_toml_file_that_stops_mid_value_names_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.toml"
    path.write_text('[report]\ntitle = "甲"\nx = [', encoding="utf-8")
    [message] = problems_of(path)
    assert message == f"{path}:3: invalid TOML: Invalid value, at the end of the file"


def test_a_section_id_takes_ascii_digits_only(write_report) -> None:
    path = write_report(MINIMAL.replace('id = "0"', 'id = "1٣"').replace('"0"', '"1٣"'))
    assert any("sections[0].id" in p and "1٣" in p for p in problems_of(path))


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [("year = 2024", "year = " + "9" * 5000, 5), ("value = 12", "value = " + "1" * 4400, 16)],
)
def test_an_integer_too_long_to_read_is_a_report_problem(
    write_report, old: str, new: str, line: int
) -> None:
    """tomllib reads integers with int(), which refuses more than 4300 digits."""
    path = write_report(MINIMAL.replace(old, new))
    assert problems_of(path) == [f"{path}:{line}: an integer too long to read (over 4300 digits)"]


def test_a_figure_of_thousands_of_digits_is_a_problem_not_a_crash(write_report) -> None:
    digits = "9" * 5000
    path = write_report(
        MINIMAL.replace("案件12件。", f"案件{digits}件。")
        .replace('"12件"', f'"{digits}件"')
        .replace('案件12件"', f'案件{digits}件"')
    )
    assert "a number of more than 30 digits is not a figure" in problems_of(path)[0]


def test_a_marker_of_thousands_of_digits_reads_as_no_number(write_report) -> None:
    from lawgov_cli.core.errors import UnknownSectionError
    from lawgov_cli.core.numbers import marker_value
    from lawgov_cli.core.queries import find_section

    assert marker_value("9" * 5000 + ".") is None
    report = load_report(
        write_report(MINIMAL.replace('id = "0"\n', f'id = "0"\nnumber = "{"9" * 5000}."\n'))
    )
    with pytest.raises(UnknownSectionError):
        find_section(report, "三")
