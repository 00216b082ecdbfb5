"""Every page's state through the URL (AppTest with query parameters before the run), garbage included."""

import json

import pytest
from conftest import correct_2026_q3, open_tab

from incentive.race import rankings
from incentive.store import batches


@pytest.fixture
def opened(app_factory, sample_db_path):
    """Open a page with the given query parameters, as a pasted link would (all on one copy of the sample)."""

    def open_link(page: str, **params):
        return app_factory(sample_db_path, page=page, query=params)

    return open_link


def table_with(at, *columns):
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def address_of(at) -> dict[str, str]:
    """The address bar after the run: each parameter's (last) value."""
    values = {name: at.query_params[name] for name in at.query_params}
    return {name: value[-1] if isinstance(value, list) else value for name, value in values.items()}


def infos(at):
    return [i.value for i in at.info]


def test_a_rankings_link_opens_the_same_view(opened):
    at = opened(
        "views/rankings.py",
        year="2025",
        period="2025-Q4",
        compare="2025-Q2",
        method="minmax",
        tiers="25,25",
        weights="项目建设=40,乡村振兴=20,为企服务=20,基层治理=20",
        focus="澄溪县",
        tab="focus",
    )
    assert at.selectbox(key="rank_period").value == "2025-Q4"
    assert at.selectbox(key="rank_compare").value == "2025-Q2"
    assert at.selectbox(key="rank_method").value == "minmax"
    assert at.selectbox(key="rank_focus").value == "澄溪县"
    assert at.number_input(key="rank_weight_项目建设").value == 40
    from ui.runtime import database

    expected = rankings.rank_period(
        database().connection,
        "2025-Q4",
        method="minmax",
        tier_shares=(0.25, 0.25),
        weights={"项目建设": 40, "乡村振兴": 20, "为企服务": 20, "基层治理": 20},
    )
    assert any("非正式权重（试算）" in w.value for w in at.warning)
    assert any("澄溪县 2025-Q4 各项指标" in m.value for m in at.markdown)
    assert address_of(at)["rank.tab"] == "focus"  # the old bare name, under the page's prefix
    open_tab(at, "ranking")
    table = table_with(at, "排名区间", "县区")
    assert table["县区"].tolist() == expected.table.index.tolist()
    assert table["方阵"].value_counts().to_dict() == {"第一方阵": 3, "第二方阵": 6, "第三方阵": 3}
    assert "rank.tab" not in address_of(at)  # the first tab is the default: left out


def test_changed_controls_are_written_back_and_reopen_identically(opened):
    at = opened("views/rankings.py")
    at.selectbox(key="rank_method").set_value("minmax").run()
    at.selectbox(key="rank_compare").set_value("2025-Q3").run()
    at.segmented_control(key="rank_level").set_value("township").run()
    params = {key: at.query_params[key] for key in at.query_params}
    assert params["rank.method"] == ["minmax"] or params["rank.method"] == "minmax"
    flat = {k: (v[0] if isinstance(v, list) else v) for k, v in params.items()}
    assert flat["rank.level"] == "township" and flat["rank.compare"] == "2025-Q3"
    again = opened("views/rankings.py", **flat)
    assert table_with(again, "排名区间", "乡镇").equals(table_with(at, "排名区间", "乡镇"))


def test_a_period_written_as_the_cli_writes_it_opens_that_period(opened):
    # 2025Q2 (the CLI's and the files' form) and 2025年二季度 name the option 2025-Q2; the address then reads it so
    for written in ("2025Q2", "2025年二季度"):
        at = opened("views/rankings.py", **{"year": "2025", "rank.period": written})
        assert at.selectbox(key="rank_period").value == "2025-Q2"
        assert not any(i.startswith("链接中的参数无法使用") for i in infos(at))
        assert address_of(at)["rank.period"] == "2025-Q2"
    at = opened("views/rankings.py", **{"year": "2025", "rank.period": "2025Q9"})  # no such period: noted as before
    assert any("rank.period=2025Q9" in i for i in infos(at) if i.startswith("链接中的参数无法使用"))


