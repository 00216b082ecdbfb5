"""A storage fault said on the page, in a sentence (issue 25): the write that failed or the read that could not be
served is named by its cause class (incentive/store/storage_faults.py), the storage's own message goes to the
server log, and the next rerun works again for whatever the storage still allows."""

from __future__ import annotations

import contextlib
import logging

import duckdb

from incentive.store.storage_faults import StorageFault, fault_of

_LOG = logging.getLogger("incentive.storage")


@contextlib.contextmanager
def said(lang: str, slot):
    """Run the block; a storage fault raised in it is said in `slot` (a placeholder above the page) instead of a
    traceback. Any other error goes on, untouched."""
    try:
        yield
    except (StorageFault, duckdb.Error) as error:
        fault = fault_of(error, writing=False)
        if fault is None:
            raise
        _LOG.error("storage fault (%s, %s): %s", fault.cause, "write" if fault.writing else "read", fault.detail)
        slot.error(fault.sentence(lang), icon=":material/database:")
