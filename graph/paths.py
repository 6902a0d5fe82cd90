"""Explain a connection: the shortest chain of facts linking two entities, with its evidence.

Facts are followed in either direction (a chain may go up a ``ledBy`` and
down a ``worksAt``); of the chains with fewest facts, the one whose facts are
the most confident (the highest product of confidences) is chosen, ties going
to the alphabetically first names, so the answer is the same on every run.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for node in ["Microsoft", "Acme", "VMware"]:
...     G.add_node(node, label=node, type="Organization")
>>> _ = G.add_edge("Acme", "Microsoft", key="partnersWith", relation="partnersWith",
...                confidence=0.85, certainty="confirmed",
...                evidence=[{"text": "Acme is a partner of Microsoft.", "title": "T",
...                           "url": "https://x.example", "confidence": 0.85}])
>>> _ = G.add_edge("Acme", "VMware", key="partnersWith", relation="partnersWith",
...                confidence=0.8, evidence=[{"text": "Acme partners with VMware."}])
>>> [(s["from"], s["relation"], s["to"]) for s in explain_path(G, "microsoft", "VMware")]
[('Microsoft', 'partnersWith', 'Acme'), ('Acme', 'partnersWith', 'VMware')]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from itertools import pairwise

import networkx as nx

from .exceptions import QueryError
from .network import find_entity
from .vocabulary import RELATIONS

__all__ = ["explain_path"]

_ORDER = {name: i for i, name in enumerate(RELATIONS)}


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def _neighbours(G: nx.MultiDiGraph, node) -> Iterator:
    yield from G.succ[node]
    yield from G.pred[node]


def _facts_between(G: nx.MultiDiGraph, u, w) -> Iterator[tuple[bool, str, dict]]:
    """(reversed, relation, data) of every edge joining *u* and *w*, either way."""
    for a, b, is_reversed in ((u, w, False), (w, u, True)):
        for key, data in (G.get_edge_data(a, b) or {}).items():
            relation = str(data.get("relation") or key)
            symmetric = data.get("symmetric", relation in RELATIONS and RELATIONS[relation].symmetric)
            yield (is_reversed and not symmetric), relation, data


def _best_fact(G: nx.MultiDiGraph, u, w) -> tuple[bool, str, dict]:
    return min(
        _facts_between(G, u, w),
        key=lambda f: (-float(f[2].get("confidence", 1.0)), f[2].get("certainty") != "confirmed",
                       _ORDER.get(f[1], len(_ORDER)), f[1], f[0]),
    )


def _step(G: nx.MultiDiGraph, u, w) -> dict:
    is_reversed, relation, data = _best_fact(G, u, w)
    statements = data.get("evidence") or [{}]
    # The most confident statement, confirmed first; among equals the earliest (the list's order).
    shown = min(statements, key=lambda st: (-float(st.get("confidence", 0.0)),
                                            st.get("certainty") != "confirmed"))
    subject, obj = (w, u) if is_reversed else (u, w)
    return {
        "from": _label(G, u), "from_id": u,
        "to": _label(G, w), "to_id": w,
        "relation": relation,
        "reversed": is_reversed,
        "subject": _label(G, subject), "object": _label(G, obj),
        "certainty": data.get("certainty"),
        "confidence": data.get("confidence"),
        "articles": data.get("articles"),
        "evidence": shown.get("text"),
        "article": shown.get("article"),
        "title": shown.get("title"),
        "url": shown.get("url"),
        "date": shown.get("date"),
    }


def explain_path(G: nx.MultiDiGraph, source: str, target: str, *,
                 avoid: Iterable[str] = ("Place",)) -> list[dict]:
    """The shortest chain of facts from *source* to *target*, one dict per fact.

    *source* and *target* are node IRIs or labels, matched as
    :func:`graph.network.find_entity` does. The chain never passes through an
    entity whose type is in *avoid* (by default places: two companies based
    in the same city are not thereby connected), though it may start or end
    at one. Each step says where it goes (``from``, ``to`` and their
    ``from_id``, ``to_id``) and which fact carries it: ``relation``,
    ``subject`` and ``object`` in the fact's own direction (``reversed`` is
    True when that runs against the walk; never for symmetric relations),
    ``certainty``, ``confidence``, ``articles``, and one evidence statement,
    the most confident: ``evidence`` (the sentence), ``article``, ``title``,
    ``url``, ``date``. The same entity at both ends gives an empty list.

    Raises :class:`QueryError` for an unknown or ambiguous name, and when no
    chain links the two.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("Acme", "Ann", key="ledBy", relation="ledBy", confidence=0.9)
    >>> _ = G.add_edge("Ann", "Initech", key="formerlyAt", relation="formerlyAt", confidence=0.8)
    >>> nx.set_node_attributes(G, {n: n for n in G}, "label")
    >>> [(s["subject"], s["relation"], s["object"], s["reversed"])
    ...  for s in explain_path(G, "Initech", "Acme")]
    [('Ann', 'formerlyAt', 'Initech', True), ('Acme', 'ledBy', 'Ann', True)]
    >>> G.add_node("Globex", label="Globex")
    >>> explain_path(G, "Acme", "Globex")
    Traceback (most recent call last):
    ...
    graph.exceptions.QueryError: no chain of facts links 'Acme' and 'Globex'
    """
    s, t = find_entity(G, source), find_entity(G, target)
    if s == t:
        return []
    avoid = frozenset(avoid)

    def passable(node) -> bool:
        return node == t or G.nodes[node].get("type") not in avoid

    # Breadth-first from the source, one level at a time, until the target's level.
    dist = {s: 0}
    frontier = [s]
    while frontier and t not in dist:
        reached = []
        for u in frontier:
            for w in _neighbours(G, u):
                if w not in dist and w != u and passable(w):
                    dist[w] = dist[u] + 1
                    reached.append(w)
        frontier = [w for w in reached if w != t]
    if t not in dist:
        raise QueryError(f"no chain of facts links {_label(G, s)!r} and {_label(G, t)!r}")

    # The nodes on some shortest chain, level by level, back from the target.
    length = dist[t]
    levels = [set() for _ in range(length + 1)]
    levels[length] = {t}
    for depth in range(length, 0, -1):
        levels[depth - 1] = {u for w in levels[depth] for u in _neighbours(G, w)
                             if dist.get(u) == depth - 1 and (u == s or passable(u))}

    # Forward over those levels: the most confident chain, ties to the first names.
    def log_confidence(u, w) -> float:
        return math.log(max(float(_best_fact(G, u, w)[2].get("confidence", 1.0)), 1e-12))

    best = {s: (0.0, (_label(G, s),), (s,))}
    for depth in range(1, length + 1):
        for w in levels[depth]:
            options = []
            for u in set(_neighbours(G, w)) & levels[depth - 1]:
                score, names, chain = best[u]
                options.append((round(score + log_confidence(u, w), 12),
                                names + (_label(G, w),), chain + (w,)))
            best[w] = min(options, key=lambda o: (-o[0], o[1], tuple(map(str, o[2]))))
    chain = best[t][2]
    return [_step(G, u, w) for u, w in pairwise(chain)]
