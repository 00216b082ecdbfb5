"""Settings (incentive/store/settings.py): a value out of range, not a number or not whole is refused with a
sentence that names the setting as the Data page labels it and by its key, what is allowed and the value kept;
the Data page's form saves all its values or none."""

from __future__ import annotations

import pytest

from incentive.store import audit, settings


def test_a_refusal_names_the_setting_the_range_and_the_value_kept(db):
    settings.save(db, "due_days_race_scores", 20, "admin")
    cases = [
        ("due_days_race_scores", 400, "超出允许范围，应为 0 至 366 之间的整数。未保存，仍为 20。"),
        ("due_days_race_scores", 2.5, "不是整数，应为 0 至 366 之间的整数。未保存，仍为 20。"),
        ("max_hours_per_record", "很多", "不是数字，应在 1 至 10000 之间。未保存，仍为 200。"),
        ("coverage_target", 120, "超出允许范围，应在 0 至 100 之间。未保存，仍为 90。"),
        ("training_cycle_months", 2, "无效，可选：1 / 3。未保存，仍为 3。"),
    ]
    for key, value, ending in cases:
        with pytest.raises(settings.SettingError) as refused:
            settings.save(db, key, value, "admin")
        assert refused.value.text("zh").endswith(ending), refused.value.text("zh")
    with pytest.raises(settings.SettingError) as refused:
        settings.save(db, "due_days_race_scores", -1, "admin")
    assert refused.value.text("zh") == (
        "设置「赛马得分：季度结束后报送天数」（due_days_race_scores）的值「-1」超出允许范围，应为 0 至 366 之间的整数。"
        "未保存，仍为 20。"
    )
    assert refused.value.text("en") == (
        "Value “-1” for “Race scores due (days after the quarter)” (due_days_race_scores) is out of range; use a "
        "whole number from 0 to 366. Not saved: it stays 20."
    )
    assert settings.current(db)["due_days_race_scores"] == 20


def test_the_form_saves_every_value_or_none(db):
    entered = {**settings.current(db), "coverage_target": 96.0, "due_days_welfare": 400, "due_days_roster": -3}
    with pytest.raises(settings.SettingsRefused) as refused:
        settings.save_changes(db, entered, "admin")
    assert [error.params["name"] for error in refused.value.errors] == ["due_days_welfare", "due_days_roster"]
    assert settings.current(db)["coverage_target"] == 90.0  # the valid change was not saved either
    assert audit.log(db).empty

    assert settings.save_changes(db, {**entered, "due_days_welfare": 20, "due_days_roster": 31}, "admin") == [
        "coverage_target",
        "due_days_welfare",
    ]
    assert {k: settings.current(db)[k] for k in ("coverage_target", "due_days_welfare")} == {
        "coverage_target": 96.0,
        "due_days_welfare": 20,
    }
    assert audit.log(db)["target"].tolist().count("due_days_welfare") == 1
    assert settings.save_changes(db, settings.current(db), "admin") == []  # nothing changed: nothing written
    assert len(audit.log(db)) == 2


def test_the_allowed_range_for_a_form(db):
    assert settings.allowed("due_days_race_scores") == "0–366"
    assert settings.allowed("hours_per_day") == "0–24"
    assert settings.allowed("training_cycle_months") == "1 / 3"


def test_a_text_setting_refused_says_what_stays_as_the_number_settings_do(db):
    """Emptying the 通报's issuing body is refused like a number out of range: with what stays, quoted."""
    settings.save(db, "bulletin_issuer", "中共澜州市委组织部", "admin")
    with pytest.raises(settings.SettingError) as refused:
        settings.save(db, "bulletin_issuer", "   ", "admin")
    assert refused.value.text("zh") == (
        "设置「通报发文机关」（bulletin_issuer）须为一行文字，1～60 个字符。未保存，仍为「中共澜州市委组织部」。"
    )
    assert refused.value.text("en").endswith("of 1 to 60 characters. Not saved: it stays “中共澜州市委组织部”.")
    with pytest.raises(settings.SettingsRefused) as form:
        settings.save_changes(db, {**settings.current(db), "bulletin_document_no": ""}, "admin")
    assert form.value.errors[0].text("zh").endswith("未保存，仍为「（文号）」。")


def test_whole_numbers_read_whole_in_the_sentences(db):
    """A form's number input gives 2500.0 for a typed 2500: the sentence says 2500, as it was typed."""
    settings.save(db, "max_hours_per_record", 2500.0, "admin")
    with pytest.raises(settings.SettingError) as refused:
        settings.save(db, "max_hours_per_record", 25000.0, "admin")
    assert "的值「25000」超出允许范围，应在 1 至 10000 之间。未保存，仍为 2500。" in refused.value.text("zh")
    with pytest.raises(settings.SettingError) as refused:
        settings.save(db, "hours_per_day", 30.5, "admin")
    assert "“30.5”" in refused.value.text("en")
    assert [settings.shown(v) for v in (2500.0, 0.5, 15, "澜组")] == ["2500", "0.5", "15", "澜组"]


def test_the_single_hours_target_is_gone(db):
    """Training targets are by rank now (incentive/training/targets.py, schema 014): the old key is refused."""
    with pytest.raises(settings.SettingError) as refused:
        settings.save(db, "hours_target", 96, "admin")
    assert refused.value.key == "setting_unknown" and "hours_target" not in settings.current(db)
