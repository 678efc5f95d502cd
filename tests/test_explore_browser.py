"""The exploring pages in a real headless chromium: the timeline of the dialogue (/timeline),
name search (/search) and the query editor, against a real server holding the dev corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from explore_utils import dev_store
from qusgraph.rdf.namespaces import ID
from server_utils import Server, client, qusgraph, running_server
from test_browser import TIMEOUT_MS, _local, browser  # noqa: F401 - `browser` is the chromium fixture

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module")
def dev(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, set[int]]]:
    store, ordinals = dev_store(tmp_path_factory.mktemp("dev"))
    with running_server(store) as server:
        yield server, ordinals


@pytest.fixture
def page(browser: Browser, dev: tuple[Server, set[int]]) -> Iterator[Page]:  # noqa: F811
    server = dev[0]
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    context.route(lambda url: not _local(url, server.url), lambda route: route.abort())
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


def test_the_timeline_shows_every_round_of_the_dev_corpus(page: Page, dev: tuple[Server, set[int]]) -> None:
    server, ordinals = dev
    page.goto(f"{server.url}/timeline")
    svg = page.locator(".timeline svg")
    assert svg.is_visible()
    shown = {int(o) for o in page.locator("svg g.round").evaluate_all("gs => gs.map(g => g.dataset.ordinal)")}
    expected = ordinals or shown
    assert shown == expected and len(shown) >= 1
    drawn = svg.text_content() or ""
    for ordinal in sorted(expected):
        assert f"Round {ordinal}" in drawn, ordinal
    # A round's date comes with its precision, and its chairs are named.
    assert "(day)" in drawn and "Chairs" in drawn


def test_every_timeline_link_resolves(page: Page, dev: tuple[Server, set[int]]) -> None:
    server = dev[0]
    page.goto(f"{server.url}/timeline")
    hrefs = sorted(set(page.locator("svg a").evaluate_all("links => links.map(a => a.getAttribute('href'))")))
    assert any("/round/" in h for h in hrefs) and any("/agreement/" in h for h in hrefs)
    with client() as http:
        for href in hrefs:
            assert href.startswith(f"{server.url}/id/"), href
            response = http.get(href, headers={"Accept": "text/html"})
            assert response.status_code == 200, href


def test_clicking_a_round_on_the_timeline_opens_its_page(page: Page, dev: tuple[Server, set[int]]) -> None:
    server = dev[0]
    page.goto(f"{server.url}/timeline")
    round_link = page.locator("svg g.round a").first
    href = round_link.get_attribute("href")
    with page.expect_navigation():
        round_link.click()
    assert page.url == href
    assert page.locator(".labels").inner_text().strip()


def test_qusgraph_timeline_draws_what_the_server_serves(dev: tuple[Server, set[int]], tmp_path: Path) -> None:
    # The store is held by the server: the command reads it beside it.
    server = dev[0]
    output = tmp_path / "timeline.svg"
    result = qusgraph("timeline", "--store", str(server.store), "--base-url", server.url, "-o", str(output))
    assert result.returncode == 0, result.stderr
    with client() as http:
        served = http.get(f"{server.url}/timeline.svg")
    assert served.headers["content-type"].startswith("image/svg+xml")
    assert output.read_text(encoding="utf-8") == served.text


def test_search_finds_an_official_from_a_spelling_variant(page: Page, dev: tuple[Server, set[int]]) -> None:
    server = dev[0]
    page.goto(f"{server.url}/search")
    page.fill('input[name="q"]', "بلنكن")
    with page.expect_navigation():
        page.click('button[type="submit"]')
    first = page.locator("ol.hits li").first
    assert first.get_attribute("data-kind") == "Official"
    link = first.locator("a")
    assert link.get_attribute("title") == ID + "person/antony-blinken"
    assert first.locator('[lang="ar"]').evaluate("e => getComputedStyle(e).direction") == "rtl"
    with page.expect_navigation():
        link.click()
    assert page.url == f"{server.url}/id/person/antony-blinken"


def test_search_answers_json(dev: tuple[Server, set[int]]) -> None:
    server = dev[0]
    with client() as http:
        answer = http.get(f"{server.url}/search", params={"q": "Muhammad bin Abdul Rahman Al-Thani", "format": "json"})
    assert answer.status_code == 200
    hits = answer.json()["hits"]
    assert hits[0]["iri"] == ID + "person/mohammed-bin-abdulrahman-al-thani" and hits[0]["kind"] == "Official"


def test_an_arabic_quote_is_isolated_right_to_left_on_an_id_page(page: Page, dev: tuple[Server, set[int]]) -> None:
    server = dev[0]
    page.goto(f"{server.url}/id/dialogue/QA-US/round/5")
    quotes = page.locator('blockquote .quote[lang="ar"]')
    assert quotes.count() > 0
    for direction in quotes.evaluate_all("qs => qs.map(q => getComputedStyle(q).direction)"):
        assert direction == "rtl"
    quote = quotes.first
    # The quote, marks and all, is a box of its own: its opening mark is at the right-hand end.
    text = quote.inner_text().strip()
    assert text.startswith("“") and text.endswith("”")
    box = quote.bounding_box()
    mark = quote.evaluate("""q => { const r = document.createRange(); const t = q.firstChild;
        r.setStart(t, 0); r.setEnd(t, 1); const b = r.getBoundingClientRect(); return b.right; }""")
    assert box is not None and mark > box["x"] + box["width"] / 2
    link = page.locator("blockquote > a").first
    assert link.evaluate("a => getComputedStyle(a).direction") == "ltr"


# -------------------------------------------------------------------------------- the query editor
def _rows(page: Page) -> list[list[str]]:
    page.wait_for_selector("#results tbody tr")
    return [[cell.inner_text().strip() for cell in row.locator("td").all()]
            for row in page.locator("#results tbody tr").all()]


def test_the_first_example_s_answer_is_shown_on_load(page: Page, dev: tuple[Server, set[int]]) -> None:
    server, ordinals = dev
    page.goto(f"{server.url}/")
    rows = _rows(page)
    assert page.locator("#results thead th").all_inner_texts() == ["round", "ordinal", "date", "place"]
    assert {int(row[1]) for row in rows} >= (ordinals or {1})


def test_the_editor_highlights_sparql_and_knows_the_predeclared_prefixes(
        page: Page, dev: tuple[Server, set[int]]) -> None:
    page.goto(f"{dev[0].url}/")
    page.wait_for_selector("#yasqe .CodeMirror")
    assert not page.locator("#query").is_visible()
    keywords = page.locator("#yasqe .cm-keyword").all_inner_texts()
    assert "SELECT" in keywords and "WHERE" in keywords
    assert page.locator("#yasqe .cm-string-2").count() > 0  # prefixed names such as qus:ordinal
    # qus:, rdfs: … are predeclared: the editor's checker flags nothing in the examples.
    assert page.locator("#yasqe .parseErrorIcon").count() == 0
    page.evaluate("text => window.qusgraphEditor.setValue(text)", "SELECT * WHERE { ?s nope:p ?o }")
    page.wait_for_selector("#yasqe .parseErrorIcon")


def test_a_linked_query_runs_on_load(page: Page, dev: tuple[Server, set[int]]) -> None:
    server = dev[0]
    text = 'SELECT ?name WHERE { <https://w3id.org/qusgraph/id/person/antony-blinken> rdfs:label ?name } ORDER BY ?name'
    page.goto(f"{server.url}/?query={quote(text)}")
    rows = _rows(page)
    assert page.evaluate("() => window.qusgraphEditor.getValue()") == text
    assert [row[0].split("@")[0].strip() for row in rows] == ["Antony Blinken", "أنتوني بلينكن"]
    arabic = page.locator('#results tbody td span[lang="ar"]').first
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_running_a_query_makes_a_link_that_runs_it(page: Page, dev: tuple[Server, set[int]]) -> None:
    server = dev[0]
    page.goto(f"{server.url}/")
    _rows(page)
    page.select_option("#examples", index=1)
    chosen = page.evaluate("() => window.qusgraphEditor.getValue()")
    page.click("#run")
    page.wait_for_function("q => new URLSearchParams(location.search).get('query') === q", arg=chosen)
    link = page.locator("#share").get_attribute("href") or ""
    page.goto(f"{server.url}/{link}")
    _rows(page)
    assert page.evaluate("() => window.qusgraphEditor.getValue()") == chosen


def test_ctrl_enter_in_the_editor_runs_the_query(page: Page, dev: tuple[Server, set[int]]) -> None:
    page.goto(f"{dev[0].url}/")
    _rows(page)
    page.evaluate("text => window.qusgraphEditor.setValue(text)", "ASK { ?r qus:ordinal 5 }")
    page.click("#yasqe .CodeMirror")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("() => document.getElementById('status').textContent.startsWith('ASK')")
    assert page.inner_text("#status") == "ASK: true"
