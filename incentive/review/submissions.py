"""County submissions (docs/decisions.md#submissions-and-review).

A county clerk's upload does not go live: it is checked exactly like an import (the same parse, plausibility
warnings and effects), and, refused rows aside, stored as a submission with its bytes and options. The prefecture
administrator accepts it (the stored bytes are read again through the same functions, against the data as they
are then, and land as one batch of the clerk's county, created by the administrator) or returns it with a note;
the clerk may withdraw it while it is pending. A submission's states are an append-only event table; every state
change writes its audit row in its own transaction.

County files are checked against the clerk's county ([county batches](docs/decisions.md#county-batches)): the
prefecture keeps regions and the catalog, so those kinds are refused; rows of another county are refused with
their row numbers; training and personnel decisions have no county column, so their cadre must belong to the
clerk's county on the record's date (the rule 能上能下 counts by).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive.accounts.roles import COUNTY_CLERK, Principal
from incentive.i18n import TranslatedError
from incentive.intake import checks
from incentive.intake.bulk_csv import parse_upload
from incentive.intake.preview import Preview, Problem
from incentive.store import audit, batches
from incentive.store.database import Database
from incentive.store.effects import ImportEffects, import_effects
from incentive.store.reference import current_reference

PENDING, ACCEPTED, RETURNED, WITHDRAWN = "pending", "accepted", "returned", "withdrawn"
STATES = (PENDING, ACCEPTED, RETURNED, WITHDRAWN)
PREFECTURE_KINDS = ("regions", "indicators")  # kept by the prefecture: never from a county
COUNTY_COLUMN_KINDS = ("race_scores", "welfare", "roster")
# No county column: the cadre's county on the record's date (an appraisal's: the last day of its year).
CADRE_KINDS = ("training", "movements", "appraisals")
NOTE_MAX_CHARS = 1000


class SubmissionError(TranslatedError):
    """A submission or review step that is not allowed (nothing changed); the sentence says why."""


@dataclass(frozen=True)
class Options:
    """What the uploader chose beside the file, as on the Data page: the kind ('' = detect), the period of a
    file without one, a roster's as-of date, and whether invalid rows are skipped."""

    kind: str = ""
    period: str = ""
    as_of: str = ""
    skip_invalid: bool = False


@dataclass(frozen=True)
class Submission:
    id: int
    file_name: str
    data: bytes
    sha256: str
    options: Options
    kind: str
    row_count: int
    county: str
    submitted_by: str
    submitted_at: dt.datetime
    state: str
    state_at: dt.datetime
    state_by: str
    note: str | None
    batch_id: int | None


# ------------------------------------------------------------ checking


def check(
    db: Database, file_name: str, data: bytes, options: Options, county: str | None
) -> tuple[Preview, ImportEffects | None]:
    """The preview of a file and what importing it would change now: for the prefecture (`county` None) as
    the Data page imports it; for a county, with the county's rules added as problems (`check_county`) and the
    effects of a county batch. The Data page, the clerk's page, submitting and accepting all call this."""
    version = batches.data_version(db)  # first: whatever changes after it makes this preview stale
    reference = current_reference(db)
    preview = parse_upload(
        file_name,
        data,
        reference,
        kind=options.kind or None,
        period=options.period,
        as_of=options.as_of,
        skip_invalid=options.skip_invalid,
    )
    preview.data_version = version
    if county is not None:
        check_county(db, preview, county)
    checks.add_warnings(db, preview, reference, county)
    effects = import_effects(db, preview, county) if preview.importable else None
    return preview, effects


def check_county(db: Database, preview: Preview, county: str) -> None:
    """Add a problem for each row `county`'s clerk may not send, and make the file unimportable as a whole when
    there is one (skipping rows cannot help: a file with another county's rows is the wrong file)."""
    if preview.kind in PREFECTURE_KINDS:
        preview.problems.append(Problem("submit_kind_refused", params={"kind": ("i18n", f"kind_{preview.kind}")}))
        preview.fatal = True
        return
    if not preview.row_count:
        return
    if preview.kind in COUNTY_COLUMN_KINDS:
        found = _other_county_rows(preview, county)
    elif preview.kind in CADRE_KINDS:
        found = _other_cadre_rows(db, preview, county)
    else:
        return
    if found:
        preview.problems.extend(found)
        preview.problems.sort(key=lambda p: (p.row is None, p.row or 0))
        preview.fatal = True


