"""A learned relation classifier over mention pairs, and the ``learned`` and ``hybrid`` extractors.

For every sentence, each ordered pair of entity mentions whose types fit a
predicate of :data:`PAIR_PREDICATES` is a candidate. A candidate is described
by sparse features (the shortest dependency path between the two mentions'
head words and its back-off variants, the words between and around them, the
mention types, kinds and order, and whether the rules found the same triple),
hashed into ``2**bits`` dimensions with the stable :func:`zlib.crc32`, and
scored by a multinomial logistic regression over ``NONE`` and the predicates.

The weights are package data (``graph/models/pairs.npz``), written by
``scripts/train_pairs.py``; nothing is downloaded. Loading a missing model
raises :class:`~graph.exceptions.ExtractionError` saying how to train it.

* ``learned`` emits the classifier's facts whose probability reaches the
  model's threshold;
* ``hybrid`` emits the rules' facts and adds the classifier's above its own
  threshold, merged with :func:`graph.extract.merge_facts`.

>>> feature_index("T:Organization>Person", bits=18)
14754
>>> sorted(predicates_for("Organization", "Person"))
['ledBy']
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__
from .certainty import judge
from .exceptions import ExtractionError
from .extract import merge_facts, register_extractor
from .mentions import DocEntities, Mention
from .nlp import verbatim
from .records import Article, Entity, Fact  # noqa: F401  (Entity: the doctests)
from .vocabulary import RELATIONS

__all__ = [
    "PAIR_PREDICATES",
    "CLASSES",
    "FEATURE_VERSION",
    "WORD_CLASSES",
    "DEFAULT_MODEL",
    "TRAIN_COMMAND",
    "PairCandidate",
    "PairModel",
    "predicates_for",
    "possible_types",
    "pair_predicates",
    "pair_candidates",
    "pair_features",
    "feature_index",
    "vectorize",
    "fit",
    "load_model",
    "save_model",
    "support_mask",
    "doc_candidates",
    "candidate_facts",
    "doc_facts",
    "combine",
    "LearnedExtractor",
    "HybridExtractor",
]

#: The predicates the classifier decides between (besides ``NONE``). ``worksAt`` becomes
#: ``formerlyAt`` where the sentence marks the job as past (see :func:`candidate_facts`).
PAIR_PREDICATES = ("ledBy", "worksAt", "locatedIn", "subsidiaryOf")
#: The classifier's classes, ``NONE`` first.
CLASSES = ("NONE",) + PAIR_PREDICATES
#: Bumped whenever :func:`pair_features` changes, so an old model is not read with new features.
FEATURE_VERSION = 1
#: Where the shipped model lives.
DEFAULT_MODEL = Path(__file__).parent / "models" / "pairs.npz"
#: How to (re)train :data:`DEFAULT_MODEL`.
TRAIN_COMMAND = "python scripts/train_pairs.py"

_DEFAULT_BITS = 18
#: Word classes the features back off to, so that one "chairman" teaches about every "chairwoman".
#: Kept here, not borrowed from the rules, so that a trained model's features never shift under it.
WORD_CLASSES: dict[str, frozenset[str]] = {
    "lead": frozenset({"ceo", "chief", "president", "chairman", "chairwoman", "chairperson", "chair", "founder",
                       "co-founder", "cofounder", "head", "leader", "boss", "owner", "co-owner", "proprietor",
                       "director", "principal", "md", "publisher", "editor-in-chief", "chancellor", "rector",
                       "dean", "governor", "commissioner", "superintendent", "secretary-general"}),
    "found": frozenset({"found", "co-found", "cofound", "co-founded", "establish", "start", "create", "form",
                        "launch", "set", "incorporate", "organize", "build", "open", "begin"}),
    "run": frozenset({"lead", "head", "run", "chair", "helm", "manage", "direct", "own", "oversee", "co-own",
                      "control", "operate", "steer", "preside"}),
    "job": frozenset({"executive", "officer", "cto", "cfo", "coo", "cio", "cmo", "vp", "svp", "evp", "vice",
                      "manager", "engineer", "architect", "scientist", "analyst", "employee", "professor",
                      "researcher", "editor", "spokesman", "spokeswoman", "spokesperson", "developer",
                      "designer", "economist", "strategist", "lawyer", "counsel", "treasurer", "secretary",
                      "member", "fellow", "lecturer", "coach", "player", "associate", "consultant", "advisor",
                      "adviser", "attorney", "chef", "physician", "teacher", "instructor", "curator",
                      "trustee", "correspondent", "reporter", "columnist", "producer", "programmer",
                      "accountant", "banker", "staff", "partner", "faculty", "board", "agent", "specialist",
                      "administrator", "coordinator", "supervisor", "assistant", "intern"}),
    "work": frozenset({"work", "employ", "join", "serve", "hire", "appoint", "name", "elect", "promote",
                       "recruit", "teach", "sign", "play", "rejoin", "spend", "retire", "leave", "resign",
                       "become", "hold", "represent"}),
    "place": frozenset({"headquarter", "headquartered", "headquarters", "hq", "base", "based", "locate",
                        "located", "situate", "situated", "office", "offices", "home", "seat"}),
    "part": frozenset({"subsidiary", "unit", "division", "arm", "affiliate", "offshoot", "spin-off", "spinoff",
                       "brand", "imprint", "label", "part", "parent", "member", "owned", "wholly", "acquire",
                       "purchase", "buy", "sell", "merge", "operate", "own", "holding", "company", "group",
                       "branch", "chapter", "section", "department", "wing"}),
    # words that make a job a past one: "former CEO of", "was formerly at", "CEO until 2005"
    "past": frozenset({"former", "formerly", "previously", "ex", "ex-", "once", "onetime", "one-time",
                       "erstwhile", "until", "retired"}),
}


def _classes(word: str) -> list[str]:
    return [name for name, words in WORD_CLASSES.items() if word in words]


_PRONOUN_WORDS = {"he", "she", "his", "her", "him", "it", "its"}
_BETWEEN_CAP = 10


def predicates_for(subject_type: str, object_type: str) -> tuple[str, ...]:
    """The predicates of :data:`PAIR_PREDICATES` whose domain and range the two types fit.

    >>> predicates_for("Person", "Organization"), predicates_for("Place", "Person")
    (('worksAt',), ())
    """
    return tuple(p for p in PAIR_PREDICATES
                 if subject_type in RELATIONS[p].domain and object_type in RELATIONS[p].range)


# --------------------------------------------------------------------------- candidates


class PairCandidate(NamedTuple):
    """An ordered pair of mentions in one sentence that some predicate could link.

    ``predicates`` are those the two ends' types fit (their possible types,
    see :func:`possible_types`); ``rules`` holds the predicates the rule
    engine found between the two entities in this sentence;
    ``rules_reversed`` those it found the other way round.
    """

    subject: Mention
    object: Mention
    sent: Any  # spaCy Span
    predicates: tuple[str, ...] = ()  # those the two ends' (possible) types fit
    rules: frozenset[str] = frozenset()
    rules_reversed: frozenset[str] = frozenset()


def _rule_triples(ents: DocEntities, sent) -> set[tuple[int, str, int]]:
    """(subject cluster, predicate, object cluster) of the rules' unnegated candidates in *sent*."""
    from .relations import candidates

    found = set()
    for cand in candidates(ents, sent):
        if judge(cand.trigger) is not None:
            found.add((cand.subject.cluster, cand.predicate, cand.object.cluster))
    return found


