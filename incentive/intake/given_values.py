"""The period and the roster's as-of date a user gives with a file (`import --period / --as-of`, the Data page's
考核期 and 统计日期 boxes), against what the file states itself: its title, its 考核期 or 统计日期 column. A given
value that contradicts the file is refused, never silently overruled nor silently winning; one the file's kind
does not read is said to be unused; the value applied, and where it came from (given, the title, the column), is
said in the preview and the CLI (every value the importer assumes is said: issue "intake integrity";
docs/decisions.md#periods-and-as-of-dates-given-with-a-file). ingest, value_cells and bulk_csv call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from incentive.intake.cell_values import clean_text, is_missing
from incentive.intake.preview import Note, Preview, Problem
from incentive.intake.sheet_layout import Table
from incentive.intake.title_as_of import TitleAsOf


def unused_notes(kind: str, given_period: str | None, given_as_of: dt.date | None) -> list[Note]:
    """Notes of the given values a file of `kind` (a located kind: "values" for race scores and care figures)
    does not read: a period for a record file, an as-of date for anything but a roster."""
    notes = []
    if given_period and kind != "values":
        notes.append(Note("note_period_given_unused", {"period": given_period}))
    if given_as_of and kind != "roster":
        notes.append(Note("note_as_of_given_unused", {"as_of": given_as_of.isoformat()}))
    return notes


def period_note(given_period: str | None, title_period: str | None) -> Note:
    """The note of the one period of a values file without a period column: given (and the same in the title,
    when the title states one: they disagree is refused before) or taken from the title."""
    if given_period:
        key = "note_period_given_title" if title_period else "note_period_given"
        return Note(key, {"period": given_period})
    return Note("note_period_from_title", {"period": title_period})


def refuse_period_against_column(
    preview: Preview, cells: Iterable, given_period: str | None, table: Table, index: int | None
) -> None:
    """A period given for a values file with a period column (`index` in `table`; None: no column): every row's
    period must be it. The first row that states another is named with its cell as written, and how many rows
    do, and the file is refused (a whole file's period, not a row's: skipping rows cannot mend it); when all
    agree, the preview says so. A blank or unreadable cell of the column is refused as the column's own problem:
    the given period checks the file's periods, it fills none (the module's decision). Then no note says that
    every row agrees (a tester found 必填，不能为空 beside 与「考核期」列各行一致, 2026-12-07): skipping invalid
    rows, the note says the rest agree and how many rows are left out; refused, none. `cells`: value_cells._ValueCell-like (`row`, `period`: the row's, from its column, else the given one)."""
    if not given_period or index is None:
        return
    column = table.column_label(index)
    rows = sorted({cell.row for cell in cells if cell.period and cell.period != given_period})
    if rows:
        written = clean_text(table.rows[table.row_numbers.index(rows[0])][index])
        params = {"given": given_period, "n": len(rows)}
        preview.problems.append(Problem("period_given_conflict_column", rows[0], column, written, params))
        preview.fatal = True
        return
    unread = sorted({p.row for p in preview.problems if p.column == column and p.row is not None})
    if not unread:
        preview.notes.append(Note("note_period_given_column", {"period": given_period, "column": column}))
    elif preview.skip_invalid:
        params = {"period": given_period, "column": column, "row": unread[0], "n": len(unread)}
        preview.notes.append(Note("note_period_given_column_rest", params))


def refuse_as_of_against_title(preview: Preview, title_as_of: dt.date | None, given_as_of: dt.date | None) -> bool:
    """A roster's title date and a given as-of date that differ: refused (True)."""
    if title_as_of and given_as_of and title_as_of != given_as_of:
        params = {"title": title_as_of.isoformat(), "given": given_as_of.isoformat()}
        preview.problems.append(Problem("as_of_conflict_title", params=params))
        preview.fatal = True
        return True
    return False


def as_of_note(title_as_of: dt.date | None, given_as_of: dt.date | None) -> Note:
    """The note of a roster's one as-of date, without a 统计日期 column: given (the same as the title's, when
    there is one) or the title's."""
    source = "note_as_of_given_title" if given_as_of and title_as_of else "note_as_of_given"
    source = source if given_as_of else "note_as_of_title"
    return Note("note_as_of", {"as_of": (given_as_of or title_as_of).isoformat(), "source": ("i18n", source)})


class AsOfColumn:
    """A roster's 统计日期 column beside the date the file states elsewhere, given by the user or in its title
    (`stated`: the given one when both, which must then agree, refuse_as_of_against_title). Every written date
    must be the stated one, else the file is refused, naming the first row that differs and how many do: a
    title's 截至2026年6月30日 over a column of 2026-12-31 was dropped in silence, and a blank cell then took the
    title's date, one row replacing the whole 2026-06-30 snapshot. A blank cell takes the stated date, counted
    for a note naming the first such row; so a blank never dates a snapshot no written cell names (with no
    stated date it is refused as required: docs/decisions.md#a-rosters-as-of-date-in-its-title). `index` None:
    no column (the whole file's date, `as_of_note`)."""

    def __init__(self, index: int | None, label: str, title: TitleAsOf | None, given_as_of: dt.date | None):
        self.index, self.label = index, label
        self.given, self.title = given_as_of, title
        self.default = given_as_of or (title.date if title else None)
        self.blank: list[int] = []  # rows whose blank cell took the default
        self.other: list[tuple[int, str]] = []  # rows whose date is not the stated one, and the cell as written

    def read(self, value: dt.date | None, row: list, number: int) -> dt.date | None:
        """The as-of date of a data row (`value`: its cell as read, None when blank or refused)."""
        if value is not None:
            if self.default and self.index is not None and value != self.default:
                self.other.append((number, clean_text(row[self.index])))
            return value
        if self.index is not None and self.default and (is_missing(row[self.index]) or not clean_text(row[self.index])):
            self.blank.append(number)
        return self.default

    def finish(self, preview: Preview) -> None:
        if self.other:
            row, written = self.other[0]
            if self.given:
                key, params = "as_of_given_conflict_column", {"given": self.given.isoformat(), "n": len(self.other)}
            else:
                key = "as_of_title_conflict_column" if self.title.row else "as_of_title_conflict_column_unplaced"
                params = {
                    "as_of": self.title.date.isoformat(),
                    "title": self.title.written,
                    "title_row": self.title.row,
                    "n": len(self.other),
                }
            preview.problems.append(Problem(key, row, self.label, written, params))
            preview.fatal = True
            return
        if self.blank:
            source = "note_as_of_given" if self.given else "note_as_of_title"
            params = {
                "column": self.label,
                "n": len(self.blank),
                "row": self.blank[0],
                "as_of": self.default.isoformat(),
            }
            preview.notes.append(Note("note_as_of_blank", {**params, "source": ("i18n", source)}))
        elif self.given and self.index is not None:
            preview.notes.append(
                Note("note_as_of_given_column", {"as_of": self.given.isoformat(), "column": self.label})
            )
