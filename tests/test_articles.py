"""Reading articles: text files, folders, JSON Lines and stdin; title, body and boilerplate."""

from __future__ import annotations

import codecs
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from qusgraph.errors import ArticleError
from qusgraph.text.articles import (
    Article,
    article_id_from,
    iter_articles,
    make_article,
    parse_published,
    read_jsonl,
    read_text_file,
)
from qusgraph.text.lexicon import Lexicon

TITLE_AR = "الدوحة تحتضن الدورة الخامسة من الحوار الاستراتيجي القطري الأمريكي"
BODY_AR = (
    "الدوحة /قنا/ عقدت في الدوحة أمس، الثلاثاء ٢٢ تشرين الثاني/نوفمبر ٢٠٢٢، أعمال الدورة الخامسة "
    "من الحوار الاستراتيجي بين دولة قطر والولايات المتحدة الأمريكية."
)
TITLE_EN = "Qatar, U.S. open third Strategic Dialogue, sign culture and education accords"
BODY_EN = (
    "WASHINGTON, Sept. 15 — Qatar and the United States opened the third round of their annual "
    "Strategic Dialogue in Washington on Monday, September 14, 2020."
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def articles(items: list[Article | ArticleError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[Article | ArticleError]) -> list[str]:
    return [str(item) for item in items if isinstance(item, ArticleError)]


# ------------------------------------------------------------------ text files
def test_title_is_the_first_non_empty_line(tmp_path: Path, lexicon: Lexicon) -> None:
    path = write(tmp_path / "dev-007.txt", f"\n\n{TITLE_AR}  \n\n{BODY_AR}\n")
    article = read_text_file(path, lexicon)
    assert article.title == TITLE_AR


def test_text_is_the_file_as_written(tmp_path: Path, lexicon: Lexicon) -> None:
    text = f"{TITLE_AR}\n\n{BODY_AR}\n"
    article = read_text_file(write(tmp_path / "dev-007.txt", text), lexicon)
    assert (article.text, article.text[article.title_end : article.end].strip()) == (text, BODY_AR)


def test_id_is_the_file_name_without_extension(tmp_path: Path, lexicon: Lexicon) -> None:
    article = read_text_file(write(tmp_path / "dev-007.txt", f"{TITLE_AR}\n{BODY_AR}"), lexicon)
    assert (article.id, article.source) == ("dev-007", str(tmp_path / "dev-007.txt"))


def test_id_from_a_file_name_is_the_name_as_it_is(tmp_path: Path, lexicon: Lexicon) -> None:
    article = read_text_file(
        write(tmp_path / "qna 2022-11-21.txt", f"{TITLE_AR}\n{BODY_AR}"), lexicon
    )
    assert article.id == "qna 2022-11-21"


@pytest.mark.parametrize(
    ("marker", "title", "body"),
    [
        ("مقالات ذات صلة", TITLE_AR, BODY_AR),
        ("اقرأ أيضا", TITLE_AR, BODY_AR),
        ("زر الذهاب إلى الأعلى", TITLE_AR, BODY_AR),
        ("Share this article", TITLE_EN, BODY_EN),
    ],
)
def test_boilerplate_is_cut_at_its_first_line(
    tmp_path: Path, lexicon: Lexicon, marker: str, title: str, body: str
) -> None:
    text = f"{title}\n\n{body}\n\n{marker}\n\nخبر آخر عن الحوار الاستراتيجي\n"
    article = read_text_file(write(tmp_path / "a.txt", text), lexicon)
    assert article.text[: article.end] == f"{title}\n\n{body}"


def test_end_is_the_end_of_the_text_without_boilerplate(tmp_path: Path, lexicon: Lexicon) -> None:
    text = f"{TITLE_EN}\n\n{BODY_EN}\n\n"
    article = read_text_file(write(tmp_path / "a.txt", text), lexicon)
    assert article.end == len(text.rstrip())


def test_byte_order_mark_is_not_part_of_the_title(tmp_path: Path, lexicon: Lexicon) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(f"\ufeff{TITLE_EN}\n{BODY_EN}".encode())
    assert read_text_file(path, lexicon).title == TITLE_EN


def test_published_is_given_by_the_caller(tmp_path: Path, lexicon: Lexicon) -> None:
    path = write(tmp_path / "a.txt", f"{TITLE_EN}\n{BODY_EN}")
    assert read_text_file(path, lexicon).published is None
    assert read_text_file(path, lexicon, published=date(2020, 9, 15)).published == date(2020, 9, 15)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"  \n\t\n\n", "the article is empty"),
        (f"{TITLE_AR}\n\n".encode(), "the article has a title but no body text"),
        (
            f"{TITLE_AR}\n\nمقالات ذات صلة\nخبر آخر\n".encode(),
            "the article has a title but no body text",
        ),
        (TITLE_AR.encode("cp1256"), "not UTF-8 text (byte 0)"),
    ],
)
def test_a_file_that_is_not_an_article_is_rejected_naming_the_file(
    tmp_path: Path, lexicon: Lexicon, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as caught:
        read_text_file(path, lexicon)
    assert str(caught.value) == f"{path}: {message}"


def test_a_missing_file_is_rejected_naming_the_file(tmp_path: Path, lexicon: Lexicon) -> None:
    path = tmp_path / "missing.txt"
    with pytest.raises(ArticleError) as caught:
        read_text_file(path, lexicon)
    assert str(caught.value) == f"{path}: cannot be read (No such file or directory)"


def test_rejection_messages_are_one_line(tmp_path: Path, lexicon: Lexicon) -> None:
    path = write(tmp_path / "bad.txt", "\n\n")
    with pytest.raises(ArticleError) as caught:
        read_text_file(path, lexicon)
    assert "\n" not in str(caught.value)


def test_article_errors_exit_with_status_1() -> None:
    assert ArticleError.exit_code == 1


# ------------------------------------------------------------------ folders and paths
def test_folder_is_read_in_sorted_order_skipping_gold_files(
    tmp_path: Path, lexicon: Lexicon
) -> None:
    for name in ("dev-002.txt", "dev-001.txt", "nested/dev-003.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        write(tmp_path / name, f"{TITLE_AR}\n\n{BODY_AR}\n")
    write(tmp_path / "dev-001.gold.json", "{}")
    write(tmp_path / "notes.csv", "id,title\n")
    write(tmp_path / ".draft.txt", f"{TITLE_AR}\n\n{BODY_AR}\n")
    items = list(iter_articles([str(tmp_path)], lexicon))
    assert [a.id for a in articles(items)] == ["dev-001", "dev-002", "dev-003"]
    assert errors(items) == []


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, lexicon: Lexicon) -> None:
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", f"{TITLE_EN}\n{BODY_EN}")
    items = list(iter_articles([str(tmp_path)], lexicon))
    assert ([a.id for a in articles(items)], errors(items)) == (
        ["b"],
        [f"{tmp_path / 'a.txt'}: the article is empty"],
    )


def test_a_path_that_does_not_exist_is_an_error_value(tmp_path: Path, lexicon: Lexicon) -> None:
    missing = str(tmp_path / "nowhere")
    assert errors(list(iter_articles([missing], lexicon))) == [
        f"{missing}: no such file or directory"
    ]


def test_paths_are_read_in_the_order_given(tmp_path: Path, lexicon: Lexicon) -> None:
    second = write(tmp_path / "b.txt", f"{TITLE_EN}\n{BODY_EN}")
    first = write(tmp_path / "a.txt", f"{TITLE_AR}\n{BODY_AR}")
    items = list(iter_articles([str(second), str(first)], lexicon, published=date(2022, 11, 23)))
    assert [(a.id, a.published) for a in articles(items)] == [
        ("b", date(2022, 11, 23)),
        ("a", date(2022, 11, 23)),
    ]


# ------------------------------------------------------------------ JSON Lines
RECORD: dict[str, Any] = {
    "id": "qna/2022/11/23/dialogue",
    "title": TITLE_AR,
    "text": BODY_AR,
    "published": "2022-11-23",
    "url": "https://www.qna.org.qa/ar/News-Area/News/2022-11/23/dialogue",
    "lang": "ar",
}


def jsonl(path: Path, *lines: dict[str, Any] | str) -> Path:
    rendered = [
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
    ]
    return write(path, "\n".join(rendered) + "\n")


def test_record_fields_become_the_article(tmp_path: Path, lexicon: Lexicon) -> None:
    [article] = read_jsonl(jsonl(tmp_path / "qna.jsonl", RECORD), lexicon)
    assert isinstance(article, Article)
    assert (article.title, article.published, article.url, article.lang) == (
        TITLE_AR,
        date(2022, 11, 23),
        RECORD["url"],
        "ar",
    )


def test_record_text_is_title_blank_line_body(tmp_path: Path, lexicon: Lexicon) -> None:
    [article] = read_jsonl(jsonl(tmp_path / "qna.jsonl", RECORD), lexicon)
    assert isinstance(article, Article)
    assert article.text == f"{TITLE_AR}\n\n{BODY_AR}"


def test_record_without_title_takes_the_first_line_of_its_text(
    tmp_path: Path, lexicon: Lexicon
) -> None:
    record = {"id": "en-1", "text": f"{TITLE_EN}\n{BODY_EN}"}
    [article] = read_jsonl(jsonl(tmp_path / "qna.jsonl", record), lexicon)
    assert isinstance(article, Article)
    assert article.title == TITLE_EN


def test_record_id_is_kept_as_given(tmp_path: Path, lexicon: Lexicon) -> None:
    [article] = read_jsonl(jsonl(tmp_path / "qna.jsonl", RECORD), lexicon)
    assert isinstance(article, Article)
    assert article.id == "qna/2022/11/23/dialogue"


def test_record_source_names_file_and_line(tmp_path: Path, lexicon: Lexicon) -> None:
    path = jsonl(tmp_path / "qna.jsonl", RECORD, RECORD)
    assert [a.source for a in articles(list(read_jsonl(path, lexicon)))] == [
        f"{path}:1",
        f"{path}:2",
    ]


def test_record_published_wins_over_the_callers(tmp_path: Path, lexicon: Lexicon) -> None:
    [article] = read_jsonl(
        jsonl(tmp_path / "qna.jsonl", RECORD), lexicon, published=date(2000, 1, 1)
    )
    assert isinstance(article, Article)
    assert article.published == date(2022, 11, 23)


@pytest.mark.parametrize("published", [None, ""])
def test_callers_published_fills_in_for_a_record_without_one(
    tmp_path: Path, lexicon: Lexicon, published: str | None
) -> None:
    record = {**RECORD, "published": published}
    [article] = read_jsonl(
        jsonl(tmp_path / "qna.jsonl", record), lexicon, published=date(2022, 11, 21)
    )
    assert isinstance(article, Article)
    assert article.published == date(2022, 11, 21)


def test_blank_lines_between_records_are_skipped(tmp_path: Path, lexicon: Lexicon) -> None:
    path = jsonl(tmp_path / "qna.jsonl", RECORD, "", "   ", RECORD)
    assert [a.source for a in articles(list(read_jsonl(path, lexicon)))] == [
        f"{path}:1",
        f"{path}:4",
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "{not json",
            "not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        ),
        (
            '["id", "text"]',
            "a record must be a JSON object with fields id, title, text, published, url, lang",
        ),
        ({**RECORD, "id": ""}, "id: missing or empty"),
        ({"title": TITLE_AR, "text": BODY_AR}, "id: missing or empty"),
        ({**RECORD, "text": "  "}, "text: missing or empty"),
        ({**RECORD, "text": ["a", "b"]}, "text: missing or empty"),
        ({**RECORD, "title": 5}, "title: must be a string"),
        ({**RECORD, "url": {"href": "x"}}, "url: must be a string"),
        (
            {**RECORD, "published": "23/11/2022"},
            "published: '23/11/2022' is not a date of the form YYYY-MM-DD",
        ),
        ({**RECORD, "lang": "fr"}, "lang: 'fr' is not one of: ar, en"),
    ],
)
def test_bad_record_is_an_error_naming_file_line_and_field(
    tmp_path: Path, lexicon: Lexicon, line: dict[str, Any] | str, message: str
) -> None:
    path = jsonl(tmp_path / "qna.jsonl", RECORD, line, {**RECORD, "id": "after"})
    items = list(read_jsonl(path, lexicon))
    assert errors(items) == [f"{path}:2: {message}"]
    assert [a.id for a in articles(items)] == ["qna/2022/11/23/dialogue", "after"]


