"""Security items that show on pages, through AppTest on small databases built here."""

from __future__ import annotations

import pytest
import streamlit as st
from conftest import ROOT, import_ok
from streamlit.testing.v1 import AppTest

from incentive.storage import Database


def _app(path, monkeypatch) -> AppTest:
    monkeypatch.setenv("INCENTIVE_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def townships_unscored(tmp_path, monkeypatch):
    """Three counties scored in 2025-Q1; 一县 has two townships, neither with a score."""
    path = tmp_path / "small.duckdb"
    database = Database(path)
    import_ok(database, "regions.csv", "县区,乡镇,县区代码\n一县,东镇,3\n一县,西镇,3\n二县,,2\n三县,,1\n".encode())
    import_ok(database, "i.csv", ("指标代码,指标名称,类别,赛道,单位,方向,权重\n"
                                  "A,甲,赛马,项目建设,个,正向,3\nB,乙,赛马,基层治理,起,逆向,1\n").encode())
    import_ok(database, "v.csv", ("考核期,县区,乡镇,指标,数值\n2025Q1,一县,,A,30\n2025Q1,二县,,A,20\n"
                                  "2025Q1,三县,,A,10\n2025Q1,一县,,B,1\n2025Q1,二县,,B,5\n"
                                  "2025Q1,三县,,B,9\n").encode())
    database.close()
    at = _app(path, monkeypatch)
    yield at
    st.cache_resource.clear()
    st.cache_data.clear()


def test_rankings_county_without_township_scores_shows_a_sentence_not_a_traceback(townships_unscored):
    at = townships_unscored
    at.switch_page("views/rankings.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="rank_focus").value == "一县"  # the leader, whose townships have no scores
    assert any("一县 在 2025-Q1 没有乡镇赛马得分。" == i.value for i in at.info)
    for focus in ("二县", "三县", "一县"):  # and staying on the page keeps working
        at.selectbox(key="rank_focus").set_value(focus).run()
        assert not at.exception, [e.value for e in at.exception]
    at.segmented_control(key="rank_level").set_value("township").run()
    at.selectbox(key="rank_county").set_value("一县").run()
    assert not at.exception, [e.value for e in at.exception]
