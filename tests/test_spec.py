"""Each command is declared once (spec.py): the command tree Typer builds, and the bodies that
run the commands, must match the declarations option by option."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import typer.main
from typer._click.types import IntRange
from typer._types import TyperChoice as Choice
from typer.core import TyperArgument as Argument
from typer.core import TyperOption as Option

from lawgov_cli.cli import spec
from lawgov_cli.cli.app import app
from lawgov_cli.cli.dispatch import body_of, defaults

TREE = typer.main.get_command(app)


def _click_params(params: list[Any]) -> dict[str, Any]:
    return {p.name: p for p in params if p.name != "help"}


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def _same_option(declared: spec.Opt, built: Option) -> None:
    assert isinstance(built, Option), declared.dest
    assert tuple(built.opts) == declared.flags
    assert built.help == declared.help
    assert built.is_flag is (not declared.takes_value)
    assert built.required is declared.required
    assert built.envvar == declared.envvar
    assert built.multiple is declared.many  # --report, given once or more
    if not declared.takes_value:
        assert built.default is False
        return
    if not declared.required:
        assert _plain(built.default) == declared.default
    if declared.choices is not None:
        assert isinstance(built.type, Choice)
        assert tuple(_plain(c) for c in built.type.choices) == declared.choices
    if declared.whole_number:
        assert isinstance(built.type, IntRange)
        assert (built.type.min, built.type.max) == (declared.minimum, declared.maximum)
    if declared.metavar is not None:
        assert built.metavar == declared.metavar


@pytest.mark.parametrize("name", list(spec.COMMANDS))
def test_the_typer_command_is_built_from_its_declaration(name: str) -> None:
    declared = spec.COMMANDS[name]
    built = TREE.commands[name]  # type: ignore[attr-defined]
    params = _click_params(built.params)
    assert list(params) == [a.dest for a in declared.args] + [o.dest for o in declared.options]
    for arg in declared.args:
        argument = params[arg.dest]
        assert isinstance(argument, Argument)
        assert argument.nargs == (-1 if arg.many else 1)
        assert argument.required is (not arg.optional)
        assert argument.metavar == arg.metavar
        assert argument.help == arg.help  # type: ignore[attr-defined]
    for option in declared.options:
        _same_option(option, params[option.dest])
    assert inspect.cleandoc(built.help or "") == inspect.cleandoc(declared.help)


def test_the_global_options_are_built_from_their_declarations() -> None:
    params = _click_params(TREE.params)
    assert list(params) == [o.dest for o in spec.GLOBAL]
    for option in spec.GLOBAL:
        _same_option(option, params[option.dest])


def test_every_declared_command_exists_and_nothing_else() -> None:
    assert set(TREE.commands) == set(spec.COMMANDS)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(spec.COMMANDS))
def test_each_body_takes_exactly_the_declared_parameters_without_defaults(name: str) -> None:
    """Defaults live in the declarations alone (dispatch.defaults fills them in)."""
    declared = spec.COMMANDS[name]
    parameters = list(inspect.signature(body_of(declared)).parameters.values())
    assert parameters[0].name == "state"
    assert [p.name for p in parameters[1:]] == list(defaults(declared))
    assert all(p.default is inspect.Parameter.empty for p in parameters)


def test_exclusive_pairs_name_declared_options() -> None:
    for declared in spec.COMMANDS.values():
        dests = {o.dest for o in declared.options}
        for one, other in declared.exclusive:
            assert {one, other} <= dests


def test_output_formats_asked_for_by_options_are_registered() -> None:
    from lawgov_cli.cli.present import FORMATS

    asked = {o.output_format for c in spec.COMMANDS.values() for o in c.options}
    assert asked - {None} <= set(FORMATS)


@pytest.mark.parametrize("fmt", ["json", "csv", "plain", "terminal"])
def test_every_format_draws_every_answer_it_can_be_asked_for(fmt: str) -> None:
    """A format asked for by an option draws each answer of the commands that have the option;
    plain and terminal draw every answer."""
    from importlib import import_module

    from lawgov_cli.cli.present import FORMATS
    from lawgov_cli.formats import answers

    module = import_module(FORMATS[fmt])
    kinds = {
        cls.kind for cls in vars(answers).values() if isinstance(getattr(cls, "kind", None), str)
    }
    if fmt == "csv":
        kinds = {"figures", "across", "reports"}  # across: metrics --csv of several reports
    assert all(callable(getattr(module, kind, None)) for kind in kinds), fmt


def test_one_list_of_metric_fields() -> None:
    """The model's order is the order of JSON, CSV, TOML, the file schema and --field."""
    from lawgov_cli.core.loading.schema import METRIC_SCHEMA
    from lawgov_cli.core.model import METRIC_FIELDS, Metric
    from lawgov_cli.formats.records import metric_dict

    assert tuple(Metric.__dataclass_fields__) == METRIC_FIELDS
    assert tuple(METRIC_SCHEMA) == METRIC_FIELDS
    assert set(spec.FIELD_CHOICES) == set(METRIC_FIELDS)
    metric = Metric("a", "0", "标签", 1, "件", "1件", "", "1件")
    assert tuple(metric_dict(metric)) == METRIC_FIELDS
