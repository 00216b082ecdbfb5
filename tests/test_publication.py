"""审定发布 on a small database (conftest.half_year_db): a published period keeps its ranks and statuses after a
later import, which the comparison reports; republishing makes a version with its diff and reason; refusals and
the override are audited; the CLI export and the briefing show the published figures and say so."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from conftest import HALF_YEAR_CARE, import_ok

from incentive import audit_log, cli
from incentive.care import welfare
from incentive.publication import freeze, official
from incentive.race import rankings
from incentive.race.rankings import PeerGroup
from incentive.sharing import briefing
from incentive.sharing.export import to_csv_bytes
from incentive.store import audit

PERIOD = "2025-H1"
ORDER = ["枫岚区", "澄溪县", "云峤县", "云岫县"]  # best first on every indicator
TOWNS = PeerGroup("township", "云岫县")
# 云岫县 corrects its three scores and leads; 澄溪县's 体检完成率 rises from 80 (below 95) to 96 (met).
CORRECTIONS = [
    "考核期,县区,乡镇,指标,数值\n2025H1,云岫县,,R01,4000\n2025H1,云岫县,,R02,0\n2025H1,云岫县,,R03,99\n",
    "考核期,县区,乡镇,指标,数值\n2025H1,澄溪县,,W01,96\n",
]


# What half_year_db's 2025-H1 lacks: 云峤县 and its township 丹埠镇 owe 3 race values each, 丹埠镇 sent none.
SHORT_JSON = '[{"kind": "race_scores", "county": "云峤县", "expected": 6, "missing": 3, "pending": false, "township_missing": 3}]'


def publish(db, period, who, **options):
    """freeze.publish, confirming the data not all in: half_year_db leaves 云峤县's township 丹埠镇 without race
    scores, so its 2025-H1 is incomplete (the tests of that refusal call freeze.publish themselves)."""
    return freeze.publish(db, period, who, **{"allow_incomplete": True, **options})


def correct(db) -> None:
    for i, text in enumerate(CORRECTIONS):
        import_ok(db, f"correction{i}.csv", text.encode())


def ranks(ranking) -> dict[str, int]:
    return ranking.table["rank"].astype(int).to_dict()


def test_publishing_freezes_what_the_pages_show(half_year_db):
    db = half_year_db
    publication = publish(db, PERIOD, "管理员", document_no="澜组〔2025〕7号", note="上半年")
    assert (publication.version, publication.document_no, publication.method) == (1, "澜组〔2025〕7号", "z")
    assert publication.data_version == "4.4.0" and publication.pending_submissions == 0
    for group in (PeerGroup(), TOWNS):
        published = official.ranking(db.connection, PERIOD, group)
        live = rankings.rank_period(db.connection, PERIOD, group)
        pd.testing.assert_frame_equal(published.table, live.table)  # the same shape, every column
        pd.testing.assert_frame_equal(published.contributions, live.contributions)
    assert list(official.ranking(db.connection, PERIOD).table.index) == ORDER
    pd.testing.assert_frame_equal(
        official.welfare_view(db.connection, PERIOD).table, welfare.period_view(db.connection, PERIOD).table
    )
    assert not official.race_data_changed(db.connection, publication)
    assert official.basis_line(publication, "zh").startswith("正式发布（") and "第 1 版，澜组〔2025〕7号）" in (
        official.basis_line(publication, "zh")
    )
    assert official.basis_line(None, "en") == "Live data (trial)"
    log = audit.log(db)
    published = log[log["action"] == "publish"].iloc[0]
    assert published[["who", "action", "target", "outcome"]].tolist() == ["管理员", "publish", "2025-H1 v1", "ok"]


def test_with_basis_writes_the_same_four_columns_for_the_command_line_and_for_a_page(half_year_db):
    """`incentive export` and a page's download end every row with the basis: codes for scripts, words for a
    page, and the same version, time and 文号 (docs/decisions.md#downloads-say-published-or-live)."""
    publication = freeze.publish(
        half_year_db, PERIOD, "管理员", document_no="澜组〔2025〕7号", allow_incomplete=True
    )  # half_year_db: 云峤县 short of race scores
    rows = pd.DataFrame({"county": ["甲县", "乙县"]})
    cli = official.with_basis(rows, publication)
    page = official.with_basis(rows, publication, "zh")
    assert cli.columns.tolist() == ["county", "basis", "published_version", "published_at", "document_no"]
    assert page.columns.tolist() == ["county", "数据依据", "发布版本", "发布时间", "文号"]
    when = f"{publication.published_at:%Y-%m-%d %H:%M:%S}"  # to the second, as every time the CLI writes
    assert cli.iloc[0, 1:].tolist() == ["published", 1, when, "澜组〔2025〕7号"]
    assert page.iloc[1, 1:].tolist() == ["正式发布", 1, when, "澜组〔2025〕7号"]
    live = official.with_basis(rows, None, "en")
    assert live.columns.tolist()[1:] == ["Basis", "Published version", "Published at", "Document no."]
    assert live.iloc[0, 1] == "live data (trial)" and live.iloc[0, 2:].isna().all()  # empty cells in a file
    assert to_csv_bytes(official.with_basis(rows, None)).decode().splitlines()[1] == "甲县,live,,,"


def test_a_later_import_keeps_the_published_figures_and_reports_what_would_change(half_year_db):
    db = half_year_db
    publication = publish(db, PERIOD, "管理员")
    correct(db)

    published = official.ranking(db.connection, PERIOD)
    live = rankings.rank_period(db.connection, PERIOD)
    assert ranks(published) == dict(zip(ORDER, [1, 2, 3, 4], strict=True))
    assert ranks(live)["云岫县"] == 1
    assert official.race_data_changed(db.connection, publication)
    assert not official.race_data_changed(db.connection, publication, TOWNS)  # its townships did not change
    moved = official.rank_changes(published, live)
    assert moved.set_index("unit").loc["云岫县"].tolist() == [4, 1]
    assert set(moved["unit"]) == set(ORDER)  # everyone else moves down one

    frozen_care = official.welfare_view(db.connection, PERIOD)
    changed = official.status_changes(frozen_care, welfare.period_view(db.connection, PERIOD))
    assert changed[
        ["county", "name", "value_before", "value_after", "status_before", "status_after"]
    ].values.tolist() == [["澄溪县", "年度体检完成率", 80.0, 96.0, "below", "met"]]
    assert frozen_care.table.set_index(["county", "indicator"]).at[("澄溪县", "W01"), "status"] == "below"


# The sentence every view of the published figures says once CORRECTIONS are in
# (docs/decisions.md#data-changed-after-publication): the ranks of all four change (云岫县 4→1 leads, the others
# move down one, three of them to another tier), and 澄溪县's 体检完成率 goes from below to met.
RANKS_CHANGED = (
    "发布后数据有变动：按现有数据，4 个县区的名次或方阵会变化（枫岚区、澄溪县、云峤县、云岫县）；如需更新请重新发布。"
)
STATUSES_CHANGED = "发布后数据有变动：按现有数据，1 个县区的关爱达标状态会变化（澄溪县）；如需更新请重新发布。"


@pytest.mark.slow
def test_what_current_data_would_change_in_a_publication_is_one_sentence(half_year_db):
    db = half_year_db
    publication = publish(db, PERIOD, "管理员")
    unchanged = official.drift(db.connection, publication)
    assert not unchanged.changed and unchanged.sentence("zh") == ""
    correct(db)

    found = official.drift(db.connection, publication)
    assert found.ranks.values.tolist() == [
        ["枫岚区", 1, 2, 1, 1],  # unit, rank before → after, tier before → after
        ["澄溪县", 2, 3, 1, 2],
        ["云峤县", 3, 4, 2, 3],
        ["云岫县", 4, 1, 3, 1],
    ]
    assert found.status_counties == ["澄溪县"]
    assert found.sentence("zh") == (
        "发布后数据有变动：按现有数据，4 个县区的名次或方阵会变化（枫岚区、澄溪县、云峤县、云岫县），1 个县区的关爱达标"
        "状态会变化（澄溪县）；如需更新请重新发布。"
    )
    assert found.sentence("en") == (
        "The data changed after publication: on current data, 4 counties would change rank or tier (枫岚区, 澄溪县, "
        "云峤县, 云岫县) and the care statuses of 1 county would change (澄溪县); publish again to update."
    )
    assert official.drift(db.connection, publication, care=False).sentence("zh") == RANKS_CHANGED
    assert official.drift(db.connection, publication, race=False).sentence("zh") == STATUSES_CHANGED
    assert not official.drift(db.connection, publication, TOWNS, care=False).changed  # its townships stayed


def test_data_that_change_no_rank_or_status_are_said_too(half_year_db):
    """枫岚区 leads by a wider margin and 云峤县's 体检完成率 rises within 未达标: the figures behind the publication
    differ, its ranks, tiers and statuses do not; the sentence still says that the data changed."""
    db = half_year_db
    publication = publish(db, PERIOD, "管理员")
    import_ok(db, "wider.csv", "考核期,县区,乡镇,指标,数值\n2025H1,枫岚区,,R01,800\n".encode())
    import_ok(db, "care.csv", "考核期,县区,乡镇,指标,数值\n2025H1,云峤县,,W01,91\n".encode())
    found = official.drift(db.connection, publication)
    assert found.race_changed and found.ranks.empty
    assert found.care_changed and found.status_counties == []
    assert found.statuses[["county", "value_before", "value_after"]].values.tolist() == [["云峤县", 90.0, 91.0]]
    assert found.sentence("zh") == (
        "发布后数据有变动：按现有数据，名次和方阵不变，关爱达标状态不变；如需更新请重新发布。"
    )


@pytest.mark.slow
def test_republishing_makes_a_new_version_with_its_diff_and_reason_and_keeps_the_old(half_year_db):
    db = half_year_db
    publish(db, PERIOD, "管理员", document_no="澜组〔2025〕7号")
    correct(db)
    with pytest.raises(freeze.PublicationError) as refused:
        publish(db, PERIOD, "管理员")
    assert refused.value.key == "pub_needs_reason"
    second = publish(db, PERIOD, "管理员", reason="云岫县招商引资额更正", document_no="澜组〔2025〕9号")
    assert second.version == 2
    between = second.published_at - dt.timedelta(microseconds=1)
    assert official.latest(db.connection, PERIOD, at=between).version == 1  # what a link pinned before v2 shows
    assert official.latest(db.connection, PERIOD, at=dt.datetime(2000, 1, 1)) is None

    first, latest = official.history(db.connection, PERIOD)
    assert first.ranks.empty and first.statuses.empty
    assert latest.publication.reason == "云岫县招商引资额更正"
    county_moves = latest.ranks[latest.ranks["level"] == "county"].set_index("unit")
    assert county_moves.loc["云岫县", ["rank_before", "rank_after"]].tolist() == [4, 1]
    assert latest.ranks[latest.ranks["level"] == "township"].empty
    assert latest.statuses["county"].tolist() == ["澄溪县"]

    assert ranks(official.ranking(db.connection, PERIOD, version=1))["云岫县"] == 4  # nothing overwritten
    assert ranks(official.ranking(db.connection, PERIOD))["云岫县"] == 1
    assert not official.race_data_changed(db.connection, second)


def test_pending_submissions_refuse_unless_overridden_with_a_reason_and_all_is_audited(half_year_db):
    db = half_year_db
    with pytest.raises(freeze.PublicationError) as refused:
        publish(db, PERIOD, "管理员", pending=2)
    assert "2 份报送待审核" in refused.value.text("zh")
    assert official.latest(db.connection, PERIOD) is None
    asked = []
    publication = publish(
        db, PERIOD, "管理员", pending=lambda p: asked.append(p) or 2, override_reason="县区逾期未审，按期发布"
    )
    assert asked == [PERIOD]
    assert (publication.pending_submissions, publication.override_reason) == (2, "县区逾期未审，按期发布")
    assert official.latest(db.connection, PERIOD).override_reason == "县区逾期未审，按期发布"
    log = audit.log(db).sort_values("happened_at")
    assert log[["action", "outcome", "detail"]].values.tolist()[-4:] == [
        ["publish", "refused", "pending"],
        ["publish", "ok", ""],
        ["publish_override", "ok", "县区逾期未审，按期发布"],
        ["publish_incomplete", "ok", SHORT_JSON],
    ]
    with pytest.raises(freeze.PublicationError) as nothing:
        publish(db, "2019-H1", "管理员")
    assert nothing.value.text("en") == "2019-H1 has no race scores or care figures to publish."


@pytest.mark.slow
def test_cli_publishes_and_exports_the_published_ranks_after_a_later_import(half_year_db, capsys):
    db = half_year_db
    path = db.path
    assert (
        cli.main(
            [
                "--db",
                path,
                "--lang",
                "en",
                "publish",
                "--period",
                "2025H1",
                "--document-no",
                "澜组7号",
                "--allow-incomplete",
            ]
        )
        == 0
    )
    assert "Published 2025-H1, version 1: the race ranking (6 rows) and 8 care statuses" in capsys.readouterr().err
    correct(db)

    def export(*args) -> tuple[pd.DataFrame, str]:
        assert cli.main(["--db", path, "export", "rankings", "--period", "2025H1", *args]) == 0
        out = capsys.readouterr()
        return pd.read_csv(io.StringIO(out.out), keep_default_na=False), out.err

    published, said = export("--published")
    assert published["county"].tolist() == ORDER and published["rank"].tolist() == [1, 2, 3, 4]
    assert set(published["basis"]) == {"published"} and set(published["document_no"]) == {"澜组7号"}
    assert "导出内容：正式发布（" in said and "第 1 版，澜组7号）" in said
    assert RANKS_CHANGED in said.splitlines()  # on standard error, under what the export is
    live, said = export()
    assert live.set_index("county").at["云岫县", "rank"] == 1 and set(live["basis"]) == {"live"}
    assert "导出内容：实时数据（试算）" in said and "发布后数据有变动" not in said
    assert cli.main(["--db", path, "export", "rankings", "--period", "2025H1", "--published", "--method", "minmax"])
    assert "--published" in capsys.readouterr().err

    assert cli.main(["--db", path, "export", "welfare_status", "--period", "2025H1", "--published"]) == 0
    out = capsys.readouterr()
    assert STATUSES_CHANGED in out.err.splitlines()
    statuses = pd.read_csv(io.StringIO(out.out), keep_default_na=False)
    assert statuses.set_index(["county", "indicator"]).at[("澄溪县", "W01"), "status"] == "below"  # as published
    assert set(statuses["basis"]) == {"published"} and set(statuses["published_version"]) == {1}


@pytest.mark.slow
def test_the_briefing_prints_the_published_ranks_and_says_so(half_year_db):
    db = half_year_db
    publish(db, PERIOD, "管理员", document_no="澜组7号")
    correct(db)
    brief = briefing.gather(db, 2025, "", "zh", "http://x.local/")
    race = next(s for s in brief.sections if s.title == "赛马排名")
    assert race.tables[0]["县区"].tolist() == ORDER
    assert any(p.startswith("正式发布（") and "澜组7号" in p for p in race.paragraphs)
    assert RANKS_CHANGED in race.paragraphs  # the published ranks are printed, and that current data differ
    care = next(s for s in brief.sections if s.title.startswith("关心关爱"))
    assert care.paragraphs[-2:] == [care.paragraphs[-2], STATUSES_CHANGED] and care.paragraphs[-2].startswith(
        "正式发布（"
    )


@pytest.mark.lake
def test_a_publication_on_a_lake_is_read_by_another_instance(lake_location):
    """The same tables on DuckLake (no constraints or sequences): one instance publishes, another reads it back
    and numbers the next version after it."""
    from conftest import HALF_YEAR_CARE, HALF_YEAR_RACE, data_file

    from incentive.store.database import Database

    first, second = Database(lake_location), Database(lake_location)
    try:
        for name, data in [
            ("regions.csv", data_file("regions.csv")),
            ("indicators.csv", data_file("indicators.csv")),
            ("race.csv", HALF_YEAR_RACE.encode()),
            ("care.csv", HALF_YEAR_CARE.encode()),
        ]:
            import_ok(first, name, data)
        publish(first, PERIOD, "管理员", document_no="澜组7号")
        assert ranks(official.ranking(second.connection, PERIOD)) == dict(zip(ORDER, [1, 2, 3, 4], strict=True))
        assert official.welfare_view(second.connection, PERIOD).table["status"].notna().any()
        assert publish(second, PERIOD, "管理员", reason="复核").version == 2
        assert [p.version for p in official.versions(first.connection, PERIOD)] == [1, 2]
    finally:
        first.close()
        second.close()


def test_a_document_number_is_a_short_reference(half_year_db):
    with pytest.raises(freeze.PublicationError) as refused:
        publish(half_year_db, PERIOD, "管理员", document_no="长" * 51)
    assert refused.value.text("zh") == "文号最多 50 个字。"
    assert official.latest(half_year_db.connection, PERIOD) is None  # nothing published
    publication = publish(half_year_db, PERIOD, "管理员", document_no="[澜组](http://evil.example)〔2026〕1号")
    assert publication.document_no == "[澜组](http://evil.example)〔2026〕1号"  # stored as typed; shown escaped


# ---- ranks over time and the line saying which periods are published (docs/decisions.md#published-or-live)


@pytest.mark.slow
def test_rank_history_takes_each_published_periods_points_from_its_version_in_force(half_year_db):
    from conftest import HALF_YEAR_RACE

    db = half_year_db
    import_ok(db, "h2.csv", HALF_YEAR_RACE.replace("2025H1", "2025H2").encode())
    first = publish(db, PERIOD, "管理员")
    moment = dt.datetime.now()
    correct(db)  # 云岫县 leads 2025-H1 on current data
    publish(db, PERIOD, "管理员", reason="更正")  # version 2: 云岫县 leads as published too
    import_ok(db, "late.csv", "考核期,县区,乡镇,指标,数值\n2025H1,云岫县,,R01,0\n2025H1,云岫县,,R02,9\n".encode())

    live = rankings.rank_history(db.connection)
    assert live[live["period"] == PERIOD]["unit"].tolist()[-1] == "云岫县"  # last on the latest import
    shown = official.history_in_force(db.connection, live)
    h1, h2 = (shown[shown["period"] == p] for p in (PERIOD, "2025-H2"))
    published = official.ranking(db.connection, PERIOD).ranked  # version 2
    assert h1["unit"].tolist() == published.index.tolist() and h1["rank"].tolist() == [1, 2, 3, 4]
    assert h1["unit"].tolist()[0] == "云岫县" != live[live["period"] == PERIOD]["unit"].tolist()[0]
    assert h1["composite"].tolist() == pytest.approx(published["composite"].tolist())
    assert set(h1["basis"]) == {"published"} and set(h1["published_version"]) == {2}
    assert h2["unit"].tolist() == ORDER and set(h2["basis"]) == {"live"} and h2["published_version"].isna().all()
    assert official.history_bases(db.connection, shown) == {
        PERIOD: official.latest(db.connection, PERIOD),
        "2025-H2": None,
    }

    pinned = official.history_in_force(db.connection, live, at=moment)  # version 1 was the one in force then
    assert pinned[pinned["period"] == PERIOD]["unit"].tolist() == ORDER
    assert set(pinned[pinned["period"] == PERIOD]["published_version"]) == {first.version}
    towns = official.history_in_force(db.connection, rankings.rank_history(db.connection, TOWNS), TOWNS)
    assert set(towns[towns["period"] == PERIOD]["basis"]) == {"published"}


def test_the_line_saying_which_periods_are_published(half_year_db):
    db = half_year_db
    publication = publish(db, PERIOD, "管理员")
    bases = {"2026-Q1": publication, "2026-Q2": publication, "2026-Q3": None}
    assert official.basis_summary(bases, "zh") == "2026-Q1、Q2 为正式发布结果，2026-Q3 为实时数据（试算）。"
    assert official.basis_summary(bases, "en") == "2026-Q1, Q2: published results; 2026-Q3: live data (trial)."
    mixed = {"2025-Q4": None, "2026-Q1": None, "2026-Q2": None, "2026-H1": publication}
    assert official.basis_summary(mixed, "zh") == "2026-H1 为正式发布结果，2025-Q4、2026-Q1、Q2 为实时数据（试算）。"
    assert official.basis_summary({"2026-Q3": None}, "zh") == "2026-Q3 为实时数据（试算）。"
    assert official.basis_summary({}, "zh") == ""


# ---- what a publication freezes, said exactly; refusals in the order the user acts on them

QUARTER_RACE = "考核期,县区,乡镇,指标,数值\n" + "".join(
    f"2025Q2,{county},,{code},{value}\n"
    for county, base in (("云岫县", 1), ("云峤县", 2), ("澄溪县", 3), ("枫岚区", 4))
    for code, value in (("R01", 100 * base), ("R02", 4 - base), ("R03", 88 + 2 * base))
)
SECOND_HALF_CARE = HALF_YEAR_CARE.replace("2025H1", "2025H2")


@pytest.fixture
def three_kinds_db(half_year_db):
    """2025-Q2 with race scores only (a quarter), 2025-H2 with care figures only, 2025-H1 with both."""
    import_ok(half_year_db, "q2.csv", QUARTER_RACE.encode())
    import_ok(half_year_db, "h2.csv", SECOND_HALF_CARE.encode())
    return half_year_db


def run_cli(db, capsys, *args) -> tuple[int, str, str]:
    code = cli.main(["--db", db.path, "--lang", "en", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.slow
def test_a_publication_says_what_it_freezes_and_refuses_a_period_with_neither(three_kinds_db, capsys):
    db = three_kinds_db
    code, _, said = run_cli(db, capsys, "publish", "--period", "2025Q2")
    assert code == 0
    assert said.startswith("Published 2025-Q2, version 1: the race ranking (4 rows; data version ")
    assert "2025-Q2 has no care figures, so no care statuses were published." in said
    code, _, said = run_cli(db, capsys, "publish", "--period", "2025H2")
    assert code == 0
    assert said.startswith("Published 2025-H2, version 1: 8 care statuses (data version ")
    assert "2025-H2 has no race scores, so no ranking was published." in said
    code, _, said = run_cli(db, capsys, "publish", "--period", "2025H1", "--allow-incomplete")
    assert code == 0 and said.startswith("Published 2025-H1, version 1: the race ranking (6 rows) and 8 care statuses")
    code, out, said = run_cli(db, capsys, "publish", "--period", "2025Q3", "--document-no", "长" * 60)
    assert (code, out) == (1, "")  # nothing to publish comes first: no 文号 makes a period publishable
    assert said == "2025-Q3 has no race scores or care figures to publish.\n"
    assert official.latest(db.connection, "2025-Q3") is None
    assert [freeze.contents(db.connection, p).key for p in ("2025-Q2", "2025-H2", "2025-H1", "2025-Q3")] == [
        "ranking",
        "care",
        "both",
        "nothing",
    ]


@pytest.mark.slow
def test_published_exports_say_which_part_a_publication_lacks(three_kinds_db, capsys):
    db = three_kinds_db
    for period in ("2025-Q2", "2025-H2", "2025-H1"):
        publish(db, period, "管理员")

    code, out, said = run_cli(db, capsys, "export", "welfare_status", "--published", "--period", "2025Q2")
    assert (code, out) == (2, "")
    assert said == (
        "2025-Q2 is published (version 1) with its race ranking only: it had no care figures when it was "
        "published, so there are no published care statuses.\n"
    )
    code, out, said = run_cli(db, capsys, "export", "rankings", "--published", "--period", "2025H2")
    assert (code, out) == (2, "")
    assert said.startswith("2025-H2 is published (version 1) with its care statuses only: it had no race scores")
    code, out, said = run_cli(
        db,
        capsys,
        "export",
        "rankings",
        "--published",
        "--period",
        "2025H1",
        "--level",
        "township",
        "--county",
        "云峤县",
    )
    assert (code, out) == (2, "")
    assert said.startswith("2025-H1 is published (version 1), but without a ranking of the townships of 云峤县")
    code, out, said = run_cli(db, capsys, "export", "welfare_status", "--published", "--period", "2024H1")
    assert (code, out, said) == (
        2,
        "",
        "2024-H1 is not published; leave out --published to export live data (a trial).\n",
    )
    # live: a quarter has no care figures, as a half-year without race scores has no ranking
    code, out, said = run_cli(db, capsys, "export", "welfare_status", "--period", "2025Q2")
    assert (code, out, said) == (2, "", "2025-Q2 has no care figures; periods with care figures: 2025-H1, 2025-H2\n")
    code, out, said = run_cli(db, capsys, "export", "welfare_status", "--published", "--period", "2025H1")
    assert code == 0 and out.startswith("period,county,indicator")


@pytest.mark.slow
def test_a_republication_without_a_reason_while_submissions_wait_says_both_the_reason_first(half_year_db, capsys):
    from incentive.accounts.roles import COUNTY_CLERK, Principal
    from incentive.review import submissions

    db = half_year_db
    publish(db, PERIOD, "管理员")
    clerk = Principal("云岫填报员", COUNTY_CLERK, "云岫县")
    submissions.submit(
        db, clerk, "care.csv", "考核期,县区,乡镇,指标,数值\n2025H1,云岫县,,W01,97\n".encode(), submissions.Options()
    )

    code, _, said = run_cli(db, capsys, "publish", "--period", "2025H1", "--allow-incomplete")
    assert code == 1
    assert said == (  # the form's sentence, naming the flags (tests/test_cli_messages.py)
        "2025-H1 is already published; publishing it again makes a new version, so give the reason for the "
        "correction with --reason. Also, 1 submission of it awaits review: review it first, or also give a reason "
        "to publish anyway with --override-pending.\n"
    )
    code, _, said = run_cli(
        db, capsys, "publish", "--period", "2025H1", "--override-pending", "按期发布", "--allow-incomplete"
    )
    assert code == 1 and said.startswith("2025-H1 is already published") and "review" not in said
    code, _, said = run_cli(db, capsys, "publish", "--period", "2025H1", "--reason", "更正", "--allow-incomplete")
    assert code == 1 and said.startswith("2025-H1 has 1 submission awaiting review")
    log = audit.log(db).sort_values("happened_at")
    assert log[log["outcome"] == "refused"]["detail"].tolist() == [
        "needs_reason_and_pending",
        "needs_reason",
        "pending",
    ]
    code, _, said = run_cli(
        db,
        capsys,
        "publish",
        "--period",
        "2025H1",
        "--reason",
        "更正",
        "--override-pending",
        "按期",
        "--allow-incomplete",
    )
    assert code == 0 and official.latest(db.connection, PERIOD).version == 2


# ---- an incomplete period is published only when confirmed (docs/decisions.md#incomplete-periods-need-confirmation)

INCOMPLETE_ZH = "2025-H1 有 1 个县区数据未报齐：赛马考评得分：云峤县（乡镇缺 3 项）。按未报齐的数据发布，须先明确确认。"


@pytest.mark.slow
def test_an_incomplete_period_is_refused_unless_its_counties_are_confirmed_and_then_recorded(half_year_db):
    db = half_year_db
    short = freeze.shortfalls(db.connection, PERIOD)
    assert short == [official.Shortfall("race_scores", "云峤县", 6, 3, False, 3)]  # 丹埠镇's three scores
    with pytest.raises(freeze.PublicationError) as refused:
        freeze.publish(db, PERIOD, "管理员")
    assert refused.value.keys == ["pub_incomplete"] and refused.value.text("zh") == INCOMPLETE_ZH
    assert refused.value.text("en") == (
        "The data of 2025-H1 are not all in for 1 county: Race scores: 云峤县 (3 township values missing). Publishing them "
        "as they are needs your explicit confirmation."
    )
    with pytest.raises(freeze.PublicationError) as other:  # confirmed for a county that is not the one short
        freeze.publish(db, PERIOD, "管理员", allow_incomplete=frozenset({"澄溪县"}))
    assert other.value.text("zh") == INCOMPLETE_ZH
    assert official.latest(db.connection, PERIOD) is None

    publication = freeze.publish(db, PERIOD, "管理员", allow_incomplete=frozenset({"云峤县"}))
    assert publication.incomplete == tuple(short) == official.latest(db.connection, PERIOD).incomplete
    log = audit.log(db).sort_values("happened_at")
    rows = log[log["action"].isin(["publish", "publish_incomplete"])]
    assert rows[["action", "outcome", "target", "row_count", "detail"]].values.tolist() == [
        ["publish", "refused", PERIOD, 1, "incomplete"],
        ["publish", "refused", PERIOD, 1, "incomplete"],
        ["publish", "ok", "2025-H1 v1", 14, ""],  # 6 rank rows, 8 statuses
        ["publish_incomplete", "ok", "2025-H1 v1", 1, SHORT_JSON],
    ]
    words = audit_log.table(log, "zh")
    assert words["说明"].tolist()[-4:] == [
        "数据未报齐，未确认",
        "数据未报齐，未确认",
        "",
        "赛马考评得分：云峤县（乡镇缺 3 项）",
    ]

    # 丹埠镇's scores come in: the period is complete, published again without confirming, and recorded so
    scores = "考核期,县区,乡镇,指标,数值\n2025H1,云峤县,丹埠镇,R01,5\n2025H1,云峤县,丹埠镇,R02,1\n2025H1,云峤县,丹埠镇,R03,91\n"
    import_ok(db, "丹埠镇.csv", scores.encode())
    assert freeze.shortfalls(db.connection, PERIOD) == []
    second = freeze.publish(db, PERIOD, "管理员", reason="丹埠镇补报")
    assert second.incomplete == () == official.latest(db.connection, PERIOD).incomplete


def test_a_period_most_counties_have_not_sent_names_each_of_them(half_year_db):
    """The reviewer's case: one county's scores of 2025-H2 are in, three counties have sent nothing."""
    db = half_year_db
    import_ok(
        db,
        "澄溪.csv",
        "考核期,县区,乡镇,指标,数值\n2025H2,澄溪县,,R01,1\n2025H2,澄溪县,,R02,1\n2025H2,澄溪县,,R03,90\n".encode(),
    )
    with pytest.raises(freeze.PublicationError) as refused:
        freeze.publish(db, "2025-H2", "管理员")
    assert refused.value.text("zh") == (
        "2025-H2 有 3 个县区数据未报齐：赛马考评得分：云岫县（无数据）、云峤县（无数据）、枫岚区（无数据）。"
        "按未报齐的数据发布，须先明确确认。"
    )
    code = cli.main(["--db", db.path, "--lang", "en", "publish", "--period", "2025H2"])
    assert code == 1 and official.latest(db.connection, "2025-H2") is None


@pytest.mark.slow
def test_every_condition_left_is_said_at_once_and_the_cli_confirms_with_allow_incomplete(half_year_db, capsys):
    from incentive.accounts.roles import COUNTY_CLERK, Principal
    from incentive.review import submissions

    db = half_year_db
    publish(db, PERIOD, "管理员")
    clerk = Principal("云岫填报员", COUNTY_CLERK, "云岫县")
    care = "考核期,县区,乡镇,指标,数值\n2025H1,云岫县,,W01,97\n".encode()
    submissions.submit(db, clerk, "care.csv", care, submissions.Options())

    code, out, said = run_cli(db, capsys, "publish", "--period", "2025H1")  # a reason, an override, a confirmation
    assert (code, out) == (1, "")
    assert said == (
        "2025-H1 is already published; publishing it again makes a new version, so give the reason for the "
        "correction with --reason. Also, 1 submission of it awaits review: review it first, or also give a reason "
        "to publish anyway with --override-pending. The data of 2025-H1 are not all in for 1 county: Race scores: 云峤县 (3 township values missing). "
        "Publishing them as they are needs your explicit confirmation.\n"
        "To publish them as they are, add --allow-incomplete.\n"
    )
    code, _, said = run_cli(
        db, capsys, "publish", "--period", "2025H1", "--reason", "更正", "--override-pending", "按期"
    )
    assert code == 1 and said.startswith("The data of 2025-H1 are not all in for 1 county")
    log = audit.log(db).sort_values("happened_at")
    refused = log[(log["action"] == "publish") & (log["outcome"] == "refused")]
    assert refused["detail"].tolist() == ["needs_reason_and_pending; incomplete", "incomplete"]
    assert audit_log.table(refused, "zh")["说明"].tolist() == [
        "再次发布未填更正原因，且有报送待审核；数据未报齐，未确认",
        "数据未报齐，未确认",
    ]
    command = ["publish", "--period", "2025H1", "--reason", "更正", "--override-pending", "按期", "--allow-incomplete"]
    code, _, said = run_cli(db, capsys, *command)
    assert (
        code == 0
        and said.splitlines()[-1]
        == "Published with data not all in (confirmed): Race scores: 云峤县 (3 township values missing)"
    )
    assert official.latest(db.connection, PERIOD).incomplete == tuple(freeze.shortfalls(db.connection, PERIOD))


def test_republishing_a_period_without_race_scores_keeps_its_history_readable(three_kinds_db):
    """2025-H2 has care figures only: its versions freeze no ranks, and comparing two of them must give an empty
    rank change (it raised a KeyError that took the care page down for every visitor; reviewer's finding)."""
    db = three_kinds_db
    publish(db, "2025-H2", "管理员")
    publish(db, "2025-H2", "管理员", reason="更正")
    found = official.history(db.connection, "2025-H2")
    assert [change.publication.version for change in found] == [1, 2]
    assert found[1].ranks.empty and list(found[1].ranks.columns) == [
        "level",
        "peer",
        "peer_class",
        "unit",
        "rank_before",
        "rank_after",
    ]
    assert found[1].statuses.empty  # nothing changed between the two versions


def test_a_shortfall_recorded_before_its_townships_were_counted_apart_reads_as_it_did():
    """A publication made before the shortfalls kept how many missing values were the townships' (their JSON has no
    `township_missing`) still reads, with the total alone; a newer one says which level lacks them."""
    older = '[{"kind": "race_scores", "county": "云峤县", "expected": 6, "missing": 3, "pending": false}]'
    assert official.shortfall_text(official.shortfalls_from_json(older), "zh") == "赛马考评得分：云峤县（缺 3 项）"
    assert (
        official.shortfall_text(official.shortfalls_from_json(SHORT_JSON), "zh")
        == "赛马考评得分：云峤县（乡镇缺 3 项）"
    )
