"""The embedded default: load the bundled sample files as ordinary batches marked `sample`, with the times its
fictional counties sent them."""

from __future__ import annotations

import datetime as dt
import zlib
from pathlib import Path

import duckdb
import pandas as pd

from incentive import periods
from incentive.config import SAMPLE_DIR
from incentive.demo import synth
from incentive.intake.bulk_csv import parse_path
from incentive.store import audit, batches, queries
from incentive.store.database import Database
from incentive.store.reference import reference_within


class SampleError(RuntimeError):
    pass


# When the sample's counties sent their files (docs/decisions.md#sample-receipt-times), in days after the end of
# the period a file is owed for. Most were sent within the default due days (15; 31 for the roster), on a day
# drawn from ON_TIME; these were not. With 棠梨县's training records of the last quarter, which were never sent
# (synth.UNSENT_TRAINING), 报送进度 on the sample shows 按时报送, 逾期报送 and 未报送 side by side.
LATE_DAYS = {
    ("race_scores", "2026-Q3", "苇塘县"): 22,  # the two slipping counties (synth.SLIPPING), in the newest quarter
    ("race_scores", "2026-Q3", "柏川县"): 18,
    ("race_scores", "2025-Q4", "柏川县"): 20,
    ("welfare", "2026-H1", synth.WEAK_EXAMS): 25,
    ("training", "2026-Q2", synth.WEAK_TRAINING): 33,
}
ON_TIME = {  # first and last day after the period's end
    "race_scores": (3, 12),
    "welfare": (3, 12),
    "training": (3, 12),
    "roster": (5, 24),
    "movements": (2, 9),  # no deadline: sent after each month
}


def sample_files(folder: Path = SAMPLE_DIR) -> list[Path]:
    """Numbered files in import order: regions and catalog first, then what is checked against them."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*") if p.suffix in (".csv", ".xlsx", ".xls", ".tsv"))


def sent_at(kind: str, county: str, slot: str) -> dt.datetime:
    """When the sample's story has `county` send its data of `slot` (as queries/cycle_received.sql names it: a
    stored period of race scores or care figures, else a month YYYY-MM): the last day of the period the file is
    owed for (the period itself; for training the quarter holding the month, as the sample's counties send it
    quarterly; for a roster its as-of month; for movements their month), plus LATE_DAYS or a day of ON_TIME, at
    an office hour. The same arguments give the same time."""
    owed_for = slot
    if kind == "training":
        owed_for = f"{slot[:4]}-Q{(int(slot[5:7]) - 1) // 3 + 1}"
    drawn = zlib.crc32(f"{kind}|{owed_for}|{county}".encode())
    first, last = ON_TIME[kind]
    days = LATE_DAYS.get((kind, owed_for, county), first + drawn % (last - first + 1))
    day = periods.bounds(owed_for)[1] + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(9 + drawn % 8, drawn // 8 % 60))


def load_sample(db: Database, who: str = "sample", folder: Path = SAMPLE_DIR) -> list[int]:
    """Import every sample file through the same importer users get, each file a batch of source "sample", the
    times its counties sent what the batches hold (`receipts`, from `sent_at`) and the audit row "load_sample"
    (who, the number of batches), all in one transaction: the sample lands whole or not at all. Returns the batch
    ids. SampleError when a sample file is refused (nothing written).

    `who`: the administrator or CLI user who asked; "sample" (as its batches' author, shown as 示例数据 / sample
    data) when the app loads it by itself into a new database."""

    def load(cur: duckdb.DuckDBPyConnection) -> list[int]:
        batch_ids = []
        for path in sample_files(folder):
            # Checked against what this transaction has written so far: the sample's own regions and catalog.
            preview = parse_path(path, reference_within(cur))  # large CSVs in bulk, as an upload of them would be
            if not preview.importable:
                # The sample is ours: a refusal here is a bug in the generator or the importer, not user input.
                raise SampleError(f"{path.name}: " + "; ".join(preview.problem_texts("en")[:5]))
            batch_ids.append(batches.store(cur, preview, source="sample", created_by="sample"))
        _record_receipts(cur, batch_ids)
        audit.write(cur, who, "load_sample", target="sample", rows=len(batch_ids))
        return batch_ids

    return db.serial_write(load)


def _record_receipts(cur: duckdb.DuckDBPyConnection, batch_ids: list[int]) -> None:
    """A `receipts` row for each batch, kind, county and slot the tracker finds in the new batches (the same query,
    so the same rule places every value, roster and record in its county and period)."""
    homes = queries.run_within(cur, "cycle_homes")
    found = queries.run_within(
        cur, "cycle_received", {"homes": homes}, start=dt.date(1900, 1, 1), end=dt.date(2999, 12, 31)
    )
    found = found[found["batch_id"].isin(batch_ids)]
    rows = pd.DataFrame(
        {
            "batch_id": found["batch_id"].astype("int64"),
            "kind": found["kind"],
            "county": found["county"],
            "slot": found["slot"],
            "sent_at": [
                sent_at(k, c, s) for k, c, s in zip(found["kind"], found["county"], found["slot"], strict=True)
            ],
        }
    )
    cur.register("sample_receipts", rows)
    try:
        cur.execute("INSERT INTO receipts SELECT batch_id, kind, county, slot, sent_at FROM sample_receipts")
    finally:
        cur.unregister("sample_receipts")


def has_sample(db: Database) -> bool:
    return batches.active_count(db, "sample") > 0
