"""Reading a file's bytes into sheets: grids of cells that keep the row numbers a user sees.

What a file is, is decided by its content, not its name (file_identity): a zip workbook or an OLE compound file
is read as a workbook, an HTML page by its first table (html_tables), anything else that is text as CSV/TSV; a
file that cannot be read is refused with a sentence naming what it is and what to do.

CSV/TSV text is decoded as UTF-8 (with or without BOM) or, failing that, GB18030 (a superset of GBK, Excel's
"CSV" on Chinese Windows), with charset-normalizer as the last resort. Workbooks (.xlsx, .xlsm, .xls, also .xlsb
and .ods) are read with python-calamine, which never evaluates formulas, in a child process (see
workbook_reader), with the number format of each numeric cell (workbook_formats). Rows are numbered as Excel shows
them (1-based, blank rows and title rows counted); for CSV, the 1-based line where the record starts.
"""

from __future__ import annotations

import csv
import io
import os
import pickle
import re
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from incentive.i18n import TranslatedError
from incentive.intake import file_identity, workbook_reader
from incentive.intake.cell_values import text_formula
from incentive.intake.mixed_encodings import mixed_lines

WORKBOOK_TIMEOUT_SECONDS = 300
# Caps per file, overridable for bulk loads (a province's training history on the command line).
MAX_FILE_MB = float(os.environ.get("INCENTIVE_MAX_FILE_MB", 100))
MAX_ROWS = int(os.environ.get("INCENTIVE_MAX_ROWS", 2_000_000))
MAX_CELLS = int(os.environ.get("INCENTIVE_MAX_CELLS", 40_000_000))
MAX_CELL_CHARS = workbook_reader.MAX_CELL_CHARS  # any text cell, before header matching looks at it
MAX_UNZIPPED_MB = 1000  # a workbook's parts, uncompressed
MAX_ZIP_RATIO = 200  # uncompressed / compressed, for a part over 10 MB
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])  # the folder holding the incentive package

Cell = object  # str | int | float | bool | date | datetime | None


class UnreadableFile(TranslatedError):
    """The file as a whole cannot be read."""


@dataclass
class Sheet:
    name: str  # "" for CSV
    rows: list[list[Cell]]
    row_numbers: list[int]  # as the user sees them, one per entry of rows
    is_workbook: bool = False
    hidden: bool = False
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # 0-based, inclusive
    encoding: str = ""
    delimiter: str = ""  # CSV/TSV only
    # Workbooks only: (index into rows, 0-based column) -> the Excel number format code ("0.00", "0%", "@") of each
    # numeric cell whose format is not General (dates, which calamine reads as dates, are not numeric cells).
    number_formats: dict[tuple[int, int], str] = field(default_factory=dict)
    # Workbooks only: the workbook counts serial dates from 1904-01-01 (`<workbookPr date1904="1">`, an .xls
    # DATEMODE of 1, an .xlsb BrtWbProp's f1904); a number in a date column is then read from that epoch (workbook_formats.uses_1904_dates).
    date1904: bool = False
    # Workbooks only (.xlsx): the row numbers, as the user sees them, of the rows hidden in Excel (by hand or by a
    # filter); they import like any other, and the preview names them.
    hidden_rows: list[int] = field(default_factory=list)
    # Workbooks only (.xlsx): 0-based, inclusive (first, last) ranges of the columns hidden in Excel; imported
    # columns among them are named in the preview, as hidden rows are.
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)
    # CSV/TSV only: (row number as the user sees it, 0-based column) -> the cell as written, of each cell written
    # `="…"` (Excel's idiom to keep `0012` or `LZ000001` as text), which `rows` holds as the text inside the
    # quotes; the preview says so (cell_values.text_formula, docs/decisions.md#text-kept-by-a-formula-in-a-csv).
    text_formulas: dict[tuple[int, int], str] = field(default_factory=dict)


WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls")  # names only choose the sentence for an unknown binary file
TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")

# Files that are not tables, by what file_identity found: each sentence names what the file is and what to do.
REFUSALS = {
    file_identity.ZIP_BROKEN: "file_zip_broken",
    file_identity.WORD: "file_is_word",
    file_identity.PRESENTATION: "file_is_presentation",
    file_identity.ARCHIVE: "file_is_archive",
    file_identity.PDF: "file_is_pdf",
    file_identity.IMAGE: "file_is_image",
    file_identity.XML_SPREADSHEET: "file_xml_spreadsheet",
    file_identity.XML: "file_is_xml",
    file_identity.BINARY: "file_binary",
}


