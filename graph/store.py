"""Where the graph lives: one interface, chosen by a URL-like location string.

``oxigraph:PATH`` (the default, an embedded on-disk Oxigraph database) or
``memory:`` (rdflib in memory, for small graphs and tests). A bare path means
``oxigraph:PATH``. The default location is ``.alliances/store`` in the current
folder, moved with the ``ALLIANCES_STORE`` environment variable or the CLI's
``--store`` option.

Each article lives in its own named graph, replaced atomically; the ontology
lives in the graph named by :func:`graph.rdf.ontology_graph_iri`. Queries see
the union of all graphs as their default graph, and the project's prefixes
(``ally:``, ``ent:``, ``rdfs:``…) are predeclared.

>>> from graph.records import Article, Entity, Fact
>>> from graph.rdf import article_graph
>>> store = open_store("memory:")
>>> art = Article("Apple and IBM formed a partnership.")
>>> fact = Fact(Entity("Apple", "Organization"), "partnersWith", Entity("IBM", "Organization"))
>>> store.replace_graph(article_graph(art, [fact]))
>>> store.query("SELECT ?o WHERE { ent:apple ally:partnersWith ?o }").rows
[('https://w3id.org/alliances/entity/ibm',)]
"""

from __future__ import annotations

import os
from decimal import Decimal
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .exceptions import QueryError, StoreError
from .rdf import SCHEMA, ontology_graph, ontology_graph_iri
from .vocabulary import ALLY, data_namespace

__all__ = [
    "STORE_ENV",
    "DEFAULT_LOCATION",
    "EXPORT_FORMATS",
    "QueryResult",
    "Store",
    "MemoryStore",
    "OxigraphStore",
    "open_store",
    "default_prefixes",
]

STORE_ENV = "ALLIANCES_STORE"
DEFAULT_LOCATION = ".alliances/store"

#: Export format name → (rdflib serializer name, file suffix).
EXPORT_FORMATS = {
    "turtle": ("turtle", ".ttl"),
    "trig": ("trig", ".trig"),
    "nquads": ("nquads", ".nq"),
    "json-ld": ("json-ld", ".jsonld"),
}


def default_prefixes(*, base: str | None = None) -> dict[str, str]:
    """Prefixes every query may use without declaring them."""
    ns = data_namespace(base)
    return {
        "ally": str(ALLY._NS), "ent": ns["entity/"], "art": ns["article/"],
        "st": ns["statement/"], "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD),
        "owl": str(OWL), "skos": str(SKOS), "prov": str(PROV), "dcterms": str(DCTERMS),
        "schema": str(SCHEMA),
    }


class QueryResult(NamedTuple):
    """A query's answer as plain data.

    SELECT: ``vars`` and ``rows`` (tuples of ``str``/``int``/``float``/``None``);
    ASK: ``boolean``; CONSTRUCT/DESCRIBE: ``graph``.
    """

    kind: str
    vars: tuple[str, ...] = ()
    rows: list[tuple] = []
    boolean: bool | None = None
    graph: Graph | None = None

    def records(self) -> list[dict]:
        """SELECT rows as dicts keyed by variable name."""
        return [dict(zip(self.vars, row)) for row in self.rows]


