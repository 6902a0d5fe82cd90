"""graph.ingest: incremental and idempotent, atomic per article, the same graph on every engine, removal.

The slow tests start worker processes, a Dask cluster, or a real ``alliances
ingest`` that is killed with SIGKILL halfway through.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graph.cli import main
from graph.ingest import IngestResult, find_articles, ingest_articles, ingest_paths, remove_articles
from graph.rdf import ontology_graph_iri
from graph.records import Article
from graph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "data" / "articles"

pytestmark = pytest.mark.usefixtures("extractor")

ORGS = ["Microsoft", "VMware", "Google", "Oracle", "IBM", "Apple", "Intel", "Dell", "Cisco", "SAP"]
TEMPLATES = [
    "{a} and {b} formed a partnership to sell cloud services, the companies said on day {i}.",
    "{a} acquired {b} for {i} million dollars.",
    "{a} is preparing a partnership with {b}, according to report number {i}.",
    "{a} rivals {b} in the market for servers, analysts said in note {i}.",
]


def write_corpus(path: Path, n: int) -> Path:
    """*n* short articles as JSON Lines, every one different; every third has no URL."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            a, b = ORGS[i % len(ORGS)], ORGS[(i * 3 + 1) % len(ORGS)]
            if a == b:
                b = ORGS[(i + 5) % len(ORGS)]
            text = " ".join(t.format(a=a, b=b, i=i) for t in TEMPLATES[i % 2: i % 2 + 2])
            record = {"text": text, "title": f"{a} and {b}, part {i}"}
            if i % 3:
                record["url"] = f"https://news.example.com/{i}"
            f.write(json.dumps(record) + "\n")
    return path


def quads(store) -> set:
    """The quads of the articles' graphs (the ontology's, parsed anew each run, has fresh blank nodes)."""
    ontology = ontology_graph_iri()
    return {q for q in store.dataset().quads((None, None, None, None)) if q[3] != ontology}


def article_count(store) -> int:
    return store.query("SELECT (COUNT(?a) AS ?n) WHERE { ?a a ally:Article }").rows[0][0]


def collect():
    lines: list[str] = []
    return lines, lines.append


# -- incremental ------------------------------------------------------------------

def test_ingest_again_skips_what_is_unchanged():
    with open_store("memory:") as store:
        first = ingest_paths(store, [SAMPLE_DIR])
        assert (first.articles, first.unchanged, first.skipped) == (11, 0, 0)
        assert first.facts > 0 and first.words > 0
        before = quads(store)
        again = ingest_paths(store, [SAMPLE_DIR])
        assert (again.articles, again.facts, again.unchanged) == (0, 0, 11)
        assert quads(store) == before
        articles, facts, skipped = again  # unpacks as it did when it lived in graph.cli
        assert (articles, facts, skipped) == (0, 0, 0)


def test_a_changed_article_is_replaced(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLE_DIR, folder)
    with open_store("memory:") as store:
        ingest_paths(store, [folder])
        graphs = store.graph_names()
        wintel = folder / "wikipedia-wintel.json"  # has a URL: the same article, new text
        record = json.loads(wintel.read_text(encoding="utf-8"))
        record["text"] += "\n\nIntel and Microsoft formed a new partnership in 2024."
        wintel.write_text(json.dumps(record), encoding="utf-8")
        result = ingest_paths(store, [folder])
        assert (result.articles, result.unchanged) == (1, 10)
        assert store.graph_names() == graphs
        hashes = store.query("SELECT ?h WHERE { ?a schema:url ?u ; ally:contentHash ?h "
                             f"FILTER(STR(?u) = {json.dumps(record['url'])}) }}").rows
        assert hashes == [(Article(record["text"]).content_hash,)]


def test_a_new_extractor_version_extracts_again(extractor, monkeypatch):
    with open_store("memory:") as store:
        ingest_paths(store, [SAMPLE_DIR])
        monkeypatch.setattr(extractor, "version", "99.0")
        result = ingest_paths(store, [SAMPLE_DIR])
        assert (result.articles, result.unchanged) == (11, 0)
        versions = store.query("SELECT DISTINCT ?v WHERE { ?a ally:extractedBy ?v }").rows
        assert versions == [("rules/99.0",)]


