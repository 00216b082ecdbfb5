"""Reading bytes into sheets: the number format of each numeric cell, and files read by what they are rather than
by their names (every file is built here by code)."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import xls_bytes, xlsx_bytes

from incentive.i18n import TEXT
from incentive.intake import file_identity, number_formats, workbook_formats
from incentive.intake.ingest import parse_file
from incentive.intake.sheets import REFUSALS, read_sheets
from incentive.store.reference import current_reference

DATA = Path(__file__).parent / "data"


def values(preview) -> list[tuple]:
    return [
        (r.period, r.county, r.township, r.indicator, None if r.value is None or math.isnan(r.value) else r.value)
        for r in preview.rows.itertuples()
    ]


def messages(preview, lang="zh") -> list[str]:
    return preview.problem_texts(lang)


RACE = [["考核期", "县区", "指标", "数值"], ["2025Q2", "云岫县", "R01", 12.5], ["2025Q2", "云峤县", "R02", 3]]
RACE_VALUES = [("2025-Q2", "云岫县", "", "R01", 12.5), ("2025-Q2", "云峤县", "", "R02", 3.0)]


# ------------------------------------------------------------------ number formats


def _formatted_rows():
    """Blank rows 1-2 and column A, then a header and values under several formats (column letters B-H)."""
    return [
        [],
        [],
        [None, "考核期", "完成率", "编号", "文本格式", "日期", "常规", "文字"],
        [None, 2026.1, 0.85, 4.30102e17, 7, dt.date(2025, 6, 30), 3.5, "2026.10"],
        [None, 2025.06, 0.9, 12, 8, dt.date(2025, 7, 1), 4, "x"],
    ]


FORMATS = {
    "B4": "0.00",
    "B5": "0.00",
    "C4": "0%",
    "C5": "0.0%",
    "D4": "0.00E+00",
    "D5": "000000",
    "E4": "@",
    "E5": "@",
    "F4": "yyyy-mm-dd",
    "F5": 'yyyy"年"m"月"d"日"',
    "H4": "0.00",
}
EXPECTED = {
    (3, 1): "0.00",
    (4, 1): "0.00",
    (3, 2): "0%",
    (4, 2): "0.0%",
    (3, 3): "0.00E+00",
    (4, 3): "000000",
    (3, 4): "@",
    (4, 4): "@",
}  # dates, General and the text cell formatted 0.00 are not listed


@pytest.mark.slow
def test_xlsx_number_formats_of_numeric_cells_align_with_rows_after_blank_rows_and_columns():
    [sheet] = read_sheets("f.xlsx", xlsx_bytes(_formatted_rows(), formats=FORMATS))
    assert sheet.number_formats == EXPECTED
    assert sheet.rows[3][1] == 2026.1 and sheet.row_numbers[3] == 4  # (3, 1) is B4 as Excel shows it
    assert sheet.rows[3][2] == 0.85 and sheet.rows[3][5] == dt.date(2025, 6, 30)


def test_xls_number_formats_align_the_same_way():
    [sheet] = read_sheets("f.xls", xls_bytes(_formatted_rows(), formats=FORMATS))
    assert sheet.number_formats == EXPECTED
    assert sheet.rows[3][1] == 2026.1 and sheet.row_numbers[3] == 4


@pytest.mark.slow
def test_formats_are_kept_per_sheet_and_empty_for_text_and_plain_workbooks():
    data = xlsx_bytes([["数值"], [0.5]], before=[("说明", [["x"], [0.25]])], formats={"A2": "0%"})
    first, second = read_sheets("s.xlsx", data)
    assert first.number_formats == {} and second.number_formats == {(1, 0): "0%"}
    assert read_sheets("p.xlsx", xlsx_bytes(RACE))[0].number_formats == {}
    assert read_sheets("p.xls", xls_bytes(RACE))[0].number_formats == {}
    assert read_sheets("p.csv", "数值\n0.5\n".encode())[0].number_formats == {}


@pytest.mark.slow
def test_a_custom_format_and_a_builtin_one_are_both_named_by_their_code():
    # openpyxl writes 0% as built-in id 9 (no declaration in styles.xml) and 0.000 as a declared custom format
    [sheet] = read_sheets("f.xlsx", xlsx_bytes([["a", "b"], [0.5, 1.25]], formats={"A2": "0%", "B2": "0.000"}))
    assert sheet.number_formats == {(1, 0): "0%", (1, 1): "0.000"}


SHEET_XML = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="2" s="3" customFormat="1"><c r="B2" s="3"><v>1</v></c><c s="1"><v>2</v></c></row>'
    b'<row><c r="D3" s="1" t="inlineStr"><is><t>a s="3" b</t></is></c><c><v>4</v></c><c s="3"><v>5</v></c>'
    b"</row></sheetData></worksheet>"
)


def test_cells_without_references_are_counted_as_calamine_counts_them():
    # C2 has no r (after B2); row 3 has no r (after row 2); E3 and F3 follow D3. Row styles and text that looks
    # like an attribute are not cells.
    wanted = {3: "0.00", 1: "0%"}
    assert workbook_formats.cell_formats(SHEET_XML, wanted) == {
        (1, 1): "0.00",
        (1, 2): "0%",
        (2, 3): "0%",
        (2, 5): "0.00",
    }
    assert workbook_formats.cell_formats(SHEET_XML, {0: "0.0"}) == {(2, 4): "0.0"}  # style 0: a cell with no s


def test_the_fast_search_agrees_with_the_parse():
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" s="{r % 3}"><v>{r}</v></c><c r="AB{r}" s="2" t="n"><v>1</v></c>'
        f'<c r="C{r}" t="s"><v>0</v></c></row>'
        for r in range(1, 200)
    )
    xml = f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode()
    wanted = {1: "0.00", 2: "0%"}
    fast = workbook_formats._cells_by_search(xml, wanted)
    assert fast is not None and len(fast) == 199 + 133
    assert fast == workbook_formats._cells_by_parsing(xml, wanted)
    assert workbook_formats._cells_by_search(SHEET_XML, {3: "0.00", 1: "0%"}) is None  # not all cells canonical


@pytest.mark.parametrize(
    "code,date",
    [
        ("yyyy-mm-dd", True),
        ('yyyy"年"m"月"d"日"', True),
        ("h:mm", True),
        ("[h]:mm:ss", True),
        ("mm:ss.0", True),
        ("0.00", False),
        ("0%", False),
        ("0.00E+00", False),
        ("@", False),
        ('#,##0.00"元"', False),
        ("[Red]0.00;[Blue]-0.00", False),
        ('0.0" d"', False),
        ("General", False),
        ("G/通用格式", False),
    ],
)
def test_date_formats_are_told_from_number_formats(code, date):
    assert workbook_formats.is_date_format(code) is date


@pytest.mark.parametrize(
    "code,expected",
    [
        ("General", False),
        ("general", False),
        ("G/通用格式", False),
        ("[Red]General", False),
        ("yyyy-mm-dd", False),
        ("0.00", True),
        ("0%", True),
        ("@", True),
        ("0.00E+00", True),
        ("000000", True),
        (None, False),
        ("", False),
    ],
)
def test_interesting_formats(code, expected):
    assert workbook_formats.interesting(code) is expected


@pytest.mark.parametrize(
    "code,decimals,percent,scientific,text",
    [
        ("0.00", 2, False, False, False),
        ("0", 0, False, False, False),
        ("#,##0.0", 1, False, False, False),
        ("#,##0.00_);[Red](#,##0.00)", 2, False, False, False),
        ('"¥"#,##0.00', 2, False, False, False),
        ("0%", 0, True, False, False),
        ("0.00%", 2, True, False, False),
        ('0.00"%"', 2, False, False, False),  # a quoted percent sign is text: the value is not scaled
        ("0.00E+00", 2, False, True, False),
        ("##0.0E+0", 1, False, True, False),
        ("@", None, False, False, True),
        ("General", None, False, False, False),
        (None, None, False, False, False),
    ],
)
def test_number_format_codes(code, decimals, percent, scientific, text):
    assert number_formats.decimal_places(code) == decimals
    assert number_formats.is_percent_format(code) is percent
    assert number_formats.is_scientific_format(code) is scientific
    assert number_formats.is_text_format(code) is text


def test_every_builtin_format_is_classified():
    for fid, code in workbook_formats.BUILTIN_FORMATS.items():
        date = fid in range(14, 23) or fid in (45, 46, 47)
        assert workbook_formats.is_date_format(code) is date, (fid, code)
    assert number_formats.displayed_number(2026.1, workbook_formats.BUILTIN_FORMATS[2]) == "2026.10"


@pytest.mark.parametrize(
    "value,code,shown",
    [
        (2026.1, "0.00", "2026.10"),
        (2026.1, "#.##", "2026.1"),  # `#` shows no trailing zero: Excel shows 2026.1
        (2026.12, "#.##", "2026.12"),
        (5.0, "#.##", "5."),
        (0.5, "#.##", ".5"),
        (2026.1, "0.0#", "2026.1"),
        (2026.12, "0.0#", "2026.12"),
        (2026.0, "0.0#", "2026.0"),
        (2026.1, "0.##", "2026.1"),
        (2026.1, "0.??", "2026.1 "),  # `?` shows a space for a trailing zero
        (1234.5, "#,##0.00", "1,234.50"),
        (2026.1, "#,##0.00", "2,026.10"),
        (-1234.5, "#,##0.00", "-1,234.50"),
        (5.0, "00.0", "05.0"),
        (15655400, "0.00,,", "15.66"),
        (24993100, "#,##0,", "24,993"),
        (2026.11, "0.0", "2026.1"),
        (2026.1, "General", None),
        (0.85, "0%", None),
        (4.30102e17, "0.00E+00", None),
        (1.5, "# ?/?", None),
    ],
)
def test_displayed_number_follows_excel_placeholders(value, code, shown):
    """`0` shows a digit always, `#` only when it is no trailing zero, `?` a space for one (Excel's number format
    codes): 2026.1 through `#.##` shows 2026.1, which names no one month, not 2026.10."""
    assert number_formats.displayed_number(value, code) == shown


# ------------------------------------------------------------------ what a file really is


def test_a_gbk_tab_separated_text_named_xls_is_read_as_text(catalog_db):
    text = (
        "2025年第二季度赛马考评\n考核期\t县区\t指标\t数值\n2025Q2\t云岫县\t招商引资额\t12.5\n2025Q2\t云峤县\tR02\t3\n"
    )
    preview = parse_file("得分.xls", text.encode("gbk"), current_reference(catalog_db))
    assert preview.importable and values(preview) == RACE_VALUES
    assert preview.encoding == "gb18030" and preview.header_row == 2 and preview.sheet == ""


@pytest.mark.slow
def test_a_workbook_named_csv_and_a_csv_named_xlsx_are_read_as_what_they_are(catalog_db):
    assert values(parse_file("得分.csv", xlsx_bytes(RACE), current_reference(catalog_db))) == RACE_VALUES
    csv = "考核期,县区,指标,数值\n2025Q2,云岫县,R01,12.5\n2025Q2,云峤县,R02,3\n".encode("utf-8-sig")
    assert values(parse_file("得分.xlsx", csv, current_reference(catalog_db))) == RACE_VALUES


def _with_dimension(data: bytes, ref: str) -> bytes:
    """The workbook with the first sheet's <dimension> rewritten, as some exporting programs write it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), part)
                assert n == 1
            target.writestr(info, part)
    return out.getvalue()