def _sentence_mentions(ents: DocEntities, sent, *, pronouns: bool) -> list[Mention]:
    found = [m for m in ents.mentions if sent.start <= m.start < sent.end and m.cluster >= 0]
    if pronouns:
        for token in sent:
            if token.lower_ in _PRONOUN_WORDS and token.tag_ in ("PRP", "PRP$") and ents.at(token) is None:
                found.extend(m for m in ents.resolve(token) if m.kind == "pronoun")
    return sorted(found, key=lambda m: (m.start, m.end))


#: Types statistical NER confuses: a name it typed as the key may denote any of the values.
_CONFUSABLE = {
    "Person": ("Person", "Organization"),
    "Organization": ("Organization", "Person", "Place"),
    "Place": ("Place", "Organization"),
    "Product": ("Product", "Organization"),
}


def possible_types(ents: DocEntities, mention: Mention, *, lenient: bool = False) -> tuple[str, ...]:
    """The types a mention may have: its own, and where *lenient*, those NER confuses it with.

    Names the gazetteer knows, pronouns and descriptions keep their type;
    other names may be another type ("Royal Canadian Mint" tagged a person,
    "Armada" a place), and the classifier weighs that by the tagged types.
    """
    if not lenient or mention.kind != "name" or ents.clusters[mention.cluster].canonical:
        return (mention.type,)
    return _CONFUSABLE.get(mention.type, (mention.type,))


