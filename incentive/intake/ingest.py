"""From (file name, bytes) to a preview: normalized rows of one kind, and every problem located.

Pure: no database, no Streamlit. The UI and the CLI both call `parse_file`, show the `Preview`, and hand an
accepted preview to `store.batches.import_preview`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from incentive import periods
from incentive.intake import plausibility, units
from incentive.intake.cell_parsing import (
    parse_cell,
    serial_date,
    with_format_unit,
)
from incentive.intake.cell_values import (
    CellError,
    Number,
    as_written,
    clean_text,
    find_date,
    footnote_mark,
    is_missing,
    name_key,
    one_line,
    parse_date,
    parse_number,
    problem_value,
    text_formula,
)
from incentive.intake.changes import Changes, hours_per_day
from incentive.intake.column_twins import compare_twins, twin_differ_problem, twin_labels
from incentive.intake.duplicate_rows import check_duplicates
from incentive.intake.file_kinds import (
    DOMAIN_OF_KIND,
    KINDS,
    STORED_COLUMNS,
    VALUE_KINDS,
    VALUE_UNIT_COLUMN,
    WIDE_IGNORED,
    Column,
    FileKind,
    class_weight_class,
    match_header,
    strip_unit,
    twin_columns,
)
from incentive.intake.indicator_names import IndicatorNames, catalog_entry, indicator_twin_problem
from incentive.intake.number_formats import (
    fifteen_digits,
    is_percent_format,
)
from incentive.intake.place_names import NameMatcher, suggest
from incentive.intake.preview import Note, Preview, Problem, Reference, refuse_file
from incentive.intake.sheet_layout import (
    ACTUAL_SUBCOLUMNS,
    Located,
    NearHeader,
    Table,
    bracket_unit,
    indicator_lookup,
    is_instruction_sheet,
    locate_header,
    nearest_header,
    row_role,
    unknown_bracket,
)
from incentive.intake.sheets import UnreadableFile, column_letter, read_sheets
from incentive.intake.stated_units import (
    StatedUnit,
    column_unit,
    header_units,
    refuse_column_unit_conflicts,
    refuse_unknown_bracket,
    unit_place,
    value_unit_columns,
)

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
    if located.sub_header and not _read_sub_columns(preview, located, table):
        return preview
    totals, footnotes = table.drop_non_data_rows()
    if totals:
        preview.notes.append(Note("note_total_rows", {"rows": totals, "n": len(totals)}))
    if footnotes:
        preview.notes.append(Note("note_footnotes", {"rows": footnotes, "n": len(footnotes)}))
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
    if located.kind == "values":
        _parse_values(preview, table, located, reference, kind, given_period)
    else:
        _parse_plain(preview, table, KINDS[located.kind], reference, given_as_of)
    if preview.fatal:
        return preview
    check_duplicates(preview, table)
    check_rows(preview, reference)
    drop_rejected(preview)
    return preview


def check_rows(preview: Preview, reference: Reference, candidates: pd.DataFrame | None = None) -> None:
    """Checks of whole parsed rows that both import paths share (plausible bounds, see `plausibility`).
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
        preview.problems.append(Problem(e.key, number, label, problem_value(e, raw), e.params))
        return None
    if value is not None and value < 0:
        preview.problems.append(Problem("class_weight_negative", number, label, clean_text(raw)))
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


def roster_title_as_of(preview: Preview, title: str, has_column: bool, given_as_of):
    """The snapshot date a roster's rows fall back on (title, else the user's); without a column and without
    either, the file is refused. Returns (date or None, refused)."""
    title_as_of = find_date(title)
    if not has_column:
        as_of = title_as_of or given_as_of
        if as_of is None:
            refuse_file(preview, Problem("as_of_needed"))
            return None, True
        preview.notes.append(
            Note(
                "note_as_of",
                {
                    "as_of": as_of.isoformat(),
                    "source": ("i18n", "note_as_of_title" if title_as_of else "note_as_of_given"),
                },
            )
        )
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


