"""Tests of graph.analysis on small graphs whose answers can be checked by hand."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph import analysis
from graph.analysis import (
    alliance_blocs,
    betweenness,
    brokers,
    central_organizations,
    frenemies,
    relation_degrees,
    summary,
)
from graph.exceptions import QueryError
from graph.network import project, to_undirected_relation
from graph.rdf import article_graph
from graph.records import Article, Entity, Fact
from graph.store import open_store


def _graph(edges, *, types=None):
    """A projected-style graph from (u, relation, v[, evidence text]) tuples; labels = node names."""
    G = nx.MultiDiGraph()
    for u, relation, v, *text in edges:
        for node in (u, v):
            if node not in G:
                G.add_node(node, label=node, type=(types or {}).get(node, "Organization"))
        G.add_edge(u, v, key=relation, relation=relation, confidence=0.8,
                   evidence=[{"text": t} for t in text])
    return G


@pytest.fixture
def star():
    return _graph([("Hub", "partnersWith", leaf) for leaf in "ABCDE"])


@pytest.fixture
def barbell():
    """Two triangles of partners joined through one bridge node."""
    left = [("L1", "L2"), ("L1", "L3"), ("L2", "L3")]
    right = [("R1", "R2"), ("R1", "R3"), ("R2", "R3")]
    bridge = [("L1", "Bridge"), ("Bridge", "R1")]
    return _graph([(u, "partnersWith", v) for u, v in left + right + bridge])


def test_star_hub_is_most_central(star):
    rows = central_organizations(star)
    assert [r["name"] for r in rows][0] == "Hub"
    hub = rows[0]
    assert hub["degree"] == 5 and hub["betweenness"] == pytest.approx(1.0)
    assert all(hub["pagerank"] > r["pagerank"] for r in rows[1:])
    assert set(hub) >= {"name", "type", "pagerank", "degree", "betweenness"}
    assert [r["name"] for r in rows[1:]] == ["A", "B", "C", "D", "E"]  # ties by name


def test_central_organizations_k_relation_and_types(star):
    star.add_node("Pat", label="Pat", type="Person")
    star.add_edge("Pat", "Hub", key="worksAt", relation="worksAt", confidence=0.9)
    assert len(central_organizations(star, k=2)) == 2
    assert len(central_organizations(star, k=None)) == 6  # Pat is a Person: not listed
    assert central_organizations(star, relation="worksAt")[0]["degree"] == 1
    assert central_organizations(star, relation="rivalOf") == []
    with pytest.raises(QueryError, match="'allies'"):
        central_organizations(star, relation="allies")
    with pytest.raises(QueryError, match="k=0"):
        central_organizations(star, k=0)


def test_symmetric_edge_direction_does_not_change_centrality():
    a = central_organizations(_graph([("A", "partnersWith", "B"), ("B", "partnersWith", "C")]))
    b = central_organizations(_graph([("B", "partnersWith", "A"), ("C", "partnersWith", "B")]))
    assert a == b


def _random_multigraph(seed, n=60, m=240):
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"N{i}", label=f"N{i}", type="Organization" if i % 4 else "Person")
    for _ in range(m):
        u, v = rng.sample(range(n), 2)
        relation = rng.choice(["partnersWith", "rivalOf", "worksAt"])
        G.add_edge(f"N{u}", f"N{v}", key=relation, relation=relation,
                   confidence=round(rng.uniform(0.1, 1.0), 2))
    G.add_node("Lonely", label="Lonely", type="Organization")  # isolated: still ranked
    return G


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("relation", [None, "partnersWith"])
def test_centrality_matches_networkx_on_the_undirected_graph(seed, relation):
    G = _random_multigraph(seed)
    U = to_undirected_relation(G, relation)
    pagerank = nx.pagerank(U, weight="weight")
    between = nx.betweenness_centrality(U)
    rows = central_organizations(G, k=None, relation=relation)
    assert {r["id"] for r in rows} == {n for n, t in U.nodes(data="type") if t == "Organization"}
    for row in rows:
        assert row["pagerank"] == pytest.approx(pagerank[row["id"]], abs=1e-9)
        assert row["betweenness"] == pytest.approx(between[row["id"]], abs=1e-12)
        assert row["degree"] == U.degree(row["id"])
        assert row["betweenness_sampled"] is False


@pytest.mark.parametrize("seed", [0, 1])
def test_betweenness_matches_networkx_exact_and_sampled(seed):
    U = nx.gnm_random_graph(80, 200, seed=seed)
    U.add_edge(200, 201)  # a second component
    exact = nx.betweenness_centrality(U)
    assert betweenness(U) == pytest.approx(exact, abs=1e-12)
    assert betweenness(U, k=10_000) == pytest.approx(exact, abs=1e-12)
    # A sample of every node but one is rescaled the way networkx rescales it.
    sampled = betweenness(U, k=len(U) - 1, seed=seed)
    assert max(abs(sampled[v] - exact[v]) for v in U) < 0.05
    assert betweenness(U, k=20, seed=seed) == betweenness(U, k=20, seed=seed)
    with pytest.raises(QueryError, match="undirected"):
        betweenness(nx.DiGraph([(1, 2)]))
    with pytest.raises(QueryError, match="k=0"):
        betweenness(U, k=0)
    assert betweenness(nx.path_graph(2)) == {0: 0.0, 1: 0.0}


def test_relation_degrees_count_distinct_neighbours_both_ways():
    G = _graph([("IBM", "acquired", "Red Hat"), ("Lenovo", "acquired", "IBM"),
                ("IBM", "partnersWith", "Apple"), ("Apple", "partnersWith", "IBM"),
                ("IBM", "ledBy", "Arvind")], types={"Arvind": "Person"})
    assert relation_degrees(G, ["IBM"]) == {"IBM": {"partnersWith": 1, "ledBy": 1, "acquired": 2}}
    assert relation_degrees(G)["Arvind"] == {"ledBy": 1}
    star_rows = central_organizations(G, k=1)
    assert star_rows[0]["name"] == "IBM" and star_rows[0]["relations"]["acquired"] == 2


def test_brokers_link_blocs(barbell):
    rows = brokers(barbell, k=None)
    assert rows[0]["name"] == "Bridge"
    bridge = rows[0]
    assert bridge["degree"] == 2 and bridge["betweenness"] == pytest.approx(9 / 15)
    # The bridge sits in one bloc and reaches the other through one partner.
    blocs = {b["name"]: set(b["members"]) for b in alliance_blocs(barbell)[0]}
    assert bridge["bloc"] in blocs and "Bridge" in blocs[bridge["bloc"]]
    assert [link["partners"] for link in bridge["links"]] == [1]
    assert bridge["links"][0]["bloc"] != bridge["bloc"]
    assert {r["name"] for r in rows} == {"Bridge", "L1", "R1"}  # zero betweenness is no broker
    assert brokers(barbell, k=1) == rows[:1]
    assert brokers(barbell, blocs=[])[0]["bloc"] is None
    assert brokers(_graph([("A", "rivalOf", "B")])) == []
    with pytest.raises(QueryError, match="k=-1"):
        brokers(barbell, k=-1)


def test_large_graph_samples_betweenness(monkeypatch):
    monkeypatch.setattr(analysis, "BETWEENNESS_EXACT_LIMIT", 10)
    monkeypatch.setattr(analysis, "BETWEENNESS_SAMPLES", 5)
    G = _graph([(f"N{i}", "partnersWith", f"N{i + 1}") for i in range(20)])
    assert central_organizations(G, k=3) == central_organizations(G, k=3)  # seeded: repeatable


def test_two_cliques_and_a_bridge_make_two_blocs(barbell):
    blocs, modularity = alliance_blocs(barbell)
    memberships = sorted(sorted(b["members"]) for b in blocs)
    assert len(blocs) == 2
    assert {"L1", "L2", "L3"} <= set(memberships[0]) and {"R1", "R2", "R3"} <= set(memberships[1])
    assert sum(b["size"] for b in blocs) == 7
    assert 0.3 < modularity < 1
    for bloc in blocs:
        assert bloc["size"] == len(bloc["members"]) == len(bloc["ids"])
        assert bloc["name"] == " / ".join(bloc["members"][:3])
        assert bloc["members"][0] in {"L1", "R1"}  # the bloc's best-connected member leads

    top = central_organizations(barbell, k=None)
    assert max(top, key=lambda r: r["betweenness"])["name"] == "Bridge"


def test_blocs_are_repeatable_and_drop_singletons(barbell):
    barbell.add_node("Loner", label="Loner", type="Organization")
    barbell.add_edge("Loner", "L1", key="rivalOf", relation="rivalOf", confidence=0.5)
    assert alliance_blocs(barbell, seed=3) == alliance_blocs(barbell, seed=3)
    names = [m for b in alliance_blocs(barbell)[0] for m in b["members"]]
    assert "Loner" not in names
    assert alliance_blocs(_graph([("A", "rivalOf", "B")])) == ([], 0.0)
    assert len(alliance_blocs(barbell, relation="rivalOf")[0]) == 1


def test_bloc_of_two_is_named_by_both():
    blocs, _ = alliance_blocs(_graph([("Apple", "partnersWith", "IBM")]))
    assert blocs == [{"name": "Apple / IBM", "members": ["Apple", "IBM"],
                      "ids": ["Apple", "IBM"], "size": 2}]


def test_partners_and_rivals_are_frenemies_with_evidence():
    G = _graph([
        ("Microsoft", "partnersWith", "Apple", "Apple and Microsoft team up."),
        ("Apple", "rivalOf", "Microsoft", "Apple rivals Microsoft.", "Microsoft takes on Apple."),
        ("Apple", "partnersWith", "IBM", "Apple and IBM team up."),
        ("Zoom", "rivalOf", "Slack"),
        ("Slack", "partnersWith", "Zoom"),
    ])
    result = frenemies(G)
    assert [(r["a"], r["b"]) for r in result] == [("Apple", "Microsoft"), ("Slack", "Zoom")]
    apple_ms = result[0]
    assert apple_ms["partner_evidence"] == ["Apple and Microsoft team up."]
    assert apple_ms["rival_evidence"] == ["Apple rivals Microsoft.", "Microsoft takes on Apple."]
    assert (apple_ms["a_id"], apple_ms["b_id"]) == ("Apple", "Microsoft")


def test_only_partners_are_not_frenemies():
    G = _graph([("Apple", "partnersWith", "IBM"), ("IBM", "partnersWith", "Apple"),
                ("Apple", "rivalOf", "Google")])
    assert frenemies(G) == []


def test_frenemies_from_a_projected_store():
    store = open_store("memory:")
    ms, apple = Entity("Microsoft", "Organization"), Entity("Apple", "Organization")
    store.replace_graph(article_graph(Article("Microsoft partners with Apple."), [
        Fact(ms, "partnersWith", apple, evidence="Microsoft partners with Apple.")]))
    store.replace_graph(article_graph(Article("Apple fights Microsoft."), [
        Fact(apple, "rivalOf", ms, evidence="Apple fights Microsoft.")]))
    [pair] = frenemies(project(store))
    assert (pair["a"], pair["b"]) == ("Apple", "Microsoft")
    assert pair["partner_evidence"] == ["Microsoft partners with Apple."]
    assert pair["rival_evidence"] == ["Apple fights Microsoft."]


def test_summary_counts():
    G = _graph([("IBM", "ledBy", "Arvind"), ("IBM", "partnersWith", "Apple"),
                ("IBM", "rivalOf", "Apple")], types={"Arvind": "Person"})
    assert summary(G) == {
        "nodes": 3, "edges": 3,
        "nodes_by_type": {"Organization": 2, "Person": 1},
        "edges_by_relation": {"partnersWith": 1, "rivalOf": 1, "ledBy": 1},
    }
    assert summary(nx.MultiDiGraph()) == {"nodes": 0, "edges": 0, "nodes_by_type": {},
                                          "edges_by_relation": {}}


@pytest.mark.parametrize("method", ["louvain", "label_propagation"])
def test_both_bloc_methods_split_the_barbell(barbell, method):
    blocs, modularity = alliance_blocs(barbell, method=method)
    assert len(blocs) == 2 and modularity > 0.3
    assert alliance_blocs(barbell, method=method) == (blocs, modularity)  # seeded


def test_large_partnership_graphs_use_label_propagation(barbell, monkeypatch):
    assert analysis.bloc_method(8) == "louvain"
    monkeypatch.setattr(analysis, "LOUVAIN_EDGE_LIMIT", 5)
    assert analysis.bloc_method(8) == "label_propagation"
    assert alliance_blocs(barbell) == alliance_blocs(barbell, method="label_propagation")
    with pytest.raises(QueryError, match="unknown bloc method 'leiden'"):
        alliance_blocs(barbell, method="leiden")
