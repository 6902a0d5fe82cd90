"""Questions asked of the projected graph, as plain functions returning plain data.

Every function takes the :class:`networkx.MultiDiGraph` made by
:func:`graph.network.project` (or one built by hand with the same node and
edge attributes, see ``docs/network-format.md``) and returns lists, dicts and
numbers, ready for JSON, a table or :mod:`graph.render`.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("e:ibm", label="IBM", type="Organization")
>>> G.add_node("e:apple", label="Apple", type="Organization")
>>> _ = G.add_edge("e:apple", "e:ibm", key="partnersWith", relation="partnersWith", confidence=0.9)
>>> summary(G)["edges_by_relation"]
{'partnersWith': 1}
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from .exceptions import QueryError
from .network import check_relation, to_undirected_relation
from .vocabulary import ENTITY_TYPES, RELATIONS

__all__ = [
    "BETWEENNESS_EXACT_LIMIT",
    "BETWEENNESS_SAMPLES",
    "central_organizations",
    "alliance_blocs",
    "frenemies",
    "summary",
]

#: Above this many nodes, betweenness is estimated from a sample of source nodes.
BETWEENNESS_EXACT_LIMIT = 5000
#: How many source nodes the estimate samples (with ``seed=0``, so results repeat).
BETWEENNESS_SAMPLES = 500


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def _pagerank(U: nx.Graph) -> dict:
    """PageRank by confidence weight; a plain power iteration when SciPy is missing."""
    try:
        return nx.pagerank(U, weight="weight")
    except ImportError:  # networkx computes PageRank with SciPy, an optional dependency of ours
        pass
    n = U.number_of_nodes()
    if n == 0:
        return {}
    alpha, rank = 0.85, dict.fromkeys(U, 1.0 / n)
    strength = dict(U.degree(weight="weight"))
    for _ in range(100):
        dangling = alpha * sum(rank[v] for v in U if strength[v] == 0) / n
        new = {}
        for v in U:
            inflow = sum(rank[u] * d.get("weight", 1.0) / strength[u]
                         for u, d in U.adj[v].items() if strength[u])
            new[v] = (1.0 - alpha) / n + dangling + alpha * inflow
        if sum(abs(new[v] - rank[v]) for v in U) < n * 1e-6:
            return new
        rank = new
    return rank


def central_organizations(G: nx.MultiDiGraph, *, k: int | None = 10,
                          relation: str | None = None) -> list[dict]:
    """The *k* most central organizations (all of them when *k* is None).

    Centrality is measured on the simple undirected graph of *relation* (of
    all relations when None; see :func:`graph.network.to_undirected_relation`),
    so a symmetric fact counts the same whichever way it is stored:
    ``pagerank`` weighted by confidence, ``degree`` as the number of distinct
    neighbours, and ``betweenness`` (normalized, unweighted). On graphs of
    more than :data:`BETWEENNESS_EXACT_LIMIT` nodes betweenness is estimated
    from :data:`BETWEENNESS_SAMPLES` source nodes drawn with ``seed=0``, so it
    is approximate but repeatable. Every node takes part in the measures;
    only nodes of type ``Organization`` are listed, most central first (by
    pagerank, then betweenness, then name).

    >>> G = nx.MultiDiGraph()
    >>> for name in ["Hub", "A", "B", "C"]:
    ...     G.add_node(name, label=name, type="Organization")
    >>> for leaf in ["A", "B", "C"]:
    ...     _ = G.add_edge("Hub", leaf, key="partnersWith", relation="partnersWith", confidence=0.8)
    >>> top = central_organizations(G, k=2)
    >>> [(row["name"], row["degree"], row["betweenness"]) for row in top]
    [('Hub', 3, 1.0), ('A', 1, 0.0)]
    >>> round(top[0]["pagerank"], 3)
    0.48
    """
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise QueryError(f"k={k!r} is not a positive whole number; use k >= 1, or None for all")
    U = to_undirected_relation(G, relation)
    if U.number_of_nodes() == 0:
        return []
    pagerank = _pagerank(U)
    if U.number_of_nodes() > BETWEENNESS_EXACT_LIMIT:
        betweenness = nx.betweenness_centrality(U, k=BETWEENNESS_SAMPLES, seed=0)
    else:
        betweenness = nx.betweenness_centrality(U)
    rows = [
        {
            "id": node,
            "name": _label(U, node),
            "type": data.get("type"),
            "pagerank": pagerank[node],
            "degree": U.degree(node),
            "betweenness": betweenness[node],
        }
        for node, data in U.nodes(data=True)
        if data.get("type") == "Organization"
    ]
    rows.sort(key=lambda r: (-r["pagerank"], -r["betweenness"], r["name"], r["id"]))
    return rows if k is None else rows[:k]


def _communities(P: nx.Graph, seed: int) -> list[set]:
    try:
        return nx.community.louvain_communities(P, weight="weight", seed=seed)
    except AttributeError:  # networkx without Louvain
        return nx.community.greedy_modularity_communities(P, weight="weight")


def alliance_blocs(G: nx.MultiDiGraph, *, relation: str = "partnersWith",
                   seed: int = 0) -> tuple[list[dict], float]:
    """Blocs of allies: communities of the *relation* graph, and their modularity.

    Communities come from Louvain (``seed`` makes them repeatable; greedy
    modularity when Louvain is missing) on the simple undirected graph of
    *relation* weighted by confidence. Each bloc is a dict: ``name`` joins the
    labels of its 1–3 most central members (by degree in that graph) with
    ``" / "``, ``members`` lists all labels most central first, ``ids`` the
    matching IRIs, and ``size``. Blocs of one member are dropped; the rest
    come largest first. The modularity (of the whole partition, singletons
    included) says how cleanly the graph splits: 0 for no structure, towards
    1 for separate blocs.

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("A1", "A2"), ("A1", "A3"), ("A2", "A3"),
    ...              ("B1", "B2"), ("B1", "B3"), ("B2", "B3"), ("A1", "B1")]:
    ...     _ = G.add_edge(u, v, key="partnersWith", relation="partnersWith", confidence=1.0)
    >>> nx.set_node_attributes(G, {n: n for n in G}, "label")
    >>> blocs, modularity = alliance_blocs(G)
    >>> [(b["name"], b["size"]) for b in blocs]
    [('A1 / A2 / A3', 3), ('B1 / B2 / B3', 3)]
    >>> round(modularity, 3)
    0.357
    """
    P = to_undirected_relation(G, check_relation(relation))
    if P.number_of_edges() == 0:
        return [], 0.0
    communities = _communities(P, seed)
    modularity = nx.community.modularity(P, communities, weight="weight")
    blocs = []
    for community in communities:
        if len(community) < 2:
            continue
        ranked = sorted(community, key=lambda n: (-P.degree(n), _label(P, n), n))
        members = [_label(P, n) for n in ranked]
        blocs.append({
            "name": " / ".join(members[:3]),
            "members": members,
            "ids": ranked,
            "size": len(ranked),
        })
    blocs.sort(key=lambda b: (-b["size"], b["name"]))
    return blocs, modularity


def _evidence_texts(G: nx.MultiDiGraph, a, b, relation: str) -> list[str]:
    texts: list[str] = []
    for u, v in ((a, b), (b, a)):
        data = G.get_edge_data(u, v, key=relation)
        if data is not None:
            texts.extend(e["text"] for e in data.get("evidence", ()) if e.get("text"))
    return list(dict.fromkeys(texts))


def frenemies(G: nx.MultiDiGraph) -> list[dict]:
    """Pairs that are both partners and rivals, with the evidence for each side.

    A pair counts when ``partnersWith`` and ``rivalOf`` edges join it, in
    either direction. Each item names the pair in alphabetical order (``a``,
    ``b`` and their IRIs ``a_id``, ``b_id``) and lists the distinct evidence
    sentences of the ``partner_evidence`` and of the ``rival_evidence``;
    items are sorted by name.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:ms", label="Microsoft")
    >>> G.add_node("e:apple", label="Apple")
    >>> _ = G.add_edge("e:apple", "e:ms", key="partnersWith", relation="partnersWith",
    ...                evidence=[{"text": "Apple and Microsoft team up."}])
    >>> _ = G.add_edge("e:ms", "e:apple", key="rivalOf", relation="rivalOf",
    ...                evidence=[{"text": "Microsoft rivals Apple."}])
    >>> frenemies(G)  # doctest: +NORMALIZE_WHITESPACE
    [{'a': 'Apple', 'b': 'Microsoft', 'a_id': 'e:apple', 'b_id': 'e:ms',
      'partner_evidence': ['Apple and Microsoft team up.'],
      'rival_evidence': ['Microsoft rivals Apple.']}]
    """
    partners, rivals = set(), set()
    for u, v, key, relation in G.edges(keys=True, data="relation"):
        relation = relation or key
        if u == v:
            continue
        if relation == "partnersWith":
            partners.add(frozenset((u, v)))
        elif relation == "rivalOf":
            rivals.add(frozenset((u, v)))
    result = []
    for pair in partners & rivals:
        a, b = sorted(pair, key=lambda n: (_label(G, n), n))
        result.append({
            "a": _label(G, a),
            "b": _label(G, b),
            "a_id": a,
            "b_id": b,
            "partner_evidence": _evidence_texts(G, a, b, "partnersWith"),
            "rival_evidence": _evidence_texts(G, a, b, "rivalOf"),
        })
    result.sort(key=lambda r: (r["a"], r["b"], r["a_id"], r["b_id"]))
    return result


def summary(G: nx.MultiDiGraph) -> dict:
    """Counts: ``nodes``, ``edges``, ``nodes_by_type`` and ``edges_by_relation``.

    Types and relations appear in vocabulary order, and only when present
    (unknown ones last, alphabetically).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:ibm", label="IBM", type="Organization")
    >>> G.add_node("e:arvind", label="Arvind Krishna", type="Person")
    >>> _ = G.add_edge("e:ibm", "e:arvind", key="ledBy", relation="ledBy")
    >>> summary(G)
    {'nodes': 2, 'edges': 1, 'nodes_by_type': {'Organization': 1, 'Person': 1}, 'edges_by_relation': {'ledBy': 1}}
    """
    types = Counter(str(t) for _, t in G.nodes(data="type"))
    relations = Counter(str(r or k) for _, _, k, r in G.edges(keys=True, data="relation"))

    def ordered(counts: Counter, known) -> dict:
        order = {name: i for i, name in enumerate(known)}
        return {name: counts[name]
                for name in sorted(counts, key=lambda n: (order.get(n, len(order)), n))}

    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "nodes_by_type": ordered(types, ENTITY_TYPES),
        "edges_by_relation": ordered(relations, RELATIONS),
    }
