"""Relation rules over the dependency parse: one small function per phrasing family.

Each rule looks at one trigger token (a verb such as "acquire", a noun such
as "partnership" or "CEO") and its syntactic neighbours, and yields
:class:`Candidate` records naming the mentions at both ends. The arguments
come from :meth:`graph.mentions.DocEntities.resolve`, so a description ("the
solution provider") or a pronoun ("its") works like a name. Certainty and
negation are judged afterwards, from the trigger, by :mod:`graph.certainty`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import NamedTuple

from .mentions import DocEntities, Mention

__all__ = ["Candidate", "RULES", "candidates"]


class Candidate(NamedTuple):
    subject: Mention
    predicate: str
    object: Mention
    trigger: object  # spaCy Token
    rule: str
    confidence: float


PARTNER_NOUNS = {"partnership", "alliance", "collaboration", "cooperation", "pact", "tie-up",
                 "venture", "coalition", "relationship", "deal", "agreement", "partnering"}
DEAL_VERBS = {"sign", "strike", "ink", "reach", "announce", "form", "forge", "enter", "seal", "agree",
              "expand", "extend", "renew", "launch", "establish", "create", "set", "unveil"}
PARTNER_VERBS = {"partner", "team", "ally", "collaborate", "cooperate", "join", "work", "align"}
#: A company that sells or builds on another's products is its partner ("a channel partner of X").
CHANNEL_NOUNS = {"partner", "reseller", "distributor", "integrator"}
MEMBER_NOUNS = {"member", "members", "partner", "partners", "ally", "allies"}
RIVAL_NOUNS = {"rival", "competitor", "rivalry", "foe", "challenger", "adversary", "nemesis", "enemy"}
RIVAL_VERBS = {"compete", "rival", "chase", "battle", "fight", "challenge", "outsell"}
WAR_NOUNS = {"war", "wars", "battle", "fight", "competition", "race"}
LEAD_ROLES = {"ceo", "chief", "president", "chairman", "chairwoman", "chairperson", "chair",
              "founder", "co-founder", "cofounder", "head", "leader", "boss", "owner", "director-general"}
WORK_ROLES = LEAD_ROLES | {"executive", "officer", "cto", "cfo", "coo", "cio", "cmo", "vp", "svp", "evp",
                           "vice", "director", "manager", "engineer", "architect", "scientist",
                           "analyst", "employee", "professor", "researcher", "editor", "spokesman",
                           "spokeswoman", "spokesperson", "staffer", "developer", "designer",
                           "economist", "strategist", "lawyer", "counsel", "treasurer", "secretary",
                           "member", "fellow", "lecturer", "dean", "coach", "player",
                           "associate", "consultant", "advisor", "adviser", "attorney", "chef", "physician",
                           "surgeon", "teacher", "instructor", "curator", "trustee", "correspondent",
                           "reporter", "columnist", "producer", "programmer", "accountant", "banker"}
FORMER_MODS = {"former", "once", "ex", "ex-", "previously", "formerly", "onetime", "one-time", "erstwhile"}
FOUND_VERBS = {"found", "co-found", "cofound", "establish", "start", "create", "form", "launch", "set"}
LEAD_VERBS = {"lead", "head", "run", "chair", "helm", "manage", "direct"}
APPOINT_VERBS = {"appoint", "name", "promote", "elect", "hire", "tap", "choose", "select", "install"}
LEAVE_VERBS = {"leave", "depart", "quit", "exit", "resign", "retire", "oust", "fire", "dismiss",
               "sack", "remove", "step", "push", "force"}
JOIN_VERBS = {"join", "rejoin"}
ACQUIRE_VERBS = {"acquire", "buy", "purchase", "absorb", "take"}
ACQUIRE_NOUNS = {"acquisition", "purchase", "takeover", "buyout", "bid"}
TALK_NOUNS = {"talk", "talks", "negotiation", "negotiations", "discussion", "discussions"}
INVEST_VERBS = {"invest", "back", "fund", "finance", "bankroll"}
INVEST_NOUNS = {"investment", "stake", "funding"}
SUBSIDIARY_NOUNS = {"subsidiary", "unit", "division", "arm", "affiliate", "offshoot", "spin-off",
                    "spinoff", "brand", "imprint", "label"}
OWN_VERBS = {"own", "control"}
HQ_WORDS = {"headquarter", "headquartered", "base", "based", "locate", "located", "situate", "situated"}
PRODUCT_NOUNS = {"platform", "architecture", "prototype", "software", "product", "device", "phone",
                 "smartphone", "chip", "processor", "service", "system", "line", "family", "browser",
                 "engine", "model", "console", "app", "application", "suite", "database", "computer",
                 "laptop", "tablet", "player", "players", "language", "framework", "assistant"}
MAKER_NOUNS = {"maker", "manufacturer", "developer", "creator", "publisher", "designer", "producer"}
PRODUCT_VERBS = {"develop", "make", "release", "launch", "unveil", "introduce", "produce", "build",
                 "ship", "manufacture", "design", "create", "market", "sell", "debut"}


# -- argument helpers -------------------------------------------------------------

def _args(ents: DocEntities, token, *, follow_examples: bool = True, create: str | None = None) -> list[Mention]:
    """Mentions for the phrase headed by *token* and its conjuncts ("Apple, IBM, and Motorola").

    With *create*, a capitalized name NER missed becomes a mention of that type: the caller
    knows the slot takes only that kind of thing.
    """
    out: list[Mention] = []
    heads = [token] + [t for t in token.conjuncts if t.i != token.i]
    for head in heads:
        found = ents.resolve(head)
        if not found and create:
            made = ents.proper_name(head, create)
            found = [made] if made is not None else []
        if not found:
            found = _name_in_phrase(ents, head)
        if not found and follow_examples:
            found = _examples(ents, head)
        out.extend(found)
    # coordinated names share a type: "Rod Canion, Jim Harris, and Bill Murto" are all people
    people = [m for m in out if m.type == "Person"]
    if len(people) >= 2:
        for m in out:
            if (m.type == "Organization" and m.kind == "name" and not ents.clusters[m.cluster].canonical
                    and 2 <= len(m.text.split()) <= 3 and all(w[:1].isupper() for w in m.text.split())):
                ents.retype(m, "Person")
    seen, unique = set(), []
    for m in out:
        if m.cluster not in seen:
            seen.add(m.cluster)
            unique.append(m)
    return unique


def _name_in_phrase(ents: DocEntities, head) -> list[Mention]:
    """An appositive name heading a noun phrase: "the Chinese technology company Lenovo"."""
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and ents.at(child) is not None:
            return [ents.at(c) for c in [child] + list(child.conjuncts) if ents.at(c) is not None]
    return []


def _examples(ents: DocEntities, head) -> list[Mention]:
    """Names given as examples of a generic noun: "competitors such as Dell", "followers like X"."""
    out: list[Mention] = []
    for child in head.children:
        if child.dep_ == "prep" and (child.lower_ in ("like", "including", "as") or
                                     (child.lower_ == "as" and any(c.lower_ == "such" for c in head.children))):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(_args(ents, pobj, follow_examples=False))
        if child.dep_ == "amod" and child.lower_ == "such":
            for prep in child.children:
                if prep.lower_ == "as":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            out.extend(_args(ents, pobj, follow_examples=False))
    return out


def _children(token, *deps: str) -> list:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token, *preps: str) -> list:
    """Objects of the prepositions *preps* under *token*: "partner **of** X" → X."""
    out = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _subject(token) -> list:
    """The subject of the clause of *token*, climbing through xcomp, acl, relcl and coordination."""
    node = token
    for _ in range(8):
        subj = _children(node, "nsubj", "nsubjpass")
        if subj:
            return subj
        if node.dep_ == "relcl":
            return [_antecedent(node)]
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            node = node.head
            continue
        if node.head.i == node.i:
            return []
        node = node.head
    return []


def _antecedent(relcl):
    """What a relative clause is about: the noun just before its relativizer, else its head.

    The small parser often attaches relative clauses too high ("the solution … between the two
    powerhouses that have been rivals"), while the noun right before "that"/"who" is usually right.
    """
    rel = next((c for c in relcl.children if c.lower_ in ("that", "which", "who", "whom")
                and c.dep_ in ("nsubj", "nsubjpass", "mark", "dobj")), None)
    if rel is not None:
        i = rel.i - 1
        doc = relcl.doc
        while i >= 0 and doc[i].is_punct:
            i -= 1
        if i >= 0 and doc[i].pos_ in ("NOUN", "PROPN"):
            return doc[i]
    return relcl.head


def _clause_subject(ents: DocEntities, token) -> list[Mention]:
    out = []
    for s in _subject(token):
        if s.lower_ in ("that", "which", "who", "whom") and s.dep_.startswith("nsubj"):
            out.extend(_relative_antecedent(ents, s))
        else:
            out.extend(_args(ents, s))
    return out


def _relative_antecedent(ents: DocEntities, rel) -> list[Mention]:
    """The phrase a relative pronoun stands for: its clause's head, else the word just before it."""
    verb = rel.head
    if verb.dep_ == "relcl":
        found = _args(ents, verb.head)
        if found:
            return found
    i = rel.i - 1
    while i >= 0 and ents.doc[i].is_punct:
        i -= 1
    return _args(ents, ents.doc[i]) if i >= 0 else []


def _has_former(token) -> bool:
    return any(c.lower_ in FORMER_MODS for c in token.children) or token.lower_.startswith("ex-")


def _orgs(ms):
    return [m for m in ms if m.type == "Organization"]


def _people(ms):
    return [m for m in ms if m.type == "Person"]


def _places(ms):
    return [m for m in ms if m.type == "Place"]


def _products(ms):
    return [m for m in ms if m.type == "Product"]


def _pairs(ms, predicate, trigger, rule, conf) -> Iterator[Candidate]:
    for a, b in combinations(ms, 2):
        yield Candidate(a, predicate, b, trigger, rule, conf)


# -- partnersWith ---------------------------------------------------------------

def partner_noun(ents: DocEntities, t) -> Iterator[Candidate]:
    """"a partnership between A, B and C", "A's alliance with B", "A and B formed a venture",
    "A, a channel partner of B and C", "the partnership of A and B"."""
    lemma = t.lemma_.lower()
    if t.pos_ not in ("NOUN", "PROPN") or lemma not in PARTNER_NOUNS | CHANNEL_NOUNS:
        return
    weak = lemma in ("deal", "agreement", "relationship", "venture")
    sent_lemmas = {x.lemma_.lower() for x in t.sent}
    if weak and sent_lemmas & (ACQUIRE_VERBS | ACQUIRE_NOUNS | {"merger", "merge", "sell"}):
        return
    conf = 0.75 if weak else 0.85
    if lemma == "venture" and not any(c.lower_ == "joint" for c in t.children):
        return
    between = [m for o in _prep_objects(t, "between", "among") for m in _args(ents, o)]
    if not between:  # "a partnership from 1991 to the late 1990s between A, B and C": hung lower
        top = t.head if t.dep_ == "attr" else t
        for p in top.subtree:
            if p.dep_ == "prep" and p.lower_ in ("between", "among") and _noun_path(p, top):
                between += [m for o in p.children if o.dep_ == "pobj" for m in _args(ents, o)]
    if len(_orgs(between)) >= 2:
        members = _orgs(between)
        yield from _pairs(members, "partnersWith", t, "partner-between", conf)
        # "The AIM alliance was a partnership between ..." → each member partners with the alliance
        if t.dep_ in ("attr",):
            for alliance in _orgs(_clause_subject(ents, t.head)):
                for m in members:
                    yield Candidate(m, "partnersWith", alliance, t, "member-between", 0.7)
        return
    if lemma in CHANNEL_NOUNS:
        yield from _partner_of(ents, t)
        return
    with_ = [m for o in _prep_objects(t, "with") for m in _args(ents, o)]
    if not with_ and t.dep_ == "dobj" and t.head.lemma_.lower() in DEAL_VERBS:
        # "Samsung signed a multiyear deal with AMD": the parser hangs "with" on the verb
        with_ = [m for o in _prep_objects(t.head, "with") for m in _args(ents, o)]
    owners = [m for p in _children(t, "poss") for m in _args(ents, p)]
    owners += [m for c in _children(t, "compound") for m in ([ents.at(c)] if ents.at(c) else [])]
    if _orgs(with_):
        subj = _orgs(owners) or _orgs(_governing_subject(ents, t))
        for a in subj:
            for b in _orgs(with_):
                yield Candidate(a, "partnersWith", b, t, "partner-with", conf)
        return
    of = [m for o in _prep_objects(t, "of") for m in _args(ents, o)]
    if lemma in ("partnership", "alliance") and len(_orgs(of) + _maker_products(ents, of)) >= 2:
        yield from _pairs(_orgs(of) + _maker_products(ents, of), "partnersWith", t, "partnership-of", 0.8)
        return
    # "A and B are preparing a partnership": a coordinated subject
    subj = _orgs(_governing_subject(ents, t))
    if len(subj) >= 2 and not owners:
        yield from _pairs(subj, "partnersWith", t, "partners-coordinated", conf - 0.05)


def _noun_path(token, top) -> bool:
    """Whether *token* hangs below *top* through prepositions and nouns only (no clause between)."""
    node = token.head
    while node.i != top.i:
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head
    return True


def _maker_products(ents: DocEntities, ms: list[Mention]) -> list[Mention]:
    """Products that stand for their maker in an alliance ("Microsoft Windows and Intel")."""
    return [m for m in ms if m.type == "Product"]


def _governing_subject(ents: DocEntities, t) -> list[Mention]:
    """The subject of the verb a noun depends on: "**A** signed a deal with B"."""
    node = t
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ == "pobj" and node.head.head.lemma_.lower() in TALK_NOUNS:
        node = node.head.head  # "A and B are in talks about a partnership"
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            verb = node.head.head
            return _clause_subject(ents, verb) if verb.pos_ in ("VERB", "AUX") else []
    if node.dep_ in ("dobj", "attr", "oprd"):
        verb = node.head
    elif node.dep_ == "pobj" and node.head.dep_ == "prep":
        verb = node.head.head
    else:
        return []
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return _clause_subject(ents, verb)


def _partner_of(ents: DocEntities, t) -> Iterator[Candidate]:
    """"Heraflux, a channel partner of both VMware and Microsoft"; "X is a partner of Y";
    "X, a Microsoft Gold partner"; "X, a reseller of Cisco products"."""
    of = _orgs([m for o in _prep_objects(t, "of", "to", "for") for m in _args(ents, o) or _compound_names(ents, o)])
    if not of:
        of = _orgs(_compound_names(ents, t))
    if not of:
        return
    subj: list[Mention] = []
    if t.dep_ == "appos":
        subj = _orgs(_args(ents, t.head))
        if not subj:
            # the appositive was attached to a person; take the nearest organization before it
            subj = _nearest_org_before(ents, t)
    elif t.dep_ == "attr":
        subj = _orgs(_clause_subject(ents, t.head))
    for a in subj:
        for b in of:
            yield Candidate(a, "partnersWith", b, t, "partner-of", 0.85)


def _compound_names(ents: DocEntities, head) -> list[Mention]:
    """Names inside a noun phrase before its head: "a **Microsoft** Gold partner", "**Cisco** products"."""
    out = []
    for tok in ents.doc[head.left_edge.i: head.i]:
        m = ents.at(tok)
        if m is not None and m not in out and tok.i == m.end - 1:
            out.append(m)
    return out


def _nearest_org_before(ents: DocEntities, t) -> list[Mention]:
    """The nearest organization named before *t* in its sentence, passing over places."""
    for i in range(t.i - 1, t.sent.start - 1, -1):
        m = ents.at(ents.doc[i])
        if m is not None and m.type != "Place":
            return [m] if m.type == "Organization" else []
    return []


def partner_verb(ents: DocEntities, t) -> Iterator[Candidate]:
    """"A partnered with B", "A teamed up with B", "A and B joined forces", "A works with B"."""
    lemma = t.lemma_.lower()
    if t.pos_ != "VERB" or lemma not in PARTNER_VERBS:
        return
    if lemma == "join" and not any(c.lemma_.lower() == "force" for c in t.children):
        return
    if lemma == "team" and not any(c.lower_ == "up" for c in t.children):
        return
    if lemma == "work" and not any(c.lower_ == "together" for c in t.children) and not _prep_objects(t, "with"):
        return
    subj = _orgs(_clause_subject(ents, t))
    others = _orgs([m for o in _prep_objects(t, "with", "alongside") for m in _args(ents, o)])
    if lemma == "work" and others and not any(c.lower_ in ("together", "closely") for c in t.children):
        return  # "works with" alone is too weak
    if others:
        for a in subj:
            for b in others:
                yield Candidate(a, "partnersWith", b, t, "partner-verb", 0.85)
    elif len(subj) >= 2:
        yield from _pairs(subj, "partnersWith", t, "partner-verb-coordinated", 0.8)
    else:
        # "Microsoft rejected VMware's offer to work together": the offer's owner and the subject
        if t.dep_ in ("acl", "xcomp") and t.head.pos_ == "NOUN":
            owners = _orgs([m for p in _children(t.head, "poss") for m in _args(ents, p)])
            for a in _orgs(_governing_subject(ents, t.head)):
                for b in owners:
                    yield Candidate(a, "partnersWith", b, t, "partner-offer", 0.7)


def members(ents: DocEntities, t) -> Iterator[Candidate]:
    """"Its member firms included A, B, C", "A is a member of the X Alliance", "A joined the X consortium"."""
    lemma = t.lemma_.lower()
    if lemma == "include" and t.pos_ == "VERB":
        for s in _children(t, "nsubj"):
            if s.lemma_.lower() in ("member", "firm", "company", "partner") or any(
                    c.lemma_.lower() == "member" for c in s.children):
                owners = _orgs([m for p in _children(s, "poss") for m in _args(ents, p)] +
                               [m for o in _prep_objects(s, "of") for m in _args(ents, o)])
                for obj in _children(t, "dobj"):
                    for m in _orgs(_args(ents, obj)):
                        for alliance in owners:
                            yield Candidate(m, "partnersWith", alliance, t, "members-include", 0.85)
    if lemma == "member" and t.pos_ == "NOUN" and t.dep_ == "attr":
        groups = _orgs([m for o in _prep_objects(t, "of") for m in _args(ents, o)])
        for a in _orgs(_clause_subject(ents, t.head)):
            for g in groups:
                yield Candidate(a, "partnersWith", g, t, "member-of", 0.8)


# -- rivalOf --------------------------------------------------------------------

def rival_noun(ents: DocEntities, t) -> Iterator[Candidate]:
    """"A and B have been bitter rivals", "A is a competitor to B", "competitors such as C"."""
    lemma = t.lemma_.lower()
    if lemma not in RIVAL_NOUNS or (t.pos_ not in ("NOUN", "PROPN") and t.dep_ != "amod"):
        return  # ("Oracle's rival SAP": the small model often tags "rival" an adjective)
    others = _orgs_or_products([m for o in _prep_objects(t, "of", "to", "for", "against", "with")
                                for m in _args(ents, o)])
    examples = _orgs_or_products(_examples(ents, t))
    owners = _orgs_or_products([m for p in _children(t, "poss") for m in _args(ents, p)])
    if t.dep_ in ("attr",):
        subj = _orgs_or_products(_clause_subject(ents, t.head))
        others = others or owners  # "Google is Microsoft's biggest rival"
        if others:
            for a in subj:
                for b in others:
                    yield Candidate(a, "rivalOf", b, t, "rival-of", 0.85)
        elif len(subj) >= 2:
            yield from _pairs(subj, "rivalOf", t, "rivals-coordinated", 0.85)
        return
    if t.dep_ == "appos":
        subj = _orgs_or_products(_args(ents, t.head))
        if not (others or owners) and len(subj) >= 2:  # "Intel and AMD, longtime rivals, …"
            yield from _pairs(subj, "rivalOf", t, "rivals-appos", 0.8)
        for a in subj:
            for b in others or owners:
                yield Candidate(a, "rivalOf", b, t, "rival-appos", 0.8)
        return
    if examples:
        subj = _orgs_or_products(_clause_subject(ents, t))
        for a in subj:
            for b in examples:
                yield Candidate(a, "rivalOf", b, t, "rival-examples", 0.75)
        return
    named = [ents.at(c) for c in t.children if c.dep_ in ("appos", "compound") and ents.at(c)]
    if t.dep_ in ("compound", "amod") and ents.at(t.head) is not None:  # "Oracle's rival SAP"
        named.append(ents.at(t.head))
        owners = owners or _orgs_or_products([m for p in _children(t.head, "poss") for m in _args(ents, p)])
    for a in owners:
        for b in _orgs_or_products(named) + others:
            yield Candidate(a, "rivalOf", b, t, "rival-poss", 0.8)


def _orgs_or_products(ms):
    return [m for m in ms if m.type in ("Organization", "Product")]


def rival_verb(ents: DocEntities, t) -> Iterator[Candidate]:
    """"A competes with B", "A is being chased by B and C", "price wars against B"."""
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and lemma in RIVAL_VERBS:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
        subj = _orgs_or_products(_clause_subject(ents, t))
        if passive:
            objs = [m for o in _prep_objects(t, "by") for m in _args(ents, o)]
        else:
            objs = [m for o in _children(t, "dobj") for m in _args(ents, o)]
            objs += [m for o in _prep_objects(t, "with", "against") for m in _args(ents, o)]
        objs = _orgs_or_products(objs)
        if objs:
            for a in subj:
                for b in objs:
                    yield Candidate(a, "rivalOf", b, t, "rival-verb", 0.8)
        elif lemma == "compete" and len(subj) >= 2:
            yield from _pairs(subj, "rivalOf", t, "rival-verb-coordinated", 0.75)
    elif t.pos_ == "NOUN" and lemma in WAR_NOUNS:
        preps = [p for p in t.children if p.dep_ == "prep" and p.lower_ == "against"]
        if not preps and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "against":
            preps = [t.nbor(1)]  # "price wars against Dell", the prep hung on the verb
        against = _orgs([m for p in preps for o in p.children if o.dep_ == "pobj" for m in _args(ents, o)])
        if against:
            for a in _orgs(_clause_subject(ents, t)):
                for b in against:
                    yield Candidate(a, "rivalOf", b, t, "rival-war", 0.75)


# -- ledBy, worksAt, formerlyAt ---------------------------------------------------

def _role_org(ents: DocEntities, role) -> list[Mention]:
    """The organization of a role noun: "CEO **of X**", "**X**'s founder", "a **VMware** executive"."""
    orgs = ents.as_organizations([m for o in _prep_objects(role, "of", "at", "for", "with")
                                  for m in _args(ents, o, create="Organization")])
    if not orgs:
        orgs = _orgs([m for p in _children(role, "poss") for m in _args(ents, p)])
    if not orgs:
        for c in role.children:
            if c.dep_ in ("compound", "nmod", "amod") and ents.at(c) is not None:
                orgs = _orgs([ents.at(c)])
                if orgs:
                    break
    if not orgs:
        for c in role.children:  # "chief executive officer of X": the role's compounds carry the prep
            if c.dep_ == "compound":
                orgs = _orgs([m for o in _prep_objects(c, "of", "at") for m in _args(ents, o)])
                if orgs:
                    break
    return orgs


def _role_kind(role) -> str | None:
    """"lead" for CEO/founder/president/chief executive, "work" for other jobs, else None.

    A chairman heads a board rather than the company, and a vice or deputy leads nothing.
    """
    mods = {c.lower_ for c in role.children if c.dep_ in ("compound", "amod", "nmod")}
    words = {role.lower_, role.lemma_.lower()} | mods
    if words & {"vice", "deputy", "assistant", "associate", "non-executive", "honorary"}:
        return "work" if role.lemma_.lower() in WORK_ROLES or words & WORK_ROLES else None
    if role.lower_ in ("president", "ceo", "founder", "co-founder", "cofounder") \
            or words & {"ceo", "founder", "co-founder", "cofounder"}:
        return "lead"
    if role.lemma_.lower() in ("executive", "officer") and words & {"chief"} and (
            role.lemma_.lower() == "executive" or words & {"executive"}):
        return "lead"  # a chief executive (officer) leads; a chief operating officer does not
    if role.lower_ in ("head", "leader", "boss", "chief") and role.dep_ != "compound":
        return "lead"
    if role.lemma_.lower() in WORK_ROLES or words & WORK_ROLES:
        return "work"
    return None


def _role_nouns(t) -> list:
    """The role noun and its coordinated roles: "the CEO and creator"."""
    return [t] + [c for c in t.conjuncts if c.i != t.i]


def _emit_role(person: Mention, role, orgs: list[Mention], kind: str, former: bool, rule: str,
               conf: float) -> Iterator[Candidate]:
    for org in orgs:
        if kind == "lead":
            yield Candidate(org, "ledBy", person, role, rule, conf)
        if former:
            yield Candidate(person, "formerlyAt", org, role, rule, conf)
        else:
            yield Candidate(person, "worksAt", org, role, rule, conf - 0.05)


def role_appos(ents: DocEntities, t) -> Iterator[Candidate]:
    """"Kenneth Ziegler, CEO of Logicworks", "Ray Blanchard, once a VMware executive",
    "X, the company's founder and chief architect", "X is the CEO of Y", "X (president and CEO)"."""
    if t.pos_ not in ("NOUN", "PROPN") or _role_kind(t) is None:
        return
    if ents.at(t) is not None and ents.at(t).type != "Organization":
        return
    people: list[Mention] = []
    anchor = t
    while anchor.dep_ == "conj":
        anchor = anchor.head
        if _role_kind(anchor) is not None and ents.at(anchor) is None:
            return  # handled from the first role
    if anchor.i != t.i:
        t_dep, t_head = anchor.dep_, anchor.head
    else:
        t_dep, t_head = t.dep_, t.head
    if t_dep == "appos":
        people = ents.as_people(_args(ents, t_head))
    elif t_dep in ("attr", "oprd"):
        people = ents.as_people(_clause_subject(ents, t_head) if t_dep == "attr" else
                                [m for s in _children(t_head, "nsubj", "nsubjpass", "dobj") for m in _args(ents, s)])
    elif t_dep == "pobj" and t_head.lower_ == "as":  # "served as CEO of X"
        people = ents.as_people(_clause_subject(ents, t_head.head))
    if False:
        people = _people(_args(ents, t.head))
    elif t.dep_ in ("attr", "oprd"):
        people = _people(_clause_subject(ents, t.head) if t.dep_ == "attr" else
                         [m for s in _children(t.head, "nsubj", "nsubjpass", "dobj") for m in _args(ents, s)])
    elif t.dep_ == "pobj" and t.head.lower_ == "as":  # "served as CEO of X"
        people = _people(_clause_subject(ents, t.head.head))
    if not people:
        return
    roles = [r for r in _role_nouns(t) if _role_kind(r) is not None or r.lemma_.lower() == "creator"]
    former = any(_has_former(r) for r in roles)
    # "CEO of A and Director at B": each role with its own organization; "the CEO and creator
    # of the company": a role without one shares the next role's
    orgs_of = [_role_org(ents, r) for r in roles]
    for k, r in enumerate(roles):
        orgs = orgs_of[k] or next((o for o in orgs_of[k + 1:] if o), [])
        kind = _role_kind(r)
        if not orgs or kind is None:
            continue
        for person in people:
            yield from _emit_role(person, r, orgs, kind, former or _has_former(r), "role-" + t_dep, 0.85)


def role_title(ents: DocEntities, t) -> Iterator[Candidate]:
    """"Apple CEO Steve Jobs", "former Texas Instruments manager Bill Murto": a role before a name."""
    m = ents.at(t)
    if m is None or m.type != "Person" or t.i != m.end - 1:
        return
    # compounds left of the name: [ORG] [former] ROLE words
    i = m.start - 1
    role_tokens = []
    doc = ents.doc
    while i >= t.sent.start and ents.at(doc[i]) is None and (
            doc[i].dep_ in ("compound", "amod", "nmod") or doc[i].lower_ in _TITLE_WORDS
            or (doc[i].lower_ in ("and", "&") and role_tokens)):
        if doc[i].lower_ not in ("and", "&"):
            role_tokens.append(doc[i])
        i -= 1
    if i >= t.sent.start and doc[i].tag_ == "POS":  # "MedStar Health's President and CEO Ken Samet"
        i -= 1
    if not role_tokens or i < t.sent.start:
        return
    org = ents.at(doc[i])
    if org is None or org.type != "Organization":
        return
    kind = "lead" if any(_role_kind(r) == "lead" for r in role_tokens) else (
        "work" if any(_role_kind(r) for r in role_tokens) else None)
    if kind is None:
        return
    former = any(r.lower_ in FORMER_MODS for r in role_tokens) or (
        i - 1 >= 0 and doc[i - 1].lower_ in FORMER_MODS) or (  # "Ex-Google engineer"
        i - 2 >= 0 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "ex")
    yield from _emit_role(m, role_tokens[-1], [org], kind, former, "role-title", 0.85)


_TITLE_WORDS = LEAD_ROLES | WORK_ROLES | {"executive", "officer", "senior", "general", "managing"}


def former_role(ents: DocEntities, t) -> Iterator[Candidate]:
    """"Rod Canion, Jim Harris, and Bill Murto, all of whom were former Texas Instruments managers"."""
    if t.dep_ != "attr" or not _has_former(t) or _role_kind(t) is None:
        return
    subj = _children(t.head, "nsubj")
    if not subj or t.head.dep_ != "relcl":
        return
    people = _people(_args(ents, t.head.head))
    orgs = _role_org(ents, t)
    for p in people:
        for o in orgs:
            yield Candidate(p, "formerlyAt", o, t, "former-relcl", 0.8)


def founded(ents: DocEntities, t) -> Iterator[Candidate]:
    """"X was founded by A and B", "A founded X", "Founded by A, …", "X is led by A"."""
    lemma = t.lemma_.lower()
    if lemma.startswith("co-found"):
        lemma = "found"
    if t.pos_ != "VERB" or lemma not in FOUND_VERBS | LEAD_VERBS:
        return
    if lemma in ("set",) and not any(c.lower_ == "up" for c in t.children):
        return
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) or (
        t.tag_ == "VBN" and _prep_objects(t, "by"))
    if passive:
        agents = [m for o in _prep_objects(t, "by") for m in _args(ents, o)]
        base = t
        while base.dep_ == "conj":
            base = base.head
        if base.dep_ == "acl":  # "Maveron, a firm based in Seattle and co-founded by A"
            targets = _orgs(_args(ents, base.head))
        elif lemma in FOUND_VERBS and _people(agents):
            targets = ents.as_organizations(_clause_subject(ents, t))
        else:
            targets = _orgs(_clause_subject(ents, t))
        if not targets and t.dep_ in ("ROOT", "advcl") and not _subject(t):
            targets = _orgs(ents.topic(t))  # a fragment: "Founded by A in 1984 …"
        for org in targets:
            for p in ents.as_people(agents):
                yield Candidate(org, "ledBy", p, t, "founded-by", 0.85)
                if lemma in LEAD_VERBS:  # "X is led by chief executive officer A": A works there
                    yield Candidate(p, "worksAt", org, t, "led-by", 0.75)
            if lemma in LEAD_VERBS:  # "a consortium led by Google"
                for a in _orgs(agents):
                    yield Candidate(a, "partnersWith", org, t, "consortium-led-by", 0.75)
    else:
        people = ents.as_people(_clause_subject(ents, t))
        objs = _orgs([m for o in _children(t, "dobj") for m in _args(ents, o)])
        if lemma in FOUND_VERBS and people:
            objs = ents.as_organizations([m for o in _children(t, "dobj")
                                          for m in _args(ents, o, create="Organization")])
        for org in objs:
            for p in people:
                yield Candidate(org, "ledBy", p, t, "founded", 0.85 if lemma in FOUND_VERBS else 0.75)


