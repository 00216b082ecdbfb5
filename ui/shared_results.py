"""Query and scoring results cached once per process and read by every session without unpickling a copy.

`st.cache_data` keeps a result pickled and unpickles a new copy on every read, so that a page changing what it got
cannot change what the next session gets. At province scale that was a quarter of a cached page's Python under
twenty viewers (a ranking's four frames, the overview's figures: docs/performance.md, "Many viewers"), which wait
for it one after another under the interpreter lock. `shared_result` keeps the result itself (`st.cache_resource`)
and hands every read a `view` of it: DataFrames, Series and NumPy arrays copied (their data: 0.2 ms for a ranking's
frames of a hundred counties, where the unpickled copy took 0.4 ms plus Streamlit's own reading; pandas' shallow
copies would be no cheaper at this size and leave `to_numpy()` writable into the kept data), tuples, lists, dicts,
sets and dataclasses rebuilt around views of what they hold (a `cached_property`'s value too), immutable values
(text, numbers, dates, frozen sets, Arrow tables) as they are.

A frame's copy shares the cells of its object columns: where one holds a list, dict or set (a DuckDB list column,
the batches of a cycle's row), `view` copies those cells too. A result is checked once, when it is computed
(`check`), before it is kept: a type `view` cannot protect, in a cell or anywhere else, or a categorical column (its
categories are shared by copies) raises TypeError, so such a result fails loudly instead of being shared.
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
    type(pd.NA),
    type(pd.NaT),
    dt.date,  # datetime too
    dt.time,
    dt.timedelta,
    decimal.Decimal,
    range,
    enum.Enum,
    np.generic,
    pd.Timestamp,
    pd.Timedelta,
    pd.Period,
    pa.Table,
    pa.Array,
    pa.ChunkedArray,
    pa.Scalar,
)


def shared_result(max_entries: int) -> Callable[[F], F]:
    """`st.cache_data(show_spinner=False, max_entries=...)` without the unpickling on every read: the decorated
    function's result is checked (`check`), kept once per arguments (hashed as Streamlit hashes cache arguments)
    and each call returns `view` of it. `.clear()` empties the cache, as a cached function's does."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def checked(*args, **kwargs):
            return check(func(*args, **kwargs))

        kept = st.cache_resource(checked, show_spinner=False, max_entries=max_entries)

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


def check(value: Any) -> Any:
    """`value` when `view` can hand it out safely (the module's doc), else TypeError naming what it cannot protect."""
    if isinstance(value, (*_IMMUTABLE, np.ndarray, pd.Index)):
        return value
    if isinstance(value, pd.DataFrame | pd.Series):
        frame = value.to_frame() if isinstance(value, pd.Series) else value
        for name, dtype in frame.dtypes.items():
            if isinstance(dtype, pd.CategoricalDtype):
                raise TypeError(f"a shared result cannot hold the categorical column {name!r}")
            if pd.api.types.is_object_dtype(dtype):
                for cell in frame[name]:
                    _check_cell(cell, name)
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = vars(value) if hasattr(value, "__dict__") else [f.name for f in dataclasses.fields(value)]
        for name in names:
            check(getattr(value, name))
        return value
    if isinstance(value, tuple | list | set | frozenset):
        for item in value:
            check(item)
        return value
    if isinstance(value, dict):
        for item in value.values():
            check(item)
        return value
    raise TypeError(f"a shared result cannot hold a {type(value).__name__}: read it through st.cache_data")


_CONTAINER_CELLS = (tuple, frozenset, list, set)
_MUTABLE_CELLS = (list, dict, set)  # copied by view


def _check_cell(cell: Any, column: Any) -> None:
    if isinstance(cell, _CONTAINER_CELLS):
        for item in cell:
            _check_cell(item, column)
    elif isinstance(cell, dict):
        for item in cell.values():
            _check_cell(item, column)
    elif not isinstance(cell, _IMMUTABLE):
        raise TypeError(f"a shared result cannot hold a {type(cell).__name__} in its column {column!r}")


def _own_cells(shown: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """`shown` (a copy) with its own copy of every list, dict or set in its object columns."""
    columns = shown.items() if isinstance(shown, pd.DataFrame) else [(None, shown)]
    for name, cells in columns:
        if pd.api.types.is_object_dtype(cells.dtype) and any(isinstance(c, _MUTABLE_CELLS) for c in cells):
            own = pd.Series([copy.deepcopy(c) for c in cells], index=cells.index, dtype=object, name=cells.name)
            if name is None:
                return own
            shown[name] = own
    return shown


def view(value: Any) -> Any:
    """What a reader may change as it likes without changing `value`, which `check` has passed (see the module's
    doc)."""
    if isinstance(value, _IMMUTABLE):
        return value
    if isinstance(value, pd.DataFrame | pd.Series):
        return _own_cells(value.copy())  # pandas copies the data by default, not the cells of object columns
    if isinstance(value, pd.Index | np.ndarray):
        return value.copy()
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
    if isinstance(value, frozenset):
        return frozenset(view(item) for item in value)
    if isinstance(value, list):
        return [view(item) for item in value]
    if isinstance(value, dict):
        shown = copy.copy(value)  # its own type (a defaultdict keeps its factory)
        shown.update((key, view(item)) for key, item in value.items())
        return shown
    if isinstance(value, set):
        return set(value)
    raise TypeError(f"a shared result cannot hold a {type(value).__name__}: read it through st.cache_data")
