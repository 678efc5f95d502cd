"""Pages for exploring the graph beside the query page: the timeline of the dialogue
(`/timeline`, `/timeline.svg`) and name search (`/search?q=`). Their data comes through the
query workers, like every other read, so a slow store never blocks the server's loop."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..explore.search import LABELS_QUERY, find
from ..explore.timeline import ITEMS_QUERY, ROUNDS_QUERY, timeline_data, timeline_svg
from .negotiation import with_charset
from .pages import local_href

if TYPE_CHECKING:
    from .endpoint import Endpoint, ServerConfig


async def _rows(endpoint: Endpoint, sparql: str) -> list[dict[str, str]]:
    return [{name: term.value for name, term in row.items()} for row in await endpoint.query_json(sparql)]


async def _timeline(endpoint: Endpoint, base: str) -> str:
    # Both queries run first (through the async workers); the drawing code then reads them.
    answers = {query: await _rows(endpoint, query) for query in (ROUNDS_QUERY, ITEMS_QUERY)}
    return timeline_svg(timeline_data(answers.__getitem__), lambda iri: local_href(iri, base))


def _page(title: str, body: str, base: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — qusgraph</title>
<link rel="stylesheet" href="{base}/static/style.css">
</head>
<body>
<header><h1><a href="{base}/">qusgraph</a></h1>
<p><a href="{base}/">Query</a> · <a href="{base}/timeline">Timeline</a> · <a href="{base}/search">Search</a></p>
</header>
<main>
{body}
</main>
</body>
</html>
"""


def explore_routes(endpoint: Callable[[], Endpoint], config: ServerConfig) -> list[Route]:
    """The routes of this module, for the application's route list."""

    async def timeline_page(request: Request) -> Response:
        svg = await _timeline(endpoint(), config.base)
        svg = svg.split("?>", 1)[1] if svg.startswith("<?xml") else svg  # inline SVG takes no XML declaration
        body = (f'<h2>Timeline of the dialogue</h2><p>Every round in the store, on a time axis; each item links to '
                f'its page. <a href="{config.base}/timeline.svg" download>Download the SVG</a></p>'
                f'<div class="timeline">{svg}</div>')
        return HTMLResponse(_page("Timeline", body, config.base))

    async def timeline_file(request: Request) -> Response:
        svg = await _timeline(endpoint(), config.base)
        return Response(svg, media_type=with_charset("image/svg+xml"))

    async def search(request: Request) -> Response:
        query = request.query_params.get("q", "").strip()
        hits = []
        if query:
            rows = await _rows(endpoint(), LABELS_QUERY)
            hits = find(query, rows, limit=50)
        if request.query_params.get("format") == "json" or "application/json" in request.headers.get("accept", ""):
            return JSONResponse({"query": query, "hits": [hit.as_json() for hit in hits]})
        items = []
        for hit in hits:
            names = []
            for lang in ("en", "ar"):
                if lang in hit.labels:
                    direction = ' dir="rtl"' if lang == "ar" else ""
                    names.append(f'<span lang="{lang}"{direction}>{escape(hit.labels[lang])}</span>')
            items.append(f'<li data-kind="{hit.kind}" data-score="{hit.score}"><span class="kind">{hit.kind}</span> '
                         f'<a href="{escape(local_href(hit.iri, config.base))}" title="{escape(hit.iri)}">'
                         f'{" · ".join(names)}</a></li>')
        found = (f"<p>{len(hits)} hit(s) for “<bdi>{escape(query)}</bdi>”</p><ol class=\"hits\">{''.join(items)}</ol>"
                 if query else "")
        body = (f'<h2>Find a name</h2><form action="{config.base}/search" method="get">'
                f'<input name="q" dir="auto" value="{escape(query)}" aria-label="Name" autofocus> '
                f'<button type="submit">Find</button></form>'
                f"<p>Officials, places, organisations, countries, rounds, agreements — in Arabic or English, "
                f"whatever the spelling.</p>{found}")
        return HTMLResponse(_page("Search", body, config.base))

    return [
        Route("/search", search, methods=["GET"]),
        Route("/timeline", timeline_page, methods=["GET"]),
        Route("/timeline.svg", timeline_file, methods=["GET"]),
    ]
