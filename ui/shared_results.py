"""Query and scoring results cached once per process and read by every session without being copied.

`st.cache_data` keeps a result pickled and unpickles a new copy on every read, so that a page changing what it got
cannot change what the next session gets. At province scale that copying was a quarter of a cached page's
Python: a ranking's four frames, the overview's figures (docs/performance.md, "Many viewers"), and twenty viewers
wait for it one after another under the interpreter lock. `shared_result` keeps the result itself
(`st.cache_resource`) and hands every read a *view* of it instead: DataFrames and Series as shallow copies with
their own index and column objects, which pandas' copy-on-write (its only mode since pandas 3.0) keeps apart from
the kept one (a change to either copies the data first); tuples, lists, dicts, sets and dataclasses rebuilt around
views of what they hold; NumPy arrays as read-only views; immutable values (text, numbers, dates, frozen sets,
Arrow tables) as they are. A value of any other type is refused with TypeError when it is first read, so a
result type this module cannot protect never reaches a page.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import decimal
import enum
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

F = TypeVar("F", bound=Callable[..., Any])

_every: list[Callable[..., Any]] = []  # the cached functions, for clear_all

_IMMUTABLE = (
    str,
    bytes,
    int,
    float,
    complex,
    bool,
    type(None),
    dt.date,  # datetime too
    dt.time,
    dt.timedelta,
    decimal.Decimal,
    frozenset,
    range,
    enum.Enum,
    np.generic,
    pd.Timestamp,
    pd.Timedelta,
    pd.Period,
    type(pd.NaT),
    pa.Table,
    pa.Array,
    pa.ChunkedArray,
    pa.Scalar,
)


def shared_result(max_entries: int) -> Callable[[F], F]:
    """`st.cache_data(show_spinner=False, max_entries=...)` without the copy on every read: the decorated function's
    result is kept once per arguments (hashed as Streamlit hashes cache arguments) and each call returns `view` of
    it. `.clear()` empties the cache, as a cached function's does."""

    def decorate(func: F) -> F:
        kept = st.cache_resource(func, show_spinner=False, max_entries=max_entries)

        @functools.wraps(func)
        def read(*args, **kwargs):
            return view(kept(*args, **kwargs))

        read.clear = kept.clear
        _every.append(kept)
        return read  # type: ignore[return-value]

    return decorate


def clear_all() -> None:
    """Empty every shared result (what st.cache_data.clear() does for cached data): the benchmark's cold runs."""
    for kept in _every:
        kept.clear()


def view(value: Any) -> Any:
    """What a reader may change as it likes without changing `value` (see the module's doc); TypeError for a value
    of a type not listed there."""
    if isinstance(value, _IMMUTABLE):
        return value
    if isinstance(value, pd.DataFrame):
        shown = value.copy(deep=False)
        shown.index, shown.columns = value.index.copy(), value.columns.copy()  # names are settable in place
        return shown
    if isinstance(value, pd.Series):
        shown = value.copy(deep=False)
        shown.index = value.index.copy()
        return shown
    if isinstance(value, pd.Index):
        return value.copy()
    if isinstance(value, np.ndarray):
        shown = value.view()
        shown.flags.writeable = False
        return shown
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        shown = copy.copy(value)
        # its fields, and what it keeps besides (a cached_property's value)
        names = vars(value) if hasattr(value, "__dict__") else [f.name for f in dataclasses.fields(value)]
        for name in list(names):
            object.__setattr__(shown, name, view(getattr(value, name)))  # frozen ones too
        return shown
    if isinstance(value, tuple):
        items = [view(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [view(item) for item in value]
    if isinstance(value, dict):
        shown = copy.copy(value)  # its own type (a defaultdict keeps its factory)
        shown.update((key, view(item)) for key, item in value.items())
        return shown
    if isinstance(value, set):
        return set(value)
    raise TypeError(f"a shared result cannot hold a {type(value).__name__}: read it through st.cache_data")
