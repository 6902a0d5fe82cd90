"""Tests of graph.flows: people who moved between organizations, as organization → organization flows."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.exceptions import QueryError
from graph.flows import talent_balance, talent_flows
from graph.network import project
from graph.rdf import article_graph
from graph.records import Article, Entity, Fact
from graph.store import open_store


def _graph(edges):
    G = nx.MultiDiGraph()
    for u, relation, v, *text in edges:
        G.add_edge(u, v, key=relation, relation=relation, evidence=[{"text": t} for t in text])
    nx.set_node_attributes(G, {n: n for n in G}, "label")
    return G


@pytest.fixture
def moves():
    return _graph([
        ("Ann", "formerlyAt", "VMware", "Ann left VMware."),
        ("Ann", "worksAt", "Microsoft", "Ann joined Microsoft."),
        ("Bob", "formerlyAt", "VMware", "Bob, once at VMware,"),
        ("Microsoft", "ledBy", "Bob", "Microsoft is led by Bob."),
        ("Cy", "formerlyAt", "Google", "Cy left Google."),
        ("Cy", "formerlyAt", "VMware", "Cy left VMware."),
        ("Cy", "worksAt", "Amazon", "Cy joined Amazon."),
        ("Dee", "worksAt", "Amazon"),                    # never moved
        ("Eve", "formerlyAt", "Amazon"),                 # left, nobody knows where to
        ("Fay", "formerlyAt", "Amazon"), ("Fay", "worksAt", "Amazon"),  # same organization
    ])


def test_flows_are_summed_and_name_their_people(moves):
    flows = talent_flows(moves)
    assert [(f["from"], f["to"], f["count"], f["people"]) for f in flows] == [
        ("VMware", "Microsoft", 2, ["Ann", "Bob"]),
        ("Google", "Amazon", 1, ["Cy"]),
        ("VMware", "Amazon", 1, ["Cy"]),
    ]
    top = flows[0]
    assert (top["from_id"], top["to_id"], top["people_ids"]) == ("VMware", "Microsoft", ["Ann", "Bob"])
    assert top["evidence"] == ["Ann left VMware.", "Ann joined Microsoft.", "Bob, once at VMware,",
                               "Microsoft is led by Bob."]


def test_via_chooses_what_says_where_a_person_is_now(moves):
    assert [(f["from"], f["to"], f["people"]) for f in talent_flows(moves, via=["worksAt"])] == [
        ("Google", "Amazon", ["Cy"]), ("VMware", "Amazon", ["Cy"]), ("VMware", "Microsoft", ["Ann"])]
    assert [(f["from"], f["to"]) for f in talent_flows(moves, via="ledBy")] == [("VMware", "Microsoft")]
    with pytest.raises(QueryError, match=r"via='formerlyAt'.*\['worksAt', 'ledBy'\]"):
        talent_flows(moves, via=["formerlyAt"])


def test_k_keeps_the_largest(moves):
    assert [f["count"] for f in talent_flows(moves, k=1)] == [2]
    with pytest.raises(QueryError, match="k=0"):
        talent_flows(moves, k=0)


def test_balance_per_organization(moves):
    assert [(r["name"], r["gained"], r["lost"], r["net"]) for r in talent_balance(moves)] == [
        ("Amazon", 2, 0, 2), ("Microsoft", 2, 0, 2), ("Google", 0, 1, -1), ("VMware", 0, 3, -3)]


def test_flows_from_a_projected_store():
    store = open_store("memory:")
    ray = Entity("Ray Blanchard", "Person")
    text = "Ray Blanchard, formerly of VMware, now works at Microsoft."
    store.replace_graph(article_graph(Article(text), [
        Fact(ray, "formerlyAt", Entity("VMware", "Organization"), evidence=text),
        Fact(ray, "worksAt", Entity("Microsoft", "Organization"), evidence=text)]))
    [flow] = talent_flows(project(store))
    assert (flow["from"], flow["to"], flow["people"], flow["evidence"]) == (
        "VMware", "Microsoft", ["Ray Blanchard"], [text])
    assert talent_flows(nx.MultiDiGraph()) == [] and talent_balance(nx.MultiDiGraph()) == []
