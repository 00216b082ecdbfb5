"""Every setting the app reads from the environment has a row in the README's Configuration table (not only a
mention in prose or in docs/): found by reading the code of incentive/, ui/, views/, app.py and serve.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = [
    *sorted((ROOT / "incentive").rglob("*.py")),
    *sorted((ROOT / "ui").rglob("*.py")),
    *sorted((ROOT / "views").rglob("*.py")),
    ROOT / "app.py",
    ROOT / "serve.py",
]
# Read from the environment but not settings: switched on by the tests only.
NOT_SETTINGS = {
    "INCENTIVE_FAULT",  # incentive/store/faults.py: kills a write at a named point (crash tests)
    # libpq's own defaults, read only to name the catalog server in a connection error (store/storage_faults.py)
    "PGHOST",
    "PGPORT",
    "PGUSER",
    "PGDATABASE",
}


def _is_environ(node: ast.AST) -> bool:
    """`os.environ`, or a parameter named `environ` (access.load_credentials takes one, defaulting to it)."""
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def environment_names(path: Path) -> set[str]:
    """Names read with os.environ.get / os.environ[...] / os.getenv, and any string literal naming an INCENTIVE_
    variable (a helper such as workbook_reader._limit("INCENTIVE_MAX_ROWS", …) reads it one call away)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        key = None
        if isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Attribute):
            if (node.func.attr == "get" and _is_environ(node.func.value)) or node.func.attr == "getenv":
                key = node.args[0]
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            key = node.slice
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.fullmatch(r"INCENTIVE_[A-Z0-9_]+", node.value)
        ):
            key = node
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            found.add(key.value)
    return found


def configuration_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def test_the_scan_finds_settings_in_every_form():
    names = set().union(*(environment_names(path) for path in CODE))
    # os.environ.get in config, a mapping parameter in access, a helper in workbook_reader, CHROMIUM in briefing
    assert {"INCENTIVE_DB", "INCENTIVE_ADMINS", "INCENTIVE_MAX_CELLS", "CHROMIUM"} <= names


def test_every_environment_setting_has_a_row_in_the_configuration_table():
    table = configuration_table()
    names = set().union(*(environment_names(path) for path in CODE)) - NOT_SETTINGS
    missing = sorted(name for name in names if f"`{name}`" not in table)
    assert not missing, f"add rows to README.md's Configuration table for: {', '.join(missing)}"
