"""Every page, in Chinese and in English, shows only its own language outside data values.

Each page of views/ runs through AppTest on the sample database in both languages, in its default view and after
the controls that change what it says (other windows, levels, slices, an upload, meeting mode, the share dialog).
Every visible text is collected (tests/page_text.py: headings, markdown, captions, alerts, metrics, widget labels,
options and help, table headers and cells, chart titles, axes, legends, annotations and hover text).

- English: no Chinese character may remain once data values are taken out: county, township, indicator, work-unit,
  rank-level, course and file names, people and the sample prefecture's name (page_text.data_values).
- Chinese: no English word may remain once data values and the technical names below are taken out.

Streamlit's own chrome drawn in the browser (the upload box, the input hint) is not in AppTest's tree; the browser
tests check it on screen (tests/browser/test_offline_and_chrome.py, tests/browser/test_admin_pages_in_browser.py).
"""

from __future__ import annotations

import functools
import re

import duckdb
import pytest
from conftest import ROOT, as_admin, as_user, open_tab
from page_text import data_values, visible_texts, without
from streamlit.testing.v1 import AppTest

ADMIN = "测试管理员"
SAMPLE_PREFECTURE = "澜州市"  # the fictional sample's prefecture: a place name, like its counties (sample_notice)

# Both languages, by design: the language switch must be readable by someone who cannot read the language shown.
LANGUAGE_SWITCH = ("Language / 语言", "中文", "English")

CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")

# English that the Chinese interface keeps on purpose, each for a reason:
TECHNICAL = [
    r"https?://\S+",  # links (the share dialog's)
    r"\bdocs/[\w.-]+\.md\b",  # the repository's documents, named by their paths
    r"\b(?:python -m )?incentive(?: [\w-]+)?",  # command lines to type, as typed (the README's `incentive …`)
    r"\bscripts/[\w.-]+\.sh\b",  # install scripts, by their paths
    r"\bSHA-256\b",  # the name of the checksum (audit log column)
    r"\bUTF-8\b",
    r"\bGBK\b",  # text encodings, as Excel and WPS name them
    r"\b\d+ MB\b",  # file sizes, as Chinese software writes them (the upload limits under the upload box)
    r"\bCSV\b",
    r"\bTSV\b",
    r"\bPDF\b",
    r"\bExcel\b",
    r"\.xls[xb]?\b",  # file formats, as offices name them
    r"\bWord\b",  # the 通报's format, as the button 下载通报（Word） names it (issue 19)
    r"\bCtrl\+C\b",  # a key to press
    r"\b[0-9a-f]{64}\b",  # SHA-256 values in the audit log
    r":(?:red|orange|green|blue|violet|gray|grey|rainbow|primary)(?:-background)?\[",  # Streamlit's colour markup
]
SHA_256 = re.compile(r"\b[0-9a-f]{64}\b")  # taken out first too, before data values cut them up


@pytest.fixture(scope="module")
def sample_db_module(tmp_path_factory, sample_db_file):
    import shutil

    path = tmp_path_factory.mktemp("language") / "sample.duckdb"
    shutil.copy(sample_db_file, path)
    return path


@pytest.fixture
def app(sample_db_module, app_factory, tmp_path):
    import shutil

    path = tmp_path / "sample.duckdb"
    shutil.copy(sample_db_module, path)
    at = app_factory(path, timeout=240, run=False)
    at.data_source = sample_db_module  # read for data values; the app holds its own copy open
    return at


@functools.lru_cache(maxsize=64)  # the file read is the module's copy, which no scenario changes
def _data(path, page: str, extra: tuple[str, ...] = ()) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return data_values(connection, page, (ADMIN, SAMPLE_PREFECTURE, *extra))


