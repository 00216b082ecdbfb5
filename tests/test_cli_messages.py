"""What the command line says, through `cli.main(argv)` in this process (tests/test_cli.py runs it as a child):
--county against the region list, the 通报 of a period published with its care figures only, argparse's own
words in Chinese, the sentence when the app holds the database, the flags a publish refusal names, one setting
explained, years before the tracker starts, and times to the second.

The database is conftest.half_year_db: four counties (云岫县 with townships 安坝镇 and 碧岗街道; 云峤县, 澄溪县,
枫岚区), race scores and care figures of 2025-H1.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys

import docx
import pandas as pd
import pytest
from conftest import HALF_YEAR_CARE, ROOT, import_ok

from incentive import cli
from incentive.accounts.roles import COUNTY_CLERK, Principal
from incentive.publication import freeze
from incentive.review import submissions
from incentive.store.database import Database

COUNTIES_EN = "云岫县, 云峤县, 澄溪县, 枫岚区"
COUNTIES_ZH = "云岫县、云峤县、澄溪县、枫岚区"


def run(db, capsys, *args, lang: str = "en") -> tuple[int, str, str]:
    """Exit code, standard output and standard error of `incentive --db DB --lang LANG ARGS`."""
    code = cli.main(["--db", str(db.path), "--lang", lang, *map(str, args)])
    said = capsys.readouterr()
    return code, said.out, said.err


def argparse_run(capsys, *args: str) -> tuple[int, str, str]:
    """As `run`, for a command line argparse itself refuses or answers (--help): it exits."""
    with pytest.raises(SystemExit) as exited:
        cli.main(list(args))
    said = capsys.readouterr()
    return exited.value.code, said.out, said.err


# ---- --county: a county of the region list, or a clear refusal


def test_an_unknown_county_is_refused_with_the_counties_named(half_year_db, capsys):
    """It was ignored (export progress and reminders gave 0 rows with exit 0, welfare_status every county's)."""
    for kind, extra in (
        ("progress", ["--year", "2025"]),
        ("reminders", ["--year", "2025"]),
        ("welfare_status", ["--period", "2025H1"]),
        ("untrained", ["--period", "2025H1"]),
        ("rankings", ["--period", "2025H1", "--level", "township"]),
    ):
        code, out, said = run(half_year_db, capsys, "export", kind, *extra, "--county", "不存在县")
        assert (code, out) == (2, ""), kind
        assert said == f"No county named “不存在县” in the region list; the counties are: {COUNTIES_EN}.\n", kind
    code, out, said = run(half_year_db, capsys, "alerts", "--county", "不存在县", lang="zh")
    assert (code, out, said) == (2, "", f"没有名为「不存在县」的县区；行政区划中的县区有：{COUNTIES_ZH}。\n")


def test_a_short_name_is_read_as_its_county_and_said(half_year_db, capsys):
    code, out, said = run(half_year_db, capsys, "export", "welfare_status", "--period", "2025H1", "--county", "澄溪")
    assert code == 0, said
    assert said.splitlines()[0] == "--county “澄溪” read as “澄溪县”."
    statuses = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert statuses[["county", "indicator", "value", "status"]].values.tolist() == [
        ["澄溪县", "W01", 80.0, "below"],  # 年度体检完成率, target 95
        ["澄溪县", "W02", 85.0, "below"],  # 谈心谈话覆盖率, target 100
    ]
    code, out, said = run(half_year_db, capsys, "export", "reminders", "--year", "2025", "--county", "云岫", lang="zh")
    assert code == 0 and said.startswith("--county「云岫」按「云岫县」处理。\n")
    owed = pd.read_csv(io.StringIO(out))
    assert len(owed) > 0 and set(owed["county"]) == {"云岫县"}  # it gave no rows at all


def test_a_name_that_could_be_two_counties_is_refused(db, capsys):
    import_ok(db, "regions.csv", "县区,乡镇\n柏川县,\n柏川区,\n鹤汀县,\n".encode())
    code, out, said = run(db, capsys, "export", "progress", "--year", "2025", "--county", "柏川")
    assert (code, out) == (2, "")
    assert said == "“柏川” could be any of 柏川区, 柏川县; give the county's full name.\n"
    code, _, said = run(db, capsys, "export", "progress", "--year", "2025", "--county", "鹤汀", lang="zh")
    assert code == 0 and said.startswith("--county「鹤汀」按「鹤汀县」处理。")


def test_county_where_it_does_not_apply_is_refused_not_ignored(half_year_db, capsys):
    code, out, said = run(half_year_db, capsys, "export", "race_scores", "--county", "澄溪县")
    assert (code, out) == (2, "")
    assert said.startswith("export race_scores is not filtered by county, so it does not take --county;")
    code, out, said = run(half_year_db, capsys, "export", "rankings", "--period", "2025H1", "--county", "澄溪县")
    assert (code, out) == (2, "")  # the county ranking ranks every county: --county was ignored
    assert said.startswith("The county ranking lists every county; --county picks whose townships are ranked")


def test_township_rankings_say_whose_townships_lack_scores(half_year_db, capsys):
    code, out, said = run(
        half_year_db, capsys, "export", "rankings", "--period", "2025H1", "--level", "township", "--county", "澄溪县"
    )
    assert (code, out) == (2, "")
    assert said == "The townships of 澄溪县 have no race scores for 2025-H1; periods with their scores: —.\n"
    code, out, _ = run(
        half_year_db, capsys, "export", "rankings", "--period", "2025H1", "--level", "township", "--county", "云岫"
    )
    assert code == 0 and set(pd.read_csv(io.StringIO(out))["township"]) == {"安坝镇", "碧岗街道"}


# ---- export bulletin --published of a half-year published with its care figures only


@pytest.fixture
def care_only(half_year_db):
    """half_year_db with 2025-H2's care figures and no race scores of 2025-H2."""
    import_ok(half_year_db, "h2.csv", HALF_YEAR_CARE.replace("2025H1", "2025H2").encode())
    return half_year_db


@pytest.mark.slow
def test_the_bulletin_of_a_period_published_with_its_care_figures_only(care_only, capsys, tmp_path):
    out = tmp_path / "通报.docx"
    code, _, said = run(care_only, capsys, "export", "bulletin", "--period", "2025H2", "--published", "--out", out)
    assert code == 2 and said == (  # not published at all: refused, saying what is missing
        "2025-H2 has no race scores and the care figures of 2025-H2 are not published, so nothing in its bulletin "
        "is published; leave out --published for a bulletin of live data (a trial).\n"
    )
    freeze.publish(care_only, "2025-H2", "管理员")
    code, _, said = run(
        care_only, capsys, "export", "bulletin", "--period", "2025H2", "--published", "--out", out, lang="zh"
    )
    assert code == 0, said  # it said "2025-H2 尚未正式发布"
    lines = said.splitlines()
    assert lines[0].startswith(f"已写出通报：{out}（本期没有赛马得分；本通报所列关心关爱数据为正式发布（")
    assert lines[1].startswith("通报内容：赛马排名——无（2025-H2 没有赛马得分）；关心关爱数据（2025-H2）——正式发布（")
    document = docx.Document(str(out))
    text = [p.text for p in document.paragraphs]
    basis = next(p for p in document.paragraphs if p.text.startswith("（本期没有赛马得分；"))  # the 附注
    assert not basis.runs[0].font.bold  # published figures: not marked as a trial in bold red
    assert text[text.index(basis.text) - 1].endswith("日")  # after the date (成文日期, then 附注)
    assert "2025年下半年暂无赛马考评数据。" in text and not document.tables  # no table of twelve "incomplete" rows
    assert "本通报所列关心关爱数据为正式发布（" in basis.text and "以上关心关爱数据" not in "\n".join(text)


def test_a_bulletin_with_a_published_ranking_says_its_care_figures_are_live(half_year_db, capsys, tmp_path):
    out = tmp_path / "bulletin.docx"
    import_ok(half_year_db, "q2.csv", "考核期,县区,指标,数值\n2025Q2,云岫县,R01,1\n2025Q2,云峤县,R01,2\n".encode())
    freeze.publish(half_year_db, "2025-Q2", "管理员", allow_incomplete=True)  # the quarter's ranking; 2025-H1 live
    code, _, said = run(half_year_db, capsys, "export", "bulletin", "--period", "2025Q2", "--published", "--out", out)
    assert code == 0, said
    assert said.splitlines()[1].startswith("Contents: race ranking: Officially published (")
    assert said.splitlines()[1].endswith("; care figures of 2025-H1: Live data (trial).")


# ---- argparse's own words in the user's language


# Words that stay as they are in Chinese help: file formats, programs, environment variables, setting keys and
# export columns the help names.
KEPT = {"duckdb", "csv", "excel", "xlsx", "pdf", "word", "json", "text", "msgtype", "argon2", "python", "incentive"}
KEPT |= {"data", "incentive_db", "incentive_webhook", "coverage_target", "compare_rank", "rank_change"}
KEPT |= {"last-quarter", "last-half"}  # values of deliver --period


def _tokens(parser: argparse.ArgumentParser) -> set[str]:
    """The command line's own words: commands, flags, choices and names, of `parser` and its subcommands."""
    found = set()
    for action in parser._actions:
        found |= {s.lstrip("-") for s in action.option_strings} | {str(c) for c in action.choices or ()}
        found |= {str(action.dest), *str(action.dest).split("_")}
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _tokens(sub)
    return found


def _english_words(text: str, parser: argparse.ArgumentParser) -> set[str]:
    """Lower-case English words of `text` (three letters or more) that are not the command line's own tokens."""
    allowed = KEPT | _tokens(parser)
    return {w for w in re.findall(r"[a-z][a-z_0-9-]*[a-z0-9]", text.lower()) if w not in allowed and len(w) > 2}


def test_argparse_errors_are_chinese_under_zh_and_english_under_en(capsys):
    cases = [
        (["export", "nonsense"], "incentive export：错误：参数 导出内容：无效的取值 'nonsense'（可选："),
        (["frobnicate"], "incentive：错误：参数 命令：无效的取值 'frobnicate'（可选：'init', 'import'"),
        (["export", "race_scores", "--bogus"], "incentive：错误：无法识别的参数：--bogus"),
        (["publish"], "incentive publish：错误：缺少必需的参数：--period"),
        (["import"], "incentive import：错误：缺少必需的参数：文件"),
        (["export", "progress", "--year", "abc"], "incentive export：错误：参数 --year：「abc」不是整数"),
        (["alerts", "--period", "2026Q3", "--year", "2026"], "参数 --year：不能与参数 --period 同时使用"),
        (["export", "regions", "--format"], "incentive export：错误：参数 --format：需要一个值"),
        (["--lang", "fr", "batches"], "incentive：错误：参数 --lang：无效的取值 'fr'（可选：'zh', 'en'）"),
    ]
    for args, expected in cases:
        for prefix in ([], ["--lang", "zh"]):  # Chinese is the default
            code, out, said = argparse_run(capsys, *prefix, *args)
            assert (code, out) == (2, ""), args
            assert said.startswith("用法：incentive") and expected in said, (args, said)
            error = said.splitlines()[-1]  # the usage lines above it hold flags such as --skip-invalid
            assert not re.search(r"\b(error|invalid|argument|required|expected|choice)\b", error), (args, said)
    code, _, said = argparse_run(capsys, "--lang", "en", "export", "nonsense")
    assert code == 2 and "incentive export: error: argument kind: invalid choice: 'nonsense'" in said
    code, _, said = argparse_run(capsys, "export", "progress", "--year", "abc", "--lang=en")
    assert code == 2 and "error: argument --year: “abc” is not a whole number" in said
    assert argparse._("usage: ") == "usage: "  # argparse's own words are back as they were


def test_help_is_chinese_under_zh(capsys):
    parser = cli.build_parser()  # Chinese, the default
    for command in ([], ["export"], ["publish"], ["deliver"], ["settings"], ["user"], ["import"]):
        code, out, _ = argparse_run(capsys, *command, "--help")
        assert code == 0 and out.startswith("用法：incentive")
        assert "选项:" in out and "显示本帮助并退出" in out
        assert not _english_words(out, parser), (command, _english_words(out, parser))
    _, out, _ = argparse_run(capsys, "--lang", "en", "export", "--help")
    assert out.startswith("usage: incentive export") and "show this help message and exit" in out
    assert "write to this file instead of standard output" in out


# ---- the database held by the running app: which command, and where the app does it


@pytest.mark.slow
def test_a_held_database_names_the_command_and_where_the_app_does_it(half_year_db):
    def tried(*args: str, lang: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "incentive", "--db", str(half_year_db.path), "--wait", "0.2", "--lang", lang]
        return subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)

    path = half_year_db.path  # this test's process holds the file, as the app does
    published = tried("publish", "--period", "2025H1", lang="zh")
    assert published.returncode == 3 and published.stderr == (
        f"数据库正被运行中的看板程序占用（{path}），incentive publish 未能运行。可在看板「赛马排名」或「关心关爱」页的"
        "「审定发布」表单发布，或先停止看板再运行。\n"
    )
    setting = tried("settings", "coverage_target", "90", lang="en")
    assert setting.returncode == 3 and setting.stderr == (
        f"The running dashboard app holds the database ({path}), so incentive settings could not run: change the "
        "settings on its Data page, or stop the app first.\n"
    )
    exported = tried("export", "rankings", "--period", "2025H1", lang="en")
    assert exported.returncode == 3 and "incentive export rankings could not run: download it from its Rankings" in (
        exported.stderr
    )
    raw = tried("export", "race_scores", lang="zh")
    assert (
        raw.returncode == 3
        and "incentive export race_scores 未能运行。看板中没有这项操作，请先停止看板再运行。" in (raw.stderr)
    )
    assert "import" not in published.stderr + setting.stderr + exported.stderr  # it always spoke of importing