def read_sheets(file_name: str, data: bytes) -> list[Sheet]:
    if not data or not data.strip():
        raise UnreadableFile("file_empty")
    if len(data) > MAX_FILE_MB * 1024 * 1024:
        raise UnreadableFile("file_too_large", size=len(data) / 1024 / 1024, limit=MAX_FILE_MB)
    sheets = _read(file_name, data)
    rows = sum(len(sheet.rows) for sheet in sheets)
    if rows > MAX_ROWS:
        raise UnreadableFile("file_too_many_rows", rows=rows, limit=MAX_ROWS)
    for sheet in sheets:  # CSV and web pages; workbooks were measured in the child already
        if not sheet.is_workbook:
            check_cell_lengths(sheet)
    return sheets


def check_cell_lengths(sheet: Sheet) -> None:
    for row, number in zip(sheet.rows, sheet.row_numbers, strict=False):
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise _cell_too_long(sheet.name, number, c, len(value))


def _cell_too_long(sheet: str, row: int, column: int, length: int) -> UnreadableFile:
    where = f"{sheet}!{column_letter(column)}{row}" if sheet else f"{column_letter(column)}{row}"
    return UnreadableFile("cell_too_long", cell=where, length=length, limit=MAX_CELL_CHARS)


def _read(file_name: str, data: bytes) -> list[Sheet]:
    """By content, whatever the extension: Excel and WPS open all of these."""
    check_zip_bomb(data)
    what = file_identity.identify(data)
    if what == file_identity.WORKBOOK:
        return _read_workbook(data)
    if what == file_identity.OLE:
        try:
            return _read_workbook(data)
        except UnreadableFile as e:
            if e.key != "workbook_corrupt":
                raise
            inside = file_identity.ole_content(data)
            if inside == file_identity.PASSWORD:
                raise UnreadableFile("workbook_password") from None
            if inside in REFUSALS:
                raise UnreadableFile(REFUSALS[inside]) from None
            raise
    if what == file_identity.TEXT:
        if data.count(b"\n") > MAX_ROWS:  # lines bound records from above: cheap, before decoding
            raise UnreadableFile("file_rows_over_cap", limit=MAX_ROWS)
        return [read_text(data)]
    if what == file_identity.HTML:
        return [_read_html(data)]
    if what == file_identity.BINARY and file_name.lower().endswith(WORKBOOK_EXTENSIONS):
        raise UnreadableFile("workbook_not_a_workbook")
    raise UnreadableFile(REFUSALS[what])


def _read_html(data: bytes) -> Sheet:
    """A web page's first table (see html_tables), parsed in the child process like a workbook."""
    [sheet] = _run_reader(data, "html")
    return Sheet("", sheet["rows"], list(range(1, len(sheet["rows"]) + 1)), merged=sheet["merged"])


def check_zip_bomb(data: bytes) -> None:
    """An .xlsx is a zip: refuse one whose parts would inflate far beyond any real sheet before anything parses it
    (any zip, since what it holds is looked at next)."""
    if data[:4] != b"PK\x03\x04":
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except Exception:
        raise UnreadableFile("file_zip_broken") from None
    total = sum(part.file_size for part in parts)
    swollen = any(
        part.file_size > 10 * 1024 * 1024 and part.file_size > MAX_ZIP_RATIO * max(part.compress_size, 1)
        for part in parts
    )
    if total > MAX_UNZIPPED_MB * 1024 * 1024 or swollen:
        raise UnreadableFile("workbook_bomb", size=total / 1024 / 1024)


def _read_workbook(data: bytes) -> list[Sheet]:
    """Calamine's rows start at A1 (skip_empty_area=False), so row i is Excel row i + 1."""
    return [
        Sheet(
            s["name"],
            s["rows"],
            list(range(1, len(s["rows"]) + 1)),
            True,
            s["hidden"],
            s["merged"],
            number_formats=s["number_formats"],
            date1904=s.get("date1904", False),
            hidden_rows=[r + 1 for r in s.get("hidden_rows", [])],
            hidden_columns=list(s.get("hidden_columns", [])),
        )
        for s in _run_reader(data)
    ]


