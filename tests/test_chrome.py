"""Page chrome: share bars, breadcrumbs and buttons around (or glued onto) an article's lines."""

from __future__ import annotations

import pytest

from qusgraph.text.articles import make_article
from qusgraph.text.chrome import has_no_text, is_chrome_line, text_start
from qusgraph.text.lexicon import Lexicon
from qusgraph.text.segment import segment


@pytest.mark.parametrize(
    "line",
    [
        "Share",
        "طباعة",
        "Print | Email | Share",
        "الرئيسية » أخبار » سياسة",
        "شارك: فيسبوك | تويتر | واتساب | نسخ الرابط",
        "حجم الخط: أ+ | أ-",
        "الخميس 2 رجب 1447 هـ - 1 يناير 2026 م | آخر تحديث: 11:05 ص",
        "Home › World › Middle East",
        "أخبار » محليات » سياسة",
        "الوسوم: الدوحة | الطاقة | الحوار الاستراتيجي",
        "Tags: Qatar | United States | Energy",
    ],
)
def test_chrome_lines(lexicon: Lexicon, line: str) -> None:
    assert is_chrome_line(line, lexicon)


@pytest.mark.parametrize(
    "line",
    [
        "مشاركة قطر في الحوار الاستراتيجي تعكس متانة العلاقات",
        "Share prices rose in Doha on Monday.",
        "الدوحة - الشرق",
        "• 4th: Washington, Nov. 12, 2021",
        "November 22, 2022",
        "DEFENCE",
        "1st | Washington | Jan. 30, 2018",  # a row of a table
        "• 4th · Washington · 2021",
    ],
)
def test_text_lines_are_not_chrome(lexicon: Lexicon, line: str) -> None:
    assert not is_chrome_line(line, lexicon)


def test_a_date_alone_has_no_text(lexicon: Lexicon) -> None:
    assert has_no_text("November 22, 2022", lexicon)
    assert not has_no_text("Doha, Qatar", lexicon)


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("تسجيلتنطلق اليوم في الدوحة", "تنطلق اليوم في الدوحة"),
        ("مشاركةاختتمت أمس أعمال الجولة", "اختتمت أمس أعمال الجولة"),
        ("ShareThe talks opened on Monday.", "The talks opened on Monday."),
        ("PrintDOHA — The talks opened.", "DOHA — The talks opened."),
        ("5 يناير 2026مشاركةانطلقت أعمال الجولة", "انطلقت أعمال الجولة"),
        ("January 5, 2026 Share The talks opened.", "The talks opened."),
    ],
)
def test_chrome_glued_to_the_first_word_is_cut_off(lexicon: Lexicon, line: str, text: str) -> None:
    assert line[text_start(line, 0, len(line), lexicon) :] == text


@pytest.mark.parametrize(
    "line",
    [
        "تسجيلات الجلسة متاحة على موقع الوزارة",  # تسجيل + the plural ending: one word
        "شاركوا في الجلسة الافتتاحية",
        "مشاركة قطر في الحوار",  # a chrome word that is the first word of the text
        "Shareholders met in Doha.",
        "Printed copies were handed out.",
        "5 يناير 2026 انطلقت أعمال الجولة",  # a date that opens the text, no chrome after it
    ],
)
def test_words_of_the_text_are_kept(lexicon: Lexicon, line: str) -> None:
    assert text_start(line, 0, len(line), lexicon) == 0


def test_chrome_above_the_title_is_not_the_title(lexicon: Lexicon) -> None:
    text = "Share\nالرئيسية » أخبار\n12 يناير 2026\nطباعةانطلاق الجولة الثامنة من الحوار\n\nانطلقت اليوم أعمال الجولة."
    article = make_article(article_id="a", text=text, source="a.txt", lexicon=lexicon)
    assert article.title == "انطلاق الجولة الثامنة من الحوار"


def test_chrome_lines_are_not_paragraphs_and_a_glued_word_is_cut(lexicon: Lexicon) -> None:
    text = ("انطلاق الجولة الثامنة من الحوار\n\nحجم الخط: أ+ | أ-\nشارك: فيسبوك | تويتر\n"
            "تسجيلالدوحة /قنا/ انطلقت اليوم أعمال الجولة.")
    document = segment(make_article(article_id="a", text=text, source="a.txt", lexicon=lexicon), lexicon)
    [body] = [s for s in document.sentences if not s.is_title]
    assert body.paragraph == 1
    assert document.dateline is not None
    assert text[document.dateline[0] : document.dateline[1]].strip() == "الدوحة /قنا/"
    assert [t.text for t in body.tokens][:3] == ["انطلقت", "اليوم", "اعمال"]
