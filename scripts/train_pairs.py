"""Train the pair classifier of :mod:`graph.learned` on KnowledgeNet, cross-validated, and write it.

Usage::

    python scripts/train_pairs.py                     # CV report, dev check, write graph/models/pairs.npz
    python scripts/train_pairs.py --no-write          # the figures only
    python scripts/train_pairs.py --limit 10 --out /tmp/pairs.npz --no-dev   # a quick smoke run

What it does
------------
1. Parses every KnowledgeNet document of ``--corpus`` once with the
   extractor's own pipeline (:func:`graph.nlp.load_nlp`) and caches the parses
   as a spaCy ``DocBin`` in ``--cache-dir`` (default: a folder in the system's
   temporary directory, keyed by the texts, the model, the pipeline code and
   the gazetteer; never committed).
2. Finds the pair candidates and their features (:func:`graph.learned.doc_candidates`)
   and labels each candidate from the gold file:

   * it is a **positive** of a predicate when its two entities (any of the
     names and aliases of each) match a required gold relation of that
     predicate by the corpus's matching rules (the matcher of
     :mod:`graph.evaluate`, so :func:`graph.identity.normalize_name`, ``also``
     and the place parts of ``locatedIn``) *and* its sentence overlaps the
     relation's evidence;
   * it is **left out** when it matches an *optional* gold relation (facts
     whose end is a pronoun, debatable ones: predicting them is neither right
     nor wrong, so they teach nothing), or matches a required relation in a
     sentence other than the evidence (the text may or may not restate it);
   * otherwise it is **NONE** for the predicates the file's annotators looked
     for (``scored_predicates``); for the others both NONE and the predicate
     are allowed (a partial label, see :func:`graph.learned.fit`), which
     leaves such pairs out in effect.
3. Splits the documents into fold A and fold B by a stable hash of the
   document id (``zlib.crc32(id) % 2``; the corpus files do not record
   KnowledgeNet's own fold numbers). For A→B and B→A it chooses the L2
   strength and the two thresholds by an inner two-fold cross-validation on
   the training fold only (the next hash bit), trains on the whole training
   fold, and scores the held-out fold with :func:`graph.evaluate.score` for
   three systems: ``rules``, ``learned``, ``hybrid``. The ``learned``
   threshold maximises micro-F1; the ``hybrid`` one micro-F0.5, since it
   adds to rules meant for analysts, for whom a wrong fact costs more than a
   missing one (chosen by F1 it sat at 0.25 and cut the dev precision to 0.81);
   that curve is flat near its top, so the highest threshold within 0.01 of
   the best F0.5 is taken.
4. Chooses the settings for the final model from the A/B out-of-fold
   predictions, trains on all documents and writes the model (unless
   ``--no-write``).
5. Scores ``rules`` and ``hybrid`` with the final model on ``--dev`` (the news
   dev set: never trained on, never tuned on; only reported).

There is no randomness to seed: folds come from a hash, L-BFGS starts at
zero, and the model file has no timestamps, so a rerun writes the same bytes.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # a shared machine: one core for BLAS
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import hashlib
import shlex
import sys
import tempfile
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph import learned
from graph.evaluate import GoldDocument, Scores, _matches, _prepare, format_table, load_gold, score
from graph.records import Article

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "knowledgenet"
DEFAULT_DEV = ROOT.parent / "shared" / "corpus" / "dev"
L2_GRID = (0.3, 1.0, 3.0)
THRESHOLD_GRID = tuple(round(0.05 * k, 2) for k in range(4, 19))  # 0.20 … 0.90
SYSTEMS = ("rules", "learned", "hybrid")


# --------------------------------------------------------------------------- parsing, cached


def _cache_key(texts: Sequence[str], nlp) -> str:
    from graph import gazetteer
    from graph import nlp as nlp_module

    h = hashlib.sha256()
    h.update(f"{nlp.meta.get('name')} {nlp.meta.get('version')} {nlp.pipe_names}".encode())
    import spacy

    h.update(spacy.__version__.encode())
    for path in (Path(nlp_module.__file__), Path(gazetteer.__file__), Path(gazetteer.DEFAULT_GAZETTEER)):
        h.update(path.read_bytes())
    for text in texts:
        h.update(hashlib.sha256(text.encode("utf-8")).digest())
    return h.hexdigest()[:20]


def parse(texts: Sequence[str], nlp, cache_dir: Path, *, label: str) -> list:
    """Parsed docs of *texts*, from the cache when the pipeline and texts are unchanged."""
    from spacy.tokens import DocBin

    path = cache_dir / f"{label}-{_cache_key(texts, nlp)}.spacy"
    if path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=32))
    cache_dir.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for doc in docs:
        bin_.add(doc)
    bin_.to_disk(path)
    return docs


# --------------------------------------------------------------------------- labelling


def _fold(doc_id: str, bit: int = 0) -> int:
    return (zlib.crc32(doc_id.encode("utf-8")) >> bit) & 1


def _names(entity) -> tuple[str, ...]:
    return (entity.name,) + tuple(entity.aliases)


def _gold_match(gold: GoldDocument, relation, subject, obj) -> bool:
    for s in _names(subject):
        for o in _names(obj):
            item = {"subject": s, "predicate": relation.predicate, "object": o,
                    "certainty": "confirmed", "confidence": 1.0}
            if _matches(_prepare(item, document=gold.id), relation):
                return True
    return False


def label(gold: GoldDocument, ents, cand) -> list[bool] | None:
    """The classes a candidate may take (one flag per :data:`graph.learned.CLASSES`), or None to leave it out."""
    subject, obj = ents.entity(cand.subject), ents.entity(cand.object)
    sent = cand.sent
    fits = cand.predicates
    positive, unsure = None, False
    for relation in gold.relations:
        predicates = {relation.predicate, *relation.also} & set(fits)
        if not predicates or not _gold_match(gold, relation, subject, obj):
            continue
        at = gold.text.find(relation.evidence) if relation.evidence else -1
        stated_here = at < 0 or (sent.start_char < at + len(relation.evidence) and at < sent.end_char)
        if relation.optional or not stated_here:
            unsure = True
        elif positive is None:
            positive = relation.predicate if relation.predicate in learned.CLASSES else min(predicates)
    if positive is None and unsure:
        return None
    if positive is not None:
        return [c == positive for c in learned.CLASSES]
    scored = gold.scored_predicates
    return [c == "NONE" or (scored is not None and c not in scored and c in fits) for c in learned.CLASSES]


# --------------------------------------------------------------------------- data


@dataclass
class DocData:
    gold: GoldDocument
    ents: object
    cands: list
    rows: list  # feature lists
    allowed: list  # per candidate: flags or None (left out of training)
    support: object  # numpy bool array
    rule_facts: list


def prepare(golds: Sequence[GoldDocument], docs: Sequence, *, gazetteer, rules, options: dict) -> list[DocData]:
    out = []
    for gold, doc in zip(golds, docs):
        rule_facts = learned._rule_facts(rules, Article(gold.text, title=gold.title), doc)
        ents, cands, rows = learned.doc_candidates(doc, gazetteer=gazetteer, **options)
        allowed = [label(gold, ents, c) for c in cands]
        out.append(DocData(gold, ents, cands, rows, allowed, learned.support_mask(cands), rule_facts))
    return out


def train(data: Sequence[DocData], *, l2: float, thresholds=None, meta=None) -> learned.PairModel:
    import numpy as np

    rows, allowed, support = [], [], []
    for d in data:
        for k, flags in enumerate(d.allowed):
            if flags is not None:
                rows.append(d.rows[k])
                allowed.append(flags)
                support.append(d.support[k])
    return learned.fit(rows, np.array(allowed, dtype=bool).reshape(-1, len(learned.CLASSES)),
                       support=np.array(support, dtype=bool).reshape(-1, len(learned.CLASSES)),
                       l2=l2, thresholds=thresholds, meta=meta)


def probabilities(model, data: Sequence[DocData]) -> list:
    return [model.probabilities(d.rows, support=d.support) for d in data]


def predictions(data: Sequence[DocData], probs: Sequence, system: str, threshold: float) -> dict[str, list[dict]]:
    out = {}
    for d, p in zip(data, probs):
        if system == "rules":
            facts = d.rule_facts
        else:
            facts = learned.candidate_facts(d.ents, d.cands, p, threshold=threshold, extractor=system)
            if system == "hybrid":
                facts = learned.combine(d.rule_facts, facts, threshold=threshold)
        out[d.gold.id] = [f.as_dict() for f in facts]
    return out


def scores(data: Sequence[DocData], probs: Sequence, system: str, threshold: float = 0.5) -> Scores:
    return score(predictions(data, probs, system, threshold), [d.gold for d in data])


# --------------------------------------------------------------------------- model selection


class Trainer:
    """Trains models on document subsets, once per (subset, l2)."""

    def __init__(self) -> None:
        self.models: dict[tuple, learned.PairModel] = {}
        self.count = 0

    def model(self, data: Sequence[DocData], l2: float) -> learned.PairModel:
        key = (tuple(d.gold.id for d in data), l2)
        if key not in self.models:
            self.models[key] = train(data, l2=l2)
            self.count += 1
        return self.models[key]


def out_of_fold(trainer: Trainer, data: Sequence[DocData], bit: int, l2: float) -> tuple[list, list]:
    """Docs and their probabilities from two models, each trained on the other half (by hash *bit*)."""
    halves = [[d for d in data if _fold(d.gold.id, bit) == h] for h in (0, 1)]
    docs, probs = [], []
    for h in (0, 1):
        train_half, test_half = halves[1 - h], halves[h]
        if not train_half or not test_half:
            continue
        docs += test_half
        probs += probabilities(trainer.model(train_half, l2), test_half)
    return docs, probs


#: How each system's threshold is chosen: F-beta with this beta. The hybrid adds to rules meant
#: for analysts, for whom a wrong fact costs more than a missing one, so precision counts double.
SELECTION_BETA = {"learned": 1.0, "hybrid": 0.5}
#: Hybrid thresholds whose F0.5 is this close to the best are ties; the highest of them is taken.
HYBRID_TOLERANCE = 0.01


def f_beta(s: Scores, beta: float) -> float:
    p, r = s.micro.precision, s.micro.recall
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def select(trainer: Trainer, data: Sequence[DocData], bit: int, *, l2_grid=L2_GRID) -> tuple[float, dict]:
    """The L2 strength and the thresholds with the best out-of-fold F-beta (:data:`SELECTION_BETA`).

    The L2 strength is the learned system's best; the hybrid's threshold is then chosen for that
    model: the highest one within :data:`HYBRID_TOLERANCE` of the best F0.5.
    """
    best = None
    for l2 in l2_grid:
        docs, probs = out_of_fold(trainer, data, bit, l2)
        if not docs:
            return l2_grid[len(l2_grid) // 2], {"learned": 0.5, "hybrid": 0.5}
        value, t = max((f_beta(scores(docs, probs, "learned", t), SELECTION_BETA["learned"]), -t)
                       for t in THRESHOLD_GRID)
        if best is None or value > best[0]:
            best = (value, l2, -t, docs, probs)
    _, l2, t_learned, docs, probs = best
    values = {t: f_beta(scores(docs, probs, "hybrid", t), SELECTION_BETA["hybrid"]) for t in THRESHOLD_GRID}
    # the curve is flat near its top: take the most precise threshold within noise of the best
    t_hybrid = max(t for t, v in values.items() if v >= max(values.values()) - HYBRID_TOLERANCE)
    return l2, {"learned": t_learned, "hybrid": t_hybrid}


# --------------------------------------------------------------------------- reporting


def _summary_row(name: str, s: Scores) -> str:
    m = s.micro
    return f"{name:<22} {m.tp:>5} {m.fp:>5} {m.fn:>5}  {m.precision:.3f}  {m.recall:.3f}  {m.f1:.3f}"


def _table(s: Scores) -> str:
    return format_table(s).split("\n\n")[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="KnowledgeNet gold folder")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="news dev gold folder (only evaluated)")
    parser.add_argument("--no-dev", action="store_true", help="skip the dev evaluation")
    parser.add_argument("--out", type=Path, default=learned.DEFAULT_MODEL, help="where to write the model")
    parser.add_argument("--no-write", action="store_true", help="report only; write no model")
    parser.add_argument("--cache-dir", type=Path,
                        default=Path(os.environ.get("ALLIANCES_CACHE", tempfile.gettempdir())) / "alliances-train-pairs")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents (smoke runs)")
    parser.add_argument("--l2", type=float, default=None, help="fix the L2 strength instead of choosing it")
    parser.add_argument("--pronouns", action="store_true", help="also pair pronouns the mentions module resolves")
    parser.add_argument("--lenient-types", action="store_true",
                        help="let names NER may have mistyped fill other types' slots (see graph.learned.possible_types)")
    args = parser.parse_args(argv)
    argv = sys.argv[1:] if argv is None else list(argv)
    print("$ python scripts/train_pairs.py " + " ".join(shlex.quote(a) for a in argv), flush=True)
    started = time.time()

    from graph.extract import get_extractor
    from graph.gazetteer import load_gazetteer
    from graph.nlp import load_nlp

    nlp, gazetteer, rules = load_nlp(), load_gazetteer(), get_extractor("rules")
    golds = load_gold(args.corpus)
    if args.limit:
        golds = golds[: args.limit]
    docs = parse([g.text for g in golds], nlp, args.cache_dir, label="kn")
    options = {"pronouns": args.pronouns, "lenient": args.lenient_types}
    data = prepare(golds, docs, gazetteer=gazetteer, rules=rules, options=options)
    n_pairs = sum(len(d.cands) for d in data)
    n_labelled = sum(1 for d in data for a in d.allowed if a is not None)
    n_positive = sum(1 for d in data for a in d.allowed if a is not None and not a[0])
    print(f"{len(golds)} documents, {n_pairs} candidate pairs, {n_labelled} used for training, "
          f"{n_positive} positive ({time.time() - started:.0f} s)", flush=True)

    trainer = Trainer()
    l2_grid = (args.l2,) if args.l2 is not None else L2_GRID
    folds = {name: [d for d in data if _fold(d.gold.id) == k] for k, name in enumerate("AB")}
    pooled = {s: {} for s in SYSTEMS}
    summary = []
    for train_name, test_name in (("A", "B"), ("B", "A")):
        train_docs, test_docs = folds[train_name], folds[test_name]
        if not train_docs or not test_docs:
            print(f"fold {train_name} or {test_name} is empty: no cross-validation")
            continue
        l2, thresholds = select(trainer, train_docs, 1, l2_grid=l2_grid)
        model = trainer.model(train_docs, l2)
        probs = probabilities(model, test_docs)
        print(f"\n=== train on fold {train_name} ({len(train_docs)} docs), test on fold {test_name} "
              f"({len(test_docs)} docs): l2={l2}, thresholds {thresholds} (chosen on fold {train_name} alone, "
              f"by F-beta {SELECTION_BETA})")
        for system in SYSTEMS:
            t = thresholds.get(system, 0.5)
            preds = predictions(test_docs, probs, system, t)
            s = score(preds, [d.gold for d in test_docs])
            pooled[system].update(preds)
            print(f"\n-- {system}" + ("" if system == "rules" else f" (threshold {t})"))
            print(_table(s))
            summary.append((f"{system} {train_name}→{test_name}", s))
    if summary:
        print("\n=== cross-validated micro scores (KnowledgeNet, ledBy/worksAt/locatedIn/subsidiaryOf)")
        print(f"{'system / fold':<22} {'tp':>5} {'fp':>5} {'fn':>5}  {'P':>5}  {'R':>5}  {'F1':>5}")
        for name, s in summary:
            print(_summary_row(name, s))
        tested = [d.gold for d in data if d.gold.id in pooled["rules"]]
        for system in SYSTEMS:
            folds_s = [s for name, s in summary if name.startswith(system + " ")]
            mean = [sum(getattr(s.micro, k) for s in folds_s) / len(folds_s) for k in ("precision", "recall", "f1")]
            print(f"{system + ' mean of folds':<22} {'':>5} {'':>5} {'':>5}  {mean[0]:.3f}  {mean[1]:.3f}  {mean[2]:.3f}")
            print(_summary_row(system + " pooled", score(pooled[system], tested)))
        for system in SYSTEMS:
            print(f"\n-- {system}, both held-out folds pooled")
            print(_table(score(pooled[system], tested)))

    l2, thresholds = select(trainer, data, 0, l2_grid=l2_grid)
    # only what shapes the model, so that a rerun elsewhere (another --out, cache) writes the same bytes
    meta = {"corpus": args.corpus.name, "documents": len(golds), "limit": args.limit, "options": options,
            "trained_by": "scripts/train_pairs.py"}
    model = train(data, l2=l2, thresholds=thresholds, meta=meta)
    print(f"\n=== final model: all {len(golds)} documents, l2={l2}, thresholds {thresholds} "
          f"(chosen on the A/B out-of-fold predictions), {len(model.rows)} weighted features, "
          f"{model.meta['iterations']} L-BFGS iterations")
    if not args.no_write:
        path = learned.save_model(model, args.out)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB, sha256 "
              f"{hashlib.sha256(path.read_bytes()).hexdigest()[:16]})")

    if not args.no_dev:
        dev_golds = load_gold(args.dev)
        dev_docs = parse([g.text for g in dev_golds], nlp, args.cache_dir, label="dev")
        dev = prepare(dev_golds, dev_docs, gazetteer=gazetteer, rules=rules, options=options)
        dev_probs = probabilities(model, dev)
        print("\n=== dev news (never trained or tuned on): rules vs hybrid with the final model")
        for system in ("rules", "hybrid", "learned"):
            t = thresholds.get(system, 0.5)
            print(f"\n-- {system}" + ("" if system == "rules" else f" (threshold {t})"))
            print(_table(scores(dev, dev_probs, system, t)))
    print(f"\n{trainer.count + 1} models trained in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
