"""A long page's further sections in tabs (ui/section_tabs.py, docs/decisions.md#further-sections-in-tabs): only
the open tab's sections run and reach the browser; the open tab is in the address, so a link, a short link and a
pinned link reopen it, in either language; meeting mode steps through every section as before."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import open_tab

from incentive.i18n import t
from incentive.sharing import permalinks
from incentive.store.database import Database

# page -> (its prefix in the address, its tabs, the first of which opens by default)
TABS = {
    "rankings": ("rank", ("ranking", "tracks", "focus")),
    "training": ("train", ("coverage", "domains", "trend", "gaps", "drill")),
    "welfare": ("care", ("lights", "furthest", "county")),
}


def address_of(at) -> dict[str, str]:
    values = {name: at.query_params[name] for name in at.query_params}
    return {name: value[-1] if isinstance(value, list) else value for name, value in values.items()}


def open_in(at, page: str) -> str:
    """The name of the page's open tab, read from the tab bar AppTest received."""
    shown = at.session_state[f"{page}_tab"]
    return next(name for name in TABS[page][1] if shown in (t(f"tab_{page}_{name}", lang) for lang in ("zh", "en")))


def chart_titles(at) -> list[str]:
    import json

    return [json.loads(c.proto.spec)["layout"].get("title", {}).get("text", "") for c in at.get("plotly_chart")]


def test_a_closed_tab_is_neither_computed_nor_sent(app_factory, monkeypatch):
    """The rank history (赛道与走势) and the care history (县区与趋势) are read only when their tab is open, and
    the first tab's charts and table are not sent while another tab is."""
    import ui.runtime

    calls = []
    for name in ("ranking_history_in_force", "ranking_history", "welfare_history"):
        real = getattr(ui.runtime, name)
        monkeypatch.setattr(
            ui.runtime, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k)
        )
    at = app_factory(page="views/rankings.py")
    assert open_in(at, "rankings") == "ranking" and calls == []
    assert [len(at.get("plotly_chart")), len(at.tabs)] == [2, 3]
    assert not [title for title in chart_titles(at) if "各赛道得分" in title or "排名走势" in title]
    open_tab(at, "tracks")
    assert calls and set(calls) <= {"ranking_history_in_force", "ranking_history"}
    titles = chart_titles(at)
    assert len(titles) == 2 and any("各赛道得分" in title for title in titles)
    assert not [d for d in at.dataframe if "排名区间" in d.value.columns]  # the ranking's table is not sent
    at.switch_page("views/welfare.py").run()
    assert open_in(at, "welfare") == "lights" and "welfare_history" not in calls
    open_tab(at, "county")
    assert "welfare_history" in calls and len(at.get("plotly_chart")) == 2  # radar, trend; not the grid


def test_the_training_domains_are_read_only_by_the_tabs_that_show_them(app_factory, monkeypatch):
    """Each county's domains are a second pass over the window's records: the first tab, which shows none of them,
    does not read them; the domains tab and 缺什么补什么 (its weakest domain per county) do, the same table."""
    import ui.runtime

    read = []
    real = ui.runtime.window_query
    monkeypatch.setattr(ui.runtime, "window_query", lambda name, *a, **k: read.append(name) or real(name, *a, **k))
    at = app_factory(page="views/training.py")
    assert open_in(at, "training") == "coverage" and "training_domains" not in read
    open_tab(at, "trend")
    assert "training_domains" not in read
    for name in ("domains", "gaps"):
        read.clear()
        open_tab(at, name)
        assert "training_domains" in read
        assert not at.exception and at.dataframe


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", list(TABS))
def test_a_link_reopens_each_tab_in_either_language(app_factory, sample_db_path, page, lang):
    prefix, names = TABS[page]
    for name in names:
        query = {f"{prefix}.tab": name, **({"lang": "English"} if lang == "en" else {})}
        at = app_factory(sample_db_path, page=f"views/{page}.py", query=query)
        assert open_in(at, page) == name
        assert [tab.label for tab in at.tabs] == [t(f"tab_{page}_{n}", lang) for n in names]
        # the first tab is the default, left out of the address; another stays in it as its name, not its label
        assert address_of(at).get(f"{prefix}.tab") == (None if name == names[0] else name)
        assert not [i.value for i in at.info if "链接中的参数无法使用" in i.value or "could not be used" in i.value]


def test_the_open_tab_stays_when_the_language_changes(app_factory):
    at = app_factory(page="views/rankings.py")
    open_tab(at, "focus")
    assert address_of(at)["rank.tab"] == "focus"
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == "Rankings" and open_in(at, "rankings") == "focus"
    assert at.session_state["rankings_tab"] == "One unit" and address_of(at)["rank.tab"] == "focus"
    assert at.selectbox(key="rank_focus").value  # the tab's own control, drawn in English


@pytest.mark.parametrize("pinned", [False, True], ids=["short link", "pinned link"])
def test_a_short_or_pinned_link_reopens_its_tab(app_factory, sample_db_path, pinned):
    db = Database(sample_db_path)
    try:
        params = {"lang": "English", "train.tab": "trend", "train.window": "quarter"}
        key = permalinks.save(
            db, "training", params, created_by="test", pinned_at=dt.datetime.now() if pinned else None
        )
    finally:
        db.close()
    at = app_factory(sample_db_path, page="views/training.py", query={"v": key})
    assert at.title[0].value == "Training" and open_in(at, "training") == "trend"
    assert len(at.get("plotly_chart")) == 4  # quarters, pace, mix, coverage vs race: the tab shared
    assert address_of(at)["train.tab"] == "trend" and ("pin" in address_of(at)) == pinned


def test_a_tab_unknown_to_the_page_is_said_with_the_names_a_link_may_use(app_factory):
    at = app_factory(page="views/welfare.py", query={"care.tab": "县区与趋势"})  # a label, not a name
    note = next(i.value for i in at.info if i.value.startswith("链接中的参数无法使用"))
    assert "care.tab=县区与趋势" in note and "lights、furthest、county" in note
    assert open_in(at, "welfare") == "lights" and "care.tab" not in address_of(at)


def test_meeting_mode_has_no_tabs_and_steps_through_the_sections_of_every_tab(app_factory):
    """A room steps section by section (ui/meeting.py); the tab a link names waits in the address for the desk."""
    at = app_factory(page="views/rankings.py", query={"present": "1", "rank.tab": "tracks"})
    assert not at.tabs and any(m.value.startswith("**1 / 5 · 要点**") for m in at.markdown)
    for _ in range(3):
        at.button(key="meeting_next").click().run()
    assert any(m.value.startswith("**4 / 5 · 赛道与走势**") for m in at.markdown)
    assert len(at.get("plotly_chart")) == 2 and any("各赛道得分" in title for title in chart_titles(at))
    at.button(key="meeting_next").click().run()
    assert any(m.value.startswith("**5 / 5 · 单位详情与变化原因**") for m in at.markdown)
    assert [title for title in chart_titles(at) if "各赛道得分" in title] == []  # the tracks are not run here
    at.button(key="meeting_leave").click().run()
    assert open_in(at, "rankings") == "tracks" and len(at.tabs) == 3
