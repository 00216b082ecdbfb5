"""One cell read as its column reads it: the stored value of a cell of a file kind's column, or CellError.

A column (file_kinds.Column) says whether its cells are text, names, ids, periods, numbers, dates, years or
choices; a numeric cell's Excel number format says what a number typed where text was meant stood for. Built on
the single-cell parsers of cell_values. Both import paths read cells through `parse_cell` (ingest cell by cell,
bulk_csv once per distinct text), so both store the same values and refuse the same cells.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from incentive import periods, safe_text
from incentive.intake.cell_values import (
    EXCEL_ERRORS,
    CellError,
    clean_name,
    clean_text,
    is_formula,
    is_missing,
    is_serial,
    parse_date,
    parse_hours,
    parse_number,
    refuse_footnote_mark,
)
from incentive.intake.file_kinds import Column, enum_code, enum_spellings
from incentive.intake.normalized_text import controls_shown
from incentive.intake.number_formats import (
    displayed_number,
    displayed_text,
    fifteen_digits,
    format_unit,
    is_percent_format,
    is_scientific_format,
    literal_text,
    shows_text,
    thousands_scale,
    zero_padded_width,
)
from incentive.intake.text_apostrophe import without_text_apostrophe
from incentive.intake.written_periods import period_number_text, refuse_ambiguous_cell


def parse_cell(
    col: Column, raw: object, number_format: str | None = None, date1904: bool = False, european_marks: bool = False
) -> object:
    """The stored value of one cell, or CellError. Blank cells of optional columns are None. Number columns give
    a `Number` whose unit the caller converts (`to_unit`). `number_format` is the Excel format of a numeric cell
    (None for CSV or General): it decides what a number typed where text was meant stood for. `date1904`: the
    workbook counts serial dates from 1904 (sheet_layout.Table.date1904). `european_marks`: a semicolon CSV, where
    `1.480` may be 1480 and `1,480` 1.48 (sheet_layout.Table.european_marks): such a number is refused."""
    if _is_name(col) and isinstance(raw, str):
        _check_name(raw)  # on the raw cell: clean_text would silently drop the zero-width characters
    if is_missing(raw) or (isinstance(raw, str) and not clean_text(raw)):
        if col.required and col.name != "value":
            raise CellError("required")
        return None
    if col.parse in ("text", "name", "code", "period"):
        raw = shown_text(raw, number_format, code=col.parse == "code")
    if col.parse in _READ_AS_DIGITS:
        refuse_footnote_mark(raw)  # `9⑤`, `2026Q②`, `LZ00000①`: NFKC would read the mark as a digit
    if col.parse in ("text", "name", "code") and isinstance(raw, str) and clean_text(raw).upper() in EXCEL_ERRORS:
        # a failed formula (decisions: Excel error values): not a course, domain or name
        raise CellError("excel_error_value_text")
    if col.parse == "text":
        return clean_text(raw)
    if col.parse == "name":
        return clean_name(raw)
    if col.parse == "code":
        if isinstance(raw, str) and is_formula(clean_text(raw)):
            # `=A1+1`, `="LZ"&"01"` (a CSV's `="LZ000001"` was read as its text already): no id (decisions: Text
            # kept by a formula in a CSV)
            raise CellError("formula_without_value")
        return _parse_code(raw, number_format)
    if col.parse == "period":
        if isinstance(raw, float) and not raw.is_integer():
            raw = period_number_text(raw, number_format)  # 2026.10 typed is stored as 2026.1: read what shows
        refuse_ambiguous_cell(raw)  # 2026.3: the third quarter or March
        p = periods.parse_period(raw)
        if p is None:
            raise CellError("not_a_period")
        if col.begun_by_today:
            refuse_period_not_begun(p)
        return p
    if col.parse == "number":
        read = parse_hours if col.name == "hours" else parse_number
        n = read(raw, percent_format=is_percent_format(number_format), european_marks=european_marks)
        if n is not None and n.value < 0 and col.name in ("weight", "hours"):
            raise CellError("negative")
        return n
    if col.parse == "date":
        day = parse_date(raw, date1904)
        if col.not_after_today and day is not None:
            today = dt.date.today()
            if day > today:
                raise CellError("date_after_today", date=day.isoformat(), today=today.isoformat())
        return day
    if col.parse == "year":
        return _parse_year(raw, date1904)
    if col.parse == "appraisal_year":
        return _parse_appraisal_year(raw)
    if col.parse == "enum":
        code = enum_code(col.choices, clean_text(raw))
        if code is None:
            raise CellError("not_in_choices", choices=enum_spellings(col.choices))
        return code
    raise AssertionError(col.parse)


def refuse_period_not_begun(period: str, today: dt.date | None = None) -> None:
    """CellError `period_not_begun` (naming the period, its first day and today) when `period` (2027-H1) begins after
    `today` (the server's date.today() by default, as for dates after today: `Column.not_after_today`): its figures
    cannot exist yet, and imported they moved every page's default year to an empty one (a tester's finding,
    docs/decisions.md#periods-not-yet-begun). A period begun but not over is accepted (value_cells'
    note_period_not_over says so)."""
    today = today or dt.date.today()
    begins = periods.bounds(period)[0]
    if begins > today:
        raise CellError("period_not_begun", period=period, begins=begins.isoformat(), today=today.isoformat())


# Columns whose cells are read for their digits: a footnote mark there would be read as one (cell_values.footnote_mark).
# Number and date cells are not listed: parse_number, parse_hours and parse_date refuse a mark themselves, first.
_READ_AS_DIGITS = frozenset({"year", "appraisal_year", "period", "code"})


# White space a name may carry at either end (trimmed, said): tab, line breaks, vertical tab, form feed and the
# space separators (plain, no-break, full-width …). Not the other C0/C1 controls Python counts as white space
# (U+001C–U+001F, U+0085): nobody types those, and they stay refused.
_EDGE_CONTROLS = "\t\n\x0b\x0c\r"


def _without_edge_spaces(text: str) -> str:
    def edge(c: str) -> bool:
        return c in _EDGE_CONTROLS or unicodedata.category(c) == "Zs"

    start, end = 0, len(text)
    while start < end and edge(text[start]):
        start += 1
    while end > start and edge(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_name(col: Column) -> bool:
    """Place names (county, township) and the indicator catalog's and roster's name columns."""
    return col.parse == "name" or col.name == "name"


def _check_name(raw: str) -> None:
    """Names are what counties, townships, indicators and cadres are told apart by, on pages, links and the PDF:
    no control or invisible characters (a right-to-left override or a zero-width space would make two names look
    alike), and at most NAME_MAX_CHARS characters (docs/security.md). White space at either end is no part of the
    name: clean_text trims it and the note of texts normalized says so (a `云岫县` followed by a line break or a
    tab was refused as holding U+000A, quoted 「云岫县」, a tester's file of 2026-12-07). A control character
    inside is refused, quoted with it shown (⏎, ⟨U+0009⟩: normalized_text.controls_shown), not as the space
    as_written makes of it (docs/decisions.md#names-with-white-space-at-either-end)."""
    text = _without_edge_spaces(raw)
    found = safe_text.forbidden_in_name(text)
    if found is not None:
        raise CellError("name_invisible_char", as_written=controls_shown(text), char=found)
    length = len(clean_text(raw))
    if length > safe_text.NAME_MAX_CHARS:
        raise CellError("name_too_long", length=length, limit=safe_text.NAME_MAX_CHARS)


_E_NOTATION = re.compile(r"[+-]?\d+(\.\d+)?[eE][+-]?\d+")


def _parse_code(raw: object, number_format: str | None) -> str:
    """An id or code as text. Excel keeps 15 significant digits of a number: an id typed as a number that shows
    in E-notation, has more than 15 digits or a fraction has lost digits, and two people may now share one id
    (issue "intake integrity"): refused, never stored."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw)
        if is_scientific_format(number_format) or abs(value) >= 1e15 or not value.is_integer():
            raise CellError("id_digits_lost")
        width = zero_padded_width(number_format)
        return str(int(value)).zfill(width) if width else str(int(value))
    text = without_text_apostrophe(clean_text(raw))
    if _E_NOTATION.fullmatch(text):
        raise CellError("id_digits_lost")
    return text


def _parse_year(raw: object, date1904: bool = False) -> int:
    """A year of birth, 1940-2010: 1988, 1988年, 1988.06, 1988-06-12 (a date column typed into it)."""
    try:
        d = parse_date(raw, date1904)
        if d is not None and not isinstance(raw, (int, float)):
            return d.year
    except CellError:
        pass
    m = re.match(r"((19|20)\d{2})(年|[-/.]|(0[1-9]|1[0-2])(\d{2})?$|$)", clean_text(raw))
    year = int(m.group(1)) if m else None
    if year is None and isinstance(raw, (int, float)) and float(raw).is_integer():
        year = int(raw)
    if year is None or not 1940 <= year <= 2010:
        raise CellError("not_a_year")
    return year


def year_only(raw: object, year: int) -> bool:
    """Whether a birth-year cell read as `year` wrote more than the year (`1977.03`, `1998年3月`, `1986-07-01`, a
    workbook's date or 1977.03 number): the month and day are not kept, and both import paths say so
    (docs/decisions.md#birth-years-written-with-a-month). A serial number (`32000` as text) is said as a serial."""
    if isinstance(raw, bool):
        return False
    if isinstance(raw, (int, float)):
        return float(raw) != year
    if isinstance(raw, str) and is_serial(raw):
        return False
    return clean_text(raw) not in (str(year), f"{year}年")


APPRAISAL_FIRST_YEAR = 2000


def _parse_appraisal_year(raw: object, today: dt.date | None = None) -> int:
    """The year an annual appraisal is for: 2025, 2025年, 2025年度 (a number cell 2025 too), from
    APPRAISAL_FIRST_YEAR to the current year (a later year cannot have been appraised: a typo, refused)."""
    text = clean_text(raw)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
        text = str(int(raw))
    m = re.fullmatch(r"((19|20)\d{2})\s*(年度?)?", text)
    last = (today or dt.date.today()).year
    if m is None or not APPRAISAL_FIRST_YEAR <= int(m.group(1)) <= last:
        raise CellError("not_an_appraisal_year", first=APPRAISAL_FIRST_YEAR, last=last)
    return int(m.group(1))


def shown_text(raw: object, number_format: str | None, code: bool = False) -> object:
    """A numeric cell of an id, text or period column whose number format shows text beside the number
    (`"LZ"000000`, `0"年第三季度"`), as the text Excel showed (`LZ000015`, `2025年第三季度`): read as if typed so
    (docs/decisions.md#literal-text-and-scaling-in-number-formats). CellError where that text cannot be derived
    for sure (`format_text_unknown`); an id that lost digits stays `id_digits_lost`. Any other cell as it is."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not shows_text(number_format):
        return raw
    if code and (abs(float(raw)) >= 1e15 or is_scientific_format(number_format)):
        raise CellError("id_digits_lost")
    shown = displayed_text(float(raw), number_format)
    if shown is None:
        raise CellError("format_text_unknown", format=number_format)
    return shown


def check_number_format(raw: object, number_format: str | None) -> None:
    """A numeric cell of a number column whose format shows another number than the one stored, or text before
    or among its digits, is refused naming the format (docs/decisions.md#literal-text-and-scaling-in-number-formats):
    `15655400` formatted `0.00,,` shows 15.66 (millions) and `24993100` formatted `#,##0,` shows 24,993
    (thousands), and which of the two numbers is in the column's unit cannot be told; `"¥"#,##0` says 元 or
    just "money" before the number. Text after the number is a unit (`with_format_unit`)."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not number_format:
        return
    scale = thousands_scale(number_format)
    if scale:
        shown = displayed_number(float(raw), number_format) or fifteen_digits(float(raw) / 1000**scale)
        raise CellError(
            "number_format_scaled",
            format=number_format,
            shown=shown,
            factor=f"{1000**scale:,}",
            value=clean_text(raw),
        )
    before, between, _ = literal_text(number_format)
    text = (before + between).replace("+", "").replace("-", "").strip()
    if text:
        raise CellError("number_format_text", format=number_format, text=text)


def with_format_unit(raw: object, number_format: str | None) -> object:
    """A numeric cell whose number format shows a unit after the number (`0"万元"`, `0"分钟"`), as the text the
    person saw (`32000万元`): the unit then counts as one written in the cell, converted or refused as that would
    be (docs/decisions.md#units-in-number-formats). Any other cell as it is. CellError for a format that scales
    the number or shows text before it (`check_number_format`)."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return raw
    check_number_format(raw, number_format)
    unit = format_unit(number_format)
    return f"{clean_text(raw)}{unit}" if unit else raw


def serial_date(col: Column, raw: object, date1904: bool = False) -> dt.date | None:
    """The date an Excel serial number in a cell of `col` stands for, when the cell was read through it (46206 in a
    date column, or `32000` as text in a birth-year column, whose number cells are years); else None. Both import
    paths report these cells (docs/decisions.md#excel-serial-dates)."""
    read_as_date = col.parse == "date" or (col.parse == "year" and isinstance(raw, str))
    if not read_as_date or not is_serial(raw):
        return None
    try:
        return parse_date(raw, date1904)
    except CellError:
        return None


def serial_example(raw: object, day: dt.date, row: int) -> dict:
    """The example of a serial-date note: the row, the cell as written (a number cell's 46206.0 as 46206) and the
    date it was read as."""
    return {"row": row, "example": clean_text(raw), "value": day.isoformat()}
