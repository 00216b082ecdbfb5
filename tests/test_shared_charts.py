"""ui/shared_charts.py: sessions asking for the same figure share one, built once; other inputs get their own."""

from __future__ import annotations

import pandas as pd
import plotly.io
import pytest
import streamlit as st

from incentive import charts
from ui import shared_charts

LABELS = {"met": "达标", "near": "接近", "below": "未达标"}


def _counts(below_of_a: int = 0) -> pd.DataFrame:
    return pd.DataFrame({"county": ["甲县", "乙县"], "met": [3, 1], "near": [1, 2], "below": [below_of_a, 1]})


@pytest.fixture(autouse=True)
def _empty_cache():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_equal_inputs_give_the_one_figure_the_builder_gives():
    first = shared_charts.status_bars(_counts(), "达标情况", LABELS, "指标数")
    again = shared_charts.status_bars(_counts(), "达标情况", LABELS, "指标数")  # another session's own frame
    assert again is first
    assert first.to_json() == charts.status_bars(_counts(), "达标情况", LABELS, "指标数").to_json()
    # what Streamlit's plotly_chart sends: the same, from a dict made once
    plain = charts.status_bars(_counts(), "达标情况", LABELS, "指标数")
    assert first.to_dict() is first.to_dict() and isinstance(first, shared_charts.SharedFigure)
    assert plotly.io.to_json(first, validate=False) == plotly.io.to_json(plain, validate=False)


def test_other_data_language_or_meeting_mode_give_other_figures():
    first = shared_charts.status_bars(_counts(), "达标情况", LABELS, "指标数")
    other_value = shared_charts.status_bars(_counts(below_of_a=2), "达标情况", LABELS, "指标数")
    english = shared_charts.status_bars(_counts(), "Status", {"met": "Met", "near": "Near", "below": "Below"}, "n")
    room = shared_charts.status_bars(_counts(), "达标情况", LABELS, "指标数", projector=True)
    assert len({id(first), id(other_value), id(english), id(room)}) == 4
    assert list(other_value.data[2].x) == [1, 2]  # bars run bottom-up: 乙县 then 甲县
    assert english.data[0].name == "Met"
    assert room.layout.font.size == charts.ROOM_TEXT


def test_a_name_that_is_no_builder_is_refused():
    with pytest.raises(AttributeError):
        shared_charts.SCREEN_UNITS  # noqa: B018
    with pytest.raises(AttributeError):
        shared_charts._for_room  # noqa: B018


def test_frames_that_differ_in_any_way_give_other_figures_and_equal_ones_the_same():
    """Inputs are told apart by all they hold (shared_charts.content_key), not by their values alone."""
    base = _counts()
    as_float = base.astype({"met": float})  # 3.0 draws as 3, but is another input
    renamed = base.rename(index={0: 5})
    first = shared_charts.status_bars(base, "达标情况", LABELS, "指标数")
    assert shared_charts.status_bars(base.copy(), "达标情况", LABELS, "指标数") is first
    others = [shared_charts.status_bars(frame, "达标情况", LABELS, "指标数") for frame in (as_float, renamed)]
    assert len({id(first), *map(id, others)}) == 3
    keys = {shared_charts.content_key(frame) for frame in (base, as_float, renamed, base["met"], base["near"])}
    assert len(keys) == 5 and shared_charts.content_key(_counts()) == shared_charts.content_key(base)
