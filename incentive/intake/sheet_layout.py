"""Where a sheet's data is: the header row (and which kind it announces), the title above it, the rows below.

Offices put titles, unit notes, blank rows and merged cells above the header, and totals, unit rows and footnotes
around the data; this module finds the table inside all that, scoring the first rows of every sheet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from incentive.intake.cell_values import clean_text, name_key
from incentive.intake.file_kinds import (
    KINDS,
    TOTAL_ROW_WORDS,
    VALUE_KINDS,
    WIDE_IGNORED,
    is_note_text,
    match_header,
    strip_unit,
)
from incentive.intake.preview import Reference
from incentive.intake.sheets import Sheet, column_letter
from incentive.intake.units import CELL_UNITS, is_minutes, normalize_unit

HEADER_SCAN_ROWS = 30
# A unit note in a title cell: `单位：` (or `计量单位：`) and what follows, read up to the first separator (a space,
# punctuation, a bracket, another `X：` label); `万元、%` and `万元/个` list several units.
_TITLE_UNIT_LABEL = re.compile(r"(计量)?单位\s*[:：]\s*")
_TITLE_UNIT_TOKEN = re.compile(r"[^\s,，;；。、/／(（)）:：]*")
_TITLE_UNIT_LIST = re.compile(r"\s*[、/／]\s*")
# Words before `单位：` that make it an office, not a unit (`填报单位：市发改委`).
OFFICE_PREFIXES = (
    "填报",
    "报送",
    "制表",
    "填表",
    "上报",
    "报表",
    "责任",
    "牵头",
    "主管",
    "主办",
    "承办",
    "申报",
    "考核",
    "所在",
    "工作",
    "统计",
    "联系",
    "配合",
    "实施",
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_BRACKET_UNIT = re.compile(r"[(\[【]\s*(?:单位[:：])?\s*([^()\[\]【】]+?)\s*[)\]】]$")
_UNIT_CELL = re.compile(
    r"[(\[（]?(单位[:：])?(%|％|‰|万元|亿元|元|千万|百万|亿|万|千|个|件|起|天|分钟|分|人|人次|次|项|户|家|学时|课时|小时|公顷|亩|min|mins|minutes?)[)\]）]?",
    re.IGNORECASE,
)


@dataclass
class Located:
    sheet: Sheet
    header_row: int  # index into sheet.rows
    header: list[str]
    kind: str  # a key of KINDS, or "values" for race_scores/welfare (told apart later)
    columns: dict[int, str]
    # cell index -> an indicator code the header names in some catalog version: which columns are indicators; the
    # importer reads each header by each row's period (indicator_names.IndicatorNames.resolve), never by this code
    wide_indicators: dict[int, str] = field(default_factory=dict)
    score: int = 0
    sub_header: SubHeader | None = None  # a second header row of sub-columns (计划 / 实际) under the header

    @property
    def header_rows(self) -> int:
        return 2 if self.sub_header else 1


# Sub-columns that hold the value achieved, taken when a column is split (学时 over 计划 / 实际): the data contract's
# columns are actual values; plans and targets are not imported.
ACTUAL_SUBCOLUMNS = frozenset(
    name_key(w)
    for w in ("实际", "实际值", "实际数", "实际完成", "完成", "完成值", "完成数", "实绩", "实际学时", "actual")
)


@dataclass
class SubHeader:
    """How a two-row header was read: per split column, its sub-columns and the one taken (None: ambiguous)."""

    groups: list[tuple[str, list[tuple[int, str]], int | None]]  # (column text, [(index, sub text)], taken index)

    @property
    def ambiguous(self) -> list[tuple[str, list[str]]]:
        return [(top, [text for _, text in subs]) for top, subs, taken in self.groups if taken is None]


def read_sub_header(sheet: Sheet, r: int, header: list[str]) -> tuple[list[str], SubHeader] | None:
    """When the row under the header splits header cells into sub-columns (`学时` merged over `计划`/`实际`), the
    header with each split column named once (on the sub-column taken) and the split; else None. The row of
    sub-columns is header, never data."""
    if r + 1 >= len(sheet.rows):
        return None
    top = [clean_text(c) for c in sheet.rows[r]] + [""] * len(header)
    below = [clean_text(c) for c in sheet.rows[r + 1]][: len(header)]
    filled = [i for i, x in enumerate(below) if x]
    if len(filled) < 2 or any(_UNIT_CELL.fullmatch(below[i]) or _looks_like_number(below[i]) for i in filled):
        return None
    spans = _header_spans(sheet, r, top, len(header))
    owner = {i: start for start, end in spans for i in range(start, end + 1)}
    if any(i not in owner for i in filled):
        return None
    resolved = list(header)
    groups = []
    for start, end in spans:
        subs = [(i, below[i]) for i in range(start, end + 1) if i < len(below) and below[i]]
        if not subs:
            continue
        actual = [i for i, text in subs if name_key(text) in ACTUAL_SUBCOLUMNS]
        taken = subs[0][0] if len(subs) == 1 else actual[0] if len(actual) == 1 else None
        for i in range(start, end + 1):
            resolved[i] = ""
        resolved[taken if taken is not None else start] = top[start]
        groups.append((top[start], subs, taken))
    return resolved, SubHeader(groups)


def _header_spans(sheet: Sheet, r: int, top: list[str], width: int) -> list[tuple[int, int]]:
    """Header cells that span several columns: merged across, or followed by blank header cells."""
    spans, merged_cols = [], set()
    for (r0, c0), (_r1, c1) in sheet.merged:
        if r0 == r and c1 > c0:
            spans.append((c0, min(c1, width - 1)))
            merged_cols.update(range(c0, c1 + 1))
    for c in range(width):
        if top[c] and c not in merged_cols:
            end = c
            while end + 1 < width and not top[end + 1] and end + 1 not in merged_cols:
                end += 1
            if end > c:
                spans.append((c, end))
    return sorted(spans)


def _looks_like_number(text: str) -> bool:
    return bool(re.fullmatch(r"[+-]?[\d,.]+%?", text))


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


# Sheets that explain how to fill the file in (a template's 填表说明): never data, even when they list its columns.
INSTRUCTION_SHEET_NAMES = frozenset(
    name_key(w)
    for w in (
        "填表说明",
        "填报说明",
        "填写说明",
        "说明",
        "模板说明",
        "使用说明",
        "指标说明",
        "注意事项",
        "示例",
        "样例",
        "范例",
        "readme",
        "instructions",
        "notes",
        "example",
    )
)


def is_instruction_sheet(name: str) -> bool:
    """A sheet named as instructions or an example (`填表说明`, `说明`, `示例`, `模板说明`…)."""
    return name_key(name) in INSTRUCTION_SHEET_NAMES


def locate_header(sheets: list[Sheet], reference: Reference, kind: str | None) -> Located | None:
    """The best-scoring (sheet, row, kind) among the first rows of every sheet, visible sheets first; a sheet named
    as instructions (is_instruction_sheet) only when no other sheet has a header."""
    if len(sheets) > 1:
        others = [s for s in sheets if not (s.is_workbook and is_instruction_sheet(s.name))]
        if others and len(others) < len(sheets):
            found = locate_header(others, reference, kind)
            if found is not None:
                return found
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
            split = read_sub_header(sheet, r, header)
            for cand in candidates:
                found = _score_header(
                    sheet, r, split[0] if split else header, cand, indicators, explicit=kind is not None
                )
                if found and split:
                    found.sub_header = split[1]
                if found and (best is None or found.score > best.score):
                    best = found
    return best


@dataclass(frozen=True)
class NearHeader:
    """The header row that comes nearest to a kind's without all its required columns (for the refusal)."""

    kind: str
    row: int  # its row number as the user sees it (the file's line; blank lines count, as in every other message)
    sheet: str  # the sheet's name in a workbook, "" for a CSV
    missing: tuple[str, ...]  # the kind's required columns not found, by their first alias (the data contract's)


