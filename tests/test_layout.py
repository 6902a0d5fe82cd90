"""graph.layout: positions for big graphs, fast, repeatable, components apart."""

from __future__ import annotations

import math
import time

import networkx as nx
import numpy as np
import pytest
from scipy.spatial import cKDTree

from graph.layout import MESH_LIMIT, force_layout


def _median_nearest(pos: dict) -> float:
    xy = np.array(list(pos.values()))
    distances, _ = cKDTree(xy).query(xy, k=2)
    return float(np.median(distances[:, 1]))


def test_every_node_gets_a_finite_position():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="partnersWith")
    G.add_edge("a", "b", key="rivalOf")  # parallel facts and self-loops change nothing
    G.add_edge("b", "b", key="acquired")
    G.add_node("alone")
    pos = force_layout(G)
    assert set(pos) == {"a", "b", "alone"}
    assert all(math.isfinite(c) for xy in pos.values() for c in xy)
    assert force_layout(nx.Graph()) == {}
    assert set(force_layout(nx.Graph([(1, 2)]).subgraph([1]))) == {1}


def test_same_graph_same_positions():
    G = nx.connected_caveman_graph(8, 6)
    assert force_layout(G) == force_layout(G)
    assert force_layout(G, seed=1) != force_layout(G, seed=2)


@pytest.mark.parametrize("size", [20, MESH_LIMIT + 80])  # exact forces, grid forces
def test_scale_is_the_distance_to_the_nearest_neighbour(size):
    G = nx.connected_watts_strogatz_graph(size, 4, 0.1, seed=3)
    assert _median_nearest(force_layout(G, scale=50.0)) == pytest.approx(50.0, rel=0.01)


def test_components_do_not_overlap():
    G = nx.disjoint_union_all([nx.barabasi_albert_graph(300, 2, seed=1), nx.cycle_graph(12),
                               nx.star_graph(6), nx.path_graph(2), nx.empty_graph(3)])
    pos = force_layout(G)
    boxes = []
    for component in nx.connected_components(G):
        xy = np.array([pos[n] for n in component])
        boxes.append((xy.min(axis=0), xy.max(axis=0)))
    for i, (low_a, high_a) in enumerate(boxes):
        for low_b, high_b in boxes[i + 1:]:
            apart = (high_a < low_b).any() or (high_b < low_a).any()
            assert apart


def test_neighbours_end_closer_than_strangers():
    G = nx.connected_caveman_graph(10, 8)  # ten cliques in a ring
    pos = force_layout(G)
    xy = {n: np.array(p) for n, p in pos.items()}
    inside = np.mean([np.linalg.norm(xy[u] - xy[v]) for u, v in G.edges])
    anywhere = np.mean([np.linalg.norm(xy[u] - xy[v]) for u in G for v in G if u < v])
    assert inside < anywhere / 3


def test_options_are_checked():
    with pytest.raises(ValueError, match="iterations=0"):
        force_layout(nx.path_graph(3), iterations=0)
    with pytest.raises(ValueError, match="scale=-1"):
        force_layout(nx.path_graph(3), scale=-1)


@pytest.mark.slow
def test_five_thousand_nodes_in_seconds():
    G = nx.gnm_random_graph(5000, 20000, seed=1)
    start = time.perf_counter()
    pos = force_layout(G)
    elapsed = time.perf_counter() - start
    assert len(pos) == 5000
    assert elapsed < 20, f"{elapsed:.1f} s"  # about 1 s on a laptop; generous for busy CI machines
