import datetime as dt

import pytest

from incentive.cell_values import CellError, Number, escape_formula, find_date, is_missing, parse_date, parse_number


@pytest.mark.parametrize("given,expected", [
    ("85", Number(85.0)), ("85.5", Number(85.5)), ("85%", Number(85.0, True)), ("８５", Number(85.0)),
    ("1,234", Number(1234.0)), ("1,234.5", Number(1234.5)), (" -3.2 ", Number(-3.2)), (7, Number(7.0)),
    (0.85, Number(0.85)), ("８５％", Number(85.0, True)),
])
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


@pytest.mark.parametrize("given", ["2025-06-30", "2025/6/30", "2025.6.30", "2025年6月30日", "20250630", 45838,
                                   "45838", dt.datetime(2025, 6, 30, 0, 0), "2025-06-30 00:00:00"])
def test_dates(given):
    assert parse_date(given) == dt.date(2025, 6, 30)


@pytest.mark.parametrize("bad", ["2025-02-30", "June", "12", 5])
def test_not_dates(bad):
    with pytest.raises(CellError):
        parse_date(bad)


def test_find_date_in_titles():
    assert find_date("花名册（截至2025年6月30日）") == dt.date(2025, 6, 30)
    assert find_date("截至2025年6月底") == dt.date(2025, 6, 30)
    assert find_date("花名册") is None


def test_formula_escaping():
    assert [escape_formula(x) for x in ("=1+1", "+86", "-x", "@a", "\tx", "\rx", "东城县", "")] == [
        "'=1+1", "'+86", "'-x", "'@a", "'\tx", "'\rx", "东城县", ""]


@pytest.mark.parametrize("given,expected", [("16学时", 16.0), ("3起", 3.0), ("85分", 85.0), ("1,200万元", 1200.0)])
def test_a_unit_typed_into_the_cell_is_dropped(given, expected):
    assert parse_number(given) == Number(expected)
