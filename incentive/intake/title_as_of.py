"""The as-of date (统计日期) a roster's title states: `干部花名册（截至2026年6月30日）`.

A title may carry other dates: the day the form was filled in or sent (`填报日期：2026年7月5日`). Such a date is
never the as-of date; a date labelled 截至 / 截止 / 统计日期 is; an unlabelled date is when it is the title's only
candidate. Two different candidates (two 截至, or two unlabelled dates) are refused, naming both: which snapshot
the file is would be a guess, and a wrong guess replaces another snapshot whole
(docs/decisions.md#a-rosters-as-of-date-in-its-title). ingest.roster_title_as_of calls `read_title_as_of`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from incentive.intake.cell_values import clean_text
from incentive.intake.preview import Problem
from incentive.intake.sheet_layout import Table

# `2026年6月30日`, `2026-06-30`, `2026/6/30`, `2026.6.30`, and `2026年6月底` (the month's last day)
_TITLE_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?|月\s*(?P<end>[底末]))"
)
# a label just before a date that makes it the as-of date: `截至`, `（截止`, `统计日期：`, `数据截至到 `
_AS_OF_BEFORE = re.compile(r"(截至|截止|统计)\s*(日期|时间|日)?\s*(至|到)?\s*[:：]?\s*$")
_AS_OF_AFTER = re.compile(r"^\s*(为止|止)")
# a label that makes it the day the form was filled in, made or sent: `填报日期：`, `制表：`; `2026年7月5日填报`
_FILED_BEFORE = re.compile(r"(填报|填表|制表|报送|上报|打印|导出|编制)\s*(日期|时间)?\s*[:：]?\s*$")
_FILED_AFTER = re.compile(r"^\s*(填报|填表|制表|报送|上报|打印|导出|编制)")


@dataclass(frozen=True)
class TitleAsOf:
    """The as-of date a title states, the title row it is on (None when unknown) and that row as written."""

    date: dt.date
    row: int | None
    written: str


@dataclass(frozen=True)
class _TitleDate:
    date: dt.date
    row: int | None
    written: str  # the title row as written
    label: str  # "as_of", "filed" or ""


def _title_rows(table: Table) -> list[tuple[int | None, str]]:
    """The title's rows, (row number, its cells joined as written) each; the joined title when the rows are unknown."""
    rows: dict[int, list[str]] = {}
    for number, text in table.title_cells:
        rows.setdefault(number, []).append(text)
    if rows:
        return [(number, " ".join(cells)) for number, cells in rows.items()]
    return [(None, table.title)] if table.title else []


def _dates(row: int | None, written: str) -> list[_TitleDate]:
    text = clean_text(written)
    found, start = [], 0
    for m in _TITLE_DATE.finditer(text):
        year, month = int(m.group("y")), int(m.group("m"))
        try:
            day = calendar.monthrange(year, month)[1] if m.group("end") else int(m.group("d"))
            date = dt.date(year, month, day)
        except ValueError:  # not a date (2026年2月30日, month 13): not read, as before
            start = m.end()
            continue
        before, after = text[start : m.start()], text[m.end() :]
        if _AS_OF_BEFORE.search(before) or _AS_OF_AFTER.match(after):
            label = "as_of"
        elif _FILED_BEFORE.search(before) or _FILED_AFTER.match(after):
            label = "filed"
        else:
            label = ""
        found.append(_TitleDate(date, row, written, label))
        start = m.end()
    return found


def read_title_as_of(table: Table) -> TitleAsOf | Problem | None:
    """The as-of date `table`'s title states; None when it states none (a 填报日期 alone is none); a Problem
    (`title_as_of_ambiguous`, at the first candidate's title row, the row as written) when it states two."""
    dates = [d for row, written in _title_rows(table) for d in _dates(row, written)]
    if not dates and table.title:  # a workbook's title cell holding a date value is in the title, not its cells
        dates = _dates(None, table.title)
    labelled = [d for d in dates if d.label == "as_of"]
    candidates = labelled or [d for d in dates if d.label == ""]
    distinct = sorted({d.date for d in candidates})
    if not distinct:
        return None
    first = candidates[0]
    if len(distinct) > 1:
        params = {"dates": [d.isoformat() for d in distinct], "n": len(distinct)}
        return Problem("title_as_of_ambiguous", first.row, None, first.written, params)
    return TitleAsOf(first.date, first.row, first.written)


def filed_dates(table: Table) -> list[dt.date]:
    """The dates the title labels as the day the form was filled in, made or sent (填报日期 …), in title order."""
    return [d.date for row, written in _title_rows(table) for d in _dates(row, written) if d.label == "filed"]