def _other_county_rows(preview: Preview, county: str) -> list[Problem]:
    rows = preview.columns_of(["source_row", "county"]).drop_duplicates("source_row")
    outside = rows[rows["county"] != county]
    column = preview.column_labels.get("county")
    return [
        Problem("submit_other_county", row=int(r), column=column, value=str(c), params={"own": county})
        for r, c in zip(outside["source_row"], outside["county"], strict=True)
    ]


def _other_cadre_rows(db: Database, preview: Preview, county: str) -> list[Problem]:
    """Rows whose cadre was not on `county`'s roster on the record's date (the newest snapshot on or before it
    that lists the cadre, else the cadre's earliest; as queries/movements_by_county.sql places decisions). An
    appraisal is dated on the last day of its year, the roster the grade was given on."""
    rows = preview.columns_of(["source_row", "cadre_id", "date" if "date" in preview.columns else "year"])
    dated = (
        rows["date"] if "date" in rows.columns else pd.to_datetime(rows["year"].astype(str) + "-12-31", errors="coerce")
    )
    incoming = pd.DataFrame({"source_row": rows["source_row"], "cadre_id": rows["cadre_id"], "date": dated})
    with contextlib.closing(db.cursor()) as cur:
        cur.register("incoming", incoming)
        found = cur.execute(
            """
            WITH roster AS (  -- of two counties' snapshots of one day, the later batch's row (the ASOF tie)
                SELECT * FROM current_roster WHERE cadre_id IN (SELECT cadre_id FROM incoming)
                QUALIFY row_number() OVER (PARTITION BY cadre_id, as_of ORDER BY batch_id DESC) = 1
            ),
            placed AS (
                SELECT i.source_row, i.cadre_id, r.county
                FROM (SELECT source_row, cadre_id, CAST(date AS DATE) AS date FROM incoming) i
                ASOF LEFT JOIN roster r ON i.cadre_id = r.cadre_id AND i.date >= r.as_of
            ),
            first_seen AS (SELECT cadre_id, arg_min(county, as_of) AS county FROM roster GROUP BY cadre_id)
            SELECT p.source_row, p.cadre_id
            FROM placed p LEFT JOIN first_seen f USING (cadre_id)
            WHERE coalesce(p.county, f.county) IS DISTINCT FROM $county
            ORDER BY p.source_row
            """,
            {"county": county},
        ).fetchall()
    column = preview.column_labels.get("cadre_id")
    return [
        Problem(
            "submit_cadre_not_in_county",
            row=int(row),
            column=column,
            value=preview.id_as_written(int(row), str(cadre)),  # `lz000717` as written, not LZ000717 as stored
            params={"own": county},
        )
        for row, cadre in found
    ]


# ------------------------------------------------------------ writing


def submit(db: Database, who: Principal | None, file_name: str, data: bytes, options: Options) -> int:
    """Store a county clerk's file as a pending submission; returns its id. SubmissionError when `who` is not a
    county clerk, or when the file is refused (the refusal is audited with the file's name, hash and problem
    count, as a refused import is)."""
    if who is None or who.role != COUNTY_CLERK or not who.county:
        raise SubmissionError("submit_not_clerk")
    preview, _ = check(db, file_name, data, options, who.county)
    if not preview.importable:
        record_refusal(db, who, preview)
        raise SubmissionError("submit_not_importable")

    def write(cur: duckdb.DuckDBPyConnection) -> int:
        new_id = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM submissions").fetchone()[0]
        now = dt.datetime.now()
        cur.execute(
            "INSERT INTO submissions VALUES ($id, $file, $data, $sha, $size, $kind_option, $period, $as_of, "
            "$skip, $kind, $rows, $county, $by, $at, $periods)",
            {
                "id": new_id,
                "file": file_name,
                "data": data,
                "sha": preview.sha256,
                "size": len(data),
                "kind_option": options.kind or "",
                "period": options.period or "",
                "as_of": options.as_of or "",
                "skip": bool(options.skip_invalid),
                "kind": preview.kind,
                "rows": preview.row_count,
                "county": who.county,
                "by": who.name,
                "at": now,
                "periods": periods_of(preview),
            },
        )
        _event(cur, new_id, PENDING, who.name, at=now)
        audit.write(
            cur,
            who.name,
            "submit",
            target=f"submission {new_id}",
            file_name=file_name,
            sha256=preview.sha256,
            rows=preview.row_count,
            detail=who.county,
        )
        return new_id

    return db.serial_write(write)


