import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incentive.i18n import localize
from incentive.intake import cell_values
from incentive.intake.cell_values import (
    CellError,
    Number,
    clean_text,
    escape_formula,
    footnote_mark,
    is_missing,
    is_serial,
    parse_date,
    parse_hours,
    parse_number,
    problem_value,
)
from incentive.intake.normalized_text import normalized_example


@pytest.mark.parametrize(
    "given,expected",
    [
        ("85", Number(85.0)),
        ("85.5", Number(85.5)),
        ("85%", Number(85.0, "%")),
        ("８５", Number(85.0)),
        ("1,234", Number(1234.0)),
        ("1,234.5", Number(1234.5)),
        (" -3.2 ", Number(-3.2)),
        (7, Number(7.0)),
        (0.85, Number(0.85)),
        ("８５％", Number(85.0, "%")),
        ("5‰", Number(5.0, "‰")),
    ],
)
def test_numbers(given, expected):
    assert parse_number(given) == expected


@pytest.mark.parametrize("marker", ["", "-", "—", "/", "无", "N/A", None, "  ", "——"])
def test_missing_is_never_zero(marker):
    assert is_missing(marker) and parse_number(marker) is None


@pytest.mark.parametrize("bad", ["abc", "85,5", "1,23", "12a", "--5"])
def test_not_numbers(bad):
    with pytest.raises(CellError) as e:
        parse_number(bad)
    assert e.value.key == "not_a_number"


@pytest.mark.parametrize(
    "given",
    [
        "2025-06-30",
        "2025/6/30",
        "2025.6.30",
        "2025年6月30日",
        "20250630",
        45838,
        "45838",
        dt.datetime(2025, 6, 30, 0, 0),
        "2025-06-30 00:00:00",
    ],
)
def test_dates(given):
    assert parse_date(given) == dt.date(2025, 6, 30)


@pytest.mark.parametrize("bad", ["2025-02-30", "June", "12", 5])
def test_not_dates(bad):
    with pytest.raises(CellError):
        parse_date(bad)


def test_formula_escaping():
    assert [escape_formula(x) for x in ("=1+1", "+86x", "-x", "@a", "\tx", "\rx", "东城县", "", "-1+2")] == [
        "'=1+1",
        "'+86x",
        "'-x",
        "'@a",
        "'\tx",
        "'\rx",
        "东城县",
        "",
        "'-1+2",
    ]


def test_a_plain_number_held_as_text_stays_a_number():
    """Security item 8: `-43.3` in a text column of a page table is a number to a spreadsheet, not a formula."""
    assert [escape_formula(x) for x in ("-43.3", "+2", "\u221243.3", "-1,234.5", "-12.5%", "-.5", "+86")] == [
        "-43.3",
        "+2",
        "-43.3",
        "-1,234.5",
        "-12.5%",
        "-.5",
        "+86",
    ]


@pytest.mark.parametrize(
    "given,expected",
    [
        ("16学时", Number(16.0, "学时")),
        ("3起", Number(3.0, "起")),
        ("85分", Number(85.0, "分")),
        ("1,200万元", Number(1200.0, "万元")),
        ("32000 万元", Number(32000.0, "万元")),
        ("1,230,000元", Number(1230000.0, "元")),
        ("3天", Number(3.0, "天")),
    ],
)
def test_a_unit_typed_into_the_cell_is_kept_for_conversion(given, expected):
    assert parse_number(given) == expected


@pytest.mark.parametrize(
    "given", ["1" + "0" * 999, "-1" + "0" * 400, "1" + "0" * 309 + "万元", float("inf"), float("-inf")]
)
def test_a_number_too_large_for_a_float_is_refused_not_read_as_infinity(given):
    with pytest.raises(CellError) as e:
        parse_number(given)
    assert e.value.key == "implausible_magnitude"
    with pytest.raises(CellError):
        parse_number(1e307, percent_format=True)  # shown as 1e309 %: beyond a float as well


def test_a_percent_formatted_cell_is_the_percent_it_showed():
    assert parse_number(0.85, percent_format=True) == Number(85.0, "%", percent_format=True)
    assert parse_number(0.07, percent_format=True).value == 7.0  # not 7.000000000000001


