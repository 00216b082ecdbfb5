"""Where a sheet's data is: the header row (and which kind it announces), the title above it, the rows below.

Offices put titles, unit notes, blank rows and merged cells above the header, and totals, unit rows and footnotes
around the data; this module finds the table inside all that, scoring the first rows of every sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cell_values import clean_text, name_key
from .file_kinds import FOOTNOTE_PREFIXES, KINDS, TOTAL_ROW_WORDS, VALUE_KINDS, match_header, strip_unit
from .preview import Reference
from .sheets import Sheet, column_letter

HEADER_SCAN_ROWS = 30
_UNIT_CELL = re.compile(r"[(\[（]?(单位[:：])?(%|％|‰|万元|亿元|元|个|件|起|天|分|人|人次|次|项|户|家|学时|小时|公顷|亩)[)\]）]?")


@dataclass
class Located:
    sheet: Sheet
    header_row: int  # index into sheet.rows
    header: list[str]
    kind: str  # a key of KINDS, or "values" for race_scores/welfare (told apart later)
    columns: dict[int, str]
    wide_indicators: dict[int, str] = field(default_factory=dict)  # cell index -> indicator code
    score: int = 0


def _header_texts(sheet: Sheet, r: int) -> list[str]:
    """Header cells with merged ranges filled in (a merged `县区` spanning two header rows reads on both)."""
    row = [clean_text(c) for c in sheet.rows[r]]
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 <= r <= r1 and r0 < len(sheet.rows):
            top = clean_text(sheet.rows[r0][c0]) if c0 < len(sheet.rows[r0]) else ""
            for c in range(c0, min(c1 + 1, len(row))):
                if not row[c]:
                    row[c] = top
    return row


def locate_header(sheets: list[Sheet], reference: Reference, kind: str | None) -> Located | None:
    """The best-scoring (sheet, row, kind) among the first rows of every sheet, visible sheets first."""
    indicators = indicator_lookup(reference)
    if kind is None:
        candidates = [k for k in KINDS if k not in VALUE_KINDS] + ["values"]
    else:
        candidates = ["values"] if kind in VALUE_KINDS else [kind]
    best: Located | None = None
    for sheet in sorted(sheets, key=lambda s: s.hidden):
        for r in range(min(HEADER_SCAN_ROWS, len(sheet.rows))):
            header = _header_texts(sheet, r)
            if not any(header):
                continue
            for cand in candidates:
                found = _score_header(sheet, r, header, cand, indicators, explicit=kind is not None)
                if found and (best is None or found.score > best.score):
                    best = found
    return best


def _score_header(sheet: Sheet, r: int, header: list[str], cand: str, indicators: dict[str, dict],
                  explicit: bool) -> Located | None:
    spec = KINDS["race_scores"] if cand == "values" else KINDS[cand]
    columns = match_header(spec, header)
    names = set(columns.values())
    unknown = [h for i, h in enumerate(header) if h and i not in columns]
    if cand != "values":
        if not set(spec.required) <= names:
            return None
        # Any sheet with a county column would pass as a region list; a wide score sheet must not.
        if cand == "regions" and not explicit and unknown and not names & {"township", "county_code"}:
            return None
        return Located(sheet, r, header, cand, columns, score=len(columns))
    # Long layout: county + indicator (+ period, which may also come from the title or the user).
    if {"county", "indicator"} <= names:
        return Located(sheet, r, header, "values", columns, score=len(columns))
    # Wide layout: county + one column per indicator.
    if "county" not in names:
        return None
    wide = {}
    for i, text in enumerate(header):
        if i in columns or not text:
            continue
        hit = indicators.get(name_key(text)) or indicators.get(name_key(strip_unit(text)))
        if hit:
            wide[i] = hit["code"]
    if not wide and not unknown:
        return None
    return Located(sheet, r, header, "values", columns, wide, score=len(columns) + len(wide))


def indicator_lookup(reference: Reference) -> dict[str, dict]:
    lookup: dict[str, dict] = {}
    for ind in reference.indicators:
        lookup.setdefault(name_key(ind["code"]), ind)
    for ind in reference.indicators:
        lookup.setdefault(name_key(ind["name"]), ind)
    return lookup


@dataclass
class Table:
    header: list[str]
    rows: list[list[object]]
    row_numbers: list[int]
    title: str
    is_workbook: bool

    @classmethod
    def from_sheet(cls, sheet: Sheet, r: int, header: list[str]) -> Table:
        title = " ".join(clean_text(c) for row in sheet.rows[:r] for c in row if clean_text(c))
        width = len(header)
        rows = [list(row[:width]) + [None] * (width - len(row)) for row in sheet.rows[r + 1:]]
        return cls(header, rows, sheet.row_numbers[r + 1:], title, sheet.is_workbook)

    def column_label(self, index: int) -> str:
        text = self.header[index] or "?"
        return f"{text} ({column_letter(index)})" if self.is_workbook else text

    def drop_non_data_rows(self) -> tuple[list[int], list[int]]:
        """Blank rows, unit rows under the header, total rows (合计/平均) and footnotes (注：…) are not data.

        Returns the row numbers of the totals and footnotes dropped, for the preview's notes."""
        keep_rows, keep_numbers, totals, footnotes = [], [], [], []
        for row, number in zip(self.rows, self.row_numbers):
            role = row_role([clean_text(c) for c in row], data_seen=bool(keep_rows))
            if role == "total":
                totals.append(number)
            elif role == "footnote":
                footnotes.append(number)
            elif role == "data":
                keep_rows.append(row)
                keep_numbers.append(number)
        self.rows, self.row_numbers = keep_rows, keep_numbers
        return totals, footnotes


def row_role(texts: list[str], data_seen: bool) -> str:
    """What a row below the header is: blank, units (only before the first data row), total, footnote or data."""
    filled = [x for x in texts if x]
    if not filled:
        return "blank"
    if not data_seen and all(_UNIT_CELL.fullmatch(x) for x in filled):
        return "units"  # a row of units (%, 万元, 个…) just below the header
    if any(x.endswith(TOTAL_ROW_WORDS) for x in texts[:3]):  # 合计, 全市合计, 全县平均…
        return "total"
    if len(filled) == 1 and filled[0].startswith(FOOTNOTE_PREFIXES):
        return "footnote"
    return "data"