def _parse_plain(preview: Preview, table: Table, spec: FileKind, reference: Reference, given_as_of) -> None:
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
        title_as_of, refused = roster_title_as_of(preview, table.title, "as_of" in index_of, given_as_of)
        if refused:
            return

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
                    changes.text(label, row[i], value, table.number_format(position, i))
                elif col.parse == "period":
                    changes.period(label, row[i], value, table.number_format(position, i))
                elif col.parse == "enum":
                    changes.choice(label, row[i], col.choices, value)
                elif value is not None and (day := serial_date(col, row[i], table.date1904)) is not None:
                    changes.serial(label, row[i], day, number)
            except CellError as e:
                if e.key == "id_digits_lost":
                    digits_lost[i].append((number, clean_text(row[i])))
                else:
                    preview.problems.append(Problem(e.key, number, label, problem_value(e, raw), e.params))
                value = None
            except units.UnitError as e:
                preview.problems.append(Problem(e.key, number, label, problem_value(e, raw), e.params))
                value = None
            record[col.name] = value
        for i, name in class_columns.items():  # blank: the class takes the common weight
            record[class_weight_column(name)] = _class_weight(preview, table, position, i, number, changes)
        if spec.name == "roster" and record.get("as_of") is None:
            record["as_of"] = title_as_of or given_as_of
            if record["as_of"] is None and "as_of" in index_of:
                preview.problems.append(Problem("required", number, table.column_label(index_of["as_of"]), ""))
        if spec.name == "indicators":
            if record.get("domain") == "race" and not record.get("track"):
                i = index_of.get("track", index_of["domain"])
                preview.problems.append(Problem("track_required", number, table.column_label(i), clean_text(row[i])))
            record["effective_from"] = record.get("effective_from") or ""
        if spec.name == "regions":
            record["township"] = record.get("township") or ""
        if names and "county" in index_of and record.get("county"):
            record["county"] = _place(
                preview, names.county(record["county"]), number, table.column_label(index_of["county"])
            )
        for c in records:
            if c != "source_row":
                records[c].append(record.get(c))
        records["source_row"].append(number)
    for i, found in digits_lost.items():
        refuse_lost_digits(preview, table.column_label(i), found)
    if names:
        report_accepted_names(preview, names)
    preview.notes.extend(changes.notes())
    preview.as_written.update(changes.as_written)
    preview.rows = pd.DataFrame(records)
    for col in spec.columns:  # whole years stay whole where a refused cell left a gap (2025, not 2025.0)
        if col.parse in ("year", "appraisal_year") and col.name in preview.rows:
            preview.rows[col.name] = preview.rows[col.name].astype("Int64")


def _quoted(texts) -> tuple[str, dict[str, str]]:
    """Header texts as a message lists them: 「数值」、「得分」 / “数值”, “得分”."""
    return ("by_lang", {"zh": "、".join(f"「{x}」" for x in texts), "en": ", ".join(f"“{x}”" for x in texts)})


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


def _whole(value: float) -> bool:
    """A whole number as Excel shows it, to 15 significant digits: a workbook's 3.0000000000000004 (a formula's
    binary noise) is the 3 the clerk saw."""
    return float(fifteen_digits(value)).is_integer()


# ---------------------------------------------------------------- race scores and welfare values


class _ValueCell(NamedTuple):
    """One indicator value as read, before its number is parsed."""

    row: int
    county: str | None
    township: str | None
    period: str | None
    indicator: str  # catalog code
    raw: object
    column: int | None  # index of the value's column
    number_format: str | None = None  # Excel's, for a numeric cell
    # units stated for this value outside its cell: its column header, a unit row, the indicator's name, a long
    # file's unit column; a title and a long file's value header (`whole_file`: same-family only)
    stated: tuple[StatedUnit, ...] = ()


