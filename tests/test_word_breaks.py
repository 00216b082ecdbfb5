"""Chinese labels broken between words (incentive/word_breaks.py), on the names the synthetic catalog and the
pages use."""

from hypothesis import given, settings
from hypothesis import strategies as st

from incentive import word_breaks

NAMES = {  # a name, its two lines
    "农村居民人均可支配收入增速": ("农村居民人均", "可支配收入增速"),  # broken at the middle: 人均可|支配
    "重点项目投资完成额": ("重点项目", "投资完成额"),  # 重点项目投|资 (a fresh helper's finding, 2026-12-05)
    "两地分居问题解决率": ("两地分居", "问题解决率"),
    "困难干部家庭帮扶数": ("困难干部家庭", "帮扶数"),  # 帮扶数 alone would leave 数 a line of its own
    "第一方阵": ("第一", "方阵"),
}


def test_names_are_broken_between_their_words_the_longer_line_as_short_as_they_allow():
    for name, lines in NAMES.items():
        assert word_breaks.two_lines(name, 5) == lines, name


def test_a_place_leaving_one_character_on_a_line_or_a_line_far_past_the_width_is_not_taken():
    assert word_breaks.two_lines("体检率", 2) is None  # 体检|率 would leave 率 alone
    # one long word and a short one: 8 characters on a line where 5 fit is worse than a break inside the word
    assert word_breaks.two_lines("中华人民共和国成立", 5) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="乡村振兴项目建设为企服务基层治理完成率 ab1", min_size=1, max_size=16), st.integers(1, 9))
def test_the_two_lines_are_the_text_and_each_is_at_least_two_characters(text, width):
    lines = word_breaks.two_lines(text, width)
    if lines is not None:
        first, second = lines
        assert (first + second).replace(" ", "") == text.replace(" ", "")
        assert len(first) >= 2 and len(second) >= 2
        assert first.strip() == first and second.strip() == second
    assert all(0 < end < len(text) for end in word_breaks.word_ends(text))


def test_no_line_splits_a_number_or_a_latin_word_or_ends_on_an_opening_bracket():
    """A fresh helper's findings (2026-12-06): "AB测试(20 / 26版)落实率", "GDP增速( / 2026年)"."""
    for name in ("AB测试(2026版)落实率", "GDP增速(2026年)", "全市（2026年）综合得分"):
        first, second = word_breaks.two_lines(name, 5) or word_breaks.at_middle(name)
        assert first + second == name
        assert not (first[-1].isascii() and first[-1].isalnum() and second[0].isascii() and second[0].isalnum())
        assert first[-1] not in "（(" and second[0] not in "）)", (first, second)
    assert word_breaks.at_middle("GDP2026") == ("GDP2", "026")  # one run and nothing else: at the middle as before


def test_a_name_too_long_for_two_lines_takes_more_each_between_words_and_about_as_long():
    name = "因公负伤干部及家属心理疏导与帮扶困难问题解决率"  # 23 characters, a county's own indicator
    lines = word_breaks.into_lines(name, 4)
    assert lines == ["因公负伤干部", "及家属心理", "疏导与帮扶", "困难问题解决率"]
    # words set apart by spaces are never cut inside, however uneven the lines
    assert word_breaks.into_lines("Share of cadres whose family problems were solved", 3) == [
        "Share of cadres",
        "whose family",
        "problems were solved",
    ]
    assert word_breaks.into_lines("体检率", 3) == ["体检率"]  # no two characters for each line


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="乡村振兴项目建设为企服务基层治理完成率 ab1（）", min_size=1, max_size=40), st.integers(1, 6))
def test_the_lines_are_the_text_as_many_as_asked_where_they_fit_and_each_two_characters(text, count):
    lines = word_breaks.into_lines(text, count)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert len(lines) == min(count, len(text.strip()) // 2) or len(lines) == 1
    if len(lines) > 1:
        assert all(len(line) >= 2 and line.strip() == line for line in lines)


def test_a_figure_stays_with_the_word_after_it():
    text = "人均年度目标 90.0 学时"
    assert [text[:end] for end in word_breaks.places(text)][-1] == "人均年度目标 "  # not "… 90.0" over "学时"
    assert word_breaks.into_lines("2026年度各县区培训学时目标完成情况", 3)[0].startswith("2026年")


def test_a_letter_naming_a_term_stays_with_its_word_space_between_or_not():
    """A township ranking's title read "…综合得分与方阵（z" over "分数）" (an earlier walk-through): a lone Latin
    letter is never parted from the word after it, at the space or after it; a longer run may end a line."""
    text = "综合得分（z 分数）"
    assert [text[:end] for end in word_breaks.places(text)] == ["综合", "综合得分"]
    assert word_breaks.splits_a_term("z 分数", 1) and word_breaks.splits_a_term("z 分数", 2)
    assert not word_breaks.splits_a_term("GDP 增速", 3)  # a word of its own
    assert not word_breaks.splits_a_term("2026 年", 4)  # a figure: may_break's own rule
    assert word_breaks.two_lines("综合得分与方阵（z 分数）", 5) == ("综合得分与方阵", "（z 分数）")
    for count in (2, 3, 4):
        assert not any(line.endswith("z") for line in word_breaks.into_lines("各乡镇综合得分与方阵（z 分数）", count))
