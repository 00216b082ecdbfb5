"""Every sentence exists in both languages, and every key the code uses is in the table."""

import re

from conftest import ROOT

from incentive.i18n import TEXT, t


def test_every_entry_has_both_languages_with_the_same_placeholders():
    for key, (zh, en) in TEXT.items():
        assert zh and en, key
        assert set(re.findall(r"{(\w+)", zh)) == set(re.findall(r"{(\w+)", en)), key


def test_every_literal_key_used_in_code_exists():
    sources = [*ROOT.glob("incentive/*.py"), *ROOT.glob("views/*.py"), *ROOT.glob("ui/*.py"), ROOT / "app.py"]
    used = set()
    for path in sources:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"""(?:Problem|Note|CellError|UnreadableFile|BatchError)\(\s*["']([a-z_]+)["']""",
                               path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in TEXT and not k.endswith("_"))  # "kind_" + name is a prefix
    assert not missing


def test_default_is_chinese():
    assert t("page_data") == "数据管理" and t("page_data", "en") == "Data"