def _parse_values(
    preview: Preview, table: Table, located: Located, reference: Reference, kind: str | None, given_period: str | None
) -> None:
    """Race scores and welfare values, long (one value a row) or wide (one indicator a column)."""
    if not reference.indicators:
        preview.fatal = True
        preview.problems.append(Problem("catalog_first"))
        return
    index_of = {name: i for i, name in located.columns.items()}
    title_period = periods.find_period(table.title) if table.title else None
    fixed_period = _fixed_period(preview, "period" in index_of, title_period, given_period)
    wide = bool(located.wide_indicators) or "indicator" not in index_of
    preview.column_labels.update({name: table.column_label(i) for name, i in index_of.items()})
    if wide:
        _check_wide_columns(preview, table, located, reference)
    elif "value" not in index_of:
        # One indicator a row and no column of values: every value would read as blank, and importing would blank
        # the stored ones of those indicators and periods (a value column headed 完成情况, which is no name of it,
        # did just that: review of 2026-12-05). Refused, naming the headers it may have and the columns not read.
        others = [
            clean_text(text) for i, text in enumerate(table.header) if i not in located.columns and clean_text(text)
        ]
        params = {"names": _quoted(KINDS["race_scores"].column("value").aliases[:-1]), "others": _quoted(others)}
        refuse_file(
            preview,
            Problem("value_column_missing" + ("_others" if others else ""), preview.header_row, None, None, params),
        )
        return
    indicator_twins: dict[int, int] = {}
    if not wide:  # a wide file lists its columns that are not indicators (_check_wide_columns)
        # a second value column (得分 beside 数值) is compared with the first, as two 学时 are; a second indicator
        # column (指标名称 beside 指标代码) is compared by the indicator each cell names (indicator_twin_problem);
        # a second 县区 is named with the columns not imported (decisions: Two columns for one field)
        spec = KINDS["race_scores"]
        all_twins = twin_columns(spec, table.header)
        twins = {i: first for i, first in all_twins.items() if located.columns.get(first) == "value"}
        indicator_twins = {i: first for i, first in all_twins.items() if located.columns.get(first) == "indicator"}
        unit_columns = value_unit_columns(table, located)
        extra = [
            clean_text(text)
            for i, text in enumerate(table.header)
            if i not in located.columns
            and i not in twins
            and i not in indicator_twins
            and i not in unit_columns
            and clean_text(text)
        ]
        if extra:
            preview.notes.append(Note("note_extra_columns", {"columns": extra}))
        compare_twins(preview, table, spec, located.columns, twins)
    names_and_codes = indicator_lookup(reference)
    for i in [*located.wide_indicators, index_of.get("value")]:
        if i is not None and name_key(table.header[i]) not in names_and_codes:
            refuse_unknown_bracket(preview, table, i)
    number_columns = [i for i in [*sorted(located.wide_indicators), index_of.get("value")] if i is not None]
    refuse_column_unit_conflicts(preview, table, number_columns)
    if preview.fatal:
        return
    cells = _value_cells(
        preview, table, located, reference, index_of, fixed_period, title_period, wide, indicator_twins
    )
    by_code = {ind["code"]: ind for ind in reference.indicators}
    preview.kind = _value_kind(preview, cells, by_code, kind)
    values = _parse_value_cells(preview, table, cells, reference)
    _refuse_before_first_version(preview, table, cells, reference)
    preview.rows = pd.DataFrame(
        {
            "domain": [by_code[c.indicator]["domain"] for c in cells],
            "period": [c.period for c in cells],
            "county": [c.county for c in cells],
            "township": [c.township or "" for c in cells],
            "indicator": [c.indicator for c in cells],
            "value": values,
            "source_row": [c.row for c in cells],
        }
    )
    preview.indicator_names = {
        (code, period): catalog_entry(reference, code, period).get("name") or code
        for code, period in {(c.indicator, c.period) for c in cells}
    }
    _note_periods_not_over(preview, {c.period for c in cells if c.period}, dt.date.today())


