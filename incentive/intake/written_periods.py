"""Periods written in a notation that names no one period: `2026.3` in a file of race scores, which are reported
by quarter, is the third quarter or March. Such a period is refused wherever the importer reads one (a period
cell, the title, the period the user enters), naming what it may be and how to write each; never guessed
(docs/decisions.md#periods-written-with-a-dot). The readings themselves are `periods.dotted_readings`.
"""

from __future__ import annotations

from incentive import periods
from incentive.i18n import join, t
from incentive.intake.cell_values import CellError, clean_text
from incentive.intake.number_formats import displayed_number
from incentive.intake.preview import Preview, Problem
from incentive.intake.sheet_layout import Table


def refuse_ambiguous_cell(raw: object, number_format: str | None) -> None:
    """CellError `period_ambiguous` when a period cell reads as a year, a dot and a number with more than one
    reading (`2026.3`, `2026.03`, `2026.1`). A number cell is judged by the text its format shows (`2026.03` with
    `0.00`), else as Excel shows it in a General cell (2026.3). Any other cell passes."""
    if isinstance(raw, float) and not raw.is_integer():
        text = displayed_number(raw, number_format) or f"{raw:g}"
    elif isinstance(raw, str):
        text = clean_text(raw)
    else:
        return
    readings = periods.dotted_readings(text)
    if len(readings) > 1:
        raise CellError("period_ambiguous", written=text, readings=readings_text(readings))


def given_period_refusal(text: str) -> Problem | None:
    """The problem of a period the user entered (`--period`, the Data page's field) that names no one period
    (`2026.3`), or None."""
    readings = periods.dotted_readings(text)
    if len(readings) > 1:
        return Problem(
            "period_given_ambiguous", params={"written": clean_text(text), "readings": readings_text(readings)}
        )
    return None


def period_of_title(preview: Preview, table: Table, given_period: str | None) -> str | None:
    """The period the title names (`periods.find_period`), or None. A title period written with a dot that names no
    one period (`2026.3 赛马考评得分`) is the period entered when that is one of its readings; else the file is
    refused (fatal), naming the title row and the title as written."""
    if not table.title:
        return None
    ambiguous = periods.title_readings(table.title)
    if ambiguous is None:
        return periods.find_period(table.title)
    written, readings = ambiguous
    if given_period in readings:
        return given_period  # the user said which: the title agrees with it
    row, cell = next(
        ((number, text) for number, text in table.title_cells if written in clean_text(text)), (None, table.title)
    )
    preview.fatal = True
    preview.problems.append(
        Problem("period_title_ambiguous", row, None, cell, {"written": written, "readings": readings_text(readings)})
    )
    return None


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
