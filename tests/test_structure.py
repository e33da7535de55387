"""The package's import structure: no import cycles among extract.* modules, and readers that
name no document, cross-document step or output."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Set
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "extract"
# What a reader may not know: a document, work across documents, an output.
FORBIDDEN_TO_READERS = ("extract.documents", "extract.cross", "extract.output")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imported(module: str, path: Path, known: Set[str]) -> set[str]:
    """Every extract.* module the file imports, at any depth (functions, TYPE_CHECKING blocks
    too: a deferred import hides a cycle rather than breaking it)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # 'from extract.readers import grid' imports the module grid, not a name.
            found.update(
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            )
    return {name for name in found if name in known and name != module}


def import_graph() -> dict[str, set[str]]:
    """Each extract.* module and the extract.* modules it imports."""
    modules = _modules()
    known = set(modules)
    return {name: _imported(name, path, known) for name, path in modules.items()}


def find_cycles(graph: Mapping[str, Set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for after in sorted(graph.get(node, ())):
            if after not in index:
                visit(after)
                low[node] = min(low[node], low[after])
            elif after in on_stack:
                low[node] = min(low[node], index[after])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_graph_sees_deferred_relative_and_submodule_imports(tmp_path: Path) -> None:
    source = tmp_path / "c.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import b\n"
        "from .a import name\n"
        "if TYPE_CHECKING:\n"
        "    import extract.x.d\n"
        "def f():\n"
        "    from extract.x.e import g\n",
        encoding="utf-8",
    )
    known = {f"extract.x.{m}" for m in "abcde"} | {"extract.x"}
    found = _imported("extract.x.c", source, known)
    assert found == {"extract.x.a", "extract.x.b", "extract.x.d", "extract.x.e"}
    assert "extract.readers.text" in import_graph()["extract.readers.grid"]
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_among_extract_modules() -> None:
    assert find_cycles(import_graph()) == []


def test_readers_name_no_document_cross_step_or_output() -> None:
    wrong = {
        (module, target)
        for module, targets in import_graph().items()
        if module.startswith("extract.readers")
        for target in targets
        if target.startswith(FORBIDDEN_TO_READERS)
    }
    assert wrong == set()
