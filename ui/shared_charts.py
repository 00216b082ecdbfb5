"""incentive/charts.py's figures, built once per process for the same inputs and shared by every session.

With many viewers at once, each session's own Python (building a page's Plotly figures: 0.1-0.3 s a page at
province scale, most of a cached page's rerun) runs under one interpreter lock, so twenty sessions each wait about
as long as all twenty together (docs/performance.md, "Many viewers"). A figure depends only on its builder's
arguments (the data, the language's titles and labels, meeting mode), so sessions that show the same view can share
one: `shared_charts.composite_bars(...)` takes the same arguments as `charts.composite_bars(...)` and returns that
figure, the very object for the same arguments (hashed as Streamlit hashes cache arguments, a DataFrame or
Series by its contents: `content_key`).

Shared figures are read-only: Streamlit's `plotly_chart` serialises a figure without changing it, and a page
must not change one either (the briefing, which sizes its figures for the page, builds its own through
incentive/charts.py).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from incentive import charts

# Per builder: the views of a few languages, periods and slices that sessions are looking at now. A figure of a
# hundred counties is some tens of kilobytes.
KEPT_PER_BUILDER = 32

_shared: dict[str, Callable[..., go.Figure]] = {}


def __getattr__(name: str) -> Callable[..., go.Figure]:
    """The shared version of charts.<name> (AttributeError for a name charts has no public builder of)."""
    if name.startswith("_") or not callable(getattr(charts, name, None)):
        raise AttributeError(f"incentive.charts has no figure builder {name!r}")
    if name not in _shared:
        builder = getattr(charts, name)

        def shared(*args, **kwargs) -> go.Figure:
            return SharedFigure.of(builder(*args, **kwargs))

        functools.update_wrapper(shared, builder)  # the cache is keyed on the builder's name and source
        _shared[name] = st.cache_resource(
            shared, show_spinner=False, max_entries=KEPT_PER_BUILDER, hash_funcs=_CONTENT_KEYS
        )
    return _shared[name]


def content_key(data: object) -> bytes:
    """A frame or series (or any picklable value: shared_tables.ranking_key's fields) as a cache key: the SHA-256
    of its pickle, which holds all of it (data, index, columns, dtypes, attrs), so two inputs with one key are the
    same input. Streamlit's own hashing of a frame (`hash_pandas_object`, column by column) took 2 ms for a
    ranking of a hundred counties, this 0.1 ms, on every chart of every run. Equal frames built another way may
    pickle differently: a figure built once more, never another's figure."""
    return hashlib.sha256(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)).digest()


_CONTENT_KEYS = {pd.DataFrame: content_key, pd.Series: content_key}


class SharedFigure(go.Figure):
    """A shared figure whose dict is made once: Streamlit's `plotly_chart` asks for it on every run
    (`plotly.tools.return_figure_from_figure_or_data`, `plotly.io.to_json`), and making it deep-copies the figure and
    encodes every array again, a fifth of a cached rankings rerun. Read-only as every shared figure is: a change
    would not reach the dict. (`plotly.io.to_json` pops each trace's `uid` from the dict it is given: the same every
    time.)"""

    @classmethod
    def of(cls, figure: go.Figure) -> SharedFigure:
        """`figure` itself, made a SharedFigure (not a copy: a new Figure would apply the default template again)."""
        as_dict = figure.to_dict()
        figure.__class__ = cls
        figure._as_dict = as_dict
        return figure

    def to_dict(self) -> dict:
        return self._as_dict
