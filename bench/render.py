"""Benchmark of the page on a big graph (default: 5,000 entities, 20,000 facts), in a real browser.

Builds a synthetic alliance graph in the projection's format
(``docs/network-format.md``), renders it with :func:`graph.render.write_html`,
opens the page from disk in headless Chromium (Debian's ``/usr/bin/chromium``
driven by Playwright) and prints how long each step takes:

- in Python: the layout (:func:`graph.layout.force_layout`), the whole render,
  and the size of the page;
- in the browser, in ms from the start of navigation (``performance.now()``):
  when the page script starts (the HTML, with its inlined data and
  vis-network, is parsed), when the vis-network ``Network`` is built, and
  when the graph is first drawn laid out and still (``window.__allianceReady``,
  set by ``graph/assets/page.js``);
- what using it costs: one redraw of the whole graph (every hover, click or
  selection redraws), a filter (one relation hidden, then redrawn), finding
  an entity by name, and listing an entity's facts in the side panel.

The synthetic industry: entities in 60 sectors of Pareto sizes, Pareto
popularity (so there are hubs); 85% of facts within a sector. Relations follow
the entity types (organizations partner, rival, acquire and invest; people
work at, formerly at, or lead them; products belong to makers; things are
located in places); a third of the facts are only reported, one in ten is
undated; each has one or two evidence sentences.

    python bench/render.py                             # 5,000 entities, 20,000 facts
    python bench/render.py --entities 1000 --facts 4000 --runs 5
    python bench/render.py --layout physics            # vis-network's own layout, for comparison
    python bench/render.py --keep big.html             # keep the page to look at
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from graph.render import LAYOUTS, write_html  # noqa: E402
from graph.vocabulary import RELATIONS  # noqa: E402

__all__ = ["synthetic_graph", "measure", "main"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
ENTITY = "https://w3id.org/alliances/entity/"

# Relation of a fact by the types of its two ends (subject first), with weights.
_BY_TYPES = {
    ("Organization", "Organization"): {"partnersWith": 0.5, "rivalOf": 0.2, "acquired": 0.1,
                                       "investedIn": 0.1, "subsidiaryOf": 0.1},
    ("Organization", "Person"): {"ledBy": 1.0},
    ("Person", "Organization"): {"worksAt": 0.6, "formerlyAt": 0.4},
    ("Product", "Organization"): {"productOf": 1.0},
    ("Product", "Product"): {"rivalOf": 1.0},
}
_SENTENCE = ("{a} and {b} said on Tuesday that they would work together on cloud services, "
             "according to people familiar with the matter, in a deal worth {n} million dollars.")


def synthetic_graph(entities: int = 5000, facts: int = 20000, *, seed: int = 0) -> nx.MultiDiGraph:
    """A synthetic alliance graph of *entities* nodes and (about) *facts* edges."""
    rng = np.random.default_rng(seed)
    sector_sizes = rng.pareto(1.2, 60) + 1
    sector = np.sort(rng.choice(60, entities, p=sector_sizes / sector_sizes.sum()))
    popularity = rng.pareto(1.3, entities) + 1
    cumulative = np.cumsum(popularity)
    first = np.searchsorted(sector, sector, side="left")
    last = np.searchsorted(sector, sector, side="right") - 1
    # the popular ones are organizations, the others a mix
    kinds = np.array(["Organization", "Person", "Product", "Place"])
    kind = np.where(popularity > np.quantile(popularity, 0.7), 0, rng.choice(4, entities, p=[0.45, 0.3, 0.15, 0.1]))

    G = nx.MultiDiGraph()
    for i in range(entities):
        G.add_node(f"{ENTITY}e{i:05d}", label=f"{kinds[kind[i]]} {i}", type=str(kinds[kind[i]]))

    def pick_popular(k):
        return np.minimum(np.searchsorted(cumulative, rng.random(k) * cumulative[-1]), entities - 1)

    pairs: set[tuple[int, int]] = set()
    while len(pairs) < facts:
        k = 2 * (facts - len(pairs))
        u = np.where(rng.random(k) < 0.5, pick_popular(k), rng.integers(0, entities, k))
        low = np.where(first[u] > 0, cumulative[first[u] - 1], 0.0)
        within = np.searchsorted(cumulative, low + rng.random(k) * (cumulative[last[u]] - low))
        v = np.minimum(np.where(rng.random(k) < 0.85, within, pick_popular(k)), entities - 1)
        for a, b in zip(u.tolist(), v.tolist()):
            if a != b and len(pairs) < facts:
                pairs.add((min(a, b), max(a, b)))

    for a, b in sorted(pairs):
        if rng.random() < 0.5:
            a, b = b, a
        ta, tb = str(kinds[kind[a]]), str(kinds[kind[b]])
        if tb == "Place" or ta == "Place":
            relation = "locatedIn"
            if ta == "Place":
                a, b = b, a
        elif (ta, tb) in _BY_TYPES or (tb, ta) in _BY_TYPES:
            if (ta, tb) not in _BY_TYPES:
                a, b, ta, tb = b, a, tb, ta
            choices = _BY_TYPES[(ta, tb)]
            relation = str(rng.choice(list(choices), p=list(choices.values())))
        else:
            relation = "partnersWith"
        symmetric = RELATIONS[relation].symmetric
        s, o = f"{ENTITY}e{a:05d}", f"{ENTITY}e{b:05d}"
        if symmetric and o < s:
            s, o = o, s
        if G.has_edge(s, o, key=relation):
            continue
        certainty = "reported" if rng.random() < 0.33 else "confirmed"
        dated = rng.random() >= 0.1
        evidence = []
        for n in range(1 if rng.random() < 0.7 else 2):
            date = f"{rng.integers(2000, 2025)}-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}" if dated else None
            article = f"{a}-{b}-{n}"
            evidence.append({
                "text": _SENTENCE.format(a=G.nodes[s]["label"], b=G.nodes[o]["label"], n=rng.integers(5, 900)),
                "article": f"https://w3id.org/alliances/article/{article}",
                "title": f"Report {article}", "url": f"https://news.example/{article}", "date": date,
                "certainty": certainty, "confidence": round(float(rng.beta(5, 2)), 3),
            })
        dates = sorted(e["date"] for e in evidence if e["date"])
        G.add_edge(s, o, key=relation, relation=relation, symmetric=symmetric, certainty=certainty,
                   confidence=round(1 - float(np.prod([1 - e["confidence"] for e in evidence])), 6),
                   articles=len(evidence), first_seen=dates[0] if dates else None,
                   last_seen=dates[-1] if dates else None, evidence=evidence)
    return G


# One measurement in the page; each value in ms.
_USE = """() => {
    const g = window.allianceGraph, net = g.network, ms = (f) => { const t = performance.now(); f(); return performance.now() - t; };
    const redraws = [0, 1, 2, 3, 4].map(() => ms(() => net.redraw()));
    const box = document.querySelector('input[name="relation"][value="partnersWith"]');
    const filter = ms(() => { box.checked = false; g.applyFilters(); net.redraw(); });
    const unfilter = ms(() => { box.checked = true; g.applyFilters(); net.redraw(); });
    const hub = g.data.nodes.reduce((a, b) => (b.size > a.size ? b : a)).id;
    const name = g.data.entities[hub].label;
    const search = ms(() => g.matches(name.slice(0, 5)));
    const panel = ms(() => g.showNode(hub));
    return {redraws, filter, unfilter, search, panel, hubFacts: g.data.edges.filter(e => e.from === hub || e.to === hub).length,
            counts: g.drawnCounts(), timings: window.__allianceTimings};
}"""


def measure(page_path: Path, *, runs: int = 3) -> list[dict]:
    """Open *page_path* *runs* times in a fresh headless Chromium; the figures of each run."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        for _ in range(runs):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            outside: list[str] = []
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            page.on("request", lambda r, outside=outside: (
                outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None))
            start = time.perf_counter()
            page.goto(page_path.resolve().as_uri(), timeout=600_000)
            page.wait_for_function("() => window.__allianceReady > 0", timeout=600_000, polling=50)
            wall = time.perf_counter() - start
            figures = page.evaluate(_USE)
            figures.update(wall=wall, errors=errors, outside=outside)
            results.append(figures)
            browser.close()
    return results


