"""Delivery on a schedule (incentive/sharing/delivery.py, `incentive deliver`) on a hand-made prefecture: four
counties, one of them named 枫岚区/开发区 (a slash, as a county name from a file may have), two quarters of race
scores, the care figures of the half-year, a roster of twenty cadres with their training.

The race is tests/test_bulletin.py's: in 2025-Q1 every indicator orders the counties 枫岚区/开发区 > 澄溪县 >
云峤县 > 云岫县; in 2025-Q2 only R01 changes, so the ranking is 澄溪县, 云峤县, 枫岚区/开发区, 云岫县 and 云岫县 is in
the third tier (rank > 4 - floor(4/3) = 3) both quarters: a red 连续处于第三方阵 warning (two periods running is the
default setting).

The webhook is a real HTTP server on 127.0.0.1 (a free port) in a thread, answering as a WeCom robot does.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import stat
import threading
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import docx
import openpyxl
import pypdf
import pytest
from conftest import HALF_YEAR_CARE, data_file, import_ok, incentive_command
from loopback import free_port

from incentive.audit_log import table as audit_table
from incentive.i18n import t
from incentive.publication import freeze
from incentive.sharing import briefing, bulletin, delivery
from incentive.store import audit
from incentive.store.database import Database

TODAY = dt.date(2025, 7, 20)
COUNTIES = ("云岫县", "云峤县", "澄溪县", "枫岚区/开发区")
REGIONS = "县区,乡镇,区划代码\n" + "".join(f"{c},,99000{i}\n" for i, c in enumerate(COUNTIES, 1))
Q1 = {"R01": (100, 200, 300, 400), "R02": (3, 2, 1, 0), "R03": (90, 92, 94, 96)}
Q2 = {**Q1, "R01": (100, 300, 400, 0)}
NAMES = [f"{surname}{given}" for surname in "赵钱孙李" for given in ("建国", "志红", "海燕", "卫东", "秀英")]
ROSTER = "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n" + "".join(
    f"{prefix}{i},{NAMES[5 * n + i - 1]},{county},县直机关,一级科员,男,1985,2025-06-30\n"
    for n, (prefix, county) in enumerate(zip("YQCF", COUNTIES, strict=True))
    for i in range(1, 6)
)
TRAINING = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + "".join(
    f"{prefix}{i},专题班,政治能力,党的理论,线下,集体,{hours},2025-05-10\n"
    for prefix, n, hours in (("Y", 5, 60), ("Q", 4, 50), ("C", 5, 60), ("F", 2, 20))
    for i in range(1, n + 1)
)
ZH_FILES = [
    "2025-Q2_全市_通报.docx",
    "2025-Q2_全市_简报.pdf",
    "2025-Q2_云岫县_通报.docx",
    "2025-Q2_云岫县_简报.pdf",
    "2025-Q2_云峤县_通报.docx",
    "2025-Q2_云峤县_简报.pdf",
    "2025-Q2_澄溪县_通报.docx",
    "2025-Q2_澄溪县_简报.pdf",
    "2025-Q2_枫岚区_开发区_通报.docx",
    "2025-Q2_枫岚区_开发区_简报.pdf",
    "2025-Q2_预警清单.csv",
    "2025-Q2_预警清单.xlsx",
    "2025-Q2_交付清单.json",
]
WORD_ONLY = [name for name in ZH_FILES if not name.endswith(".pdf")]


def race_csv(period: str, values: dict) -> bytes:
    rows = [
        f"{period},{county},,{code},{value}"
        for code, figures in values.items()
        for county, value in zip(COUNTIES, figures, strict=True)
    ]
    return ("考核期,县区,乡镇,指标,数值\n" + "\n".join(rows) + "\n").encode()


def build(path) -> None:
    database = Database(path)
    import_ok(database, "regions.csv", REGIONS.encode())
    import_ok(database, "indicators.csv", data_file("indicators.csv"))
    import_ok(database, "q1.csv", race_csv("2025Q1", Q1))
    import_ok(database, "q2.csv", race_csv("2025Q2", Q2))
    import_ok(database, "care.csv", HALF_YEAR_CARE.replace("枫岚区", "枫岚区/开发区").encode())
    import_ok(database, "roster.csv", ROSTER.encode())
    import_ok(database, "training.csv", TRAINING.encode())
    database.close()


@pytest.fixture(scope="module")
def made_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("made") / "made.duckdb"
    build(path)
    return path


@pytest.fixture
def made(made_file, tmp_path):
    path = tmp_path / "made.duckdb"
    shutil.copy(made_file, path)
    database = Database(path)
    yield database
    database.close()


class Robot:
    """A webhook on loopback that answers as a group robot: `status` and `answer` for every POST, each request
    kept as (path, headers, body)."""

    def __init__(self, status: int = 200, answer: bytes = b'{"errcode":0,"errmsg":"ok"}') -> None:
        self.status, self.answer, self.received = status, answer, []
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                robot.received.append((self.path, dict(self.headers), body))
                self.send_response(robot.status)
                if 300 <= robot.status < 400:
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(robot.answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/cgi-bin/webhook/send?key=robot-secret-key"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def payload(self, i: int = -1) -> dict:
        return json.loads(self.received[i][2].decode("utf-8"))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    found = Robot()
    yield found
    found.close()


def closed_port() -> int:
    """A loopback port nobody listens on (taken from the system, then released): connecting is refused."""
    return free_port()


def docx_text(path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


def csv_rows(path) -> list[dict]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with the byte order mark: Excel in Chinese Windows reads it
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


# ------------------------------------------------------------------ names, periods, writing, the post


def test_a_timer_asks_for_the_period_before_today():
    assert delivery.resolve_period("last-quarter", dt.date(2026, 10, 20)) == "2026-Q3"
    assert delivery.resolve_period("last-quarter", dt.date(2026, 1, 20)) == "2025-Q4"
    assert delivery.resolve_period("last-half", dt.date(2026, 7, 20)) == "2026-H1"
    assert delivery.resolve_period("last-half", dt.date(2026, 3, 1)) == "2025-H2"
    assert delivery.resolve_period("2026Q3", dt.date(2026, 10, 20)) == "2026-Q3"
    assert delivery.resolve_period("next-quarter", dt.date(2026, 10, 20)) is None


def test_county_names_make_safe_file_names():
    assert delivery.safe_name("枫岚区/开发区") == "枫岚区_开发区"
    assert delivery.safe_name("../../etc/passwd") == "_.._etc_passwd"  # no separator left: stays in the folder
    assert delivery.safe_name('a\\b:c*d?e"f<g>h|i') == "a_b_c_d_e_f_g_h_i"
    assert delivery.safe_name("云岫县\u202egpj.exe") == "云岫县gpj.exe"  # a right-to-left override is dropped
    assert delivery.safe_name("云\n岫\t县\x00\u2028") == "云岫县"
    assert delivery.safe_name(" . ") == "_" and delivery.safe_name("") == "_"
    assert delivery.safe_name("长" * 200) == "长" * delivery.NAME_CHARACTERS


def test_the_plan_names_every_file_with_scope_and_period():
    assert [f.name for f in delivery.plan("2025-Q2", list(COUNTIES), "zh")] == ZH_FILES
    assert [f.name for f in delivery.plan("2025-Q2", list(COUNTIES), "zh", pdf=False)] == WORD_ONLY
    english = [f.name for f in delivery.plan("2025-Q2", ["云岫县"], "en")]
    assert english == [
        "2025-Q2_All counties_bulletin.docx",
        "2025-Q2_All counties_briefing.pdf",
        "2025-Q2_云岫县_bulletin.docx",
        "2025-Q2_云岫县_briefing.pdf",
        "2025-Q2_warnings.csv",
        "2025-Q2_warnings.xlsx",
        "2025-Q2_manifest.json",
    ]
    clash = delivery.plan("2025-Q2", ["甲/乙县", "甲_乙县"], "zh", pdf=False)
    assert [(f.name, f.county) for f in clash[1:3]] == [
        ("2025-Q2_甲_乙县_通报.docx", "甲/乙县"),
        ("2025-Q2_甲_乙县_通报_2.docx", "甲_乙县"),
    ]


def test_a_file_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "2025-Q2_全市_通报.docx"
    delivery.write_atomically(target, b"old version")
    delivery.write_atomically(target, b"new version")
    assert target.read_bytes() == b"new version" and os.listdir(tmp_path) == [target.name]

    def disk_full(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        delivery.write_atomically(target, b"half a new ver")
    assert target.read_bytes() == b"new version"  # the reader still finds the whole older file
    assert os.listdir(tmp_path) == [target.name]  # and no temporary file is left behind


def test_the_post_is_taken_only_when_the_robot_says_so(robot):
    body = {"msgtype": "text", "text": {"content": "测试"}}
    assert delivery.post(robot.url, body, "zh") == delivery.WebhookResult("127.0.0.1", True)
    path, headers, sent = robot.received[-1]
    assert path == "/cgi-bin/webhook/send?key=robot-secret-key"
    assert headers["Content-Type"] == "application/json; charset=utf-8" and json.loads(sent) == body

    robot.status = 500
    failed = delivery.post(robot.url, body, "zh")
    assert not failed.ok and failed.error == "推送到 127.0.0.1 失败：对方返回 HTTP 500。"
    robot.status, robot.answer = 200, b'{"errcode":93000,"errmsg":"invalid webhook url"}'  # WeCom: a bad key
    refused = delivery.post(robot.url, body, "en")
    assert not refused.ok and refused.error == "127.0.0.1 refused the post: 93000 invalid webhook url."
    robot.status = 302  # a redirect would turn the POST into a GET without its body
    assert not delivery.post(robot.url, body, "zh").ok and len(robot.received) == 4
    unreachable = delivery.post(f"http://127.0.0.1:{closed_port()}/hook", body, "zh")
    assert not unreachable.ok and unreachable.error.startswith("推送到 127.0.0.1 失败：")
    assert "robot-secret-key" not in failed.error + refused.error + unreachable.error  # the key is never said


def test_only_web_addresses_are_posted_to():
    assert delivery.webhook_problem("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x") == ""
    assert delivery.webhook_problem("http://im.intranet:8080/robot") == ""
    for bad in ("file:///etc/passwd", "ftp://im.intranet/x", "http://", "im.intranet/robot"):
        assert delivery.webhook_problem(bad) == "delivery_webhook_bad_url", bad


def test_the_audit_log_says_a_delivery_in_words(db):
    audit.record(db, "cli:ops", "deliver", target="2025-Q2", file_name="/srv/out", rows=8, outcome="partial",
                 detail="2 failed; webhook im.intranet failed")  # fmt: skip
    audit.record(db, "cli:ops", "deliver", target="2024-Q4", file_name="/srv/out", rows=0, outcome="refused",
                 detail="refused no_data")  # fmt: skip
    words = audit_table(audit.log(db), "zh")
    assert words["操作"].tolist() == ["定期交付", "定期交付"]
    assert words["结果"].tolist() == ["拒收", "部分完成"]
    assert words["说明"].tolist() == ["无数据，未交付", "2 个文件未生成；推送至 im.intranet 失败"]
    assert audit_table(audit.log(db), "en")["Detail"].iloc[1] == "2 files not written; post to im.intranet failed"


# ------------------------------------------------------------------ one delivery, read back (Word and the list)


@pytest.fixture(scope="module")
def delivered(made_file, tmp_path_factory):
    """2025-Q2 delivered in Chinese without the PDFs, its summary posted to a robot on loopback."""
    folder = tmp_path_factory.mktemp("delivered")
    path = folder / "made.duckdb"
    shutil.copy(made_file, path)
    receiver = Robot()
    database = Database(path)
    lines = []
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("no_proxy", "127.0.0.1")
        done = delivery.deliver(
            database,
            "2025-Q2",
            folder / "out",
            "zh",
            today=TODAY,
            progress=lambda file, n, total: lines.append((file.name, n, total)),
            pdf=False,
            webhook=receiver.url,
            who="cli:ops",
        )
        log = audit.log(database)
    database.close()
    receiver.close()
    return done, folder / "out", receiver, log, lines


@pytest.mark.slow
def test_the_folder_holds_the_documents_of_the_period(delivered):
    done, out, _, _, lines = delivered
    assert done.complete and done.outcome == "ok" and not done.failed
    assert sorted(os.listdir(out)) == sorted(WORD_ONLY)  # and no temporary file
    assert lines == [(name, n, len(WORD_ONLY)) for n, name in enumerate(WORD_ONLY, 1)]  # one line per file
    prefecture = docx_text(out / "2025-Q2_全市_通报.docx")
    assert "关于2025年第二季度全市干部激励考评情况的通报" in prefecture
    assert "2025年第二季度全市共4个县区参加赛马考评，澄溪县以综合得分0.856位居第一。" in prefecture
    assert "实时数据（试算）：本期排名尚未审定发布，本通报仅供参考。" in prefecture
    assert (
        "个有效批次（最新为批次 #" in prefecture
    )  # the data version, as `export bulletin` prints it (data-version-line)
    slashed = docx_text(out / "2025-Q2_枫岚区_开发区_通报.docx")  # the slash stays in the text, not in the path
    assert "关于2025年第二季度枫岚区/开发区干部激励考评情况的通报" in slashed
    assert "枫岚区/开发区由第1名降至第3名" in slashed
    assert "云岫县连续2期（自2025年第一季度起）处于第三方阵。" in docx_text(out / "2025-Q2_云岫县_通报.docx")
    assert "2025年7月20日" in prefecture  # today's date, as given


@pytest.mark.slow
def test_the_warning_list_is_delivered_as_the_page_shows_it(delivered):
    done, out, _, _, _ = delivered
    rows = csv_rows(out / "2025-Q2_预警清单.csv")
    assert list(rows[0]) == ["序号", "级别", "预警规则", "县区", "期别", "预警内容"]
    assert [rows[0][k] for k in ("序号", "级别", "预警规则", "县区", "期别")] == [
        "1",
        "红色",
        "连续处于第三方阵",
        "云岫县",
        "2025-Q2",
    ]
    assert rows[0]["预警内容"].startswith("云岫县连续 2 个考评期（2025-Q1 至 2025-Q2）处于第三方阵")
    assert len(rows) == len(done.alerts) and [r["县区"] for r in rows] == [a.county for a in done.alerts]
    levels = [r["级别"] for r in rows]
    assert levels == sorted(levels, key=["红色", "黄色"].index)  # red first
    sheet = openpyxl.load_workbook(out / "2025-Q2_预警清单.xlsx").active
    heading = [sheet.cell(row=r, column=1).value for r in range(1, 4)]
    assert heading[0] == "2025年第二季度预警清单" and heading[1].startswith("判定依据：赛马 2025-Q2")
    assert "内部资料 注意保存" in [sheet.cell(row=r, column=1).value for r in range(1, 6)]
    manifest = json.loads((out / "2025-Q2_交付清单.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in manifest["files"]] == WORD_ONLY[:-1] and manifest["failed"] == []
    assert manifest["period"] == "2025-Q2" and manifest["basis"] == "实时数据（试算）"
    for entry in manifest["files"]:
        data = (out / entry["name"]).read_bytes()
        assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()


@pytest.mark.slow
def test_the_robot_receives_a_short_summary_without_people(delivered):
    done, out, receiver, _, _ = delivered
    assert done.webhook == delivery.WebhookResult("127.0.0.1", True)
    assert len(receiver.received) == 1
    path, headers, body = receiver.received[0]
    assert path.endswith("?key=robot-secret-key") and headers["Content-Type"].startswith("application/json")
    sent = json.loads(body)
    assert list(sent) == ["msgtype", "text"] and sent["msgtype"] == "text"
    content = sent["text"]["content"]
    levels = [r["级别"] for r in csv_rows(out / "2025-Q2_预警清单.csv")]
    lines = content.split("\n")
    assert lines[0] == "【干部激励看板】2025年第二季度材料已生成，共 8 个文件。"
    assert "赛马排名：实时数据（试算）。" in lines
    assert f"预警：红色 {levels.count('红色')} 条，黄色 {levels.count('黄色')} 条。" in lines
    assert lines[lines.index(next(x for x in lines if x.startswith("预警："))) + 1].startswith(
        "1. [红色] 云岫县连续 2 个考评期"
    )
    assert sum(line[:3] in {f"{i}. " for i in range(1, 10)} for line in lines) == min(len(levels), 5)
    assert lines[-1] == "文件：" + "、".join(WORD_ONLY)
    assert len(content.encode()) <= delivery.ROBOT_TEXT_BYTES
    for name in NAMES:  # the roster's people are in no warning, and never in the post
        assert name not in body.decode()


@pytest.mark.slow
def test_the_summary_fits_a_robot_however_many_files(delivered):
    done = delivered[0]
    many = tuple(delivery.DeliveredFile(f"2025-Q2_{'很长的县区名称' * 6}{i}_通报.docx", "bulletin") for i in range(80))
    text = delivery.summary_text(dataclasses.replace(done, files=many))
    assert len(text.encode()) <= delivery.ROBOT_TEXT_BYTES
    assert text.split("\n")[0] == "【干部激励看板】2025年第二季度材料已生成，共 80 个文件。"
    assert text.split("\n")[-1] == "文件 80 个，清单见 2025-Q2_交付清单.json。"  # counted, not listed


@pytest.mark.slow
def test_each_delivery_is_in_the_audit_log(delivered):
    _, out, _, log, _ = delivered
    row = log.iloc[0]
    assert (row["who"], row["action"], row["target"]) == ("cli:ops", "deliver", "2025-Q2")
    assert row["file_name"] == str(out.resolve()) and row["row_count"] == len(WORD_ONLY)
    assert (row["outcome"], row["detail"]) == ("ok", "webhook 127.0.0.1 ok")
    assert "robot-secret-key" not in " ".join(map(str, row.tolist()))


# ------------------------------------------------------------------ failures and refusals


@pytest.mark.slow
def test_without_chromium_the_briefings_fail_and_the_rest_is_delivered(made, tmp_path, monkeypatch, robot):
    """In English, with the JSON summary: every PDF fails with the sentence saying how to install Chromium, an
    older PDF of the same name is removed, the Word files, the list and the manifest are written; partial."""
    monkeypatch.setenv("CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("PATH", "/nonexistent")
    out = tmp_path / "out"
    out.mkdir()
    (out / "2025-Q2_All counties_briefing.pdf").write_bytes(b"%PDF an older delivery")
    done = delivery.deliver(
        made, "2025-Q2", out, "en", today=TODAY, webhook=robot.url, webhook_format="json", who="cli:ops"
    )
    failed = [f.name for f in done.failed]
    assert failed == [
        f"2025-Q2_{scope}_briefing.pdf" for scope in ("All counties", "云岫县", "云峤县", "澄溪县", "枫岚区_开发区")
    ]
    no_chromium = t("brief_no_chromium", "en")
    assert done.failed[0].error == no_chromium + t("delivery_stale_removed", "en")  # the older PDF is gone
    assert done.failed[1].error == no_chromium
    assert sorted(os.listdir(out)) == sorted(
        [f"2025-Q2_{scope}_bulletin.docx" for scope in ("All counties", "云岫县", "云峤县", "澄溪县", "枫岚区_开发区")]
        + ["2025-Q2_warnings.csv", "2025-Q2_warnings.xlsx", "2025-Q2_manifest.json"]
    )
    assert "Bulletin on the cadre incentive results of all counties, Q2 2025" in docx_text(
        out / "2025-Q2_All counties_bulletin.docx"
    )
    assert not done.complete and done.outcome == "partial"
    manifest = json.loads((out / "2025-Q2_manifest.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in manifest["failed"]] == failed
    sent = robot.payload()
    assert sent["period"] == "2025-Q2" and sent["complete"] is False and sent["files"] == [f.name for f in done.written]
    assert [f["name"] for f in sent["failed"]] == failed and sent["failed"][1]["reason"] == no_chromium
    assert sent["warnings"]["red"] == sum(a.level == "red" for a in done.alerts)
    assert sent["warnings"]["top"][0]["rule"] == "third_tier" and sent["warnings"]["top"][0]["county"] == "云岫县"
    assert sent["text"].startswith(
        "[Cadre Incentive Dashboard] The documents of Q2 2025 are partly ready: 8 files written, 5 not."
    )
    row = audit.log(made).iloc[0]
    assert (row["outcome"], row["detail"], row["row_count"]) == ("partial", "5 failed; webhook 127.0.0.1 ok", 8)


@pytest.mark.slow
def test_refusals_write_nothing_and_say_why(made, tmp_path, robot):
    out = tmp_path / "out"
    empty = delivery.deliver(made, "2024-Q4", out, "zh", today=TODAY, webhook=robot.url)
    no_data = "既无赛马得分，也无期内的关心关爱数据，无法生成通报。已有数据：赛马 2025-Q1、2025-Q2；关爱 2025-H1。"
    assert empty.refused == f"2024-Q4 本期{no_data}" and not empty.files
    assert not out.exists() and not empty.complete and empty.outcome == "refused"  # no empty folder left behind
    assert robot.payload()["text"]["content"] == f"【干部激励看板】2024年第四季度材料未生成：2024-Q4 本期{no_data}"
    # the running quarter: its 通报 would carry 2025-H1's care figures and nothing of its own
    running = delivery.deliver(made, "2025-Q3", out, "zh", today=TODAY)
    assert running.refused == f"2025-Q3 本期{no_data}" and not running.files and not out.exists()
    unpublished = delivery.deliver(made, "2025-Q2", out, "zh", today=TODAY, published_only=True)
    assert unpublished.refused.startswith("2025-Q2 的赛马排名尚未正式发布") and not out.exists()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    not_a_folder = delivery.deliver(made, "2025-Q2", blocked / "out", "zh", today=TODAY)
    assert not_a_folder.refused.startswith(f"无法写入交付目录 {blocked / 'out'}：")
    outcomes = audit.log(made)[["outcome", "detail"]].head(3).values.tolist()
    assert outcomes == [
        ["refused", "refused out_dir"],
        ["refused", "refused not_published"],
        ["refused", "refused no_data"],
    ]


def pdf_text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))


@pytest.mark.slow
def test_a_published_period_is_delivered_with_its_pdf_briefings(made, tmp_path, monkeypatch):
    if briefing.chromium_path() is None:
        pytest.skip("no Chromium: bash scripts/install-chromium.sh")
    monkeypatch.setenv("INCENTIVE_PUBLIC_URL", "http://dashboard.intranet")
    freeze.publish(made, "2025-Q2", "管理员", document_no="澜组〔2025〕3号")
    out = tmp_path / "out"
    done = delivery.deliver(made, "2025-Q2", out, "zh", today=TODAY, published_only=True)
    assert done.complete and sorted(os.listdir(out)) == sorted(ZH_FILES)
    assert done.published and done.basis.startswith("正式发布（") and "澜组〔2025〕3号" in done.basis
    for name in ZH_FILES:
        if name.endswith(".pdf"):
            assert (out / name).read_bytes().startswith(b"%PDF"), name
    county = pdf_text(out / "2025-Q2_云岫县_简报.pdf")
    assert "云岫县 2025 年干部激励工作简报" in county and "2025-Q2" in county and "云岫县 第 4 名" in county
    assert "正式发布(" in county and "澜组〔2025〕3号" in county  # the published ranking, as in the 通报 (NFKC)
    link = next(line for line in county.split("\n") if "dashboard.intranet" in line)
    assert "http://dashboard.intranet/rankings?v=" in link  # a short link to the pinned view of the period
    prefecture = pdf_text(out / "2025-Q2_全市_简报.pdf")
    leader = unicodedata.normalize("NFKC", "2025-Q2 赛马综合排名：澄溪县 居首，共 4 个县区参评。")
    assert leader in prefecture.replace("⻢", "马")  # Chromium maps 马 to a radical
    assert "本通报所列赛马排名为正式发布（" in docx_text(out / "2025-Q2_全市_通报.docx")


@pytest.mark.slow
def test_delivered_documents_name_the_data_version_as_the_command_line_does(delivered, made):
    """The 通报 delivered carries the data-version line `export bulletin` prints (batches, last change), not the
    run's time (docs/decisions.md#data-version-line); `made` is a copy of the same database."""
    _, out, _, _, _ = delivered
    line = bulletin.gather(made, "2025-Q2", "", "zh", today=TODAY).notes[0]
    assert line.startswith("数据：") and "有效批次" in line
    for name in ("2025-Q2_全市_通报.docx", "2025-Q2_云岫县_通报.docx"):
        text = docx_text(out / name)
        assert line in text and "固定版本" not in text


