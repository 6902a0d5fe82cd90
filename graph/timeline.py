"""The network over time: new facts per period, and one organization's partners and rivals over time.

Time comes from the articles: a fact is placed at its ``first_seen`` date,
the earliest date of an article stating it (see ``docs/network-format.md``).
Facts only stated by undated articles cannot be placed; they are counted in
a last row whose ``period`` is None.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> _ = G.add_edge("a", "b", key="partnersWith", relation="partnersWith", first_seen="2014-07-15")
>>> _ = G.add_edge("a", "c", key="rivalOf", relation="rivalOf", first_seen="2015-01-10")
>>> _ = G.add_edge("b", "c", key="rivalOf", relation="rivalOf", first_seen=None)
>>> [(row["period"], row["new_facts"], row["facts"]) for row in facts_per_period(G)]
[('2014', 1, 1), ('2015', 1, 2), (None, 1, 3)]
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from .exceptions import QueryError
from .network import find_entity
from .vocabulary import RELATIONS

__all__ = ["PERIODS", "facts_per_period", "organization_timeline"]

#: Period name → length of the ISO date prefix that names one period.
PERIODS = {"year": 4, "month": 7}


def _period_of(date, period: str) -> str | None:
    if period not in PERIODS:
        raise QueryError(f"unknown period {period!r}; use one of {list(PERIODS)}")
    if not date or len(str(date)) < PERIODS[period]:
        return None
    return str(date)[: PERIODS[period]]


def _ordered(periods):
    """Dated periods in order, then None (undated) last."""
    return sorted(periods, key=lambda p: (p is None, p or ""))


def _edges(G: nx.Graph):
    """(key, data) of every edge once."""
    if G.is_directed() and G.is_multigraph():
        # The raw dicts, as networkx's own algorithms read them: quicker than the views.
        return ((key, data) for neighbours in G._adj.values()
                for keys in neighbours.values() for key, data in keys.items())
    if G.is_multigraph():
        return ((key, data) for _, _, key, data in G.edges(keys=True, data=True))
    return ((None, data) for _, _, data in G.edges(data=True))


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def facts_per_period(G: nx.MultiDiGraph, *, period: str = "year") -> list[dict]:
    """How many facts were first seen in each *period* (``"year"`` or ``"month"``).

    One row per period that has new facts, oldest first: ``period``
    (``"2014"`` or ``"2014-07"``), ``new_facts``, ``facts`` (the running
    total) and ``by_relation`` (new facts per relation, vocabulary order).
    Undated facts come last, in a row whose ``period`` is None.

    Raises :class:`QueryError` for another *period*.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="partnersWith", relation="partnersWith", first_seen="2014-07-15")
    >>> _ = G.add_edge("a", "c", key="acquired", relation="acquired", first_seen="2014-09-01")
    >>> [(r["period"], r["by_relation"]) for r in facts_per_period(G, period="month")]
    [('2014-07', {'partnersWith': 1}), ('2014-09', {'acquired': 1})]
    >>> facts_per_period(G, period="week")
    Traceback (most recent call last):
    ...
    graph.exceptions.QueryError: unknown period 'week'; use one of ['year', 'month']
    """
    _period_of(None, period)  # checks the name even on an empty graph
    counts: dict = defaultdict(Counter)
    cut = PERIODS[period]
    for key, data in _edges(G):
        seen = data.get("first_seen")
        when = str(seen)[:cut] if seen and len(str(seen)) >= cut else None
        counts[when][str(data.get("relation") or key)] += 1
    order = {name: i for i, name in enumerate(RELATIONS)}
    rows, total = [], 0
    for when in _ordered(counts):
        new = sum(counts[when].values())
        total += new
        rows.append({
            "period": when,
            "new_facts": new,
            "facts": total,
            "by_relation": {r: counts[when][r]
                            for r in sorted(counts[when], key=lambda r: (order.get(r, len(order)), r))},
        })
    return rows


def organization_timeline(G: nx.MultiDiGraph, org: str, *, period: str = "year") -> list[dict]:
    """An organization's partners and rivals over time, one row per period in which some were new.

    *org* is an IRI or a label (see :func:`graph.network.find_entity`). Each
    row has the ``period``, the ``new_partners`` and ``new_rivals`` first
    seen in it (labels, sorted) and the running counts ``partners`` and
    ``rivals``. Ties only stated by undated articles come last, in a row
    whose ``period`` is None.

    Raises :class:`QueryError` for an unknown or ambiguous *org*, or another
    *period* than ``"year"`` or ``"month"``.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("IBM", "Apple", key="partnersWith", relation="partnersWith", first_seen="1991-10-02")
    >>> _ = G.add_edge("Apple", "Microsoft", key="rivalOf", relation="rivalOf", first_seen="1988-03-17")
    >>> _ = G.add_edge("Apple", "Motorola", key="partnersWith", relation="partnersWith", first_seen="1991-10-02")
    >>> nx.set_node_attributes(G, {n: n for n in G}, "label")
    >>> for row in organization_timeline(G, "apple"):
    ...     print(row["period"], row["new_partners"], row["partners"], row["new_rivals"], row["rivals"])
    1988 [] 0 ['Microsoft'] 1
    1991 ['IBM', 'Motorola'] 2 [] 1
    """
    _period_of(None, period)
    node = find_entity(G, org)
    first: dict[str, dict] = {"partnersWith": {}, "rivalOf": {}}
    for u, v, key, data in [*G.out_edges(node, keys=True, data=True),
                            *G.in_edges(node, keys=True, data=True)]:
        relation = str(data.get("relation") or key)
        other = v if u == node else u
        if relation not in first or other == node:
            continue
        seen = data.get("first_seen")
        known = first[relation].get(other, "")
        # The earliest date wins; an undated tie ("") only when there is no dated one.
        if other not in first[relation] or (seen and (not known or seen < known)):
            first[relation][other] = seen or ""
    news: dict = defaultdict(lambda: {"partnersWith": [], "rivalOf": []})
    for relation, dates in first.items():
        for other, seen in dates.items():
            news[_period_of(seen, period)][relation].append(_label(G, other))
    rows, partners, rivals = [], 0, 0
    for when in _ordered(news):
        new_partners = sorted(news[when]["partnersWith"])
        new_rivals = sorted(news[when]["rivalOf"])
        partners += len(new_partners)
        rivals += len(new_rivals)
        rows.append({"period": when, "new_partners": new_partners, "partners": partners,
                     "new_rivals": new_rivals, "rivals": rivals})
    return rows