def foreign_text(texts: list[tuple[str, str]], lang: str, data: list[str]) -> list[tuple[str, str]]:
    """The texts that still hold words of the other language once data values (and in Chinese, the technical
    names) are taken out."""
    wrong = []
    for where, text in texts:
        if where in ("segmented label", "segmented option") and text in LANGUAGE_SWITCH:
            continue
        text_alone = SHA_256.sub(" ", text)
        # taking values out leaves spaces, never joins letters: a text without the other language needs no search
        if not (CJK if lang == "en" else ENGLISH_WORD).search(text_alone):
            continue
        rest = without(text_alone, data)
        if lang == "en":
            if CJK.search(rest):
                wrong.append((where, text))
        else:
            for pattern in TECHNICAL:
                rest = re.sub(pattern, " ", rest)
            if ENGLISH_WORD.search(rest):
                wrong.append((where, text))
    return wrong


# Texts Streamlit renders as Markdown (GFM: `a~b~c` strikes b through), unlike options, tables, charts and code.
MARKDOWN_KINDS = re.compile(
    r"title|header|subheader|markdown|caption|error|warning|info|success|toast|expandable|tab|popover|.* label"
)
UNESCAPED_TILDE = re.compile(r"(?<!\\)~")


def check(at: AppTest, lang: str, page: str, state: str, extra: tuple[str, ...] = ()) -> None:
    assert not at.exception, [e.value for e in at.exception]
    texts = visible_texts(at)
    wrong = foreign_text(texts, lang, _data(at.data_source, page, extra))
    assert not wrong, f"{page} ({state}, {lang}): {sorted(set(wrong))[:20]}"
    struck = [text for kind, text in texts if MARKDOWN_KINDS.fullmatch(kind) and UNESCAPED_TILDE.search(text)]
    assert not struck, f"{page} ({state}, {lang}): a ~ Markdown would strike through: {struck[:5]}"


def open_page(at: AppTest, lang: str, page: str, admin: bool = False, who=None) -> AppTest:
    """The session's first run: on `page` itself in `lang`, signed in as the administrator (`admin`) or as `who`,
    as a link opening that page does (a first run on the overview before it cost only the overview's cold queries)."""
    at.session_state["lang"] = lang
    if admin:
        as_admin(at, ADMIN)
    if who is not None:
        as_user(at, who)
    at.switch_page(page)
    at.run()
    return at


# ---- one scenario per page: what the page says by default and after the controls that change its words


def overview(at, lang):
    page = "views/overview.py"
    open_page(at, lang, page)
    check(at, lang, page, "default")
    at.session_state["present"] = True
    at.run()
    check(at, lang, page, "meeting mode")


def rankings(at, lang):
    page = "views/rankings.py"
    open_page(at, lang, page)
    check(at, lang, page, "default")
    for tab in ("tracks", "focus", "ranking"):  # the tabs' labels, and what each tab shows (ui/section_tabs.py)
        open_tab(at, tab)
        check(at, lang, page, f"tab {tab}")
    at.button(key="share_link").click().run()
    check(at, lang, page, "share dialog")
    at.selectbox(key="rank_method").set_value("minmax").run()
    at.number_input(key="rank_weight_项目建设").set_value(60.0).run()
    at.number_input(key="rank_tier_first").set_value(25.0).run()
    check(at, lang, page, "what-if weights and tiers")
    at.selectbox(key="rank_compare").set_value("").run()
    check(at, lang, page, "no comparison")
    at.selectbox(key="rank_track").set_value("乡村振兴").run()
    check(at, lang, page, "ranked by one track")
    at.segmented_control(key="rank_level").set_value("township").run()
    check(at, lang, page, "townships")
    at.session_state["present"] = True
    at.run()
    check(at, lang, page, "meeting mode")


