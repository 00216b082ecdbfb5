"""A catalog file's rows against the catalog versions already stored: what they change, said or refused.

- A row that would change the unit or the domain (赛马/关爱) in force for stored periods holding values of its
  indicator is refused (`catalog_relabels_values`), naming the row, the column, the old and the new value, the
  periods and how to do it right: a 生效起始期 after them, or a new indicator code. Stored values were read (and
  converted) into the old unit; nothing converts them, so they would read in the new one: R01's 35.63 亿元 showed as
  35.63 万元 after a catalog row changed 亿元 to 万元 (a tester's finding of 2026-12-07).
- Every other field a row changes in the stored version it replaces (same code and 生效起始期) is noted, old → new,
  with its row (`note_catalog_changed`): a target 20 → 18 or a new name went in as "1 changed" alone.

docs/decisions.md#catalog-changes-that-relabel-stored-values. Pure: the stored versions and the periods holding
values come in the `Reference`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from incentive import periods
from incentive.i18n import t
from incentive.intake import units
from incentive.intake.preview import Note, Preview, Problem, Reference, catalog_value_text

# Fields whose change makes stored values read otherwise: in another unit, or as figures of another domain.
RELABELLING_FIELDS = ("unit", "domain")
# The fields a row's change note lists, in the catalog's column order (class weights: effects.catalog_rescoring).
LISTED_FIELDS = ("name", "domain", "track", "unit", "direction", "weight", "target", "min", "max")


def check_catalog(preview: Preview, reference: Reference) -> None:
    """Add to a catalog preview the problems of rows relabelling stored values and the notes of the fields its rows
    change in stored versions (module docstring)."""
    if preview.kind != "indicators" or not preview.row_count:
        return
    rows = [row for row in preview.rows.to_dict("records") if _text(row.get("code"))]
    stored: dict[str, list[dict]] = {}
    for version in reference.indicators:
        stored.setdefault(version["code"], []).append(version)
    for row in rows:
        code = _text(row["code"])
        if code not in stored:
            continue
        versions = stored[code]
        preview.problems.extend(_relabelling(row, versions, rows, reference, preview.column_labels))
        replaced = next((v for v in versions if (v.get("effective_from") or "") == _text(row["effective_from"])), None)
        if replaced is not None and (note := _changed_note(row, replaced)) is not None:
            preview.notes.append(note)


def _relabelling(
    row: dict, versions: list[dict], rows: list[dict], reference: Reference, labels: dict[str, str]
) -> list[Problem]:
    """The problems of one file row that changes a RELABELLING_FIELD in force for stored periods of its code."""
    code, since = _text(row["code"]), _text(row["effective_from"])
    replacing = {_text(r["effective_from"]) for r in rows if _text(r["code"]) == code}
    after = [v for v in versions if (v.get("effective_from") or "") not in replacing]
    after += [{**r, "effective_from": _text(r["effective_from"])} for r in rows if _text(r["code"]) == code]
    stored = sorted(reference.value_periods.get(code, ()), key=lambda p: (periods.bounds(p)[0], p))
    problems = []
    for field in RELABELLING_FIELDS:
        relabelled = []
        for period in stored:
            old, new = in_force(versions, period), in_force(after, period)
            if old is None or new is None or (new.get("effective_from") or "") != since:
                continue
            if same(field, old.get(field), new.get(field)):
                continue
            relabelled.append((period, old.get(field)))
        if not relabelled:
            continue
        before = relabelled[-1][1]  # the value in force for the latest of them
        last = max((p for p, _ in relabelled), key=lambda p: periods.bounds(p)[1])
        params = {
            "field": ("i18n", f"catalog_field_{field}"),
            "indicator": _shown(code, row.get("name") or code),
            "before": _value(field, before),
            "after": _value(field, row.get(field)),
            "n": len(relabelled),
            "first": relabelled[0][0],
            "last": last,
            "next": periods.following(last),
        }
        column = labels.get(field) or t(f"catalog_field_{field}", "zh")
        # a unit is quoted as stored (the file's text, normalized); a domain is stored as a code (race), which the
        # message names in words instead
        value = _text(row.get(field)) if field == "unit" else None
        problems.append(Problem("catalog_relabels_values", int(row["source_row"]), column, value, params))
    return problems


def _changed_note(row: dict, replaced: dict) -> Note | None:
    """The note of the fields `row` changes in the stored version it replaces; None when it changes none."""
    changed = [f for f in LISTED_FIELDS if f in row and not same(f, replaced.get(f), row.get(f))]
    if not changed:
        return None
    texts = {
        lang: ("; " if lang == "en" else "；").join(
            t(
                "catalog_field_change",
                lang,
                field=t(f"catalog_field_{f}", lang),
                before=catalog_value_text(f, _plain(replaced.get(f)), lang),
                after=catalog_value_text(f, _plain(row.get(f)), lang),
            )
            for f in changed
        )
        for lang in ("zh", "en")
    }
    since = _text(row["effective_from"])
    version = {lang: t("catalog_version_from", lang, since=since) if since else "" for lang in ("zh", "en")}
    params = {
        "row": int(row["source_row"]),
        "indicator": _shown(_text(row["code"]), replaced.get("name") or row["code"]),
        "version": ("by_lang", version),
        "changes": ("by_lang", texts),
    }
    return Note("note_catalog_changed", params)


def in_force(versions: list[dict], period: str) -> dict | None:
    """The version in force for `period` (the latest 生效起始期 not after it); None before every version. A
    rollback's check reads the catalog after it by the same rule (store/rollback_effects.py)."""

    def start(version: dict) -> dt.date:
        return periods.bounds(version["effective_from"])[0] if version.get("effective_from") else dt.date.min

    begins = periods.bounds(period)[0]
    valid = [v for v in versions if start(v) <= begins]
    return max(valid, key=start) if valid else None


def same(field: str, before, after) -> bool:
    """Whether a field's stored and new values are the same: units as normalized (万元 and （万元） alike), numbers
    as numbers, a blank as a blank."""
    before, after = _plain(before), _plain(after)
    if field == "unit":
        return units.normalize_unit(before or "") == units.normalize_unit(after or "")
    if isinstance(before, (int, float)) and isinstance(after, (int, float)):
        return float(before) == float(after)
    return (before if before is not None else "") == (after if after is not None else "")


def _plain(value):
    """A cell as compared and shown: NaN, None and blank text are None; numpy numbers are Python's."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    if isinstance(value, str):
        return value.strip() or None
    return value.item() if hasattr(value, "item") else value


def _text(value) -> str:
    value = _plain(value)
    return "" if value is None else str(value)


def _value(field: str, value) -> tuple[str, dict[str, str]]:
    """A field's value as a message quotes it, in each language (a blank unit as 无 / none)."""
    return ("by_lang", {lang: catalog_value_text(field, _plain(value), lang) for lang in ("zh", "en")})


def _shown(code: str, name: str) -> tuple[str, dict[str, str]]:
    return ("by_lang", {lang: t("indicator_named", lang, name=name, code=code) for lang in ("zh", "en")})
