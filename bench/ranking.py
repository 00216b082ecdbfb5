"""What the joint robustness draws (incentive/race/robustness.py) cost a ranking, beside the ranking without them.

    python bench/ranking.py            # 12, 150 and 600 units, 12 indicators, 5 runs each

Prints, per peer-group size, the median seconds of one cold ranking (the page computes it once per data version
and settings, then serves it from its cache) without draws, with the weights-only interval alone, and with the
joint draws over every modelling choice (the page's). Not a test: nothing asserts a time.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from incentive.race import robustness, scoring

RUNS = 5
SIZES = (12, 150, 600)  # a prefecture's counties, a county's townships, a province's counties
CODES = [f"R{i:02d}" for i in range(12)]


def case(units: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(units)
    catalog = pd.DataFrame(
        {
            "code": CODES,
            "name": CODES,
            "track": [f"赛道{i % 4}" for i in range(12)],
            "direction": ["lower" if i % 5 == 0 else "higher" for i in range(12)],
            "weight": rng.integers(1, 10, 12).astype(float),
            "target": np.nan,
            "unit": "%",
        }
    )
    rows = [(f"单位{u}", c, rng.lognormal(3, 0.6)) for u in range(units) for c in CODES if rng.random() > 0.05]
    return pd.DataFrame(rows, columns=["unit", "indicator", "value"]), catalog


def median_seconds(run) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(units: int) -> tuple[float, float, float]:
    """Median seconds of a ranking without draws, with the page's draws, and of the joint draws' part alone."""
    values, catalog = case(units)
    plain = median_seconds(lambda: scoring.rank_units(values, catalog, draws=0))
    full = median_seconds(lambda: scoring.rank_units(values, catalog))
    ranking = scoring.rank_units(values, catalog)
    ranked = ranking.ranked.reindex(ranking.choices.units)
    weights_interval = (ranked["rank_low"].to_numpy(), ranked["rank_high"].to_numpy())
    joint = median_seconds(
        lambda: robustness.robustness_table(
            ranking.choices,
            ranked["rank"].to_numpy(),
            weights_interval,
            draws=scoring.DRAWS,
            seed=scoring.SEED,
            jitter=scoring.WEIGHT_JITTER,
            interval=scoring.INTERVAL,
            decimals=scoring.RANK_DECIMALS,
        )
    )
    return plain, full, joint


def main() -> int:
    print(f"{'units':>6} {'no draws':>10} {'weights only':>13} {'joint (page)':>13} {'joint part':>11}")
    for units in SIZES:
        plain, full, joint = measure(units)
        print(f"{units:>6} {plain:>10.3f} {full - joint:>13.3f} {full:>13.3f} {joint:>11.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
