"""Units typed in cells: exact conversions, refusals, and round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incentive.intake import units


@pytest.mark.parametrize(
    "source,target,value,expected",
    [
        ("万元", "亿元", 32000, 3.2),
        ("元", "万元", 1230000, 123),
        ("亿元", "万元", 1.5, 15000),
        ("%", "‰", 0.5, 5),
        ("‰", "%", 7, 0.7),
        ("小时", "学时", 5, 5),
        ("课时", "学时", 2, 2),
        ("千元", "元", 0.1, 100),
    ],
)
def test_exact_conversions(source, target, value, expected):
    assert units.apply(value, units.conversion(source, target)) == expected


def test_the_same_unit_or_no_unit_is_no_conversion():
    assert units.conversion("万元", "万元") is None and units.conversion("", "万元") is None
    assert units.conversion("（万元）", "万元") is None and units.conversion("％", "%") is None


@pytest.mark.parametrize("source,target", [("人", "人次"), ("万元", "个"), ("%", "分"), ("件", "起")])
def test_different_things_are_refused(source, target):
    with pytest.raises(units.UnitError) as e:
        units.conversion(source, target)
    assert e.value.key == "unit_mismatch"


def test_a_money_unit_without_yuan_is_the_catalogs_unit_with_it_and_nothing_else():
    """亿 for 亿元 is the same amount, a factor of 1 said as read so (docs/decisions.md#money-units-without-yuan); for
    万元, or a catalog's 亿 for a file's 亿元, no conversion is guessed."""
    change = units.conversion("亿", "亿元")
    assert units.reads_as(change) and change.factor == 1 and units.apply(3.5, change) == 3.5
    assert units.reads_as(units.conversion("（万）", "万元")) and units.reads_as(units.conversion("千", "千元"))
    assert not units.reads_as(units.conversion("小时", "学时")) and not units.reads_as(None)
    for source, target in [("亿", "万元"), ("万", "万人"), ("亿元", "亿"), ("千", "个")]:
        with pytest.raises(units.UnitError) as e:
            units.conversion(source, target)
        assert e.value.key == "unit_mismatch"
    assert units.same_size("亿", "亿元") and units.same_size("百万元", "百万") and not units.same_size("亿", "万元")
    assert units.same_family("亿", "万元") and not units.same_family("万", "万人")


def test_days_need_a_rule():
    with pytest.raises(units.UnitError) as e:
        units.conversion("天", "学时")
    assert e.value.key == "unit_days_need_rule"
    assert units.apply(3, units.conversion("天", "学时", hours_per_day=6)) == 18


@pytest.mark.parametrize("unit", ["分钟", "（分钟）", "min", "Minutes", "分"])
def test_minutes_are_known_as_such(unit):
    assert units.is_minutes(unit)


@pytest.mark.parametrize("unit", ["小时", "学时", "h", "天", ""])
def test_other_units_are_no_minutes(unit):
    assert not units.is_minutes(unit)


@given(
    st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False),
    st.sampled_from([("元", "万元"), ("万元", "亿元"), ("千元", "亿元"), ("%", "‰")]),
)
@settings(max_examples=300, deadline=None)
def test_a_conversion_round_trips(amount, pair):
    value = float(amount)
    there = units.apply(value, units.conversion(*pair))
    assert units.apply(there, units.conversion(pair[1], pair[0])) == value


@pytest.mark.parametrize(
    "unit,name,whole",
    [
        ("起", "安全生产事故起数", True),
        ("（个）", "新开工项目数", True),
        ("人次", "培训人次", True),
        ("个", "村均新开工项目数", False),  # an average may be a fraction
        ("件", "每万人信访件数", False),
        ("万人", "培训人数", False),  # 1.5万人 is 15000
        ("%", "企业诉求办结率", False),
        ("天", "项目审批平均用时", False),
        ("万元", "村集体经济收入", False),
        ("", "无单位指标", False),
    ],
)
def test_which_indicators_count_whole_things(unit, name, whole):
    assert units.counts_whole(unit, name) is whole


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("万元", "万元", True),
        ("学时", "小时", True),
        ("（课时）", "学时", True),
        ("万元", "亿元", False),
        ("人", "人次", False),
    ],
)
def test_units_of_one_size(a, b, same):
    """Two places that state these units for one value agree (学时 and 小时 count one for one) or conflict."""
    assert units.same_size(a, b) is same