def test_an_eight_digit_number_in_a_date_cell_is_a_compact_date():
    assert parse_date(20261012) == dt.date(2026, 10, 12)
    assert parse_date(20261012.0) == dt.date(2026, 10, 12)
    with pytest.raises(CellError):
        parse_date(20261345)


@pytest.mark.parametrize("given", [46206, 46206.0, 46206.5, "46206", "46206.0", " ４６２０６ "])
def test_an_excel_serial_number_is_told_apart(given):
    """The importer reports each date it read from a serial (docs/decisions.md#excel-serial-dates)."""
    assert is_serial(given) and parse_date(given) == dt.date(2026, 7, 3)


@pytest.mark.parametrize(
    "given", ["20250630", 20250630, 20250630.0, "2025-06-30", "2025/6/30", "2025年6月30日", dt.date(2025, 6, 30), True]
)
def test_a_date_written_out_is_no_serial(given):
    assert not is_serial(given)


@pytest.mark.parametrize(
    "given,unit",
    [
        ("480分钟", "分钟"),
        ("480 分钟", "分钟"),
        ("480分", "分"),
        ("3小时20分", "分"),
        ("90 min", "min"),
        ("90mins", "mins"),
        ("90 Minutes", "Minutes"),
        ("４８０分钟", "分钟"),
    ],
)
def test_hours_in_minutes_are_refused_by_name(given, unit):
    """One 学时 is 45, 50 or 60 minutes by local rule: never converted (docs/decisions.md#training-time-in-minutes)."""
    with pytest.raises(CellError) as e:
        parse_hours(given)
    assert (e.value.key, e.value.params) == ("hours_in_minutes", {"unit": unit})


@pytest.mark.parametrize("given,unit", [("3 h", "h"), ("3h", "h"), ("2.5 hrs", "hrs"), ("3 hours", "hours")])
def test_a_latin_hour_sign_is_refused_by_name(given, unit):
    with pytest.raises(CellError) as e:
        parse_hours(given)
    assert (e.value.key, e.value.params) == ("hours_unit_not_read", {"unit": unit})


@pytest.mark.parametrize(
    "given,expected",
    [
        ("3", Number(3.0)),
        (3, Number(3.0)),
        ("3学时", Number(3.0, "学时")),
        ("3小时", Number(3.0, "小时")),
        ("3课时", Number(3.0, "课时")),
        ("3天", Number(3.0, "天")),
        ("-", None),
    ],
)
def test_hours_read_before_are_read_as_before(given, expected):
    assert parse_hours(given) == parse_number(given) == expected


@pytest.mark.parametrize("given", ["两小时", "h", "分钟", "3 x"])
def test_other_hours_text_is_still_not_a_number(given):
    with pytest.raises(CellError) as e:
        parse_hours(given)
    assert e.value.key == "not_a_number"


@pytest.mark.parametrize(
    "given,expected",
    [
        ("2026年乡村振兴专题\n培训班", "2026年乡村振兴专题培训班"),  # Alt+Enter inside Chinese text
        ("2026年乡村振兴专题\r\n培训班", "2026年乡村振兴专题培训班"),
        ("乡村振兴　专题培训班", "乡村振兴专题培训班"),  # ideographic space
        ("乡村振兴\u200b专题培训班", "乡村振兴专题培训班"),  # zero-width space
        ("Python  数据\n分析", "Python数据分析"),
        ("Data   analysis\nbasics ", "Data analysis basics"),  # Latin words keep one space
        ("（第１期）", "(第1期)"),
    ],
)
def test_one_normalization_of_text(given, expected):
    assert clean_text(given) == expected


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_normalization_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


def test_every_missing_marker_is_listed_in_the_data_format_doc():
    """A clerk reads docs/data-format.md to know what counts as missing (暂无 was read as missing, unlisted)."""
    doc = (Path(__file__).parent.parent / "docs" / "data-format.md").read_text(encoding="utf-8")
    unlisted = [
        m for m in cell_values.MISSING_MARKERS if m and not any(f"`{v}`" in doc for v in (m, m.upper(), m.lower()))
    ]
    assert not unlisted


