"""Web pages as input: saved HTML files (`pages.py`) and URLs fetched politely (`fetch.py`).

A page goes through trafilatura, a maintained extractor made for news pages, for its main
text and metadata (title, date, canonical URL, site name); what comes out is an ordinary
`Article`, so extraction, mapping and storing are the same as for text files.
"""


def is_url(value: str) -> bool:
    """Whether a command-line input is a URL to fetch rather than a path to read."""
    return value.lower().startswith(("http://", "https://"))
