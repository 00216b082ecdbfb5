"""What a file is checked against (`preview.Reference`): the regions, every catalog version and the settings in
force, read from current data. Parsing itself needs no database; the caller reads this and passes it in."""

from __future__ import annotations

import contextlib

import duckdb

from incentive.intake.preview import Reference
from incentive.store import settings
from incentive.store.database import Database

_FIELDS = ("code", "name", "domain", "track", "unit", "direction", "weight", "target", "min", "max", "effective_from")


def current_reference(db: Database) -> Reference:
    """The reference as committed now."""
    with contextlib.closing(db.cursor()) as cur:
        return reference_within(cur)


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
    )