@pytest.mark.slow
def test_a_county_s_copy_leaves_the_document_number_blank(delivered):
    """One 文号 is one document: the prefecture's 通报 carries the setting's, each county's copy leaves it blank
    (docs/decisions.md#document-numbers)."""
    _, out, _, _, _ = delivered
    assert docx.Document(str(out / "2025-Q2_全市_通报.docx")).paragraphs[2].text == "（文号）"
    for county in ("云岫县", "枫岚区_开发区"):
        assert docx.Document(str(out / f"2025-Q2_{county}_通报.docx")).paragraphs[2].text == ""


@pytest.mark.slow
def test_a_quarter_s_documents_report_one_care_half_year(made, tmp_path):
    """2025-Q3 with only 2025-H1's care figures: the 通报 and the PDF briefing both report 2025-H1, named as such
    (docs/decisions.md#care-half-year-of-a-document); the 通报 said 2025-H2 had none next to a briefing of H1."""
    if briefing.chromium_path() is None:
        pytest.skip("no Chromium: bash scripts/install-chromium.sh")
    import_ok(made, "q3.csv", race_csv("2025Q3", Q2))
    out = tmp_path / "out"
    done = delivery.deliver(made, "2025-Q3", out, "zh", today=dt.date(2025, 10, 20))
    assert done.complete
    for county in ("全市", "云岫县"):
        word = docx_text(out / f"2025-Q3_{county}_通报.docx")
        assert "关心关爱落实情况（2025年上半年）" in word and "以下为2025年上半年情况" in word
        assert "2025年下半年暂无关心关爱指标数据" not in word
        printed = pdf_text(out / f"2025-Q3_{county}_简报.pdf")
        assert "关心关爱(2025-H1)" in printed and "2025-H2" not in printed


