"""The first table of a web page, read as Excel reads it: many web systems export their "Excel" as an HTML table
under an `.xls` name, and Excel and WPS open it without a word.

lxml (libxml2's forgiving HTML parser) reads pages with tags left open and broken nesting. Each cell's text is
what the page shows (`85%`, `1,234`, an id with its leading zeros), whitespace collapsed; a cell spanning rows or
columns (`rowspan`, `colspan`) is a merged range, its value in the top-left cell as in a workbook.
"""

from __future__ import annotations

import codecs
import contextlib
import re

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# The HTML standard's limits for spans; beyond a budget of covered cells a span counts as 1 (only a crafted page
# gets there: a real table pays at least a few bytes of markup per cell).
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534


def decode_html(data: bytes) -> str:
    """Text by the page's byte-order mark or <meta charset>, else UTF-8, else GB18030 (what Excel on Chinese
    Windows assumes)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    m = _CHARSET.search(data[:4096])
    name = None
    if m:
        with contextlib.suppress(LookupError):
            name = codecs.lookup(m.group(1).decode("ascii")).name
    if name in ("gb2312", "gbk", "gb18030", "cp936"):
        name = "gb18030"  # a superset: what Excel does with a page that says gb2312
    if name is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            name = "gb18030"
    return data.decode(name, errors="replace")


def first_table(text: str) -> tuple[list[list[str]], list[tuple[tuple[int, int], tuple[int, int]]]] | None:
    """(rows, merged ranges 0-based inclusive) of the first table holding no other table and some text; None when
    the page has no such table."""
    import lxml.etree

    parser = lxml.etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.etree.fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return None
    if root is None:
        return None
    for table in root.iter("table"):
        if table.xpath("boolean(.//table)"):
            continue  # a layout table around the data table
        for br in table.iter("br"):  # a line break inside a cell separates words, as on the page
            br.tail = " " + (br.tail or "")
        rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        grid, merged = _grid(rows, budget=len(text) + 1_000_000)
        if any(any(line) for line in grid):
            return grid, merged
    return None


def _grid(rows, budget: int) -> tuple[list[list[str]], list[tuple[tuple[int, int], tuple[int, int]]]]:
    grid: list[list[str]] = []
    covered: list[set[int]] = [set() for _ in rows]  # columns taken by a span from a row above
    merged = []
    for r, row in enumerate(rows):
        line: list[str] = []
        taken = covered[r]
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            c = len(line)
            while c in taken:
                c += 1
            line.extend([""] * (c - len(line)))
            text = "".join(cell.itertext()) if len(cell) else cell.text or ""
            line.append(" ".join(text.split()))
            colspan, rowspan = cell.get("colspan"), cell.get("rowspan")
            if colspan or rowspan:
                colspan = _span(colspan, MAX_COLSPAN)
                rowspan = min(_span(rowspan, MAX_ROWSPAN), len(rows) - r)
                if colspan * rowspan > budget:
                    colspan = rowspan = 1
                budget -= colspan * rowspan
                if colspan > 1 or rowspan > 1:
                    merged.append(((r, c), (r + rowspan - 1, c + colspan - 1)))
                    line.extend([""] * (colspan - 1))
                    for below in range(r + 1, r + rowspan):
                        covered[below].update(range(c, c + colspan))
        grid.append(line)
    return grid, merged


def _span(value: str | None, limit: int) -> int:
    try:
        return max(1, min(int((value or "1").strip()), limit))
    except ValueError:
        return 1
