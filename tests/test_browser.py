"""The query page in a real headless browser: Debian's chromium, driven by Playwright.

Set QUSGRAPH_REQUIRE_BROWSER=1 (CI does) to make a missing chromium a failure instead of
a skip; CI installs it with `apt-get install -y chromium`.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qusgraph.rdf.namespaces import ID
from server_utils import ROOT, Server, client, server_fixture

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
QUERIES = ROOT / "data" / "queries"
ROUND_5 = ID + "dialogue/QA-US/round/5"
TIMEOUT_MS = 20_000

served = server_fixture(name="served")


def _unavailable(reason: str) -> None:
    if os.environ.get("QUSGRAPH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (QUSGRAPH_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        _unavailable(f"no chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Visit:
    """A browser tab on the query page, and every URL it asked for."""

    page: Page
    requests: list[str]
    base: str

    def off_loopback(self) -> list[str]:
        return [url for url in self.requests if not _local(url, self.base)]


def _local(url: str, base: str) -> bool:
    return url.startswith((f"{base}/", "data:", "blob:", "about:"))


@pytest.fixture
def visit(browser: Browser, served: Server) -> Iterator[Visit]:
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    # Anything that is not this server is recorded above, then refused: a test cannot wait on the network.
    context.route(lambda url: not _local(url, served.url), lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{served.url}/")
    try:
        yield Visit(page, requests, served.url)
    finally:
        context.close()


def title_of(query_file: str) -> str:
    """The question an example is listed under: the first comment line of its .rq file."""
    return (QUERIES / query_file).read_text(encoding="utf-8").splitlines()[0].lstrip("#").strip()


def run_example(visit: Visit, query_file: str) -> None:
    page = visit.page
    page.select_option("#examples", label=title_of(query_file))
    page.click("#run")
    page.wait_for_selector("#results tbody tr")


def cells(page: Page) -> list[list[str]]:
    return [[cell.inner_text().strip() for cell in row.locator("td").all()]
            for row in page.locator("#results tbody tr").all()]


def arabic_label(server: Server, iri: str) -> str:
    with client() as http:
        response = http.get(f"{server.url}/sparql", headers={"Accept": "application/sparql-results+json"},
                            params={"query": f'SELECT ?l WHERE {{ <{iri}> rdfs:label ?l FILTER(lang(?l) = "ar") }}'})
    label: str = response.json()["results"]["bindings"][0]["l"]["value"]
    return label


# -------------------------------------------------------------------------------- tests
def test_the_example_selector_holds_the_readme_s_questions(visit: Visit) -> None:
    options = visit.page.locator("#examples option").all_inner_texts()
    assert sorted(options) == sorted(title_of(path.name) for path in QUERIES.glob("*.rq"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    in_readme = set(re.findall(r"^### .*`data/queries/([\w.-]+\.rq)`", readme, re.M))
    assert in_readme and {title_of(name) for name in in_readme} <= set(options)


def test_picking_an_example_puts_its_query_in_the_editor(visit: Visit) -> None:
    visit.page.select_option("#examples", label=title_of("rounds.rq"))
    assert visit.page.input_value("#query") == (QUERIES / "rounds.rq").read_text(encoding="utf-8")


def test_an_example_query_shows_the_expected_rows(visit: Visit) -> None:
    run_example(visit, "rounds.rq")
    page = visit.page
    assert page.locator("#results thead th").all_inner_texts() == ["round", "ordinal", "date", "place"]
    rows = cells(page)
    assert [row[1] for row in rows] == ["1", "2", "3", "4", "5"]
    round_5 = rows[4]
    assert round_5[0] == "id:dialogue/QA-US/round/5"
    assert round_5[2] == "2022-11-22"
    assert page.locator("#results tbody tr").nth(4).locator("td").nth(3).locator("span").first.inner_text() == "Doha"
    assert page.inner_text("#status") == "5 rows"


def test_iri_cells_link_to_their_pages(visit: Visit) -> None:
    run_example(visit, "rounds.rq")
    link = visit.page.locator("#results tbody tr").nth(4).locator("td").first.locator("a")
    assert link.get_attribute("href") == f"{visit.base}/id/{ROUND_5[len(ID):]}"
    assert link.get_attribute("title") == ROUND_5


def test_a_round_page_shows_its_arabic_label_right_to_left(visit: Visit, served: Server) -> None:
    run_example(visit, "rounds.rq")
    page = visit.page
    with page.expect_navigation():
        page.locator("#results tbody tr").nth(4).locator("td").first.locator("a").click()
    assert page.url == f"{visit.base}/id/{ROUND_5[len(ID):]}"
    label = page.locator('.labels [lang="ar"]').first
    assert label.inner_text().strip() == arabic_label(served, ROUND_5)
    assert label.evaluate("element => getComputedStyle(element).direction") == "rtl"
    english = page.locator('.labels [lang="en"]').first
    assert english.evaluate("element => getComputedStyle(element).direction") == "ltr"


def test_arabic_results_are_right_to_left(visit: Visit) -> None:
    run_example(visit, "round5-chairs.rq")
    posts = visit.page.locator('#results tbody td span[lang="ar"]')
    assert posts.count() > 0
    for direction in posts.evaluate_all("spans => spans.map(s => getComputedStyle(s).direction)"):
        assert direction == "rtl"


def test_results_can_be_downloaded_as_csv(visit: Visit) -> None:
    run_example(visit, "rounds.rq")
    page = visit.page
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV").click()
    path = download.value.path()
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["ordinal"] for row in rows] == ["1", "2", "3", "4", "5"]
    assert rows[4]["date"] == "2022-11-22" and rows[4]["place"] == "Doha"


def test_every_download_format_is_offered(visit: Visit) -> None:
    run_example(visit, "rounds.rq")
    assert visit.page.locator("#downloads button").all_inner_texts() == ["CSV", "TSV", "JSON", "XML"]


def test_a_syntax_error_is_shown(visit: Visit) -> None:
    page = visit.page
    page.evaluate("text => window.qusgraphEditor.setValue(text)", "SELECT * WHERE { ?s ?p }")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert page.inner_text("#status").startswith("400")


def test_no_request_leaves_loopback(visit: Visit) -> None:
    run_example(visit, "round5-chairs.rq")
    run_example(visit, "rounds.rq")
    page = visit.page
    with page.expect_navigation():
        page.locator("#results tbody tr").nth(4).locator("td").first.locator("a").click()
    page.wait_for_load_state("networkidle")
    assert f"{visit.base}/sparql" in visit.requests
    assert f"{visit.base}/static/app.js" in visit.requests
    assert visit.off_loopback() == []
