"""Large CSV files of one record per row (training, roster, movements), parsed a column at a time in DuckDB.

A province's training history is ten million rows: read cell by cell in Python it takes minutes and gigabytes.
Here DuckDB reads the file as text, and every *distinct* text of a column goes once through the per-cell path's
own parsers (cell_parsing.parse_cell, the name matcher, sheet_layout.row_role), so both paths store the same values
and report the same problems at the same line numbers; only the per-row work moves into SQL. A file this path
cannot read line for line the same way (blank lines, cells spanning lines, ragged rows, UTF-16, a later byte
that breaks the encoding…) gives None, and the caller reads it with ingest.parse_file.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow

from incentive import config
from incentive.intake import cadre_ids, csv_records, plausibility, sheets, units
from incentive.intake.blank_markers import read_as_blank_note, written_marker
from incentive.intake.cell_parsing import parse_cell, serial_date, serial_example, year_only
from incentive.intake.cell_values import (
    CellError,
    Number,
    as_written,
    cell_written,
    clean_text,
    one_line,
    problem_value,
)
from incentive.intake.changes import FULL_WIDTH_SAID
from incentive.intake.choice_synonyms import read_as, read_as_params
from incentive.intake.duplicate_rows import duplicate_problems
from incentive.intake.file_kinds import (
    KINDS,
    STORED_COLUMNS,
    TOTAL_ROW_WORDS,
    Column,
    FileKind,
    is_note_text,
    match_header,
    twin_columns,
)
from incentive.intake.given_values import unused_notes
from incentive.intake.ingest import (
    check_rows,
    drop_rejected,
    note_rows_notes,
    parse_file,
    read_given,
    roster_title_as_of,
    text_formula_note,
)
from incentive.intake.normalized_text import has_full_width, normalized_example
from incentive.intake.place_names import NameMatcher, report_accepted_names
from incentive.intake.preview import Note, Preview, Problem, Reference, number_text
from incentive.intake.sheet_layout import Located, Table, locate_header, row_role, unknown_bracket
from incentive.intake.staged_rows import StagedRows
from incentive.intake.stated_units import hours_title_unit
from incentive.intake.text_apostrophe import apostrophe_note, apostrophe_removed
from incentive.store.queries import string_literal

BULK_KINDS = ("training", "roster", "movements", "appraisals")
LEADING_ROWS = 50  # records judged in Python for unit rows, which only count before the first data row
_SQL_TYPES = {"number": "DOUBLE", "date": "DATE", "year": "INTEGER", "appraisal_year": "INTEGER"}


def min_bytes() -> int:
    """Smaller files are quicker through the per-cell path (no DuckDB start-up, no temporary files)."""
    return int(float(os.environ.get("INCENTIVE_BULK_MIN_MB", 1)) * 1024 * 1024)


def parse_path(
    path: Path,
    reference: Reference,
    kind: str | None = None,
    period: str | None = None,
    as_of: str | None = None,
    skip_invalid: bool = False,
    checking: Callable[[int], None] | None = None,
) -> Preview:
    """The preview of a file on disk: a large record-per-row CSV in bulk, anything else cell by cell. `checking`
    is told the number of records once a large file is read, before its checks (the CLI's progress: a province's
    ten million take a quarter of a minute and more)."""
    if path.suffix.lower() in sheets.TEXT_EXTENSIONS and path.stat().st_size >= min_bytes():
        preview = parse_large_csv(path, reference, kind, period, as_of, skip_invalid, checking)
        if preview is not None:
            return preview
    return parse_file(
        path.name, path.read_bytes(), reference, kind=kind, period=period, as_of=as_of, skip_invalid=skip_invalid
    )


def parse_upload(
    file_name: str,
    data: bytes,
    reference: Reference,
    kind: str | None = None,
    period: str | None = None,
    as_of: str | None = None,
    skip_invalid: bool = False,
) -> Preview:
    """The preview of uploaded bytes: a large record CSV goes through a temporary file to the bulk path."""
    if Path(file_name).suffix.lower() in sheets.TEXT_EXTENSIONS and len(data) >= min_bytes():
        with tempfile.TemporaryDirectory(prefix="incentive-upload-") as tmp:
            path = Path(tmp) / Path(file_name).name
            path.write_bytes(data)
            preview = parse_large_csv(path, reference, kind, period, as_of, skip_invalid)
        if preview is not None:
            return preview
    return parse_file(file_name, data, reference, kind=kind, period=period, as_of=as_of, skip_invalid=skip_invalid)


def parse_large_csv(
    path: Path,
    reference: Reference,
    kind: str | None = None,
    period: str | None = None,
    as_of: str | None = None,
    skip_invalid: bool = False,
    checking: Callable[[int], None] | None = None,
) -> Preview | None:
    """The preview parse_file would give for this file, or None when this path cannot promise that. `checking`:
    told the number of records once they are read, before the checks."""
    if read_given(Preview(path.name, ""), period, as_of) is None:
        # a period or as-of entered that is refused (`--period 2026/3`): the cell path refuses it before it reads
        # the file, its preview naming no kind or header, and says so the same way
        return None
    head = csv_records.head(path)
    encoding = csv_records.encoding_of(head)
    if encoding is None or path.stat().st_size > sheets.MAX_FILE_MB * 1024 * 1024:
        return None
    try:
        sheet = sheets.read_text(head)
    except sheets.UnreadableFile:
        return None
    located = locate_header([sheet], reference, kind)
    if (
        located is None
        or located.kind not in BULK_KINDS
        or sheet.row_numbers[-1] != len(sheet.rows)
        or located.sub_header
        or twin_columns(KINDS[located.kind], located.header)
    ):
        # another kind, a record spanning lines in the head, a two-row header, or two columns naming one field
        # (compared row by row by the cell path: column_twins.compare_twins)
        return None
    try:
        return _parse_staged(path, encoding, sheet.delimiter, located, reference, period, as_of, skip_invalid, checking)
    finally:
        # The checks read columns as Arrow; its allocator keeps what they freed (160 MB at province scale), which
        # the import's own DuckDB work then piles onto: give it back.
        pyarrow.default_memory_pool().release_unused()


def _parse_staged(
    path: Path,
    encoding: str,
    delimiter: str,
    located: Located,
    reference: Reference,
    period: str | None,
    as_of: str | None,
    skip_invalid: bool,
    checking: Callable[[int], None] | None,
) -> Preview | None:
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # hashing releases the GIL: it runs beside DuckDB
        scanned = pool.submit(csv_records.scan, path)
        with (
            tempfile.TemporaryDirectory(prefix="incentive-bulk-") as tmp,
            contextlib.closing(
                duckdb.connect(
                    config={
                        "temp_directory": tmp,
                        "memory_limit": config.parse_memory_limit(),
                        **config.duckdb_thread_setting(),
                    },
                )
            ) as con,
        ):
            source = path if encoding != "gb18030" else csv_records.transcode(path, Path(tmp) / "utf8.csv")
            skip = located.header_row + 1
            if source is None:
                return None
            text_formulas = csv_records.has_text_formula(source)
            records = csv_records.stage_records(con, source, len(located.header), skip, delimiter, text_formulas)
            if records is None or scanned.result().lines != skip + records:
                return None  # blank lines (DuckDB drops them) or cells spanning lines: numbers would drift
            if csv_records.text_outside_header(con, located.header):
                return None  # the cell path refuses it, naming each row (ingest._refuse_text_outside_header)
            if checking is not None:
                checking(records)
            # `raw`'s rowids now number the records; every later query that shows rows orders them, and the
            # staged file's readers order by line: DuckDB may write it in whatever order its threads finish.
            con.execute("SET preserve_insertion_order = false")
            preview = Preview(
                path.name, "", kind=located.kind, encoding=encoding, skip_invalid=skip_invalid, header_row=skip
            )
            try:
                _parse(con, preview, located, skip, reference, period, as_of, text_formulas)
            except _NotBulk:
                return None
        preview.sha256 = scanned.result().sha256
    return preview


def _text_formula_notes(con, table: Table, roles: RowRoles, skip: int) -> list[Note]:
    """ingest.text_formula_notes of the staged file: per labelled column, the data rows whose cell was written
    `="…"`, and the first one as written and as read."""
    labelled = [i for i, text in enumerate(table.header) if clean_text(text)]
    if not labelled:
        return []
    present = con.execute(f"SELECT {', '.join(f'count(o{i}) > 0' for i in labelled)} FROM raw").fetchone()
    found = [i for i, any_written in zip(labelled, present, strict=True) if any_written]
    if not found:
        return []
    aggregates = ", ".join(
        f"count(o{i}), arg_min(o{i}, rowid) FILTER (WHERE o{i} IS NOT NULL), min(rowid) FILTER (WHERE o{i} IS NOT NULL)"
        for i in found
    )
    counted = con.execute(f"SELECT {aggregates} FROM raw WHERE {roles.data_filter()}", roles.params).fetchone()
    notes = []
    for k, i in enumerate(found):
        n, example, first = counted[3 * k : 3 * k + 3]
        if n:
            notes.append(text_formula_note(table.column_label(i), n, first + 1 + skip, example))
    return notes


# ---------------------------------------------------------------- parsing


@dataclass
class _Column:
    """What the per-cell path makes of every distinct text of one column of the file."""

    index: int
    spec: Column
    values: dict  # raw -> stored value, None for blank or unreadable
    errors: dict  # raw -> CellError

    @property
    def identity(self) -> bool:
        """Every text is stored as itself: SQL can take the column as it is."""
        return not self.errors and all(v == raw and raw is not None for raw, v in self.values.items())


def _read_column(index: int, spec: Column, raws: list, header_unit: str, european_marks: bool) -> _Column:
    """Raises _NotBulk where the per-cell path does more than map each text to a value: a unit to convert (or
    to refuse) and ids that lost digits (one problem for the whole column). `european_marks`: a semicolon CSV,
    whose `1.480` and `1,480` the cell parser refuses as 1480 or 1.48 (sheet_layout.Table.european_marks), here
    too."""
    values, errors = {}, {}
    if spec.parse == "number" and header_unit not in ("", units.HOURS):
        raise _NotBulk  # a unit to convert, or something in brackets to refuse: the per-cell path does both
    for raw in raws:
        try:
            value = parse_cell(spec, raw, european_marks=european_marks)
            if isinstance(value, Number) and value.unit not in ("", units.HOURS):
                raise _NotBulk  # training hours are the one number column of these kinds: 学时 needs nothing
            values[raw] = value.value if isinstance(value, Number) else value
        except CellError as e:
            if e.key == "id_digits_lost":
                raise _NotBulk from None
            errors[raw] = e
            values[raw] = None
    return _Column(index, spec, values, errors)


def _full_width_notes(con, column: _Column, label: str, roles: RowRoles, skip: int, key: str) -> list[tuple]:
    """The note `key` of a column's cells written with full-width characters and read (as the per-cell path's
    changes.Changes counts them): rows counted, first example as written and as read, sortable as
    _normalized_notes sorts its notes."""
    wide = [
        raw
        for raw, value in column.values.items()
        if isinstance(raw, str) and value is not None and has_full_width(raw)
    ]
    notes = []
    for n, example, first in _rows_of(con, column.index, [wide] if wide else [], roles):
        params = {"column": label, "n": n, "row": first + 1 + skip, "example": one_line(example)}
        params["read"] = clean_text(example)
        notes.append((first, column.index, Note(key, params)))
    return notes


def _normalized_notes(con, columns: dict[str, _Column], table: Table, roles: RowRoles, skip: int) -> list[Note]:
    """The per-cell path's notes of texts normalized, of numbers written in full-width characters and of ids read
    without Excel's text apostrophe
    (changes.Changes.text), of allowed values read as their standard spelling (changes.Changes.choice) and of
    dates read from Excel serial numbers (changes.Changes.serial): rows
    counted, first example, in the order the per-cell path meets them."""
    notes = []
    for column in columns.values():
        label = table.column_label(column.index)
        if column.spec.parse in ("text", "name", "code"):
            changed = [
                raw
                for raw, value in column.values.items()
                if isinstance(raw, str) and isinstance(value, str) and value != raw
            ]
            kept = [raw for raw in changed if apostrophe_removed(raw, column.values[raw])]  # `'LZ900005`
            changed = [raw for raw in changed if not apostrophe_removed(raw, column.values[raw])]
            for n, example, first in _rows_of(con, column.index, [changed] if changed else [], roles):
                params = {
                    "column": label,
                    "n": n,
                    "row": first + 1 + skip,
                    **normalized_example(example, column.values[example]),
                }
                notes.append((first, column.index, Note("note_text_normalized", params)))
            for n, example, first in _rows_of(con, column.index, [kept] if kept else [], roles):
                note = apostrophe_note(label, n, first + 1 + skip, one_line(example), column.values[example])
                notes.append((first, column.index, note))
        elif column.spec.parse == "number":  # ６ read as 6 (changes.Changes.to_unit)
            notes.extend(_full_width_notes(con, column, label, roles, skip, "note_number_full_width"))
        elif column.spec.parse == "enum":
            written: dict[str, list] = {}  # one note per word as written, as Changes counts them
            for raw, code in column.values.items():
                if read_as(column.spec.choices, raw, code) is not None:
                    written.setdefault(raw, []).append(raw)
            for n, example, first in _rows_of(con, column.index, list(written.values()), roles):
                code = column.values[example]
                params = {"column": label, "n": n, "row": first + 1 + skip}
                params.update(read_as_params(column.spec.choices, example, code))
                notes.append((first, column.index, Note("note_value_read_as", params)))
        elif column.spec.parse in ("date", "year"):
            read = {raw: serial_date(column.spec, raw) for raw, value in column.values.items() if value is not None}
            days = {raw: day for raw, day in read.items() if day is not None}
            for n, example, first in _rows_of(con, column.index, [list(days)] if days else [], roles):
                params = {"column": label, "n": n, **serial_example(example, days[example], first + 1 + skip)}
                notes.append((first, column.index, Note("note_date_serial", params)))
            if column.spec.parse == "year":  # 1977.03 kept as 1977 (changes.Changes.year_only)
                kept = [raw for raw, value in column.values.items() if value is not None and year_only(raw, value)]
                for n, example, first in _rows_of(con, column.index, [kept] if kept else [], roles):
                    example_text = one_line(clean_text(example))
                    params = {"column": label, "n": n, "row": first + 1 + skip, "example": example_text}
                    params["value"] = column.values[example]
                    notes.append((first, column.index, Note("note_year_only", params)))
        if column.spec.parse in FULL_WIDTH_SAID:  # ２０２６/１１/０３ read as 2026/11/03 (changes.Changes.full_width)
            notes.extend(_full_width_notes(con, column, label, roles, skip, "note_cell_full_width"))
        notes.extend(_blank_marker_notes(con, column, label, roles, skip))
    return [note for *_, note in sorted(notes, key=lambda x: x[:2])]


def _blank_marker_notes(con, column: _Column, label: str, roles: RowRoles, skip: int) -> list[tuple[int, int, Note]]:
    """The note of the column's cells written as a missing marker and read as blank (changes.Changes.read_as_blank,
    blank_markers): one group of raw texts per marker as written, counted together, the markers in the order first
    met, the first one's row; as (first rowid, column index, note)."""
    groups: dict[str, list] = {}
    for raw, value in column.values.items():
        marker = written_marker(raw) if value is None and raw not in column.errors else None
        if marker is not None:
            groups.setdefault(marker, []).append(raw)
    counted = _rows_of(con, column.index, list(groups.values()), roles)  # (rows, first text, first rowid) a marker
    if not counted:
        return []
    found = sorted((first, written_marker(example)) for _, example, first in counted)
    first = found[0][0]
    note = read_as_blank_note(label, sum(n for n, _, _ in counted), first + 1 + skip, [m for _, m in found])
    return [(first, column.index, note)]


