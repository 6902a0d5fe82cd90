"""Tests of the gazetteer data (``data/gazetteer.jsonl``), its builder and :mod:`graph.gazetteer`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from graph.exceptions import ExtractionError, InputError
from graph.gazetteer import (
    DEFAULT_GAZETTEER,
    Gazetteer,
    GazetteerEntry,
    load_gazetteer,
    ruler_patterns,
)
from graph.identity import normalize_name

ROOT = Path(__file__).resolve().parent.parent
BUILDER = ROOT / "scripts" / "build_gazetteer.py"
CURATED = ROOT / "data" / "gazetteer-curated.json"
REFERENCE_DIR = Path("/work/shared/reference")
DEV_CORPUS = Path("/work/shared/corpus/dev")

#: Small companies of the dev corpus that the data must not "answer".
FORBIDDEN_NAMES = ("Heraflux", "Logicworks")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def nlp(gazetteer):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entity_ruler").add_patterns(ruler_patterns(gazetteer))
    return nlp


def ents(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


# ---------------------------------------------------------------- the data


def test_file_loads(gazetteer):
    assert isinstance(gazetteer, Gazetteer)
    assert all(isinstance(e, GazetteerEntry) for e in gazetteer)
    assert load_gazetteer() is gazetteer  # cached


def test_size_and_sources(gazetteer):
    assert len(gazetteer) >= 500
    assert sum(e.source == "curated" for e in gazetteer) >= 150
    assert {e.source for e in gazetteer} == {"curated", "sp500", "nasdaq"}
    assert sum(e.type == "Product" for e in gazetteer) >= 100


def test_meta_file_agrees():
    meta = json.loads(DEFAULT_GAZETTEER.with_name("gazetteer.meta.json").read_text(encoding="utf-8"))
    lines = DEFAULT_GAZETTEER.read_text(encoding="utf-8").splitlines()
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", meta["version"])
    assert meta["entries"] == len(lines) == sum(meta["by_type"].values()) == sum(meta["by_source"].values())


def test_sorted_by_name():
    names = [json.loads(line)["name"] for line in DEFAULT_GAZETTEER.read_text(encoding="utf-8").splitlines()]
    assert names == sorted(names, key=lambda n: (n.casefold(), n))


def test_every_product_maker_is_an_organization_entry(gazetteer):
    by_name = {e.name: e for e in gazetteer}
    for entry in gazetteer:
        if entry.type == "Product":
            assert entry.maker in by_name, entry
            assert by_name[entry.maker].type == "Organization", entry
        else:
            assert entry.maker is None, entry


def test_no_duplicates_by_normalized_name(gazetteer):
    seen: dict[str, str] = {}
    for entry in gazetteer:
        key = normalize_name(entry.name)
        assert key, entry
        assert key not in seen, (entry.name, seen.get(key))
        seen[key] = entry.name


def test_no_name_maps_to_two_entries_unless_flagged(gazetteer):
    holders: dict[str, set[str]] = defaultdict(set)
    for entry in gazetteer:
        for name in entry.names:
            holders[normalize_name(name)].add(entry.name)
    by_name = {e.name: e for e in gazetteer}
    for key, owners in holders.items():
        if len(owners) > 1:
            for owner in owners:
                entry = by_name[owner]
                assert any(normalize_name(n) == key and entry.is_ambiguous(n) for n in entry.names), (key, owners)


def test_flags(gazetteer):
    assert all(e.case_sensitive for e in gazetteer)
    for entry in gazetteer:
        assert set(entry.ambiguous_aliases) <= set(entry.names), entry
    meta = gazetteer.lookup("Meta")
    assert meta.name == "Meta Platforms" and meta.is_ambiguous("Meta")
    assert gazetteer.lookup("Target").is_ambiguous("Target")
    assert gazetteer.lookup("Block").is_ambiguous("Square")
    assert not gazetteer.lookup("Oracle").is_ambiguous("Oracle")


def test_wikidata_ids_are_well_formed_and_known_ones_right(gazetteer):
    for entry in gazetteer:
        if entry.wikidata is not None:
            assert re.fullmatch(r"Q[1-9]\d*", entry.wikidata), entry
    expected = {"Microsoft": "Q2283", "Google": "Q95", "Apple": "Q312", "IBM": "Q37156",
                "Amazon": "Q3884", "Intel": "Q248"}
    for name, qid in expected.items():
        assert gazetteer.lookup(name).wikidata == qid


def test_sp500_fields_kept(gazetteer):
    microsoft = gazetteer.lookup("Microsoft")
    assert microsoft.sector == "Information Technology"
    assert microsoft.headquarters and "Redmond" in microsoft.headquarters
    assert microsoft.sources == ("curated", "sp500", "nasdaq")
    alphabet = gazetteer.lookup("Alphabet Inc. (Class A)") or gazetteer.lookup("Alphabet")
    assert set(alphabet.tickers) >= {"GOOG", "GOOGL"}
    assert gazetteer.canonical("Coca-Cola Company") == "Coca-Cola"


def test_nasdaq_filter(gazetteer):
    names = {normalize_name(n) for e in gazetteer for n in e.names}
    assert "nasdaq test stock" not in names
    assert not any(re.search(r"\b(etf|warrants?|units|rights)\b", n) for n in names)
    assert not any(e.source == "nasdaq" and re.search(r"\bAcquisition\b", e.name) for e in gazetteer)
    single = [e.name for e in gazetteer if e.source == "nasdaq" and len(e.name.split()) == 1]
    assert "Target" not in single and "Apple" not in single


def test_everyday_aliases(gazetteer):
    assert gazetteer.canonical("AWS") == "Amazon Web Services"
    assert gazetteer.canonical("HPE") == "Hewlett Packard Enterprise"
    assert gazetteer.canonical("HP Inc.") == gazetteer.canonical("Hewlett-Packard")
    assert gazetteer.canonical("Google Cloud") == "Google Cloud Platform"
    assert gazetteer.canonical("Facebook") == "Meta Platforms"
    assert gazetteer.lookup("Azure").type == "Product"
    assert gazetteer.maker_of("Azure").name == "Microsoft"
    assert gazetteer.maker_of("iPhone").name == "Apple"
    assert gazetteer.maker_of("Microsoft") is None
    assert gazetteer.metonym("Armonk").name == "International Business Machines"
    assert gazetteer.lookup("nonexistent widget maker") is None


# ---------------------------------------------------------------- no answers from the corpus


def test_no_small_corpus_companies(gazetteer):
    names = {normalize_name(n) for e in gazetteer for n in e.names}
    for forbidden in FORBIDDEN_NAMES:
        assert normalize_name(forbidden) not in names
    assert not any(f.casefold() in CURATED.read_text(encoding="utf-8").casefold() for f in FORBIDDEN_NAMES)


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="dev corpus not available")
def test_no_people_from_the_dev_corpus(gazetteer):
    people = set()
    for gold in DEV_CORPUS.glob("*.json"):
        for rel in json.loads(gold.read_text(encoding="utf-8")).get("relations", ()):
            if rel["predicate"] in ("worksAt", "formerlyAt"):  # subjects are people
                people.update([rel["subject"]] if isinstance(rel["subject"], str) else rel["subject"])
    assert people
    names = {normalize_name(n) for e in gazetteer for n in e.names}
    assert not {normalize_name(p) for p in people} & names


# ---------------------------------------------------------------- the builder


@pytest.mark.slow
@pytest.mark.skipif(not REFERENCE_DIR.is_dir(), reason="reference tables not available")
def test_builder_is_reproducible(tmp_path):
    out = tmp_path / "gazetteer.jsonl"
    for _ in range(2):
        subprocess.run([sys.executable, str(BUILDER), "--out", str(out)], check=True, capture_output=True)
        assert out.read_bytes() == DEFAULT_GAZETTEER.read_bytes()
        assert (tmp_path / "gazetteer.meta.json").read_bytes() == \
            DEFAULT_GAZETTEER.with_name("gazetteer.meta.json").read_bytes()
    check = subprocess.run([sys.executable, str(BUILDER), "--check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_builder_name_cleaning():
    sys.path.insert(0, str(BUILDER.parent))
    try:
        import build_gazetteer as builder
    finally:
        sys.path.remove(str(BUILDER.parent))
    assert builder.clean_company_name("Alphabet Inc. (Class A)") == "Alphabet"
    assert builder.clean_company_name("Workday, Inc.") == "Workday"
    assert builder.clean_company_name("Arthur J. Gallagher & Co.") == "Arthur J. Gallagher"
    assert builder.clean_company_name("Johnson & Johnson") == "Johnson & Johnson"
    assert builder.nasdaq_company("Apple Hospitality REIT, Inc. - Common Stock") == "Apple Hospitality REIT, Inc."
    assert builder.nasdaq_company("Artius II Acquisition Inc. - Rights") is None
    assert builder.nasdaq_company("Pacer Barings CLO Market Flex ETF") is None
    assert builder.nasdaq_company("NASDAQ TEST STOCK", "ZJZZT") is None


# ---------------------------------------------------------------- the entity ruler


def test_ruler_tags_cloud_and_telecom_names(nlp):
    text = ("VMware's alliance with Amazon Web Services irked Hewlett Packard Enterprise, "
            "while AWS, Google Cloud Platform and T-Mobile's network raced ahead.")
    assert ents(nlp, text) == [
        ("VMware", "ORG", "VMware"),
        ("Amazon Web Services", "ORG", "Amazon Web Services"),
        ("Hewlett Packard Enterprise", "ORG", "Hewlett Packard Enterprise"),
        ("AWS", "ORG", "Amazon Web Services"),
        ("Google Cloud Platform", "PRODUCT", "Google Cloud Platform"),
        ("T-Mobile", "ORG", "T-Mobile US"),
    ]


def test_ruler_is_case_sensitive(nlp):
    assert ents(nlp, "She baked an apple pie for the oracle.") == []
    assert ents(nlp, "Apple and Oracle") == [("Apple", "ORG", "Apple"), ("Oracle", "ORG", "Oracle")]


def test_ruler_on_a_headline(nlp):
    assert ents(nlp, "VMware Close To Revealing Joint Development") == [("VMware", "ORG", "VMware")]


def test_ruler_punctuated_names(nlp):
    assert ents(nlp, "AT&T's deal with Hewlett-Packard and Yahoo!") == [
        ("AT&T", "ORG", "AT&T"), ("Hewlett-Packard", "ORG", "Hewlett-Packard"), ("Yahoo!", "ORG", "Yahoo")]
    assert ents(nlp, "Microsoft-VMware talks") == [("Microsoft", "ORG", "Microsoft"), ("VMware", "ORG", "VMware")]


def test_ambiguous_names_are_guarded(nlp, gazetteer):
    assert ents(nlp, "Meta is big. Rivals fear Meta.") == [("Meta", "ORG", "Meta Platforms")]
    assert ents(nlp, "We hit Target Corporation's target.") == [("Target Corporation", "ORG", "Target Corporation")]
    assert ents(nlp, "Ask X today.") == []
    skip = ruler_patterns(gazetteer, ambiguous="skip")
    assert not any(p["pattern"] == [{"ORTH": "Meta"}] for p in skip)
    keep = ruler_patterns(gazetteer, ambiguous="keep")
    assert any(p["pattern"] == [{"ORTH": "Meta"}] and p["id"] == "Meta Platforms" for p in keep)


def test_ruler_patterns_rejects_unknown_mode(gazetteer):
    with pytest.raises(ExtractionError, match="'maybe'"):
        ruler_patterns(gazetteer, ambiguous="maybe")


def test_patterns_have_labels_and_ids(gazetteer):
    patterns = ruler_patterns(gazetteer)
    assert {p["label"] for p in patterns} == {"ORG", "PRODUCT"}
    ids = {e.name for e in gazetteer}
    assert all(p["id"] in ids and p["pattern"] for p in patterns)


# ---------------------------------------------------------------- errors


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="build_gazetteer"):
        load_gazetteer(tmp_path / "nope.jsonl")


def test_bad_line_is_an_input_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"name": "Acme", "type": "Gadget"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="'Gadget'"):
        load_gazetteer(path)
