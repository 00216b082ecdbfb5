"""分类考核: counties in peer classes, ranked within their class by the class's weights (issue 21), from real files
in a real DuckDB database."""

import csv
import datetime as dt
import io
import math

import pytest
from conftest import ROOT, import_ok, incentive_command, open_tab

from incentive.alerts import rules
from incentive.intake.file_kinds import labelled
from incentive.intake.ingest import parse_file
from incentive.intake.preview import effects_text
from incentive.publication import freeze, official
from incentive.race import rankings
from incentive.race.rankings import PeerGroup
from incentive.sharing import briefing, bulletin
from incentive.sharing.export import export_frame, to_csv_bytes
from incentive.store import batches, queries
from incentive.store.database import Database
from incentive.store.effects import import_effects
from incentive.store.reference import current_reference

REGIONS = (
    "县区,乡镇,县区代码,考核类别\n"
    "甲县,,1,城区\n乙县,,2,城区\n丙县,,3,农业大县\n丁县,,4,农业大县\n戊县,,5,农业大县\n丙县,东镇,3,集镇\n"
)
# B is left out of 城区 (weight 0); A weighs 1 instead of 2 in 农业大县; C has the common weight everywhere
CATALOG = (
    "指标代码,指标名称,类别,赛道,单位,方向,权重,权重（城区）,权重（农业大县）\n"
    "A,项目数,赛马,项目建设,个,正向,2,,1\n"
    "B,增收率,赛马,乡村振兴,%,正向,1,0,\n"
    "C,事故数,赛马,基层治理,起,逆向,1,,\n"
)
VALUES = (
    "考核期,县区,指标,数值\n"
    "2025Q1,甲县,A,10\n2025Q1,乙县,A,20\n2025Q1,丙县,A,4\n2025Q1,丁县,A,6\n2025Q1,戊县,A,2\n"
    "2025Q1,甲县,B,5\n2025Q1,乙县,B,1\n2025Q1,丙县,B,30\n2025Q1,丁县,B,20\n2025Q1,戊县,B,40\n"
    "2025Q1,甲县,C,2\n2025Q1,乙县,C,4\n2025Q1,丙县,C,3\n2025Q1,丁县,C,2\n2025Q1,戊县,C,6\n"
)


@pytest.fixture
def classed_db(db):
    import_ok(db, "regions.csv", REGIONS.encode())
    import_ok(db, "catalog.csv", CATALOG.encode())
    import_ok(db, "values.csv", VALUES.encode())
    return db


def test_each_class_is_ranked_within_itself_by_its_own_weights(classed_db):
    conn = classed_db.connection
    assert rankings.peer_classes(conn) == ["城区", "农业大县"]
    town = rankings.rank_period(conn, "2025-Q1", PeerGroup(peer_class="城区"))
    # B left out: A (z -1, +1) weighs 2/3, C lower-is-better (2, 4: z +1, -1) 1/3
    assert town.catalog.index.tolist() == ["A", "C"]
    assert town.table["composite"].to_dict() == pytest.approx({"乙县": 1 / 3, "甲县": -1 / 3})
    assert town.table["rank"].to_dict() == {"乙县": 1, "甲县": 2}
    farm = rankings.rank_period(conn, "2025-Q1", PeerGroup(peer_class="农业大县"))
    # A, B, C weigh 1 each: one third per track. A 4, 6, 2: z 0, 1.2247, -1.2247; B 30, 20, 40: z 0, -1.2247,
    # 1.2247; C 3, 2, 6 (lower is better): mean 11/3, population sd sqrt(26/9)
    sd = math.sqrt(26 / 9)
    c = {"丙县": (11 / 3 - 3) / sd, "丁县": (11 / 3 - 2) / sd, "戊县": (11 / 3 - 6) / sd}
    assert farm.table["composite"].to_dict() == pytest.approx(
        {"丁县": c["丁县"] / 3, "丙县": c["丙县"] / 3, "戊县": c["戊县"] / 3}
    )
    assert farm.table["rank"].to_dict() == {"丁县": 1, "丙县": 2, "戊县": 3}
    assert farm.track_weights.to_dict() == pytest.approx({"项目建设": 1 / 3, "乡村振兴": 1 / 3, "基层治理": 1 / 3})
    everyone = rankings.rank_period(conn, "2025-Q1")  # across classes: the common weights, all five counties
    assert len(everyone.ranked) == 5 and everyone.catalog["weight"].tolist() == [2, 1, 1]