# ---- publish refusals name the flag that supplies what is missing; English counts


@pytest.mark.slow
def test_publish_refusals_name_their_flags(half_year_db, capsys):
    db = half_year_db
    freeze.publish(db, "2025-H1", "管理员", allow_incomplete=True)  # 云峤县 short of race scores
    clerk = Principal("云岫填报员", COUNTY_CLERK, "云岫县")
    care = "考核期,县区,乡镇,指标,数值\n2025H1,云岫县,,W01,97\n".encode()
    submissions.submit(db, clerk, "care.csv", care, submissions.Options())
    code, _, said = run(db, capsys, "publish", "--period", "2025H1", "--allow-incomplete")
    assert code == 1 and said == (
        "2025-H1 is already published; publishing it again makes a new version, so give the reason for the "
        "correction with --reason. Also, 1 submission of it awaits review: review it first, or also give a reason "
        "to publish anyway with --override-pending.\n"
    )
    code, _, said = run(
        db, capsys, "publish", "--period", "2025H1", "--allow-incomplete", "--override-pending", "按期发布", lang="zh"
    )
    assert code == 1 and said == "2025-H1 已正式发布；再次发布将生成新版本，请用 --reason 写明更正原因。\n"
    code, _, said = run(db, capsys, "publish", "--period", "2025H1", "--allow-incomplete", "--reason", "更正")
    assert code == 1 and said == (
        "2025-H1 has 1 submission awaiting review and cannot be published yet. Review it first (the app's Review "
        "page), or give a reason to publish anyway with --override-pending.\n"
    )
    submissions.submit(db, clerk, "care2.csv", care, submissions.Options())
    code, _, said = run(db, capsys, "publish", "--period", "2025H1", "--allow-incomplete", "--reason", "更正")
    assert code == 1 and said.startswith("2025-H1 has 2 submissions awaiting review") and "Review them first" in said
    code, _, said = run(
        db,
        capsys,
        "publish",
        "--period",
        "2025H1",
        "--allow-incomplete",
        "--reason",
        "更正",
        "--document-no",
        "号" * 51,
    )
    assert code == 1 and said == "The document number of --document-no has at most 50 characters.\n"