def _rows_of(
    con, index: int, groups: list[list[str]], roles: RowRoles, left_out: list[int] = ()
) -> list[tuple[int, str, int]]:
    """For each group of raw texts of column `index`: (data rows holding one of them, the first one's text, its
    rowid); a group without data rows is left out, and so are the rowids `left_out` (rows refused). One query for
    all groups together, a hash join of the column with its groups' texts (a text of two groups counts in both)."""
    pairs = sorted({(text, g) for g, group in enumerate(groups) for text in group})
    if not pairs:
        return []
    con.execute(
        "CREATE OR REPLACE TEMP TABLE group_texts AS "
        "SELECT CAST(unnest($texts) AS VARCHAR) AS text, unnest($groups) AS g",
        {"texts": [text for text, _ in pairs], "groups": [g for _, g in pairs]},
    )
    return con.execute(
        f"""SELECT count(*), arg_min(raw.c{index}, raw.rowid), min(raw.rowid)
            FROM raw JOIN group_texts ON group_texts.text = raw.c{index}
            WHERE {roles.data_filter()} AND raw.rowid NOT IN (SELECT unnest(CAST($left_out AS BIGINT[])))
            GROUP BY group_texts.g""",
        {**roles.params, "left_out": list(left_out)},
    ).fetchall()