def test_serials_stop_where_typed_dates_stop():
    """Typed dates end with 2099 (years 19xx and 20xx): a serial for a later date is refused the same way, not
    read as a date no one meant (docs/decisions.md#future-and-1904-dates)."""
    last = (dt.date(2099, 12, 31) - cell_values.EXCEL_EPOCH).days  # 73050
    assert parse_date(last) == parse_date(str(last)) == parse_date("2099-12-31") == dt.date(2099, 12, 31)
    for beyond in (last + 1, str(last + 1), 80000, "80000", 56206 + 20000):
        with pytest.raises(CellError) as e:
            parse_date(beyond)
        assert e.value.key == "not_a_date"
    with pytest.raises(CellError) as e:
        parse_date("2100-01-01")
    assert e.value.key == "not_a_date"
    assert parse_date(20000) == dt.date(1954, 10, 3)
    with pytest.raises(CellError):
        parse_date(19999)


def test_a_serial_of_a_1904_workbook_counts_from_1904():
    """46206 is 2026-07-03 in the 1900 date system and 2030-07-04 in the 1904 one: 1462 days apart."""
    assert parse_date(44744, date1904=True) == parse_date(46206) == dt.date(2026, 7, 3)
    assert parse_date("44744", date1904=True) == dt.date(2026, 7, 3)
    assert parse_date(46206, date1904=True) == dt.date(2030, 7, 4)
    # typed and compact dates do not depend on the date system
    assert parse_date("2026-07-03", date1904=True) == parse_date(20260703, date1904=True) == dt.date(2026, 7, 3)
    last = (dt.date(2099, 12, 31) - cell_values.EXCEL_1904_EPOCH).days
    assert parse_date(last, date1904=True) == dt.date(2099, 12, 31)
    with pytest.raises(CellError):
        parse_date(last + 1, date1904=True)
    with pytest.raises(CellError):
        parse_date(20000 - 1462 - 1, date1904=True)  # before 1954-10-03, as in the 1900 system


@pytest.mark.parametrize(
    "given,grouped,decimal",
    [
        ("1.480", "1480", "1.48"),
        ("12.000", "12000", "12"),
        ("-1.480", "-1480", "-1.48"),
        ("1.480万元", "1480万元", "1.48万元"),
        ("１.４８０", "1480", "1.48"),
    ],
)
def test_dots_grouping_thousands_in_a_semicolon_csv_are_refused_as_ambiguous(given, grouped, decimal):
    """A semicolon CSV is what Excel set to a European locale writes, `.` grouping thousands: `1.480` there may be
    1480 or 1.48, and was read as 1.48 (docs/decisions.md#semicolon-csv-numbers). Elsewhere it reads as before."""
    with pytest.raises(CellError) as e:
        parse_number(given, european_marks=True)
    assert (e.value.key, e.value.params) == ("dot_thousands_ambiguous", {"grouped": grouped, "decimal": decimal})
    assert f"可能是 {grouped}" in e.value.text("zh") and f"也可能是 {decimal}" in e.value.text("zh")
    assert f"it may be {grouped}" in e.value.text("en") and "commas" in e.value.text("en")
    assert parse_number(given).value == float(decimal.removesuffix("万元"))


def test_several_dot_groups_in_a_semicolon_csv_are_refused_as_grouping():
    with pytest.raises(CellError) as e:
        parse_number("1.480.000", european_marks=True)
    assert (e.value.key, e.value.params) == ("dot_thousands", {"grouped": "1480000"})
    with pytest.raises(CellError) as e:
        parse_number("1.480.000")
    assert e.value.key == "not_a_number"


@pytest.mark.parametrize(
    "given,expected",
    [
        ("1.5", 1.5),
        ("95.25", 95.25),
        ("1.4801", 1.4801),
        ("0.480", 0.48),  # a leading 0 groups nothing
        ("1480", 1480.0),
        ("1,480,000", 1480000.0),  # a decimal comma comes once
        ("1,480.5", 1480.5),
    ],
)
def test_other_decimals_in_a_semicolon_csv_read_as_before(given, expected):
    assert parse_number(given, european_marks=True) == parse_number(given) == Number(expected)


