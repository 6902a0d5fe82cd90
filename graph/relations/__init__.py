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

from ..mentions import DocEntities
from .alliances import members, partner_noun, partner_verb, rival_noun, rival_verb
from .companies import acquire, backed, invest, subsidiary
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
)
from .places import based, institution_in, moved
from .products import product
from .syntax import Candidate

__all__ = ["Candidate", "RULES", "candidates"]

#: Every rule, by name; each takes (DocEntities, trigger token) and yields candidates.
RULES = {
    "partner_noun": partner_noun,
    "partner_verb": partner_verb,
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
    "subsidiary": subsidiary,
    "product": product,
}


#: Parts of speech no rule takes as its trigger (function words and punctuation):
#: skipping them spares most of the calls, for the same candidates.
_NEVER_TRIGGERS = frozenset({"PUNCT", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "SPACE"})


def candidates(ents: DocEntities, sent) -> Iterator[Candidate]:
    """Every candidate fact that the rules find in one sentence."""
    rules = tuple(RULES.values())
    for token in sent:
        if token.pos_ in _NEVER_TRIGGERS:
            continue
        for rule in rules:
            for cand in rule(ents, token):
                if cand.subject.cluster != cand.object.cluster:
                    yield cand
