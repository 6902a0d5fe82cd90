"""A SPARQL 1.1 Protocol endpoint over the store, with the graph's pages beside it.

Built on the standard library's :class:`http.server.ThreadingHTTPServer`, so
it needs nothing beyond the package. ``alliances serve`` runs it; in Python::

    with make_server(store, port=8000) as server:
        server.serve_forever()

or ``server = make_server(store, port=0).start()`` … ``server.stop()`` to run
it in a background thread (tests, notebooks).

Paths, relative to the server's root:

``/sparql``
    The SPARQL 1.1 Protocol endpoint: ``GET ?query=…``, ``POST`` of a form
    (``query=…`` or ``update=…``) or of a bare ``application/sparql-query``
    or ``application/sparql-update`` body. SELECT and ASK answer as SPARQL
    JSON, XML, CSV or TSV (CSV and TSV for SELECT only), CONSTRUCT and
    DESCRIBE as Turtle, JSON-LD, N-Triples or RDF/XML, chosen from the
    ``Accept`` header or forced with ``format=`` (``json``, ``xml``, ``csv``,
    ``tsv``, ``turtle``, ``json-ld``, ``ntriples``, ``rdfxml``, ``html`` or a
    media type); browsers get an HTML table. Without a query it returns a
    query form (HTML) or the SPARQL 1.1 service description (Turtle).
``/``
    The interactive graph page of the whole store (:func:`graph.render.render_html`
    of :func:`graph.network.project`), rendered on each request.
``/queries``, ``/queries/NAME.rq``, ``/queries/NAME?PARAM=…``
    The named queries: their list, their text, and their results (with the
    same content negotiation as ``/sparql``).
``/ontology``
    The ontology, as stored with the graph.
``/PATH`` (anything else)
    Describes the resource ``<BASE>PATH``, where BASE is the data namespace
    (``ALLIANCES_BASE``, by default ``https://w3id.org/alliances/``): so
    ``/entity/microsoft`` describes ``<https://w3id.org/alliances/entity/microsoft>``,
    with its properties and every fact that mentions it or comes from it,
    each with its evidence. HTML for browsers, Turtle or JSON-LD by
    ``Accept``. With ``ALLIANCES_BASE`` set to the server's own URL
    (e.g. ``http://127.0.0.1:8000/``) before ingesting, the IRIs in the
    graph dereference as they are; behind a public namespace (w3id.org), a
    redirect from ``<BASE>PATH`` to ``http://server/PATH`` does the same.

Behaviour:

* Read-only unless made with ``allow_updates=True``: an update gets 403.
  Accepted updates run one at a time, with no query running, and without
  the query timeout.
* Each query runs in a worker thread and the request waits at most
  ``timeout`` seconds (a client may ask for less with ``timeout=``), then
  gets 503. Python cannot stop a running thread, so a query that timed out
  runs on to its end in the background; at most ``workers`` queries run at
  once, and a request that finds no free worker within its timeout also
  gets 503, so runaway queries cannot pile up without bound, but they do
  hold their worker (and the CPU) until they finish.
* At most ``max_rows`` rows (or triples) are returned; a cut result carries
  the header ``X-Result-Truncated: <max_rows>`` (and a note in HTML). The
  embedded stores stop reading at the cap; for a remote store the server
  still sends everything.
* Status codes: 200, 204 (update done), 400 (malformed request or query),
  403 (update on a read-only endpoint), 404, 405, 406 (no acceptable
  format), 411, 413 (request body over the limit), 415, 500, 503 (timeout,
  or every worker busy). Errors are one line of ``text/plain``.
* Bound to ``127.0.0.1`` unless another host is given; no CORS headers
  unless ``cors=True``.
"""

from __future__ import annotations

import html
import json
import socket
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape as xml_escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from . import __version__
from .exceptions import AlliancesError, QueryError
from .rdf import ontology_graph, ontology_graph_iri
from .store import QueryResult, Store, default_prefixes
from .vocabulary import ALLY, ONTOLOGY_IRI, RELATIONS, data_namespace

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_WORKERS",
    "SparqlServer",
    "make_server",
    "negotiate",
    "serialize_result",
    "describe",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKERS = 4
#: The largest request body accepted for a query; updates may be bigger.
MAX_QUERY_BODY = 1 << 20
MAX_UPDATE_BODY = 64 << 20

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
JSONLD = "application/ld+json"
NTRIPLES = "application/n-triples"
RDFXML = "application/rdf+xml"
HTML = "text/html"

