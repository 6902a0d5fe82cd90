"""Parts of the graph worth a page of their own: an entity's neighbourhood, a bloc.

Plain functions over the :class:`networkx.MultiDiGraph` of
``docs/network-format.md``, returning graphs of the same shape, ready for
:func:`graph.render.render_html`:

- :func:`find_entity` turns a name typed by a person into a node, or raises
  :class:`graph.exceptions.QueryError` listing the names that come close;
- :func:`ego_view` keeps an entity and everything within *depth* facts of it,
  whichever way the facts point;
- :func:`bloc_view` keeps a set of entities and the facts among them.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for iri, label in [("e:ms", "Microsoft"), ("e:vm", "VMware"), ("e:dell", "Dell")]:
...     G.add_node(iri, label=label, type="Organization")
>>> _ = G.add_edge("e:ms", "e:vm", key="partnersWith", relation="partnersWith")
>>> _ = G.add_edge("e:dell", "e:vm", key="acquired", relation="acquired")
>>> sorted(ego_view(G, find_entity(G, "microsoft"), depth=1))
['e:ms', 'e:vm']
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterable

import networkx as nx

from .exceptions import QueryError

__all__ = ["find_entity", "ego_view", "bloc_view"]

_MAX_SUGGESTIONS = 5


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def find_entity(G: nx.Graph, name: str) -> Hashable:
    """The node of *G* called *name*: its IRI, or its label in any letter case.

    Raises :class:`graph.exceptions.QueryError` when no entity has that name
    (the message lists up to five close matches: similar spellings, and
    labels containing *name*) or when several entities share it (the message
    lists their IRIs, which can be given instead).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:ms", label="Microsoft", type="Organization")
    >>> G.add_node("e:win", label="Microsoft Windows", type="Product")
    >>> find_entity(G, "MICROSOFT"), find_entity(G, "e:win")
    ('e:ms', 'e:win')
    >>> find_entity(G, "Microsfot")
    Traceback (most recent call last):
    ...
    graph.exceptions.QueryError: no entity named 'Microsfot'; close matches: 'Microsoft', 'Microsoft Windows'
    """
    if not isinstance(name, str) or not name.strip():
        raise QueryError(f"entity name {name!r} is empty; give a label such as 'Microsoft' or an IRI")
    if name in G:
        return name
    wanted = name.strip().casefold()
    by_label: dict[str, list] = {}
    for node in G:
        by_label.setdefault(_label(G, node).casefold(), []).append(node)
    found = by_label.get(wanted, [])
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f"{str(n)!r} ({G.nodes[n].get('type', 'entity')})" for n in sorted(found, key=str))
        raise QueryError(f"{len(found)} entities are named {name!r}: {listed}; give the IRI of one")
    raise QueryError(f"no entity named {name!r}; " + _suggestions(G, by_label, wanted))


def _suggestions(G: nx.Graph, by_label: dict[str, list], wanted: str) -> str:
    close = difflib.get_close_matches(wanted, list(by_label), n=_MAX_SUGGESTIONS, cutoff=0.6)
    # then labels containing the name, most connected first
    containing = sorted(
        (key for key in by_label if wanted in key and key not in close),
        key=lambda key: (-max(G.degree(n) for n in by_label[key]), key),
    )
    keys = (close + containing)[:_MAX_SUGGESTIONS]
    if not keys:
        return f"no name among the {G.number_of_nodes()} entities comes close"
    names = [_label(G, by_label[key][0]) for key in keys]
    return "close matches: " + ", ".join(repr(n) for n in names)


def ego_view(G: nx.MultiDiGraph, entity: Hashable, *, depth: int = 1) -> nx.MultiDiGraph:
    """*entity* and every entity at most *depth* facts away, with all facts among them.

    Distance counts facts in either direction (the undirected view of *G*), so
    the people leading an organization and the company that acquired it are
    both one step away. The result is a copy with the same attributes, and
    ``graph["focus"]``/``graph["depth"]`` record the view.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="partnersWith")
    >>> _ = G.add_edge("c", "b", key="acquired")
    >>> _ = G.add_edge("c", "d", key="ledBy")
    >>> sorted(ego_view(G, "a", depth=2)), ego_view(G, "a", depth=2).graph["focus"]
    (['a', 'b', 'c'], 'a')
    >>> ego_view(G, "a", depth=-1)
    Traceback (most recent call last):
    ...
    graph.exceptions.QueryError: depth=-1 is not a whole number >= 0
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise QueryError(f"depth={depth!r} is not a whole number >= 0")
    if entity not in G:
        raise QueryError(f"{entity!r} is not a node of the graph; look it up with find_entity first")
    around = nx.ego_graph(G.to_undirected(as_view=True), entity, radius=depth)
    view = G.subgraph(around.nodes).copy()
    view.graph.update(focus=entity, depth=depth)
    return view


def bloc_view(G: nx.MultiDiGraph, members: Iterable[Hashable]) -> nx.MultiDiGraph:
    """The entities *members* (those in *G*) and every fact among them, as a copy.

    Meant for the ``ids`` of a bloc from :func:`graph.analysis.alliance_blocs`:
    the bloc is found from partnerships, the view shows all relations inside it.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="partnersWith")
    >>> _ = G.add_edge("a", "b", key="rivalOf")
    >>> _ = G.add_edge("b", "c", key="partnersWith")
    >>> sorted(bloc_view(G, ["a", "b", "zz"]).edges(keys=True))
    [('a', 'b', 'partnersWith'), ('a', 'b', 'rivalOf')]
    """
    return G.subgraph([m for m in members if m in G]).copy()
