"""Benchmark of the embedded stores: load a synthetic alliance graph, time every named query.

The graph is made the way the pipeline makes it: synthetic articles of
synthetic facts (records), turned into RDF by :func:`graph.rdf.article_graph`
(direct triples, statements with evidence, entities, article metadata), one
named graph per article, until it holds the asked number of triples (default
one million). Each backend then loads the articles through the store
interface (:meth:`Store.replace_graph`, one transaction per article, as a
feed of single articles is written) and runs every named query of ``graph/queries/``.

The synthetic industry: a few thousand organizations (Microsoft, VMware and
eighteen other real names first: popularity falls off as a power law, so
these are hubs), people, products and places; partnerships and rivalries
between organizations, leaders, people who moved, acquisitions, investments,
subsidiaries, products and places; 30% of the facts only reported, 10% of
the articles undated.

    python bench/store.py                       # 1M triples, both backends
    python bench/store.py --triples 100000      # a quick run
    python bench/store.py --backends oxigraph

For each step it prints the seconds taken by Oxigraph on disk and by rdflib
in memory (the best of ``--repeat`` runs for queries), the ratio of the two
(Oxigraph / rdflib: below 1, Oxigraph is faster), and the number of rows
(fewer runs when more would not fit in the timeout).
Each query runs in a forked child process (for Oxigraph, one that opens the
store on disk; for rdflib, one that shares the graph in memory), so that a
query still running after ``--query-timeout`` seconds can be stopped; it is
then reported as such. ``replace100`` is the time to replace 100 of the
articles again (re-ingesting), one transaction each.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from graph.queries import bind, named_queries  # noqa: E402
from graph.rdf import article_graph  # noqa: E402
from graph.records import Article, Entity, Fact  # noqa: E402
from graph.store import open_store  # noqa: E402
from rdflib import Graph  # noqa: E402

__all__ = ["synthetic_articles", "run", "main"]

HUBS = ("Microsoft", "VMware", "Oracle", "IBM", "Intel", "Google", "Amazon Web Services", "Apple",
        "Dell", "HP", "Cisco", "SAP", "Salesforce", "Nvidia", "AMD", "Red Hat", "Adobe",
        "Qualcomm", "Samsung", "Sony")

#: Relations and their share of the facts.
SHARES = {
    "partnersWith": 0.40, "rivalOf": 0.18, "ledBy": 0.05, "move": 0.06, "locatedIn": 0.06,
    "acquired": 0.07, "investedIn": 0.06, "subsidiaryOf": 0.04, "productOf": 0.08,
}
_SENTENCES = {
    "partnersWith": "{s} and {o} announced a partnership to build cloud services together.",
    "rivalOf": "{s} competes with {o} in the market for enterprise software.",
    "ledBy": "{s} is led by its chief executive {o}.",
    "locatedIn": "{s} is headquartered in {o}.",
    "acquired": "{s} acquired {o} in an all-cash deal.",
    "investedIn": "{s} invested in {o} during its latest funding round.",
    "subsidiaryOf": "{s} is a subsidiary of {o}.",
    "productOf": "{s} is made by {o}.",
}

#: Parameters of the named queries; the others run with the example values in their files.
PARAMS = {
    "partners": {"org": "Microsoft"},
    "rivals": {"org": "Microsoft"},
    "timeline": {"org": "VMware"},
    "article": {"article": "Synthetic article 42"},
    "evidence": {"subject": "Microsoft", "predicate": "partnersWith", "object": "VMware"},
    "bloc": {"org": "Microsoft"},
}


class _Population:
    """Entities of one type, drawn with power-law popularity."""

    def __init__(self, names: list[str], kind: str, rng: random.Random, exponent: float) -> None:
        self.entities = [Entity(name, kind) for name in names]
        self.weights = [1.0 / (rank + 1) ** exponent for rank in range(len(names))]
        self.rng = rng

    def draw(self, k: int = 1) -> list[Entity]:
        return self.rng.choices(self.entities, weights=self.weights, k=k)


def synthetic_articles(triples: int, *, seed: int = 0) -> Iterator[Graph]:
    """The named graphs of synthetic articles, until they hold about *triples* triples in all."""
    rng = random.Random(seed)
    scale = max(triples // 250, 400)  # organizations: 4,000 for a million triples
    orgs = _Population(list(HUBS) + [f"Org {i:05d}" for i in range(scale - len(HUBS))],
                       "Organization", rng, 0.8)
    people = _Population([f"Person {i:05d}" for i in range(scale // 2)], "Person", rng, 0.5)
    products = _Population([f"Product {i:05d}" for i in range(scale // 5)], "Product", rng, 0.7)
    places = _Population([f"Place {i:04d}" for i in range(max(scale // 20, 10))], "Place", rng, 1.0)
    relations, shares = zip(*SHARES.items())
    total = n = 0
    while total < triples:
        sentences: list[tuple[str, Entity, str, Entity, str]] = []
        for _ in range(rng.randint(2, 18)):
            relation = rng.choices(relations, weights=shares)[0]
            if relation == "move":
                person = people.draw()[0]
                old, new = orgs.draw(2)
                if old == new:
                    continue
                text = f"{person.name}, formerly of {old.name}, now works at {new.name}."
                sentences += [(text, person, "formerlyAt", old, ""), (text, person, "worksAt", new, "")]
                continue
            if relation in ("partnersWith", "rivalOf", "acquired", "subsidiaryOf"):
                s, o = orgs.draw(2)
                if relation == "rivalOf" and rng.random() < 0.1:
                    s, o = products.draw(2)
            elif relation == "ledBy":
                s, o = orgs.draw()[0], people.draw()[0]
            elif relation == "locatedIn":
                s, o = orgs.draw()[0], places.draw()[0]
            elif relation == "investedIn":
                s, o = orgs.draw()[0], orgs.draw()[0]
            else:  # productOf
                s, o = products.draw()[0], orgs.draw()[0]
            if s == o:
                continue
            sentences.append((_SENTENCES[relation].format(s=s.name, o=o.name), s, relation, o, ""))
        if not sentences:
            continue
        text, facts, offset, seen = "", [], 0, {}
        for sentence, s, relation, o, _ in sentences:
            if sentence not in seen:
                seen[sentence] = len(text) + (1 if text else 0)
                text = f"{text} {sentence}" if text else sentence
            start = seen[sentence]
            facts.append(Fact(s, relation, o, evidence=sentence, start=start, end=start + len(sentence),
                              certainty="reported" if rng.random() < 0.3 else "confirmed",
                              confidence=round(rng.uniform(0.5, 0.99), 3)))
        date = None if rng.random() < 0.1 else (
            f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        article = Article(text, title=f"Synthetic article {n}", url=f"https://news.example/{n}",
                          date=date, source="Synthetic News")
        n += 1
        graph = article_graph(article, facts)
        total += len(graph)
        yield graph


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _queries() -> dict[str, str]:
    texts = {}
    for name, query in named_queries().items():
        params = PARAMS.get(name)
        texts[name] = bind(query, params) if params is not None and set(params) == set(query.params) \
            else query.text
    return texts


def _time_query(store, text: str, repeat: int, budget: float) -> tuple[float, int]:
    """The best time of up to *repeat* runs, not starting a run that would end after *budget* s."""
    best, rows, spent = float("inf"), 0, 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(store.query(text).rows)
        took = time.perf_counter() - start
        best, spent = min(best, took), spent + took
        if spent + took > budget:
            break
    return best, rows


def _child(work, conn) -> None:
    conn.send(work())
    conn.close()


def _forked(work, timeout: float) -> tuple[float | None, int | None]:
    """Run *work* in a forked child (which shares this process's memory); stop it after *timeout* s."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, child))
    process.start()
    child.close()
    if parent.poll(timeout):
        result = parent.recv()
        process.join()
        return result
    process.kill()
    process.join()
    return None, None


def _measure(backend: str, triples: int, seed: int, repeat: int, timeout: float,
             folder: str) -> dict[str, tuple[float | None, int | None]]:
    """Load and query one backend; return seconds and rows (quads for the load) per step."""
    location = f"oxigraph:{folder}/{backend}" if backend == "oxigraph" else "memory:"
    results: dict[str, tuple[float | None, int | None]] = {}
    store = open_store(location)
    load = 0.0
    articles = 0
    begin = time.perf_counter()
    for graph in synthetic_articles(triples, seed=seed):
        start = time.perf_counter()
        store.replace_graph(graph)
        load += time.perf_counter() - start
        articles += 1
    generation = time.perf_counter() - begin - load
    size = len(store)
    results["load"] = (load, size)
    print(f"  {backend}: loaded {size:,} quads ({articles:,} articles) in {load:.1f} s "
          f"(making them as RDF took another {generation:.1f} s, not counted); "
          f"peak memory of this process {_rss_mb():,.0f} MB", flush=True)
    again = list(islice(synthetic_articles(triples, seed=seed), 100))
    start = time.perf_counter()
    for graph in again:
        store.replace_graph(graph)
    results["replace100"] = (time.perf_counter() - start, len(again))
    print(f"  {backend}: replaced {len(again)} articles again in {results['replace100'][0]:.2f} s",
          flush=True)
    if backend == "oxigraph":
        # Queries run in a child process that opens the store: this one lets go of it first.
        store.close()
    try:
        for name, text in _queries().items():
            if backend == "oxigraph":
                def work(text=text):
                    with open_store(location) as reopened:
                        return _time_query(reopened, text, repeat, timeout)
            else:
                def work(text=text):
                    return _time_query(store, text, repeat, timeout)
            results[name] = _forked(work, timeout)
            seconds, rows = results[name]
            shown = f"{seconds:.3f} s" if seconds is not None else f"stopped after {timeout:g} s"
            print(f"  {backend}: {name:10} {shown} ({rows} rows)", flush=True)
    finally:
        store.close()
    return results


def run(triples: int, *, backends=("oxigraph", "rdflib"), seed: int = 0, repeat: int = 3,
        query_timeout: float = 600.0) -> None:
    """Measure each backend, then print the table of seconds and ratios."""
    import pyoxigraph
    import rdflib

    print(f"machine: {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, load average {_load_average()}; "
          f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}")
    print(f"synthetic graph: {triples:,} triples (at least), seed {seed}", flush=True)
    measured = {}
    with tempfile.TemporaryDirectory() as folder:
        for backend in backends:
            measured[backend] = _measure(backend, triples, seed, repeat, query_timeout, folder)
    steps = list(next(iter(measured.values())))
    print()
    print(f"{'step':12} {'oxigraph s':>11} {'rdflib s':>11} {'ox/rdflib':>10}  rows (load: quads; replace100: articles)")
    for step in steps:
        ox = measured.get("oxigraph", {}).get(step, (None, None))
        rd = measured.get("rdflib", {}).get(step, (None, None))
        cells = [f"{v:11.3f}" if v is not None else f"{'—':>11}" for v in (ox[0], rd[0])]
        for k, (backend, value) in enumerate((("oxigraph", ox[0]), ("rdflib", rd[0]))):
            if backend in measured and value is None:
                cells[k] = f"{f'>{query_timeout:g}':>11}"
        ratio = f"{ox[0] / rd[0]:10.4f}" if ox[0] is not None and rd[0] else f"{'—':>10}"
        rows = ox[1] if ox[1] is not None else rd[1]
        agree = "" if None in (ox[1], rd[1]) or ox[1] == rd[1] else f"  (rdflib: {rd[1]})"
        print(f"{step:12} {cells[0]} {cells[1]} {ratio}  {rows}{agree}")
    print(f"(queries: best of up to {repeat} runs; load: one replace_graph per article; "
          f"load average at the end: {_load_average()})")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--triples", type=int, default=1_000_000, help="size of the graph (default 1M)")
    p.add_argument("--backends", nargs="+", choices=["oxigraph", "rdflib"], default=["oxigraph", "rdflib"])
    p.add_argument("--repeat", type=int, default=3, help="runs of each query; the best counts (default 3)")
    p.add_argument("--query-timeout", type=float, default=600.0, metavar="SECONDS",
                   help="stop a query (all its runs) after this long (default 600)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    run(args.triples, backends=tuple(args.backends), seed=args.seed, repeat=args.repeat,
        query_timeout=args.query_timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