@pytest.mark.parametrize("ref", ["1:4", "A:D", "", "A1:D", "$A$1:$D$3"])
@pytest.mark.slow
def test_a_dimension_hint_without_its_column_or_row_part_does_not_hide_the_cells(catalog_db, ref):
    rows = [[], *RACE]  # the header on row 2
    data = _with_dimension(xlsx_bytes(rows, formats={"D3": "0.0"}), ref)
    preview = parse_file("得分.xlsx", data, current_reference(catalog_db))
    assert preview.importable and values(preview) == RACE_VALUES and preview.header_row == 2
    assert read_sheets("得分.xlsx", data)[0].number_formats == {(2, 3): "0.0"}


def test_a_well_formed_dimension_that_understates_the_range_still_reads_every_cell(catalog_db):
    data = _with_dimension(xlsx_bytes(RACE), "A1:B2")
    assert values(parse_file("得分.xlsx", data, current_reference(catalog_db))) == RACE_VALUES


WEB_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<style>td {{ mso-number-format:"\\@"; }}</style></head><body>
<p>导出时间：2025-07-01</p>
<table border="1">
<tr><td colspan="4">2025年第二季度赛马考评得分</td></tr>
<tr><th>考核期</th><th>县区</th><th>指标</th><th>数&nbsp;值</th></tr>
<tr><td>2025Q2</td><td>云岫县</td><td>R01</td><td>1,234</td></tr>
<tr><td>2025Q2</td><td>云岫县</td><td>R03</td><td>85%</td></tr>
<tr><td>2025Q2</td><td>云峤县</td><td>R02</td><td>3</td>
</table>{tail}</body></html>"""


def test_a_web_page_table_named_xls_is_read_by_its_first_table(catalog_db):
    data = WEB_PAGE.format(tail="<table><tr><td>另一个表</td></tr></table>").encode("gbk")
    preview = parse_file("系统导出.xls", data, current_reference(catalog_db))
    assert preview.importable, messages(preview)
    assert preview.header_row == 2
    assert values(preview) == [
        ("2025-Q2", "云岫县", "", "R01", 1234.0),
        ("2025-Q2", "云岫县", "", "R03", 85.0),
        ("2025-Q2", "云峤县", "", "R02", 3.0),
    ]


def test_a_web_page_table_keeps_spans_as_merged_ranges_and_text_as_shown():
    data = (
        WEB_PAGE.format(tail="")
        .replace("<td>云岫县</td><td>R01", '<td rowspan="2">云岫县</td><td>R01')
        .replace("<td>云岫县</td><td>R03", "<td>R03")
        .encode("gbk")
    )
    [sheet] = read_sheets("x.xls", data)
    assert sheet.rows[0] == ["2025年第二季度赛马考评得分", "", "", ""]
    assert sheet.rows[1] == ["考核期", "县区", "指标", "数 值"]
    assert sheet.rows[3] == ["2025Q2", "", "R03", "85%"]  # 云岫县 spans rows 3-4: a merged cell, as Excel opens it
    assert sheet.merged == [((0, 0), (0, 3)), ((2, 1), (3, 1))]
    assert sheet.number_formats == {} and not sheet.is_workbook


@pytest.mark.slow
def test_a_web_page_table_in_utf8_without_a_charset_and_nested_in_a_layout_table(catalog_db):
    inner = (
        "<table><tr><td>考核期</td><td>县区</td><td>指标</td><td>数值</td></tr>"
        "<tr><td>2025Q2<td>云岫县<td>R01<td>12.5<tr><td>2025Q2<td>云峤县<td>R02<td>3</table>"
    )  # tags left open
    data = f"<!DOCTYPE html><table><tr><td>{inner}</td></tr></table>".encode()
    assert values(parse_file("x.xls", data, current_reference(catalog_db))) == RACE_VALUES


XML_2003 = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">县区</Data></Cell></Row></Table></Worksheet>
</Workbook>"""


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _ole(*stream_names: str) -> bytes:
    """A compound file header and a directory naming these streams, which calamine cannot read as a workbook."""
    body = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for name in ("Root Entry", *stream_names))
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + body + b"\0" * 1024


