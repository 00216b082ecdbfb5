"""The number format of each numeric cell of a workbook: what the person who typed the value saw.

python-calamine gives values but no formats, and Excel stores typed text as numbers shown through the cell's
format (`2026.10` typed in a `0.00` cell is stored as 2026.1; `85%` as 0.85 with `0%`). This module is read in the
workbook child process (see workbook_reader), after calamine, so it imports the standard library only (xlrd is
imported for legacy .xls alone).

- .xlsx/.xlsm: the workbook's parts are read with the standard library: xl/styles.xml (its `numFmts` and the
  `numFmtId` of each `cellXfs` entry) and each sheet's `s` attribute. openpyxl would give the same, but it reads
  every cell again (about 20 s for 100,000 rows x 8 columns, against 2 s for calamine); this costs nothing when no
  style has an interesting format, and about a tenth of the calamine read when one has.
- .xls: xlrd with formatting_info=True (XF records -> FORMAT strings); sheets are loaded only when some XF has an
  interesting format.

"Interesting" means not General and not a date or time: calamine already turns date cells into dates, so their
formats tell nothing more. Every reader here is best effort: a part it cannot read gives no formats, never a
refusal of a file calamine could read.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

Formats = dict[tuple[int, int], str]  # (0-based row, 0-based column) -> format code

# ECMA-376 part 1, 18.8.30: formats every workbook has without declaring them. 5-8 are the currency formats of a
# Chinese locale; 27-36 and 50-58 are locale date formats (dates in Chinese Excel), so never interesting here.
BUILTIN_FORMATS = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"¥"#,##0;"¥"\\-#,##0',
    6: '"¥"#,##0;[Red]"¥"\\-#,##0',
    7: '"¥"#,##0.00;"¥"\\-#,##0.00',
    8: '"¥"#,##0.00;[Red]"¥"\\-#,##0.00',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "yyyy/m/d",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "yyyy/m/d h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("¥"* #,##0_);_("¥"* \\(#,##0\\);_("¥"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("¥"* #,##0.00_);_("¥"* \\(#,##0.00\\);_("¥"* "-"??_);_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mm:ss.0",
    48: "##0.0E+0",
    49: "@",
}
_LOCALE_DATE_IDS = frozenset(range(27, 37)) | frozenset(range(50, 59))

# Literal parts of a format code: quoted text, an escaped character, a space the width of a character (_x), a
# fill character (*x), and bracketed parts ([Red], [$-804], [>=100], and the elapsed-time [h], [mm], [ss]).
_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
_ELAPSED = re.compile(r"\[(h+|m+|s+)\]", re.IGNORECASE)
_GENERAL = frozenset({"general", "g/通用格式"})


def is_date_format(code: str) -> bool:
    """A date or time format (`yyyy-mm-dd`, `h:mm`, `[h]:mm:ss`, `yyyy"年"m"月"`): d, m, y, h or s outside literals."""
    if _ELAPSED.search(code):
        return True
    bare = _LITERALS.sub("", code).lower()
    return bare not in _GENERAL and re.search(r"[dmyhs]|上午|下午", bare) is not None


def is_general_format(code: str) -> bool:
    """General (Chinese Excel and WPS write `G/通用格式`), also with only a colour or condition added."""
    return _LITERALS.sub("", code.split(";")[0]).strip().lower() in _GENERAL


def interesting(code: str | None) -> bool:
    """Worth reporting for a numeric cell: a format that is neither General nor a date or time."""
    return bool(code) and not is_general_format(code) and not is_date_format(code)


def numeric_cells(rows: list[list], formats: Formats) -> Formats:
    """The formats of the cells that calamine read as numbers (not dates, text, booleans or blanks)."""
    out = {}
    for (r, c), code in formats.items():
        if r < len(rows) and c < len(rows[r]):
            value = rows[r][c]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out[(r, c)] = code
    return out


# ------------------------------------------------------------------ .xlsx, .xlsm


def xlsx_formats(data: bytes) -> dict[str, Formats]:
    """Sheet name -> formats of the cells whose style has an interesting format; {} when none has one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _XlsxParts(archive).formats()
    except Exception:
        return {}


