"""The embedded default: load the bundled sample files as ordinary batches marked `sample`."""

from __future__ import annotations

from pathlib import Path

import duckdb

from incentive.config import SAMPLE_DIR
from incentive.intake.ingest import parse_file
from incentive.store import audit, batches
from incentive.store.database import Database
from incentive.store.reference import reference_within


class SampleError(RuntimeError):
    pass


def sample_files(folder: Path = SAMPLE_DIR) -> list[Path]:
    """Numbered files in import order: regions and catalog first, then what is checked against them."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*") if p.suffix in (".csv", ".xlsx", ".xls", ".tsv"))


def load_sample(db: Database, who: str = "sample", folder: Path = SAMPLE_DIR) -> list[int]:
    """Import every sample file through the same importer users get, each file a batch of source "sample", and
    the audit row "load_sample" (who, the number of batches), all in one transaction: the sample lands whole or
    not at all. Returns the batch ids. SampleError when a sample file is refused (nothing written).

    `who`: the administrator or CLI user who asked; "sample" (as its batches' author, shown as 示例数据 / sample
    data) when the app loads it by itself into a new database."""

    def load(cur: duckdb.DuckDBPyConnection) -> list[int]:
        batch_ids = []
        for path in sample_files(folder):
            # Checked against what this transaction has written so far: the sample's own regions and catalog.
            preview = parse_file(path.name, path.read_bytes(), reference_within(cur))
            if not preview.importable:
                # The sample is ours: a refusal here is a bug in the generator or the importer, not user input.
                raise SampleError(f"{path.name}: " + "; ".join(preview.problem_texts("en")[:5]))
            batch_ids.append(batches.store(cur, preview, source="sample", created_by="sample"))
        audit.write(cur, who, "load_sample", target="sample", rows=len(batch_ids))
        return batch_ids

    return db.serial_write(load)


def has_sample(db: Database) -> bool:
    return batches.active_count(db, "sample") > 0
