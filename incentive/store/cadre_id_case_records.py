"""Stored records whose cadre id is on no roster but differs only in letter case from a roster's id
(docs/decisions.md#cadre-ids-in-another-letter-case): training, decisions or grades stored as `lz009001`, warned of
then as on no roster, before a roster listed `LZ009001`. Nothing re-links them, and stored rows are not changed
behind the user's back: a roster's preview warns of those its ids meet (checks.add_warnings), and `incentive
check` lists every such id. Read by queries/cadre_id_case_records.sql, ids and counts only (no names)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive.intake.cadre_ids import folded
from incentive.store import queries


@dataclass(frozen=True)
class CaseRecords:
    """`records` stored rows of `kind` under `stored`, an id on no roster equal ignoring ASCII case to the roster's
    `roster_id`."""

    kind: str
    stored: str
    roster_id: str
    records: int


def case_records(con: duckdb.DuckDBPyConnection, roster_ids: list[str] | None = None) -> list[CaseRecords]:
    """The stored records in another letter case of `roster_ids` (a roster file's ids as they will be stored), or,
    when None, of every stored roster's ids; by roster id, kind and stored spelling. `con`: the database's
    connection (Database.connection: on a lake, the reader that searches it), on a cursor of the query's own."""
    incoming = pd.DataFrame({"cadre_id": pd.Series(roster_ids or [], dtype=object)})
    found = queries.run(con, "cadre_id_case_records", {"incoming": incoming}, file_only=roster_ids is not None)
    return [
        CaseRecords(kind, stored, roster_id, int(n))
        for kind, stored, roster_id, n in zip(
            found["kind"], found["stored"], found["roster_id"], found["records"], strict=True
        )
        if folded(stored) == folded(roster_id)  # the query's lower() folds more than ASCII: narrowed here
    ]