def test_force_extracts_again():
    with open_store("memory:") as store:
        ingest_paths(store, [SAMPLE_DIR])
        before = quads(store)
        result = ingest_paths(store, [SAMPLE_DIR], force=True)
        assert (result.articles, result.unchanged) == (11, 0)
        assert quads(store) == before


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    corpus = write_corpus(tmp_path / "a.jsonl", 5)
    with open(corpus, "a", encoding="utf-8") as f:
        f.write("{oops\n")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9")
    lines, report = collect()
    with open_store("memory:") as store:
        result = ingest_paths(store, [tmp_path], report=report)
        assert (result.articles, result.skipped) == (5, 2)
        assert article_count(store) == 5
    assert len(lines) == 2
    assert any(f"{corpus}:6: malformed JSON" in line for line in lines)
    assert any("latin1.txt: not UTF-8" in line for line in lines)


def test_an_article_that_breaks_the_extractor_is_skipped_alone(extractor, monkeypatch):
    facts = extractor.facts_from_doc

    def fragile(article, doc):
        if "BOOM" in article.text:
            raise RuntimeError("a rule tripped")
        return facts(article, doc)

    monkeypatch.setattr(extractor, "facts_from_doc", fragile)
    items = [(f"a{i}", Article(f"IBM and Apple formed partnership number {i}. {'BOOM' if i == 2 else ''}"))
             for i in range(4)]
    lines, report = collect()
    with open_store("memory:") as store:
        result = ingest_articles(store, items, report=report)
        assert (result.articles, result.skipped) == (3, 1)
    assert lines == ["skipped a2: extraction failed (RuntimeError: a rule tripped)"]



def test_the_store_is_flushed_every_so_many_articles(monkeypatch):
    # Oxigraph keeps recent writes in memory until flushed: a long ingest must flush as it goes.
    monkeypatch.setattr("graph.ingest.FLUSH_EVERY", 3)
    items = [(f"a{i}", Article(f"IBM and Apple formed partnership number {i}.")) for i in range(7)]
    with open_store("memory:") as store:
        flushes = []
        monkeypatch.setattr(store, "flush", lambda: flushes.append(len(store.graph_names())))
        result = ingest_articles(store, items, batch_size=2, processes=1)
    assert result.articles == 7
    assert flushes == [1 + 4, 1 + 6]  # the ontology graph + the articles written by then

def test_min_confidence_filters_the_stored_facts():
    with open_store("memory:") as store:
        all_facts = ingest_paths(store, [SAMPLE_DIR]).facts
    with open_store("memory:") as store:
        some = ingest_paths(store, [SAMPLE_DIR], min_confidence=0.8).facts
        low = store.query("SELECT ?c WHERE { ?s ally:confidence ?c FILTER(?c < 0.8) }").rows
    assert 0 < some < all_facts and low == []


@pytest.mark.parametrize("bad", [{"processes": 0}, {"batch_size": 0}])
def test_bad_options_name_the_value(bad):
    with open_store("memory:") as store, pytest.raises(Exception, match="give 1 or more"):
        ingest_paths(store, [SAMPLE_DIR], **bad)


# -- remove -------------------------------------------------------------------------

SKYPE = """SELECT (COUNT(?st) AS ?n) WHERE {
  ?st rdf:subject ent:ebay ; rdf:predicate ally:acquired ; rdf:object ent:skype }"""


def test_remove_by_id_url_title_and_file():
    with open_store("memory:") as store:
        ingest_paths(store, [SAMPLE_DIR])
        n = article_count(store)
        seed = SAMPLE_DIR / "crn-microsoft-vmware-azure.json"  # no URL: found by its text
        refs = {
            "file": str(seed),
            "url": "https://en.wikipedia.org/wiki/Wintel",
            "title": "Compaq",
        }
        for kind, ref in refs.items():
            found = find_articles(store, ref)
            assert len(found) == 1, (kind, ref)
            assert remove_articles(store, [ref]).removed == found
        by_id = find_articles(store, "Dell")[0]
        assert remove_articles(store, [by_id.rsplit("/", 1)[1]]).removed == [by_id]
        assert article_count(store) == n - 4
        assert find_articles(store, "Compaq") == []
        lines, report = collect()
        assert remove_articles(store, ["Compaq"], report=report) == ([], ["Compaq"])
        assert "no stored article matches 'Compaq'" in lines[0]


def test_remove_keeps_the_evidence_of_other_articles():
    with open_store("memory:") as store:
        ingest_paths(store, [SAMPLE_DIR])
        before = store.query(SKYPE).rows[0][0]
        assert before >= 2, "both eBay/Skype articles state the acquisition"
        removed = remove_articles(store, ["eBay to acquire Skype"]).removed
        assert len(removed) == 1
        assert 1 <= store.query(SKYPE).rows[0][0] < before
        assert store.query("ASK { ent:ebay ally:acquired ent:skype }").boolean