def pair_predicates(subject_types: Sequence[str], object_types: Sequence[str]) -> tuple[str, ...]:
    """Predicates of :data:`PAIR_PREDICATES` that some combination of the two ends' types fits.

    >>> pair_predicates(("Organization", "Person"), ("Place", "Organization"))
    ('worksAt', 'locatedIn', 'subsidiaryOf')
    """
    fits = {p for s in subject_types for o in object_types for p in predicates_for(s, o)}
    return tuple(p for p in PAIR_PREDICATES if p in fits)


def pair_candidates(ents: DocEntities, sent, *, pronouns: bool = False, lenient: bool = False,
                    rule_triples: set[tuple[int, str, int]] | None = None) -> Iterator[PairCandidate]:
    """Ordered mention pairs of *sent* whose (possible) types fit a predicate, in text order.

    Pairs within one entity, and pairs of two pronouns, are left out. Where
    *rule_triples* is not given the rules are run on the sentence (which may
    retype mentions, as they do in the rule extractor).
    """
    if rule_triples is None:
        rule_triples = _rule_triples(ents, sent)
    mentions = _sentence_mentions(ents, sent, pronouns=pronouns)
    types = {id(m): possible_types(ents, m, lenient=lenient) for m in mentions}
    for a in mentions:
        for b in mentions:
            if a.cluster == b.cluster or (a.kind == "pronoun" and b.kind == "pronoun"):
                continue
            predicates = pair_predicates(types[id(a)], types[id(b)])
            if not predicates:
                continue
            rules = frozenset(p for s, p, o in rule_triples if s == a.cluster and o == b.cluster)
            reverse = frozenset(p for s, p, o in rule_triples if s == b.cluster and o == a.cluster)
            yield PairCandidate(a, b, sent, predicates, rules, reverse)


# --------------------------------------------------------------------------- features


def _head(doc, m: Mention):
    return doc[m.start:m.end].root


def _word(token) -> str:
    lemma = token.lemma_.lower().strip() or token.lower_
    if token.like_num:
        return "<num>"
    return lemma


def _dep_path(a, b) -> tuple[list, Any, list] | None:
    """Tokens from *a* up to the lowest common ancestor, the ancestor, and from *b* up to it."""
    up_a = [a] + list(a.ancestors)
    up_b = [b] + list(b.ancestors)
    position = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in position:
            return up_a[:k], t, up_b[:position[t.i]]
    return None


def _path_words(hs, ho, up, top, down) -> list:
    """The tokens strictly inside the path from *hs* to *ho*, in path order."""
    inner = list(up[1:])
    if top.i not in (hs.i, ho.i):
        inner.append(top)
    inner.extend(reversed(down[1:]))
    return inner


def _trigger(doc, cand: PairCandidate):
    """The word that states the relation: the top of the path between the two heads."""
    hs, ho = _head(doc, cand.subject), _head(doc, cand.object)
    path = _dep_path(hs, ho)
    if path is None:
        return hs
    up, top, down = path
    inner = _path_words(hs, ho, up, top, down)
    return top if top.i not in (hs.i, ho.i) or not inner else inner[0 if top.i == hs.i else -1]


def _past(doc, cand: PairCandidate) -> bool:
    """Whether the words linking the two mentions mark the relation as past ("former CEO of").

    Only the path's words, the two heads and their modifiers count: in "led by
    Jane Roe, once a VMware executive" the "once" is about VMware, not
    about the one who leads.
    """
    hs, ho = _head(doc, cand.subject), _head(doc, cand.object)
    path = _dep_path(hs, ho)
    linking = [hs, ho] + (_path_words(hs, ho, *path) if path is not None else [])
    near = linking + [c for t in linking for c in t.children if c.dep_ in ("amod", "advmod", "npadvmod", "prep")]
    return any(t.lower_ in WORD_CLASSES["past"] for t in near)


