"""Tests of graph.analysis on small graphs whose answers can be checked by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import analysis
from graph.analysis import alliance_blocs, central_organizations, frenemies, summary
from graph.exceptions import QueryError
from graph.network import project
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


def test_pagerank_without_scipy_matches(barbell, monkeypatch):
    expected = {r["name"]: r["pagerank"] for r in central_organizations(barbell, k=None)}

    def no_scipy(*args, **kwargs):
        raise ImportError("No module named 'scipy'")

    monkeypatch.setattr(analysis.nx, "pagerank", no_scipy)
    got = {r["name"]: r["pagerank"] for r in central_organizations(barbell, k=None)}
    assert got == pytest.approx(expected, abs=1e-6)


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