#: Media types offered for each kind of result, in the server's order of preference.
#: ``application/json`` is accepted as a synonym of SPARQL JSON results.
OFFERS = {
    "SELECT": (JSON, XML, CSV, TSV, HTML, "application/json"),
    "ASK": (JSON, XML, HTML, "application/json"),
    "CONSTRUCT": (TURTLE, JSONLD, NTRIPLES, RDFXML, HTML),
}
GRAPH_OFFERS = OFFERS["CONSTRUCT"]
_FORMAT_NAMES = {
    "json": (JSON, JSONLD), "xml": (XML, RDFXML), "csv": (CSV,), "tsv": (TSV,),
    "turtle": (TURTLE,), "ttl": (TURTLE,), "json-ld": (JSONLD,), "jsonld": (JSONLD,),
    "ntriples": (NTRIPLES,), "nt": (NTRIPLES,), "n-triples": (NTRIPLES,),
    "rdfxml": (RDFXML,), "rdf+xml": (RDFXML,), "html": (HTML,),
}
_RDFLIB_FORMATS = {TURTLE: "turtle", JSONLD: "json-ld", NTRIPLES: "nt", RDFXML: "xml"}
_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS_NS = "http://www.w3.org/ns/formats/"
_PAGE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
             "base-uri 'none'; frame-ancestors 'none'")


# ---------------------------------------------------------------- content negotiation

