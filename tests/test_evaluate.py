"""Tests for graph.evaluate: the corpus README's scoring rules, case by case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.evaluate import (
    GoldDocument,
    GoldRelation,
    calibration,
    evaluate,
    format_table,
    load_gold,
    score,
    scores_to_json,
)
from graph.exceptions import InputError

CORPUS = Path("/work/shared/corpus")
DEV = CORPUS / "dev"
KNOWLEDGENET = CORPUS / "knowledgenet"
needs_corpus = pytest.mark.skipif(not DEV.is_dir(), reason="shared corpus not available")


def _names(value):
    return (value,) if isinstance(value, str) else tuple(value)


def rel(subject, predicate, obj, certainty="confirmed", *, optional=False, also=()):
    return GoldRelation(_names(subject), predicate, _names(obj), certainty, optional, tuple(also), "")


def doc(*relations, id="d", scored=None):
    return GoldDocument(id, None, None, None, "text", list(relations), scored)


def pred(subject, predicate, obj, certainty="confirmed", confidence=0.5):
    return {"subject": subject, "predicate": predicate, "object": obj,
            "certainty": certainty, "confidence": confidence}


def counts(scores, predicate=None):
    s = scores.micro if predicate is None else scores.per_predicate[predicate]
    return s.tp, s.fp, s.fn


# --------------------------------------------------------------------- matching


def test_exact_match():
    s = score({"d": [pred("Microsoft", "partnersWith", "VMware")]},
              [doc(rel("Microsoft", "partnersWith", "VMware"))])
    assert counts(s) == (1, 0, 0)
    assert (s.micro.precision, s.micro.recall, s.micro.f1) == (1.0, 1.0, 1.0)


def test_alias_match():
    gold = [doc(rel("VMware", "partnersWith", ["Amazon Web Services", "AWS", "Amazon"]))]
    s = score({"d": [pred("VMware", "partnersWith", "AWS")]}, gold)
    assert counts(s) == (1, 0, 0)


@pytest.mark.parametrize("subject", [
    "The Microsoft Corporation", "MICROSOFT", "Microsoft, Inc.", "microsoft corp.", "Microsoft Ltd",
])
def test_names_ignore_case_punctuation_the_and_suffix(subject):
    s = score({"d": [pred(subject, "acquired", "hewlett packard")]},
              [doc(rel("Microsoft", "acquired", "Hewlett-Packard Co."))])
    assert counts(s) == (1, 0, 0)


def test_different_name_is_no_match():
    s = score({"d": [pred("Microsoft", "acquired", "Compaq")]},
              [doc(rel("Microsoft", "acquired", "VMware"))])
    assert counts(s) == (0, 1, 1)


def test_symmetric_predicate_matches_reversed():
    s = score({"d": [pred("VMware", "rivalOf", "Microsoft")]},
              [doc(rel("Microsoft", "rivalOf", "VMware"))])
    assert counts(s) == (1, 0, 0)


def test_asymmetric_predicate_does_not_match_reversed():
    s = score({"d": [pred("Compaq", "acquired", "HP")]},
              [doc(rel("HP", "acquired", "Compaq"))])
    assert counts(s) == (0, 1, 1)


def test_wrong_predicate_is_no_match():
    s = score({"d": [pred("Microsoft", "rivalOf", "VMware")]},
              [doc(rel("Microsoft", "partnersWith", "VMware"))])
    assert counts(s) == (0, 1, 1)
    assert counts(s, "rivalOf") == (0, 1, 0)
    assert counts(s, "partnersWith") == (0, 0, 1)


def test_fuller_place_matches_each_part_and_the_whole():
    gold = [doc(rel("Acme", "locatedIn", "Lincoln"), rel("Acme", "locatedIn", "Nebraska"))]
    s = score({"d": [pred("Acme", "locatedIn", "Lincoln, Nebraska")]}, gold)
    assert counts(s) == (2, 0, 0)
    # Each part alone matches its own gold relation; the full string matches a full gold name.
    assert counts(score({"d": [pred("Acme", "locatedIn", "Lincoln, Nebraska")]},
                        [doc(rel("Acme", "locatedIn", "Nebraska"))])) == (1, 0, 0)
    assert counts(score({"d": [pred("Acme", "locatedIn", "Lincoln, Nebraska")]},
                        [doc(rel("Acme", "locatedIn", "Lincoln, Nebraska"))])) == (1, 0, 0)


def test_shorter_place_does_not_match_fuller_gold():
    s = score({"d": [pred("Acme", "locatedIn", "Lincoln")]},
              [doc(rel("Acme", "locatedIn", "Lincoln, Nebraska"))])
    assert counts(s) == (0, 1, 1)


def test_place_parts_only_for_located_in():
    s = score({"d": [pred("Acme", "partnersWith", "Beta, Gamma")]},
              [doc(rel("Acme", "partnersWith", "Beta"))])
    assert counts(s) == (0, 1, 1)


# --------------------------------------------------------------------- optional, duplicates, once


def test_unmatched_optional_gold_is_not_a_miss():
    gold = [doc(rel("A", "partnersWith", "B"), rel("A", "rivalOf", "C", optional=True))]
    s = score({"d": [pred("A", "partnersWith", "B")]}, gold)
    assert counts(s) == (1, 0, 0)
    assert s.per_predicate["partnersWith"].gold == 1
    assert "rivalOf" not in s.per_predicate
    assert s.false_negatives == {}


def test_prediction_matching_optional_gold_is_neither_tp_nor_fp():
    gold = [doc(rel("A", "partnersWith", "B"), rel("A", "rivalOf", "C", optional=True))]
    s = score({"d": [pred("A", "partnersWith", "B"), pred("C", "rivalOf", "A", confidence=0.2)]}, gold)
    assert counts(s) == (1, 0, 0)
    assert s.false_positives == {}
    assert [j.confidence for j in s.judgements] == [0.5]  # the optional match is not judged


def test_duplicate_predictions_count_once():
    gold = [doc(rel("Microsoft", "partnersWith", "VMware"))]
    predictions = [
        pred("Microsoft", "partnersWith", "VMware", confidence=0.4),
        pred("Microsoft Corp.", "partnersWith", "vmware", confidence=0.9),
        pred("VMware", "partnersWith", "Microsoft", confidence=0.6),  # symmetric: same fact
    ]
    s = score({"d": predictions}, gold)
    assert counts(s) == (1, 0, 0)
    assert [j.confidence for j in s.judgements] == [0.9]  # the most confident duplicate is kept


def test_duplicate_wrong_predictions_are_one_false_positive():
    s = score({"d": [pred("A", "acquired", "Z"), pred("a", "acquired", "z.")]},
              [doc(rel("A", "acquired", "B"))])
    assert counts(s) == (0, 1, 1)


def test_gold_matched_at_most_once():
    # Two different aliases are two predictions, but there is one fact to find.
    gold = [doc(rel("VMware", "partnersWith", ["Amazon Web Services", "AWS"]))]
    s = score({"d": [pred("VMware", "partnersWith", "AWS"), pred("VMware", "partnersWith", "Amazon Web Services")]}, gold)
    assert counts(s) == (1, 1, 0)


def test_matching_is_maximal():
    # The first prediction could take either gold relation; the second only the first one.
    gold = [doc(rel("A", "partnersWith", ["B", "Beta"]), rel("A", "partnersWith", ["Beta", "C"]))]
    s = score({"d": [pred("A", "partnersWith", "Beta"), pred("A", "partnersWith", "B")]}, gold)
    assert counts(s) == (2, 0, 0)


def test_required_gold_preferred_over_optional():
    gold = [doc(rel("A", "rivalOf", "B", optional=True), rel("A", "rivalOf", ["B", "Bee"]))]
    s = score({"d": [pred("A", "rivalOf", "B")]}, gold)
    assert counts(s) == (1, 0, 0)


def test_also_accepts_formerly_at_for_works_at():
    gold = [doc(rel("Ann Lee", "worksAt", "Acme", also=["formerlyAt"]))]
    s = score({"d": [pred("Ann Lee", "formerlyAt", "Acme")]}, gold)
    assert counts(s) == (1, 0, 0)
    assert counts(s, "worksAt") == (1, 0, 0)  # counted under the gold predicate
    # Without `also` the other tense is wrong.
    s = score({"d": [pred("Ann Lee", "formerlyAt", "Acme")]}, [doc(rel("Ann Lee", "worksAt", "Acme"))])
    assert counts(s) == (0, 1, 1)


def test_scored_predicates_ignore_other_predicates():
    gold = [doc(rel("Acme", "ledBy", "Ann Lee"), scored=frozenset({"ledBy"}))]
    predictions = [pred("Acme", "ledBy", "Ann Lee"), pred("Acme", "partnersWith", "Beta"),
                   pred("Acme", "locatedIn", "Paris")]
    s = score({"d": predictions}, gold)
    assert counts(s) == (1, 0, 0)
    assert set(s.per_predicate) == {"ledBy"}
    assert len(s.judgements) == 1


def test_unknown_document_id_raises():
    with pytest.raises(InputError, match="nope"):
        score({"nope": []}, [doc(rel("A", "acquired", "B"))])


def test_prediction_missing_a_key_raises():
    with pytest.raises(InputError, match="confidence"):
        score({"d": [{"subject": "A", "predicate": "acquired", "object": "B", "certainty": "confirmed"}]},
              [doc(rel("A", "acquired", "B"))])


def test_prediction_with_non_numeric_confidence_raises():
    with pytest.raises(InputError, match="'high'"):
        score({"d": [pred("A", "acquired", "B", confidence="high")]}, [doc(rel("A", "acquired", "B"))])


# --------------------------------------------------------------------- numbers


def test_certainty_accuracy_excludes_any():
    gold = [doc(
        rel("A", "acquired", "B", "reported"),
        rel("A", "acquired", "C", "confirmed"),
        rel("A", "acquired", "D", "any"),
        rel("A", "acquired", "E", "confirmed"),
    )]
    predictions = [
        pred("A", "acquired", "B", "reported"),   # right
        pred("A", "acquired", "C", "reported"),   # wrong
        pred("A", "acquired", "D", "reported"),   # `any`: left out
        pred("A", "acquired", "X", "confirmed"),  # a false positive: not in certainty accuracy
    ]
    s = score({"d": predictions}, gold)
    assert (s.certainty_correct, s.certainty_total, s.certainty_accuracy) == (1, 2, 0.5)


def test_micro_and_per_predicate_numbers():
    gold = [
        doc(rel("A", "partnersWith", "B"), rel("A", "partnersWith", "C"), rel("A", "ledBy", "Ann"), id="d1"),
        doc(rel("X", "acquired", "Y"), rel("X", "ledBy", "Bob"), id="d2"),
    ]
    predictions = {
        "d1": [pred("A", "partnersWith", "B"), pred("A", "partnersWith", "D"), pred("A", "ledBy", "Ann")],
        "d2": [pred("X", "acquired", "Z"), pred("X", "acquired", "W")],
    }
    s = score(predictions, gold)
    p = s.per_predicate
    assert p["partnersWith"][:4] == (2, 1, 1, 1)
    assert (p["partnersWith"].precision, p["partnersWith"].recall, p["partnersWith"].f1) == (0.5, 0.5, 0.5)
    assert p["ledBy"][:4] == (2, 1, 0, 1)
    assert (p["ledBy"].precision, p["ledBy"].recall) == (1.0, 0.5)
    assert p["ledBy"].f1 == pytest.approx(2 / 3)
    assert p["acquired"][:4] == (1, 0, 2, 1)
    assert (p["acquired"].precision, p["acquired"].recall, p["acquired"].f1) == (0.0, 0.0, 0.0)
    assert s.micro[:4] == (5, 2, 3, 3)
    assert s.micro.precision == pytest.approx(2 / 5)
    assert s.micro.recall == pytest.approx(2 / 5)
    assert s.micro.f1 == pytest.approx(2 / 5)
    assert list(p) == ["partnersWith", "ledBy", "acquired"]  # vocabulary order
    assert s.false_positives == {"d1": [pred("A", "partnersWith", "D")],
                                 "d2": [pred("X", "acquired", "Z"), pred("X", "acquired", "W")]}
    assert s.false_negatives == {"d1": [rel("A", "partnersWith", "C")],
                                 "d2": [rel("X", "acquired", "Y"), rel("X", "ledBy", "Bob")]}


def test_no_predictions_gives_zero_not_an_error():
    s = score({}, [doc(rel("A", "acquired", "B"))])
    assert s.micro == (1, 0, 0, 1, 0.0, 0.0, 0.0)
    assert s.certainty_accuracy == 0.0


def test_calibration_bins():
    gold = [doc(rel("A", "acquired", "B"), rel("A", "acquired", "C"))]
    predictions = [pred("A", "acquired", "B", confidence=0.95), pred("A", "acquired", "C", confidence=0.75),
                   pred("A", "acquired", "D", confidence=0.72), pred("A", "acquired", "E", confidence=1.0)]
    rows = calibration(score({"d": predictions}, gold))
    assert [(r.low, r.high, r.count, r.correct) for r in rows] == [
        (0.0, 0.5, 0, 0), (0.5, 0.7, 0, 0), (0.7, 0.8, 2, 1), (0.8, 0.9, 0, 0), (0.9, 1.0, 2, 1),
    ]
    assert rows[2].share_correct == 0.5
    with pytest.raises(ValueError, match="increasing"):
        calibration(score({}, gold), bins=(0.5, 0.2))


def test_format_table_and_json():
    gold = [doc(rel("A", "partnersWith", "B", "reported"), rel("A", "ledBy", "Ann"))]
    s = score({"d": [pred("B", "partnersWith", "A", "confirmed", 0.8)]}, gold)
    table = format_table(s)
    lines = table.splitlines()
    assert lines[0].split() == ["predicate", "gold", "tp", "fp", "fn", "P", "R", "F1"]
    assert any(line.split() == ["micro", "2", "1", "0", "1", "1.000", "0.500", "0.667"] for line in lines)
    assert "certainty accuracy: 0.000 (0/1" in table
    assert any(line.startswith("[0.80, 0.90)") and line.split()[-2:] == ["1", "1.000"] for line in lines)
    out = scores_to_json(s)
    assert json.loads(json.dumps(out)) == out
    assert out["micro"]["f1"] == pytest.approx(2 / 3)
    assert out["per_predicate"]["ledBy"]["fn"] == 1
    assert out["false_negatives"]["d"][0]["subject"] == ["A"]
    assert out["certainty"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert len(out["calibration"]) == 5


# --------------------------------------------------------------------- loading


@needs_corpus
def test_load_gold_dev():
    docs = load_gold(DEV)
    assert len(docs) == 11
    crn = next(d for d in docs if d.id == "crn-microsoft-vmware-azure")
    assert "VMware" in crn.text  # read from text_file
    assert crn.scored_predicates is None
    assert all(isinstance(r.subject, tuple) and r.subject for d in docs for r in d.relations)
    assert sum(not r.optional for d in docs for r in d.relations) == 74


@needs_corpus
def test_load_gold_knowledgenet():
    docs = load_gold(KNOWLEDGENET)
    assert len(docs) == 481
    assert all(d.scored_predicates for d in docs)
    assert any("formerlyAt" in r.also for d in docs for r in d.relations)


def test_load_gold_malformed_json_names_the_file(tmp_path):
    (tmp_path / "good.json").write_text(json.dumps({"id": "g", "text": "t", "relations": []}))
    (tmp_path / "broken.json").write_text('{"id": "b", "relations": [')
    with pytest.raises(InputError, match="broken.json"):
        load_gold(tmp_path)


def test_load_gold_missing_text_names_the_file(tmp_path):
    (tmp_path / "notext.json").write_text(json.dumps({"id": "n", "relations": []}))
    with pytest.raises(InputError, match="notext.json"):
        load_gold(tmp_path)
    (tmp_path / "notext.json").write_text(json.dumps({"id": "n", "text_file": "gone.txt", "relations": []}))
    with pytest.raises(InputError, match="notext.json.*gone.txt"):
        load_gold(tmp_path)


def test_load_gold_skips_other_json_and_reads_text_file(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"not": "gold"}))
    (tmp_path / "a.txt").write_text("Ann leads Acme.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({
        "text_file": "a.txt", "scored_predicates": ["ledBy"],
        "relations": [{"subject": "Acme", "predicate": "ledBy", "object": ["Ann"], "certainty": "any",
                       "optional": True, "also": ["worksAt"], "evidence": "Ann leads Acme"}]}))
    (d,) = load_gold(tmp_path)
    assert (d.id, d.text, d.title, d.scored_predicates) == ("a", "Ann leads Acme.", None, frozenset({"ledBy"}))
    assert d.relations == [GoldRelation(("Acme",), "ledBy", ("Ann",), "any", True, ("worksAt",), "Ann leads Acme")]


def test_load_gold_bad_certainty_names_file_and_value(tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"text": "t", "relations": [
        {"subject": "A", "predicate": "acquired", "object": "B", "certainty": "maybe"}]}))
    with pytest.raises(InputError, match=r"x\.json.*'maybe'"):
        load_gold(tmp_path)


def test_load_gold_empty_folder_raises(tmp_path):
    with pytest.raises(InputError, match="no gold files"):
        load_gold(tmp_path)


# --------------------------------------------------------------------- end to end


def _gold_as_predictions(docs):
    return {
        d.id: [pred(r.subject[0], r.predicate, r.object[0], r.certainty, 1.0)
               for r in d.relations if not r.optional]
        for d in docs
    }


@needs_corpus
def test_scoring_the_gold_itself_is_perfect_on_dev():
    docs = load_gold(DEV)
    s = score(_gold_as_predictions(docs), docs)
    assert (s.micro.recall, s.micro.precision, s.micro.f1) == (1.0, 1.0, 1.0)
    assert s.micro.tp == 74
    assert s.certainty_accuracy == 1.0


@needs_corpus
def test_evaluate_runs_an_extractor_over_the_folder():
    docs = {d.text: d for d in load_gold(DEV)}
    calls = []

    def extract(text, *, title=None):
        calls.append(title)
        d = docs[text]
        return [pred(r.subject[-1], r.predicate, r.object[-1], r.certainty, 0.9)
                for r in d.relations if not r.optional]

    s = evaluate(DEV, extract)
    assert len(calls) == 11 and all(calls)
    assert s.micro.recall == 1.0 and s.micro.precision == 1.0
