"""Hostile input, generated: random and mutated CSV/XLSX bytes and random cell values. The importer only ever
answers with its own located problems (a Preview), never another exception, and a refused file writes nothing."""

import io
import random

import openpyxl
import pytest
from conftest import DATA, import_ok
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from incentive.intake.ingest import parse_file
from incentive.intake.preview import Preview
from incentive.store.reference import current_reference

pytestmark = pytest.mark.slow  # hundreds of generated files, each through the whole importer

CSV_SEED = (DATA / "race_long.csv").read_bytes()
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=18, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.sampled_from(
        [
            "=1+1",
            "+SUM(A1)",
            "-",
            "—",
            "N/A",
            "85%",
            "８５",
            "1,234",
            "2025Q2",
            "2025年6月",
            "云岫",
            "县区",
            "指标",
            "数值",
            "\t",
            "\r\n",
            "\x00",
            "🙂",
        ]
    ),
)


def mutate(data: bytes, seed: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        action = rng.random()
        position = rng.randrange(len(out) + 1)
        if action < 0.4 and out:
            out[min(position, len(out) - 1)] = rng.randrange(256)
        elif action < 0.7:
            out[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        else:
            del out[position : position + rng.randint(1, 16)]
    return bytes(out)


def answers_with_a_preview(db, name: str, data: bytes, **options) -> Preview:
    preview = parse_file(name, data, current_reference(db), **options)
    assert isinstance(preview, Preview)
    for text in preview.problem_texts("zh") + preview.problem_texts("en"):
        assert name in text or "文件" in text or "file" in text.lower()
    return preview


@FAST
@given(st.binary(max_size=3000), st.sampled_from(["x.csv", "x.tsv", "x.txt", "x.xlsx", "x.xls", "x"]))
def test_random_bytes(catalog_db, data, name):
    answers_with_a_preview(catalog_db, name, data)


@FAST
@given(st.integers(0, 10**9), st.sampled_from(["gbk", "utf-8", "utf-8-sig"]))
def test_mutated_csv_in_real_encodings(catalog_db, seed, encoding):
    data = mutate(CSV_SEED.decode("utf-8").encode(encoding, errors="replace"), seed)
    answers_with_a_preview(catalog_db, "得分.csv", data, skip_invalid=bool(seed % 2))


@FAST
@given(st.lists(st.lists(CELLS, min_size=1, max_size=6), min_size=1, max_size=12))
def test_random_cells_under_a_real_header(catalog_db, rows):
    lines = ["考核期,县区,乡镇,指标,数值"] + [
        ",".join('"' + str(c).replace('"', '""') + '"' if c is not None else "" for c in row) for row in rows
    ]
    answers_with_a_preview(catalog_db, "cells.csv", "\n".join(lines).encode("utf-8"))


def workbook(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])  # Excel's own rule
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX_SEED = workbook(
    [
        ["考核期", "县区", "乡镇", "指标", "数值"],
        ["2025Q2", "云岫县", None, "R01", 12.5],
        ["2025Q2", "云峤县", None, "R02", 3],
    ]
)


@SLOW
@given(st.integers(0, 10**9))
def test_mutated_xlsx(catalog_db, seed):
    answers_with_a_preview(catalog_db, "得分.xlsx", mutate(XLSX_SEED, seed))


@SLOW
@given(
    st.lists(
        st.lists(CELLS.filter(lambda c: not (isinstance(c, float) and c != c)), min_size=1, max_size=5),
        min_size=1,
        max_size=8,
    )
)
def test_random_cells_in_a_workbook(catalog_db, rows):
    answers_with_a_preview(catalog_db, "cells.xlsx", workbook([["考核期", "县区", "乡镇", "指标", "数值"], *rows]))


@FAST
@given(st.binary(max_size=400))
def test_a_refused_file_writes_nothing(catalog_db, data):
    before = catalog_db.fetch_all("SELECT count(*) FROM batches")[0][0]
    preview = answers_with_a_preview(catalog_db, "bad.csv", b"\xff\xfe" + data)
    if preview.importable:
        import_ok(catalog_db, "bad.csv", b"\xff\xfe" + data)
        before += 1
    assert catalog_db.fetch_all("SELECT count(*) FROM batches")[0][0] == before


INJECTIONS = [
    "x'); DROP TABLE batches; --",
    "' OR '1'='1",
    '"; DELETE FROM audit; --',
    "$period",
    "{county}",
    "=cmd|' /C calc'!A0",
]


def test_injection_strings_stay_data(db):
    from incentive.race import rankings
    from incentive.sharing.export import export_frame
    from incentive.store import queries

    regions = "县区,乡镇,县区代码\n" + "".join(
        f'"{name.replace(chr(34), chr(34) * 2)}",,9{i}\n' for i, name in enumerate(INJECTIONS)
    )
    import_ok(db, "r.csv", regions.encode())
    catalog = "指标代码,指标名称,类别,赛道,单位,方向,权重\n" + "".join(
        f'Q{i},"{name.replace(chr(34), chr(34) * 2)}",赛马,"{name.replace(chr(34), chr(34) * 2)}",分,正向,1\n'
        for i, name in enumerate(INJECTIONS)
    )
    import_ok(db, "i.csv", catalog.encode())
    values = "考核期,县区,指标,数值\n" + "".join(
        f'2025Q1,"{c.replace(chr(34), chr(34) * 2)}",Q{i},{i}\n' for i, c in enumerate(INJECTIONS)
    )
    import_ok(db, "v.csv", values.encode())
    assert db.fetch_all("SELECT count(*) FROM batches")[0][0] == 3  # nothing dropped, nothing deleted
    ranking = rankings.rank_period(db.connection, "2025-Q1")
    from incentive.intake.cell_values import clean_name

    assert set(ranking.table.index) == {clean_name(name) for name in INJECTIONS}  # stored as names, spaces tidied
    for hostile in INJECTIONS:
        assert queries.run(db.connection, "race_values", period=hostile, county=hostile).empty
        assert queries.run(db.connection, "race_units", county=hostile).empty
    exported = export_frame(db, "regions")
    from incentive.sharing.export import to_csv_bytes

    assert "'=cmd|" in to_csv_bytes(exported).decode()  # escaped on the way out
