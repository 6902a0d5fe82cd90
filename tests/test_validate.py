"""graph.validate: graphs written by graph.rdf conform to ontology/shapes.ttl; broken ones do not."""

from __future__ import annotations

import pytest
from rdflib import RDF, XSD, Dataset, Graph, Literal

from graph.exceptions import ValidationError
from graph.rdf import article_graph, entity_iri, ontology_graph, ontology_graph_iri
from graph.records import Article, Entity, Fact
from graph.validate import check, validate
from graph.vocabulary import ALLY, RELATIONS

MICROSOFT = Entity("Microsoft", "Organization")
OPENAI = Entity("OpenAI", "Organization")
NADELLA = Entity("Satya Nadella", "Person", aliases=("Nadella",))
AZURE = Entity("Azure", "Product")
REDMOND = Entity("Redmond", "Place")

TEXT = ("Microsoft and OpenAI extended their partnership. Microsoft, led by Satya Nadella "
        "and based in Redmond, may invest more in OpenAI. Azure is made by Microsoft.")


def facts() -> list[Fact]:
    return [
        Fact(MICROSOFT, "partnersWith", OPENAI, confidence=0.9, evidence=TEXT[:48], end=48),
        Fact(MICROSOFT, "ledBy", NADELLA, evidence=TEXT[49:129], start=49, end=129),
        Fact(MICROSOFT, "locatedIn", REDMOND, evidence=TEXT[49:129], start=49, end=129),
        Fact(MICROSOFT, "investedIn", OPENAI, certainty="reported", confidence=0.4,
             evidence=TEXT[49:129], start=49, end=129),
        Fact(AZURE, "productOf", MICROSOFT, confidence=1.0, evidence=TEXT[130:], start=130,
             end=len(TEXT), extractor="llm", extractor_version="2"),
    ]


@pytest.fixture()
def article() -> Article:
    return Article(TEXT, title="Microsoft and OpenAI", url="https://example.org/news/1",
                   date="2024-01-01", source="Example News")


@pytest.fixture()
def graph(article) -> Graph:
    return article_graph(article, facts())


def one_statement(g: Graph):
    return next(g.subjects(RDF.type, ALLY.Statement))


def assert_fails(g: Graph, *words: str) -> None:
    report = validate(g)
    assert not report.conforms
    assert any(all(w in line for w in words) for line in report.results), report.results
    with pytest.raises(ValidationError, match=words[0]):
        check(g)


def test_an_article_graph_conforms(graph):
    report = validate(graph)
    assert report.conforms, report.results
    assert report.results == []
    check(graph)


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_every_relation_with_its_declared_types_conforms(article, name):
    relation = RELATIONS[name]
    subject = Entity("Subject", relation.domain[-1])
    obj = Entity("Object", relation.range[-1])
    g = article_graph(article, [Fact(subject, name, obj, evidence="x", end=1)])
    assert validate(g).conforms, validate(g).results


def test_validate_does_not_change_the_data(graph):
    before = len(graph)
    validate(graph)
    assert len(graph) == before


def test_confidence_above_one_fails(graph):
    st = one_statement(graph)
    graph.set((st, ALLY.confidence, Literal("1.5", datatype=XSD.decimal)))
    assert_fails(graph, "ally:confidence", "1.5")


def test_statement_without_evidence_fails(graph):
    graph.remove((one_statement(graph), ALLY.evidence, None))
    assert_fails(graph, "ally:evidence")


def test_led_by_an_organization_fails(article):
    g = article_graph(article, [Fact(MICROSOFT, "partnersWith", OPENAI, evidence="x", end=1)])
    g.add((entity_iri(MICROSOFT), ALLY.ledBy, entity_iri(OPENAI)))  # article_graph itself refuses this
    assert_fails(g, "ally:ledBy", "ally:Person", "ent:openai")


def test_works_at_a_person_fails(article):
    g = article_graph(article, [Fact(NADELLA, "worksAt", MICROSOFT, evidence="x", end=1)])
    g.add((entity_iri(NADELLA), ALLY.worksAt, entity_iri(NADELLA)))  # article_graph itself refuses this
    assert_fails(g, "ally:worksAt", "ally:Organization")


def test_unknown_certainty_fails(graph):
    graph.set((one_statement(graph), ALLY.certainty, ALLY._NS.rumoured))
    assert_fails(graph, "ally:certainty", "ally:rumoured")


def test_negative_offset_fails(graph):
    graph.set((one_statement(graph), ALLY.startOffset, Literal(-1)))
    assert_fails(graph, "ally:startOffset", "-1")


def test_statement_without_an_article_fails(graph, article):
    graph.remove((None, RDF.type, ALLY.Article))
    assert_fails(graph, "prov:wasDerivedFrom")


def test_entity_without_a_label_fails(graph):
    graph.remove((entity_iri("Redmond"), None, None))
    graph.add((entity_iri("Redmond"), RDF.type, ALLY.Place))
    assert_fails(graph, "ent:redmond", "rdfs:label")


def test_check_names_the_first_violations_and_counts_the_rest(graph):
    for st in list(graph.subjects(RDF.type, ALLY.Statement)):
        graph.remove((st, ALLY.extractor, None))
    with pytest.raises(ValidationError, match=r"^5 SHACL violations: .*ally:extractor") as caught:
        check(graph, show=2)
    assert str(caught.value).endswith("and 3 more")


def test_a_store_export_with_the_ontology_conforms(graph):
    other = Article("Apple and IBM formed a partnership.", title="AIM")
    apple_ibm = Fact(Entity("Apple", "Organization"), "partnersWith",
                     Entity("IBM", "Organization"), evidence=other.text, end=35)
    ds = Dataset()
    for g in (ontology_graph("alliances.ttl"), graph, article_graph(other, [apple_ibm])):
        named = ds.graph(g.identifier)
        for triple in g:
            named.add(triple)
    assert ontology_graph_iri() in {c.identifier for c in ds.graphs()}
    report = validate(ds)
    assert report.conforms, report.results


def test_a_dataset_is_validated_across_its_named_graphs(graph):
    ds = Dataset()
    named = ds.graph(graph.identifier)
    for triple in graph:
        named.add(triple)
    named.set((one_statement(graph), ALLY.confidence, Literal("-0.1", datatype=XSD.decimal)))
    assert_fails(ds, "ally:confidence")


def test_the_ontology_alone_conforms():
    assert validate(ontology_graph("alliances.ttl")).conforms