@pytest.mark.parametrize(
    "page, params, shown",
    [
        ("views/overview.py", {"year": "2025", "home.race": "2025Q9", "home.care": "garbage"}, "home.race=2025Q9"),
        ("views/movements.py", {"year": "2025", "present": "1", "moves.section": "garbage"}, "moves.section=garbage"),
        (
            "views/appraisals.py",
            {"year": "2025", "present": "1", "grades.section": "garbage"},
            "grades.section=garbage",
        ),
        # the language is bound by its label (lang=English): anything else was dropped without a word
        ("views/overview.py", {"year": "2025", "lang": "Klingon"}, "lang=Klingon（可选：中文、English）"),
        ("views/rankings.py", {"year": "2025", "lang": "en"}, "lang=en（可选：中文、English）"),
        # and what the value may be (a fresh helper's finding): the sections' names, the first six counties of 12
        ("views/rankings.py", {"present": "1", "rank.section": "x"}, "rank.section=x（可选：headline、bars、table、"),
        ("views/overview.py", {"county": "不存在县"}, "等，另有 6 项）"),
    ],
)
def test_a_pages_own_unusable_parameters_are_noted_on_that_page(opened, page, params, shown):
    # the note used to be drawn before the page read its own controls: it said nothing there and turned up on the
    # next page opened
    at = opened(page, **params)
    assert any(shown in i for i in infos(at) if i.startswith("链接中的参数无法使用")), infos(at)


@pytest.mark.parametrize(
    "params, shown",
    [
        ({"period": "2099-Q9", "method": "median"}, ["period=2099-Q9", "method=median"]),
        ({"weights": "项目建设=abc", "tiers": "80,80"}, ["weights=项目建设=abc", "tiers=80,80"]),
        (
            {"weights": "不存在=5", "focus": "<script>", "compare": "' OR 1=1 --"},
            ["weights=不存在=5", "focus=\\<script\\>"],
        ),
        (
            {"county": "不存在县", "year": "1999", "level": "province"},
            ["county=不存在县", "year=1999", "level=province"],
        ),
    ],
)
def test_garbage_in_a_link_falls_back_to_defaults_with_a_note(opened, params, shown):
    at = opened("views/rankings.py", **params)
    note = next(i for i in infos(at) if i.startswith("链接中的参数无法使用"))
    for part in shown:
        assert part in note
    assert at.selectbox(key="rank_method").value in ("z", "minmax", "points")
    assert table_with(at, "排名区间")["排名"].iloc[0] == 1  # a ranking is drawn


def test_the_compared_period_follows_the_period_until_chosen(opened):
    at = opened("views/rankings.py", **{"year": "2025", "rank.period": "2025-Q2"})
    assert at.selectbox(key="rank_compare").value == "2025-Q1"  # the default: the one before
    at.selectbox(key="rank_period").set_value("2025-Q3").run()
    assert at.selectbox(key="rank_compare").value == "2025-Q2"  # still the one before, not 2025-Q1 kept
    assert "rank.compare" not in address_of(at)
    at.selectbox(key="rank_compare").set_value("2025-Q1").run()  # chosen: it stays when the period changes
    at.selectbox(key="rank_period").set_value("2025-Q4").run()
    assert at.selectbox(key="rank_compare").value == "2025-Q1"
    assert address_of(at)["rank.compare"] == "2025-Q1"
    # a chosen one stays chosen when it happens to be the default of a period on the way (2024-Q4 before 2025-Q1)
    at.selectbox(key="rank_compare").set_value("2024-Q4").run()
    at.selectbox(key="rank_period").set_value("2025-Q1").run()
    assert at.selectbox(key="rank_compare").value == "2024-Q4"
    at.selectbox(key="rank_period").set_value("2025-Q3").run()
    assert at.selectbox(key="rank_compare").value == "2024-Q4"
    assert address_of(at)["rank.compare"] == "2024-Q4"