def _parse(
    con,
    preview: Preview,
    located: Located,
    skip: int,
    reference: Reference,
    period: str | None,
    as_of: str | None,
    text_formulas: bool,
) -> None:
    given = read_given(preview, period, as_of)
    if given is None:
        return
    preview.notes.extend(unused_notes(located.kind, *given))
    spec = KINDS[located.kind]
    width = len(located.header)
    table = Table.from_sheet(located.sheet, located.header_row, located.header)
    records = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    if skip + records > sheets.MAX_ROWS:
        preview.fatal = True
        preview.problems.append(
            Problem("file_too_many_rows", params={"rows": skip + records, "limit": sheets.MAX_ROWS})
        )
        return
    index_of = {name: i for i, name in match_header(spec, located.header).items()}
    preview.column_labels.update({name: table.column_label(i) for name, i in index_of.items()})
    distinct = _distinct_texts(con, width)
    roles = _row_roles(con, preview, distinct, skip)
    if not con.execute(f"SELECT EXISTS (FROM raw WHERE {roles.data_filter()})", roles.params).fetchone()[0]:
        preview.fatal = True
        preview.problems.append(Problem("no_rows"))
        return
    if text_formulas:  # else `raw` has no column of cells as written (csv_records.stage_records)
        preview.notes.extend(_text_formula_notes(con, table, roles, skip))
    extra = [h for i, h in enumerate(located.header) if h and i not in index_of.values()]
    if extra:
        preview.notes.append(Note("note_extra_columns", {"columns": extra}))
    default_as_of = None
    if spec.name == "roster":
        title_as_of, refused = roster_title_as_of(preview, table, "as_of" in index_of, given[1])
        if refused:
            return
        default_as_of = given[1] or (title_as_of.date if title_as_of else None)
        if default_as_of and "as_of" in index_of:
            raise _NotBulk  # blanks taken from the title or --as-of, dates against --as-of: ingest.AsOfColumn
    if "hours" in index_of and (hours_title_unit(table) not in ("", units.HOURS) or table.title_unit_unread):
        raise _NotBulk  # a title's `单位：天` / `单位：分钟` speaks for 学时: the per-cell path converts or refuses
    for name, i in index_of.items():  # a unit row may declare another unit for hours: the per-cell path converts
        if roles.units and spec.column(name).parse == "number":
            declared = con.execute(
                f"SELECT c{i} FROM raw WHERE rowid + 1 IN (SELECT unnest($units))", {"units": roles.units}
            ).fetchall()
            if any(units.normalize_unit(clean_text(x)) not in ("", units.HOURS) for (x,) in declared):
                raise _NotBulk
    columns = {
        c.name: _read_column(
            index_of[c.name],
            c,
            distinct[index_of[c.name]],
            table.header_unit(index_of[c.name]) or unknown_bracket(table.header[index_of[c.name]]),
            table.european_marks,
        )
        for c in spec.columns
        if c.name in index_of
    }
    places = _places(con, preview, columns.get("county"), reference, roles)
    stored, spellings = columns, None
    if "cadre_id" in columns:  # `lz000001` read as the roster's `LZ000001` (cadre_ids), before duplicates
        spellings = cadre_ids.stored_spellings(preview.kind, columns["cadre_id"].values.values(), reference)
        stored = {**columns, "cadre_id": _read_as_stored(columns["cadre_id"], spellings)}
    staged = _store_parsed(con, spec, stored, places, default_as_of, roles, skip)
    problems = _cell_problems(con, spec, table, columns, places, "as_of" in index_of)
    problems += _duplicates(con, spec, table, preview.column_labels)
    preview.problems.extend(problems)
    preview.notes.extend(_normalized_notes(con, columns, table, roles, skip))
    # rows with bad cells stay for the checks of whole rows, as in the per-cell path: a row skipped for its date is
    # named for its hours too (the clerk corrects both at once); drop_rejected then takes out every row named
    outside = _hours_outside(con, preview, columns, table, reference)
    preview.staged = staged
    check_rows(preview, reference, outside)
    if spellings is not None:  # of the rows that will be stored: after every problem, before they leave
        _say_read_as_stored(con, preview, columns["cadre_id"], spellings, table, roles, skip)
        _ids_as_written(con, preview, stored["cadre_id"], table, roles, skip)
    con.execute("DROP TABLE raw")
    drop_rejected(preview)


