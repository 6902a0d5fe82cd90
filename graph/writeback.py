"""Write-back: the analysis's blocs and centrality scores stored in the graph, for SPARQL, pages and notebooks.

The results live in one named graph of their own, ``<base>analysis/latest``
(:func:`analysis_graph_iri`), replaced as a whole each time (so a store holds
the latest analysis only, and articles' graphs are never touched). Its terms
are in ``ontology/alliances.ttl``, section "analysis results":

- the graph's IRI is also an ``ally:Analysis`` with its ``ally:modularity``
  and ``prov:endedAtTime``;
- each bloc is an ``ally:Bloc`` (``<base>analysis/latest/bloc/1``, largest
  first) with its name as ``rdfs:label``, ``prov:wasGeneratedBy`` the
  analysis; each member organization is ``ally:inBloc`` it;
- each organization has its ``ally:pageRank``, ``ally:degree`` and
  ``ally:betweenness``, as :func:`graph.analysis.central_organizations`
  measures them.

Like :mod:`graph.rdf` for articles, this module is where analysis results
become IRIs and literals; :func:`analysis_graph` takes plain data.

>>> from graph.records import Article, Entity, Fact
>>> from graph.rdf import article_graph
>>> from graph.network import project
>>> from graph.store import open_store
>>> store = open_store("memory:")
>>> apple, ibm = Entity("Apple", "Organization"), Entity("IBM", "Organization")
>>> store.replace_graph(article_graph(Article("Apple and IBM team up."), [
...     Fact(apple, "partnersWith", ibm, evidence="Apple and IBM team up.")]))
>>> write_analysis(store, project(store))["blocs"]
1
>>> store.query("SELECT ?name WHERE { ent:ibm ally:inBloc ?bloc . ?bloc rdfs:label ?name }").rows
[('Apple / IBM',)]
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from .rdf import bind_prefixes
from .vocabulary import ALLY, data_namespace

if TYPE_CHECKING:
    from .store import Store

__all__ = ["analysis_graph_iri", "analysis_graph", "write_analysis"]


def analysis_graph_iri(*, base: str | None = None) -> URIRef:
    """The name of the named graph that holds the latest analysis: ``<base>analysis/latest``.

    >>> str(analysis_graph_iri(base="https://example.org/kg/"))
    'https://example.org/kg/analysis/latest'
    """
    return data_namespace(base)["analysis/latest"]


def _decimal(value: float) -> Literal:
    # An explicit lexical form: str() of a small float or Decimal can be "1e-05", not an xsd:decimal.
    return Literal(f"{min(max(float(value), 0.0), 1.0):.10f}", datatype=XSD.decimal)


def analysis_graph(central: list[dict], blocs: list[dict], modularity: float, *,
                   base: str | None = None, ended: datetime | None = None) -> Graph:
    """The named graph of one analysis, from plain results.

    *central* holds rows of :func:`graph.analysis.central_organizations`
    (``id``, ``pagerank``, ``degree``, ``betweenness``), *blocs* and
    *modularity* the result of :func:`graph.analysis.alliance_blocs`;
    *ended* (default: now, in UTC) is when the analysis ran.

    >>> g = analysis_graph([{"id": "https://w3id.org/alliances/entity/ibm", "pagerank": 0.5,
    ...                      "degree": 1, "betweenness": 0.0}],
    ...                    [{"name": "Apple / IBM", "ids": ["https://w3id.org/alliances/entity/apple",
    ...                                                     "https://w3id.org/alliances/entity/ibm"]}],
    ...                    0.0)
    >>> print(g.value(URIRef("https://w3id.org/alliances/entity/ibm"), ALLY.pageRank))
    0.5000000000
    >>> len(list(g.subjects(ALLY.inBloc, None)))
    2
    """
    name = analysis_graph_iri(base=base)
    g = bind_prefixes(Graph(identifier=name), base=base)
    g.add((name, RDF.type, ALLY.Analysis))
    g.add((name, RDFS.label, Literal("latest network analysis")))
    g.add((name, ALLY.modularity, Literal(f"{float(modularity):.10f}", datatype=XSD.decimal)))
    when = (ended or datetime.now(timezone.utc)).replace(microsecond=0)
    g.add((name, PROV.endedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)))
    for number, bloc in enumerate(blocs, start=1):
        node = URIRef(f"{name}/bloc/{number}")
        g.add((node, RDF.type, ALLY.Bloc))
        g.add((node, RDFS.label, Literal(bloc["name"])))
        g.add((node, PROV.wasGeneratedBy, name))
        for member in bloc["ids"]:
            g.add((URIRef(member), ALLY.inBloc, node))
    for row in central:
        node = URIRef(row["id"])
        g.add((node, ALLY.pageRank, _decimal(row["pagerank"])))
        g.add((node, ALLY.degree, Literal(int(row["degree"]), datatype=XSD.integer)))
        g.add((node, ALLY.betweenness, _decimal(row["betweenness"])))
    return g


def write_analysis(store: "Store", G: nx.MultiDiGraph, *, base: str | None = None,
                   seed: int = 0) -> dict:
    """Analyse *G* and store the blocs and scores in the analysis graph, replacing the last one.

    Centrality covers every organization (see
    :func:`graph.analysis.central_organizations`), blocs are those of
    :func:`graph.analysis.alliance_blocs` with *seed*. The graph is replaced
    in one transaction (:meth:`graph.store.Store.replace_graph`). Returns what
    was written: the ``graph`` name, the number of ``blocs``, of bloc
    ``members`` and of scored ``organizations``, the ``modularity``, whether
    betweenness was ``betweenness_sampled``, and the number of ``triples``.
    """
    from .analysis import alliance_blocs, central_organizations

    central = central_organizations(G, k=None)
    blocs, modularity = alliance_blocs(G, seed=seed)
    g = analysis_graph(central, blocs, modularity, base=base)
    store.replace_graph(g)
    return {
        "graph": str(g.identifier),
        "blocs": len(blocs),
        "members": sum(len(b["ids"]) for b in blocs),
        "organizations": len(central),
        "modularity": modularity,
        "betweenness_sampled": any(r["betweenness_sampled"] for r in central),
        "triples": len(g),
    }
