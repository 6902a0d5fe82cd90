"""The ``alliances`` command: a thin shell over the package's public functions.

Every error the package raises on purpose becomes one line on stderr and a
non-zero exit: 2 for an error that stopped the command, 3 when a batch went
on but skipped some inputs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .exceptions import AlliancesError, InputError

__all__ = ["main", "build_parser", "SAMPLE_DIR"]

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
    skipped = 0
    for path, article in iter_articles(args.files):
        if isinstance(article, InputError):
            _warn(f"skipped {article}")
            skipped += 1
            continue
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
    if skipped and not args.jsonl and len(args.files) == 1:
        return EXIT_ERROR
    return EXIT_SKIPPED if skipped else 0


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# -- ingest, remove, export, validate ---------------------------------------------

def ingest_paths(store, paths, *, extractor_name: str = "rules", min_confidence: float = 0.0,
                 report=_warn) -> tuple[int, int, int]:
    """Extract and store every article under *paths*; return (articles, facts, skipped).

    Each article replaces its own named graph in one transaction, so an
    interrupted batch leaves every stored article whole.
    """
    from .articles import iter_articles
    from .extract import get_extractor
    from .rdf import article_graph

    extractor = get_extractor(extractor_name)
    store.ensure_ontology()
    articles = facts_total = skipped = 0
    pending = []
    for path, article in iter_articles(paths):
        if isinstance(article, InputError):
            report(f"skipped {article}")
            skipped += 1
        else:
            pending.append(article)
    for article, facts in extractor.extract_many(pending):
        facts = [f for f in facts if f.confidence >= min_confidence]
        store.replace_graph(article_graph(article, facts))
        articles += 1
        facts_total += len(facts)
    return articles, facts_total, skipped


def cmd_ingest(args) -> int:
    with _store(args) as store:
        n, facts, skipped = ingest_paths(store, args.paths, extractor_name=args.extractor,
                                         min_confidence=args.min_confidence)
        _out(f"ingested {n} articles, {facts} facts into {store.location}"
             + (f"; skipped {skipped} files" if skipped else ""))
    if n == 0 and skipped:
        return EXIT_ERROR
    return EXIT_SKIPPED if skipped else 0


def cmd_export(args) -> int:
    with _store(args) as store:
        text = store.export(args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        _out(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
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

    with _store(args) as store:
        return project(store, min_confidence=getattr(args, "min_confidence", 0.0))


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


def cmd_analyse(args) -> int:
    report = analysis_report(_project(args), k=args.top)
    if args.json:
        _out(json.dumps(report, ensure_ascii=False, indent=1, default=str))
        return 0
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
    for f in report["frenemies"]:
        _out(f"  {f['a']} ↔ {f['b']}")
        for side, key in (("partners", "partner_evidence"), ("rivals", "rival_evidence")):
            for text in f[key][:1]:
                _out(f"    {side}: “{_clip(text, 140)}”")
    if not report["frenemies"]:
        _out("  (none)")
    return 0


def cmd_render(args) -> int:
    from .analysis import central_organizations
    from .render import write_html

    G = _project(args)
    sizes = {row["id"]: row["pagerank"] for row in central_organizations(G, k=None)}
    path = write_html(G, args.output, title=args.title, sizes=sizes)
    _out(f"wrote {path} ({G.number_of_nodes()} entities, {G.number_of_edges()} facts)")
    return 0


def cmd_build(args) -> int:
    """The main job: ingest articles (the bundled sample by default), write the page, summarise."""
    paths = args.paths or [SAMPLE_DIR]
    with _store(args) as store:
        n, facts, skipped = ingest_paths(store, paths, min_confidence=args.min_confidence)
        location = store.location
    _out(f"ingested {n} articles, {facts} facts into {location}"
         + (f"; skipped {skipped} files" if skipped else ""))
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

    sp = sub.add_parser("ingest", help="extract articles (files or folders) into the store")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--extractor", default="rules")
    conf(sp)
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("build", help="ingest the sample corpus (or PATHs), write the page, summarise")
    sp.add_argument("paths", nargs="*", metavar="PATH")
    sp.add_argument("-o", "--output", default="alliances.html")
    conf(sp)
    sp.set_defaults(func=cmd_build)

    sp = sub.add_parser("export", help="write the whole graph as Turtle, TriG, N-Quads or JSON-LD")
    sp.add_argument("-f", "--format", default="trig", choices=["turtle", "trig", "nquads", "json-ld"])
    sp.add_argument("-o", "--output")
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("query", help="run SPARQL (text, a .rq file, or a named query)")
    sp.add_argument("query", nargs="?")
    sp.add_argument("--name", help="a named query (see --list)")
    sp.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    sp.add_argument("--list", action="store_true", help="list the named queries")
    sp.add_argument("--format", default="table", choices=["table", "csv", "json"])
    sp.set_defaults(func=cmd_query)

    sp = sub.add_parser("analyse", aliases=["analyze"], help="central organizations, blocs, frenemies")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--top", type=int, default=10)
    conf(sp)
    sp.set_defaults(func=cmd_analyse)

    sp = sub.add_parser("render", help="write an interactive offline HTML page of the graph")
    sp.add_argument("-o", "--output", default="alliances.html")
    sp.add_argument("--title", default="Alliance graph")
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