def test_a_chosen_focus_county_stays_when_it_is_another_periods_default(opened):
    q2_default = opened("views/rankings.py", **{"year": "2025", "rank.period": "2025-Q2", "rank.tab": "focus"})
    q2_default = q2_default.selectbox(key="rank_focus")
    at = opened("views/rankings.py", **{"year": "2025", "rank.period": "2025-Q4", "rank.tab": "focus"})
    chosen = q2_default.value
    assert at.selectbox(key="rank_focus").value != chosen  # chosen, not the default of 2025-Q4
    at.selectbox(key="rank_focus").set_value(chosen).run()
    for period in ("2025-Q2", "2025-Q3"):  # the default on the way, then a period whose default is another
        at.selectbox(key="rank_period").set_value(period).run()
        assert at.selectbox(key="rank_focus").value == chosen


def test_a_long_unusable_value_is_echoed_cut(opened):
    at = opened("views/rankings.py", **{"year": "2025", "rank.focus": "县" * 5000})
    note = next(i for i in infos(at) if i.startswith("链接中的参数无法使用"))
    assert "县" * 80 + "…" in note and "县" * 81 not in note


def test_a_mistyped_parameter_name_is_noted_and_another_pages_is_not(opened):
    """A name no page has (`cty.period`) or this page lacks (`rank.perod`) is said, as a bad value is; another
    page's parameter (`train.slice`, that page's memory) leaves the address without a word."""
    at = opened("views/rankings.py", **{"cty.period": "2025-Q4", "rank.perod": "2025-Q4", "train.slice": "rank"})
    note = next(i for i in infos(at) if i.startswith("链接中的参数无法使用"))
    assert "cty.period=2025-Q4" in note and "rank.perod=2025-Q4" in note
    assert "train.slice" not in note
    assert not {"cty.period", "rank.perod", "train.slice"} & set(address_of(at))


def test_points_are_not_offered_on_indicators_in_different_units(opened):
    """The sample's race indicators are in 亿元, %, 件 and 分: 原始分值 would add them as given
    (docs/decisions.md#points-need-one-scale); a link asking for it falls back with a note."""
    at = opened("views/rankings.py", method="points")
    assert at.selectbox(key="rank_method").options == ["z 分数", "功效系数（0-100）"]
    assert "method=points" in next(i for i in infos(at) if i.startswith("链接中的参数无法使用"))
    assert not any(c.startswith("原始分值") for c in table_with(at, "排名区间").columns)


def test_training_and_welfare_links(opened):
    at = opened(
        "views/training.py",
        window="months",
        months="2026-03~2026-05",
        slice="rank",
        measure="hours_per_cadre",
        county="棠梨县",
        tab="drill",
    )
    assert any(c.value.startswith("棠梨县 · 2026-03\\~2026-05") for c in at.caption)
    assert set(table_with(at, "职级", "覆盖率")["县区"]) == {"棠梨县"}
    open_tab(at, "domains")
    assert at.segmented_control(key="training_domain_measure").value == "hours_per_cadre"
    bad = opened("views/training.py", window="months", months="2025-13~2026-99")
    assert any("months=2025-13\\~2026-99" in i for i in infos(bad))  # Markdown-escaped
    care = opened("views/welfare.py", year="2025", period="2025-H1", indicator="W02", county="杉浦县", tab="county")
    assert care.selectbox(key="welfare_period").value == "2025-H1"
    assert care.selectbox(key="welfare_indicator").value == "W02"
    assert care.selectbox(key="county").value == "杉浦县"
    # Parsed, not searched as text: without orjson, plotly writes non-ASCII as \u escapes
    assert any(
        "杉浦县 与全市中位数（2025-H1" in json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
        for chart in care.get("plotly_chart")
    )


