"""Tests of graph.timeline: new facts per period, and an organization's partners and rivals over time."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.exceptions import QueryError
from graph.network import project
from graph.rdf import article_graph
from graph.records import Article, Entity, Fact
from graph.store import open_store
from graph.timeline import facts_per_period, organization_timeline

MS, VM, AWS, GOOGLE = (Entity(n, "Organization") for n in ("Microsoft", "VMware", "Amazon Web Services", "Google"))


@pytest.fixture
def G():
    store = open_store("memory:")
    for text, date, facts in [
        ("Microsoft and VMware team up.", "2019-03-01", [(MS, "partnersWith", VM)]),
        ("VMware and Microsoft renew their deal.", "2021-06-15", [(VM, "partnersWith", MS)]),
        ("Microsoft rivals AWS.", "2019-11-20", [(MS, "rivalOf", AWS)]),
        ("Google and Microsoft partner; Google rivals VMware.", "2021-06-30",
         [(GOOGLE, "partnersWith", MS), (GOOGLE, "rivalOf", VM)]),
        ("Microsoft competes with Google.", None, [(MS, "rivalOf", GOOGLE)]),
    ]:
        store.replace_graph(article_graph(Article(text, date=date), [
            Fact(s, p, o, evidence=text) for s, p, o in facts]))
    return project(store)


def test_facts_per_year_count_each_fact_at_its_first_date(G):
    rows = facts_per_period(G)
    assert [(r["period"], r["new_facts"], r["facts"]) for r in rows] == [
        ("2019", 2, 2), ("2021", 2, 4), (None, 1, 5)]
    assert rows[0]["by_relation"] == {"partnersWith": 1, "rivalOf": 1}


def test_facts_per_month(G):
    assert [(r["period"], r["new_facts"]) for r in facts_per_period(G, period="month")] == [
        ("2019-03", 1), ("2019-11", 1), ("2021-06", 2), (None, 1)]


def test_organization_timeline(G):
    rows = organization_timeline(G, "microsoft")
    assert rows == [
        {"period": "2019", "new_partners": ["VMware"], "partners": 1,
         "new_rivals": ["Amazon Web Services"], "rivals": 1},
        {"period": "2021", "new_partners": ["Google"], "partners": 2, "new_rivals": [], "rivals": 1},
        {"period": None, "new_partners": [], "partners": 2, "new_rivals": ["Google"], "rivals": 2},
    ]
    assert [r["period"] for r in organization_timeline(G, "VMware", period="month")] == [
        "2019-03", "2021-06"]


def test_date_filters_of_the_projection_apply():
    store = open_store("memory:")
    store.replace_graph(article_graph(Article("Old news.", date="2001-01-01"), [
        Fact(MS, "partnersWith", VM, evidence="Old news.")]))
    store.replace_graph(article_graph(Article("New news.", date="2020-01-01"), [
        Fact(MS, "partnersWith", AWS, evidence="New news.")]))
    assert [r["period"] for r in facts_per_period(project(store, since="2010"))] == ["2020"]


def test_bad_period_and_unknown_organization(G):
    with pytest.raises(QueryError, match="unknown period 'day'"):
        facts_per_period(G, period="day")
    with pytest.raises(QueryError, match="unknown period 'day'"):
        organization_timeline(G, "Microsoft", period="day")
    with pytest.raises(QueryError, match="no entity is named 'Microsfot'"):
        organization_timeline(G, "Microsfot")


def test_empty_graph():
    assert facts_per_period(nx.MultiDiGraph()) == []
