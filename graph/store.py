"""Where the graph lives: one interface, three backends, chosen by a URL-like location string.

============================  ======================================================
``oxigraph:PATH`` or ``PATH``  embedded Oxigraph database on disk (the default)
``memory:``                    rdflib in memory: small graphs and tests, gone at exit
``sparql:URL[#OPTIONS]``       a SPARQL 1.1 server, through the Query, Update and
                               Graph Store protocols (see :class:`RemoteStore`)
============================  ======================================================

The default location is ``.alliances/store`` in the current folder, moved
with the ``ALLIANCES_STORE`` environment variable or the CLI's ``--store``
option.

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

import base64
import ipaddress
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .exceptions import InputError, QueryError, StoreError
from .rdf import SCHEMA, ontology_graph, ontology_graph_iri
from .vocabulary import ALLY, data_namespace

__all__ = [
    "STORE_ENV",
    "DEFAULT_LOCATION",
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "UNION_MODES",
    "QueryResult",
    "Store",
    "MemoryStore",
    "OxigraphStore",
    "RemoteStore",
    "open_store",
    "import_file",
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

#: Import format name → (rdflib parser name, file suffixes it is guessed from).
IMPORT_FORMATS = {
    "turtle": ("turtle", (".ttl",)),
    "ntriples": ("nt", (".nt",)),
    "trig": ("trig", (".trig",)),
    "nquads": ("nquads", (".nq",)),
    "json-ld": ("json-ld", (".jsonld", ".json")),
}

#: How a :class:`RemoteStore` makes the server's default graph the union of its named graphs.
UNION_MODES = ("mirror", "oxigraph", "named", "server")

_RDFLIB_DEFAULT_GRAPH = "urn:x-rdflib:default"
# Characters that cannot occur in an IRI written as <...> in SPARQL.
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')


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

    SELECT: ``vars`` and ``rows`` (tuples of ``str``/``int``/``float``/``None``
    from :meth:`Store.query`, of rdflib terms from :meth:`Store.query_terms`);
    ASK: ``boolean``; CONSTRUCT/DESCRIBE: ``graph``. ``truncated`` says that
    rows (or triples) were cut at the ``max_rows`` asked for.
    """

    kind: str
    vars: tuple[str, ...] = ()
    rows: list[tuple] = []
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False

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


def _literal(value: str, *, lang: str | None = None, datatype: str | None = None) -> Literal:
    """A literal, with ``xsd:string`` written as a simple literal as rdflib does."""
    if lang:
        return Literal(value, lang=lang)
    if datatype and datatype != str(XSD.string):
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def _check_graph_name(name: str) -> str:
    if not name or _BAD_IRI_CHARS.search(name) or ":" not in name:
        raise StoreError(f"graph name {name!r} is not an absolute IRI")
    return name


def _replace_update(graph: Graph, *, mirror: bool = False) -> str:
    """One SPARQL Update that replaces a named graph: applied as one transaction.

    With *mirror*, the default graph is kept as the union of the named graphs:
    the graph's old triples leave it unless another named graph holds them,
    and its new ones are added to it.
    """
    name = _check_graph_name(str(graph.identifier))
    body = graph.serialize(format="nt")
    if not mirror:
        return f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}"
    # One INSERT DATA for both copies, so a blank node is the same node in both.
    return f"{_remove_update(name, mirror=True)} ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}\n}}\n{body}\n}}"


def _remove_update(name: str, *, mirror: bool = False) -> str:
    """One SPARQL Update that deletes a named graph (and, with *mirror*, its share of the default graph)."""
    name = _check_graph_name(name)
    drop = f"DROP SILENT GRAPH <{name}>"
    if not mirror:
        return drop
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{name}>) }} }} ;\n"
            f"{drop}")


#: Makes the default graph the union of the named graphs again, after an arbitrary update.
_RESYNC_MIRROR = """
DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;
INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }
"""


def _then_resync(sparql: str) -> str:
    """*sparql* followed, in the same request, by the resynchronisation of the default graph."""
    text = sparql.rstrip()
    if text.endswith(";"):  # an update may end with a separator, but not two of them
        text = text[:-1]
    return f"{text}\n;\n{_RESYNC_MIRROR}"


