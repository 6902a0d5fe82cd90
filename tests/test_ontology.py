"""ontology/alliances.ttl agrees with graph.vocabulary: its terms, labels, symmetry, domains and ranges."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef
from rdflib.collection import Collection

from graph.rdf import ontology_graph
from graph.vocabulary import ALLY, ONTOLOGY_IRI, RELATIONS

NS = str(ALLY._NS)


@pytest.fixture(scope="module")
def ont() -> Graph:
    return ontology_graph("alliances.ttl")


def ally_terms() -> set[str]:
    return {name for name in ALLY.__annotations__ if not name.startswith("_")}


def class_names(g: Graph, node) -> set[str]:
    """The local names of a class, or of the classes of an ``owl:unionOf``."""
    if isinstance(node, BNode):
        members = Collection(g, g.value(node, OWL.unionOf))
        return {str(m).removeprefix(NS) for m in members}
    return {str(node).removeprefix(NS)}


def test_ontology_parses_and_names_itself(ont):
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in ont
    assert ont.value(URIRef(ONTOLOGY_IRI), OWL.versionInfo) is not None


def test_terms_are_those_of_the_vocabulary(ont):
    declared = {str(s).removeprefix(NS) for s in ont.subjects()
                if isinstance(s, URIRef) and str(s).startswith(NS)}
    in_python = ally_terms()
    assert not in_python - declared, f"in ALLY but not in alliances.ttl: {sorted(in_python - declared)}"
    assert not declared - in_python, f"in alliances.ttl but not in ALLY: {sorted(declared - in_python)}"
    assert {str(t).removeprefix(NS) for t in dir(ALLY)} == in_python


@pytest.mark.parametrize("name", sorted(ally_terms()))
def test_every_term_has_a_label_and_a_comment(ont, name):
    term = ALLY[name]
    assert ont.value(term, RDFS.label), f"ally:{name} has no rdfs:label"
    assert ont.value(term, RDFS.comment), f"ally:{name} has no rdfs:comment"
    assert (term, RDF.type, None) in ont, f"ally:{name} has no rdf:type"


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_relations_agree_with_the_vocabulary(ont, name):
    relation, term = RELATIONS[name], ALLY[name]
    assert (term, RDF.type, OWL.ObjectProperty) in ont
    assert ((term, RDF.type, OWL.SymmetricProperty) in ont) == relation.symmetric
    assert class_names(ont, ont.value(term, RDFS.domain)) == set(relation.domain)
    assert class_names(ont, ont.value(term, RDFS.range)) == set(relation.range)
    assert str(ont.value(term, RDFS.label)) == relation.label


def test_symmetric_relations(ont):
    symmetric = {str(s).removeprefix(NS) for s in ont.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == {"partnersWith", "rivalOf"}


def test_leads_is_the_inverse_of_led_by(ont):
    assert (ALLY.ledBy, OWL.inverseOf, ALLY.leads) in ont
    assert class_names(ont, ont.value(ALLY.leads, RDFS.domain)) == set(RELATIONS["ledBy"].range)
    assert class_names(ont, ont.value(ALLY.leads, RDFS.range)) == set(RELATIONS["ledBy"].domain)


def test_entity_types_are_subclasses_of_entity(ont):
    for name in ("Organization", "Person", "Product", "Place"):
        assert (ALLY[name], RDFS.subClassOf, ALLY.Entity) in ont
    assert (ALLY.Statement, RDFS.subClassOf, RDF.Statement) in ont


def test_certainties_are_the_individuals_of_certainty(ont):
    for name in ("reported", "confirmed"):
        assert (ALLY[name], RDF.type, ALLY.Certainty) in ont
        assert (ALLY[name], RDF.type, OWL.NamedIndividual) in ont
    assert (ALLY.certainty, RDFS.range, ALLY.Certainty) in ont
