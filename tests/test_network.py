"""Tests of graph.network: the store projected onto networkx (docs/network-format.md)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.exceptions import AlliancesError, QueryError
from graph.network import organizations, project, to_undirected_relation
from graph.rdf import article_graph, entity_iri
from graph.records import Article, Entity, Fact
from graph.store import open_store

MS = Entity("Microsoft Corporation", "Organization")
MS_SHORT = Entity("Microsoft", "Organization")
VM = Entity("VMware", "Organization")
AWS = Entity("Amazon Web Services", "Organization")
SATYA = Entity("Satya Nadella", "Person")
REDMOND = Entity("Redmond", "Place")

ms, vm, aws, satya = (str(entity_iri(e)) for e in (MS, VM, AWS, SATYA))


def _add(store, text, facts, **meta):
    article = Article(text, **meta)
    store.replace_graph(article_graph(article, facts))
    return article


def _fill(store):
    """Three articles: a partnership told twice (once the other way round), a rivalry, a CEO."""
    _add(store, "Microsoft and VMware announced a partnership.", [
        Fact(MS, "partnersWith", VM, certainty="reported", confidence=0.6,
             evidence="Microsoft and VMware announced a partnership.", end=45),
        Fact(MS, "ledBy", SATYA, confidence=0.9, evidence="Satya Nadella leads Microsoft."),
    ], title="Deal", url="https://news.example/deal", date="2020-03-01")
    _add(store, "VMware confirmed its alliance with Microsoft.", [
        Fact(VM, "partnersWith", MS_SHORT, certainty="confirmed", confidence=0.5,
             evidence="VMware confirmed its alliance with Microsoft."),
    ], title="Confirmed", date="2021-06-15")
    _add(store, "Microsoft competes with Amazon Web Services.", [
        Fact(MS_SHORT, "rivalOf", AWS, certainty="reported", confidence=0.4,
             evidence="Microsoft competes with Amazon Web Services."),
        Fact(MS_SHORT, "locatedIn", REDMOND, confidence=0.3, evidence="Microsoft, of Redmond"),
    ])  # no date
    return store


@pytest.fixture
def store():
    return _fill(open_store("memory:"))


def _relations(G):
    return sorted(k for _, _, k in G.edges(keys=True))


def test_nodes_have_fullest_label_and_type(store):
    G = project(store)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.nodes[ms] == {"label": "Microsoft Corporation", "type": "Organization"}
    assert G.nodes[satya]["type"] == "Person"
    assert G.nodes[str(entity_iri(REDMOND))]["type"] == "Place"
    assert organizations(G) == [aws, ms, vm]


def test_same_fact_in_two_articles_is_one_edge_with_noisy_or_confidence(store):
    G = project(store)
    assert G.number_of_edges(ms, vm) == 1 and G.number_of_edges(vm, ms) == 0
    edge = G.edges[ms, vm, "partnersWith"]
    assert edge["relation"] == "partnersWith" and edge["symmetric"] is True
    assert edge["articles"] == 2
    assert edge["confidence"] == pytest.approx(1 - (1 - 0.6) * (1 - 0.5))
    assert edge["confidence"] > max(e["confidence"] for e in edge["evidence"])
    assert edge["certainty"] == "confirmed"  # one confirming article is enough
    assert (edge["first_seen"], edge["last_seen"]) == ("2020-03-01", "2021-06-15")
    first, second = edge["evidence"]
    assert first == {
        "text": "Microsoft and VMware announced a partnership.",
        "article": str(article_graph(Article("Microsoft and VMware announced a partnership.",
                                             url="https://news.example/deal"), []).identifier),
        "title": "Deal", "url": "https://news.example/deal", "date": "2020-03-01",
        "certainty": "reported", "confidence": 0.6,
    }
    assert second["title"] == "Confirmed" and second["url"] is None


def test_symmetric_relation_stored_once_from_smaller_iri(store):
    G = project(store)
    for u, v, key, symmetric in G.edges(keys=True, data="symmetric"):
        if symmetric:
            assert u < v, (u, v, key)
    assert G.has_edge(aws, ms, "rivalOf") and not G.has_edge(ms, aws, "rivalOf")
    # a directed relation keeps its direction
    assert G.has_edge(ms, satya, "ledBy") and not G.has_edge(satya, ms, "ledBy")


def test_undated_article_has_no_dates(store):
    edge = project(store).edges[aws, ms, "rivalOf"]
    assert edge["first_seen"] is None and edge["last_seen"] is None
    assert edge["evidence"][0]["date"] is None and edge["articles"] == 1


def test_filter_by_relation(store):
    G = project(store, relations=["partnersWith"])
    assert _relations(G) == ["partnersWith"]
    assert set(G) == {ms, vm}  # nodes are the ends of kept edges
    assert _relations(project(store, relations="rivalOf")) == ["rivalOf"]
    assert project(store, relations=[]).number_of_edges() == 0


def test_filter_by_certainty(store):
    assert _relations(project(store, certainty="confirmed")) == ["ledBy", "locatedIn", "partnersWith"]
    assert _relations(project(store, certainty="reported")) == ["rivalOf"]


def test_filter_by_min_confidence_uses_combined_confidence(store):
    # 0.6 and 0.5 alone are below 0.75; together they make 0.8
    assert _relations(project(store, min_confidence=0.75)) == ["ledBy", "partnersWith"]
    assert _relations(project(store, min_confidence=0.35)) == ["ledBy", "partnersWith", "rivalOf"]
    assert _relations(project(store, min_confidence=1.0)) == []


def test_filter_by_date_drops_undated_articles(store):
    G = project(store, since="2021")
    assert _relations(G) == ["partnersWith"]
    edge = G.edges[ms, vm, "partnersWith"]
    # only the 2021 statement is left: its values alone make the edge
    assert edge["articles"] == 1 and edge["confidence"] == pytest.approx(0.5)
    assert edge["first_seen"] == "2021-06-15"

    G = project(store, until="2020-03-01")
    assert _relations(G) == ["ledBy", "partnersWith"]
    assert G.edges[ms, vm, "partnersWith"]["certainty"] == "reported"

    assert _relations(project(store, since="2020-03", until="2020-03")) == ["ledBy", "partnersWith"]
    assert _relations(project(store, since="2022-01-01")) == []


@pytest.mark.parametrize("options, bad", [
    ({"relations": ["partnersWith", "partnerWith"]}, "'partnerWith'"),
    ({"relations": ["friendOf"]}, "'friendOf'"),
    ({"certainty": "rumoured"}, "'rumoured'"),
    ({"min_confidence": 1.5}, "1.5"),
    ({"since": "March 2020"}, "'March 2020'"),
])
def test_bad_option_raises_query_error_naming_it(store, options, bad):
    with pytest.raises(QueryError) as info:
        project(store, **options)
    assert bad in str(info.value)
    assert isinstance(info.value, AlliancesError)


def test_unknown_relation_message_lists_the_allowed_ones(store):
    with pytest.raises(QueryError, match=r"unknown relation 'partnerWith'.*'partnersWith'.*'rivalOf'"):
        project(store, relations=["partnerWith"])


def test_empty_store_gives_empty_graph():
    G = project(open_store("memory:"))
    assert G.number_of_nodes() == 0 and G.number_of_edges() == 0


def test_oxigraph_backend_gives_the_same_graph(store, tmp_path):
    pytest.importorskip("pyoxigraph")
    other = _fill(open_store(f"oxigraph:{tmp_path / 'store'}"))
    try:
        a, b = project(store), project(other)
        assert list(a.nodes(data=True)) == list(b.nodes(data=True))
        assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    finally:
        other.close()


def test_to_undirected_relation(store):
    G = project(store)
    P = to_undirected_relation(G, "partnersWith")
    assert isinstance(P, nx.Graph) and not P.is_directed() and not P.is_multigraph()
    assert set(P) == {ms, vm}
    assert P.edges[ms, vm]["weight"] == pytest.approx(0.8)
    assert P.nodes[ms]["label"] == "Microsoft Corporation"
    assert set(to_undirected_relation(G, None)) == set(G)
    with pytest.raises(QueryError, match="'allies'"):
        to_undirected_relation(G, "allies")


def test_find_entity_by_iri_or_label_in_any_case(store):
    from graph.network import find_entity

    G = project(store)
    assert find_entity(G, ms) == ms
    assert find_entity(G, "microsoft  CORPORATION") == ms
    assert find_entity(G, "Satya Nadella") == satya


def test_find_entity_unknown_ambiguous_and_empty():
    from graph.network import find_entity

    G = nx.MultiDiGraph()
    G.add_node("e:ms", label="Microsoft", type="Organization")
    G.add_node("e:ms2", label="MICROSOFT", type="Product")
    G.add_node("e:oracle", label="Oracle", type="Organization")
    with pytest.raises(QueryError, match=r"'microsoft' is ambiguous: it matches Microsoft \(Organization, e:ms\), "
                                         r"MICROSOFT \(Product, e:ms2\); give the IRI"):
        find_entity(G, "microsoft")
    with pytest.raises(QueryError, match="no entity is named 'Oracel'; close matches: 'Oracle'"):
        find_entity(G, "Oracel")
    with pytest.raises(QueryError, match="close matches: 'Oracle'"):
        find_entity(G, "Oracle Corporation")  # a label the name contains
    with pytest.raises(QueryError, match="no entity is named 'Zebra', and none has a similar name"):
        find_entity(G, "Zebra")
    with pytest.raises(QueryError, match="empty"):
        find_entity(G, "  ")
