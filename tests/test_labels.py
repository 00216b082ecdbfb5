"""Fixed labels in the user's language: tracks, units, stored columns and values, the audit log."""

import datetime as dt

import pandas as pd

from incentive import audit_log, i18n, labels
from incentive.i18n import TEXT, t
from incentive.intake.file_kinds import ENUMS, KINDS, VALUE_LABELS
from incentive.intake.units import CELL_UNITS


def test_the_four_standard_tracks_are_translated_and_other_tracks_are_data():
    assert [labels.track_label(track, "en") for track in labels.STANDARD_TRACKS] == [
        "Project construction",
        "Rural revitalization",
        "Business services",
        "Grassroots governance",
    ]
    assert [labels.track_label(track, "zh") for track in labels.STANDARD_TRACKS] == list(labels.STANDARD_TRACKS)
    assert labels.track_label("营商环境", "en") == "营商环境"  # a track the product does not know: as written


def test_every_unit_the_importer_knows_has_words_and_others_stay_as_written():
    assert set(i18n.UNIT_KEYS) == set(CELL_UNITS)
    for unit, key in i18n.UNIT_KEYS.items():
        assert t(key, "zh") == unit and t(key, "en").count("|") == 1, unit
    assert i18n.unit_label("学时", "en") == "hours" and i18n.unit_label("学时", "en", 1) == "hour"
    assert i18n.unit_label("学时", "zh") == "学时" and i18n.unit_label("吨标煤", "en") == "吨标煤"
    assert labels.quantity("12", 12, "天", "en") == "12 days" and labels.quantity("1", 1, "件", "en") == "1 case"
    assert labels.quantity("85", 85, "%", "en") == "85%" and labels.quantity("3", 3, "个", "en") == "3"
    assert labels.quantity("12", 12, "天", "zh") == "12 天" and labels.quantity("85", 85, "%", "zh") == "85%"


def test_every_stored_column_and_allowed_value_has_an_english_label():
    columns = {column.name for kind in KINDS.values() for column in kind.columns}
    assert not {f"field_{name}" for name in columns} - set(TEXT)
    for enum, values in ENUMS.items():
        for code, spellings in values.items():
            key = f"{VALUE_LABELS[enum]}{code}"
            assert key in TEXT and t(key, "zh") == spellings[0], key


def test_the_audit_log_reads_as_words():
    log = pd.DataFrame(
        {
            "happened_at": [dt.datetime(2026, 1, 1)] * 6,
            "who": ["王主任", "cli:ops", "viewer", "web", "sample", "王主任"],
            "action": ["sign_in", "import", "view_sign_in", "import", "import", "setting"],
            "target": ["", "batch 7 (race_scores)", "", "", "batch 2 (indicators)", "suppression_threshold"],
            "file_name": ["", "a.csv", "", "b.csv", "02_指标目录.csv", ""],
            "sha256": [""] * 6,
            "row_count": [None, 10, None, 3, 19, None],
            "outcome": ["locked", "ok", "failed", "refused", "ok", "ok"],
            "detail": ["", "", "", "3 problems", "", "10.0"],
        }
    )
    zh = audit_log.table(log, "zh")
    assert zh.columns.tolist() == ["时间", "操作人", "操作", "对象", "文件", "SHA-256", "行数", "结果", "说明"]
    assert zh["操作"].tolist() == ["登录", "导入", "访问口令验证", "导入", "导入", "修改设置"]
    assert zh["操作人"].tolist() == ["王主任", "命令行（ops）", "访客", "网页上传", "示例数据", "王主任"]
    assert zh["对象"].tolist()[1:6:4] == ["批次 #7（赛马考评得分）", "小组隐藏阈值（人数少于此值显示 <N）"]
    assert zh["结果"].tolist()[:4] == ["已锁定", "成功", "失败", "拒收"] and zh["说明"].tolist()[3::2] == [
        "3 个问题",
        "10",
    ]
    en = audit_log.table(log, "en")
    assert en["Action"].tolist()[:2] == ["Sign-in", "Import"] and en["Target"].iloc[1] == "Batch #7 (race scores)"
    assert en["Detail"].iloc[3] == "3 problems" and en["Who"].iloc[1] == "Command line (ops)"
    unknown = audit_log.table(log.assign(action="purge", outcome="postponed"), "en")
    assert set(unknown["Action"]) == {"purge"} and set(unknown["Outcome"]) == {"postponed"}  # a newer code, as stored


def test_batches_and_submissions_are_named_as_such_never_a_bare_number():
    """Both are numbered from 1: `#7` alone could be either, so every page says which."""
    assert labels.batch_ref(12, "zh") == "批次 #12" and labels.submission_ref(7, "zh") == "报送 #7"
    assert labels.batch_ref(12, "en") == "batch #12" and labels.submission_ref(7, "en") == "submission #7"
    assert labels.batch_refs([3, 13], "zh") == "批次 #3、#13" and labels.batch_refs([3, 13], "en") == "batches #3, #13"
    assert labels.submission_refs([1], "en") == "submission #1" and labels.submission_refs([], "zh") == ""
    assert "最新为批次 #14" in labels.data_version_text(
        type(
            "Info",
            (),
            {"latest_batch": 14, "active_batches": 14, "last_change": dt.datetime(2026, 11, 30), "pinned": None},
        ),
        "zh",
    )
