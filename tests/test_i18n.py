"""Every sentence exists in both languages, and every key the code uses is in the table."""

import re

import pytest
from conftest import ROOT

from incentive.i18n import TEXT, t


def test_every_entry_has_both_languages_with_the_same_placeholders():
    for key, (zh, en) in TEXT.items():
        assert zh and en, key
        assert set(re.findall(r"{(\w+)", zh)) == set(re.findall(r"{(\w+)", en)), key


def test_every_literal_key_used_in_code_exists():
    sources = [*ROOT.glob("incentive/**/*.py"), *ROOT.glob("views/*.py"), *ROOT.glob("ui/*.py"), ROOT / "app.py"]
    used = set()
    for path in sources:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
        raised = r"""(?:Problem|Note|CellError|UnreadableFile|BatchError|BackupError)\(\s*["']([a-z_]+)["']"""
        used |= set(re.findall(raised, path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in TEXT and not k.endswith("_"))  # "kind_" + name is a prefix
    assert not missing


def test_default_is_chinese():
    assert t("page_data") == "数据管理" and t("page_data", "en") == "Data"


# Parameters that are counts: an English noun after one of them must agree with it.
COUNTS = {
    "n",
    "k",
    "rows",
    "batches",
    "values",
    "ok",
    "bad",
    "new",
    "changed",
    "same",
    "met",
    "total",
    "bounds",
    "changes",
    "draws",
    "minutes",
    "missing",
    "threshold",
    "limit",
}


def _with_counts(text: str, count: int) -> str:
    """The English sentence with every count set to `count`, every other field as X, and a word chosen for the
    count (`{n:row|rows}`) as FORM: what follows a count unchosen is what may be wrong."""

    def field(match: re.Match) -> str:
        name, spec = match.group(1), match.group(2) or ""
        if name not in COUNTS:
            return "X"
        return "FORM" if "|" in spec else str(count)

    return re.sub(r"{(\w+)(:[^{}]*)?}", field, text)


def test_english_nouns_agree_with_their_counts():
    """`1 counties below target` is a bug: a count of one is never followed by a plural noun (or `are`/`were`)."""
    plural_after_one = re.compile(r"\b1 (?:[a-z-]+ )?(?:[a-z]+s|are|were|have)\b(?! \d)")
    wrong = {}
    for key, (_, en) in TEXT.items():
        one = _with_counts(en, 1)
        found = [m.group(0) for m in plural_after_one.finditer(one)]
        found = [f for f in found if not re.fullmatch(r"1 (?:of|in|is|was|has|its|this|as|less|across)", f)]
        if found:
            wrong[key] = found
    assert not wrong


def test_plural_forms():
    from incentive.i18n import counted, plural

    assert counted(1, "county", "counties") == "1 county" and counted(2, "county", "counties") == "2 counties"
    assert plural(0, "county", "counties") == "counties" and plural(1.0, "row", "rows") == "row"
    TEXT["_test_plural"] = ("{n} 个县区未达标", "{n} {n:county|counties} below target")
    try:
        assert t("_test_plural", "en", n=1) == "1 county below target"
        assert t("_test_plural", "en", n=12) == "12 counties below target"
        assert t("_test_plural", "zh", n=1) == "1 个县区未达标"
    finally:
        del TEXT["_test_plural"]


# Sentences whose later words agree with a count, as they read for one and for two (reviewer's finding:
# "1 submission … review them").
AGREEING = [
    ("pub_pending", {"period": "P"}, "Review it first", "Review them first"),
    ("pub_needs_reason_and_pending", {"period": "P"}, "review it first", "review them first"),
    ("cli_pub_pending", {"period": "P"}, "Review it first", "Review them first"),
    ("pub_rollbacks_pending", {"period": "P"}, "review it first", "review them first"),
    ("cli_pub_rollbacks_pending", {"period": "P"}, "review it first", "review them first"),
    ("training_units_below_count", {}, "1 unit below target; the download has it.", "the download has all of them."),
    ("training_units_below_hidden", {}, "is left out, whether or not it meets", "are left out, whether or not they"),
    ("review_alike_pending", {"ids": "#1"}, "If both are accepted", "If more than one is accepted"),
    ("review_alike_pending", {"ids": "#1"}, "return the other.", "return the others."),
    ("submit_alike_pending", {"ids": "#1"}, "leaves both waiting", "leaves all of them waiting"),
]


@pytest.mark.parametrize("key, params, one, two", AGREEING)
def test_later_words_agree_with_the_count(key, params, one, two):
    assert one in t(key, "en", n=1, **params) and two in t(key, "en", n=2, **params)
    assert one not in t(key, "en", n=2, **params) and two not in t(key, "en", n=1, **params)
