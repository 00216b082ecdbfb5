"""County scopes in the running app: a clerk of 云岫县, signed in through the sidebar, tampers with the address to
reach 澄溪县's names; nothing of them reaches his browser, in the page or in any download it is offered. His own
county's list downloads to his browser only: any other browser gets 404 for its address."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request

import duckdb
import pytest

from .attacker import own_cookies
from .browser_steps import main, open_view, sign_in
from .test_attacks_in_browser import watch_messages

pytestmark = pytest.mark.browser

PASSWORD = "a clerk password"
OWN, OTHER = "云岫县", "澄溪县"
CLERKS = {OWN: "岫县填报员", OTHER: "澄溪填报员"}


@pytest.fixture(scope="module")
def sample_db_file(sample_db_file, tmp_path_factory):
    """The session's sample with a clerk for each of two counties (app_url serves a copy of this file)."""
    from incentive.accounts import users
    from incentive.store.database import Database

    path = tmp_path_factory.mktemp("scopes") / "sample.duckdb"
    shutil.copy(sample_db_file, path)
    db = Database(path)
    for county, name in CLERKS.items():
        users.add(db, name, "county_clerk", county, PASSWORD, "test")
    db.close()
    return path


@pytest.fixture(scope="module")
def cadre_ids(sample_db_file) -> dict[str, set[str]]:
    """The cadre ids only ever on each county's rosters (a cadre who moved between them belongs to neither)."""
    with duckdb.connect(str(sample_db_file), read_only=True) as con:
        rows = con.execute(
            "SELECT DISTINCT county, cadre_id FROM roster WHERE county IN (?, ?)", [OWN, OTHER]
        ).fetchall()
    ids = {OWN: set(), OTHER: set()}
    for county, cadre in rows:
        ids[county].add(cadre)
    both = ids[OWN] & ids[OTHER]
    return {county: found - both for county, found in ids.items()}


def names_lists(page):
    return main(page).locator("[data-testid=stExpander]").filter(has_text="未参训人员名单")


def offered_downloads(page) -> list[str]:
    """The /media/ addresses of the download buttons the app sends this page from now on."""
    urls: list[str] = []

    def collect(msg):
        if msg.WhichOneof("type") == "delta" and msg.delta.new_element.WhichOneof("type") == "download_button":
            urls.append(msg.delta.new_element.download_button.url)

    watch_messages(page, collect)
    return urls


def test_a_clerk_tampering_with_the_address_gets_no_other_countys_names(page, app_url, cadre_ids):
    urls = offered_downloads(page)
    open_view(page, f"{app_url}/training?train.tab=drill&train.drill={OTHER}")
    sign_in(page, CLERKS[OWN], PASSWORD)  # the page reloads at the same address, signed in
    assert names_lists(page).count() == 0
    contents = [page.request.get(app_url + url).text() for url in set(urls) if "/media/" in url]
    assert contents, "the training page offers no download"
    assert not {cadre for text in contents for cadre in cadre_ids[OTHER] if cadre in text}

    urls.clear()
    open_view(page, f"{app_url}/training?train.tab=drill&train.drill={OWN}")
    names_lists(page).first.wait_for()
    fetched = {app_url + url: page.request.get(app_url + url).text() for url in set(urls) if "/media/" in url}
    own_lists = [url for url, text in fetched.items() if any(cadre in text for cadre in cadre_ids[OWN])]
    assert own_lists, "his own county's list is offered to him"
    cookie = own_cookies(app_url)["incentive_session"]  # any other browser, whoever is signed in there
    for url in own_lists:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": f"incentive_session={cookie}"}))
        assert refused.value.code == 404
