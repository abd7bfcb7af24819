"""No module of tracker/ imports, at load time or lazily inside a function, one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")


def loaded(tree: ast.AST):
    """Every node of the module but those under `if TYPE_CHECKING:`, which Python never runs (annotations only)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                stack.extend(child.orelse)
            else:
                stack.append(child)


def imports() -> dict[str, set[str]]:
    """Module -> the tracker modules it imports anywhere in its text."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        found = set()
        for node in loaded(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        # A package loading its own submodules (cli/__init__ registering its commands) is how
        # Python packages work, not a circle between two modules.
        graph[name] = {m for m in found if m in files and m != name and not m.startswith(f"{name}.")}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import path that comes back to where it began, found by walking from every module."""
    found = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            module, path = stack.pop()
            for other in graph.get(module, ()):
                if other == start:
                    found.append(path)
                elif other not in seen:
                    seen.add(other)
                    stack.append((other, [*path, other]))
    return found


def test_the_check_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert not circles({"a": {"b"}, "b": {"c"}, "d": {"a"}})


def test_no_import_circles_in_tracker():
    assert circles(imports()) == []
