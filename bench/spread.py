"""The one summary of repeated timings every benchmark table prints: median and 95th percentile."""

from __future__ import annotations

import statistics


def spread(seconds: list[float]) -> dict | None:
    """{"median", "p95" (nearest rank: with up to 10 runs, the slowest), "runs"} of `seconds`; None for none."""
    if not seconds:
        return None
    ordered = sorted(seconds)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "runs": len(ordered),
    }
