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
    "BETWEENNESS_WORK",
    "betweenness_samples",
    "betweenness",
    "relation_degrees",
    "central_organizations",
    "brokers",
    "BLOC_METHODS",
    "LOUVAIN_EDGE_LIMIT",
    "bloc_method",
    "alliance_blocs",
    "frenemies",
    "summary",
]

#: Above this many nodes, betweenness is estimated from a sample of source nodes.
BETWEENNESS_EXACT_LIMIT = 5000
#: How many source nodes the estimate samples at most (with ``seed=0``, so results repeat).
BETWEENNESS_SAMPLES = 500
#: Sources × stored adjacency entries one estimate may cost: on very large graphs it
#: samples fewer sources (never fewer than one block of 64), to answer within seconds.
BETWEENNESS_WORK = 150_000_000
#: Source nodes walked at once by :func:`betweenness` (columns of one dense block).
_BATCH = 64


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def _undirected_matrix(G: nx.Graph, relation: str | None):
    """(nodes, A): the simple undirected graph of *relation* (all when None) as a SciPy matrix.

    The same graph as :func:`graph.network.to_undirected_relation` (every node
    of *G* when *relation* is None, else the ends of its edges; a pair's weight
    is the highest confidence of the facts joining it; no self-loops), built
    without an intermediate networkx graph: on a million facts that saves most
    of the time of :func:`central_organizations`.
    """
    import numpy as np
    from scipy import sparse

    heads, tails, weights = [], [], []
    # The raw adjacency dicts, as networkx's own algorithms read them: three times
    # quicker than the read-only views over a million edges.
    for u, neighbours in G._adj.items():
        for v, keys in neighbours.items():
            if u == v:
                continue
            best = None
            for key, data in (keys.items() if G.is_multigraph() else [(None, keys)]):
                if relation is not None and (data.get("relation") or key) != relation:
                    continue
                weight = float(data.get("confidence", 1.0))
                if best is None or weight > best:
                    best = weight
            if best is not None:
                heads.append(u)
                tails.append(v)
                weights.append(best)
    if relation is None:
        nodes = list(G)
    else:
        touched = set(heads) | set(tails)
        nodes = [node for node in G if node in touched]
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    i = np.fromiter((index[u] for u in heads), dtype=np.int64, count=len(heads))
    j = np.fromiter((index[v] for v in tails), dtype=np.int64, count=len(tails))
    low, high = np.minimum(i, j), np.maximum(i, j)
    pair = low * max(n, 1) + high
    order = np.argsort(pair, kind="stable")
    pair = pair[order]
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]) if len(pair) else np.array([], dtype=np.int64)
    best = np.maximum.reduceat(np.asarray(weights, dtype=np.float64)[order], starts) if len(pair) else np.array([])
    low, high = pair[starts] // max(n, 1), pair[starts] % max(n, 1)
    A = sparse.csr_array((np.concatenate([best, best]),
                          (np.concatenate([low, high]), np.concatenate([high, low]))), shape=(n, n))
    A.sort_indices()
    return nodes, A