def test_a_short_link_restores_the_shared_controls_and_the_page_state(opened, sample_db_path):
    from incentive.sharing import permalinks
    from incentive.store.database import Database

    db = Database(sample_db_path)
    key = permalinks.save(
        db,
        "rankings",
        {
            "lang": "English",
            "year": "2025",
            "county": "澄溪县",
            "method": "minmax",
            "period": "2025-Q2",
            "tab": "focus",
        },
        created_by="test",
    )
    db.close()
    at = opened("views/rankings.py", v=key)
    assert at.title[0].value == "Rankings"
    assert at.selectbox(key="rank_period").value == "2025-Q2"
    assert at.selectbox(key="rank_method").value == "minmax"
    assert at.selectbox(key="rank_focus").value == "澄溪县"  # the shared county is the county looked at
    # the address now holds the whole view, shared controls included: a reload or a forwarded address shows it
    # (docs/decisions.md#short-links-keep-the-view-in-the-address)
    address = address_of(at)
    assert "v" not in address
    assert {k: address.get(k) for k in ("lang", "year", "county", "rank.method", "rank.period", "rank.tab")} == {
        "lang": "English",  # the language switch is bound by its label
        "year": "2025",
        "county": "澄溪县",
        "rank.method": "minmax",
        "rank.period": "2025-Q2",
        "rank.tab": "focus",
    }
    reloaded = opened("views/rankings.py", **address)  # a new session on the same address: a reload
    assert reloaded.title[0].value == "Rankings"
    assert reloaded.selectbox(key="year").value == 2025 and reloaded.selectbox(key="county").value == "澄溪县"
    assert reloaded.selectbox(key="rank_period").value == "2025-Q2"
    assert reloaded.selectbox(key="rank_method").value == "minmax"
    assert reloaded.selectbox(key="rank_focus").value == "澄溪县"  # in the tab the link was shared from


def test_an_unknown_or_malformed_short_link_says_so(opened):
    for key in ("zzzzzz", "'; DROP TABLE permalinks; --"):
        at = opened("views/overview.py", v=key)
        assert any("v=" in i.value for i in at.info)


def test_permalink_keys_and_storage(db):
    from incentive.sharing import permalinks

    keys = {permalinks.new_key() for _ in range(200)}
    assert all(permalinks.KEY_SHAPE.match(k) for k in keys) and len(keys) == 200
    key = permalinks.save(db, "training", {"window": "quarter", "county": "棠梨县"}, created_by="test")
    link = permalinks.load(db, key)
    assert (link.path, link.params, link.pinned_at) == ("training", {"county": "棠梨县", "window": "quarter"}, None)
    assert permalinks.load(db, key.upper()) is None and permalinks.load(db, "") is None
    assert (
        permalinks.address("http://dash.example.internal/", "training", key)
        == f"http://dash.example.internal/training?v={key}"
    )


def test_meeting_mode_shows_one_section_at_a_time_and_steps_through_counties(opened):
    at = opened("views/rankings.py", present="1")
    assert at.toggle(key="present").value is True
    assert any(m.value.startswith("**1 / 5 · 要点**") for m in at.markdown)
    assert len(at.get("plotly_chart")) == 0 and len(at.metric) == 4  # only the headline section
    at.button(key="meeting_next").click().run()
    assert any(m.value.startswith("**2 / 5 · 综合得分与排名区间**") for m in at.markdown)
    assert len(at.get("plotly_chart")) == 2 and len(at.metric) == 0
    assert at.query_params["rank.section"] in ("bars", ["bars"])
    at.button(key="meeting_county_next").click().run()
    assert at.selectbox(key="county").value == "云岫县"  # the first county after 全市
    at.button(key="meeting_county_previous").click().run()
    assert at.selectbox(key="county").value == "蒲陌县"  # wraps round to the last
    at.button(key="meeting_leave").click().run()
    assert at.toggle(key="present").value is False and len(at.get("plotly_chart")) == 2  # the first tab's


def test_meeting_mode_on_every_page(opened):
    for page in ("views/overview.py", "views/training.py", "views/welfare.py", "views/movements.py"):
        at = opened(page, present="1")
        assert any(m.value.startswith("**1 / ") for m in at.markdown), page


