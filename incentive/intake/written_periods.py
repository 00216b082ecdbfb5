"""Periods written in a notation that names no one period: `2026.3` (or `2026/3`, `2026-3`) in a file of race
scores, which are reported by quarter, is the third quarter or March. Such a period is refused wherever the importer
reads one (a period cell, the title, the period the user enters), naming what it may be and how to write each; never
guessed (docs/decisions.md#periods-written-with-a-dot). The readings themselves are `periods.separated_readings`; the
period a title names is `period_of_title` (docs/decisions.md#periods-in-titles).
"""

from __future__ import annotations

from dataclasses import dataclass

from incentive import periods
from incentive.i18n import join, t
from incentive.intake.cell_values import CellError, clean_text
from incentive.intake.number_formats import displayed_number, fifteen_digits, is_text_format
from incentive.intake.preview import Preview, Problem
from incentive.intake.sheet_layout import Table


def period_number_text(raw: float, number_format: str | None) -> str:
    """The text a period cell holding a number with a fraction is read as: what Excel shows
    (docs/decisions.md#periods-typed-as-numbers). `2026.1` formatted `0.00` shows `2026.10`, `2026.11` in a
    General cell `2026.11`; thousands separators are left out (`#,##0.00` shows `2,026.10`). CellError when the shown
    text is not the number the cell holds (2026.11 formatted `0.0` shows `2026.1`; `0` shows 2026.3 as `2026`):
    `period_ambiguous_shown` naming the readings of what shows when that is a dotted period of more than one reading,
    else `period_number_ambiguous`; both name what shows and what the cell holds. Or when the format's display
    cannot be derived (a percent, scientific or fraction format): `period_number_ambiguous`."""
    held = fifteen_digits(raw)
    shown = held if _shows_as_general(number_format) else displayed_number(raw, number_format)
    if shown is None:
        raise CellError("period_number_ambiguous", shown=held, value=held)
    text = shown.replace(",", "").strip()
    try:
        rounded = float(text) != raw  # a digit rounded away: what shows is not what was typed
    except ValueError:  # `.` for 0.001 through `#.##`
        rounded = True
    if rounded:
        readings = periods.separated_readings(text)
        if len(readings) > 1:
            raise CellError("period_ambiguous_shown", written=text, value=held, readings=readings_text(readings))
        raise CellError("period_number_ambiguous", shown=shown.strip(), value=held)
    return text


def _shows_as_general(number_format: str | None) -> bool:
    """General, and Text (`@`), through which Excel shows a number typed before the cell was made text as General
    does."""
    return (
        not number_format
        or number_format.strip().casefold() in ("general", "g/通用格式")
        or is_text_format(number_format)
    )


def refuse_ambiguous_cell(raw: object) -> None:
    """CellError `period_ambiguous` when a period cell's text (a number cell's as `period_number_text` reads it)
    is a year, a separator and a number with more than one reading (`2026.3`, `2026.03`, `2026.1`, `2026/3`,
    `2026-3`). Any other cell
    passes."""
    if not isinstance(raw, str):
        return
    text = clean_text(raw)
    readings = periods.separated_readings(text)
    if len(readings) > 1:
        raise CellError("period_ambiguous", written=text, readings=readings_text(readings))


def given_period_refusal(text: str) -> Problem | None:
    """The problem of a period the user entered (`--period`, the Data page's field) that names no one period
    (`2026.3`, `2026/3`, `2026-3`), or None."""
    readings = periods.separated_readings(text)
    if len(readings) > 1:
        return Problem(
            "period_given_ambiguous", params={"written": clean_text(text), "readings": readings_text(readings)}
        )
    return None


@dataclass(frozen=True)
class TitlePeriod:
    """The period a file's title names, and the title row that names it (for a refusal's message)."""

    period: str
    row: int | None
    row_text: str


def period_of_title(preview: Preview, table: Table, given_period: str | None) -> TitlePeriod | None:
    """The period the title names (`periods.title_readings`), or None: none named, or only dates that are no period
    (`截至2026年9月30日`, `填报日期：2026年10月8日`: docs/decisions.md#periods-in-titles). A title period that names no one
    period (`2026.3 赛马考评得分`, `2026/3赛马考评得分`) is the period entered when that is one of its readings; else the
    file is refused (fatal), naming the title row as written and, when a period was entered, that it is none of
    the readings."""
    if not table.title:
        return None
    found = periods.title_readings(table.title)
    if found is None or not found[1]:
        return None
    written, readings = found
    row, row_text = _title_row(table, written)
    if len(readings) == 1:
        return TitlePeriod(readings[0], row, row_text)
    if given_period in readings:
        return TitlePeriod(given_period, row, row_text)  # the user said which: the title agrees with it
    params = {"written": written, "readings": readings_text(readings)}
    key = "period_title_ambiguous"
    if given_period:
        key, params["given"] = "period_title_ambiguous_given", given_period
    preview.fatal = True
    preview.problems.append(Problem(key, row, None, row_text, params))
    return None


def _title_row(table: Table, written: str) -> tuple[int | None, str]:
    """(row number, text) of the first title row that names the title's period as `written`; the title itself with
    no row when the period spans rows."""
    for number, text, as_written in table.title_rows:
        found = periods.title_readings(text)
        if found is not None and found[0] == written:
            return number, as_written
    return None, table.title


def readings_text(readings: tuple[str, ...]) -> tuple:
    """Each reading as it may be written and what it is, per language: 「2026Q3」（2026年第3季度）或「2026-03」（2026年3月）
    / 2026Q3 (quarter 3 of 2026) or 2026-03 (month 3 of 2026)."""
    out = {}
    for lang in ("zh", "en"):
        items = [_reading(p, lang) for p in readings]
        out[lang] = join(items[:-1], lang) + t("period_readings_or", lang) + items[-1]
    return ("by_lang", out)


def _reading(period: str, lang: str) -> str:
    year, kind = int(period[:4]), periods.form(period)
    if kind == "M":
        return t("period_reading_month", lang, written=period, year=year, n=int(period[5:]))
    written = period.replace("-", "")  # 2026Q3, as the data contract writes a quarter
    if kind == "Q":
        key = "period_reading_quarter"
    else:
        key = "period_reading_h1" if period.endswith("1") else "period_reading_h2"
    return t(key, lang, written=written, year=year, n=int(period[-1]))
