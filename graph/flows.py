"""Talent flows: people who moved between organizations, summed into organization → organization flows.

A move is a person with a past organization (``formerlyAt``) and a current
one (``worksAt``, and by default also an organization ``ledBy`` them: leading
a company is working there). Moves between the same two organizations are
added up into one flow that names its people.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for node, label, kind in [("e:jane", "Jane Roe", "Person"),
...                           ("e:vmware", "VMware", "Organization"),
...                           ("e:ms", "Microsoft", "Organization")]:
...     G.add_node(node, label=label, type=kind)
>>> _ = G.add_edge("e:jane", "e:vmware", key="formerlyAt", relation="formerlyAt")
>>> _ = G.add_edge("e:jane", "e:ms", key="worksAt", relation="worksAt")
>>> [(f["from"], f["to"], f["people"]) for f in talent_flows(G)]
[('VMware', 'Microsoft', ['Jane Roe'])]
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from .exceptions import QueryError

__all__ = ["CURRENT_RELATIONS", "talent_flows", "talent_balance"]

#: The relations that can say where a person is now (``ledBy`` read backwards: the organization is led by them).
CURRENT_RELATIONS = ("worksAt", "ledBy")


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def _relation(key, data) -> str:
    return str(data.get("relation") or key)


def _texts(data: dict) -> list[str]:
    return [e["text"] for e in data.get("evidence", ()) if e.get("text")]


def _moves(G: nx.MultiDiGraph, via) -> dict[tuple, dict]:
    """(from, to) → {person: [evidence sentences]} for every person with a past and a current place."""
    via = tuple(via)
    for name in via:
        if name not in CURRENT_RELATIONS:
            raise QueryError(f"via={name!r} cannot say where a person works now; "
                             f"use some of {list(CURRENT_RELATIONS)}")
    flows: dict[tuple, dict] = defaultdict(dict)
    for person, kind in G.nodes(data="type"):
        if kind not in (None, "Person"):  # only people are formerly at a place (and it is quicker)
            continue
        past: dict = {}
        for org, keys in G.succ[person].items():
            for key, data in keys.items():
                if _relation(key, data) == "formerlyAt":
                    past.setdefault(org, []).extend(_texts(data))
        if not past:
            continue
        now: dict = {}
        if "worksAt" in via:
            for org, keys in G.succ[person].items():
                for key, data in keys.items():
                    if _relation(key, data) == "worksAt":
                        now.setdefault(org, []).extend(_texts(data))
        if "ledBy" in via:
            for org, keys in G.pred[person].items():
                for key, data in keys.items():
                    if _relation(key, data) == "ledBy":
                        now.setdefault(org, []).extend(_texts(data))
        for source, before in past.items():
            for target, after in now.items():
                if source != target:
                    flows[(source, target)][person] = list(dict.fromkeys(before + after))
    return flows


def talent_flows(G: nx.MultiDiGraph, *, via=CURRENT_RELATIONS, k: int | None = None) -> list[dict]:
    """Organization → organization flows of people, largest first.

    A person formerly at A (``formerlyAt``) who is now at B makes one move
    from A to B, for every such A and B that differ; "now at" follows the
    relations in *via* (``worksAt``: the person works at B; ``ledBy``: B is
    led by the person). Each flow is a dict: ``from``, ``to`` (labels) and
    ``from_id``, ``to_id``; ``count``; ``people`` and ``people_ids``,
    sorted by name; and ``evidence``, the distinct sentences of both facts of
    every move. Flows come by count, then by the names of their ends; *k*
    keeps the first *k*.

    Raises :class:`QueryError` for a relation in *via* that does not say
    where a person works now.

    >>> G = nx.MultiDiGraph()
    >>> for person in ["Rod", "Jim"]:
    ...     _ = G.add_edge(person, "TI", key="formerlyAt", relation="formerlyAt")
    ...     _ = G.add_edge("Compaq", person, key="ledBy", relation="ledBy")
    >>> _ = G.add_edge("Jim", "Compaq", key="formerlyAt", relation="formerlyAt")
    >>> [(f["from"], f["to"], f["count"], f["people"]) for f in talent_flows(G)]
    [('TI', 'Compaq', 2, ['Jim', 'Rod'])]
    >>> talent_flows(G, via=["worksAt"])
    []
    """
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise QueryError(f"k={k!r} is not a positive whole number; use k >= 1, or None for all")
    if isinstance(via, str):
        via = (via,)
    result = []
    for (source, target), people in _moves(G, via).items():
        ranked = sorted(people, key=lambda p: (_label(G, p), p))
        result.append({
            "from": _label(G, source),
            "from_id": source,
            "to": _label(G, target),
            "to_id": target,
            "count": len(ranked),
            "people": [_label(G, p) for p in ranked],
            "people_ids": ranked,
            "evidence": list(dict.fromkeys(text for p in ranked for text in people[p])),
        })
    result.sort(key=lambda f: (-f["count"], f["from"], f["to"], f["from_id"], f["to_id"]))
    return result if k is None else result[:k]


def talent_balance(G: nx.MultiDiGraph, *, via=CURRENT_RELATIONS) -> list[dict]:
    """Per organization: people ``gained`` and ``lost`` through moves, and the ``net``.

    Moves are those of :func:`talent_flows` (a person counts once per pair of
    organizations). Rows (``id``, ``name``, ``gained``, ``lost``, ``net``)
    come by net gain, then by name.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("Ray", "VMware", key="formerlyAt", relation="formerlyAt")
    >>> _ = G.add_edge("Ray", "Microsoft", key="worksAt", relation="worksAt")
    >>> [(r["name"], r["net"]) for r in talent_balance(G)]
    [('Microsoft', 1), ('VMware', -1)]
    """
    if isinstance(via, str):
        via = (via,)
    gained, lost = Counter(), Counter()
    for (source, target), people in _moves(G, via).items():
        lost[source] += len(people)
        gained[target] += len(people)
    rows = [{"id": org, "name": _label(G, org), "gained": gained[org], "lost": lost[org],
             "net": gained[org] - lost[org]} for org in set(gained) | set(lost)]
    rows.sort(key=lambda r: (-r["net"], r["name"], r["id"]))
    return rows