class Store:
    """The interface every backend implements."""

    location: str

    def replace_graph(self, graph: Graph) -> None:
        """Replace the named graph ``graph.identifier`` with *graph*'s triples, atomically."""
        raise NotImplementedError

    def replace_graphs(self, graphs: Sequence[Graph]) -> None:
        """Replace several named graphs, in order; each one atomically, together where a backend can."""
        for graph in graphs:
            self.replace_graph(graph)

    def remove_graph(self, name: str) -> bool:
        """Delete a named graph; return whether it existed."""
        raise NotImplementedError

    def graph_names(self) -> list[str]:
        """Names of the named graphs in the store, sorted."""
        raise NotImplementedError

    def query_terms(self, sparql: str, *, max_rows: int | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query over the union of all graphs; SELECT rows hold rdflib terms.

        At most *max_rows* rows (or triples) are read; ``truncated`` tells
        whether there were more.
        """
        raise NotImplementedError

    def query(self, sparql: str, *, max_rows: int | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query over the union of all graphs; SELECT rows hold plain values.

        >>> open_store("memory:").query("SELECT (1 + 1 AS ?two) ('x' AS ?x) WHERE {}").rows
        [(2, 'x')]
        """
        result = self.query_terms(sparql, max_rows=max_rows)
        if result.kind == "SELECT":
            return result._replace(rows=[tuple(_plain(t) for t in row) for row in result.rows])
        return result

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (its default graph is the store's default graph)."""
        raise NotImplementedError

    def dataset(self) -> Dataset:
        """A copy of everything, as an rdflib Dataset (one graph per article)."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def flush(self) -> None:
        """Write what the backend buffers in memory to disk and free that memory (a no-op if none)."""

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
        """Serialize the whole store: ``turtle`` (union of graphs), ``trig``, ``nquads`` or ``json-ld``.

        The ontology is always part of the export: from the store when it
        holds it, else from the package's ``alliances.ttl``.
        """
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"export format {fmt!r} is not one of {sorted(EXPORT_FORMATS)}")
        ds = self.dataset()
        onto = ontology_graph_iri()
        if not len(ds.graph(onto)):
            target = ds.graph(onto)
            for triple in ontology_graph():
                target.add(triple)
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
        name = URIRef(_check_graph_name(str(graph.identifier)))
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
                      str(c.identifier) != _RDFLIB_DEFAULT_GRAPH)

    def query_terms(self, sparql: str, *, max_rows: int | None = None) -> QueryResult:
        try:
            result = self._ds.query(sparql, initNs=default_prefixes())
            if result.type == "SELECT":
                names = tuple(str(v) for v in result.vars)
                rows = [tuple(row[i] for i in range(len(names)))
                        for row in islice(result, None if max_rows is None else max_rows + 1)]
                truncated = max_rows is not None and len(rows) > max_rows
                return QueryResult("SELECT", names, rows[:max_rows] if truncated else rows,
                                   truncated=truncated)
            if result.type == "ASK":
                return QueryResult("ASK", boolean=bool(result.askAnswer))
            triples = list(islice(result, None if max_rows is None else max_rows + 1))
        except Exception as exc:  # rdflib raises pyparsing and other errors
            raise QueryError(f"SPARQL query failed: {exc}") from exc
        return _graph_result(triples, max_rows)

    def update(self, sparql: str) -> None:
        try:
            self._ds.update(sparql, initNs=default_prefixes())
        except Exception as exc:  # rdflib raises pyparsing and other errors
            raise QueryError(f"SPARQL update failed: {exc}") from exc

    def dataset(self) -> Dataset:
        ds = Dataset()
        for s, p, o, c in self._ds.quads((None, None, None, None)):
            ds.add((s, p, o, c))
        return ds

    def __len__(self) -> int:
        return sum(1 for _ in self._ds.quads((None, None, None, None)))


def _graph_result(triples: list, max_rows: int | None) -> QueryResult:
    truncated = max_rows is not None and len(triples) > max_rows
    g = Graph()
    for triple in (triples[:max_rows] if truncated else triples):
        g.add(triple)
    return QueryResult("CONSTRUCT", graph=g, truncated=truncated)


class OxigraphStore(Store):
    """Embedded Oxigraph on disk: persistent, fast, no server.

    One process at a time may open a store folder; a second one gets a
    :class:`StoreError` that says so.

    The default graph holds the union of the named graphs: every triple of a
    named graph is also written there, and leaves it when no named graph
    holds it any more, all in the transaction that writes the named graph.
    Queries read that default graph as it is, which Oxigraph evaluates many
    times faster than its union-default-graph mode (on a graph of 50,000
    triples, the ``partners`` query takes 0.08 s instead of 50 s). A store
    written without this copy gets it built when opened. An arbitrary
    :meth:`update` is followed by a resynchronisation of the whole default
    graph (in the same transaction, in time proportional to the store), so
    updates should write named graphs: triples written to the default graph
    itself do not survive it.
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
        self._ensure_mirror()

    def _ensure_mirror(self) -> None:
        default = self._store.quads_for_pattern(None, None, None, self._ox.DefaultGraph())
        has_default = next(iter(default), None) is not None
        del default  # Oxigraph's iterators belong to the thread that made them
        if not has_default and next(iter(self._store.named_graphs()), None) is not None:
            self._store.update(_RESYNC_MIRROR)

    def replace_graph(self, graph: Graph) -> None:
        self.replace_graphs([graph])

    def replace_graphs(self, graphs: Sequence[Graph]) -> None:
        """New graphs in one transaction (a commit per article costs more than writing it); the
        others (stored already, or named twice) replaced after them, in order, one at a time."""
        fresh, again, seen = [], [], set()
        for graph in graphs:
            name = self._ox.NamedNode(_check_graph_name(str(graph.identifier)))
            if name in seen or self._store.contains_named_graph(name):
                again.append(graph)
            else:
                seen.add(name)
                fresh.append((graph, name))
        try:
            if fresh:
                self._store.extend([q for graph, name in fresh for q in self._quads_of(graph, name)])
            for graph in again:
                self._store.update(_replace_update(graph, mirror=True))
        except (OSError, SyntaxError, ValueError) as exc:
            names = ", ".join(str(g.identifier) for g in graphs)
            raise StoreError(f"cannot write graph{'s' if len(graphs) > 1 else ''} {names}: {exc}") from exc

    def _quads_of(self, graph: Graph, name) -> list:
        """The triples of *graph* as Oxigraph quads in graph *name* and in the default graph."""
        ox = self._ox
        terms: dict = {}

        def convert(term):
            found = terms.get(term)
            if found is None:
                if isinstance(term, URIRef):
                    found = ox.NamedNode(term)
                elif isinstance(term, BNode):
                    found = ox.BlankNode(term)
                elif term.language:
                    found = ox.Literal(term, language=term.language)
                else:
                    found = ox.Literal(term, datatype=ox.NamedNode(term.datatype) if term.datatype else None)
                terms[term] = found
            return found

        default = ox.DefaultGraph()
        quads = []
        for s, p, o in graph:
            s, p, o = convert(s), convert(p), convert(o)
            quads += (ox.Quad(s, p, o, name), ox.Quad(s, p, o, default))
        return quads

    def remove_graph(self, name: str) -> bool:
        existed = self._store.contains_named_graph(self._ox.NamedNode(name))
        if existed:
            try:
                self._store.update(_remove_update(name, mirror=True))
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"cannot remove graph {name}: {exc}") from exc
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
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            return _literal(term.value, lang=term.language, datatype=term.datatype.value)
        if isinstance(term, ox.DefaultGraph):
            return None
        raise StoreError(f"unsupported RDF term {term!r}")

    def query_terms(self, sparql: str, *, max_rows: int | None = None) -> QueryResult:
        limit = None if max_rows is None else max_rows + 1
        try:
            # The default graph is the union of the named graphs (see the class documentation).
            result = self._store.query(sparql, prefixes=default_prefixes())
            if isinstance(result, self._ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(result))
            if isinstance(result, self._ox.QuerySolutions):
                names = tuple(v.value for v in result.variables)
                rows = [tuple(self._to_rdflib(sol[n]) for n in names)
                        for sol in islice(result, limit)]
                truncated = max_rows is not None and len(rows) > max_rows
                return QueryResult("SELECT", names, rows[:max_rows] if truncated else rows,
                                   truncated=truncated)
            triples = [(self._to_rdflib(t.subject), self._to_rdflib(t.predicate),
                        self._to_rdflib(t.object)) for t in islice(result, limit)]
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise QueryError(f"SPARQL query failed: {exc}") from exc
        return _graph_result(triples, max_rows)

    def update(self, sparql: str) -> None:
        try:
            self._store.update(_then_resync(sparql), prefixes=default_prefixes())
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"SPARQL update failed: {exc}") from exc

    def _quads(self) -> Iterator[tuple]:
        for q in self._store:
            yield (self._to_rdflib(q.subject), self._to_rdflib(q.predicate),
                   self._to_rdflib(q.object), self._to_rdflib(q.graph_name))

    def dataset(self) -> Dataset:
        ds = Dataset()
        for s, p, o, g in self._quads():
            if g is not None:  # the default graph only repeats the named graphs
                ds.add((s, p, o, g))
        return ds

    def __len__(self) -> int:
        return int(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0])

    def flush(self) -> None:
        # RocksDB keeps recent writes in memory tables until flushed: without this, a long
        # ingest holds ~1 GB per million quads written (measured), with it a few hundred MB.
        self._store.flush()

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None:
            store.flush()
            del self._store


