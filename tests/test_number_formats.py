"""Excel number format codes read as the person who typed the cell saw it."""

from __future__ import annotations

import pytest

from incentive.intake.number_formats import displayed_text, format_unit, shows_text, thousands_scale


@pytest.mark.parametrize(
    "code,unit",
    [
        ('0"分钟"', "分钟"),
        ('0"min"', "min"),
        ('#,##0"分"', "分"),
        ('0"万元"', "万元"),
        ('0.00" 万元 "', "万元"),
        ('G/通用格式"分"', "分"),
        ('General"学时"', "学时"),
        ("0.0\\元", "元"),
        ('0"（分钟）"', "分钟"),
        ('#,##0"万元";[Red]-#,##0"万元"', "万元"),
        ("0", ""),
        ("0.00", ""),
        ("#,##0_);[Red](#,##0)", ""),
        ("0%", ""),
        ("0.00E+00", ""),
        ("@", ""),
        ('"¥"#,##0', ""),  # a prefix: a currency sign, no unit after the number
        ('yyyy"年"m"月"', ""),
        (None, ""),
    ],
)
def test_the_unit_a_format_shows_after_the_number(code, unit):
    assert format_unit(code) == unit


@pytest.mark.parametrize(
    "value,code,shown",
    [
        (15, '"LZ"000000', "LZ000015"),
        (2025, '0"年第三季度"', "2025年第三季度"),
        (1234567, '000"-"0000', "123-4567"),
        (15, "0\\号", "15号"),
        (15, "0元", "15元"),
        (15, 'G/通用格式"号"', "15号"),
        (1234567, '"¥"#,##0"元"', "¥1,234,567元"),
        (15.5, '"A"0.00', "A15.50"),
        (15, '"LZ"000000;[Red]"LZ"-000000', "LZ000015"),
        (1234, "[$¥-804]#,##0", "¥1,234"),
        (1234, "[$-804]0", "1234"),
        (1234, "¥#,##0", "¥1,234"),
        (15.5, '"LZ"0', None),  # the fraction is rounded away: the digits typed cannot be known
        (15, '"LZ"0.0#', None),  # how many decimals show depends on the value
        (15, '"A"0%', None),
        (-15, '"LZ"000', None),
        (15655400, '0.00,,"百万"', None),
        (15, '"A"# ?/?', None),
    ],
)
def test_the_text_a_format_with_literal_text_shows(value, code, shown):
    assert displayed_text(value, code) == shown


@pytest.mark.parametrize(
    "code,text",
    [
        ('"LZ"000000', True),
        ('0"年第三季度"', True),
        ("0\\号", True),
        ("0元", True),
        ("000000", False),
        ("#,##0_);[Red](#,##0)", False),
        ("0.00", False),
        ("@", False),
    ],
)
def test_which_formats_show_literal_text(code, text):
    assert shows_text(code) is text


@pytest.mark.parametrize(
    "code,scale",
    [("#,##0,", 1), ("0.00,,", 2), ("0,.0", 1), ('0.00,,"百万"', 2), ("#,##0", 0), ("#,##0.00", 0), ("0", 0)],
)
def test_thousands_scaling_by_trailing_commas(code, scale):
    assert thousands_scale(code) == scale