def _bucket(n: int) -> str:
    for limit in (1, 2, 3, 4, 6, 9, 14):
        if n <= limit:
            return str(limit)
    return "15+"


def pair_features(ents: DocEntities, cand: PairCandidate) -> list[str]:
    """The sparse features of one candidate, as strings (sorted, without duplicates).

    Deterministic: they depend only on the parse, the mentions and the rules' output.
    """
    doc = ents.doc
    s, o = cand.subject, cand.object
    hs, ho = _head(doc, s), _head(doc, o)
    types = f"{s.type}>{o.type}"
    first, second = (s, o) if s.start <= o.start else (o, s)
    order = "SO" if first is s else "OS"
    feats = {f"T:{types}", f"ORD:{order}", f"TO:{types}:{order}", f"K:{s.kind}>{o.kind}"}

    path = _dep_path(hs, ho)
    if path is None:  # not in one tree: the parser split the sentence
        feats.add("P:none")
    else:
        up, top, down = path
        inner = _path_words(hs, ho, up, top, down)
        steps, deps = [], []
        for k, t in enumerate(up):
            if k:
                steps.append(_word(t))
            steps.append(f"<{t.dep_}")
            deps.append(f"<{t.dep_}")
        if top.i not in (hs.i, ho.i):
            steps.append(_word(top))
        for t in reversed(down):
            steps.append(f">{t.dep_}")
            deps.append(f">{t.dep_}")
            if t.i != ho.i:
                steps.append(_word(t))
        words = [_word(t) for t in inner]
        dep_only = " ".join(deps)
        top_word = "S" if top.i == hs.i else "O" if top.i == ho.i else _word(top)
        feats |= {f"P:{' '.join(steps)}", f"PD:{dep_only}", f"PL:{' '.join(words)}",
                  f"PT:{types}:{dep_only}", f"PN:{_bucket(len(deps))}", f"TOP:{top_word}",
                  f"TOPT:{types}:{top_word}"}
        feats |= {f"PW:{w}" for w in words} | {f"PWT:{types}:{w}" for w in words}
        feats |= {f"PE:{d}" for d in deps}
        classes = [c for w in words for c in _classes(w)]
        feats |= {f"PC:{c}" for c in classes} | {f"PCT:{types}:{c}" for c in classes}
        feats.add(f"PCS:{types}:{' '.join(c for w in words for c in (_classes(w) or ['-'])[:1])}")
        feats |= {f"TOPC:{types}:{c}" for c in _classes(top_word)}
        feats |= {f"PM:{_word(c)}" for t in inner for c in t.children
                  if c.dep_ in ("amod", "advmod", "compound", "neg", "aux", "auxpass") and c.i not in (hs.i, ho.i)}

    between = [t for t in doc[first.end:second.start]]
    between_words = []
    for t in between:
        m = ents.at(t)
        between_words.append(f"<{m.type}>" if m is not None else _word(t))
    # collapse a mention's words into one placeholder
    collapsed = [w for k, w in enumerate(between_words) if not (k and w.startswith("<") and
                                                                 w == between_words[k - 1] and w.endswith(">"))]
    feats.add(f"BN:{_bucket(len(between))}")
    if len(collapsed) <= 4:
        feats.add(f"BS:{order}:{' '.join(collapsed)}")
    if len(collapsed) <= _BETWEEN_CAP:
        for w in collapsed:
            feats.add(f"BW:{order}:{w}")
    else:
        feats.add("BW:long")
        for w in collapsed[:3] + collapsed[-3:]:
            feats.add(f"BWE:{order}:{w}")
    feats |= {f"BC:{types}:{c}" for w in collapsed[:_BETWEEN_CAP] for c in _classes(w)}
    others = {ents.at(t).cluster for t in between if ents.at(t) is not None}
    feats.add(f"BM:{min(len(others), 3)}")
    for k in (1, 2):
        i = first.start - k
        feats.add(f"L{k}:{_word(doc[i]) if i >= cand.sent.start else '<s>'}")
        j = second.end + k - 1
        feats.add(f"R{k}:{_word(doc[j]) if j < cand.sent.end else '</s>'}")
    feats.add(f"SH:{s.type}:{_word(hs)}")
    feats.add(f"OH:{o.type}:{_word(ho)}")
    for end, m in (("S", s), ("O", o)):
        if m.kind == "name" and ents.clusters[m.cluster].canonical:
            feats.add(f"GAZ:{end}")
    for p in cand.rules:
        feats.add(f"RULE:{p}")
    for p in cand.rules_reversed:
        feats.add(f"RULEREV:{p}")
    if not cand.rules and not cand.rules_reversed:
        feats.add("RULE:none")
    return sorted(feats)