def _median(values):
    return statistics.median(values)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--facts", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--layout", choices=LAYOUTS, default="auto")
    parser.add_argument("--runs", type=int, default=3, help="browser openings (figures are medians)")
    parser.add_argument("--keep", metavar="FILE", help="write the page here instead of a temporary file")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing (Debian package 'chromium')", file=sys.stderr)
        return 2

    print(f"# {platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; chromium headless, software rendering")
    start = time.perf_counter()
    G = synthetic_graph(args.entities, args.facts, seed=args.seed)
    print(f"synthetic graph: {G.number_of_nodes()} entities, {G.number_of_edges()} facts "
          f"({time.perf_counter() - start:.1f} s, not part of the page)")

    if args.layout != "physics":
        from graph.layout import force_layout

        start = time.perf_counter()
        force_layout(G)
        print(f"python: layout (graph.layout.force_layout) {time.perf_counter() - start:5.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.keep) if args.keep else Path(folder) / "page.html"
        start = time.perf_counter()
        write_html(G, path, title="Benchmark", layout=args.layout)
        print(f"python: render, layout included    {time.perf_counter() - start:5.2f} s, "
              f"page {path.stat().st_size / 1e6:.1f} MB (layout={args.layout})")
        runs = measure(path, runs=args.runs)

    def ms(key):
        return _median([r["timings"][key] for r in runs])

    print(f"browser ({args.runs} runs, medians; ms from the start of navigation):")
    print(f"  page script starts (HTML and data parsed)   {ms('script'):7.0f} ms")
    print(f"  vis-network Network built                   {ms('network'):7.0f} ms")
    print(f"  drawn, laid out and still (__allianceReady) {ms('ready'):7.0f} ms"
          f"   (seen from Python: {_median([r['wall'] for r in runs]):.2f} s after goto)")
    print("using it:")
    print(f"  redraw of the whole graph (hover, click)    {_median([_median(r['redraws']) for r in runs]):7.0f} ms")
    print(f"  filter: hide partnersWith, redraw           {_median([r['filter'] for r in runs]):7.0f} ms"
          f"   (show again: {_median([r['unfilter'] for r in runs]):.0f} ms)")
    print(f"  search by name                              {_median([r['search'] for r in runs]):7.1f} ms")
    print(f"  side panel of the biggest hub ({runs[0]['hubFacts']} facts)    "
          f"{_median([r['panel'] for r in runs]):7.0f} ms")
    drawn = runs[0]["counts"]
    print(f"drawn: {drawn['nodes']} entities, {drawn['edges']} facts; "
          f"console errors: {sum(len(r['errors']) for r in runs)}; "
          f"requests leaving the disk: {sum(len(r['outside']) for r in runs)}")
    ok = drawn == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    ok = ok and not any(r["errors"] or r["outside"] for r in runs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