def record_refusal(db: Database, who: Principal, preview: Preview) -> None:
    """A clerk's file that did not pass, on record with its name, hash, data rows and problem count, as a refused
    import is (the clerk's page records each refused file once per session, without reading it again)."""
    audit.record(
        db,
        who.name,
        "submit",
        file_name=preview.file_name,
        sha256=preview.sha256,
        outcome="refused",
        rows=preview.data_rows,
        detail=f"{len(preview.problems)} problems",
    )


def accept(db: Database, submission_id: int, who: Principal | None) -> int:
    """Put a pending submission live: its stored bytes are checked again now, through `check` with its county,
    and land as one batch of that county created by `who` (the prefecture administrator), with an `accepted`
    event naming the batch; returns the batch id. SubmissionError when `who` is not the prefecture
    administrator, when the submission is not pending (accepted twice, returned or withdrawn meanwhile), or when
    the file no longer passes (say, the catalog changed): then return it with a note."""
    _require_admin(who)
    found = load(db, submission_id)
    _require_pending(found)
    preview, _ = check(db, found.file_name, found.data, found.options, found.county)
    if not preview.importable:
        audit.record(
            db,
            who.name,
            "accept",
            target=f"submission {submission_id}",
            file_name=found.file_name,
            sha256=found.sha256,
            outcome="refused",
            detail=f"{len(preview.problems)} problems",
        )
        raise SubmissionError("review_not_importable")

    def write(cur: duckdb.DuckDBPyConnection) -> int:
        _require_pending_in(cur, submission_id)  # under the write lock: a second accept waits, then sees this one
        batch_id = batches.store(
            cur, preview, source="submission", created_by=who.name, county=found.county, submission_id=submission_id
        )
        _event(cur, submission_id, ACCEPTED, who.name, batch_id=batch_id)
        audit.write(
            cur,
            who.name,
            "accept",
            target=f"submission {submission_id}",
            file_name=found.file_name,
            sha256=found.sha256,
            rows=preview.row_count,
            detail=f"batch {batch_id}",
        )
        return batch_id

    return db.serial_write(write)


def return_to_clerk(db: Database, submission_id: int, who: Principal | None, note: str) -> None:
    """Send a pending submission back with a note the clerk reads (required, at most NOTE_MAX_CHARS)."""
    _require_admin(who)
    note = (note or "").strip()
    if not note:
        raise SubmissionError("review_note_required")
    if len(note) > NOTE_MAX_CHARS:
        raise SubmissionError("review_note_long", limit=NOTE_MAX_CHARS)

    def write(cur: duckdb.DuckDBPyConnection) -> None:
        _require_pending_in(cur, submission_id)
        _event(cur, submission_id, RETURNED, who.name, note=note)
        audit.write(cur, who.name, "return", target=f"submission {submission_id}", detail=note)

    db.serial_write(write)


def withdraw(db: Database, submission_id: int, who: Principal | None) -> None:
    """The clerk who submitted takes a pending submission back."""

    def write(cur: duckdb.DuckDBPyConnection) -> None:
        state, by, county = _state_in(cur, submission_id)
        if who is None or who.role != COUNTY_CLERK or by != who.name or county != who.county:
            raise SubmissionError("withdraw_not_yours")
        if state != PENDING:
            raise SubmissionError("review_not_pending", state=("i18n", f"submission_state_{state}"))
        _event(cur, submission_id, WITHDRAWN, who.name)
        audit.write(cur, who.name, "withdraw", target=f"submission {submission_id}")

    db.serial_write(write)


def _require_admin(who: Principal | None) -> None:
    if who is None or not who.is_admin:
        raise SubmissionError("review_not_admin")


def _require_pending(found: Submission) -> None:
    if found.state != PENDING:
        raise SubmissionError("review_not_pending", state=("i18n", f"submission_state_{found.state}"))


