"""Ingest throughput: our end-to-end ``ingest`` beside the bare spaCy pipeline it runs.

Builds a JSON Lines corpus from the bundled sample (``data/articles``),
repeated with small variations so that every article has its own content
hash and URL, then measures, each in a fresh process:

- ``plain``: the full ``en_core_web_sm`` pipeline as a user would first write
  it, ``spacy.load(...)`` and ``nlp.pipe(texts)`` in one process;
- ``bare``: the pipeline the extractor uses (:func:`graph.nlp.load_nlp`: the
  same components, the gazetteer ruler) with ``nlp.pipe(texts, n_process=N)``;
- ``ingest``: :func:`graph.ingest.ingest_paths` from the JSONL file into a new
  Oxigraph store with N processes: reading, extraction rules, RDF and
  the store's transactions included.

It prints words per second side by side, the ratio ingest/bare, the ratio to
``plain``, the speed-up from one to two processes, and the peak resident
memory (``resource.getrusage``: the measuring process, and its largest child).
Model loading is outside the timings. Run it from the project root::

    python bench/ingest.py --articles 1000
    python bench/ingest.py --stream-gb 1 --seconds 120    # memory while a 1 GB file streams
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles"
#: The measuring processes import this tree's ``graph``, whichever copy of it is installed.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def build_corpus(path: Path, n: int) -> tuple[int, int]:
    """Write *n* articles to the JSONL file *path*; return (articles, words)."""
    sample = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SAMPLE.glob("*.json"))]
    words = 0
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            art = sample[i % len(sample)]
            copy = i // len(sample)
            text = f"{art['text'].rstrip()}\n\n(Archive copy {copy}.)"
            record = {"text": text, "title": f"{art.get('title') or art['id']} ({copy})",
                      "url": f"{art.get('url') or 'https://example.org/' + art['id']}#copy-{copy}",
                      "date": art.get("date"), "source": art.get("source")}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            words += len(text.split())
    return n, words


def _texts(corpus: Path) -> list[str]:
    with open(corpus, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def _cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (workers are joined before it is read)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> tuple[float, float]:
    """Peak RSS in MB of this process and of its largest waited-for child (Linux reports kB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own), round(child)


def measure(kind: str, corpus: Path, processes: int, batch_size: int) -> dict:
    """One measurement, in this process."""
    if kind in ("plain", "bare"):
        texts = _texts(corpus)
        words = sum(len(t.split()) for t in texts)
        if kind == "plain":
            import spacy

            from graph.nlp import model_name

            nlp = spacy.load(model_name())
            pipe = lambda: nlp.pipe(texts)  # noqa: E731  what a user writes first
        else:
            from graph.nlp import load_nlp

            nlp = load_nlp()
            pipe = lambda: nlp.pipe(texts, n_process=processes, batch_size=batch_size)  # noqa: E731
        cpu, start = _cpu_seconds(), time.perf_counter()
        n = sum(1 for _ in pipe())
        seconds = time.perf_counter() - start
        cpu = _cpu_seconds() - cpu
        extra = {"articles": n, "components": nlp.pipe_names}
    else:
        from graph.extract import get_extractor
        from graph.ingest import ingest_paths
        from graph.store import open_store

        get_extractor("rules")  # load the model before the clock starts, as for bare spaCy
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "store") as store:
            cpu, start = _cpu_seconds(), time.perf_counter()
            result = ingest_paths(store, [corpus], processes=processes, batch_size=batch_size)
            seconds = time.perf_counter() - start
            cpu = _cpu_seconds() - cpu
            quads = len(store)
        words = result.words
        extra = {"articles": result.articles, "facts": result.facts, "quads": quads}
    own, child = _peak_mb()
    return {"kind": kind, "processes": processes, "words": words, "seconds": seconds, "cpu_s": cpu,
            "words_per_s": words / seconds, "peak_mb": own, "peak_child_mb": child,
            "load": os.getloadavg()[0], **extra}


