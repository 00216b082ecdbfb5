"""The audit log as people read it: codes in the database (incentive/store/audit.py), words on the Data page and in
tests. Apart from incentive/labels.py because a publication's detail (the shortfalls it was published with) is put
in words by incentive/publication/official.py, which reads labels itself."""

from __future__ import annotations

import re

import pandas as pd

from incentive.i18n import TEXT, t
from incentive.labels import who_text
from incentive.publication import official


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
    request = re.fullmatch(r"rollback request (\d+)", target or "")
    if request:
        return t("audit_target_rollback_request", lang, id=request.group(1))
    if action in ("load_sample", "remove_sample", "rollback_source") and target in ("sample", "upload", "cli"):
        return t(f"source_{target}", lang)
    if action == "setting" and f"setting_{target}" in _SETTING_KEYS:
        return t(f"setting_{target}", lang)
    return target or ""


def _detail_text(action: str, detail: str, lang: str) -> str:
    refused_by_storage = re.fullmatch(r"storage (\w+): (.*)", detail or "", re.S)  # incentive/store/failed_writes.py
    if refused_by_storage and f"storage_{refused_by_storage.group(1)}" in TEXT:
        cause, message = refused_by_storage.groups()
        return t("audit_detail_storage", lang, cause=t(f"storage_{cause}", lang), message=message)
    problems = re.fullmatch(r"(\d+) problems", detail or "")
    if problems:
        return t("audit_detail_problems", lang, n=int(problems.group(1)))
    kept = re.fullmatch(r"previous file kept as (.+)", detail or "")
    if kept:
        return t("audit_detail_kept", lang, name=kept.group(1))
    refused = (detail or "").split("; ")  # why a publication was refused: one code, or several said together
    if action == "publish" and all(f"audit_detail_publish_{code}" in _AUDIT_KEYS for code in refused):
        return ("；" if lang == "zh" else "; ").join(t(f"audit_detail_publish_{code}", lang) for code in refused)
    if action == "publish_incomplete":
        return _shortfalls_text(detail, lang)
    asked = re.fullmatch(r"rollback request (\d+) by (.+)", detail or "", re.S)
    if action == "rollback" and asked:  # a county's rollback, accepted on request: who asked for it
        return t("audit_detail_rollback_asked", lang, id=asked.group(1), who=who_text(asked.group(2), lang))
    requested = re.fullmatch(r"batch (\d+): (.*)", detail or "", re.S)
    if action == "rollback_request" and requested:
        return t("audit_detail_rollback_request", lang, batch=requested.group(1), reason=requested.group(2))
    if action == "rollback_accept" and re.fullmatch(r"batch \d+", detail or ""):
        return t("audit_target_batch_only", lang, batch=detail.split()[1])
    if action == "deliver":
        return _delivery_detail(detail, lang)
    if action == "setting":
        try:
            return f"{float(detail):g}"
        except ValueError:
            return detail
    return detail or ""


def _shortfalls_text(detail: str, lang: str) -> str:
    """A `publish_incomplete` row's detail (the shortfalls as JSON) in words; as stored when not readable."""
    try:
        return official.shortfall_text(official.shortfalls_from_json(detail) or (), lang)
    except (ValueError, TypeError):
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


def table(log: pd.DataFrame, lang: str) -> pd.DataFrame:
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
    return frozenset(key for key in TEXT if key.startswith(prefix))


_AUDIT_KEYS = _keys_with("audit_")
_SETTING_KEYS = _keys_with("setting_")