def _state_in(cur: duckdb.DuckDBPyConnection, submission_id: int) -> tuple[str, str, str]:
    row = cur.execute(
        "SELECT state, submitted_by, county FROM current_submissions WHERE id = $id", {"id": submission_id}
    ).fetchone()
    if row is None:
        raise SubmissionError("submission_unknown", id=submission_id)
    return row


def _require_pending_in(cur: duckdb.DuckDBPyConnection, submission_id: int) -> None:
    state = _state_in(cur, submission_id)[0]
    if state != PENDING:
        raise SubmissionError("review_not_pending", state=("i18n", f"submission_state_{state}"))


def _event(
    cur: duckdb.DuckDBPyConnection,
    submission_id: int,
    state: str,
    who: str,
    *,
    note: str | None = None,
    batch_id: int | None = None,
    at: dt.datetime | None = None,
) -> None:
    # Strictly after the submission's previous event, so "newest event" never ties.
    last = cur.execute(
        "SELECT max(happened_at) FROM submission_events WHERE submission_id = $id", {"id": submission_id}
    ).fetchone()[0]
    now = at or dt.datetime.now()
    if last is not None and now <= last:
        now = last + dt.timedelta(microseconds=1)
    cur.execute(
        "INSERT INTO submission_events VALUES ($id, $state, $at, $who, $note, $batch)",
        {"id": submission_id, "state": state, "at": now, "who": who, "note": note, "batch": batch_id},
    )


# ------------------------------------------------------------ reading

_LISTED = (
    "id, file_name, kind, row_count, county, submitted_by, submitted_at, state, state_at, state_by, note, batch_id"
)


def listing(db: Database, county: str | None = None) -> pd.DataFrame:
    """Submissions as they stand (without their bytes), of one county or all: pending first (oldest first, the
    order to review them in), then the rest newest first. Columns: id, file_name, kind, row_count, county,
    submitted_by, submitted_at, state, state_at, state_by, note, batch_id."""
    return db.fetch_df(
        f"SELECT {_LISTED} FROM current_submissions WHERE $county IS NULL OR county = $county "
        "ORDER BY state <> 'pending', CASE WHEN state = 'pending' THEN epoch(submitted_at) "
        "ELSE -epoch(submitted_at) END, id",
        {"county": county},
    )


def answered_returns(db: Database, county: str) -> dict[int, int]:
    """The returned submissions of `county` that a later one has answered: returned id → the id of the first
    submission after it (a higher id) of the same kind, sharing a period (`_share`), that was accepted. Their
    return notes are history; the others' still stand (docs/decisions.md#return-notes)."""
    rows = db.fetch_all(
        "SELECT c.id, c.kind, c.state, s.periods FROM current_submissions c JOIN submissions s USING (id) "
        "WHERE c.county = $county AND c.state IN ('returned', 'accepted') ORDER BY c.id",
        {"county": county},
    )
    accepted = [(int(i), kind, periods) for i, kind, state, periods in rows if state == ACCEPTED]
    answered = {}
    for i, kind, state, periods in rows:
        if state != RETURNED:
            continue
        later = next((j for j, k, p in accepted if j > i and k == kind and _share(periods, p)), None)
        if later is not None:
            answered[int(i)] = later
    return answered


def resent_returns(db: Database, county: str) -> dict[int, int]:
    """The returned submissions of `county` that are not yet answered but were sent again: returned id → the id
    of the first submission sent after the return (a later `submitted_at` than the return's time) of the same kind,
    sharing a period, now pending review. The clerk's page says the new file awaits review instead of asking for
    it again (docs/decisions.md#return-notes)."""
    rows = db.fetch_all(
        "SELECT c.id, c.kind, c.state, c.state_at, c.submitted_at, s.periods FROM current_submissions c "
        "JOIN submissions s USING (id) WHERE c.county = $county AND c.state IN ('returned', 'pending') ORDER BY c.id",
        {"county": county},
    )
    pending = [(int(i), kind, sent, periods) for i, kind, state, _, sent, periods in rows if state == PENDING]
    resent = {}
    for i, kind, state, returned_at, _, periods in rows:
        if state != RETURNED:
            continue
        later = next((j for j, k, sent, p in pending if k == kind and sent > returned_at and _share(periods, p)), None)
        if later is not None:
            resent[int(i)] = later
    return resent