def _refuse_before_first_version(preview: Preview, table: Table, cells: list[_ValueCell], reference: Reference) -> None:
    """A value of a period before every version of its indicator (R1 生效起始期 2025, a 2024-Q4 value) is refused:
    no catalog is in force for it, so scoring would leave it out without a word (docs/decisions.md#catalog-versions).
    A version without 生效起始期 is in force from the beginning."""
    first: dict[str, dt.date] = {}
    names: dict[str, tuple[str, str]] = {}
    for version in reference.indicators:
        begins = periods.bounds(version["effective_from"])[0] if version.get("effective_from") else dt.date.min
        if version["code"] not in first or begins < first[version["code"]]:
            first[version["code"]] = begins
            names[version["code"]] = (version["name"], version.get("effective_from") or "")
    for cell in cells:
        begins = first.get(cell.indicator)
        if cell.period is None or begins is None or begins == dt.date.min or is_missing(cell.raw):
            continue  # a blank (or 无, —) of the new indicator's column in a back period asks nothing of it
        if periods.bounds(cell.period)[0] < begins:
            name, since = names[cell.indicator]
            column = table.column_label(cell.column) if cell.column is not None else None
            preview.problems.append(
                Problem(
                    "indicator_not_yet_in_force",
                    cell.row,
                    column,
                    clean_text(cell.raw),
                    {"indicator": name, "period": cell.period, "since": since},
                )
            )


def _note_periods_not_over(preview: Preview, found: set[str], today: dt.date) -> None:
    """A period not over on `today` (2026-Q4 sent on 6 December) is imported as sent, and said: its values are a
    period's figures so far, and they rank and judge like final ones once imported (a fresh user's review)."""
    running = sorted((p for p in found if periods.bounds(p)[1] >= today), key=lambda p: periods.bounds(p))
    if running:
        preview.notes.append(Note("note_period_not_over", {"periods": "、".join(running), "today": today.isoformat()}))


def _fixed_period(preview: Preview, has_column: bool, title_period: str | None, given_period: str | None) -> str | None:
    """The period for every row, from the user or the title; refuses when they disagree or none exists."""
    if title_period and given_period and title_period != given_period:
        preview.fatal = True
        preview.problems.append(
            Problem(
                "period_conflict",
                params={"title": title_period, "other": ("i18n", "period_conflict_given"), "given": given_period},
            )
        )
        return None
    fixed = given_period or title_period
    if not has_column:
        if fixed is None:
            preview.fatal = True
            preview.problems.append(Problem("period_needed"))
        else:
            preview.notes.append(
                Note("note_period_given" if given_period else "note_period_from_title", {"period": fixed})
            )
    return fixed


def _check_wide_columns(preview: Preview, table: Table, located: Located, reference: Reference) -> None:
    """Known non-indicator columns are listed and ignored; unknown indicator columns refuse the file (a column,
    not a row: skipping invalid rows must not drop it silently). Repeated ones are found by the period of each row
    (`_refuse_wide_columns`): what a header names may change with the period."""
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
    for i in unknown:
        if name_key(table.header[i]) in unit_names:  # one unit a row cannot say which indicator it is of
            preview.problems.append(Problem("unit_column_in_wide", preview.header_row, table.column_label(i)))
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


