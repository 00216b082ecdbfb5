"""A storage fault said on the page, in a sentence (issue 25): the write that failed or the read that could not be
served is named by its cause class (incentive/store/storage_faults.py), the storage's own message goes to the
server log, and the next rerun works again for whatever the storage still allows.

`refused_here` wraps a button's write: the sentence appears where the user clicked and the page goes on drawing.
`said` wraps the whole page run (app.py) for what no button caught: a read the storage refused, the opening."""

from __future__ import annotations

import contextlib
import logging

import duckdb
import streamlit as st

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
        if fault.writing:  # also where the page stopped: next to the button that was clicked
            st.error(fault.sentence(lang), icon=":material/database:")


@contextlib.contextmanager
def refused_here(lang: str, where=st, key: str = "storage_write_failed"):
    """Run a write; when the storage refuses it, say so in `where` (the button's column, the sidebar) with the
    sentence of `key` (storage_write_failed, or sign_in_storage for a sign-in) and let the page go on: nothing was
    written (Database.transaction), so every figure below is still the stored one."""
    try:
        yield
    except StorageFault as fault:
        say_refused(fault, lang, where, key)


def say_refused(fault: StorageFault, lang: str, where=st, key: str = "storage_write_failed") -> None:
    """A refused write said in `where` (the button's column, the sidebar) with the sentence of `key`, its storage
    message in the server log: the one way every page says one, inside `refused_here` or beside a page's own
    refusals (`except StorageFault`)."""
    _LOG.error("storage fault (%s, write): %s", fault.cause, fault.detail)
    where.error(fault.sentence(lang, key), icon=":material/database:")
