"""A large CSV's records as text in a DuckDB table, read as the per-cell reader (sheets.read_text) reads them.

The bulk path (bulk_csv) parses a file of millions of records a column at a time in DuckDB; this module gets the
records there: the encoding judged on the file's head as sheets.decode_text judges it, a GBK file transcoded to
UTF-8 in chunks (DuckDB reads only UTF-8 without extensions fetched from the network), the file's SHA-256 and line
count in one read, cells written `="…"` found and read as the text inside the quotes, and table `raw` of every
record's cells. Each function says when it gives None: the file cannot be read here line for line as the cell
path reads it, and the caller falls back to that path.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from incentive.intake.cell_values import TEXT_FORMULA, clean_text
from incentive.intake.mixed_encodings import utf8_text

HEAD_BYTES = 1 << 20  # enough to find the header and judge the encoding
CHUNK = 16 << 20  # bytes read at a time by transcode and scan


def head(path: Path) -> bytes:
    """The file's first HEAD_BYTES bytes, cut after their last newline so that they hold whole lines (all of them
    when no newline is found). What the header is located in and the encoding judged on."""
    with path.open("rb") as f:
        head = f.read(HEAD_BYTES)
    cut = head.rfind(b"\n")
    return head[: cut + 1] if cut > 0 else head


def encoding_of(head: bytes) -> str | None:
    """sheets.decode_text's choice, made on the head; a later byte that breaks it fails the read (→ None)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:4096]:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return None


def transcode(path: Path, target: Path) -> Path | None:
    """GBK/GB18030 to UTF-8 in chunks: DuckDB reads only UTF-8 without extensions fetched from the network. None
    when a chunk holds UTF-8 Chinese text (mixed_encodings: the cell path refuses the file naming its lines) or a
    byte that breaks GB18030. Chunks are cut after a newline, so no text is split between two of them."""
    decoder = codecs.getincrementaldecoder("gb18030")(errors="strict")
    rest = b""
    try:
        with path.open("rb") as src, target.open("wb") as dst:
            while chunk := src.read(CHUNK):
                block = rest + chunk
                cut = block.rfind(b"\n") + 1
                block, rest = block[:cut], block[cut:]
                if utf8_text(block) is not None:
                    return None
                dst.write(decoder.decode(block).encode("utf-8"))
            if utf8_text(rest) is not None:
                return None
            dst.write(decoder.decode(rest, final=True).encode("utf-8"))
    except UnicodeDecodeError:
        return None
    return target


@dataclass(frozen=True)
class Scan:
    """What one read of the whole file found (scan)."""

    sha256: str
    lines: int  # as a line-numbering reader counts them (a last line without a newline counts)


def scan(path: Path) -> Scan:
    """The file's SHA-256 and its line count in one read. GB18030 never uses the newline byte inside a character,
    so the count of a GBK file is that of its UTF-8 conversion."""
    digest, lines, last = hashlib.sha256(), 0, b"\n"
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return Scan(digest.hexdigest(), lines + (last != b"\n"))


SEARCH_CHUNK = 1 << 23  # bytes read at a time by has_text_formula


def has_text_formula(source: Path) -> bool:
    """Whether `="` occurs anywhere in the file, as it does in every cell written `="…"` (quoted or not): a search
    at memory speed (0.2 s for a gigabyte), where reading each of ten million records' cells for it while staging
    cost a tenth of a province's training import. Neither byte can be part of a GB18030 character."""
    last = b""  # the previous chunk's last byte: `=` may end one chunk and `"` begin the next
    with open(source, "rb") as file:
        # read in chunks, not mapped whole: a mapping's pages count in the process's resident memory
        while chunk := file.read(SEARCH_CHUNK):
            if chunk.find(b'="') >= 0 or (last == b"=" and chunk.startswith(b'"')):
                return True
            last = chunk[-1:]
    return False


def stage_records(con, source: Path, width: int, skip: int, delimiter: str, text_formulas: bool) -> int | None:
    """Table `raw`: every record below the header as text, in file order (rowid 0 is record 1); the number of
    records, or None when DuckDB cannot read the file as the per-cell reader would. With `text_formulas` (the file
    has `="` somewhere: has_text_formula) a cell written `="…"` is read as the text inside the quotes, as
    sheets.read_text reads it (cell_values.text_formula), and `o<i>` holds it as written (NULL for every other cell
    of column i), for the notes that say so (bulk_csv._text_formula_notes)."""
    columns = {f"c{i}": "VARCHAR" for i in range(width + 1)}  # one more: text beyond the header (text_outside_header)
    formula = "contains({c}, '=') AND regexp_full_match({c}, $formula)"
    read = [
        f"CASE WHEN {formula.format(c=f'c{i}')} THEN regexp_extract(c{i}, $formula, 1) ELSE c{i} END"
        if text_formulas
        else f"c{i}"
        for i in range(width + 1)
    ]
    # The column beyond the header is kept only as whether it holds text: its cells, nearly always empty, took
    # 16 bytes a record all the same in `raw` (160 MB of 1.6 GB for a province's training records).
    read = [f"{cell} AS c{i}" for i, cell in enumerate(read[:width])] + [
        f"trim(coalesce({read[width]}, '')) <> '' AS beyond"
    ]
    written = (
        [f"CASE WHEN {formula.format(c=f'c{i}')} THEN c{i} END AS o{i}" for i in range(width)] if text_formulas else []
    )
    params = {"path": str(source), "skip": skip, "columns": columns, "delim": delimiter}
    try:
        con.execute(
            f"""
            CREATE TABLE raw AS
            SELECT {", ".join(read + written)}
            FROM read_csv($path, header = false, skip = $skip, auto_detect = false, columns = $columns,
                          delim = $delim, quote = '"', escape = '"', null_padding = true, strict_mode = false)""",
            params | ({"formula": TEXT_FORMULA} if text_formulas else {}),
        )
    except duckdb.Error:
        return None
    return con.execute("SELECT count(*) FROM raw").fetchone()[0]


def text_outside_header(con, header: list[str]) -> bool:
    """Whether some record has text beyond the header's width (the staged `beyond`: _stage) or under a blank header
    cell, which the per-cell path refuses row by row."""
    blank = [i for i, h in enumerate(header) if not clean_text(h)]
    where = " OR ".join(["beyond", *(f"trim(coalesce(c{i}, '')) <> ''" for i in blank)])
    return con.execute(f"SELECT EXISTS (FROM raw WHERE {where})").fetchone()[0]
