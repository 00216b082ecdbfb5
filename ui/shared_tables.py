"""The rankings page's tables (incentive/race/ranking_tables.py) and why a rank moved, built once per process for
the same inputs and read by every session as its own view.

A cached rankings run at province scale rebuilt its ranking table and the focus unit's indicator detail (with its
benchmarks) from the cached ranking on every run, which twenty viewers at once wait for one after another under the
interpreter lock (docs/performance.md, "Many viewers"). A table depends only on its builder's arguments, so sessions
that show the same view share one, as they share figures (ui/shared_charts.py): a new session's cached rankings run
took 0.115 s instead of 0.135 s (median of 50, 2026-12-03). Each call returns a view of the kept table
(ui/shared_results.py), which the page may change as it likes.

Arguments are keyed by content: a frame or series by the SHA-256 of its pickle (shared_charts.content_key), a
ranking by that of its fields (`ranking_key`), so two inputs with one key are the same input; equal inputs built
another way may pickle differently, which builds a table once more, never gives another's table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pandas as pd

from incentive.race import ranking_tables, scoring
from incentive.race.scoring import Ranking

from .shared_charts import content_key
from .shared_results import shared_result

# A few periods, methods, levels, languages and focus units that sessions are looking at now; a table of a hundred
# counties is some tens of kilobytes.
KEPT = 64


def ranking_key(ranking: Ranking) -> bytes:
    """A ranking as a cache key: the SHA-256 of the pickle of its fields, which hold all of it. Not of the object,
    whose pickle also holds what its cached properties have computed so far (`Ranking.ranked`), which a page's
    charts compute in one run and not in another."""
    return content_key(tuple(getattr(ranking, field.name) for field in dataclasses.fields(ranking)))


_BY_CONTENT = {pd.DataFrame: content_key, pd.Series: content_key, Ranking: ranking_key}


@shared_result(max_entries=KEPT, hash_funcs=_BY_CONTENT)
def ranking_table(
    now: Ranking, before: Ranking | None, level: str, lang: str, classes: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """ranking_tables.ranking_table, shared."""
    return ranking_tables.ranking_table(now, before, level, lang, classes)


@shared_result(max_entries=KEPT, hash_funcs=_BY_CONTENT)
def indicator_detail(ranking: Ranking, unit: str, lang: str) -> pd.DataFrame:
    """ranking_tables.indicator_detail, shared."""
    return ranking_tables.indicator_detail(ranking, unit, lang)


@shared_result(max_entries=KEPT, hash_funcs=_BY_CONTENT)
def rank_change(now: Ranking, before: Ranking, unit: str, lang: str) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Why `unit`'s rank moved from `before` to `now` (ui/rank_move.py): scoring.attribute_change's contributions
    as ranking_tables.attribution_table words them, and scoring.passed_and_fell_behind's two lists."""
    passed, behind = scoring.passed_and_fell_behind(now, before, unit)
    return ranking_tables.attribution_table(scoring.attribute_change(now, before, unit), lang), passed, behind
