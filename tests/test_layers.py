"""The layers of the package (README, Design notes) and which may import which, checked on every
import statement of every module, lazy ones inside functions included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import lawgov_cli

PACKAGE = Path(lawgov_cli.__file__).parent
LEAVES = {"version", "system"}
# layer -> the layers it may import (itself and the leaves always)
MAY_IMPORT = {
    "system": set(),
    "version": set(),
    "core": set(),
    "importer": {"core"},
    "formats": {"core"},
    "storage": {"core"},
    "cli": {"core", "importer", "formats", "storage"},
    "__init__": {"core"},
    "__main__": {"cli"},
}


def layer_of(module: str) -> str:
    """``lawgov_cli.core.queries`` -> ``core``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(module: str, path: Path) -> set[str]:
    """Every lawgov module ``module`` imports, resolved to its dotted name."""
    is_package = path.name == "__init__.py"
    here = module.split(".") if is_package else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.startswith("lawgov_cli"):
                found.add(target)
                found.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("lawgov_cli"))
    known = modules()
    return {name for name in found if name in known and name != module}


@pytest.mark.parametrize("module", sorted(modules()))
def test_each_module_imports_only_the_layers_below_it(module: str) -> None:
    layer = layer_of(module)
    allowed = MAY_IMPORT[layer] | LEAVES | {layer}
    wrong = {m for m in imports_of(module, modules()[module]) if layer_of(m) not in allowed}
    assert not wrong, f"{module} ({layer}) imports {sorted(wrong)}"


def test_every_layer_is_known() -> None:
    assert {layer_of(m) for m in modules()} <= set(MAY_IMPORT)


def test_the_leaves_import_nothing_of_lawgov_but_each_other() -> None:
    for module, path in modules().items():
        if layer_of(module) in LEAVES:
            assert {layer_of(m) for m in imports_of(module, path)} <= LEAVES, module


def test_the_core_imports_neither_typer_nor_rich() -> None:
    for module, path in modules().items():
        if layer_of(module) in {"core", "importer", "storage", "system"}:
            text = path.read_text(encoding="utf-8")
            tree = ast.parse(text)
            names = {
                alias.name.split(".")[0]
                for node in ast.walk(tree)
                if isinstance(node, ast.Import)
                for alias in node.names
            } | {
                (node.module or "").split(".")[0]
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and not node.level
            }
            assert not names & {"typer", "rich", "click"}, module
