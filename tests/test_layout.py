"""The architecture the README's layout table describes, checked: the library imports no Streamlit, its modules
import one another without cycles, and pages hold no SQL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "incentive"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module this file imports, anywhere in it (function-level imports count: they still form a cycle)."""
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for guard in [n for n in ast.walk(tree) if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"]:
        guard.body = []  # imports for type annotations only never run
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(path): path for path in LIBRARY.rglob("*.py")}
    return {
        name: {
            imported
            for imported in _imports(path)
            if imported in files and imported != name and not name.startswith(imported + ".")
        }  # a package's own __init__ is no edge
        for name, path in files.items()
    }


def test_the_library_has_no_import_cycles():
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert not cycles, cycles


def test_the_library_imports_no_streamlit():
    offenders = [
        str(path.relative_to(ROOT))
        for path in LIBRARY.rglob("*.py")
        if any(name == "streamlit" or name.startswith("streamlit.") for name in _imports(path))
    ]
    assert not offenders


def test_every_library_folder_is_a_documented_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for folder in sorted(p for p in LIBRARY.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        if folder.name == "__pycache__":
            continue
        if (folder / "__init__.py").exists():
            assert ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8"))), folder
            assert f"incentive/{folder.name}/" in readme, f"README's layout table lacks incentive/{folder.name}/"


def test_pages_hold_no_sql():
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s", re.I)
    for page in (ROOT / "views").glob("*.py"):
        strings = [
            node.value
            for node in ast.walk(ast.parse(page.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
        assert not [s for s in strings if sql.search(s) and " FROM " in s.upper()], page.name