def _plain(term) -> object:
    """An rdflib term as a plain Python value (IRIs and strings as ``str``)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, (int, float, bool, str)):
            return value
        if isinstance(value, Decimal):
            return float(value)
        return str(term)
    return str(term)


class Store:
    """The interface every backend implements."""

    location: str

    def replace_graph(self, graph: Graph) -> None:
        """Replace the named graph ``graph.identifier`` with *graph*'s triples, atomically."""
        raise NotImplementedError

    def remove_graph(self, name: str) -> bool:
        """Delete a named graph; return whether it existed."""
        raise NotImplementedError

    def graph_names(self) -> list[str]:
        """Names of the named graphs in the store, sorted."""
        raise NotImplementedError

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL 1.1 query over the union of all graphs."""
        raise NotImplementedError

    def dataset(self) -> Dataset:
        """A copy of everything, as an rdflib Dataset (one graph per article)."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        """Release the store (flush to disk, drop locks)."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def ensure_ontology(self) -> None:
        """Publish the ontology with the graph, in its own named graph (replaced each time)."""
        self.replace_graph(ontology_graph())

    def export(self, fmt: str = "trig") -> str:
        """Serialize the whole store: ``turtle`` (union of graphs), ``trig``, ``nquads`` or ``json-ld``."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"export format {fmt!r} is not one of {sorted(EXPORT_FORMATS)}")
        ds = self.dataset()
        for prefix, ns in default_prefixes().items():
            ds.bind(prefix, ns)
        if fmt == "turtle":
            union = Graph()
            for prefix, ns in ds.namespaces():
                union.bind(prefix, ns)
            for s, p, o, _ in ds.quads((None, None, None, None)):
                union.add((s, p, o))
            return union.serialize(format="turtle")
        return ds.serialize(format=EXPORT_FORMATS[fmt][0])


class MemoryStore(Store):
    """rdflib in memory: small graphs and tests; gone when the process ends."""

    def __init__(self) -> None:
        self.location = "memory:"
        self._ds = Dataset(default_union=True)

    def replace_graph(self, graph: Graph) -> None:
        name = URIRef(str(graph.identifier))
        self._ds.remove_graph(name)
        target = self._ds.graph(name)
        for triple in graph:
            target.add(triple)

    def remove_graph(self, name: str) -> bool:
        existed = URIRef(name) in {g.identifier for g in self._ds.graphs()}
        existed = existed and len(self._ds.graph(URIRef(name))) > 0
        self._ds.remove_graph(URIRef(name))
        return existed

    def graph_names(self) -> list[str]:
        return sorted(str(c.identifier) for c in self._ds.graphs()
                      if isinstance(c.identifier, URIRef) and len(c) and
                      str(c.identifier) != "urn:x-rdflib:default")

    def query(self, sparql: str) -> QueryResult:
        try:
            result = self._ds.query(sparql, initNs=default_prefixes())
        except Exception as exc:  # rdflib raises pyparsing and other errors
            raise QueryError(f"SPARQL query failed: {exc}") from exc
        if result.type == "SELECT":
            names = tuple(str(v) for v in result.vars)
            rows = [tuple(_plain(row[i]) for i in range(len(names))) for row in result]
            return QueryResult("SELECT", names, rows)
        if result.type == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer))
        g = Graph()
        for triple in result:
            g.add(triple)
        return QueryResult("CONSTRUCT", graph=g)

    def dataset(self) -> Dataset:
        ds = Dataset()
        for s, p, o, c in self._ds.quads((None, None, None, None)):
            ds.add((s, p, o, c))
        return ds

    def __len__(self) -> int:
        return sum(1 for _ in self._ds.quads((None, None, None, None)))


class OxigraphStore(Store):
    """Embedded Oxigraph on disk: persistent, fast, no server.

    One process at a time may open a store folder; a second one gets a
    :class:`StoreError` that says so.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        import pyoxigraph

        self._ox = pyoxigraph
        self.path = Path(path)
        self.location = f"oxigraph:{self.path}"
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store location {str(self.path)!r} is a file, not a folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._store = pyoxigraph.Store(str(self.path))
        except OSError as exc:
            raise StoreError(
                f"cannot open the store at {str(self.path)!r} ({exc}); is another "
                f"'alliances' process using it? Use --store or {STORE_ENV} for another location"
            ) from exc

    def replace_graph(self, graph: Graph) -> None:
        name = str(graph.identifier)
        body = graph.serialize(format="nt")
        try:
            self._store.update(f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}")
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"cannot write graph {name}: {exc}") from exc

    def remove_graph(self, name: str) -> bool:
        node = self._ox.NamedNode(name)
        existed = self._store.contains_named_graph(node)
        if existed:
            self._store.remove_graph(node)
        return existed

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, self._ox.NamedNode))

    def _to_rdflib(self, term):
        ox = self._ox
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            from rdflib import BNode

            return BNode(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            return Literal(term.value, datatype=URIRef(term.datatype.value))
        if isinstance(term, ox.DefaultGraph):
            return None
        raise StoreError(f"unsupported RDF term {term!r}")

    def query(self, sparql: str) -> QueryResult:
        try:
            result = self._store.query(sparql, use_default_graph_as_union=True,
                                       prefixes=default_prefixes())
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise QueryError(f"SPARQL query failed: {exc}") from exc
        if isinstance(result, self._ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(result))
        if isinstance(result, self._ox.QuerySolutions):
            names = tuple(v.value for v in result.variables)
            rows = [tuple(_plain(self._to_rdflib(sol[n])) for n in names) for sol in result]
            return QueryResult("SELECT", names, rows)
        g = Graph()
        for t in result:
            g.add((self._to_rdflib(t.subject), self._to_rdflib(t.predicate), self._to_rdflib(t.object)))
        return QueryResult("CONSTRUCT", graph=g)

    def _quads(self) -> Iterator[tuple]:
        for q in self._store:
            yield (self._to_rdflib(q.subject), self._to_rdflib(q.predicate),
                   self._to_rdflib(q.object), self._to_rdflib(q.graph_name))

    def dataset(self) -> Dataset:
        ds = Dataset()
        for s, p, o, g in self._quads():
            ds.add((s, p, o, g) if g is not None else (s, p, o))
        return ds

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None:
            store.flush()
            del self._store


def open_store(location: str | os.PathLike | None = None) -> Store:
    """Open the store at *location* (else ``$ALLIANCES_STORE``, else ``.alliances/store``).

    >>> open_store("memory:").location
    'memory:'
    >>> open_store("redis://x")
    Traceback (most recent call last):
    ...
    graph.exceptions.StoreError: store location 'redis://x' has an unknown scheme 'redis'; use 'oxigraph:PATH', 'memory:' or a folder path
    """
    location = str(location or os.environ.get(STORE_ENV) or DEFAULT_LOCATION)
    scheme, sep, rest = location.partition(":")
    if sep and len(scheme) > 1:  # a one-letter scheme is a Windows drive
        if scheme == "memory":
            return MemoryStore()
        if scheme == "oxigraph":
            return OxigraphStore(rest or DEFAULT_LOCATION)
        raise StoreError(
            f"store location {location!r} has an unknown scheme {scheme!r}; "
            "use 'oxigraph:PATH', 'memory:' or a folder path"
        )
    return OxigraphStore(location)
