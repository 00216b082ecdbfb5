"""Each page's memory is its own (issue 16): a page's controls live in the URL under its prefix, so choosing a
period on 赛马排名 and opening 关心关爱 neither reads the rankings' period there (no "cannot be used" note) nor
carries the rankings' parameters in its address; coming back finds the rankings as left."""

from __future__ import annotations

import itertools
from dataclasses import fields

import pytest
from conftest import open_tab

from ui import page_state

NOTE = "链接中的参数无法使用"
SEGMENTED = {"training_window", "training_domain_measure", "training_slice"}
# the controls in a page's further tabs (ui/section_tabs.py), drawn only while their tab is open
TAB_OF = {
    "rank_focus": "focus",
    "training_domain_measure": "domains",
    "training_slice": "drill",
    "training_drill_county": "drill",
    "welfare_county": "county",
    "welfare_indicator": "county",
}
PAGES = {
    "views/overview.py": "",
    "views/rankings.py": "rankings",
    "views/training.py": "training",
    "views/welfare.py": "welfare",
    "views/movements.py": "movements",
}


def every_pair_once(nodes: list[str]) -> list[str]:
    """A walk that goes from every node to every other node exactly once (an Euler circuit of the complete
    directed graph, Hierholzer's algorithm): 20 page changes for 5 pages instead of 40."""
    left = {a: [b for b in nodes if b != a] for a in nodes}
    stack, walk = [nodes[0]], []
    while stack:
        here = stack[-1]
        if left[here]:
            stack.append(left[here].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]


def set_controls(at, page: str) -> dict[str, object]:
    """Non-default choices on the page's own controls; returns widget key -> value to find again later."""
    if page == "views/rankings.py":
        chosen = {"rank_period": "2025-Q2", "rank_method": "minmax", "rank_compare": "", "rank_focus": "棠梨县"}
    elif page == "views/training.py":
        chosen = {
            "training_window": "quarter",
            "training_quarter": 2,
            "training_domain_measure": "hours_per_cadre",
            "training_slice": "rank",
            "training_drill_county": "棠梨县",
        }
    elif page == "views/welfare.py":
        chosen = {"welfare_period": "2025-H1", "welfare_county": "棠梨县", "welfare_indicator": "W02"}
    else:
        return {}  # the overview and 能上能下 have no controls of their own outside meeting mode
    for key, value in chosen.items():
        if key in TAB_OF:
            open_tab(at, TAB_OF[key])
        widget = at.segmented_control(key=key) if key in SEGMENTED else at.selectbox(key=key)
        widget.set_value(value).run()
        assert not at.exception, [e.value for e in at.exception]
    return chosen


def last_tab(keys) -> str | None:
    """The tab a page was left on by set_controls: that of its last control in a tab."""
    return next((TAB_OF[key] for key in reversed(list(keys)) if key in TAB_OF), None)


def shown(at, key: str):
    return (at.segmented_control(key=key) if key in SEGMENTED else at.selectbox(key=key)).value


def own_or_shared(params, url_path: str) -> list[str]:
    """The address's parameters that belong neither to the frame nor to this page."""
    prefix = page_state.PAGES[url_path][0]
    return [name for name in params if name not in page_state.SHARED and not name.startswith(prefix + ".")]


def test_every_page_after_every_other_page_keeps_its_own_state(app):
    app.selectbox(key="year").set_value(2025).run()  # a year with a period before its latest: choices to make
    chosen = {}
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])
        chosen[page] = set_controls(app, page)
    app.switch_page("views/rankings.py").run()
    assert app.session_state["_link_page"].state() == page_state.RankingsState(  # the dataclass, as in the URL
        period="2025-Q2", compare="", method="minmax", focus="棠梨县", tab="focus"
    )
    walk = every_pair_once(list(PAGES))
    assert len(walk) == len(PAGES) * (len(PAGES) - 1) + 1
    for before, page in itertools.pairwise(walk):
        app.switch_page(page).run()
        where = f"{before} -> {page}"
        assert not app.exception, (where, [e.value for e in app.exception])
        assert not [i.value for i in app.info if i.value.startswith(NOTE)], where
        assert not own_or_shared(app.query_params, PAGES[page]), (where, dict(app.query_params))
        # its memory is its own, the tab it was left on included (a control in another tab is not drawn)
        in_view = {
            key: value for key, value in chosen[page].items() if TAB_OF.get(key) in (None, last_tab(chosen[page]))
        }
        assert {key: shown(app, key) for key in in_view} == in_view, where
        assert app.selectbox(key="year").value == 2025, where
    app.switch_page("views/training.py").run()
    open_tab(app, "domains")  # the control of a tab the page was not left on is remembered too
    assert shown(app, "training_domain_measure") == "hours_per_cadre"


@pytest.mark.parametrize("url_path", list(page_state.PAGES))
def test_page_fields_never_reuse_a_shared_name_and_prefixes_differ(url_path):
    prefix, state = page_state.PAGES[url_path]
    assert not {f.name for f in fields(state)} & set(page_state.SHARED)
    assert [p for p, _ in page_state.PAGES.values()].count(prefix) == 1
    assert all(f.default is None for f in fields(state))  # left out of the URL = the page's default


def test_an_old_link_with_bare_names_opens_the_view_and_gets_the_new_names(app):
    """A link shared before the prefixes (`/welfare?period=2025-H1&focus=杉浦县`) opens the same view; a bare name
    of another page's control is dropped without a note."""
    app.selectbox(key="year").set_value(2025).run()
    app.query_params.update({"period": "2025-H1", "indicator": "W02", "method": "minmax"})
    app.switch_page("views/welfare.py").run()
    assert app.selectbox(key="welfare_period").value == "2025-H1"
    open_tab(app, "county")
    assert app.selectbox(key="welfare_indicator").value == "W02"
    assert not [i.value for i in app.info if i.value.startswith(NOTE)]
    assert app.query_params.get("care.period") == "2025-H1" and "period" not in app.query_params
    assert "method" not in app.query_params  # the rankings' control means nothing here
    app.switch_page("views/rankings.py").run()
    assert app.selectbox(key="rank_method").value == "z"  # and it was not kept for the rankings either
