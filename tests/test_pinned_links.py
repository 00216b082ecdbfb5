"""Short links, pinned (`pin=`) and live, after the data changed: what the page, the address and the documents made
from it say (AppTest over a copy of the sample; corrections and a later year imported with the real importer)."""

import io
import re
import unicodedata

import pytest
from conftest import correct_2026_q3, import_not_begun, import_ok
from page_text import visible_texts

from incentive.race import rankings
from incentive.sharing import permalinks
from incentive.store.database import Database

VIEW = {"year": "2026", "county": "澄溪县", "rank.period": "2026-Q3", "rank.method": "minmax"}


def address_of(at) -> dict[str, str]:
    values = {name: at.query_params[name] for name in at.query_params}
    return {name: value[-1] if isinstance(value, list) else value for name, value in values.items()}


@pytest.fixture
def pinned_then_corrected(sample_db_path):
    """The key of a rankings link pinned before a correction of 2026-Q3 was imported."""
    db = Database(sample_db_path)
    assert rankings.rank_period(db.connection, "2026-Q3").ranked.index[0] != "苇塘县"
    key = permalinks.pin(db, "rankings", VIEW, created_by="test")
    correct_2026_q3(db)
    db.close()
    return key


@pytest.mark.browser  # prints with Chromium, like tests/test_briefing.py
@pytest.mark.slow  # prints the briefing in Chromium
def test_a_briefing_made_on_a_pinned_link_links_to_the_pinned_view(app_factory, sample_db_path, pinned_then_corrected):
    """The PDF showed the pinned data, but its 在线查看 link was saved without the moment and opened current data
    (a fresh tester's finding): the link it prints is pinned at the same moment, as `deliver`'s briefings are."""
    import pypdf

    from incentive.sharing import briefing

    if briefing.chromium_path() is None:
        pytest.skip("no Chromium: bash scripts/install-chromium.sh")
    at = app_factory(sample_db_path, page="views/rankings.py", query={"v": pinned_then_corrected})
    assert address_of(at)["pin"] == pinned_then_corrected
    at.button(key="briefing_page").click().run()
    assert not at.exception and not at.error
    _, _, pdf = at.session_state["_briefing"]
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = unicodedata.normalize("NFKC", text)
    printed = re.search(rf"/rankings\?v=([{permalinks.ALPHABET}]{{{permalinks.KEY_LENGTH}}})", text)
    assert printed, text
    db = Database(sample_db_path)
    shared, made = permalinks.load(db, pinned_then_corrected), permalinks.load(db, printed.group(1))
    db.close()
    assert made.pinned_at == shared.pinned_at is not None
    # the view as the address holds it (a default left out): nothing the pinned link did not say
    assert set(made.params.items()) <= set(VIEW.items()) and made.params["rank.method"] == "minmax"


def test_a_republication_after_the_pin_is_said_newer(app_factory, sample_db_path):
    """2026-Q2 published (v1), a link pinned, the period published again (v2): the link still shows v1, as it
    should, but its banner said nothing was newer, since only imports and rollbacks counted (a fresh tester's
    finding). A publication after the pin counts too."""
    from incentive.publication import freeze

    db = Database(sample_db_path)
    freeze.publish(db, "2026-Q2", "管理员", allow_incomplete=True)
    key = permalinks.pin(db, "rankings", {"year": "2026", "rank.period": "2026-Q2"}, created_by="test")
    db.close()
    before = app_factory(sample_db_path, page="views/rankings.py", query={"v": key})
    assert [w.value for w in before.warning if w.value.startswith("本链接显示")] == [
        f"本链接显示 {permalinks.load(Database(sample_db_path), key).pinned_at:%Y-%m-%d %H:%M} 的数据。"
    ]
    db = Database(sample_db_path)
    freeze.publish(db, "2026-Q2", "管理员", reason="更正", allow_incomplete=True)
    db.close()
    at = app_factory(sample_db_path, page="views/rankings.py", query={"v": key})
    banner = [w.value for w in at.warning if w.value.startswith("本链接显示")]
    assert len(banner) == 1 and "已有更新" in banner[0], banner
    shown = [text for _, text in visible_texts(at)]
    assert any("第 1 版" in text for text in shown) and not any("第 2 版" in text for text in shown)  # as pinned


def import_2027_q1(path) -> None:
    """Race scores of 2027-Q1 for one county: 2027 becomes the newest year with data, the sidebar's default."""
    db = Database(path)
    rows = "".join(f"2026Q3,澄溪县,,R{i:02d},50\n" for i in range(1, 13))
    import_not_begun(db, "2027一季度.csv", ("考核期,县区,乡镇,指标,数值\n" + rows).encode(), "2027-Q1")
    db.close()


def link_notes(at) -> list[str]:
    return [i.value for i in at.info if i.value.startswith("链接中的参数无法使用")]


