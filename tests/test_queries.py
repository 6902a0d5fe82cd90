"""The named query library (``graph/queries/*.rq``) and :mod:`graph.queries`.

Every query runs on both back ends (rdflib in memory and Oxigraph on disk)
against the same hand-made facts, and must return exactly the same rows.
"""

from __future__ import annotations

import csv
import io
import json
from importlib.resources import files

import pytest

from graph.exceptions import QueryError
from graph.queries import (
    NamedQuery,
    bind,
    format_result,
    get_query,
    named_queries,
    run_named,
    sparql_string,
)
from graph.rdf import article_graph, article_iri, entity_iri
from graph.records import Article, Entity, Fact
from graph.store import QueryResult, open_store
from graph.vocabulary import ALLY

MICROSOFT = Entity("Microsoft", "Organization", aliases=("Microsoft Corp.", "MSFT"))
VMWARE = Entity("VMware", "Organization")
RAY = Entity("Ray Blanchard", "Person")
LOGICWORKS = Entity("Logicworks", "Organization")
ZIEGLER = Entity("Kenneth Ziegler", "Person")
APPLE = Entity("Apple", "Organization")
IBM = Entity("IBM", "Organization")

S_PARTNER = "Microsoft and VMware are said to be preparing a partnership."
S_RIVAL = "Microsoft competes with VMware in virtualization."
S_MOVE = "Ray Blanchard, formerly of VMware, now works at Microsoft."
S_LEAD = "Logicworks is led by CEO Kenneth Ziegler."
S_APPLE = "Apple and IBM announced a partnership to sell iPads to businesses."

TEXT1 = " ".join((S_PARTNER, S_RIVAL, S_MOVE, S_LEAD))
TITLE1 = "Microsoft and VMware: partners and rivals"
URL1 = "https://news.example/ms-vmware"
ARTICLE1 = Article(TEXT1, title=TITLE1, url=URL1, date="2024-03-01")
TITLE2 = "Apple and IBM team up"
ARTICLE2 = Article(S_APPLE, title=TITLE2, url="https://news.example/apple-ibm", date="2014-07-15")

NASTY = "O'Reilly \\\" x"  # O'Reilly \" x


def _fact(text, subject, predicate, obj, sentence, **options) -> Fact:
    start = text.index(sentence)
    return Fact(subject, predicate, obj, evidence=sentence, start=start,
                end=start + len(sentence), **options)


FACTS1 = [
    _fact(TEXT1, MICROSOFT, "partnersWith", VMWARE, S_PARTNER, certainty="reported", confidence=0.6),
    _fact(TEXT1, MICROSOFT, "rivalOf", VMWARE, S_RIVAL, certainty="confirmed", confidence=0.9),
    _fact(TEXT1, RAY, "formerlyAt", VMWARE, S_MOVE, confidence=0.8),
    _fact(TEXT1, RAY, "worksAt", MICROSOFT, S_MOVE, confidence=0.85),
    _fact(TEXT1, LOGICWORKS, "ledBy", ZIEGLER, S_LEAD, confidence=0.95),
]
FACTS2 = [_fact(S_APPLE, APPLE, "partnersWith", IBM, S_APPLE, certainty="confirmed", confidence=0.95)]

MS, VM, RB = str(entity_iri(MICROSOFT)), str(entity_iri(VMWARE)), str(entity_iri(RAY))
LW, KZ = str(entity_iri(LOGICWORKS)), str(entity_iri(ZIEGLER))
AP, IB = str(entity_iri(APPLE)), str(entity_iri(IBM))
ART1, ART2 = str(article_iri(ARTICLE1)), str(article_iri(ARTICLE2))
REPORTED, CONFIRMED = str(ALLY.reported), str(ALLY.confirmed)


def _open(backend: str, tmp_path, name: str = "store"):
    return open_store("memory:" if backend == "memory" else f"oxigraph:{tmp_path / name}")


