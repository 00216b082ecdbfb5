"""Where a Chinese label may be broken between lines: between its words, as a reader splits it, not inside one
("农村居民人均<br>可支配收入增速", where breaking at the middle gave "人均可<br>支配"). Chinese is written without
spaces, so the words come from jieba's dictionary (rjieba, its Rust port); a text it does not know is cut into
single characters, which leaves every place open, as Chinese line wrapping does."""

from __future__ import annotations

import functools

import rjieba


@functools.lru_cache(maxsize=4096)
def word_ends(text: str) -> tuple[int, ...]:
    """The places inside `text` (indices 1 … len - 1) where one word ends and the next begins, in order. A space
    is a word of its own (a break beside it is a break at it). Pure: the same text always gives the same places;
    kept for the charts' few hundred names."""
    ends, at = [], 0
    for word in rjieba.cut(text):
        at += len(word)
        ends.append(at)
    return tuple(end for end in ends if 0 < end < len(text))


def places(text: str) -> list[int]:
    """The word ends of `text` where a line may break (`may_break`: not inside a number, not against 禁则)."""
    return [end for end in word_ends(text) if may_break(text, end)]


def two_lines(text: str, width: int) -> tuple[str, str] | None:
    """`text` split in two between words (spaces at the break dropped), the longer line as short as the words
    allow (the earlier place when two are as good); None when no such place leaves both lines at least two
    characters long and the longer at most `width` + 1 or one character past half the text, where breaking inside
    a word reads better than one very long line (a text of one long word). `width`: characters a line should
    hold."""
    fits = max(width + 1, (len(text) + 1) // 2 + 1)
    splits = [(text[:end].strip(), text[end:].strip()) for end in places(text)]
    good = [(a, b) for a, b in splits if min(len(a), len(b)) >= 2 and max(len(a), len(b)) <= fits]
    return min(good, key=lambda lines: max(map(len, lines)), default=None)


def at_middle(text: str) -> tuple[str, str]:
    """`text` split in two as near its middle as a line may break (`may_break`), else at the middle itself: for a
    text two_lines found no place in."""
    middle = (len(text) + 1) // 2
    places = sorted(range(1, len(text)), key=lambda end: (abs(end - middle), end))
    cut = next((end for end in places if may_break(text, end)), middle)
    return text[:cut].rstrip(), text[cut:].lstrip()


def into_lines(text: str, count: int) -> list[str]:
    """`text` on `count` lines (fewer when it has not two characters for each), spaces at a break dropped, the
    longest line as short as the places allow: between words (`places`) when that leaves none longer than an
    even share plus one character (for words set apart by spaces, however long), else wherever a line may break
    (`may_break`), else anywhere. For a name too long for two lines under a chart (a county's own 25-character
    indicator), where two lines of twelve pushed the plot into a corner."""
    count = min(count, len(text.strip()) // 2)
    if count <= 1:
        return [text]
    share = -(-len(text) // count) + 1
    between_words = _balanced(text, places(text), count)
    if between_words and (max(map(len, between_words)) <= share or " " in text.strip()):
        return between_words
    anywhere = [end for end in range(1, len(text)) if may_break(text, end)], list(range(1, len(text)))
    return next((lines for cuts in anywhere if (lines := _balanced(text, cuts, count))), [text])


def _balanced(text: str, cuts: list[int], count: int) -> list[str] | None:
    """`text` cut at `count` - 1 of `cuts` into lines of at least two characters (stripped), the longest as
    short as it can be (the earlier cuts when two ways are as good); None when no such way exists."""
    ends = [0, *cuts, len(text)]
    best: dict[tuple[int, int], tuple[int, list[str]]] = {(0, 0): (0, [])}  # (lines, end index) -> (longest, lines)
    for made in range(count):
        for a in range(len(ends)):
            if (made, a) not in best:
                continue
            longest, lines = best[(made, a)]
            for b in range(a + 1, len(ends)) if made + 1 < count else [len(ends) - 1]:
                line = text[ends[a] : ends[b]].strip()
                if len(line) < 2:
                    continue
                found = (max(longest, len(line)), [*lines, line])
                if (made + 1, b) not in best or found[0] < best[(made + 1, b)][0]:
                    best[(made + 1, b)] = found
    done = best.get((count, len(ends) - 1))
    return done[1] if done else None


# Chinese line-breaking rules (禁则): no line ends on an opening bracket or quote, none begins with a closing one
# or with punctuation that follows a word
_NOT_AT_END = "（([【《“‘"
_NOT_AT_START = "）)]】》”’，,。.、；;：:！!？?"


def may_break(text: str, end: int) -> bool:
    """Whether a line may end before text[end]: not inside a run of Latin letters and figures ("2026", "GDP",
    "90.0", "5%"), nor between a figure and the word after it, a space between or not ("90.0 学时", "2026年"),
    nor inside a term (`splits_a_term`: "z 分数"), nor against the rules above."""
    before, after = text[end - 1], text[end]
    if _in_a_run(before) and _in_a_run(after):
        return False
    figure, word = text[:end].rstrip(), text[end:].lstrip()
    if figure and word and figure[-1].isdigit() and not word[0].isdigit() and word[0] not in _NOT_AT_END:
        return False
    if splits_a_term(text, end):
        return False
    return before not in _NOT_AT_END and after not in _NOT_AT_START


def splits_a_term(text: str, end: int) -> bool:
    """Whether a line ending before text[end] would part a lone Latin letter from the word after it, a space
    between or not: the letter names what the word is ("z 分数", "p 值") and alone at a line's end, or at the start
    of the next, reads as a stray character (a township ranking's title read "…（z" over "分数）"). A letter
    within a longer run ("GDP 增速") is a word of its own and may end a line."""
    head, word = text[:end].rstrip(), text[end:].lstrip()
    if not head or not word or not _is_latin_letter(head[-1]) or word[0] in _NOT_AT_END:
        return False
    return len(head) == 1 or not _in_a_run(head[-2])


def _is_latin_letter(character: str) -> bool:
    return character.isascii() and character.isalpha()


def _in_a_run(character: str) -> bool:
    """Whether `character` belongs to a run of Latin letters and figures: a letter, a digit, a decimal point or a
    percent sign ("90.0" was broken at its point)."""
    return character.isascii() and (character.isalnum() or character in ".%")
