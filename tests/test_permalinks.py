"""incentive/sharing/permalinks.py: a pinned link's moment, taken where no batch write can straddle it."""

from __future__ import annotations

import threading

import pytest
from conftest import data_file, import_ok

from incentive.sharing import permalinks
from incentive.store import batches, faults
from incentive.store.database import Database


@pytest.mark.lake
@pytest.mark.slow
def test_a_link_pinned_while_another_instance_waits_to_commit_an_import_never_changes(lake_location, monkeypatch):
    """Two instances of one lake. An import dates its batch when it begins and commits later; a link pinned on
    the other instance in between must show the same data to its first reader (who caches them for good) as to
    every later one. Pinned inside a serial write, the link's moment and the import cannot both commit as they
    were: the one that commits second is written again, after the other (Database.serial_write). A moment taken
    outside it fell between the batch's date and its commit: read first without the batch, later with it."""
    writer, sharer = Database(lake_location), Database(lake_location)
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    held, release = threading.Event(), threading.Event()

    def pause(point: str) -> None:  # the import stops before its commit until the link is made and read
        if point == "before_commit" and threading.current_thread().name == "importer":
            held.set()
            release.wait(60)

    monkeypatch.setattr(faults, "reach", pause)
    importer = threading.Thread(
        target=import_ok, args=(writer, "indicators.csv", data_file("indicators.csv")), name="importer"
    )
    importer.start()
    assert held.wait(60)
    key = permalinks.pin(sharer, "rankings", {}, "test")
    moment = permalinks.load(sharer, key).pinned_at
    first_reader = batches.version_as_of(sharer, moment).version
    release.set()
    importer.join(60)
    assert batches.version_info(sharer).latest_batch == 2  # the import did land
    assert batches.version_as_of(sharer, moment).version == first_reader  # the link's data did not change
    writer.close()
    sharer.close()
