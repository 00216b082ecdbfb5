"""Query and scoring results cached once per process and read by every session without unpickling a copy.

`st.cache_data` keeps a result pickled and unpickles a new copy on every read, so that a page changing what it got
cannot change what the next session gets. At province scale that was a quarter of a cached page's Python under
twenty viewers (a ranking's four frames, the overview's figures: docs/performance.md, "Many viewers"), which wait
for it one after another under the interpreter lock. `shared_result` keeps the result itself (`st.cache_resource`)
and hands every read a view of it, made by a plan worked out once, when the result is computed (`plan`):
DataFrames, Series, indexes and NumPy arrays copied (their data: 0.2 ms for a ranking's frames of a hundred
counties, where the unpickled copy took 0.4 ms plus Streamlit's own reading; pandas' shallow copies would be no
cheaper at this size and leave `to_numpy()` writable into the kept data), lists, dicts, sets, dataclasses and
tuples or frozen sets holding any of those rebuilt around views of what they hold (a `cached_property`'s value
too), and what is immutable all the way down (text, numbers, dates, Arrow tables, plain tuples and frozen sets of
such) handed out as it is.

A frame's copy shares the cells of its object columns: where one holds a list, dict or set, at any depth (a DuckDB
list column, the batches of a cycle's row), the view copies those cells too. A result is checked when it is
computed, before it is kept: a type a view cannot protect, in a cell, an index label, a dict key or anywhere else,
or a categorical column (its categories are shared by copies) raises TypeError, so such a result fails loudly
instead of being shared. A kept result must not change afterwards (its plan follows its structure): a cached
function returns what it made, never an object held elsewhere.
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


def shared_result(max_entries: int, hash_funcs: dict | None = None) -> Callable[[F], F]:
    """`st.cache_data(show_spinner=False, max_entries=...)` without the unpickling on every read: the decorated
    function's result is checked and planned (`plan`) when computed, kept once per arguments (hashed as Streamlit
    hashes cache arguments, or by `hash_funcs` as Streamlit's own parameter) with its plan, and each call returns a
    view made by that plan. `.clear()` empties the cache, as a cached function's does."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def planned(*args, **kwargs):
            value = func(*args, **kwargs)
            return value, plan(value)

        kept = st.cache_resource(planned, show_spinner=False, max_entries=max_entries, hash_funcs=hash_funcs)

        @functools.wraps(func)
        def read(*args, **kwargs):
            value, copier = kept(*args, **kwargs)
            return value if copier is None else copier(value)

        read.clear = kept.clear
        _every.append(kept)
        return read  # type: ignore[return-value]

    return decorate


def clear_all() -> None:
    """Empty every shared result (what st.cache_data.clear() does for cached data): the benchmark's cold runs."""
    for kept in _every:
        kept.clear()


Copier = Callable[[Any], Any]


def check(value: Any) -> Any:
    """`value` when `view` can hand it out safely (the module's doc), else TypeError naming what it cannot protect."""
    plan(value)
    return value


def view(value: Any) -> Any:
    """What a reader may change as it likes without changing `value`, which `check` has passed (see the module's
    doc). The decorator plans once per kept result instead (`plan`): this plans on every call."""
    copier = plan(value)
    return value if copier is None else copier(value)


def plan(value: Any) -> Copier | None:
    """How to make a view of `value`, found once, when it is computed: None when it can be handed out as it is
    (immutable all the way down: text, numbers, Arrow tables, plain tuples and frozen sets of such, not a subclass
    that carries attributes; a disclosure pattern's thousands of cells are not rebuilt on every read), else a
    function that makes a view of it (of the same `value`: the plan follows its structure, which nobody changes
    once kept). TypeError for a type a view cannot protect, anywhere in it (a cell, an index label, a dict key,
    an attribute of a dict), or a categorical column."""
    if isinstance(value, _IMMUTABLE):
        return None
    if isinstance(value, pd.DataFrame | pd.Series):
        for axis in value.axes:
            _check_labels(axis)
        return functools.partial(_frame_view, own_cells=_cell_columns(value))
    if isinstance(value, pd.Index | np.ndarray):
        _check_labels(value)
        return _array_view
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # its fields, and what it keeps besides (a cached_property's value); always a new object, since a reader
        # may set an attribute of what it got
        names = vars(value) if hasattr(value, "__dict__") else [f.name for f in dataclasses.fields(value)]
        return functools.partial(_dataclass_view, plans={name: plan(getattr(value, name)) for name in names})
    if isinstance(value, tuple | frozenset | list | set):
        plans = [plan(item) for item in value]  # a kept set iterates in the same order every time
        if isinstance(value, tuple | frozenset) and not hasattr(value, "__dict__") and not any(plans):
            return None
        return functools.partial(_collection_view, plans=plans)
    if isinstance(value, dict):
        if getattr(value, "__dict__", None):
            raise TypeError(f"a shared result cannot hold a {type(value).__name__} with attributes")
        for key in value:
            if plan(key) is not None:
                raise TypeError(f"a shared result cannot hold a {type(key).__name__} as a dict key")
        return functools.partial(_dict_view, plans={key: plan(item) for key, item in value.items()})
    raise TypeError(f"a shared result cannot hold a {type(value).__name__}: read it through st.cache_data")