class _XlsxParts:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = {name.lower(): name for name in archive.namelist()}

    def read(self, path: str) -> bytes | None:
        name = self.names.get(path.lstrip("/").lower())
        return self.archive.read(name) if name else None

    def relationships(self, part: str) -> list[tuple[str, str, str]]:
        """(id, type, target path) of a part's relationships."""
        folder, _, base = part.rpartition("/")
        data = self.read(posixpath.join(folder, "_rels", base + ".rels"))
        if data is None:
            return []
        out = []
        for rel in ET.fromstring(data).iter():
            if _local(rel.tag) == "Relationship" and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                path = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
                out.append((rel.get("Id", ""), rel.get("Type", ""), path))
        return out

    def formats(self) -> dict[str, Formats]:
        book = next(
            (path for _, kind, path in self.relationships("") if kind.endswith("/officeDocument")), "xl/workbook.xml"
        )
        rels = self.relationships(book)
        styles = next((path for _, kind, path in rels if kind.endswith("/styles")), None)
        wanted = self.wanted_styles(styles) if styles else {}
        if not wanted:
            return {}
        targets = {rid: path for rid, kind, path in rels if kind.endswith("/worksheet")}
        out = {}
        for sheet in ET.fromstring(self.read(book)).iter():
            if _local(sheet.tag) != "sheet":
                continue
            rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
            xml = self.read(targets[rid]) if rid in targets else None
            if xml is not None:
                out[sheet.get("name", "")] = cell_formats(xml, wanted)
        return out

    def sheet_paths(self) -> dict[str, str]:
        """Sheet name -> the path of its part, for the sheets the workbook part lists."""
        book = next(
            (path for _, kind, path in self.relationships("") if kind.endswith("/officeDocument")), "xl/workbook.xml"
        )
        targets = {rid: path for rid, kind, path in self.relationships(book) if kind.endswith("/worksheet")}
        out = {}
        for sheet in ET.fromstring(self.read(book)).iter():
            if _local(sheet.tag) != "sheet":
                continue
            rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
            if rid in targets:
                out[sheet.get("name", "")] = targets[rid]
        return out

    def wanted_styles(self, path: str) -> dict[int, str]:
        """Style index (the `s` of a cell) -> format code, for the styles whose format is interesting."""
        data = self.read(path)
        if data is None:
            return {}
        root = ET.fromstring(data)
        declared = {}
        for element in root.iter():
            if _local(element.tag) == "numFmt" and element.get("numFmtId", "").isdigit():
                declared[int(element.get("numFmtId"))] = element.get("formatCode", "")
        wanted = {}
        for block in root:
            if _local(block.tag) != "cellXfs":
                continue
            for index, xf in enumerate(x for x in block if _local(x.tag) == "xf"):
                fid = int(xf.get("numFmtId", "0")) if xf.get("numFmtId", "0").isdigit() else 0
                code = declared.get(fid) or (None if fid in _LOCALE_DATE_IDS else BUILTIN_FORMATS.get(fid))
                if interesting(code):
                    wanted[index] = code
        return wanted


def _local(tag: str) -> str:
    return tag.rpartition("}")[2].rpartition(":")[2]


def cell_formats(xml: bytes, wanted: dict[int, str]) -> Formats:
    """(row, column) -> format of the cells of one sheet part whose style index is in `wanted`."""
    if 0 not in wanted:  # a cell without `s` has style 0: only then must every cell be visited
        found = _cells_by_search(xml, wanted)
        if found is not None:
            return found
    return _cells_by_parsing(xml, wanted)


def _cells_by_search(xml: bytes, wanted: dict[int, str]) -> Formats | None:
    """The fast way, for cells written as Excel, WPS, LibreOffice and openpyxl write them (`<c r="B2" s="3"`): a
    tenth of the time of a parse. Trusted only when every `s="N"` of a wanted style in the part is such a cell tag
    or a row's style (cell text is escaped, so no tag hides in it); else None, and the part is parsed."""
    styles = b"|".join(str(i).encode() for i in wanted)
    cells = re.findall(rb'<c r="([A-Z]{1,3})([0-9]{1,7})" s="(' + styles + rb')"', xml)
    rows = re.findall(rb'<row [^>]* s="(' + styles + rb')"', xml)
    if len(cells) + len(rows) != len(re.findall(rb' s="(' + styles + rb')"', xml)):
        return None
    column = {letters: _column_index(letters.decode()) for letters in {letters for letters, _, _ in cells}}
    code = {str(i).encode(): wanted[i] for i in wanted}
    return {(int(row) - 1, column[letters]): code[style] for letters, row, style in cells}