# ---------------------------------------------------------------- remote

class _HTTPFailure(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, message)
        self.status, self.message = status, message


def _is_loopback(host: str | None) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


class RemoteStore(Store):
    """A SPARQL 1.1 server (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso, Neptune…).

    Queries go through the SPARQL 1.1 Query protocol, writes through the
    Update protocol (``replace_graph`` is one ``DROP SILENT GRAPH`` +
    ``INSERT DATA`` request, which these servers apply as one transaction),
    and :meth:`dataset` and :meth:`remove_graph` through the Graph Store
    protocol. Only the standard library's :mod:`urllib` is used.

    The location is ``sparql:URL``, with the endpoints of an Oxigraph server
    (``URL/query``, ``URL/update``, ``URL/store``), or ``sparql:URL#OPTIONS``
    where the fragment (never sent to the server) names other endpoints as
    ``key=value`` pairs joined by ``&``; each value is a path relative to
    ``URL/`` or an absolute URL:

    * ``query``, ``update``, ``store``: the three endpoints;
    * ``union``: how queries see the union of the named graphs as their
      default graph:

      - ``mirror`` (the default without a ``query`` option): the store keeps
        the server's default graph as a copy of the union of the named
        graphs, as :class:`OxigraphStore` does, and queries read it as it is:
        fast on any server, and any client sees the whole graph without
        options, but it holds every triple twice and only stays right while
        the graph is written through this class;
      - ``oxigraph``: Oxigraph's ``union-default-graph`` parameter (correct
        for graphs written by anyone, but slow on big graphs);
      - ``named`` (the default when the fragment names a ``query``
        endpoint): every named graph sent as ``default-graph-uri`` and
        ``named-graph-uri``: portable SPARQL 1.1 Protocol, one extra request
        per query, fine for small graphs;
      - ``server``: the server's default graph already is the union
        (GraphDB, Virtuoso, Fuseki with ``unionDefaultGraph``, ``oxigraph
        serve --union-default-graph``).

    ``user:password@`` in the URL is sent as HTTP Basic authentication.

    >>> store = open_store("sparql:http://127.0.0.1:7878")
    >>> store.query_url, store.update_url, store.store_url, store.union
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store', 'mirror')
    >>> fuseki = open_store("sparql:http://localhost:3030/ds#query=query&update=update&store=data")
    >>> fuseki.store_url, fuseki.union
    ('http://localhost:3030/ds/data', 'named')
    """

    #: Seconds to wait for the server to answer one request.
    timeout: float = 300.0

    def __init__(self, query_url: str, *, update_url: str | None = None,
                 store_url: str | None = None, union: str = "named",
                 auth: tuple[str, str] | None = None, location: str | None = None) -> None:
        if union not in UNION_MODES:
            raise StoreError(f"union mode {union!r} is not one of {', '.join(UNION_MODES)}")
        self.query_url, self.update_url, self.store_url = query_url, update_url, store_url
        self.union = union
        self.location = location or f"sparql:{query_url}"
        self._auth = None
        if auth:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
            self._auth = f"Basic {token}"
        host = urllib.parse.urlsplit(query_url).hostname
        # The environment's proxies are for the outside world, not for this machine.
        handlers = [urllib.request.ProxyHandler({})] if _is_loopback(host) else []
        self._opener = urllib.request.build_opener(*handlers)

    @classmethod
    def from_location(cls, location: str) -> "RemoteStore":
        """Read a ``sparql:URL[#OPTIONS]`` location (see the class documentation)."""
        url, _, fragment = location.removeprefix("sparql:").partition("#")
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"store location {location!r} needs an http(s) URL after 'sparql:', "
                             "e.g. 'sparql:http://127.0.0.1:7878'")
        auth = None
        if parts.username is not None:
            auth = (urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or ""))
            netloc = parts.netloc.rpartition("@")[2]
            parts = parts._replace(netloc=netloc)
        base = urllib.parse.urlunsplit(parts._replace(query="", fragment=""))
        base = base if base.endswith("/") else base + "/"
        try:
            options = dict(urllib.parse.parse_qsl(fragment, keep_blank_values=True,
                                                  strict_parsing=bool(fragment)))
        except ValueError:
            raise StoreError(f"store location {location!r} has the options {fragment!r}, not "
                             "KEY=VALUE pairs joined by '&' (e.g. '#store=data&union=named')") from None
        unknown = sorted(set(options) - {"query", "update", "store", "union"})
        if unknown:
            raise StoreError(f"store location {location!r} has the unknown option {unknown[0]!r}; "
                             "the options are query, update, store and union")
        endpoints = {key: urllib.parse.urljoin(base, options.get(key) or key)
                     for key in ("query", "update", "store")}
        union = options.get("union") or ("named" if "query" in options else "mirror")
        shown = location
        if auth is not None:  # never print the password
            shown_url = urllib.parse.urlsplit(url)._replace(netloc=f"{auth[0]}:***@{parts.netloc}")
            shown = "sparql:" + urllib.parse.urlunsplit(shown_url) + (f"#{fragment}" if fragment else "")
        return cls(endpoints["query"], update_url=endpoints["update"], store_url=endpoints["store"],
                   union=union, auth=auth, location=shown)

    # -- HTTP

    def _send(self, url: str, *, data: bytes | None = None, content_type: str | None = None,
              accept: str | None = None, method: str | None = None) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=data, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if accept:
            request.add_header("Accept", accept)
        if self._auth:
            request.add_header("Authorization", self._auth)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as exc:
            message = " ".join(exc.read(2000).decode("utf-8", "replace").split())
            raise _HTTPFailure(exc.code, message or exc.reason) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL server at {url} ({reason}); is it running?") from exc

    def _post_query(self, sparql: str, *, union: bool) -> tuple[str, bytes]:
        form = [("query", sparql)]
        url = self.query_url
        if union and self.union == "oxigraph":
            url += ("&" if "?" in url else "?") + "union-default-graph"
        elif union and self.union == "named":
            names = self.graph_names() or ["urn:x-alliances:no-graph"]
            form += [("default-graph-uri", n) for n in names]
            form += [("named-graph-uri", n) for n in names]
        try:
            return self._send(url, data=urllib.parse.urlencode(form).encode("utf-8"),
                              content_type="application/x-www-form-urlencoded",
                              accept="application/sparql-results+json, "
                                     "application/n-triples;q=0.9, text/turtle;q=0.8")
        except _HTTPFailure as exc:
            if exc.status == 400:
                raise QueryError(f"the SPARQL server rejected the query: {exc.message}") from None
            raise StoreError(f"the SPARQL server at {url} answered {exc.status}: {exc.message}") from None

    def _select(self, sparql: str) -> list[dict]:
        """Bindings of a SELECT on the server's own dataset (no union, no prefixes)."""
        _, body = self._post_query(sparql, union=False)
        return json.loads(body)["results"]["bindings"]

    # -- the interface

    def query_terms(self, sparql: str, *, max_rows: int | None = None) -> QueryResult:
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in default_prefixes().items())
        content_type, body = self._post_query(prologue + sparql, union=True)
        if content_type in ("application/sparql-results+json", "application/json"):
            try:
                data = json.loads(body)
            except ValueError as exc:
                raise StoreError(f"the SPARQL server sent malformed JSON results: {exc}") from exc
            if "boolean" in data:
                return QueryResult("ASK", boolean=bool(data["boolean"]))
            names = tuple(data["head"]["vars"])
            bindings = data["results"]["bindings"]
            truncated = max_rows is not None and len(bindings) > max_rows
            rows = [tuple(_json_term(b.get(n)) for n in names)
                    for b in (bindings[:max_rows] if truncated else bindings)]
            return QueryResult("SELECT", names, rows, truncated=truncated)
        fmt = {"application/n-triples": "nt", "text/turtle": "turtle"}.get(content_type)
        if fmt is None:
            raise StoreError(f"the SPARQL server answered with {content_type!r}, not SPARQL "
                             "JSON results, N-Triples or Turtle")
        g = Graph().parse(data=body.decode("utf-8"), format=fmt)
        return _graph_result(list(g), max_rows)

    def update(self, sparql: str) -> None:
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in default_prefixes().items())
        self._update(_then_resync(prologue + sparql) if self.union == "mirror" else prologue + sparql)

    def _update(self, sparql: str) -> None:
        if not self.update_url:
            raise StoreError(f"the store {self.location} has no update endpoint")
        try:
            self._send(self.update_url, data=sparql.encode("utf-8"),
                       content_type="application/sparql-update")
        except _HTTPFailure as exc:
            if exc.status == 400:
                raise QueryError(f"the SPARQL server rejected the update: {exc.message}") from None
            raise StoreError(f"the SPARQL server at {self.update_url} answered {exc.status}: "
                             f"{exc.message}") from None

    def replace_graph(self, graph: Graph) -> None:
        self._update(_replace_update(graph, mirror=self.union == "mirror"))

    def _graph_url(self, name: str) -> str:
        if not self.store_url:
            raise StoreError(f"the store {self.location} has no graph store endpoint")
        sep = "&" if "?" in self.store_url else "?"
        return f"{self.store_url}{sep}{urllib.parse.urlencode({'graph': name})}"

    def remove_graph(self, name: str) -> bool:
        if self.union == "mirror":
            rows = self._select(f"SELECT ?s WHERE {{ GRAPH <{_check_graph_name(name)}> {{ ?s ?p ?o }} }} LIMIT 1")
            if rows:
                self._update(_remove_update(name, mirror=True))
            return bool(rows)
        url = self._graph_url(_check_graph_name(name))
        try:
            self._send(url, method="DELETE")
        except _HTTPFailure as exc:
            if exc.status == 404:
                return False
            raise StoreError(f"the SPARQL server at {url} answered {exc.status}: {exc.message}") from None
        return True

    def graph_names(self) -> list[str]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"]["value"] for r in rows if r.get("g", {}).get("type") == "uri")

    def dataset(self) -> Dataset:
        ds = Dataset()
        for name in self.graph_names():
            url = self._graph_url(name)
            try:
                _, body = self._send(url, accept="application/n-triples")
            except _HTTPFailure as exc:
                raise StoreError(f"the SPARQL server at {url} answered {exc.status}: "
                                 f"{exc.message}") from None
            ds.graph(URIRef(name)).parse(data=body.decode("utf-8"), format="nt")
        return ds

    def __len__(self) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]["value"])


