"""Tests of graph.forecast: likely next alliances from common partners and structural balance."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.exceptions import QueryError
from graph.forecast import likely_alliances


def _graph(edges, *, types=None):
    G = nx.MultiDiGraph()
    for u, relation, v in edges:
        for node in (u, v):
            if node not in G:
                G.add_node(node, label=node, type=(types or {}).get(node, "Organization"))
        G.add_edge(u, v, key=relation, relation=relation, confidence=0.8)
    return G


def _pairs(items):
    return [(p["a"], p["b"]) for p in items]


def test_common_partners_score_adamic_adar():
    # Intel partners with A, B and C; Hub with A and B. Hub and Intel share A and B
    # (two ties each: 1/log 2 apiece); A and B share Intel (three ties) and Hub (two).
    G = _graph([("Intel", "partnersWith", x) for x in "ABC"]
               + [("Hub", "partnersWith", x) for x in "AB"])
    result = likely_alliances(G, k=None)
    assert _pairs(result) == [("Hub", "Intel"), ("A", "B"), ("A", "C"), ("B", "C")]
    assert result[0]["score"] == pytest.approx(2 / math.log(2), abs=1e-6)
    first = result[1]
    assert first["score"] == pytest.approx(1 / math.log(3) + 1 / math.log(2), abs=1e-6)
    assert first["common_partners"] == ["Hub", "Intel"]
    assert first["jaccard"] == pytest.approx(1.0)
    assert first["reason"] == "2 common partners (Hub, Intel)"
    assert result[2]["score"] == pytest.approx(1 / math.log(3), abs=1e-6)
    assert result[2]["jaccard"] == pytest.approx(0.5)


def test_rival_of_my_rival_and_partner_of_my_rival():
    G = _graph([("A", "rivalOf", "Z"), ("B", "rivalOf", "Z"),     # A-B: rivals of the same
                ("C", "partnersWith", "Z"), ("A", "rivalOf", "Y"), ("B", "rivalOf", "Y")])
    result = {(p["a"], p["b"]): p for p in likely_alliances(G, k=None)}
    assert ("A", "B") in result
    ab = result["A", "B"]
    assert ab["common_rivals"] == ["Y", "Z"] and ab["common_partners"] == []
    assert "2 common rivals (Y, Z): the rival of my rival" == ab["reason"]
    # C partners with Z, a rival of A and B: an unbalanced triad, no alliance predicted
    assert ("A", "C") not in result and ("B", "C") not in result
    assert likely_alliances(G, balance=False) == []


def test_mixed_votes_lower_the_score_and_are_named():
    G = _graph([("A", "partnersWith", "P1"), ("B", "partnersWith", "P1"),
                ("A", "partnersWith", "P2"), ("B", "partnersWith", "P2"),
                ("A", "partnersWith", "M"), ("B", "rivalOf", "M")])
    [ab] = [p for p in likely_alliances(G, k=None) if (p["a"], p["b"]) == ("A", "B")]
    assert ab["mixed"] == ["M"]
    assert ab["score"] == pytest.approx(2 / math.log(2) - 1 / math.log(2), abs=1e-6)
    assert ab["reason"] == "2 common partners (P1, P2); but M partners with one and rivals the other"


def test_existing_partners_owners_and_non_organizations_are_left_out():
    G = _graph([("Intel", "partnersWith", x) for x in ("A", "B", "C", "D", "Gadget")]
               + [("A", "partnersWith", "B"), ("A", "acquired", "C"), ("D", "subsidiaryOf", "A")],
               types={"Gadget": "Product"})
    pairs = _pairs(likely_alliances(G, k=None))
    assert ("A", "B") not in pairs and ("A", "C") not in pairs and ("A", "D") not in pairs
    assert all("Gadget" not in pair for pair in pairs)
    assert ("B", "C") in pairs and ("C", "D") in pairs


def test_a_frenemy_tie_votes_neither_way():
    G = _graph([("A", "partnersWith", "Z"), ("A", "rivalOf", "Z"), ("B", "partnersWith", "Z")])
    assert likely_alliances(G) == []


def test_focus_on_one_organization_and_k():
    G = _graph([("Intel", "partnersWith", x) for x in "ABCD"])
    assert _pairs(likely_alliances(G, org="a", k=None)) == [("A", "B"), ("A", "C"), ("A", "D")]
    assert _pairs(likely_alliances(G, k=2)) == [("A", "B"), ("A", "C")]
    assert likely_alliances(_graph([("X", "ledBy", "Y")]), org="X") == []
    with pytest.raises(QueryError, match="no entity is named 'Intle'"):
        likely_alliances(G, org="Intle")
    with pytest.raises(QueryError, match="k=0"):
        likely_alliances(G, k=0)


def test_top_k_is_the_head_of_the_full_ranking():
    G = nx.MultiDiGraph()
    import random
    rng = random.Random(4)
    for _ in range(400):
        u, v = rng.sample(range(120), 2)
        relation = "partnersWith" if rng.random() < 0.7 else "rivalOf"
        G.add_edge(f"o{u}", f"o{v}", key=relation, relation=relation)
    nx.set_node_attributes(G, {n: n for n in G}, "label")
    nx.set_node_attributes(G, "Organization", "type")
    full = likely_alliances(G, k=None)
    assert likely_alliances(G, k=7) == full[:7]
    assert all(p["score"] > 0 for p in full)
    assert [p["score"] for p in full] == sorted((p["score"] for p in full), reverse=True)


def test_empty_graph():
    assert likely_alliances(nx.MultiDiGraph()) == []


def test_rivals_may_be_predicted_partners_and_are_flagged():
    G = _graph([("Microsoft", "rivalOf", "Google"), ("Amazon", "rivalOf", "Google"),
                ("Microsoft", "rivalOf", "Amazon")])
    result = {(p["a"], p["b"]): p for p in likely_alliances(G, k=None)}
    pair = result["Amazon", "Microsoft"]
    assert pair["rivals"] is True
    assert pair["reason"].endswith("; they are rivals today (partners would make them frenemies)")