def test_remove_a_folder_removes_what_it_ingested(tmp_path):
    (tmp_path / "more").mkdir()
    corpus = write_corpus(tmp_path / "more" / "a.jsonl", 4)
    with open_store("memory:") as store:
        ingest_paths(store, [SAMPLE_DIR, corpus])
        removed = remove_articles(store, [tmp_path / "more"]).removed
        assert len(removed) == 4 and article_count(store) == 11


# -- engines: the same graph everywhere ---------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", 60)


@pytest.fixture(scope="module")
def local_quads(corpus, extractor):
    with open_store("memory:") as store:
        result = ingest_paths(store, [corpus], processes=1)
        assert result.articles == 60
        return quads(store)


@pytest.mark.slow
def test_worker_processes_give_the_same_graph(corpus, local_quads):
    with open_store("memory:") as store:
        result = ingest_paths(store, [corpus], processes=2, batch_size=4)
        assert result.articles == 60
        assert quads(store) == local_quads


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_graph(corpus, local_quads, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert len(client.nthreads()) == 2
        with open_store(tmp_path / "store") as store:  # written by this process, into any backend
            result = ingest_paths(store, [corpus], scheduler=client, batch_size=4)
            assert result.articles == 60
            got = quads(store)
    assert got == local_quads


# -- a killed ingest ---------------------------------------------------------------------

def _start_ingest(store: Path, corpus: Path) -> tuple[subprocess.Popen, list[bytes]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "--store", str(store), "ingest", str(corpus),
         "--progress", "--batch-size", "4", "--processes", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chunks: list[bytes] = []

    def pump():
        for chunk in iter(lambda: proc.stderr.read1(4096), b""):
            chunks.append(chunk)

    threading.Thread(target=pump, daemon=True).start()
    return proc, chunks


def _stored_so_far(chunks) -> int:
    found = re.findall(rb"stored=(\d+)", b"".join(chunks))
    return int(found[-1]) if found else 0


@pytest.mark.slow
def test_a_killed_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path, capsys):
    n = 300
    corpus = write_corpus(tmp_path / "corpus.jsonl", n)
    store = tmp_path / "store"
    proc, chunks = _start_ingest(store, corpus)
    deadline = time.monotonic() + 180
    while _stored_so_far(chunks) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, b"".join(chunks).decode(errors="replace")[-2000:]
    time.sleep(1.5)  # its worker processes notice and exit

    with open_store(store) as s:  # opens: the lock went with the process
        present = article_count(s)
        whole = s.query("SELECT (COUNT(?a) AS ?n) WHERE { ?a a ally:Article ; ally:contentHash ?h ; "
                        "ally:extractedBy ?v }").rows[0][0]
    assert 40 <= present < n, "killed in the middle of the batch"
    assert whole == present

    assert main(["--store", str(store), "ingest", str(corpus), "--processes", "2", "--batch-size", "4"]) == 0
    out = capsys.readouterr().out
    assert f"ingested {n - present} articles" in out and f"{present} unchanged" in out

    with open_store(store) as s:
        assert article_count(s) == n
        assert len(s.graph_names()) == n + 1  # and the ontology's
        hashes = s.query("SELECT (COUNT(DISTINCT ?h) AS ?n) WHERE { ?a ally:contentHash ?h }").rows[0][0]
        assert hashes == n
        after_rerun = len(s)
    with open_store(tmp_path / "clean") as s:
        ingest_paths(s, [corpus], processes=1)
        assert len(s) == after_rerun, "the rerun left the store as one uninterrupted run does"
    assert main(["--store", str(store), "validate"]) == 0


# -- the benchmark stays runnable ----------------------------------------------------------

def _bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_ingest", ROOT / "bench" / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_corpus_articles_all_differ(tmp_path):
    path = tmp_path / "c.jsonl"
    n, words = _bench().build_corpus(path, 30)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert n == len(records) == 30 and words > 30 * 100
    assert len({Article(r["text"]).content_hash for r in records}) == 30
    assert len({r["url"] for r in records}) == 30


@pytest.mark.slow
def test_bench_runs_on_a_tiny_corpus():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "ingest.py"), "--articles", "12",
                          "--processes", "1"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "bare spaCy w/s" in out.stdout and "ingest stored 12 articles" in out.stdout


@pytest.mark.slow
def test_bench_ruler_comparison_finds_identical_annotations():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "ingest.py"), "--ruler", "11"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "identical annotations: True" in out.stdout
