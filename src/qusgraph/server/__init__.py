"""`qusgraph serve`: a SPARQL 1.1 endpoint, a query page and linked-data pages.

    negotiation.py  media types as tables; Accept parsing
    safety.py       depth and size bounds; SERVICE/LOAD/foreign dataset IRIs refused on the parse tree
    workers.py      query worker processes reading store snapshots; time and memory limits that stop the work
    connections.py  deadlines for reading requests and a connection cap (slow clients)
    describe.py     SPARQL 1.1 Service Description and VoID, generated from the store
    pages.py        HTML: the query page and one page per minted IRI
    app.py          the Starlette application: routes, protocol, writes behind a token
    static/         the query page's script and style (no CDN: everything ships in the package)
"""
