"""Gazetteer: well-known technology organizations and products, for the entity ruler.

Statistical NER stumbles on tech-news names: a headline's "VMware Close To
Revealing…" becomes a PERSON, "Azure" a place, "Google Cloud Platform" two
entities. The gazetteer (``data/gazetteer.jsonl``, built by
``scripts/build_gazetteer.py`` from a curated list, the S&P 500 and Nasdaq
listings) names them with their aliases, and :func:`ruler_patterns` turns it
into spaCy ``EntityRuler`` patterns. It is a list of names, never a source of
facts.

>>> gaz = load_gazetteer()
>>> gaz.canonical("AWS"), gaz.canonical("Big Blue")
('Amazon Web Services', 'International Business Machines')
>>> gaz.maker_of("Azure").name
'Microsoft'
>>> gaz.metonym("Redmond").name
'Microsoft'

Case and ambiguity
------------------
Every entry is ``case_sensitive``: patterns match the exact spelling
(``ORTH``), so "apple pie" is not Apple. Some names are risky even
capitalized, being also common words or first names ("Meta", "Block",
"Windows", "Claude"); the entry lists them in ``ambiguous_aliases``.
:func:`ruler_patterns` treats them according to ``ambiguous=``:

* ``"guard"`` (default): an ambiguous name of a curated (technology) entry
  matches only where it does not begin a sentence (``IS_SENT_START: False``;
  place the ruler after the parser or a sentencizer for this to bite), and is
  skipped if shorter than three characters ("X"); ambiguous names of entries
  known only from the S&P 500 or Nasdaq lists ("Target", "Southern") are
  skipped, their full names ("Target Corporation") still match.
* ``"skip"``: no pattern for any ambiguous name.
* ``"keep"``: ambiguous names match like any other.

:meth:`Gazetteer.lookup` compares normalized names
(:func:`graph.identity.normalize_name`), so it ignores case and suffixes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .exceptions import ExtractionError, InputError
from .identity import normalize_name

__all__ = [
    "DATA_DIR",
    "DEFAULT_GAZETTEER",
    "ENTITY_TYPES",
    "AMBIGUOUS_MODES",
    "GazetteerEntry",
    "Gazetteer",
    "load_gazetteer",
    "ruler_patterns",
]

#: Where the project's data files live: the source tree's ``data/``, or a copy
#: shipped inside an installed package.
DATA_DIR = next(
    (p for p in (Path(__file__).resolve().parent.parent / "data",
                 Path(__file__).resolve().parent / "data") if p.is_dir()),
    Path(__file__).resolve().parent.parent / "data",
)
DEFAULT_GAZETTEER = DATA_DIR / "gazetteer.jsonl"

#: Entry type -> spaCy entity label.
ENTITY_TYPES = {"Organization": "ORG", "Product": "PRODUCT"}

AMBIGUOUS_MODES = ("guard", "skip", "keep")

# Where a name sits in running text; a name whose tokens differ between these
# contexts ("Yahoo!" vs "Yahoo!'s") gets one pattern per tokenization.
_CONTEXTS = ("{}", "{}'s", "{}’s", "{}.", "{},", "({})", '"{}"', "{}-based", "the {} deal")
_PLAIN_NAME = re.compile(r"[\w ]+")


@dataclass(frozen=True)
class GazetteerEntry:
    """One organization or product, with the names it goes by.

    >>> e = GazetteerEntry("Block", "Organization", aliases=("Square",),
    ...                    ambiguous_aliases=("Block", "Square"))
    >>> e.names, e.label, e.is_ambiguous("Square")
    (('Block', 'Square'), 'ORG', True)
    """

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    maker: str | None = None
    category: str | None = None
    sector: str | None = None
    industry: str | None = None
    headquarters: str | None = None
    metonyms: tuple[str, ...] = ()
    wikidata: str | None = None
    tickers: tuple[str, ...] = ()
    case_sensitive: bool = True
    ambiguous_aliases: tuple[str, ...] = ()
    source: str = "curated"
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise InputError(f"gazetteer entry {self.name!r}: type {self.type!r} is not one of {tuple(ENTITY_TYPES)}")

    @property
    def names(self) -> tuple[str, ...]:
        """The name, then the aliases."""
        return (self.name, *self.aliases)

    @property
    def label(self) -> str:
        """The spaCy entity label: ``ORG`` or ``PRODUCT``."""
        return ENTITY_TYPES[self.type]

    def is_ambiguous(self, name: str) -> bool:
        """Whether *name* (as spelled) is one of this entry's risky names."""
        return name in self.ambiguous_aliases

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GazetteerEntry:
        """An entry from one parsed line of ``gazetteer.jsonl``."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown or "name" not in data or "type" not in data:
            raise InputError(f"gazetteer entry {data.get('name')!r}: unknown fields {sorted(unknown)} "
                             f"or missing name/type; allowed fields: {sorted(known)}")
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


@dataclass(frozen=True)
class Gazetteer:
    """All entries, with lookups by normalized name, alias and metonym.

    A normalized name that is one entry's name finds that entry; otherwise an
    alias finds its entry if exactly one entry has it.

    >>> gaz = Gazetteer((GazetteerEntry("Microsoft", "Organization", metonyms=("Redmond",)),
    ...                  GazetteerEntry("Microsoft Azure", "Product", aliases=("Azure",),
    ...                                 maker="Microsoft")))
    >>> gaz.lookup("the Microsoft Corporation").name
    'Microsoft'
    >>> gaz.canonical("azure"), gaz.canonical("Windows")
    ('Microsoft Azure', None)
    >>> gaz.maker_of("Azure").name, gaz.metonym("Redmond").name
    ('Microsoft', 'Microsoft')
    """

    entries: tuple[GazetteerEntry, ...]
    _by_name: dict[str, GazetteerEntry] = field(init=False, repr=False, compare=False)
    _by_alias: dict[str, tuple[GazetteerEntry, ...]] = field(init=False, repr=False, compare=False)
    _by_metonym: dict[str, GazetteerEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name: dict[str, GazetteerEntry] = {}
        by_alias: dict[str, list[GazetteerEntry]] = {}
        by_metonym: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            by_name.setdefault(normalize_name(entry.name), entry)
            for alias in entry.aliases:
                holders = by_alias.setdefault(normalize_name(alias), [])
                if entry not in holders:
                    holders.append(entry)
            for place in entry.metonyms:
                by_metonym.setdefault(normalize_name(place), entry)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_by_alias", {k: tuple(v) for k, v in by_alias.items()})
        object.__setattr__(self, "_by_metonym", by_metonym)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries)

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry *name* denotes, by normalized name or unambiguous alias.

        >>> load_gazetteer().lookup("Hewlett Packard Enterprise Co.").name
        'Hewlett Packard Enterprise'
        >>> load_gazetteer().lookup("HPE").type
        'Organization'
        """
        key = normalize_name(name)
        if key in self._by_name:
            return self._by_name[key]
        holders = self._by_alias.get(key, ())
        return holders[0] if len(holders) == 1 else None

    def canonical(self, name: str) -> str | None:
        """The canonical (entry) name for *name*, or None if unknown.

        >>> load_gazetteer().canonical("GCP")
        'Google Cloud Platform'
        """
        entry = self.lookup(name)
        return entry.name if entry else None

    def maker_of(self, product_name: str) -> GazetteerEntry | None:
        """The entry of the organization that makes the product *product_name*.

        >>> load_gazetteer().maker_of("vSphere").name
        'VMware'
        >>> load_gazetteer().maker_of("VMware") is None
        True
        """
        entry = self.lookup(product_name)
        if entry is None or entry.type != "Product" or not entry.maker:
            return None
        return self.lookup(entry.maker)

    def metonym(self, place_name: str) -> GazetteerEntry | None:
        """The company a hometown name stands for in news ("Cupertino" -> Apple).

        >>> load_gazetteer().metonym("Cupertino").name
        'Apple'
        >>> load_gazetteer().metonym("Paris") is None
        True
        """
        return self._by_metonym.get(normalize_name(place_name))


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read a gazetteer JSON-lines file (default: the project's); cached per path.

    >>> len(load_gazetteer()) > 500
    True
    >>> load_gazetteer() is load_gazetteer(DEFAULT_GAZETTEER)
    True
    """
    return _load(Path(path or DEFAULT_GAZETTEER).resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> Gazetteer:
    if not path.is_file():
        raise InputError(f"gazetteer file {str(path)!r} does not exist; "
                         "build it with `python scripts/build_gazetteer.py`")
    entries = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"gazetteer file {str(path)!r}, line {number}: not JSON ({err.msg})") from None
            entries.append(GazetteerEntry.from_dict(data))
    return Gazetteer(tuple(entries))


@lru_cache(maxsize=1)
def _blank_tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _token_sequences(name: str, tokenizer) -> list[tuple[str, ...]]:
    """The token texts spaCy gives *name* in running text, one tuple per variant.

    >>> _token_sequences("T-Mobile", _blank_tokenizer())
    [('T', '-', 'Mobile')]
    >>> _token_sequences("AT&T", _blank_tokenizer())
    [('AT&T',)]
    """
    spellings = [name]
    if "'" in name:
        spellings.append(name.replace("'", "’"))
    contexts = _CONTEXTS if not _PLAIN_NAME.fullmatch(name) else _CONTEXTS[:1]
    sequences: list[tuple[str, ...]] = []
    for spelling in spellings:
        for context in contexts:
            start = context.index("{}")
            end = start + len(spelling)
            doc = tokenizer(context.format(spelling))
            inside = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
            if not inside or inside[0].idx != start or inside[-1].idx + len(inside[-1].text) != end:
                continue  # a token straddles the name's edge in this context
            sequence = tuple(t.text for t in inside)
            if sequence not in sequences:
                sequences.append(sequence)
    return sequences


def ruler_patterns(gazetteer: Gazetteer, *,
                   ambiguous: Literal["guard", "skip", "keep"] = "guard") -> list[dict[str, Any]]:
    """spaCy ``EntityRuler`` patterns for every name in *gazetteer*.

    Label ``ORG`` or ``PRODUCT``, ``id`` the canonical name, one token-level
    ``ORTH`` pattern per tokenization of the name (see the module docstring
    for *ambiguous*). A token sequence that two entries claim goes to the entry
    it names, or to nobody.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> ruler = nlp.add_pipe("entity_ruler")
    >>> ruler.add_patterns(ruler_patterns(load_gazetteer()))
    >>> doc = nlp("T-Mobile moved to Google Cloud Platform, not AWS.")
    >>> [(e.text, e.label_, e.ent_id_) for e in doc.ents]
    [('T-Mobile', 'ORG', 'T-Mobile US'), ('Google Cloud Platform', 'PRODUCT', 'Google Cloud Platform'), ('AWS', 'ORG', 'Amazon Web Services')]
    """
    if ambiguous not in AMBIGUOUS_MODES:
        raise ExtractionError(f"ambiguous={ambiguous!r} is not one of {AMBIGUOUS_MODES}")
    tokenizer = _blank_tokenizer()
    claims: dict[tuple[str, ...], list[tuple[bool, GazetteerEntry, bool]]] = {}
    for entry in gazetteer.entries:
        for name in entry.names:
            if not normalize_name(name):
                continue
            guarded = False
            if entry.is_ambiguous(name):
                if ambiguous == "skip":
                    continue
                if ambiguous == "guard":
                    if len(name) < 3 or entry.source != "curated":
                        continue
                    guarded = True
            attr = "ORTH" if entry.case_sensitive else "LOWER"
            for sequence in _token_sequences(name, tokenizer):
                key = sequence if entry.case_sensitive else tuple(t.lower() for t in sequence)
                claim = (name == entry.name, entry, guarded)
                claims.setdefault((attr, *key), [])
                if all(c[1] is not entry for c in claims[(attr, *key)]):
                    claims[(attr, *key)].append(claim)

    patterns = []
    for (attr, *tokens), claimants in claims.items():
        if len(claimants) > 1:
            claimants = [c for c in claimants if c[0]]
            if len(claimants) != 1:
                continue
        _, entry, guarded = claimants[0]
        pattern: list[dict[str, Any]] = [{attr: t} for t in tokens]
        if guarded:
            pattern[0]["IS_SENT_START"] = False
        patterns.append({"label": entry.label, "pattern": pattern, "id": entry.name})
    return patterns
