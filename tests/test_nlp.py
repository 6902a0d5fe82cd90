"""Tests for graph.nlp: the pipeline the extractor runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.matcher import Matcher

from graph.nlp import IndexedTokenMatcher, load_nlp, verbatim

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"

#: Contractions, spaces and expletives that exercise the model's multi-token and regex rules.
ODD_TEXT = ("Y'all gonna see it, ain't nothin' like it.  There is  a \n\n cat I gotta get. "
            "Let's c'mon: it gets you there, it got me. Whether or not he'd do it, that one did.")


def _stock_matcher(nlp, patterns):
    matcher = Matcher(nlp.vocab, validate=False)
    for number, entry in enumerate(patterns):
        matcher.add(str(number), entry["patterns"])
    return matcher


def test_load_nlp_indexes_the_attribute_ruler():
    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, IndexedTokenMatcher)
    # the ruler's own view of its patterns still works (spaCy serializes through it)
    assert len(ruler.patterns) == len(ruler.attrs) > 100


def test_indexed_matcher_finds_what_spacys_matcher_finds():
    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    stock = _stock_matcher(nlp, ruler.patterns)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(ARTICLES.glob("*.json"))]
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "entity_ruler", "ner"]):
        docs = list(nlp.pipe(texts + [ODD_TEXT]))
    for doc in docs:
        expected = sorted(stock(doc, allow_missing=True, as_spans=False))
        assert sorted(ruler.matcher(doc, allow_missing=True, as_spans=False)) == expected
    assert sum(len(d) for d in docs) > 2000


def test_pipeline_annotations_unchanged_by_the_index():
    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = ruler.matcher
    text = (ARTICLES / "crn-microsoft-vmware-azure.json").read_text(encoding="utf-8")
    text = json.loads(text)["text"] + "\n" + ODD_TEXT

    def annotations():
        return [(t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_, t.head.i, t.ent_type_) for t in nlp(text)]

    try:
        ruler.matcher = _stock_matcher(nlp, ruler.patterns)
        expected = annotations()
    finally:
        ruler.matcher = indexed
    assert annotations() == expected


@pytest.mark.parametrize("pattern", [
    [{"LOWER": {"REGEX": "^a"}}],               # a regular expression
    [{"LOWER": "a"}, {"LOWER": "b"}],           # two tokens
    [{"SHAPE": "Xxxx"}],                        # an attribute it does not index
    [{"TAG": {"NOT_IN": ["NN"]}}],              # nothing to look up
])
def test_patterns_it_cannot_index_go_to_spacys_matcher(pattern):
    nlp = load_nlp()
    doc = nlp.make_doc("a b Abcd")
    doc[0].tag_, doc[1].tag_, doc[2].tag_ = "DT", "NN", "NNP"
    matcher = IndexedTokenMatcher(nlp.vocab, [{"patterns": [pattern]}])
    stock = _stock_matcher(nlp, [{"patterns": [pattern]}])
    assert sorted(matcher(doc)) == sorted(stock(doc)) != []


def test_typographic_quotes_parse_as_ascii_ones_and_stay_in_the_evidence():
    nlp = load_nlp()
    curly, straight = nlp("IBM’s “big” deal closed."), nlp("IBM's \"big\" deal closed.")
    assert [t.tag_ for t in curly] == [t.tag_ for t in straight]
    assert curly.text == straight.text
    assert verbatim(curly[0:2]) == "IBM’s"
    assert verbatim(straight[0:2]) == "IBM's"
    assert list(nlp.pipe(["A’s B."]))[0].user_data["text"] == "A’s B."


def test_the_pipeline_with_straight_quotes_pickles():
    import pickle

    nlp = load_nlp()
    again = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert again("Acme’s deal").text == "Acme's deal"