def _pagerank(A, *, alpha: float = 0.85, tol: float = 1.0e-6, max_iter: int = 100):
    """PageRank of a weighted undirected graph given as a matrix: networkx's own iteration.

    The iteration of :func:`networkx.pagerank` (uniform teleport and dangling
    vectors), run on the matrix already built, so the graph is not converted again.
    """
    import numpy as np
    from scipy import sparse

    n = A.shape[0]
    if n == 0:
        return np.array([])
    strength = np.asarray(A.sum(axis=1)).ravel()
    inverse = np.divide(1.0, strength, out=np.zeros(n), where=strength != 0)
    Q = sparse.diags_array(inverse) @ A
    dangling = strength == 0
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ Q + x[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            break
    return x


def betweenness(U: nx.Graph, *, k: int | None = None, seed: int = 0) -> dict:
    """Normalized, unweighted betweenness of an undirected graph; sampled when *k* is given.

    The values are those of :func:`networkx.betweenness_centrality` (Brandes'
    algorithm, normalized, endpoints excluded; with *k*, ``k`` source nodes
    drawn with *seed* and rescaled the way networkx rescales a sample). The
    work differs: the breadth-first searches of :data:`_BATCH` sources run
    together, level by level, as sparse matrix products (SciPy), which is what
    keeps a sample of hundreds of sources on a graph of a million edges within
    seconds. With *k* at least the number of nodes, every node is a source
    and the result is exact.

    >>> P = nx.path_graph(["a", "b", "c"])
    >>> betweenness(P)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    >>> G = nx.karate_club_graph()
    >>> exact = nx.betweenness_centrality(G)
    >>> max(abs(betweenness(G)[v] - exact[v]) for v in G) < 1e-12
    True
    """
    if U.is_directed():
        raise QueryError("betweenness() takes an undirected graph; "
                         "see graph.network.to_undirected_relation")
    nodes, A = _undirected_matrix(U, None)
    values = _betweenness_of_matrix(A, k=k, seed=seed)
    return {node: float(values[i]) for i, node in enumerate(nodes)}


def _betweenness_of_matrix(A, *, k: int | None, seed: int):
    """Betweenness of every row of the symmetric matrix *A* (its pattern only), as an array."""
    import numpy as np
    from scipy import sparse

    n = A.shape[0]
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise QueryError(f"k={k!r} is not a positive whole number of sample sources")
    if n < 3:
        return np.zeros(n)
    sampled = k is not None and k < n
    # Path counts are only ratios here; single precision halves the memory traffic of a sample.
    dtype = np.float32 if sampled else np.float64
    pattern = sparse.csr_array((np.ones(A.nnz, dtype=dtype), A.indices, A.indptr), shape=A.shape)
    if sampled:
        sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
    else:
        sources = np.arange(n)
    total = np.zeros(n)
    for start in range(0, len(sources), _BATCH):
        total += _brandes_block(pattern, sources[start:start + _BATCH], dtype)
    # The rescaling of networkx: (s, t) pairs through v, with endpoints excluded.
    if not sampled:
        return total / ((n - 1) * (n - 2))
    is_source = np.zeros(n, dtype=bool)
    is_source[sources] = True
    scale_source = 1 / ((k - 1) * (n - 2)) if k > 1 else float("nan")
    return total * np.where(is_source, scale_source, 1 / (k * (n - 2)))


def _brandes_block(A, sources, dtype):
    """Brandes' dependencies summed over a block of sources, searched together level by level."""
    import numpy as np

    n, b = A.shape[0], len(sources)
    cols = np.arange(b)
    sigma = np.zeros((n, b), dtype=dtype)  # shortest paths from each source
    sigma[sources, cols] = 1
    seen = np.zeros((n, b), dtype=bool)
    seen[sources, cols] = True
    levels = [seen.copy()]
    while True:
        reached = A @ np.where(levels[-1], sigma, 0)
        new = (reached > 0) & ~seen
        if not new.any():
            break
        sigma[new] = reached[new]
        seen |= new
        levels.append(new)
    delta = np.zeros((n, b), dtype=dtype)
    safe_sigma = np.where(sigma > 0, sigma, 1)
    for depth in range(len(levels) - 1, 0, -1):
        pushed = A @ np.where(levels[depth], (1 + delta) / safe_sigma, 0)
        delta += np.where(levels[depth - 1], sigma * pushed, 0)
    delta[sources, cols] = 0
    return delta.sum(axis=1, dtype=np.float64)


def relation_degrees(G: nx.MultiDiGraph, nodes=None) -> dict:
    """For each of *nodes* (default: all), its number of distinct neighbours per relation.

    Both directions count (a company that acquired two others and was
    acquired once has ``acquired: 3``); relations come in vocabulary order
    and only when present.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("ibm", "apple", key="partnersWith", relation="partnersWith")
    >>> _ = G.add_edge("ibm", "redhat", key="acquired", relation="acquired")
    >>> _ = G.add_edge("ibm", "arvind", key="ledBy", relation="ledBy")
    >>> relation_degrees(G, ["ibm", "apple"])
    {'ibm': {'partnersWith': 1, 'ledBy': 1, 'acquired': 1}, 'apple': {'partnersWith': 1}}
    """
    order = {name: i for i, name in enumerate(RELATIONS)}
    result = {}
    for node in (G if nodes is None else nodes):
        neighbours: dict[str, set] = {}
        # The raw dicts, as networkx's own algorithms read them: quicker than the views.
        for adjacency in ((G._succ, G._pred) if G.is_directed() else (G._adj,)):
            for other, keys in adjacency[node].items():
                if other == node:
                    continue
                for key, data in (keys.items() if G.is_multigraph() else [(None, keys)]):
                    relation = str(data.get("relation") or key)
                    neighbours.setdefault(relation, set()).add(other)
        result[node] = {r: len(neighbours[r])
                        for r in sorted(neighbours, key=lambda r: (order.get(r, len(order)), r))}
    return result


def central_organizations(G: nx.MultiDiGraph, *, k: int | None = 10,
                          relation: str | None = None) -> list[dict]:
    """The *k* most central organizations (all of them when *k* is None).

    Centrality is measured on the simple undirected graph of *relation* (of
    all relations when None; see :func:`graph.network.to_undirected_relation`),
    so a symmetric fact counts the same whichever way it is stored:
    ``pagerank`` weighted by confidence, ``degree`` as the number of distinct
    neighbours, and ``betweenness`` (normalized, unweighted; see
    :func:`betweenness`). On graphs of more than
    :data:`BETWEENNESS_EXACT_LIMIT` nodes betweenness is estimated from a
    sample of source nodes drawn with ``seed=0`` (see
    :func:`betweenness_samples`), so it is approximate but repeatable: each
    row's ``betweenness_sampled`` says so and ``betweenness_sources`` gives
    the number of sources (every node when exact). Each row also has
    ``relations``, the degree per relation in *G* (see
    :func:`relation_degrees`). Every node takes part in the measures; only
    nodes of type ``Organization`` are listed, most central first (by
    pagerank, then betweenness, then name).

    >>> G = nx.MultiDiGraph()
    >>> for name in ["Hub", "A", "B", "C"]:
    ...     G.add_node(name, label=name, type="Organization")
    >>> for leaf in ["A", "B", "C"]:
    ...     _ = G.add_edge("Hub", leaf, key="partnersWith", relation="partnersWith", confidence=0.8)
    >>> top = central_organizations(G, k=2)
    >>> [(row["name"], row["degree"], row["betweenness"]) for row in top]
    [('Hub', 3, 1.0), ('A', 1, 0.0)]
    >>> round(top[0]["pagerank"], 3), top[0]["relations"]
    (0.48, {'partnersWith': 3})
    """
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise QueryError(f"k={k!r} is not a positive whole number; use k >= 1, or None for all")
    if relation is not None:
        check_relation(relation)
    nodes, A = _undirected_matrix(G, relation)
    if not nodes:
        return []
    pagerank = _pagerank(A)
    degree = A.indptr[1:] - A.indptr[:-1]
    between, sources = _betweenness(A)
    rows = [
        {
            "id": node,
            "name": _label(G, node),
            "type": G.nodes[node].get("type"),
            "pagerank": float(pagerank[i]),
            "degree": int(degree[i]),
            "betweenness": float(between[i]),
            "betweenness_sampled": sources < len(nodes),
            "betweenness_sources": sources,
        }
        for i, node in enumerate(nodes)
        if G.nodes[node].get("type") == "Organization"
    ]
    rows.sort(key=lambda r: (-r["pagerank"], -r["betweenness"], r["name"], r["id"]))
    rows = rows if k is None else rows[:k]
    degrees = relation_degrees(G, [r["id"] for r in rows])
    for row in rows:
        row["relations"] = degrees[row["id"]]
    return rows


def betweenness_samples(nodes: int, edges: int) -> int | None:
    """How many sources betweenness samples on a graph this size; None when it is exact.

    Exact up to :data:`BETWEENNESS_EXACT_LIMIT` nodes; above, at most
    :data:`BETWEENNESS_SAMPLES` sources, fewer when the graph has so many
    *edges* that they would cost more than :data:`BETWEENNESS_WORK` (in whole
    blocks of 64 sources, at least one).

    >>> betweenness_samples(1_000, 5_000) is None
    True
    >>> betweenness_samples(20_000, 100_000), betweenness_samples(100_000, 1_000_000)
    (500, 64)
    """
    if nodes <= BETWEENNESS_EXACT_LIMIT:
        return None
    affordable = BETWEENNESS_WORK // max(2 * edges, 1) // _BATCH * _BATCH
    return min(BETWEENNESS_SAMPLES, max(_BATCH, affordable), nodes)


def _betweenness(A):
    """Betweenness of a matrix's rows, sampled above the size limit; and the number of sources."""
    k = betweenness_samples(A.shape[0], A.nnz // 2)
    return _betweenness_of_matrix(A, k=k, seed=0), (A.shape[0] if k is None else k)


def brokers(G: nx.MultiDiGraph, *, k: int | None = 10, relation: str = "partnersWith",
            seed: int = 0, blocs: list[dict] | None = None) -> list[dict]:
    """Organizations that link otherwise separate blocs, by betweenness on the *relation* graph.

    Betweenness (see :func:`betweenness`; sampled above
    :data:`BETWEENNESS_EXACT_LIMIT` nodes) is measured on the simple
    undirected graph of *relation*, and the blocs are those of
    :func:`alliance_blocs` on the same relation (pass *blocs* to reuse ones
    already computed). Each row names the organization (``id``, ``name``),
    its ``betweenness``, ``betweenness_sampled`` and ``betweenness_sources``
    (as in :func:`central_organizations`), its ``degree`` in that
    graph, its own ``bloc`` (None when it is in none) and ``links``: the
    other blocs its neighbours belong to, with how many of them (``{"bloc":
    name, "partners": n}``, most first). Only organizations with a
    betweenness above zero are listed, the *k* highest first (all when *k*
    is None).

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("A1", "A2"), ("A1", "A3"), ("A2", "A3"), ("B1", "B2"), ("B1", "B3"),
    ...              ("B2", "B3"), ("A1", "Hub"), ("B1", "Hub")]:
    ...     _ = G.add_edge(u, v, key="partnersWith", relation="partnersWith", confidence=1.0)
    >>> nx.set_node_attributes(G, {n: n for n in G}, "label")
    >>> nx.set_node_attributes(G, "Organization", "type")
    >>> top = brokers(G, k=1)[0]
    >>> top["name"], round(top["betweenness"], 3), top["bloc"], top["links"]
    ('Hub', 0.6, 'A1 / A2 / A3', [{'bloc': 'B1 / B2 / B3', 'partners': 1}])
    """
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise QueryError(f"k={k!r} is not a positive whole number; use k >= 1, or None for all")
    nodes, A = _undirected_matrix(G, check_relation(relation))
    if A.nnz == 0:
        return []
    between, sources = _betweenness(A)
    if blocs is None:
        blocs, _ = alliance_blocs(G, relation=relation, seed=seed)
    bloc_of = {node: bloc["name"] for bloc in blocs for node in bloc["ids"]}
    ranked = sorted((i for i, node in enumerate(nodes)
                     if between[i] > 0 and G.nodes[node].get("type") == "Organization"),
                    key=lambda i: (-between[i], _label(G, nodes[i]), str(nodes[i])))
    rows = []
    for i in ranked if k is None else ranked[:k]:
        node = nodes[i]
        own = bloc_of.get(node)
        neighbours = (nodes[j] for j in A.indices[A.indptr[i]:A.indptr[i + 1]])
        reached = Counter(bloc_of[other] for other in neighbours
                          if other in bloc_of and bloc_of[other] != own)
        rows.append({
            "id": node,
            "name": _label(G, node),
            "betweenness": float(between[i]),
            "betweenness_sampled": sources < len(nodes),
            "betweenness_sources": sources,
            "degree": int(A.indptr[i + 1] - A.indptr[i]),
            "bloc": own,
            "links": [{"bloc": name, "partners": n}
                      for name, n in sorted(reached.items(), key=lambda item: (-item[1], item[0]))],
        })
    return rows


#: Community methods of :func:`alliance_blocs`.
BLOC_METHODS = ("louvain", "label_propagation")
#: Above this many edges in the partnership graph, blocs come from label propagation:
#: networkx's Louvain (pure Python) takes tens of seconds there.
LOUVAIN_EDGE_LIMIT = 200_000


def bloc_method(edges: int) -> str:
    """The community method :func:`alliance_blocs` uses by default on a graph of *edges* edges.

    >>> bloc_method(5_000), bloc_method(1_000_000)
    ('louvain', 'label_propagation')
    """
    return "louvain" if edges <= LOUVAIN_EDGE_LIMIT else "label_propagation"


def _communities(P: nx.Graph, seed: int, method: str) -> list[set]:
    if method == "label_propagation":
        return list(nx.community.fast_label_propagation_communities(P, weight="weight", seed=seed))
    return nx.community.louvain_communities(P, weight="weight", seed=seed)


def alliance_blocs(G: nx.MultiDiGraph, *, relation: str = "partnersWith",
                   seed: int = 0, method: str | None = None) -> tuple[list[dict], float]:
    """Blocs of allies: communities of the *relation* graph, and their modularity.

    Communities are found on the simple undirected graph of *relation*
    weighted by confidence, by *method*: ``"louvain"`` (Louvain modularity
    optimisation) or ``"label_propagation"`` (networkx's fast label
    propagation: a few times quicker, with a partition of slightly lower
    modularity). By default Louvain up to :data:`LOUVAIN_EDGE_LIMIT` edges,
    label propagation above (see :func:`bloc_method`); ``seed`` makes either
    repeatable. Each bloc is a dict: ``name`` joins the
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
    >>> alliance_blocs(G, method="label_propagation")[0] == blocs
    True
    """
    if method is not None and method not in BLOC_METHODS:
        raise QueryError(f"unknown bloc method {method!r}; use one of {list(BLOC_METHODS)}")
    P = to_undirected_relation(G, check_relation(relation))
    if P.number_of_edges() == 0:
        return [], 0.0
    communities = _communities(P, seed, method or bloc_method(P.number_of_edges()))
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
    for u, neighbours in G._adj.items():  # the raw dicts: quicker than the views
        for v, keys in neighbours.items():
            if u == v:
                continue
            relations = {data.get("relation") or key for key, data in keys.items()}
            if "partnersWith" in relations:
                partners.add((u, v))
            if "rivalOf" in relations:
                rivals.add((u, v))
    # A pair's two facts may be stored in opposite directions.
    pairs = {frozenset(p) for p in partners
             if p in rivals or (p[1], p[0]) in rivals}
    result = []
    for pair in pairs:
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