def training(at, lang):
    page = "views/training.py"
    open_page(at, lang, page, admin=True)  # the names of untrained cadres show to administrators
    check(at, lang, page, "default")
    for tab in ("domains", "trend", "gaps"):
        open_tab(at, tab)
        check(at, lang, page, f"tab {tab}")
    open_tab(at, "domains")
    at.segmented_control(key="training_domain_measure").set_value("hours_per_cadre").run()
    check(at, lang, page, "hours per cadre")
    open_tab(at, "drill")
    check(at, lang, page, "tab drill")
    for value in ("rank", "age", "gender", "unit"):
        at.segmented_control(key="training_slice").set_value(value).run()
        check(at, lang, page, f"by {value}")
    at.segmented_control(key="training_window").set_value("quarter").run()
    check(at, lang, page, "quarter")
    at.segmented_control(key="training_window").set_value("months").run()
    check(at, lang, page, "months")
    at.selectbox(key="county").set_value("棠梨县").run()
    check(at, lang, page, "one county")
    for tab in ("coverage", "trend"):
        open_tab(at, tab)
        check(at, lang, page, f"one county, tab {tab}")


def welfare(at, lang):
    page = "views/welfare.py"
    open_page(at, lang, page)
    check(at, lang, page, "default")
    open_tab(at, "furthest")
    check(at, lang, page, "tab furthest")
    open_tab(at, "county")
    check(at, lang, page, "tab county")
    at.selectbox(key="welfare_indicator").set_value("W07").run()  # no target: its spread in a sentence
    check(at, lang, page, "indicator without a target")
    at.selectbox(key="year").set_value(2023).run()
    check(at, lang, page, "first year")


def movements(at, lang):
    page = "views/movements.py"
    open_page(at, lang, page)
    check(at, lang, page, "default")
    at.selectbox(key="year").set_value(2023).run()  # no race tiers before the first year
    check(at, lang, page, "first year")


def appraisals(at, lang):
    page = "views/appraisals.py"
    open_page(at, lang, page)
    check(at, lang, page, "default: the latest year with grades")
    at.selectbox(key="year").set_value(2023).run()  # grades, and the year after recorded
    check(at, lang, page, "first year")


def county(at, lang):
    page = "views/county.py"
    open_page(at, lang, page)
    check(at, lang, page, "no county chosen")
    at.selectbox(key="county").set_value("棠梨县").run()
    check(at, lang, page, "one county")
    at.segmented_control(key="profile_compare").set_value("year").run()
    check(at, lang, page, "why, year on year")


UPLOAD = "考核期,县区,指标,数值\n2026Q3,云岫,重点项目投资完成额,99.5\n2026Q3,黑山县,R01,1\n2026Q3,青禾县,R01,12万元\n"


def data(at, lang):
    page = "views/data.py"
    open_page(at, lang, page, admin=True)
    check(at, lang, page, "default")
    at.get("file_uploader")[0].set_value(("新得分.csv", UPLOAD.encode("gbk"), "text/csv"))
    at.run()
    file_cells = (*re.split(r"[,\n]", UPLOAD), "新得分.csv", "云岫")  # the file's own words are data
    check(at, lang, page, "a refused upload", file_cells)
    at.checkbox(key="data_skip_invalid").check().run()
    check(at, lang, page, "an upload with invalid rows skipped", file_cells)


CLERK_NAME = "云岫填报员"
MIXED = "考核期,县区,指标,数值\n2026Q3,云岫县,R01,99.5\n2026Q3,澄溪县,R01,12\n"
OWN = "考核期,县区,指标,数值\n2026Q3,云岫,R01,99.5\n"


def clerk():
    """A county clerk of 云岫县, added to the app's database (a database account: its row must exist)."""
    from incentive.accounts import users
    from incentive.accounts.roles import COUNTY_CLERK, Principal
    from ui.runtime import database

    if users.find(database(), CLERK_NAME) is None:
        users.add(database(), CLERK_NAME, COUNTY_CLERK, "云岫县", "clerk-password-123", ADMIN)
    return Principal(CLERK_NAME, COUNTY_CLERK, "云岫县")