def test_a_pinned_link_keeps_showing_the_data_it_was_shared_with(opened, sample_db_path):

    from incentive.sharing import permalinks
    from incentive.store.database import Database

    db = Database(sample_db_path)
    before = rankings.rank_period(db.connection, "2026-Q3").ranked.index[0]
    moment = batches.version_info(db).last_change
    key = permalinks.save(db, "", {}, created_by="test", pinned_at=moment)
    correct_2026_q3(db)
    db.close()

    at = opened("views/overview.py", v=key)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["综合第一"] == before != "苇塘县"  # the data as shared
    assert any(w.value.startswith("本链接显示") and "已有更新" in w.value for w in at.warning)
    assert any("固定版本" in c.value for c in at.caption)
    assert address_of(at).get("pin") == key and "v" not in address_of(at)  # the moment stays in the address
    reloaded = opened("views/overview.py", **address_of(at))  # a reload: still the data as shared
    assert {m.label: m.value for m in reloaded.metric}["综合第一"] == before
    at.button(key="pinned_to_current").click().run()
    assert {m.label: m.value for m in at.metric}["综合第一"] == "苇塘县"
    assert not any(w.value.startswith("本链接显示") for w in at.warning)
    assert "pin" not in address_of(at)
    db = Database(sample_db_path)
    live = permalinks.save(db, "", {}, created_by="test")
    db.close()
    wrong = opened("views/overview.py", pin=live)  # a link that is not pinned has no moment to show
    assert any("pin=" in i for i in infos(wrong)) and "pin" not in address_of(wrong)


def test_a_training_page_stopped_for_an_unsent_county_still_says_which_link_parameters_it_could_not_use(
    app_factory, sample_db_path
):
    """棠梨县 has not sent 2026-Q3, so its training page stops at the notice; a link asking for 2026-Q4, which is not
    offered, said so without the county and fell back to Q3 unsaid with it (a new user's walk)."""
    query = {"year": "2026", "train.window": "quarter", "train.quarter": "4"}
    plain = app_factory(sample_db_path, query=query, page="views/training.py")
    with_county = app_factory(sample_db_path, query={**query, "county": "棠梨县"}, page="views/training.py")
    for at in (plain, with_county):
        notes = [i.value for i in at.info if i.value.startswith("链接中的参数无法使用")]
        assert notes and "train.quarter=4" in notes[0], [i.value for i in at.info]


def test_a_parameter_given_twice_is_said_with_the_value_used(opened):
    """/training?year=2025&year=2024: the page showed 2024 without a word, and whoever had sent the link for 2025
    read another year's figures. The page says the parameter came twice and which value it used, and the address
    keeps that one. The language switch, drawn before the page's parameters are read, is said too, with the value
    Streamlit gave it (the first), not the one the others take (the last)."""
    at = opened("views/training.py", year=["2025", "2024"], **{"train.window": ["quarter", "year"]})
    assert not at.exception
    assert at.selectbox(key="year").value == 2024
    assert [i for i in infos(at) if "重复" in i] == [
        "链接中的参数重复出现，每项只采用一个值：year（2025、2024，采用 2024）；train.window（quarter、year，采用 year）。"
    ]
    assert address_of(at)["year"] == "2024" and not isinstance(at.query_params["year"], list)
    switched = opened("views/training.py", lang=["English", "中文"])
    assert switched.title[0].value == "Training"
    assert [i.replace("\\", "") for i in infos(switched) if "more than once" in i] == [  # Markdown escapes
        "Some link parameters were given more than once; one value of each is used: lang (English, 中文: English used)."
    ]
    # the default first: the switch takes 中文 and leaves it out of the address; the note said English was used
    default_first = opened("views/training.py", lang=["中文", "English"])
    assert default_first.title[0].value == "培训覆盖"
    assert [i.replace("\\", "") for i in infos(default_first) if "重复" in i] == [
        "链接中的参数重复出现，每项只采用一个值：lang（中文、English，采用 中文）。"
    ]