def _value_cells(
    preview, table, located, reference, index_of, fixed_period, title_period, wide, indicator_twins=None
) -> list[_ValueCell]:
    """One `_ValueCell` a value. `indicator_twins` (a long file's later indicator columns -> the indicator column):
    each row's cell in each is checked against the indicator read (`indicator_twin_problem`)."""
    indicator_twins = indicator_twins or {}
    named_by = IndicatorNames(reference)
    differing: set[int] = set()  # the indicator twins that differ on some row
    wide_found = _WideColumns(per_row="period" in index_of)
    cells: list[_ValueCell] = []
    changes = Changes()
    names = NameMatcher(reference.regions)
    lookup = indicator_lookup(reference)
    spellings = [ind["name"] for ind in reference.indicators] + [ind["code"] for ind in reference.indicators]
    spec = KINDS["race_scores"]
    value_column = index_of.get("value")
    file_units = tuple(header_units(table, value_column, whole_file=True)) if value_column is not None else ()
    unit_columns = [] if wide else value_unit_columns(table, located)
    for position, (row, number) in enumerate(zip(table.rows, table.row_numbers, strict=False)):
        county, township, period = _row_place_and_period(
            preview, table, position, index_of, names, spec, fixed_period, title_period, changes
        )
        if wide:
            cells += _wide_row_cells(
                preview, table, located, named_by, position, (county, township, period), wide_found
            )
            continue
        i = index_of["indicator"]
        raw = clean_text(row[i])
        changes.text(table.column_label(i), row[i], raw)
        found = named_by.resolve(raw, period)
        mark = footnote_mark(row[i])
        if mark is not None and (not found.codes or any(name_key(code) == found.key for code in found.codes)):
            # `R0①` read as the code R01, `营商环境评价得分①` as no name: a footnote mark (decisions: Footnote marks in
            # cells). A name that matches with it (`PM₂.₅浓度`) is that name.
            params = {"mark": mark, "read": raw}
            preview.problems.append(Problem("footnote_mark", number, table.column_label(i), as_written(row[i]), params))
            continue
        if not found.codes:
            suggestion = suggest(raw, spellings) if raw else None
            preview.problems.append(
                Problem(
                    "unknown_indicator" if raw else "required",
                    number,
                    table.column_label(i),
                    raw,
                    {"suggestion": suggestion} if suggestion else {},
                )
            )
            continue
        inner = unknown_bracket(raw) if name_key(raw) not in lookup else ""
        if inner:
            preview.problems.append(
                Problem("unit_unknown_indicator", number, table.column_label(i), raw, {"inner": inner})
            )
            continue
        if len(found.codes) > 1:  # a name several indicators bore, before a code: the code says which, as after it
            told = {
                named_by.resolve(clean_text(row[tw] if tw < len(row) else None), period).code for tw in indicator_twins
            }
            if len(told & found.codes) == 1:
                found = found._replace(codes=frozenset(told & found.codes))
        ambiguous = named_by.refusal(raw, period, found, number, table.column_label(i), raw)
        if ambiguous is not None:
            if period is not None:  # without one, the row is refused for its period cell already
                preview.problems.append(ambiguous)
            continue
        code = found.code
        unit = bracket_unit(raw)
        unit_name = raw
        refused = False
        for twin in indicator_twins:
            problem, twin_unit = indicator_twin_problem(table, named_by, row, number, i, twin, code, period)
            if problem is None and twin_unit and unit and twin_unit != unit:  # 招商引资额（万元）, （亿元）
                problem = twin_differ_problem(table, row, number, i, twin)
            if problem is not None:
                preview.problems.append(problem)
                refused = True
                differing.add(twin)
            if not unit and twin_unit:  # a unit the name column's cell declares: 招商引资额（万元） beside R01
                unit, unit_name = twin_unit, clean_text(row[twin] if twin < len(row) else None)
        if refused:
            continue
        stated = [StatedUnit(unit, unit_place("unit_place_indicator", name=unit_name))] if unit else []
        for u in unit_columns:
            written = clean_text(row[u] if u < len(row) else None)
            if written:
                place = unit_place("unit_place_unit_column", column=table.column_label(u))
                label = table.column_label(u)
                stated.append(StatedUnit(units.normalize_unit(written), place, column=label, written=written))
        for text in [raw, *(clean_text(row[twin] if twin < len(row) else None) for twin in indicator_twins)]:
            if not named_by.resolve(text, period).in_force:  # a name of other times, read as `code`: said
                named_by.count_old_name(text, code, period)
        cells.append(
            _ValueCell(
                number,
                county,
                township,
                period,
                code,
                None if value_column is None else row[value_column],
                value_column,
                None if value_column is None else table.number_format(position, value_column),
                (*stated, *file_units),
            )
        )
    _refuse_wide_columns(preview, wide_found)
    for twin, first in indicator_twins.items():
        if twin not in differing:
            first_label, twin_label = twin_labels(table, first, twin)
            preview.notes.append(Note("note_indicator_columns_same", {"column": first_label, "other": twin_label}))
    preview.notes.extend(named_by.notes())
    report_accepted_names(preview, names)
    preview.notes.extend(changes.notes())
    return cells


