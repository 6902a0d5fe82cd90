"""The ``alliances`` command: a thin shell over the package's public functions.

Every error the package raises on purpose becomes one line on stderr and a
non-zero exit: 2 for an error that stopped the command, 3 when a batch went
on but skipped some inputs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .exceptions import AlliancesError, InputError
from .ingest import DEFAULT_BATCH_SIZE, ingest_paths  # ingest_paths re-exported: it lived here before

__all__ = ["main", "build_parser", "SAMPLE_DIR", "ingest_paths"]

#: The bundled sample corpus (real articles; see data/articles/SOURCES.md).
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "articles"

EXIT_ERROR = 2
EXIT_SKIPPED = 3


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _warn(text: str) -> None:
    sys.stderr.write(f"alliances: {text}\n")


def _store(args):
    from .store import open_store

    return open_store(args.store)


# -- extract ---------------------------------------------------------------------

def cmd_extract(args) -> int:
    from .articles import iter_articles
    from .extract import get_extractor

    if args.json and len(args.files) > 1:
        raise InputError("--json prints the facts of one file; use --jsonl for several files")
    extractor = get_extractor(args.extractor)
    skipped = extracted = 0
    for path, article in iter_articles(args.files):
        if isinstance(article, InputError):
            _warn(f"skipped {article}")
            skipped += 1
            continue
        extracted += 1
        facts = [f for f in extractor.extract(article) if f.confidence >= args.min_confidence]
        records = [f.as_dict() for f in facts]
        if args.jsonl:
            _out(json.dumps({"file": str(path), "facts": records}, ensure_ascii=False))
        elif args.json:
            _out(json.dumps(records, ensure_ascii=False, indent=1))
        else:
            _out(f"# {path}: {len(facts)} facts")
            for f in facts:
                _out(f"{f.subject.name} —{f.predicate}→ {f.object.name}  [{f.certainty}, {f.confidence:.2f}]\n"
                     f"    “{_clip(f.evidence, 160)}”")
    if skipped and not args.jsonl and not extracted:
        return EXIT_ERROR
    return EXIT_SKIPPED if skipped else 0


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# -- ingest, remove, export, validate ---------------------------------------------

def _ingest(args, store, paths):
    """Run :func:`graph.ingest.ingest_paths` with the command's options; print its summary line."""
    progress = args.progress or (sys.stderr.isatty() and not args.no_progress)
    result = ingest_paths(store, paths, extractor_name=getattr(args, "extractor", "rules"),
                          min_confidence=args.min_confidence, processes=args.processes,
                          scheduler=args.scheduler, batch_size=args.batch_size, force=args.force,
                          progress=progress)
    _out(f"ingested {result.articles} articles, {result.facts} facts into {store.location}"
         + (f"; {result.unchanged} unchanged" if result.unchanged else "")
         + (f"; skipped {result.skipped} files" if result.skipped else ""))
    return result


def cmd_ingest(args) -> int:
    with _store(args) as store:
        result = _ingest(args, store, args.paths)
    if result.skipped and not (result.articles or result.unchanged):
        return EXIT_ERROR
    return EXIT_SKIPPED if result.skipped else 0


def cmd_remove(args) -> int:
    from .ingest import remove_articles

    with _store(args) as store:
        removed, not_found = remove_articles(store, args.articles, report=_warn)
        for iri in removed:
            _out(f"removed {iri}")
        _out(f"removed {len(removed)} articles from {store.location}")
    if not_found and not removed:
        return EXIT_ERROR
    return EXIT_SKIPPED if not_found else 0