def _read_as_stored(column: _Column, spellings: cadre_ids.Spellings) -> _Column:
    """The id column with each text mapped to its id as it will be stored (cadre_ids.stored_spellings over the
    file's distinct ids), as ingest reads each row's."""
    values = {raw: spellings.read(cadre_id) for raw, cadre_id in column.values.items()}
    return _Column(column.index, column.spec, values, column.errors)


def _say_read_as_stored(
    con, preview: Preview, column: _Column, spellings: cadre_ids.Spellings, table: Table, roles: RowRoles, skip: int
) -> None:
    """cadre_ids.say_read_as_stored over the file's distinct ids: the notes of those read in a stored spelling (one
    per source) and the warnings of ambiguous ids and of ids differing only in case, of the rows no problem names
    (`column` as read). Rows are counted and found by a join of the column with the texts concerned (_rows_of),
    never read one by one."""
    label = table.column_label(column.index)
    refused = [row - 1 - skip for row in cadre_ids.refused_rows(preview)]  # as raw's rowids
    values = {raw: spellings.read(cadre_id) for raw, cadre_id in column.values.items()}
    sources = [s for s in dict.fromkeys(("roster", preview.kind)) if s in set(spellings.source.values())]
    changed = [
        [raw for raw, cadre_id in column.values.items() if spellings.source.get(cadre_id) == source]
        for source in sources
    ]
    found = {}
    for n, example, first in _rows_of(con, column.index, changed, roles, refused):
        read = column.values[example]
        found[spellings.source[read]] = (n, first + 1 + skip, read, spellings.rewritten[read])
    preview.notes.extend(cadre_ids.rewritten_notes(label, preview.kind, found))
    # the first data row of each id as stored, for the ids a warning may name: ambiguous ones, and those sharing
    # their letters ignoring case with another of the file's
    texts_of: dict[str, list] = {}  # id as stored -> the file's texts read as it
    for raw, cadre_id in values.items():
        if cadre_id is not None:
            texts_of.setdefault(cadre_id, []).append(raw)
    by_fold: dict[str, int] = {}
    for cadre_id in texts_of:
        by_fold[cadre_ids.folded(cadre_id)] = by_fold.get(cadre_ids.folded(cadre_id), 0) + 1
    named = sorted(c for c in texts_of if c in spellings.ambiguous or by_fold[cadre_ids.folded(c)] > 1)
    groups = [texts_of[cadre_id] for cadre_id in named]
    first_rows = {
        values[example]: first + 1 + skip
        for _, example, first in sorted(_rows_of(con, column.index, groups, roles, refused), key=lambda f: f[2])
    }
    cadre_ids.add_warnings(preview, label, spellings, first_rows)