BROKEN_XLSX = xlsx_bytes(RACE)[:-200]  # cut short: the zip's directory at its end is gone


@pytest.mark.parametrize(
    "name,data,key",
    [
        ("web.xls", b"<html><body><p>\xe6\x97\xa0</p></body></html>", "file_html_no_table"),
        ("x.xls", XML_2003.encode(), "file_xml_spreadsheet"),
        ("x.xml", XML_2003.encode("utf-16"), "file_xml_spreadsheet"),
        ("data.xls", b'<?xml version="1.0" encoding="UTF-8"?><records><r a="1"/></records>', "file_is_xml"),
        (
            "report.xlsx",
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
            "file_is_word",
        ),
        (
            "slides.xlsx",
            _zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}),
            "file_is_presentation",
        ),
        ("bundle.xlsx", _zip({"得分.csv": "县区\n云岫县\n".encode()}), "file_is_archive"),
        ("bundle.csv", b"Rar!\x1a\x07\x01\x00" + bytes(range(256)), "file_is_archive"),
        ("cut.xlsx", BROKEN_XLSX, "file_zip_broken"),
        ("scan.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "file_is_pdf"),
        ("photo.xls", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(200), "file_is_image"),
        ("old.xls", _ole("WordDocument", "1Table"), "file_is_word"),
        ("locked.xlsx", _ole("EncryptedPackage", "EncryptionInfo"), "workbook_password"),
        ("damaged.xls", _ole("Workbook"), "workbook_corrupt"),
        ("noise.xlsx", bytes(range(256)) * 8, "workbook_not_a_workbook"),
        ("noise.xlsb", bytes(range(256)) * 8, "workbook_not_a_workbook"),
        ("noise.csv", bytes(range(256)) * 8, "file_binary"),
    ],
)
@pytest.mark.slow
def test_a_file_that_cannot_be_read_is_named_for_what_it_is(db, name, data, key):
    preview = parse_file(name, data, current_reference(db))
    assert not preview.importable and [p.key for p in preview.problems] == [key]
    zh, en = TEXT[key]
    assert messages(preview) == [f"文件「{name}」：{zh}"]
    assert messages(preview, "en") == [f"File “{name}”: {en}"]


