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
    """The period a file's title names, and the title row that names it (for a refusal's message). `period` is
    None when the title names no one period (several, a range, a list: `periods.TitlePeriods.several`) and a
    period column gives each row's; `readings` are then the periods it writes, one of which each row's must be
    (none to check against for a range or cumulative expression alone), and `found` its expressions as written."""

    period: str | None
    row: int | None
    row_text: str
    readings: tuple[str, ...] = ()
    found: tuple = ()

    def allows(self, period: str) -> bool:
        """Whether a row's period (from its column) agrees with the title."""
        if self.period:
            return period == self.period
        return not self.readings or period in self.readings

    @property
    def shown(self) -> str:
        """The title's period, or its periods, as a conflict's message names them: 2026-Q3 / 2026-Q2、2026-Q3."""
        return self.period or "、".join(self.readings)


def period_of_title(
    preview: Preview, table: Table, given_period: str | None, has_column: bool = False
) -> TitlePeriod | None:
    """The period the title names (`periods.title_periods` over its rows), or None: none named, or only dates that
    are no period (`截至2026年9月30日`, `填报日期：2026年10月8日`, `2026年10月制表`: docs/decisions.md#periods-in-titles).

    A title period that names no one period as written (`2026.3 赛马考评得分`, `2026/3赛马考评得分`) is the period
    entered when that is one of its readings; else the file is refused (fatal), naming the title row as written
    and, when a period was entered, that it is none of the readings. A title of several periods, a range, a list
    or a running total (`2026年第二季度和第三季度`, `2026年前三季度`, title rows naming two quarters) is never taken
    as the period: with a period entered that is one of them, that period, and said (never for a running total or
    a range, which names no period its figures are of); with a
    period column, each row's must be one of them; else, or with a period entered that is none of them, the file
    is refused naming the title rows as written and what they write."""
    if not table.title:
        return None
    rows = table.title_rows or [(None, table.title, table.title)]
    found = periods.title_periods([text for _, text, _ in rows])
    if not found.expressions:
        return None
    first = found.expressions[0]
    row, row_text = rows[first.row][0], rows[first.row][2]
    if found.period:
        return TitlePeriod(found.period, row, row_text, (found.period,))
    if not found.several:  # one expression of several readings: `2026.3`
        readings = first.readings
        if given_period in readings:
            return TitlePeriod(given_period, row, row_text, (given_period,))  # the user said which: the title agrees
        params = {"written": first.written, "readings": readings_text(readings)}
        _refuse_title(preview, "period_title_ambiguous", given_period, row, row_text, params)
        return None
    written = _quoted(dict.fromkeys(e.written for e in found.expressions))
    title = TitlePeriod(None, row, row_text, found.readings, written)
    if given_period and given_period in found.readings:
        return title  # a running total (`2026年前三季度`: no readings) is refused even so: its figures are no quarter's
    if has_column and not given_period:
        return title
    named = sorted({e.row for e in found.expressions})
    params = {"found": written, "titles": _rows_named(rows, named)}
    _refuse_title(preview, "period_title_several", given_period, row, row_text, params)
    return None


def _refuse_title(
    preview: Preview, key: str, given_period: str | None, row: int | None, row_text: str, params: dict
) -> None:
    """Refuse the file (fatal) for its title at `row`: `key`, or `key`_given naming the period entered."""
    if given_period:
        key, params = f"{key}_given", {**params, "given": given_period}
    preview.fatal = True
    preview.problems.append(Problem(key, row, None, row_text, params))


def title_dates(table: Table) -> tuple:
    """The dates of the title read as no period (`截至2026年9月30日`, `2026年10月制表`), quoted for a message; ()
    when it has none."""
    if not table.title:
        return ()
    rows = [text for _, text, _ in table.title_rows] or [table.title]
    dates = periods.title_periods(rows).dates
    return _quoted(dates) if dates else ()


def _quoted(texts) -> tuple:
    """Texts as a message lists them: 「2026年第二季度」、「第三季度」 / “2026年第二季度”, “第三季度”."""
    return ("by_lang", {"zh": "、".join(f"「{x}」" for x in texts), "en": ", ".join(f"“{x}”" for x in texts)})


def _rows_named(rows: list[tuple[int | None, str, str]], named: list[int]) -> tuple:
    """The title rows a refusal names besides its own (the problem's row and value): none when one row names the
    periods; else each, with its number and text as written: （第 1 行「…」、第 2 行「…」） / (row 1 “…”, row 2 “…”)."""
    if len(named) < 2:
        return ("by_lang", {"zh": "", "en": ""})
    zh = "、".join(f"第 {rows[i][0]} 行「{rows[i][2]}」" for i in named)
    en = ", ".join(f"row {rows[i][0]} “{rows[i][2]}”" for i in named)
    return ("by_lang", {"zh": f"（{zh}）", "en": f" ({en})"})


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
