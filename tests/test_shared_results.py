"""ui/shared_results.py: a result kept once and read by every session, each read unable to change it."""

from __future__ import annotations

import collections
import dataclasses
import functools

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from ui import shared_results
from ui.shared_results import check, shared_result, view


def _frame() -> pd.DataFrame:
    frame = pd.DataFrame(
        {"composite": [1.5, -0.2, 0.3], "county": ["甲县", "乙县", "丙县"], "rank": pd.array([1, 3, 2], "Int64")},
        index=pd.Index(["a", "b", "c"], name="unit"),
    )
    frame.attrs["note"] = ["kept"]
    return frame


def test_a_frame_read_through_a_view_is_changed_in_every_way_without_changing_the_kept_one():
    kept = _frame()
    before = kept.copy(deep=True)
    shown = view(kept)
    shown["composite"] = 0.0
    shown.loc["a", "county"] = "丁县"
    shown.at["b", "rank"] = 9
    shown.iloc[2, 0] = 99.0
    shown.index.name = "other"
    shown.columns.name = "what"
    shown.attrs["note"].append("changed")
    shown["new"] = 1
    del shown["rank"]
    view(kept)["composite"].array[1] = 5.0
    ranks = view(kept)["rank"].to_numpy()  # a nullable column: pandas hands out its own data, writable
    ranks[::-1].sort()
    series = view(kept)["composite"]
    series.iloc[0] = -7.0
    pd.testing.assert_frame_equal(kept, before)
    assert kept.index.name == "unit" and kept.columns.name is None and kept.attrs == {"note": ["kept"]}
    assert shown["composite"].tolist() == [0.0, 0.0, 99.0] and shown.index.name == "other"


def test_a_series_and_an_index_are_views_too():
    kept = pd.Series([1.0, 2.0], index=pd.Index(["x", "y"], name="track"), name="weight")
    shown = view(kept)
    shown.iloc[0] = 5.0
    shown.index.name = "changed"
    shown.name = "changed"
    assert kept.tolist() == [1.0, 2.0] and kept.index.name == "track" and kept.name == "weight"
    index = view(kept.index)
    index.name = "changed"
    assert kept.index.name == "track"


@dataclasses.dataclass(frozen=True)
class _Figures:
    table: pd.DataFrame
    weights: dict
    names: list
    pair: tuple
    seen: set
    label: str = "live"

    @functools.cached_property
    def leaders(self) -> pd.DataFrame:
        return self.table[self.table["composite"] > 0]


def test_a_dataclass_is_rebuilt_around_views_of_its_fields_and_of_what_it_cached():
    kept = _Figures(_frame(), {"乡村振兴": 0.5}, ["a"], (_frame(), 1), {"a"})
    assert len(kept.leaders) == 2  # cached on the kept object before it is read
    shown = view(kept)
    assert shown is not kept and isinstance(shown, _Figures) and shown.label == "live"
    shown.table["composite"] = 0.0
    shown.leaders["county"] = "?"
    shown.weights["乡村振兴"] = 1.0
    shown.names.append("b")
    shown.pair[0]["rank"] = 0
    shown.seen.add("b")
    assert kept.table["composite"].tolist() == [1.5, -0.2, 0.3]
    assert kept.leaders["county"].tolist() == ["甲县", "丙县"]
    assert kept.weights == {"乡村振兴": 0.5} and kept.names == ["a"] and kept.seen == {"a"}
    assert kept.pair[0]["rank"].tolist() == [1, 3, 2]


def test_containers_keep_their_type_and_immutable_values_are_handed_out_as_they_are():
    Pair = collections.namedtuple("Pair", "frame n")
    shown = view(Pair(_frame(), 2))
    assert type(shown) is Pair and shown.n == 2
    counts = collections.defaultdict(list, {"a": [1]})
    shown_counts = view(counts)
    shown_counts["b"].append(2)
    assert type(shown_counts) is collections.defaultdict and dict(counts) == {"a": [1]}
    table = pa.table({"cadre_id": ["c1"]})
    assert view(table) is table and view("甲县") == "甲县" and view(None) is None
    array = np.arange(3.0)
    view(array)[0] = 1.0
    assert array.tolist() == [0.0, 1.0, 2.0]


def test_what_a_copy_would_share_is_refused_when_computed_and_not_kept():
    class Mutable:
        pass

    with pytest.raises(TypeError, match="Mutable"):
        check([Mutable()])
    with pytest.raises(TypeError, match="Mutable in its column 'moves'"):
        check(pd.DataFrame({"moves": [("weights", 3), [Mutable()]]}))
    with pytest.raises(TypeError, match="categorical column 'tier'"):
        check(pd.DataFrame({"tier": pd.Categorical(["一档", "二档"])}))
    assert check(pd.DataFrame({"moves": [("weights", 3), (), None]})) is not None  # tuples of values are fine

    calls = []

    @shared_result(max_entries=4)
    def listed(period: str) -> pd.DataFrame:
        calls.append(period)
        return pd.DataFrame({"codes": [[Mutable()]]})

    for _ in range(2):
        with pytest.raises(TypeError):
            listed("2026-Q1")
    assert calls == ["2026-Q1", "2026-Q1"]  # refused before it was kept: asked again, computed again


