"""Rows of one file that share a key (data contract; docs/decisions.md#duplicate-keys).

Rows of one key that agree in every column are one row written twice: each repeat is named as a duplicate of the
first. Rows of one key that differ conflict: each is named with the others and the first column that differs,
quoted as the clerk wrote it. Both import paths judge duplicates here (`duplicate_problems`: the per-cell path
through `check_duplicates`, bulk_csv with candidates it finds in SQL), so both name the same rows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import pandas as pd

from incentive.intake.cadre_ids import folded
from incentive.intake.cell_values import as_written, clean_text, one_line
from incentive.intake.file_kinds import KINDS, VALUE_KINDS, labelled
from incentive.intake.preview import Preview, Problem
from incentive.intake.sheet_layout import Table


def check_duplicates(preview: Preview, table: Table) -> None:
    """The same key twice in one file is an error naming the other rows (data contract)."""
    df = preview.rows
    if df is None or df.empty:
        return
    candidates = df[key_texts(preview.kind, df).duplicated(keep=False)]
    if candidates.empty:
        return
    written = _cells_as_written(preview, table, set(candidates["source_row"]))
    preview.problems.extend(duplicate_problems(preview.kind, candidates, preview.column_labels, written))


def key_texts(kind: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows' keys as text, as duplicates are judged. A roster's cadre ids in ASCII lower case (cadre_ids.folded):
    `LZ000001` and `lz000001` of one date in one roster are one cadre listed twice, whom every headcount would
    count twice and every later file could not tell apart (docs/decisions.md#cadre-ids-in-another-letter-case).
    Their rows differ in the id's spelling at least: a conflict, each named (bulk_csv folds its hash the same)."""
    keys = rows[list(KINDS[kind].key)].astype(str)
    if kind == "roster":
        keys["cadre_id"] = keys["cadre_id"].map(folded)
    return keys


def _cells_as_written(preview: Preview, table: Table, rows: set[int]) -> dict[tuple[int, str], str]:
    """(row, column label) -> the cell as written (cell_values.as_written), for these rows of the file: what a
    duplicate's message quotes. A workbook's number cell as its format showed it (`85%`: Preview.as_written)."""
    labels = [(i, table.column_label(i)) for i, text in enumerate(table.header) if clean_text(text)]
    out = {}
    for row, number in zip(table.rows, table.row_numbers, strict=False):
        if number in rows:
            for i, label in labels:
                raw = row[i] if i < len(row) else None
                if (number, label) in out:  # a second column of one header (数值, 数值): the first is the one read
                    continue
                out[(number, label)] = one_line(as_written(raw))
                if not isinstance(raw, str) and (number, label) in preview.as_written:
                    out[(number, label)] = preview.as_written[(number, label)]
    return out


def duplicate_problems(
    kind: str,
    rows: pd.DataFrame,
    labels: dict[str, str] | None = None,
    written: dict[tuple[int, str], str] | None = None,
) -> list[Problem]:
    """The problems of rows that share a key (`rows`: stored columns and `source_row`, in file order; rows with a
    key of their own may be left out), in row order. Both import paths call it (bulk_csv for large record files),
    so both name the same rows (docs/decisions.md#duplicate-keys). `labels`: the preview's column labels, so a
    column that differs is named by the file's own header (得分, not 数值); `written`: (row, label) -> the cell as
    written, so the values that differ are quoted as the clerk typed them (`≥95`, `合格`, `2026/11/2`), a refused
    cell too (not the blank it was stored as).

    - Rows of one key that agree in every column are one row written twice: each repeat is named as a duplicate
      of the first, which stays (with skip-invalid, the first imports and the repeats are rejected).
    - Rows of one key that differ in any column conflict: nobody can tell which is right, so every row of the
      group gets a problem naming the others and the first column that differs (with skip-invalid, none of them
      imports; keeping the first would import a value as if it were checked).
    """
    key_cols = list(KINDS[kind].key)
    # A key cell refused (`=A1+1` as an id) or blank is stored as None: that row has its problem already, and no key
    # to share. Left out, or two refused ids made up a duplicate (`与第 2 行重复（nan / …）`, 2026-12-07).
    rows = rows[rows[key_cols].notna().all(axis=1)]
    keys = key_texts(kind, rows)
    groups: dict[tuple, list] = defaultdict(list)
    for idx, key in zip(rows.index, map(tuple, keys.to_numpy().tolist()), strict=True):
        groups[key].append(idx)
    shown = _AsWritten(labels or {}, written or {})
    found: list[tuple[int, int, Problem]] = []
    alike: dict[tuple[int, int], tuple[int, list[tuple]]] = {}  # (row, first) -> (order, the keys they share)
    for order, indices in enumerate(groups.values()):
        by_row: dict[int, object] = {}
        for idx in indices:  # one wide row holds many keys; only repeat rows are duplicates
            by_row.setdefault(int(rows.at[idx, "source_row"]), idx)
        if len(by_row) < 2:
            continue
        (first, first_idx), *later = by_row.items()
        fields = _fields([tuple(rows.loc[first_idx, key_cols])])
        differs = {row: _first_difference(kind, rows.loc[[first_idx, idx]], key_cols, shown) for row, idx in later}
        if not any(differs.values()):
            for row, _ in later:
                alike.setdefault((row, first), (order, []))[1].append(tuple(rows.loc[first_idx, key_cols]))
            continue
        unlike_first = next(row for row, _ in later if differs[row])  # the first row that differs from the first
        for row, idx in by_row.items():
            if differs.get(row):
                other, difference = first, differs[row]
            else:  # the first, or a row alike it: set against the first row that differs from the first
                other = unlike_first
                difference = _first_difference(kind, rows.loc[[by_row[unlike_first], idx]], key_cols, shown)
            others = [r for r in by_row if r != row]
            key = "duplicate_key_differs" if len(others) == 1 else "duplicate_key_differs_many"
            params = {"other": other, "others": others, "fields": fields, **difference}
            found.append((row, order, Problem(key, row, None, None, params)))
    # A row written twice is one problem, not one a key: a wide file's repeated county row shares a key with its
    # first for every indicator (7 problems for one row, a tester's finding), so it is named once, with the keys'
    # common part (period / county / township: the unit). A row that differs from another is named for what
    # differs, and not also as a repeat of it.
    conflicting = {row for row, _, _ in found}
    for (row, first), (order, keys) in alike.items():
        if row not in conflicting:
            problem = Problem("duplicate_key", row, None, None, {"other": first, "fields": _fields(keys)})
            found.append((row, order, problem))
    found.sort(key=lambda item: item[:2])
    return [problem for *_, problem in found]