def nearest_header(sheets: list[Sheet], kind: str | None) -> NearHeader | None:
    """When locate_header found no header: the row among the first HEADER_SCAN_ROWS of every sheet whose cells
    name most of one kind's required columns (`kind` only, when the user chose it), and which of them it lacks, so
    that a training file without 学时 is told so, not "no recognisable header". With no kind chosen, a row must
    name at least two required columns and half of them; None when no row comes that near."""
    if kind in VALUE_KINDS:
        return None  # a file of values has no fixed columns but 县区 and the period's; the refusal lists them
    kinds = [kind] if kind is not None else [k for k in KINDS if k not in VALUE_KINDS]
    best: tuple[tuple[int, int], NearHeader] | None = None
    for sheet in sorted(sheets, key=lambda s: s.hidden):
        for r in range(min(HEADER_SCAN_ROWS, len(sheet.rows))):
            header = _header_texts(sheet, r)
            if not any(header):
                continue
            for cand in kinds:
                spec = KINDS[cand]
                names = set(match_header(spec, header).values())
                found = [c for c in spec.required if c in names]
                if kind is None and (len(found) < 2 or 2 * len(found) < len(spec.required)):
                    continue
                if not found:
                    continue
                score = (len(found), len(names))
                if best is None or score > best[0]:
                    missing = tuple(c.aliases[0] for c in spec.columns if c.required and c.name not in names)
                    near = NearHeader(cand, sheet.row_numbers[r], sheet.name if sheet.is_workbook else "", missing)
                    best = (score, near)
    return best[1] if best else None