@dataclass
class _WideColumns:
    """What a wide file's indicator headers were found to name over its rows: each header is read by the period
    of each row (`IndicatorNames.resolve`), so what a column is may change from row to row."""

    per_row: bool  # a period column: a header that names no one indicator is refused on each row it does so
    refused: dict[int, Problem] = field(default_factory=dict)  # fixed period: column -> its problem, at the header
    same: dict[int, tuple[str, str]] = field(default_factory=dict)  # column -> (its label, an earlier one's) of one
    # indicator


def _wide_row_cells(
    preview: Preview, table: Table, located: Located, named_by: IndicatorNames, position: int, place: tuple, found
) -> list[_ValueCell]:
    """One wide row's values, each header read as the indicator it names at the row's period."""
    county, township, period = place
    row, number = table.rows[position], table.row_numbers[position]
    taken: dict[str, int] = {}
    out = []
    for i in sorted(located.wide_indicators):
        text, label = table.header[i], table.column_label(i)
        resolved = named_by.resolve(text, period)
        code = resolved.code
        if code is None:
            if period is None:  # the row is refused for its period cell already
                continue
            at = number if found.per_row else preview.header_row
            problem = named_by.refusal(text, period, resolved, at, label, None)
            if problem is None:  # no indicator at all: locate_header found the column by the same lookup
                problem = Problem("unknown_indicator_column", at, label)
            if found.per_row:
                preview.problems.append(problem)
            else:
                found.refused.setdefault(i, problem)
            continue
        if code in taken:  # two headers of one indicator at this period (R01 and 招商引资额)
            found.same.setdefault(i, (label, table.column_label(taken[code])))
            continue
        taken[code] = i
        if not resolved.in_force:
            named_by.count_old_name(text, code, period)
        preview.column_labels[f"indicator:{code}@{period}"] = label
        out.append(
            _ValueCell(
                number,
                county,
                township,
                period,
                code,
                row[i] if i < len(row) else None,
                i,
                table.number_format(position, i),
                tuple(header_units(table, i)),
            )
        )
    return out


def _refuse_wide_columns(preview: Preview, found: _WideColumns) -> None:
    """A wide header that names no one indicator at the file's one period, or two headers of one indicator at
    some row's period, refuse the file (a column, not a row: skipping invalid rows must not drop it silently)."""
    problems = [found.refused[i] for i in sorted(found.refused)]
    for _, (label, other) in sorted(found.same.items()):
        problems.append(Problem("duplicate_indicator_column", preview.header_row, label, None, {"other": other}))
    if problems:
        preview.problems.extend(problems)
        preview.fatal = True


def _value_kind(preview: Preview, cells: list[_ValueCell], by_code: dict, kind: str | None) -> str:
    """race_scores or welfare, from the indicators' domain; a file mixing both, or contradicting the kind the
    user named, is refused."""
    domains = {by_code[c.indicator]["domain"] for c in cells}
    if kind in VALUE_KINDS:
        for code in sorted({c.indicator for c in cells}):
            if by_code[code]["domain"] != DOMAIN_OF_KIND[kind]:
                actual = "welfare" if by_code[code]["domain"] == "welfare" else "race_scores"
                preview.fatal = True
                preview.problems.append(
                    Problem(
                        "kind_mismatch",
                        params={
                            "indicator": by_code[code]["name"],
                            "actual": ("i18n", f"kind_{actual}"),
                            "kind": ("i18n", f"kind_{kind}"),
                        },
                    )
                )
        return kind
    if len(domains) > 1:

        def names_in(domain: str) -> list[str]:
            return sorted({by_code[c.indicator]["name"] for c in cells if by_code[c.indicator]["domain"] == domain})

        preview.fatal = True
        preview.problems.append(
            Problem("mixed_domains", params={"race": names_in("race")[:5], "welfare": names_in("welfare")[:5]})
        )
    return "welfare" if domains == {"welfare"} else "race_scores"