def feature_index(feature: str, *, bits: int = _DEFAULT_BITS) -> int:
    """The stable hashed column of a feature string (``zlib.crc32``, not the salted ``hash``).

    >>> feature_index("PW:chief", bits=10), feature_index("PW:chief", bits=10)
    (524, 524)
    """
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


def vectorize(rows: Sequence[Sequence[str]], *, bits: int = _DEFAULT_BITS):
    """A binary ``scipy.sparse.csr_matrix`` of the hashed features, one row per candidate.

    >>> X = vectorize([["T:Person>Organization", "PW:join"], []], bits=8)
    >>> X.shape, X.sum(axis=1).tolist()
    ((2, 256), [[2.0], [0.0]])
    """
    import numpy as np
    from scipy import sparse

    indptr, indices = [0], []
    for feats in rows:
        cols = sorted({feature_index(f, bits=bits) for f in feats})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                             shape=(len(rows), 1 << bits))


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True, eq=False)
class PairModel:
    """Weights of the pair classifier: one column per class of :data:`CLASSES`.

    ``rows`` are the hashed feature columns that have weights; ``weights``
    their values (``len(rows) × len(classes)``); ``thresholds`` the minimum
    probability at which the ``learned`` and ``hybrid`` extractors emit a fact;
    ``meta`` how the model was trained.
    """

    classes: tuple[str, ...]
    bits: int
    rows: Any  # numpy uint32 array
    weights: Any  # numpy float32 array
    bias: Any  # numpy float32 array
    thresholds: Mapping[str, float]
    feature_version: int = FEATURE_VERSION
    meta: Mapping[str, Any] = None  # type: ignore[assignment]

    @property
    def options(self) -> Mapping[str, Any]:
        """How candidates were found in training (``pronouns``, ``lenient``); extraction does the same."""
        return dict((self.meta or {}).get("options", {}))

    @property
    def digest(self) -> str:
        """A short hash of the weights, to tell models apart in a fact's provenance."""
        import hashlib

        h = hashlib.sha256()
        for array in (self.rows, self.weights, self.bias):
            h.update(array.tobytes())
        return h.hexdigest()[:8]

    @property
    def dense(self):
        """The full ``2**bits × classes`` weight matrix (computed once)."""
        cached = self.__dict__.get("_dense")
        if cached is None:
            import numpy as np

            cached = np.zeros((1 << self.bits, len(self.classes)), dtype=np.float32)
            cached[self.rows.astype(np.int64)] = self.weights
            object.__setattr__(self, "_dense", cached)
        return cached

    def probabilities(self, rows: Sequence[Sequence[str]], *, support=None):
        """Class probabilities (``len(rows) × classes``) for candidates' feature lists.

        *support* (a boolean array like :func:`support_mask`'s) gives the
        classes that compete for each row; the others get probability 0.
        """
        import numpy as np

        if not rows:
            return np.zeros((0, len(self.classes)))
        Z = np.asarray(vectorize(rows, bits=self.bits) @ self.dense, dtype=np.float64) + self.bias
        if support is not None:
            Z[~np.asarray(support, dtype=bool)] = -np.inf
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)


def support_mask(candidates: Sequence[PairCandidate]):
    """Which classes may compete for each candidate: ``NONE`` and the predicates its types may fit."""
    import numpy as np

    mask = np.zeros((len(candidates), len(CLASSES)), dtype=bool)
    mask[:, 0] = True
    for k, cand in enumerate(candidates):
        for p in cand.predicates:
            mask[k, CLASSES.index(p)] = True
    return mask


