"""Entity identity: when two names denote the same thing, and the key that names it.

One place for the rules, used by the extractor (merging mentions), the RDF
layer (minting IRIs) and the evaluator (matching gold names).

>>> normalize_name("The Microsoft Corporation")
'microsoft'
>>> normalize_name("Hewlett-Packard Co.")
'hewlett packard'
>>> entity_key("Amazon Web Services, Inc.")
'amazon-web-services'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["CORPORATE_SUFFIXES", "normalize_name", "entity_key", "strip_suffix"]

#: Trailing words that do not change which company a name denotes.
CORPORATE_SUFFIXES = (
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd",
    "limited", "llc", "plc", "ag", "sa", "gmbh", "nv", "bv", "lp", "llp",
)

_SUFFIX_RE = re.compile(r"(?:[\s,]+(?:%s)\.?)+$" % "|".join(CORPORATE_SUFFIXES), re.IGNORECASE)
_PUNCT_RE = re.compile(r"[^\w\s]|_")
_SPACE_RE = re.compile(r"\s+")


def strip_suffix(name: str) -> str:
    """Drop a trailing corporate suffix, keeping the rest as written.

    >>> strip_suffix("Dell, Inc.")
    'Dell'
    >>> strip_suffix("Inc")
    'Inc'
    """
    stripped = _SUFFIX_RE.sub("", name).strip(" ,")
    return stripped or name


@lru_cache(maxsize=65536)  # the same names come back in every sentence and article
def normalize_name(name: str) -> str:
    """Casefold, drop punctuation, a leading "the" and a trailing corporate suffix.

    This is the comparison used by the corpus's scoring rules.

    >>> normalize_name("Dell, Inc.") == normalize_name("dell")
    True
    >>> normalize_name("Princeton Enterprises, L.L.C.")
    'princeton enterprises'
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"(?<=\w)[.'](?=\w)|\.$", "", text)  # abbreviation dots: L.L.C. -> llc
    text = _PUNCT_RE.sub(" ", text)
    text = _SPACE_RE.sub(" ", text).strip()
    text = re.sub(r"^the ", "", text)
    words = text.split(" ")
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words.pop()
    return " ".join(words)


def entity_key(name: str) -> str:
    """A readable, stable key for an entity IRI: its normalized name, dashed.

    >>> entity_key("AT&T")
    'at-t'
    """
    key = normalize_name(name).replace(" ", "-")
    key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode() or key
    return key or "unnamed"