def _ids_as_written(con, preview: Preview, column: _Column, table: Table, roles: RowRoles, skip: int) -> None:
    """Where the file writes a cadre id otherwise than it is stored (`column`: each text -> its id as stored):
    Preview.ids_as_written for an id the file writes one way only, `as_written` for each row of an id it writes
    several ways (found by a join, those rows alone), so a refusal quotes the cell as written."""
    texts_of: dict[str, list[str]] = {}
    for raw, cadre_id in column.values.items():
        if cadre_id is not None:
            texts_of.setdefault(cadre_id, []).append(raw)
    mixed = []
    for cadre_id, texts in texts_of.items():
        if all(as_written(raw) == cadre_id for raw in texts):
            continue
        if len(texts) == 1:
            preview.ids_as_written[cadre_id] = as_written(texts[0])
        else:
            mixed += [raw for raw in texts if as_written(raw) != cadre_id]
    if not mixed:
        return
    label = table.column_label(column.index)
    found = con.execute(
        f"SELECT rowid, c{column.index} FROM raw WHERE {roles.data_filter()} "
        f"AND c{column.index} IN (SELECT unnest(CAST($texts AS VARCHAR[])))",
        {**roles.params, "texts": mixed},
    ).fetchall()
    for rowid, raw in found:
        preview.as_written[(rowid + 1 + skip, label)] = as_written(raw)


