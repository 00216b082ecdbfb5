"""Normalizing single cells: missing markers, numbers, percentages, dates, names.

Each parser takes what a CSV or Excel reader produced (str, int, float, date, datetime or None) and returns the
normalized value, or raises `CellError` with a message key that `i18n` turns into a sentence. Forgiving about form
(full-width digits, thousands separators, `2025年6月30日`), strict about meaning (never guesses a number).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass

from incentive.i18n import TranslatedError
from incentive.intake.units import LATIN_HOURS, MINUTES, TRAILING_UNIT

MISSING_MARKERS = frozenset(
    {"", "-", "--", "—", "——", "–", "/", "无", "N/A", "NA", "n/a", "na", "#N/A", "null", "NULL", "None", "暂无", "空"}
)
# Excel's error values, shown where a formula failed (#N/A, "not available", is a missing marker above).
EXCEL_ERRORS = frozenset(
    {"#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!"}
)
EXCEL_EPOCH = dt.date(1899, 12, 30)
# A workbook saved in the 1904 date system (old Mac Excel; `<workbookPr date1904="1">`) counts its serials from
# here: the same 46206 is 1462 days (4 years and a day) later than in the 1900 system.
EXCEL_1904_EPOCH = dt.date(1904, 1, 1)
# The dates a serial number may stand for: from serial 20000 of the 1900 system (1954-10-03; smaller numbers are
# no date someone meant) to the last date typed dates accept (years 19xx and 20xx, _DATE_PARTS).
SERIAL_FIRST = EXCEL_EPOCH + dt.timedelta(days=20000)
SERIAL_LAST = dt.date(2099, 12, 31)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Commas grouping thousands (`1,480`, `12,345.5`). A leading 0 groups nothing: `0,480` is a decimal comma (0.48),
# refused as no number rather than read as 480.
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?")
# Dots grouping thousands (`1.480`, `1.480.000`): how Excel set to a European locale, where `,` is the decimal mark,
# writes numbers into the semicolon-separated CSV it saves. A leading 0 groups nothing (`0.480` is 0.48 either way).
_DOT_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+")
# There one comma before three digits (`1,480`) may be that Excel's decimal comma (1.48) as well as a comma grouping
# thousands (1480): refused too. `1,480,000` and `1,480.5` have one reading only, and `0,125` too (a decimal comma,
# refused as no number, as `1,5` is everywhere).
_COMMA_DECIMAL_OR_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2},\d{3}")
# Any other one comma among digits (`1,5`, `0,480`, `12,25`) groups no thousands: in a semicolon CSV it is that
# Excel's decimal comma, refused saying so (`comma_decimal`) rather than as a bare "not a number".
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
# Characters that show nothing but make two texts differ: zero-width spaces and joiners, word joiner, BOM.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width spaces and joiners, word joiner, BOM, soft hyphen
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_CJK = "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACE_BY_CJK = re.compile(f" (?=[{_CJK}])|(?<=[{_CJK}]) ")
_DATE_PARTS = re.compile(r"(?P<y>(19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?")
_COMPACT_DATE = re.compile(r"(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
_SERIAL_TEXT = re.compile(r"\d+(\.0+)?")
# A number followed by a word (`480分钟`, `3小时20分`, `3 h`): the word, for a refusal that names it.
_WORD_AFTER_NUMBER = re.compile(r"(?P<number>.*\d)\s*(?P<word>[^\W\d_]+)")


class CellError(TranslatedError):
    """A cell that cannot be read. `as_written`: the cell's text as the problem quotes it, where the normalized text
    (clean_text) would hide what is wrong with it (`9⑤`, which NFKC makes `95`); else None (the normalized text)."""

    def __init__(self, key: str, as_written: str | None = None, **params: object) -> None:
        super().__init__(key, **params)
        self.as_written = as_written


def problem_value(error: Exception, raw: object) -> str:
    """The value a problem about a refused cell quotes: the cell as written (`as_written`: `１２．５分`, not the
    `12.5分` clean_text makes of it), or the text the error keeps (a CellError's `as_written`). The clerk looks for
    what he typed: the data contract asks for the cell as written in the file."""
    written = getattr(error, "as_written", None)
    return written if written is not None else as_written(raw)


def cell_written(raw: object, error: Exception | None = None) -> str | None:
    """A text cell exactly as the file holds it, for Problem.written: None for a blank or non-text cell, or where
    the error quotes a text of its own (a CellError's `as_written`, which already shows what is wrong)."""
    if not isinstance(raw, str) or not clean_text(raw) or getattr(error, "as_written", None) is not None:
        return None
    return raw


def footnote_mark(value: object) -> str | None:
    """The first character of a cell's text that is a number sign but no digit: Unicode category No (circled ①,
    superscript ², subscript ₂, parenthesised ⑴, full-stop ⒈, negative circled ❶ digits), what a clerk writes after a
    figure, a date or an id to point at a footnote; None when there is none. clean_text's NFKC makes most of them
    digits (`9⑤` -> `95`, `4①` -> `41`, `LZ00000①` -> `LZ000001`), so a cell read as a number, date, year, period or
    id that holds one is refused before it is read (docs/decisions.md#footnote-marks-in-cells). Full-width digits
    (０-９) are digits (category Nd), and vulgar fractions (½) are no mark: neither is found here."""
    if not isinstance(value, str) or value.isascii():
        return None
    return _first_mark(value)


@functools.lru_cache(maxsize=65536)  # a file repeats its county, period and indicator texts thousands of times
def _first_mark(text: str) -> str | None:
    return next((char for char in text if not char.isascii() and _is_mark(char)), None)


@functools.lru_cache(maxsize=4096)
def _is_mark(char: str) -> bool:
    return unicodedata.category(char) == "No" and "FRACTION" not in unicodedata.name(char, "")


# Marks a clerk writes after a header to point at a footnote below the table, besides the number signs footnote_mark
# finds: asterisks (ASCII and full-width), ※, daggers, `注1` / `（注1）` (`备注1`, a remarks column, is no mark).
_HEADER_NOTE_MARK = re.compile(r"(?:[*＊※†‡]+|[（(]?(?<!备)注\s*\d+[）)]?)$")


def header_footnote_mark(value: object) -> str | None:
    """The footnote mark a header cell carries, as written: a number sign anywhere (footnote_mark: `乡村振兴①`,
    `R0①`, which NFKC reads as R01) or a trailing `*`, `※`, `†`, `注1`, `（注1）` (`项目建设*`, `得分注1`); else None.
    A wide file's indicator header holding one is refused, never matched to an indicator through the mark
    (docs/decisions.md#footnote-marks-in-cells)."""
    mark = footnote_mark(value)
    if mark is not None:
        return mark
    match = _HEADER_NOTE_MARK.search(as_written(value))
    return match.group(0) if match else None


def refuse_footnote_mark(value: object) -> None:
    """CellError `footnote_mark` (naming the mark, quoting the cell as written) when `value` holds one."""
    mark = footnote_mark(value)
    if mark is not None:
        raise CellError("footnote_mark", as_written=as_written(value), mark=mark, read=clean_text(value))


def as_written(value: object) -> str:
    """A cell as a one-line message quotes what the clerk typed: a text without normalizing it (invisible characters
    dropped, white space folded, trimmed; `９５` and `9⑤` stay so), anything else as clean_text shows it."""
    if not isinstance(value, str):
        return clean_text(value)
    return re.sub(r"\s+", " ", _INVISIBLE.sub("", value)).strip()


def one_line(text: str) -> str:
    """A cell's text for a one-line message: line breaks shown as ⏎."""
    return re.sub(r"\r\n|\r|\n", "⏎", text)


@dataclass(frozen=True)
class Number:
    value: float
    unit: str = ""  # written in the cell (`万元`, `%`, `天`), or shown by a percent number format
    percent_format: bool = False  # an Excel percent cell: the stored fraction 0.85 was shown as 85%

    @property
    def percent(self) -> bool:
        return self.unit == "%"


def clean_text(value: object) -> str:
    """The one normalization of text: NFKC (full-width to half-width), invisible characters removed, line
    breaks and runs of white space folded to one space, spaces beside Chinese characters removed (an Alt+Enter
    inside a course name is typing, not meaning), trimmed; dates as ISO text. Idempotent."""
    if isinstance(value, str):
        return _clean_str(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    return _clean_str(str(value))


@functools.lru_cache(maxsize=262144)
def _clean_str(text: str) -> str:
    # Cached: a file repeats the same county, category and date strings thousands of times.
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return _SPACE_BY_CJK.sub("", re.sub(r"\s+", " ", text)).strip()


def space_beside_chinese(text: str) -> bool:
    """Whether `text` has a space `clean_text` removes as beside a Chinese character."""
    return bool(_SPACE_BY_CJK.search(text))


def is_missing(value: object) -> bool:
    if value is None or value == "":
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return isinstance(value, str) and clean_text(value) in MISSING_MARKERS


def parse_number(value: object, percent_format: bool = False, european_marks: bool = False) -> Number | None:
    """None for a missing marker; `85%` is 85 in unit %; `32000万元` is 32000 in unit 万元; `１,234` is 1234.

    A numeric cell whose Excel number format is a percent format (`percent_format`) holds the fraction 0.85 for
    the 85% the user sees: it is read as 85 in unit %. The unit is kept for the caller to convert (units.py).

    `european_marks`: the text comes from a semicolon-separated CSV (sheet_layout.Table.european_marks), where a
    dot may group thousands: `1.480` there is refused as 1480 or 1.48 (`dot_thousands_ambiguous`), `1.480.000` as
    dots grouping thousands (`dot_thousands`), never read as 1.48 or refused as no number without saying why; and a
    comma may be the decimal mark: `1,480` is refused as 1.48 or 1480 (`comma_decimal_ambiguous`), never read as
    1480, and `1,5` or `0,480` are refused as a decimal comma (`comma_decimal`, naming 1.5 and 0.48)
    (docs/decisions.md#semicolon-csv-numbers). `1.5`, `95.25`, `1.4801`, `1,480.5` read as everywhere else."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise CellError("not_a_number")
    refuse_footnote_mark(value)
    if isinstance(value, (int, float)):
        if percent_format:
            return _finite(Number(float(f"{float(value) * 100:.15g}"), "%", percent_format=True))
        return _finite(Number(float(value)))
    return _finite(_parse_number_text(clean_text(value), european_marks))


def _finite(number: Number) -> Number:
    """`1e999` reads as infinity: no number, refused as beyond every plausible figure (plausibility.MAGNITUDE_LIMIT
    refuses the finite ones beyond it, once the unit is converted)."""
    if not math.isfinite(number.value):
        raise CellError("implausible_magnitude")
    return number


@functools.lru_cache(maxsize=65536)
def _parse_number_text(text: str, european_marks: bool = False) -> Number:
    text = text.replace("\u2212", "-")  # the minus sign U+2212, which NFKC leaves as it is
    match = TRAILING_UNIT.search(text)
    unit = match.group(1) if match else ""
    if unit:
        text = text[: match.start()]
    # A space may stand between the sign or the number and its unit (`32000 万元`, `- 3`), never inside the
    # digits: `8 8` is a typo, not 88.
    text = re.sub(r"^([+-]) +", r"\1", text.strip())
    if european_marks and _DOT_THOUSANDS.fullmatch(text):
        grouped = text.replace(".", "") + unit
        if text.count(".") > 1:
            raise CellError("dot_thousands", grouped=grouped)
        raise CellError("dot_thousands_ambiguous", grouped=grouped, decimal=f"{float(text):.15g}{unit}")
    if european_marks and _COMMA_DECIMAL_OR_THOUSANDS.fullmatch(text):
        grouped = f"{int(text.replace(',', ''))}{unit}"
        raise CellError(
            "comma_decimal_ambiguous", grouped=grouped, decimal=f"{float(text.replace(',', '.')):.15g}{unit}"
        )
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif european_marks and _DECIMAL_COMMA.fullmatch(text):
        raise CellError("comma_decimal", decimal=f"{float(text.replace(',', '.')):.15g}{unit}")
    if not _NUMBER.fullmatch(text):
        if is_formula(text):
            raise CellError("formula_without_value")
        raise CellError("excel_error_value" if text.upper() in EXCEL_ERRORS else "not_a_number")
    if "e" in text.casefold():
        # `1.23457E+11`: what Excel writes to a CSV for a long number in a General cell, its digits cut to six
        # (docs/decisions.md#numbers-written-in-e-notation); a number cell is a number and never gets here
        raise CellError("number_e_notation")
    return Number(float(text), unit)


# Excel's idiom to keep a text as written when a CSV is opened again (`="0012"`, `="LZ000001"`): a formula whose
# result is the text between its quotes. Spaces or tabs around it are what a clerk's `, ="0012"` leaves; a quote
# inside (`="a""b"`, `="LZ"&"01"`) is more formula syntax, and the cell stays a formula.
TEXT_FORMULA = r'[ \t]*="([^"]*)"[ \t]*'
_TEXT_FORMULA = re.compile(TEXT_FORMULA)


def text_formula(value: object) -> str | None:
    """The text a CSV cell written `="…"` stands for, when the cell is exactly that and holds no further formula
    syntax (docs/decisions.md#text-kept-by-a-formula-in-a-csv); else None. `="0012"` gives `0012`, `=""` gives ""
    (a blank), `=A1+1` and `="LZ"&"01"` None."""
    if not isinstance(value, str):
        return None
    match = _TEXT_FORMULA.fullmatch(value)
    return match.group(1) if match else None


def is_formula(text: str) -> bool:
    """A cell's text that is a spreadsheet formula (`=10+2.5`, `=SUM(D2:D3)`): what a workbook formula without a
    saved result reads as (workbook_reader), or a CSV written with formulas shown. Never a value to import."""
    return len(text) > 1 and text.startswith("=")


def parse_hours(value: object, percent_format: bool = False, european_marks: bool = False) -> Number | None:
    """`parse_number` for a training record's 学时, which refuses minutes and Latin hour signs by name instead of as
    "not a number": `480分钟`, `480分`, `90 min`, `3小时20分` (units.MINUTES) raise CellError `hours_in_minutes`
    (one 学时 is 45, 50 or 60 minutes by local rule: docs/decisions.md#training-time-in-minutes), `3 h`
    (units.LATIN_HOURS) raises `hours_unit_not_read`; both with `unit` as written. Every form parse_number reads
    (`3`, `3学时`, `3小时`, `3天`) is read by it unchanged; `european_marks` as there (`1.480`, `1,480` in a
    semicolon CSV)."""
    if isinstance(value, str):
        refuse_footnote_mark(value)
        match = _WORD_AFTER_NUMBER.fullmatch(clean_text(value))
        word = match.group("word") if match else ""
        if word.casefold() in MINUTES:
            raise CellError("hours_in_minutes", unit=word)
        if word.casefold() in LATIN_HOURS and _NUMBER.fullmatch(match.group("number").strip()):
            raise CellError("hours_unit_not_read", unit=word)
    return parse_number(value, percent_format, european_marks)


def parse_date(value: object, date1904: bool = False) -> dt.date | None:
    """None for a missing marker; accepts ISO, slashes, dots, 年月日, 20250630 (as text or a number) and Excel
    serial numbers (`is_serial`: the importer reports each one it reads, docs/decisions.md#excel-serial-dates),
    counted from the 1904 epoch when the workbook says so (`date1904`, docs/decisions.md#future-and-1904-dates)."""
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _compact_number(value):
            # `20261012` typed in a number cell: the compact date the contract accepts in CSV (not a serial)
            return _parse_date_text(str(int(value)))
        return _from_serial(float(value), date1904)
    refuse_footnote_mark(value)
    return _parse_date_text(clean_text(value), date1904)


def is_serial(value: object) -> bool:
    """Whether `parse_date` reads `value` as an Excel serial number (46206 for 2026-07-03): a number, or digits
    as text (`46206`, `46206.0`), that is no compact date (20250630). Says nothing of whether it is a date: a
    serial for a date outside SERIAL_FIRST..SERIAL_LAST (1954-10-03..2099-12-31) is refused by parse_date."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return not _compact_number(value)
    if isinstance(value, str):
        text = clean_text(value)
        return bool(_SERIAL_TEXT.fullmatch(text)) and not _COMPACT_DATE.fullmatch(text)
    return False


def _compact_number(value: float) -> bool:
    """A number cell holding an 8-digit date such as 20261012, which is no serial."""
    return float(value).is_integer() and 19000101 <= value <= 21001231


def _from_serial(serial: float, date1904: bool = False) -> dt.date:
    """The date of an Excel serial number; refused (`not_a_date`) outside SERIAL_FIRST..SERIAL_LAST, the range
    typed dates are accepted in: anything else is not a date someone meant."""
    epoch = EXCEL_1904_EPOCH if date1904 else EXCEL_EPOCH
    if not (SERIAL_FIRST - epoch).days <= serial < (SERIAL_LAST - epoch).days + 1:
        raise CellError("not_a_date")
    return epoch + dt.timedelta(days=int(serial))


@functools.lru_cache(maxsize=65536)
def _parse_date_text(text: str, date1904: bool = False) -> dt.date:
    m = _DATE_PARTS.fullmatch(text) or _DATE_PARTS.fullmatch(text.split(" ")[0])
    if m:
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    elif _COMPACT_DATE.fullmatch(text):
        y, mo, d = int(text[:4]), int(text[4:6]), int(text[6:])
    elif _SERIAL_TEXT.fullmatch(text):
        return _from_serial(float(text), date1904)
    else:
        raise CellError("not_a_date")
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise CellError("not_a_date") from None


def name_key(value: object) -> str:
    """How names are compared: width-, case- and whitespace-insensitive."""
    return re.sub(r"\s+", "", clean_text(value)).casefold()


def clean_name(value: object) -> str:
    """How names are stored: NFKC, no whitespace (stray spaces inside Chinese names are typing noise)."""
    return re.sub(r"\s+", "", clean_text(value))


# A number as text: a sign (ASCII or the minus sign U+2212), digits (with thousands commas or not), decimals, a
# percent sign. A spreadsheet reads it as a number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+\-\u2212]?(\d{1,3}(,\d{3})+|\d+|(?=\.\d))(\.\d+)?%?")


def plain_number_text(text: str) -> str | None:
    """`text` as a spreadsheet reads a number (U+2212 as `-`), when it is one; else None."""
    if _PLAIN_NUMBER.fullmatch(text):
        return text.replace("\u2212", "-")
    return None


def escape_formula(text: str) -> str:
    """Keep a spreadsheet from running a text cell as a formula (=, +, -, @, tab, CR:
    docs/decisions.md#formula-escaping). A plain number held as text (`-43.3`, `+2`, `−3`) is no formula: it is
    left a number, not turned into text by an apostrophe."""
    number = plain_number_text(text)
    if number is not None:
        return number
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text
