"""What `clean_text` changed in a text, said so that a person sees it: the example of the note of texts normalized
(`note_text_normalized`), from the per-cell path (changes.Changes.text) and the bulk path alike.

The note quoted 「**班**  [链]…」→「**班** [链]…」: two spaces folded to one look the same once a page collapses
white space (HTML does), and the note's general list (full-width, line breaks, spaces, invisible characters) did
not say which applied (a tester's review of 2026-12-07). The example now names its own changes and, when spaces
changed, shows each space as ␣ on both sides, and an invisible character as its code point; line breaks are ⏎
already (cell_values.one_line).
"""

from __future__ import annotations

import re
import unicodedata

from incentive import safe_text
from incentive.i18n import join, t
from incentive.intake.cell_values import INVISIBLE, one_line, space_beside_chinese

SPACE_MARK = "␣"  # U+2423 OPEN BOX: a space shown where a page would collapse it
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE_RUN = re.compile(r"[^\S\r\n]{2,}")  # two or more spaces, tabs …, not line breaks
_SPACE_KINDS = ("text_spaces_trimmed", "text_spaces_merged", "text_spaces_beside_chinese", "text_spaces_other")


def changes_made(written: str) -> list[str]:
    """The i18n keys of what `clean_text` changes in `written`, in the order it changes them: full-width
    characters (U+FF01–FF5E), other characters NFKC makes plain (compatibility characters: ℒ, Ⓛ), invisible characters, line breaks, spaces other than the plain one (tab, full-width or no-break
    space), spaces at either end, runs of spaces, spaces beside Chinese characters. [] when it changes nothing."""
    kinds = []
    folded = [c for c in written if not c.isspace() and unicodedata.normalize("NFKC", c) != c]
    if any(_is_full_width(c) for c in folded):
        kinds.append("text_fullwidth")
    if any(not _is_full_width(c) for c in folded):  # ℒ, Ⓛ, ①, ²: not full-width, and not said as such
        kinds.append("text_compatibility")
    if any(c in INVISIBLE for c in written):
        kinds.append("text_invisible")
    if _LINE_BREAK.search(written):
        kinds.append("text_line_breaks")
    if any(c.isspace() and c not in " \r\n" for c in written):
        kinds.append("text_spaces_other")
    if written != written.strip():
        kinds.append("text_spaces_trimmed")
    if _SPACE_RUN.search(written.strip()):
        kinds.append("text_spaces_merged")
    # a line break folded to a space and that space dropped beside 党的⏎理论 is the line break's removal alone
    if space_beside_chinese(re.sub(r"\s+", " ", _LINE_BREAK.sub("", written.strip()))):
        kinds.append("text_spaces_beside_chinese")
    return kinds


def _is_full_width(c: str) -> bool:
    """A full-width form (U+FF01–FF5E: ＡＢＣ, ０１２, ％): what "full-width" names; NFKC folds other characters
    too (ℒ, Ⓛ, ①), which a note calls compatibility characters (a tester's finding, 2026-12-08)."""
    return "\uff01" <= c <= "\uff5e"


def has_full_width(written: str) -> bool:
    """Whether `clean_text` makes some character of `written` plain (９３.８％ → 93.8%; a compatibility character
    such as ① too): a number cell so written is read as the plain one, which its note says
    (changes.Changes.to_unit, bulk_csv)."""
    return bool({"text_fullwidth", "text_compatibility"} & set(changes_made(written)))


def shown(text: str, spaces: bool) -> str:
    """`text` on one line (⏎ for a line break), an invisible character as its code point (⟨U+200B⟩), each space,
    tab … as ␣ when `spaces`."""
    text = "".join(f"⟨U+{ord(c):04X}⟩" if c in INVISIBLE else c for c in one_line(text))
    return re.sub(r"\s", SPACE_MARK, text) if spaces else text


def normalized_example(written: str, stored: str) -> dict:
    """The example params of `note_text_normalized`: `example` (as written) and `stored`, spaces as ␣ when spaces
    changed, and `what` changed, per language ("by_lang"): （连续空格合为一个；␣ 表示空格）, '' for a change
    clean_text does not make."""
    kinds = changes_made(written)
    spaces = any(kind in _SPACE_KINDS for kind in kinds)
    what = {}
    for lang in ("zh", "en"):
        text = join([t(kind, lang) for kind in kinds], lang)
        text += t("text_space_mark", lang, mark=SPACE_MARK) if spaces else ""
        what[lang] = t("text_changes_made", lang, changes=text) if kinds else ""
    return {"example": shown(written, spaces), "stored": shown(stored, spaces), "what": ("by_lang", what)}


def controls_shown(text: str) -> str:
    """`text` as a refused name quotes it: a line break as ⏎, every other character a name may not hold (a
    control or invisible one, safe_text.forbidden_in_name) as its code point (a tab as ⟨U+0009⟩); as_written would
    show a tab or a line break as a space and drop a zero-width one, and the quote would look fine."""
    return "".join(
        c if c == "⏎" or safe_text.forbidden_in_name(c) is None else f"⟨U+{ord(c):04X}⟩" for c in one_line(text)
    )


def as_held(written: str, quoted: str) -> str:
    """A refused cell's quote (`quoted`: cell_values.as_written, white space folded and trimmed) as the file holds
    it when the two differ: `written` shown as a note's example shows it (` abc` as `␣abc`, a line break as ⏎), so
    the clerk finds what he typed; `quoted` when they do not."""
    spaces = any(kind in _SPACE_KINDS for kind in changes_made(written))
    held = shown(written, spaces)
    return quoted if held == shown(quoted, spaces) else held