def _row_place_and_period(preview, table, position, index_of, names, spec, fixed_period, title_period, changes):
    row, number = table.rows[position], table.row_numbers[position]
    place = {}
    for name in ("county", "township", "period"):
        i = index_of.get(name)
        if i is None:
            place[name] = None
            continue
        number_format = table.number_format(position, i)
        try:
            place[name] = parse_cell(spec.column(name), row[i], number_format)
            if name == "period":
                changes.period(table.column_label(i), row[i], place[name], number_format)
            else:
                changes.text(table.column_label(i), row[i], place[name], number_format)
        except CellError as e:
            preview.problems.append(Problem(e.key, number, table.column_label(i), problem_value(e, row[i]), e.params))
            place[name] = None
    period = place["period"] or fixed_period
    if place["period"] and title_period and place["period"] != title_period:
        preview.fatal = True  # the title and the column disagree about the whole file (docs/decisions.md#wide-files)
        preview.problems.append(
            Problem(
                "period_conflict",
                number,
                table.column_label(index_of["period"]),
                place["period"],
                {"title": title_period, "other": ("i18n", "period_conflict_column"), "given": place["period"]},
            )
        )
    county = place["county"]
    if county:
        county = _place(preview, names.county(county), number, table.column_label(index_of["county"]))
    township = place["township"]
    if township and county:
        township = _place(preview, names.township(county, township), number, table.column_label(index_of["township"]))
    return county, township, period


def _place(preview: Preview, match, row: int, column: str) -> str:
    if match.error:
        preview.problems.append(Problem(match.error, row, column, match.name, match.params))
    return match.name


def report_accepted_names(preview: Preview, names: NameMatcher) -> None:
    for (given, matched), n in sorted(names.accepted.items()):
        preview.notes.append(Note("note_name_fixed", {"given": given, "matched": matched, "n": n}))


def _parse_value_cells(preview: Preview, table: Table, cells: list[_ValueCell], reference: Reference) -> list:
    """Each cell's number in its indicator's catalog unit: units typed in cells, headers, unit rows or the title
    are converted when exact and refused otherwise; Excel percent cells are read as the percent they showed.
    Values of a % indicator that all look like fractions but carry no percent format are kept, with a warning
    (docs/decisions.md#percent-cells: never guess from the values)."""
    changes = Changes(hours_per_day(reference))
    values: list[float | None] = []
    plain: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
    marked: dict[str, list[float]] = defaultdict(list)  # the other values, in the catalog unit (92% as 92)
    entry_of: dict[tuple, dict] = {}
    for cell in cells:
        label = table.column_label(cell.column) if cell.column is not None else ""
        key = (cell.indicator, cell.period)
        if key not in entry_of:
            entry_of[key] = catalog_entry(reference, cell.indicator, cell.period)
        entry = entry_of[key]
        target = entry.get("unit") or ""
        raw = cell.raw
        unreadable = _unreadable_row_unit(cell, target)
        if unreadable is not None:
            preview.problems.append(unreadable)
            values.append(None)
            continue
        number = None
        try:
            raw = with_format_unit(raw, cell.number_format)
            number = parse_number(
                raw, percent_format=is_percent_format(cell.number_format), european_marks=table.european_marks
            )
            value = (
                None if number is None else changes.to_unit(number, target, label, raw, cell.row, stated=cell.stated)
            )
            if value is not None and not _whole(value) and units.counts_whole(target, entry.get("name")):
                # 3.5 起 of accidents: a count is whole (decisions: Counts are whole numbers)
                raise CellError(
                    "count_not_whole",
                    indicator=entry.get("name") or cell.indicator,
                    unit=units.normalize_unit(target),  # as the catalog writes it: 个 has no English word
                    value=fifteen_digits(value),
                )
        except units.UnitError as e:
            preview.problems.append(_unit_problem(e, cell, number, label, raw))
            value = number = None
        except CellError as e:
            preview.problems.append(Problem(e.key, cell.row, label, problem_value(e, raw), e.params))
            value = number = None
        values.append(value)
        if value is None:
            continue
        if _percent_unmarked(number, cell, target):
            plain[cell.indicator].append((value, cell.row, clean_text(raw)))
        else:
            marked[cell.indicator].append(value)
    preview.notes.extend(changes.notes())
    preview.as_written.update(changes.as_written)
    for code, found in sorted(plain.items()):
        entry = catalog_entry(reference, code, None)
        if units.normalize_unit(entry.get("unit")) == "%":
            _note_fractions(preview, entry["name"], found, marked[code])
    return values


