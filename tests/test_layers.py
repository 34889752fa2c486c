"""The package's import graph: no import runs back up the layers, and no module imports itself in a circle.

Every module of ``factcheck/`` is parsed with ``ast`` (imports inside functions count; those under
``if TYPE_CHECKING:`` do not, as they never run). The layers, low to high, are listed in ``LAYERS`` and in
docs/architecture.md: a module may import its own layer and the ones below it, never one above.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"

# Low to high. A module belongs to the layer of the longest prefix that names it.
LAYERS: list[tuple[str, ...]] = [
    ("factcheck.errors", "factcheck.models", "factcheck.config", "factcheck.files", "factcheck.safe_yaml"),
    ("factcheck.article",),
    ("factcheck.text",),
    ("factcheck.extract",),
    ("factcheck.kb",),  # data and look-ups only
    ("factcheck.resolve",),  # mentions linked to the KB, the article's date, relative dates
    ("factcheck.rules",),
    ("factcheck.pipeline",),
    ("factcheck.registry",),
    ("factcheck.memory",),  # the desk memory: reads registries, extracts evidence; the rules get it passed in
    ("factcheck.report",),
    ("factcheck.api",),
    # the command lines (``factcheck kb`` lives beside the KB it serves) and the package's public face
    ("factcheck.scan", "factcheck.cli", "factcheck.kb.cli", "factcheck.memory.cli", "factcheck"),
]


def layer_of(module: str, layers: list[tuple[str, ...]] = LAYERS) -> int:
    best, level = -1, -1
    for i, prefixes in enumerate(layers):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best:
                best, level = len(p), i
    if level < 0:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS")
    return level


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The ``factcheck`` modules a module's source imports (``from a import b`` counts as ``a.b`` when that is a
    module)."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - child.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    found.add(sub if sub in known else base)
            visit(child)

    visit(ast.parse(source))
    return {m for m in found if m == "factcheck" or m.startswith("factcheck.")}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    files = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        files[".".join(parts)] = (path, is_package)
    known = set(files)
    return {m: imports_of(p.read_text(encoding="utf-8"), m, pkg, known) - {m} for m, (p, pkg) in files.items()}


def upward_imports(graph: dict[str, set[str]], layers: list[tuple[str, ...]] = LAYERS) -> list[str]:
    return sorted(f"{m} (layer {layer_of(m, layers)}) imports {t} (layer {layer_of(t, layers)})"
                  for m, targets in graph.items() for t in targets if layer_of(t, layers) > layer_of(m, layers))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def test_no_import_runs_up_the_layers() -> None:
    assert upward_imports(import_graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_every_module_has_a_layer() -> None:
    for module in import_graph():
        layer_of(module)


def test_the_checks_fire_on_a_synthetic_package(tmp_path: Path) -> None:
    root = tmp_path / "factcheck"
    (root / "kb").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "kb" / "__init__.py").write_text("")
    (root / "models.py").write_text("import typing\n")
    # kb reads a rule (upward), even from inside a function; a TYPE_CHECKING import does not count
    (root / "kb" / "store.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from factcheck.api import x\n"
        "def f():\n    from factcheck.rules.base import CheckContext\n")
    (root / "rules").mkdir()
    (root / "rules" / "__init__.py").write_text("")
    (root / "rules" / "base.py").write_text("from . import other\n")
    (root / "rules" / "other.py").write_text("from factcheck.rules.base import Rule\nfrom factcheck.kb import store\n")
    graph = import_graph(root)
    assert graph["factcheck.kb.store"] == {"factcheck.rules.base"}
    assert upward_imports(graph) == ["factcheck.kb.store (layer 4) imports factcheck.rules.base (layer 6)"]
    assert cycles(graph) == [["factcheck.kb.store", "factcheck.rules.base", "factcheck.rules.other"]]