def _parse_accept(header: str | None) -> list[tuple[str, float]]:
    ranges = []
    for part in (header or "").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def negotiate(accept: str | None, offers: Iterable[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers, or None when it accepts none.

    The most specific matching range sets an offer's quality; ties go to
    the first offer. No header (or an empty one) accepts the first offer.

    >>> negotiate("text/csv, application/sparql-results+json;q=0.5", OFFERS["SELECT"])
    'text/csv'
    >>> negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    ...           OFFERS["SELECT"])
    'text/html'
    >>> negotiate("*/*", OFFERS["CONSTRUCT"]), negotiate("image/png", OFFERS["ASK"])
    ('text/turtle', None)
    """
    offers = list(offers)
    ranges = _parse_accept(accept)
    if not ranges:
        return offers[0] if offers else None
    best, best_q = None, 0.0
    for offer in offers:
        kind = offer.split("/")[0] + "/*"
        q = None
        for specificity in (offer, kind, "*/*"):
            matches = [quality for media, quality in ranges if media == specificity]
            if matches:
                q = max(matches)
                break
        if q is not None and q > best_q:
            best, best_q = offer, q
    return best


# ---------------------------------------------------------------- result serializers

def _json_value(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype is not None:
        value["datatype"] = str(term.datatype)
    return value


def _xml_value(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{xml_escape(str(term))}</literal>"


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = f'"{str(term).translate(_TSV_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype is not None:
        return f"{text}^^<{term.datatype}>"
    return text


def _csv_field(term) -> str:
    if term is None:
        return ""
    text = f"_:{term}" if isinstance(term, BNode) else str(term)
    if any(c in text for c in ',"\r\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def serialize_result(result: QueryResult, media_type: str) -> bytes:
    """*result* (rows of rdflib terms, from :meth:`Store.query_terms`) in *media_type*.

    >>> r = QueryResult("SELECT", ("x",), [(Literal("a,b"),), (None,)])
    >>> serialize_result(r, CSV)
    b'x\\r\\n"a,b"\\r\\n\\r\\n'
    >>> serialize_result(QueryResult("ASK", boolean=True), JSON)
    b'{"head": {}, "boolean": true}'
    """
    if result.kind == "ASK":
        if media_type in (JSON, "application/json"):
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}).encode()
        if media_type == XML:
            return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                    f"  <head/>\n  <boolean>{'true' if result.boolean else 'false'}</boolean>\n"
                    "</sparql>\n").encode()
    elif result.kind == "SELECT":
        if media_type in (JSON, "application/json"):
            bindings = [{v: _json_value(t) for v, t in zip(result.vars, row) if t is not None}
                        for row in result.rows]
            return json.dumps({"head": {"vars": list(result.vars)},
                               "results": {"bindings": bindings}}, ensure_ascii=False).encode()
        if media_type == XML:
            lines = ['<?xml version="1.0"?>',
                     '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
            lines += [f"    <variable name={quoteattr(v)}/>" for v in result.vars]
            lines += ["  </head>", "  <results>"]
            for row in result.rows:
                lines.append("    <result>")
                lines += [f"      <binding name={quoteattr(v)}>{_xml_value(t)}</binding>"
                          for v, t in zip(result.vars, row) if t is not None]
                lines.append("    </result>")
            lines += ["  </results>", "</sparql>", ""]
            return "\n".join(lines).encode()
        if media_type == CSV:
            lines = [",".join(_csv_field(Literal(v)) for v in result.vars)]
            lines += [",".join(_csv_field(t) for t in row) for row in result.rows]
            return ("\r\n".join(lines) + "\r\n").encode()
        if media_type == TSV:
            lines = ["\t".join(f"?{v}" for v in result.vars)]
            lines += ["\t".join(_tsv_value(t) for t in row) for row in result.rows]
            return ("\n".join(lines) + "\n").encode()
    elif media_type in _RDFLIB_FORMATS:
        graph = result.graph
        for prefix, namespace in default_prefixes().items():
            graph.bind(prefix, namespace)
        return graph.serialize(format=_RDFLIB_FORMATS[media_type], encoding="utf-8")
    raise QueryError(f"a {result.kind} result cannot be written as {media_type!r}; "
                     f"use one of {', '.join(OFFERS[result.kind])}")


# ---------------------------------------------------------------- describing a resource

_DESCRIBE = """
CONSTRUCT { <%(iri)s> ?p ?o . ?s ?q <%(iri)s> . ?st ?sp ?so . }
WHERE {
  { <%(iri)s> ?p ?o . }
  UNION { ?s ?q <%(iri)s> . FILTER(?q NOT IN (rdf:subject, rdf:object, prov:wasDerivedFrom)) }
  UNION { ?st rdf:subject <%(iri)s> ; ?sp ?so . }
  UNION { ?st rdf:object <%(iri)s> ; ?sp ?so . }
  UNION { ?st prov:wasDerivedFrom <%(iri)s> ; ?sp ?so . }
}
"""
# One branch per linked resource keeps every pattern bound, which rdflib needs to be quick.
_NAMES = """
CONSTRUCT { ?x ?xp ?xo . }
WHERE {
  { %s }
  FILTER(?xp IN (rdfs:label, rdf:type, dcterms:title, schema:url, dcterms:issued))
}
"""
_NAMES_BATCH = 200


def _is_iri(text: str) -> bool:
    return ":" in text and not any(c in text for c in '<>"{}|^`\\ \n\r\t')


def describe(store: Store, iri: str, *, max_rows: int | None = None,
             base: str | None = None) -> QueryResult:
    """A description of the resource *iri*: its own triples, the triples pointing at it, every
    statement (fact) that mentions it or comes from it with all its details, and the labels,
    types, titles, URLs and dates of the entities and articles these link to (the resources
    under the data namespace *base*). A CONSTRUCT result; its graph is empty when the store
    knows nothing of *iri*.

    >>> from graph.records import Article, Entity, Fact
    >>> from graph.rdf import article_graph
    >>> from graph.store import open_store
    >>> store = open_store("memory:")
    >>> art = Article("Apple and IBM formed a partnership.", title="AIM")
    >>> fact = Fact(Entity("Apple", "Organization"), "partnersWith",
    ...             Entity("IBM", "Organization"), evidence=art.text, end=35)
    >>> store.replace_graph(article_graph(art, [fact]))
    >>> g = describe(store, "https://w3id.org/alliances/entity/ibm").graph
    >>> sorted(str(o) for o in g.objects(None, ALLY.evidence))
    ['Apple and IBM formed a partnership.']
    >>> sorted(str(o) for o in g.objects(None, DCTERMS.title))
    ['AIM']
    """
    if not _is_iri(iri):
        raise QueryError(f"{iri!r} is not an IRI")
    result = store.query_terms(_DESCRIBE % {"iri": iri}, max_rows=max_rows)
    graph = result.graph
    described = set(graph.subjects(RDF.type, None))
    namespace = str(data_namespace(base))
    linked = sorted({str(t) for triple in graph for t in triple
                     if isinstance(t, URIRef) and t not in described and t.startswith(namespace)
                     and _is_iri(str(t))} - {iri})
    for start in range(0, len(linked), _NAMES_BATCH):
        branches = " UNION ".join(f"{{ <{x}> ?xp ?xo . BIND(<{x}> AS ?x) }}"
                                  for x in linked[start:start + _NAMES_BATCH])
        for triple in store.query_terms(_NAMES % branches).graph:
            graph.add(triple)
    return result


# ---------------------------------------------------------------- HTML

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; color: #222 }
nav a { margin-right: 1rem } h1 { font-size: 1.5rem } code, pre, textarea { font: 13px ui-monospace, monospace }
table { border-collapse: collapse; margin: .5rem 0 1.5rem } th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left; vertical-align: top }
th { background: #f4f4f4 } textarea { width: 100%; height: 14rem } .note { color: #a40 } .muted { color: #777 }
pre { background: #f7f7f7; padding: .8rem; overflow-x: auto }
"""


def _page(title: str, body: str) -> bytes:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        "<nav><a href=\"/\">Graph</a><a href=\"/sparql\">SPARQL</a>"
        "<a href=\"/queries\">Named queries</a><a href=\"/ontology\">Ontology</a></nav>"
        f"<h1>{html.escape(title)}</h1>{body}</body></html>\n"
    ).encode()


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """An HTML table; *header* is text, *rows* hold HTML already escaped."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# ---------------------------------------------------------------- the server

class _ReadWriteLock:
    """Many readers or one writer: queries run together, an update runs alone."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def reading(self):
        with self._cond:
            while self._writing:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self):
        with self._cond:
            while self._writing or self._readers:
                self._cond.wait()
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class _HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


