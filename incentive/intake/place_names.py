"""County and township names against the region list (data contract, "Names").

`东城` may stand for `东城县`: a unique match after removing the suffix is accepted and reported; an ambiguous one
is an error listing the candidates; an unknown one is an error with the closest known name suggested.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from incentive.intake.cell_values import as_written, cell_written, name_key
from incentive.intake.preview import Note, Preview, Problem

COUNTY_SUFFIXES = ("自治县", "县", "区", "市", "旗")
TOWNSHIP_SUFFIXES = ("街道办事处", "办事处", "街道", "镇", "乡")


def base_name(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def suggest(given: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(given, options, n=1, cutoff=0.5)
    return close[0] if close else None


@dataclass(frozen=True)
class Match:
    name: str  # the known name, or what was given when there is an error
    error: str | None = None  # message key
    params: dict = field(default_factory=dict)


class NameMatcher:
    """Resolves names one file at a time, remembering which short forms it accepted (for the preview's notes)."""

    def __init__(self, regions: list[tuple[str, str]]) -> None:
        self.known = bool(regions)
        self.counties = sorted({c for c, _ in regions})
        self.townships: dict[str, list[str]] = defaultdict(list)
        for county, township in regions:
            if township:
                self.townships[county].append(township)
        self.accepted: Counter = Counter()  # (given, matched) -> rows
        self._cache: dict[tuple, Match] = {}

    def county(self, given: str) -> Match:
        return self._match(given, "", self.counties, COUNTY_SUFFIXES, "unknown_county")

    def township(self, county: str, given: str) -> Match:
        return self._match(given, county, self.townships.get(county, []), TOWNSHIP_SUFFIXES, "unknown_township")

    def _match(self, given: str, scope: str, options: list[str], suffixes: tuple[str, ...], error: str) -> Match:
        if not self.known:
            return Match(given)
        key = (given, scope, error)
        if key not in self._cache:
            self._cache[key] = _resolve(given, options, suffixes, error)
        match = self._cache[key]
        if match.error is None and match.name != given:
            self.accepted[(given, match.name)] += 1
        return match


def _resolve(given: str, options: list[str], suffixes: tuple[str, ...], error: str) -> Match:
    if given in options:
        return Match(given)
    same = [o for o in options if name_key(o) == name_key(given)]
    if len(same) == 1:
        return Match(same[0])
    base = base_name(given, suffixes)
    hits = [o for o in options if base_name(o, suffixes) == base]
    if len(hits) == 1:
        return Match(hits[0])
    if hits:
        return Match(given, "ambiguous_name", {"candidates": hits})
    suggestion = suggest(given, options)
    return Match(given, error, {"suggestion": suggestion} if suggestion else {})


def matched_place(preview: Preview, match: Match, row: int, column: str, written: object) -> str:
    """The name a match gives a county or township cell; its problem, if any, recorded at the row and column,
    quoting the cell `written` as in the file (cell_values.as_written: `云 岫 县Ａ`, not the `云岫县A` matched)."""
    if match.error:
        preview.problems.append(
            Problem(match.error, row, column, as_written(written), match.params, cell_written(written))
        )
    return match.name


def report_accepted_names(preview: Preview, names: NameMatcher) -> None:
    """One note per name accepted for another (`东城` read as `东城县`), with how many cells wrote it so."""
    for (given, matched), n in sorted(names.accepted.items()):
        preview.notes.append(Note("note_name_fixed", {"given": given, "matched": matched, "n": n}))
