"""Exports round-trip through the importer; templates are recognised as their kind."""

from __future__ import annotations

import pytest
from conftest import DATA, import_ok

from incentive.accounts.roles import Scope
from incentive.intake.file_kinds import KINDS, labelled
from incentive.intake.ingest import Reference, parse_file
from incentive.intake.templates import template_xlsx
from incentive.sharing.export import escaped, export_frame, to_csv_bytes
from incentive.store.database import Database

ALL_FILES = ["regions.csv", "indicators.csv", "race_long.csv", "roster_title.csv", "training.tsv", "movements.csv"]


@pytest.mark.parametrize("kind", ["regions", "indicators", "race_scores", "roster", "training", "movements"])
def test_export_reimports_to_identical_export(db, tmp_path, kind):
    for name in ALL_FILES:
        import_ok(db, name, (DATA / name).read_bytes())
    first = export_frame(db, kind, scope=Scope.ALL)  # rosters, records and decisions: the CLI's scope
    other = Database(tmp_path / "other.duckdb")
    for name in ALL_FILES[:2]:
        import_ok(other, name, (DATA / name).read_bytes())
    import_ok(other, f"{kind}.csv", first.to_csv(index=False).encode(), kind=kind)
    assert export_frame(other, kind, scope=Scope.ALL).equals(first)
    other.close()


def test_escaping_touches_text_never_numbers():
    import pandas as pd

    frame = pd.DataFrame({"reason": ["=cmd", "ok"], "value": [-3.2, 1.0]})
    assert escaped(frame).values.tolist() == [["'=cmd", -3.2], ["ok", 1.0]]
    assert to_csv_bytes(frame).decode().splitlines() == ["reason,value", "'=cmd,-3.2", "ok,1.0"]


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.slow
def test_template_headers_are_recognised(kind):
    reference = Reference(
        regions=[],
        indicators=[
            {
                "code": "R01",
                "name": "重点项目投资完成额",
                "domain": "race" if kind != "welfare" else "welfare",
                "unit": "亿元",
            }
        ],
    )
    preview = parse_file("t.xlsx", template_xlsx(kind), reference)
    # Detected without being told; the header is found on row 1, and a blank template has no rows yet.
    assert (preview.header_row, [p.key for p in preview.problems]) == (1, ["no_rows"])
    if kind not in ("race_scores", "welfare"):
        assert preview.kind == kind


def test_labelled_rows_speak_the_users_language():
    import datetime as dt

    import pandas as pd

    from incentive.intake.file_kinds import labelled

    rows = pd.DataFrame(
        {
            "cadre_id": ["A1"],
            "date": [dt.date(2025, 1, 2)],
            "action": ["fault_tolerance"],
            "reason": [None],
            "source_row": [2],
        }
    )
    assert labelled("movements", rows, "zh").to_dict("records") == [
        {"干部编号": "A1", "调整日期": dt.date(2025, 1, 2), "调整类型": "容错免责", "事由": None}
    ]
    assert labelled("movements", rows, "en").to_dict("records") == [
        {"Cadre ID": "A1", "Date": dt.date(2025, 1, 2), "Decision": "Fault tolerance", "Reason": None}
    ]


def test_value_rows_name_their_indicator_by_the_catalog_version_of_their_period():
    """A preview shows `名称（代码）` for each value row, with the name of the catalog version in force for the row's
    period (docs/decisions.md#catalog-versions): a renamed indicator keeps its old name in old periods."""
    versions = [
        {"code": "X1", "name": "招商引资额", "domain": "race", "unit": "个", "effective_from": "2026"},
        {"code": "X1", "name": "招商引资到位额", "domain": "race", "unit": "个", "effective_from": None},
    ]
    reference = Reference(regions=[("甲县", "")], indicators=versions)
    data = "考核期,县区,指标,数值\n2025Q4,甲县,X1,3\n2026Q1,甲县,招商引资额,4\n".encode()
    preview = parse_file("s.csv", data, reference)
    assert preview.importable
    shown = labelled("race_scores", preview.rows, "zh", preview.indicator_names)
    assert shown[["考核期", "指标"]].values.tolist() == [
        ["2025-Q4", "招商引资到位额（X1）"],
        ["2026-Q1", "招商引资额（X1）"],
    ]
    assert labelled("race_scores", preview.rows, "en", preview.indicator_names)["Indicator"].tolist() == [
        "招商引资到位额 (X1)",
        "招商引资额 (X1)",
    ]
    assert labelled("race_scores", preview.rows, "zh")["指标"].tolist() == ["X1", "X1"]  # without names: the codes


def test_excel_downloads_carry_a_title_and_the_classification_line():
    import io

    import pandas as pd
    import python_calamine

    from incentive.config import classification
    from incentive.sharing.export import to_xlsx_bytes

    frame = pd.DataFrame({"县区": ["甲县", '=HYPERLINK("x")'], "综合得分": [1.5, -3.2]})
    data = to_xlsx_bytes(frame, "赛马排名_县区_2026-Q3", heading=["赛马排名_县区_2026-Q3", classification()])
    rows = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "赛马排名_县区_2026-Q3" and rows[1][0] == "内部资料 注意保存"
    assert rows[3] == ["县区", "综合得分"] and rows[5] == ['\'=HYPERLINK("x")', -3.2]