@pytest.mark.parametrize("group", [PeerGroup(), PeerGroup(peer_class="城区"), PeerGroup(peer_class="农业大县")])
@pytest.mark.parametrize("method", ["z", "minmax"])
def test_a_periods_history_rows_from_its_inputs_are_the_history_and_the_ranking(classed_db, group, method):
    """The pages score the rank history from each period's cached inputs (rankings.history_rows): the same rows as
    rank_history reading every period at once, and the ranks, composites and tiers of the period's full ranking."""
    conn = classed_db.connection
    history = rankings.rank_history(conn, group, method=method)
    assert not history.empty
    for period, rows in history.groupby("period"):
        own = rankings.history_rows(rankings.race_inputs(conn, period, group), method=method)
        assert own.equals(rows.reset_index(drop=True))
        ranked = rankings.rank_period(conn, period, group, method=method).ranked
        assert own["unit"].tolist() == ranked.index.tolist()
        assert own["rank"].tolist() == ranked["rank"].tolist() and own["tier"].tolist() == ranked["tier"].tolist()
        assert own["composite"].tolist() == pytest.approx(ranked["composite"].tolist())


def test_a_township_has_its_own_class(classed_db):
    conn = classed_db.connection
    assert rankings.unit_classes(conn, PeerGroup("township", "丙县")).to_dict() == {"东镇": "集镇"}
    assert rankings.peer_classes(conn, PeerGroup("township", "丙县")) == ["集镇"]


def test_the_preview_shows_class_weights_and_rollback_restores_the_earlier_ones(classed_db):
    preview = parse_file("catalog.csv", CATALOG.encode(), current_reference(classed_db))
    assert preview.rows["weight:城区"].isna().tolist() == [True, False, True]
    shown = labelled("indicators", preview.rows, "zh")
    assert shown["权重（城区）"].tolist()[1] == 0 and shown["权重（农业大县）"].tolist()[0] == 1
    assert "Weight (城区)" in labelled("indicators", preview.rows, "en").columns
    stored = queries.run(classed_db.connection, "race_class_weights", period="2025-Q1")
    assert stored.to_dict("records") == [
        {"code": "A", "peer_class": "农业大县", "weight": 1.0},
        {"code": "B", "peer_class": "城区", "weight": 0.0},
    ]
    changed = CATALOG.replace("B,增收率,赛马,乡村振兴,%,正向,1,0,", "B,增收率,赛马,乡村振兴,%,正向,1,0.5,")
    newer = import_ok(classed_db, "catalog2.csv", changed.encode())
    now = queries.run(classed_db.connection, "race_class_weights", period="2025-Q1")
    assert now["weight"].tolist() == [1.0, 0.5]
    batches.rollback(classed_db, newer)
    assert queries.run(classed_db.connection, "race_class_weights", period="2025-Q1").equals(stored)


def test_a_newer_catalog_version_without_class_weights_gives_the_common_weights(classed_db):
    later = "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\nA,项目数,赛马,项目建设,个,正向,2,2025Q2\n"
    import_ok(classed_db, "later.csv", later.encode())
    weights = queries.run(classed_db.connection, "race_class_weights", period="2025-Q2")
    assert weights["code"].tolist() == ["B"]  # A's version from 2025-Q2 has no class weight: 2 again


@pytest.mark.parametrize(
    ("header", "key", "words"),
    [
        ("权重（山区）", "class_weight_unknown_class", ["「山区」不是", "农业大县、城区、集镇"]),
        ("weight:山区", "class_weight_unknown_class", ["山区"]),
    ],
)
def test_weights_for_a_class_nobody_is_in_are_refused_naming_the_column(classed_db, header, key, words):
    text = CATALOG.replace("权重（城区）", header)
    preview = parse_file("catalog.csv", text.encode(), current_reference(classed_db))
    assert not preview.importable
    problem = next(p for p in preview.problems if p.key == key)
    message = problem.text("zh", "catalog.csv")
    assert message.startswith("文件「catalog.csv」，第 1 行，「")  # the header row, and the column as written
    assert header.replace("（", "(").replace("）", ")") in message and all(w in message for w in words)


