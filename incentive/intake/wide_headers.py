"""A wide file's indicator headers (one indicator a column): the columns it ignores, those that refuse the file.

value_cells reads a wide file's values; first its headers are judged here as columns, not row by row (skipping
invalid rows must not drop a column silently): known non-indicator columns are listed and ignored; an unknown
indicator, a unit column (one unit a row cannot say which indicator it is of), a header with a footnote mark
(`乡村振兴①`), a header that names no one indicator at the file's period, or two headers of one indicator at a row's
period refuse the file, naming the header (docs/decisions.md#footnote-marks-in-cells).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from incentive.intake.cell_values import as_written, header_footnote_mark, name_key
from incentive.intake.file_kinds import VALUE_UNIT_COLUMN, WIDE_IGNORED, strip_unit
from incentive.intake.place_names import suggest
from incentive.intake.preview import Note, Preview, Problem, Reference
from incentive.intake.sheet_layout import Located, Table


def check_wide_columns(
    preview: Preview, table: Table, located: Located, reference: Reference, marked: dict[int, tuple[str, str]]
) -> None:
    """Known non-indicator columns are listed and ignored; unknown indicator columns refuse the file (a column,
    not a row: skipping invalid rows must not drop it silently), and so do headers with a footnote mark (`marked`,
    from `marked_headers`: `乡村振兴①`, `项目建设*`, `R0①`), naming the header as written and the mark, unless the
    header is an indicator's name with the mark in it (`PM₂.₅浓度`). Repeated ones are found by the period of each
    row (`refuse_wide_columns`): what a header names may change with the period."""
    ignored, unknown = [], []
    for i, text in enumerate(table.header):
        if i in located.columns or i in located.wide_indicators or not text:
            continue
        if name_key(text) in WIDE_IGNORED or name_key(strip_unit(text)) in WIDE_IGNORED:
            ignored.append(text)
        else:
            unknown.append(i)
    if ignored:
        preview.notes.append(Note("note_ignored_columns", {"columns": ignored}))
    names = [ind["name"] for ind in reference.indicators]
    unit_names = {name_key(alias) for alias in VALUE_UNIT_COLUMN}
    name_keys = {name_key(ind["name"]) for ind in reference.indicators}
    for i in sorted(located.wide_indicators):
        # `R0①` reads as the code R01 after NFKC, `得分（注1）` as 得分 with a unit dropped: matched through the mark,
        # silently. A name that matches with its mark (`PM₂.₅浓度`) is that name, as in a long file's indicator cell.
        if i in marked and name_key(table.header[i]) not in name_keys:
            preview.problems.append(marked_header_problem(preview, table, i, marked[i]))
    for i in unknown:
        if name_key(table.header[i]) in unit_names:  # one unit a row cannot say which indicator it is of
            preview.problems.append(Problem("unit_column_in_wide", preview.header_row, table.column_label(i)))
            continue
        if i in marked:  # `乡村振兴①`, `项目建设*`: why no indicator is found, not a bare "unknown indicator"
            preview.problems.append(marked_header_problem(preview, table, i, marked[i]))
            continue
        suggestion = suggest(table.header[i], names)
        preview.problems.append(
            Problem(
                "unknown_indicator_column",
                preview.header_row,
                table.column_label(i),
                None,
                {"suggestion": suggestion} if suggestion else {},
            )
        )
    if preview.problems:
        preview.fatal = True


def marked_headers(located: Located) -> dict[int, tuple[str, str]]:
    """A wide file's header cells that carry a footnote mark (cell_values.header_footnote_mark): column ->
    (the header as written, the mark). The header row as read (located.header) is normalized: `①` is `1` there."""
    row = located.sheet.rows[located.header_row]
    found = {}
    for i, cell in enumerate(row):
        mark = header_footnote_mark(cell) if i not in located.columns else None
        if mark is not None:
            found[i] = (as_written(cell), mark)
    return found


def marked_header_problem(preview: Preview, table: Table, i: int, marked: tuple[str, str]) -> Problem:
    """The refusal of column `i`'s header for its footnote mark (`marked`: marked_headers' pair), at the header row."""
    header, mark = marked
    return Problem(
        "footnote_mark_header", preview.header_row, table.column_label(i), None, {"header": header, "mark": mark}
    )


@dataclass
class WideColumns:
    """What a wide file's indicator headers were found to name over its rows: each header is read by the period
    of each row (`IndicatorNames.resolve`), so what a column is may change from row to row."""

    per_row: bool  # a period column: a header that names no one indicator is refused on each row it does so
    refused: dict[int, Problem] = field(default_factory=dict)  # fixed period: column -> its problem, at the header
    same: dict[int, tuple[str, str]] = field(default_factory=dict)  # column -> (its label, an earlier one's) of one
    # indicator


def refuse_wide_columns(preview: Preview, found: WideColumns) -> None:
    """A wide header that names no one indicator at the file's one period, or two headers of one indicator at
    some row's period, refuse the file (a column, not a row: skipping invalid rows must not drop it silently)."""
    problems = [found.refused[i] for i in sorted(found.refused)]
    for _, (label, other) in sorted(found.same.items()):
        problems.append(Problem("duplicate_indicator_column", preview.header_row, label, None, {"other": other}))
    if problems:
        preview.problems.extend(problems)
        preview.fatal = True
