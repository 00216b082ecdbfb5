"""Excel's text apostrophe in an id or code cell: `'LZ900005`, `'0012` typed so Excel keeps the text as written
(leading zeros, no number). Excel hides the apostrophe, but a CSV written by another tool, or pasted, keeps it:
stored as written the id matches no cadre. Read as the text after it, and said (`note_text_apostrophe`, as
`="LZ000001"` is: ingest.text_formula_notes; docs/decisions.md#excels-text-apostrophe-in-ids). Only id and code
columns (parse "code"): a course name or a reason may begin with an apostrophe that means one."""

from __future__ import annotations

from incentive.intake.cell_values import clean_text
from incentive.intake.preview import Note

APOSTROPHE = "'"  # full-width ＇ is this one after clean_text's NFKC


def without_text_apostrophe(text: str) -> str:
    """`text` (clean_text'ed) without Excel's leading apostrophe, when it has one before a letter or digit
    (`'LZ900005` -> `LZ900005`); else `text` unchanged (`'`, `''A1`, `'=A1` are not an id kept as text)."""
    if text.startswith(APOSTROPHE) and text[1:2].isalnum():
        return text[1:]
    return text


def apostrophe_removed(written: object, stored: object) -> bool:
    """Whether a cell written `written` was stored without its text apostrophe (an id or code cell)."""
    if not isinstance(written, str) or not isinstance(stored, str):
        return False
    return clean_text(written).startswith(APOSTROPHE) and not stored.startswith(APOSTROPHE)


def apostrophe_note(column: str, n: int, row: int, written: str, stored: str) -> Note:
    """The note of a column's `n` cells read without their apostrophe, with the first one's row, as written and
    as read."""
    return Note("note_text_apostrophe", {"column": column, "n": n, "row": row, "example": written, "value": stored})