def test_class_weights_without_classes_and_negative_ones_are_refused(db):
    import_ok(db, "regions.csv", "县区,县区代码\n甲县,1\n乙县,2\n".encode())
    preview = parse_file("catalog.csv", CATALOG.encode(), current_reference(db))
    assert {p.key for p in preview.problems} == {"class_weight_no_classes"}
    assert "县区名单没有考核类别" in preview.problems[0].text("zh")
    import_ok(db, "regions2.csv", REGIONS.encode())
    negative = CATALOG.replace("A,项目数,赛马,项目建设,个,正向,2,,1", "A,项目数,赛马,项目建设,个,正向,2,-1,1")
    preview = parse_file("catalog.csv", negative.encode(), current_reference(db))
    problem = next(p for p in preview.problems if p.key == "class_weight_negative")
    assert (problem.row, problem.column) == (2, "权重(城区)")  # CSV: no column letters


def test_a_unit_in_the_brackets_stays_the_common_weight(db):
    import_ok(db, "regions.csv", REGIONS.encode())
    text = "指标代码,指标名称,类别,赛道,单位,方向,权重（%）\nA,项目数,赛马,项目建设,个,正向,50\n"
    preview = parse_file("catalog.csv", text.encode(), current_reference(db))
    assert preview.importable and preview.rows["weight"].tolist() == [50]


@pytest.mark.slow
def test_a_publication_freezes_each_class_ranking_and_later_data_does_not_change_it(classed_db):
    conn = classed_db.connection
    publication = freeze.publish(classed_db, "2025-Q1", "管理员", allow_incomplete=True)
    town = PeerGroup(peer_class="城区")
    published = official.ranking(conn, "2025-Q1", town)
    live = rankings.rank_period(conn, "2025-Q1", town)
    assert published.table["rank"].to_dict() == live.table["rank"].to_dict() == {"乙县": 1, "甲县": 2}
    assert published.catalog.index.tolist() == ["A", "C"]  # the class's catalog, B left out, as frozen
    assert official.ranking(conn, "2025-Q1").table["ranked"].sum() == 5  # all counties, common weights, beside it
    # a later correction moves 甲县 ahead live; the publication keeps its ranks and says the data changed
    import_ok(classed_db, "fix.csv", "考核期,县区,指标,数值\n2025Q1,甲县,A,40\n".encode())
    assert rankings.rank_period(conn, "2025-Q1", town).table.at["甲县", "rank"] == 1
    assert official.ranking(conn, "2025-Q1", town).table.at["甲县", "rank"] == 2
    assert official.race_data_changed(conn, publication, town)
    assert not official.race_data_changed(conn, publication, PeerGroup(peer_class="农业大县"))


@pytest.fixture
def classed_file(tmp_path):
    path = tmp_path / "classed.duckdb"
    db = Database(path)
    try:
        import_ok(db, "regions.csv", REGIONS.encode())
        import_ok(db, "catalog.csv", CATALOG.encode())
        import_ok(db, "values.csv", VALUES.encode())
    finally:
        db.close()
    return path


def _table(at):
    return next(d.value for d in at.dataframe if "排名区间" in d.value.columns and "县区" in d.value.columns)


def test_the_rankings_page_opens_on_a_class_and_offers_all_units_for_reference(app_factory, classed_file):
    at = app_factory(classed_file, page="views/rankings.py", query={"year": "2025"})
    assert at.selectbox(key="rank_class").value == "城区"  # the first county's class
    assert _table(at)["县区"].tolist() == ["乙县", "甲县"]
    assert "分类考核：城区类 2 个县区按本类权重相互比较，本类不考核：增收率。" in [c.value for c in at.caption]
    at.selectbox(key="rank_class").set_value("").run()
    assert any("正式排名为类别内排名" in w.value for w in at.warning)
    table = _table(at)
    assert len(table) == 5 and table.set_index("县区")["考核类别"].to_dict()["戊县"] == "农业大县"
    # a county's leader, named in the sidebar, opens on his county's class
    at = app_factory(classed_file, page="views/rankings.py", query={"year": "2025", "county": "丁县"})
    assert at.selectbox(key="rank_class").value == "农业大县"
    assert _table(at)["县区"].tolist() == ["丁县", "丙县", "戊县"]


