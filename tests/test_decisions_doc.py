"""Every citation of the decision record (docs/decisions.md) names a section that exists.

Code, SQL and documents cite a decision as `docs/decisions.md#anchor` (from docs/: `decisions.md#anchor`); the
anchor is the heading as GitHub renders it (lower case, punctuation dropped, spaces to hyphens). Code must name a
section; a document may also link the record as a whole.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "docs" / "decisions.md"
SUFFIXES = {".py", ".sql", ".md", ".toml", ".sh", ".ini", ".cfg"}
CITATION = re.compile(r"decisions\.md(?:#([\w-]*))?", re.IGNORECASE)
INTERNAL_LINK = re.compile(r"\]\(#([\w-]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, characters other than letters, digits, spaces, `-` and `_`
    dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def anchors() -> list[str]:
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    return [slug(line.lstrip("#")) for line in lines if re.match(r"#{1,6} ", line)]


def cited_files() -> list[Path]:
    files = []
    # os.walk, pruned as it goes: rglob walked into .venv's tens of thousands of files before dropping them (6 s)
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in {"node_modules", "artifacts", "build"}]
        for name in names:
            path = Path(folder) / name
            if not name.startswith(".") and path.suffix in SUFFIXES and path != Path(__file__).resolve():
                files.append(path)
    return files


def test_headings_are_unique():
    found = anchors()
    assert len(found) == len(set(found)), sorted(a for a in found if found.count(a) > 1)


def test_slug_follows_github():
    assert slug("Scoring and statuses") == "scoring-and-statuses"
    assert slug("Small subtotals are withheld") == "small-subtotals-are-withheld"
    assert slug("Decisions · 决定记录") == "decisions--决定记录"
    assert slug("`max_hours_per_record`, defaults") == "max_hours_per_record-defaults"


def test_every_citation_names_an_existing_section():
    known = set(anchors())
    bad = []
    count = 0
    for path in cited_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            for match in CITATION.finditer(line):
                count += 1
                anchor = match.group(1)
                where = f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
                if anchor is None or anchor == "":
                    if path.suffix != ".md":  # code names the section it relies on
                        bad.append(where + " (no section)")
                elif anchor not in known:
                    bad.append(where + " (no such heading)")
    assert count >= 25, f"only {count} citations found: is the scan looking in the right place?"
    assert not bad, "\n".join(bad)


def test_links_inside_the_record_resolve():
    known = set(anchors())
    text = RECORD.read_text(encoding="utf-8")
    missing = [a for a in INTERNAL_LINK.findall(text) if a not in known]
    assert not missing, missing