@pytest.fixture(params=["memory", "oxigraph"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def store(backend, tmp_path):
    with _open(backend, tmp_path) as s:
        s.replace_graph(article_graph(ARTICLE1, FACTS1))
        s.replace_graph(article_graph(ARTICLE2, FACTS2))
        yield s


# ------------------------------------------------------------ the library

def test_library_names_and_parameters():
    assert {name: q.params for name, q in named_queries().items()} == {
        "article": ("article",),
        "bloc": ("org",),
        "entities": (),
        "evidence": ("subject", "predicate", "object"),
        "frenemies": (),
        "leaders": (),
        "moves": (),
        "partners": ("org",),
        "reported": (),
        "rivals": ("org",),
        "timeline": ("org",),
    }


def test_queries_are_shipped_as_package_data_with_full_headers():
    folder = files("graph") / "queries"
    shipped = sorted(e.name for e in folder.iterdir() if e.name.endswith(".rq"))
    assert shipped == sorted(f"{name}.rq" for name in named_queries())
    for query in named_queries().values():
        assert isinstance(query, NamedQuery)
        lines = query.text.splitlines()
        assert lines[0] == f"# name: {query.name}"
        assert lines[1].startswith("# description: ") and query.description
        for param in query.params:
            assert any(line.startswith(f"# param: {param} — ") for line in lines)
        # Self-contained: runs in any SPARQL client without predeclared prefixes.
        assert "PREFIX ally: <https://w3id.org/alliances/ontology#>" in query.text
        assert "SELECT" in query.text and "ORDER BY" in query.text


def test_query_files_run_as_they_are(store):
    # Each file holds an example value for its parameters, so it runs unbound too.
    for query in named_queries().values():
        assert store.query(query.text).kind == "SELECT"


# ------------------------------------------------------------ each query, exact rows

def test_partners(store):
    result = run_named(store, "partners", org="microsoft")
    assert result.vars == ("partner", "label", "certainty", "confidence", "articles", "evidence")
    assert result.rows == [(VM, "VMware", REPORTED, 0.6, 1, S_PARTNER)]
    assert run_named(store, "partners", org="vmware").rows == [
        (MS, "Microsoft", REPORTED, 0.6, 1, S_PARTNER)]
    assert run_named(store, "partners", org="IBM").rows == [
        (AP, "Apple", CONFIRMED, 0.95, 1, S_APPLE)]


def test_partners_matches_alternative_labels(store):
    expected = run_named(store, "partners", org="Microsoft").rows
    assert run_named(store, "partners", org="msft").rows == expected
    assert run_named(store, "partners", org="MICROSOFT CORP.").rows == expected


def test_rivals(store):
    result = run_named(store, "rivals", org="MSFT")
    assert result.vars == ("rival", "label", "certainty", "confidence", "articles", "evidence")
    assert result.rows == [(VM, "VMware", CONFIRMED, 0.9, 1, S_RIVAL)]
    assert run_named(store, "rivals", org="VMware").rows == [
        (MS, "Microsoft", CONFIRMED, 0.9, 1, S_RIVAL)]
    assert run_named(store, "rivals", org="Apple").rows == []


def test_leaders(store):
    result = run_named(store, "leaders")
    assert result.vars == ("org", "orgLabel", "person", "personLabel", "certainty",
                           "articles", "evidence")
    assert result.rows == [(LW, "Logicworks", KZ, "Kenneth Ziegler", CONFIRMED, 1, S_LEAD)]


def test_bloc(store):
    from graph.analysis import central_organizations
    from graph.network import project
    from graph.writeback import write_analysis

    assert run_named(store, "bloc", org="Microsoft").rows == []  # no analysis written yet
    G = project(store)
    write_analysis(store, G)
    result = run_named(store, "bloc", org="msft")
    assert result.vars == ("bloc", "blocLabel", "member", "label", "pageRank", "degree", "betweenness")
    scores = {row["id"]: row for row in central_organizations(G, k=None)}
    bloc = "https://w3id.org/alliances/analysis/latest/bloc/2"  # after "Apple / IBM", by name
    expected = [(bloc, "Microsoft / VMware", org, label, float(f"{scores[org]['pagerank']:.10f}"), 2, 0.0)
                for org, label in ((MS, "Microsoft"), (VM, "VMware"))]
    expected.sort(key=lambda row: -row[4])
    assert result.rows == expected
    assert [row[3] for row in run_named(store, "bloc", org="IBM").rows] == ["Apple", "IBM"]
    assert run_named(store, "bloc", org="Ray Blanchard").rows == []  # people are in no bloc


def test_moves(store):
    result = run_named(store, "moves")
    assert result.vars == ("person", "personLabel", "from", "fromLabel", "to", "toLabel", "evidence")
    assert result.rows == [(RB, "Ray Blanchard", VM, "VMware", MS, "Microsoft", S_MOVE)]


def test_frenemies_each_pair_once(store):
    result = run_named(store, "frenemies")
    assert result.vars == ("org1", "label1", "org2", "label2", "partnerEvidence", "rivalEvidence")
    assert result.rows == [(MS, "Microsoft", VM, "VMware", S_PARTNER, S_RIVAL)]


def test_reported(store):
    result = run_named(store, "reported")
    assert result.vars == ("subject", "subjectLabel", "predicate", "object", "objectLabel",
                           "evidence", "article", "title")
    assert result.rows == [(MS, "Microsoft", str(ALLY.partnersWith), VM, "VMware",
                            S_PARTNER, ART1, TITLE1)]


def test_evidence(store):
    result = run_named(store, "evidence", subject="Microsoft", predicate="partnersWith",
                       object="VMware")
    assert result.vars == ("evidence", "article", "title", "url", "date", "certainty", "confidence")
    expected = [(S_PARTNER, ART1, TITLE1, URL1, "2024-03-01", REPORTED, 0.6)]
    assert result.rows == expected
    # A symmetric fact is found in either direction, the predicate by any case or IRI.
    assert run_named(store, "evidence", subject="vmware", predicate="PARTNERSWITH",
                     object="msft").rows == expected
    assert run_named(store, "evidence", subject="VMware", predicate=str(ALLY.partnersWith),
                     object="Microsoft").rows == expected


def test_evidence_keeps_direction_of_asymmetric_relations(store):
    forward = run_named(store, "evidence", subject="Ray Blanchard", predicate="worksAt",
                        object="Microsoft")
    assert forward.rows == [(S_MOVE, ART1, TITLE1, URL1, "2024-03-01", CONFIRMED, 0.85)]
    assert run_named(store, "evidence", subject="Microsoft", predicate="worksAt",
                     object="Ray Blanchard").rows == []


ARTICLE1_ROWS = [
    (ART1, 0, MS, "Microsoft", str(ALLY.partnersWith), VM, "VMware", REPORTED, 0.6, S_PARTNER),
    (ART1, 61, MS, "Microsoft", str(ALLY.rivalOf), VM, "VMware", CONFIRMED, 0.9, S_RIVAL),
    (ART1, 111, RB, "Ray Blanchard", str(ALLY.formerlyAt), VM, "VMware", CONFIRMED, 0.8, S_MOVE),
    (ART1, 111, RB, "Ray Blanchard", str(ALLY.worksAt), MS, "Microsoft", CONFIRMED, 0.85, S_MOVE),
    (ART1, 170, LW, "Logicworks", str(ALLY.ledBy), KZ, "Kenneth Ziegler", CONFIRMED, 0.95, S_LEAD),
]


@pytest.mark.parametrize("key", ["title", "iri", "id"])
def test_article(store, key):
    value = {"title": TITLE1.upper(), "iri": ART1, "id": ARTICLE1.id}[key]
    result = run_named(store, "article", article=value)
    assert result.vars == ("article", "start", "subject", "subjectLabel", "predicate", "object",
                           "objectLabel", "certainty", "confidence", "evidence")
    assert result.rows == ARTICLE1_ROWS


def test_article_unknown(store):
    assert run_named(store, "article", article="No such article").rows == []


def test_entities(store):
    result = run_named(store, "entities")
    assert result.vars == ("entity", "label", "type", "facts")
    org, person = str(ALLY.Organization), str(ALLY.Person)
    assert result.rows == [
        (MS, "Microsoft", org, 3),
        (VM, "VMware", org, 3),
        (RB, "Ray Blanchard", person, 2),
        (AP, "Apple", org, 1),
        (IB, "IBM", org, 1),
        (KZ, "Kenneth Ziegler", person, 1),
        (LW, "Logicworks", org, 1),
    ]


def test_timeline(store):
    result = run_named(store, "timeline", org="Microsoft")
    assert result.vars == ("date", "article", "title", "start", "subject", "subjectLabel",
                           "predicate", "object", "objectLabel", "certainty", "evidence")
    assert result.rows == [
        ("2024-03-01", ART1, TITLE1, 0, MS, "Microsoft", str(ALLY.partnersWith), VM, "VMware",
         REPORTED, S_PARTNER),
        ("2024-03-01", ART1, TITLE1, 61, MS, "Microsoft", str(ALLY.rivalOf), VM, "VMware",
         CONFIRMED, S_RIVAL),
        ("2024-03-01", ART1, TITLE1, 111, RB, "Ray Blanchard", str(ALLY.worksAt), MS, "Microsoft",
         CONFIRMED, S_MOVE),
    ]


def test_every_query_has_an_exact_test():
    tested = {name[len("test_"):].split("_")[0] for name in globals() if name.startswith("test_")}
    assert set(named_queries()) <= tested


def test_both_backends_agree_on_every_query(tmp_path):
    from graph.network import project
    from graph.writeback import write_analysis

    params = {"partners": {"org": "Microsoft"}, "rivals": {"org": "VMware"}, "bloc": {"org": "IBM"},
              "timeline": {"org": "Microsoft"}, "article": {"article": TITLE2},
              "evidence": {"subject": "IBM", "predicate": "partnersWith", "object": "Apple"}}
    results = {}
    for backend in ("memory", "oxigraph"):
        with _open(backend, tmp_path) as s:
            s.replace_graph(article_graph(ARTICLE1, FACTS1))
            s.replace_graph(article_graph(ARTICLE2, FACTS2))
            write_analysis(s, project(s))
            results[backend] = {name: run_named(s, name, **params.get(name, {}))
                                for name in named_queries()}
    assert results["memory"] == results["oxigraph"]
    assert all(result.rows for result in results["memory"].values())


# ------------------------------------------------------------ across articles

def test_confirmation_in_another_article_in_reverse_direction(backend, tmp_path):
    text = "VMware confirmed its partnership with Microsoft."
    confirming = Article(text, title="Confirmed", date="2023-05-02")
    undated_text = "Microsoft competes with Apple."
    undated = Article(undated_text, title="Undated")
    with _open(backend, tmp_path) as s:
        s.replace_graph(article_graph(ARTICLE1, FACTS1))
        s.replace_graph(article_graph(confirming, [
            _fact(text, VMWARE, "partnersWith", MICROSOFT, text, confidence=0.7)]))
        s.replace_graph(article_graph(undated, [
            _fact(undated_text, MICROSOFT, "rivalOf", APPLE, undated_text)]))
        assert run_named(s, "reported").rows == []
        assert run_named(s, "partners", org="Microsoft").rows == [
            (VM, "VMware", CONFIRMED, 0.7, 2, S_PARTNER)]
        timeline = run_named(s, "timeline", org="microsoft").rows
        assert [(row[0], row[2]) for row in timeline] == [
            ("2023-05-02", "Confirmed"), ("2024-03-01", TITLE1), ("2024-03-01", TITLE1),
            ("2024-03-01", TITLE1), (None, "Undated")]


def test_partners_order_most_articles_then_highest_confidence(backend, tmp_path):
    texts = ["Microsoft partners with IBM.", "IBM and Microsoft renewed their partnership.",
             "Microsoft partners with Apple.", "Microsoft partners with VMware."]
    with _open(backend, tmp_path) as s:
        for text, partner, confidence in zip(texts, (IBM, IBM, APPLE, VMWARE), (0.5, 0.6, 0.9, 0.7)):
            s.replace_graph(article_graph(Article(text), [
                _fact(text, MICROSOFT, "partnersWith", partner, text, confidence=confidence)]))
        rows = run_named(s, "partners", org="Microsoft").rows
        assert [(row[1], row[3], row[4]) for row in rows] == [
            ("IBM", 0.6, 2), ("Apple", 0.9, 1), ("VMware", 0.7, 1)]
        assert rows[0][5] == texts[1]  # the alphabetically first of the sentences


def test_moves_evidence_falls_back_to_the_former_employer_sentence(backend, tmp_path):
    before, after = "Ray Blanchard left VMware.", "Ray Blanchard joined Microsoft."
    text = f"{before} {after}"
    with _open(backend, tmp_path) as s:
        s.replace_graph(article_graph(Article(text), [
            _fact(text, RAY, "formerlyAt", VMWARE, before),
            _fact(text, RAY, "worksAt", MICROSOFT, after)]))
        assert run_named(s, "moves").rows == [
            (RB, "Ray Blanchard", VM, "VMware", MS, "Microsoft", before)]



def test_moves_evidence_states_both_ends_of_that_move(backend, tmp_path):
    # Two moves from VMware: each row's sentence must name its own new employer
    # (the old query gave Ray's move to Apple the sentence of his move to Microsoft).
    one = "Ray Blanchard, formerly of VMware, now works at Microsoft."
    two = "Ray Blanchard, formerly of VMware, now works at Apple."
    text = f"{one} {two}"
    with _open(backend, tmp_path) as s:
        s.replace_graph(article_graph(Article(text), [
            _fact(text, RAY, "formerlyAt", VMWARE, one), _fact(text, RAY, "worksAt", MICROSOFT, one),
            _fact(text, RAY, "formerlyAt", VMWARE, two), _fact(text, RAY, "worksAt", APPLE, two)]))
        assert run_named(s, "moves").rows == [
            (RB, "Ray Blanchard", VM, "VMware", AP, "Apple", two),
            (RB, "Ray Blanchard", VM, "VMware", MS, "Microsoft", one)]

# ------------------------------------------------------------ binding parameters safely

def test_quote_and_backslash_are_bound_safely(store):
    for name, query in named_queries().items():
        if query.params:
            result = run_named(store, name, **{p: NASTY for p in query.params})
            assert result.kind == "SELECT" and result.rows == [], name


@pytest.mark.parametrize("attack", [
    'x" } UNION { ?org ?p ?o } #',
    'x"} } ?org ?p ?o . { SELECT ?org WHERE { VALUES ?_org { "x',
    "\\u0022 } UNION { ?org ?p ?o } #",
    "x\\\" } UNION { ?org ?p ?o } #",
    "line\nbreak\r\t",
])
def test_no_injection(store, attack):
    assert run_named(store, "partners", org=attack).rows == []
    assert run_named(store, "timeline", org=attack).rows == []


def test_strange_names_are_found(backend, tmp_path):
    text = "They partner."
    strange = Entity(NASTY, "Organization", aliases=("A\\u0022B\tC",))
    with _open(backend, tmp_path) as s:
        s.replace_graph(article_graph(Article(text), [
            Fact(strange, "partnersWith", IBM, evidence=text, end=len(text))]))
        for name in (NASTY, NASTY.upper(), "a\\u0022b\tc"):
            assert [row[1] for row in run_named(s, "partners", org=name).rows] == ["IBM"]


@pytest.mark.parametrize("value", [
    NASTY, "end\\", "\\u0022", "a\\U00000022b", "\\\\u0041", "\\uZZZZ", "'''", "# not a comment",
    "x\ny\r\tz\b\f", "ü € 𝄞", "}", "",
])
def test_sparql_string_round_trips(backend, tmp_path, value):
    with _open(backend, tmp_path) as s:
        assert s.query(f"SELECT ?x WHERE {{ VALUES ?x {{ {sparql_string(value)} }} }}").rows == [
            (value,)]


def test_missing_parameter_is_named():
    with pytest.raises(QueryError, match=r"needs the parameter 'org' \(parameters: org\)"):
        bind(get_query("partners"), {})
    with pytest.raises(QueryError, match=r"'object'.*subject, predicate, object"):
        bind(get_query("evidence"), {"subject": "IBM", "predicate": "partnersWith"})


def test_missing_parameter_of_run_named(store):
    with pytest.raises(QueryError, match="'org'"):
        run_named(store, "timeline")


def test_unknown_parameter_is_named(store):
    with pytest.raises(QueryError, match=r"no parameter 'company' \(parameters: org\)"):
        run_named(store, "partners", company="IBM")
    with pytest.raises(QueryError, match=r"no parameter 'org' \(parameters: none\)"):
        run_named(store, "leaders", org="IBM")


def test_unknown_query_lists_the_names(store):
    with pytest.raises(QueryError, match="unknown query 'allies'.*frenemies.*partners"):
        run_named(store, "allies")


def test_parameter_must_be_a_string():
    with pytest.raises(QueryError, match="is a int, not a str"):
        bind(get_query("partners"), {"org": 42})


def test_bind_replaces_only_the_values_block():
    query = get_query("partners")
    text = bind(query, {"org": NASTY})
    assert text.count('VALUES ?_org { "O\'Reilly \\\\\\" x" }') == 1
    assert text.replace('"O\'Reilly \\\\\\" x"', '"Microsoft"') == query.text


# ------------------------------------------------------------ formatting

SMALL = QueryResult("SELECT", ("org", "label", "n", "score"), [
    ("https://w3id.org/alliances/entity/ibm", 'Big "Blue", Inc.', 12, 0.5),
    ("https://example.org/x y", "two\nlines", None, None),
])


def test_format_table():
    assert format_result(SMALL) == (
        "org                      label              n  score\n"
        "-----------------------  ----------------  --  -----\n"
        'ent:ibm                  Big "Blue", Inc.  12    0.5\n'
        "https://example.org/x y  two lines\n"
        "(2 rows)\n"
    )


def test_format_table_cuts_long_cells():
    result = QueryResult("SELECT", ("evidence",), [("x" * 100,)])
    assert format_result(result, max_width=10).splitlines()[2] == "x" * 9 + "…"
    assert format_result(result, max_width=None).splitlines()[2] == "x" * 100


def test_format_table_empty():
    assert format_result(QueryResult("SELECT", ("a", "bb"), [])) == "a  bb\n-  --\n(0 rows)\n"


def test_format_csv():
    text = format_result(SMALL, "csv")
    assert text.startswith("org,label,n,score\r\n")
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["org", "label", "n", "score"],
        ["https://w3id.org/alliances/entity/ibm", 'Big "Blue", Inc.', "12", "0.5"],
        ["https://example.org/x y", "two\nlines", "", ""],
    ]
    assert '"Big ""Blue"", Inc."' in text


def test_format_json():
    data = json.loads(format_result(SMALL, "json"))
    assert data["head"] == {"vars": ["org", "label", "n", "score"]}
    first, second = data["results"]["bindings"]
    assert first == {
        "org": {"type": "uri", "value": "https://w3id.org/alliances/entity/ibm"},
        "label": {"type": "literal", "value": 'Big "Blue", Inc.'},
        "n": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer",
              "value": "12"},
        "score": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#decimal",
                  "value": "0.5"},
    }
    assert second == {"org": {"type": "literal", "value": "https://example.org/x y"},
                      "label": {"type": "literal", "value": "two\nlines"}}