def _score_header(
    sheet: Sheet, r: int, header: list[str], cand: str, indicators: dict[str, dict], explicit: bool
) -> Located | None:
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
        # A kind that would ignore most of the columns is not what the file is (a wide score sheet read before
        # the catalog fits `regions` by its 县区/乡镇/区划代码 columns and would drop every score).
        ignored = [
            h for h in unknown if name_key(h) not in WIDE_IGNORED and name_key(strip_unit(h)) not in WIDE_IGNORED
        ]
        if not explicit and len(ignored) > len(columns):
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


@dataclass(frozen=True)
class TitleUnit:
    """A unit note in a title row above the header (`单位：万元、%`): the row, the note as written, the units it
    names (normalized) and the first of them the importer cannot read ("" when it reads them all)."""

    row: int
    note: str
    units: tuple[str, ...]
    unreadable: str = ""


def _read_title_unit(token: str) -> str:
    unit = normalize_unit(token)
    if unit.startswith("人民币"):
        unit = unit[len("人民币") :]
    return unit


def _readable(unit: str) -> bool:
    return unit in CELL_UNITS or is_minutes(unit)


def title_unit_notes(cells: list[tuple[int, str]]) -> list[TitleUnit]:
    """Every `单位：X` note in the title cells ((row number, text) each), not an office's `填报单位：…`."""
    found = []
    for row, raw in cells:
        text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", raw)).strip()
        for m in _TITLE_UNIT_LABEL.finditer(text):
            before = text[: m.start()]
            office = not m.group(1) and before.endswith(OFFICE_PREFIXES)
            glued = not m.group(1) and bool(before) and _CJK.match(before[-1]) is not None
            tokens, end = [], m.end()
            while True:
                token = _TITLE_UNIT_TOKEN.match(text, end).group(0)
                end += len(token)
                if token:
                    tokens.append(token)
                sep = _TITLE_UNIT_LIST.match(text, end)
                if not token or not sep:
                    break
                end = sep.end()
            names = tuple(_read_title_unit(x) for x in tokens)
            unreadable = next((x for x in names if not _readable(x)), "")
            if office or not names or (glued and unreadable):
                continue  # an office (`填报单位：市发改委`, `各单位：请于…`), or a note left blank (`单位：`)
            note = text[m.start() : end].strip()
            found.append(TitleUnit(row, note, tuple(x for x in names if _readable(x)), unreadable))
    return found


