"""Likely next alliances: partnerships not yet in the graph, ranked by what the graph already says.

The score of a pair of organizations (a, b) adds up, over every entity z
that both are tied to, a vote weighted as in the Adamic–Adar index,
``1 / log(degree of z)``, so a shared partner with few ties counts more than
a hub everyone partners with. The vote's sign follows structural balance:

- z partners with both: **+** (the partner of my partner);
- z is a rival of both: **+** (the rival of my rival is my friend);
- z partners with one and rivals the other: **−** (the partner of my rival).

In matrix form, with S the signed adjacency (+1 partners, −1 rivals, 0 for a
pair that is both) and W the diagonal of the weights, the scores are
``S W S``. Pairs already partners, or one of which acquired the other or is
its subsidiary, are left out; the rest with a positive score are ranked
(rivals included: rivals partner too, and become frenemies).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for u, v in [("Intel", "Microsoft"), ("Intel", "Dell"), ("Dell", "HP"), ("Intel", "HP")]:
...     _ = G.add_edge(u, v, key="partnersWith", relation="partnersWith")
>>> nx.set_node_attributes(G, {n: n for n in G}, "label")
>>> nx.set_node_attributes(G, "Organization", "type")
>>> [(p["a"], p["b"], p["common_partners"]) for p in likely_alliances(G)]
[('Dell', 'Microsoft', ['Intel']), ('HP', 'Microsoft', ['Intel'])]
"""

from __future__ import annotations

import networkx as nx

from .exceptions import QueryError
from .network import find_entity

__all__ = ["EXCLUDING_RELATIONS", "likely_alliances"]

#: Relations after which a partnership is not news: already partners, or one owns the other.
EXCLUDING_RELATIONS = ("partnersWith", "acquired", "subsidiaryOf")
#: Rows of the score matrix computed at once (bounds the memory of ``S W S`` on big graphs).
_CHUNK = 2000


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def _names(G: nx.Graph, nodes) -> list[str]:
    return sorted(_label(G, n) for n in nodes)


def _listed(names: list[str], most: int = 3) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _reason(common_partners, common_rivals, mixed) -> str:
    parts = []
    if common_partners:
        n = len(common_partners)
        parts.append(f"{n} common partner{'s' if n > 1 else ''} ({_listed(common_partners)})")
    if common_rivals:
        n = len(common_rivals)
        parts.append(f"{n} common rival{'s' if n > 1 else ''} ({_listed(common_rivals)}): "
                     "the rival of my rival")
    reason = "; ".join(parts)
    if mixed:
        reason += f"; but {_listed(mixed)} partner{'s' if len(mixed) == 1 else ''} with one and rival{'s' if len(mixed) == 1 else ''} the other"
    return reason


def _signed_ties(G: nx.MultiDiGraph, *, balance: bool) -> tuple[list, list, list, set]:
    """One pass over the edges: (heads, tails, signs) of partner and rival ties, and the excluded pairs."""
    heads, tails, signs, excluded = [], [], [], set()
    for u, neighbours in G._adj.items():  # the raw dicts: quicker than the views on big graphs
        for v, keys in neighbours.items():
            if u == v:
                continue
            for key, data in keys.items():
                relation = data.get("relation") or key
                if relation == "partnersWith":
                    heads.append(u), tails.append(v), signs.append(1.0)
                elif relation == "rivalOf" and balance:
                    heads.append(u), tails.append(v), signs.append(-1.0)
                if relation in EXCLUDING_RELATIONS:
                    excluded.add((u, v))
    return heads, tails, signs, excluded


def _ties(G: nx.MultiDiGraph, node, *, balance: bool) -> tuple[set, set]:
    """The partners and (with *balance*) the rivals of one node."""
    partners, rivals = set(), set()
    for adjacency in (G.succ, G.pred):
        for other, keys in adjacency[node].items():
            if other == node:
                continue
            for key, data in keys.items():
                relation = data.get("relation") or key
                if relation == "partnersWith":
                    partners.add(other)
                elif relation == "rivalOf" and balance:
                    rivals.add(other)
    return partners, rivals