_CONTAINER_CELLS = (tuple, frozenset, list, set)
_MUTABLE_CELLS = (list, dict, set)  # copied by a view
_THE_SERIES = object()  # in a plan's columns: the cells of a Series itself


def _cell_columns(value: pd.DataFrame | pd.Series) -> tuple:
    """The positions of the object columns of `value` with a list, dict or set in a cell, at any depth (a Series:
    _THE_SERIES when it has); TypeError for a categorical column or a cell of a type a view cannot protect."""
    frame = value.to_frame(name=None) if isinstance(value, pd.Series) else value
    found = []
    for position, (name, dtype) in enumerate(frame.dtypes.items()):
        if isinstance(dtype, pd.CategoricalDtype):
            raise TypeError(f"a shared result cannot hold the categorical column {name!r}")
        if pd.api.types.is_object_dtype(dtype):
            cells = frame.iloc[:, position]
            for cell in cells:
                _check_cell(cell, name)
            if any(_holds_mutable(cell) for cell in cells):
                found.append(_THE_SERIES if isinstance(value, pd.Series) else position)
    return tuple(found)


def _check_labels(labels: pd.Index | np.ndarray) -> None:
    """An index, the columns' names or an array: object values checked as cells are, and none may hold a list,
    dict or set (a copy of the index or array would share it)."""
    if labels.dtype == object:
        for label in labels.ravel() if isinstance(labels, np.ndarray) else labels:
            _check_cell(label, "index" if isinstance(labels, pd.Index) else "array")
            if _holds_mutable(label):
                raise TypeError(f"a shared result cannot hold a {type(label).__name__} in an index or array")


def _check_cell(cell: Any, column: Any) -> None:
    if isinstance(cell, _CONTAINER_CELLS):
        for item in cell:
            _check_cell(item, column)
    elif isinstance(cell, dict):
        for item in cell.values():
            _check_cell(item, column)
    elif not isinstance(cell, _IMMUTABLE):
        raise TypeError(f"a shared result cannot hold a {type(cell).__name__} in its column {column!r}")


def _holds_mutable(cell: Any) -> bool:
    """A list, dict or set, or a tuple or frozen set with one inside, at any depth."""
    if isinstance(cell, _MUTABLE_CELLS):
        return True
    return isinstance(cell, tuple | frozenset) and any(_holds_mutable(item) for item in cell)


def _frame_view(value: pd.DataFrame | pd.Series, own_cells: tuple) -> pd.DataFrame | pd.Series:
    """A copy of the data and of the axes (pandas' deep copy shares the index's array, which `np.asarray` hands
    out writable), with its own copy of every cell of the columns at positions `own_cells` (_THE_SERIES: the
    Series itself; pandas copies the data, not the cells of object columns)."""
    shown = value.copy()
    shown.index = value.index.copy(deep=True)
    if isinstance(shown, pd.DataFrame):
        shown.columns = value.columns.copy(deep=True)
    for position in own_cells:
        cells = shown if position is _THE_SERIES else shown.iloc[:, position]
        own = pd.Series([copy.deepcopy(c) for c in cells], index=cells.index, dtype=object, name=cells.name)
        if position is _THE_SERIES:
            return own
        shown.isetitem(position, own)
    return shown


def _array_view(value: pd.Index | np.ndarray) -> pd.Index | np.ndarray:
    return value.copy(deep=True) if isinstance(value, pd.Index) else value.copy()


def _dataclass_view(value: Any, plans: dict[str, Copier | None]) -> Any:
    shown = copy.copy(value)
    for name, copier in plans.items():
        if copier is not None:
            object.__setattr__(shown, name, copier(getattr(value, name)))  # frozen ones too
    return shown


def _collection_view(value: tuple | frozenset | list | set, plans: list[Copier | None]) -> Any:
    items = [item if copier is None else copier(item) for item, copier in zip(value, plans, strict=True)]
    if isinstance(value, tuple):
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    return type(value)(items) if isinstance(value, frozenset | set) else items


def _dict_view(value: dict, plans: dict[Any, Copier | None]) -> dict:
    shown = copy.copy(value)  # its own type (a defaultdict keeps its factory)
    shown.update((key, item if plans[key] is None else plans[key](item)) for key, item in value.items())
    return shown