# ---- settings KEY shows the setting


def test_settings_key_shows_its_value_default_range_and_meaning(half_year_db, capsys):
    code, out, said = run(half_year_db, capsys, "settings", "due_days_race_scores", lang="zh")
    assert (code, out) == (0, "due_days_race_scores\t15\n")  # it was refused: usage: settings KEY VALUE
    assert said == "赛马得分：季度结束后报送天数（due_days_race_scores）：当前为 15；默认 15；允许：0–366 的整数。\n"
    assert run(half_year_db, capsys, "settings", "coverage_target", "96")[0] == 0
    code, out, said = run(half_year_db, capsys, "settings", "coverage_target")
    assert (code, out) == (0, "coverage_target\t96.0\n")
    assert said == "Training coverage target (%) (coverage_target): now 96; default 90; allowed: 0–100.\n"
    code, _, said = run(half_year_db, capsys, "settings", "bulletin_issuer")
    assert code == 0 and said.endswith(
        "now （发文机关）; default （发文机关）; allowed: one line of 1 to 60 characters.\n"
    )
    code, out, said = run(half_year_db, capsys, "settings", "hours")
    assert (code, out) == (2, "") and said.startswith("No setting named “hours”; settings are: coverage_target, ")


# ---- a year before the tracker starts


def test_progress_of_a_year_before_any_data_is_refused(half_year_db, capsys):
    """The data start in 2025: 1999 listed every file of every county as missing (未报送)."""
    for kind in ("progress", "reminders"):
        code, out, said = run(half_year_db, capsys, "export", kind, "--year", "1999")
        assert (code, out) == (2, "")
        assert said.startswith("Nothing was owed for 1999: the submission tracker starts in 2025 (the first year")
    code, _, said = run(half_year_db, capsys, "export", "progress", "--year", "2024", lang="zh")
    assert code == 2 and said.startswith("2024 年没有应报送的文件：报送进度从 2025 年算起")
    code, out, _ = run(half_year_db, capsys, "export", "progress", "--year", "2025")
    assert code == 0 and "late" in set(pd.read_csv(io.StringIO(out))["status"])  # the care figures of 2025-H1