class _Position:
    """The (row, column) of the cell being read in a sheet part, 0-based, counted as calamine counts them when a
    row or cell has no `r` attribute (the next row; the next cell of the row)."""

    def __init__(self) -> None:
        self.row, self.column = -1, -1

    def enter(self, name: str, attrs: dict[str, str]) -> str:
        """Follow an element's start (a row or a cell moves the position); its local name."""
        local = name.rpartition(":")[2]
        if local == "row":
            self.enter_row(attrs)
        elif local == "c":
            self.enter_cell(attrs)
        return local

    def enter_row(self, attrs: dict[str, str]) -> None:
        r = attrs.get("r", "")
        self.row = int(r) - 1 if r.isdigit() else self.row + 1
        self.column = -1

    def enter_cell(self, attrs: dict[str, str]) -> None:
        m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?([0-9]+)", attrs.get("r", ""))
        if m:
            self.row, self.column = int(m.group(2)) - 1, _column_index(m.group(1))
        else:
            self.column += 1


def _cells_by_parsing(xml: bytes, wanted: dict[int, str]) -> Formats:
    """Every row and cell through expat, positions counted as calamine counts them when `r` is absent."""
    out: Formats = {}
    at = _Position()

    def start(name: str, attrs: dict[str, str]) -> None:
        local = at.enter(name, attrs)
        if local == "c":
            s = attrs.get("s", "0")
            code = wanted.get(int(s)) if s.isdigit() else None
            if code is not None:
                out[(at.row, at.column)] = code

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.Parse(xml, True)
    return out


def _column_index(letters: str) -> int:
    """A -> 0, Z -> 25, AA -> 26."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


# ------------------------------------------------------------------ hidden rows

_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_ROW_NUMBER = re.compile(rb'\sr="([0-9]{1,7})"')
_HIDDEN = re.compile(rb'\shidden="(?:1|true)"')


@dataclass
class SheetScan:
    """What the sheet parts of an .xlsx/.xlsm say beyond calamine's values (empty for any other file)."""

    hidden_rows: dict[str, list[int]] = field(default_factory=dict)  # sheet name -> 0-based rows hidden in Excel
    # sheet name -> 0-based, inclusive (first, last) column ranges hidden in Excel
    hidden_columns: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    unsaved_formulas: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # unsaved_formulas


def xlsx_sheet_scan(data: bytes) -> SheetScan:
    """Each sheet part read once, one at a time (the reader's memory is capped), for its hidden rows and its
    formulas without a trusted result; a part that cannot be read or parsed gives nothing."""
    scan = SheetScan()
    if data[:4] != b"PK\x03\x04":
        return scan
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = _XlsxParts(archive)
            recalculated = _recalculated_on_load(parts)
            for name, path in parts.sheet_paths().items():
                xml = parts.read(path)
                if xml is None:
                    continue
                hidden = hidden_rows(xml)
                if hidden:
                    scan.hidden_rows[name] = hidden
                columns = hidden_columns(xml)
                if columns:
                    scan.hidden_columns[name] = columns
                unsaved = unsaved_formulas(xml, recalculated)
                if unsaved:
                    scan.unsaved_formulas[name] = unsaved
    except Exception:
        return SheetScan()
    return scan


def hidden_rows(xml: bytes) -> list[int]:
    """0-based indexes of the rows of one sheet part hidden in Excel (`<row r="3" hidden="1">`: hidden by hand or
    by a filter)."""
    if b"hidden=" not in xml:
        return []
    found = []
    for tag in _ROW_TAG.findall(xml):
        number = _ROW_NUMBER.search(tag)
        if number and _HIDDEN.search(tag):
            found.append(int(number.group(1)) - 1)
    return found


