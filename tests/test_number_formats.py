"""Excel number format codes read as the person who typed the cell saw it."""

from __future__ import annotations

import pytest

from incentive.intake.number_formats import format_unit


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