def test_signed_numbers_in_text_columns_stay_numbers_in_both_downloads():
    """Security item 8: a page table's change column holds text like `-43.3` and `+1.2`; the CSV must not put an
    apostrophe before them and the Excel file must store them as numbers, while formulas are still escaped."""
    import io

    import openpyxl
    import pandas as pd

    from incentive.sharing.export import to_xlsx_bytes

    frame = pd.DataFrame(
        {
            "县区": ['=HYPERLINK("x")', "乙县", "丙县"],
            "变化": ["-43.3", "+1.2", "\u22123"],
            "编号": ["00123", "-x", "—"],
        }
    )
    lines = to_csv_bytes(frame).decode().splitlines()
    assert lines[1:] == ['"\'=HYPERLINK(""x"")",-43.3,00123', "乙县,+1.2,'-x", "丙县,-3,—"]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    assert [sheet.cell(row=r, column=2).value for r in (2, 3, 4)] == [-43.3, 1.2, -3]
    assert [sheet.cell(row=r, column=3).value for r in (2, 3, 4)] == ["00123", "'-x", "—"]
    assert sheet.cell(row=2, column=1).value == '\'=HYPERLINK("x")'


def test_a_page_tables_counts_and_percentages_are_numbers_in_both_downloads():
    """A page table shows counts with thousands separators and rates as percentages, as text beside the marks of
    hidden cells (`<5`, 不公开). The Excel file stores them as numbers in the format the page shows (a sum works);
    the CSV writes counts without the separators and keeps percentages as shown. Marks stay text; so does every
    cell of a column where one reads as a code: an id with a leading zero, a range (`8–9`), a period (`2026-Q1`)."""
    import datetime as dt
    import io

    import openpyxl
    import pandas as pd

    from incentive.sharing.export import to_xlsx_bytes

    frame = pd.DataFrame(
        {
            "县区": ["甲县", "乙县", "丙县"],
            "干部数": ["6,984", "<5", "1,234,567"],
            "覆盖率": ["92.8%", "不公开（人数少于5）", "-3.25%"],
            "人均学时": ["56.0", "8", "1,024.5"],
            "变化": ["+1.2", "", "−3"],
            "编号": ["00123", "12", "01,234"],
            "排名区间": ["1", "8–9", "<5"],
            "期别": ["2026", "2026-Q1", "—"],
            "时间": [dt.datetime(2026, 7, 1, 9, 30), dt.datetime(2026, 7, 2), None],
        }
    )
    lines = to_csv_bytes(frame, shown=True).decode().splitlines()
    assert [line.split(",")[:6] for line in lines[1:3]] == [
        ["甲县", "6984", "92.8%", "56.0", "+1.2", "00123"],
        ["乙县", "<5", "不公开（人数少于5）", "8", "", "12"],
    ]
    assert lines[3].startswith('丙县,1234567,-3.25%,1024.5,-3,"01,234",<5,—,')
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, shown=True))).active
    cells = [[sheet.cell(row=r, column=c) for c in range(2, 10)] for r in (2, 3, 4)]
    assert [[cell.value for cell in row[:7]] for row in cells] == [
        [6984, 0.928, 56, 1.2, "00123", "1", "2026"],
        ["<5", "不公开（人数少于5）", 8, None, "12", "8–9", "2026-Q1"],
        [1234567, -0.0325, 1024.5, -3, "01,234", "<5", "—"],
    ]
    assert [cell.number_format for cell in cells[0][:4]] == ["#,##0", "0.0%", "0.0", "+0.0;-0.0;0.0"]
    assert [cells[2][1].number_format, cells[2][2].number_format, cells[1][2].number_format] == [
        "0.00%",
        "#,##0.0",
        "0",
    ]
    assert [cells[0][7].number_format, cells[1][7].number_format] == ["yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd"]
    plain = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active  # the command line's: codes stay text
    assert [plain.cell(row=2, column=c).value for c in (2, 4, 5)] == ["6,984", 56, 1.2]
    assert to_csv_bytes(frame).decode().splitlines()[1].startswith('甲县,"6,984",92.8%,56.0,+1.2,00123,')


def test_csv_for_people_starts_with_a_byte_order_mark_and_round_trips():
    """Excel in a Chinese Windows opens a CSV without a byte order mark as GBK and garbles every Chinese
    character; the page downloads carry the mark (docs/decisions.md#csv-byte-order-mark), the CLI's CSV not."""
    import io

    import pandas as pd

    frame = pd.DataFrame({"县区": ["云岫县", "=cmd"], "综合得分": [1.5, -3.2], "方阵": ["第一方阵", ""]})
    data = to_csv_bytes(frame, bom=True)
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert list(back.columns) == ["县区", "综合得分", "方阵"]
    assert back.values.tolist() == [["云岫县", 1.5, "第一方阵"], ["'=cmd", -3.2, ""]]
    assert data[3:] == to_csv_bytes(frame)  # the same text, only the mark before it
    assert not to_csv_bytes(frame).startswith(b"\xef\xbb\xbf")
