"""Cells written as a missing marker (`无`, `—`, `/`, `暂无`…: cell_values.MISSING_MARKERS) in a column that reads a
blank cell as nothing given (a catalog's 目标值, a roster's 政治面貌, a class weight): read as blank, and said.

Such a cell is no blank: the clerk typed something, and the importer keeps nothing. Read in silence, an office never
learnt that its 无 under 目标值 left the indicator without a target (a tester's finding,
docs/decisions.md#missing-markers-in-other-columns). Both import paths (ingest cell by cell through
changes.Changes.read_as_blank, bulk_csv once per distinct text) give one note per column: the cells counted, the
markers as written in the order first met, the first one's row. A column that refuses a blank (`required`) refuses a
marker as one (cell_parsing.parse_cell), quoting it; value cells of scores and welfare have their own note
(value_cells._note_missing_markers).
"""

from __future__ import annotations

from incentive.intake.cell_values import clean_text, is_missing, one_line
from incentive.intake.preview import Note


def written_marker(raw: object) -> str | None:
    """The missing marker a cell holds as written (`无`, `—`), one line; None for a blank cell or anything else."""
    if not isinstance(raw, str) or not is_missing(raw):
        return None
    text = one_line(clean_text(raw))
    return text or None


def read_as_blank_note(column: str, n: int, row: int, markers: list[str]) -> Note:
    """The note of `n` cells of `column` written as the `markers` (distinct, in the order first met) and read as
    blank; `row`: the first one's row in the file."""
    quoted = ("by_lang", {"zh": "、".join(f"「{x}」" for x in markers), "en": ", ".join(f"“{x}”" for x in markers)})
    return Note("note_read_as_blank", {"column": column, "n": n, "row": row, "markers": quoted})