def test_a_shared_result_is_computed_once_per_arguments_and_each_read_is_its_own(monkeypatch):
    calls = []

    @shared_result(max_entries=4)
    def figures(period: str) -> pd.DataFrame:
        calls.append(period)
        return _frame()

    first = figures("2026-Q1")
    first["composite"] = 0.0
    second = figures("2026-Q1")
    assert calls == ["2026-Q1"] and second is not first
    assert second["composite"].tolist() == [1.5, -0.2, 0.3]
    figures("2026-Q2")
    assert calls == ["2026-Q1", "2026-Q2"]
    shared_results.clear_all()
    figures("2026-Q1")
    assert calls == ["2026-Q1", "2026-Q2", "2026-Q1"]


def test_lists_dicts_and_sets_in_cells_are_copied_for_each_read():
    """A frame's copy shares the cells of its object columns: a DuckDB list column (a cycle row's batches) would
    let one reader's append reach the next."""
    kept = check(
        pd.DataFrame({"batches": [[1, 2], []], "detail": [{"n": [1]}, None], "codes": [{"R01"}, ("R02",)], "n": [1, 2]})
    )
    shown = view(kept)
    shown.at[0, "batches"].append(3)
    shown.at[0, "detail"]["n"].append(2)
    shown.at[0, "codes"].add("R09")
    series = view(kept["batches"])
    series.iloc[1].append(7)
    assert kept["batches"].tolist() == [[1, 2], []] and kept.at[0, "detail"] == {"n": [1]}
    assert kept.at[0, "codes"] == {"R01"} and shown["n"].tolist() == [1, 2]
    assert shown["batches"].dtype == object and series.name == "batches"


def test_what_is_immutable_all_the_way_down_is_planned_once_and_handed_out_as_it_is():
    """A disclosure pattern's frozen sets of cells (thousands of tuples at province scale) are not rebuilt on every
    read: the plan made when the result is kept says there is nothing to copy."""
    from incentive.disclosure import Pattern

    cells = frozenset((f"县{i}", "乡科级", i % 7) for i in range(20_000))
    calls = []

    @shared_result(max_entries=2)
    def pattern(year: int) -> tuple[Pattern, pd.DataFrame]:
        calls.append(year)
        return Pattern(small=cells, cells=cells), _frame()

    first, frame = pattern(2025)
    second, _ = pattern(2025)
    assert calls == [2025] and first is not second  # a new object each read (a reader may set an attribute) ...
    assert first.small is cells and second.cells is cells  # ... sharing what nobody can change
    frame["composite"] = 0.0
    assert pattern(2025)[1]["composite"].tolist() == [1.5, -0.2, 0.3]  # what can change is still a copy
    assert shared_results.plan((1, "a", (2.0, None), frozenset({("x", 1)}))) is None
    assert shared_results.plan((1, [2])) is not None


def test_a_frame_column_named_none_with_lists_in_it_stays_a_frame():
    kept = pd.DataFrame({None: [[1], [2]], "n": [1, 2]})
    shown = view(kept)
    assert isinstance(shown, pd.DataFrame)
    shown[None].iloc[0].append(9)
    assert kept[None].tolist() == [[1], [2]]


class _Tagged(tuple):  # a tuple subclass without __slots__: it carries attributes
    pass


def test_a_subclass_with_attributes_a_tuple_cell_holding_a_list_and_an_index_are_copied_too():
    """What a fresh reviewer found a reader could still change: each is now copied or refused."""
    tagged = _Tagged((1, "a"))
    assert view(tagged) is not tagged  # no attribute one reader sets reaches the next
    pairs = pd.DataFrame({"pair": [([1], "a"), ([2], "b")]}, index=[10, 20])
    shown = view(pairs)
    shown.at[10, "pair"][0].append(9)
    np.asarray(shown.index)[0] = 99  # pandas' deep copy shares the index's array
    assert pairs.at[10, "pair"][0] == [1] and pairs.index.tolist() == [10, 20]
    series = pd.Series([({"n": 1},)], dtype=object)
    view(series).iloc[0][0]["n"] = 99
    assert series.iloc[0][0] == {"n": 1}
    twice = pd.DataFrame([[[1], [2]]], columns=["x", "x"])  # one name, two columns
    shown_twice = view(twice)
    shown_twice.iloc[0, 1].append(9)
    assert twice.iloc[0, 1] == [2] and shown_twice.iloc[0, 0] == [1]


def test_mutable_labels_object_arrays_dict_keys_and_attributes_are_refused():
    holding = np.empty(2, dtype=object)
    holding[0], holding[1] = [1], "a"

    class Notes(dict):
        pass

    noted = Notes(a=1)
    noted.extra = [1]

    @dataclasses.dataclass(frozen=True, eq=False)
    class Key:
        items: list

    for value in (
        holding,
        pd.Index([{"a": 1}, {"b": 2}], dtype=object),
        pd.DataFrame({"n": [1]}, index=pd.Index([{"a": 1}], dtype=object)),
        noted,
        {Key([1]): 1},
    ):
        with pytest.raises(TypeError):
            check(value)
    assert check(np.array(["a", None], dtype=object)) is not None
