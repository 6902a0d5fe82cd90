"""Relation rules over the dependency parse: one small function per phrasing family.

Each rule looks at one trigger token (a verb such as "acquire", a noun such
as "partnership" or "CEO") and its syntactic neighbours, and yields
:class:`Candidate` records naming the mentions at both ends. The arguments
come from :meth:`graph.mentions.DocEntities.resolve`, so a description ("the
solution provider") or a pronoun ("its") works like a name. Certainty and
negation are judged afterwards, from the trigger, by :mod:`graph.certainty`.

The rules live by topic: :mod:`.alliances` (partnersWith, rivalOf),
:mod:`.people` (ledBy, worksAt, formerlyAt), :mod:`.companies` (acquired,
investedIn, subsidiaryOf), :mod:`.places` (locatedIn) and :mod:`.products`
(productOf); their trigger words are in :mod:`.lexicon` and the shared reading
of the parse in :mod:`.syntax`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..mentions import DocEntities
from .alliances import chosen, members, partner_noun, partner_verb, rival_noun, rival_verb
from .companies import acquire, backed, funding_round, invest, investor, subsidiary
from .people import (
    appointed,
    former_role,
    founded,
    joined,
    left,
    made_at,
    person_of,
    position,
    role_appos,
    role_title,
    succeeded,
    took_helm,
)
from .places import based, institution_in, moved
from .products import product
from .syntax import Candidate, trigger_lemma

__all__ = ["Candidate", "RULES", "candidates"]

#: Every rule, by name; each takes (DocEntities, trigger token) and yields candidates.
RULES = {
    "partner_noun": partner_noun,
    "partner_verb": partner_verb,
    "chosen": chosen,
    "members": members,
    "rival_noun": rival_noun,
    "rival_verb": rival_verb,
    "role_appos": role_appos,
    "role_title": role_title,
    "person_of": person_of,
    "succeeded": succeeded,
    "former_role": former_role,
    "founded": founded,
    "appointed": appointed,
    "took_helm": took_helm,
    "left": left,
    "joined": joined,
    "position": position,
    "made_at": made_at,
    "based": based,
    "institution_in": institution_in,
    "moved": moved,
    "backed": backed,
    "acquire": acquire,
    "invest": invest,
    "funding_round": funding_round,
    "investor": investor,
    "subsidiary": subsidiary,
    "product": product,
}


#: Parts of speech no rule takes as its trigger (function words and punctuation):
#: skipping them spares most of the calls, for the same candidates.
_NEVER_TRIGGERS = frozenset({"PUNCT", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "SPACE"})

#: The dependencies of a modifier whose words count as its head's ("CEO" in "CEO Jane Roe").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


@lru_cache(maxsize=4)
def _dispatch(rules: tuple) -> tuple[dict[str, frozenset[int]], frozenset[int], frozenset[int]]:
    """Where each rule is called: by trigger word, at a mention's end, or everywhere (undeclared)."""
    by_word: dict[str, set[int]] = {}
    for pos, rule in enumerate(rules):
        for word in getattr(rule, "triggers", ()):
            by_word.setdefault(word, set()).add(pos)
    at_end = frozenset(pos for pos, rule in enumerate(rules) if getattr(rule, "at_mention_end", False))
    always = frozenset(pos for pos, rule in enumerate(rules) if not hasattr(rule, "triggers"))
    return {w: frozenset(p) for w, p in by_word.items()}, at_end, always


def _trigger_words(tokens: list) -> list[set[str]]:
    """Each token's words that :func:`~.syntax.triggered_by` matches: its own and its modifiers'."""
    own = [{t.lemma_.lower(), trigger_lemma(t), t.lower_, t.lower_.replace(".", "")} for t in tokens]
    words = list(own)
    start = tokens[0].i if tokens else 0
    for k, t in enumerate(tokens):
        head = t.head.i - start
        if t.dep_ in _MODIFIER_DEPS and 0 <= head < len(tokens):
            words[head] = words[head] | own[k]
    return words


def candidates(ents: DocEntities, sent) -> Iterator[Candidate]:
    """Every candidate fact that the rules find in one sentence.

    Each content word is offered, in :data:`RULES` order, to the rules its words can
    trigger (:func:`~.syntax.triggered_by`), so a sentence costs a call per possible
    trigger rather than one per rule and word.

    >>> from graph.nlp import load_nlp
    >>> from graph.mentions import find_entities
    >>> doc = load_nlp()("Acme Corp acquired Globex Inc in 2020.")
    >>> [(c.subject.text, c.predicate, c.object.text) for c in candidates(find_entities(doc), doc[:])]
    [('Acme Corp', 'acquired', 'Globex Inc')]
    """
    rules = tuple(RULES.values())
    by_word, at_end, always = _dispatch(rules)
    tokens = list(sent)
    for token, words in zip(tokens, _trigger_words(tokens)):
        if token.pos_ in _NEVER_TRIGGERS:
            continue
        chosen = always.union(*[by_word[w] for w in words if w in by_word])
        for pos in sorted(chosen | at_end):
            if pos not in chosen:  # the rules before may have created a mention here: look now
                m = ents.at(token)
                if m is None or token.i != m.end - 1:
                    continue
            for cand in rules[pos](ents, token):
                if cand.subject.cluster != cand.object.cluster:
                    yield cand
