"""Allowed values written in another spelling than their standard one (网络 for 线上, 政治 for 政治能力, 合格 for
称职): which cells of an enumerated column were read as another word, for the preview's note
`note_value_read_as` (every value the importer changes is said: issue "intake integrity";
docs/decisions.md#allowed-values-in-other-spellings). Both import paths
(changes.Changes.choice and bulk_csv's notes) ask `read_as`, so they say the same."""

from __future__ import annotations

from incentive.intake.cell_values import clean_text
from incentive.intake.file_kinds import ENUMS, VALUE_LABELS


def _as_written(raw: object) -> str:
    return raw if isinstance(raw, str) else clean_text(raw)


def read_as(enum: str, raw: object, code: str | None) -> str | None:
    """The standard (first, Chinese) spelling of allowed value `code` of `enum` when the cell `raw` wrote it
    otherwise; None when it wrote the standard spelling or the code itself exactly (online), or was not read
    (`code` None). A grade's `称职等次` is its standard word with the grade's own suffix, not another word
    (docs/decisions.md#appraisals). Width, case and white space count as another spelling: no other note says
    them for these columns."""
    if code is None:
        return None
    standard = ENUMS[enum][code][0]
    same = {standard, code} | ({standard + "等次"} if enum == "grade" else set())
    return None if _as_written(raw) in same else standard


def read_as_params(enum: str, raw: object, code: str) -> dict:
    """The note's `example` (the cell as written, on one line) and `stored` (the value's label in each
    language: 线上 / Online)."""
    written = _as_written(raw).replace("\r\n", "⏎").replace("\r", "⏎").replace("\n", "⏎")
    return {"example": written, "stored": ("i18n", f"{VALUE_LABELS[enum]}{code}")}
