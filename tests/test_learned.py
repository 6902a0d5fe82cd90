"""The learned pair classifier and the ``learned`` and ``hybrid`` extractors (:mod:`graph.learned`).

The example sentence is written for these tests in the style of a
KnowledgeNet abstract; it is in no corpus.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graph import learned
from graph.exceptions import ExtractionError
from graph.extract import extractor_names, get_extractor
from graph.identity import normalize_name
from graph.records import Article, Entity, Fact

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGENET = ROOT.parent / "shared" / "corpus" / "knowledgenet"
SENTENCE = "Jane Roe is the chief executive officer of Acme Widgets, a company based in Denver."


def keys(facts):
    return {(normalize_name(f.subject.name), f.predicate, normalize_name(f.object.name)) for f in facts}


def features_of(text: str) -> list[list[str]]:
    from graph.gazetteer import load_gazetteer
    from graph.nlp import load_nlp

    _, _, rows = learned.doc_candidates(load_nlp()(text), gazetteer=load_gazetteer())
    return rows


# -- features -----------------------------------------------------------------------


def test_feature_hash_does_not_depend_on_the_process_hash_seed():
    code = "from graph.learned import feature_index; print(feature_index('PW:chief'), feature_index('T:Person>Place'))"
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert outputs == {f"{learned.feature_index('PW:chief')} {learned.feature_index('T:Person>Place')}\n"}


def test_features_are_the_same_in_two_parses(extractor):
    first, second = features_of(SENTENCE), features_of(SENTENCE)
    assert first and first == second
    assert all(row == sorted(set(row)) for row in first)


@pytest.mark.slow
def test_features_are_the_same_in_another_process(extractor):
    code = ("import json, sys; sys.path.insert(0, 'tests'); from test_learned import features_of, SENTENCE; "
            "print(json.dumps(features_of(SENTENCE)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "PYTHONHASHSEED": "123"}).stdout
    assert json.loads(out) == features_of(SENTENCE)


def test_path_features_read_the_dependency_path(extractor):
    rows = features_of(SENTENCE)
    ledby = [r for r in rows if "T:Organization>Person" in r]
    assert ledby, rows
    path = [f for f in ledby[0] if f.startswith("P:")]
    assert len(path) == 1 and "officer" in path[0] and path[0].startswith("P:<pobj of"), path
    assert {"PW:officer", "PC:job", "BC:Organization>Person:lead", "ORD:OS"} <= set(ledby[0])


# -- the model ----------------------------------------------------------------------


def test_shipped_model_loads_and_is_small():
    model = learned.load_model()
    assert model.classes == learned.CLASSES
    assert model.feature_version == learned.FEATURE_VERSION
    assert set(model.thresholds) == {"learned", "hybrid"}
    assert model.weights.shape == (len(model.rows), len(learned.CLASSES))
    assert np.isfinite(model.weights).all() and np.isfinite(model.bias).all()
    assert learned.DEFAULT_MODEL.stat().st_size < 5_000_000


def test_missing_model_says_how_to_train_it(tmp_path):
    with pytest.raises(ExtractionError, match="train_pairs.py"):
        learned.LearnedExtractor(model_path=tmp_path / "missing.npz")
    with pytest.raises(ExtractionError, match="train_pairs.py"):
        learned.load_model(tmp_path / "missing.npz")


def test_unreadable_model_is_an_extraction_error(tmp_path):
    path = tmp_path / "broken.npz"
    path.write_bytes(b"not a zip file")
    with pytest.raises(ExtractionError, match="retrain"):
        learned.load_model(path)


def test_a_model_written_twice_has_the_same_bytes_and_predictions(tmp_path):
    rows = [["T:Organization>Person", "PW:ceo"], ["T:Organization>Person", "PW:customer"]] * 4
    allowed = np.zeros((len(rows), len(learned.CLASSES)), dtype=bool)
    allowed[0::2, learned.CLASSES.index("ledBy")] = True
    allowed[1::2, 0] = True
    first = learned.save_model(learned.fit(rows, allowed, l2=0.5, bits=12), tmp_path / "a.npz")
    second = learned.save_model(learned.fit(rows, allowed, l2=0.5, bits=12), tmp_path / "b.npz")
    assert first.read_bytes() == second.read_bytes()
    loaded = learned.load_model(first)
    p = loaded.probabilities(rows[:2])
    assert p[0, learned.CLASSES.index("ledBy")] > 0.5 > p[1, learned.CLASSES.index("ledBy")]


def test_support_limits_the_competing_classes():
    rows = [["T:Organization>Place", "PW:base"]] * 2
    allowed = np.zeros((2, len(learned.CLASSES)), dtype=bool)
    allowed[:, learned.CLASSES.index("locatedIn")] = True
    support = np.zeros_like(allowed)
    support[:, [0, learned.CLASSES.index("locatedIn")]] = True
    model = learned.fit(rows, allowed, support=support, l2=1.0, bits=10)
    p = model.probabilities(rows, support=support)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert (p[:, [learned.CLASSES.index(c) for c in ("ledBy", "worksAt", "subsidiaryOf")]] == 0).all()


# -- the extractors -----------------------------------------------------------------


def test_learned_and_hybrid_are_registered():
    assert {"learned", "hybrid"} <= set(extractor_names())


def test_learned_extractor_reads_a_knowledgenet_style_sentence(extractor):
    facts = get_extractor("learned").extract(Article(SENTENCE))
    found = keys(facts)
    assert ("acme widgets", "ledBy", "jane roe") in found
    assert ("acme widgets", "locatedIn", "denver") in found
    for f in facts:
        assert f.check() is f
        assert f.extractor == "learned" and f.certainty == "confirmed"
        assert f.evidence == SENTENCE


def test_hybrid_keeps_the_rules_facts_and_adds_the_learned_ones(extractor):
    article = Article(SENTENCE)
    hybrid = keys(get_extractor("hybrid").extract(article))
    assert keys(extractor.extract(article)) <= hybrid
    assert ("acme widgets", "ledBy", "jane roe") in hybrid


def test_hybrid_drops_a_learned_job_the_rules_put_in_the_past():
    ann, acme = Entity("Ann Lee", "Person"), Entity("Acme", "Organization")
    rules = [Fact(ann, "formerlyAt", acme, confidence=0.8)]
    learned_facts = [Fact(ann, "worksAt", acme, confidence=0.9, extractor="hybrid"),
                     Fact(acme, "ledBy", ann, confidence=0.3, extractor="hybrid")]
    assert [f.predicate for f in learned.combine(rules, learned_facts, threshold=0.5)] == ["formerlyAt"]
    assert [f.predicate for f in learned.combine(rules, learned_facts, threshold=0.2)] == ["formerlyAt", "ledBy"]


def test_a_negated_statement_gives_no_learned_fact(extractor):
    facts = get_extractor("learned").extract(Article("Jane Roe is not the chief executive officer of Acme Widgets."))
    assert ("acme widgets", "ledBy", "jane roe") not in keys(facts)


# -- training -----------------------------------------------------------------------


@pytest.fixture
def training_script(monkeypatch):
    spec = importlib.util.spec_from_file_location("train_pairs", ROOT / "scripts" / "train_pairs.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "train_pairs", module)  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not KNOWLEDGENET.is_dir(), reason="the KnowledgeNet corpus is not next to the project")
def test_a_tiny_training_run_completes(extractor, training_script, tmp_path, capsys):
    out = tmp_path / "pairs.npz"
    status = training_script.main(["--corpus", str(KNOWLEDGENET), "--limit", "10", "--no-dev",
                                      "--l2", "1.0", "--out", str(out), "--cache-dir", str(tmp_path / "cache")])
    printed = capsys.readouterr().out
    assert status == 0
    assert printed.startswith("$ python scripts/train_pairs.py --corpus")
    assert "10 documents" in printed and "final model" in printed
    model = learned.load_model(out)
    assert model.meta["documents"] == 10 and model.classes == learned.CLASSES
