"""An import-all commits each file as checked against the data it lands on (incentive/review/upload_imports.py,
docs/decisions.md#cadre-ids-in-another-letter-case): a preview made before an earlier file of the same upload was
stored is made again from its bytes, and that one is stored or refused."""

from __future__ import annotations

from conftest import data_file
from test_cadre_id_case import roster_rows, training_text

from incentive.review.submissions import Options, check
from incentive.review.upload_imports import import_upload


def previewed(db, files: dict[str, bytes]):
    """Every file previewed first, as the Data page shows an upload before its import-all."""
    return [(name, data, check(db, name, data, Options(), None)[0]) for name, data in files.items()]


def test_a_training_file_imported_after_the_roster_that_adds_its_cadre_is_his(catalog_db):
    """A roster adding LZ009002 and training of lz009002, previewed together, then imported in that order: the
    training is stored as LZ009002 (as the CLI, reading each file after the one before, stores it), and the report
    says what the preview made again says, not "on no roster"."""
    roster = roster_rows([("A001", "2025-12-31"), ("LZ009002", "2025-12-31")]).encode()
    training = training_text(["lz009002"]).encode()
    uploads = previewed(catalog_db, {"roster.csv": roster, "training.csv": training})
    stale = uploads[1][2]
    assert stale.importable and stale.rows["cadre_id"].tolist() == ["lz009002"]  # the store held no LZ009002 yet
    done = [import_upload(catalog_db, n, d, Options(), p, created_by="test") for n, d, p in uploads]
    assert [d.rechecked for d in done] == [False, True]
    assert done[1].batch is not None and done[1].effects.unknown_cadres == 0
    assert [n.text("zh") for n in done[1].preview.notes if n.key.startswith("note_cadre_id")] == [
        "「干部编号」列 1 个干部编号与已有名册中的编号只差字母大小写，已按已有写法读取（视为同一人），"
        "如第 2 行干部编号 lz009002 按已有名册写作 LZ009002。"
    ]
    stored = catalog_db.fetch_all("SELECT cadre_id FROM training WHERE batch_id = $b", {"b": done[1].batch})
    assert stored == [("LZ009002",)]


def test_a_file_the_earlier_one_makes_wrong_is_refused_and_nothing_of_it_stored(catalog_db):
    """A catalog changing R01's unit passed while no value of R01 was stored; the scores imported before it in the
    same import-all make it relabel them (docs/decisions.md#catalog-changes-that-relabel-stored-values): checked
    again, refused, its problem said, no batch."""
    catalog = (
        data_file("indicators.csv")
        .decode()
        .replace("R01,招商引资额,赛马,项目建设,万元", "R01,招商引资额,赛马,项目建设,亿元")
    )
    uploads = previewed(catalog_db, {"race.csv": data_file("race_long.csv"), "目录.csv": catalog.encode()})
    assert all(p.importable for _, _, p in uploads)
    done = [import_upload(catalog_db, n, d, Options(), p, created_by="test") for n, d, p in uploads]
    assert done[0].batch is not None and done[1].batch is None and done[1].rechecked
    assert not done[1].preview.importable
    assert any("亿元" in line for line in done[1].preview.problem_lines("zh"))
    assert catalog_db.fetch_all("SELECT count(*) FROM batches WHERE status = 'active'")[0][0] == 3
    assert catalog_db.fetch_all("SELECT outcome FROM audit WHERE file_name = '目录.csv'") == [("refused",)]


def test_a_preview_of_the_data_as_they_are_is_committed_as_shown(catalog_db):
    roster = roster_rows([("A001", "2025-12-31")]).encode()
    ((name, data, preview),) = previewed(catalog_db, {"roster.csv": roster})
    done = import_upload(catalog_db, name, data, Options(), preview, created_by="test")
    assert done.preview is preview and not done.rechecked and done.batch is not None