def _distinct_texts(con, width: int) -> dict[int, list]:
    """Every distinct text of each column (None for an empty cell), all columns in one scan of `raw` rather than
    one scan a column."""
    lists = con.execute(f"SELECT {', '.join(f'list(DISTINCT c{i})' for i in range(width))} FROM raw").fetchone()
    return {i: texts or [] for i, texts in enumerate(lists)}


def _hours_outside(
    con, preview: Preview, columns: dict[str, _Column], table: Table, reference: Reference
) -> pd.DataFrame | None:
    """A training file's rows whose hours SQL finds outside their bounds (source_row, hours), for check_rows to
    judge instead of all ten million: a superset of what plausibility flags (DuckDB's NaN is above every bound,
    numpy's is not; a blank is neither), so the problems are the same. Those written with a unit (`5000学时`) are
    quoted as written, as the per-cell path does. None for other kinds: check_rows reads what it needs."""
    if preview.kind != "training":
        return None
    bounds = plausibility.hours_bounds(reference.settings)
    hours = columns.get("hours")
    written = f"r.c{hours.index}" if hours is not None else "NULL"
    join = "JOIN raw r ON r.rowid = p.raw_row" if hours is not None else ""
    found = con.execute(
        f"SELECT p.source_row, p.hours, {written} AS written FROM parsed p {join} "
        f"WHERE NOT (p.hours > $low AND p.hours <= $high) ORDER BY p.source_row",
        {"low": bounds.low, "high": bounds.high},
    ).to_arrow_table()
    rows = zip(found["source_row"].to_pylist(), found["hours"].to_pylist(), found["written"].to_pylist(), strict=True)
    for line, value, raw in rows:
        if raw is None:
            continue
        if units.TRAILING_UNIT.search(clean_text(raw)):
            preview.as_written[(line, table.column_label(hours.index))] = clean_text(raw)
        elif value is None or as_written(raw) != number_text(value):
            # `－5`, `1,234`: quoted as written (changes.Changes.to_unit)
            preview.as_written[(line, table.column_label(hours.index))] = as_written(raw)
    return found.select(["source_row", "hours"]).to_pandas(types_mapper=pd.ArrowDtype)


class _NotBulk(Exception):
    """This file is for the per-cell path after all."""


@dataclass(frozen=True)
class RowRoles:
    """Which records of `raw` are data, as sheet_layout.row_role decides it: a SQL expression over the columns
    (blank, total, footnote, data) with its parameters, and the leading unit rows judged in Python."""

    sql: str
    params: dict
    units: list[int]

    def data_filter(self, table: str = "raw") -> str:
        role = self.sql.replace("{t}", table)
        if not self.units:
            return f"({role}) = 'data'"
        return f"({role}) = 'data' AND {table}.rowid + 1 NOT IN ({', '.join(map(str, self.units))})"


def _row_roles(con, preview: Preview, distinct: dict[int, list], skip: int) -> RowRoles:
    """The roles of the records, and notes of the totals and footnotes dropped."""
    width = len(distinct)
    blank, total, foot = {}, {}, {}
    for i, raws in distinct.items():
        texts = {raw: clean_text(raw) for raw in raws}
        blank[i] = [raw for raw, text in texts.items() if not text and raw is not None]
        total[i] = [raw for raw, text in texts.items() if i < 3 and text.endswith(TOTAL_ROW_WORDS)]
        foot[i] = [raw for raw, text in texts.items() if text and is_note_text(text)]
    params = {}

    def listed(name: str, i: int, raws: list) -> str:
        if not raws:
            return "false"
        params[f"{name}{i}"] = raws
        return f"list_contains(${name}{i}, {{t}}.c{i})"

    filled = " + ".join(
        f"({{t}}.c{i} IS NOT NULL AND NOT {listed('blank', i, blank[i])})::INTEGER" for i in range(width)
    )
    is_total = " OR ".join(listed("total", i, total[i]) for i in range(min(3, width)))
    is_foot = " OR ".join(listed("foot", i, foot[i]) for i in range(width))
    role = (
        f"CASE WHEN ({filled}) = 0 THEN 'blank' WHEN {is_total} THEN 'total' "
        f"WHEN ({filled}) = 1 AND ({is_foot}) THEN 'footnote' ELSE 'data' END"
    )
    # A row of units counts only before the first data row: those few records are judged in Python.
    leading = con.execute(
        f"SELECT rowid + 1, {', '.join(f'c{i}' for i in range(width))} FROM raw "
        f"WHERE rowid < {LEADING_ROWS} ORDER BY rowid"
    ).fetchall()
    units = []
    for record, *row in leading:
        judged = row_role([clean_text(c) for c in row], data_seen=False)
        if judged == "data":
            break
        if judged == "units":
            units.append(record)
    else:
        if len(leading) == LEADING_ROWS:
            raise _NotBulk  # no data in the first rows: where units stop counting is for the per-cell path
    found = con.execute(
        f"SELECT rowid + 1 AS record, {role.replace('{t}', 'raw')} AS role FROM raw "
        f"WHERE role IN ('total', 'footnote') ORDER BY rowid",
        params,
    ).fetchall()
    roles = RowRoles(role, params, units)
    totals = [record + skip for record, judged in found if judged == "total" and record not in units]
    if totals:
        preview.notes.append(Note("note_total_rows", {"rows": totals, "n": len(totals)}))
    notes = [record + skip for record, judged in found if judged == "footnote" and record not in units]
    if notes:  # named by where they lie: under the header, among the data rows, at the foot
        first, last = con.execute(
            f"SELECT min(rowid) + 1, max(rowid) + 1 FROM raw WHERE {roles.data_filter()}", params
        ).fetchone()
        first, last = (None, None) if first is None else (first + skip, last + skip)
        preview.notes.extend(note_rows_notes(notes, first, last))
    return roles


