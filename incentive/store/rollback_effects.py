"""What rolling back batches would do to the catalog in force for the stored values that stay: said before it is done.

- `relabelled`: an indicator whose **unit** or **domain** (赛马/关爱) in force would change for stored periods
  holding values of it, or which would have no catalog version in force for them at all. Stored values were read
  (and converted) into the unit in force at import and are never converted again: rolling back the catalog batch
  that gave R01 万元 from 2026-Q4 made the 2026-Q4 values imported in 万元 read as 亿元, 10,000× off, and rolling
  back the batch that first listed an indicator left its values scored nowhere. `batches.rollback` refuses such a
  rollback (`rollback_relabels_values`), by the rule the importer applies to a catalog file
  (intake/catalog_changes.py, whose `in_force` and `same` are used here).
- `rescored`: what the rollback re-scores (weight, target, direction, track, class weights; an indicator entering
  or leaving a domain's catalog), as an import's `effects.catalog_rescoring` says it, by the rule of
  `catalog_in_force`.

Only a batch of the catalog (kind "indicators") changes the catalog; any other rollback has no such effects and
reads nothing. docs/decisions.md#rolling-back-a-catalog-batch.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from incentive import periods
from incentive.i18n import LANGUAGES, join, t
from incentive.intake.catalog_changes import RELABELLING_FIELDS, in_force, same
from incentive.intake.preview import catalog_value_text
from incentive.store import queries
from incentive.store.database import Database
from incentive.store.effects import Rescoring, rescorings

_FIELDS = ("code", "name", "domain", "unit", "effective_from")


@dataclass(frozen=True)
class Relabelling:
    """One indicator whose `field` ("unit" or "domain"; "version" when no catalog version would be in force at
    all) in force changes from `before` to `after` (None for "version") for the stored `periods` holding values
    of it (in period order); `batches`: the active batches holding those values, which could be rolled back
    first."""

    code: str
    name: str
    field: str
    before: object
    after: object
    periods: tuple[str, ...]
    batches: tuple[int, ...]


@dataclass(frozen=True)
class RollbackEffects:
    """What rolling back `batch_ids` would do to the catalog in force for the stored values that stay."""

    batch_ids: tuple[int, ...]
    relabelled: tuple[Relabelling, ...] = ()
    rescored: tuple[Rescoring, ...] = ()


def rollback_effects(db: Database, batch_ids: Sequence[int]) -> RollbackEffects:
    """`rollback_effects_within` as committed now: the Data page's and the CLI's preview of a rollback."""
    with contextlib.closing(db.cursor()) as cur:
        return rollback_effects_within(cur, batch_ids)


def rollback_effects_within(
    cur: duckdb.DuckDBPyConnection, batch_ids: Sequence[int], *, rescored: bool = True
) -> RollbackEffects:
    """What rolling back the active batches `batch_ids` would do, as `cur` sees the data (inside the rollback's
    own transaction, the check that refuses it, which needs no `rescored`). Empty when none of them is a catalog
    batch."""
    ids = [int(i) for i in batch_ids]
    catalog = cur.execute(
        "SELECT count(*) FROM batches WHERE list_contains($ids, id) AND status = 'active' AND kind = 'indicators'",
        {"ids": ids},
    ).fetchone()[0]
    if not catalog:
        return RollbackEffects(tuple(ids))
    changes = _rescored(cur, ids) if rescored else ()
    return RollbackEffects(tuple(ids), _relabelled(cur, ids), changes)


def _rescored(cur: duckdb.DuckDBPyConnection, ids: list[int]) -> tuple[Rescoring, ...]:
    """What rolling back `ids` re-scores, by the comparison of an import's catalog file (queries/catalog_rescoring.sql):
    the periods of the values that stay (of the active batches not rolled back) and the catalog that
    queries/catalog_after_rollback.sql leaves; indicators named as they are named now."""
    stored_periods = cur.sql(
        "SELECT DISTINCT domain, period FROM indicator_values "
        "WHERE batch_id IN (SELECT id FROM active_batch_ids) AND NOT list_contains($ids, batch_id)",
        params={"ids": ids},
    )
    tables = {
        "stored_periods": stored_periods,
        "versions_after": queries.relation_within(cur, "catalog_after_rollback", batches=ids),
    }
    return rescorings(queries.run_within(cur, "catalog_rescoring", tables, name_after=False))


def _relabelled(cur: duckdb.DuckDBPyConnection, ids: list[int]) -> tuple[Relabelling, ...]:
    """The Relabellings of rolling back `ids`: per indicator with values that stay, the version in force for each
    of their periods now and after (catalog_changes.in_force), compared field by field."""
    listed = ", ".join(_FIELDS)
    now = cur.execute(f"SELECT {listed} FROM current_indicators").fetchall()
    after = cur.execute(
        f"SELECT {listed} FROM indicators WHERE batch_id IN (SELECT id FROM active_batch_ids) "
        "AND NOT list_contains($ids, batch_id) "
        "QUALIFY row_number() OVER (PARTITION BY code, effective_from ORDER BY batch_id DESC) = 1",
        {"ids": ids},
    ).fetchall()
    # the values that stay: of the active batches not rolled back (the keys of current_values without its window,
    # as reference.value_periods reads them for the importer's check)
    held = cur.execute(
        "SELECT indicator, period, list(DISTINCT batch_id ORDER BY batch_id) FROM indicator_values "
        "WHERE batch_id IN (SELECT id FROM active_batch_ids) AND NOT list_contains($ids, batch_id) "
        "AND value IS NOT NULL GROUP BY indicator, period",
        {"ids": ids},
    ).fetchall()
    versions_now: dict[str, list[dict]] = {}
    versions_after: dict[str, list[dict]] = {}
    for rows, into in ((now, versions_now), (after, versions_after)):
        for row in rows:
            version = dict(zip(_FIELDS, row, strict=True))
            into.setdefault(version["code"], []).append(version)
    found: dict[tuple, tuple[list[str], set[int], str]] = {}  # (code, field, before, after) -> periods, batches, name
    for code, period, holding in held:
        old = in_force(versions_now.get(code, []), period)
        if old is None:  # never scored by a version (the importer refuses such values): nothing to change
            continue
        new = in_force(versions_after.get(code, []), period)
        if new is None:
            changes = [("version", old.get("unit"), None)]
        else:
            changes = [
                (field, old.get(field), new.get(field))
                for field in RELABELLING_FIELDS
                if not same(field, old.get(field), new.get(field))
            ]
        for field, before, later in changes:
            periods_of, batches_of, _ = found.setdefault((code, field, before, later), ([], set(), old["name"]))
            periods_of.append(period)
            batches_of.update(int(b) for b in holding)
    return tuple(
        Relabelling(
            code,
            name,
            field,
            before,
            later,
            tuple(sorted(periods_of, key=lambda p: (periods.bounds(p)[0], p))),
            tuple(sorted(batches_of)),
        )
        for (code, field, before, later), (periods_of, batches_of, name) in sorted(
            found.items(), key=lambda item: (item[0][0], item[0][1])
        )
    )


def relabelling_items(relabelled: Sequence[Relabelling], lang: str) -> list[str]:
    """Each Relabelling as the refusal names it: the indicator, old → new unit or domain (or no version at all)
    and its periods."""
    items = []
    for change in relabelled:
        values = {
            "before": catalog_value_text("unit" if change.field == "version" else change.field, change.before, lang),
            "after": catalog_value_text(change.field, change.after, lang) if change.field != "version" else "",
        }
        items.append(
            t(
                f"rollback_relabel_{change.field}",
                lang,
                indicator=t("indicator_named", lang, name=change.name or change.code, code=change.code),
                periods=join(list(change.periods), lang),
                n=len(change.periods),
                **values,
            )
        )
    return items


def relabelling_params(effects: RollbackEffects) -> dict:
    """The parameters of `rollback_relabels_values` (batches.relabelling_refusal) for `effects`: the batches rolled
    back, the relabellings, and the batches holding the values they concern."""
    holding = sorted({b for change in effects.relabelled for b in change.batches})
    return {
        "batch": "、".join(f"#{i}" for i in effects.batch_ids),
        "items": (
            "by_lang",
            {lang: _sentences(relabelling_items(effects.relabelled, lang), lang) for lang in LANGUAGES},
        ),
        "value_batches": "、".join(f"#{i}" for i in holding),
    }


def _sentences(items: list[str], lang: str) -> str:
    return ("; " if lang == "en" else "；").join(items)
