"""Saved web pages (tests/data/pages/): each page's title, date, address, language and site
as it states them, the same facts as its text version, bad pages refused one line each,
and folders that mix pages with text and JSON Lines files."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from qusgraph.cli import main
from qusgraph.errors import ArticleError
from qusgraph.pipeline import build_graph
from qusgraph.rdf.graph import Terms
from qusgraph.rdf.mint import article_iri
from qusgraph.text.articles import Article, read_text_file
from qusgraph.text.lexicon import Lexicon
from qusgraph.web.pages import page_id, read_html, read_html_file

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "data" / "pages"
TEXTS = PAGES / "text"
SEED = ROOT / "data" / "articles" / "seed-000.txt"


@dataclass(frozen=True)
class Page:
    file: str
    text: Path
    title: str
    published: date
    url: str
    lang: str
    site: str


GOOD = [
    Page("qna-agency-ar.html", SEED, "الحوار الاستراتيجي القطري الأمريكي في دورته الخامسة يبدأ في الدوحة غدا",
         date(2022, 11, 21),
         "https://www.qna.org.qa/ar/News-Area/News/2022-11/21/0035-strategic-dialogue-fifth-round", "ar",
         "وكالة الأنباء القطرية"),
    Page("mofa-press-release-en.html", TEXTS / "mofa-press-release-en.txt",
         "Qatar and the United States hold the fifth round of their Strategic Dialogue in Doha", date(2022, 11, 22),
         "https://www.mofa.gov.qa/en/all-mofa-news/details/2022/11/22/"
         "qatar-and-the-united-states-hold-the-fifth-round-of-their-strategic-dialogue", "en",
         "Ministry of Foreign Affairs - State of Qatar"),
    Page("wire-newspaper-en.html", TEXTS / "wire-newspaper-en.txt",
         "Blinken in Doha for fifth U.S.-Qatar Strategic Dialogue as World Cup kicks off", date(2022, 11, 22),
         "https://www.gulf-times.com/article/650123/blinken-in-doha-for-fifth-us-qatar-strategic-dialogue", "en",
         "Gulf Times"),
    Page("meta-date-only-en.html", TEXTS / "meta-date-only-en.txt",
         "United States and Qatar hold fourth Strategic Dialogue in Washington", date(2021, 11, 13),
         "https://qa.usembassy.gov/united-states-and-qatar-hold-fourth-strategic-dialogue/", "en",
         "U.S. Embassy in Qatar"),
    Page("jsonld-date-only-ar.html", TEXTS / "jsonld-date-only-ar.txt",
         "انطلاق الدورة السادسة من الحوار الاستراتيجي القطري الأمريكي في واشنطن", date(2024, 3, 5),
         "https://al-sharq.com/article/05/03/2024/"
         "%D8%A7%D9%86%D8%B7%D9%84%D8%A7%D9%82-%D8%A7%D9%84%D8%AF%D9%88%D8%B1%D8%A9-%D8%A7%D9%84%D8%B3%D8%A7"
         "%D8%AF%D8%B3%D8%A9-%D9%85%D9%86-%D8%A7%D9%84%D8%AD%D9%88%D8%A7%D8%B1-%D8%A7%D9%84%D8%A7%D8%B3%D8%AA"
         "%D8%B1%D8%A7%D8%AA%D9%8A%D8%AC%D9%8A", "ar", "جريدة الشرق"),
    Page("hijri-dateline-ar.html", TEXTS / "hijri-dateline-ar.txt",
         "وزير الخارجية ونظيره الأمريكي يترأسان الدورة الخامسة من الحوار الاستراتيجي", date(2022, 11, 20),
         "https://www.raya.com/news/1532207/"
         "%D9%88%D8%B2%D9%8A%D8%B1-%D8%A7%D9%84%D8%AE%D8%A7%D8%B1%D8%AC%D9%8A%D8%A9-%D9%88%D9%86%D8%B8%D9%8A%D8%B1"
         "%D9%87-%D8%A7%D9%84%D8%A3%D9%85%D8%B1%D9%8A%D9%83%D9%8A-%D9%8A%D8%AA%D8%B1%D8%A3%D8%B3%D8%A7%D9%86-%D8%A7"
         "%D9%84%D8%AF%D9%88%D8%B1%D8%A9-%D8%A7%D9%84%D8%AE%D8%A7%D9%85%D8%B3%D8%A9/", "ar", "الراية"),
    Page("windows-1256-ar.html", TEXTS / "windows-1256-ar.txt",
         "الجولة الثانية من الحوار الاستراتيجي القطري الأمريكي تبدأ في الدوحة غدا", date(2019, 1, 12),
         "http://www.qna.org.qa/News/19011201/ar", "ar", "وكالة الأنباء القطرية"),
    Page("saved-page-en.htm", TEXTS / "saved-page-en.txt",
         "Joint Statement on the Third United States-Qatar Strategic Dialogue", date(2020, 9, 15),
         "https://2017-2021.state.gov/joint-statement-on-the-third-united-states-qatar-strategic-dialogue/", "en",
         "United States Department of State"),
    Page("embassy-en.html", TEXTS / "embassy-en.txt",
         "Strategic Dialogue: Qatar and U.S. sign letters of intent on trade and investment", date(2018, 1, 30),
         "https://www.qatarembassy.net/news/strategic-dialogue-letters-of-intent", "en",
         "Embassy of the State of Qatar in Washington, DC"),
]

BAD = [
    ("login-wall.html", "a sign-in form and 297 characters of text: a login wall"),
    ("index-page.html", "is links: an index page"),
    ("misdeclared-encoding.html", "mis-declared encoding: the page declared utf-8 in its <meta charset>"),
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def facts(article: Article, lexicon: Lexicon) -> set[Terms]:
    """The article's facts about the world: its graph without the triples about the article
    itself or its publisher (which a text file does not have)."""
    graph = build_graph(article, lexicon)
    own = graph.name
    return {(s, p, o) for s, p, o in graph.fact_terms
            if s != own and o != own and "/publisher/" not in s.value}


@pytest.mark.parametrize("page", GOOD, ids=[page.file for page in GOOD])
def test_a_page_states_its_title_date_address_language_and_site(page: Page, lexicon: Lexicon) -> None:
    article = read_html_file(PAGES / page.file, lexicon)
    assert (article.title, article.published, article.url, article.lang, article.site) == (
        page.title, page.published, page.url, page.lang, page.site)
    assert article.id == page_id(page.url)


@pytest.mark.parametrize("page", GOOD, ids=[page.file for page in GOOD])
def test_a_page_gives_the_facts_of_its_text_version(page: Page, lexicon: Lexicon) -> None:
    html = read_html_file(PAGES / page.file, lexicon)
    text = read_text_file(page.text, lexicon, html.published)
    found = facts(html, lexicon)
    assert found, "the page should state some facts"
    assert found == facts(text, lexicon)


@pytest.mark.parametrize("file, reason", BAD, ids=[file for file, _ in BAD])
def test_a_bad_page_is_refused_with_its_reason(file: str, reason: str, lexicon: Lexicon) -> None:
    with pytest.raises(ArticleError) as caught:
        read_html_file(PAGES / file, lexicon)
    message = str(caught.value)
    assert message.startswith(str(PAGES / file) + ": ") and reason in message
    assert "\n" not in message


def test_published_overrides_the_date_of_the_page(lexicon: Lexicon) -> None:
    article = read_html_file(PAGES / "meta-date-only-en.html", lexicon, date(2021, 11, 14))
    assert article.published == date(2021, 11, 14)


def test_a_charset_from_the_server_wins_over_the_page(lexicon: Lexicon) -> None:
    data = (PAGES / "misdeclared-encoding.html").read_bytes()
    article = read_html(data, "page", lexicon, charset="windows-1256")
    assert article.title.startswith("الجولة الثانية")


def test_a_utf8_page_that_declares_another_charset_is_refused(lexicon: Lexicon) -> None:
    data = (PAGES / "qna-agency-ar.html").read_bytes().replace(b'charset="utf-8"', b'charset="windows-1256"')
    with pytest.raises(ArticleError, match="mis-declared encoding: the page declared windows-1256 .* but is UTF-8"):
        read_html(data, "page", lexicon)


def test_an_arabic_slug_gives_a_short_safe_id_with_a_digest() -> None:
    first = page_id("https://al-sharq.com/article/%D8%A7%D9%86%D8%B7%D9%84%D8%A7%D9%82")
    second = page_id("https://al-sharq.com/article/%D8%A7%D9%84%D8%AF%D9%88%D8%B1%D8%A9")
    assert first.startswith("al-sharq.com-article-") and first != second
    assert page_id("https://www.example.org/a/b/") == "example.org-a-b"


def query(store: Path, sparql: str) -> list[dict[str, str]]:
    result = run("query", "--store", str(store), "--format", "json", sparql)
    assert result.exit_code == 0, result.output
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(result.stdout)["results"]["bindings"]]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """A folder of every page, a text file and a JSON Lines file, ingested in one run."""
    folder = tmp_path_factory.mktemp("mixed") / "in"
    shutil.copytree(PAGES, folder, ignore=shutil.ignore_patterns("text", "*.md"))
    (folder / "notes.txt").write_text((TEXTS / "embassy-en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    record = {"id": "wire-jsonl", "text": (TEXTS / "wire-newspaper-en.txt").read_text(encoding="utf-8"),
              "published": "2022-11-22", "lang": "en"}
    (folder / "records.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    store = folder.parent / "store"
    return store, run("ingest", str(folder), "--store", str(store))


def test_a_folder_mixing_pages_text_and_json_lines(mixed: tuple[Path, Result]) -> None:
    store, result = mixed
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert sorted(line.split(": ", 2)[1].rsplit("/", 1)[-1] for line in errors) == sorted(f for f, _ in BAD)
    assert f"{len(GOOD) + 2} article(s) ingested" in result.stdout and f"{len(BAD)} rejected" in result.stdout
    graphs = query(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a qus:Article } }")
    assert graphs == [{"n": str(len(GOOD) + 2)}]  # nothing of the bad pages


def test_the_article_node_carries_the_page_provenance(mixed: tuple[Path, Result]) -> None:
    store, _ = mixed
    page = GOOD[0]
    rows = query(store, f"""SELECT ?title ?url ?published ?lang ?publisher ?site WHERE {{
        <{article_iri(page_id(page.url))}> rdfs:label ?title ; schema:url ?url ; qus:published ?published ;
            schema:inLanguage ?lang ; schema:publisher ?publisher .
        ?publisher a qus:Publisher ; rdfs:label ?site }}""")
    assert rows == [{"title": page.title, "url": page.url, "published": "2022-11-21", "lang": "ar",
                     "publisher": "https://w3id.org/qusgraph/id/publisher/qna.org.qa", "site": page.site}]


def test_the_store_conforms_after_ingesting_pages(mixed: tuple[Path, Result]) -> None:
    store, _ = mixed
    result = run("validate", "--store", str(store))
    assert result.exit_code == 0, result.output


def test_explain_names_the_page_each_quote_comes_from(mixed: tuple[Path, Result]) -> None:
    store, _ = mixed
    result = run("explain", "--store", str(store), "dialogue/QA-US/round/6")
    assert result.exit_code == 0, result.output
    assert f"(2024-03-05, {GOOD[4].url}): “" in result.output


def test_the_frames_a_browser_saves_beside_a_page_are_not_articles(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    (folder / "dialogue_files").mkdir(parents=True)
    shutil.copy(PAGES / "embassy-en.html", folder / "dialogue.html")
    shutil.copy(PAGES / "index-page.html", folder / "dialogue_files" / "share-widget.html")
    result = run("ingest", str(folder), "--store", str(tmp_path / "store"))
    assert result.exit_code == 0 and "1 article(s) ingested" in result.stdout


def test_explain_debug_reads_a_saved_page() -> None:
    result = run("explain", "--debug", str(PAGES / "hijri-dateline-ar.html"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"article {page_id(GOOD[5].url)} (ar), published 2022-11-20")


def test_the_page_of_an_article_links_to_where_it_was_published(tmp_path: Path) -> None:
    """Issue 14.3: the article's /id/ page carries its source address as a link out."""
    from server_utils import SEED, client, running_server

    source = tmp_path / "linked.jsonl"
    source.write_text(json.dumps({"id": "linked", "url": "https://news.example.org/2022/11/dialogue",
                                  "published": "2022-11-22", "text": SEED.read_text(encoding="utf-8")},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    assert run("ingest", str(source), "--store", str(store)).exit_code == 0
    with running_server(store) as server, client() as http:
        article = query(store, "SELECT ?a WHERE { ?a a qus:Article }")[0]["a"]
        page = http.get(server.url + "/id/" + article.split("/id/", 1)[1], headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert '<a href="https://news.example.org/2022/11/dialogue" rel="noopener noreferrer nofollow">' in page.text