def appointed(ents: DocEntities, t) -> Iterator[Candidate]:
    """"which saw Eckhard Pfeiffer appointed president and CEO", "X named A its CEO"."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in APPOINT_VERBS:
        return
    roles = [c for c in t.children if c.dep_ in ("oprd", "attr", "xcomp", "dobj")
             and _role_kind(c) is not None and ents.at(c) is None]
    roles += [pobj for pobj in _prep_objects(t, "as", "to") if _role_kind(pobj)]
    if not roles:
        return
    people = _people([m for c in _children(t, "nsubjpass", "nsubj", "dobj") for m in _args(ents, c)])
    people = [p for p in people if p.type == "Person"]
    role = roles[0]
    orgs = []
    for r in _role_nouns(role):
        orgs = orgs or _role_org(ents, r)
    if not orgs:
        orgs = _orgs([m for c in _children(t, "nsubj") for m in _args(ents, c)])
    if not orgs:
        orgs = _orgs(ents.topic(t))
    kind = "lead" if any(_role_kind(r) == "lead" for r in _role_nouns(role)) else "work"
    for p in people:
        yield from _emit_role(p, role, orgs, kind, False, "appointed", 0.75)


def left(ents: DocEntities, t) -> Iterator[Candidate]:
    """"Murto departed Compaq", "Canion and Harris left", "A was ousted by the board of HP"."""
    lemma = t.lemma_.lower()
    if t.pos_ != "VERB" or lemma not in LEAVE_VERBS:
        return
    if lemma in ("step",) and not any(c.lower_ == "down" for c in t.children):
        return
    if lemma in ("push", "force") and not any(c.lower_ == "out" for c in t.children):
        return
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    if lemma in ("oust", "fire", "dismiss", "sack", "remove", "push", "force") and not passive:
        people = _people([m for o in _children(t, "dobj") for m in _args(ents, o)])
        orgs = _orgs(_clause_subject(ents, t))
    else:
        people = _people(_clause_subject(ents, t))
        orgs = _orgs([m for o in _children(t, "dobj") for m in _args(ents, o)])
        orgs += _orgs([m for o in _prep_objects(t, "from", "as", "at") for m in _args(ents, o)])
        if passive:  # "ousted by the board of directors of HP"
            for agent in _prep_objects(t, "by"):
                orgs += _orgs(_args(ents, agent)) or _orgs(
                    [m for x in agent.subtree if ents.at(x) is not None and _noun_path(x, agent)
                     for m in [ents.at(x)]])
    conf = 0.8
    if not orgs and people:
        orgs, conf = _orgs(ents.topic(t)), 0.65
    for p in people:
        for o in orgs:
            yield Candidate(p, "formerlyAt", o, t, "left", conf)


def joined(ents: DocEntities, t) -> Iterator[Candidate]:
    """"A joined X from Y", "A works at X", "A previously worked at Y"."""
    lemma = t.lemma_.lower()
    if t.pos_ != "VERB":
        return
    people = _people(_clause_subject(ents, t)) if lemma in JOIN_VERBS | {"work", "serve"} else []
    if not people:
        return
    if lemma in JOIN_VERBS:
        roles = [r for r in _prep_objects(t, "as") if _role_kind(r)]
        lead = any(_role_kind(x) == "lead" for r in roles for x in _role_nouns(r))
        for o in ents.as_organizations([m for d in _children(t, "dobj") for m in _args(ents, d, create="Organization")]):
            for p in people:
                yield Candidate(p, "worksAt", o, t, "joined", 0.75)
                if lead:  # "Simon joined ip.access as Chief Executive Officer"
                    yield Candidate(o, "ledBy", p, t, "joined-as", 0.8)
        for o in _orgs([m for d in _prep_objects(t, "from") for m in _args(ents, d)]):
            for p in people:
                yield Candidate(p, "formerlyAt", o, t, "joined-from", 0.8)
    elif lemma == "serve" and not _prep_objects(t, "as"):  # "Yefremov served in the Soviet Army"
        for o in _orgs([m for d in _prep_objects(t, "in", "with", "at", "on") for m in _args(ents, d)]):
            for p in people:
                yield Candidate(p, "worksAt", o, t, "served-in", 0.65)
    elif lemma == "work":
        former = _has_former(t) or t.tag_ == "VBD" and any(c.lower_ in FORMER_MODS for c in t.children)
        for o in _orgs([m for d in _prep_objects(t, "at", "for") for m in _args(ents, d)]):
            for p in people:
                yield Candidate(p, "formerlyAt" if former else "worksAt", o, t, "works-at", 0.75)


# -- locatedIn ------------------------------------------------------------------

def based(ents: DocEntities, t) -> Iterator[Candidate]:
    """"a New York City-based partner", "X is headquartered in Y", "Headquartered in Y, it …",
    "X's headquarters are in Y", "X is based in Y", "Their company is in Round Rock, Texas"."""
    lemma = t.lemma_.lower()
    lower = t.lower_
    if lower == "based" and t.i > 0 and ents.doc[t.i - 1].text in ("-", "–"):
        place = ents.at(ents.doc[t.i - 2]) if t.i >= 2 else None
        if place is None or place.type != "Place":
            return
        head = t.head
        orgs = _orgs(_args(ents, head))
        if not orgs and head.dep_ == "appos":
            orgs = _orgs(_args(ents, head.head)) or _nearest_org_before(ents, head)
        if not orgs and head.dep_ == "compound":
            orgs = _orgs(_args(ents, head.head))
        for o in orgs:
            yield Candidate(o, "locatedIn", place, t, "x-based", 0.9)
        return
    if lemma in HQ_WORDS or lower in HQ_WORDS:
        places = _places([m for o in _prep_objects(t, "in", "at") for m in _subtree_places(ents, o)])
        if not places:
            return
        strong = lemma.startswith("headquarter")  # people are based somewhere, never headquartered
        if t.dep_ in ("advcl",) or (t.dep_ == "acl" and t.head.pos_ in ("VERB", "AUX")):
            orgs = ents.as_organizations(_clause_subject(ents, t.head), strong=strong)
        elif t.dep_ == "acl":
            orgs = ents.as_organizations(_args(ents, t.head), strong=strong)
        else:
            orgs = ents.as_organizations(_clause_subject(ents, t), strong=strong)
        direct = _places([m for o in _prep_objects(t, "in", "at") for m in _args(ents, o)])
        for o in orgs:
            for place in direct or places[:1]:
                yield Candidate(o, "locatedIn", place, t, "headquartered-in", 0.85)
        return
    if t.pos_ == "NOUN" and (lemma in ("headquarters", "hq") or (
            lemma == "office" and any(c.lower_ in ("head", "main") for c in t.children))):
        places = _places([m for o in _prep_objects(t, "in", "at") for m in _subtree_places(ents, o)])
        if not places and t.dep_ == "nsubj":
            places = _places([m for o in _prep_objects(t.head, "in", "at") for m in _subtree_places(ents, o)])
        owners = _orgs([m for p in _children(t, "poss") for m in _args(ents, p)])
        if not owners and t.dep_ in ("dobj", "pobj"):
            owners = _orgs(_clause_subject(ents, t.head if t.dep_ == "dobj" else t.head.head))
        for o in owners:
            for pl in places[:1]:
                yield Candidate(o, "locatedIn", pl, t, "headquarters-in", 0.8)
        return
    if lemma == "be" and _prep_objects(t, "at", "with"):  # "Mary Major was previously at Facebook"
        people = _people(_clause_subject(ents, t))
        orgs = _orgs([m for o in _prep_objects(t, "at", "with") for m in _args(ents, o)])
        former = any(c.lower_ in FORMER_MODS for c in t.children)
        if people and orgs and (former or t.tag_ in ("VBZ", "VBP")):
            for p in people:
                for o in orgs:
                    yield Candidate(p, "formerlyAt" if former else "worksAt", o, t, "is-at", 0.7)
    if lemma == "be" and t.dep_ == "ROOT":  # "Their company is in Round Rock, Texas"
        ins = _prep_objects(t, "in")
        places = _places([m for o in ins for m in ([ents.at(o)] if ents.at(o) else [])])
        if places:
            for o in _orgs(_clause_subject(ents, t)):
                yield Candidate(o, "locatedIn", places[0], t, "is-in", 0.7)


def backed(ents: DocEntities, t) -> Iterator[Candidate]:
    """"the Microsoft-backed startup OpenAI", "SoftBank-owned Arm"."""
    if t.lower_ not in ("backed", "owned", "funded", "controlled") or t.i < 2 or t.nbor(-1).text != "-":
        return
    owner = ents.at(t.nbor(-2))
    if owner is None or owner.type != "Organization":
        return
    targets = _orgs(_args(ents, t.head))
    if not targets and t.head.dep_ == "compound":
        targets = _orgs(_args(ents, t.head.head))
    for target in targets:
        if t.lower_ in ("backed", "funded"):
            yield Candidate(owner, "investedIn", target, t, "x-backed", 0.8)
        else:
            yield Candidate(target, "subsidiaryOf", owner, t, "x-owned", 0.8)


def _subtree_places(ents: DocEntities, token) -> list[Mention]:
    out = []
    for t in token.subtree:
        m = ents.at(t)
        if m is not None and m.type == "Place" and m not in out:
            out.append(m)
    return out


# -- acquired, investedIn, subsidiaryOf ------------------------------------------

def acquire(ents: DocEntities, t) -> Iterator[Candidate]:
    """"A acquired B", "B was acquired by A", "A agreed to buy B", "A's acquisition of B",
    "the acquisition of B by A", "A sold B to C"."""
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and lemma in ACQUIRE_VERBS:
        if lemma == "take" and not any(c.lower_ == "over" for c in t.children):
            return
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
        if passive:
            buyers = [m for o in _prep_objects(t, "by") for m in _args(ents, o)]
            targets = _clause_subject(ents, t)
        else:
            buyers = _clause_subject(ents, t)
            targets = [m for o in _children(t, "dobj") for m in _args(ents, o)]
        for a in _orgs(buyers):
            for b in _orgs_or_products(targets):
                yield Candidate(a, "acquired", b, t, "acquire-verb", 0.85)
    elif t.pos_ == "VERB" and lemma == "sell":
        sellers_obj = [m for o in _children(t, "dobj") for m in _args(ents, o)]
        buyers = [m for o in _prep_objects(t, "to") for m in _args(ents, o)]
        for a in _orgs(buyers):
            for b in _orgs_or_products(sellers_obj):
                yield Candidate(a, "acquired", b, t, "sold-to", 0.75)
    elif t.pos_ == "NOUN" and lemma in ACQUIRE_NOUNS:
        targets = [m for o in _prep_objects(t, "of" if lemma != "bid" else "for") for m in _args(ents, o)]
        buyers = [m for o in _prep_objects(t, "by") for m in _args(ents, o)]
        buyers = buyers or [m for p in _children(t, "poss") for m in _args(ents, p)]
        if not buyers and targets:
            buyers = _governing_subject(ents, t)
        for a in _orgs(buyers):
            for b in _orgs_or_products(targets):
                yield Candidate(a, "acquired", b, t, "acquisition-of", 0.8)


def invest(ents: DocEntities, t) -> Iterator[Candidate]:
    """"A invested in B", "B is backed by A", "A took a stake in B"."""
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and lemma in INVEST_VERBS:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) or t.dep_ == "acl"
        if passive:
            investors = [m for o in _prep_objects(t, "by") for m in _args(ents, o)]
            targets = _clause_subject(ents, t) if t.dep_ != "acl" else _args(ents, t.head)
        else:
            investors = _clause_subject(ents, t)
            targets = [m for o in _prep_objects(t, "in") for m in _args(ents, o)]
            for amount in _children(t, "dobj"):  # "invest $10 billion in OpenAI"
                targets += [m for o in _prep_objects(amount, "in") for m in _args(ents, o)]
            if lemma != "invest":
                targets += [m for o in _children(t, "dobj") for m in _args(ents, o)]
        for a in investors:
            if a.type not in ("Organization", "Person"):
                continue
            for b in _orgs(targets):
                yield Candidate(a, "investedIn", b, t, "invest-verb", 0.8)
    elif t.pos_ == "NOUN" and lemma in INVEST_NOUNS and lemma != "stake":
        targets = _orgs([m for o in _prep_objects(t, "in") for m in _args(ents, o)])
        investors = [m for p in _children(t, "poss") for m in _args(ents, p)] or _governing_subject(ents, t)
        for a in investors:
            if a.type in ("Organization", "Person"):
                for b in targets:
                    yield Candidate(a, "investedIn", b, t, "investment-in", 0.75)


def subsidiary(ents: DocEntities, t) -> Iterator[Candidate]:
    """"X is a subsidiary of Y", "X, a unit of Y", "Y's subsidiary X", "X is owned by Y",
    "Y is the parent company of X", "Y and its subsidiary X", "Y owns X"."""
    lemma = t.lemma_.lower()
    if t.pos_ == "NOUN" and lemma == "parent" or (lemma == "company" and any(
            c.lower_ == "parent" for c in t.children)):
        if t.dep_ == "compound":
            return
        children = ents.as_organizations([m for o in _prep_objects(t, "of", "to", "for") for m in _args(ents, o)])
        owners = [m for p in _children(t, "poss") for m in _args(ents, p)]
        if t.dep_ == "attr":
            parents = ents.as_organizations(_clause_subject(ents, t.head))
            children = children or ents.as_organizations(owners)
        elif t.dep_ == "appos":
            parents = ents.as_organizations(_args(ents, t.head))
            children = children or ents.as_organizations(owners)
        else:  # "Parent X is controlled by …", "X's parent company Y"
            parents = ents.as_organizations([m for c in _children(t, "appos") for m in _args(ents, c)])
            children = children or ents.as_organizations(owners)
        for c in children:
            for p in parents:
                yield Candidate(c, "subsidiaryOf", p, t, "parent-of", 0.8)
        return
    if t.pos_ in ("NOUN", "PROPN") and lemma in SUBSIDIARY_NOUNS:
        owners = ents.as_organizations([m for p in _children(t, "poss") for m in _args(ents, p)])
        named = [ents.at(c) for c in t.children if c.dep_ in ("appos", "compound", "nmod") and ents.at(c)]
        if owners and named and lemma in ("subsidiary", "unit", "division", "arm", "affiliate"):
            # "its subsidiary AFCO", "its X subsidiary", "Alphabet's Waymo unit"
            for c in ents.as_organizations(named):
                for p in owners:
                    yield Candidate(c, "subsidiaryOf", p, t, "poss-subsidiary", 0.8)
            return
        parents = ents.as_organizations([m for o in _prep_objects(t, "of") for m in _args(ents, o)])
        if not parents:
            parents = owners
        if not parents:
            return
        if t.dep_ == "attr":
            children = ents.as_organizations(_clause_subject(ents, t.head))
        elif t.dep_ == "appos":
            children = _orgs(_args(ents, t.head))
        elif t.dep_ in ("nsubj", "npadvmod", "dep", "ROOT"):
            children = [m for m in _orgs(_args(ents, t.head)) if m not in parents]
            if not children:  # fronted: "A regional subsidiary of Y, X supplies …"
                children = _orgs([m for c in _children(t, "appos") for m in _args(ents, c)])
        else:
            children = _orgs([m for c in _children(t, "appos") for m in _args(ents, c)])
        for c in children:
            for p in parents:
                yield Candidate(c, "subsidiaryOf", p, t, "subsidiary-of", 0.85)
    elif t.pos_ == "VERB" and lemma in OWN_VERBS:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) or t.dep_ == "acl" or (
            t.dep_ == "acomp" and _prep_objects(t, "by"))  # "which is majority-owned by SoftBank"
        if passive:
            owners = _orgs([m for o in _prep_objects(t, "by") for m in _args(ents, o)])
            if t.dep_ == "acl":
                owned = _orgs(_args(ents, t.head))
            else:
                owned = ents.as_organizations([m for s in _subject(t) for m in (
                    _relative_antecedent(ents, s) if s.lower_ in ("which", "that") else
                    _args(ents, s, create="Organization"))])
        else:  # "Geeknet owns the online retailer ThinkGeek"
            owners = _orgs(_clause_subject(ents, t))
            owned = _orgs([m for o in _children(t, "dobj") for m in _args(ents, o)])
        for c in owned:
            for p in owners:
                yield Candidate(c, "subsidiaryOf", p, t, "owned-by", 0.8)


# -- productOf ------------------------------------------------------------------

def product(ents: DocEntities, t) -> Iterator[Candidate]:
    """"Apple's Mac", "IBM's POWER architecture", "A developed the Android operating system",
    "product lines from Sun (e.g. SPARC Enterprise and Java)"."""
    m = ents.at(t)
    if m is not None and m.type == "Product" and t.i == m.end - 1:
        head = t if t.dep_ != "compound" else t.head
        owners = _orgs([mm for p in _children(head, "poss") for mm in _args(ents, p)])
        for o in owners:
            yield Candidate(m, "productOf", o, t, "product-poss", 0.8)
        for c in t.children:  # "MySQL, Sun's competitor to the Oracle Database"
            if c.dep_ == "appos" and ents.at(c) is None:
                for o in _orgs([mm for p in _children(c, "poss") for mm in _args(ents, p)]):
                    yield Candidate(m, "productOf", o, c, "product-appos", 0.75)
        return
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and lemma in PRODUCT_VERBS:
        makers = _orgs(_clause_subject(ents, t))
        objs = []
        for d in _children(t, "dobj"):
            objs += _products(_args(ents, d))
            objs += _products([ents.at(c) for c in d.children if c.dep_ == "compound" and ents.at(c)])
            objs += _products([mm for o in _prep_objects(d, "of", "with", "called", "named") for mm in _args(ents, o)])
            for acl in _children(d, "acl"):
                objs += _products([mm for o in _children(acl, "oprd", "attr", "dobj") for mm in _args(ents, o)])
        objs += _products([mm for o in _prep_objects(t, "with") for mm in _args(ents, o)])
        for p in objs:
            for o in makers:
                yield Candidate(p, "productOf", o, t, "makes", 0.75)
    if t.pos_ == "NOUN" and lemma in MAKER_NOUNS and t.dep_ in ("appos", "attr"):
        # "Nvidia, the maker of GeForce graphics cards"; "X is the developer of Y"
        makers = _orgs(_args(ents, t.head) if t.dep_ == "appos" else _clause_subject(ents, t.head))
        made = []
        for o in _prep_objects(t, "of"):
            made += _products(_args(ents, o))
            for tok in [o] + list(o.children):
                if tok.pos_ == "PROPN" and tok.dep_ in ("compound", "pobj"):
                    m = ents.at(tok) or ents.proper_name(tok, "Product")
                    if m is not None and m.type == "Product" and m not in made:
                        made.append(m)
        for p in made:
            for mk in makers:
                yield Candidate(p, "productOf", mk, t, "maker-of", 0.75)
    if t.pos_ == "NOUN" and lemma in ("product", "line") and _prep_objects(t, "from", "by", "of"):
        makers = _orgs([mm for o in _prep_objects(t, "from", "by") for mm in _args(ents, o)])
        listed = []
        for o in _prep_objects(t, "from", "by"):  # "(e.g. SPARC Enterprise and Java)"
            for c in o.children:
                if c.dep_ == "appos":
                    listed += [mm for mm in _args(ents, c) if mm.cluster not in {x.cluster for x in makers}]
        for mm in listed:
            if mm.type == "Organization" and not ents.clusters[mm.cluster].canonical:
                ents.retype(mm, "Product")
        for mk in makers:
            for mm in _products(listed):
                yield Candidate(mm, "productOf", mk, t, "products-from", 0.7)


#: Every rule, by name; each takes (DocEntities, trigger token) and yields candidates.
RULES = {
    "partner_noun": partner_noun,
    "partner_verb": partner_verb,
    "members": members,
    "rival_noun": rival_noun,
    "rival_verb": rival_verb,
    "role_appos": role_appos,
    "role_title": role_title,
    "former_role": former_role,
    "founded": founded,
    "appointed": appointed,
    "left": left,
    "joined": joined,
    "based": based,
    "backed": backed,
    "acquire": acquire,
    "invest": invest,
    "subsidiary": subsidiary,
    "product": product,
}


def candidates(ents: DocEntities, sent) -> Iterator[Candidate]:
    """Every candidate fact that the rules find in one sentence."""
    for token in sent:
        for rule in RULES.values():
            for cand in rule(ents, token):
                if cand.subject.cluster != cand.object.cluster:
                    yield cand
