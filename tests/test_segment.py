"""Segmentation: title, paragraphs, sentences, list items, datelines and language."""

from __future__ import annotations

import pytest

from qusgraph.text.articles import make_article
from qusgraph.text.lexicon import Lexicon
from qusgraph.text.segment import Document, detect_language, segment


def document(text: str, lexicon: Lexicon, lang: str | None = None) -> Document:
    article = make_article(article_id="t", text=text, source="t.txt", lexicon=lexicon, lang=lang)
    return segment(article, lexicon)


def sentences(doc: Document) -> list[str]:
    return [doc.sentence_text(s) for s in doc.sentences]


def words(doc: Document, index: int) -> list[str]:
    return [t.text for t in doc.sentences[index].tokens]


def dateline(doc: Document) -> str | None:
    return doc.text_of(*doc.dateline) if doc.dateline else None


# ------------------------------------------------------------------ title and sentences
def test_title_is_sentence_zero_even_with_inner_stops(lexicon: Lexicon) -> None:
    title = "في مؤتمر صحفي مشترك مع بومبيو.. وزير الخارجية: الحوار الاستراتيجي ركيزة"
    doc = document(f"{title}\n\nالدوحة /قنا/ أكد سعادته أن الحوار ركيزة.\n", lexicon)
    first = doc.sentences[0]
    assert (doc.sentence_text(first), first.is_title, first.paragraph) == (title, True, 0)


def test_arabic_sentences_split_at_stops_and_the_arabic_question_mark(lexicon: Lexicon) -> None:
    doc = document(
        "عنوان\n\nعقدت الدورة الخامسة أمس. وقال الوزير: نعم! هل انتهى الحوار؟ لا.\n", lexicon
    )
    assert sentences(doc)[1:] == [
        "عقدت الدورة الخامسة أمس.",
        "وقال الوزير: نعم!",
        "هل انتهى الحوار؟",
        "لا.",
    ]


def test_english_sentences_split_at_stops_and_question_marks(lexicon: Lexicon) -> None:
    doc = document("Title\n\nThe talks opened. Did they sign? Yes!\n", lexicon)
    assert sentences(doc)[1:] == ["The talks opened.", "Did they sign?", "Yes!"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Qatar and the U.S. opened the third round.",
        "The U.S. Secretary of State spoke first.",
        "It met on Sept. 14 in Washington.",
        "Dr. Majed Al-Ansari briefed reporters.",
        "أكد د. ماجد الأنصاري أن الحوار مهم.",
        "وصل السيد جون ك. سميث إلى الدوحة.",
    ],
)
def test_no_split_after_initialisms_and_abbreviations(lexicon: Lexicon, sentence: str) -> None:
    doc = document(f"Title\n\n{sentence} They left.\n", lexicon)
    assert sentences(doc)[1:] == [sentence, "They left."]


def test_no_split_before_a_lower_case_word(lexicon: Lexicon) -> None:
    doc = document("Title\n\nQatar pledged approx. half a billion dollars. They ended.\n", lexicon)
    assert sentences(doc)[1:] == ["Qatar pledged approx. half a billion dollars.", "They ended."]


def test_closing_quote_stays_with_its_sentence(lexicon: Lexicon) -> None:
    text = 'Title\n\n"We will keep at it until we succeed." Blinken said so.\n'
    assert sentences(document(text, lexicon))[1:] == [
        '"We will keep at it until we succeed."',
        "Blinken said so.",
    ]


def test_each_body_line_is_a_paragraph(lexicon: Lexicon) -> None:
    doc = document("عنوان\n\nالفقرة الأولى. جملة ثانية.\n\nالفقرة الثانية.\n", lexicon)
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1, 2]


def test_sentence_spans_index_the_article_text(lexicon: Lexicon) -> None:
    text = "عنوان\n\nعقدت الدورة الخامسة أمس. ووقع الجانبان مذكرة تفاهم.\n"
    doc = document(text, lexicon)
    assert [text[s.start : s.end] for s in doc.sentences] == sentences(doc)


def test_sentence_tokens_are_its_own(lexicon: Lexicon) -> None:
    doc = document("عنوان\n\nعقدت الدورة أمس. ووقع الجانبان مذكرة تفاهم.\n", lexicon)
    assert words(doc, 2) == ["ووقع", "الجانبان", "مذكره", "تفاهم", "."]


def test_boilerplate_is_not_segmented(lexicon: Lexicon) -> None:
    doc = document("عنوان\n\nعقدت الدورة أمس.\n\nمقالات ذات صلة\nخبر آخر.\n", lexicon)
    assert sentences(doc) == ["عنوان", "عقدت الدورة أمس."]


