"""Check graphs against the SHACL shapes of the ontology (``ontology/shapes.ttl``).

:func:`validate` reports; :func:`check` raises. Both take one graph, such as
one article's named graph, or a whole :class:`rdflib.Dataset`, such as a
store's export, whose named graphs are validated together as one union graph.

>>> from graph.rdf import article_graph
>>> from graph.records import Article, Entity, Fact
>>> art = Article("Satya Nadella leads Microsoft.")
>>> fact = Fact(Entity("Microsoft", "Organization"), "ledBy",
...             Entity("Satya Nadella", "Person"), evidence=art.text, end=30)
>>> validate(article_graph(art, [fact])).conforms
True
>>> from graph.rdf import entity_iri
>>> from graph.vocabulary import ALLY
>>> wrong = article_graph(art, [fact])
>>> _ = wrong.add((entity_iri("Microsoft"), ALLY.ledBy, entity_iri("OpenAI")))
>>> _ = wrong.add((entity_iri("OpenAI"), RDF.type, ALLY.Organization))
>>> report = validate(wrong)
>>> report.conforms
False
>>> print(report.results[0])
ent:microsoft ally:ledBy: the object of ally:ledBy must be an ally:Person (value ent:openai)
"""

from __future__ import annotations

from typing import NamedTuple

from rdflib import RDF, Dataset, Graph, Literal, Node
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH

from .exceptions import ValidationError
from .rdf import bind_prefixes, ontology_graph

__all__ = ["ValidationReport", "validate", "check"]


class ValidationReport(NamedTuple):
    """What :func:`validate` found: whether the data conforms, and why not."""

    conforms: bool
    #: One line per violation: ``focus path: message (value v)``, sorted.
    results: list[str]
    #: pySHACL's full text report.
    text: str


def _as_stored(node: Node) -> Node:
    # A literal made from a Python value keeps that value: graph.rdf writes
    # confidence as Literal(0.8, datatype=xsd:decimal), whose value is a float,
    # and pySHACL only takes a Decimal as an xsd:decimal. Rebuilding typed
    # literals from their lexical form checks what a store holds.
    if isinstance(node, Literal) and node.datatype is not None:
        return Literal(str(node), datatype=node.datatype)
    return node


def _union(data: Graph | Dataset) -> Graph:
    """One new graph holding every triple of *data*, of all its named graphs if it has them."""
    union = bind_prefixes(Graph())
    for prefix, namespace in data.namespaces():
        union.bind(prefix, namespace, override=False)
    if isinstance(data, ConjunctiveGraph):  # a Dataset is one too
        triples = ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    else:
        triples = iter(data)
    for s, p, o in triples:
        union.add((s, p, _as_stored(o)))
    return union


def _result_line(results: Graph, result: Node, names: Graph) -> str:
    def show(node: Node) -> str:
        return node.n3(names.namespace_manager)

    focus, path, value = (results.value(result, p) for p in (SH.focusNode, SH.resultPath, SH.value))
    where = show(focus) + (" " + show(path) if path is not None else "")
    message = results.value(result, SH.resultMessage) or "violates " + show(
        results.value(result, SH.sourceConstraintComponent))
    line = f"{where}: {message}"
    return line + f" (value {show(value)})" if value not in (None, focus) else line


def validate(data: Graph | Dataset, *, shapes: Graph | None = None) -> ValidationReport:
    """Validate *data* against *shapes* (default: ``ontology/shapes.ttl``).

    The ontology (``ontology/alliances.ttl``) is mixed into a copy of the data
    so that ``sh:class ally:Entity`` knows its subclasses; there is no RDFS
    inference, which would make the values of ``ally:ledBy`` Persons by
    ``rdfs:range`` and so hide exactly the errors the shapes look for. *data*
    is never modified.

    >>> from rdflib import Graph
    >>> validate(Graph()).conforms
    True
    """
    from pyshacl import validate as shacl_validate

    union = _union(data)
    conforms, results, text = shacl_validate(
        union,
        shacl_graph=shapes if shapes is not None else ontology_graph("shapes.ttl"),
        ont_graph=ontology_graph("alliances.ttl"),
        inference="none",
        inplace=True,  # on our own copy
    )
    lines = sorted(_result_line(results, r, union)
                   for r in results.subjects(RDF.type, SH.ValidationResult))
    return ValidationReport(bool(conforms), lines, text)


def check(data: Graph | Dataset, *, shapes: Graph | None = None, show: int = 5) -> None:
    """Raise :class:`~graph.exceptions.ValidationError` unless *data* conforms.

    The message names the first *show* violations and counts the rest.

    >>> from rdflib import Graph
    >>> from graph.rdf import entity_iri
    >>> from graph.vocabulary import ALLY
    >>> g = Graph().add((entity_iri("Microsoft"), ALLY.ledBy, entity_iri("OpenAI")))
    >>> check(g)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.exceptions.ValidationError: 2 SHACL violations: ent:microsoft ally:ledBy: the object ...
    """
    report = validate(data, shapes=shapes)
    if report.conforms:
        return
    shown = "; ".join(report.results[:show])
    more = len(report.results) - show
    plural = "s" if len(report.results) != 1 else ""
    raise ValidationError(f"{len(report.results)} SHACL violation{plural}: {shown}"
                          + (f"; and {more} more" if more > 0 else ""))
