"""graph.views: finding an entity by name, its neighbourhood, a bloc."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.exceptions import QueryError
from graph.views import bloc_view, ego_view, find_entity

E = "https://w3id.org/alliances/entity/"


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """Microsoft - VMware - Dell (acquired VMware) - Michael Dell (leads Dell); Apple apart."""
    G = nx.MultiDiGraph()
    for key, label, kind in [("microsoft", "Microsoft", "Organization"), ("vmware", "VMware", "Organization"),
                             ("dell", "Dell", "Organization"), ("michael-dell", "Michael Dell", "Person"),
                             ("windows", "Microsoft Windows", "Product"), ("apple", "Apple", "Organization")]:
        G.add_node(E + key, label=label, type=kind)
    G.add_edge(E + "microsoft", E + "vmware", key="partnersWith", relation="partnersWith", confidence=0.9)
    G.add_edge(E + "microsoft", E + "vmware", key="rivalOf", relation="rivalOf", confidence=0.6)
    G.add_edge(E + "dell", E + "vmware", key="acquired", relation="acquired", confidence=0.8)
    G.add_edge(E + "dell", E + "michael-dell", key="ledBy", relation="ledBy", confidence=0.8)
    G.add_edge(E + "windows", E + "microsoft", key="productOf", relation="productOf", confidence=0.8)
    return G


def test_find_entity_by_label_in_any_case_or_by_iri(graph):
    assert find_entity(graph, "VMware") == E + "vmware"
    assert find_entity(graph, "  vmware ") == E + "vmware"
    assert find_entity(graph, "MICHAEL DELL") == E + "michael-dell"
    assert find_entity(graph, E + "dell") == E + "dell"


def test_unknown_name_lists_close_matches(graph):
    with pytest.raises(QueryError) as info:
        find_entity(graph, "Microsfot")
    assert str(info.value) == "no entity named 'Microsfot'; close matches: 'Microsoft', 'Microsoft Windows'"
    with pytest.raises(QueryError, match="close matches: 'Dell', 'Michael Dell'"):
        find_entity(graph, "del")  # a part of the name
    with pytest.raises(QueryError, match="no name among the 6 entities comes close"):
        find_entity(graph, "Qualcomm")
    with pytest.raises(QueryError, match="empty"):
        find_entity(graph, " ")


def test_a_name_two_entities_share_asks_for_the_iri(graph):
    graph.add_node(E + "apple-records", label="Apple", type="Organization")
    with pytest.raises(QueryError, match=r"2 entities are named 'apple': .*apple-records.*; give the IRI"):
        find_entity(graph, "apple")
    assert find_entity(graph, E + "apple-records") == E + "apple-records"


def test_ego_view_follows_facts_both_ways(graph):
    # Dell acquired VMware: Dell is one step from VMware although the fact points at VMware
    assert set(ego_view(graph, E + "vmware", depth=1)) == {E + "vmware", E + "microsoft", E + "dell"}
    two = ego_view(graph, E + "microsoft", depth=2)
    assert set(two) == {E + "microsoft", E + "vmware", E + "windows", E + "dell"}
    assert set(ego_view(graph, E + "microsoft", depth=0)) == {E + "microsoft"}
    assert set(ego_view(graph, E + "apple", depth=3)) == {E + "apple"}


def test_ego_view_keeps_every_fact_among_its_entities_with_attributes(graph):
    view = ego_view(graph, E + "vmware", depth=1)
    assert sorted(k for *_, k in view.edges(keys=True)) == ["acquired", "partnersWith", "rivalOf"]
    assert view.edges[E + "microsoft", E + "vmware", "rivalOf"]["confidence"] == 0.6
    assert view.nodes[E + "dell"] == {"label": "Dell", "type": "Organization"}
    assert view.graph == {"focus": E + "vmware", "depth": 1}
    view.add_node("x")  # a copy: the original is untouched
    assert "x" not in graph


@pytest.mark.parametrize("depth", [-1, 1.5, True, "2"])
def test_ego_view_refuses_a_bad_depth(graph, depth):
    with pytest.raises(QueryError, match="depth"):
        ego_view(graph, E + "vmware", depth=depth)


def test_ego_view_of_an_unknown_node(graph):
    with pytest.raises(QueryError, match="find_entity"):
        ego_view(graph, "Microsoft")


def test_bloc_view_keeps_members_and_facts_among_them(graph):
    view = bloc_view(graph, [E + "microsoft", E + "vmware", E + "gone"])
    assert set(view) == {E + "microsoft", E + "vmware"}
    assert view.number_of_edges() == 2