def _percent_unmarked(number: Number, cell: _ValueCell, target: str | None) -> bool:
    """Whether a value says nothing per cell about being a percent: written without % and without a percent
    format, whether or not its column, a unit row or the title declares `%`. A header `办结率（%）` over 0.95 is
    just where an office writes fractions under a % heading, so such values are checked for looking like
    fractions as undeclared ones are (docs/decisions.md#percent-cells); only a `%` in the cell itself, a percent
    format or another unit converted to % (‰) marks the value."""
    if number.unit or number.percent_format:
        return False
    # its own column's unit (header, unit row, unit column, the indicator's name), else a title's or value
    # header's of its family (units stated twice differently are refused before: refuse_column_unit_conflicts)
    own = [s.unit for s in cell.stated if not s.whole_file]
    whole = [
        s.unit for s in cell.stated if s.whole_file and units.same_family(s.unit, units.normalize_unit(target or ""))
    ]
    declared = (own or whole or [""])[0]
    return units.normalize_unit(declared) in ("", "%")


def _unit_problem(error: units.UnitError, cell: _ValueCell, number: Number | None, label: str, raw: object) -> Problem:
    """A unit that does not convert, said as coming from the unit column when that is where the row's unit is."""
    row_unit = next((s for s in cell.stated if s.column), None)
    if row_unit is not None and number is not None and not number.unit:
        params = {**error.params, "column": row_unit.column, "unit": row_unit.written}  # as written: 个 has no English
        return Problem(f"{error.key}_column", cell.row, label, clean_text(raw), params)
    return Problem(error.key, cell.row, label, clean_text(raw), error.params)


def _unreadable_row_unit(cell: _ValueCell, target: str) -> Problem | None:
    """A long file's unit column whose cell is no unit the importer reads (nor the catalog's own): the row's value
    has no known unit, and is refused naming the row and the unit column."""
    for s in cell.stated:
        if s.column and s.unit not in units.CELL_UNITS and s.unit != units.normalize_unit(target):
            return Problem("unit_column_unknown", cell.row, s.column, s.written, {"unit": s.written})
    return None


# A value of a % indicator is pointed out as a possible fraction when it is at most this (0.85 for 85 %) and the
# other values of its indicator are usually above FRACTION_USUAL_ABOVE (a rate of 90 %, not a growth rate of 3 %).
FRACTION_MOST = 1.5
FRACTION_USUAL_ABOVE = 10


def _note_fractions(preview: Preview, indicator: str, found: list[tuple[float, int, str]], marked: list[float]) -> None:
    """The values of a % indicator written without % in the cell and without a percent format (`found`: value,
    row, cell as written) that look like fractions are kept as written, with a note naming their count and the
    first one's row (docs/decisions.md#percent-cells): those far below the indicator's usual size, the median of
    its other values (those above 1.5 of `found` and every value marked as a percent, `marked`: 92% as 92) above
    FRACTION_USUAL_ABOVE; and all of them when every one is at most 1.5 and no such median says otherwise."""
    small = [item for item in found if item[0] and abs(item[0]) <= FRACTION_MOST]
    if not small:
        return
    _, row, raw = min(small, key=lambda item: item[1])
    others = [abs(v) for v, _, _ in found if abs(v) > FRACTION_MOST] + [abs(v) for v in marked]
    usual = float(pd.Series(others, dtype=float).median()) if others else 0.0
    if usual > FRACTION_USUAL_ABOVE:
        preview.notes.append(
            Note(
                "note_percent_fraction_among_percents",
                {"indicator": indicator, "n": len(small), "row": row, "example": raw, "usual": fifteen_digits(usual)},
            )
        )
    elif len(small) == len([item for item in found if item[0]]):
        preview.notes.append(
            Note("note_percent_fraction_kept", {"indicator": indicator, "n": len(small), "row": row, "example": raw})
        )