def ruler_comparison(corpus: Path, batch_size: int) -> str:
    """CPU time of the extractor's pipeline with the gazetteer as token patterns (as the
    ``EntityRuler`` is usually fed) or as the phrase patterns :func:`graph.nlp.load_nlp` uses,
    and whether every annotation the rules read is the same."""
    import spacy

    from graph.gazetteer import load_gazetteer, ruler_patterns
    from graph.nlp import _EXCLUDE, _register, load_nlp, model_name

    texts = _texts(corpus)
    words = sum(len(t.split()) for t in texts)
    _register()
    tokens = spacy.load(model_name(), exclude=list(_EXCLUDE))
    tokens.add_pipe("paragraph_breaks", before="parser")
    ruler = tokens.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(load_gazetteer()))

    def annotate(nlp):
        start = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=batch_size))
        cpu = time.process_time() - start
        return cpu, [[(e.start, e.end, e.label_, e.ent_id_) for e in d.ents]
                     + [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.is_sent_start) for t in d] for d in docs]

    cpu_tokens, seen_tokens = annotate(tokens)
    cpu_phrases, seen_phrases = annotate(load_nlp())
    return (f"gazetteer ruler, 1 process, {len(texts)} articles: token patterns {words / cpu_tokens:,.0f} "
            f"words per CPU second, phrase patterns {words / cpu_phrases:,.0f} ({cpu_tokens / cpu_phrases:.1f}x); "
            f"identical annotations: {seen_tokens == seen_phrases}")