@dataclass
class _Places:
    """County names as the name matcher resolves them: raw text -> known name, and the texts it refuses."""

    names: dict
    errors: dict  # raw -> Match with an error


def _places(con, preview: Preview, county: _Column | None, reference: Reference, roles: RowRoles) -> _Places:
    if county is None:
        return _Places({}, {})
    matcher = NameMatcher(reference.regions)
    rows_of = dict(
        con.execute(
            f"SELECT c{county.index}, count(*) FROM raw WHERE {roles.data_filter()} GROUP BY ALL", roles.params
        ).fetchall()
    )
    names, errors = {}, {}
    for raw, value in county.values.items():
        if not value:
            continue
        match = matcher.county(value)
        names[raw] = match.name
        if match.error:
            errors[raw] = match
    # The per-cell path counts each accepted short name once per row: so do the notes here.
    for (given, matched), _ in list(matcher.accepted.items()):
        matcher.accepted[(given, matched)] = sum(
            n for raw, n in rows_of.items() if county.values.get(raw) == given and names.get(raw) == matched
        )
    report_accepted_names(preview, matcher)
    return _Places(names, errors)


def _register_map(con, name: str, mapping: dict, sql_type: str) -> None:
    """Table `name` (raw VARCHAR, value `sql_type`): each distinct text of a column and its stored value. Both
    are cast: DuckDB types a frame's column of None alone (a wholly blank column, whose one text is None) as
    INTEGER, which the date readers' try_strptime refused with a BinderException (a tester's roster, 2026-12-07)."""
    frame = pd.DataFrame({"raw": list(mapping), "value": pd.Series(list(mapping.values()), dtype=object)})
    con.register(f"{name}_frame", frame)
    con.execute(
        f"CREATE TABLE {name} AS SELECT CAST(raw AS VARCHAR) AS raw, CAST(value AS {sql_type}) AS value "
        f"FROM {name}_frame"
    )
    con.unregister(f"{name}_frame")


# Formats SQL can read a whole column with, used only where they give what the cell parser gives for every
# distinct text of the column (checked each time), because a join per column costs more.
_SQL_READERS = {
    "DATE": [f"CAST(try_strptime({{c}}, '{f}') AS DATE)" for f in ("%Y/%m/%d", "%Y-%m-%d", "%Y.%m.%d")],
    "DOUBLE": ["TRY_CAST({c} AS DOUBLE)"],
}


def _value_sql(con, name: str, column: _Column, mapping: dict, sql_type: str) -> tuple[str, str]:
    """(expression, join) giving the stored value of a column: the text itself, a SQL reader that agrees with
    the cell parser on every distinct text, or a join with the parser's answers."""
    cell = f"r.c{column.index}"
    if name != "county" and column.identity:
        return cell, ""
    _register_map(con, f"map_{name}", mapping, sql_type)
    for reader in _SQL_READERS.get(sql_type, []) if name != "county" else []:
        disagree = con.execute(
            f"SELECT count(*) FROM map_{name} WHERE {reader.format(c='raw')} IS DISTINCT FROM value"
        ).fetchone()[0]
        if not disagree:
            return reader.format(c=cell), ""
    return f"map_{name}.value", f"LEFT JOIN map_{name} ON map_{name}.raw = {cell}"


def _failing(con, table: str, cell: str, raws: list) -> list[str]:
    """Conditions true for a cell holding one of these texts (None: an empty cell)."""
    conditions = [f"{cell} IS NULL"] if None in raws else []
    texts = [raw for raw in raws if raw is not None]
    if texts:
        con.execute(f"CREATE TABLE {table} AS SELECT CAST(unnest($raws) AS VARCHAR) AS raw", {"raws": texts})
        conditions.append(f"{cell} IN (SELECT raw FROM {table})")
    return conditions