def test_the_export_names_each_units_class_and_ranks_one_class_with_class(classed_file):
    def cli(*args):
        return incentive_command("--db", classed_file, "--lang", "zh", *args)

    one = cli("export", "rankings", "--period", "2025Q1", "--class", "农业大县")
    assert one.returncode == 0, one.stderr
    rows = list(csv.DictReader(io.StringIO(one.stdout)))
    assert [(r["county"], r["peer_class"], r["rank"]) for r in rows] == [
        ("丁县", "农业大县", "1"),
        ("丙县", "农业大县", "2"),
        ("戊县", "农业大县", "3"),
    ]
    everyone = cli("export", "rankings", "--period", "2025Q1")
    assert everyone.returncode == 0 and "正式排名为类别内排名" in everyone.stderr
    assert len(list(csv.DictReader(io.StringIO(everyone.stdout)))) == 5
    unknown = cli("export", "rankings", "--period", "2025Q1", "--class", "山区")
    assert unknown.returncode == 2 and "没有考核类别「山区」；现有类别：城区、农业大县" in unknown.stderr


@pytest.mark.slow
def test_the_bulletin_ranks_tiers_and_moves_each_class_within_itself(classed_db):
    paper = bulletin.gather(classed_db, "2025-Q1", "", "zh", today=dt.date(2025, 4, 20))
    table = paper.table
    assert table[["排名", "县区", "考核类别", "方阵"]].values.tolist() == [
        ["1", "乙县", "城区", "第一方阵"],
        ["2", "甲县", "城区", "第二方阵"],
        ["1", "丁县", "农业大县", "第一方阵"],
        ["2", "丙县", "农业大县", "第二方阵"],
        ["3", "戊县", "农业大县", "第三方阵"],
    ]
    text = paper.text()
    assert "以下名次、方阵和升降均为本类别内、按本类权重的结果" in text
    assert "城区类（2 个县区）：" in text and "农业大县类（3 个县区）：" in text and "本类共3个县区" in text
    own = bulletin.gather(classed_db, "2025-Q1", "丙县", "zh", today=dt.date(2025, 4, 20)).text()
    assert "农业大县类（3 个县区）：" in own and "城区类" not in own
    assert "丙县在本类3个县区中排名第2名" in own and "本类情况：" in own and "全市情况" not in own


@pytest.mark.slow
def test_a_county_briefing_ranks_it_within_its_class(classed_db):
    content = briefing.gather(classed_db, 2025, "丙县", "zh", "http://x.local/")
    race = next(s for s in content.sections if s.title == "赛马排名")
    assert race.headline.value == "第 2 名 / 3" and "农业大县类" in race.headline.note
    said = "2025-Q1 赛马综合排名：丙县 在农业大县类 3 个县区中第 2 名（按本类权重，排名区间 2），第二方阵。"
    assert race.paragraphs[0] == said  # the first page's sentence names the class
    prefecture = briefing.gather(classed_db, 2025, "", "zh", "http://x.local/")
    race = next(s for s in prefecture.sections if s.title == "赛马排名")
    assert (race.headline.label, race.headline.value, race.headline.note) == ("各类第一", "2 类", "乙县、丁县")
    assert race.paragraphs[0] == "2025-Q1 赛马分类考核，各考核类别第一：城区：乙县；农业大县：丁县。"
    assert any("正式排名为类别内排名" in p for p in race.paragraphs)


def test_the_county_page_gives_the_rank_within_the_class(app_factory, classed_file):
    at = app_factory(classed_file, page="views/county.py", query={"year": "2025", "county": "丙县"})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["排名"] == "第 2 名 / 3"
    assert "分类考核：名次为在农业大县类 3 个县区中、按本类权重的名次。" in [c.value for c in at.caption]