# ------------------------------------------------------------------ list items
def test_dash_lines_are_list_items(lexicon: Lexicon) -> None:
    text = (
        "عنوان\n\nوشهد الحوار توقيع الوثائق التالية:\n"
        "- مذكرة تفاهم للتعاون في مجال الطاقة.\n"
        "- إعلان مشترك حول التعاون الأمني ومكافحة الإرهاب.\n"
    )
    doc = document(text, lexicon)
    assert [(doc.sentence_text(s)[:12], s.is_list_item) for s in doc.sentences[1:]] == [
        ("وشهد الحوار ", False),
        ("- مذكرة تفاه", True),
        ("- إعلان مشتر", True),
    ]


def test_bullet_lines_are_list_items(lexicon: Lexicon) -> None:
    doc = document(
        "Title\n\nThe documents:\n• a memorandum of understanding on education\n", lexicon
    )
    assert [s.is_list_item for s in doc.sentences] == [False, False, True]


def test_numbered_list_item_is_one_sentence(lexicon: Lexicon) -> None:
    doc = document("عنوان\n\n1. مذكرة تفاهم للتعاون في مجال الطاقة.\n", lexicon)
    assert sentences(doc)[1:] == ["1. مذكرة تفاهم للتعاون في مجال الطاقة."]


# ------------------------------------------------------------------ datelines
@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("الدوحة /قنا/ تنطلق في الدوحة غدا الأحد، أعمال الجولة الثانية.", "الدوحة /قنا/"),
        ("واشنطن /قنا/ عقدت سعادة السيدة لولوة الخاطر اجتماعات.", "واشنطن /قنا/"),
        (
            "واشنطن في 31 يناير /قنا/ اختتمت في واشنطن أمس الثلاثاء، أعمال الدورة الأولى.",
            "واشنطن في 31 يناير /قنا/",
        ),
    ],
)
def test_arabic_dateline_is_recognised(lexicon: Lexicon, first_line: str, expected: str) -> None:
    assert dateline(document(f"عنوان\n\n{first_line}\n", lexicon)) == expected


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        (
            "WASHINGTON, Sept. 15 — Qatar and the United States opened the third round.",
            "WASHINGTON, Sept. 15 — ",
        ),
        (
            "WASHINGTON, March 5 — Secretary of State Antony Blinken spoke.",
            "WASHINGTON, March 5 — ",
        ),
        ("DOHA (QNA) — Qatar hosted the talks.", "DOHA (QNA) — "),
        ("WASHINGTON — The talks opened.", "WASHINGTON — "),
    ],
)
def test_english_dateline_is_recognised(lexicon: Lexicon, first_line: str, expected: str) -> None:
    assert dateline(document(f"Title\n\n{first_line}\n", lexicon)) == expected


def test_dateline_tokens_are_excluded_but_the_sentence_keeps_its_text(lexicon: Lexicon) -> None:
    doc = document("عنوان\n\nواشنطن في 31 يناير /قنا/ اختتمت أعمال الدورة الأولى.\n", lexicon)
    assert doc.sentence_text(doc.sentences[1]).startswith("واشنطن في 31 يناير /قنا/")
    assert words(doc, 1)[:2] == ["اختتمت", "اعمال"]


def test_english_dateline_date_is_not_a_token_of_the_sentence(lexicon: Lexicon) -> None:
    doc = document("Title\n\nWASHINGTON, Sept. 15 — Qatar and the U.S. met.\n", lexicon)
    assert words(doc, 1) == ["qatar", "and", "the", "u.s.", "met", "."]


def test_no_dateline_in_an_ordinary_first_sentence(lexicon: Lexicon) -> None:
    assert document("Title\n\nThe talks opened in Washington.\n", lexicon).dateline is None


def test_dateline_is_looked_for_in_the_first_paragraph_only(lexicon: Lexicon) -> None:
    doc = document("عنوان\n\nأكد الوزير أن الحوار مهم.\n\nالدوحة /قنا/ نص آخر.\n", lexicon)
    assert doc.dateline is None


# ------------------------------------------------------------------ language
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("الحوار الاستراتيجي بين قطر والولايات المتحدة (U.S.)", "ar"),
        ("Qatar and the United States (قطر)", "en"),
        ("2022", "ar"),
    ],
)
def test_language_is_the_script_with_more_letters(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_document_language_is_detected(lexicon: Lexicon) -> None:
    assert document("Title\n\nThe talks opened.\n", lexicon).lang == "en"
    assert document("عنوان\n\nعقدت الدورة.\n", lexicon).lang == "ar"


def test_article_language_wins_over_detection(lexicon: Lexicon) -> None:
    assert document("Title\n\nThe talks opened.\n", lexicon, lang="ar").lang == "ar"


def test_boilerplate_does_not_count_toward_the_language(lexicon: Lexicon) -> None:
    boilerplate = "Share this article\nRelated stories about the Strategic Dialogue\n"
    text = f"الحوار\n\nعقدت الدورة.\n\n{boilerplate}"
    assert document(text, lexicon).lang == "ar"
