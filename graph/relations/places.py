"""locatedIn: "X-based", headquartered, based or located in, "is in"."""

from __future__ import annotations

from collections.abc import Iterator

from ..mentions import INSTITUTION_WORDS, ORG_KIND_NOUNS, ORG_NOUNS, DocEntities
from .lexicon import (
    FORMER_MODS,
    HQ_WORDS,
    MOVE_VERBS,
    RANK_WORDS,
    SEQUENCE_ADVERBS,
)
from .syntax import (
    Candidate,
    args_of,
    children_with,
    clause_subject,
    nearest_org_before,
    only_orgs,
    only_people,
    only_places,
    possessors,
    prep_objects,
    subtree_places,
    triggered_by,
)

__all__ = ["based", "institution_in", "moved"]


#: Nouns for an organization that a place may qualify: "a U.S. airline", "a care provider in Spain".
_PLACED_KINDS = ORG_KIND_NOUNS | {"provider", "operator", "supplier", "vendor", "carrier", "developer", "maker",
                                  "team", "insurer", "lender", "exchange"}


@triggered_by({"based", "headquarters", "hq", "office", "be"}, HQ_WORDS, _PLACED_KINDS)
def based(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "a New York City-based partner", "China-headquartered X", "X is headquartered in Y", "Headquartered in Y, it …",
    "X's headquarters are in Y", "X is based in Y", "Their company is in Round Rock, Texas",
    "X is a U.S. airline"."""
    lemma = t.lemma_.lower()
    lower = t.lower_
    if lower in ("based", "headquartered") and t.i > 0 and ents.doc[t.i - 1].text in ("-", "–"):
        place = ents.at(ents.doc[t.i - 2]) if t.i >= 2 else None
        if place is None or place.type != "Place":
            return
        head = t.head
        # "Singapore-based Sea, Grab and GoTo": the name the participle stands by, not those listed after it
        orgs = only_orgs([ents.at(head)] if ents.at(head) is not None else args_of(ents, head))
        if head.tag_ == "NNS" and any(m.kind == "description" for m in orgs):
            return  # ("two Asia-based companies": which two is not said)
        after = ents.at(ents.doc[head.i + 1]) if head.i + 1 < len(ents.doc) else None
        if not orgs and head.lemma_.lower() in ORG_NOUNS and after is not None and after.start == head.i + 1 \
                and after.kind == "name":
            # "Reston, Va.-based security firm Peraton": the name after the kind (NER may call it a person)
            orgs = ents.as_organizations([after], places=True)
        if not orgs and head.dep_ == "appos":
            orgs = only_orgs(args_of(ents, head.head)) or nearest_org_before(ents, head)
        if not orgs and head.dep_ == "compound":
            orgs = only_orgs(args_of(ents, head.head))
        node = head
        while not orgs and node.dep_ in ("nmod", "compound") and node.head.i != node.i:
            node = node.head  # "China-headquartered electric vehicle (EV) manufacturer NIO Inc.": the name above
            orgs = only_orgs([ents.at(node)] if ents.at(node) is not None else [])
        if not orgs and head.lemma_.lower() in ORG_NOUNS and head.i + 1 < len(ents.doc):
            # "Paris-based startup Mistral AI raised …": the parser may split the kind from its name
            after = ents.at(ents.doc[head.i + 1])
            orgs = [after] if after is not None and after.start == head.i + 1 and after.type == "Organization" else []
        for o in orgs:
            yield Candidate(o, "locatedIn", place, t, "x-based", 0.9)
        return
    if lemma in ("headquarters", "hq", "headquarter") and t.pos_ == "NOUN":
        # "Arm's Cambridge headquarters": a place between the owner and the word
        owners = only_orgs(possessors(ents, t))
        named = only_places([ents.at(c) for c in t.children if c.dep_ in ("compound", "nmod") and ents.at(c)])
        for o in owners:
            for place in named:
                yield Candidate(o, "locatedIn", place, t, "poss-place-hq", 0.85)
    if lemma in HQ_WORDS or lower in HQ_WORDS:
        places = only_places([m for o in prep_objects(t, "in", "at") for m in subtree_places(ents, o)])
        fronted = _fronted(ents, t)
        if fronted is not None:
            yield fronted
            return
        if not places:
            return
        strong = lemma.startswith("headquarter")  # people are based somewhere, never headquartered
        if t.dep_ in ("advcl",) or (t.dep_ == "acl" and t.head.pos_ in ("VERB", "AUX")):
            orgs = ents.as_organizations(clause_subject(ents, t.head), strong=strong)
        elif t.dep_ == "acl":
            orgs = ents.as_organizations(args_of(ents, t.head), strong=strong)
            head = t.head
            if not orgs and head.lemma_.lower() not in ORG_NOUNS and ents.at(head) is None:
                # "X is a manufacturer of airships based in Y", "X is a firm serving the industry based
                # in Y": the parser hangs the participle on a thing inside the description, which is
                # not based anywhere; the description it belongs to is
                above = _description_above(head)
                orgs = ents.as_organizations(args_of(ents, above), strong=strong) if above is not None else []
        else:  # "ZUMA is headquartered in Y": only an organization is headquartered
            orgs = ents.as_organizations(clause_subject(ents, t, create="Organization" if strong else None),
                                         strong=strong)
        if not orgs:
            orgs = _described_subject(ents, t)
        direct = only_places([m for o in prep_objects(t, "in", "at") for m in _places_listed(ents, o)])
        for m in list(direct):  # "based in Porto (Portugal)": the country in parentheses, too
            inner = ents.at(ents.doc[m.end + 1]) if m.end + 2 < len(ents.doc) and ents.doc[m.end].text == "(" else None
            if inner is not None and inner.type == "Place" and inner.start == m.end + 1 \
                    and inner.end < len(ents.doc) and ents.doc[inner.end].text == ")" and inner not in direct:
                direct.append(inner)
        # "located in Yiwu City of Zhejiang Province": the region the town is in, too
        direct += [m for o in prep_objects(t, "in", "at") for r in prep_objects(o, "of")
                   for m in only_places(args_of(ents, r)) if m not in direct]
        # "originally based in A, later in B and now in C": each was its home (a place has no tense)
        direct += [m for m in _places_later(ents, t) if m not in direct]
        for o in orgs:
            for place in direct or places[:1]:
                yield Candidate(o, "locatedIn", place, t, "headquartered-in", 0.85)
        return
    if t.pos_ == "NOUN" and (
        lemma in ("headquarters", "hq")
        or (lemma == "office" and any(c.lower_ in ("head", "main") for c in t.children))
    ):
        places = only_places([m for o in prep_objects(t, "in", "at") for m in subtree_places(ents, o)])
        if not places and t.dep_ == "nsubj":
            places = only_places(
                [m for o in prep_objects(t.head, "in", "at") for m in subtree_places(ents, o)]
            )
        owners = only_orgs(possessors(ents, t))
        if not owners and t.dep_ in ("dobj", "pobj"):
            owners = only_orgs(clause_subject(ents, t.head if t.dep_ == "dobj" else t.head.head))
        for o in owners:
            for pl in places[:1]:
                yield Candidate(o, "locatedIn", pl, t, "headquarters-in", 0.8)
        return
    if t.pos_ == "NOUN" and lemma in _PLACED_KINDS and t.dep_ in ("attr", "appos"):
        # "X is a U.S. airline", "X, a New York law firm": a place named as the kind's modifier
        places = [ents.at(c) for c in t.children if c.dep_ in ("compound", "nmod") and ents.at(c) is not None
                  and ents.at(c).type == "Place" and ents.at(c).kind == "name"]
        ranked = any(c.tag_ == "JJS" or c.lower_ in RANK_WORDS for c in t.children)
        if not places and not ranked:  # "X is a trade union in Morocco" (not "the largest bank in Europe":
            # a rank says where it competes)
            places = only_places([m for o in prep_objects(t, "in") for m in args_of(ents, o)])[:1]
        if places:
            for o in ents.as_organizations(args_of(ents, t), strong=False):
                yield Candidate(o, "locatedIn", places[0], t, "place-kind", 0.7)
        return
    named = ents.at(ents.doc[t.i + 1]) if t.i + 1 < t.sent.end else None
    if lower in _PLACED_KINDS and named is not None and named.type == "Organization" and named.kind == "name" \
            and named.start == t.i + 1:
        # "Boulder startup SolidFire", "Denver software firm Kestrel": a place, maybe a field, the kind,
        # then the name, read in word order (the small parser may take "startup" for a verb)
        i = t.i - 1
        while i > t.sent.start and ents.at(ents.doc[i]) is None and ents.doc[i].pos_ == "NOUN" and i > t.i - 3:
            i -= 1  # ("software")
        place = ents.at(ents.doc[i]) if i >= t.sent.start else None
        if place is not None and place.type == "Place" and place.kind == "name" and place.end == i + 1:
            yield Candidate(named, "locatedIn", place, t, "place-kind-name", 0.7)
    if lemma == "be" and prep_objects(t, "at", "with"):  # "Mary Major was previously at Facebook"
        people = only_people(clause_subject(ents, t))
        orgs = only_orgs([m for o in prep_objects(t, "at", "with") for m in args_of(ents, o)])
        former = any(c.lower_ in FORMER_MODS for c in t.children)
        if people and orgs and (former or t.tag_ in ("VBZ", "VBP")):
            for p in people:
                for o in orgs:
                    yield Candidate(p, "formerlyAt" if former else "worksAt", o, t, "is-at", 0.7)
    if lemma == "be" and t.dep_ == "ROOT":  # "Their company is in Round Rock, Texas"
        ins = prep_objects(t, "in")
        places = only_places([m for o in ins for m in ([ents.at(o)] if ents.at(o) else [])])
        if places:
            for o in only_orgs(clause_subject(ents, t)):
                yield Candidate(o, "locatedIn", places[0], t, "is-in", 0.7)


def _places_listed(ents: DocEntities, o) -> list:
    """The places of the phrase *o* and its conjuncts: "located in Wasaga Beach and Collingwood",
    where a one-word name listed with a place is a place, whatever NER said."""
    found = args_of(ents, o)
    if found and found[0].type == "Place":
        for m in found[1:]:
            if m.type in ("Organization", "Person") and m.kind == "name" and " " not in m.text \
                    and not ents.clusters[m.cluster].canonical:
                ents.retype(m, "Place")
    return found


def _places_later(ents: DocEntities, t) -> list:
    """The places of the phrases "later in X", "now in X", "then at X" after *t* in its sentence."""
    return only_places([m for x in ents.doc[t.i + 1:t.sent.end] if x.lower_ in ("in", "at")
                        and any(c.dep_ == "advmod" and c.lower_ in SEQUENCE_ADVERBS for c in x.children)
                        for o in children_with(x, "pobj") for m in subtree_places(ents, o)])


@triggered_by(MOVE_VERBS)
def moved(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "In 2002 it moved to Orpington", "X relocated its headquarters to Y": where it is now."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in MOVE_VERBS:
        return
    places = only_places([m for o in prep_objects(t, "to") for m in args_of(ents, o)])
    objects = children_with(t, "dobj")
    if not places or any(o.lemma_.lower() not in ("headquarters", "hq", "office", "base") for o in objects):
        return  # "moved its production to Y" says nothing of where the company is
    for org in only_orgs(clause_subject(ents, t)):
        if org.kind != "pronoun":  # "… however in 2002 it moved to Y": which one moved is too loose
            yield Candidate(org, "locatedIn", places[0], t, "moved-to", 0.7)


def _description_above(noun):
    """The predicate or appositive noun a noun hangs below through prepositions, nouns and
    participles ("a firm serving the **industry**" → firm), else None."""
    node = noun
    for _ in range(6):
        if node.dep_ in ("attr", "appos") and node.i != noun.i and node.pos_ in ("NOUN", "PROPN"):
            return node
        if node.dep_ not in ("pobj", "prep", "dobj", "acl", "compound", "conj") or node.head.i == node.i:
            return None
        if node.pos_ == "VERB" and node.dep_ != "acl":
            return None
        node = node.head
    return None


#: Kinds of organization a description may end in, besides those :data:`~graph.mentions.ORG_NOUNS` names.
_MORE_ORG_KINDS = {"network", "team", "chain", "cooperative", "union", "operation"}


def _described_subject(ents: DocEntities, t) -> list:
    """ "Kijenge is a diversified agro-processing company based in Arusha", "YSC is a 501(c)(3)
    non-profit based in New York City": the subject of "is a …" whose description the participle
    ends. The small parser often mangles long descriptions, so the words are read in order: a
    name, "is"/"was" and an article, then words with no verb, clause or other name up to a noun
    right before the participle. A description naming a kind of company ("company", "provider")
    makes the name one, whatever NER said."""
    doc, sent = ents.doc, t.sent
    if t.tag_ != "VBN" or t.i < 3 or doc[t.i - 1].pos_ not in ("NOUN", "PROPN") or ents.at(doc[t.i - 1]) is not None:
        return []
    i = t.i - 1
    while i > sent.start and not (doc[i].lemma_ == "be" and doc[i + 1].lower_ in ("a", "an")):
        x = doc[i]
        m = ents.at(x)
        if (m is not None and m.type != "Place") or x.tag_ in ("VBD", "VBZ", "VBP", "MD") \
                or x.lower_ in ("that", "which", "who", ";", "and"):
            return []
        i -= 1
    if i <= sent.start:
        return []
    end = i - (doc[i - 1].text == ",")  # "Cheung Kong (Holdings) Limited, was a conglomerate"
    if doc[end - 1].text == ")":  # "Champions Soccer Radio Network (CSRN) is a radio network"
        end = next((x.i for x in reversed(doc[sent.start:end - 1]) if x.text == "("), end)
    if end <= sent.start:
        return []
    kind = doc[t.i - 1].lemma_.lower() in ORG_NOUNS | ORG_KIND_NOUNS | _MORE_ORG_KINDS
    m = ents.at(doc[end - 1]) or (ents.proper_name(doc[end - 1], "Organization") if kind else None)
    if m is None or m.end != end or m.kind != "name":
        return []
    return ents.as_organizations([m], strong=kind)


def _fronted(ents: DocEntities, t) -> Candidate | None:
    """ "Headquartered in McLean, Va., SAIC had …", "Founded in 1946 and headquartered in Michigan,
    Kelly Services is …": a participle before the main clause describes the main clause's subject.
    The small parser often mangles these, so the words are read in order: the first place after
    the participle, then an organization after a comma that a verb follows."""
    sent, doc = t.sent, ents.doc
    if t.tag_ != "VBN" or t.i + 1 >= sent.end or doc[t.i + 1].lower_ not in ("in", "at"):
        return None
    if any(ents.at(x) is not None and ents.at(x).type != "Place" for x in doc[sent.start:t.i]) or any(
            x.pos_ in ("VERB", "AUX") and x.tag_ != "VBN" for x in doc[sent.start:t.i]):
        return None  # a subject or a finite verb before the participle: not fronted
    place = None
    for x in doc[t.i + 1: sent.end]:
        m = ents.at(x)
        if x.pos_ in ("VERB", "AUX") and x.tag_ != "VBN":
            return None  # the main verb came before any organization
        if m is None or x.i != m.start:
            continue
        if place is None:
            if m.type != "Place":
                return None
            place = m
        elif m.type == "Organization" and doc[m.start - 1].text == ",":
            after = m.end
            if after < sent.end and doc[after].text == "(":  # "Kelly Services (NASDAQ: KELYA) is"
                after = next((y.i + 1 for y in doc[after:sent.end] if y.text == ")"), sent.end)
            if after < sent.end and doc[after].pos_ in ("VERB", "AUX"):
                return Candidate(m, "locatedIn", place, t, "fronted-headquartered", 0.8)
            return None
    return None


@triggered_by(mention_end=True)
def institution_in(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "a lecturer at the Technical College in Bandung", "the Mexican Fine Arts Museum in Chicago":
    an institution named with the town it stands in."""
    m = ents.at(t)
    doc = ents.doc
    if m is None or m.type != "Organization" or t.i != m.end - 1 or m.end + 1 >= t.sent.end \
            or doc[m.end].lower_ != "in" or ents.clusters[m.cluster].canonical:
        return
    if not any(w.lower() in INSTITUTION_WORDS for w in m.text.split()):
        return
    place = ents.at(doc[m.end + 1])
    if place is None or place.type != "Place" or place.start != m.end + 1:
        return
    yield Candidate(m, "locatedIn", place, t, "institution-in", 0.65)