def test_tiers_and_warnings_are_read_within_the_class(classed_db):
    conn = classed_db.connection
    # 城区 has two counties (first tier: rank 1; third: none), 农业大县 three (one in each tier)
    tiers = rankings.official_tiers(conn, "2025-Q1").to_dict()
    assert tiers == {"乙县": 1, "甲县": 2, "丁县": 1, "丙县": 2, "戊县": 3}
    assert [alert.county for alert in rules.third_tier(conn, "2025-Q1", 1)] == ["戊县"]
    everyone = rankings.rank_period(conn, "2025-Q1", draws=0).ranked["tier"]
    assert (everyone["甲县"], everyone["丁县"]) == (1, 2)  # what the classes change: by the common weights


def test_the_overview_names_each_classs_leader(app_factory, classed_file):
    at = app_factory(classed_file, query={"year": "2025"})
    said = " ".join(m.value for m in at.markdown)
    assert "各考核类别第一名" in said and "城区：乙县" in said and "农业大县：丁县" in said
    assert any("正式排名为类别内排名" in c.value for c in at.caption)


def test_a_region_list_or_catalog_without_the_class_columns_says_it_clears_them(classed_db):
    plain = "县区,乡镇,县区代码\n甲县,,1\n乙县,,2\n丙县,,3\n丁县,,4\n戊县,,5\n丙县,东镇,3\n"
    preview = parse_file("regions.csv", plain.encode(), current_reference(classed_db))
    effects = import_effects(classed_db, preview)
    assert (effects.changed, effects.classes_cleared) == (6, 6)
    assert "6 个县区或乡镇的考核类别将被清除" in effects_text("regions", effects, "zh")
    catalog = "\n".join(",".join(line.split(",")[:7]) for line in CATALOG.splitlines()) + "\n"
    preview = parse_file("catalog.csv", catalog.encode(), current_reference(classed_db))
    effects = import_effects(classed_db, preview)
    assert (effects.changed, effects.same, effects.classes_cleared) == (2, 1, 2)  # A and B had class weights


def test_exported_regions_and_catalog_import_back_with_their_classes(classed_db, tmp_path):
    regions = to_csv_bytes(export_frame(classed_db, "regions"))
    catalog = to_csv_bytes(export_frame(classed_db, "indicators"))
    assert b"peer_class" in regions and "weight:城区".encode() in catalog
    again = Database(tmp_path / "again.duckdb")
    try:
        import_ok(again, "regions.csv", regions)
        import_ok(again, "indicators.csv", catalog)
        for name, params in (("race_unit_classes", {"county": ""}), ("race_class_weights", {"period": "2025-Q1"})):
            assert queries.run(again.connection, name, **params).equals(
                queries.run(classed_db.connection, name, **params)
            )
    finally:
        again.close()


def test_the_township_level_ranks_a_countys_townships_within_their_class(app_factory, classed_file):
    db = Database(classed_file)
    try:
        import_ok(db, "towns.csv", "县区,乡镇,考核类别\n丙县,西镇,集镇\n丙县,南乡,农业乡\n".encode())
        rows = "".join(
            f"2025Q1,丙县,{town},{code},{value}\n"
            for town, values in (("东镇", (5, 2, 1)), ("西镇", (7, 1, 0)), ("南乡", (1, 9, 2)))
            for code, value in zip("ABC", values, strict=True)
        )
        import_ok(db, "town_values.csv", ("考核期,县区,乡镇,指标,数值\n" + rows).encode())
    finally:
        db.close()
    at = app_factory(classed_file, page="views/rankings.py", query={"year": "2025", "county": "丙县"})
    at.segmented_control(key="rank_level").set_value("township").run()
    assert at.selectbox(key="rank_class").options == ["集镇", "农业乡", "全部"]
    table = next(d.value for d in at.dataframe if "乡镇" in d.value.columns and "排名区间" in d.value.columns)
    assert table["乡镇"].tolist() == ["西镇", "东镇"]  # 集镇 only; 南乡 is in 农业乡
    at.segmented_control(key="rank_level").set_value("county").run()
    at.selectbox(key="rank_class").set_value("农业大县").run()
    open_tab(at, "focus")
    at.selectbox(key="rank_focus").set_value("丙县").run()
    towns = next(d.value for d in at.dataframe if "乡镇" in d.value.columns and "考核类别" in d.value.columns)
    assert towns.set_index("乡镇")["考核类别"].to_dict() == {"东镇": "集镇", "西镇": "集镇", "南乡": "农业乡"}
    assert any("正式排名为类别内排名" in c.value and "乡镇" in c.value for c in at.caption)


