"""No import loop among the modules in src/: the arrows run one way (shell → core, app →
screen → panes), so any module can be read, imported and tested without its callers.

Counted: every import at module level, including inside try/if and under `if TYPE_CHECKING:`
(a type-only import is still an arrow a reader must follow); not those inside functions (run
on call, after every module is loaded: the rules registry's plug-in import is one).
Run alone: pytest tests/test_import_graph.py
"""

from __future__ import annotations

import ast
from pathlib import Path

import imgwizard

SRC = Path(imgwizard.__file__).parent
PACKAGE = "imgwizard"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(body: list[ast.stmt]):
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            yield from _top_level_imports(node.body)
            yield from _top_level_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                yield from _top_level_imports(block)


def import_graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        for node in _top_level_imports(tree.body):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = name.split(".")
                    anchor = anchor if is_package else anchor[:-1]
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from pkg import mod` imports the module pkg.mod; otherwise a name in pkg.
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in paths else base for a in node.names
                ]
            for target in targets:
                while target and target not in paths:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_real_imports():
    graph = import_graph()
    assert "imgwizard.tui.screens.wizard" in graph["imgwizard.tui.app"]
    assert "imgwizard.tui.shell" in graph["imgwizard.tui.screens.wizard"]
    assert "imgwizard.model" in graph["imgwizard.steps"]


def test_a_loop_is_caught():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_loop_in_src():
    assert cycles(import_graph()) == []


def test_the_core_imports_no_shell():
    graph = import_graph()
    core = [m for m in graph if not m.startswith(("imgwizard.tui", "imgwizard.commands"))]
    core = [m for m in core if m not in ("imgwizard.cli", "imgwizard.__main__")]
    for module in core:
        assert not any(t.startswith("imgwizard.tui") for t in graph[module]), module


def _closure(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += graph.get(module, ())
    return seen


def test_no_pane_loads_a_dialog_or_a_file_reader_before_it_is_opened():
    """A pane is on the first screen (issue #18): its dialogs, the CSV reader and the exports
    are imported when first used. The confirm dialog (small, shared by every pane) excepted."""
    graph = import_graph()
    allowed = {"wizard", "dialog", "confirm"}
    panes = [m for m in graph if m.startswith("imgwizard.tui.panes.")]
    assert "imgwizard.tui.panes.programs" in panes
    for pane in panes:
        heavy = sorted(
            m
            for m in _closure(graph, pane)
            if (m.startswith("imgwizard.tui.screens.") and m.rpartition(".")[2] not in allowed)
            or m.startswith(("imgwizard.importing", "imgwizard.export"))
        )
        assert heavy == [], pane