_COL_TAG = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_COL_MIN = re.compile(rb'\smin="([0-9]{1,5})"')
_COL_MAX = re.compile(rb'\smax="([0-9]{1,5})"')


def hidden_columns(xml: bytes) -> list[tuple[int, int]]:
    """0-based, inclusive (first, last) ranges of the columns of one sheet part hidden in Excel (`<cols><col min="2"
    max="3" hidden="1"/>`), read as hidden rows are; the `<cols>` block comes before the cells."""
    head = xml.split(b"<sheetData", 1)[0] if b"<sheetData" in xml else xml.split(b":sheetData", 1)[0]
    if b"hidden=" not in head:
        return []
    found = []
    for tag in _COL_TAG.findall(head):
        low, high = _COL_MIN.search(tag), _COL_MAX.search(tag)
        if low and _HIDDEN.search(tag):
            first = int(low.group(1)) - 1
            found.append((first, int(high.group(1)) - 1 if high else first))
    return found


# ------------------------------------------------------------------ formulas without a saved result


def unsaved_formulas(xml: bytes, recalculated: bool) -> dict[tuple[int, int], str]:
    """(row, column) -> formula text (`=10+2.5`) of the cells of one sheet part whose formula has no saved result
    we can trust: a workbook written by a program that Excel or WPS never saved. openpyxl writes
    `<f>10+2.5</f><v></v>` (calamine reads a blank), XlsxWriter `<f>10+2.5</f><v>0</v>` (calamine reads 0); both
    mark the workbook `<calcPr fullCalcOnLoad="1">` (`recalculated`: recalculate when opened), so in such a workbook
    no formula's stored result is trusted, and elsewhere a formula without a stored result is not
    (docs/decisions.md#formulas-without-a-saved-result)."""
    if b"<f" not in xml and b":f" not in xml and b't="e"' not in xml:  # most sheets have neither: no parse
        return {}
    return _unsaved_formulas(xml, recalculated)


def _recalculated_on_load(parts: _XlsxParts) -> bool:
    book = next(
        (path for _, kind, path in parts.relationships("") if kind.endswith("/officeDocument")), "xl/workbook.xml"
    )
    for element in ET.fromstring(parts.read(book)).iter():
        if _local(element.tag) == "calcPr":
            return element.get("fullCalcOnLoad", "").lower() in ("1", "true")
    return False


def _unsaved_formulas(xml: bytes, recalculated: bool) -> dict[tuple[int, int], str]:
    """The formula cells of one sheet part without a trusted result, positions counted as calamine counts them.
    `recalculated`: the workbook asks to be recalculated when opened, so no stored result is trusted. A text
    result (`t="str"`) may be empty: that is what Excel showed. An error value (`t="e"`, `#DIV/0!`), which calamine
    reads as blank, is given as its text (cell_values.EXCEL_ERRORS refuses it; `#N/A` reads as missing)."""
    out: dict[tuple[int, int], str] = {}
    at = _Position()
    cell: dict = {}  # the cell being read

    def start(name: str, attrs: dict[str, str]) -> None:
        local = at.enter(name, attrs)
        if local == "c":
            cell.clear()
            cell.update(
                formula=None, result="", text_result=attrs.get("t") == "str", error=attrs.get("t") == "e", inside=""
            )
        elif local in ("f", "v"):
            cell["inside"] = local
            if local == "f":
                cell["formula"] = ""

    def text(chunk: str) -> None:
        if cell.get("inside") == "f":
            cell["formula"] += chunk
        elif cell.get("inside") == "v":
            cell["result"] += chunk

    def end(name: str) -> None:
        local = name.rpartition(":")[2]
        if local in ("f", "v"):
            cell["inside"] = ""
        elif local == "c" and cell.get("formula") is not None:
            saved = bool(cell["result"].strip()) or cell["text_result"]
            if recalculated or not saved:
                out[(at.row, at.column)] = "=" + (cell["formula"].strip() or "…")
            elif cell["error"]:
                out[(at.row, at.column)] = cell["result"].strip()
        elif local == "c" and cell.get("error") and cell["result"].strip():
            out[(at.row, at.column)] = cell["result"].strip()

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.Parse(xml, True)
    return out