def _tree_rss_mb(pid: int) -> tuple[float, float]:
    """Resident memory in MB of process *pid* and of it with all its descendants (Linux /proc)."""
    def rss(p: int) -> float:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def children(p: int) -> list[int]:
        try:
            return [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            return []

    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += rss(p)
        todo += children(p)
    return rss(pid), total


def stream_check(gigabytes: float, seconds: float, processes: int) -> str:
    """Ingest a JSON Lines file of *gigabytes* with the CLI for *seconds*, then stop it.

    Samples the resident memory of the ``alliances ingest`` process and of
    its worker processes every 0.2 s, and counts what was stored: memory
    must stay where a small corpus puts it, however large the input.
    """
    from graph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        corpus, store = Path(tmp) / "big.jsonl", Path(tmp) / "store"
        build_corpus(corpus, 1000)
        per_article = corpus.stat().st_size / 1000
        n, _ = build_corpus(corpus, int(gigabytes * 1e9 / per_article))
        size = corpus.stat().st_size
        command = [sys.executable, "-m", "graph.cli", "--store", f"oxigraph:{store}", "ingest",
                   str(corpus), "--processes", str(processes), "--no-progress"]
        process = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak_main = peak_tree = 0.0
        start = time.perf_counter()
        while time.perf_counter() - start < seconds and process.poll() is None:
            main_mb, tree_mb = _tree_rss_mb(process.pid)
            peak_main, peak_tree = max(peak_main, main_mb), max(peak_tree, tree_mb)
            time.sleep(0.2)
        process.terminate()
        process.wait()
        with open_store(f"oxigraph:{store}") as s:
            stored = len(s.query("SELECT ?a WHERE { ?a a ally:Article }").rows)
    return (f"streaming: {n:,} articles in a {size / 1e9:.2f} GB JSONL file, `alliances ingest` with "
            f"{processes} processes stopped after {seconds:g} s having stored {stored:,} articles; "
            f"peak resident memory: ingest process {peak_main:,.0f} MB, with its workers {peak_tree:,.0f} MB")


def run(kind: str, corpus: Path, processes: int, batch_size: int) -> dict:
    """One measurement in a fresh Python process (so that it has its own peak memory)."""
    out = subprocess.run([sys.executable, __file__, "--measure", kind, "--corpus", str(corpus),
                          "--processes", str(processes), "--batch-size", str(batch_size)],
                         capture_output=True, text=True, cwd=ROOT, env=ENV, check=False)
    if out.returncode != 0:
        sys.exit(f"{kind} with {processes} processes failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_rounds(plan: list[tuple[str, int]], corpus: Path, batch_size: int, rounds: int) -> dict:
    """The fastest of *rounds* measurements of each ``(kind, processes)`` in *plan*.

    Each round measures every kind in turn: the machine is shared and its speed drifts by
    a fifth over minutes, so a slow spell is spread over the kinds rather than falling on
    the K runs of one of them.
    """
    best: dict = {}
    for r in range(rounds):
        for kind, procs in plan:
            got = run(kind, corpus, procs, batch_size)
            print(f"  round {r + 1}: {kind} {procs}: {got['words_per_s']:,.0f} words/s, {got['cpu_s']:.1f} CPU s",
                  file=sys.stderr, flush=True)
            if (kind, procs) not in best or got["words_per_s"] > best[kind, procs]["words_per_s"]:
                best[kind, procs] = got
    return best


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    p.add_argument("--processes", type=int, nargs="+", default=[1, 2], metavar="N",
                   help="process counts to compare (default: 1 2)")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--repeat", type=int, default=1, metavar="K",
                   help="measure everything K times, in rounds, and keep the fastest of each (default 1)")
    p.add_argument("--ruler", type=int, default=0, metavar="N",
                   help="only compare the gazetteer ruler's token and phrase patterns on N articles")
    p.add_argument("--stream-gb", type=float, default=0, metavar="G",
                   help="only check that a JSONL file of G GB streams: ingest it for --seconds, "
                        "sampling memory")
    p.add_argument("--seconds", type=float, default=120, help="how long --stream-gb ingests (default 120)")
    p.add_argument("--measure", choices=["plain", "bare", "ingest"], help=argparse.SUPPRESS)
    p.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus, args.processes[0], args.batch_size)))
        return 0
    if args.stream_gb:
        print(stream_check(args.stream_gb, args.seconds, args.processes[-1]))
        return 0
    if args.ruler:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            build_corpus(corpus, args.ruler)
            print(ruler_comparison(corpus, args.batch_size))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n, words = build_corpus(corpus, args.articles)
        load = os.getloadavg()
        print(f"corpus: {n} articles, {words} words ({corpus.stat().st_size / 1e6:.1f} MB JSONL); "
              f"cores: {os.cpu_count()}; load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        plan = [("plain", 1)] + [(kind, procs) for procs in args.processes for kind in ("bare", "ingest")]
        best = run_rounds(plan, corpus, args.batch_size, args.repeat)
        plain = best["plain", 1]
        print(f"plain en_core_web_sm, 1 process ({', '.join(plain['components'])}): "
              f"{plain['words_per_s']:,.0f} words/s ({plain['seconds']:.1f} s, {plain['cpu_s']:.1f} CPU s), "
              f"peak {plain['peak_mb']} MB, load {plain['load']:.2f}", flush=True)
        rows = {}
        print(f"{'processes':>9} {'bare spaCy w/s':>15} {'ingest w/s':>11} {'ratio':>6} {'vs plain':>9} "
              f"{'bare s/CPU s':>13} {'ingest s/CPU s':>15} {'bare peak MB':>13} {'ingest peak MB':>15} {'load':>10}")
        for procs in args.processes:
            bare, ingest = best["bare", procs], best["ingest", procs]
            rows[procs] = (bare, ingest)
            print(f"{procs:>9} {bare['words_per_s']:>15,.0f} {ingest['words_per_s']:>11,.0f} "
                  f"{ingest['words_per_s'] / bare['words_per_s']:>6.2f} "
                  f"{ingest['words_per_s'] / plain['words_per_s']:>8.2f}x "
                  f"{bare['seconds']:>6.1f}/{bare['cpu_s']:<6.1f} {ingest['seconds']:>8.1f}/{ingest['cpu_s']:<6.1f} "
                  f"{bare['peak_mb']:>6}+{bare['peak_child_mb']:<6} {ingest['peak_mb']:>7}+{ingest['peak_child_mb']:<7} "
                  f"{bare['load']:>4.2f}/{ingest['load']:<4.2f}",
                  flush=True)
        if 1 in rows and 2 in rows:
            print(f"speed-up 1 → 2 processes: bare spaCy {rows[2][0]['words_per_s'] / rows[1][0]['words_per_s']:.2f}x, "
                  f"ingest {rows[2][1]['words_per_s'] / rows[1][1]['words_per_s']:.2f}x")
        last = rows[max(rows)][1]
        print(f"ingest stored {last['articles']} articles, {last['facts']} facts, {last['quads']} quads; "
              "peak memory is this process + its largest child; load: 1-minute average after bare/ingest")
        load = os.getloadavg()
        print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