# ------------------------------------------------------------------ the command line


def cli(db_path, *args, env=None):
    return incentive_command("--db", db_path, "deliver", *args, env={"no_proxy": "127.0.0.1", **(env or {})})


@pytest.mark.slow
def test_the_delivered_files_are_readable_as_the_umask_the_command_started_with_leaves(made, tmp_path):
    """The command makes the data's files its user's alone (umask 0077: incentive/file_modes.py); the delivered
    files are for the office's pick-up program, which reads them through the group (docs/deployment.md: the
    timer's UMask=0027)."""
    path = made.path
    made.close()
    out = tmp_path / "交付" / "2025-Q2"
    started_with = os.umask(0o027)
    try:
        done = cli(path, "--period", "2025Q2", "--out", out, "--no-pdf", env={"INCENTIVE_WEBHOOK": ""})
    finally:
        os.umask(started_with)
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(out)) == sorted(WORD_ONLY)
    assert {stat.S_IMODE((out / name).stat().st_mode) for name in WORD_ONLY} == {0o640}
    assert stat.S_IMODE(out.stat().st_mode) == stat.S_IMODE(out.parent.stat().st_mode) == 0o750  # both made


@pytest.mark.slow
def test_the_command_delivers_lists_the_files_and_exits_by_outcome(made, tmp_path, robot):
    path = made.path
    made.close()
    out = tmp_path / "投递"
    done = cli(path, "--period", "2025Q2", "--out", out, "--no-pdf", "--webhook", robot.url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(out / name) for name in WORD_ONLY]
    progress = [line for line in done.stderr.splitlines() if line.startswith("[")]
    assert [line.split("] ", 1)[1].split("（")[0] for line in progress] == [f"已写出 {name}" for name in WORD_ONLY]
    assert progress[0].startswith(f"[1/{len(WORD_ONLY)}] ")
    assert "已推送摘要到 127.0.0.1。" in done.stderr and "robot-secret-key" not in done.stderr
    assert f"交付目录 {out} 原不存在，已新建。" in done.stderr  # a timer's dated folder is made, and said
    assert robot.payload()["text"]["content"].startswith("【干部激励看板】2025年第二季度材料已生成")

    robot.status = 500  # the summary is not taken: a sentence, exit 1, the files are kept
    failed = cli(path, "--period", "2025Q2", "--out", out, "--no-pdf", env={"INCENTIVE_WEBHOOK": robot.url})
    assert failed.returncode == 1 and robot.received[-1][0].endswith("?key=robot-secret-key")  # from the environment
    assert "推送到 127.0.0.1 失败：对方返回 HTTP 500。文件已写出，不受影响。" in failed.stderr
    assert "原不存在" not in failed.stderr  # the folder was there this time
    assert sorted(os.listdir(out)) == sorted(WORD_ONLY)
    robot.status, robot.answer = 200, b'{"errcode":93000,"errmsg":"invalid webhook url"}'  # a wrong key: HTTP 200
    rejected = cli(path, "--period", "2025Q2", "--out", out, "--no-pdf", "--webhook", robot.url)
    assert rejected.returncode == 1 and "已推送摘要" not in rejected.stderr
    assert "推送到 127.0.0.1 被拒绝：93000 invalid webhook url。文件已写出，不受影响。" in rejected.stderr

    for args, sentence in (
        (("--period", "soon", "--out", out), "考核期无法识别：soon"),
        (("--period", "2025Q2", "--out", out, "--webhook", "ftp://im.intranet/x"), "推送地址须以 http://"),
    ):
        usage = cli(path, *args)
        assert usage.returncode == 2 and sentence in usage.stderr
    empty = cli(path, "--period", "2024Q4", "--out", tmp_path / "empty")
    assert empty.returncode == 2 and "2024-Q4 本期既无赛马得分" in empty.stderr and empty.stdout == ""
    assert not (tmp_path / "empty").exists()  # refused before anything was made, as `export bulletin` refuses
    future = cli(path, "--period", "2031Q3", "--out", tmp_path / "future")  # no figures of its own: nothing written
    assert future.returncode == 2 and "2031-Q3 本期既无赛马得分" in future.stderr and future.stdout == ""
    assert not (tmp_path / "future").exists()
    reopened = Database(path)
    outcomes = audit.log(reopened)[["action", "outcome", "detail"]].head(5).values.tolist()
    reopened.close()
    assert outcomes == [
        ["deliver", "refused", "refused no_data"],
        ["deliver", "refused", "refused no_data"],
        ["deliver", "partial", "webhook 127.0.0.1 failed"],  # the robot's errcode: not delivered
        ["deliver", "partial", "webhook 127.0.0.1 failed"],
        ["deliver", "ok", "webhook 127.0.0.1 ok"],
    ]