def test_a_rankings_link_says_the_peer_county_and_class_it_has_no_use_for(opened):
    """/rankings?county=澄溪县&rank.level=township&rank.peer=棠梨县 ranked 澄溪县's townships (the sidebar's county
    decides) and said nothing of 棠梨县; a class the period's units do not have (rank.peer_class) was dropped
    unsaid too. Both are said, and leave the address."""
    at = opened(
        "views/rankings.py",
        county="澄溪县",
        **{"rank.level": "township", "rank.peer": "棠梨县", "rank.peer_class": "农业大县"},
    )
    note = next(i for i in infos(at) if i.startswith("链接中的参数无法使用"))
    assert "rank.peer=棠梨县" in note and "rank.peer\\_class=农业大县" in note
    assert "rank.peer" not in at.query_params and "rank.peer_class" not in at.query_params
    assert any("澄溪县" in c.value for c in at.caption)  # the townships of the sidebar's county


def test_a_peer_the_session_chose_itself_is_not_said_unusable(opened):
    """Townships of 棠梨县 chosen on the page, then 澄溪县 in the sidebar: the page's own earlier choice is no link
    parameter it could not use."""
    at = opened("views/rankings.py", **{"rank.level": "township"})
    at.selectbox(key="rank_county").set_value("棠梨县").run()
    assert at.query_params["rank.peer"] == "棠梨县"
    at.selectbox(key="county").set_value("澄溪县").run()
    assert not at.exception
    assert not [i for i in infos(at) if i.startswith("链接中的参数无法使用")]


@pytest.mark.parametrize(
    "page, params, said",
    [
        ("views/training.py", {"train.drill": "棠梨县", "train.tab": "drill"}, "train.drill=棠梨县"),
        ("views/welfare.py", {"care.focus": "棠梨县", "care.tab": "county"}, "care.focus=棠梨县"),
    ],
)
def test_a_county_the_sidebars_county_overrides_is_said(opened, page, params, said):
    """The drill-down's and the radar's county is the sidebar's when it names one: another in the link was dropped
    unsaid, the page showing 澄溪县 to whoever expected 棠梨县."""
    at = opened(page, county="澄溪县", **params)
    assert not at.exception
    note = next(i for i in infos(at) if i.startswith("链接中的参数无法使用"))
    assert said in note
    assert said.split("=")[0] not in at.query_params


def test_a_short_link_with_parameters_of_its_own_shows_what_its_address_says(opened, sample_db_path):
    """/rankings?v=key&year=2024&rank.method=z (a short link someone added to by hand): the address became the
    link's (year=2025, minmax) while the sidebar and the ranking showed 2024 (Streamlit seeds the bound year from
    the address first opened), so a copied address opened another year. The address's own parameters now stand,
    the link filling in the rest, and the address says what the page shows."""
    from incentive.sharing import permalinks
    from incentive.store.database import Database

    db = Database(sample_db_path)
    key = permalinks.save(
        db, "rankings", {"year": "2025", "rank.method": "minmax", "rank.track": "乡村振兴"}, created_by="test"
    )
    db.close()
    at = opened("views/rankings.py", v=key, year="2024", **{"rank.method": "z"})
    assert not at.exception
    assert at.selectbox(key="year").value == 2024 and at.selectbox(key="rank_period").value == "2024-Q4"
    assert at.selectbox(key="rank_method").value == "z"
    assert at.selectbox(key="rank_track").value == "乡村振兴"  # from the link
    address = address_of(at)
    assert address["year"] == "2024" and "rank.method" not in address and address["rank.track"] == "乡村振兴"
    assert "v" not in address


def test_a_link_period_written_with_a_dot_names_no_option():
    """`2025.3` in a link is the third quarter or March: neither is taken, though March is an option
    (docs/decisions.md#periods-written-with-a-dot); `2025.11` is November alone."""
    from ui import link_state

    options = ["2025-03", "2025-Q3", "2025-11"]
    assert link_state._option(options, "2025.3") is link_state.INVALID
    assert link_state._option(options, "2025.11") == "2025-11"
    # a slash or hyphen alike; `2025-03` (ISO) is March
    assert link_state._option(options, "2025/3") is link_state.INVALID
    assert link_state._option(options, "2025-3") is link_state.INVALID
    assert link_state._option(options, "2025-03") == "2025-03"