# ---- times to the second


SECOND = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


@pytest.mark.slow
def test_times_in_exports_and_listings_are_to_the_second(half_year_db, capsys):
    progress = pd.read_csv(io.StringIO(run(half_year_db, capsys, "export", "progress", "--year", "2025")[1]))
    received = progress["received_at"].dropna().tolist()
    assert received and all(SECOND.fullmatch(at) for at in received), received[:3]  # it had microseconds
    freeze.publish(half_year_db, "2025-H1", "管理员", allow_incomplete=True)
    statuses = pd.read_csv(
        io.StringIO(run(half_year_db, capsys, "export", "welfare_status", "--period", "2025H1", "--published")[1])
    )
    assert all(SECOND.fullmatch(at) for at in statuses["published_at"])  # it was to the minute
    log = pd.read_csv(io.StringIO(run(half_year_db, capsys, "export", "audit")[1]))
    assert all(SECOND.fullmatch(at) for at in log["happened_at"])
    listed = json.loads(run(half_year_db, capsys, "batches", "--format", "json")[1])
    assert all(SECOND.fullmatch(b["created_at"]) for b in listed)
    table = run(half_year_db, capsys, "batches")[1].splitlines()[1:]
    assert all(SECOND.search(line) and not re.search(r":\d\d\.\d", line) for line in table)


def test_a_database_without_batches_says_so_in_the_language(tmp_path, capsys):
    Database(tmp_path / "empty.duckdb").close()
    code = cli.main(["--db", str(tmp_path / "empty.duckdb"), "batches"])  # Chinese, the default
    assert (code, capsys.readouterr().out) == (0, "（没有导入批次）\n")  # it was "(no batches)"


def test_the_help_of_suppress_names_every_export_it_applies_to(capsys):
    """`export appraisal_summary --suppress` worked while the help named only coverage, movements_summary and
    promotion_training (a tester's finding): the help names the kinds from the list the export reads."""
    for lang in ("zh", "en"):
        _, out, _ = argparse_run(capsys, "--lang", lang, "export", "--help")
        entry = re.search(r"--suppress +(.*?)\n  -", out, re.DOTALL)  # to the next option (argparse wraps words)
        assert entry, out
        said = re.sub(r"\s+", "", entry.group(1))
        assert all(kind in said for kind in cli.SUPPRESSIBLE), (lang, said)
        assert "appraisal_summary" in said