@pytest.mark.slow  # the sample delivered without PDFs: thirteen 通报
def test_one_delivery_gives_one_count_of_red_warnings(sample_db_path, tmp_path):
    """The reviewer's case on the sample (docs/decisions.md#what-a-list-is-judged-on): 2026-Q3's list judged care
    on nothing (a quarter has no care figures), so the delivery said 红色 3 条 while its 通报 printed the care
    shortfalls of seven half-years running that the year's list counts red. A race period's list judges care on
    the half-year its 通报 reports (2026-H1): every red warning delivered is one a 通报 of the delivery states."""
    from incentive.accounts.roles import Scope
    from incentive.alerts import listing
    from incentive.store import settings

    today = dt.date(2026, 11, 1)
    database = Database(sample_db_path)
    try:
        done = delivery.deliver(database, "2026-Q3", tmp_path / "out", "zh", today=today, pdf=False)
        config = settings.current(database)
        year = listing.build(database.connection, today, config, Scope.ALL, year=2026)
    finally:
        database.close()
    assert done.complete and done.judged.startswith("判定依据：赛马 2026-Q3，关爱 2026-H1，")
    reds = [a for a in done.alerts if a.level == "red"]
    care = [(a.county, a.data["name"]) for a in done.alerts if a.rule == "care_below"]
    assert care and care == [(a.county, a.data["name"]) for a in year.alerts if a.rule == "care_below"]
    assert {"care_below", "third_tier"} <= {a.rule for a in reds}
    texts = {
        f.county: [p.text for p in docx.Document(str(tmp_path / "out" / f.name)).paragraphs]
        for f in done.written
        if f.kind == delivery.BULLETIN
    }
    prefecture = "\n".join(texts[""])
    third = [a for a in reds if a.rule == "third_tier"]
    assert f"连续处于第三方阵的县区{len(third)}个：" in prefecture
    for alert in reds:  # each red warning is said by the prefecture's 通报 or the county's own
        if alert.rule == "third_tier":
            assert f"{alert.county}连续{alert.data['running']}期" in prefecture
        elif alert.rule == "care_below":
            below = [p for p in texts[alert.county] if f"{alert.county}2026年上半年可判定的" in p]
            assert len(below) == 1 and f"{alert.data['name']}（" in below[0].split("未达标", 1)[1], alert
        else:  # a file not sent: the 通报 names the county among those whose data are not all in
            assert alert.rule == "data" and any("未报齐" in p and alert.county in p for p in texts[""]), alert
    summary = delivery.summary_text(done)
    assert f"红色 {len(reds)} 条" in summary
    assert json.loads((tmp_path / "out" / "2026-Q3_交付清单.json").read_text("utf-8"))["warnings"]["red"] == len(reds)


@pytest.mark.slow
def test_the_command_puts_the_document_number_asked_for_on_the_prefecture_s_bulletin_only(made, tmp_path):
    """`deliver --document-no`: the prefecture's 通报 carries it, each county's copy none; a 文号 that is not one short
    line is refused before anything is made (exit 2, no folder)."""
    path = made.path
    made.close()
    out = tmp_path / "out"
    done = cli(path, "--period", "2025Q2", "--out", out, "--no-pdf", "--document-no", "澜组通〔2025〕7号")
    assert done.returncode == 0, done.stderr
    assert docx.Document(str(out / "2025-Q2_全市_通报.docx")).paragraphs[2].text == "澜组通〔2025〕7号"
    assert docx.Document(str(out / "2025-Q2_云岫县_通报.docx")).paragraphs[2].text == ""
    refused = cli(path, "--period", "2025Q2", "--out", tmp_path / "other", "--no-pdf", "--document-no", "号" * 51)
    assert refused.returncode == 2 and refused.stderr.startswith("文号"), refused.stderr
    assert not (tmp_path / "other").exists()