@pytest.mark.parametrize(
    "given,grouped,decimal",
    [("1,480", "1480", "1.48"), ("-12,345万元", "-12345万元", "-12.345万元")],
)
def test_one_comma_before_three_digits_in_a_semicolon_csv_is_refused_as_ambiguous(given, grouped, decimal):
    """The same Excel writes a decimal comma there: `1,480` may be 1.48 as well as 1480, and was read as 1480. Read
    as 1480 in a comma- or tab-separated file (where it is quoted), as before."""
    with pytest.raises(CellError) as e:
        parse_number(given, european_marks=True)
    assert (e.value.key, e.value.params) == ("comma_decimal_ambiguous", {"grouped": grouped, "decimal": decimal})
    assert f"可能是 {decimal}" in e.value.text("zh") and f"也可能是 {grouped}" in e.value.text("zh")
    assert f"it may be {decimal} (a decimal comma" in e.value.text("en")
    assert parse_number(given).value == float(grouped.removesuffix("万元"))


def test_hours_grouped_by_dots_in_a_semicolon_csv_are_refused():
    with pytest.raises(CellError) as e:
        parse_hours("1.480", european_marks=True)
    assert e.value.key == "dot_thousands_ambiguous"
    with pytest.raises(CellError) as e:
        parse_hours("1.480学时", european_marks=True)
    assert e.value.params == {"grouped": "1480学时", "decimal": "1.48学时"}
    assert parse_hours("2.5", european_marks=True) == Number(2.5)
    assert parse_hours("1.480") == Number(1.48)  # a comma- or tab-separated file: as before


@pytest.mark.parametrize("given", ["0,480", "-0,125", "00,480"])
@pytest.mark.parametrize("european_marks", [False, True])
def test_a_comma_after_a_leading_zero_is_a_decimal_comma_not_thousands(given, european_marks):
    """`0,480` groups nothing: it is 0.48 written with a decimal comma, refused as no number, as `1,5` is, where it
    was read as 480 (a thousandfold error in any CSV or text cell); `1,480` still reads as 1480."""
    with pytest.raises(CellError) as e:
        parse_number(given, european_marks=european_marks)
    assert e.value.key == ("comma_decimal" if european_marks else "not_a_number")
    assert parse_number("1,480").value == 1480
    assert parse_number("12,345.5").value == 12345.5


@pytest.mark.parametrize(
    "given,decimal",
    [("1,5", "1.5"), ("-12,25", "-12.25"), ("0,125", "0.125"), ("1,5万元", "1.5万元"), ("１，５", "1.5")],
)
def test_a_decimal_comma_in_a_semicolon_csv_is_refused_saying_so(given, decimal):
    """There a comma grouping no thousands is that Excel's decimal comma: the refusal says so and names the number
    meant (docs/decisions.md#semicolon-csv-numbers), rather than a bare "not a number"."""
    with pytest.raises(CellError) as e:
        parse_number(given, european_marks=True)
    assert (e.value.key, e.value.params) == ("comma_decimal", {"decimal": decimal})
    assert f"应是 {decimal}" in e.value.text("zh") and f"decimal point ({decimal})" in e.value.text("en")
    with pytest.raises(CellError) as e:
        parse_hours(given, european_marks=True)
    assert e.value.key == "comma_decimal"


@pytest.mark.parametrize(
    "given,expected",
    [
        ('="LZ000001"', "LZ000001"),
        ('="0012"', "0012"),
        (' ="0012" ', "0012"),  # `, ="0012"`: a space after the delimiter
        ('="3.5"', "3.5"),
        ('="2025-06-03"', "2025-06-03"),
        ('=""', ""),
        ('="=A1"', "=A1"),  # the text inside is read as written; a number column still refuses it as a formula
    ],
)
def test_a_text_kept_by_a_formula_is_its_text(given, expected):
    assert cell_values.text_formula(given) == expected


@pytest.mark.parametrize(
    "given", ["=A1+1", '="LZ"&"01"', '="a""b"', '="LZ000001"&""', '=TEXT(12,"0000")', "LZ000001", '"0012"', 12, None]
)
def test_anything_more_than_a_quoted_text_is_no_text_kept_by_a_formula(given):
    assert cell_values.text_formula(given) is None


