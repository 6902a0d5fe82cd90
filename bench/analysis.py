"""Benchmark of the network analyses on a synthetic alliance graph (default: 100k entities, 1M facts).

The graph is built directly as a :class:`networkx.MultiDiGraph` in the
projection's format (``docs/network-format.md``: typed, labelled nodes; one
edge per fact keyed by its relation, symmetric relations once from the
smaller IRI, each with certainty, confidence, articles, first/last seen and
one evidence statement). Generating a million facts through RDF and
:func:`graph.network.project` is not part of this benchmark: it measures the
analyses, which is what a user waits for at the ``alliances analyse`` prompt.

The synthetic industry: 60% organizations in 300 sectors, 25% people, 10%
products, 5% places. Partnerships and rivalries fall mostly within a sector
and favour popular organizations (Pareto weights, so there are hubs); people
work at, formerly worked at and lead organizations; organizations acquire,
invest in and own others; products belong to makers and rival each other.
About one fact in ten has no date (undated articles).

    python bench/analysis.py                      # 100k entities, 1M facts
    python bench/analysis.py --entities 2000 --facts 10000

Each line gives the seconds of one analysis, and says where it samples or
approximates.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from graph import analysis  # noqa: E402
from graph.network import organizations  # noqa: E402
from graph.vocabulary import DEFAULT_BASE, RELATIONS  # noqa: E402

__all__ = ["synthetic_graph", "run", "main"]

#: Share of the facts given to each relation (partnersWith and rivalOf take the rest).
_SHARES = {
    "locatedIn": 0.06, "worksAt": 0.025, "formerlyAt": 0.0375, "ledBy": 0.015,
    "productOf": 0.01, "acquired": 0.025, "investedIn": 0.025, "subsidiaryOf": 0.015,
}
_RIVAL_SHARE = 0.2  # of all facts; partnersWith gets what is left


def _unique_pairs(draw, target: int, rng, *, symmetric: bool) -> np.ndarray:
    """Draw (u, v) index pairs with *draw(m)* until *target* distinct ones, u != v."""
    found = np.empty((0, 2), dtype=np.int64)
    while len(found) < target:
        u, v = draw(max(2 * (target - len(found)), 1000))
        keep = u != v
        u, v = u[keep], v[keep]
        if symmetric:
            u, v = np.minimum(u, v), np.maximum(u, v)
        found = np.unique(np.concatenate([found, np.stack([u, v], axis=1)]), axis=0)
    return found[rng.permutation(len(found))[:target]]


def synthetic_graph(entities: int = 100_000, facts: int = 1_000_000, *, seed: int = 0) -> nx.MultiDiGraph:
    """A synthetic alliance graph with *entities* nodes (about) and exactly *facts* edges."""
    rng = np.random.default_rng(seed)
    n_org = int(entities * 0.6)
    n_person = int(entities * 0.25)
    n_product = int(entities * 0.10)
    n_place = entities - n_org - n_person - n_product
    entity = DEFAULT_BASE + "entity/"
    kinds = {
        "Organization": [f"{entity}org-{i}" for i in range(n_org)],
        "Person": [f"{entity}person-{i}" for i in range(n_person)],
        "Product": [f"{entity}product-{i}" for i in range(n_product)],
        "Place": [f"{entity}place-{i}" for i in range(n_place)],
    }
    names = {"Organization": "Company", "Person": "Person", "Product": "Product", "Place": "Place"}
    G = nx.MultiDiGraph()
    for kind, iris in kinds.items():
        G.add_nodes_from((iri, {"label": f"{names[kind]} {i}", "type": kind}) for i, iri in enumerate(iris))

    sectors = rng.integers(0, 300, n_org)
    order = np.argsort(sectors, kind="stable")
    bounds = np.searchsorted(sectors[order], np.arange(301))
    popularity = rng.pareto(1.5, n_org) + 1.0
    popularity /= popularity.sum()

    def popular(m):
        return rng.choice(n_org, m, p=popularity)

    def same_sector(a):
        lo, hi = bounds[sectors[a]], bounds[sectors[a] + 1]
        return order[lo + (rng.random(len(a)) * (hi - lo)).astype(np.int64)]

    def within(share):
        def draw(m):
            a = popular(m)
            b = np.where(rng.random(m) < share, same_sector(a), popular(m))
            return a, b
        return draw

    def uniform(n_from, n_to, zipf_to=False):
        def draw(m):
            to = (np.minimum(rng.zipf(1.3, m), n_to) - 1) if zipf_to else rng.integers(0, n_to, m)
            return rng.integers(0, n_from, m), to
        return draw

    counts = {r: int(facts * share) for r, share in _SHARES.items()}
    counts["rivalOf"] = int(facts * _RIVAL_SHARE)
    counts["partnersWith"] = facts - sum(counts.values())
    people_orgs = uniform(n_person, n_org)
    plans = {  # relation: (subject kind, object kind, draw, symmetric)
        "partnersWith": ("Organization", "Organization", within(0.8), True),
        "rivalOf": ("Organization", "Organization", within(0.9), True),
        "ledBy": ("Organization", "Person", lambda m: people_orgs(m)[::-1], False),
        "formerlyAt": ("Person", "Organization", people_orgs, False),
        "worksAt": ("Person", "Organization", people_orgs, False),
        "locatedIn": ("Organization", "Place", uniform(n_org, n_place, zipf_to=True), False),
        "acquired": ("Organization", "Organization", within(0.7), False),
        "investedIn": ("Organization", "Organization", within(0.5), False),
        "subsidiaryOf": ("Organization", "Organization", within(0.7), False),
        "productOf": ("Product", "Organization", uniform(n_product, n_org), False),
    }
    # Dates from 2000 to 2024; one fact in ten undated.
    epoch = np.datetime64("2000-01-01")
    start = rng.integers(0, 9131, facts)
    days = (epoch + start).astype(str)
    last_days = (epoch + np.minimum(start + rng.integers(0, 2000, facts), 9130)).astype(str)
    undated = rng.random(facts) < 0.1
    confidence = np.round(0.3 + 0.7 * rng.random(facts), 3)
    confirmed = rng.random(facts) < 0.7
    articles = 1 + rng.poisson(0.5, facts)
    i = 0
    for relation in RELATIONS:
        subject_kind, object_kind, draw, symmetric = plans[relation]
        pairs = _unique_pairs(draw, counts[relation], rng, symmetric=symmetric)
        subjects, objects = kinds[subject_kind], kinds[object_kind]
        edges = []
        for a, b in pairs.tolist():
            u, v = subjects[a], objects[b]
            if symmetric and v < u:
                u, v = v, u
            date = None if undated[i] else days[i]
            certainty = "confirmed" if confirmed[i] else "reported"
            edges.append((u, v, relation, {
                "relation": relation,
                "symmetric": symmetric,
                "certainty": certainty,
                "confidence": float(confidence[i]),
                "articles": int(articles[i]),
                "first_seen": date,
                "last_seen": None if date is None else last_days[i],
                "evidence": [{
                    "text": f"{G.nodes[u]['label']} {RELATIONS[relation].label} {G.nodes[v]['label']}.",
                    "article": f"{DEFAULT_BASE}article/{i:016x}",
                    "title": f"Article {i}", "url": f"https://news.example/{i}", "date": date,
                    "certainty": certainty, "confidence": float(confidence[i]),
                }],
            }))
            i += 1
        G.add_edges_from(edges)
    return G


def _timed(label: str, func, note="") -> object:
    """Run *func*; print its wall-clock and CPU seconds, and *note* (or *note(result)*)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    text = note(result) if callable(note) else note
    print(f"  {label:50} {wall:7.2f} s {cpu:7.2f} s  {text}", flush=True)
    return result