def test_the_example_classes_import_onto_the_sample_and_rank_each_class(sample_db_path):
    examples = ROOT / "data" / "examples"
    sample = Database(sample_db_path)
    import_ok(sample, "行政区划_含考核类别.csv", (examples / "行政区划_含考核类别.csv").read_bytes())
    import_ok(sample, "指标目录_分类权重.csv", (examples / "指标目录_分类权重.csv").read_bytes())
    conn = sample.connection
    assert rankings.peer_classes(conn) == ["农业大县", "工业强县", "生态功能区", "城区"]
    town = rankings.rank_period(conn, "2026-Q3", PeerGroup(peer_class="城区"), draws=0)
    assert "R04" not in town.catalog.index and len(town.table) == 1  # 城区 leaves out the farm indicators
    sizes = {c: len(rankings.group_units(conn, PeerGroup(peer_class=c))) for c in rankings.peer_classes(conn)}
    assert sizes == {"农业大县": 4, "工业强县": 4, "生态功能区": 3, "城区": 1}
    sample.close()


def test_a_class_that_weighs_every_indicator_0_ranks_nobody_rather_than_failing(classed_db):
    zero = CATALOG.replace("A,项目数,赛马,项目建设,个,正向,2,,1", "A,项目数,赛马,项目建设,个,正向,2,0,1")
    zero = zero.replace("C,事故数,赛马,基层治理,起,逆向,1,,", "C,事故数,赛马,基层治理,起,逆向,1,0,")
    import_ok(classed_db, "zero.csv", zero.encode())
    town = rankings.rank_period(classed_db.connection, "2025-Q1", PeerGroup(peer_class="城区"))
    assert town.catalog.empty and town.ranked.empty and town.table.index.tolist() == ["甲县", "乙县"]


def test_a_county_in_two_classes_is_refused_naming_both_rows(db):
    preview = parse_file("regions.csv", "县区,考核类别\n甲县,城区\n甲县,工业强县\n".encode(), current_reference(db))
    assert not preview.importable
    zh, en = preview.problem_texts("zh"), preview.problem_texts("en")
    assert "第 2 行：与第 3 行重复（甲县），但「考核类别」不同" in zh[0]
    assert "第 3 行：与第 2 行重复（甲县），但「考核类别」不同" in zh[1]
    assert all("but “考核类别” differs" in text for text in en) and len(en) == 2  # the file's header


@pytest.mark.slow
def test_a_publication_keeps_its_classes_when_a_later_region_list_has_none(classed_db):
    conn = classed_db.connection
    freeze.publish(classed_db, "2025-Q1", "管理员", allow_incomplete=True)
    import_ok(classed_db, "plain.csv", "县区,乡镇,县区代码\n甲县,,1\n乙县,,2\n丙县,,3\n丁县,,4\n戊县,,5\n".encode())
    assert rankings.peer_classes(conn) == []  # the region list has none now
    assert official.classes_in_force(conn, "2025-Q1") == ["城区", "农业大县"]
    assert official.class_standings(conn, "2025-Q1")["class_rank"].to_dict() == {
        "乙县": 1,
        "甲县": 2,
        "丁县": 1,
        "丙县": 2,
        "戊县": 3,
    }
    paper = bulletin.gather(classed_db, "2025-Q1", "", "zh", today=dt.date(2025, 4, 20))
    assert paper.table["考核类别"].tolist() == ["城区", "城区", "农业大县", "农业大县", "农业大县"]
    assert official.classes_in_force(conn, "2025-Q2") == []  # a period not published: the region list's, none


