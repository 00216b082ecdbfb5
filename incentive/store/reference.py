"""What a file is checked against (`preview.Reference`): the regions, every catalog version and the settings in
force, read from current data. Parsing itself opens no database; the caller reads this and passes it in. The stored
spellings of a file's cadre ids (`cadre_spellings`) are read through it only when a file of cadres asks for them."""

from __future__ import annotations

import contextlib
import functools

import duckdb
import pandas as pd

from incentive.intake.preview import Reference
from incentive.store import queries, settings
from incentive.store.database import Database

_FIELDS = ("code", "name", "domain", "track", "unit", "direction", "weight", "target", "min", "max", "effective_from")


def current_reference(db: Database) -> Reference:
    """The reference as committed now. Its cadre spellings are read when a file asks, on a cursor of their own."""
    with contextlib.closing(db.cursor()) as cur:
        reference = reference_within(cur)
    reference.cadre_spellings = functools.partial(_spellings_committed, db)
    return reference


def reference_within(cur: duckdb.DuckDBPyConnection) -> Reference:
    """The reference as `cur` sees it: inside a transaction, with the regions and catalog it has written so far
    (loading the sample checks each file against the ones before it, all in one transaction)."""
    regions = cur.execute("SELECT county, township FROM current_regions").fetchall()
    indicators = [
        dict(zip(_FIELDS, row, strict=False))
        for row in cur.execute(
            f"SELECT {', '.join(_FIELDS)} FROM current_indicators ORDER BY code, effective_from DESC"
        ).fetchall()
    ]
    classes = cur.execute(
        "SELECT DISTINCT peer_class FROM current_regions WHERE coalesce(peer_class, '') <> '' ORDER BY peer_class"
    ).fetchall()
    # of the active batches' values rather than current_values: the same keys without its window over every value
    # (a tenth of the time at 300,000 values); a key whose newest value is blank still counts, which only refuses
    # a unit change over a period that once held a value
    value_periods = cur.execute(
        "SELECT indicator, list(DISTINCT period) FROM indicator_values "
        "WHERE batch_id IN (SELECT id FROM active_batch_ids) AND value IS NOT NULL GROUP BY indicator"
    ).fetchall()
    return Reference(
        regions=[(c, tw or "") for c, tw in regions],
        indicators=indicators,
        settings=settings.read(cur),
        classes=[c for (c,) in classes],
        value_periods={code: tuple(found) for code, found in value_periods},
        cadre_spellings=functools.partial(cadre_spellings, cur),
    )


def cadre_spellings(cur: duckdb.DuckDBPyConnection, kind: str, ids: list[str]) -> list[tuple[str, str, bool]]:
    """(file id, stored id, on the roster) for each stored id equal to one of a `kind` file's distinct `ids`
    ignoring case, as `cur` sees the store (queries/cadre_id_spellings.sql: a join of the distinct ids, read only
    when a file of cadres is parsed; docs/decisions.md#cadre-ids-in-another-letter-case)."""
    incoming = pd.DataFrame({"cadre_id": pd.Series(ids, dtype=object)})
    found = queries.run_within(cur, "cadre_id_spellings", {"incoming": incoming}, kind=kind)
    return list(zip(found["cadre_id"], found["stored"], found["on_roster"].astype(bool), strict=True))


def _spellings_committed(db: Database, kind: str, ids: list[str]) -> list[tuple[str, str, bool]]:
    with contextlib.closing(db.cursor()) as cur:
        return cadre_spellings(cur, kind, ids)