def likely_alliances(G: nx.MultiDiGraph, *, k: int | None = 10, org: str | None = None,
                     balance: bool = True) -> list[dict]:
    """Organization pairs not yet partners, most likely to partner first.

    Scores are described in the module's docstring; with ``balance=False``
    only common partners vote (plain Adamic–Adar on the partnership graph).
    Both ends must be organizations; *org* (an IRI or a label, see
    :func:`graph.network.find_entity`) keeps the pairs that include it. Each
    item names the pair in alphabetical order (``a``, ``b``, ``a_id``,
    ``b_id``) and gives its ``score``; the labels of the ``common_partners``,
    ``common_rivals`` and ``mixed`` entities (partner of one, rival of the
    other); the ``jaccard`` index of their partner sets; whether they are
    ``rivals`` already (a partnership would make them frenemies); and a
    ``reason`` in words. Items come by score, then by names; *k* keeps the first *k* (all
    when None).

    Raises :class:`QueryError` for a bad *k* or an unknown *org*.

    >>> G = nx.MultiDiGraph()
    >>> for a, b in [("Microsoft", "Google"), ("Amazon", "Google")]:
    ...     _ = G.add_edge(a, b, key="rivalOf", relation="rivalOf")
    >>> nx.set_node_attributes(G, {n: n for n in G}, "label")
    >>> nx.set_node_attributes(G, "Organization", "type")
    >>> [(p["a"], p["b"], p["reason"]) for p in likely_alliances(G)]
    [('Amazon', 'Microsoft', '1 common rival (Google): the rival of my rival')]
    >>> likely_alliances(G, balance=False)
    []
    """
    import numpy as np
    from scipy import sparse

    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise QueryError(f"k={k!r} is not a positive whole number; use k >= 1, or None for all")
    focus = find_entity(G, org) if org is not None else None
    heads, tails, signs, excluded = _signed_ties(G, balance=balance)
    nodes = list(dict.fromkeys(heads + tails))
    if not nodes or (focus is not None and focus not in set(nodes)):
        return []
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    i = np.fromiter((index[u] for u in heads), dtype=np.int64, count=len(heads))
    j = np.fromiter((index[v] for v in tails), dtype=np.int64, count=len(tails))
    rows, cols = np.concatenate([i, j]), np.concatenate([j, i])
    # Summing: a pair stored both ways counts twice, a pair both partners and rivals cancels out.
    S = sparse.csr_array((np.concatenate([signs, signs]), (rows, cols)), shape=(n, n))
    S.sum_duplicates()
    S.data = np.sign(S.data)
    links = sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    links.sum_duplicates()
    degree = np.diff(links.indptr)
    # Every common neighbour has two ties at least, so its log-degree is positive.
    weights = np.where(degree >= 2, 1.0 / np.log(np.maximum(degree, 2)), 0.0)
    SW = S @ sparse.diags_array(weights)
    pairs = [(index[u], index[v]) for u, v in excluded if u in index and v in index]
    ends = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    E = sparse.csr_array((np.ones(2 * len(ends)), (np.concatenate([ends[:, 0], ends[:, 1]]),
                                                   np.concatenate([ends[:, 1], ends[:, 0]]))),
                         shape=(n, n))
    E.sum_duplicates()
    E.data[:] = 1.0
    is_org = np.array([G.nodes[node].get("type") == "Organization" for node in nodes])

    candidates: list[tuple[float, int, int]] = []
    row_blocks = [np.array([index[focus]])] if focus is not None else [
        np.arange(start, min(start + _CHUNK, n)) for start in range(0, n, _CHUNK)]
    for block in row_blocks:
        scores = SW[block] @ S
        scores = (scores - scores.multiply(E[block])).tocoo()  # drop pairs already tied
        r, c, values = block[scores.row], scores.col, scores.data
        keep = (values > 1e-12) & is_org[r] & is_org[c] & (r != c)
        if focus is None:
            keep &= r < c  # each pair once
        r, c, values = r[keep], c[keep], values[keep]
        if k is not None and len(values) > k:
            # What could still make the top k overall, with every tie at the cut.
            cut = np.partition(values, len(values) - k)[len(values) - k]
            top = values >= cut
            r, c, values = r[top], c[top], values[top]
        candidates.extend(zip(values.tolist(), r.tolist(), c.tolist()))

    result = []
    cache: dict = {}

    def ties(node):
        if node not in cache:
            cache[node] = _ties(G, node, balance=balance)
        return cache[node]

    for score, i, j in candidates:
        a, b = nodes[i], nodes[j]
        (pa, ra), (pb, rb) = ties(a), ties(b)
        common_partners = _names(G, (pa & pb) - (ra | rb))
        common_rivals = _names(G, (ra & rb) - (pa | pb))
        mixed = _names(G, ((pa & rb) | (ra & pb)) - ((pa & ra) | (pb & rb)))
        union = pa | pb
        reason = _reason(common_partners, common_rivals, mixed)
        rivals_now = b in ra or a in rb
        if rivals_now:
            reason += "; they are rivals today (partners would make them frenemies)"
        if _label(G, b) < _label(G, a) or (_label(G, a) == _label(G, b) and str(b) < str(a)):
            a, b = b, a
        result.append({
            "a": _label(G, a), "b": _label(G, b), "a_id": a, "b_id": b,
            "score": round(float(score), 6),
            "common_partners": common_partners,
            "common_rivals": common_rivals,
            "mixed": mixed,
            "jaccard": round(len(pa & pb) / len(union), 6) if union else 0.0,
            "rivals": rivals_now,
            "reason": reason,
        })
    result.sort(key=lambda p: (-p["score"], p["a"], p["b"], str(p["a_id"]), str(p["b_id"])))
    return result if k is None else result[:k]
