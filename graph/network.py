"""The store as a networkx graph: one edge per fact, its statements folded in.

:func:`project` reads the store with two SPARQL SELECTs (statements, then
entities) and builds the :class:`networkx.MultiDiGraph` described in
``docs/network-format.md``: nodes keyed by entity IRI with ``label`` and
``type``; one edge per (subject, relation, object) keyed by the relation name,
symmetric relations once from the smaller IRI to the larger, each edge
carrying its combined ``certainty`` and ``confidence``, the number of
``articles``, ``first_seen``/``last_seen`` and the ``evidence`` of every
supporting statement.

>>> from graph.records import Article, Entity, Fact
>>> from graph.rdf import article_graph
>>> from graph.store import open_store
>>> store = open_store("memory:")
>>> ibm, apple = Entity("IBM", "Organization"), Entity("Apple", "Organization")
>>> for text, date in [("Apple and IBM team up.", "2014-07-15"),
...                    ("IBM and Apple extend their deal.", "2015-01-10")]:
...     fact = Fact(ibm, "partnersWith", apple, confidence=0.5, evidence=text)
...     store.replace_graph(article_graph(Article(text, date=date), [fact]))
>>> G = project(store)
>>> [(G.nodes[u]["label"], G.nodes[v]["label"], k) for u, v, k in G.edges(keys=True)]
[('Apple', 'IBM', 'partnersWith')]
>>> edge = G.edges["https://w3id.org/alliances/entity/apple",
...                "https://w3id.org/alliances/entity/ibm", "partnersWith"]
>>> edge["articles"], edge["confidence"], edge["first_seen"], edge["last_seen"]
(2, 0.75, '2014-07-15', '2015-01-10')
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx

from .exceptions import QueryError
from .vocabulary import ALLY, CERTAINTIES, ENTITY_TYPES, RELATIONS

if TYPE_CHECKING:  # the store module pulls in rdflib; only its type is needed here
    from .store import Store

__all__ = [
    "project",
    "organizations",
    "to_undirected_relation",
    "check_relation",
    "find_entity",
]

_ALLY = str(ALLY._NS)
_DATE_OPTION = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})")

_STATEMENTS_QUERY = """
SELECT ?statement ?s ?p ?o ?evidence ?confidence ?certainty ?article ?title ?url ?date
WHERE {
  VALUES ?p { %s }
  ?statement a ally:Statement ;
             rdf:subject ?s ;
             rdf:predicate ?p ;
             rdf:object ?o .
  OPTIONAL { ?statement ally:evidence ?evidence }
  OPTIONAL { ?statement ally:confidence ?confidence }
  OPTIONAL { ?statement ally:certainty ?certainty }
  OPTIONAL {
    ?statement prov:wasDerivedFrom ?article .
    OPTIONAL { ?article dcterms:title ?title }
    OPTIONAL { ?article schema:url ?url }
    OPTIONAL { ?article dcterms:issued ?date }
  }
}
"""

_ENTITIES_QUERY = """
SELECT ?entity ?type ?label
WHERE {
  VALUES ?type { %s }
  ?entity a ?type .
  OPTIONAL { ?entity rdfs:label ?label }
}
""" % " ".join(f"ally:{t}" for t in ENTITY_TYPES)


def check_relation(relation: str) -> str:
    """Return *relation* if it is a relation name, else raise :class:`QueryError`.

    >>> check_relation("rivalOf")
    'rivalOf'
    >>> check_relation("partnerWith")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.exceptions.QueryError: unknown relation 'partnerWith'; use one of ['partnersWith', 'rivalOf', ...]
    """
    if relation not in RELATIONS:
        raise QueryError(f"unknown relation {relation!r}; use one of {list(RELATIONS)}")
    return relation


def _check_options(relations, certainty, min_confidence, since, until) -> tuple[str, ...]:
    if relations is None:
        wanted = tuple(RELATIONS)
    else:
        if isinstance(relations, str):  # one name, not an iterable of letters
            relations = (relations,)
        wanted = tuple(dict.fromkeys(check_relation(r) for r in relations))
    if certainty is not None and certainty not in CERTAINTIES:
        raise QueryError(f"unknown certainty {certainty!r}; use one of {list(CERTAINTIES)}")
    if (isinstance(min_confidence, bool) or not isinstance(min_confidence, (int, float))
            or not 0.0 <= min_confidence <= 1.0):
        raise QueryError(f"min_confidence {min_confidence!r} is not a number within [0, 1]")
    for name, value in (("since", since), ("until", until)):
        if value is not None and not (isinstance(value, str) and _DATE_OPTION.match(value)):
            raise QueryError(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return wanted


def _iso_date(value: object) -> str | None:
    """The ``YYYY-MM-DD`` part of an article date, or None when it has none."""
    if value is None:
        return None
    match = _ISO_DATE_PREFIX.match(str(value))
    return match.group(1) if match else None


def _in_window(date: str | None, since: str | None, until: str | None) -> bool:
    # Comparing equal-length prefixes makes "2020" mean the whole year on both ends.
    if since is None and until is None:
        return True
    if date is None:
        return False
    if since is not None and date[: len(since)] < since:
        return False
    if until is not None and date[: len(until)] > until:
        return False
    return True


def _local_name(iri: object) -> str:
    text = str(iri)
    return text[len(_ALLY):] if text.startswith(_ALLY) else text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _noisy_or(confidences: Iterable[float]) -> float:
    return round(1.0 - math.prod(1.0 - c for c in confidences), 6)


def _entities(store: "Store") -> dict[str, tuple[str, str | None]]:
    """Entity IRI → (type, fullest label) read from the store."""
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for entity, type_iri, label in store.query(_ENTITIES_QUERY).rows:
        types[entity].add(_local_name(type_iri))
        if label:
            labels[entity].add(str(label))
    result = {}
    for entity, found in types.items():
        # An entity typed differently by two articles takes the first type in vocabulary order.
        kind = next(t for t in ENTITY_TYPES if t in found)
        # The fullest name is the longest; ties go to the alphabetically first, for stability.
        label = min(labels[entity], key=lambda s: (-len(s), s)) if labels[entity] else None
        result[entity] = (kind, label)
    return result


def project(
    store: "Store",
    *,
    relations: Iterable[str] | None = None,
    certainty: str | None = None,
    min_confidence: float = 0.0,
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph:
    """Project the store's facts onto a :class:`networkx.MultiDiGraph` (see ``docs/network-format.md``).

    Statements are filtered first, by *relations* (names from
    :data:`graph.vocabulary.RELATIONS`) and by their article's date: *since*
    and *until* (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, both inclusive) keep
    statements from articles dated within the window, and drop those from
    undated articles. The kept statements of one fact are then combined into
    one edge, and edges are filtered on the combined values: *certainty*
    (``"confirmed"`` or ``"reported"``) must equal the edge's certainty, and
    its confidence must be at least *min_confidence*. Nodes are the entities
    at either end of a kept edge. The options used are kept in
    ``G.graph["filters"]``.

    Raises :class:`graph.exceptions.QueryError` for an unknown relation or
    certainty, a confidence outside [0, 1] or a malformed date.

    >>> from graph.records import Article, Entity, Fact
    >>> from graph.rdf import article_graph
    >>> from graph.store import open_store
    >>> store = open_store("memory:")
    >>> ms, vm = Entity("Microsoft", "Organization"), Entity("VMware", "Organization")
    >>> art = Article("Microsoft may partner with VMware. Microsoft rivals VMware.")
    >>> store.replace_graph(article_graph(art, [
    ...     Fact(ms, "partnersWith", vm, certainty="reported", confidence=0.6),
    ...     Fact(ms, "rivalOf", vm, confidence=0.9)]))
    >>> sorted(k for _, _, k in project(store).edges(keys=True))
    ['partnersWith', 'rivalOf']
    >>> [k for _, _, k in project(store, certainty="confirmed").edges(keys=True)]
    ['rivalOf']
    >>> project(store, relations=["partnersWith"], min_confidence=0.7).number_of_edges()
    0
    >>> project(store, certainty="rumoured")
    Traceback (most recent call last):
    ...
    graph.exceptions.QueryError: unknown certainty 'rumoured'; use one of ['reported', 'confirmed']
    """
    wanted = _check_options(relations, certainty, min_confidence, since, until)
    G = nx.MultiDiGraph()
    G.graph["filters"] = {
        "relations": list(wanted), "certainty": certainty,
        "min_confidence": min_confidence, "since": since, "until": until,
    }
    if not wanted:
        return G

    result = store.query(_STATEMENTS_QUERY % " ".join(f"ally:{r}" for r in wanted))
    seen_statements: set[str] = set()
    grouped: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    # Sorting makes the graph's node and edge order the same on every backend.
    for row in sorted(result.records(), key=lambda r: tuple("" if v is None else str(v) for v in r.values())):
        if row["statement"] in seen_statements:  # an article with two titles or dates
            continue
        seen_statements.add(row["statement"])
        date = _iso_date(row["date"])
        if not _in_window(date, since, until):
            continue
        relation = _local_name(row["p"])
        s, o = str(row["s"]), str(row["o"])
        if RELATIONS[relation].symmetric and o < s:
            s, o = o, s
        level = _local_name(row["certainty"]) if row["certainty"] is not None else "reported"
        grouped[(s, relation, o)].append({
            "text": row["evidence"] or "",
            "article": row["article"],
            "title": row["title"],
            "url": row["url"],
            "date": None if row["date"] is None else str(row["date"]),
            "certainty": level if level in CERTAINTIES else "reported",
            "confidence": float(row["confidence"] or 0.0),
            "_source": row["article"] or row["statement"],
            "_iso": date,
        })

    entities = _entities(store) if grouped else {}
    for (s, relation, o), statements in sorted(grouped.items()):
        best_per_source: dict[str, float] = {}
        for st in statements:
            source = st["_source"]
            best_per_source[source] = max(best_per_source.get(source, 0.0), st["confidence"])
        confidence = _noisy_or(best_per_source.values())
        level = "confirmed" if any(st["certainty"] == "confirmed" for st in statements) else "reported"
        if certainty is not None and level != certainty:
            continue
        if confidence < min_confidence:
            continue
        dates = sorted(st["_iso"] for st in statements if st["_iso"])
        statements.sort(key=lambda st: (st["_iso"] is None, st["_iso"] or "", str(st["article"]), st["text"]))
        for node, end in ((s, RELATIONS[relation].domain), (o, RELATIONS[relation].range)):
            if node not in G:
                kind, label = entities.get(node, (end[0], None))
                G.add_node(node, label=label or _local_name(node), type=kind)
        G.add_edge(
            s, o, key=relation,
            relation=relation,
            symmetric=RELATIONS[relation].symmetric,
            certainty=level,
            confidence=confidence,
            articles=len(best_per_source),
            first_seen=dates[0] if dates else None,
            last_seen=dates[-1] if dates else None,
            evidence=[{k: v for k, v in st.items() if not k.startswith("_")} for st in statements],
        )
    return G


def organizations(G: nx.Graph) -> list[str]:
    """The IRIs of the nodes of type ``Organization``, sorted by label.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:ibm", label="IBM", type="Organization")
    >>> G.add_node("e:ginni", label="Ginni Rometty", type="Person")
    >>> G.add_node("e:apple", label="Apple", type="Organization")
    >>> organizations(G)
    ['e:apple', 'e:ibm']
    """
    return sorted((n for n, kind in G.nodes(data="type") if kind == "Organization"),
                  key=lambda n: (str(G.nodes[n].get("label", n)), n))


def to_undirected_relation(G: nx.MultiDiGraph, relation: str | None) -> nx.Graph:
    """A simple undirected graph of one *relation* (all relations when None).

    Nodes are the entities with at least one such edge (every node of *G*
    when *relation* is None), with their attributes; each edge's ``weight``
    is its ``confidence`` (the highest, when several edges join the pair).
    Self-loops are dropped.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"label": "A"}), ("b", {"label": "B"}), ("p", {"label": "P"})])
    >>> G.add_edge("a", "b", key="partnersWith", relation="partnersWith", confidence=0.8)
    'partnersWith'
    >>> G.add_edge("a", "b", key="rivalOf", relation="rivalOf", confidence=0.5)
    'rivalOf'
    >>> G.add_edge("p", "a", key="worksAt", relation="worksAt", confidence=0.9)
    'worksAt'
    >>> P = to_undirected_relation(G, "partnersWith")
    >>> sorted(P.nodes), P.edges["a", "b"]["weight"]
    (['a', 'b'], 0.8)
    >>> sorted(to_undirected_relation(G, None).edges(data="weight"))
    [('a', 'b', 0.8), ('a', 'p', 0.9)]
    """
    if relation is not None:
        check_relation(relation)
    # One pass collecting each pair's best weight, then one bulk insert: the same
    # nodes and edges, in the same order, as adding them edge by edge, but quicker.
    best: dict[tuple, float] = {}
    order: dict = {}
    # The raw adjacency dicts, as networkx's own algorithms read them: three times
    # quicker than the read-only views over a million edges.
    for u, neighbours in G._adj.items():
        for v, keys in neighbours.items():
            if u == v:
                continue
            weight = None
            for key, data in (keys.items() if G.is_multigraph() else [(None, keys)]):
                if relation is not None and data.get("relation", key) != relation:
                    continue
                w = float(data.get("confidence", 1.0))
                weight = w if weight is None else max(weight, w)
            if weight is None:
                continue
            pair = (v, u) if (v, u) in best else (u, v)
            if pair not in best or weight > best[pair]:
                best[pair] = weight
            order.setdefault(u)
            order.setdefault(v)
    U = nx.Graph()
    if relation is None:
        U.add_nodes_from(G.nodes(data=True))
    else:
        U.add_nodes_from((node, G.nodes[node]) for node in order)
    U.add_edges_from((u, v, {"weight": w}) for (u, v), w in best.items())
    return U


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def find_entity(G: nx.Graph, name: str, *, suggestions: int = 5) -> str:
    """The node of *G* called *name*: its IRI, or its ``label`` matched case-insensitively.

    Whitespace is collapsed before comparing, so ``"amazon  web services"``
    finds "Amazon Web Services". Raises :class:`QueryError` when no node or
    several nodes carry that label; the message lists up to *suggestions*
    close matches (labels containing the name, similar spellings, then labels
    the name contains), or the candidates with their type and IRI.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:aws", label="Amazon Web Services", type="Organization")
    >>> G.add_node("e:amazon", label="Amazon", type="Organization")
    >>> find_entity(G, "amazon web services")
    'e:aws'
    >>> find_entity(G, "e:amazon")
    'e:amazon'
    >>> find_entity(G, "Amazon Web Service")
    Traceback (most recent call last):
    ...
    graph.exceptions.QueryError: no entity is named 'Amazon Web Service'; close matches: 'Amazon Web Services', 'Amazon'
    """
    if not isinstance(name, str) or not name.strip():
        raise QueryError(f"entity name {name!r} is empty; give a name such as 'Microsoft'")
    if name in G:
        return name
    wanted = _fold(name)
    labels: dict[str, list] = defaultdict(list)
    for node, label in G.nodes(data="label"):
        labels[_fold(label if label is not None else node)].append(node)
    found = labels.get(wanted, [])
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f"{G.nodes[n].get('label', n)} ({G.nodes[n].get('type', '?')}, {n})"
                           for n in sorted(found, key=str))
        raise QueryError(f"the name {name!r} is ambiguous: it matches {listed}; give the IRI instead")
    shown: dict[str, None] = {}
    containing = sorted((key for key in labels if wanted in key), key=lambda k: (len(k), k))
    contained = sorted((key for key in labels if len(key) >= 3 and key in wanted),
                       key=lambda k: (-len(k), k))
    similar = difflib.get_close_matches(wanted, list(labels), n=suggestions, cutoff=0.6)
    for key in containing + similar + contained:
        for node in labels[key]:
            shown.setdefault(str(G.nodes[node].get("label", node)))
    close = list(shown)[:suggestions]
    if not close:
        raise QueryError(f"no entity is named {name!r}, and none has a similar name")
    raise QueryError(f"no entity is named {name!r}; close matches: "
                     + ", ".join(repr(label) for label in close))
