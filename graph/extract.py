"""Text to facts: the extractor interface, the rule-based extractor, and a registry.

An extractor turns :class:`~graph.records.Article` records into
:class:`~graph.records.Fact` records. The default, ``rules``, runs spaCy
(model loaded once per process), the gazetteer's entity ruler, the relation
rules of :mod:`graph.relations` and the certainty judgement of
:mod:`graph.certainty`. Another extractor (a learned model whose weights are
installed locally) plugs in with :func:`register_extractor`.

>>> ex = get_extractor("rules")                          # doctest: +SKIP
>>> [f.as_dict()["predicate"] for f in ex.extract(Article("Apple acquired Beats."))]  # doctest: +SKIP
['acquired']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from . import __version__
from .certainty import judge
from .exceptions import ExtractionError
from .nlp import verbatim
from .records import Article, Entity, Fact
from .vocabulary import RELATIONS

__all__ = [
    "Extractor",
    "RuleExtractor",
    "register_extractor",
    "get_extractor",
    "extractor_names",
    "merge_facts",
]


class Extractor(Protocol):
    """What every extractor provides."""

    name: str
    version: str

    def extract(self, article: Article) -> list[Fact]:
        """The facts one article states."""

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Fact]]]:
        """Facts of many articles, batched; yields in input order."""


_REGISTRY: dict[str, Callable[[], Extractor]] = {}


def register_extractor(name: str, factory: Callable[[], Extractor]) -> None:
    """Make an extractor available by *name* (``extract --extractor NAME``)."""
    _REGISTRY[name] = factory


def extractor_names() -> list[str]:
    """Names of the registered extractors."""
    return sorted(_REGISTRY)


_INSTANCES: dict[str, Extractor] = {}


def get_extractor(name: str = "rules") -> Extractor:
    """The extractor registered as *name*, created once per process."""
    if name not in _REGISTRY:
        raise ExtractionError(f"unknown extractor {name!r}; choose one of {extractor_names()}")
    if name not in _INSTANCES:
        _INSTANCES[name] = _REGISTRY[name]()
    return _INSTANCES[name]


def merge_facts(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per (subject, predicate, object): the best-supported statement.

    Symmetric relations are merged in either direction. Where one mention is
    confirmed the merged fact is confirmed; confidence rises with each extra
    sentence that states it (noisy-or), and the evidence is the most
    confident sentence's.
    """
    merged: dict[tuple, Fact] = {}
    order: list[tuple] = []
    for f in facts:
        s, o = f.subject.name, f.object.name
        key = (f.predicate,) + ((min(s, o), max(s, o)) if RELATIONS[f.predicate].symmetric else (s, o))
        old = merged.get(key)
        if old is None:
            merged[key] = f
            order.append(key)
            continue
        best = f if f.confidence > old.confidence else old
        certainty = "confirmed" if "confirmed" in (f.certainty, old.certainty) else "reported"
        if certainty == "confirmed" and best.certainty != "confirmed":
            best = f if f.certainty == "confirmed" else old
        high, low = max(old.confidence, f.confidence), min(old.confidence, f.confidence)
        confidence = high + (1 - high) * low * 0.5  # a second sentence adds half a noisy-or
        merged[key] = best._replace(certainty=certainty, confidence=round(min(0.99, confidence), 4))
    return [merged[k] for k in order]


_WEAK_PARTNERSHIP_NOUNS = {"deal", "agreement", "pact"}


