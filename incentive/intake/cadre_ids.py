"""Cadre ids written in another letter case than the store's: `lz000001` for the roster's `LZ000001`, a 身份证号's
`x` for `X` (docs/decisions.md#cadre-ids-in-another-letter-case).

Stored as typed, such an id was another cadre: a roster correction listed an add and a drop, his training fell off
his coverage (a silently wrong number), his appraisals and decisions attached to nobody. Full-width letters and
digits (`ＬＺ０００００１`) are read half-width already by cell_values.clean_text (NFKC), before any of this.

- A file's id not stored as written that equals exactly one stored id ignoring ASCII letter case is read as
  stored, and a note per source says so (both import paths: ingest._parse_plain, bulk_csv over the file's distinct
  ids). The roster (any snapshot of any county) is the authority; for a file of another kind its own stored
  records count where the roster has no such id.
- The notes and warnings count and name only rows that will be stored: made once every problem is known
  (say_read_as_stored; bulk_csv._say_read_as_stored), of the rows no problem names.
- One that equals several stored ids ignoring case stays as written, and a warning names it and its first row.
- Ids of one file that differ only in case, and no stored spelling joins, are warned of with their first rows (they
  are likely one person); in a roster they share a key as well (duplicate_rows.key_frame).

The stored spellings are read by `Reference.cadre_spellings` (store/reference.py, queries/cadre_id_spellings.sql):
a join of the file's distinct ids with the stored ones, never a row at a time.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass, field

from incentive.i18n import t
from incentive.intake.preview import Note, Preview, Reference

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
LISTED = 10  # ids a warning names; it counts the rest
_RECORD_KINDS = ("training", "movements", "appraisals")  # the kinds of a cadre's records, in the order said


def folded(cadre_id: str) -> str:
    """The id with its ASCII letters in lower case: what two spellings of one id share. Other letters are kept
    (the rule is ASCII case only: an id's letters are Latin once clean_text has read full-width ones)."""
    return cadre_id.translate(_ASCII_LOWER)


@dataclass(frozen=True)
class Spellings:
    """What the store makes of a file's distinct ids: `rewritten`, file id -> the one stored spelling it is read as;
    `source`, file id -> the kind whose stored spelling that is (roster, or the file's own kind); `ambiguous`,
    file id -> the stored spellings it could be, sorted (kept as written)."""

    rewritten: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def read(self, cadre_id: str | None) -> str | None:
        return self.rewritten.get(cadre_id, cadre_id) if cadre_id is not None else None


def stored_spellings(kind: str, ids: Iterable[str], reference: Reference) -> Spellings:
    """The Spellings of a file of `kind` with these distinct ids (None left out), against the store `reference`
    reads (none when it reads none: a first import). An id stored as written (on the roster, else among the
    kind's records where the roster has no spelling of it) stays; else the roster's spellings equal to it ignoring
    case decide, else the kind's own records'."""
    wanted = sorted({i for i in ids if i is not None})
    if reference.cadre_spellings is None or not wanted:
        return Spellings()
    candidates: dict[str, list[tuple[str, bool]]] = {}
    for cadre_id, stored, on_roster in reference.cadre_spellings(kind, wanted):
        if folded(stored) == folded(cadre_id):  # the query's lower() folds more than ASCII: narrowed here
            candidates.setdefault(cadre_id, []).append((stored, bool(on_roster)))
    spellings = Spellings()
    for cadre_id, found in candidates.items():
        roster = sorted(s for s, on_roster in found if on_roster)
        pool, source = (roster, "roster") if roster else (sorted(s for s, _ in found), kind)
        if cadre_id in pool:
            continue
        if len(pool) == 1:
            spellings.rewritten[cadre_id] = pool[0]
            spellings.source[cadre_id] = source
        else:
            spellings.ambiguous[cadre_id] = tuple(pool)
    return spellings


def rewritten_note(column: str, n: int, row: int, example: str, stored: str, source: str) -> Note:
    """The note of `n` cells read in their stored spelling: the first (`row`, `example` as read) and its stored
    spelling, and where that spelling is stored (`source`: roster, or the file's kind)."""
    params = {"column": column, "n": n, "row": row, "example": example, "stored": stored}
    return Note("note_cadre_id_stored_spelling", {**params, "source": ("i18n", f"cadre_id_source_{source}")})


def ambiguous_warning(column: str, found: list[tuple[str, int, tuple[str, ...]]]) -> Note:
    """The warning of ids equal to several stored ids ignoring case: `found`, (id, its first row, the stored
    spellings) in row order; the first LISTED named."""
    items = {
        lang: ("；" if lang == "zh" else "; ").join(
            t(
                "cadre_id_ambiguous_item",
                lang,
                cadre=cadre,
                row=row,
                stored=("、" if lang == "zh" else ", ").join(stored),
            )
            for cadre, row, stored in found[:LISTED]
        )
        for lang in ("zh", "en")
    }
    return Note("warn_cadre_id_ambiguous", {"column": column, "n": len(found), "items": ("by_lang", items)})


def case_twins(first_rows: dict[str, int]) -> list[list[tuple[str, int]]]:
    """Groups of the file's ids (`first_rows`: id as it will be stored -> its first row) that differ only in
    letter case: each group's (id, first row) by row, the groups by their first row."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for cadre_id, row in first_rows.items():
        groups.setdefault(folded(cadre_id), []).append((cadre_id, row))
    found = [sorted(group, key=lambda item: item[1]) for group in groups.values() if len(group) > 1]
    return sorted(found, key=lambda group: group[0][1])


def twins_warning(column: str, groups: list[list[tuple[str, int]]]) -> Note:
    """The warning of a file's ids that differ only in case (`groups` of case_twins), the first LISTED named."""
    items = {
        lang: ("；" if lang == "zh" else "; ").join(
            " / ".join(t("cadre_id_at_row", lang, cadre=cadre, row=row) for cadre, row in group)
            for group in groups[:LISTED]
        )
        for lang in ("zh", "en")
    }
    return Note("warn_cadre_id_case_twins", {"column": column, "n": len(groups), "items": ("by_lang", items)})


def stored_records_warning(column: str, found: list[tuple[str, str, str]]) -> Note:
    """The warning of a roster file whose ids stored records hold in another letter case, on no roster
    (store/cadre_id_case_records.py): `found`, (kind, stored id, the file's id), by the file's id. Those records
    count for nobody and are not rewritten: re-imported in the roster's spelling they count. The kinds are said;
    the first LISTED pairs named, the rest counted."""
    pairs = list(dict.fromkeys((stored, roster_id) for _, stored, roster_id in found))
    kinds = sorted({kind for kind, _, _ in found}, key=_RECORD_KINDS.index)
    params = {}
    for lang in ("zh", "en"):
        listed = ("；" if lang == "zh" else "; ").join(
            f"{stored} → {roster_id}" for stored, roster_id in pairs[:LISTED]
        )
        if len(pairs) > LISTED:
            listed += t("cadre_id_case_more", lang, n=len(pairs) - LISTED)
        params[lang] = {
            "items": listed,
            "kinds": ("、" if lang == "zh" else ", ").join(t(f"cadre_id_source_{kind}", lang) for kind in kinds),
        }
    return Note(
        "warn_cadre_id_stored_records",
        {
            "column": column,
            "n": len(pairs),
            "items": ("by_lang", {lang: params[lang]["items"] for lang in params}),
            "kinds": ("by_lang", {lang: params[lang]["kinds"] for lang in params}),
        },
    )


def read_as_stored(kind: str, ids: list[str | None], reference: Reference) -> tuple[list[str | None], Spellings]:
    """The per-cell path: a file's ids (one per data row, None where refused) as they will be stored, and the
    Spellings that decided them. Said by say_read_as_stored once every problem of the file is known. bulk_csv
    does the same over the file's distinct ids."""
    spellings = stored_spellings(kind, ids, reference)
    return [spellings.read(cadre_id) for cadre_id in ids], spellings


def refused_rows(preview: Preview) -> set[int]:
    """The rows a problem names: refused (skipped with skip-invalid, or the file is), so no note or warning of
    the ids counts or names them (a note's first row a row not imported, a twin warning beside the duplicate-key
    refusal of the same pair: a tester's findings, 2026-12-08)."""
    return {p.row for p in preview.problems if p.row is not None}


def rewritten_notes(column: str, kind: str, found: dict[str, tuple[int, int, str, str]]) -> list[Note]:
    """One note per source of the stored spellings (`found`: source -> (cells, first row, example as read, its
    stored spelling)): the roster's first, then the kind's records'; ids that matched the roster and ids that
    matched only training records are counted apart, each saying where its spelling is stored."""
    return [
        rewritten_note(column, n, row, example, stored, source)
        for source in dict.fromkeys(("roster", kind))
        if source in found
        for n, row, example, stored in [found[source]]
    ]


def say_read_as_stored(
    preview: Preview, column: str, spellings: Spellings, ids: list[str | None], rows: list[int]
) -> None:
    """The per-cell path's notes of the ids read in a stored spelling (one per source) and its warnings of
    ambiguous ids and of ids differing only in case, of the rows no problem names (`ids` as read, one per data row
    `rows`): called once every problem is known, before skip-invalid takes refused rows out."""
    refused = refused_rows(preview)
    kept = [(cadre_id, row) for cadre_id, row in zip(ids, rows, strict=True) if row not in refused]
    found: dict[str, tuple[int, int, str, str]] = {}
    for cadre_id, row in kept:
        if cadre_id in spellings.rewritten:
            source = spellings.source[cadre_id]
            n, first, example, stored = found.get(source, (0, row, cadre_id, spellings.rewritten[cadre_id]))
            found[source] = (n + 1, first, example, stored)
    preview.notes.extend(rewritten_notes(column, preview.kind, found))
    first_rows: dict[str, int] = {}
    for cadre_id, row in kept:
        if cadre_id is not None:
            first_rows.setdefault(spellings.read(cadre_id), row)
    add_warnings(preview, column, spellings, first_rows)


def add_warnings(preview: Preview, column: str, spellings: Spellings, first_rows: dict[str, int]) -> None:
    """The warnings of ambiguous ids and of ids differing only in case (`first_rows`: each id as it will be stored
    -> its first data row), as preview.file_warnings (checks.add_warnings keeps them)."""
    ambiguous = sorted(
        (
            (cadre_id, row, spellings.ambiguous[cadre_id])
            for cadre_id, row in first_rows.items()
            if cadre_id in spellings.ambiguous
        ),
        key=lambda item: item[1],
    )
    found = []
    if ambiguous:
        found.append(ambiguous_warning(column, ambiguous))
    if twins := case_twins(first_rows):
        found.append(twins_warning(column, twins))
    preview.file_warnings.extend(found)
    preview.warnings.extend(found)