def submit(at, lang):
    page = "views/submit.py"
    open_page(at, lang, page, who=clerk())
    names = (CLERK_NAME, "云岫县", "混合.csv", "本县.csv", "云岫", *re.split(r"[,\n]", MIXED))
    check(at, lang, page, "default", names)
    at.get("file_uploader")[0].set_value(("混合.csv", MIXED.encode(), "text/csv"))
    at.run()
    check(at, lang, page, "a file with another county's rows", names)
    at.get("file_uploader")[0].set_value(("本县.csv", OWN.encode(), "text/csv"))
    at.run()
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("submit_send_"))).click().run()
    check(at, lang, page, "submitted", names)


def review(at, lang):
    from incentive.review import submissions
    from ui.runtime import database

    page = "views/review.py"
    submissions.submit(database(), clerk(), "本县.csv", OWN.encode(), submissions.Options())
    open_page(at, lang, page, admin=True)
    names = (CLERK_NAME, "云岫县", "本县.csv", "云岫")
    check(at, lang, page, "a pending submission", names)
    at.button(key="review_return_1").click().run()
    check(at, lang, page, "a return without a note", names)


def users(at, lang):
    page = "views/users.py"
    open_page(at, lang, page, admin=True)
    check(at, lang, page, "no accounts yet")
    add_account(at, "县里的填报员", "county_clerk", "云岫县", "long enough password")
    check(at, lang, page, "one account", ("县里的填报员",))
    add_account(at, "太短", "county_leader", "云岫县", "short")  # refused with a sentence
    check(at, lang, page, "a refused account", ("县里的填报员", "太短"))


def add_account(at, name: str, role: str, county: str, password: str) -> None:
    at.text_input(key="users_add_name").input(name)
    at.selectbox(key="users_add_role").set_value(role)
    at.selectbox(key="users_add_county").set_value(county)
    at.text_input(key="users_add_password").input(password)
    at.text_input(key="users_add_again").input(password)
    next(b for b in at.button if b.proto.form_id == "users_add_form").click()
    at.run()


def progress(at, lang):
    from incentive.review import submissions
    from ui.runtime import database

    page = "views/progress.py"
    submissions.submit(database(), clerk(), "本县.csv", OWN.encode(), submissions.Options())
    open_page(at, lang, page, admin=True)
    check(at, lang, page, "default", (CLERK_NAME, "云岫县"))
    at.selectbox(key="progress_year").set_value(2025).run()
    check(at, lang, page, "a past year", (CLERK_NAME, "云岫县"))


def cadre(at, lang):
    page = "views/cadre.py"
    open_page(at, lang, page, admin=True)  # for signed-in accounts only
    check(at, lang, page, "nobody chosen yet")
    at.text_input(key="cadre_id").set_value("LZ000007").run()
    check(at, lang, page, "a cadre", extra=("LZ000007",))
    at.text_input(key="cadre_id").set_value("NOBODY").run()
    check(at, lang, page, "no such cadre", extra=("NOBODY",))


def alerts(at, lang):
    page = "views/alerts.py"
    open_page(at, lang, page, admin=True)  # for signed-in accounts only
    check(at, lang, page, "default")
    at.selectbox(key="alerts_rule").set_value("data").run()
    check(at, lang, page, "files missing or late")
    at.selectbox(key="alerts_rule").set_value("value_drop").run()
    check(at, lang, page, "a rule without warnings")
    at.selectbox(key="county").set_value("棠梨县").run()
    at.selectbox(key="alerts_rule").set_value("").run()
    check(at, lang, page, "one county")
    at.switch_page("views/overview.py").run()
    check(at, lang, "views/overview.py", "the warnings section")


SCENARIOS = {
    "overview": overview,
    "rankings": rankings,
    "training": training,
    "welfare": welfare,
    "movements": movements,
    "appraisals": appraisals,
    "county": county,
    "data": data,
    "submit": submit,
    "review": review,
    "users": users,
    "progress": progress,
    "alerts": alerts,
    "cadre": cadre,
}


