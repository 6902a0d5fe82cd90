"""Tests of graph.writeback: blocs and centrality scores stored in their own named graph."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from rdflib import RDF, RDFS, XSD, Literal, URIRef

from graph.network import project
from graph.queries import run_named
from graph.rdf import article_graph, entity_iri
from graph.records import Article, Entity, Fact
from graph.store import open_store
from graph.validate import validate
from graph.vocabulary import ALLY
from graph.writeback import analysis_graph, analysis_graph_iri, write_analysis

NAMES = ["Microsoft", "VMware", "Heraflux", "Apple", "IBM"]
MS, VM, HX, AP, IB = (Entity(n, "Organization") for n in NAMES)
SATYA = Entity("Satya Nadella", "Person")
LATEST = "https://w3id.org/alliances/analysis/latest"


def _fill(store):
    store.ensure_ontology()
    text = "Microsoft, VMware and Heraflux partner; Apple and IBM partner. Satya Nadella leads Microsoft."
    store.replace_graph(article_graph(Article(text, title="Deals"), [
        Fact(MS, "partnersWith", VM, evidence=text), Fact(HX, "partnersWith", VM, evidence=text),
        Fact(HX, "partnersWith", MS, evidence=text), Fact(AP, "partnersWith", IB, evidence=text),
        Fact(MS, "ledBy", SATYA, evidence=text)]))
    return store


@pytest.fixture(params=["memory", "oxigraph"])
def store(request, tmp_path):
    location = "memory:" if request.param == "memory" else f"oxigraph:{tmp_path / 'store'}"
    with open_store(location) as s:
        yield _fill(s)


def test_write_stores_blocs_and_scores_in_their_own_graph(store):
    before = store.graph_names()
    written = write_analysis(store, project(store))
    assert written["graph"] == LATEST
    assert (written["blocs"], written["members"], written["organizations"]) == (2, 5, 5)
    assert written["betweenness_sampled"] is False
    assert store.graph_names() == sorted(before + [LATEST])
    rows = store.query("""
        SELECT ?name (COUNT(?org) AS ?n) WHERE {
          GRAPH <%s> { ?bloc a ally:Bloc ; rdfs:label ?name . ?org ally:inBloc ?bloc } }
        GROUP BY ?name ORDER BY ?name""" % LATEST).rows
    assert rows == [("Apple / IBM", 2), ("Heraflux / Microsoft / VMware", 3)]
    ms = str(entity_iri(MS))
    [(pagerank, degree, betweenness)] = store.query(
        f"SELECT ?p ?d ?b WHERE {{ <{ms}> ally:pageRank ?p ; ally:degree ?d ; ally:betweenness ?b }}").rows
    assert degree == 3  # VMware, Heraflux and its CEO
    # Of the 10 pairs of the other five entities, two (Satya with VMware, with Heraflux) pass through it.
    assert betweenness == pytest.approx(2 / 10)
    assert 0 < pagerank < 1
    # the people are not scored: only organizations are
    assert store.query(f"ASK {{ <{entity_iri(SATYA)}> ally:pageRank ?p }}").boolean is False


def test_writing_again_replaces_the_last_analysis(store):
    write_analysis(store, project(store))
    first = len(store)
    write_analysis(store, project(store))
    assert len(store) == first
    write_analysis(store, project(store, relations=["ledBy"]))  # no partners: no blocs left
    assert store.query("ASK { ?bloc a ally:Bloc }").boolean is False


def test_the_graph_conforms_to_the_shapes(store):
    write_analysis(store, project(store))
    report = validate(store.dataset())
    assert report.conforms, report.results


def test_shapes_catch_a_misplaced_bloc_membership(store):
    write_analysis(store, project(store))
    ds = store.dataset()
    ds.add((entity_iri(SATYA), ALLY.inBloc, URIRef(LATEST + "/bloc/1"), URIRef(LATEST)))
    ds.add((entity_iri(MS), ALLY.pageRank, Literal("1.5", datatype=XSD.decimal), URIRef(LATEST)))
    results = "\n".join(validate(ds).results)
    assert "the subject of ally:inBloc must be an ally:Organization" in results
    assert "ally:pageRank, a decimal from 0 to 1" in results


def test_bloc_query_lists_the_members_of_an_organizations_bloc(store):
    write_analysis(store, project(store))
    result = run_named(store, "bloc", org="heraflux")
    assert result.vars == ("bloc", "blocLabel", "member", "label", "pageRank", "degree", "betweenness")
    assert {row[3] for row in result.rows} == {"Microsoft", "VMware", "Heraflux"}
    assert {row[1] for row in result.rows} == {"Heraflux / Microsoft / VMware"}
    assert result.rows[0][3] == "Microsoft"  # the highest PageRank first
    assert run_named(store, "bloc", org="Satya Nadella").rows == []


def test_analysis_graph_from_plain_data():
    ended = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
    ibm = "https://example.org/entity/ibm"
    g = analysis_graph([{"id": ibm, "pagerank": 1.2e-05, "degree": 4, "betweenness": 1.0000001}],
                       [{"name": "Apple / IBM", "ids": ["https://example.org/entity/apple", ibm]}],
                       0.25, base="https://example.org/", ended=ended)
    name = analysis_graph_iri(base="https://example.org/")
    assert g.identifier == name == URIRef("https://example.org/analysis/latest")
    assert (name, RDF.type, ALLY.Analysis) in g
    assert str(g.value(name, ALLY.modularity)) == "0.2500000000"
    assert g.value(name, URIRef("http://www.w3.org/ns/prov#endedAtTime")) == Literal(
        "2024-05-01T12:30:00+00:00", datatype=XSD.dateTime)
    bloc = URIRef("https://example.org/analysis/latest/bloc/1")
    assert str(g.value(bloc, RDFS.label)) == "Apple / IBM"
    # small scores keep a valid xsd:decimal lexical form; rounding noise stays within [0, 1]
    assert str(g.value(URIRef(ibm), ALLY.pageRank)) == "0.0000120000"
    assert str(g.value(URIRef(ibm), ALLY.betweenness)) == "1.0000000000"
    assert g.value(URIRef(ibm), ALLY.degree) == Literal(4, datatype=XSD.integer)
