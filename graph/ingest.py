"""Articles into the store, many at a time: incremental, each article whole in one transaction, on every core or a Dask cluster.

What :func:`ingest_paths` does with a stream of inputs:

1. :func:`graph.articles.iter_articles` reads them lazily; a bad one is
   reported (by name, line and reason) and skipped, and the batch goes on.
2. Articles are taken in batches. One query per batch finds those the store
   already holds with the same content hash, read by the same extractor
   version (``ally:contentHash``, ``ally:extractedBy``): these are passed
   over, so ingesting again costs a read, and an archive can be ingested
   incrementally. An article's identity is its URL when known, else its
   text, so an article whose text changed under the same URL is replaced.
3. :func:`extract_batch`, a pure map from articles to facts, runs on an
   engine: in this process, on a pool of worker processes (``processes``),
   or on a Dask cluster (``scheduler``). Only a few batches are in flight at
   a time, so memory stays bounded however long the input.
4. Back in this process, each article's named graph replaces the stored one,
   into any store backend: a batch of new articles in one transaction where
   the backend can (:meth:`graph.store.Store.replace_graphs`; Oxigraph spends
   more on a commit than on an article's triples), else one transaction per
   article. Killed at any moment, the store holds whole articles only, and
   running the same command again completes the batch.

:func:`remove_articles` deletes articles, found by id, IRI, URL, title or
the file they were read from. Every fact lives in the named graph of the
article it was read from, so the evidence other articles give stays.

>>> from graph.records import Article
>>> from graph.rdf import article_graph
>>> from graph.store import open_store
>>> store = open_store("memory:")
>>> art = Article("Apple and IBM formed a partnership.", title="Apple and IBM", url="https://example.com/a")
>>> store.replace_graph(article_graph(art, []))
>>> find_articles(store, "Apple and IBM") == find_articles(store, "https://example.com/a") == [str(article_iri(art))]
True
>>> remove_articles(store, [art.id]).removed == [str(article_iri(art))]
True
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .articles import STDIN, count_articles, iter_articles
from .exceptions import AlliancesError, ExtractionError, InputError
from .rdf import article_graph, article_iri
from .records import Article, Fact

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "IngestResult",
    "Removed",
    "default_processes",
    "extract_batch",
    "ingest_articles",
    "ingest_paths",
    "find_articles",
    "remove_articles",
]

#: Articles per batch: one store look-up, one task for a worker, one ``nlp.pipe`` batch.
DEFAULT_BATCH_SIZE = 32
#: Articles written between two flushes of the store (memory stays bounded however long the input).
FLUSH_EVERY = 1024


def _warn(text: str) -> None:
    sys.stderr.write(f"alliances: {text}\n")


def default_processes() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class IngestResult:
    """What an ingest did. Unpacks as ``(articles, facts, skipped)``, the counts callers print.

    ``articles``: stored (new or changed); ``facts``: facts stored with them;
    ``skipped``: inputs refused (bad file or line, extraction failure);
    ``unchanged``: already stored as they are; ``words``: words of the
    stored articles.
    """

    articles: int = 0
    facts: int = 0
    skipped: int = 0
    unchanged: int = 0
    words: int = 0
    seconds: float = 0.0

    def __iter__(self) -> Iterator[int]:
        return iter((self.articles, self.facts, self.skipped))


# -- the map: articles to facts, wherever it runs --------------------------------

def extract_batch(extractor_name: str, articles: Sequence[Article]) -> list[list[Fact] | ExtractionError]:
    """The facts of each article, in order: a pure function, run by a worker process or a Dask worker.

    One article that breaks the extractor does not cost the others: in its
    place comes an :class:`ExtractionError` saying why.
    """
    from .extract import get_extractor

    extractor = get_extractor(extractor_name)
    try:
        return [facts for _, facts in extractor.extract_many(articles)]
    except Exception:  # a rule failed on some article: find which, keep the rest
        out: list[list[Fact] | ExtractionError] = []
        for article in articles:
            try:
                out.append(extractor.extract(article))
            except Exception as exc:
                out.append(ExtractionError(f"extraction failed ({type(exc).__name__}: {exc})"))
        return out


class _InProcess:
    """Extract here, one batch when its result is asked for."""

    workers = 1

    def __init__(self, extractor_name: str) -> None:
        self.extractor_name = extractor_name

    def submit(self, articles):
        return articles

    def result(self, handle):
        return extract_batch(self.extractor_name, handle)

    def close(self) -> None:
        pass


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)  # the ingest was killed: nobody will collect this worker's results


def _init_worker(extractor_name: str, parent: int) -> None:
    from .extract import get_extractor

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    get_extractor(extractor_name)  # once per worker (inherited when forked)


class _Pool:
    """Worker processes on this machine, each with its own spaCy pipeline."""

    def __init__(self, extractor_name: str, processes: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork shares the parent's loaded model with the workers; elsewhere, spawn
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.extractor_name, self.workers = extractor_name, processes
        self._pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context(method),
                                         initializer=_init_worker, initargs=(extractor_name, os.getpid()))

    def submit(self, articles):
        return self._pool.submit(extract_batch, self.extractor_name, articles)

    def result(self, future):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool as exc:
            raise ExtractionError(f"a worker process died ({exc}); is memory short? try fewer --processes") from None

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """A Dask cluster: ``local`` starts one on this machine, else the scheduler at an address (or a Client)."""

    def __init__(self, extractor_name: str, scheduler, processes: int) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ExtractionError(
                "a Dask scheduler needs dask.distributed; install it with "
                "\"pip install 'alliance-graph[dask]'\"") from None
        self.extractor_name = extractor_name
        self._cluster = self._client = None
        if isinstance(scheduler, Client):
            self._client, self._own = scheduler, False
        else:
            self._own = True
            try:
                if scheduler == "local":
                    self._cluster = LocalCluster(n_workers=processes, threads_per_worker=1, processes=True,
                                                 dashboard_address=None, silence_logs=logging.ERROR)
                    self._client = Client(self._cluster)
                else:
                    self._client = Client(scheduler, timeout="30s")
            except (OSError, TimeoutError) as exc:
                self.close()
                raise ExtractionError(f"cannot reach the Dask scheduler {scheduler!r} ({exc}); "
                                      "give its address as tcp://HOST:PORT, or 'local'") from None
        self.workers = max(1, sum(self._client.nthreads().values()))

    def submit(self, articles):
        return self._client.submit(extract_batch, self.extractor_name, list(articles), pure=False)

    def result(self, future):
        try:
            return future.result()
        except Exception as exc:  # a worker lost, a task killed: the engine failed, not the article
            raise ExtractionError(f"the Dask cluster failed a batch ({type(exc).__name__}: {exc})") from None

    def close(self) -> None:
        if self._own and self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()


# -- progress -------------------------------------------------------------------

class _Progress:
    """A tqdm bar on stderr (articles, rate, ETA; stored articles and words/s), or nothing."""

    def __init__(self, show: bool, total: int | None) -> None:
        self._bar = None
        self._start = time.perf_counter()
        if show:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=" articles", file=sys.stderr, desc="ingest",
                             dynamic_ncols=True, mininterval=0.5, smoothing=0.1)

    def advance(self, result: IngestResult) -> None:
        if self._bar is not None:
            rate = result.words / max(1e-9, time.perf_counter() - self._start)
            self._bar.set_postfix_str(f"stored={result.articles}, {rate:,.0f} words/s", refresh=False)
            self._bar.update(1)

    def write(self, text: str) -> None:
        if self._bar is not None:
            self._bar.clear()
        _warn(text)
        if self._bar is not None:
            self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


# -- ingest ----------------------------------------------------------------------

def _sparql_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


_IRI_SAFE = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$')  # absolute, nothing to escape


def _stored_states(store, iris: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """``{article IRI: (content hash, extractedBy)}`` of those of *iris* the store holds."""
    iris = [i for i in iris if _IRI_SAFE.match(i)]
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    rows = store.query(
        f"SELECT ?a ?hash ?by WHERE {{ VALUES ?a {{ {values} }} ?a ally:contentHash ?hash . "
        f"OPTIONAL {{ ?a ally:extractedBy ?by }} }}").rows
    return {a: (h, by) for a, h, by in rows}


def _pending(store, items, *, batch_size: int, force: bool, extracted_by: str,
             result: IngestResult, progress: _Progress, report) -> Iterator[list[tuple[str, Article]]]:
    """Batches of the articles that need extracting: bad inputs reported, unchanged ones counted."""
    chunk: list[tuple[str, Article]] = []
    out: list[tuple[str, Article]] = []

    def changed(chunk):
        if force:
            return chunk
        states = _stored_states(store, [str(article_iri(a)) for _, a in chunk])
        keep = []
        for source, article in chunk:
            if states.get(str(article_iri(article))) == (article.content_hash, extracted_by):
                result.unchanged += 1
                progress.advance(result)
            else:
                keep.append((source, article))
        return keep

    for source, item in items:
        if isinstance(item, InputError):
            report(f"skipped {item}")
            result.skipped += 1
            progress.advance(result)
            continue
        chunk.append((source, item))
        if len(chunk) >= batch_size:
            out.extend(changed(chunk))
            chunk = []
            while len(out) >= batch_size:
                yield out[:batch_size]
                out = out[batch_size:]
    if chunk:
        out.extend(changed(chunk))
    if out:
        yield out


def ingest_articles(store, items: Iterable[tuple[str, Article | InputError]], *,
                    extractor_name: str = "rules", min_confidence: float = 0.0,
                    processes: int | None = None, scheduler=None,
                    batch_size: int = DEFAULT_BATCH_SIZE, force: bool = False,
                    report: Callable[[str], None] | None = None, progress: bool = False,
                    total: int | None = None) -> IngestResult:
    """Extract and store a stream of ``(source name, article or InputError)`` (see :func:`ingest_paths`)."""
    from .extract import get_extractor

    if processes is not None and processes < 1:
        raise AlliancesError(f"processes={processes} is not a number of processes; give 1 or more")
    if batch_size < 1:
        raise AlliancesError(f"batch_size={batch_size} is not a batch size; give 1 or more")
    processes = processes or default_processes()
    extractor = get_extractor(extractor_name)  # here too: its version decides what is unchanged
    extracted_by = f"{extractor.name}/{extractor.version}"
    store.ensure_ontology()
    result = IngestResult()
    bar = _Progress(progress, total)
    report = report or bar.write
    started = time.perf_counter()
    batches = _pending(store, items, batch_size=batch_size, force=force, extracted_by=extracted_by,
                       result=result, progress=bar, report=report)

    def commit(batch, facts_per_article):
        graphs, facts_kept, words = [], 0, 0
        for (source, article), facts in zip(batch, facts_per_article):
            if isinstance(facts, ExtractionError):
                report(f"skipped {source}: {facts}")
                result.skipped += 1
            else:
                kept = [f for f in facts if f.confidence >= min_confidence]
                graphs.append(article_graph(article, kept, extractor=extracted_by))
                facts_kept += len(kept)
                words += len(article.text.split())
        store.replace_graphs(graphs)  # a batch per transaction: each article whole or not at all
        if (result.articles + len(graphs)) // FLUSH_EVERY > result.articles // FLUSH_EVERY:
            store.flush()
        result.articles += len(graphs)
        result.facts += facts_kept
        result.words += words
        for _ in batch:
            bar.advance(result)

    engine = None
    try:
        first = next(batches, None)
        second = next(batches, None) if first is not None else None
        if first is None:
            return result
        if scheduler is not None:
            engine = _Dask(extractor_name, scheduler, processes)
        elif second is not None and processes > 1:
            engine = _Pool(extractor_name, processes)
        else:
            engine = _InProcess(extractor_name)
        window = 2 * engine.workers  # enough to keep every worker busy, few enough to bound memory
        in_flight: deque = deque()
        queue = (b for b in (first, second) if b is not None)
        for batch in _chain(queue, batches):
            in_flight.append((batch, engine.submit([a for _, a in batch])))
            while len(in_flight) >= window:
                batch, handle = in_flight.popleft()
                commit(batch, engine.result(handle))
        while in_flight:
            batch, handle = in_flight.popleft()
            commit(batch, engine.result(handle))
    finally:
        if engine is not None:
            engine.close()
        bar.close()
        result.seconds = time.perf_counter() - started
    return result


def _chain(*iterables):
    for it in iterables:
        yield from it


def ingest_paths(store, paths: Iterable[str | Path], *, extractor_name: str = "rules",
                 min_confidence: float = 0.0, processes: int | None = None, scheduler=None,
                 batch_size: int = DEFAULT_BATCH_SIZE, force: bool = False,
                 report: Callable[[str], None] | None = None, progress: bool = False) -> IngestResult:
    """Extract and store every article under *paths*; unpacks as ``(articles, facts, skipped)``.

    *paths* are files (``.txt``, ``.json``, ``.html``, ``.jsonl``), folders
    (searched recursively) or ``-`` for standard input. Articles already
    stored with the same text and extractor version are passed over unless
    *force*. *processes* worker processes extract (default: one per core; a
    pool starts only for more than one batch), or the Dask cluster at
    *scheduler* (an address, ``"local"`` or a ``distributed.Client``).
    Each skipped input is passed to *report* as one line (default: stderr);
    *progress* shows a bar on stderr.
    """
    paths = list(paths)
    total = count_articles(paths) if progress else None
    return ingest_articles(store, iter_articles(paths), extractor_name=extractor_name,
                           min_confidence=min_confidence, processes=processes, scheduler=scheduler,
                           batch_size=batch_size, force=force, report=report, progress=progress,
                           total=total)


# -- remove ----------------------------------------------------------------------

class Removed(NamedTuple):
    """The IRIs of the articles removed, and the references that named none."""

    removed: list[str]
    not_found: list[str]


_ARTICLE_ID = re.compile(r"^[0-9a-f]{16}$")


def find_articles(store, ref: str | Path) -> list[str]:
    """The IRIs of the stored articles *ref* names, sorted.

    *ref* is an article id (16 hex digits), an article IRI, a URL, an exact
    title, or a file or folder: the articles read from it (a file must still
    hold the text it had, unless its article has a URL). A title that several
    articles share names them all.
    """
    text = str(ref)
    if text == STDIN or Path(text).exists():
        iris = {str(article_iri(a)) for _, a in iter_articles([text]) if isinstance(a, Article)}
        found: set[str] = set()
        batch = sorted(iris)
        for i in range(0, len(batch), 256):
            found.update(_stored_states(store, batch[i:i + 256]))
        return sorted(found)
    if _ARTICLE_ID.match(text):
        return sorted(_stored_states(store, [str(article_iri(text))]))
    if _IRI_SAFE.match(text) and _stored_states(store, [text]):
        return [text]
    literal = _sparql_string(text)
    rows = store.query(
        "SELECT DISTINCT ?a WHERE { ?a a ally:Article . "
        f"{{ ?a schema:url {literal}^^xsd:anyURI }} UNION {{ ?a schema:url {literal} }} "
        f"UNION {{ ?a dcterms:title {literal} }} }}").rows
    return sorted(str(a) for (a,) in rows)


def remove_articles(store, refs: Iterable[str | Path], *,
                    report: Callable[[str], None] | None = None) -> Removed:
    """Delete the named graphs of the articles *refs* name (see :func:`find_articles`).

    A reference that names no stored article is passed to *report* and
    listed in :attr:`Removed.not_found`.
    """
    report = report or _warn
    removed: list[str] = []
    missing: list[str] = []
    for ref in refs:
        iris = find_articles(store, ref)
        if not iris:
            report(f"no stored article matches {str(ref)!r} (give an article id, IRI, URL, title or file)")
            missing.append(str(ref))
        for iri in iris:
            if iri not in removed and store.remove_graph(iri):
                removed.append(iri)
    return Removed(removed, missing)