@pytest.mark.slow
def test_the_warning_lists_third_tier_is_the_class_tier_in_force(classed_db):
    """The warning list reads the tiers of a run's periods at once; where counties have classes they are the class
    tiers in force: live, as published, and as published after a region list without classes (戊县 is third of
    three in 农业大县, fifth of all five)."""
    conn = classed_db.connection
    assert [(a.county, a.data["rank"], a.data["versions"]) for a in rules.third_tier(conn, "2025-Q1", 1)] == [
        ("戊县", 3, {})
    ]
    freeze.publish(classed_db, "2025-Q1", "管理员", allow_incomplete=True)
    import_ok(
        classed_db, "fix.csv", "考核期,县区,指标,数值\n2025Q1,戊县,A,90\n".encode()
    )  # live: 戊县 first, 丁县 third
    assert [a.county for a in rules.third_tier(conn, "2025-Q1", 1, moment=dt.datetime(2000, 1, 1))] == ["丁县"]
    import_ok(classed_db, "plain.csv", "县区,乡镇,县区代码\n甲县,,1\n乙县,,2\n丙县,,3\n丁县,,4\n戊县,,5\n".encode())
    assert [(a.county, a.data["rank"], a.data["versions"]) for a in rules.third_tier(conn, "2025-Q1", 1)] == [
        ("戊县", 3, {"2025-Q1": 1})
    ]


@pytest.mark.slow
def test_a_class_ranking_after_a_publication_without_classes_is_live_and_counted_within_the_class(db):
    """Published without classes, then a region list with classes: the class ranking in force is live (the
    publication froze none), so the warning says so, and its count is the class's three, not the five counties;
    a later version of the period is the one read."""
    plain = "县区,乡镇,县区代码\n甲县,,1\n乙县,,2\n丙县,,3\n丁县,,4\n戊县,,5\n"
    import_ok(db, "plain.csv", plain.encode())
    common = "指标代码,指标名称,类别,赛道,单位,方向,权重\n"  # no class weights: a region list without classes
    common += "A,项目数,赛马,项目建设,个,正向,2\nB,增收率,赛马,乡村振兴,%,正向,1\nC,事故数,赛马,基层治理,起,逆向,1\n"
    import_ok(db, "catalog.csv", common.encode())
    import_ok(db, "values.csv", VALUES.encode())
    freeze.publish(db, "2025-Q1", "管理员", allow_incomplete=True)
    conn = db.connection
    (alone,) = rules.third_tier(conn, "2025-Q1", 1)
    assert (alone.county, alone.data["rank"], alone.data["ranked"], alone.data["versions"]) == (
        "戊县",
        5,
        5,
        {"2025-Q1": 1},
    )
    import_ok(db, "classes.csv", REGIONS.encode())
    (classed,) = rules.third_tier(conn, "2025-Q1", 1)
    assert (classed.county, classed.data["rank"], classed.data["ranked"], classed.data["versions"]) == (
        "戊县",
        3,
        3,
        {},
    )
    assert "排名第 3 名（共 3 个）；均为实时数据（试算）" in classed.sentence("zh")
    import_ok(db, "plain2.csv", plain.encode())  # the classes dropped again; 戊县 corrected to the top, republished
    import_ok(db, "fix.csv", "考核期,县区,指标,数值\n2025Q1,戊县,A,90\n2025Q1,戊县,B,90\n2025Q1,戊县,C,0\n".encode())
    freeze.publish(db, "2025-Q1", "管理员", allow_incomplete=True, reason="更正")
    (again,) = rules.third_tier(conn, "2025-Q1", 1)
    assert again.county != "戊县" and again.data["versions"] == {"2025-Q1": 2}


def test_switching_class_or_sidebar_county_ranks_by_the_new_classs_own_weights(app_factory, classed_file):
    db = Database(classed_file)
    try:
        common = rankings.rank_period(db.connection, "2025-Q1", draws=0).table["composite"].round(3).to_dict()
    finally:
        db.close()
    at = app_factory(classed_file, page="views/rankings.py", query={"year": "2025"})
    assert at.selectbox(key="rank_class").value == "城区"
    at.selectbox(key="rank_class").set_value("农业大县").run()
    assert not [w for w in at.warning if "非正式权重" in w.value]  # the class's shares, not 城区's kept as custom
    assert _table(at)["县区"].tolist() == ["丁县", "丙县", "戊县"]
    assert not any("weights" in key for key in at.query_params)
    at.selectbox(key="rank_class").set_value("").run()  # 全部: the common weights, not the last class's
    assert _table(at).set_index("县区")["综合得分"].to_dict() == pytest.approx(common)
    at.selectbox(key="county").set_value("甲县").run()  # a county leader picks his county: its class
    assert at.selectbox(key="rank_class").value == "城区"
    assert _table(at)["县区"].tolist() == ["乙县", "甲县"]