def _fit_matrix(X, allowed, support, *, l2: float, max_iter: int):
    """Weights and biases minimising the partial-label loss of :func:`fit` on a feature matrix."""
    import numpy as np
    from scipy.optimize import minimize

    n_feat, n_cls = X.shape[1], allowed.shape[1]
    XT = X.T.tocsr() if hasattr(X, "tocsr") else X.T
    outside = ~support

    def objective(theta):
        W = theta[: n_feat * n_cls].reshape(n_feat, n_cls)
        Z = np.asarray(X @ W) + theta[n_feat * n_cls:]
        Z[outside] = -np.inf
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        total = E.sum(axis=1)
        E_allowed = np.where(allowed, E, 0.0)
        total_allowed = E_allowed.sum(axis=1)
        loss = float(np.sum(np.log(total) - np.log(total_allowed))) + 0.5 * l2 * float(np.sum(W * W))
        G = E / total[:, None] - E_allowed / total_allowed[:, None]
        return loss, np.concatenate([(np.asarray(XT @ G) + l2 * W).ravel(), G.sum(axis=0)])

    result = minimize(objective, np.zeros(n_feat * n_cls + n_cls), jac=True, method="L-BFGS-B",
                      options={"maxiter": max_iter, "maxcor": 10})
    return result.x[: n_feat * n_cls].reshape(n_feat, n_cls), result.x[n_feat * n_cls:], result


def fit(rows: Sequence[Sequence[str]], allowed, *, support=None, l2: float = 1.0, bits: int = _DEFAULT_BITS,
        max_iter: int = 500, thresholds: Mapping[str, float] | None = None,
        meta: Mapping[str, Any] | None = None) -> PairModel:
    """Train the classifier on feature lists and the classes each may take, by L-BFGS.

    *allowed* is a boolean ``len(rows) × len(CLASSES)`` array: the classes an
    example may take. A labelled pair allows one class; where the annotators
    did not look for a predicate, ``NONE`` and that predicate are both
    allowed. The loss is the negative log of the total probability of the
    allowed classes (a partial-label likelihood) plus ``l2 / 2`` times the
    squared weights; *support* (same shape, default all) limits the classes
    that compete for an example, as :func:`support_mask` does by the mention
    types. Deterministic: zero start, no sampling.

    >>> import numpy as np
    >>> rows = [["T:Organization>Person", "P:<nsubj"]] * 3 + [["T:Organization>Person", "P:<dobj"]] * 3
    >>> allowed = np.zeros((6, len(CLASSES)), dtype=bool)
    >>> allowed[:3, CLASSES.index("ledBy")] = True
    >>> allowed[3:, CLASSES.index("NONE")] = True
    >>> m = fit(rows, allowed, l2=0.1, bits=12)
    >>> p = m.probabilities([["T:Organization>Person", "P:<nsubj"]])
    >>> CLASSES[int(p.argmax())]
    'ledBy'
    """
    import numpy as np
    from scipy import sparse

    n_cls = len(CLASSES)
    support = np.ones((len(rows), n_cls), dtype=bool) if support is None else np.asarray(support, dtype=bool)
    allowed = np.asarray(allowed, dtype=bool) & support
    if allowed.shape != (len(rows), n_cls) or not allowed.any(axis=1).all():
        raise ValueError(f"allowed must be a {len(rows)} × {n_cls} boolean array with a supported class in every row")
    X = vectorize(rows, bits=bits)
    used = np.unique(X.indices)
    lookup = np.full(1 << bits, -1, dtype=np.int64)
    lookup[used] = np.arange(len(used))
    Xc = sparse.csr_matrix((X.data, lookup[X.indices], X.indptr), shape=(X.shape[0], len(used)))
    W, b, result = _fit_matrix(Xc, allowed, support, l2=l2, max_iter=max_iter)
    info = dict(meta or {}, examples=len(rows), features=len(used), l2=l2, iterations=int(result.nit),
                converged=bool(result.success))
    return PairModel(CLASSES, bits, used.astype(np.uint32), W.astype(np.float32), b.astype(np.float32),
                     dict(thresholds or {"learned": 0.5, "hybrid": 0.5}), FEATURE_VERSION, info)


# --------------------------------------------------------------------------- persistence