@pytest.mark.parametrize("weight", ["150", "100.5", "1e6", "1e308"])
def test_a_weight_above_100_in_a_link_is_refused_not_taken_as_0(opened, weight):
    """The weight boxes take 0 to 100 percent: a link's 项目建设=150 was set into the box, which took it as 0 without
    a word, and the ranking dropped the track the link weighted most (a fresh tester's finding). It is refused with
    the note, as a negative weight is, and the catalog's weights stand."""
    default = opened("views/rankings.py").number_input(key="rank_weight_项目建设").value
    text = f"项目建设={weight},乡村振兴=20,为企服务=20,基层治理=20"
    at = opened("views/rankings.py", **{"rank.weights": text})
    note = next(i for i in infos(at) if i.startswith("链接中的参数无法使用"))
    assert f"rank.weights={text}" in note
    assert at.number_input(key="rank_weight_项目建设").value == default > 0
    assert "rank.weights" not in address_of(at)  # the catalog's weights, left out: never 项目建设=0
    assert not any("非正式权重（试算）" in w.value for w in at.warning)


@pytest.mark.parametrize(
    "params, refused",
    [
        ({"rank.focus": "<script>"}, "rank.focus"),  # its tab is not open: the control is not drawn
        ({"rank.weights": "项目建设=abc"}, "rank.weights"),
        ({"v": "zzzzzz", "pin": "yyyyyy"}, "pin"),  # an unknown short link: the pin beside it was not looked at
    ],
)
def test_a_refused_link_value_leaves_the_address(opened, params, refused):
    """A value the page said it could not use stayed in the address when its control was not drawn in that run,
    so a reload or the address forwarded carried it on (a fresh tester's finding)."""
    at = opened("views/rankings.py", **params)
    note = next(i for i in infos(at) if i.startswith("链接中的参数无法使用"))
    assert refused.replace("_", "\\_") in note
    assert not set(params) & set(address_of(at)), address_of(at)


def _shared_params(at, sample_db_path) -> dict[str, str]:
    """The parameters the live share link of this view stores."""
    import re

    from incentive.sharing import permalinks
    from incentive.store.database import Database

    at.button(key="share_link").click().run()
    field = next(f.proto.srcdoc for f in at.get("iframe") if 'id="copy"' in f.proto.srcdoc)
    db = Database(sample_db_path)
    try:
        return permalinks.load(db, re.search(r"\?v=(\w+)", field).group(1)).params
    finally:
        db.close()


def test_a_meeting_screen_without_meeting_mode_leaves_the_address_and_share_links(app_factory, sample_db_path):
    """`rank.section=table` without meeting mode: the page never reads it, yet it stayed in the address and went into
    share links, which opened the table screen to whoever had meeting mode on (a tester's finding). It leaves both,
    and meeting mode turned on in the same session still starts on that screen
    (docs/decisions.md#short-links-keep-the-view-in-the-address)."""
    query = {"rank.section": "table", "rank.method": "minmax", "train.section": "targets"}  # and another page's
    at = app_factory(sample_db_path, page="views/rankings.py", query=query)
    assert address_of(at)["rank.method"] == "minmax"
    assert not {"rank.section", "train.section"} & set(address_of(at))
    shared = _shared_params(at, sample_db_path)
    assert not {"rank.section", "train.section"} & set(shared) and shared["rank.method"] == "minmax"
    at.toggle(key="present").set_value(True).run()
    assert any(m.value.startswith("**3 / 5 ·") for m in at.markdown)  # the table, the third screen
    assert address_of(at)["rank.section"] == "table" and address_of(at)["present"] == "1"
    assert _shared_params(at, sample_db_path)["rank.section"] == "table"  # read in meeting mode: kept