def test_a_link_shared_in_the_default_year_opens_that_year_once_a_later_one_has_data(app_factory, sample_db_path):
    """2026 was the default year, so the address (and the link stored from it) left it out; once 2027 had data the
    link opened 2027 and refused its rank.period=2026-Q2 (a fresh tester's finding). A share link stores the year
    always, and a link stored without one takes the year of its period."""
    at = app_factory(sample_db_path, page="views/rankings.py", query={"rank.period": "2026-Q2"})
    assert at.selectbox(key="year").value == 2026 and "year" not in at.query_params  # the default, left out
    at.button(key="share_link").click().run()
    field = next(f.proto.srcdoc for f in at.get("iframe") if 'id="copy"' in f.proto.srcdoc)  # the live link
    shared = re.search(r"\?v=(\w+)", field).group(1)
    db = Database(sample_db_path)
    assert permalinks.load(db, shared).params == {"year": "2026", "rank.period": "2026-Q2"}
    older = permalinks.save(db, "rankings", {"rank.period": "2026-Q2"}, created_by="test")  # stored before the fix
    db.close()
    import_2027_q1(sample_db_path)
    for key in (shared, older):
        opened = app_factory(sample_db_path, page="views/rankings.py", query={"v": key})
        assert not link_notes(opened), link_notes(opened)
        assert opened.selectbox(key="year").value == 2026
        assert opened.selectbox(key="rank_period").value == "2026-Q2"
        assert address_of(opened)["year"] == "2026"  # a reload or the address forwarded shows 2026 too


def test_documents_of_a_view_pinned_before_a_republication_say_it_was_replaced(sample_db_path):
    """The 通报 and the briefing of the pinned view print version 1, as they should, and said nothing of version 2
    (a fresh tester's finding): both now say a newer version was published, and when; made now, neither does."""
    from incentive.publication import freeze
    from incentive.sharing import briefing, bulletin

    db = Database(sample_db_path)
    freeze.publish(db, "2026-Q2", "管理员", allow_incomplete=True)
    moment = permalinks.load(db, permalinks.pin(db, "rankings", {}, created_by="test")).pinned_at
    newest = freeze.publish(db, "2026-Q2", "管理员", reason="更正", allow_incomplete=True)
    said = f"2026-Q2 已于 {newest.published_at:%Y-%m-%d} 发布第 2 版，此处为链接固定时点有效的第 1 版。"
    pinned_paper = bulletin.gather(db, "2026-Q2", "", "zh", as_of=moment)
    assert "第 1 版" in pinned_paper.remarks and said in pinned_paper.remarks
    assert said not in bulletin.gather(db, "2026-Q2", "", "zh").remarks
    pinned_brief = briefing.gather(db, 2026, "", "zh", "链接", as_of=moment, race_period="2026-Q2")
    assert said in [p for s in pinned_brief.sections for p in s.paragraphs]
    live_brief = briefing.gather(db, 2026, "", "zh", "链接", race_period="2026-Q2")
    assert not any("此处为链接固定时点" in p for s in live_brief.sections for p in s.paragraphs)
    db.close()


def test_a_link_shared_on_the_default_period_opens_that_period_once_a_later_one_has_data(app_factory, sample_db_path):
    """A share link made on the rankings' default period (the newest with data, left out of the address) stored the
    year alone, and once the next quarter's scores were imported it opened that quarter, another county first, with
    no note (a fresh tester's finding): it stores the period shown."""
    at = app_factory(sample_db_path, page="views/rankings.py")
    shown = at.selectbox(key="rank_period").value
    assert "rank.period" not in at.query_params  # the default, left out of the address
    at.button(key="share_link").click().run()
    field = next(f.proto.srcdoc for f in at.get("iframe") if 'id="copy"' in f.proto.srcdoc)
    shared = re.search(r"\?v=(\w+)", field).group(1)
    db = Database(sample_db_path)
    assert permalinks.load(db, shared).params["rank.period"] == shown
    year, quarter = shown.split("-Q")
    later = f"{year}Q{int(quarter) + 1}"
    counties = at.selectbox(key="county").options[1:]  # every county: a quarter few have sent is no default
    rows = "".join(f"{later},{c},,R{i:02d},{50 + k}\n" for k, c in enumerate(counties) for i in range(1, 13))
    import_ok(db, "下一季度.csv", ("考核期,县区,乡镇,指标,数值\n" + rows).encode())
    db.close()
    assert app_factory(sample_db_path, page="views/rankings.py").selectbox(key="rank_period").value != shown
    opened = app_factory(sample_db_path, page="views/rankings.py", query={"v": shared})
    assert not link_notes(opened), link_notes(opened)
    assert opened.selectbox(key="rank_period").value == shown
