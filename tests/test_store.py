"""graph.store: the three backends (rdflib in memory, Oxigraph on disk, a remote SPARQL server).

The remote backend is tested against a real server, ``oxigraph serve`` from
the ``oxigraph`` package (in the ``dev`` extra), started on a loopback port
in a temporary folder; without its binary those tests skip, saying why.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.cli import SAMPLE_DIR, ingest_paths, main
from graph.exceptions import InputError, QueryError, StoreError
from graph.queries import bind, named_queries
from graph.rdf import article_graph, article_iri, entity_iri, ontology_graph_iri
from graph.records import Article, Entity, Fact
from graph.store import RemoteStore, import_file, open_store
from graph.vocabulary import ALLY

APPLE, IBM = Entity("Apple", "Organization"), Entity("IBM", "Organization")
TEXT = "Apple and IBM announced a partnership. Apple competes with IBM."
ARTICLE = Article(TEXT, title="Apple and IBM", url="https://news.example/apple-ibm", date="2014-07-15")
FACTS = [
    Fact(APPLE, "partnersWith", IBM, evidence=TEXT[:38], start=0, end=38, certainty="confirmed",
         confidence=0.9),
    Fact(APPLE, "rivalOf", IBM, evidence=TEXT[39:], start=39, end=len(TEXT), certainty="reported",
         confidence=0.7),
]
AP, IB = str(entity_iri(APPLE)), str(entity_iri(IBM))

#: Parameters of the named queries that have rows on the bundled sample.
SAMPLE_PARAMS = {
    "partners": {"org": "Microsoft"},
    "rivals": {"org": "Microsoft"},
    "timeline": {"org": "Microsoft"},
    "article": {"article": "Wintel"},
    "evidence": {"subject": "Microsoft", "predicate": "partnersWith", "object": "VMware"},
}


# ---------------------------------------------------------------- an Oxigraph server

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """The URL of a fresh ``oxigraph serve`` on a loopback port; stopped after the module."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the 'oxigraph' server binary is not installed "
                    "(pip install oxigraph, part of the dev extra)")
    folder = tmp_path_factory.mktemp("oxigraph-server")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (folder / "server.log").open("wb")
    proc = subprocess.Popen([binary, "serve", "--location", str(folder / "data"),
                             "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.skip(f"'oxigraph serve' exited with {proc.returncode}: "
                            f"{(folder / 'server.log').read_text(errors='replace')[-500:]}")
            try:
                opener.open(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.skip("'oxigraph serve' did not answer within 30 s")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def remote(oxigraph_server):
    """A RemoteStore on the server, emptied first."""
    store = open_store(f"sparql:{oxigraph_server}")
    store.update("DROP SILENT ALL")
    return store


BACKENDS = ["memory", "oxigraph", "remote", "remote-named", "remote-oxigraph-union"]


@pytest.fixture(params=BACKENDS)
def any_store(request, tmp_path):
    """An empty store of each backend; the remote one in three of its union modes."""
    if request.param == "memory":
        store = open_store("memory:")
    elif request.param == "oxigraph":
        store = open_store(f"oxigraph:{tmp_path / 'store'}")
    else:
        url = request.getfixturevalue("oxigraph_server")
        store = open_store(f"sparql:{url}" + {"remote": "", "remote-named": "#query=query&union=named",
                                              "remote-oxigraph-union": "#union=oxigraph"}[request.param])
        store.update("DROP SILENT ALL")
    with store:
        yield store


# ---------------------------------------------------------------- locations

def test_remote_location_with_oxigraph_endpoints():
    store = open_store("sparql:http://127.0.0.1:7878")
    assert isinstance(store, RemoteStore)
    assert (store.query_url, store.update_url, store.store_url, store.union) == (
        "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update",
        "http://127.0.0.1:7878/store", "mirror")
    assert store.location == "sparql:http://127.0.0.1:7878"


def test_remote_location_with_fuseki_endpoints():
    store = open_store("sparql:http://localhost:3030/ds#query=query&update=update&store=data")
    assert (store.query_url, store.update_url, store.store_url, store.union) == (
        "http://localhost:3030/ds/query", "http://localhost:3030/ds/update",
        "http://localhost:3030/ds/data", "named")
    absolute = open_store("sparql:https://db.example/repositories/kg"
                          "#query=https://db.example/repositories/kg&store=rdf-graphs/service"
                          "&update=statements&union=server")
    assert (absolute.query_url, absolute.update_url, absolute.store_url, absolute.union) == (
        "https://db.example/repositories/kg", "https://db.example/repositories/kg/statements",
        "https://db.example/repositories/kg/rdf-graphs/service", "server")


def test_remote_location_never_shows_the_password():
    store = open_store("sparql:http://ana:s3cret@127.0.0.1:7878/#union=server")
    assert "s3cret" not in store.location and "ana:***@" in store.location
    assert store.query_url == "http://127.0.0.1:7878/query"


@pytest.mark.parametrize("location, message", [
    ("sparql:ftp://host", "needs an http"),
    ("sparql:", "needs an http"),
    ("sparql:http://host#colour=red", "unknown option 'colour'"),
    ("sparql:http://host#nonsense", "not KEY=VALUE"),
    ("sparql:http://host#union=magic", "union mode 'magic' is not one of mirror, oxigraph, named, server"),
    ("redis://x", "use 'oxigraph:PATH', 'memory:', 'sparql:URL' or a folder path"),
])
def test_bad_locations_are_named(location, message):
    with pytest.raises(StoreError, match=message):
        open_store(location)


def test_unreachable_server_is_one_clear_error():
    store = open_store(f"sparql:http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreError, match=r"cannot reach the SPARQL server at http://127\.0\.0\.1:\d+/query"):
        store.query("ASK {}")


# ---------------------------------------------------------------- the interface, on every backend

def test_replace_remove_and_list_graphs(any_store):
    graph = article_graph(ARTICLE, FACTS)
    any_store.replace_graph(graph)
    any_store.replace_graph(graph)  # replaced, not added twice
    name = str(article_iri(ARTICLE))
    assert any_store.graph_names() == [name]
    assert len(any_store) == len(graph)
    assert any_store.remove_graph(name) is True
    assert any_store.remove_graph(name) is False
    assert any_store.graph_names() == [] and len(any_store) == 0


def test_a_triple_stays_while_one_graph_holds_it(any_store):
    other = Article("IBM and Apple renew their deal.")
    any_store.replace_graph(article_graph(ARTICLE, FACTS))
    any_store.replace_graph(article_graph(other, [Fact(IBM, "partnersWith", APPLE, evidence="x", end=1)]))
    ask = "ASK { ent:apple ally:partnersWith ent:ibm }"
    assert any_store.remove_graph(str(article_iri(ARTICLE)))
    assert any_store.query(ask).boolean is True  # the other article still says so
    assert any_store.query("ASK { ent:apple ally:rivalOf ent:ibm }").boolean is False
    any_store.replace_graph(article_graph(other, []))  # the other article, now without the fact
    assert any_store.query(ask).boolean is False
    assert any_store.query("ASK { ent:apple ?p ?o }").boolean is False
    assert len(any_store) == len(article_graph(other, []))



def test_replace_graphs_new_stored_and_twice_named(any_store):
    other = Article("IBM and Apple renew their deal.")
    deal = [Fact(IBM, "partnersWith", APPLE, evidence="x", end=1)]
    any_store.replace_graph(article_graph(other, deal))
    # a new graph, one stored already (now without its fact), and the new one again, changed:
    any_store.replace_graphs([article_graph(ARTICLE, FACTS), article_graph(other, []),
                              article_graph(ARTICLE, [])])
    assert any_store.graph_names() == sorted([str(article_iri(ARTICLE)), str(article_iri(other))])
    assert len(any_store) == len(article_graph(ARTICLE, [])) + len(article_graph(other, []))
    assert any_store.query("ASK { ?st ally:evidence ?e }").boolean is False  # the last versions only

def test_oxigraph_store_written_by_other_tools_gets_its_union(tmp_path):
    import pyoxigraph as ox

    raw = ox.Store(str(tmp_path / "store"))
    raw.add(ox.Quad(ox.NamedNode(AP), ox.NamedNode(str(ALLY.partnersWith)), ox.NamedNode(IB),
                    ox.NamedNode("https://example.org/g")))
    del raw
    with open_store(f"oxigraph:{tmp_path / 'store'}") as store:
        assert store.query("SELECT ?o WHERE { ent:apple ally:partnersWith ?o }").rows == [(IB,)]
        assert len(store) == 1 and store.graph_names() == ["https://example.org/g"]


def test_queries_see_the_union_with_prefixes(any_store):
    any_store.replace_graph(article_graph(ARTICLE, FACTS))
    any_store.replace_graph(article_graph(Article("IBM partners with Red Hat."), [
        Fact(IBM, "partnersWith", Entity("Red Hat", "Organization"), evidence="x", end=1)]))
    rows = any_store.query("SELECT ?p WHERE { ent:ibm ally:partnersWith ?p } ORDER BY ?p").rows
    assert rows == [(AP,), (str(entity_iri("Red Hat")),)]
    assert any_store.query("ASK { ent:apple ally:rivalOf ent:ibm }").boolean is True
    confidence = any_store.query("SELECT ?c WHERE { ?st ally:certainty ally:reported ; "
                                 "ally:confidence ?c }").rows
    assert confidence == [(0.7,)]


def test_query_terms_keep_the_rdf_terms(any_store):
    any_store.replace_graph(article_graph(ARTICLE, FACTS))
    result = any_store.query_terms(
        "SELECT ?org ?label ?date ?n WHERE { ?org rdfs:label ?label . ?a dcterms:issued ?date "
        "BIND(2 AS ?n) FILTER(?org = ent:apple) }")
    assert result.rows == [(URIRef(AP), Literal("Apple"), Literal("2014-07-15", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date")), Literal(2))]


def test_max_rows_cuts_and_says_so(any_store):
    any_store.replace_graph(article_graph(ARTICLE, FACTS))
    cut = any_store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", max_rows=3)
    assert len(cut.rows) == 3 and cut.truncated
    whole = any_store.query("SELECT ?s WHERE { ?s a ally:Organization }", max_rows=3)
    assert len(whole.rows) == 2 and not whole.truncated
    graph = any_store.query("CONSTRUCT WHERE { ?s ?p ?o }", max_rows=5)
    assert len(graph.graph) == 5 and graph.truncated


def test_construct(any_store):
    any_store.replace_graph(article_graph(ARTICLE, FACTS))
    result = any_store.query("CONSTRUCT { ?a ally:partnersWith ?b } WHERE { ?a ally:partnersWith ?b }")
    assert result.kind == "CONSTRUCT"
    assert set(result.graph) == {(URIRef(AP), ALLY.partnersWith, URIRef(IB)),
                                 (URIRef(IB), ALLY.partnersWith, URIRef(AP))}


def test_update(any_store):
    any_store.update("INSERT DATA { GRAPH <https://example.org/g> { ent:apple rdfs:comment 'fruit' } } ;")
    assert any_store.graph_names() == ["https://example.org/g"]
    assert any_store.query("SELECT ?c WHERE { ent:apple rdfs:comment ?c }").rows == [("fruit",)]
    any_store.update("DELETE { GRAPH ?g { ent:apple rdfs:comment ?c } } "
                     "WHERE { GRAPH ?g { ent:apple rdfs:comment ?c } } # done;")
    assert any_store.query("ASK { ent:apple rdfs:comment ?c }").boolean is False


def test_malformed_query_is_a_query_error(any_store):
    with pytest.raises(QueryError):
        any_store.query("SELECT WHERE {")


def test_dataset_and_export_keep_the_graphs(any_store):
    any_store.ensure_ontology()
    any_store.replace_graph(article_graph(ARTICLE, FACTS))
    ds = any_store.dataset()
    assert isomorphic(ds.graph(URIRef(article_iri(ARTICLE))), article_graph(ARTICLE, FACTS))
    exported = Dataset()
    exported.parse(data=any_store.export("nquads"), format="nquads")
    names = {str(g.identifier) for g in exported.graphs() if len(g)}
    assert names == {str(article_iri(ARTICLE)), str(ontology_graph_iri())}


def test_graph_names_must_be_iris(any_store):
    with pytest.raises(StoreError, match="not an absolute IRI"):
        any_store.replace_graph(Graph(identifier=URIRef("bad name> <x")))


# ---------------------------------------------------------------- the ontology is published

def test_export_includes_the_ontology_even_when_not_stored():
    store = open_store("memory:")
    store.replace_graph(article_graph(ARTICLE, FACTS))
    ds = Dataset()
    ds.parse(data=store.export("trig"), format="trig")
    onto = ds.graph(ontology_graph_iri())
    assert (ALLY.partnersWith, None, None) in onto
    assert "partnersWith" in store.export("turtle")


# ---------------------------------------------------------------- import

@pytest.mark.parametrize("fmt", ["trig", "nquads", "json-ld"])
def test_export_then_import_round_trips_with_named_graphs(tmp_path, fmt):
    source = open_store("memory:")
    source.ensure_ontology()
    source.replace_graph(article_graph(ARTICLE, FACTS))
    path = tmp_path / f"graph{ {'trig': '.trig', 'nquads': '.nq', 'json-ld': '.jsonld'}[fmt] }"
    path.write_text(source.export(fmt), encoding="utf-8")
    with open_store(f"oxigraph:{tmp_path / 'store'}") as target:
        counts = import_file(target, path)
        assert set(counts) == set(source.graph_names())
        assert target.graph_names() == source.graph_names()
        assert len(target) == len(source)
        import_file(target, path)  # again: replaced, not doubled
        assert len(target) == len(source)
        for name in named_queries():
            query = named_queries()[name]
            assert target.query(query.text) == source.query(query.text), name


def test_import_triples_into_a_graph(tmp_path):
    path = tmp_path / "extra.ttl"
    path.write_text("@prefix ex: <https://example.org/> . ex:a ex:b ex:c , ex:d .", encoding="utf-8")
    store = open_store("memory:")
    assert import_file(store, path) == {"https://w3id.org/alliances/import/extra.ttl": 2}
    assert import_file(store, path, graph="https://example.org/mine") == {"https://example.org/mine": 2}
    assert store.graph_names() == ["https://example.org/mine",
                                   "https://w3id.org/alliances/import/extra.ttl"]


def test_import_trig_default_graph_goes_to_the_target(tmp_path):
    path = tmp_path / "mixed.trig"
    path.write_text("@prefix ex: <https://example.org/> . ex:a ex:b ex:c . "
                    "ex:g { ex:a ex:b ex:d . }", encoding="utf-8")
    store = open_store("memory:")
    assert import_file(store, path, graph="https://example.org/default") == {
        "https://example.org/default": 1, "https://example.org/g": 1}


@pytest.mark.parametrize("name, content, fmt, message", [
    ("x.txt", "", None, "cannot tell the format of .* from its suffix '.txt'"),
    ("x.ttl", "this is not turtle", None, "cannot read .* as turtle"),
    ("x.ttl", "", "rdfa", "import format 'rdfa' is not one of turtle, ntriples, trig, nquads, json-ld"),
    ("missing.ttl", None, None, "cannot read"),
])
def test_import_errors_name_the_file(tmp_path, name, content, fmt, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_file(open_store("memory:"), path, fmt=fmt)


def test_import_command(tmp_path, capsys):
    good = tmp_path / "extra.nt"
    good.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n",
                    encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text("not turtle", encoding="utf-8")
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(good), "--graph", "https://example.org/g"]) == 0
    assert "imported 1 triples in 1 graph from" in capsys.readouterr().out
    assert main(["--store", str(store), "import", str(good), str(bad)]) == 3
    out, err = capsys.readouterr()
    assert "bad.ttl" in err and "imported 1 triples" in out
    with open_store(store) as s:  # the ontology is published with whatever is imported
        assert str(ontology_graph_iri()) in s.graph_names()
        assert "https://example.org/g" in s.graph_names()


# ---------------------------------------------------------------- the three backends agree

@pytest.mark.slow
def test_three_backends_agree_on_the_sample(tmp_path, oxigraph_server, extractor):
    """Ingest the bundled sample into each backend; every named query gives the same answer."""
    stores = {
        "memory": open_store("memory:"),
        "oxigraph": open_store(f"oxigraph:{tmp_path / 'store'}"),
        "remote": open_store(f"sparql:{oxigraph_server}"),
    }
    stores["remote"].update("DROP SILENT ALL")
    try:
        for store in stores.values():
            ingest_paths(store, [SAMPLE_DIR])
        # The portable union (every graph named in the request) on the same server.
        stores["remote-named"] = open_store(f"sparql:{oxigraph_server}#query=query&union=named")
        expected = stores["memory"]
        for name, store in stores.items():
            assert store.graph_names() == expected.graph_names(), name
            assert len(store) == len(expected), name
        answers = {}
        for name, query in named_queries().items():
            params = SAMPLE_PARAMS.get(name)
            text = bind(query, params) if params is not None else query.text
            answers[name] = {backend: store.query(text) for backend, store in stores.items()}
        for name, by_backend in answers.items():
            for backend, result in by_backend.items():
                assert result == by_backend["memory"], f"{name} on {backend}"
        for name in ("partners", "rivals", "timeline", "article", "evidence", "entities", "frenemies"):
            assert answers[name]["memory"].rows, f"{name} has no rows on the sample"
        dataset = {backend: store.dataset() for backend, store in stores.items()}
        for graph in expected.graph_names():
            reference = dataset["memory"].graph(URIRef(graph))
            for backend, ds in dataset.items():
                assert isomorphic(ds.graph(URIRef(graph)), reference), f"{graph} on {backend}"
    finally:
        for store in stores.values():
            store.close()


def test_remote_store_reports_server_errors(remote):
    with pytest.raises(QueryError, match="the SPARQL server rejected the query"):
        remote.query("SELEC ?x")
    with pytest.raises(QueryError, match="the SPARQL server rejected the update"):
        remote.update("INSERT NOTHING")


def test_remote_store_serves_the_cli(oxigraph_server, remote, capsys, tmp_path):
    path = tmp_path / "extra.ttl"
    path.write_text("<https://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> 'A' .",
                    encoding="utf-8")
    location = f"sparql:{oxigraph_server}"
    assert main(["--store", location, "import", str(path)]) == 0
    assert main(["--store", location, "query", "--format", "csv",
                 "SELECT ?l WHERE { <https://example.org/a> rdfs:label ?l }"]) == 0
    assert capsys.readouterr().out.endswith("l\r\nA\r\n")
    assert main(["--store", location, "export", "-f", "nquads"]) == 0
    assert "<https://example.org/a>" in capsys.readouterr().out