def save_model(model: PairModel, path: str | Path) -> Path:
    """Write *model* as an ``.npz`` with no timestamps, so a retraining gives identical bytes."""
    import numpy as np

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"classes": list(model.classes), "bits": model.bits, "thresholds": dict(model.thresholds),
            "feature_version": model.feature_version, "meta": dict(model.meta or {})}
    arrays = {"rows": model.rows, "weights": model.weights, "bias": model.bias,
              "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            data = io.BytesIO()
            np.lib.format.write_array(data, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data.getvalue())
    path.write_bytes(buffer.getvalue())
    return path


def load_model(path: str | Path | None = None) -> PairModel:
    """Read the pair model at *path* (default: the shipped :data:`DEFAULT_MODEL`); cached per path.

    Raises :class:`~graph.exceptions.ExtractionError` when the file is
    missing, unreadable, or was written for other features.
    """
    return _load_model(Path(path or DEFAULT_MODEL).resolve())


@lru_cache(maxsize=4)
def _load_model(path: Path) -> PairModel:
    import numpy as np

    if not path.is_file():
        raise ExtractionError(f"no learned pair model at {str(path)!r}; train it with `{TRAIN_COMMAND}` "
                              f"(it writes {DEFAULT_MODEL.name} into graph/models/)")
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            rows, weights, bias = data["rows"], data["weights"], data["bias"]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as err:
        raise ExtractionError(f"cannot read the learned pair model {str(path)!r} ({err}); "
                              f"retrain it with `{TRAIN_COMMAND}`") from None
    if meta.get("feature_version") != FEATURE_VERSION or tuple(meta.get("classes", ())) != CLASSES:
        raise ExtractionError(
            f"the learned pair model {str(path)!r} was trained for feature version "
            f"{meta.get('feature_version')!r} and classes {meta.get('classes')!r}, but this code uses version "
            f"{FEATURE_VERSION} and {list(CLASSES)}; retrain it with `{TRAIN_COMMAND}`")
    return PairModel(tuple(meta["classes"]), int(meta["bits"]), rows, weights, bias,
                     dict(meta["thresholds"]), int(meta["feature_version"]), meta.get("meta", {}))


# --------------------------------------------------------------------------- extraction


def doc_candidates(doc, *, gazetteer=None, pronouns: bool = False,
                   lenient: bool = False) -> tuple[DocEntities, list[PairCandidate], list[list[str]]]:
    """The entities, pair candidates and their features of one parsed article."""
    from .mentions import find_entities

    ents = find_entities(doc, gazetteer)
    cands, rows = [], []
    for sent in doc.sents:
        for cand in pair_candidates(ents, sent, pronouns=pronouns, lenient=lenient):
            cands.append(cand)
            rows.append(pair_features(ents, cand))
    return ents, cands, rows


def candidate_facts(ents: DocEntities, cands: Sequence[PairCandidate], probs, *, threshold: float,
                    extractor: str = "learned", version: str = __version__) -> list[Fact]:
    """Facts of the candidates whose predicate's probability reaches *threshold*, merged.

    The certainty is :func:`graph.certainty.judge`'s on the word atop the
    dependency path (a negated one gives no fact); ``worksAt`` becomes
    ``formerlyAt`` where that path or the words between mark the job as past.
    """
    doc = ents.doc
    facts = []
    for cand, p in zip(cands, probs):
        for k, predicate in enumerate(CLASSES):
            if predicate == "NONE" or p[k] < threshold:
                continue
            if predicate not in cand.predicates:
                continue
            relation = RELATIONS[predicate]
            subject, obj = ents.entity(cand.subject), ents.entity(cand.object)
            if subject.name == obj.name:
                continue
            # a name NER mistyped takes the type its slot needs ("Royal Canadian Mint" led by someone)
            if subject.type not in relation.domain:
                subject = subject._replace(type=relation.domain[0])
            if obj.type not in relation.range:
                obj = obj._replace(type=relation.range[0])
            certainty = judge(_trigger(doc, cand))
            if certainty is None:
                continue
            if predicate == "worksAt" and _past(doc, cand):
                predicate = "formerlyAt"
            sent = cand.sent
            facts.append(Fact(subject, predicate, obj, certainty=certainty,
                              confidence=round(float(min(0.99, max(0.01, p[k]))), 4),
                              evidence=verbatim(sent).strip(), start=sent.start_char, end=sent.end_char,
                              extractor=extractor, extractor_version=version))
    return merge_facts(facts)


def doc_facts(doc, model: PairModel, *, gazetteer=None, threshold: float,
              extractor: str = "learned", version: str = __version__) -> list[Fact]:
    """The classifier's facts in one parsed article, merged, at or above *threshold*.

    Candidates are found with the options the model was trained with.
    """
    options = model.options
    ents, cands, rows = doc_candidates(doc, gazetteer=gazetteer, pronouns=options.get("pronouns", False),
                                       lenient=options.get("lenient", False))
    probs = model.probabilities(rows, support=support_mask(cands))
    return candidate_facts(ents, cands, probs, threshold=threshold, extractor=extractor, version=version)


#: Predicates of one person–organization pair that contradict each other.
_EXCLUSIVE = {"worksAt": "formerlyAt", "formerlyAt": "worksAt"}


def combine(rule_facts: Iterable[Fact], learned_facts: Iterable[Fact], *, threshold: float) -> list[Fact]:
    """The rules' facts plus the learned ones at or above *threshold*, merged.

    A learned ``worksAt`` is dropped where the rules say ``formerlyAt`` for
    the same two entities, and the other way round: the rules read tense.

    >>> ann, acme = Entity("Ann Lee", "Person"), Entity("Acme", "Organization")
    >>> rules = [Fact(ann, "formerlyAt", acme, confidence=0.8)]
    >>> learned = [Fact(ann, "worksAt", acme, confidence=0.9), Fact(acme, "ledBy", ann, confidence=0.4)]
    >>> [f.predicate for f in combine(rules, learned, threshold=0.3)]
    ['formerlyAt', 'ledBy']
    """
    rule_facts = list(rule_facts)
    said = {(f.subject.name, f.predicate, f.object.name) for f in rule_facts}
    extra = [f for f in learned_facts if f.confidence >= threshold and
             (f.subject.name, _EXCLUSIVE.get(f.predicate), f.object.name) not in said]
    return merge_facts(rule_facts + extra)


class LearnedExtractor:
    """The pair classifier alone: facts of :data:`PAIR_PREDICATES` (and ``formerlyAt``)."""

    name = "learned"

    def __init__(self, *, model_path: str | Path | None = None, threshold: float | None = None,
                 min_confidence: float = 0.0) -> None:
        from .gazetteer import load_gazetteer
        from .nlp import load_nlp

        self.model = load_model(model_path)
        self.threshold = self.model.thresholds.get(self.name, 0.5) if threshold is None else threshold
        self.version = f"{__version__}+{self.model.digest}"
        self.nlp = load_nlp()
        self.gazetteer = load_gazetteer()
        self.min_confidence = min_confidence

    def extract(self, article: Article) -> list[Fact]:
        return self._facts(article, self.nlp(article.text))

    def extract_many(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[tuple[Article, list[Fact]]]:
        articles = list(articles)
        for article, doc in zip(articles, self.nlp.pipe((a.text for a in articles), batch_size=batch_size)):
            yield article, self._facts(article, doc)

    def facts_from_doc(self, article: Article, doc) -> list[Fact]:
        """The facts of an article already parsed by this extractor's pipeline."""
        return self._facts(article, doc)

    def _facts(self, article: Article, doc) -> list[Fact]:
        facts = doc_facts(doc, self.model, gazetteer=self.gazetteer, threshold=self.threshold,
                          extractor=self.name, version=self.version)
        return [f for f in facts if f.confidence >= self.min_confidence]


class HybridExtractor(LearnedExtractor):
    """The rules, plus the pair classifier's facts above the hybrid threshold."""

    name = "hybrid"

    def __init__(self, *, model_path: str | Path | None = None, threshold: float | None = None,
                 min_confidence: float = 0.0) -> None:
        from .extract import get_extractor

        super().__init__(model_path=model_path, threshold=threshold, min_confidence=min_confidence)
        self.rules = get_extractor("rules")

    def _facts(self, article: Article, doc) -> list[Fact]:
        rule_facts = _rule_facts(self.rules, article, doc)
        learned = doc_facts(doc, self.model, gazetteer=self.gazetteer, threshold=self.threshold,
                            extractor=self.name, version=self.version)
        facts = combine(rule_facts, learned, threshold=self.threshold)
        return [f for f in facts if f.confidence >= self.min_confidence]


def _rule_facts(rules, article: Article, doc) -> list[Fact]:
    """The rule extractor's facts from the parse at hand (no second parse)."""
    return rules.facts_from_doc(article, doc)


register_extractor("learned", LearnedExtractor)
register_extractor("hybrid", HybridExtractor)
