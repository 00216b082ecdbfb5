"""Two columns naming one field (学时 beside 学时（小时）, 得分 beside 数值), read side by side row by row.

file_kinds.twin_columns finds them; here their cells are compared: where the two say the same on every row the
earlier one is imported and a note says so, and each row where they differ is a problem naming both, for which
one holds the figure cannot be known (docs/decisions.md#two-columns-for-one-field).
"""

from __future__ import annotations

from incentive.intake import units
from incentive.intake.cell_parsing import parse_cell
from incentive.intake.cell_values import CellError, clean_text
from incentive.intake.file_kinds import Column, FileKind
from incentive.intake.preview import Note, Preview, Problem
from incentive.intake.sheet_layout import Table


def compare_twins(
    preview: Preview, table: Table, spec: FileKind, located: dict[int, str], twins: dict[int, int]
) -> None:
    """A second column naming the same field as an earlier one (学时 and 学时（小时）) is read beside it: where the
    two say the same on every row, the earlier one is imported and a note says so; each row where they differ is
    a problem naming both, for which one holds the figure cannot be known (docs/decisions.md#two-columns-for-one-field).
    Cells say the same when their texts do, or when both read as the same value."""
    for twin, first in twins.items():
        col = spec.column(located[first])
        first_label, twin_label = twin_labels(table, first, twin)
        differing = 0
        for position, (row, number) in enumerate(zip(table.rows, table.row_numbers, strict=False)):
            if not _same_cell(col, table, position, row, first, twin):
                differing += 1
                preview.problems.append(twin_differ_problem(table, row, number, first, twin))
        if not differing:
            preview.notes.append(Note("note_twin_columns_same", {"column": first_label, "other": twin_label}))


def twin_differ_problem(table: Table, row: list, number: int, first: int, twin: int) -> Problem:
    """A row where a field's two columns differ: named at the first, with the other's label and text."""
    first_label, twin_label = twin_labels(table, first, twin)
    return Problem(
        "twin_columns_differ",
        number,
        first_label,
        clean_text(row[first] if first < len(row) else None),
        {"other": twin_label, "other_value": clean_text(row[twin] if twin < len(row) else None) or "—"},
    )


def twin_labels(table: Table, first: int, twin: int) -> tuple[str, str]:
    """The two columns' labels; a CSV's two columns of one header text (数值 and 数值) with their positions too
    (`数值 [4]`, `数值 [5]`), or the message would compare a column with itself."""
    labels = table.column_label(first), table.column_label(twin)
    if labels[0] != labels[1]:
        return labels
    return f"{labels[0]} [{first + 1}]", f"{labels[1]} [{twin + 1}]"


def _same_cell(col: Column, table: Table, position: int, row: list, first: int, twin: int) -> bool:
    a, b = (row[i] if i < len(row) else None for i in (first, twin))
    if clean_text(a) == clean_text(b):
        return True
    try:
        values = [
            parse_cell(col, raw, table.number_format(position, i), table.date1904, table.european_marks)
            for raw, i in ((a, first), (b, twin))
        ]
    except (CellError, units.UnitError):
        return False
    return values[0] == values[1]
