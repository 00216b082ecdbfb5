"""Importing an upload the Data page previewed, as checked against the data it will land on
(docs/decisions.md#cadre-ids-in-another-letter-case).

A page previews every file of an upload at once, then imports them one by one ("import all"). A preview made before
an earlier file of the same import was committed is stale: a roster adding `LZ009002` turns the next training
file's `lz009002` into his, takes it off the "on no roster" list, and makes other rows duplicates of stored ones.
Committing the stale preview stored what the store no longer says (`lz009002` as another cadre, 2026-12-08), where
the CLI, reading each file after the one before it, stored `LZ009002`. So before a file is committed its preview is
made again from the same bytes whenever the data changed since it was made (`Preview.data_version`), and that one
is committed, or refused: all or nothing per file, as ever.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from incentive.intake.preview import Preview
from incentive.review.submissions import Options, check
from incentive.store import batches
from incentive.store.database import Database
from incentive.store.effects import ImportEffects, import_effects


@dataclass(frozen=True)
class UploadImport:
    """What became of one file: the preview committed or refused (`preview`), what it changed (`effects`, read
    just before the commit; None when refused), its batch (None when the preview made again refuses the file: then
    nothing of it is stored, and `preview.problems` say why) and whether the preview was made again (`rechecked`:
    its notes and warnings may differ from those shown before the click)."""

    preview: Preview
    effects: ImportEffects | None
    batch: int | None
    rechecked: bool


def import_upload(
    db: Database, file_name: str, data: bytes, options: Options, preview: Preview, *, created_by: str
) -> UploadImport:
    """Import the prefecture's upload `data` (the bytes `preview` was made from by submissions.check with
    `options`) as one batch. When the store changed since `preview` was made (its data_version is not the current
    one: an earlier file of the same import-all, another user's import or rollback), the file is checked again now
    and that preview is committed; refused now, nothing is stored and the refusal is put on record as any
    (batches.import_preview). StorageFault as batches.import_preview raises it."""
    rechecked = preview.data_version is None or preview.data_version != batches.data_version(db)
    if rechecked:
        preview, _ = check(db, file_name, data, options, None)
    if not preview.importable:
        with contextlib.suppress(batches.BatchError):  # the refusal is audited, then said by the caller
            batches.import_preview(db, preview, source="upload", created_by=created_by)
        return UploadImport(preview, None, None, rechecked)
    effects = import_effects(db, preview)
    batch = batches.import_preview(db, preview, source="upload", created_by=created_by)
    return UploadImport(preview, effects, batch, rechecked)
