"""The embedded default: load the bundled sample files as ordinary batches marked `sample`."""

from __future__ import annotations

from pathlib import Path

from incentive.config import SAMPLE_DIR
from incentive.intake.ingest import parse_file
from incentive.store import batches
from incentive.store.database import Database
from incentive.store.reference import current_reference


class SampleError(RuntimeError):
    pass


def sample_files(folder: Path = SAMPLE_DIR) -> list[Path]:
    """Numbered files in import order: regions and catalog first, then what is checked against them."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*") if p.suffix in (".csv", ".xlsx", ".xls", ".tsv"))


def load_sample(db: Database, folder: Path = SAMPLE_DIR) -> list[int]:
    """Import every sample file through the same importer users get; returns the batch ids."""
    batch_ids = []
    for path in sample_files(folder):
        preview = parse_file(path.name, path.read_bytes(), current_reference(db))
        if not preview.importable:
            # The sample is ours: a refusal here is a bug in the generator or the importer, not user input.
            raise SampleError(f"{path.name}: " + "; ".join(preview.problem_texts("en")[:5]))
        batch_ids.append(batches.import_preview(db, preview, source="sample", created_by="sample"))
    return batch_ids


def has_sample(db: Database) -> bool:
    return batches.active_count(db, "sample") > 0