@pytest.mark.parametrize(
    "given,mark,read",
    [
        ("9⑤", "⑤", "95"),
        ("1²", "²", "12"),
        ("3⁵", "⁵", "35"),
        ("²⁵", "²", "25"),
        ("⒈5", "⒈", "1.5"),
        ("28①", "①", "281"),
        ("4₂", "₂", "42"),
        ("12⑴", "⑴", "12(1)"),
        ("7❶", "❶", "7❶"),
        (" 9⑤ ", "⑤", "95"),
    ],
)
@pytest.mark.parametrize("read_with", [parse_number, parse_hours])
def test_a_footnote_mark_after_a_number_is_refused_not_read_as_a_digit(given, mark, read, read_with):
    """NFKC makes ① ² ₂ ⒈ digits: `9⑤` would be 95, `4①` 41 学时 (docs/decisions.md#footnote-marks-in-cells)."""
    with pytest.raises(CellError) as e:
        read_with(given)
    assert (e.value.key, e.value.params, e.value.as_written) == (
        "footnote_mark",
        {"mark": mark, "read": read},
        given.strip(),
    )
    assert problem_value(e.value, given) == given.strip()  # quoted as written, not as the 95 it would read


@pytest.mark.parametrize("given", ["2026-11-0②", "2026年11月③日", "2026/1¹/02"])
def test_a_footnote_mark_in_a_date_is_refused(given):
    with pytest.raises(CellError) as e:
        parse_date(given)
    assert e.value.key == "footnote_mark"


@pytest.mark.parametrize("given,expected", [("９５", 95.0), ("１２.５", 12.5), ("３½", None)])
def test_full_width_digits_still_read_and_a_fraction_is_no_footnote_mark(given, expected):
    if expected is None:
        with pytest.raises(CellError) as e:
            parse_number(given)
        assert e.value.key == "not_a_number"
    else:
        assert parse_number(given).value == expected
    assert footnote_mark(given) is None


@pytest.mark.parametrize(
    "header,mark",
    [
        ("乡村振兴①", "①"),
        ("R0①", "①"),
        ("项目建设*", "*"),
        ("项目建设＊", "＊"),
        ("得分注1", "注1"),
        ("得分(注1)", "(注1)"),
        ("得分※", "※"),
        ("得分", None),
        ("备注1", None),
        ("PM2.5浓度", None),
        ("招商引资额（万元）", None),
    ],
)
def test_footnote_marks_in_headers(header, mark):
    assert cell_values.header_footnote_mark(header) == mark


@pytest.mark.parametrize(
    ("written", "example", "stored", "what"),
    [
        ("**班**  [链]", "**班**␣␣[链]", "**班**␣[链]", "（连续空格合为一个；␣ 表示空格）"),
        (" 班A ", "␣班A␣", "班A", "（去除首尾空格；␣ 表示空格）"),
        ("乡村 振兴", "乡村␣振兴", "乡村振兴", "（去除汉字旁的空格；␣ 表示空格）"),
        ("\u3000班", "␣班", "班", "（制表符、全角空格等改为普通空格、去除首尾空格；␣ 表示空格）"),
        ("党的\n理论", "党的⏎理论", "党的理论", "（去除换行 ⏎）"),  # the line break alone, no space mark
        ("LZ\u200b01", "LZ⟨U+200B⟩01", "LZ01", "（去除不可见字符）"),  # an invisible character made visible
        ("Ａ0004", "Ａ0004", "A0004", "（全角字符转为半角）"),
    ],
)
def test_a_normalized_example_shows_and_names_what_clean_text_changed(written, example, stored, what):
    """The note of texts normalized quoted 「**班**  [链]」→「**班** [链]」, alike once a page collapses spaces (a
    tester's review of 2026-12-07): spaces are shown as ␣ when they changed, and the change is named."""
    params = normalized_example(written, clean_text(written))
    assert (params["example"], params["stored"], localize(params, "zh")["what"]) == (example, stored, what)


@pytest.mark.parametrize("given", ["1.23457E+11", "2.5E+01", "1.5e3", "-4.1E-05", "1E+12万元", "1.2E+01%", "1e999"])
def test_a_number_written_in_e_notation_is_refused_as_digits_maybe_lost(given):
    """Excel writes a long number of a General cell to a CSV as `1.23457E+11`, six significant digits left: read,
    it would store 123457000000 for 123456789012 in silence (docs/decisions.md#numbers-written-in-e-notation)."""
    with pytest.raises(CellError) as e:
        parse_number(given)
    assert e.value.key == "number_e_notation"
    with pytest.raises(CellError):
        parse_number(given, european_marks=True)
    assert parse_number(123456789012.0) == Number(123456789012.0)  # a number cell holds every digit