def test_a_jsonl_line_that_is_not_utf8_is_rejected_alone(tmp_path: Path, lexicon: Lexicon) -> None:
    path = tmp_path / "qna.jsonl"
    good = json.dumps(RECORD, ensure_ascii=False).encode()
    text_field = b'"text": "'
    cp1256 = good.replace(text_field, text_field + "قطر".encode("cp1256"))
    path.write_bytes(codecs.BOM_UTF8 + good + b"\n" + cp1256 + b"\n" + good + b"\n")
    items = list(read_jsonl(path, lexicon))
    first_bad_byte = cp1256.index(text_field) + len(text_field)
    assert errors(items) == [f"{path}:2: not UTF-8 text (byte {first_bad_byte})"]
    assert [a.id for a in articles(items)] == ["qna/2022/11/23/dialogue", "qna/2022/11/23/dialogue"]


def test_jsonl_file_in_a_folder_is_read_as_records(tmp_path: Path, lexicon: Lexicon) -> None:
    jsonl(tmp_path / "qna.jsonl", RECORD, {**RECORD, "id": "second"})
    assert [a.id for a in articles(list(iter_articles([str(tmp_path)], lexicon)))] == [
        "qna/2022/11/23/dialogue",
        "second",
    ]


# ------------------------------------------------------------------ stdin
def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text_is_one_article_with_a_content_id(
    monkeypatch: pytest.MonkeyPatch, lexicon: Lexicon
) -> None:
    feed_stdin(monkeypatch, f"{TITLE_EN}\n\n{BODY_EN}\n".encode())
    [article] = iter_articles(["-"], lexicon)
    assert isinstance(article, Article)
    assert (article.source, article.title, article.id.startswith("stdin-")) == ("-", TITLE_EN, True)