def _sources(rows, graph: str) -> str:
    if not rows:
        return "-"
    if rows[0]["betweenness_sampled"]:
        return f"betweenness of {graph} from {rows[0]['betweenness_sources']} sampled sources"
    return f"exact betweenness of {graph}"


def run(entities: int, facts: int, *, seed: int = 0, write: bool = True) -> None:
    """Build the graph, then time each analysis and print one line for each."""
    from graph.analysis import alliance_blocs, brokers, central_organizations, frenemies
    from graph.flows import talent_flows
    from graph.forecast import likely_alliances
    from graph.paths import explain_path
    from graph.timeline import facts_per_period, organization_timeline

    print(f"machine: {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, load average {_load()}")
    G = _timed(f"build synthetic graph ({entities:,} entities, {facts:,} facts)",
               lambda: synthetic_graph(entities, facts, seed=seed),
               "directly in networkx, not through RDF")
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges "
          f"({', '.join(f'{n:,} {r}' for r, n in analysis.summary(G)['edges_by_relation'].items())})")
    print(f"  {'analysis':50} {'wall':>9} {'CPU':>9}  approximation")

    central = _timed("central organizations (pagerank, degree, betw.)",
                     lambda: central_organizations(G, k=10), lambda rows: _sources(rows, "all facts"))
    method = analysis.bloc_method(analysis.summary(G)["edges_by_relation"].get("partnersWith", 0))
    blocs, modularity = _timed("alliance blocs", lambda: alliance_blocs(G),
                               lambda result: f"{method.replace('_', ' ')} (seed 0), "
                                              f"modularity {result[1]:.3f}")
    _timed("brokers (computing its own blocs)", lambda: brokers(G, k=10),
           lambda rows: _sources(rows, "partnerships") + f", {method.replace('_', ' ')} blocs")
    _timed("brokers (reusing the blocs above)", lambda: brokers(G, k=10, blocs=blocs),
           lambda rows: _sources(rows, "partnerships"))
    _timed("frenemies", lambda: frenemies(G), "exact")
    _timed("talent flows", lambda: talent_flows(G), "exact")
    hub = central[0]["id"]
    rng = np.random.default_rng(seed + 1)
    people = [n for n, t in G.nodes(data="type") if t == "Person"]
    far = people[int(rng.integers(len(people)))]
    _timed("path: most central org → a random person", lambda: explain_path(G, hub, far),
           lambda steps: f"exact ({len(steps)} facts)")
    orgs = organizations(G)
    a, b = (orgs[int(i)] for i in rng.integers(len(orgs), size=2))
    _timed("path: two random organizations", lambda: explain_path(G, a, b),
           lambda steps: f"exact ({len(steps)} facts)")
    _timed("likely next alliances (whole graph, top 10)", lambda: likely_alliances(G, k=10), "exact")
    _timed("likely next alliances (one organization)", lambda: likely_alliances(G, k=10, org=hub), "exact")
    _timed("new facts per month", lambda: facts_per_period(G, period="month"), "exact")
    _timed("partners and rivals of one org per year", lambda: organization_timeline(G, hub), "exact")
    if write:
        from graph.store import open_store
        from graph.writeback import analysis_graph

        every = _timed("centrality of every organization (for write-back)",
                       lambda: central_organizations(G, k=None), lambda rows: _sources(rows, "all facts"))
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(f"oxigraph:{folder}/store")
            try:
                g = _timed("write-back: RDF of the scores and blocs",
                           lambda: analysis_graph(every, blocs, modularity),
                           "reuses the centrality and blocs above")
                _timed(f"write-back: replace the graph ({len(g):,} triples)",
                       lambda: store.replace_graph(g), "Oxigraph in a temporary folder")
            finally:
                store.close()
    print(f"load average at the end: {_load()}")


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--entities", type=int, default=100_000)
    p.add_argument("--facts", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-write", action="store_true", help="skip the write-back timings")
    args = p.parse_args(argv)
    run(args.entities, args.facts, seed=args.seed, write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