# ------------------------------------------------------------------ .xls


def xls_formats(data: bytes) -> dict[str, Formats]:
    """Sheet name -> formats of the numeric cells whose XF has an interesting format (xlrd); {} when none has."""
    try:
        import xlrd

        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )  # xlrd's warnings would corrupt the pickle on stdout
        wanted = {}
        for index, xf in enumerate(book.xf_list):
            fmt = book.format_map.get(xf.format_key)
            if fmt is not None and interesting(fmt.format_str):
                wanted[index] = fmt.format_str
        if not wanted:
            return {}
        out = {}
        for name in book.sheet_names():
            sheet = book.sheet_by_name(name)
            cells = {}
            for r in range(sheet.nrows):
                for c, kind in enumerate(sheet.row_types(r)):
                    if kind == xlrd.XL_CELL_NUMBER:
                        code = wanted.get(sheet.cell_xf_index(r, c))
                        if code is not None:
                            cells[(r, c)] = code
            out[name] = cells
            book.unload_sheet(name)
        return out
    except Exception:
        return {}


# ------------------------------------------------------------------ date system


def uses_1904_dates(data: bytes) -> bool:
    """Whether the workbook counts serial dates from 1904-01-01 (Excel for Mac before 2011, or "Use 1904 date
    system" ticked): `<workbookPr date1904="1">` in an .xlsx/.xlsm, DATEMODE 1 in an .xls. Calamine reads date
    cells right in such a workbook but says nothing of it, and a number in a date column would otherwise be read
    4 years and a day early (docs/decisions.md#future-and-1904-dates); in an .xlsb, the f1904 bit of the
    workbook part's BrtWbProp record ([MS-XLSB] 2.4.820). False for anything else (.ods stores dates as text) and
    when the part cannot be read."""
    try:
        if data[:4] == b"\xd0\xcf\x11\xe0":
            import xlrd

            return xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO()).datemode == 1
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = _XlsxParts(archive)
            book = next(
                (path for _, kind, path in parts.relationships("") if kind.endswith("/officeDocument")),
                "xl/workbook.xml",
            )
            xml = parts.read(book)
            if xml is not None and book.lower().endswith(".bin"):
                return _xlsb_1904(xml)
            if xml is None or not book.lower().endswith(".xml"):
                return False
            for element in ET.fromstring(xml):
                if _local(element.tag) == "workbookPr":
                    return element.get("date1904", "").strip().lower() in ("1", "true")
    except Exception:
        return False
    return False


_BRT_WB_PROP = 0x0099  # [MS-XLSB] 2.3.2: the workbook's properties; its first byte's lowest bit is f1904
_BRT_BEGIN_BUNDLE_SHS = 0x008F  # the sheet list, which follows the properties: no BrtWbProp after it


def _xlsb_1904(part: bytes) -> bool:
    """Whether an .xlsb workbook part (xl/workbook.bin) says f1904. Its records ([MS-XLSB] 2.1.4): a type of one
    or two bytes and a size of one to four, each byte giving 7 bits (lowest first) and its high bit saying
    another follows, then the record's data."""
    at = 0
    try:
        while at < len(part):
            kind, at = _xlsb_number(part, at, 2)
            size, at = _xlsb_number(part, at, 4)
            if kind == _BRT_WB_PROP:
                return size >= 1 and at < len(part) and part[at] & 0x01 == 1
            if kind == _BRT_BEGIN_BUNDLE_SHS:
                return False
            at += size
    except ValueError:  # a record cut short: a damaged part, read as Excel's default (the 1900 system)
        return False
    return False


def _xlsb_number(part: bytes, at: int, most: int) -> tuple[int, int]:
    """A record's type or size at `at` and the offset after it. ValueError past the part's end."""
    value = 0
    for i in range(most):
        if at >= len(part):
            raise ValueError("record past the end of the part")
        byte = part[at]
        at += 1
        value |= (byte & 0x7F) << (7 * i)
        if byte & 0x80 == 0:
            break
    return value, at
