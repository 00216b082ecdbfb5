"""wide_headers: a wide file's indicator headers refuse the file as columns, naming the header, through
ingest.parse_file as an upload reads them."""

import pytest
from test_ingest import MONEY_CATALOG, messages

from incentive.intake.ingest import parse_file
from incentive.store.reference import current_reference


def test_wide_unknown_indicator_column_with_suggestion(catalog_db):
    data = "县区,招商引资金额,总分\n云岫县,10,1\n".encode()
    preview = parse_file("w.csv", data, current_reference(catalog_db), period="2025Q1")
    assert messages(preview) == [
        "文件「w.csv」，第 1 行，「招商引资金额」列：不是指标目录中的指标。 是否为「招商引资额」？"
    ]
    lenient = parse_file("w.csv", data, current_reference(catalog_db), period="2025Q1", skip_invalid=True)
    assert not lenient.importable  # skipping rows never drops a whole column of data


@pytest.mark.parametrize(
    "header,mark",
    [
        ("招商引资额①", "①"),  # NFKC: 招商引资额1, no indicator
        ("R0①", "①"),  # NFKC: R01, another indicator, silently
        ("招商引资额*", "*"),
        ("招商引资额※", "※"),
        ("招商引资额注1", "注1"),
        ("招商引资额（注1）", "（注1）"),  # read as 招商引资额 with a unit in brackets
        ("乡村振兴²", "²"),
    ],
)
def test_a_wide_header_with_a_footnote_mark_is_refused_naming_it(catalog_db, header, mark):
    """A wide file's indicator header with a footnote mark is refused naming the header as written and the mark,
    and saying to delete it: never matched to an indicator through the mark (`R0①` as R01), never a bare "not an
    indicator" (docs/decisions.md#footnote-marks-in-cells)."""
    data = f"县区,{header},安全生产事故起数\n云岫县,10,1\n".encode()
    preview = parse_file("w.csv", data, current_reference(catalog_db), period="2025Q1")
    assert [(p.key, p.row, p.params) for p in preview.problems] == [
        ("footnote_mark_header", 1, {"header": header, "mark": mark})
    ]
    assert not preview.importable and preview.fatal
    assert f"表头「{header}」含「{mark}」，像是脚注标记" in messages(preview)[0]
    assert "请删去表头中的该标记" in messages(preview)[0]
    assert f"the header “{header}” holds “{mark}”" in messages(preview, "en")[0]


def test_a_remarks_column_numbered_is_no_footnote_mark(catalog_db):
    data = "县区,招商引资额,备注1\n云岫县,10,1\n".encode()
    preview = parse_file("w.csv", data, current_reference(catalog_db), period="2025Q1")
    assert [p.key for p in preview.problems] == ["unknown_indicator_column"]


def test_two_columns_for_one_indicator_are_refused(catalog_db):
    data = "县区,招商引资额,R01\n云岫县,10,11\n".encode()
    preview = parse_file("w.csv", data, current_reference(catalog_db), period="2025Q1")
    assert messages(preview) == ["文件「w.csv」，第 1 行，「R01」列：与「招商引资额」列是同一个指标。"]


def test_a_unit_column_in_a_wide_file_is_refused():
    data = "考核期,县区,单位,重点项目投资完成额\n2025Q2,云岫县,万元,32000\n".encode()
    preview = parse_file("w.csv", data, MONEY_CATALOG)
    assert preview.fatal and messages(preview) == [
        "文件「w.csv」，第 1 行，「单位」列：每个指标一列的文件中，单位列说不清是哪个指标的单位；请把单位写在指标列表头的"
        "括号中（如「招商引资额（万元）」），删去该列后重新导入。"
    ]