def _json_term(binding: dict | None):
    """One value of SPARQL 1.1 Query Results JSON as an rdflib term."""
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        return _literal(value, lang=binding.get("xml:lang"), datatype=binding.get("datatype"))
    raise StoreError(f"the SPARQL server sent a value of the unsupported type {kind!r}")


# ---------------------------------------------------------------- opening and importing

def open_store(location: str | os.PathLike | None = None) -> Store:
    """Open the store at *location* (else ``$ALLIANCES_STORE``, else ``.alliances/store``).

    >>> open_store("memory:").location
    'memory:'
    >>> open_store("redis://x")
    Traceback (most recent call last):
    ...
    graph.exceptions.StoreError: store location 'redis://x' has an unknown scheme 'redis'; use 'oxigraph:PATH', 'memory:', 'sparql:URL' or a folder path
    """
    location = str(location or os.environ.get(STORE_ENV) or DEFAULT_LOCATION)
    scheme, sep, rest = location.partition(":")
    if sep and len(scheme) > 1:  # a one-letter scheme is a Windows drive
        if scheme == "memory":
            return MemoryStore()
        if scheme == "oxigraph":
            return OxigraphStore(rest or DEFAULT_LOCATION)
        if scheme == "sparql":
            return RemoteStore.from_location(location)
        raise StoreError(
            f"store location {location!r} has an unknown scheme {scheme!r}; "
            "use 'oxigraph:PATH', 'memory:', 'sparql:URL' or a folder path"
        )
    return OxigraphStore(location)


