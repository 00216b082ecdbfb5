"""The faster incentive/disclosure.py withholds exactly the cells the one before it did (tests/disclosure_before.py,
kept verbatim): same small, withheld, left and unprotected cells, on seeded random tables of the shapes the app
protects (a county × category cross table with row, column and grand totals; tiers of counties with their
subtotals, as the appraisal grades; one line of counties and its total, as promotions; parts within the sizes, as
trained of cadres; cells another view shows or withholds), from 2 × 2 to 100 × 8, with many small cells and zeros."""

from __future__ import annotations

import disclosure_before as before
import numpy as np
import pytest

from incentive import disclosure


def random_table(seed: int) -> dict:
    """protect's arguments for one seeded table: sizes, lines, threshold, parts, shown_elsewhere, withheld_elsewhere."""
    rng = np.random.default_rng(seed)
    rows = int(rng.choice([2, 3, 5, 8, 20, 40, 100]))
    columns = int(rng.choice([2, 3, 4, 6, 8]))
    # counts: zeros, small cells and larger ones in seed-dependent shares
    shares = rng.dirichlet([1.0, 1.5, 2.0])
    kind = rng.choice(3, size=(rows, columns), p=shares)
    counts = np.where(
        kind == 0, 0, np.where(kind == 1, rng.integers(1, 5, (rows, columns)), rng.integers(5, 60, (rows, columns)))
    )
    tiers = rng.integers(1, 4, rows) if rows >= 6 and rng.random() < 0.5 else None
    sizes: dict = {}
    lines: list = []
    for r in range(rows):
        for c in range(columns):
            sizes["cell", r, c] = int(counts[r, c])
    for c in range(columns):  # down each column: tiers' subtotals, then the total
        top = []
        for tier in sorted(set(tiers.tolist())) if tiers is not None else ():
            members = tuple(("cell", r, c) for r in range(rows) if tiers[r] == tier)
            sizes["tier", tier, c] = sum(sizes[m] for m in members)
            lines.append(disclosure.Line(("tier", tier, c), members))
            top.append(("tier", tier, c))
        if tiers is None:
            top = [("cell", r, c) for r in range(rows)]
        sizes["total", c] = sum(sizes[m] for m in top)
        lines.append(disclosure.Line(("total", c), tuple(top)))
    if rng.random() < 0.7:  # along each row to its margin (a cross table); else columns only (promotions)
        heads = [("cell", r) for r in range(rows)]
        heads += [("tier", tier) for tier in sorted(set(tiers.tolist()))] if tiers is not None else []
        for head in [*heads, ("total",)]:
            members = tuple((*head, c) for c in range(columns))
            sizes[(*head, "all")] = sum(sizes[m] for m in members)
            lines.append(disclosure.Line((*head, "all"), members))
    parts = None
    if rng.random() < 0.25 and rows * columns <= 200:
        trained = {k: int(rng.integers(0, v + 1)) if k[0] == "cell" else 0 for k, v in sizes.items()}
        for line in lines:  # the totals first in the order they were made: members before totals
            trained[line.total] = sum(trained[m] for m in line.members)
        parts = {"trained": trained}
    keys = list(sizes)
    shown_elsewhere = set()
    withheld_elsewhere = set()
    if rng.random() < 0.25:
        shown_elsewhere = {keys[i] for i in rng.choice(len(keys), size=max(1, len(keys) // 10), replace=False)}
    if rng.random() < 0.2:
        big = [k for k in keys if sizes[k] >= 5 and k not in shown_elsewhere]
        withheld_elsewhere = (
            {big[i] for i in rng.choice(len(big), size=min(2, len(big)), replace=False)} if big else set()
        )
    threshold = int(rng.choice([5, 5, 5, 3, 2]))
    return {
        "sizes": sizes,
        "lines": lines,
        "threshold": threshold,
        "parts": parts,
        "shown_elsewhere": shown_elsewhere,
        "withheld_elsewhere": withheld_elsewhere,
    }


def patterns(arguments: dict) -> tuple:
    sizes, lines, threshold, parts = (arguments[k] for k in ("sizes", "lines", "threshold", "parts"))
    elsewhere = {k: arguments[k] for k in ("shown_elsewhere", "withheld_elsewhere")}
    now = disclosure.protect(sizes, lines, threshold, parts, **elsewhere)
    then = before.protect(
        sizes, [before.Line(line.total, line.members) for line in lines], threshold, parts, **elsewhere
    )
    return now, then


# the first 12 seeds in the quick run, every one in the whole suite (the 60 take 12 s on one core)
@pytest.mark.parametrize("seed", [*range(12), *(pytest.param(s, marks=pytest.mark.slow) for s in range(12, 60))])
def test_the_faster_protect_withholds_what_the_one_before_did(seed):
    now, then = patterns(random_table(seed))
    assert now.small == then.small
    assert now.withheld == then.withheld
    assert now.left == then.left
    assert now.unprotected == then.unprotected
    assert now.cells == then.cells


@pytest.mark.parametrize("seed", range(20))
def test_components_grown_cell_by_cell_are_those_found_afresh(seed):
    arguments = random_table(seed)
    table = disclosure.Table(arguments["sizes"], arguments["lines"], arguments["threshold"])
    rng = np.random.default_rng(seed)
    keys = list(table.sizes)
    hidden: set = set()
    for step in rng.permutation(len(keys))[: max(2, len(keys) // 3)]:
        hidden.add(keys[step])
        grown = disclosure._components(table, hidden)  # from the last answer kept on the table
        afresh = disclosure._components(disclosure.Table(table.sizes, table.lines, table.threshold), hidden)
        assert grown == afresh


@pytest.mark.parametrize(
    "seed", [*range(0, 12, 4), *(pytest.param(s, marks=pytest.mark.slow) for s in range(12, 60, 4))]
)
def test_a_table_too_large_for_the_line_by_cell_matrix_withholds_the_same(seed, monkeypatch):
    monkeypatch.setattr(disclosure, "_INCIDENCE_MOST", 0)  # the path of the lines' own cell lists
    now, then = patterns(random_table(seed))
    assert (now.small, now.withheld, now.left, now.unprotected) == (
        then.small,
        then.withheld,
        then.left,
        then.unprotected,
    )
