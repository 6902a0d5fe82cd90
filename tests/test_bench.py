"""bench/analysis.py stays runnable: its synthetic graph follows the projection's format, and a tiny run works."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from graph.vocabulary import RELATIONS

BENCH = Path(__file__).resolve().parents[1] / "bench" / "analysis.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_analysis", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_graph_has_the_projection_format(bench):
    G = bench.synthetic_graph(1_000, 5_000, seed=3)
    assert G.number_of_edges() == 5_000
    assert G.number_of_nodes() == 1_000
    for node, data in G.nodes(data=True):
        assert set(data) == {"label", "type"}
    for u, v, key, data in G.edges(keys=True, data=True):
        assert key == data["relation"] and u != v
        relation = RELATIONS[key]
        assert G.nodes[u]["type"] in relation.domain and G.nodes[v]["type"] in relation.range
        assert data["symmetric"] == relation.symmetric and (not relation.symmetric or u < v)
        assert 0 <= data["confidence"] <= 1 and data["certainty"] in ("reported", "confirmed")
        assert (data["first_seen"] is None) == (data["last_seen"] is None)
        assert data["first_seen"] is None or data["first_seen"] <= data["last_seen"]
        assert data["evidence"][0]["text"]


def test_a_tiny_run_prints_every_analysis(bench, capsys):
    assert bench.main(["--entities", "600", "--facts", "3000"]) == 0
    out = capsys.readouterr().out
    for name in ("central organizations", "alliance blocs", "brokers", "frenemies", "talent flows",
                 "path:", "likely next alliances", "new facts per month", "write-back"):
        assert name in out
    assert "exact betweenness" in out
