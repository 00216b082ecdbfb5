"""Rollbacks of accepted county data, reviewed (docs/decisions.md#rollbacks-of-accepted-data-are-reviewed).

A county's batch is data the prefecture administrator accepted from the county's submission after reviewing it
(incentive/review/submissions.py). Taking it back changes the official data as much as putting it in did, so a
county clerk does not roll it back himself: he asks, with a reason, and his request waits in the prefecture
administrator's review queue (审核) beside the submissions. The administrator accepts it, and the batch is rolled
back in the same transaction as the request's event and the audit rows, which name both the clerk who asked and
the administrator who accepted; or returns it with a note the clerk reads. The clerk may withdraw his own request
while it is pending. The prefecture administrator's own rollbacks (the Data page, the command line) stay
immediate, and so does a clerk's withdrawal of his own pending submission, which never went live.

A request's states are an append-only event table, as a submission's: `pending` → `accepted` | `returned` |
`withdrawn`; the newest event is the state, and a state other than pending is final.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive.accounts.roles import COUNTY_CLERK, OutOfScope, Principal
from incentive.i18n import TranslatedError
from incentive.store import audit, batches
from incentive.store.database import Database

PENDING, ACCEPTED, RETURNED, WITHDRAWN = "pending", "accepted", "returned", "withdrawn"
STATES = (PENDING, ACCEPTED, RETURNED, WITHDRAWN)
TEXT_MAX_CHARS = 1000  # a reason or a note, as a submission's return note


class RollbackRequestError(TranslatedError):
    """A request or review step that is not allowed (nothing changed); the sentence says why."""


@dataclass(frozen=True)
class Request:
    """One rollback request as it stands: the batch asked about, the clerk's reason, its state and the reviewer's
    note (a returned request's)."""

    id: int
    batch_id: int
    county: str
    reason: str
    requested_by: str
    requested_at: dt.datetime
    state: str
    state_at: dt.datetime
    state_by: str
    note: str | None


# ------------------------------------------------------------ writing


def request(db: Database, who: Principal | None, batch_id: int, reason: str) -> int:
    """A county clerk asks for an accepted batch of his county to be rolled back; returns the request's id.
    RollbackRequestError when `who` is not a county clerk, the reason is missing or longer than TEXT_MAX_CHARS,
    the batch is not active, or a request for it is already pending; OutOfScope (audited) when the batch is not
    his county's (a prefecture-wide batch, another county's)."""
    if who is None or who.role != COUNTY_CLERK or not who.county:
        raise RollbackRequestError("rollback_request_not_clerk")
    reason = _text(reason, "rollback_request_reason_required")

    def write(cur: duckdb.DuckDBPyConnection) -> int:
        try:
            county = batches.active_county(cur, batch_id)
        except batches.BatchError:
            raise RollbackRequestError("rollback_request_no_batch", batch=batch_id) from None
        if county is None:
            raise OutOfScope("rollback_refused_prefecture", batch=batch_id, own=who.county)
        if county != who.county:
            raise OutOfScope("rollback_refused_county", batch=batch_id, county=county, own=who.county)
        waiting = _pending_for(cur, batch_id)
        if waiting is not None:
            raise RollbackRequestError("rollback_request_duplicate", batch=batch_id, id=waiting)
        new_id = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM rollback_requests").fetchone()[0]
        now = dt.datetime.now()
        cur.execute(
            "INSERT INTO rollback_requests VALUES ($id, $batch, $county, $reason, $by, $at)",
            {"id": new_id, "batch": batch_id, "county": county, "reason": reason, "by": who.name, "at": now},
        )
        _event(cur, new_id, PENDING, who.name, at=now)
        audit.write(cur, who.name, "rollback_request", target=_target(new_id), detail=f"batch {batch_id}: {reason}")
        return int(new_id)

    try:
        return db.serial_write(write)
    except OutOfScope as refused:
        audit.record(
            db, who.name, "rollback_request", target=f"batch {batch_id}", outcome="refused", detail=refused.key
        )
        raise


def accept(db: Database, request_id: int, who: Principal | None) -> int:
    """The prefecture administrator agrees: the batch is rolled back now (batches.undo_in), with the `accepted`
    event and the audit rows (`rollback_accept`; the batch's `rollback` row by the administrator, naming the clerk
    who asked) in one transaction; returns the batch id. RollbackRequestError when `who` is not the prefecture
    administrator, when the request is not pending, or when its batch is no longer active (rolled back meanwhile:
    then return the request with a note)."""
    _require_admin(who)

    def write(cur: duckdb.DuckDBPyConnection) -> int:
        found = _load_in(cur, request_id)
        _require_pending(found)
        try:
            batches.active_county(cur, found.batch_id)
        except batches.BatchError:
            raise RollbackRequestError("rollback_request_batch_gone", batch=found.batch_id) from None
        asked = f"rollback request {request_id} by {found.requested_by}"
        batches.undo_in(cur, found.batch_id, who.name, detail=asked)
        _event(cur, request_id, ACCEPTED, who.name)
        audit.write(cur, who.name, "rollback_accept", target=_target(request_id), detail=f"batch {found.batch_id}")
        return found.batch_id

    return db.serial_write(write)


def return_to_clerk(db: Database, request_id: int, who: Principal | None, note: str) -> None:
    """The prefecture administrator declines a pending request with a note the clerk reads (required, at most
    TEXT_MAX_CHARS); the batch stays."""
    _require_admin(who)
    note = _text(note, "review_note_required")

    def write(cur: duckdb.DuckDBPyConnection) -> None:
        _require_pending(_load_in(cur, request_id))
        _event(cur, request_id, RETURNED, who.name, note=note)
        audit.write(cur, who.name, "rollback_return", target=_target(request_id), detail=note)

    db.serial_write(write)


def withdraw(db: Database, request_id: int, who: Principal | None) -> None:
    """The clerk who asked takes his pending request back."""

    def write(cur: duckdb.DuckDBPyConnection) -> None:
        found = _load_in(cur, request_id)
        if who is None or who.role != COUNTY_CLERK or found.requested_by != who.name or found.county != who.county:
            raise RollbackRequestError("rollback_request_not_yours")
        _require_pending(found)
        _event(cur, request_id, WITHDRAWN, who.name)
        audit.write(cur, who.name, "rollback_withdraw", target=_target(request_id))

    db.serial_write(write)


def _text(text: str, missing_key: str) -> str:
    text = (text or "").strip()
    if not text:
        raise RollbackRequestError(missing_key)
    if len(text) > TEXT_MAX_CHARS:
        raise RollbackRequestError("review_note_long", limit=TEXT_MAX_CHARS)
    return text


def _target(request_id: int) -> str:
    return f"rollback request {request_id}"


def _require_admin(who: Principal | None) -> None:
    if who is None or not who.is_admin:
        raise RollbackRequestError("review_not_admin")


def _require_pending(found: Request) -> None:
    if found.state != PENDING:
        raise RollbackRequestError("rollback_request_not_pending", state=("i18n", f"rollback_state_{found.state}"))


def _pending_for(cur: duckdb.DuckDBPyConnection, batch_id: int) -> int | None:
    row = cur.execute(
        "SELECT min(id) FROM current_rollback_requests WHERE batch_id = $batch AND state = 'pending'",
        {"batch": batch_id},
    ).fetchone()
    return None if row[0] is None else int(row[0])


def _event(
    cur: duckdb.DuckDBPyConnection,
    request_id: int,
    state: str,
    who: str,
    *,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    # Strictly after the request's previous event, so "newest event" never ties.
    last = cur.execute(
        "SELECT max(happened_at) FROM rollback_request_events WHERE request_id = $id", {"id": request_id}
    ).fetchone()[0]
    now = at or dt.datetime.now()
    if last is not None and now <= last:
        now = last + dt.timedelta(microseconds=1)
    cur.execute(
        "INSERT INTO rollback_request_events VALUES ($id, $state, $at, $who, $note)",
        {"id": request_id, "state": state, "at": now, "who": who, "note": note},
    )


_COLUMNS = "id, batch_id, county, reason, requested_by, requested_at, state, state_at, state_by, note"


def _load_in(cur: duckdb.DuckDBPyConnection, request_id: int) -> Request:
    row = cur.execute(f"SELECT {_COLUMNS} FROM current_rollback_requests WHERE id = $id", {"id": request_id}).fetchone()
    if row is None:
        raise RollbackRequestError("rollback_request_unknown", id=request_id)
    i, batch_id, *rest = row
    return Request(int(i), int(batch_id), *rest)


# ------------------------------------------------------------ reading


def load(db: Database, request_id: int) -> Request:
    """One request as it stands. RollbackRequestError when there is none with that id."""
    with contextlib.closing(db.cursor()) as cur:
        return _load_in(cur, request_id)


def listing(db: Database, county: str | None = None) -> pd.DataFrame:
    """Requests as they stand, of one county or all: pending first (oldest first, the order to review them in),
    then the rest newest first. Columns: id, batch_id, kind, file_name, rows, batch_created_at, batch_created_by,
    submission_id, county, reason, requested_by, requested_at, state, state_at, state_by, note."""
    return db.fetch_df(
        "SELECT r.id, r.batch_id, b.kind, b.file_name, b.row_count AS rows, b.created_at AS batch_created_at, "
        "b.created_by AS batch_created_by, b.submission_id, r.county, r.reason, r.requested_by, r.requested_at, "
        "r.state, r.state_at, r.state_by, r.note "
        "FROM current_rollback_requests r JOIN batches b ON b.id = r.batch_id "
        "WHERE $county IS NULL OR r.county = $county "
        "ORDER BY r.state <> 'pending', CASE WHEN r.state = 'pending' THEN epoch(r.requested_at) "
        "ELSE -epoch(r.requested_at) END, r.id",
        {"county": county},
    )


def pending_count(db: Database, period: str | None = None) -> int:
    """Requests awaiting the prefecture's review; with `period`, those whose batch holds race scores or care figures
    of it, which hold up publishing that period as pending submissions do (docs/decisions.md#pending-submissions)."""
    if period is None:
        return db.fetch_all("SELECT count(*) FROM current_rollback_requests WHERE state = 'pending'")[0][0]
    return db.fetch_all(
        "SELECT count(*) FROM current_rollback_requests r WHERE r.state = 'pending' "
        "AND EXISTS (SELECT 1 FROM indicator_values v WHERE v.batch_id = r.batch_id AND v.period = $period)",
        {"period": period},
    )[0][0]


def pending_by_batch(db: Database, county: str | None = None) -> dict[int, int]:
    """Batch id → the pending request asking to roll it back, of one county or all."""
    rows = db.fetch_all(
        "SELECT batch_id, min(id) FROM current_rollback_requests WHERE state = 'pending' "
        "AND ($county IS NULL OR county = $county) GROUP BY batch_id",
        {"county": county},
    )
    return {int(batch): int(i) for batch, i in rows}
