"""Text files in two encodings: UTF-8 text pasted into a GBK CSV, or GBK text into a UTF-8 one.

A county's CSV is saved by Excel in GBK; a clerk pastes a course name from a UTF-8 file (a download, a chat message)
and saves it with a tool that writes the pasted bytes as they came. Read as GBK, the UTF-8 text is mojibake
(`专业能力提升` as `涓撲笟鑳藉姏鎻愬崌`) that GB18030 often decodes without an error: a course no one took, stored in
silence (2026-12-07). Read as UTF-8, GBK text breaks the decoding. A file that is not UTF-8 as a whole but holds
UTF-8 Chinese text is refused, naming the line of that text and a line that is not UTF-8
(docs/decisions.md#text-files-in-two-encodings).

UTF-8 Chinese text is a run of non-ASCII bytes that decodes as UTF-8, holds a Chinese character and a byte from
0x80 to 0xA0, and has at least two rare characters fewer read as UTF-8 than read as GBK (`_rare`). GB2312, the part of GBK office
text is written in, uses no byte below 0xA1: its text is never taken for UTF-8. A GBK run with a rarer character
(GBK's extension, bytes 0x81-0xA0, as in some names) may decode as UTF-8 by chance, but then as CJK characters from
all over the 20,000, rarer than the GBK reading (in 10 MB of random GBK text with 1% of such characters, no run
was taken for UTF-8; with 5%, two). Missed: a UTF-8 run whose continuation bytes all fall in 0xA1-0xBF, valid
GB2312 text, and short runs without two rare characters in their GBK reading: about one one-character run in four,
one two-character run in ten, one four-character run in two hundred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# A UTF-8 Chinese character (lead 0xE3-0xE9) with a continuation byte GB2312 never uses: where a search starts
_CANDIDATE = re.compile(rb"[\xe3-\xe9](?:[\x80-\xa0][\x80-\xbf]|[\xa1-\xbf][\x80-\xa0])")
_NON_ASCII = re.compile(rb"[\x80-\xff]*")
SHOWN_CHARS = 30  # of the UTF-8 text, in the message


@dataclass(frozen=True)
class MixedLines:
    """Line numbers, 1-based as an editor counts them: the first line with UTF-8 Chinese text, that text, and the
    first line that is not UTF-8."""

    utf8_line: int
    utf8_text: str
    other_line: int


def utf8_text(block: bytes) -> tuple[int, str] | None:
    """(byte offset, text) of the first run of UTF-8 Chinese text in `block`, or None. The search runs in the regex
    engine over the bytes once; GB2312 text offers it no candidate at all (a 10 MB GBK file: about 0.02 s)."""
    at = 0
    while (m := _CANDIDATE.search(block, at)) is not None:
        start = m.start()
        while start and block[start - 1] >= 0x80:
            start -= 1
        end = _NON_ASCII.match(block, m.start()).end()
        try:
            text = block[start:end].decode("utf-8")
        except UnicodeDecodeError:
            at = end
            continue
        # two rare characters fewer, not one: a GBK name with one rare character may read as UTF-8 by chance
        if _CHINESE.search(text) and _rare(text) + 2 <= _rare(block[start:end].decode("gb18030", errors="replace")):
            return start, text
        at = end
    return None


def mixed_lines(data: bytes) -> MixedLines | None:
    """Where `data`, a file that is not UTF-8 as a whole, holds UTF-8 Chinese text; None when it holds none (a GBK
    file, or one in another encoding)."""
    found = utf8_text(data)
    if found is None:
        return None
    offset, text = found
    other = next(n for n, line in enumerate(data.split(b"\n"), 1) if not _is_utf8(line))
    shown = text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
    return MixedLines(data.count(b"\n", 0, offset) + 1, shown, other)


def _rare(text: str) -> int:
    """How many characters of `text` are not what office text is mostly written in: GB2312's symbols and its 3,755
    common characters (level 1). Of two readings of one run of bytes, the one with fewer is the text written:
    `专业能力提升` has none, its GBK reading `涓撲笟鑳藉姏鎻愬崌` eight."""
    rare = 0
    for char in text:
        try:
            lead = char.encode("gb2312")[0]
        except UnicodeEncodeError:
            rare += 1
            continue
        rare += not (lead < 0xAA or 0xB0 <= lead < 0xD8)
    return rare


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
