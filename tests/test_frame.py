"""The shared frame's rules for tables (ui/frame.py): every table a page draws shows a missing value as the one
mark MISSING_CELL, never Streamlit's "None" (docs/decisions.md#missing-values)."""

from __future__ import annotations

import ast
import contextlib
from pathlib import Path

import pytest
from conftest import ROOT

from ui.frame import MISSING_CELL


def test_every_page_table_shows_a_missing_value_as_the_one_mark():
    """st.dataframe shows "None" for a missing value unless given `placeholder`: every call in the pages and their
    glue passes MISSING_CELL (a new table without it would bring "None" back)."""
    assert MISSING_CELL == "—"
    calls, offenders = 0, []
    for path in sorted([*ROOT.joinpath("views").glob("*.py"), *ROOT.joinpath("ui").glob("*.py"), ROOT / "app.py"]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("dataframe", "data_editor"):
                calls += 1
                given = {k.arg: ast.unparse(k.value) for k in node.keywords}
                if given.get("placeholder") != "MISSING_CELL":
                    offenders.append(f"{Path(path).relative_to(ROOT)}:{node.lineno}")
    assert calls > 15 and not offenders, (
        offenders
    )  # a sanity floor: the walk found the tables (the meeting deck draws the rest)


def test_the_sidebar_county_is_not_offered_where_it_filters_nothing(app_factory):
    """docs/decisions.md#the-sidebar-county-per-page: 概览 and 能上能下 show the prefecture's figures whatever the
    county, so there the control is disabled with a line saying so (it kept the county for the other pages); on
    赛马排名 it filters, and the county chosen is still in the address after a visit to a prefecture page."""
    at = app_factory(query={"county": "柏川县"})
    for page in ("views/overview.py", "views/movements.py"):
        at.switch_page(page).run()
        assert at.selectbox(key="county").disabled and at.selectbox(key="county").value == "柏川县", page
        assert any(c.value.startswith("本页显示全市数字") for c in at.sidebar.caption), page
    at.switch_page("views/rankings.py").run()
    assert not at.selectbox(key="county").disabled and at.selectbox(key="county").value == "柏川县"
    assert not any(c.value.startswith("本页显示全市数字") for c in at.sidebar.caption)


def test_where_the_sidebar_county_filters_in_part_a_line_says_what_it_changes(app_factory):
    at = app_factory(query={"county": "柏川县"})
    said = {
        "views/rankings.py": "所选县区在本页用于详情和图中突出显示",
        "views/training.py": "所选县区在本页用于要点数字、下钻和名单",
        "views/welfare.py": "所选县区在本页用于雷达图和趋势",
    }
    for page, start in said.items():
        at.switch_page(page).run()
        assert not at.selectbox(key="county").disabled, page
        assert [c.value for c in at.sidebar.caption if c.value.startswith("所选县区")] == [
            next(c.value for c in at.sidebar.caption if c.value.startswith(start))
        ], page
    at.selectbox(key="county").set_value("").run()  # no county: nothing to explain
    assert not [c.value for c in at.sidebar.caption if c.value.startswith("所选县区")]


def _watching() -> None:
    """A run that starts the data-version watch once, with the version the test says the page shows."""
    import streamlit as st

    from ui import frame

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    if st.session_state["runs"] == 1:
        frame._follow_data_version(st.session_state["shown"])


@pytest.mark.parametrize("current", [True, False])
def test_the_data_version_watch_reruns_the_page_only_when_the_data_changed(sample_db_path, monkeypatch, current):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from incentive.store import batches
    from incentive.store.database import Database

    monkeypatch.setenv("INCENTIVE_DB", str(sample_db_path))
    st.cache_resource.clear()
    with contextlib.closing(Database(sample_db_path)) as db:
        version = batches.data_version(db)
    at = AppTest.from_function(_watching)
    at.session_state["shown"] = version if current else f"{version}+older"
    at.run()
    st.cache_resource.clear()
    assert not at.exception and at.session_state["runs"] == (1 if current else 2)


@pytest.mark.slow
def test_every_table_on_the_movements_page_has_room_for_its_rows_and_a_sideways_scrollbar(
    app_factory, sample_db_path, monkeypatch
):
    """At 1440 px the tier table beside its chart scrolls sideways, and with Streamlit's "auto" height the
    scrollbar took the lower half of its last row (an earlier walk-through): every grid the page draws is given a
    height of its rows (up to AUTO_ROWS), its header and the scrollbar's room (meeting.table_height)."""
    import streamlit as st
    from streamlit.elements.arrow import ArrowMixin

    from ui import meeting

    drawn = []
    real = ArrowMixin.dataframe

    def recording(self, data=None, *args, **kwargs):
        drawn.append((len(data), kwargs.get("height", "auto")))
        return real(self, data, *args, **kwargs)

    monkeypatch.setattr(ArrowMixin, "dataframe", recording)
    # st.dataframe is a method bound when Streamlit was imported: patched apart from the columns' own
    monkeypatch.setattr(st, "dataframe", lambda *args, **kwargs: recording(st._main, *args, **kwargs))
    at = app_factory(sample_db_path, page="views/movements.py")
    assert not at.exception and len(drawn) >= 2, drawn
    for rows, height in drawn:
        assert isinstance(height, int) and height >= meeting.table_height(min(rows, meeting.AUTO_ROWS)), (rows, height)
    assert meeting.table_height(3) >= 3 + meeting.ROW_PX * 4 + meeting.SCROLLBAR_PX  # the header, 3 rows, the bar
