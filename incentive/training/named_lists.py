"""Named lists: the cadres of one county with no training in a window, within the user's scope
(docs/decisions.md#named-lists).

A county role sees his own county's list, and only while it gives away no figure that the window's suppression
pattern hides: the list's length is the county's untrained count, and its rank column the county's untrained
count per rank level, cells that sit in lines with other counties (the prefecture's total, the prefecture's rank
levels). Were one of them hidden, knowing it would let the county work out another county's hidden cell by
subtraction. The prefecture's scope sees every list, as the CLI does.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from incentive import disclosure
from incentive.accounts.roles import Scope
from incentive.i18n import TranslatedError
from incentive.store import queries
from incentive.training.coverage import Window


class NamesWithheld(TranslatedError):
    """A county's list that would give away a figure hidden for the other counties; the sentence says so."""


def give_away(pattern: disclosure.Pattern, county: str) -> list[tuple]:
    """The hidden cells of `pattern` that the list of `county` would reveal and that share a line with other
    counties: the county itself and its rank levels. (Its units, genders and age bands add up to the county
    alone, whose own list a county holds anyway.)"""
    return sorted(
        key
        for key in pattern.hidden
        if key == ("county", county, county) or (key[0] == "rank" and key[1] == county and county)
    )


def untrained(
    conn: duckdb.DuckDBPyConnection,
    scope: Scope,
    window: Window,
    county: str,
    pattern: disclosure.Pattern | None = None,
) -> pd.DataFrame:
    """The cadres of `county` ('' = every county) on the roster in force at the window's end with no training in
    it: county, unit, cadre_id, name, rank. OutOfScope for a county outside `scope`; for a scope short of the
    prefecture, NamesWithheld when `pattern` (the window's, coverage.disclosure_pattern) hides a cell the list
    would give away, or when no pattern is given."""
    scope.check(county)
    if not scope.everything and (pattern is None or give_away(pattern, county)):
        raise NamesWithheld("names_withheld", county=county)
    return queries.run(
        conn,
        "training_untrained",
        scope=scope,
        start=window.start,
        end=window.end,
        records_end=window.data_end,
        county=county,
    )
