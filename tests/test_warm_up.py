"""ui/warm_up.py: when the server asks for its own pages, and at which address. That the pages run through it
without an exception, in the order and number it says, is tested against a running server
(tests/browser/test_warm_up_in_browser.py)."""

import pytest
from conftest import import_ok

from incentive.store import settings
from ui import warm_up


def test_a_run_that_finds_a_new_data_version_asks_for_a_warm_up(app_factory):
    from ui.runtime import database

    at = app_factory()
    warm_up._wanted.clear()
    at.run()
    assert not warm_up._wanted.is_set()  # the same data: the pages are as warm as they were
    import_ok(database(), "regions.csv", "县区,乡镇,县区代码\n新县,,99\n".encode())
    at.run()
    assert warm_up._wanted.is_set()
    warm_up._wanted.clear()
    settings.save(database(), "suppression_threshold", 3, "测试")  # the rankings' and training's keys move too
    at.run()
    assert warm_up._wanted.is_set()
    warm_up._wanted.clear()


@pytest.mark.parametrize(
    "address, base, certificate, expected",
    [
        ("", "", None, "http://127.0.0.1:8501"),
        ("0.0.0.0", "dashboard", None, "http://127.0.0.1:8501/dashboard"),
        ("10.1.2.3", "/a/b/", "/etc/app.pem", "https://10.1.2.3:8501/a/b"),
        ("::1", "", None, "http://[::1]:8501"),
    ],
)
def test_the_warm_up_asks_the_server_at_its_own_address(address, base, certificate, expected):
    options = {
        "server.address": address,
        "server.baseUrlPath": base,
        "server.port": 8501,
        "server.sslCertFile": certificate,
    }
    assert warm_up._base_url(options.get) == expected


def test_it_can_be_turned_off(monkeypatch):
    for off in ("0", "off", "False", " no "):
        monkeypatch.setenv("INCENTIVE_WARM_UP", off)
        assert not warm_up.enabled()
    for on in ("1", "", "on"):
        monkeypatch.setenv("INCENTIVE_WARM_UP", on)
        assert warm_up.enabled()


@pytest.mark.slow
def test_after_a_warm_up_the_collector_passes_over_what_it_computed():
    """_settle collects, then freezes what is alive (the caches just filled) out of the collector's future passes;
    garbage in a cycle among frozen objects waits for the next settle, which unfreezes and collects first."""
    import gc
    import weakref

    class Node:
        pass

    def cycle() -> weakref.ref:
        node = Node()
        node.me = node
        return node

    try:
        gc.collect()
        dropped = weakref.ref(cycle())  # garbage already: the settle's own collection frees it
        kept = cycle()  # alive through the warm-up, dropped after
        warm_up._settle()
        assert dropped() is None and gc.get_freeze_count() > 1000
        assert len(gc.get_objects(generation=2)) < gc.get_freeze_count()  # later passes skip the frozen
        left = weakref.ref(kept)
        del kept
        gc.collect()
        assert left() is not None  # frozen: not collected by the passes between warm-ups
        warm_up._settle()
        assert left() is None
    finally:
        gc.unfreeze()


def test_the_rankings_are_opened_for_every_period_and_method_the_year_offers():
    from incentive.i18n import t

    z, minmax = t("method_z"), t("method_minmax")
    shown = warm_up.Opened(
        years=["2026", "2025"],
        year="2025",
        choices={"rank_period": (["2025-Q2", "2025-Q1"], "2025-Q2"), "rank_method": ([z, minmax], z)},
    )
    assert warm_up.rank_choices(shown, "year=2025") == [
        "year=2025&rank.period=2025-Q2&rank.method=z",
        "year=2025&rank.period=2025-Q2&rank.method=minmax",
        "year=2025&rank.period=2025-Q1&rank.method=z",
        "year=2025&rank.period=2025-Q1&rank.method=minmax",
    ]
    assert warm_up.rank_choices(shown, "")[1] == "rank.period=2025-Q2&rank.method=minmax"  # the default year
    assert warm_up.rank_choices(warm_up.Opened(), "") == []  # a year without race data offers no period
