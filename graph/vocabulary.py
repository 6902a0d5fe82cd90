"""The relation vocabulary and the namespaces, defined once.

`ALLY` is a closed :class:`rdflib.namespace.DefinedNamespace` that mirrors
``ontology/alliances.ttl`` (a test checks that the two agree): a typo such as
``ALLY.partnerWith`` raises ``AttributeError`` instead of minting a new IRI.

>>> str(ALLY.partnersWith)
'https://w3id.org/alliances/ontology#partnersWith'
>>> RELATIONS["rivalOf"].symmetric
True
"""

from __future__ import annotations

import os
from typing import NamedTuple

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "ALLY",
    "ONTOLOGY_IRI",
    "DEFAULT_BASE",
    "BASE_ENV",
    "Relation",
    "RELATIONS",
    "ENTITY_TYPES",
    "CERTAINTIES",
    "data_namespace",
]

ONTOLOGY_IRI = "https://w3id.org/alliances/ontology"
DEFAULT_BASE = "https://w3id.org/alliances/"
BASE_ENV = "ALLIANCES_BASE"


class ALLY(DefinedNamespace):
    """Terms of the alliances ontology (``ontology/alliances.ttl``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Entity: URIRef
    Organization: URIRef
    Person: URIRef
    Product: URIRef
    Place: URIRef
    Article: URIRef
    Statement: URIRef
    Certainty: URIRef
    # relations between entities
    partnersWith: URIRef
    rivalOf: URIRef
    ledBy: URIRef
    leads: URIRef
    formerlyAt: URIRef
    worksAt: URIRef
    locatedIn: URIRef
    acquired: URIRef
    investedIn: URIRef
    subsidiaryOf: URIRef
    productOf: URIRef
    # statement (reified fact) properties; a statement's subject, predicate
    # and object are rdf:subject/rdf:predicate/rdf:object, its source article
    # is prov:wasDerivedFrom
    evidence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    confidence: URIRef
    certainty: URIRef
    extractor: URIRef
    extractorVersion: URIRef
    # certainty individuals
    reported: URIRef
    confirmed: URIRef
    # article properties; an entity's name, aliases and type are rdfs:label,
    # skos:altLabel and rdf:type
    contentHash: URIRef
    extractedBy: URIRef
    # analysis results (graph.writeback), in their own named graph
    Analysis: URIRef
    Bloc: URIRef
    inBloc: URIRef
    pageRank: URIRef
    degree: URIRef
    betweenness: URIRef
    modularity: URIRef


class Relation(NamedTuple):
    """How one predicate behaves: its ends' entity types and its symmetry."""

    name: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    symmetric: bool = False
    label: str = ""


_ORGLIKE = ("Organization",)
_ANY_ORG_OR_PRODUCT = ("Organization", "Product")

#: Every relation the extractor may emit, in a stable order.
RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in (
        Relation("partnersWith", _ORGLIKE, _ORGLIKE, True, "partners with"),
        Relation("rivalOf", _ANY_ORG_OR_PRODUCT, _ANY_ORG_OR_PRODUCT, True, "rival of"),
        Relation("ledBy", _ORGLIKE, ("Person",), False, "led by"),
        Relation("formerlyAt", ("Person",), _ORGLIKE, False, "formerly at"),
        Relation("worksAt", ("Person",), _ORGLIKE, False, "works at"),
        Relation("locatedIn", _ORGLIKE, ("Place",), False, "located in"),
        Relation("acquired", _ORGLIKE, _ANY_ORG_OR_PRODUCT, False, "acquired"),
        Relation("investedIn", _ORGLIKE + ("Person",), _ORGLIKE, False, "invested in"),
        Relation("subsidiaryOf", _ORGLIKE, _ORGLIKE, False, "subsidiary of"),
        Relation("productOf", ("Product",), _ORGLIKE, False, "product of"),
    )
}

#: Entity types, as ontology class names.
ENTITY_TYPES = ("Organization", "Person", "Product", "Place")

#: The two values of a fact's certainty.
CERTAINTIES = ("reported", "confirmed")


def data_namespace(base: str | None = None) -> Namespace:
    """The namespace for entity, article and statement IRIs.

    Taken from *base*, else the ``ALLIANCES_BASE`` environment variable, else
    :data:`DEFAULT_BASE`.

    >>> str(data_namespace("https://example.org/kg/")["entity/microsoft"])
    'https://example.org/kg/entity/microsoft'
    """
    base = base or os.environ.get(BASE_ENV) or DEFAULT_BASE
    if not base.endswith(("/", "#")):
        base += "/"
    return Namespace(base)