def test_stdin_starting_with_a_brace_is_json_lines(
    monkeypatch: pytest.MonkeyPatch, lexicon: Lexicon
) -> None:
    feed_stdin(monkeypatch, (json.dumps(RECORD) + "\n").encode())
    [article] = iter_articles(["-"], lexicon)
    assert isinstance(article, Article)
    assert (article.id, article.source) == ("qna/2022/11/23/dialogue", "-:1")


# ------------------------------------------------------------------ helpers
@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("dev-007", "dev-007"),
        ("qna/2022/11/21", "qna/2022/11/21"),
        (" QNA 2022_11.21 ", "QNA 2022_11.21"),
        ("الحوار-الاستراتيجي", "الحوار-الاستراتيجي"),
    ],
)
def test_article_ids_are_kept_as_given(raw: str, kept: str) -> None:
    """Issue 10.1: reducing ids to a safe alphabet made different ids one."""
    assert article_id_from(raw) == kept


def test_published_must_be_an_iso_date_and_the_message_says_where() -> None:
    assert parse_published(" 2022-11-21 ", "qna.jsonl:3") == date(2022, 11, 21)
    with pytest.raises(ArticleError) as caught:
        parse_published("2022-02-30", "qna.jsonl:3")
    assert (
        str(caught.value)
        == "qna.jsonl:3: published: '2022-02-30' is not a date of the form YYYY-MM-DD"
    )


def test_make_article_rejects_an_unknown_language(lexicon: Lexicon) -> None:
    with pytest.raises(ArticleError) as caught:
        make_article(
            article_id="x",
            text=f"{TITLE_EN}\n{BODY_EN}",
            source="x.txt",
            lexicon=lexicon,
            lang="fr",
        )
    assert str(caught.value) == "x.txt: lang: 'fr' is not one of: ar, en"