@dataclass
class Table:
    header: list[str]
    rows: list[list[object]]
    row_numbers: list[int]
    title: str
    is_workbook: bool
    formats: list[dict[int, str]] = field(default_factory=list)  # per row: column -> Excel number format
    units: dict[int, str] = field(default_factory=dict)  # column -> unit from a unit row under the header
    unit_rows: list[int] = field(default_factory=list)  # row numbers of the unit rows (for a conflict's message)
    date1904: bool = False  # a workbook in the 1904 date system: serial numbers count from 1904-01-01
    # per row: (0-based column, text) of the cells with text where the header has no column: beyond its width, or
    # under a blank header cell (`1,480.2` unquoted in a CSV spills `480.2` into the next field)
    beyond: list[list[tuple[int, str]]] = field(default_factory=list)
    hidden_rows: frozenset[int] = frozenset()  # row numbers hidden in Excel (Sheet.hidden_rows)
    delimited: bool = False  # a CSV or TSV, where a stray delimiter splits a cell (not a workbook or web page)
    # a CSV separated by semicolons, as Excel set to a European locale saves it: a dot there may group thousands
    # (`1.480` for 1480) and a comma be the decimal mark (`1,480` for 1.48), so such a number is refused
    # (cell_values.parse_number, docs/decisions.md#semicolon-csv-numbers)
    european_marks: bool = False
    # merged ranges (as Excel names them, `B5:B8`) that span rows below the header: the value is on the first row
    merged_data: list[str] = field(default_factory=list)
    # the title rows' cells as written ((row number, text) each), spaces kept: where unit notes are read
    title_cells: list[tuple[int, str]] = field(default_factory=list)
    # each title row with text: (row number, its cells cleaned and joined as `title` joins them, the same cells as
    # written), so that a period read in the title names its row as written (written_periods.period_of_title)
    title_rows: list[tuple[int, str, str]] = field(default_factory=list)

    @classmethod
    def from_sheet(cls, sheet: Sheet, r: int, header: list[str], header_rows: int = 1) -> Table:
        title_rows = [
            (
                sheet.row_numbers[i],
                text,
                " ".join(c.strip() if isinstance(c, str) else clean_text(c) for c in row if clean_text(c)),
            )
            for i, row in enumerate(sheet.rows[:r])
            if (text := " ".join(clean_text(c) for c in row if clean_text(c)))
        ]
        title = " ".join(text for _, text, _ in title_rows)
        width = len(header)
        first = r + header_rows
        rows = [list(row[:width]) + [None] * (width - len(row)) for row in sheet.rows[first:]]
        by_row: dict[int, dict[int, str]] = {}
        for (i, c), code in getattr(sheet, "number_formats", {}).items():
            if i >= first and c < width:
                by_row.setdefault(i, {})[c] = code
        formats = [by_row.get(i, {}) for i in range(first, len(sheet.rows))]
        blank = [c for c, text in enumerate(header) if not clean_text(text)]
        beyond = [
            [(c, text) for c in [*blank, *range(width, len(row))] if c < len(row) and (text := clean_text(row[c]))]
            for row in sheet.rows[first:]
        ]
        return cls(
            header,
            rows,
            sheet.row_numbers[first:],
            title,
            sheet.is_workbook,
            formats,
            date1904=getattr(sheet, "date1904", False),
            beyond=beyond,
            hidden_rows=frozenset(getattr(sheet, "hidden_rows", ())),
            delimited=bool(getattr(sheet, "delimiter", "")),
            european_marks=getattr(sheet, "delimiter", "") == ";",
            merged_data=[
                f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
                for (r0, c0), (r1, c1) in sorted(sheet.merged)
                if r0 >= first and r1 > r0 and c0 < width
            ],
            title_cells=[
                (sheet.row_numbers[i], c.strip())
                for i, row in enumerate(sheet.rows[:r])
                for c in row
                if isinstance(c, str) and c.strip()
            ],
            title_rows=title_rows,
        )

    @property
    def title_unit_notes(self) -> list[TitleUnit]:
        """The unit notes of the title rows (`单位：万元`), not an office's `填报单位：…`."""
        if self.title_cells:
            return title_unit_notes(self.title_cells)
        return title_unit_notes([(0, self.title)]) if self.title else []

    @property
    def title_units(self) -> list[tuple[str, str]]:
        """Each unit the title's notes declare that the importer reads, with its note: (unit, note)."""
        return [(unit, n.note) for n in self.title_unit_notes for unit in n.units if unit in CELL_UNITS]

    @property
    def title_unit_unread(self) -> TitleUnit | None:
        """The first title unit note naming a unit the importer cannot read (refused, never ignored), or None."""
        return next((n for n in self.title_unit_notes if n.unreadable), None)

    @property
    def title_unit(self) -> str:
        """The first unit the title's notes declare (`单位：万元`), or ""."""
        return self.title_units[0][0] if self.title_units else ""

    @property
    def title_unit_note(self) -> str:
        """The title's first unit note as written (`单位：万元`), or "" (for a conflict's message)."""
        notes = self.title_unit_notes
        return notes[0].note if notes else ""

    @property
    def title_time_unit(self) -> tuple[str, str]:
        """The first time unit (学时, 小时, 天, 分钟…) the title's notes declare, with its note, or ("", "")."""
        for n in self.title_unit_notes:
            for unit in n.units:
                if unit in ("学时", "课时", "小时", "天", "日") or is_minutes(unit):
                    return unit, n.note
        return "", ""

    def header_unit(self, index: int) -> str:
        """The unit in brackets at the end of a header cell (`学时（天）` -> `天`), or ""."""
        return bracket_unit(self.header[index])

    def number_format(self, position: int, index: int) -> str | None:
        return self.formats[position].get(index) if position < len(self.formats) else None

    def column_label(self, index: int) -> str:
        text = self.header[index] or "?"
        return f"{text} ({column_letter(index)})" if self.is_workbook else text

    def drop_non_data_rows(self) -> tuple[list[int], list[int]]:
        """Blank rows, unit rows under the header, total rows (合计/平均) and footnotes (注：…) are not data.

        Returns the row numbers of the totals and footnotes dropped, for the preview's notes."""
        keep_rows, keep_numbers, keep_formats, keep_beyond, totals, footnotes = [], [], [], [], [], []
        formats = self.formats or [{} for _ in self.rows]
        beyond = self.beyond or [[] for _ in self.rows]
        for row, number, fmt, outside in zip(self.rows, self.row_numbers, formats, beyond, strict=False):
            texts = [clean_text(c) for c in row]
            role = row_role(texts, data_seen=bool(keep_rows))
            if role == "total":
                totals.append(number)
            elif role == "footnote":
                footnotes.append(number)
            elif role == "units":
                self.units.update({i: unit for i, x in enumerate(texts) if x and (unit := normalize_unit(x))})
                self.unit_rows.append(number)
            elif role == "data":
                keep_rows.append(row)
                keep_numbers.append(number)
                keep_formats.append(fmt)
                keep_beyond.append(outside)
        self.rows, self.row_numbers, self.formats, self.beyond = keep_rows, keep_numbers, keep_formats, keep_beyond
        return totals, footnotes