def test_format_query_result_of_a_store(store):
    result = run_named(store, "partners", org="IBM")
    table = format_result(result)
    assert table.splitlines()[0].split() == list(result.vars)
    assert table.splitlines()[2].startswith("ent:apple  Apple  ally:confirmed")
    data = json.loads(format_result(result, "json"))
    assert data["results"]["bindings"][0]["certainty"] == {"type": "uri", "value": CONFIRMED}


def test_format_ask():
    assert format_result(QueryResult("ASK", boolean=False)) == "false\n"
    assert json.loads(format_result(QueryResult("ASK", boolean=True), "json")) == {
        "head": {}, "boolean": True}


def test_format_construct(store):
    result = store.query("CONSTRUCT { ?a ally:partnersWith ?b } WHERE { ?a ally:partnersWith ?b "
                         "FILTER(?a = ent:apple) }")
    assert result.kind == "CONSTRUCT"
    turtle = format_result(result)
    assert "ent:apple ally:partnersWith ent:ibm" in turtle
    jsonld = json.loads(format_result(result, "json"))
    assert any(node.get("@id") == AP for node in jsonld)
    assert format_result(result, "csv") == (
        f"subject,predicate,object\r\n{AP},{ALLY.partnersWith},{IB}\r\n")


def test_format_unknown():
    with pytest.raises(QueryError, match="'xml' is not one of table, csv, json"):
        format_result(SMALL, "xml")
