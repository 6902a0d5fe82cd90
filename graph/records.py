"""Typed records that flow from text to RDF: :class:`Article`, :class:`Entity`, :class:`Fact`.

Extractors yield these plain records; only :mod:`graph.rdf` turns them into
RDF terms.

>>> ms = Entity("Microsoft", "Organization")
>>> vm = Entity("VMware", "Organization")
>>> f = Fact(ms, "partnersWith", vm, certainty="reported", confidence=0.8,
...          evidence="Microsoft and VMware are preparing a partnership", start=0, end=48)
>>> f.as_dict()["subject"], f.as_dict()["certainty"]
('Microsoft', 'reported')
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import NamedTuple

from .exceptions import InputError
from .vocabulary import CERTAINTIES, ENTITY_TYPES, RELATIONS

__all__ = ["Article", "Entity", "Fact"]


@dataclass(frozen=True)
class Article:
    """One article's text and what is known about where it came from.

    Its :attr:`id` is stable: derived from the URL when known, else from the
    text, so ingesting the same article twice replaces it instead of adding it.

    >>> Article("Apple and IBM team up.").id == Article("Apple and IBM team up.").id
    True
    """

    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None
    path: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            where = f" in {self.path}" if self.path else ""
            raise InputError(f"empty article{where}: there is no text to extract from")

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text, hex."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        """A short stable identifier: from the URL when known, else from the text."""
        key = ("url:" + self.url) if self.url else ("sha256:" + self.content_hash)
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class Entity(NamedTuple):
    """A named thing: its fullest name in the text, its type (an ontology class name), aliases.

    ``key`` is the name that identifies it across articles when one is known (the
    gazetteer's): "IBM" in one article and "International Business Machines" in
    another are one entity.
    """

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    key: str | None = None

    def check(self) -> "Entity":
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"entity type {self.type!r} is not one of {ENTITY_TYPES}")
        return self


class Fact(NamedTuple):
    """A relation between two entities, with its evidence in one article.

    ``start``/``end`` are character offsets of ``evidence`` in the article text.
    """

    subject: Entity
    predicate: str
    object: Entity
    certainty: str = "confirmed"
    confidence: float = 0.5
    evidence: str = ""
    start: int = 0
    end: int = 0
    extractor: str = "rules"
    extractor_version: str = "0"

    def check(self) -> "Fact":
        """Return self, or raise ``ValueError`` naming the bad field."""
        if self.predicate not in RELATIONS:
            raise ValueError(f"predicate {self.predicate!r} is not one of {list(RELATIONS)}")
        if self.certainty not in CERTAINTIES:
            raise ValueError(f"certainty {self.certainty!r} is not one of {CERTAINTIES}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence!r} is not within [0, 1]")
        self.subject.check()
        self.object.check()
        relation = RELATIONS[self.predicate]
        if self.subject.type not in relation.domain or self.object.type not in relation.range:
            raise ValueError(
                f"{self.predicate} links {'/'.join(relation.domain)} to {'/'.join(relation.range)}, "
                f"not {self.subject.type} {self.subject.name!r} to {self.object.type} {self.object.name!r}"
            )
        return self

    def as_dict(self) -> dict:
        """The stable JSON form printed by ``extract --json``."""
        return {
            "subject": self.subject.name,
            "subject_type": self.subject.type,
            "predicate": self.predicate,
            "object": self.object.name,
            "object_type": self.object.type,
            "certainty": self.certainty,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "extractor": f"{self.extractor}/{self.extractor_version}",
        }