class SparqlServer(ThreadingHTTPServer):
    """The endpoint and pages over one store (see the module documentation)."""

    daemon_threads = True

    def __init__(self, store: Store, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 allow_updates: bool = False, timeout: float = DEFAULT_TIMEOUT,
                 max_rows: int = DEFAULT_MAX_ROWS, workers: int = DEFAULT_WORKERS,
                 cors: bool = False, base: str | None = None,
                 log: Callable[[str], None] | None = None) -> None:
        for name, value in (("timeout", timeout), ("max_rows", max_rows), ("workers", workers)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise AlliancesError(f"{name}={value!r} is not a positive number")
        self.store = store
        self.allow_updates = allow_updates
        self.timeout = float(timeout)
        self.max_rows = int(max_rows)
        self.workers = int(workers)
        self.cors = cors
        self.base = str(data_namespace(base))
        self.log = log
        self.lock = _ReadWriteLock()
        self._slots = threading.BoundedSemaphore(self.workers)
        self._thread: threading.Thread | None = None
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise AlliancesError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc

    @property
    def url(self) -> str:
        """The server's root URL, e.g. ``http://127.0.0.1:8000/``."""
        host, port = self.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def start(self) -> "SparqlServer":
        """Serve from a background thread; return the server."""
        self._thread = threading.Thread(target=self.serve_forever, name="sparql-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (if started with :meth:`start`) and close the socket."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join()
            self._thread = None
        self.server_close()

    def __exit__(self, *exc) -> None:
        self.stop()

    def run(self, work: Callable[[], object], *, timeout: float) -> object:
        """Run *work* in a worker thread, reading the store; wait at most *timeout* seconds."""
        deadline = time.monotonic() + timeout
        if not self._slots.acquire(timeout=timeout):
            raise _HTTPError(503, f"busy: {self.workers} queries are running; try again later",
                             {"Retry-After": "5"})
        box: dict[str, object] = {}
        done = threading.Event()

        def target() -> None:
            try:
                with self.lock.reading():
                    box["value"] = work()
            except BaseException as exc:  # handed to the request's thread
                # Without the frames' locals: some (Oxigraph's result iterators) may only be
                # dropped on the thread that made them.
                cause: BaseException | None = exc
                while cause is not None:
                    traceback.clear_frames(cause.__traceback__)
                    cause = cause.__cause__ or cause.__context__
                box["error"] = exc
            finally:
                self._slots.release()
                done.set()

        threading.Thread(target=target, name="sparql-query", daemon=True).start()
        if not done.wait(max(0.0, deadline - time.monotonic())):
            raise _HTTPError(503, f"the query timed out after {timeout:g} s; it will run on to "
                                  "its end on the server, but its answer is dropped",
                             {"Retry-After": "5"})
        if "error" in box:
            raise box["error"]
        return box["value"]

    def local_path(self, iri: str) -> str | None:
        """The path on this server that describes *iri*, when it has one."""
        if iri.startswith(ONTOLOGY_IRI):
            return "/ontology" + iri[len(ONTOLOGY_IRI):]
        if iri.startswith(self.base) and len(iri) > len(self.base):
            return "/" + urllib.parse.quote(iri[len(self.base):], safe="/:@-._~!$&'()*+,;=")
        return None


def make_server(store: Store, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                allow_updates: bool = False, timeout: float = DEFAULT_TIMEOUT,
                max_rows: int = DEFAULT_MAX_ROWS, workers: int = DEFAULT_WORKERS,
                cors: bool = False, base: str | None = None,
                log: Callable[[str], None] | None = None) -> SparqlServer:
    """A :class:`SparqlServer` over *store*, listening on *host*:*port* (0: any free port).

    >>> from graph.store import open_store
    >>> import urllib.request
    >>> server = make_server(open_store("memory:"), port=0).start()
    >>> query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    >>> urllib.request.urlopen(f"{server.url}sparql?{query}").read()
    b'{"head": {}, "boolean": false}'
    >>> server.stop()
    """
    return SparqlServer(store, host=host, port=port, allow_updates=allow_updates, timeout=timeout,
                        max_rows=max_rows, workers=workers, cors=cors, base=base, log=log)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = f"alliances/{__version__}"

    # -- plumbing

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if self.server.log is not None:
            self.server.log(f"[{self.log_date_time_string()}] {self.address_string()} {format % args}")

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_OPTIONS(self) -> None:
        headers = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if self.server.cors:
            headers.update({"Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                            "Access-Control-Allow-Headers": "Accept, Content-Type",
                            "Access-Control-Max-Age": "86400"})
        self._send(204, b"", None, headers)

    def _refuse_method(self) -> None:
        self._send_error(_HTTPError(405, f"method {self.command} is not allowed here",
                                    {"Allow": "GET, HEAD, POST, OPTIONS"}))

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def _send(self, status: int, body: bytes, content_type: str | None,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            text = content_type.startswith("text/")
            self.send_header("Content-Type", content_type + ("; charset=utf-8" if text else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Expose-Headers", "X-Result-Truncated")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _send_error(self, error: _HTTPError) -> None:
        self.close_connection = True  # the request body may be unread
        self._send(error.status, (error.message + "\n").encode(), "text/plain", error.headers)

    def _dispatch(self, method: str) -> None:
        try:
            url = urllib.parse.urlsplit(self.path)
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            path = urllib.parse.unquote(url.path)
            if path == "/sparql":
                self._sparql(method, params)
            elif method == "POST":
                raise _HTTPError(405, f"POST is only for /sparql, not {path}", {"Allow": "GET, HEAD"})
            elif path == "/":
                self._graph_page()
            elif path == "/queries" or path.startswith("/queries/"):
                self._named(path, params)
            elif path == "/ontology":
                self._ontology(params)
            else:
                self._resource(path, params)
        except _HTTPError as error:
            self._send_error(error)
        except QueryError as exc:
            self._send_error(_HTTPError(400, str(exc)))
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as exc:  # noqa: BLE001 — one bad request must not stop the server
            if self.server.log is not None:
                self.server.log("".join(traceback.format_exception(exc)).rstrip())
            self._send_error(_HTTPError(500, f"internal error: {exc}"))

    def _one(self, params: dict[str, list[str]], key: str) -> str | None:
        values = params.get(key, [])
        if len(values) > 1:
            raise _HTTPError(400, f"give the parameter {key!r} once, not {len(values)} times")
        return values[0] if values else None

    def _body(self, limit: int) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            raise _HTTPError(411, "a POST needs a Content-Length header")
        try:
            size = int(length)
        except ValueError:
            raise _HTTPError(400, f"Content-Length {length!r} is not a number") from None
        if size > limit:
            raise _HTTPError(413, f"the request body has {size} bytes, over the limit of {limit}")
        return self.rfile.read(size)

    def _choose(self, params: dict[str, list[str]], offers: tuple[str, ...]) -> str:
        fmt = self._one(params, "format")
        if fmt:
            wanted = _FORMAT_NAMES.get(fmt.lower(), (fmt.lower(),))
            chosen = next((m for m in wanted if m in offers), None)
            if chosen is None:
                known = ", ".join(sorted(_FORMAT_NAMES))
                raise _HTTPError(406, f"format={fmt!r} cannot be given for this answer; it can be "
                                      f"{', '.join(offers)} (or by name: {known})")
            return chosen
        chosen = negotiate(self.headers.get("Accept"), offers)
        if chosen is None:
            raise _HTTPError(406, f"none of the types in Accept: {self.headers.get('Accept')!r} "
                                  f"can be given for this answer; it can be {', '.join(offers)}")
        return chosen

    def _timeout(self, params: dict[str, list[str]]) -> float:
        asked = self._one(params, "timeout")
        if not asked:
            return self.server.timeout
        try:
            value = float(asked)
        except ValueError:
            value = -1.0
        if not 0 < value:
            raise _HTTPError(400, f"timeout={asked!r} is not a positive number of seconds")
        return min(value, self.server.timeout)

    # -- /sparql

    def _sparql(self, method: str, params: dict[str, list[str]]) -> None:
        if method == "POST":
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if content_type == "application/x-www-form-urlencoded":
                limit = MAX_UPDATE_BODY if self.server.allow_updates else MAX_QUERY_BODY
                body = self._decode(self._body(limit))
                for key, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            elif content_type == "application/sparql-query":
                params.setdefault("query", []).append(self._decode(self._body(MAX_QUERY_BODY)))
            elif content_type == "application/sparql-update":
                if not self.server.allow_updates:
                    raise self._read_only()
                params.setdefault("update", []).append(self._decode(self._body(MAX_UPDATE_BODY)))
            else:
                raise _HTTPError(415, f"cannot read a POST body of type {content_type or 'none'!r}; "
                                      "send application/x-www-form-urlencoded, "
                                      "application/sparql-query or application/sparql-update")
        query, update = self._one(params, "query"), self._one(params, "update")
        if query is not None and update is not None:
            raise _HTTPError(400, "give either a query or an update, not both")
        for key in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
            if key in params:
                raise _HTTPError(400, f"the parameter {key!r} is not supported: the default graph "
                                      "is the union of all graphs; use GRAPH in the query instead")
        if update is not None:
            if not self.server.allow_updates:
                raise self._read_only()
            if method != "POST":
                raise _HTTPError(405, "send updates with POST", {"Allow": "POST"})
            with self.server.lock.writing():
                self.server.store.update(update)
            self._send(204, b"", None)
            return
        if query is None:
            self._service_description()
            return
        if not query.strip():
            raise _HTTPError(400, "the query is empty")
        max_rows = self.server.max_rows
        result = self.server.run(lambda: self.server.store.query_terms(query, max_rows=max_rows),
                                 timeout=self._timeout(params))
        self._answer(result, params, query=query)

    @staticmethod
    def _decode(body: bytes) -> str:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise _HTTPError(400, "the request body is not UTF-8") from None

    @staticmethod
    def _read_only() -> _HTTPError:
        return _HTTPError(403, "this endpoint is read-only: SPARQL Update is refused "
                               "(start it with --allow-updates to accept updates)")

    def _answer(self, result: QueryResult, params: dict[str, list[str]], *, query: str = "",
                title: str = "Query results") -> None:
        kind = result.kind if result.kind in OFFERS else "CONSTRUCT"
        media_type = self._choose(params, OFFERS[kind])
        headers = {}
        if result.truncated:
            headers["X-Result-Truncated"] = str(self.server.max_rows)
        if media_type == HTML:
            body = self._results_page(result, query=query, title=title)
            headers["Content-Security-Policy"] = _PAGE_CSP
        else:
            body = serialize_result(result, media_type)
        self._send(200, body, media_type, headers)

    def _service_description(self) -> None:
        if negotiate(self.headers.get("Accept"), (TURTLE, JSONLD, HTML)) == HTML:
            self._send(200, self._form_page(), HTML, {"Content-Security-Policy": _PAGE_CSP})
            return
        media_type = negotiate(self.headers.get("Accept"), (TURTLE, JSONLD, NTRIPLES, RDFXML))
        if media_type is None:
            raise _HTTPError(406, "the service description is Turtle, JSON-LD, N-Triples or RDF/XML")
        host = self.headers.get("Host") or self.server.url.split("/")[2]
        sd = Graph()
        sd.bind("sd", _SD)
        service, endpoint = BNode(), URIRef(f"http://{host}/sparql")
        SD = lambda name: URIRef(_SD + name)  # noqa: E731
        sd.add((service, RDF.type, SD("Service")))
        sd.add((service, SD("endpoint"), endpoint))
        sd.add((service, SD("supportedLanguage"), SD("SPARQL11Query")))
        if self.server.allow_updates:
            sd.add((service, SD("supportedLanguage"), SD("SPARQL11Update")))
        sd.add((service, SD("feature"), SD("UnionDefaultGraph")))
        for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                     "SPARQL_Results_TSV", "Turtle", "JSON-LD", "N-Triples", "RDF_XML"):
            sd.add((service, SD("resultFormat"), URIRef(_FORMATS_NS + name)))
        self._send(200, sd.serialize(format=_RDFLIB_FORMATS[media_type], encoding="utf-8"), media_type)

    # -- pages

    def _graph_page(self) -> None:
        from .analysis import central_organizations
        from .network import project
        from .render import render_html

        def work() -> bytes:
            G = project(self.server.store)
            sizes = {row["id"]: row["pagerank"] for row in central_organizations(G, k=None)}
            return render_html(G, title="Alliance graph", sizes=sizes).encode()

        # The page carries its own Content-Security-Policy, which allows its scripts.
        self._send(200, self.server.run(work, timeout=self.server.timeout), HTML)

    def _named(self, path: str, params: dict[str, list[str]]) -> None:
        from .queries import bind, get_query, named_queries

        name = path[len("/queries/"):] if path.startswith("/queries/") else ""
        if not name:
            queries = list(named_queries().values())
            media_type = self._choose(params, (HTML, "application/json"))
            if media_type == HTML:
                self._send(200, self._queries_page(queries), HTML,
                           {"Content-Security-Policy": _PAGE_CSP})
            else:
                listing = [{"name": q.name, "description": q.description, "params": list(q.params),
                            "text": f"/queries/{q.name}.rq"} for q in queries]
                self._send(200, json.dumps(listing, ensure_ascii=False, indent=1).encode(),
                           "application/json")
            return
        try:
            query = get_query(name.removesuffix(".rq"))
        except QueryError as exc:
            raise _HTTPError(404, str(exc)) from None
        if name.endswith(".rq"):
            self._send(200, query.text.encode(), "application/sparql-query")
            return
        values = {}
        for key, given in params.items():
            if key not in ("format", "timeout"):
                values[key] = self._one(params, key)
        sparql = bind(query, values)
        max_rows = self.server.max_rows
        result = self.server.run(lambda: self.server.store.query_terms(sparql, max_rows=max_rows),
                                 timeout=self._timeout(params))
        self._answer(result, params, query=sparql, title=f"{query.name}: {query.description}")

    def _ontology(self, params: dict[str, list[str]]) -> None:
        onto = str(ontology_graph_iri())

        def work() -> QueryResult:
            return self.server.store.query_terms(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{onto}> {{ ?s ?p ?o }} }}")

        result = self.server.run(work, timeout=self.server.timeout)
        if not len(result.graph):  # a store written by other tools: publish the package's own
            result = QueryResult("CONSTRUCT", graph=ontology_graph())
        media_type = self._choose(params, GRAPH_OFFERS)
        if media_type == HTML:
            body = _page("The alliances ontology", f"<p><code>{html.escape(ONTOLOGY_IRI)}</code></p>"
                         f"<pre>{html.escape(serialize_result(result, TURTLE).decode())}</pre>")
            self._send(200, body, HTML, {"Content-Security-Policy": _PAGE_CSP})
        else:
            self._send(200, serialize_result(result, media_type), media_type)

    def _resource(self, path: str, params: dict[str, list[str]]) -> None:
        iri = self.server.base + path[1:]
        if path == "/favicon.ico" or not _is_iri(iri):
            raise _HTTPError(404, f"nothing at {path}")
        max_rows = self.server.max_rows
        result = self.server.run(lambda: describe(self.server.store, iri, max_rows=max_rows,
                                                  base=self.server.base),
                                 timeout=self.server.timeout)
        if not len(result.graph):
            raise _HTTPError(404, f"the graph holds nothing about <{iri}>")
        media_type = self._choose(params, GRAPH_OFFERS)
        headers = {"Link": f'<{iri}>; rel="canonical"'}
        if result.truncated:
            headers["X-Result-Truncated"] = str(self.server.max_rows)
        if media_type == HTML:
            headers["Content-Security-Policy"] = _PAGE_CSP
            self._send(200, self._resource_page(iri, path, result), HTML, headers)
        else:
            self._send(200, serialize_result(result, media_type), media_type, headers)

    # -- HTML rendering

    def _link(self, term) -> str:
        """One RDF term as HTML: IRIs linked (here when this server describes them)."""
        if term is None:
            return ""
        text = html.escape(str(term))
        if isinstance(term, URIRef):
            local = self.server.local_path(str(term))
            if local:
                return f'<a href="{html.escape(local)}">{html.escape(self._short(str(term)))}</a>'
            shown = html.escape(self._short(str(term)))
            if str(term).startswith(("http://", "https://")):
                return f'<a href="{text}" rel="noopener noreferrer">{shown}</a>'
            return f"<code>{shown}</code>"
        if isinstance(term, BNode):
            return f"<code>_:{text}</code>"
        return text

    @staticmethod
    def _short(iri: str) -> str:
        for prefix, namespace in sorted(default_prefixes().items(), key=lambda i: -len(i[1])):
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    def _form_page(self, query: str = "") -> bytes:
        from .queries import named_queries

        example = query or ("SELECT ?partner ?label WHERE {\n  ent:microsoft ally:partnersWith ?partner .\n"
                            "  ?partner rdfs:label ?label .\n}\nORDER BY ?label")
        prefixes = ", ".join(f"{p}:" for p in default_prefixes())
        options = "".join(f'<option value="{n}">{n}</option>' for n in ("html", "json", "xml", "csv", "tsv",
                                                                         "turtle", "json-ld"))
        updates = "accepts SPARQL Update" if self.server.allow_updates else "is read-only"
        body = (
            f"<p>SPARQL 1.1 Protocol endpoint at <code>{html.escape(self.server.url)}sparql</code>; "
            f"the default graph is the union of all graphs; the prefixes {html.escape(prefixes)} are "
            f"predeclared; queries time out after {self.server.timeout:g} s and return at most "
            f"{self.server.max_rows} rows; it {updates}.</p>"
            '<form method="get" action="/sparql">'
            f'<textarea name="query" spellcheck="false">{html.escape(example)}</textarea>'
            f'<p>Results as <select name="format">{options}</select> '
            '<button type="submit">Run</button></p></form>'
            f"<p>Or start from one of the <a href=\"/queries\">{len(named_queries())} named queries</a>.</p>"
        )
        return _page("SPARQL", body)

    def _results_page(self, result: QueryResult, *, query: str, title: str) -> bytes:
        note = (f'<p class="note">Only the first {self.server.max_rows} rows are shown; '
                "add a LIMIT or narrow the query.</p>" if result.truncated else "")
        if result.kind == "ASK":
            content = f"<p><strong>{'true' if result.boolean else 'false'}</strong></p>"
        elif result.kind == "SELECT":
            count = len(result.rows)
            content = (f"<p class=\"muted\">{count} row{'' if count == 1 else 's'}</p>"
                       + _table(result.vars, ([self._link(t) for t in row] for row in result.rows)))
        else:
            content = f"<pre>{html.escape(serialize_result(result, TURTLE).decode())}</pre>"
        form = (f'<details><summary>Query</summary><form method="get" action="/sparql">'
                f'<textarea name="query" spellcheck="false">{html.escape(query)}</textarea>'
                '<input type="hidden" name="format" value="html">'
                '<p><button type="submit">Run again</button></p></form></details>')
        return _page(title, note + content + form)

    def _queries_page(self, queries) -> bytes:
        items = []
        for q in queries:
            inputs = "".join(
                f'<label>{html.escape(p)} <input name="{html.escape(p)}" required></label> '
                for p in q.params)
            items.append(
                f"<h2>{html.escape(q.name)}</h2><p>{html.escape(q.description)}</p>"
                f'<form method="get" action="/queries/{html.escape(q.name)}">{inputs}'
                '<select name="format"><option>html</option><option>json</option>'
                '<option>csv</option><option>tsv</option><option>xml</option></select> '
                f'<button type="submit">Run</button> <a href="/queries/{html.escape(q.name)}.rq">'
                "SPARQL text</a></form>")
        return _page("Named queries", "".join(items))

    def _resource_page(self, iri: str, path: str, result: QueryResult) -> bytes:
        g = result.graph
        node = URIRef(iri)

        def label(term) -> str:
            names = {str(v) for v in g.objects(term, RDFS.label)}
            names |= {str(v) for v in g.objects(term, DCTERMS.title)}
            return min(names, key=lambda s: (-len(s), s)) if names else self._short(str(term))

        def named_link(term) -> str:
            local = self.server.local_path(str(term)) if isinstance(term, URIRef) else None
            if local:
                return f'<a href="{html.escape(local)}">{html.escape(label(term))}</a>'
            return self._link(term)

        def value(subject, predicate):
            return next(iter(g.objects(subject, predicate)), None)

        types = ", ".join(self._link(t) for t in sorted(g.objects(node, RDF.type)))
        relations = {ALLY[name] for name in RELATIONS} | {ALLY.leads}
        props = sorted((p, o) for p, o in g.predicate_objects(node)
                       if p not in relations and p != RDF.type)
        parts = [f"<p><code>{html.escape(iri)}</code>" + (f" · {types}" if types else "") + "</p>"]
        if result.truncated:
            parts.append(f'<p class="note">The description was cut at {self.server.max_rows} triples.</p>')
        if props:
            parts.append("<h2>Properties</h2>" + _table(
                ("property", "value"), ([self._link(p), named_link(o)] for p, o in props)))
        facts = []
        for st in set(g.subjects(RDF.subject, None)):
            predicate, article = value(st, RDF.predicate), value(st, PROV.wasDerivedFrom)
            date = value(article, DCTERMS.issued) if article is not None else None
            start = value(st, ALLY.startOffset)
            start = start.toPython() if isinstance(start, Literal) else None
            relation = RELATIONS.get(str(predicate).rsplit("#", 1)[-1])
            verb = relation.label if relation else self._short(str(predicate))
            certainty, confidence = value(st, ALLY.certainty), value(st, ALLY.confidence)
            order = (str(date) if date else "~", str(article),
                     start if isinstance(start, int) else 0, str(st))
            facts.append((order, [
                f"{named_link(value(st, RDF.subject))} <em>{html.escape(verb)}</em> "
                f"{named_link(value(st, RDF.object))}",
                html.escape(str(certainty).rsplit("#", 1)[-1]) if certainty is not None else "",
                html.escape(str(confidence)) if confidence is not None else "",
                html.escape(str(value(st, ALLY.evidence) or "")),
                (named_link(article) if article is not None else "")
                + (f' <span class="muted">{html.escape(str(date))}</span>' if date else ""),
            ]))
        if facts:
            facts.sort(key=lambda fact: fact[0])
            parts.append(f"<h2>Facts ({len(facts)})</h2>" + _table(
                ("fact", "certainty", "confidence", "evidence", "article"), (f[1] for f in facts)))
        here = html.escape(urllib.parse.quote(path))
        parts.append(f'<p class="muted">As data: <a href="{here}?format=turtle">Turtle</a>, '
                     f'<a href="{here}?format=json-ld">JSON-LD</a> (or ask with '
                     "<code>Accept: text/turtle</code> or <code>application/ld+json</code>).</p>")
        return _page(label(node), "".join(parts))