def cmd_export(args) -> int:
    with _store(args) as store:
        text = store.export(args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        _out(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_import(args) -> int:
    from .store import import_file

    failed = 0
    with _store(args) as store:
        store.ensure_ontology()
        for path in args.files:
            try:
                counts = import_file(store, path, fmt=args.format, graph=args.graph)
            except InputError as exc:
                _warn(f"skipped {exc}")
                failed += 1
                continue
            graphs = len(counts)
            _out(f"imported {sum(counts.values())} triples in {graphs} graph{'' if graphs == 1 else 's'} "
                 f"from {path} into {store.location}")
    if failed:
        return EXIT_ERROR if failed == len(args.files) else EXIT_SKIPPED
    return 0


@contextlib.contextmanager
def _signal(signum, handler):
    """Handle *signum* with *handler* while in the block (only the main thread may)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signum, handler)
    try:
        yield
    finally:
        signal.signal(signum, previous)


def cmd_serve(args) -> int:
    import signal

    from .server import make_server

    def stop(signum, frame):  # a plain kill stops the server as Ctrl-C does, closing the store
        raise KeyboardInterrupt

    log = None if args.quiet else (lambda line: sys.stderr.write(line + "\n"))
    with _store(args) as store, _signal(signal.SIGTERM, stop):
        try:
            store.ensure_ontology()
        except AlliancesError as exc:  # e.g. a remote store that refuses writes
            _warn(f"could not publish the ontology in {store.location}: {exc}")
        with make_server(store, host=args.host, port=args.port, allow_updates=args.allow_updates,
                         timeout=args.timeout, max_rows=args.max_rows, workers=args.workers,
                         cors=args.cors, log=log) as server:
            _out(f"serving {store.location} at {server.url} (SPARQL endpoint {server.url}sparql"
                 f"{', read-write' if args.allow_updates else ', read-only'}); Ctrl-C stops")
            if args.host not in ("127.0.0.1", "localhost", "::1"):
                _warn(f"listening on {args.host}: anyone who can reach this machine can query the graph")
            sys.stdout.flush()
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                _out("stopped")
    return 0


def cmd_validate(args) -> int:
    from .validate import validate

    with _store(args) as store:
        report = validate(store.dataset())
    if report.conforms:
        _out("the graph conforms to ontology/shapes.ttl")
        return 0
    for line in report.results[:50]:
        _out(line)
    _out(f"{len(report.results)} violations")
    return 1


# -- query ------------------------------------------------------------------------

def cmd_query(args) -> int:
    from .queries import bind, format_result, get_query, named_queries

    params = dict(_param(p) for p in args.param)
    if args.list:
        for q in named_queries().values():
            _out(f"{q.name:10} {q.description}" + (f"  (params: {', '.join(q.params)})" if q.params else ""))
        return 0
    if args.name:
        sparql = bind(get_query(args.name), params)
    elif args.query:
        path = Path(args.query)
        sparql = path.read_text(encoding="utf-8") if args.query.endswith(".rq") or path.is_file() else args.query
    else:
        raise AlliancesError("give a SPARQL query, a .rq file, --name NAME or --list")
    with _store(args) as store:
        result = store.query(sparql)
    _out(format_result(result, args.format))
    return 0


def _param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise AlliancesError(f"--param {text!r} is not KEY=VALUE (e.g. --param org=Microsoft)")
    return key, value


# -- analyse and render -------------------------------------------------------------

def _project(args):
    from .network import project

    relations = getattr(args, "relation", None)
    if relations:  # --relation may repeat, and each may list several names separated by commas
        relations = [name.strip() for value in relations for name in value.split(",") if name.strip()]
    with _store(args) as store:
        return project(store, relations=relations or None,
                       certainty=getattr(args, "certainty", None),
                       min_confidence=getattr(args, "min_confidence", 0.0),
                       since=getattr(args, "since", None), until=getattr(args, "until", None))


def analysis_report(G, *, k: int = 10) -> dict:
    """Central organizations, blocs and frenemies of a projected graph, as plain data."""
    from .analysis import alliance_blocs, central_organizations, frenemies, summary

    blocs, modularity = alliance_blocs(G)
    return {
        "summary": summary(G),
        "central": central_organizations(G, k=k),
        "blocs": blocs,
        "modularity": modularity,
        "frenemies": frenemies(G),
    }


def _json(data) -> int:
    _out(json.dumps(data, ensure_ascii=False, indent=1, default=str))
    return 0


def _print_frenemies(items) -> None:
    for f in items:
        _out(f"  {f['a']} ↔ {f['b']}")
        for side, key in (("partners", "partner_evidence"), ("rivals", "rival_evidence")):
            for text in f[key][:1]:
                _out(f"    {side}: “{_clip(text, 140)}”")
    if not items:
        _out("  (none)")


def cmd_analyse(args) -> int:
    """``analyse`` without a subcommand: the overview (summary, central, blocs, frenemies)."""
    report = analysis_report(_project(args), k=args.top)
    if args.json:
        return _json(report)
    s = report["summary"]
    _out(f"{s['nodes']} entities, {s['edges']} facts: "
         + ", ".join(f"{n} {r}" for r, n in s["edges_by_relation"].items()))
    _out("\nMost central organizations")
    _out(f"  {'organization':30} {'pagerank':>9} {'degree':>7} {'betweenness':>12}")
    for row in report["central"]:
        _out(f"  {_clip(row['name'], 30):30} {row['pagerank']:9.3f} {row['degree']:7d} {row['betweenness']:12.3f}")
    _out(f"\nAlliance blocs (modularity {report['modularity']:.3f})")
    for bloc in report["blocs"]:
        _out(f"  {bloc['name']}: {', '.join(bloc['members'])}")
    _out("\nFrenemies (both partners and rivals)")
    _print_frenemies(report["frenemies"])
    return 0


def _sampled_note(rows) -> None:
    if any(r.get("betweenness_sampled") for r in rows):
        _out(f"  (betweenness estimated from {rows[0]['betweenness_sources']} sampled source entities)")


def cmd_analyse_central(args) -> int:
    from .analysis import central_organizations

    rows = central_organizations(_project(args), k=args.top)
    if args.json:
        return _json(rows)
    from .vocabulary import RELATIONS

    present = {r for row in rows for r in row["relations"]}
    relations = [r for r in RELATIONS if r in present] + sorted(present - set(RELATIONS))
    _out("Most central organizations: PageRank (by confidence) and degree over all facts, "
         "then distinct neighbours per relation")
    _out(f"  {'organization':30} {'pagerank':>8} {'degree':>6} {'betweenness':>11}"
         + "".join(f" {r:>{max(len(r), 3)}}" for r in relations))
    for row in rows:
        _out(f"  {_clip(row['name'], 30):30} {row['pagerank']:8.3f} {row['degree']:6d} "
             f"{row['betweenness']:11.3f}"
             + "".join(f" {row['relations'].get(r, 0):>{max(len(r), 3)}}" for r in relations))
    if not rows:
        _out("  (none)")
    _sampled_note(rows)
    return 0


def cmd_analyse_brokers(args) -> int:
    from .analysis import brokers

    rows = brokers(_project(args), k=args.top)
    if args.json:
        return _json(rows)
    _out("Brokers: organizations on the shortest chains between partners of different blocs "
         "(betweenness on the partnership graph)")
    _out(f"  {'organization':30} {'betweenness':>11} {'partners':>8}  {'own bloc':32} links to")
    for row in rows:
        links = ", ".join(f"{link['bloc']} ({link['partners']})" for link in row["links"]) or "-"
        _out(f"  {_clip(row['name'], 30):30} {row['betweenness']:11.3f} {row['degree']:8d}  "
             f"{_clip(row['bloc'] or '-', 32):32} {_clip(links, 80)}")
    if not rows:
        _out("  (none)")
    _sampled_note(rows)
    return 0


def cmd_analyse_blocs(args) -> int:
    from .analysis import alliance_blocs, bloc_method, summary

    G = _project(args)
    method = bloc_method(summary(G)["edges_by_relation"].get("partnersWith", 0))
    blocs, modularity = alliance_blocs(G, method=method)
    if args.json:
        return _json({"blocs": blocs, "modularity": modularity, "method": method})
    how = "Louvain" if method == "louvain" else "label-propagation"
    _out(f"Alliance blocs: {how} communities of the partnership graph (modularity {modularity:.3f})")
    for number, bloc in enumerate(blocs, start=1):
        _out(f"  {number}. {bloc['name']} ({bloc['size']}): {', '.join(bloc['members'])}")
    if not blocs:
        _out("  (none)")
    return 0


def cmd_analyse_frenemies(args) -> int:
    from .analysis import frenemies

    items = frenemies(_project(args))
    if args.json:
        return _json(items)
    _out("Frenemies (both partners and rivals)")
    _print_frenemies(items)
    return 0


def cmd_analyse_flows(args) -> int:
    from .flows import talent_flows

    flows = talent_flows(_project(args), k=args.top)
    if args.json:
        return _json(flows)
    _out("Talent flows: people formerly at one organization, now working at or leading another")
    _out(f"  {'from':30} {'to':30} {'people':>6}  who")
    for flow in flows:
        _out(f"  {_clip(flow['from'], 30):30} {_clip(flow['to'], 30):30} {flow['count']:6d}  "
             + _clip(", ".join(flow["people"]), 80))
    if not flows:
        _out("  (none)")
    return 0


def cmd_analyse_path(args) -> int:
    from .paths import explain_path

    G = _project(args)
    steps = explain_path(G, args.source, args.target)
    if args.json:
        return _json(steps)
    if not steps:
        _out(f"{args.source} and {args.target} are the same entity")
        return 0
    _out(f"{steps[0]['from']} → {steps[-1]['to']}: {len(steps)} fact{'s' if len(steps) > 1 else ''}")
    for number, step in enumerate(steps, start=1):
        arrow = f"←{step['relation']}—" if step["reversed"] else f"—{step['relation']}→"
        confidence = step["confidence"]
        sure = f"  [{step['certainty']}, {confidence:.2f}]" if confidence is not None else ""
        _out(f"  {number}. {step['from']} {arrow} {step['to']}{sure}")
        if step["evidence"]:
            _out(f"     “{_clip(step['evidence'], 160)}”")
        source = ", ".join(str(x) for x in (step["title"], step["date"]) if x)
        if step["url"]:
            source = f"{source} <{step['url']}>" if source else f"<{step['url']}>"
        if source:
            _out(f"     — {source}")
    return 0


def cmd_analyse_next(args) -> int:
    from .forecast import likely_alliances

    items = likely_alliances(_project(args), k=args.top, org=args.org)
    if args.json:
        return _json(items)
    _out("Likely next alliances: signed Adamic–Adar over common partners and rivals "
         "(the partner of my partner, the rival of my rival)")
    _out(f"  {'pair':44} {'score':>6} {'jaccard':>7}  reason")
    for item in items:
        _out(f"  {_clip(item['a'] + ' ↔ ' + item['b'], 44):44} {item['score']:6.3f} "
             f"{item['jaccard']:7.3f}  {_clip(item['reason'], 110)}")
    if not items:
        _out("  (none)")
    return 0


def cmd_analyse_timeline(args) -> int:
    from .timeline import facts_per_period, organization_timeline

    G = _project(args)
    report = {"facts": facts_per_period(G, period=args.period)}
    if args.org:
        report["organization"] = organization_timeline(G, args.org, period=args.period)
    if args.json:
        return _json(report)
    _out(f"New facts per {args.period} (by their earliest article's date)")
    _out(f"  {'period':8} {'new':>5} {'total':>6}  by relation")
    for row in report["facts"]:
        _out(f"  {row['period'] or 'undated':8} {row['new_facts']:5d} {row['facts']:6d}  "
             + ", ".join(f"{n} {r}" for r, n in row["by_relation"].items()))
    if not report["facts"]:
        _out("  (none)")
    if args.org:
        from .network import find_entity

        name = G.nodes[find_entity(G, args.org)].get("label", args.org)
        _out(f"\n{name}: partners and rivals per {args.period} (running totals, then who is new)")
        _out(f"  {'period':8} {'partners':>8} {'rivals':>6}  new")
        for row in report["organization"]:
            new = [f"+partner {n}" for n in row["new_partners"]] + [f"+rival {n}" for n in row["new_rivals"]]
            _out(f"  {row['period'] or 'undated':8} {row['partners']:8d} {row['rivals']:6d}  "
                 + _clip(", ".join(new), 100))
        if not report["organization"]:
            _out("  (no partners or rivals)")
    return 0


def cmd_analyse_write(args) -> int:
    from .writeback import write_analysis

    G = _project(args)
    with _store(args) as store:
        written = write_analysis(store, G)
        written["store"] = store.location
    if args.json:
        return _json(written)
    _out(f"wrote the analysis to graph <{written['graph']}> in {written['store']}: "
         f"{written['blocs']} bloc{'s' if written['blocs'] != 1 else ''} ({written['members']} members), "
         f"scores of {written['organizations']} organizations, modularity {written['modularity']:.3f}"
         + (" (betweenness sampled)" if written["betweenness_sampled"] else ""))
    return 0


def cmd_render(args) -> int:
    """One page of the graph, of an entity's neighbourhood (--focus), or a site of pages (--site)."""
    from .analysis import central_organizations
    from .render import write_html

    site, focus = getattr(args, "site", None), getattr(args, "focus", None)
    depth, title = getattr(args, "depth", 1), getattr(args, "title", None)
    if site is not None and focus is not None:
        raise AlliancesError("--focus writes one page and --site a page per organization; give one of them")
    G = _project(args)
    sizes = {row["id"]: row["pagerank"] for row in central_organizations(G, k=None)}
    counts = f"{G.number_of_nodes()} entities, {G.number_of_edges()} facts"
    if site is not None:
        from .site import write_site

        written = write_site(G, site, title=title or "Alliance graph", sizes=sizes, depth=depth)
        _out(f"wrote {written.index} and {len(written.pages) - 1} linked pages: the whole graph ({counts}), "
             f"{written.organizations} organizations, {written.blocs} blocs")
        return 0
    output = getattr(args, "output", None) or "alliances.html"
    if focus is not None:
        from .views import ego_view, find_entity

        center = find_entity(G, focus)
        view = ego_view(G, center, depth=depth)
        name = G.nodes[center].get("label") or center
        steps = f"{depth} step" if depth == 1 else f"{depth} steps"
        path = write_html(view, output, title=title or f"{name}: {steps} around", sizes=sizes)
        _out(f"wrote {path} ({name} and {steps} around: "
             f"{view.number_of_nodes()} entities, {view.number_of_edges()} facts)")
        return 0
    path = write_html(G, output, title=title or "Alliance graph", sizes=sizes)
    _out(f"wrote {path} ({counts})")
    return 0


def cmd_build(args) -> int:
    """The main job: ingest articles (the bundled sample by default), write the page, summarise."""
    paths = args.paths or [SAMPLE_DIR]
    with _store(args) as store:
        skipped = _ingest(args, store, paths).skipped
    args.title = "Alliance graph"
    cmd_render(args)
    report = analysis_report(_project(args), k=5)
    _out("most central: " + ", ".join(r["name"] for r in report["central"]))
    for f in report["frenemies"]:
        _out(f"frenemies: {f['a']} ↔ {f['b']}")
    return EXIT_SKIPPED if skipped else 0


# -- evaluate ---------------------------------------------------------------------

def cmd_evaluate(args) -> int:
    from .evaluate import evaluate, format_table, scores_to_json
    from .extract import get_extractor
    from .records import Article

    extractor = get_extractor(args.extractor)

    def extract(text: str, *, title: str | None = None):
        return [f.as_dict() for f in extractor.extract(Article(text, title=title))
                if f.confidence >= args.min_confidence]

    scores = evaluate(args.directory, extract)
    if args.json:
        _out(json.dumps(scores_to_json(scores), indent=1))
    else:
        _out(format_table(scores))
        if args.errors:
            for doc, items in scores.false_positives.items():
                for item in items:
                    _out(f"FP {doc}: {item.get('subject')} {item.get('predicate')} {item.get('object')}")
            for doc, items in scores.false_negatives.items():
                for g in items:
                    _out(f"FN {doc}: {g.subject[0]} {g.predicate} {g.object[0]}")
    return 0


# -- parser -----------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="alliances", description=__doc__.split("\n")[0])
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--store", help="where the graph lives: a folder, 'oxigraph:PATH' or 'memory:' "
                                   "(default: $ALLIANCES_STORE or .alliances/store)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def conf(sp):
        sp.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                        help="keep facts with at least this confidence (0–1)")

    sp = sub.add_parser("extract", help="print the facts of texts without storing them")
    sp.add_argument("files", nargs="+", metavar="FILE")
    fmt = sp.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="a JSON list of facts (one file)")
    fmt.add_argument("--jsonl", action="store_true", help='one line per file: {"file": …, "facts": […]}')
    sp.add_argument("--extractor", default="rules")
    conf(sp)
    sp.set_defaults(func=cmd_extract)

    def ingest_options(sp):
        sp.add_argument("--processes", type=int, default=None, metavar="N",
                        help="worker processes that extract (default: one per core)")
        sp.add_argument("--scheduler", metavar="ADDRESS",
                        help="extract on a Dask cluster: its scheduler's address, or 'local' to start one "
                             "(needs the [dask] extra)")
        sp.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, metavar="N",
                        help=f"articles per batch (default {DEFAULT_BATCH_SIZE})")
        sp.add_argument("--force", action="store_true",
                        help="extract again the articles stored unchanged (e.g. after changing --min-confidence)")
        bar = sp.add_mutually_exclusive_group()
        bar.add_argument("--progress", action="store_true",
                         help="show a progress bar on stderr (the default when stderr is a terminal)")
        bar.add_argument("--no-progress", action="store_true", help="never show the progress bar")
        conf(sp)

    sp = sub.add_parser("ingest", help="extract articles (files, folders, JSON Lines, HTML, '-') into the store")
    sp.add_argument("paths", nargs="+", metavar="PATH",
                    help=".txt, .json, .html or .jsonl files, folders (recursively), or - for standard input")
    sp.add_argument("--extractor", default="rules")
    ingest_options(sp)
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("remove", help="delete articles and the facts read from them")
    sp.add_argument("articles", nargs="+", metavar="ARTICLE",
                    help="an article id, IRI, URL or title, or the file or folder it was read from")
    sp.set_defaults(func=cmd_remove)

    sp = sub.add_parser("build", help="ingest the sample corpus (or PATHs), write the page, summarise")
    sp.add_argument("paths", nargs="*", metavar="PATH")
    sp.add_argument("-o", "--output", default="alliances.html")
    ingest_options(sp)
    sp.set_defaults(func=cmd_build)

    sp = sub.add_parser("export", help="write the whole graph as Turtle, TriG, N-Quads or JSON-LD")
    sp.add_argument("-f", "--format", default="trig", choices=["turtle", "trig", "nquads", "json-ld"])
    sp.add_argument("-o", "--output")
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("import", help="add Turtle, N-Triples, TriG, N-Quads or JSON-LD files to the store")
    sp.add_argument("files", nargs="+", metavar="FILE")
    sp.add_argument("-f", "--format", choices=["turtle", "ntriples", "trig", "nquads", "json-ld"],
                    help="the files' format (default: from each file's suffix)")
    sp.add_argument("--graph", metavar="IRI",
                    help="the named graph for triples outside any named graph "
                         "(default: <base>import/<file name>); each graph is replaced as a whole")
    sp.set_defaults(func=cmd_import)

    sp = sub.add_parser("serve", help="a SPARQL 1.1 endpoint at /sparql, with the graph pages")
    sp.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    sp.add_argument("--port", type=int, default=8000, help="the port (default: 8000; 0: any free port)")
    sp.add_argument("--allow-updates", action="store_true", help="accept SPARQL Update (default: read-only)")
    sp.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                    help="answer 503 to a query still running after this long (default: 30)")
    sp.add_argument("--max-rows", type=int, default=10_000, metavar="N",
                    help="return at most N rows or triples per query (default: 10000)")
    sp.add_argument("--workers", type=int, default=4, metavar="N",
                    help="queries that may run at once (default: 4)")
    sp.add_argument("--cors", action="store_true",
                    help="let web pages from any origin query the endpoint (Access-Control-Allow-Origin: *)")
    sp.add_argument("--quiet", action="store_true", help="do not log each request on standard error")
    sp.set_defaults(func=cmd_serve)

    sp = sub.add_parser("query", help="run SPARQL (text, a .rq file, or a named query)")
    sp.add_argument("query", nargs="?")
    sp.add_argument("--name", help="a named query (see --list)")
    sp.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    sp.add_argument("--list", action="store_true", help="list the named queries")
    sp.add_argument("--format", default="table", choices=["table", "csv", "json"])
    sp.set_defaults(func=cmd_query)

    sp = sub.add_parser("analyse", aliases=["analyze"],
                        help="central organizations, brokers, blocs, frenemies, talent flows, paths, "
                             "likely alliances, timeline; write-back")

    def analyse_options(parser, *, suppress: bool) -> None:
        # Given again on each analysis, with SUPPRESS as default so that an option
        # before the analysis name ('analyse --json flows') is not reset after it.
        def default(value):
            return argparse.SUPPRESS if suppress else value

        parser.add_argument("--json", action="store_true", default=default(False),
                            help="print the result as JSON")
        parser.add_argument("--top", type=int, default=default(10), metavar="N",
                            help="list at most N rows (default 10)")
        parser.add_argument("--relation", action="append", default=default(None), metavar="NAME",
                            help="keep only facts of this relation (repeat, or NAME,NAME)")
        parser.add_argument("--certainty", choices=["reported", "confirmed"], default=default(None),
                            help="keep only reported or only confirmed facts")
        parser.add_argument("--min-confidence", type=float, default=default(0.0), metavar="X",
                            help="keep facts with at least this confidence (0–1)")
        parser.add_argument("--since", default=default(None), metavar="DATE",
                            help="keep statements of articles dated DATE or later (YYYY[-MM[-DD]])")
        parser.add_argument("--until", default=default(None), metavar="DATE",
                            help="keep statements of articles dated DATE or earlier (YYYY[-MM[-DD]])")

    analyse_options(sp, suppress=False)
    sp.set_defaults(func=cmd_analyse)
    analyses = sp.add_subparsers(dest="analysis", metavar="ANALYSIS")
    for name, func, text in (
        ("central", cmd_analyse_central, "most central organizations: PageRank, degree per relation"),
        ("brokers", cmd_analyse_brokers, "organizations that link separate blocs (betweenness)"),
        ("blocs", cmd_analyse_blocs, "alliance blocs: communities of the partnership graph"),
        ("frenemies", cmd_analyse_frenemies, "pairs that are both partners and rivals"),
        ("flows", cmd_analyse_flows, "talent flows: who moved from which organization to which"),
        ("path", cmd_analyse_path, "the shortest chain of facts linking two entities"),
        ("next", cmd_analyse_next, "likely next alliances, each with its reason"),
        ("timeline", cmd_analyse_timeline, "new facts per period; an organization's partners over time"),
        ("write", cmd_analyse_write, "store blocs and centrality scores in the graph (analysis/latest)"),
    ):
        asp = analyses.add_parser(name, help=text, description=text)
        if name == "path":
            asp.add_argument("source", metavar="A", help="an entity's name (case-insensitive) or IRI")
            asp.add_argument("target", metavar="B", help="another entity's name or IRI")
        elif name == "next":
            asp.add_argument("--org", help="only pairs with this organization")
        elif name == "timeline":
            asp.add_argument("org", nargs="?", metavar="ORG",
                             help="also this organization's partners and rivals over time")
            asp.add_argument("--period", choices=["year", "month"], default="year")
        analyse_options(asp, suppress=True)
        asp.set_defaults(func=func)

    sp = sub.add_parser("render", help="write interactive offline HTML pages of the graph")
    where = sp.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", help="the page to write (default: alliances.html)")
    where.add_argument("--site", metavar="DIR",
                       help="write a folder of linked pages: index.html, the whole graph, "
                            "a page per organization and per alliance bloc")
    sp.add_argument("--focus", metavar="NAME",
                    help="only this entity (its name in any case, or its IRI) and its neighbourhood")
    sp.add_argument("--depth", type=int, default=1, metavar="N",
                    help="with --focus or --site: entities up to N facts away (default: 1)")
    sp.add_argument("--title", help="the page title (default: 'Alliance graph', or the focused entity)")
    conf(sp)
    sp.set_defaults(func=cmd_render)

    sp = sub.add_parser("validate", help="check the stored graph against the SHACL shapes")
    sp.set_defaults(func=cmd_validate)

    sp = sub.add_parser("evaluate", help="score extraction against a folder of gold files")
    sp.add_argument("directory")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--errors", action="store_true", help="also list false positives and negatives")
    sp.add_argument("--extractor", default="rules")
    conf(sp)
    sp.set_defaults(func=cmd_evaluate)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    if getattr(args, "min_confidence", 0.0) and not 0.0 <= args.min_confidence <= 1.0:
        _warn(f"error: --min-confidence {args.min_confidence} is not within 0–1")
        return EXIT_ERROR
    try:
        return args.func(args)
    except AlliancesError as exc:
        _warn(f"error: {exc}")
        return EXIT_ERROR
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