def bracket_unit(text: str) -> str:
    """The unit in brackets at the end of a header or indicator name (`招商引资额（万元）` -> `万元`), or ""."""
    m = _BRACKET_UNIT.search(clean_text(text))
    unit = normalize_unit(m.group(1)) if m else ""
    return unit if unit in CELL_UNITS else ""


# Words in brackets after a number column's name that say which figure is meant, and mean the value achieved:
# never a unit. Anything else there (`学时（分钟）`, `（美元）`, `（计划）`) may change what the numbers mean.
ACTUAL_QUALIFIERS = frozenset(
    name_key(w) for w in ("实际", "实际值", "实际完成", "完成", "完成值", "完成数", "合计", "总计", "本期", "当期")
)


def unknown_bracket(text: str) -> str:
    """What stands in brackets at the end of a number column's header or an indicator's name when it is neither a
    known unit nor a word for the actual value (`学时（分钟）` -> `分钟`), else "": such a column is refused rather
    than read as if the brackets were not there (issue "intake integrity": a unit is never dropped silently)."""
    m = _BRACKET_UNIT.search(clean_text(text))
    if not m:
        return ""
    inner = normalize_unit(m.group(1))
    return "" if inner in CELL_UNITS or name_key(inner) in ACTUAL_QUALIFIERS else inner


_UNIT_LABEL = re.compile(r"[(\[（【]?\s*(计量)?单位\s*[:：]?\s*[)\]）】]?")


def _labelled_units(texts: list[str]) -> bool:
    """A unit row whose label cell, among its first three, says 单位 or 计量单位 (bracketed or not), every other
    filled cell a unit."""
    labels = [i for i, x in enumerate(texts[:3]) if x and _UNIT_LABEL.fullmatch(x)]
    if len(labels) != 1:
        return False
    rest = [x for i, x in enumerate(texts) if x and i != labels[0]]
    return bool(rest) and all(_UNIT_CELL.fullmatch(x) for x in rest)


def row_role(texts: list[str], data_seen: bool) -> str:
    """What a row below the header is: blank, units (only before the first data row), total, footnote or data."""
    filled = [x for x in texts if x]
    if not filled:
        return "blank"
    if not data_seen and all(_UNIT_CELL.fullmatch(x) for x in filled):
        return "units"  # a row of units (%, 万元, 个…) just below the header
    if not data_seen and _labelled_units(texts):
        return "units"  # the same, labelled in one of its first cells (`单位`, `（计量单位）`)
    if any(x.endswith(TOTAL_ROW_WORDS) for x in texts[:3]):  # 合计, 全市合计, 全县平均…
        return "total"
    if len(filled) == 1 and is_note_text(filled[0]):
        return "footnote"
    return "data"
