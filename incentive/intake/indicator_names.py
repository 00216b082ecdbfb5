"""Indicators named by a text at a period: a long file's indicator cell, a wide file's header, a second
indicator column beside the first.

A code names itself; a name names the indicator whose catalog version in force for the value's period bears it,
else one of which some version bears it (a name since changed, said in a note), and a name several indicators
bore refuses the value, naming each with the periods it bore the name (docs/decisions.md#indicator-names-by-period).
`catalog_entry` gives the version in force itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from incentive import periods
from incentive.i18n import t
from incentive.intake import plausibility
from incentive.intake.cell_values import as_written, clean_text, name_key
from incentive.intake.column_twins import twin_labels
from incentive.intake.file_kinds import strip_unit
from incentive.intake.place_names import suggest
from incentive.intake.preview import Note, Problem, Reference
from incentive.intake.sheet_layout import Table, bracket_unit, indicator_lookup, unknown_bracket


class NameResolution(NamedTuple):
    """What a cell or header naming an indicator names at a period (`IndicatorNames.resolve`)."""

    codes: frozenset[str]  # the indicators it may name; empty when it names none
    in_force: bool  # a code, or a name the versions in force for the period bear (else a name of other times)
    key: str = ""  # the name as compared (name_key, without a unit in brackets when the catalog has it so)

    @property
    def code(self) -> str | None:
        """The one indicator named, or None (none, or more than one)."""
        return next(iter(self.codes)) if len(self.codes) == 1 else None


class IndicatorNames:
    """Which catalog indicator a text naming one (a long file's indicator cell, a wide file's header) names at a
    period, remembered per text and period: a long file repeats a few dozen indicators over its rows. One rule for
    every path that reads an indicator by its name (docs/decisions.md#indicator-names-by-period); old names it
    accepts are counted for a note (`notes`)."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self.lookup = indicator_lookup(reference)
        self._versions: dict[str, list[dict]] = defaultdict(list)
        for ind in reference.indicators:
            self._versions[ind["code"]].append(ind)
        for versions in self._versions.values():
            versions.sort(key=_version_start)
        self._resolved: dict[tuple[str, str | None], NameResolution] = {}
        self._old: dict[tuple[str, str, str], list] = {}  # (text, code, name in force) -> [values, periods]

    def resolve(self, text: str, period: str | None) -> NameResolution:
        """A code: itself. A name (or a name with a unit in brackets): the indicators whose version in force for
        the period bears it; when none does, those of which some version bears it (a name the catalog has since
        changed, or will give). No codes when the text names no indicator; more than one when it is ambiguous.
        Codes come before names, as in `indicator_lookup`. A period before every version of an indicator has none
        of its versions in force (its value is refused: `_refuse_before_first_version`); no period (a cell refused
        already), the latest versions."""
        found = self._resolved.get((text, period))
        if found is None:
            key = name_key(text)
            if key not in self.lookup:
                key = name_key(strip_unit(text))
            found = NameResolution(frozenset(), True, key)
            if key in self.lookup:
                coded = frozenset(code for code in self._versions if name_key(code) == key)
                if coded:
                    found = NameResolution(coded, True, key)
                else:
                    named = {c for c, versions in self._versions.items() if any(self._bears(v, key) for v in versions)}
                    in_force = {c for c in named if self._bears(self._in_force(c, period), key)}
                    found = NameResolution(frozenset(in_force or named), bool(in_force), key)
            self._resolved[(text, period)] = found
        return found

    @staticmethod
    def _bears(version: dict | None, key: str) -> bool:
        return version is not None and name_key(version.get("name") or "") == key

    def _in_force(self, code: str, period: str | None) -> dict | None:
        """The version of an indicator in force for a period; None before its first version."""
        versions = self._versions[code]
        if period is None:
            return versions[-1]
        begins = periods.bounds(period)[0]
        valid = [v for v in versions if _version_start(v) <= begins]
        return valid[-1] if valid else None

    def refusal(
        self, text: str, period: str | None, found: NameResolution, row: int, column: str, value: str | None
    ) -> Problem | None:
        """The problem of a name that names more than one indicator at the period, or None: borne by several in
        the versions in force (`indicator_name_shared`), or by none then and by several at other times
        (`indicator_name_ambiguous`), naming each candidate with the periods it bore the name."""
        if len(found.codes) < 2:
            return None
        candidates = {
            lang: t("indicator_name_candidates_sep", lang).join(
                t("indicator_name_candidate", lang, code=code, spans=self._spans(code, found.key, lang))
                for code in sorted(found.codes)
            )
            for lang in ("zh", "en")
        }
        key = "indicator_name_shared" if found.in_force else "indicator_name_ambiguous"
        params = {"name": clean_text(text), "period": period or "—", "candidates": ("by_lang", candidates)}
        return Problem(key, row, column, value, params)

    def _spans(self, code: str, key: str, lang: str) -> str:
        """The periods an indicator's versions bore a name: 2026-Q1 以前 / before 2026-Q1, 2026-Q1 起，2026-Q3 以前
        / from 2026-Q1, before 2026-Q3 (consecutive versions of one name as one span)."""
        versions = self._versions[code]
        spans: list[list[str]] = []  # [from, until]: "" for the beginning, and for no end
        for j, version in enumerate(versions):
            if not self._bears(version, key):
                continue
            until = versions[j + 1].get("effective_from") or "" if j + 1 < len(versions) else ""
            begins = version.get("effective_from") or ""
            if spans and spans[-1][1] == begins and begins:
                spans[-1][1] = until
            else:
                spans.append([begins, until])
        shown = []
        for begins, until in spans:
            which = "between" if begins and until else "from" if begins else "before" if until else "always"
            shown.append(t(f"name_span_{which}", lang, since=begins, until=until))
        return t("indicator_name_spans_sep", lang).join(shown)

    def count_old_name(self, text: str, code: str, period: str | None) -> None:
        """A value read by a name its indicator did not bear at the period (`resolve`: in_force False), for the
        note that says so."""
        name = self.entry(code, period).get("name") or code
        entry = self._old.setdefault((clean_text(text), code, name), [0, set()])
        entry[0] += 1
        if period:
            entry[1].add(period)

    def notes(self) -> list[Note]:
        """One note per old name read: the name as written, the indicator it was read as (its code and its name
        at the periods of the values), the periods and how many values."""
        out = []
        for (given, code, name), (n, found) in self._old.items():
            indicator = ("by_lang", {lang: t("indicator_named", lang, name=name, code=code) for lang in ("zh", "en")})
            in_order = sorted(found, key=periods.bounds)
            params = {"given": given, "code": code, "indicator": indicator, "periods": in_order, "n": n}
            out.append(Note("note_indicator_old_name", params))
        return out

    def entry(self, code: str, period: str | None) -> dict:
        return catalog_entry(self.reference, code, period)

    def shown(self, code: str, period: str | None) -> tuple[str, dict[str, str]]:
        """An indicator as a message names it, its name with its code: 招商引资额（R01） / 招商引资额 (R01)."""
        name = self.entry(code, period).get("name") or code
        return ("by_lang", {lang: t("indicator_named", lang, name=name, code=code) for lang in ("zh", "en")})


def _version_start(version: dict) -> dt.date:
    """The first day a catalog version is in force (the beginning when it has no 生效起始期)."""
    return periods.bounds(version["effective_from"])[0] if version.get("effective_from") else dt.date.min


def indicator_twin_problem(
    table: Table, named_by: IndicatorNames, row: list, number: int, first: int, twin: int, code: str, period
) -> tuple[Problem | None, str]:
    """A long file's second indicator column (指标名称 beside 指标代码) checked on one row against the indicator its
    first one gave (`code`): (the problem, or None when the cell names that indicator too; the unit in brackets
    after the cell's name, or ""). A cell that names another indicator, none, or is blank refuses the row: which
    indicator the figure belongs to cannot be known (docs/decisions.md#indicator-code-and-name-columns). Cells are
    quoted as written (cell_values.as_written), read normalized."""
    first_label, twin_label = twin_labels(table, first, twin)
    first_cell = row[first] if first < len(row) else None
    twin_cell = row[twin] if twin < len(row) else None
    text = clean_text(twin_cell)
    read = {"other": first_label, "other_value": as_written(first_cell), "indicator": named_by.shown(code, period)}
    if not text:
        return Problem("indicator_column_blank", number, twin_label, "", read), ""
    found = named_by.resolve(text, period)
    if not found.codes:
        names = sorted({ind["name"] for ind in named_by.reference.indicators})
        suggestion = suggest(text, names)
        params = {**read, **({"suggestion": suggestion} if suggestion else {})}
        return Problem("indicator_column_unknown", number, twin_label, as_written(twin_cell), params), ""
    if code not in found.codes:
        other = sorted(found.codes)[0]
        params = {
            "other": twin_label,
            "other_value": as_written(twin_cell),
            "indicator": named_by.shown(code, period),
            "other_indicator": named_by.shown(other, period),
        }
        return Problem("indicator_columns_differ", number, first_label, as_written(first_cell), params), ""
    inner = unknown_bracket(text) if name_key(text) not in named_by.lookup else ""
    if inner:
        return Problem("unit_unknown_indicator", number, twin_label, as_written(twin_cell), {"inner": inner}), ""
    return None, bracket_unit(text)


def catalog_entry(reference: Reference, code: str, period: str | None) -> dict:
    """The catalog version of an indicator in force for a period ({} when the code is unknown)."""
    versions = [ind for ind in reference.indicators if ind["code"] == code]
    return plausibility.version_in_force(versions, period) if versions else {}