def test_every_refusal_says_what_to_do_in_both_languages():
    for key in [
        *REFUSALS.values(),
        "workbook_corrupt",
        "workbook_not_a_workbook",
        "file_html_no_table",
        "file_html_unreadable",
    ]:
        zh, en = TEXT[key]
        assert "请" in zh and re.search(r"\b(upload|open|export|unpack|copy|ask)\b", en, re.IGNORECASE), key


def test_a_page_the_child_cannot_finish_is_named_a_web_page(db, monkeypatch):
    from incentive.intake import sheets

    monkeypatch.setattr(sheets, "WORKBOOK_TIMEOUT_SECONDS", 0.001)  # as if the page's tree took too long
    preview = parse_file("big.xls", WEB_PAGE.format(tail="").encode("gbk"), current_reference(db))
    assert [p.key for p in preview.problems] == ["file_html_unreadable"]


def test_identify_looks_at_content_only():
    assert file_identity.identify(xlsx_bytes(RACE)) == file_identity.WORKBOOK
    assert file_identity.identify(xls_bytes(RACE)) == file_identity.OLE
    assert file_identity.identify("县区,乡镇\n云岫县,安坝镇\n".encode("gbk")) == file_identity.TEXT
    assert file_identity.identify("县区\t乡镇\r\n".encode("utf-16")) == file_identity.TEXT
    assert file_identity.identify(b"<5,a\n1,2\n") == file_identity.TEXT  # a cell that starts with "<"
    assert file_identity.identify(b"  \r\n<TABLE><TR><TD>1</TD></TR></TABLE>") == file_identity.HTML


def test_an_xlsx_written_by_openpyxl_with_no_styles_reads_with_no_formats():
    book = openpyxl.Workbook()
    book.active.append(["a", 1.5])
    buffer = io.BytesIO()
    book.save(buffer)
    assert workbook_formats.xlsx_formats(buffer.getvalue()) == {}


@pytest.mark.slow
def test_mutated_web_pages_and_dimension_hints_answer_with_a_preview(db):
    from test_fuzz_ingest import mutate

    page = WEB_PAGE.format(tail="").encode("gbk")
    workbook = _with_dimension(xlsx_bytes(RACE), "1:4")
    for seed in range(12):
        for name, data in (("p.xls", mutate(page, seed)), ("w.xlsx", mutate(workbook, seed))):
            preview = parse_file(name, data, current_reference(db))
            assert all(name in text for text in preview.problem_texts("zh"))
    spans = '<table><tr><td colspan="999999" rowspan="999999">x</td></tr>' + "<tr><td>1</td></tr>" * 50 + "</table>"
    [sheet] = read_sheets("s.xls", spans.encode())
    assert sheet.merged == [((0, 0), (50, 999))] and len(sheet.rows) == 51  # spans capped as the HTML standard does


# ------------------------------------------------------------------ the 1904 date system of an .xlsb