PUBLISHED_WORDS = ("澜组〔2026〕12号", "复核更正")  # a 文号 and a reason typed by the administrator: data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_published_results_speak_one_language(app, lang):
    """审定发布: the mark, the banner of changed data, the versions with their changes, the publish form, the live
    switch; the care page's mark and banner."""
    import os

    from conftest import import_ok

    from incentive.publication import freeze
    from incentive.store.database import Database

    db = Database(os.environ["INCENTIVE_DB"])  # before the app's first run opens it
    try:
        freeze.publish(db, "2026-Q3", ADMIN, document_no=PUBLISHED_WORDS[0])
        freeze.publish(db, "2026-H1", ADMIN)
        import_ok(db, "a.csv", "考核期,县区,乡镇,指标,数值\n2026Q3,澄溪县,,R01,1\n2026Q3,澄溪县,,R05,1\n".encode())
        freeze.publish(db, "2026-Q3", ADMIN, reason=PUBLISHED_WORDS[1])
        import_ok(db, "b.csv", "考核期,县区,乡镇,指标,数值\n2026Q3,枫岚县,,R07,1\n".encode())
        import_ok(db, "c.csv", "考核期,县区,乡镇,指标,数值\n2026H1,澄溪县,,W01,1\n".encode())
    finally:
        db.close()
    page = "views/rankings.py"
    open_page(app, lang, page, admin=True)
    assert any(w.value for w in app.warning)  # the banner
    check(app, lang, page, "published, data changed since", PUBLISHED_WORDS)
    app.segmented_control(key="rank_view").set_value("live").run()
    check(app, lang, page, "the live trial of a published period", PUBLISHED_WORDS)
    page = "views/welfare.py"
    app.switch_page(page).run()
    check(app, lang, page, "published statuses, data changed since", PUBLISHED_WORDS)


def test_every_page_has_a_scenario():
    pages = {path.stem for path in (ROOT / "views").glob("*.py")} - {"not_found"}
    assert pages == set(SCENARIOS)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", SCENARIOS)
def test_page_speaks_one_language(app, name, lang):
    SCENARIOS[name](app, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", ["rankngs", "data", "users"])
def test_unknown_address_page_speaks_one_language(app, path, lang, monkeypatch):
    """views/not_found.py, which app.py registers at an address no page has (ui/chrome.py), instead of Streamlit's
    English dialog. AppTest has no browser address: the address is given to ui.chrome directly."""
    import ui.chrome

    monkeypatch.setattr(ui.chrome, "requested_path", lambda: path)
    app.run()  # the run that finds the unknown address registers the page that answers it
    open_page(app, lang, "views/not_found.py")
    check(app, lang, "views/not_found.py", "unknown address", (path,))
    expected = {
        ("zh", "data"): "数据管理",
        ("en", "data"): "Data",
        ("zh", "users"): "用户管理",
        ("en", "users"): "Users",
        ("zh", "rankngs"): "页面不存在",
        ("en", "rankngs"): "Page not found",
    }[(lang, path)]
    assert app.title[0].value == expected


def test_the_collector_reads_every_kind_of_text(app):
    """A guard on the guard: the English check fails when a page does show Chinese."""
    open_page(app, "en", "views/rankings.py")
    texts = visible_texts(app)
    kinds = {where.split(" of ")[0] for where, _ in texts}
    assert {
        "title",
        "metric label",
        "column",
        "cell",
        "chart title",
        "axis title",
        "trace name",
        "selectbox label",
        "segmented option",
        "number_input label",
        "caption",
        "expandable",
    } <= kinds
    assert foreign_text([("caption", "第一方阵")], "en", []) and not foreign_text(
        [("caption", "云岫县")], "en", ["云岫县"]
    )
    assert foreign_text([("caption", "Upload")], "zh", []) and not foreign_text([("caption", "下载 CSV")], "zh", [])
