"""Reads a workbook in a child process: `python -m incentive.intake.workbook_reader < book.xlsx > sheets.pickle`.

python-calamine's Rust core can abort the whole process on a damaged file (a failed 280 GB allocation was seen in a
mutated .xls), which inside the app would take the server and every session down. In a child process, with its
address space capped, the worst case is a refusal with one clear sentence. Standard library and calamine only (and
xlrd for the number formats of a legacy .xls), so the child starts quickly.

Each sheet comes back as its cells from A1 (`to_python(skip_empty_area=False)`: blank leading rows and columns
kept, so row i is Excel row i + 1), its merged ranges and the number formats of its numeric cells
(workbook_formats). With the argument `html`, the child reads a web page's first table instead (html_tables): a
page's tree takes many times its size in memory, which the cap bounds too.

Before calamine materialises anything, an .xlsx's worksheet parts are streamed and their rows and cells counted
(`count_rows`), stopping at the caps (`INCENTIVE_MAX_ROWS`, `INCENTIVE_MAX_CELLS`, passed by the parent); after
reading, every text cell is measured against MAX_CELL_CHARS. Either refusal goes back as a small dict
(`{"refused": key, ...}`) instead of the sheets, so a 10 MB string in a hundred cells is never pickled.
"""

from __future__ import annotations

import io
import pickle
import re
import sys
import zipfile

from incentive.intake import workbook_formats

MEMORY_LIMIT_BYTES = 4 * 1024**3
EXIT_PASSWORD = 10
EXIT_UNREADABLE = 11
EXIT_NO_TABLE = 12

# A sheet's <dimension> is a hint of its used range; Excel and WPS ignore a malformed one, calamine refuses the
# sheet ("1:4" has no column part: "Range is missing the expected column component").
_DIMENSION = re.compile(rb"""<((?:[A-Za-z_][\w.-]*:)?dimension)\s+ref\s*=\s*["']([^"']*)["']\s*(?:/>|>\s*</\1\s*>)""")
_VALID_REF = re.compile(rb"[A-Za-z]{1,3}[0-9]{1,7}(:[A-Za-z]{1,3}[0-9]{1,7})?")
_HEAD_BYTES = 64 * 1024
MAX_CELL_CHARS = 1000  # any text cell; docs/security.md
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_CHUNK = 1024 * 1024


class Refused(Exception):
    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


def count_rows(data: bytes, max_rows: int, max_cells: int) -> tuple[int, int]:
    """(rows, cells) over all worksheet parts of an .xlsx, read as a stream; Refused as soon as a cap is passed.
    Not a zip: (0, 0) (legacy .xls and .ods are capped after reading)."""
    if data[:4] != b"PK\x03\x04":
        return 0, 0
    rows = cells = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            name = info.filename.lower()
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(info) as part:
                tail = b""
                while chunk := part.read(_CHUNK):
                    block = tail + chunk
                    cut = max(len(block) - 16, 0)  # a tag split across chunks is counted in the next block
                    rows += len(_ROW_TAG.findall(block, 0, cut))
                    cells += len(_CELL_TAG.findall(block, 0, cut))
                    tail = block[cut:]
                    if rows > max_rows:
                        raise Refused("file_rows_over_cap", limit=max_rows)
                    if cells > max_cells:
                        raise Refused("file_cells_over_cap", limit=max_cells)
                rows += len(_ROW_TAG.findall(tail))
                cells += len(_CELL_TAG.findall(tail))
    if rows > max_rows:
        raise Refused("file_rows_over_cap", limit=max_rows)
    if cells > max_cells:
        raise Refused("file_cells_over_cap", limit=max_cells)
    return rows, cells


_SHARED_CELL = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*?\bt="s"[^>]*>\s*'
    rb"<(?:[A-Za-z_][\w.-]*:)?v>([0-9]+)<"
)


def check_shared_strings(data: bytes, limit: int = MAX_CELL_CHARS) -> None:
    """Refused when a shared string longer than `limit` is used by a cell: read one string at a time, before
    calamine copies each string into every cell that refers to it."""
    if data[:4] != b"PK\x03\x04":
        return
    from xml.etree.ElementTree import iterparse

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {info.filename.lower(): info.filename for info in archive.infolist()}
        shared = names.get("xl/sharedstrings.xml")
        if shared is None:
            return
        long_ones: dict[int, int] = {}
        index = 0
        with archive.open(shared) as part:
            for _, element in iterparse(part):
                if element.tag.rsplit("}", 1)[-1] != "si":
                    continue
                length = sum(len(text or "") for text in element.itertext())
                if length > limit:
                    long_ones[index] = length
                index += 1
                element.clear()
        if not long_ones:
            return
        for name in sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            text = archive.read(names[name])
            for m in _SHARED_CELL.finditer(text):
                if int(m.group(3)) in long_ones:
                    column = 0
                    for letter in m.group(1).decode():
                        column = column * 26 + ord(letter) - 64
                    raise Refused(
                        "cell_too_long",
                        sheet=_sheet_name(archive, names[name]),
                        row=int(m.group(2)),
                        column=column - 1,
                        length=long_ones[int(m.group(3))],
                        limit=limit,
                    )