def test_the_county_page_says_when_current_data_would_change_its_published_class_rank(app_factory, classed_file):
    db = Database(classed_file)
    try:
        freeze.publish(db, "2025-Q1", "管理员", allow_incomplete=True)
        import_ok(db, "fix.csv", "考核期,县区,指标,数值\n2025Q1,甲县,A,40\n".encode())
    finally:
        db.close()
    at = app_factory(classed_file, page="views/county.py", query={"year": "2025", "county": "甲县"})
    assert {m.label: m.value for m in at.metric}["排名"] == "第 2 名 / 2"  # as published
    assert any("发布后数据有变动" in w.value and "甲县" in w.value for w in at.warning), [w.value for w in at.warning]
    at = app_factory(classed_file, page="views/county.py", query={"year": "2025", "county": "丁县"})
    assert not any("发布后数据有变动" in w.value for w in at.warning)  # 农业大县's ranking did not change


@pytest.mark.slow
def test_the_official_drift_counts_the_class_rankings_not_the_reference_one(classed_db):
    conn = classed_db.connection
    publication = freeze.publish(classed_db, "2025-Q1", "管理员", allow_incomplete=True)
    import_ok(classed_db, "fix.csv", "考核期,县区,指标,数值\n2025Q1,甲县,A,40\n".encode())
    moved = official.official_drift(conn, publication, care=False)
    assert sorted(moved.ranks["unit"]) == ["乙县", "甲县"]  # 城区 swapped; 农业大县 did not move
    assert "2 个县区的名次或方阵会变化" in moved.sentence("zh")
    assert official.official_drift(conn, publication, race=False).ranks.empty


def test_pages_keep_the_published_classes_after_a_region_list_without_them(app_factory, classed_file):
    db = Database(classed_file)
    try:
        freeze.publish(db, "2025-Q1", "管理员", allow_incomplete=True)
        plain = "县区,乡镇,县区代码\n甲县,,1\n乙县,,2\n丙县,,3\n丁县,,4\n戊县,,5\n"
        import_ok(db, "plain.csv", plain.encode())
    finally:
        db.close()
    at = app_factory(classed_file, page="views/rankings.py", query={"year": "2025"})
    assert at.selectbox(key="rank_class").value == "城区"
    assert _table(at)["县区"].tolist() == ["乙县", "甲县"]  # the published class ranking, not all five
    at = app_factory(classed_file, page="views/county.py", query={"year": "2025", "county": "丙县"})
    assert {m.label: m.value for m in at.metric}["排名"] == "第 2 名 / 3"


@pytest.mark.browser  # prints with Chromium, like tests/test_briefing.py
@pytest.mark.slow
@pytest.mark.parametrize(
    ("view", "printed", "counties"),
    [
        ({"year": "2025", "rank.peer_class": "农业大县"}, "", ["甲县", "乙县", "丙县", "丁县", "戊县"]),
        ({"year": "2025", "county": "丁县", "rank.peer_class": "城区"}, "农业大县", ["丙县", "丁县", "戊县"]),
    ],
)
def test_a_briefing_from_a_class_view_links_to_the_grouping_it_printed(
    app_factory, classed_file, view, printed, counties
):
    """From a class view the PDF ranks the official grouping (the sidebar county's class, else all counties) and
    says so, but its link kept the view's rank.peer_class and opened another ranking than the PDF's (a tester's
    finding): it carries the class printed ('' for all counties; left out, the prefecture's opened on the first
    class), and opens that ranking."""
    from test_briefing_view import briefing_of_page

    _, link = briefing_of_page(app_factory, classed_file, view)
    assert link.params["rank.peer_class"] == printed and "rank.level" not in link.params
    opened = app_factory(classed_file, page="views/rankings.py", query=link.params)
    assert opened.selectbox(key="rank_class").value == printed
    assert sorted(_table(opened)["县区"]) == sorted(counties)
