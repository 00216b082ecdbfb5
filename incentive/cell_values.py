"""Normalizing single cells: missing markers, numbers, percentages, dates, names.

Each parser takes what a CSV or Excel reader produced (str, int, float, date, datetime or None) and returns the
normalized value, or raises `CellError` with a message key that `i18n` turns into a sentence. Forgiving about form
(full-width digits, thousands separators, `2025年6月30日`), strict about meaning (never guesses a number).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from .i18n import TranslatedError

MISSING_MARKERS = frozenset({"", "-", "--", "—", "——", "–", "/", "无", "N/A", "NA", "n/a", "na", "#N/A", "null",
                             "NULL", "None", "暂无", "空"})
EXCEL_EPOCH = dt.date(1899, 12, 30)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
# A unit typed into the cell (`16学时`, `3起`) is form, not meaning: the column's unit says the same.
_TRAILING_UNIT = re.compile(r"(学时|课时|小时|个|件|起|天|日|分|万元|亿元|元|人次|人|次|项|户|家)$")
_DATE_PARTS = re.compile(r"(?P<y>(19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?")
_COMPACT_DATE = re.compile(r"(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")


class CellError(TranslatedError):
    """A cell that cannot be read."""


@dataclass(frozen=True)
class Number:
    value: float
    percent: bool = False  # written with a % sign


def clean_text(value: object) -> str:
    """NFKC (full-width to half-width) with surrounding whitespace removed; dates as ISO text."""
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
    return unicodedata.normalize("NFKC", text).strip()


def is_missing(value: object) -> bool:
    if value is None or value == "":
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return isinstance(value, str) and clean_text(value) in MISSING_MARKERS


def parse_number(value: object) -> Number | None:
    """None for a missing marker; `85%` is 85 with the percent flag; `１,234` is 1234."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise CellError("not_a_number")
    if isinstance(value, (int, float)):
        return Number(float(value))
    return _parse_number_text(clean_text(value))


@functools.lru_cache(maxsize=65536)
def _parse_number_text(text: str) -> Number:
    percent = text.endswith("%")
    if percent:
        text = text[:-1].strip()
    text = text.replace(" ", "")
    if not percent:
        text = _TRAILING_UNIT.sub("", text)
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        raise CellError("not_a_number")
    return Number(float(text), percent)


def parse_date(value: object) -> dt.date | None:
    """None for a missing marker; accepts ISO, slashes, dots, 年月日, 20250630 and Excel serial numbers."""
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_serial(float(value))
    return _parse_date_text(clean_text(value))


def _from_serial(serial: float) -> dt.date:
    # Excel serials for 1954..2119; anything else is not a date someone meant.
    if not 20000 <= serial <= 80000:
        raise CellError("not_a_date")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


@functools.lru_cache(maxsize=65536)
def _parse_date_text(text: str) -> dt.date:
    m = _DATE_PARTS.fullmatch(text) or _DATE_PARTS.fullmatch(text.split(" ")[0])
    if m:
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    elif _COMPACT_DATE.fullmatch(text):
        y, mo, d = int(text[:4]), int(text[4:6]), int(text[6:])
    elif re.fullmatch(r"\d+(\.0+)?", text):
        return _from_serial(float(text))
    else:
        raise CellError("not_a_date")
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise CellError("not_a_date") from None


def find_date(text: str) -> dt.date | None:
    """A date mentioned in a title: `（截至2025年6月30日）`, or `2025年6月底` for the month's last day."""
    text = clean_text(text)
    m = _DATE_PARTS.search(text)
    if m:
        try:
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            return None
    m = re.search(r"((?:19|20)\d{2})\s*年\s*(1[0-2]|0?[1-9])\s*月\s*[底末]", text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return None


def name_key(value: object) -> str:
    """How names are compared: width-, case- and whitespace-insensitive."""
    return re.sub(r"\s+", "", clean_text(value)).casefold()


def clean_name(value: object) -> str:
    """How names are stored: NFKC, no whitespace (stray spaces inside Chinese names are typing noise)."""
    return re.sub(r"\s+", "", clean_text(value))


def escape_formula(text: str) -> str:
    """Keep a spreadsheet from running a text cell as a formula (decisions: =, +, -, @, tab, CR)."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text
