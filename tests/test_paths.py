"""Tests of graph.paths: the shortest chain of facts between two entities, with its evidence."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.exceptions import QueryError
from graph.network import project
from graph.paths import explain_path
from graph.rdf import article_graph, entity_iri
from graph.records import Article, Entity, Fact
from graph.store import open_store

MS, VM, HX = (Entity(n, "Organization") for n in ("Microsoft", "VMware", "Heraflux"))
AWS, RAY = Entity("Amazon Web Services", "Organization"), Entity("Ray Blanchard", "Person")
SEATTLE = Entity("Seattle", "Place")


def _graph(edges):
    """(u, relation, v, confidence) tuples; labels = names, all organizations unless given."""
    G = nx.MultiDiGraph()
    for u, relation, v, confidence, *kind in edges:
        for node in (u, v):
            if node not in G:
                G.add_node(node, label=node, type="Organization")
        G.add_edge(u, v, key=relation, relation=relation, confidence=confidence,
                   certainty="confirmed", evidence=[{"text": f"{u} {relation} {v}."}])
    return G


@pytest.fixture
def store():
    s = open_store("memory:")
    text1 = "Heraflux partners with Microsoft and VMware."
    s.replace_graph(article_graph(Article(text1, title="Channel", url="https://news.example/hx",
                                          date="2024-01-02"), [
        Fact(HX, "partnersWith", MS, confidence=0.9, evidence=text1),
        Fact(HX, "partnersWith", VM, confidence=0.8, certainty="reported", evidence=text1)]))
    text2 = "Ray Blanchard, formerly of VMware, competes with Amazon Web Services at Microsoft."
    s.replace_graph(article_graph(Article(text2, title="Moves"), [
        Fact(RAY, "formerlyAt", VM, confidence=0.7, evidence=text2),
        Fact(MS, "rivalOf", AWS, confidence=0.6, evidence=text2)]))
    s.replace_graph(article_graph(Article("AWS and Microsoft are in Seattle."), [
        Fact(AWS, "locatedIn", SEATTLE, evidence="AWS is in Seattle."),
        Fact(MS, "locatedIn", SEATTLE, evidence="Microsoft is near Seattle.")]))
    return s


def test_chain_through_a_store_carries_evidence_and_source(store):
    G = project(store)
    steps = explain_path(G, "ray blanchard", "Amazon Web Services")
    assert [(s["from"], s["relation"], s["to"]) for s in steps] == [
        ("Ray Blanchard", "formerlyAt", "VMware"),
        ("VMware", "partnersWith", "Heraflux"),
        ("Heraflux", "partnersWith", "Microsoft"),
        ("Microsoft", "rivalOf", "Amazon Web Services"),
    ]
    second = steps[1]
    assert second["evidence"] == "Heraflux partners with Microsoft and VMware."
    assert (second["title"], second["url"], second["date"]) == (
        "Channel", "https://news.example/hx", "2024-01-02")
    assert (second["certainty"], second["confidence"]) == ("reported", 0.8)
    assert second["from_id"] == str(entity_iri(VM)) and second["to_id"] == str(entity_iri(HX))
    assert steps[-1]["title"] == "Moves" and steps[-1]["url"] is None


def test_places_are_not_passed_through_by_default(store):
    G = project(store)
    # Microsoft and AWS share Seattle, but the chain is their rivalry; with the rivalry
    # filtered out, the only chain left goes through the city, which is avoided.
    assert [s["relation"] for s in explain_path(G, "Microsoft", "Amazon Web Services")] == ["rivalOf"]
    G.remove_edge(str(entity_iri(AWS)), str(entity_iri(MS)), key="rivalOf")
    with pytest.raises(QueryError, match="no chain of facts links 'Microsoft' and 'Amazon Web Services'"):
        explain_path(G, "Microsoft", "Amazon Web Services")
    via_city = explain_path(G, "Microsoft", "Amazon Web Services", avoid=())
    assert [(s["from"], s["to"]) for s in via_city] == [("Microsoft", "Seattle"), ("Seattle", "Amazon Web Services")]
    assert via_city[1]["reversed"] is True  # AWS locatedIn Seattle, walked from Seattle
    assert explain_path(G, "Seattle", "Microsoft")[0]["reversed"] is True  # a place may be an end


def test_most_confident_of_the_shortest_chains():
    G = _graph([("A", "partnersWith", "Weak", 0.2), ("Weak", "partnersWith", "B", 0.9),
                ("A", "partnersWith", "Strong", 0.8), ("Strong", "partnersWith", "B", 0.8),
                ("A", "partnersWith", "X", 0.99), ("X", "partnersWith", "Y", 0.99),
                ("Y", "partnersWith", "B", 0.99)])
    assert [s["to"] for s in explain_path(G, "A", "B")] == ["Strong", "B"]


def test_ties_go_to_the_first_names_and_are_repeatable():
    G = _graph([("A", "partnersWith", m, 0.5) for m in ("Mid2", "Mid1")]
               + [(m, "partnersWith", "B", 0.5) for m in ("Mid2", "Mid1")])
    assert [s["to"] for s in explain_path(G, "A", "B")] == ["Mid1", "B"]


def test_the_most_confident_fact_between_a_pair_carries_the_step():
    G = _graph([("A", "rivalOf", "B", 0.4), ("A", "partnersWith", "B", 0.9)])
    [step] = explain_path(G, "A", "B")
    assert step["relation"] == "partnersWith" and step["reversed"] is False


def test_symmetric_fact_is_never_reversed():
    G = _graph([("B", "partnersWith", "A", 0.5)])
    [step] = explain_path(G, "A", "B")
    assert (step["from"], step["to"], step["reversed"]) == ("A", "B", False)


def test_same_entity_is_an_empty_chain():
    assert explain_path(_graph([("A", "partnersWith", "B", 0.5)]), "a", "A") == []


def test_unknown_and_ambiguous_names_list_candidates():
    G = _graph([("Amazon Web Services", "partnersWith", "VMware", 0.5)])
    with pytest.raises(QueryError, match="no entity is named 'Amazon Web Service'; close matches: 'Amazon Web Services'"):
        explain_path(G, "Amazon Web Service", "VMware")
    G.add_node("e:vmware2", label="VMWARE", type="Organization")
    with pytest.raises(QueryError, match=r"'vmware' is ambiguous: it matches VMware \(Organization, VMware\), "
                       r"VMWARE \(Organization, e:vmware2\); give the IRI"):
        explain_path(G, "Amazon Web Services", "vmware")