def _run_reader(data: bytes, *mode: str) -> list[dict]:
    """Workbooks and pages are read in a child process (see workbook_reader): a damaged file can abort calamine's
    process, and a page's tree can take gigabytes."""
    failed = UnreadableFile("file_html_unreadable") if mode else UnreadableFile("workbook_corrupt")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "incentive.intake.workbook_reader", *mode],
            input=data,
            capture_output=True,
            timeout=WORKBOOK_TIMEOUT_SECONDS,
            env={
                **os.environ,
                "PYTHONPATH": _PACKAGE_PARENT,
                "INCENTIVE_MAX_ROWS": str(MAX_ROWS),
                "INCENTIVE_MAX_CELLS": str(MAX_CELLS),
            },
        )
    except subprocess.TimeoutExpired:
        if mode:
            raise failed from None
        raise UnreadableFile("file_read_timeout", seconds=WORKBOOK_TIMEOUT_SECONDS) from None
    if result.returncode == workbook_reader.EXIT_PASSWORD:
        raise UnreadableFile("workbook_password")
    if result.returncode == workbook_reader.EXIT_NO_TABLE:
        raise UnreadableFile("file_html_no_table")
    if result.returncode != 0:
        raise failed
    # Unpickling is safe here: the bytes come from our own child process, not from the upload.
    sheets = pickle.loads(result.stdout)
    if isinstance(sheets, dict):  # refused by a cap inside the child
        params = dict(sheets)
        key = params.pop("refused")
        if key == "cell_too_long":
            raise _cell_too_long(params["sheet"], params["row"], params["column"], params["length"])
        raise UnreadableFile(key, **params)
    return sheets


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name). UTF-8 first: GB18030 decodes almost any bytes, so it must come second."""
    try:  # a byte-order mark promises its encoding; broken bytes after it are the file's fault, said as such
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError:
        _refuse_mixed(data)
        raise UnreadableFile("file_encoding") from None
    if b"\x00" in data[:4096]:
        raise UnreadableFile("file_binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8 as a whole: a UTF-8 line in it is one pasted from elsewhere, which GB18030 would read as mojibake
    _refuse_mixed(data)
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnreadableFile("file_encoding")
    return str(best), best.encoding


def _refuse_mixed(data: bytes) -> None:
    """UnreadableFile `file_mixed_encodings` when some lines of `data`, which is not UTF-8 as a whole, are UTF-8
    (mixed_encodings)."""
    mixed = mixed_lines(data)
    if mixed is not None:
        raise UnreadableFile(
            "file_mixed_encodings", utf8_line=mixed.utf8_line, text=mixed.utf8_text, other_line=mixed.other_line
        )


def read_text(data: bytes) -> Sheet:
    text, encoding = decode_text(data)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    formulas: dict[tuple[int, int], str] = {}
    spanning: list[int] = []  # indices of the records that span lines (a cell holding a line break)
    line = 1
    try:
        for record in reader:
            for c, cell in enumerate(record):
                if "=" in cell and (inner := text_formula(cell)) is not None:
                    formulas[(line, c)] = cell
                    record[c] = inner
            if reader.line_num > line:
                spanning.append(len(rows))
            rows.append(record)
            numbers.append(line)
            line = reader.line_num + 1
    except csv.Error:
        raise UnreadableFile("file_csv_broken", row=line) from None
    if spanning:
        _refuse_open_quote(text, delimiter, rows, numbers, spanning)
    return Sheet("", rows, numbers, encoding=encoding, delimiter=delimiter, text_formulas=formulas)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _refuse_open_quote(text: str, delimiter: str, rows: list[list], numbers: list[int], spanning: list[int]) -> None:
    """Refuse a CSV whose quote, opened in a cell, swallowed the records after it into that one cell (read
    leniently, as Excel does, an unclosed `"已核实` makes the rest of the file one 备注 cell, and the rows in it would
    vanish in silence): a quote still open at the end of the file, or a cell spanning lines whose continuation lines
    each look like a record (as many delimiters as a record, less one for an omitted trailing blank). A quoted note
    with a line break whose lines do not look like records imports (docs/decisions.md#a-quote-left-open-in-a-csv)."""
    spans = set(spanning)
    single = [len(row) for i, row in enumerate(rows) if len(row) > 1 and i not in spans]
    header = next((len(row) for row in rows if len(row) > 1), 0)
    common = Counter(single).most_common(1)[0][0] if single else header
    least = max(1, min(header - 2, common - 1) if header else common - 1)
    last = len(rows) - 1
    for i in spanning:
        record = rows[i]
        for c, cell in enumerate(record):
            pieces = [p for p in _LINE_BREAK.split(cell)[1:] if p.strip()]
            if not pieces:
                continue
            looks = [p.count(delimiter) >= least for p in pieces]
            at_end = i == last and c == len(record) - 1 and _open_at_end(text, delimiter, numbers[i])
            if at_end or (all(looks[:-1]) and any(looks)):
                row = numbers[i] + sum(len(_LINE_BREAK.findall(before)) for before in record[:c])
                raise UnreadableFile("file_csv_quote_open", row=row, column=c + 1, lines=len(pieces))


def _open_at_end(text: str, delimiter: str, first_line: int) -> bool:
    """Whether the file ends inside a quoted cell of its last record, which starts at line `first_line`: read
    strictly, Python's csv says so ("unexpected end of data"), where the lenient read keeps the cell."""
    start = 0
    for n, physical in enumerate(io.StringIO(text, newline=""), 1):
        if n == first_line:
            break
        start += len(physical)
    try:
        for _ in csv.reader(io.StringIO(text[start:], newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as e:
        return "unexpected end of data" in str(e)
    return False


def _sniff_delimiter(text: str) -> str:
    """Tab when the first lines have more tabs than commas (TSV saved as .csv or .txt happens)."""
    head = text[:8192]
    counts = {d: head.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