def _import_format(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in IMPORT_FORMATS:
            raise InputError(f"import format {fmt!r} is not one of {', '.join(IMPORT_FORMATS)}")
        return fmt
    suffix = path.suffix.lower()
    for name, (_, suffixes) in IMPORT_FORMATS.items():
        if suffix in suffixes:
            return name
    known = ", ".join(s for _, suffixes in IMPORT_FORMATS.values() for s in suffixes)
    raise InputError(f"cannot tell the format of {str(path)!r} from its suffix {suffix!r} "
                     f"(known: {known}); give the format")


def import_file(store: Store, path: str | os.PathLike, *, fmt: str | None = None,
                graph: str | None = None, base: str | None = None) -> dict[str, int]:
    """Import an RDF file into *store*; return the number of triples per graph written.

    *fmt* is one of :data:`IMPORT_FORMATS` (else guessed from the suffix).
    The named graphs of TriG, N-Quads and JSON-LD files are kept; triples
    outside any named graph (all of them, for Turtle and N-Triples) go to the
    graph *graph*, by default ``<base>import/<file name>``. Each graph is
    replaced as a whole, like an article's, so importing a file again
    replaces what it brought instead of adding a second copy.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "extra.ttl").write_text("<https://example.org/a> <https://example.org/b> 1 .")
    51
    >>> store = open_store("memory:")
    >>> import_file(store, folder / "extra.ttl")
    {'https://w3id.org/alliances/import/extra.ttl': 1}
    """
    path = Path(path)
    fmt = _import_format(path, fmt)
    target = graph or data_namespace(base)["import/" + urllib.parse.quote(path.name)]
    ds = Dataset()
    try:
        ds.parse(str(path), format=IMPORT_FORMATS[fmt][0])
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from exc
    except Exception as exc:  # rdflib's parsers raise many kinds of errors
        raise InputError(f"cannot read {str(path)!r} as {fmt}: {exc}") from exc
    graphs: dict[str, Graph] = {}
    for context in ds.graphs():
        if not len(context):
            continue
        name = str(context.identifier)
        if name == _RDFLIB_DEFAULT_GRAPH:
            name = str(target)
        elif not isinstance(context.identifier, URIRef):
            raise InputError(f"{str(path)!r} names a graph with the blank node {name!r}; "
                             "only IRIs can name the graphs of the store")
        g = graphs.setdefault(name, Graph(identifier=URIRef(_check_graph_name(name))))
        for triple in context:
            g.add(triple)
    for g in graphs.values():
        store.replace_graph(g)
    return {name: len(g) for name, g in sorted(graphs.items())}
