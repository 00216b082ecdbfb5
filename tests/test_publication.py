"""审定发布 on a small database (conftest.half_year_db): a published period keeps its ranks and statuses after a
later import, which the comparison reports; republishing makes a version with its diff and reason; refusals and
the override are audited; the CLI export and the briefing show the published figures and say so."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from conftest import HALF_YEAR_CARE, import_ok

from incentive import cli
from incentive.care import welfare
from incentive.publication import freeze, official
from incentive.race import rankings
from incentive.race.rankings import PeerGroup
from incentive.sharing import briefing
from incentive.store import audit

PERIOD = "2025-H1"
ORDER = ["枫岚区", "澄溪县", "云峤县", "云岫县"]  # best first on every indicator
TOWNS = PeerGroup("township", "云岫县")
# 云岫县 corrects its three scores and leads; 澄溪县's 体检完成率 rises from 80 (below 95) to 96 (met).
CORRECTIONS = [
    "考核期,县区,乡镇,指标,数值\n2025H1,云岫县,,R01,4000\n2025H1,云岫县,,R02,0\n2025H1,云岫县,,R03,99\n",
    "考核期,县区,乡镇,指标,数值\n2025H1,澄溪县,,W01,96\n",
]


def correct(db) -> None:
    for i, text in enumerate(CORRECTIONS):
        import_ok(db, f"correction{i}.csv", text.encode())


def ranks(ranking) -> dict[str, int]:
    return ranking.table["rank"].astype(int).to_dict()


def test_publishing_freezes_what_the_pages_show(half_year_db):
    db = half_year_db
    publication = freeze.publish(db, PERIOD, "管理员", document_no="澜组〔2025〕7号", note="上半年")
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
    assert log.iloc[0][["who", "action", "target", "outcome"]].tolist() == ["管理员", "publish", "2025-H1 v1", "ok"]


def test_a_later_import_keeps_the_published_figures_and_reports_what_would_change(half_year_db):
    db = half_year_db
    publication = freeze.publish(db, PERIOD, "管理员")
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


def test_republishing_makes_a_new_version_with_its_diff_and_reason_and_keeps_the_old(half_year_db):
    db = half_year_db
    freeze.publish(db, PERIOD, "管理员", document_no="澜组〔2025〕7号")
    correct(db)
    with pytest.raises(freeze.PublicationError) as refused:
        freeze.publish(db, PERIOD, "管理员")
    assert refused.value.key == "pub_needs_reason"
    second = freeze.publish(db, PERIOD, "管理员", reason="云岫县招商引资额更正", document_no="澜组〔2025〕9号")
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
        freeze.publish(db, PERIOD, "管理员", pending=2)
    assert "2 份报送待审核" in refused.value.text("zh")
    assert official.latest(db.connection, PERIOD) is None
    asked = []
    publication = freeze.publish(
        db, PERIOD, "管理员", pending=lambda p: asked.append(p) or 2, override_reason="县区逾期未审，按期发布"
    )
    assert asked == [PERIOD]
    assert (publication.pending_submissions, publication.override_reason) == (2, "县区逾期未审，按期发布")
    assert official.latest(db.connection, PERIOD).override_reason == "县区逾期未审，按期发布"
    log = audit.log(db).sort_values("happened_at")
    assert log[["action", "outcome", "detail"]].values.tolist()[-3:] == [
        ["publish", "refused", "pending"],
        ["publish", "ok", ""],
        ["publish_override", "ok", "县区逾期未审，按期发布"],
    ]
    with pytest.raises(freeze.PublicationError) as nothing:
        freeze.publish(db, "2019-H1", "管理员")
    assert nothing.value.text("en") == "2019-H1 has no race scores or care figures to publish."


def test_cli_publishes_and_exports_the_published_ranks_after_a_later_import(half_year_db, capsys):
    db = half_year_db
    path = db.path
    assert cli.main(["--db", path, "--lang", "en", "publish", "--period", "2025H1", "--document-no", "澜组7号"]) == 0
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
    live, said = export()
    assert live.set_index("county").at["云岫县", "rank"] == 1 and set(live["basis"]) == {"live"}
    assert "导出内容：实时数据（试算）" in said
    assert cli.main(["--db", path, "export", "rankings", "--period", "2025H1", "--published", "--method", "minmax"])
    assert "--published" in capsys.readouterr().err

    assert cli.main(["--db", path, "export", "welfare_status", "--period", "2025H1", "--published"]) == 0
    statuses = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert statuses.set_index(["county", "indicator"]).at[("澄溪县", "W01"), "status"] == "below"  # as published
    assert set(statuses["basis"]) == {"published"} and set(statuses["published_version"]) == {1}


def test_the_briefing_prints_the_published_ranks_and_says_so(half_year_db):
    db = half_year_db
    freeze.publish(db, PERIOD, "管理员", document_no="澜组7号")
    correct(db)
    brief = briefing.gather(db, 2025, "", "zh", "http://x.local/")
    race = next(s for s in brief.sections if s.title == "赛马排名")
    assert race.tables[0]["县区"].tolist() == ORDER
    assert any(p.startswith("正式发布（") and "澜组7号" in p for p in race.paragraphs)
    care = next(s for s in brief.sections if s.title == "关心关爱")
    assert care.paragraphs[-1].startswith("正式发布（")


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
        freeze.publish(first, PERIOD, "管理员", document_no="澜组7号")
        assert ranks(official.ranking(second.connection, PERIOD)) == dict(zip(ORDER, [1, 2, 3, 4], strict=True))
        assert official.welfare_view(second.connection, PERIOD).table["status"].notna().any()
        assert freeze.publish(second, PERIOD, "管理员", reason="复核").version == 2
        assert [p.version for p in official.versions(first.connection, PERIOD)] == [1, 2]
    finally:
        first.close()
        second.close()


def test_a_document_number_is_a_short_reference(half_year_db):
    with pytest.raises(freeze.PublicationError) as refused:
        freeze.publish(half_year_db, PERIOD, "管理员", document_no="长" * 51)
    assert refused.value.text("zh") == "文号最多 50 个字。"
    assert official.latest(half_year_db.connection, PERIOD) is None  # nothing published
    publication = freeze.publish(half_year_db, PERIOD, "管理员", document_no="[澜组](http://evil.example)〔2026〕1号")
    assert publication.document_no == "[澜组](http://evil.example)〔2026〕1号"  # stored as typed; shown escaped


# ---- ranks over time and the line saying which periods are published (docs/decisions.md#published-or-live)


def test_rank_history_takes_each_published_periods_points_from_its_version_in_force(half_year_db):
    from conftest import HALF_YEAR_RACE

    db = half_year_db
    import_ok(db, "h2.csv", HALF_YEAR_RACE.replace("2025H1", "2025H2").encode())
    first = freeze.publish(db, PERIOD, "管理员")
    moment = dt.datetime.now()
    correct(db)  # 云岫县 leads 2025-H1 on current data
    freeze.publish(db, PERIOD, "管理员", reason="更正")  # version 2: 云岫县 leads as published too
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
    publication = freeze.publish(db, PERIOD, "管理员")
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
    code, _, said = run_cli(db, capsys, "publish", "--period", "2025H1")
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


def test_published_exports_say_which_part_a_publication_lacks(three_kinds_db, capsys):
    db = three_kinds_db
    for period in ("2025-Q2", "2025-H2", "2025-H1"):
        freeze.publish(db, period, "管理员")

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


def test_a_republication_without_a_reason_while_submissions_wait_says_both_the_reason_first(half_year_db, capsys):
    from incentive.accounts.roles import COUNTY_CLERK, Principal
    from incentive.review import submissions

    db = half_year_db
    freeze.publish(db, PERIOD, "管理员")
    clerk = Principal("云岫填报员", COUNTY_CLERK, "云岫县")
    submissions.submit(
        db, clerk, "care.csv", "考核期,县区,乡镇,指标,数值\n2025H1,云岫县,,W01,97\n".encode(), submissions.Options()
    )

    code, _, said = run_cli(db, capsys, "publish", "--period", "2025H1")
    assert code == 1
    assert said == (
        "2025-H1 is already published; publishing it again makes a new version, so give the reason for the "
        "correction. Also, 1 submission of it awaits review: review them first, or give a reason to publish anyway "
        "as well.\n"
    )
    code, _, said = run_cli(db, capsys, "publish", "--period", "2025H1", "--override-pending", "按期发布")
    assert code == 1 and said.startswith("2025-H1 is already published") and "review" not in said
    code, _, said = run_cli(db, capsys, "publish", "--period", "2025H1", "--reason", "更正")
    assert code == 1 and said.startswith("2025-H1 has 1 submission awaiting review")
    log = audit.log(db).sort_values("happened_at")
    assert log[log["outcome"] == "refused"]["detail"].tolist() == [
        "needs_reason_and_pending",
        "needs_reason",
        "pending",
    ]
    code, _, said = run_cli(
        db, capsys, "publish", "--period", "2025H1", "--reason", "更正", "--override-pending", "按期"
    )
    assert code == 0 and official.latest(db.connection, PERIOD).version == 2


def test_republishing_a_period_without_race_scores_keeps_its_history_readable(three_kinds_db):
    """2025-H2 has care figures only: its versions freeze no ranks, and comparing two of them must give an empty
    rank change (it raised a KeyError that took the care page down for every visitor; reviewer's finding)."""
    db = three_kinds_db
    freeze.publish(db, "2025-H2", "管理员")
    freeze.publish(db, "2025-H2", "管理员", reason="更正")
    found = official.history(db.connection, "2025-H2")
    assert [change.publication.version for change in found] == [1, 2]
    assert found[1].ranks.empty and list(found[1].ranks.columns) == [
        "level",
        "peer",
        "unit",
        "rank_before",
        "rank_after",
    ]
    assert found[1].statuses.empty  # nothing changed between the two versions