@pytest.mark.slow
def test_an_xlsb_saved_in_the_1904_date_system_is_known_as_such():
    """An .xlsb keeps its date system in the workbook part's BrtWbProp record; a number in a date column of such a
    workbook counts from 1904 (docs/decisions.md#future-and-1904-dates), as in an .xlsx or .xls. The two files
    were saved by Excel (tests/data/calamine/README.md)."""
    data = DATA / "calamine"
    assert workbook_formats.uses_1904_dates((data / "date_1904.xlsb").read_bytes()) is True
    assert workbook_formats.uses_1904_dates((data / "date.xlsb").read_bytes()) is False
    sheets = read_sheets("d.xlsb", (data / "date_1904.xlsb").read_bytes())
    assert [s.date1904 for s in sheets] == [True]
    assert sheets[0].rows[0][0] == dt.date(2021, 1, 1)  # a date-formatted cell: calamine reads it in either system
    assert [s.date1904 for s in read_sheets("d.xlsb", (data / "date.xlsb").read_bytes())] == [False]


def test_a_damaged_xlsb_workbook_part_is_read_in_the_1900_system_without_failing():
    assert workbook_formats._xlsb_1904(b"") is False
    assert workbook_formats._xlsb_1904(b"\x99") is False  # the first byte of a type, then nothing
    assert workbook_formats._xlsb_1904(b"\x99\x01\x04\x01\x00\x00\x00") is True
    assert workbook_formats._xlsb_1904(b"\x83\x01\x00\x99\x01\x04\x00\x00\x00\x00") is False  # BrtBeginBook, f1904 0
    assert workbook_formats._xlsb_1904(b"\x8f\x01\x00\x99\x01\x04\x01\x00\x00\x00") is False  # after the sheet list


# ------------------------------------------------------------------ formulas without a saved result


def test_a_formula_with_no_saved_result_is_refused_not_read_as_missing(catalog_db):
    """A workbook written by a program (openpyxl, a web system's export) holds formulas without their results
    until Excel or WPS saves it. calamine reads such a cell as blank: a value silently missing, which would also
    blank a stored value. The cell is refused, naming row, column and formula; a 合计 row's formulas stay ignored."""
    rows = [
        ["考核期", "县区", "指标", "数值"],
        ["2025Q2", "云岫县", "R01", "=10+2.5"],
        ["2025Q2", "云峤县", "R02", 3],
        ["合计", None, None, "=SUM(D2:D3)"],
    ]
    preview = parse_file("得分.xlsx", xlsx_bytes(rows), current_reference(catalog_db))
    assert not preview.importable
    zh, en = messages(preview), messages(preview, "en")
    assert len(zh) == 1 and "第 2 行" in zh[0] and "数值 (D)" in zh[0] and "=10+2.5" in zh[0]
    assert "公式" in zh[0] and "保存" in zh[0]
    assert "formula" in en[0] and "row 2" in en[0]


@pytest.mark.slow
def test_a_formula_xlsxwriter_stored_as_0_is_refused_not_read_as_0(catalog_db, tmp_path):
    """XlsxWriter stores 0 as every formula's result and asks Excel to recalculate on opening (fullCalcOnLoad):
    calamine read the 0, a silently wrong value."""
    import xlsxwriter

    path = tmp_path / "得分.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("数据")
    for r, row in enumerate(RACE):
        sheet.write_row(r, 0, row)
    sheet.write_formula(1, 3, "=10+2.5")
    book.close()
    preview = parse_file("得分.xlsx", path.read_bytes(), current_reference(catalog_db))
    assert not preview.importable
    assert ["第 2 行" in m and "=10+2.5" in m for m in messages(preview)] == [True]


def _saved_by_excel(data: bytes, sheet_xml) -> bytes:
    """The workbook as Excel saves it: no request to recalculate on opening, the sheet part rewritten."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/workbook.xml":
                part = part.replace(b' fullCalcOnLoad="1"', b"")
            elif info.filename == "xl/worksheets/sheet1.xml":
                part = sheet_xml(part)
            target.writestr(info, part)
    return out.getvalue()


@pytest.mark.slow
def test_a_formula_with_its_saved_result_reads_the_result(catalog_db):
    def with_formula(sheet: bytes) -> bytes:
        changed = re.sub(rb'<c r="D2"([^>]*)><v>12.5</v></c>', rb'<c r="D2"\1><f>10+2.5</f><v>12.5</v></c>', sheet)
        assert changed != sheet
        return changed

    preview = parse_file("得分.xlsx", _saved_by_excel(xlsx_bytes(RACE), with_formula), current_reference(catalog_db))
    assert preview.importable and values(preview) == RACE_VALUES
    # ... and one without its result is still refused in a workbook Excel saved
    rows = [*RACE[:1], ["2025Q2", "云岫县", "R01", "=10+2.5"], RACE[2]]
    preview = parse_file("得分.xlsx", _saved_by_excel(xlsx_bytes(rows), lambda x: x), current_reference(catalog_db))
    assert not preview.importable and "=10+2.5" in messages(preview)[0]


def test_a_formula_where_a_number_or_a_period_is_read_is_refused(catalog_db):
    """A number cell says it is a formula; a period or date cell refuses it as no period; text columns keep
    formula-like text as data (escaped on export: tests/test_fuzz_ingest.py)."""
    csv = "考核期,县区,指标,数值\n2025Q2,云岫县,R01,=10+2.5\n=A2,云峤县,R02,3\n".encode()
    found = messages(parse_file("得分.csv", csv, current_reference(catalog_db)))
    assert len(found) == 2 and "公式" in found[0] and "=10+2.5" in found[0] and "「=A2」" in found[1]


# ------------------------------------------------------------------ hidden rows


def test_hidden_rows_that_import_are_named_in_a_note(catalog_db):
    """A row hidden in Excel (by hand, or by a filter showing one county) is data like any other, but the clerk
    did not see it when he checked the sheet: the preview names it."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [*RACE, ["2025Q2", "澄溪县", "R01", 9], ["合计", None, None, 24.5]]:
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    sheet.row_dimensions[5].hidden = True  # the 合计 row is no data: not named
    buffer = io.BytesIO()
    book.save(buffer)
    preview = parse_file("得分.xlsx", buffer.getvalue(), current_reference(catalog_db))
    assert preview.importable and len(preview.rows) == 3
    notes = [n.text("zh") for n in preview.notes]
    assert "1 行在 Excel 中是隐藏行（或被筛选隐藏），已照常导入：第 3 行；如不应导入，请删除后重新上传。" in notes
    assert [n.text("en") for n in preview.notes if "hidden" in n.text("en")] == [
        "Row 3 is hidden in Excel (by hand or by a filter) and imports like the others; if it should not, delete it "
        "and upload again."
    ]