def pending_count(db: Database, period: str | None = None) -> int:
    """Submissions awaiting review; with `period`, those whose values (race scores, welfare) belong to it, which
    is what holds up publishing that period (a submission stored before periods were recorded counts for every
    period)."""
    if period is None:
        return db.fetch_all("SELECT count(*) FROM current_submissions WHERE state = 'pending'")[0][0]
    return db.fetch_all(
        "SELECT count(*) FROM current_submissions c JOIN submissions s USING (id) "
        "WHERE c.state = 'pending' AND s.kind IN ('race_scores', 'welfare') "
        "AND (s.periods IS NULL OR list_contains(string_split(s.periods, ';'), $period))",
        {"period": period},
    )[0][0]


def pending_alike(db: Database, county: str, kind: str, periods: str | None, exclude: int | None = None) -> list[int]:
    """Ids of the pending submissions of `county` and `kind` that share a period with `periods` (';'-separated, as
    a submission records them: stored periods, or months of dated rows), oldest first, leaving out `exclude`.
    A submission whose periods were not recorded, or a file with none, shares every period. Accepting two of them
    would make the one accepted last overwrite what the other sent (docs/decisions.md#duplicate-submissions)."""
    return [
        i
        for i, their_county, their_kind, theirs in _pending_periods(db)
        if i != exclude and their_county == county and their_kind == kind and _share(periods, theirs)
    ]


def duplicates(db: Database) -> dict[int, list[int]]:
    """Each pending submission that has others of the same county and kind sharing a period (pending_alike) →
    their ids, oldest first: what the review page flags."""
    pending = _pending_periods(db)
    out = {}
    for i, county, kind, periods in pending:
        alike = [j for j, c, k, p in pending if j != i and c == county and k == kind and _share(periods, p)]
        if alike:
            out[i] = alike
    return out


def _pending_periods(db: Database) -> list[tuple[int, str, str, str | None]]:
    rows = db.fetch_all(
        "SELECT c.id, c.county, c.kind, s.periods FROM current_submissions c JOIN submissions s USING (id) "
        "WHERE c.state = 'pending' ORDER BY c.id"
    )
    return [(int(i), county, kind, periods) for i, county, kind, periods in rows]


def _share(a: str | None, b: str | None) -> bool:
    """Whether two submissions' periods overlap; unknown (NULL or '') overlaps everything."""
    mine, theirs = ({p for p in (x or "").split(";") if p} for x in (a, b))
    return not mine or not theirs or bool(mine & theirs)


def periods_of(preview: Preview) -> str:
    """The distinct stored periods of a race-score or welfare file, or the months ('2026-08') of a roster's as-of
    date or of dated records (training, movements), ';'-separated: what the submission tracker places it by
    (docs/decisions.md#assessment-cycle); '' when the file has none."""
    if "period" in preview.columns:
        return ";".join(sorted(str(p) for p in preview.columns_of(["period"])["period"].dropna().unique()))
    for column in ("as_of", "date"):
        if column in preview.columns:
            days = pd.to_datetime(preview.columns_of([column])[column], errors="coerce").dropna()
            return ";".join(sorted(days.dt.strftime("%Y-%m").unique()))
    return ""


def load(db: Database, submission_id: int) -> Submission:
    """One submission with its bytes. SubmissionError when there is none with that id."""
    rows = db.fetch_all(
        "SELECT s.id, s.file_name, s.data, s.sha256, s.kind_option, s.period, s.as_of, s.skip_invalid, s.kind, "
        "s.row_count, s.county, s.submitted_by, s.submitted_at, c.state, c.state_at, c.state_by, c.note, c.batch_id "
        "FROM submissions s JOIN current_submissions c USING (id) WHERE s.id = $id",
        {"id": submission_id},
    )
    if not rows:
        raise SubmissionError("submission_unknown", id=submission_id)
    (i, name, data, sha, kind_option, period, as_of, skip, kind, count, county, by, at, *state) = rows[0]
    return Submission(
        i, name, bytes(data), sha, Options(kind_option, period, as_of, skip), kind, count, county, by, at, *state
    )
