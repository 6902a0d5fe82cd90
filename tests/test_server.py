"""graph.server: the SPARQL 1.1 Protocol endpoint, the entity pages and ``alliances serve``.

Result formats are read back with independent parsers (rdflib's and
Oxigraph's), and every named query is run over HTTP and compared with the
same query run on the store directly.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from graph.queries import bind, get_query, named_queries, run_named
from graph.rdf import article_graph, article_iri, entity_iri
from graph.records import Article, Entity, Fact
from graph.server import OFFERS, make_server, negotiate
from graph.store import MemoryStore, open_store
from graph.vocabulary import ALLY

MICROSOFT = Entity("Microsoft", "Organization", aliases=("MSFT",))
VMWARE = Entity("VMware", "Organization")
RAY = Entity("Ray Blanchard", "Person")
LOGICWORKS = Entity("Logicworks", "Organization")
ZIEGLER = Entity("Kenneth Ziegler", "Person")

S_PARTNER = "Microsoft and VMware are said to be preparing a partnership."
S_RIVAL = "Microsoft competes with VMware in virtualization <script>alert(1)</script>."
S_MOVE = "Ray Blanchard, formerly of VMware, now works at Microsoft."
S_LEAD = "Logicworks is led by CEO Kenneth Ziegler."
TEXT = " ".join((S_PARTNER, S_RIVAL, S_MOVE, S_LEAD))
TITLE = "Microsoft and VMware: partners and rivals"
ARTICLE = Article(TEXT, title=TITLE, url="https://news.example/ms-vmware", date="2024-03-01")


def _fact(subject, predicate, obj, sentence, **options) -> Fact:
    start = TEXT.index(sentence)
    return Fact(subject, predicate, obj, evidence=sentence, start=start, end=start + len(sentence),
                **options)


FACTS = [
    _fact(MICROSOFT, "partnersWith", VMWARE, S_PARTNER, certainty="reported", confidence=0.6),
    _fact(MICROSOFT, "rivalOf", VMWARE, S_RIVAL, confidence=0.9),
    _fact(RAY, "formerlyAt", VMWARE, S_MOVE, confidence=0.8),
    _fact(RAY, "worksAt", MICROSOFT, S_MOVE, confidence=0.85),
    _fact(LOGICWORKS, "ledBy", ZIEGLER, S_LEAD, confidence=0.95),
]
MS = str(entity_iri(MICROSOFT))

#: Parameters for the named queries, chosen so that each has rows on FACTS.
PARAMS = {
    "partners": {"org": "Microsoft"},
    "rivals": {"org": "msft"},
    "timeline": {"org": "Microsoft"},
    "article": {"article": TITLE},
    "evidence": {"subject": "VMware", "predicate": "rivalOf", "object": "Microsoft"},
}
SELECT = "SELECT ?s ?label WHERE { ?s a ally:Organization ; rdfs:label ?label } ORDER BY ?label"

# Loopback requests must not go through a proxy from the environment.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _store() -> MemoryStore:
    store = open_store("memory:")
    store.ensure_ontology()
    store.replace_graph(article_graph(ARTICLE, FACTS))
    return store


@pytest.fixture(scope="module")
def store():
    return _store()


@pytest.fixture(scope="module")
def server(store):
    server = make_server(store, port=0).start()
    yield server
    server.stop()


class Response:
    def __init__(self, status: int, headers, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def type(self) -> str:
        return self.headers.get_content_type()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, *, accept: str | None = None, data: bytes | None = None,
          content_type: str | None = None, method: str | None = None) -> Response:
    request = urllib.request.Request(url, data=data, method=method)
    if accept:
        request.add_header("Accept", accept)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with OPENER.open(request, timeout=30) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.headers, exc.read())


def get(server, path: str, accept: str | None = None, **params) -> Response:
    query = f"?{urllib.parse.urlencode(params)}" if params else ""
    return fetch(f"{server.url}{path.lstrip('/')}{query}", accept=accept)


# ---------------------------------------------------------------- the protocol

def test_get_select_as_sparql_json(server, store):
    response = get(server, "sparql", "application/sparql-results+json", query=SELECT)
    assert response.status == 200 and response.type == "application/sparql-results+json"
    data = json.loads(response.body)
    assert data["head"]["vars"] == ["s", "label"]
    assert data["results"]["bindings"][0] == {
        "s": {"type": "uri", "value": str(entity_iri(LOGICWORKS))},
        "label": {"type": "literal", "value": "Logicworks"}}
    assert response.headers["Vary"] == "Accept"


@pytest.mark.parametrize("accept, rdflib_format, oxigraph_format", [
    ("application/sparql-results+json", "json", pyoxigraph.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", "xml", pyoxigraph.QueryResultsFormat.XML),
    ("text/csv", "csv", None),  # Oxigraph does not read CSV results: they are lossy
    ("text/tab-separated-values", "tsv", pyoxigraph.QueryResultsFormat.TSV),
])
def test_every_result_format_reads_back(server, store, accept, rdflib_format, oxigraph_format):
    query = ("SELECT ?s ?label ?confidence ?date ?none WHERE { ?st rdf:subject ?s ; ally:confidence "
             "?confidence ; prov:wasDerivedFrom ?a . ?s rdfs:label ?label . ?a dcterms:issued ?date "
             "OPTIONAL { ?s ally:nothing ?none } } ORDER BY ?confidence")
    response = get(server, "sparql", accept, query=query)
    assert response.status == 200 and response.type == accept
    expected = store.query_terms(query).rows
    parsed = Result.parse(io.BytesIO(response.body), format=rdflib_format)
    rows = [tuple(row) for row in parsed]
    if rdflib_format == "csv":  # CSV keeps the lexical forms only
        assert [tuple(str(t) if t is not None else None for t in row) for row in rows] == [
            tuple(str(t) if t is not None else None for t in row) for row in expected]
    else:
        assert rows == expected
    if oxigraph_format is not None:
        assert _oxigraph_labels(response.body, oxigraph_format) == [str(row[1]) for row in expected]


def _oxigraph_labels(body: bytes, fmt) -> list[str]:
    # Oxigraph's result objects must be dropped on the thread that made them: keep them here.
    solutions = pyoxigraph.parse_query_results(body, format=fmt)
    labels = [str(sol["label"].value) for sol in solutions]
    del solutions
    return labels


def test_csv_and_tsv_escape_awkward_values(server):
    query = """SELECT ?x ?y WHERE { VALUES (?x ?y) { ("a,b" "tab\\there") ("quote \\" \\n" "x"@en) } }"""
    csv_text = get(server, "sparql", "text/csv", query=query).text
    assert csv_text == 'x,y\r\n"a,b",tab\there\r\n"quote "" \n",x\r\n'
    tsv_text = get(server, "sparql", "text/tab-separated-values", query=query).text
    assert tsv_text == '?x\t?y\n"a,b"\t"tab\\there"\n"quote \\" \\n"\t"x"@en\n'


def test_post_form_and_direct_bodies(server):
    form = urllib.parse.urlencode({"query": SELECT}).encode()
    by_form = fetch(f"{server.url}sparql", data=form, content_type="application/x-www-form-urlencoded")
    direct = fetch(f"{server.url}sparql", data=SELECT.encode(),
                   content_type="application/sparql-query; charset=utf-8")
    by_get = get(server, "sparql", query=SELECT)
    assert by_form.status == direct.status == by_get.status == 200
    assert by_form.body == direct.body == by_get.body


def test_ask(server):
    ask = "ASK { ent:microsoft ally:rivalOf ent:vmware }"
    assert json.loads(get(server, "sparql", query=ask).body) == {"head": {}, "boolean": True}
    xml = get(server, "sparql", "application/sparql-results+xml", query=ask)
    assert Result.parse(io.BytesIO(xml.body), format="xml").askAnswer is True
    refused = get(server, "sparql", "text/csv", query=ask)
    assert refused.status == 406 and "application/sparql-results+json" in refused.text


@pytest.mark.parametrize("accept, rdflib_format", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
])
def test_construct_formats(server, store, accept, rdflib_format):
    query = "CONSTRUCT { ?a ally:rivalOf ?b } WHERE { ?a ally:rivalOf ?b }"
    response = get(server, "sparql", accept, query=query)
    assert response.status == 200 and response.type == accept
    graph = Graph().parse(data=response.body, format=rdflib_format)
    assert isomorphic(graph, store.query(query).graph)


def test_describe(server):
    response = get(server, "sparql", "text/turtle", query="DESCRIBE ent:microsoft")
    assert response.status == 200
    graph = Graph().parse(data=response.body, format="turtle")
    assert (URIRef(MS), None, None) in graph


@pytest.mark.parametrize("fmt, media_type", [
    ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"), ("html", "text/html"),
    ("text/csv", "text/csv"),
])
def test_format_parameter_overrides_accept(server, fmt, media_type):
    response = get(server, "sparql", "application/sparql-results+json", query=SELECT, format=fmt)
    assert response.status == 200 and response.type == media_type


def test_format_json_of_a_graph_is_json_ld(server):
    response = get(server, "sparql", query="CONSTRUCT WHERE { ent:microsoft a ?t }", format="json")
    assert response.type == "application/ld+json"


def test_unknown_format_is_406(server):
    response = get(server, "sparql", query=SELECT, format="yaml")
    assert response.status == 406 and "yaml" in response.text


def test_browsers_get_an_html_table(server):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = get(server, "sparql", browser, query=SELECT)
    assert response.type == "text/html"
    assert "<td><a href=\"/entity/microsoft\">ent:microsoft</a></td>" in response.text
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_without_a_query_a_form_or_the_service_description(server):
    form = get(server, "sparql", "text/html")
    assert form.status == 200 and "<textarea name=\"query\"" in form.text
    description = get(server, "sparql", "text/turtle")
    graph = Graph().parse(data=description.body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(f"{server.url}sparql")) in graph
    assert (None, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in graph


def test_malformed_query_is_400(server):
    response = get(server, "sparql", query="SELEC ?x")
    assert response.status == 400 and response.type == "text/plain"
    assert response.text.startswith("SPARQL query failed")


@pytest.mark.parametrize("params, message", [
    ({"query": SELECT, "update": "CLEAR ALL"}, "either a query or an update"),
    ({"query": SELECT, "default-graph-uri": "https://example.org/g"}, "'default-graph-uri' is not supported"),
    ({"query": "  "}, "the query is empty"),
    ({"query": SELECT, "timeout": "soon"}, "timeout='soon' is not a positive number"),
])
def test_bad_requests_are_400_with_a_reason(server, params, message):
    response = fetch(f"{server.url}sparql?{urllib.parse.urlencode(params)}")
    assert response.status == 400 and message in response.text


def test_query_given_twice_is_400(server):
    response = fetch(f"{server.url}sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert response.status == 400 and "once" in response.text


def test_head_answers_headers_only(server):
    connection = http.client.HTTPConnection(server.server_address[0], server.server_address[1])
    connection.request("HEAD", "/sparql?" + urllib.parse.urlencode({"query": SELECT}))
    response = connection.getresponse()
    assert response.status == 200 and response.read() == b""
    assert int(response.headers["Content-Length"]) > 0
    connection.close()


def _raw(server, method: str, path: str, body: bytes | None = None, headers=None) -> tuple[int, str]:
    connection = http.client.HTTPConnection(server.server_address[0], server.server_address[1])
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    result = response.status, response.read().decode()
    connection.close()
    return result


def test_other_methods_and_bodies_are_refused(server):
    assert _raw(server, "PUT", "/sparql", b"x")[0] == 405
    assert _raw(server, "DELETE", "/entity/microsoft")[0] == 405
    status, text = _raw(server, "POST", "/sparql", b"query", {"Content-Type": "text/plain"})
    assert status == 415 and "application/sparql-query" in text
    status, text = _raw(server, "POST", "/sparql", b"", {"Content-Type": "application/sparql-query",
                                                          "Content-Length": str(10 << 20)})
    assert status == 413
    assert _raw(server, "POST", "/entity/microsoft", b"x")[0] == 405


def test_options_without_cors_sends_no_cors_headers(server):
    connection = http.client.HTTPConnection(server.server_address[0], server.server_address[1])
    connection.request("OPTIONS", "/sparql")
    response = connection.getresponse()
    assert response.status == 204 and "Access-Control-Allow-Origin" not in response.headers
    connection.close()


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_endpoint_over_an_oxigraph_store(tmp_path):
    with open_store(f"oxigraph:{tmp_path / 'store'}") as store:
        store.replace_graph(article_graph(ARTICLE, FACTS))
        with make_server(store, port=0).start() as server:
            for _ in range(3):  # results made in worker threads, errors handed across threads
                assert get(server, "sparql", query=SELECT).status == 200
                assert get(server, "sparql", query="SELEC").status == 400
                assert get(server, "entity/microsoft", "text/html").status == 200
                assert get(server, "queries/partners", org="Microsoft").status == 200
        import gc
        gc.collect()


def test_cors_when_asked(store):
    with make_server(store, port=0, cors=True).start() as server:
        response = get(server, "sparql", query=SELECT)
        assert response.headers["Access-Control-Allow-Origin"] == "*"


# ---------------------------------------------------------------- read-only, updates

UPDATE = "INSERT DATA { GRAPH <https://example.org/g> { ent:microsoft rdfs:comment 'hi' } }"


@pytest.mark.parametrize("how", ["form", "direct", "get"])
def test_updates_are_refused_with_403(server, store, how):
    before = len(store)
    if how == "form":
        response = fetch(f"{server.url}sparql", data=urllib.parse.urlencode({"update": UPDATE}).encode(),
                         content_type="application/x-www-form-urlencoded")
    elif how == "direct":
        response = fetch(f"{server.url}sparql", data=UPDATE.encode(),
                         content_type="application/sparql-update")
    else:
        response = get(server, "sparql", update=UPDATE)
    assert response.status == 403
    assert "read-only" in response.text and "--allow-updates" in response.text
    assert len(store) == before


def test_updates_when_allowed():
    store = _store()
    with make_server(store, port=0, allow_updates=True).start() as server:
        response = fetch(f"{server.url}sparql", data=UPDATE.encode(),
                         content_type="application/sparql-update")
        assert response.status == 204
        assert store.query("SELECT ?c WHERE { ent:microsoft rdfs:comment ?c }").rows == [("hi",)]
        assert get(server, "sparql", update=UPDATE).status == 405  # updates must be POSTed
        bad = fetch(f"{server.url}sparql", data=b"INSERT NOTHING", content_type="application/sparql-update")
        assert bad.status == 400


# ---------------------------------------------------------------- timeout, workers, row cap

class SlowStore(MemoryStore):
    """Each query waits until the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def query_terms(self, sparql, *, max_rows=None):
        self.release.wait(30)
        return super().query_terms(sparql, max_rows=max_rows)


def test_timeout_then_busy_then_free_again():
    store = SlowStore()
    with make_server(store, port=0, timeout=0.3, workers=1).start() as server:
        first = get(server, "sparql", query="ASK {}")
        assert first.status == 503 and "timed out after 0.3 s" in first.text
        assert first.headers["Retry-After"]
        second = get(server, "sparql", query="ASK {}")  # the first query still holds the worker
        assert second.status == 503 and "busy" in second.text
        store.release.set()
        third = get(server, "sparql", query="ASK {}")
        assert third.status == 200


def test_client_may_ask_for_a_shorter_timeout():
    store = SlowStore()
    with make_server(store, port=0, timeout=30).start() as server:
        response = get(server, "sparql", query="ASK {}", timeout="0.2")
        assert response.status == 503 and "0.2 s" in response.text
        store.release.set()


def test_concurrent_queries_all_answer(server, store):
    from concurrent.futures import ThreadPoolExecutor

    expected = get(server, "sparql", query=SELECT).body
    queries = [SELECT] * 12 + ["ASK { ?s ?p ?o }"] * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(lambda q: get(server, "sparql", query=q), queries))
    assert [r.status for r in responses] == [200] * len(queries)
    assert all(r.body == expected for r in responses[:12])


def test_row_cap(store):
    with make_server(store, port=0, max_rows=2).start() as server:
        response = get(server, "sparql", query="SELECT * WHERE { ?s ?p ?o }")
        assert len(json.loads(response.body)["results"]["bindings"]) == 2
        assert response.headers["X-Result-Truncated"] == "2"
        small = get(server, "sparql", query="SELECT * WHERE { ent:microsoft a ?t }")
        assert "X-Result-Truncated" not in small.headers
        page = get(server, "sparql", "text/html", query="SELECT * WHERE { ?s ?p ?o }")
        assert "Only the first 2 rows are shown" in page.text


def test_server_options_are_checked(store):
    with pytest.raises(Exception, match="timeout=0 is not a positive number"):
        make_server(store, port=0, timeout=0)


# ---------------------------------------------------------------- named queries over HTTP

def _params(name: str) -> dict[str, str]:
    query = get_query(name)
    return PARAMS.get(name, {}) if set(PARAMS.get(name, {})) == set(query.params) else {}


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_over_http(server, store, name):
    query = get_query(name)
    params = _params(name)
    text = bind(query, params) if params or not query.params else query.text
    expected = store.query(text)
    # Through /sparql, read back by the remote store (a SPARQL client) ...
    client = open_store(f"sparql:{server.url}#query=sparql&union=server")
    assert client.query(text) == expected
    # ... and through /queries/NAME, with the parameters in the URL.
    if params or not query.params:
        response = get(server, f"queries/{name}", "application/sparql-results+json", **params)
        assert response.status == 200
        rows = [tuple(row) for row in Result.parse(io.BytesIO(response.body), format="json")]
        assert rows == store.query_terms(text).rows
    if name in PARAMS or name in ("entities", "frenemies", "leaders", "moves", "reported"):
        assert expected.rows, f"{name} has no rows on the test facts"


def test_named_query_results_as_csv(server, store):
    response = get(server, "queries/partners", org="Microsoft", format="csv")
    assert response.type == "text/csv"
    assert response.text.splitlines()[0] == ",".join(run_named(store, "partners", org="Microsoft").vars)


def test_named_query_errors(server):
    missing = get(server, "queries/partners")
    assert missing.status == 400 and "needs the parameter 'org'" in missing.text
    unknown = get(server, "queries/allies")
    assert unknown.status == 404 and "unknown query 'allies'" in unknown.text


def test_named_query_list_and_text(server):
    listing = json.loads(get(server, "queries", "application/json").body)
    assert [q["name"] for q in listing] == list(named_queries())
    text = get(server, "queries/partners.rq")
    assert text.type == "application/sparql-query" and text.text == get_query("partners").text
    page = get(server, "queries", "text/html")
    assert all(f'action="/queries/{name}"' in page.text for name in named_queries())


# ---------------------------------------------------------------- entities resolve

def test_entity_as_turtle(server):
    response = get(server, "entity/microsoft", "text/turtle")
    assert response.status == 200 and response.type == "text/turtle"
    assert response.headers["Link"] == f"<{MS}>; rel=\"canonical\""
    graph = Graph().parse(data=response.body, format="turtle")
    node = URIRef(MS)
    assert (node, ALLY.rivalOf, URIRef(entity_iri(VMWARE))) in graph
    evidence = {str(o) for o in graph.objects(None, ALLY.evidence)}
    assert evidence == {S_PARTNER, S_RIVAL, S_MOVE}  # every fact that mentions Microsoft
    assert (URIRef(entity_iri(VMWARE)), None, Literal("VMware")) in graph  # with its neighbours' names
    assert (URIRef(article_iri(ARTICLE)), None, Literal(TITLE)) in graph


def test_entity_as_json_ld(server):
    response = get(server, "entity/microsoft", "application/ld+json")
    assert response.type == "application/ld+json"
    graph = Graph().parse(data=response.body, format="json-ld")
    assert (URIRef(MS), None, None) in graph


def test_entity_as_html_escapes_the_text(server):
    response = get(server, "entity/microsoft", "text/html")
    assert response.status == 200
    page = response.text
    assert "<h1>Microsoft</h1>" in page
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="/entity/vmware">VMware</a>' in page
    assert "Facts (3)" in page


def test_article_resolves_with_its_facts(server):
    path = "/" + str(article_iri(ARTICLE)).split("/alliances/", 1)[1]
    response = get(server, path, "text/turtle")
    graph = Graph().parse(data=response.body, format="turtle")
    assert len(set(graph.objects(None, ALLY.evidence))) == 4


def test_unknown_entity_is_404(server):
    response = get(server, "entity/nobody-at-all", "text/html")
    assert response.status == 404 and "nobody-at-all" in response.text


def test_base_namespace_maps_to_the_server_root():
    store = open_store("memory:")
    base = "http://127.0.0.1:9/kg/"
    store.replace_graph(article_graph(ARTICLE, FACTS, base=base))
    with make_server(store, port=0, base=base).start() as server:
        assert get(server, "entity/microsoft", "text/turtle").status == 200
        assert server.local_path(base + "entity/vmware") == "/entity/vmware"


# ---------------------------------------------------------------- pages beside the endpoint

def test_graph_page_at_the_root(server):
    response = get(server, "", "text/html")
    assert response.status == 200 and response.type == "text/html"
    assert "vis-network" in response.text and "VMware" in response.text


def test_ontology_is_served(server):
    response = get(server, "ontology", "text/turtle")
    graph = Graph().parse(data=response.body, format="turtle")
    assert (ALLY.partnersWith, None, None) in graph


def test_ontology_from_the_package_when_the_store_lacks_it():
    store = open_store("memory:")
    with make_server(store, port=0).start() as server:
        graph = Graph().parse(data=get(server, "ontology", "text/turtle").body, format="turtle")
        assert (ALLY.rivalOf, None, None) in graph


# ---------------------------------------------------------------- content negotiation

@pytest.mark.parametrize("accept, expected", [
    (None, "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("application/json", "application/json"),
    ("text/csv;q=0.4, application/sparql-results+xml;q=0.5", "application/sparql-results+xml"),
    ("text/csv;q=0, */*;q=0.1", "application/sparql-results+json"),
    ("application/x-nothing", None),
])
def test_negotiate(accept, expected):
    assert negotiate(accept, OFFERS["SELECT"]) == expected


# ---------------------------------------------------------------- alliances serve

def test_serve_command(tmp_path):
    turtle = tmp_path / "facts.trig"
    turtle.write_text(_store().export("trig"), encoding="utf-8")
    location = f"oxigraph:{tmp_path / 'store'}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-m", "graph.cli", "--store", location]
    subprocess.run(command + ["import", str(turtle)], check=True, env=env, cwd=root,
                   capture_output=True)
    proc = subprocess.Popen(command + ["serve", "--port", "0", "--quiet"], env=env, cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"serving {location} at http://127.0.0.1:"), line
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        query = urllib.parse.urlencode({"query": "SELECT ?p WHERE { ent:microsoft ally:partnersWith ?p }"})
        response = fetch(f"{url}sparql?{query}", accept="application/sparql-results+json")
        assert json.loads(response.body)["results"]["bindings"] == [
            {"p": {"type": "uri", "value": str(entity_iri(VMWARE))}}]
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert out.strip().endswith("stopped")
    with open_store(location) as reopened:  # the store was closed cleanly, its lock released
        assert len(reopened) > 0
