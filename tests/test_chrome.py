"""Streamlit's own words (ui/chrome.py) through AppTest: the upload box's limits as the page's own caption in the
user's language, from the configuration that enforces them; Streamlit's English limit line hidden. What the browser
shows is checked in tests/browser/test_admin_pages_in_browser.py."""

from __future__ import annotations

import pytest
from conftest import as_admin

HIDDEN_LIMIT_LINE = "[data-testid=stFileUploaderDropzoneInstructions] {display: none;}"


def data_page(app_factory, lang: str, env: dict | None = None):
    at = app_factory(env=env, run=False)
    as_admin(at, "测试管理员")
    at.run()
    if lang == "en":
        at.button_group(key="lang").set_value("en").run()
    at.switch_page("views/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def styles(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


@pytest.mark.parametrize(
    ("lang", "caption"),
    [
        ("zh", "单个文件不超过 50 MB，已选文件合计不超过 120 MB。"),
        ("en", "Up to 50 MB per file, 120 MB for all the files chosen at once."),
    ],
)
def test_the_upload_limits_are_a_caption_in_the_users_language(app_factory, lang, caption):
    # 50 MB: .streamlit/config.toml's server.maxUploadSize; 120 MB: the session limit of the upload guard
    at = data_page(app_factory, lang, env={"INCENTIVE_UPLOAD_SESSION_MB": "120"})
    assert at.get("file_uploader")
    assert caption in [c.value for c in at.caption]
    assert HIDDEN_LIMIT_LINE in styles(at)  # Streamlit's own line ("50MB per file"), in English, is not shown


def test_streamlits_english_words_are_hidden_not_shrunk_in_chinese(app_factory):
    css = styles(data_page(app_factory, "zh"))
    assert "[data-testid=InputInstructions] span {visibility: hidden; font-size: 0 !important;}" in css
    assert 'content: "按回车键确认"' in css and 'content: "选择文件"' in css
    assert 'content: "未能上传此文件：单个文件不超过 50 MB，已选文件合计不超过 200 MB。"' in css
    english = styles(data_page(app_factory, "en"))
    assert "按回车键确认" not in english and "InputInstructions" not in english