class RuleExtractor:
    """Dependency-parse rules over spaCy, with a gazetteer of tech organizations and products."""

    name = "rules"
    version = __version__

    def __init__(self, *, model: str | None = None, min_confidence: float = 0.0) -> None:
        from .gazetteer import load_gazetteer
        from .nlp import load_nlp

        self.nlp = load_nlp(model)
        self.gazetteer = load_gazetteer()
        self.min_confidence = min_confidence

    def extract(self, article: Article) -> list[Fact]:
        return self.facts_from_doc(article, self.nlp(article.text))

    def extract_many(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[tuple[Article, list[Fact]]]:
        """Facts of many articles through ``nlp.pipe``, streamed: at most a batch is held."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield article, self.facts_from_doc(article, doc)

    def facts_from_doc(self, article: Article, doc) -> list[Fact]:
        """The facts of an article already parsed by :attr:`nlp` (no second parse)."""
        from .mentions import find_entities
        from .relations import candidates
        from .relations.people import later_move

        ents = find_entities(doc, self.gazetteer)
        facts = []
        weak_partnerships = set()  # facts from "deal"/"agreement": may be an acquisition's
        for sent in doc.sents:
            later = later_move(sent)
            for cand in candidates(ents, sent):
                if cand.predicate == "worksAt" and later and cand.trigger.i not in later \
                        and cand.object.start not in later:
                    # "Prior to joining X, A held a senior position at Y": Y was before X
                    cand = cand._replace(predicate="formerlyAt")
                certainty = judge(cand.trigger)
                if certainty is None:
                    continue
                if article.title and article.title.strip().lower().endswith(": report") and \
                        sent.start == 0:
                    certainty = "reported"
                fact = self._fact(ents, cand, sent, certainty)
                if fact is not None:
                    facts.append(fact)
                    if cand.trigger.lemma_.lower() in _WEAK_PARTNERSHIP_NOUNS:
                        weak_partnerships.add(fact)
        facts.extend(self._name_products(ents, doc))
        # "the agreement between Oracle and Sun" in an article where Oracle acquires Sun is the
        # acquisition agreement, not an alliance
        acquisitions = {frozenset((f.subject.name, f.object.name)) for f in facts if f.predicate == "acquired"}
        facts = [f for f in facts if not (f in weak_partnerships and
                                          frozenset((f.subject.name, f.object.name)) in acquisitions)]
        facts = merge_facts(facts)
        # "served as Secretary-General of the UN … Annan quit": an article that says a person
        # left an employer makes their role there a past one
        former = {(f.subject.name, f.object.name) for f in facts if f.predicate == "formerlyAt"}
        facts = [f for f in facts if not (f.predicate == "worksAt" and (f.subject.name, f.object.name) in former)]
        return [f for f in facts if f.confidence >= self.min_confidence]

    def _fact(self, ents, cand, sent, certainty) -> Fact | None:
        subj, obj = ents.entity(cand.subject), ents.entity(cand.object)
        relation = RELATIONS[cand.predicate]
        if relation.symmetric:
            subj, obj = self._maker(ents, subj), self._maker(ents, obj)
        if subj.type not in relation.domain or obj.type not in relation.range:
            return None
        if subj.name == obj.name:
            return None
        if cand.predicate == "productOf" and cand.object.kind != "name" \
                and self._known_maker(subj) not in (None, obj.key or obj.name):
            return None  # "its Microsoft Azure partnership": "its" is not who the gazetteer says makes Azure
        confidence = cand.confidence
        for m in (cand.subject, cand.object):
            if m.kind == "description":
                confidence -= 0.1
            elif m.kind == "pronoun":
                confidence -= 0.1
        return Fact(subj, cand.predicate, obj, certainty=certainty,
                    confidence=round(max(0.05, min(0.99, confidence)), 4),
                    evidence=verbatim(sent).strip(), start=sent.start_char, end=sent.end_char,
                    extractor=self.name, extractor_version=self.version)

    def _known_maker(self, product: Entity) -> str | None:
        """The gazetteer's name of the maker of *product*, if it knows one."""
        entry = self.gazetteer.lookup(product.key or product.name)
        maker = getattr(entry, "maker", None) if entry is not None else None
        if not maker:
            return None
        known = self.gazetteer.lookup(maker)
        return known.name if known is not None else maker

    def _maker(self, ents, entity: Entity) -> Entity:
        """A product standing for its maker in an alliance ("Microsoft Windows and Intel")."""
        if entity.type != "Product":
            return entity
        maker = self._known_maker(entity)
        if maker:
            mentry = self.gazetteer.lookup(maker)
            return Entity(maker, "Organization", (), getattr(mentry, "wikidata", None), maker)
        return entity

    def _name_products(self, ents, doc) -> list[Fact]:
        """Products named after their maker, where the maker is in the text: "Google Pixel", "Dell DJ"."""
        out = []
        orgs = {}
        for c in ents.clusters:
            if c.type == "Organization" and c.names:
                e = c.entity()
                for n in (e.name,) + e.aliases:
                    orgs[n] = e
        for m in ents.mentions:
            if m.type != "Product" or m.kind != "name":
                continue
            words = m.text.split()
            for k in range(len(words) - 1, 0, -1):
                maker = orgs.get(" ".join(words[:k]))
                if maker is not None:
                    sent = doc[m.start].sent
                    out.append(Fact(ents.entity(m), "productOf", maker, certainty="confirmed",
                                    confidence=0.7, evidence=verbatim(sent).strip(), start=sent.start_char,
                                    end=sent.end_char, extractor=self.name, extractor_version=self.version))
                    break
        return out


register_extractor("rules", RuleExtractor)


def _load_optional() -> None:
    """Register the ``learned`` and ``hybrid`` extractors where their model is installed.

    :mod:`graph.learned` registers them on import, which is cheap (numpy and
    scipy load with the first model); without ``graph/models/pairs.npz`` they
    stay unregistered and nothing is imported.
    """
    from pathlib import Path

    if (Path(__file__).parent / "models" / "pairs.npz").is_file():
        from . import learned  # noqa: F401


_load_optional()
