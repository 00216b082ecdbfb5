"""Reads a workbook in a child process: `python -m incentive.workbook_reader < book.xlsx > sheets.pickle`.

python-calamine's Rust core can abort the whole process on a damaged file (a failed 280 GB allocation was seen in a
mutated .xls), which inside the app would take the server and every session down. In a child process, with its
address space capped, the worst case is a refusal with one clear sentence. Standard library and calamine only (and
xlrd for the number formats of a legacy .xls), so the child starts quickly.

Each sheet comes back as its cells from A1 (`to_python(skip_empty_area=False)`: blank leading rows and columns
kept, so row i is Excel row i + 1), its merged ranges and the number formats of its numeric cells
(workbook_formats). With the argument `html`, the child reads a web page's first table instead (html_tables): a
page's tree takes many times its size in memory, which the cap bounds too.
"""

from __future__ import annotations

import io
import pickle
import re
import sys
import zipfile

from incentive import workbook_formats

MEMORY_LIMIT_BYTES = 4 * 1024**3
EXIT_PASSWORD = 10
EXIT_UNREADABLE = 11
EXIT_NO_TABLE = 12

# A sheet's <dimension> is a hint of its used range; Excel and WPS ignore a malformed one, calamine refuses the
# sheet ("1:4" has no column part: "Range is missing the expected column component").
_DIMENSION = re.compile(
    rb"""<((?:[A-Za-z_][\w.-]*:)?dimension)\s+ref\s*=\s*["']([^"']*)["']\s*(?:/>|>\s*</\1\s*>)""")
_VALID_REF = re.compile(rb"[A-Za-z]{1,3}[0-9]{1,7}(:[A-Za-z]{1,3}[0-9]{1,7})?")
_HEAD_BYTES = 64 * 1024


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
    except Exception:  # noqa: BLE001 - a damaged zip: calamine says what is wrong with it
        return data


def read(data: bytes) -> list[dict]:
    import python_calamine

    data = repair_dimensions(data)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = []
    for meta in book.sheets_metadata:
        sheet = book.get_sheet_by_name(meta.name)
        sheets.append({
            "name": meta.name,
            "hidden": meta.visible != python_calamine.SheetVisibleEnum.Visible,
            "rows": sheet.to_python(skip_empty_area=False),
            "merged": list(sheet.merged_cell_ranges or []),
        })
    formats = (workbook_formats.xls_formats(data) if data[:4] == b"\xd0\xcf\x11\xe0"
               else workbook_formats.xlsx_formats(data))
    for sheet in sheets:
        sheet["number_formats"] = workbook_formats.numeric_cells(sheet["rows"], formats.get(sheet["name"], {}))
    return sheets


def read_html(data: bytes) -> list[dict] | None:
    """The page's first table as one sheet, or None when it has none."""
    from incentive import html_tables

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
    except python_calamine.PasswordError:
        return EXIT_PASSWORD
    except BaseException:  # noqa: BLE001 - calamine raises many types, and pyo3 panics derive from BaseException
        return EXIT_UNREADABLE
    out.write(pickle.dumps(sheets, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(main())