@pytest.mark.slow
def test_hidden_columns_that_import_are_named_in_a_note(catalog_db):
    """A column hidden in Excel (`<col hidden="1">`) imports like any other, but the clerk did not see it: the
    preview names the imported hidden columns by their headers; a hidden column the importer does not read is not
    named."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in RACE:
        sheet.append([*row, "备注"])
    sheet.column_dimensions["D"].hidden = True  # 数值
    sheet.column_dimensions["E"].hidden = True  # no header the importer reads
    buffer = io.BytesIO()
    book.save(buffer)
    preview = parse_file("得分.xlsx", buffer.getvalue(), current_reference(catalog_db))
    assert preview.importable and values(preview) == RACE_VALUES
    assert "1 列在 Excel 中是隐藏列，已照常导入：数值 (D)；如不应导入，请删除后重新上传。" in [
        n.text("zh") for n in preview.notes
    ]
    assert [n.text("en") for n in preview.notes if "hidden" in n.text("en")] == [
        "Column 数值 (D) is hidden in Excel and imports like the others; if it should not, delete it and upload again."
    ]


def test_hidden_column_ranges_are_read_from_the_sheet_part():
    xml = (
        b'<worksheet><cols><col min="1" max="1" width="9"/><col min="2" max="4" hidden="1"/>'
        b'<col min="7" max="7" hidden="true" width="0"/></cols><sheetData><row r="1" hidden="1"/></sheetData>'
        b"</worksheet>"
    )
    assert workbook_formats.hidden_columns(xml) == [(1, 3), (6, 6)]
    assert workbook_formats.hidden_columns(b"<worksheet><sheetData/></worksheet>") == []


# ------------------------------------------------------------------ several data sheets


def test_a_second_data_sheet_of_the_same_kind_refuses_the_workbook(catalog_db):
    """二季度 and 三季度 in one workbook: importing the first alone, with "已跳过工作表：三季度" as for an
    instructions sheet, lost a quarter in silence (and of two versions of one quarter would import either)."""
    q3 = [["考核期", "县区", "指标", "数值"], ["2025Q3", "云岫县", "R01", 14]]
    data = xlsx_bytes(q3, sheet="三季度", before=[("二季度", RACE), ("填表说明", [["请按模板填写"]])])
    preview = parse_file("得分.xlsx", data, current_reference(catalog_db))
    assert preview.fatal and [(p.key, p.params) for p in preview.problems] == [
        ("sheets_same_kind", {"sheet": "二季度", "others": ["三季度"], "n": 1})
    ]
    assert "另有 1 张工作表（三季度）与「二季度」是同类数据" in messages(preview)[0]
    assert "sheet 三季度 holds data of the same kind as “二季度”" in messages(preview, "en")[0]


INSTRUCTIONS = [["考核期", "县区", "指标", "数值"], ["必填，如2026Q4", "必填", "代码或名称", "数字"]]


@pytest.mark.parametrize("name", ["填表说明", "说明", "示例", "模板说明", "填报说明"])
@pytest.mark.parametrize("first", [False, True])
@pytest.mark.slow
def test_an_instruction_sheet_naming_the_columns_is_skipped_not_a_second_data_sheet(catalog_db, name, first):
    """A tester's workbook: the instructions list the columns and what to write in each; it was refused as a
    second sheet of the same data, whether it came before or after the data sheet."""
    q3 = [["考核期", "县区", "指标", "数值"], ["2025Q3", "云岫县", "R01", 14]]
    if first:
        data = xlsx_bytes(q3, sheet="三季度", before=[(name, INSTRUCTIONS)])
    else:
        book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(INSTRUCTIONS, sheet=name, before=[("三季度", q3)])))
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
    preview = parse_file("得分.xlsx", data, current_reference(catalog_db))
    assert not preview.problems and values(preview) == [("2025-Q3", "云岫县", "", "R01", 14.0)]


@pytest.mark.slow
def test_a_sheet_whose_rows_hold_no_value_is_not_a_second_data_sheet(catalog_db):
    """A sheet under any name whose rows below the header import nothing (no row with a number) is no data."""
    q3 = [["考核期", "县区", "指标", "数值"], ["2025Q3", "云岫县", "R01", 14]]
    data = xlsx_bytes(q3, sheet="三季度", before=[("Sheet2", INSTRUCTIONS)])
    preview = parse_file("得分.xlsx", data, current_reference(catalog_db))
    assert not preview.problems and values(preview) == [("2025-Q3", "云岫县", "", "R01", 14.0)]


@pytest.mark.slow
def test_a_hidden_data_sheet_or_one_of_another_kind_is_named_as_data_not_imported(catalog_db):
    """Instruction sheets keep their note; a sheet that would import on its own is named as such."""
    data = xlsx_bytes(
        RACE, before=[("旧版", RACE), ("填表说明", [["请按模板填写"], ["县区", "说明"]])], hidden=["旧版"]
    )
    preview = parse_file("得分.xlsx", data, current_reference(catalog_db))
    assert preview.importable and values(preview) == RACE_VALUES
    zh = [n.text("zh") for n in preview.notes]
    assert (
        "工作表「旧版」也是可导入的数据（考评得分或关爱指标），未导入：如需导入，请把它另存为单独的文件后导入。" in zh
    )
    assert "已跳过工作表：填表说明。" in zh
    assert (
        "Sheet “旧版” holds data that would import (race scores or welfare indicators) and was not imported: to "
        "import it, save it as a file of its own and import that." in [n.text("en") for n in preview.notes]
    )
    # a roster beside the scores: the best header is read (the roster's), the scores are named as data
    roster = [
        ["干部编号", "姓名", "县区", "单位", "职级", "性别", "出生年份", "统计日期"],
        ["A1", "某", "云岫县", "安坝镇", "一级科员", "男", 1990, "2024-12-31"],
    ]
    preview = parse_file("混合.xlsx", xlsx_bytes(roster, before=[("得分", RACE)]), current_reference(catalog_db))
    assert preview.sheet == "数据" and preview.kind == "roster"
    assert "工作表「得分」也是可导入的数据（考评得分或关爱指标），未导入：如需导入，请把它另存为单独的文件后导入。" in [
        n.text("zh") for n in preview.notes
    ]


# ------------------------------------------------------------------ error values


@pytest.mark.slow
def test_an_excel_error_value_is_refused_not_read_as_missing(catalog_db):
    """A formula that failed (#DIV/0!, #REF!) holds an error value, which calamine reads as blank: a value silently
    missing, which would also blank a stored one. It is refused, naming the error; #N/A stays the missing marker the
    data contract makes it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["考核期", "县区", "指标", "数值"])
    for r, (county, error) in enumerate([("云岫县", "#DIV/0!"), ("云峤县", "#REF!"), ("澄溪县", "#N/A")], start=2):
        sheet.append(["2025Q2", county, "R01", None])
        sheet.cell(row=r, column=4).value = error
        sheet.cell(row=r, column=4).data_type = "e"
    buffer = io.BytesIO()
    book.save(buffer)
    preview = parse_file("得分.xlsx", buffer.getvalue(), current_reference(catalog_db))
    zh = messages(preview)
    assert len(zh) == 2 and "第 2 行" in zh[0] and "#DIV/0!" in zh[0] and "第 3 行" in zh[1] and "#REF!" in zh[1]
    assert all("错误值" in m for m in zh) and all("error value" in m for m in messages(preview, "en"))