def _store_parsed(
    con, spec: FileKind, columns: dict[str, _Column], places: _Places, default_as_of, roles: RowRoles, skip: int
) -> StagedRows:
    """The preview's rows, one per data record, staged on disk with the stored values and the line; and, for the
    checks below only, the record's rowid in `raw` and whether any cell failed. View `parsed` reads them."""
    select, joins, bad = [], [], []
    for name in STORED_COLUMNS[spec.name]:
        column = columns.get(name)
        sql_type = _SQL_TYPES.get(spec.column(name).parse, "VARCHAR")
        if column is None:
            value = "$default_as_of" if name == "as_of" and default_as_of else f"CAST(NULL AS {sql_type})"
        else:
            mapping = {**column.values, **places.names} if name == "county" else column.values
            value, join = _value_sql(con, name, column, mapping, sql_type)
            joins.append(join)
            bad.extend(_failing(con, f"bad_{name}", f"r.c{column.index}", list(column.errors)))
        if name == "as_of" and column is not None:
            value = f"coalesce({value}, $default_as_of)" if default_as_of else value
            bad.append(f"({value}) IS NULL")
        select.append(f"{value} AS {name}")
    if places.errors:
        bad.extend(_failing(con, "bad_place", f"r.c{columns['county'].index}", list(places.errors)))
    select.append(f"r.rowid + 1 + {skip} AS source_row")  # `parsed` gives the rowid back: _parsed_view
    select.append(f"({' OR '.join(bad) or 'false'}) AS has_problem")
    params = dict(roles.params)
    if "$default_as_of" in " ".join(select):
        params["default_as_of"] = default_as_of
    staged = StagedRows(
        con,
        f"SELECT {', '.join(select)} FROM raw r {' '.join(joins)} WHERE {roles.data_filter('r')}",
        params,
        one_per_line=True,
        hidden=("has_problem",),
    )
    return _parsed_view(con, staged, skip)


def _parsed_view(con, staged: StagedRows, skip: int) -> StagedRows:
    """View `parsed` over the staged rows: the record's line as `line`, its rowid in `raw` as `raw_row`. The rowid
    is worked out from the line rather than staged: a column fewer to write (the staged copy 10 % smaller)."""
    con.execute(
        f"CREATE OR REPLACE VIEW parsed AS SELECT *, source_row AS line, source_row - {1 + skip} AS raw_row "
        f"FROM read_parquet({string_literal(str(staged.path))})"
    )
    return staged


def _cell_problems(
    con, spec: FileKind, table: Table, columns: dict[str, _Column], places: _Places, as_of_column: bool
) -> list[Problem]:
    """The problems of the rows that have any, in the per-cell path's order (row, then column order)."""
    ordered = [columns[c.name] for c in spec.columns if c.name in columns]
    raw_columns = ", ".join(f"r.c{c.index}" for c in ordered)
    rows = con.execute(
        f"SELECT p.line, {'p.as_of' if as_of_column else 'NULL'}, {raw_columns} "
        f"FROM (SELECT * FROM parsed WHERE has_problem) p JOIN raw r ON r.rowid = p.raw_row "
        f"ORDER BY p.line"
    ).fetchall()
    problems = []
    for line, as_of, *raws in rows:
        for column, raw in zip(ordered, raws, strict=False):
            error = column.errors.get(raw)
            if error is not None:
                label = table.column_label(column.index)
                value = problem_value(error, raw)
                problems.append(Problem(error.key, line, label, value, error.params, cell_written(raw, error)))
        if as_of_column and as_of is None:
            problems.append(Problem("required", line, table.column_label(columns["as_of"].index), ""))
        if "county" in columns:
            raw = raws[ordered.index(columns["county"])]
            match = places.errors.get(raw)
            if match is not None:
                label = table.column_label(columns["county"].index)
                problems.append(Problem(match.error, line, label, as_written(raw), match.params, cell_written(raw)))
    return problems


def _duplicates(con, spec: FileKind, table: Table, labels: dict[str, str]) -> list[Problem]:
    """Rows that share a key, judged as duplicate_rows.duplicate_problems judges them (it is called): candidates by a hash
    of the key, which aggregates far faster than the key's text, then compared exactly, every stored column
    read as the per-cell path holds it, and quoted as written (cell_values.as_written) as it quotes them."""

    def key(prefix: str) -> str:
        # a roster's ids folded as duplicate_rows.key_texts folds them (lower() folds more: a superset of candidates)
        return ", ".join(
            f"lower({prefix}{c})" if spec.name == "roster" and c == "cadre_id" else f"{prefix}{c}" for c in spec.key
        )

    columns = list(STORED_COLUMNS[spec.name])
    cells = [(i, table.column_label(i)) for i, text in enumerate(table.header) if clean_text(text)]
    candidates = con.execute(f"""
        SELECT {", ".join(f"p.{c}" for c in columns)}, p.line AS source_row{"".join(f", r.c{i}" for i, _ in cells)}
        FROM parsed p JOIN raw r ON r.rowid = p.raw_row
        WHERE hash({key("p.")}) IN
            (SELECT hash({key("")}) AS h FROM parsed GROUP BY h HAVING count(*) > 1)
        ORDER BY p.line""").fetchall()
    if not candidates:
        return []
    width = len(columns) + 1
    rows = pd.DataFrame([record[:width] for record in candidates], columns=[*columns, "source_row"])
    written = {
        (record[width - 1], label): as_written(raw)
        for record in candidates
        for (_, label), raw in zip(cells, record[width:], strict=True)
    }
    for column in spec.columns:  # whole years stay whole where a refused cell left a gap, as in the per-cell path
        if column.parse in ("year", "appraisal_year") and column.name in rows:
            rows[column.name] = rows[column.name].astype("Int64")
    return duplicate_problems(spec.name, rows, labels, written)
