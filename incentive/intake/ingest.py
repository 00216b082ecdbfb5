"""From (file name, bytes) to a preview: normalized rows of one kind, and every problem located.

Pure: no database, no Streamlit. The UI and the CLI both call `parse_file`, show the `Preview`, and hand an
accepted preview to `store.batches.import_preview`. What is stored comes only through the `Reference` the caller
gives: its lists, and the stored spellings of a file's cadre ids, which it reads when asked (cadre_ids.py).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import NamedTuple

import pandas as pd

from incentive import periods
from incentive.intake import plausibility, units
from incentive.intake.cadre_ids import Spellings, read_as_stored, say_read_as_stored
from incentive.intake.catalog_changes import check_catalog
from incentive.intake.cell_parsing import (
    parse_cell,
    serial_date,
    with_format_unit,
)
from incentive.intake.cell_values import (
    CellError,
    Number,
    as_written,
    cell_written,
    clean_text,
    name_key,
    one_line,
    parse_date,
    parse_number,
    problem_value,
    text_formula,
)
from incentive.intake.changes import FULL_WIDTH_SAID, Changes, hours_per_day
from incentive.intake.column_twins import compare_twins
from incentive.intake.duplicate_rows import check_duplicates
from incentive.intake.file_kinds import (
    KINDS,
    STORED_COLUMNS,
    VALUE_KINDS,
    Column,
    FileKind,
    class_weight_class,
    match_header,
    twin_columns,
)
from incentive.intake.given_values import AsOfColumn, as_of_note, refuse_as_of_against_title, unused_notes
from incentive.intake.place_names import NameMatcher, matched_place, report_accepted_names
from incentive.intake.preview import Note, Preview, Problem, Reference, refuse_file
from incentive.intake.sheet_layout import (
    ACTUAL_SUBCOLUMNS,
    Located,
    NearHeader,
    Table,
    is_instruction_sheet,
    locate_header,
    nearest_header,
    row_role,
)
from incentive.intake.sheets import UnreadableFile, column_letter, read_sheets
from incentive.intake.stated_units import (
    column_unit,
    header_units,
    refuse_column_unit_conflicts,
    refuse_unknown_bracket,
)
from incentive.intake.title_as_of import filed_dates, read_title_as_of
from incentive.intake.value_cells import parse_values
from incentive.intake.written_periods import given_period_refusal

__all__ = ["Note", "Preview", "Problem", "Reference", "parse_file"]


def parse_file(
    file_name: str,
    data: bytes,
    reference: Reference,
    kind: str | None = None,
    period: str | None = None,
    as_of: str | None = None,
    skip_invalid: bool = False,
) -> Preview:
    """Read, recognise, normalize and validate one file. Never raises for bad input: problems are returned."""
    preview = Preview(file_name, hashlib.sha256(data).hexdigest(), skip_invalid=skip_invalid)
    try:
        sheets = read_sheets(file_name, data)
    except UnreadableFile as e:
        return refuse_file(preview, Problem(e.key, params=e.params))
    given = read_given(preview, period, as_of)
    if given is None:
        return preview
    given_period, given_as_of = given

    located = locate_header(sheets, reference, kind)
    if located is not None and located.sheet.is_workbook and not _holds_values(located):
        # a sheet whose rows hold no value (instructions listing the columns) yields to one that does
        rest = [s for s in sheets if s is not located.sheet]
        better = locate_header(rest, reference, kind) if rest else None
        if better is not None and _holds_data(better) and _holds_values(better):
            located = better
    if located is None and kind is not None and (other := _header_of_another_kind(sheets, reference, kind)):
        preview.sheet = other.sheet.name if other.sheet.is_workbook else ""
        found = ("i18n", _SHEET_KIND[other.kind])
        params = {"kind": ("i18n", f"kind_{kind}"), "found": found}
        return refuse_file(
            preview, Problem("header_other_kind", other.sheet.row_numbers[other.header_row], None, None, params)
        )
    if located is None:
        near = nearest_header(sheets, kind)
        preview.sheet = near.sheet if near is not None else ""  # the message names the workbook's sheet it means
        return refuse_file(preview, _no_header_problem(kind, near))
    table = Table.from_sheet(located.sheet, located.header_row, located.header, located.header_rows)
    preview.sheet = located.sheet.name if located.sheet.is_workbook else ""
    preview.encoding = located.sheet.encoding
    preview.header_row = located.sheet.row_numbers[located.header_row]
    if not _report_skipped_sheets(preview, sheets, located, reference, kind):
        return preview
    if located.sheet.is_workbook and located.sheet.hidden:
        preview.notes.append(Note("note_hidden_sheet_used", {"sheet": located.sheet.name}))
    if located.kind != "values":
        preview.kind = located.kind
    preview.notes.extend(unused_notes(located.kind, given_period, given_as_of))
    if located.sub_header and not _read_sub_columns(preview, located, table):
        return preview
    totals, footnotes = table.drop_non_data_rows()
    if totals:
        preview.notes.append(Note("note_total_rows", {"rows": totals, "n": len(totals)}))
    first_data, last_data = (table.row_numbers[0], table.row_numbers[-1]) if table.row_numbers else (None, None)
    preview.notes.extend(note_rows_notes(footnotes, first_data, last_data))
    preview.notes.extend(text_formula_notes(table, located.sheet.text_formulas))
    if not table.rows:
        return refuse_file(preview, Problem("no_rows"))
    _refuse_text_outside_header(preview, table, located)
    if table.merged_data:
        preview.notes.append(Note("note_merged_data_cells", {"ranges": table.merged_data}))
    hidden = [n for n in table.row_numbers if n in table.hidden_rows]
    if hidden:
        preview.notes.append(Note("note_hidden_rows", {"rows": hidden, "n": len(hidden)}))
    hidden_columns = imported_hidden_columns(located, table)
    if hidden_columns:
        preview.notes.append(Note("note_hidden_columns", {"columns": hidden_columns, "n": len(hidden_columns)}))

    unread = table.title_unit_unread
    if unread and (located.kind == "values" or "hours" in located.columns.values()):
        # a title's `单位：…` the importer cannot read would leave every value's unit unknown: refused, never ignored
        params = {"note": unread.note, "unit": unread.unreadable}
        return refuse_file(preview, Problem("title_unit_unknown", unread.row or None, None, unread.note, params))
    reading = None  # how its cadre ids were read, said once every problem is known
    if located.kind == "values":
        parse_values(preview, table, located, reference, kind, given_period)
    else:
        reading = _parse_plain(preview, table, KINDS[located.kind], reference, given_as_of)
    if preview.fatal:
        return preview
    check_duplicates(preview, table)
    check_rows(preview, reference)
    if reading is not None:  # of the rows that will be stored: after every problem, before they leave
        say_read_as_stored(preview, *reading)
    drop_rejected(preview)
    return preview


def check_rows(preview: Preview, reference: Reference, candidates: pd.DataFrame | None = None) -> None:
    """Checks of whole parsed rows that both import paths share (plausible bounds, see `plausibility`; a catalog's
    rows against the stored versions they change, see `catalog_changes`).
    `candidates`: the only rows that can fail, with the columns the checks need, in row order, where the caller
    found them in SQL (bulk_csv: ten million training rows need not come into memory to find a few)."""
    if preview.fatal or not preview.row_count:
        return
    needed = plausibility.columns_needed(preview.kind, preview.columns)
    if not needed:
        return
    rows = candidates if candidates is not None else preview.columns_of(needed)
    found = plausibility.out_of_bounds(rows, preview.kind, reference, preview.column_labels)
    for problem in found:
        problem.value = preview.as_written.get((problem.row, problem.column), problem.value)  # `150%`, not `150`
    preview.problems.extend(found)
    check_catalog(preview, reference)  # a catalog's rows against the stored versions they change
    # file-level problems first, then by row as the file has them (a row's cell problems before its bounds)
    preview.problems.sort(key=lambda p: (p.row is not None, p.row or 0))


def drop_rejected(preview: Preview) -> None:
    """With skip-invalid, every row named by a problem leaves the rows to import, and a note counts them."""
    if not preview.skip_invalid or not preview.problems or preview.fatal or not preview.has_rows:
        return
    preview.rejected_rows = {p.row for p in preview.problems if p.row is not None}
    if preview.staged is not None:
        preview.staged = preview.staged.without(preview.rejected_rows)
    else:
        preview.rows = preview.rows[~preview.rows["source_row"].isin(preview.rejected_rows)].reset_index(drop=True)
    preview.notes.append(Note("note_rejected", {"n": len(preview.rejected_rows)}))


def class_weight_column(peer_class: str) -> str:
    """The preview's column of one class's weights (分类考核): `weight:城区`."""
    return f"weight:{peer_class}"


def _class_weight_columns(preview: Preview, table: Table, spec: FileKind, reference: Reference) -> dict[int, str]:
    """A catalog's class weight columns (`权重（城区）`, file_kinds.class_weight_class): cell index -> class. A class
    the region list does not have refuses the file, naming the column and the classes it has: weights for a class
    nobody is in would silently never be used."""
    if spec.name != "indicators":
        return {}
    found = {i: name for i, text in enumerate(table.header) if (name := class_weight_class(text))}
    known = {name_key(c): c for c in reference.classes}
    for i, name in found.items():
        if name_key(name) not in known:
            key = "class_weight_unknown_class" if known else "class_weight_no_classes"
            refuse_file(
                preview,
                Problem(
                    key,
                    preview.header_row,
                    table.column_label(i),
                    None,
                    {"peer_class": name, "classes": "、".join(reference.classes)},
                ),
            )
        else:
            found[i] = known[name_key(name)]  # as the region list writes it
    return found


def _class_weight(preview: Preview, table: Table, position: int, i: int, number: int, changes: Changes) -> float | None:
    """One class weight cell: a number ≥ 0 (0 leaves the indicator out of the class), or None when blank. Read as
    the common 权重 is (a unit written in the cell is kept and said); the header's brackets name the class, not a
    unit."""
    raw = table.rows[position][i]
    label = table.column_label(i)
    try:
        raw = with_format_unit(raw, table.number_format(position, i))
        value = parse_cell(
            CLASS_WEIGHT_CELL, raw, table.number_format(position, i), european_marks=table.european_marks
        )
        if isinstance(value, Number):
            value = changes.to_unit(value, None, label, raw, number)
    except (CellError, units.UnitError) as e:
        preview.problems.append(Problem(e.key, number, label, problem_value(e, raw), e.params, cell_written(raw, e)))
        return None
    if value is None:  # 无: the class takes the common weight, as for a blank, and said (blank_markers)
        changes.read_as_blank(label, raw, number)
    if value is not None and value < 0:
        preview.problems.append(Problem("class_weight_negative", number, label, as_written(raw)))
        return None
    return value


CLASS_WEIGHT_CELL = Column("class_weight", ("权重",), "number", required=False)  # its own sign check, below


def _read_sub_columns(preview: Preview, located: Located, table: Table) -> bool:
    """Notes of the sub-columns taken (实际 / 完成值 by rule); False (the file refused) when a split column has
    no single actual sub-column, naming its sub-columns."""
    for top, subs, taken in located.sub_header.groups:
        named = [f"{text} ({column_letter(i)})" for i, text in subs]
        if taken is None:
            several = sum(name_key(text) in ACTUAL_SUBCOLUMNS for _, text in subs) > 1
            refuse_file(
                preview,
                Problem(
                    "subcolumns_two_actual" if several else "subcolumns_ambiguous",
                    preview.header_row + 1,
                    None,
                    None,
                    {"column": top, "subcolumns": named},
                ),
            )
        elif len(subs) > 1:
            chosen = next(text for i, text in subs if i == taken)
            preview.notes.append(Note("note_subcolumn_chosen", {"column": top, "chosen": chosen, "subcolumns": named}))
    return not preview.fatal


def note_rows_notes(rows: list[int], first_data: int | None, last_data: int | None) -> list[Note]:
    """The notes of the note rows skipped (注：…, 填表人：…: sheet_layout.row_role's footnotes; `rows`, in file
    order), named by where they lie: under the header (before the first data row `first_data`), among the data
    rows, or at the foot (after the last, `last_data`). Rows under the header were all called 表尾说明 (table-foot
    notes), which sent a clerk to look at the end of the sheet (a fresh tester's finding). Both import paths."""
    if first_data is None or last_data is None:
        under, among, foot = list(rows), [], []
    else:
        under = [r for r in rows if r < first_data]
        foot = [r for r in rows if r > last_data]
        among = [r for r in rows if first_data < r < last_data]
    found = (("note_notes_under_header", under), ("note_notes_among_rows", among), ("note_footnotes", foot))
    return [Note(key, {"rows": found_rows, "n": len(found_rows)}) for key, found_rows in found if found_rows]


def text_formula_notes(table: Table, written: dict[tuple[int, int], str]) -> list[Note]:
    """One note per column of the CSV cells written `="…"` (Excel's idiom to keep `0012` as text) that were read as
    the text inside the quotes (sheets.read_text): how many data rows, and the first one as written and as read
    (docs/decisions.md#text-kept-by-a-formula-in-a-csv). Cells of rows that are no data, and of columns without a
    header (refused as text outside it when they hold text), are not counted. The bulk path gives the same notes."""
    data_rows = set(table.row_numbers)
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (row, c), cell in written.items():  # in file order
        if row in data_rows and c < len(table.header) and clean_text(table.header[c]):
            found[c].append((row, cell))
    return [
        text_formula_note(table.column_label(c), len(cells), cells[0][0], cells[0][1])
        for c, cells in sorted(found.items())
    ]


def text_formula_note(column: str, n: int, row: int, written: str) -> Note:
    params = {"column": column, "n": n, "row": row, "example": one_line(written)}
    return Note("note_text_formula", {**params, "value": one_line(text_formula(written) or "")})


def _refuse_text_outside_header(preview: Preview, table: Table, located: Located) -> None:
    """A data row's text where the header has no column is refused, never dropped: in a CSV it is most often a
    number with an unquoted thousands separator (`1,480.2` read as 1 and 480.2), else a column without a header.
    Under a two-row header a blank top cell stands over a sub-column (学时 over 计划, 实际): only text beyond the
    header's width counts there. In a workbook or a web page's table no comma splits anything: a column without a
    header is not imported, and a note says so (docs/decisions.md#text-outside-the-header)."""
    unlabelled: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for number, outside in zip(table.row_numbers, table.beyond, strict=False):
        for c, text in outside:
            if located.sub_header and c < len(table.header):
                continue
            if not table.delimited:
                unlabelled[c].append((number, text))
                continue
            position = str(c + 1)  # a CSV's column is counted: it has no letter
            preview.problems.append(Problem("text_outside_header", number, None, text, {"position": position}))
    for c, cells in sorted(unlabelled.items()):
        row, example = cells[0]
        preview.notes.append(
            Note(
                "note_unlabelled_column", {"column": column_letter(c), "n": len(cells), "row": row, "example": example}
            )
        )


def read_given(preview: Preview, period: str | None, as_of: str | None) -> tuple | None:
    """(period, as_of) typed by the user, parsed; None (and a fatal problem) when either is not what it says."""
    given_period = None
    if period and period.strip():
        if (ambiguous := given_period_refusal(period)) is not None:
            refuse_file(preview, ambiguous)
            return None
        given_period = periods.parse_period(period)
        if given_period is None:
            refuse_file(preview, Problem("period_given_invalid", params={"value": period}))
            return None
    given_as_of = None
    if as_of and as_of.strip():
        try:
            given_as_of = parse_date(as_of)
        except CellError:
            given_as_of = None
        if given_as_of is None:
            refuse_file(preview, Problem("as_of_given_invalid", params={"value": as_of}))
            return None
    return given_period, given_as_of


def roster_title_as_of(preview: Preview, table: Table, has_column: bool, given_as_of):
    """The as-of date a roster's title states (title_as_of.TitleAsOf, or None), checked against the user's;
    without a column and without either, the file is refused. Returns (TitleAsOf or None, refused)."""
    title_as_of = read_title_as_of(table)
    if isinstance(title_as_of, Problem):
        refuse_file(preview, title_as_of)
        return None, True
    if refuse_as_of_against_title(preview, title_as_of and title_as_of.date, given_as_of):
        return None, True
    if not has_column:
        if title_as_of is None and given_as_of is None:
            filed = filed_dates(table)
            if filed:  # the title's only date is the day it was filled in: never taken for the as-of date
                refuse_file(preview, Problem("as_of_needed_filed", params={"filed": filed[0].isoformat()}))
            else:
                refuse_file(preview, Problem("as_of_needed"))
            return None, True
        preview.notes.append(as_of_note(title_as_of and title_as_of.date, given_as_of))
    return title_as_of, False


def _report_skipped_sheets(
    preview: Preview, sheets: list, located: Located, reference: Reference, kind: str | None
) -> bool:
    """The workbook's other sheets with content, said in the preview; False (the workbook refused) when another
    visible sheet holds data of the kind read (二季度 beside 三季度): one file imports one sheet, and which one is
    meant cannot be told (docs/decisions.md#several-data-sheets). A hidden sheet of that kind, or a sheet of
    another kind, is named as data not imported; any other sheet (instructions, notes) as a sheet skipped."""
    skipped = [s for s in sheets if s.is_workbook and s is not located.sheet and any(map(any, s.rows))]
    same, other, plain = [], [], []
    for sheet in skipped:
        found = None if is_instruction_sheet(sheet.name) else locate_header([sheet], reference, kind)
        if found is None or not _holds_data(found) or not _holds_values(found):
            plain.append(sheet.name)
        elif found.kind == located.kind and not sheet.hidden:
            same.append(sheet.name)
        else:
            other.append((sheet.name, found.kind))
    if same:
        refuse_file(
            preview, Problem("sheets_same_kind", params={"sheet": located.sheet.name, "others": same, "n": len(same)})
        )
        return False
    for name, found_kind in other:
        preview.notes.append(
            Note("note_sheet_data_skipped", {"sheet": name, "kind": ("i18n", _SHEET_KIND.get(found_kind, ""))})
        )
    if plain:
        preview.notes.append(Note("note_sheets_skipped", {"sheets": plain}))
    return True


def _holds_data(found: Located) -> bool:
    """A header that names its kind's data, not only a 县区 column beside others (which a wide score sheet may be,
    and an instructions sheet's `县区 | 说明` too): a file kind's required columns, or for scores and welfare an
    indicator column or at least one column named by an indicator."""
    return found.kind != "values" or "indicator" in found.columns.values() or bool(found.wide_indicators)


def _holds_values(found: Located) -> bool:
    """Whether a sheet of scores or welfare values has a row below its header with a number in a value column
    (an instructions sheet's `必填，如2026Q4 | 必填 | 代码或名称 | 数字` has none); a sheet of another kind, whether
    it has a data row."""
    columns = [i for i, name in found.columns.items() if name == "value"] + list(found.wide_indicators)
    seen = False
    for row in found.sheet.rows[found.header_row + found.header_rows :]:  # stops at the first value: a big sheet
        role = row_role([clean_text(c) for c in row[: len(found.header)]], data_seen=seen)
        if role != "data":
            continue
        if found.kind != "values":
            return True
        seen = True
        for i in columns:
            try:
                if i < len(row) and parse_number(row[i]) is not None:
                    return True
            except CellError:
                continue
    return False


_SHEET_KIND = {k: f"kind_{k}" for k in KINDS} | {"values": "sheet_kind_values"}


def imported_hidden_columns(located: Located, table: Table) -> list[str]:
    """The labels of the columns hidden in Excel that the file's header reads (a field or an indicator): they
    import like any other, but the clerk did not see them when checking the sheet (docs/decisions.md#hidden-rows)."""
    ranges = getattr(located.sheet, "hidden_columns", ())
    if not ranges:
        return []
    read = sorted({*located.columns, *located.wide_indicators})
    return [table.column_label(i) for i in read if any(first <= i <= last for first, last in ranges)]


def _header_of_another_kind(sheets: list, reference: Reference, kind: str) -> Located | None:
    """The header the file has when it is not one of the kind chosen (`kind`) but of another (a roster uploaded as
    training records), or None. The refusal said the header looked like the chosen kind's and listed seven columns
    it lacked (a fresh tester's finding): it names the kind the header matches, and that the choice differs. Scores
    and welfare are one layout (`values`): which of them a file holds its indicators tell, and a choice that
    contradicts them is refused as `kind_mismatch`."""
    other = locate_header(sheets, reference, None)
    if other is None or other.kind == kind or (other.kind == "values" and kind in VALUE_KINDS):
        return None
    return other


def _no_header_problem(kind: str | None, near: NearHeader | None) -> Problem:
    """What a file without a recognisable header is told: the columns its nearest header row lacks (a training
    file without 学时), else every required column of the kind chosen, else examples of the columns sought."""
    if near is not None and near.missing:
        return Problem(
            "no_header_near",
            row=near.row,
            params={"kind": ("i18n", f"kind_{near.kind}"), "missing": list(near.missing)},
        )
    if kind is None:
        return Problem("no_header", params={"expected": ["县区", "考核期", "指标", "干部编号", "培训项目", "指标代码"]})
    spec = KINDS[kind]
    return Problem(
        "no_header_kind",
        params={"kind": ("i18n", f"kind_{kind}"), "missing": [c.aliases[0] for c in spec.columns if c.required]},
    )


# ---------------------------------------------------------------- plain (one row, one record) kinds


class IdReading(NamedTuple):
    """How a file's cadre ids were read (cadre_ids.read_as_stored): said once every problem is known, of the rows
    that will be stored (cadre_ids.say_read_as_stored)."""

    column: str
    spellings: Spellings
    ids: list  # as read, one per data row (None where refused)
    rows: list[int]


def _parse_plain(preview: Preview, table: Table, spec: FileKind, reference: Reference, given_as_of) -> IdReading | None:
    """The rows of a file of one kind other than values into `preview`; how its cadre ids were read (None
    without a 干部编号 column or when the file was refused before its rows were read)."""
    located_cols = match_header(spec, table.header)
    class_columns = _class_weight_columns(preview, table, spec, reference)
    twins = twin_columns(spec, table.header)
    extra = [
        table.header[i]
        for i, h in enumerate(table.header)
        if h and i not in located_cols and i not in class_columns and i not in twins
    ]
    if extra:
        preview.notes.append(Note("note_extra_columns", {"columns": extra}))
    index_of = {name: i for i, name in located_cols.items()}
    preview.column_labels.update({name: table.column_label(i) for name, i in index_of.items()})
    preview.column_labels.update(
        {class_weight_column(name): table.column_label(i) for i, name in class_columns.items()}
    )
    for name, i in index_of.items():
        if spec.column(name).parse == "number":
            refuse_unknown_bracket(preview, table, i, hours=name == "hours")
            refuse_column_unit_conflicts(preview, table, [i], title=False, hours=name == "hours")
    compare_twins(preview, table, spec, located_cols, twins)
    if preview.fatal:
        return
    records: dict[str, list] = {c: [] for c in STORED_COLUMNS[spec.name]}
    records.update({class_weight_column(name): [] for name in class_columns.values()})
    records["source_row"] = []
    names = NameMatcher(reference.regions) if spec.name != "regions" else None
    changes = Changes(hours_per_day(reference))
    digits_lost: dict[int, list[tuple[int, str]]] = defaultdict(list)

    title_as_of = None
    if spec.name == "roster":
        title_as_of, refused = roster_title_as_of(preview, table, "as_of" in index_of, given_as_of)
        if refused:
            return
    as_of_column = AsOfColumn(index_of.get("as_of"), preview.column_labels.get("as_of", ""), title_as_of, given_as_of)

    for position, (row, number) in enumerate(zip(table.rows, table.row_numbers, strict=False)):
        record: dict[str, object] = {}
        for col in spec.columns:
            i = index_of.get(col.name)
            if i is None:
                record[col.name] = None
                continue
            label = table.column_label(i)
            raw = row[i]
            try:
                if col.parse == "number":
                    raw = with_format_unit(raw, table.number_format(position, i))
                value = parse_cell(col, raw, table.number_format(position, i), table.date1904, table.european_marks)
                if isinstance(value, Number):
                    value = changes.to_unit(
                        value,
                        _plain_target_unit(spec, col, record),
                        label,
                        raw,
                        number,
                        strict=column_unit(table, i, hours=col.name == "hours"),
                        stated=tuple(header_units(table, i, title=False, hours=col.name == "hours")),
                    )
                elif col.parse in ("text", "name", "code"):
                    changes.text(label, row[i], value, table.number_format(position, i), row=number)
                elif col.parse == "period":
                    changes.period(label, row[i], value, table.number_format(position, i), row=number)
                elif col.parse == "enum":
                    changes.choice(label, row[i], col.choices, value, row=number)
                elif value is not None and (day := serial_date(col, row[i], table.date1904)) is not None:
                    changes.serial(label, row[i], day, number)
                elif col.parse == "year" and value is not None:  # 1977.03 kept as 1977: said
                    changes.year_only(label, row[i], value, number)
                if col.parse in FULL_WIDTH_SAID:  # ２０２６/１１/０３ read as 2026/11/03: said
                    changes.full_width(label, row[i], value, number)
                if value is None:  # 无 under 目标值 or 政治面貌: read as blank, and said (blank_markers)
                    changes.read_as_blank(label, row[i], number)
            except CellError as e:
                if e.key == "id_digits_lost":
                    digits_lost[i].append((number, as_written(row[i])))
                else:
                    written = cell_written(raw, e)
                    preview.problems.append(Problem(e.key, number, label, problem_value(e, raw), e.params, written))
                value = None
            except units.UnitError as e:
                written = cell_written(raw, e)
                preview.problems.append(Problem(e.key, number, label, problem_value(e, raw), e.params, written))
                value = None
            record[col.name] = value
        for i, name in class_columns.items():  # blank: the class takes the common weight
            record[class_weight_column(name)] = _class_weight(preview, table, position, i, number, changes)
        if spec.name == "roster":
            record["as_of"] = as_of_column.read(record.get("as_of"), row, number)
            if record["as_of"] is None and "as_of" in index_of:
                preview.problems.append(Problem("required", number, table.column_label(index_of["as_of"]), ""))
        if spec.name == "indicators":
            if record.get("domain") == "race" and not record.get("track"):
                i = index_of.get("track", index_of["domain"])
                preview.problems.append(Problem("track_required", number, table.column_label(i), as_written(row[i])))
            record["effective_from"] = record.get("effective_from") or ""
        if spec.name == "regions":
            record["township"] = record.get("township") or ""
        if names and "county" in index_of and record.get("county"):
            i = index_of["county"]
            record["county"] = matched_place(
                preview, names.county(record["county"]), number, table.column_label(i), row[i]
            )
        for c in records:
            if c != "source_row":
                records[c].append(record.get(c))
        records["source_row"].append(number)
    for i, found in digits_lost.items():
        refuse_lost_digits(preview, table.column_label(i), found)
    if names:
        report_accepted_names(preview, names)
    as_of_column.finish(preview)
    preview.notes.extend(changes.notes())
    reading = None
    if "cadre_id" in index_of:  # `lz000001` read as the roster's `LZ000001`, before duplicates are judged
        label = preview.column_labels["cadre_id"]
        ids, rows = records["cadre_id"], list(records["source_row"])
        records["cadre_id"], spellings = read_as_stored(spec.name, ids, reference)
        reading = IdReading(label, spellings, ids, rows)
        i = index_of["cadre_id"]
        for position, (row, stored) in enumerate(zip(rows, records["cadre_id"], strict=True)):
            if stored is not None and (written := as_written(table.rows[position][i])) != stored:
                preview.as_written[(row, label)] = written  # a refusal quotes `lz000717`, not LZ000717
    preview.as_written.update(changes.as_written)
    preview.rows = pd.DataFrame(records)
    for col in spec.columns:  # whole years stay whole where a refused cell left a gap (2025, not 2025.0)
        if col.parse in ("year", "appraisal_year") and col.name in preview.rows:
            preview.rows[col.name] = preview.rows[col.name].astype("Int64")
    return reading


def _plain_target_unit(spec: FileKind, col: Column, record: dict) -> str | None:
    """The unit a number column of a record file is stored in: 学时 for training hours, the row's own unit for a
    catalog target; None where any unit is kept as written and reported (a weight is a relative share)."""
    if col.name == "hours":
        return units.HOURS
    if spec.name == "indicators" and col.name != "weight":
        return record.get("unit") or ""
    return None


def refuse_lost_digits(preview: Preview, column: str, found: list[tuple[int, str]]) -> None:
    """Ids that lost digits refuse the whole file: which two people now share an id cannot be known."""
    preview.fatal = True
    preview.problems.append(
        Problem(
            "id_digits_lost",
            found[0][0],
            column,
            found[0][1],
            {"n": len(found), "rows": [row for row, _ in found[:10]]},
        )
    )
