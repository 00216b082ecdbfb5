"""干部画像: one named cadre as the rules see him, for a user whose scope covers his county: who he is by the roster,
his training of a year by category against his own target, his annual appraisal grades by year, and the personnel
decisions about him. Every opening is recorded in the audit log before anything is shown
(docs/decisions.md#cadre-profile).

His county is that of the newest roster snapshot listing him (queries/cadre_county.sql): a county's users open
the cadres their county lists now. The training figures are the ones every coverage figure reads for him
(queries/training_cadres.sql, the training page's year), so his page and the county's figures agree.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive.accounts.roles import Principal, Scope, scope_of
from incentive.i18n import TranslatedError
from incentive.intake.cadre_ids import folded
from incentive.intake.cell_values import clean_text
from incentive.store import audit, queries
from incentive.store.database import Database
from incentive.store.reference import cadre_spellings
from incentive.training import coverage

CATEGORIES = coverage.CATEGORIES
ID_MAX_CHARS = 64
_ID = re.compile(r"[^\x00-\x1f\x7f]{1,64}")


class ProfileRefused(TranslatedError):
    """A cadre page that may not be opened (no such cadre, outside the user's scope, not signed in); the
    sentence says why and names nobody."""


@dataclass(frozen=True)
class CadreProfile:
    """`person`: his newest roster row (as_of, name, county, unit, rank, gender, birth_year); `roster`: every
    snapshot listing him, oldest first; `attainment`: his row of training_cadres for `year` (hours counted,
    target, met, online hours and minimum) with `has_target` (False for a rank no group knows) and
    `online_per_year` (学时); None when he is not on the roster at the year's end; `by_category`:
    学时 per training category in `year` (category, hours, records); `records`: the year's training records;
    `grades`: year, grade, unit, newest first; `decisions`: date, action, reason, newest first."""

    cadre_id: str
    year: int
    person: dict
    roster: pd.DataFrame
    attainment: dict | None
    by_category: pd.DataFrame
    records: pd.DataFrame
    grades: pd.DataFrame
    decisions: pd.DataFrame
    # the id as typed or linked, where the roster writes it otherwise (`lz000108`, `ＬＺ０００１０８` for
    # LZ000108: roster_spelling); None when typed as stored. The page says which stored id it shows.
    typed: str | None = None


def county_of(conn: duckdb.DuckDBPyConnection, cadre_id: str) -> str | None:
    """The county of the newest roster snapshot listing `cadre_id`; None when no snapshot does."""
    row = queries.run(conn, "cadre_county", cadre_id=cadre_id).iloc[0]
    return str(row["county"]) if bool(row["on_roster"]) else None


def clean_id(text: str) -> str:
    """A cadre id as typed or linked: trimmed; ProfileRefused when empty, too long or holding control characters
    (it goes into the audit log and the address)."""
    cadre_id = (text or "").strip()
    if not _ID.fullmatch(cadre_id):
        raise ProfileRefused("cadre_id_invalid", limit=ID_MAX_CHARS)
    return cadre_id


def open_profile(db: Database, who: Principal | None, cadre_id: str, year: int) -> CadreProfile:
    """The page of `cadre_id` for `year`, after writing the audit row `open_cadre` (who, the cadre id) in a
    transaction of its own: no row, no page (a StorageFault from the write reaches the caller). ProfileRefused,
    with nothing recorded, when nobody is signed in, no roster lists the cadre, or his county is outside the
    user's scope (the sentence does not say which county, nor whether he exists, to a user who may not know)."""
    if who is None:
        raise ProfileRefused("cadre_sign_in")
    typed = clean_id(cadre_id)
    scope = scope_of(who)
    cadre_id = roster_spelling(db.connection, typed, scope)
    county = county_of(db.connection, cadre_id)
    if county is None or not scope.covers(county):
        raise ProfileRefused("cadre_not_found" if scope.everything else "cadre_not_found_in_scope", cadre=typed)
    audit.record(db, who.name, "open_cadre", target=cadre_id, detail=str(year))
    profile = read_profile(db.connection, scope, cadre_id, county, year)
    return dataclasses.replace(profile, typed=typed if typed != cadre_id else None)


def roster_spelling(conn: duckdb.DuckDBPyConnection, typed: str, scope: Scope) -> str:
    """The id a typed one is looked up as, as the importer reads a file's
    (docs/decisions.md#cadre-ids-in-another-letter-case): NFKC-folded (`ＬＺ０００１０８` is LZ000108: cell_values.clean_text), then, when no roster lists it
    so, the one roster spelling equal to it ignoring ASCII letter case among the cadres `scope` covers (`lz000108`
    is LZ000108); itself when none is. ProfileRefused("cadre_id_ambiguous") naming the stored spellings when
    several are (`AB1` and `ab1` both listed): which cadre is meant cannot be told. Spellings of counties outside
    the scope are never named, nor counted."""
    cadre_id = clean_text(typed) or typed
    if county_of(conn, cadre_id) is not None:
        return cadre_id
    with contextlib.closing(conn.cursor()) as cur:  # the query registers the id as a table: a cursor of its own
        spellings = cadre_spellings(cur, "roster", [cadre_id])
    found = sorted(
        stored
        for _, stored, on_roster in spellings
        if on_roster
        and folded(stored) == folded(cadre_id)
        and (county := county_of(conn, stored)) is not None
        and scope.covers(county)
    )
    if len(found) > 1:
        listed = ("by_lang", {"zh": "、".join(found), "en": ", ".join(found)})
        raise ProfileRefused("cadre_id_ambiguous", cadre=typed, stored=listed)
    return found[0] if found else cadre_id


def read_profile(conn: duckdb.DuckDBPyConnection, scope: Scope, cadre_id: str, county: str, year: int) -> CadreProfile:
    """The figures of the page (open_profile, which records the opening, is the way in for people)."""
    window = coverage.year_window(year)
    named = {"scope": scope, "cadre_id": cadre_id, "county": county}
    roster = queries.run(conn, "cadre_roster", **named)
    records = queries.run(conn, "cadre_training", start=window.start, end=window.end, **named)
    cadres = queries.run(
        conn, "training_cadres", start=window.start, end=window.end, months=window.months, records_end=window.end
    )
    mine = cadres[cadres["cadre_id"] == cadre_id]
    attainment = None
    if len(mine):
        attainment = mine.iloc[0].to_dict()
        # a rank no group knows has no target (NULL columns), which the page says rather than showing 0 owed
        attainment["has_target"] = attainment["rank_group"] is not None and pd.notna(attainment["target"])
        attainment["online_per_year"] = attainment["online_target"] * 12 / window.months
    return CadreProfile(
        cadre_id=cadre_id,
        year=year,
        person=roster.iloc[-1].to_dict() if len(roster) else {"county": county},
        roster=roster,
        attainment=attainment,
        by_category=by_category(records),
        records=_days(records),
        grades=queries.run(conn, "cadre_grades", **named),
        decisions=_days(queries.run(conn, "cadre_decisions", **named)),
    )


def _days(frame: pd.DataFrame) -> pd.DataFrame:
    """Timestamp columns as days: a decision or a course has a date, which a table would print with 00:00:00."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.date
    return out


def by_category(records: pd.DataFrame) -> pd.DataFrame:
    """学时 and records per training category (coverage.CATEGORIES order, every category even without any):
    category, hours, records, online_hours."""
    rows = []
    for category in CATEGORIES:
        mine = records[records["category"] == category]
        rows.append(
            {
                "category": category,
                "hours": float(mine["hours"].sum()),
                "records": len(mine),
                "online_hours": float(mine.loc[mine["mode"] == "online", "hours"].sum()),
            }
        )
    return pd.DataFrame(rows, columns=["category", "hours", "records", "online_hours"])