def _fields(keys: list[tuple]) -> str:
    """The key a message names for rows that share `keys` (tuples of key values): each value all of them have, in
    key order, blanks left out: `2026-H1 / 澄溪县 / W01` for one key, `2026-H1 / 澄溪县` for a wide row's keys."""
    shared = [values[0] for values in zip(*keys, strict=True) if all(_same_stored(values[0], v) for v in values)]
    return " / ".join(str(v) for v in shared if not (pd.isna(v) or v == ""))


class _AsWritten(NamedTuple):
    """How a duplicate's differing cell is named: the file's header of each stored column (a preview's
    column_labels) and the cells as written, by (row, header)."""

    labels: dict[str, str]
    cells: dict[tuple[int, str], str]

    def label(self, column: str, row: pd.Series) -> str | None:
        """The file's header of a stored column on a row: a wide file's value column is its indicator's."""
        if column == "value" and {"indicator", "period"} <= set(row.index):
            wide = self.labels.get(f"indicator:{row['indicator']}@{row['period']}")
            if wide:
                return wide
        return self.labels.get(column)


def _first_difference(kind: str, pair: pd.DataFrame, key_cols: list[str], written: _AsWritten | None = None) -> dict:
    """The first column other than the key whose value differs between two rows of one key, as the preview shows
    it in each language (file_kinds.labelled), or by the file's own header with the cells as written where
    `written` knows them: {column, that (the first row's), this}; {} when they are the same row twice. Two rows
    that differ tell the office which one it must check. A roster's ids that share a key in other letter cases
    differ in their spelling (key_texts): which one is right nobody can tell, so the id is the column named."""
    spelled = kind == "roster" and pair["cadre_id"].iat[0] != pair["cadre_id"].iat[1]
    rest = pair.drop(columns=[c for c in key_cols if not (spelled and c == "cadre_id")])
    stored = [c for c in rest.columns if c != "source_row" and not (c == "domain" and kind in VALUE_KINDS)]
    shown = {lang: labelled(kind, rest, lang) for lang in ("zh", "en")}
    for i in range(shown["zh"].shape[1]):
        that, this = (shown["zh"].iat[0, i], shown["zh"].iat[1, i])
        if _same_stored(that, this):
            continue
        header = written.label(stored[i], pair.iloc[0]) if written is not None else None
        column = {lang: header or str(shown[lang].columns[i]) for lang in shown}
        by_lang = {}
        for name, row in (("that", 0), ("this", 1)):
            cell = written.cells.get((int(pair["source_row"].iat[row]), header)) if header else None
            by_lang[name] = (
                "by_lang",
                {lang: cell if cell is not None else _shown(shown[lang].iat[row, i]) for lang in shown},
            )
        return {"column": ("by_lang", column), **by_lang}
    return {}


def _same_stored(that: object, this: object) -> bool:
    """Two stored values are the same: both missing (None, NaN, or pandas' NA of a whole-number column, where a
    refused or blank birth year leaves a gap), or equal. `NA == 1991` is NA, whose truth raises: never asked."""
    that_missing, this_missing = bool(pd.isna(that)), bool(pd.isna(this))
    if that_missing or this_missing:
        return that_missing and this_missing
    return bool(that == this)


def _shown(value: object) -> str:
    """A cell as the office typed it: 3, not 3.0 (the shortest decimal otherwise)."""
    if pd.isna(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
