"""Records to RDF: the only module that makes ``URIRef`` and ``Literal`` terms.

The fact model: every fact is a direct triple (``ent:microsoft
ally:partnersWith ent:vmware``; symmetric relations in both directions, so
plain SPARQL stays plain) and also an ``ally:Statement`` (an ``rdf:Statement``)
carrying its evidence, offsets, confidence, certainty, extractor and source
article, the way Wikidata keeps statements beside its truthy triples. All
triples of one article live in that article's named graph.

>>> from graph.records import Article, Entity, Fact
>>> art = Article("Apple and IBM formed a partnership.", title="AIM")
>>> fact = Fact(Entity("Apple", "Organization"), "partnersWith",
...             Entity("IBM", "Organization"), evidence=art.text, end=35)
>>> g = article_graph(art, [fact], base="https://example.org/")
>>> (entity_iri("Apple", base="https://example.org/"), ALLY.partnersWith,
...  entity_iri("IBM", base="https://example.org/")) in g
True
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from collections.abc import Iterable
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from .identity import entity_key
from .records import Article, Entity, Fact
from .vocabulary import ALLY, RELATIONS, data_namespace

__all__ = [
    "SCHEMA",
    "WD",
    "ONTOLOGY_DIR",
    "entity_iri",
    "article_iri",
    "statement_iri",
    "ontology_graph_iri",
    "article_graph",
    "ontology_graph",
    "bind_prefixes",
]

SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

#: Where the ontology's Turtle files live: the source tree's ``ontology/``,
#: or the copy shipped inside an installed wheel.
ONTOLOGY_DIR = next(
    (p for p in (Path(__file__).resolve().parent.parent / "ontology",
                 Path(__file__).resolve().parent / "ontology") if p.is_dir()),
    Path(__file__).resolve().parent.parent / "ontology",
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def entity_iri(entity: Entity | str, *, base: str | None = None) -> URIRef:
    """The IRI of an entity: ``<base>entity/<key>``, from its name alone.

    >>> str(entity_iri("Amazon Web Services, Inc.", base="https://example.org/"))
    'https://example.org/entity/amazon-web-services'
    >>> str(entity_iri(Entity("IBM", "Organization", key="International Business Machines"),
    ...                base="https://example.org/"))
    'https://example.org/entity/international-business-machines'
    """
    name = (entity.key or entity.name) if isinstance(entity, Entity) else entity
    return data_namespace(base)["entity/" + entity_key(name)]


def article_iri(article: Article | str, *, base: str | None = None) -> URIRef:
    """The IRI of an article (or of an article id), which is also the name of its named graph.

    >>> str(article_iri("d9a81bca8bdbce0c", base="https://example.org/"))
    'https://example.org/article/d9a81bca8bdbce0c'
    """
    return data_namespace(base)["article/" + (article if isinstance(article, str) else article.id)]


def statement_iri(article: Article, fact: Fact, *, base: str | None = None) -> URIRef:
    """The IRI of one statement: stable for the same fact at the same place of the same article."""
    key = "|".join((article.id, entity_key(fact.subject.name), fact.predicate,
                    entity_key(fact.object.name), str(fact.start), str(fact.end),
                    fact.extractor, fact.evidence))
    return data_namespace(base)["statement/" + hashlib.sha256(key.encode()).hexdigest()[:20]]


def ontology_graph_iri() -> URIRef:
    """The name of the named graph that holds the ontology in a store."""
    return URIRef(str(ALLY._NS).rstrip("#"))


def bind_prefixes(g: Graph, *, base: str | None = None) -> Graph:
    """Bind the prefixes used in the project's files and queries."""
    ns = data_namespace(base)
    g.bind("ally", ALLY._NS)
    g.bind("ent", ns["entity/"])
    g.bind("art", ns["article/"])
    g.bind("st", ns["statement/"])
    g.bind("schema", SCHEMA)
    g.bind("wd", WD)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    g.bind("skos", SKOS)
    return g


def _add_entity(g: Graph, entity: Entity, base: str | None) -> URIRef:
    node = entity_iri(entity, base=base)
    g.add((node, RDF.type, ALLY[entity.type]))
    g.add((node, RDFS.label, Literal(entity.name)))
    for alias in entity.aliases:
        if alias != entity.name:
            g.add((node, SKOS.altLabel, Literal(alias)))
    if entity.wikidata:
        g.add((node, OWL.sameAs, WD[entity.wikidata]))
    return node


def article_graph(article: Article, facts: Iterable[Fact], *, base: str | None = None,
                  extractor: str | None = None) -> Graph:
    """Build the named graph of one article: its metadata, entities, facts and statements.

    The graph's identifier is :func:`article_iri`; facts are checked first, so a
    malformed record raises ``ValueError`` before anything is written.
    *extractor* (``name/version``) is recorded as ``ally:extractedBy``, so that
    re-ingesting can tell an article read by an older extractor.
    """
    facts = [f.check() for f in facts]
    art = article_iri(article, base=base)
    # one graph, written once and read through: rdflib's unindexed store builds it in
    # about two thirds of the time of the default, context-aware one (and with rdflib's core
    # prefixes only, not its thirty defaults)
    g = bind_prefixes(Graph(store="SimpleMemory", identifier=art, bind_namespaces="core"), base=base)
    g.add((art, RDF.type, ALLY.Article))
    g.add((art, ALLY.contentHash, Literal(article.content_hash)))
    if extractor:
        g.add((art, ALLY.extractedBy, Literal(extractor)))
    if article.title:
        g.add((art, DCTERMS.title, Literal(article.title)))
    if article.url:
        g.add((art, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.source:
        g.add((art, DCTERMS.publisher, Literal(article.source)))
    if article.date:
        dtype = XSD.date if _ISO_DATE.match(article.date) else None
        g.add((art, DCTERMS.issued, Literal(article.date, datatype=dtype)))
    for fact in facts:
        s = _add_entity(g, fact.subject, base)
        o = _add_entity(g, fact.object, base)
        p = ALLY[fact.predicate]
        g.add((s, p, o))
        if RELATIONS[fact.predicate].symmetric:
            g.add((o, p, s))
        st = statement_iri(article, fact, base=base)
        g.add((st, RDF.type, ALLY.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, ALLY.evidence, Literal(fact.evidence)))
        g.add((st, ALLY.startOffset, Literal(fact.start, datatype=XSD.integer)))
        g.add((st, ALLY.endOffset, Literal(fact.end, datatype=XSD.integer)))
        g.add((st, ALLY.confidence, Literal(Decimal(str(round(float(fact.confidence), 4))), datatype=XSD.decimal)))
        g.add((st, ALLY.certainty, ALLY[fact.certainty]))
        g.add((st, ALLY.extractor, Literal(fact.extractor)))
        g.add((st, ALLY.extractorVersion, Literal(fact.extractor_version)))
        g.add((st, PROV.wasDerivedFrom, art))
    return g


def ontology_graph(name: str = "alliances.ttl") -> Graph:
    """Parse one of the ontology's Turtle files (``alliances.ttl`` or ``shapes.ttl``)."""
    g = Graph(identifier=ontology_graph_iri())
    g.parse(ONTOLOGY_DIR / name, format="turtle")
    return g