def _sheet_name(archive: zipfile.ZipFile, part: str) -> str:
    """The name a user sees for a worksheet part (its file name when the workbook does not say)."""
    try:
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        target = part.split("xl/", 1)[-1]
        rel = re.search(r'Id="([^"]+)"[^>]*Target="/?(?:xl/)?' + re.escape(target) + '"', rels) or re.search(
            r'Target="/?(?:xl/)?' + re.escape(target) + r'"[^>]*Id="([^"]+)"', rels
        )
        sheet = re.search(r'<(?:\w+:)?sheet\b[^>]*name="([^"]+)"[^>]*r:id="' + re.escape(rel.group(1)) + '"', book)
        return sheet.group(1)
    except Exception:
        return part.rsplit("/", 1)[-1]


def check_cells(sheets: list[dict], max_rows: int, limit: int = MAX_CELL_CHARS) -> None:
    """Refused at the first text cell longer than `limit` (sheet, Excel row and column), or when the sheets hold
    more than `max_rows` rows; before any header matching sees them."""
    if sum(len(sheet["rows"]) for sheet in sheets) > max_rows:
        raise Refused("file_rows_over_cap", limit=max_rows)
    for sheet in sheets:
        for r, row in enumerate(sheet["rows"]):
            for c, value in enumerate(row):
                if isinstance(value, str) and len(value) > limit:
                    raise Refused(
                        "cell_too_long", sheet=sheet["name"], row=r + 1, column=c, length=len(value), limit=limit
                    )


def _cap_memory() -> None:
    try:
        import resource
    except ImportError:  # not on this platform: run uncapped
        return
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def repair_dimensions(data: bytes) -> bytes:
    """The workbook with every malformed <dimension> hint removed (the cells are then read as they are); the same
    bytes when all are well formed or the file is not a zip."""
    if data[:4] != b"PK\x03\x04":
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            broken = set()
            for info in archive.infolist():
                if info.filename.lower().startswith("xl/worksheets/") and info.filename.lower().endswith(".xml"):
                    with archive.open(info) as part:
                        head = part.read(_HEAD_BYTES).split(b"<sheetData", 1)[0]
                    m = _DIMENSION.search(head)
                    if m and not _VALID_REF.fullmatch(m.group(2)):
                        broken.add(info.filename)
            if not broken:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as repaired:  # stored: nothing to gain by packing
                for info in archive.infolist():
                    part = archive.read(info)
                    if info.filename in broken:
                        part = _DIMENSION.sub(b"", part, count=1)
                    repaired.writestr(info.filename, part)
            return out.getvalue()
    except Exception:
        return data


def read(data: bytes) -> list[dict]:
    import python_calamine

    count_rows(data, _limit("INCENTIVE_MAX_ROWS", 2_000_000), _limit("INCENTIVE_MAX_CELLS", 40_000_000))
    check_shared_strings(data)
    data = repair_dimensions(data)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = []
    for meta in book.sheets_metadata:
        sheet = book.get_sheet_by_name(meta.name)
        sheets.append(
            {
                "name": meta.name,
                "hidden": meta.visible != python_calamine.SheetVisibleEnum.Visible,
                "rows": sheet.to_python(skip_empty_area=False),
                "merged": list(sheet.merged_cell_ranges or []),
            }
        )
    formats = (
        workbook_formats.xls_formats(data) if data[:4] == b"\xd0\xcf\x11\xe0" else workbook_formats.xlsx_formats(data)
    )
    date1904 = workbook_formats.uses_1904_dates(data)
    scan = workbook_formats.xlsx_sheet_scan(data)
    for sheet in sheets:
        sheet["hidden_rows"] = scan.hidden_rows.get(sheet["name"], [])
        sheet["hidden_columns"] = scan.hidden_columns.get(sheet["name"], [])
        _show_unsaved_formulas(sheet["rows"], scan.unsaved_formulas.get(sheet["name"], {}))
        sheet["number_formats"] = workbook_formats.numeric_cells(sheet["rows"], formats.get(sheet["name"], {}))
        sheet["date1904"] = date1904
    return sheets


def _show_unsaved_formulas(rows: list[list], formulas: dict[tuple[int, int], str]) -> None:
    """A formula cell without a trusted result holds its formula (`=10+2.5`) instead of the blank or 0 calamine
    reads, so that the importer refuses it (`formula_without_value`) rather than import a missing value or a 0;
    rows that are not data (a 合计 row, a column not imported) ignore it as before."""
    for (r, c), formula in formulas.items():
        if r < len(rows) and c < len(rows[r]):
            rows[r][c] = formula


def _limit(name: str, default: int) -> int:
    import os

    return int(os.environ.get(name, default))


def read_html(data: bytes) -> list[dict] | None:
    """The page's first table as one sheet, or None when it has none."""
    from incentive.intake import html_tables

    table = html_tables.first_table(html_tables.decode_html(data))
    if table is None:
        return None
    rows, merged = table
    return [{"name": "", "hidden": False, "rows": rows, "merged": merged, "number_formats": {}}]


def main() -> int:
    _cap_memory()
    import python_calamine

    out, sys.stdout = sys.stdout.buffer, sys.stderr  # nothing a library prints may reach the pickle
    try:
        data = sys.stdin.buffer.read()
        sheets = read_html(data) if sys.argv[1:] == ["html"] else read(data)
        if sheets is None:
            return EXIT_NO_TABLE
        check_cells(sheets, _limit("INCENTIVE_MAX_ROWS", 2_000_000))
    except Refused as refused:
        out.write(pickle.dumps({"refused": refused.key, **refused.params}, protocol=pickle.HIGHEST_PROTOCOL))
        return 0
    except python_calamine.PasswordError:
        return EXIT_PASSWORD
    except BaseException:
        return EXIT_UNREADABLE
    out.write(pickle.dumps(sheets, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(main())
