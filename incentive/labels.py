"""Words the data refer to by their Chinese names, in the user's language: the product's four standard tracks, the
race tiers and target statuses, the units of measure the importer knows, and the audit log's codes.

Data stay data: a track, unit or name the product does not know is shown as written, in either language (county,
township, indicator, course and work-unit names are never translated).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from incentive.care.targets import STATUSES
from incentive.i18n import capital, t, unit_label

# The four tracks of the horse race as the catalog names them (赛道); other tracks are data, shown as written.
STANDARD_TRACKS = {
    "项目建设": "track_projects",
    "乡村振兴": "track_rural",
    "为企服务": "track_business",
    "基层治理": "track_governance",
}

SYMBOLS = ("%", "‰")  # written right after the number, in both languages


def track_label(track: str, lang: str) -> str:
    """项目建设 -> "Project construction" in English; a track outside the standard four as written."""
    key = STANDARD_TRACKS.get(track)
    return t(key, lang) if key else track


TIERS = (1, 2, 3)  # 第一/第二/第三方阵 (scoring.assign_tiers)


def tier_label(tier, lang: str) -> str:
    """1 -> 第一方阵 / "First tier"; "" for an unranked unit (tier missing)."""
    return "" if tier is None or pd.isna(tier) else t(f"tier_{int(tier)}", lang)


def tier_labels(lang: str) -> dict[int, str]:
    return {tier: tier_label(tier, lang) for tier in TIERS}


def status_label(status, lang: str) -> str:
    """met / near / below (care.targets) -> 达标 / 接近 / 未达标; "" without a status (no value or no target)."""
    return t(f"status_{status}", lang) if isinstance(status, str) and status else ""


def status_labels(lang: str) -> dict[str, str]:
    """The three statuses and, under "", the grey of an indicator without a target (welfare.status_grid)."""
    return {s: status_label(s, lang) for s in STATUSES} | {"": t("status_no_target", lang)}


def quantity(number: str, value: float, unit: str | None, lang: str) -> str:
    """`number` (the value already formatted) with its unit: 85%, 12 天 / 12 days, 3 件 / 3 cases."""
    word = unit_label(unit, lang, value)
    if not word:
        return number
    return f"{number}{word}" if word in SYMBOLS else f"{number} {word}"


# ---- the audit log


def who_text(who: str, lang: str) -> str:
    """Who did something: an administrator's name as written; the app's own actors in words."""
    if who in ("web", "viewer", "sample"):
        return capital(t({"web": "who_web", "viewer": "who_viewer", "sample": "who_sample"}[who], lang))
    if who == "cli" or (who or "").startswith("cli:"):
        return capital(t("who_cli", lang, user=who[4:] or "—"))
    return who or ""


def _target_text(action: str, target: str, lang: str) -> str:
    batch = re.fullmatch(r"batch (\d+)(?: \((\w+)\))?", target or "")
    if batch:
        number, kind = batch.groups()
        if kind:
            return t("audit_target_batch", lang, batch=number, kind=t(f"kind_{kind}", lang))
        return t("audit_target_batch_only", lang, batch=number)
    submission = re.fullmatch(r"submission (\d+)", target or "")
    if submission:
        return t("audit_target_submission", lang, id=submission.group(1))
    if action in ("load_sample", "remove_sample", "rollback_source") and target in ("sample", "upload", "cli"):
        return t(f"source_{target}", lang)
    if action == "setting" and f"setting_{target}" in _SETTING_KEYS:
        return t(f"setting_{target}", lang)
    return target or ""


def _detail_text(action: str, detail: str, lang: str) -> str:
    problems = re.fullmatch(r"(\d+) problems", detail or "")
    if problems:
        return t("audit_detail_problems", lang, n=int(problems.group(1)))
    kept = re.fullmatch(r"previous file kept as (.+)", detail or "")
    if kept:
        return t("audit_detail_kept", lang, name=kept.group(1))
    if action == "publish" and f"audit_detail_publish_{detail}" in _AUDIT_KEYS:
        return t(f"audit_detail_publish_{detail}", lang)  # why a publication was refused
    if action == "deliver":
        return _delivery_detail(detail, lang)
    if action == "setting":
        try:
            return f"{float(detail):g}"
        except ValueError:
            return detail
    return detail or ""


def _delivery_detail(detail: str, lang: str) -> str:
    """incentive/sharing/delivery.py's detail (`refused no_data`, `2 failed`, `webhook im.intranet ok`, joined by
    `; `) in words; a part not understood as stored."""
    words = []
    for part in filter(None, (detail or "").split("; ")):
        refused = re.fullmatch(r"refused (\w+)", part)
        failed = re.fullmatch(r"(\d+) failed", part)
        webhook = re.fullmatch(r"webhook (\S*) (ok|failed)", part)
        if refused and f"audit_detail_deliver_refused_{refused.group(1)}" in _AUDIT_KEYS:
            words.append(t(f"audit_detail_deliver_refused_{refused.group(1)}", lang))
        elif failed:
            words.append(t("audit_detail_deliver_failed", lang, n=int(failed.group(1))))
        elif webhook:
            words.append(t(f"audit_detail_deliver_webhook_{webhook.group(2)}", lang, host=webhook.group(1)))
        else:
            words.append(part)
    return ("；" if lang == "zh" else "; ").join(words)


def _coded(prefix: str, code: str, lang: str) -> str:
    key = f"{prefix}{code}"
    return t(key, lang) if key in _AUDIT_KEYS else (code or "")


def audit_table(log: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The audit log (`store.audit.log`) for people: actions, outcomes, targets and details in words,
    headers translated. Unknown codes (from a newer version) are shown as stored."""
    out = pd.DataFrame(
        {
            "happened_at": log["happened_at"],
            "who": [who_text(w, lang) for w in log["who"]],
            "action": [_coded("audit_action_", a, lang) for a in log["action"]],
            "target": [_target_text(a, target, lang) for a, target in zip(log["action"], log["target"], strict=False)],
            "file_name": log["file_name"],
            "sha256": log["sha256"],
            "row_count": log["row_count"],
            "outcome": [_coded("audit_outcome_", o, lang) for o in log["outcome"]],
            "detail": [_detail_text(a, d, lang) for a, d in zip(log["action"], log["detail"], strict=False)],
        }
    )
    out.columns = [t(f"audit_{column}", lang) for column in out.columns]
    return out


def _keys_with(prefix: str) -> frozenset[str]:
    from incentive.i18n import TEXT

    return frozenset(key for key in TEXT if key.startswith(prefix))


_AUDIT_KEYS = _keys_with("audit_")
_SETTING_KEYS = _keys_with("setting_")


def data_version_text(info, lang: str, as_of: dt.datetime | None = None) -> str:
    """The line naming the data a document was made from: with `as_of` (a pinned view) that moment, else the newest
    batch, how many are active and when the data last changed (`info`: store.batches.version_info)."""
    if as_of:
        return t("data_version_pinned", lang, when=f"{as_of:%Y-%m-%d %H:%M}")
    return t(
        "data_version",
        lang,
        latest=info.latest_batch,
        batches=info.active_batches,
        when=f"{info.last_change:%Y-%m-%d %H:%M}" if info.last_change else "—",
    )