# ------------------------------------------------------------------ merged cells in the data


@pytest.mark.slow
def test_a_merged_cell_in_the_data_is_explained(catalog_db):
    """A county merged over its township rows shows on every row in Excel, but the file holds it on the first row
    only: the other rows are blank, and "required" alone left the clerk looking at a filled cell. A note says why."""
    rows = [
        ["考核期", "县区", "乡镇", "指标", "数值"],
        ["2025Q2", "云岫县", "安坝镇", "R01", 1],
        [None, None, "碧岗街道", "R01", 2],
    ]
    preview = parse_file("得分.xlsx", xlsx_bytes(rows, merges=["A2:A3", "B2:B3"]), current_reference(catalog_db))
    assert not preview.importable
    notes = [n.text("zh") for n in preview.notes]
    assert "合并单元格只在第一行有值，其余行按空白读取：A2:A3、B2:B3；请取消合并，在每一行填写后重新导入。" in notes
    assert [n for n in (n.text("en") for n in preview.notes) if "A2:A3, B2:B3" in n and "Merged" in n]


def test_an_excel_error_value_in_a_text_column_is_refused(catalog_db):
    """Read as blank before, a failed formula in a course or domain was refused as an empty required cell; given
    its error text, #REF! imported as a course and #NAME? as a training domain, in silence. Refused as in a number
    cell, by both import paths (the bulk one reads each distinct text through parse_cell)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["干部编号", "培训项目", "培训类别", "培训领域", "培训方式", "组织形式", "学时", "培训日期"])
    sheet.append(["LZ000001", None, "专业能力", "基层治理", "线下", "个人", 4, "2025/07/23"])
    sheet.append(["LZ000002", "班2", "专业能力", None, "线下", "个人", 4, "2025/07/23"])
    for cell, error in (("B2", "#REF!"), ("D3", "#NAME?")):
        sheet[cell].value = error
        sheet[cell].data_type = "e"
    buffer = io.BytesIO()
    book.save(buffer)
    preview = parse_file("培训.xlsx", buffer.getvalue(), current_reference(catalog_db))
    assert [(p.key, p.row, p.value) for p in preview.problems] == [
        ("excel_error_value_text", 2, "#REF!"),
        ("excel_error_value_text", 3, "#NAME?"),
    ]
    assert "第 2 行，「培训项目 (B)」列，值「#REF!」：是 Excel 错误值" in messages(preview)[0]
    assert "not valid content" in messages(preview, "en")[1]


# ------------------------------------------------------------------ a quote left open in a CSV

QUOTED_HEADER = "考核期,县区,指标,数值,备注\n"


@pytest.mark.parametrize(
    "body, row, column, lines",
    [
        # the quote stays open to the end of the file: the two counties after it were one 备注 cell
        ('2025Q4,云岫县,R01,30,"已核实\n2025Q4,云峤县,R01,31,\n2025Q4,澄溪县,R01,32,\n', 2, 5, 2),
        # the same with Windows line ends and no line end at the close
        ('2025Q4,云岫县,R01,30,"已核实\r\n2025Q4,云峤县,R01,31,\r\n2025Q4,澄溪县,R01,32,', 2, 5, 2),
        # open to the end, the lines after it not looking like records: still nothing may vanish
        ('2025Q4,云岫县,R01,30,"已核实\n2025Q4,云峤县,R01,31,\n待补\n', 2, 5, 2),
        # opened in a middle column, on the second line of a record whose note spans lines properly
        ('2025Q4,云岫县,R01,30,"甲\n乙"\n2025Q4,"云峤县,R01,31,\n2025Q4,澄溪县,R01,32,\n', 4, 2, 1),
        # closed much later by another quote: the counties between were read into the note
        (
            '2025Q4,云岫县,R01,30,"已核实\n2025Q4,云峤县,R01,31,\n2025Q4,澄溪县,R01,32,"复核"\n2025Q4,枫岚区,R01,33,\n',
            2,
            5,
            2,
        ),
        # records that leave out their trailing blank cell (one delimiter fewer than the header) still count
        ('2025Q4,云岫县,R01,30,"已核实\n2025Q4,云峤县,R01,31\n2025Q4,澄溪县,R01,32\n"\n', 2, 5, 2),
    ],
)
def test_a_quote_left_open_in_a_csv_is_refused_naming_its_row_and_column(body, row, column, lines):
    with pytest.raises(Exception) as raised:
        read_sheets("得分.csv", (QUOTED_HEADER + body).encode())
    assert (raised.value.key, raised.value.params) == (
        "file_csv_quote_open",
        {"row": row, "column": column, "lines": lines},
    )


def test_a_quote_left_open_is_refused_in_both_languages(catalog_db):
    data = (QUOTED_HEADER + '2025Q4,云岫县,R01,30,"已核实\n2025Q4,云峤县,R01,31,\n2025Q4,澄溪县,R01,32,\n').encode(
        "gbk"
    )
    preview = parse_file("得分.csv", data, current_reference(catalog_db))
    assert not preview.importable and [p.key for p in preview.problems] == ["file_csv_quote_open"]
    assert messages(preview) == [
        '文件「得分.csv」：CSV 第 2 行第 5 列的引号 " 没有在该单元格结束处闭合：其后 2 行都被读进了这一个单元格，'
        '这些行不会导入。请在该单元格内容末尾补上引号 "，或删去这个引号，再重新上传。'
    ]
    assert "row 2, column 5" in messages(preview, "en")[0] and "Close the quote" in messages(preview, "en")[0]


@pytest.mark.parametrize(
    "body",
    [
        '2025Q4,云岫县,R01,30,"已核实\n另附说明"\n2025Q4,云峤县,R01,31,\n2025Q4,澄溪县,R01,32,\n',
        '2025Q4,云岫县,R01,30,"一、已核实\r\n\r\n二、见附件"\r\n2025Q4,云峤县,R01,31,\r\n2025Q4,澄溪县,R01,32,\r\n',
        '2025Q4,云岫县,R01,30,\n2025Q4,云峤县,R01,31,\n2025Q4,澄溪县,R01,32,"已核实，\n另附说明"\n',
        '2025Q4,云岫县,R01,30,"甲,乙\n丙"\n2025Q4,云峤县,R01,31,\n2025Q4,澄溪县,R01,32,\n',
    ],
)
def test_a_properly_quoted_note_over_several_lines_still_imports(catalog_db, body):
    """A note with a line break, quoted as Excel writes it, whose lines do not look like records: not an open
    quote (guards the refusal above from reaching legitimate files)."""
    preview = parse_file("得分.csv", (QUOTED_HEADER + body).encode(), current_reference(catalog_db))
    assert preview.importable and not preview.problems
    assert preview.rows["county"].tolist() == ["云岫县", "云峤县", "澄溪县"]
    assert preview.rows["value"].tolist() == [30, 31, 32]
