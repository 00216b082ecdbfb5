"""Complementary cell suppression: which figures of a table to withhold so that no withheld figure can be worked
out from the figures shown. The method and its sources are in docs/security.md ("Small numbers").

A table is given as cells (any hashable key) with a non-negative integer size, and lines: a total cell and the
member cells it is the sum of (a column and its column total, the counties of a tier and the tier's subtotal, the
units of a county and the county). A cell may also carry parts: counts within its size that add up along the same
lines (cadres trained out of the cadres of a group). Every view that shows any of these figures must be described
by the lines, and must show exactly the pattern returned here, so that figures cannot be combined across views.

1. Primary suppression: a size from 1 to threshold - 1 is small (shown as `<5`). A 0 is always shown.
2. Secondary suppression, the statistical offices' rule of at least two suppressed cells per line: a line with
   exactly one hidden cell gets its smallest shown non-zero cell withheld as well.
3. Audit by linear programming: for every hidden cell, the range of values it could take given everything shown
   (shown cells exact, small cells 1..threshold-1, withheld cells at least the threshold because the method only
   withholds non-zero cells that are not small, parts between 0 and the size, every line adding up) must hold
   more than one integer, for its size, for each part and for each size minus a part. While some hidden value is
   pinned to one integer, the smallest shown cell of its lines whose withholding frees it is withheld too, and
   steps 2-3 repeat. A part pinned even when every member of its lines is withheld (a shown total of 0 trained
   or of everyone trained fixes it for the whole line) is left as it is and reported in `Pattern.left`.

Sizes are settled before parts, so the cells withheld for sizes depend on the sizes alone.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse

# HiGHS and scipy.sparse are imported by the audit that needs them (_matrix, _Solver): they are a tenth of a
# second of every command's and server's start, and most pages and commands protect no table that needs an audit.

# Counts of people: wherever a sentence or a document states one from 1 to threshold − 1, it shows `<threshold`
# instead (the warning list, the 通报 and the briefing: docs/decisions.md#small-numbers-in-warnings).
PEOPLE_UNITS = frozenset(("人", "名", "人次"))

SMALL = "small"
WITHHELD = "withheld"
SIZE = "size"
_EPS = 1e-6
_TRIES = 12  # candidates tried one by one before falling back to the smallest
_COMPONENTS_KEPT = 4  # _components' answers kept per table
_INCIDENCE_MOST = 4_000_000  # the most entries of Table.incidence's line × cell matrix (a byte each, and 4 in
# _ranges_each's product): 3,509 cells × 511 lines, the largest table a page protects, is 1.8 million


@dataclass(frozen=True)
class Line:
    """`total` is the sum of `members`, and both sides are shown somewhere."""

    total: Hashable
    members: tuple

    def cells(self) -> tuple:
        return (*self.members, self.total)


@dataclass(frozen=True)
class Pattern:
    """The cells to hide: `small` (shown as `<threshold`) and `withheld` (hidden so the small ones stay hidden)."""

    small: frozenset = frozenset()
    withheld: frozenset = frozenset()
    left: frozenset = frozenset()  # (cell, quantity) pinned by a shown total for its whole line (see module doc)
    unprotected: frozenset = frozenset()  # (cell, quantity) nothing could free; empty unless threshold is 2
    cells: frozenset = frozenset()  # every cell the pattern was made for

    @property
    def hidden(self) -> frozenset:
        return self.small | self.withheld

    def status(self, key: Hashable) -> str:
        """'small', 'withheld' or '' (shown). A cell the pattern was not made for is an error, not shown: a view
        whose figures the lines do not describe could give hidden ones away."""
        if key not in self.cells:
            raise KeyError(f"no suppression decided for {key!r}")
        return SMALL if key in self.small else WITHHELD if key in self.withheld else ""


@dataclass
class Table:
    """Cells, lines and parts, checked for adding up."""

    sizes: Mapping[Hashable, int]
    lines: Sequence[Line]
    threshold: int
    parts: Mapping[str, Mapping[Hashable, int]] = field(default_factory=dict)
    public: frozenset = frozenset()  # cells another view shows (exact, or `<threshold`): never withheld here

    def __post_init__(self) -> None:
        self.sizes = {k: int(v) for k, v in self.sizes.items()}
        self.parts = {name: {k: int(values.get(k, 0)) for k in self.sizes} for name, values in self.parts.items()}
        self.lines = [Line(line.total, tuple(line.members)) for line in self.lines]
        self.line_keys = [line.cells() for line in self.lines]
        self.components: dict[frozenset, _Components] = {}  # _components' recent answers
        self.system: tuple[frozenset, _System] | None = None  # _system_for's last system and its cells
        self.order = {k: i for i, k in enumerate(self.sizes)}
        self.lines_of: dict[Hashable, list[int]] = defaultdict(list)
        for index, line in enumerate(self.lines):
            for key in line.cells():
                if key not in self.sizes:
                    raise ValueError(f"line {index} names a cell without a size: {key!r}")
                self.lines_of[key].append(index)
            for name, values in (("size", self.sizes), *self.parts.items()):
                if values[line.total] != sum(values[m] for m in line.members):
                    raise ValueError(f"line {index} does not add up ({name}): {line.total!r}")
        for key, size in self.sizes.items():
            if size < 0 or any(not 0 <= part[key] <= size for part in self.parts.values()):
                raise ValueError(f"cell {key!r}: sizes are counts and parts lie within them")
        # the sizes and each line's cells by their place in `order`, for bounds_only (asked thousands of times)
        self.size_array = np.array(list(self.sizes.values()), dtype=np.int64)
        self.line_cells = [np.array([self.order[c] for c in line.cells()], dtype=np.intp) for line in self.lines]
        self.line_signs = [np.array([1.0] * len(line.members) + [-1.0]) for line in self.lines]  # members, total
        # each name's amounts (the sizes, then each part) by place
        self.amounts = [
            self.size_array,
            *(np.array(list(values.values()), dtype=np.int64) for values in self.parts.values()),
        ]
        self._incidence: np.ndarray | None = None  # incidence()
        self._size_order: tuple[np.ndarray, np.ndarray] | None = None  # size_order()
        self._small: tuple[Collection, np.ndarray] | None = None  # small_mask's last answer
        self.keys = list(self.sizes)  # by place
        self.withholdable = self.size_array > 0
        self.withholdable[self.places(k for k in self.public if k in self.order)] = False
        # every (cell, SIZE or part name) of the table, numbered: a solution of any component's system is kept
        # as a vector over all of them (the cells it did not hide at their true values), see Witnesses
        names = [SIZE, *self.parts]
        self.columns = {(k, n): j for j, (k, n) in enumerate((k, n) for n in names for k in self.sizes)}
        self.truth = np.array(
            [self.sizes[k] if n == SIZE else self.parts[n][k] for (k, n) in self.columns], dtype=float
        )

    def shown(self, hidden: Collection[Hashable]) -> np.ndarray:
        """Whether each cell (by place) is outside `hidden`."""
        shown = np.ones(len(self.size_array), dtype=bool)
        shown[self.places(hidden)] = False
        return shown

    def small_mask(self, small: Collection[Hashable]) -> np.ndarray:
        """Whether each cell (by place) is in `small`. The answer for the last set asked is kept (`protect` asks of
        one set thousands of times), so a set must not change once asked of (protect's small cells never do)."""
        if self._small is None or self._small[0] is not small:
            mask = np.zeros(len(self.size_array), dtype=bool)
            mask[self.places(k for k in small if k in self.order)] = True
            self._small = (small, mask)
        return self._small[1]

    def size_order(self) -> tuple[np.ndarray, np.ndarray]:
        """The places of the cells from the smallest size up, and their sizes in that order."""
        if self._size_order is None:
            order = np.argsort(self.size_array, kind="stable")
            self._size_order = (order, self.size_array[order])
        return self._size_order

    def incidence(self) -> np.ndarray | None:
        """Whether each line (row) holds each cell (column, by place); None for a table too large to hold it so
        (_INCIDENCE_MOST entries). Made at the first audit's need: most tables never need one."""
        if self._incidence is None and len(self.lines) * len(self.size_array) <= _INCIDENCE_MOST:
            self._incidence = np.zeros((len(self.lines), len(self.size_array)), dtype=bool)
            for i, cells in enumerate(self.line_cells):
                self._incidence[i, cells] = True
        return self._incidence

    def places(self, keys: Iterable[Hashable]) -> np.ndarray:
        """Each key's place in `order` (its index in `size_array`)."""
        return np.fromiter(map(self.order.__getitem__, keys), dtype=np.intp)

    def quantities(self) -> list[str]:
        return [SIZE, *(f"{kind}:{name}" for name in self.parts for kind in ("part", "rest"))]

    def value(self, key: Hashable, quantity: str) -> int:
        if quantity == SIZE:
            return self.sizes[key]
        kind, name = quantity.split(":", 1)
        part = self.parts[name][key]
        return part if kind == "part" else self.sizes[key] - part


def is_small_count(value, unit: str | None, threshold: int | None) -> bool:
    """Whether `value` in `unit` is a count of people from 1 to threshold − 1, shown as `<threshold`; never with
    no threshold (an exact export) or a unit that is not a count of people (PEOPLE_UNITS)."""
    if threshold is None or unit not in PEOPLE_UNITS or value is None:
        return False
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return number == number and 1 <= number < threshold  # NaN is no count


def strongest(statuses: Iterable[str]) -> str:
    """What hides a figure made of several counts (a rate, a share): 'small' if any of them is small, else
    'withheld' if any is hidden, else '' (shown): the one rule of every such figure."""
    statuses = tuple(statuses)
    return SMALL if SMALL in statuses else WITHHELD if any(statuses) else ""


def count_text(count) -> str | None:
    """A count a viewer is shown in full, as every figure of the app: thousands separated (6,401); None when there
    is none (a dash on a page, an empty cell in a download)."""
    try:
        return f"{int(count):,}"
    except (TypeError, ValueError):  # None, pandas' NA, NaN
        return None


def small_cells(sizes: Mapping[Hashable, int], threshold: int) -> set:
    """Primary suppression: sizes from 1 to threshold - 1."""
    return {k for k, v in sizes.items() if 1 <= v < threshold}


def _totals(table: Table) -> set:
    return {line.total for line in table.lines}


def protect(
    sizes: Mapping[Hashable, int],
    lines: Iterable[Line],
    threshold: int,
    parts: Mapping[str, Mapping[Hashable, int]] | None = None,
    *,
    shown_elsewhere: Collection[Hashable] = (),
    withheld_elsewhere: Collection[Hashable] = (),
) -> Pattern:
    """Which cells to hide so that no hidden figure can be derived from the shown ones (module doc).

    A figure this table shares with another view must read the same in both: `shown_elsewhere`, the cells the
    other view shows (exact, or `<threshold` when small), are never withheld here, since hiding them would hide
    nothing, and the audit counts them as known; `withheld_elsewhere`, the cells it withholds, are withheld here
    from the start, so that this table's lines cannot give them back."""
    table = Table(sizes, list(lines), threshold, parts or {}, frozenset(shown_elsewhere))
    # a small total is withheld, not `<5`, unless another view shows it as `<5`
    small = small_cells(table.sizes, threshold) - (_totals(table) - table.public)
    hidden = small_cells(table.sizes, threshold) | (set(withheld_elsewhere) - table.public)
    settled: dict[tuple, str] = {}  # exposures accepted: "left" or "unprotected"
    memo: dict = {}
    witnesses = Witnesses()
    for quantities in ([SIZE], table.quantities()):
        while True:
            _two_per_line(table, hidden)
            found = _first_exposure(table, hidden, small, tuple(quantities), memo, settled, witnesses)
            if found is None:
                break
            key, quantity = found
            if quantity == SIZE and threshold <= 2 and key in small:
                settled[found] = "unprotected"  # `<2` itself says 1
                continue
            cell = _freeing_cell(table, hidden, small, key, quantity)
            if cell is None:
                settled[found] = "unprotected" if quantity == SIZE else "left"
            else:
                hidden.add(cell)
    return Pattern(
        frozenset(small),
        frozenset(hidden - small),
        frozenset(e for e, how in settled.items() if how == "left"),
        frozenset(e for e, how in settled.items() if how == "unprotected"),
        frozenset(table.sizes),
    )


def _first_exposure(
    table: Table, hidden: set, small: set, quantities: tuple, memo: dict, settled: Mapping, witnesses: Witnesses
) -> tuple | None:
    """The first of `exposures(table, hidden, small, quantities)` not in `settled` (in the order of the table's
    cells, then of the quantities' names), or None: the one `protect` deals with next. Each component is audited
    only up to its first exposure, and `memo` keeps that per component (its answer depends on its cells alone)
    until it is settled."""
    best = None
    for component in _components(table, set(hidden)):
        key = (frozenset(component), quantities)
        if key not in memo or (memo[key] is not None and memo[key] in settled):
            found = _audit(
                table, component, set(hidden), small, quantities, skip=settled, witnesses=witnesses, first=True
            )
            memo[key] = found[0] if found else None
        first = memo[key]
        if first is not None and (best is None or _exposure_order(table, first) < _exposure_order(table, best)):
            best = first
    return best


def _exposure_order(table: Table, exposure: tuple) -> tuple:
    return table.order[exposure[0]], exposure[1]


def _by_size(table: Table, keys: Iterable[Hashable], totals: set) -> list:
    return sorted(keys, key=lambda k: (table.sizes[k], k in totals, table.order[k]))


def _two_per_line(table: Table, hidden: set) -> None:
    """At least two hidden cells in every line that has one: add the line's smallest shown non-zero cell."""
    # each line's hidden cells counted once and kept up to date: the passes read a count, not a line's cells
    count = [0] * len(table.lines)
    for h in hidden:
        for i in table.lines_of.get(h, ()):
            count[i] += 1
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(table.lines):
            if count[i] != 1:
                continue
            cells = table.line_keys[i]
            shown = [c for c in cells if c not in hidden and table.sizes[c] > 0 and c not in table.public]
            if shown:
                cell = _by_size(table, shown, {line.total})[0]
                hidden.add(cell)
                for j in table.lines_of[cell]:
                    count[j] += 1
                changed = True


def _freeing_cell(table: Table, hidden: set, small: set, key: Hashable, quantity: str) -> Hashable | None:
    """The smallest shown cell of `key`'s lines whose withholding frees (key, quantity); else the smallest, when
    withholding more of them could; else None."""
    lines = [table.lines[i] for i in table.lines_of[key]]
    totals = {line.total for line in lines}
    if quantity == SIZE:
        pool = {c for line in lines for c in line.cells()}
    else:  # parts: never a total, which would only move the question up a level
        pool = {c for line in lines for c in line.members}
    candidates = _by_size(table, [c for c in pool if _can_withhold(table, hidden, c)], totals)
    found = _first_freeing(table, hidden, small, key, quantity, candidates[:_TRIES])
    if found is not None:
        return found
    if not candidates:
        if quantity != SIZE:
            return None
        # every cell of its own lines is hidden or 0: look along the lines of the cells hidden with it
        component = next(c for c in _components(table, hidden) if key in c)
        around = {i for h in component for i in table.lines_of[h]}  # each line once: a line holds a hundred cells
        wider = {c for i in around for c in table.line_keys[i]}
        candidates = _by_size(table, [c for c in wider if _can_withhold(table, hidden, c)], set())
        return candidates[0] if candidates else None
    if quantity != SIZE and _pinned(table, hidden | set(candidates), small, key, quantity):
        return None  # pinned by the shown totals themselves
    return candidates[0]


def _can_withhold(table: Table, hidden: set, cell: Hashable) -> bool:
    """A shown non-zero cell that no other view shows."""
    return cell not in hidden and table.sizes[cell] > 0 and cell not in table.public


def _first_freeing(
    table: Table, hidden: set, small: set, key: Hashable, quantity: str, candidates: list
) -> Hashable | None:
    """The first of `candidates` (shown cells sharing a line with `key`) whose withholding frees (key, quantity),
    or None: the answers of `_pinned(table, hidden | {cell}, ...)` for each, from one system.

    The system is that of every candidate withheld at once. For one candidate, the cells outside its own
    component (the component of hidden | {cell}) are fixed at their true values and the cells inside it take that
    component's bounds: the lines around the component then read as they do in its own system, and every other
    line holds only fixed cells, so the values (key, quantity) can take are those of its own system. One model,
    warm-started from candidate to candidate, instead of a model built and solved afresh for each.

    Most often none of them frees it (a hundred-county table: 305 of 311 times), which one question answers: with
    each variable between the lowest and the highest bound any candidate's system gives it, the system holds every
    candidate's system, so (key, quantity) pinned there is pinned in each (two programs instead of two per
    candidate)."""
    if not candidates:
        return None
    components = _components(table, hidden)
    component_of = {h: index for index, group in enumerate(components) for h in group}
    tried = []  # (cell, hidden with it, its component, the one line around that component or None, joined)
    for cell in candidates:
        with_cell = hidden | {cell}
        # withholding `cell` joins it to the components of the hidden cells of its lines, and changes no other
        joined = {component_of[h] for i in table.lines_of[cell] for h in table.lines[i].cells() if h in hidden}
        component = {cell}.union(*(components[index] for index in joined))
        tried.append((cell, with_cell, component, _only_line(table, component, with_cell), joined))
    union: _System | None = None  # built when a candidate needs a program
    own_bounds: list[_Box | None] = [None] * len(tried)
    if any(t[3] is None for t in tried):
        union_hidden = hidden | set(candidates)
        # every candidate shares a line with `key` (hidden), so the component of `key` with them all hidden is
        # their components together: not asked of _components (a tenth of the graded county × grade table)
        union = _system_for(table, set().union(*(t[2] for t in tried)), union_hidden, small)
        # each candidate's component and what is shown with it hidden, made from those of `hidden` (its
        # components' places, its mask) rather than from each candidate's sets
        shown, is_small = table.shown(hidden), table.small_mask(small)
        places: dict[int, np.ndarray] = {}
        at = []
        for cell, _, _, _, joined in tried:
            for index in joined:
                if index not in places:
                    places[index] = table.places(components[index])
            at.append(np.concatenate([[table.order[cell]], *(places[index] for index in joined)]).astype(np.intp))
        cells = np.array([table.order[t[0]] for t in tried], dtype=np.intp)
        if table.incidence() is not None:
            ranges = _System._ranges_each(table, at, shown, cells, is_small)
            own_bounds = [union.boxed(a, lows, highs) for a, (lows, highs) in zip(at, ranges, strict=True)]
        else:
            own_bounds = []
            for a, cell in zip(at, cells, strict=True):
                own = shown.copy()
                own[cell] = False
                own_bounds.append(union.bounds_within(a, own, is_small))
        hull = _Box.hull(own_bounds)
        if union.fixed(key, quantity, hull) or not union.has_other_value(key, quantity, hull):
            return None
    for (cell, with_cell, component, line, _), bounds in zip(tried, own_bounds, strict=True):
        if line is not None:
            pinned = bool(_one_line_pinned(table, component, line, with_cell, small, [(key, quantity)]))
        else:
            pinned = union.fixed(key, quantity, bounds) or not union.has_other_value(key, quantity, bounds)
        if not pinned:
            return cell
    return None


def _pinned(table: Table, hidden: set, small: set, key: Hashable, quantity: str) -> bool:
    component = next(c for c in _components(table, hidden) if key in c)
    return (key, quantity) in _audit(table, component, hidden, small, [quantity], only=key)


def _components(table: Table, hidden: set) -> list[set]:
    """Hidden cells linked through lines that hold more than one of them, in the order of each one's first cell.
    The answer is kept on `table` for the last few sets asked (one step of `protect` asks of the same set twice),
    and is shared: a caller must not change it. A set that holds one of those is answered from it (_grown):
    `protect` only ever adds cells."""
    if not hidden:
        return []
    known = frozenset(hidden)
    if known not in table.components:
        base = max((kept for kept in table.components if kept <= known), key=len, default=None)
        found = _find_components(table, hidden) if base is None else _grown(table, table.components[base], known - base)
        if len(table.components) >= _COMPONENTS_KEPT:
            table.components.pop(next(iter(table.components)))
        table.components[known] = found
    return table.components[known].groups


@dataclass(frozen=True)
class _Components:
    """_components' answer (`groups`, each with the place of its first cell in `firsts`) and the group of the
    hidden cells of each line that holds any (`line_group`: line index -> index in `groups`)."""

    groups: list[set]
    firsts: list[int]
    line_group: dict[int, int]


def _grown(table: Table, known: _Components, added: Iterable[Hashable]) -> _Components:
    """The components of the cells of `known` and `added`: the groups `added` joins merged, the others kept as
    they are. Each step of `protect` adds a cell or two to a few hundred hidden ones, which a search from scratch
    went through again (a tenth of the graded county × grade table, a fifth of the training groups)."""
    groups, firsts, line_group = list(known.groups), list(known.firsts), dict(known.line_group)
    parent = list(range(len(groups)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for cell in added:
        new = len(groups)
        groups.append({cell})
        firsts.append(table.order[cell])
        parent.append(new)
        for i in table.lines_of.get(cell, ()):
            if i in line_group:
                parent[root(new)] = root(line_group[i])
            else:
                line_group[i] = new
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(groups)):
        members[root(index)].append(index)
    merged = []  # (first place, group, the indices it was)
    for indices in members.values():
        group = groups[indices[0]] if len(indices) == 1 else set().union(*(groups[i] for i in indices))
        merged.append((min(firsts[i] for i in indices), group, indices))
    merged.sort(key=lambda m: m[0])
    place = {}
    for index, (_, _, indices) in enumerate(merged):
        for i in indices:
            place[i] = index
    return _Components([m[1] for m in merged], [m[0] for m in merged], {i: place[g] for i, g in line_group.items()})


def _find_components(table: Table, hidden: set) -> _Components:
    parent = {h: h for h in hidden}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # each hidden cell joined to the first hidden cell met on each of its lines: the lines of the hidden cells
    # only, not every line of the table (a `protect` of a hundred counties' grades asks a few hundred times)
    first: dict[int, Hashable] = {}
    for h in hidden:
        for i in table.lines_of.get(h, ()):
            if i in first:
                parent[root(h)] = root(first[i])
            else:
                first[i] = h
    groups: dict = defaultdict(set)
    for h in hidden:
        groups[root(h)].add(h)
    ordered = sorted(((min(table.order[k] for k in g), g) for g in groups.values()), key=lambda m: m[0])
    index = {id(g): i for i, (_, g) in enumerate(ordered)}
    return _Components(
        [g for _, g in ordered], [f for f, _ in ordered], {i: index[id(groups[root(h)])] for i, h in first.items()}
    )


def exposures(
    table: Table,
    hidden: set,
    small: set,
    quantities: Sequence[str] | None = None,
    memo: dict | None = None,
    *,
    skip: Collection[tuple] = (),
    witnesses: Witnesses | None = None,
) -> list[tuple]:
    """(cell, quantity) of hidden cells whose value the shown figures pin to one integer. A component's answer
    depends on its cells alone (every hidden cell of the lines around it belongs to it), so `memo` keeps them.
    `skip`: exposures already settled, not asked again (a caller that reuses `memo` may only let it grow).
    `witnesses`: integer solutions found so far, tried first (they only speed the answer up, never change it)."""
    out = []
    quantities = tuple(quantities or table.quantities())
    for component in _components(table, set(hidden)):
        key = (frozenset(component), quantities)
        if memo is None or key not in memo:
            found = _audit(table, component, set(hidden), small, quantities, skip=skip, witnesses=witnesses)
            if memo is None:
                out += found
                continue
            memo[key] = found
        out += memo[key]
    return sorted(out, key=lambda e: _exposure_order(table, e))


def intervals(table: Table, pattern: Pattern) -> dict[tuple, tuple[float, float]]:
    """Every hidden cell's smallest and largest possible value of each quantity (LP relaxation), for reports."""
    out = {}
    for component in _components(table, set(pattern.hidden)):
        system = _System(table, component, set(pattern.hidden), set(pattern.small))
        for key in sorted(component, key=table.order.get):
            for quantity in table.quantities():
                objective = system.objective(key, quantity)
                low, high = system.solve(objective), system.solve(-objective)
                out[key, quantity] = (
                    low.fun if low.status == 0 else -np.inf,
                    -high.fun if high.status == 0 else np.inf,
                )
    return out


def _audit(
    table: Table,
    component: set,
    hidden: set,
    small: set,
    quantities: Sequence[str],
    only: Hashable | None = None,
    *,
    skip: Collection[tuple] = (),
    witnesses: Witnesses | None = None,
    first: bool = False,
) -> list[tuple]:
    """The exposures of `component` (of `only`), or with `first` only the first of them in `_exposure_order`."""
    keys = [only] if only is not None else sorted(component, key=table.order.get)
    wanted = [(key, q) for key in keys for q in quantities if (key, q) not in skip]
    if first:
        wanted.sort(key=lambda e: _exposure_order(table, e))
    line = _only_line(table, component, hidden)
    if line is not None:
        found = _one_line_pinned(table, component, line, hidden, small, wanted)
        return found[:1] if first else found
    return (
        _system_for(table, component, hidden, small)
        .within(component, hidden, small)
        .pinned(wanted, witnesses, first=first)
    )


def _system_for(table: Table, component: set, hidden: set, small: set) -> _System:
    """A system whose cells include `component`'s, for its `within` or `bounds_within`: the last one made when it
    does, else a new one over every cell of the lines around `component` (kept in its place); in a table with parts
    the component's own system, as before.

    Each step of `protect` audits the component it grew and asks which cell frees the next exposure, and both lie
    within the lines around the last component but for a cell or two: one system and its model answer step after
    step, warm, instead of two built afresh each step (a third of the graded county × grade table's protect)."""
    if table.parts:
        # With parts, a variable per part and cell and a row per part and cell: a system over more cells than the
        # component's was slower to solve than the building it saved, and took other vertices, some fractional,
        # which the integer program then had to settle (bench/disclosure_audit.py's table: 2.5 s with the
        # component's own systems, 6 s over every cell of the lines around, 3 s over the candidates' union).
        return _System(table, component, hidden, small)
    if table.system is not None and table.system[0].issuperset(component):
        return table.system[1]
    around = {i for k in component for i in table.lines_of[k]}
    cells = set(component).union(*(table.line_keys[i] for i in around))
    system = _System(table, cells, hidden, small)
    table.system = (frozenset(cells), system)
    return system


def _only_line(table: Table, component: set, hidden: set) -> Line | None:
    """The one line around `component` when it lies in one line whose total is shown (the case
    `_one_line_pinned` answers in closed form), else None."""
    # stopped at a second line, not every line of every cell gathered (a large component has many)
    only = None
    for k in component:
        for i in table.lines_of[k]:
            if only is None:
                only = i
            elif i != only:
                return None
    if only is not None and table.lines[only].total not in hidden:
        return table.lines[only]
    return None


def _one_line_pinned(
    table: Table, component: set, line: Line, hidden: set, small: set, wanted: list[tuple]
) -> list[tuple]:
    """The common case in closed form: hidden members of one line whose total is shown. With sizes x_i in their
    bounds adding up to the remainder R, x_i ranges over [max(lo_i, R - sum of the others' highs), min(hi_i, R -
    sum of the others' lows)]; a part p_i (all parts adding up to P, each within its size) over [max(0, P - R +
    low x_i), min(P, high x_i)], and x_i - p_i over [max(0, low x_i - P), min(high x_i, R - P)]. Every end is an
    integer and is reached, so these are the integer ranges the linear program would give."""
    system = _System.bounds_only(table, component, hidden, small)
    members = [m for m in line.members if m in hidden]
    remainder = table.sizes[line.total] - sum(table.sizes[m] for m in line.members if m not in hidden)
    lows = {m: system[m][0] for m in members}
    highs = {m: system[m][1] for m in members}  # None: no limit
    unbounded = sum(h is None for h in highs.values())
    finite_high = sum(h for h in highs.values() if h is not None)
    low_total = sum(lows.values())
    pinned = []
    for key, quantity in wanted:
        others_low = low_total - lows[key]
        others_unbounded = unbounded - (highs[key] is None)
        low = lows[key] if others_unbounded else max(lows[key], remainder - (finite_high - (highs[key] or 0)))
        high = remainder - others_low if highs[key] is None else min(highs[key], remainder - others_low)
        if quantity != SIZE:
            kind, name = quantity.split(":", 1)
            values = table.parts[name]
            part_total = values[line.total] - sum(values[m] for m in line.members if m not in hidden)
            if kind == "part":
                low, high = max(0, part_total - remainder + low), min(part_total, high)
            else:
                low, high = max(0, low - part_total), min(high, remainder - part_total)
        if high - low < 1:
            pinned.append((key, quantity))
    return pinned


def _matrix(rows: np.ndarray, columns: np.ndarray, values: np.ndarray, height: int, width: int) -> sparse.csr_array:
    from scipy import sparse

    return sparse.csr_array((values, (rows, columns)), shape=(height, width))  # repeated entries are summed


@dataclass(frozen=True)
class Solution:
    """A linear program's answer: `status` 0 optimal, 2 infeasible, 3 unbounded (scipy.optimize.linprog's codes),
    `fun` the objective's value and `x` the solution when optimal."""

    status: int
    fun: float = np.nan
    x: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class _Box:
    """Each variable's lowest and highest value (np.inf: no limit), in the order of _System.index."""

    low: np.ndarray
    high: np.ndarray

    @classmethod
    def hull(cls, boxes: Sequence[_Box]) -> _Box:
        """The smallest box holding every one of `boxes`."""
        return cls(np.min([b.low for b in boxes], axis=0), np.max([b.high for b in boxes], axis=0))

    def capped(self, cap: float) -> _Box:
        return _Box(self.low, np.minimum(self.high, cap))

    def pairs(self) -> list[tuple]:
        """(low, high or None) per variable, as scipy.optimize.linprog takes them."""
        return [
            (lo, None if np.isinf(hi) else hi) for lo, hi in zip(self.low.tolist(), self.high.tolist(), strict=True)
        ]


class _Solver:
    """One HiGHS model of a system, kept open: each objective (and bound change) starts from the last optimal
    basis, so the hundreds of questions an audit asks of one component cost a few pivots each instead of a
    solve from scratch. Presolve is off, as a warm start needs."""

    def __init__(self, a_eq: sparse.csr_array, b_eq: np.ndarray, a_ub: sparse.csr_array | None, b_ub) -> None:
        import highspy
        from scipy import sparse

        width = a_eq.shape[1]
        matrix = sparse.vstack([a_eq, a_ub]).tocsc() if a_ub is not None else sparse.csc_array(a_eq)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = width, matrix.shape[0]
        lp.col_cost_ = np.zeros(width)
        lp.col_lower_, lp.col_upper_ = np.zeros(width), np.full(width, highspy.kHighsInf)
        upper = np.concatenate([b_eq, b_ub]) if a_ub is not None else b_eq
        lower = np.concatenate([b_eq, np.full(len(b_ub), -highspy.kHighsInf)]) if a_ub is not None else b_eq
        lp.row_lower_, lp.row_upper_ = lower.astype(float), upper.astype(float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data.astype(float)
        self.highs = highspy.Highs()
        # primal simplex: a new objective leaves the last basis feasible, so it goes on from there (twice as fast
        # as the dual simplex here, measured on a county of one cadre: bench/disclosure_audit.py)
        self._set(output_flag=False, presolve="off", threads=1, simplex_strategy=4)
        self.highs.passModel(lp)
        self.width = width
        self.bounds: _Box | None = None

    def _set(self, **options) -> None:
        for name, value in options.items():
            self.highs.setOptionValue(name, value)

    def minimise(self, c: np.ndarray, bounds: _Box) -> Solution:
        import highspy

        if self.bounds is None or not (
            np.array_equal(bounds.low, self.bounds.low) and np.array_equal(bounds.high, self.bounds.high)
        ):
            self.highs.changeColsBounds(self.width, np.arange(self.width, dtype=np.int32), bounds.low, bounds.high)
            self.bounds = bounds
        self.highs.changeColsCost(self.width, np.arange(self.width, dtype=np.int32), np.asarray(c, dtype=float))
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kUnknown:
            # A table with row and column totals has redundant equations (the grand total closes both ways), and
            # the primal simplex without presolve can end on them undecided (seen on the appraisal grades' cross
            # table). Solved again from scratch with presolve, which removes them, and the dual simplex.
            self._set(presolve="on", simplex_strategy=1)
            self.highs.clearSolver()
            self.highs.run()
            status = self.highs.getModelStatus()
            self._set(presolve="off", simplex_strategy=4)
        if status == highspy.HighsModelStatus.kOptimal:
            x = np.array(self.highs.getSolution().col_value)
            return Solution(0, float(np.asarray(c) @ x), x)
        if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return Solution(3)  # the system always holds the true figures, so it is never infeasible here
        if status == highspy.HighsModelStatus.kInfeasible:
            return Solution(2)
        raise RuntimeError(f"disclosure audit: HiGHS ended with {self.highs.modelStatusToString(status)}")


class Witnesses:
    """Integer solutions an audit found, kept for the next audits of a growing pattern: a solution of an earlier
    system, with the cells hidden since at their true values, is often a solution of the new one too, and then
    frees at once what it gives another value. Each is checked against the new system before it counts, so the
    answers are those of solving afresh. Kept as rows of one matrix over every (cell, quantity) of the table
    (Table.columns), so that checking hundreds of them against a system is a few matrix products."""

    LIMIT = 1024  # the most recent ones; a hundred-county table frees its cells with a few hundred

    def __init__(self) -> None:
        self._rows: list[np.ndarray] = []
        self._matrix: np.ndarray | None = None

    def add(self, values: np.ndarray) -> None:
        """`values`: one value per Table.columns."""
        self._rows = [*self._rows[-(self.LIMIT - 1) :], values]
        self._matrix = None

    def matrix(self) -> np.ndarray | None:
        """The solutions kept, one row each (None when there is none)."""
        if self._matrix is None and self._rows:
            self._matrix = np.vstack(self._rows)
        return self._matrix


class _System:
    """The linear system an onlooker can write for one component: a variable per hidden size and part."""

    def __init__(self, table: Table, component: set, hidden: set, small: set):
        self.table = table
        keys = sorted(component, key=table.order.get)
        self.names = [SIZE, *table.parts]
        # variable (name n, key k) is n's place × len(keys) + k's place in `keys`
        self.index = {(k, n): i for i, (k, n) in enumerate((k, n) for n in self.names for k in keys)}
        self.key_place = {k: i for i, k in enumerate(keys)}
        count, names = len(keys), len(self.names)
        width = count * names
        places = table.places(keys)
        # One row per line around the component and name (the lines in order, each name's row in turn): its hidden
        # cells' variables (members +1, the total -1) equal what its shown cells leave. Every hidden cell of these
        # lines belongs to the component (that is what makes it one).
        lines = sorted({i for k in keys for i in table.lines_of[k]})
        cells = np.concatenate([table.line_cells[i] for i in lines]) if lines else np.empty(0, dtype=np.intp)
        signs = np.concatenate([table.line_signs[i] for i in lines]) if lines else np.empty(0)
        line_row = np.repeat(np.arange(len(lines)), [len(table.line_cells[i]) for i in lines])
        variable = np.full(len(table.size_array), -1, dtype=np.intp)
        variable[places] = np.arange(count)
        variable = variable[cells]
        inside = variable >= 0
        rows, columns, values, rhs = [], [], [], np.zeros(len(lines) * names)
        for n, amounts in enumerate(table.amounts):
            row = line_row * names + n
            rows.append(row[inside])
            columns.append(variable[inside] + n * count)
            values.append(signs[inside])
            np.add.at(rhs, row[~inside], -signs[~inside] * amounts[cells[~inside]])
        # sparse: a component of a hundred cells has a thousand variables, each in a handful of lines
        self.a_eq = _matrix(np.concatenate(rows), np.concatenate(columns), np.concatenate(values), len(rhs), width)
        self.b_eq = rhs
        # each part within its size: part − size ≤ 0, one row per key and part name (keys in turn)
        parts = count * (names - 1)
        if parts:
            part = np.arange(1, names)
            row = np.arange(parts)
            key = np.repeat(np.arange(count), names - 1)
            part_column = np.tile(part, count) * count + key
            self.a_ub = _matrix(
                np.concatenate([row, row]),
                np.concatenate([part_column, key]),
                np.concatenate([np.ones(parts), -np.ones(parts)]),
                parts,
                width,
            )
            self.b_ub = np.zeros(parts)
        else:
            self.a_ub, self.b_ub = None, None
        # into Table.columns: (k, n) is n's place × the table's cells + k's place in `order`
        self.columns = (np.arange(names)[:, None] * len(table.size_array) + places[None, :]).ravel()
        self.truth = table.truth[self.columns]
        # each cell's (by place) variable of SIZE, -1 outside the system
        self.variable = np.full(len(table.size_array), -1, dtype=np.intp)
        self.variable[places] = np.arange(count)
        self.bounds = self._box(self._free(), places, table.shown(hidden), table.small_mask(small))
        self._solver: _Solver | None = None

    @staticmethod
    def bounds_only(table: Table, component: set, hidden: set, small: set) -> dict:
        """Each hidden cell's (lowest, highest or None) size as the onlooker is credited with knowing it. The cells
        another view shows (`Table.public`) tell nothing of the ranks: the method never chooses among them."""
        keys, lows, highs = _System._ranges(table, component, hidden, small)
        return {
            k: (int(low), None if np.isinf(high) else int(high))
            for k, low, high in zip(keys, lows.tolist(), highs.tolist(), strict=True)
        }

    @staticmethod
    def _ranges(table: Table, component: set, hidden: set, small: set) -> tuple[list, np.ndarray, np.ndarray]:
        """bounds_only as (keys, lowest sizes, highest sizes or np.inf), for all of them at once (_ranges_at)."""
        keys = list(component)
        lows, highs = _System._ranges_at(table, table.places(keys), table.shown(hidden), table.small_mask(small))
        return keys, lows, highs

    @staticmethod
    def _ranges_at(
        table: Table, places: np.ndarray, shown: np.ndarray, is_small: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The lowest and highest sizes (np.inf: none) of the hidden cells at `places` (a component's), `shown`
        being Table.shown(hidden) and `is_small` Table.small_mask(small). What an onlooker is credited with knowing
        of a withheld size: at least the threshold (1 for a small total), and where it ranks among the shown
        non-zero sizes of the lines around it (a method that withholds the smallest cells first could tell them
        that): above the largest shown size under it, at most the smallest at or over it. A small cell is
        1..threshold-1. Taken by places and masks, not keys and sets: _first_freeing asks it of a dozen
        components of a few hundred cells each step (half of the training groups' protect by keys)."""
        incidence = table.incidence()
        if incidence is not None:
            # the cells of the lines around the component as two reductions of the line × cell matrix, not a set
            # of lines and their cells joined (a quarter of the graded county × grade table's protect)
            lines = incidence[:, places].any(axis=1)
            around_cells = incidence[lines].any(axis=0) & table.withholdable & shown
            around = np.unique(table.size_array[around_cells]).astype(float)
        else:
            lines = {i for p in places.tolist() for i in table.lines_of[table.keys[p]]}
            cells = np.concatenate([table.line_cells[i] for i in lines]) if lines else np.empty(0, dtype=np.intp)
            around = np.unique(table.size_array[cells[table.withholdable[cells] & shown[cells]]]).astype(float)
        sizes = table.size_array[places]
        at = np.searchsorted(around, sizes, side="left")  # around[:at] < size <= around[at:]
        lows = np.where(sizes >= table.threshold, table.threshold, 1).astype(float)
        highs = np.full(len(places), np.inf)
        if len(around):
            lows = np.maximum(lows, np.where(at > 0, around[np.maximum(at - 1, 0)] + 1, 0))
            highs = np.where(at < len(around), around[np.minimum(at, len(around) - 1)], np.inf)
        small_here = is_small[places]
        lows[small_here], highs[small_here] = 1, table.threshold - 1
        return lows, highs

    @staticmethod
    def _ranges_each(
        table: Table, places: list[np.ndarray], shown: np.ndarray, cells: np.ndarray, is_small: np.ndarray
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """_ranges_at of several components at once, the i-th at `places[i]` with cell `cells[i]` hidden besides
        those `shown` leaves out: _first_freeing's candidates, a dozen a step, in a few operations over all of
        them instead of a dozen each (a third of the graded county × grade table's protect). Needs
        Table.incidence. The ranks come from the cells in order of size: the largest shown size under a cell's is
        the last shown one before it in that order, the smallest at or over it the first at or after it."""
        incidence, (order, sorted_sizes) = table.incidence(), table.size_order()
        count, width = len(places), len(table.size_array)
        row = np.repeat(np.arange(count), [len(p) for p in places])
        column = np.concatenate(places)
        # the lines around each component, then the cells of those lines (only lines around some component)
        starts = np.concatenate([[0], np.cumsum([len(p) for p in places])[:-1]])
        lines = np.logical_or.reduceat(incidence.T[column], starts, axis=0)
        near = lines.any(axis=0)
        cells_around = (lines[:, near].astype(np.float32) @ incidence[near].astype(np.float32)) > 0
        around = cells_around & table.withholdable & shown
        around[np.arange(count), cells] = False
        ranked = around[:, order]
        position = np.arange(width)
        last = np.maximum.accumulate(np.where(ranked, position, -1), axis=1)  # last shown at or before
        first = np.minimum.accumulate(np.where(ranked, position, width)[:, ::-1], axis=1)[:, ::-1]  # at or after
        sizes = table.size_array[column]
        at = np.searchsorted(sorted_sizes, sizes, side="left")  # sorted_sizes[:at] < size <= sorted_sizes[at:]
        under = np.where(at > 0, last[row, np.maximum(at - 1, 0)], -1)
        over = np.where(at < width, first[row, np.minimum(at, width - 1)], width)
        lows = np.where(sizes >= table.threshold, table.threshold, 1).astype(float)
        lows = np.where(under >= 0, np.maximum(lows, sorted_sizes[np.maximum(under, 0)] + 1), lows)
        highs = np.where(over < width, sorted_sizes[np.minimum(over, width - 1)].astype(float), np.inf)
        small_here = is_small[column]
        lows[small_here], highs[small_here] = 1, table.threshold - 1
        return list(zip(np.split(lows, starts[1:]), np.split(highs, starts[1:]), strict=True))

    def _free(self) -> _Box:
        """Every variable at its true value."""
        return _Box(self.truth.copy(), self.truth.copy())

    def _box(self, box: _Box, places: np.ndarray, shown: np.ndarray, is_small: np.ndarray) -> _Box:
        """`box` (changed) with the variables of the cells at `places` (a component's, `shown` and `is_small` as
        _ranges_at takes them) within their bounds (bounds_only; a part between 0 and no limit: the inequalities
        keep it within its size)."""
        return self._boxed(box, places, *self._ranges_at(self.table, places, shown, is_small))

    def boxed(self, places: np.ndarray, lows: np.ndarray, highs: np.ndarray) -> _Box:
        """bounds_within with the ranges of the cells at `places` given (_ranges_each)."""
        return self._boxed(self._free(), places, lows, highs)

    def _boxed(self, box: _Box, places: np.ndarray, lows: np.ndarray, highs: np.ndarray) -> _Box:
        sizes = self.variable[places]
        box.low[sizes], box.high[sizes] = lows, highs
        if len(self.names) > 1:
            parts = (np.arange(1, len(self.names))[:, None] * len(self.key_place) + sizes[None, :]).ravel()
            box.low[parts], box.high[parts] = 0.0, np.inf
        return box

    def bounds_within(self, places: np.ndarray, shown: np.ndarray, is_small: np.ndarray) -> _Box:
        """Bounds for the system of the component at `places` (hidden cells of this system's; `shown` and
        `is_small` as _ranges_at takes them, for what is hidden then): its cells within the bounds of its own
        system, every other cell fixed at its true values."""
        return self._box(self._free(), places, shown, is_small)

    def within(self, component: set, hidden: set, small: set) -> _System:
        """This system for `component` (hidden cells of this system's) alone, `hidden` being what is withheld:
        bounds_within as its own bounds, sharing this one's model. The values a quantity of `component` can take
        are those of `component`'s own system: the lines around it read as there, and every other line of this
        system holds only cells fixed at their true values."""
        system = copy.copy(self)
        system.bounds = self.bounds_within(
            self.table.places(component), self.table.shown(hidden), self.table.small_mask(small)
        )
        if self._solver is None:  # one model for both
            self._solver = system._solver = _Solver(self.a_eq, self.b_eq, self.a_ub, self.b_ub)
        return system

    def objective(self, key: Hashable, quantity: str) -> np.ndarray:
        c = np.zeros(len(self.index))
        plus, minus = self._terms(key, quantity)
        c[plus] = 1.0
        if minus >= 0:
            c[minus] = -1.0
        return c

    def solve(self, c: np.ndarray, bounds: _Box | None = None) -> Solution:
        """Minimise c·x over the system (within `bounds` instead of the system's own, when given)."""
        if self._solver is None:
            self._solver = _Solver(self.a_eq, self.b_eq, self.a_ub, self.b_ub)
        return self._solver.minimise(c, bounds or self.bounds)

    def pinned(self, wanted: list[tuple], witnesses: Witnesses | None = None, *, first: bool = False) -> list[tuple]:
        """Those of `wanted` (cell, quantity) that cannot take an integer value other than their true one (with
        `first`, only the first of them in the order of `wanted`).

        Every integer solution found on the way (a vertex of the system, or of the system with a cap on its
        unbounded sizes, which is still a solution) frees every quantity it gives another value; earlier audits'
        solutions that still hold, then a few vertices in fixed pseudo-random directions free most, and the rest
        are asked one by one."""
        if not wanted:
            return []
        # quantity i of x is x[plus[i]] - x[minus[i]] (minus -1: none): a size, a part, or a size minus a part
        plus, minus = np.array([self._terms(*kq) for kq in wanted]).T
        truth = np.array([self.table.value(*kq) for kq in wanted], dtype=float)
        open_ = np.ones(len(wanted), dtype=bool)

        def values(x: np.ndarray) -> np.ndarray:
            return x[plus] - np.where(minus >= 0, x[np.maximum(minus, 0)], 0.0)

        def absorb(x) -> None:
            nonlocal open_
            if x is None or not np.allclose(x, np.round(x), atol=_EPS):
                return
            if witnesses is not None:
                full = self.table.truth.copy()
                full[self.columns] = np.rint(x)
                witnesses.add(full)
            open_ &= np.abs(values(x) - truth) < 1 - _EPS

        earlier = self._fitting(witnesses.matrix()) if witnesses is not None else None
        if earlier is not None and len(earlier):
            moved = np.abs(earlier[:, plus] - np.where(minus >= 0, earlier[:, np.maximum(minus, 0)], 0.0) - truth)
            open_ &= ~np.any(moved >= 1 - _EPS, axis=0)

        cap = 2 * max([*self.table.sizes.values(), self.table.threshold]) + 1
        capped = self.bounds.capped(cap)
        # A few vertices in pseudo-random directions answer many questions at once where many come out free (a
        # table with parts: the training groups' audit is 5 times slower without them). Asked for the first pinned
        # quantity of a table without parts, the first open one is most often it, and they would be wasted (the
        # 提任前 table of a hundred counties: 4 programs of 6, 255 times of 270).
        if len(wanted) > 2 and (not first or self.table.parts):
            for c in np.random.default_rng(0).standard_normal((4, len(self.index))):
                if not open_.any():
                    break
                result = self.solve(c, capped)
                absorb(result.x if result.status == 0 else None)
        for i, kq in enumerate(wanted):
            if not open_[i]:
                continue
            if not self.fixed(*kq):
                free, witness = self._other_value(self.objective(*kq), int(truth[i]))
                absorb(witness)
                if free:
                    open_[i] = False
                    continue
            if first:
                return [kq]
        return [kq for kq, still in zip(wanted, open_, strict=True) if still]

    def fixed(self, key: Hashable, quantity: str, bounds: _Box | None = None) -> bool:
        """Whether the bounds alone pin (key, quantity): a size whose lowest and highest are one (a withheld cell
        ranked between two shown sizes next to it), which no program need be asked about."""
        box, at = bounds or self.bounds, self.index[key, SIZE]
        return quantity == SIZE and box.low[at] == box.high[at]

    def _terms(self, key: Hashable, quantity: str) -> tuple[int, int]:
        """(index added, index subtracted or -1) of the variables whose difference is (key, quantity)."""
        if quantity == SIZE:
            return self.index[key, SIZE], -1
        kind, name = quantity.split(":", 1)
        return (self.index[key, name], -1) if kind == "part" else (self.index[key, SIZE], self.index[key, name])

    def _fitting(self, solutions: np.ndarray | None) -> np.ndarray | None:
        """The rows of `solutions` (values over Table.columns, as Witnesses keeps them) that are solutions of this
        system, restricted to its variables (cells they did not hide at their true values); None without any."""
        if solutions is None:
            return None
        x = solutions[:, self.columns]
        fits = np.ones(len(x), dtype=bool)
        if len(self.b_eq):
            fits &= np.all(np.abs(self.a_eq @ x.T - self.b_eq[:, None]) <= _EPS, axis=0)
        if self.a_ub is not None:
            fits &= np.all(self.a_ub @ x.T <= self.b_ub[:, None] + _EPS, axis=0)
        fits &= np.all((x >= self.bounds.low - _EPS) & (x <= self.bounds.high + _EPS), axis=1)
        return x[fits]

    def has_other_value(self, key: Hashable, quantity: str, bounds: _Box | None = None) -> bool:
        """Whether (key, quantity) can take an integer value other than its true one, given what is shown (within
        `bounds` instead of the system's own, when given)."""
        return self._other_value(self.objective(key, quantity), self.table.value(key, quantity), bounds)[0]

    def _other_value(self, c: np.ndarray, actual: int, bounds: _Box | None = None) -> tuple[bool, np.ndarray | None]:
        """(whether c·x can take another integer value, an integer solution showing it if one came up)."""
        for direction in (1.0, -1.0):  # larger first, then smaller
            result = self.solve(-direction * c, bounds)
            if result.status == 3:  # unbounded: an onlooker has no limit on that side
                return True, None
            if result.status != 0:
                raise RuntimeError(f"disclosure audit: the program ended with status {result.status}")
            furthest = -direction * result.fun
            if direction * (furthest - actual) < 1 - _EPS:
                continue  # no other integer on this side
            if np.allclose(result.x, np.round(result.x), atol=_EPS):
                return True, result.x  # an integer solution with another value
            witness = self._integer_beyond(c, actual, direction, bounds or self.bounds)
            if witness is not None:
                return True, witness
        return False, None

    def _integer_beyond(self, c: np.ndarray, actual: int, direction: float, bounds: _Box) -> np.ndarray | None:
        """An integer solution with c·x at least actual+1 (direction 1) or at most actual-1 (direction -1)."""
        # Imported here: scipy.optimize takes a second to import, and few audits get this far (every command of
        # the CLI imports this module).
        from scipy.optimize import Bounds, LinearConstraint, milp

        constraints = [
            LinearConstraint(c, actual + 1 if direction > 0 else -np.inf, np.inf if direction > 0 else actual - 1)
        ]
        if len(self.b_eq):
            constraints.append(LinearConstraint(self.a_eq, self.b_eq, self.b_eq))
        if self.a_ub is not None:
            constraints.append(LinearConstraint(self.a_ub, -np.inf, self.b_ub))
        result = milp(
            np.zeros(len(c)),
            constraints=constraints,
            integrality=np.ones(len(c)),
            bounds=Bounds(bounds.low, bounds.high),
        )
        return np.round(result.x) if result.status == 0 else None
