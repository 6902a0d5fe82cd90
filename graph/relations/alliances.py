"""partnersWith and rivalOf: partnerships, alliances, channel partners, members; rivals and competition."""

from __future__ import annotations

from collections.abc import Iterator

from ..mentions import DocEntities, Mention, looks_like_organization
from .lexicon import (
    ACQUIRE_NOUNS,
    APPROACH_VERBS,
    ACQUIRE_VERBS,
    CHANNEL_NOUNS,
    DEAL_VERBS,
    FACE_VERBS,
    OVERTAKE_VERBS,
    PARTNER_NOUNS,
    PARTNER_VERBS,
    RIVAL_NOUNS,
    RIVAL_VERBS,
    STANDING_NOUNS,
    TALK_NOUNS,
    WAR_NOUNS,
)
from .syntax import (
    Candidate,
    args_of,
    children_with,
    clause_subject,
    compound_names,
    examples_of,
    governing_subject,
    nearest_org_before,
    noun_path,
    only_orgs,
    orgs_or_products,
    pairs,
    possessors,
    prep_objects,
    triggered_by,
)

__all__ = ["partner_noun", "partner_verb", "chosen", "members", "rival_noun", "rival_verb"]


#: What a company is for another it sells to: "A replaced B as the payments provider for Walmart".
_SUPPLIER_NOUNS = {"provider", "supplier", "vendor"}


@triggered_by(PARTNER_NOUNS, CHANNEL_NOUNS, _SUPPLIER_NOUNS)
def partner_noun(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "a partnership between A, B and C", "A's alliance with B", "A and B formed a venture",
    "A, a channel partner of B and C", "the partnership of A and B", "A is the supplier to B"."""
    lemma = t.lemma_.lower()
    if t.pos_ == "NOUN" and lemma in _SUPPLIER_NOUNS:
        yield from _partner_of(ents, t, preps=("for", "to"))
        return
    if t.pos_ not in ("NOUN", "PROPN") or lemma not in PARTNER_NOUNS | CHANNEL_NOUNS:
        return
    weak = lemma in ("deal", "agreement", "relationship", "venture", "contract", "memorandum", "memorandums",
                     "mou", "mous")
    sent_lemmas = {x.lemma_.lower() for x in t.sent}
    if weak and sent_lemmas & (ACQUIRE_VERBS | ACQUIRE_NOUNS | {"merger", "merge", "sell"}):
        return
    conf = 0.75 if weak else 0.85
    if lemma == "venture" and not any(c.lower_ == "joint" for c in t.children):
        return
    between = [m for o in prep_objects(t, "between", "among") for m in args_of(ents, o)]
    # "their surprise alliance, Novell and Microsoft": the parties in apposition
    between = between or [m for a in children_with(t, "appos") if a.i > t.i for m in args_of(ents, a)]
    if not between:  # "a partnership from 1991 to the late 1990s between A, B and C": hung lower
        top = t.head if t.dep_ == "attr" else t
        for p in top.subtree:
            if p.dep_ == "prep" and p.lower_ in ("between", "among") and noun_path(p, top):
                between += [m for o in p.children if o.dep_ == "pobj" for m in args_of(ents, o)]
    if len(only_orgs(between)) >= 2:
        members = only_orgs(between)
        yield from pairs(members, "partnersWith", t, "partner-between", conf)
        # "The AIM alliance was a partnership between ..." → each member partners with the alliance
        if t.dep_ in ("attr",):
            for alliance in only_orgs(clause_subject(ents, t.head)):
                for m in members:
                    yield Candidate(m, "partnersWith", alliance, t, "member-between", 0.7)
        return
    if lemma in CHANNEL_NOUNS:
        yield from _partner_of(ents, t)
        return
    # ("a memorandum of understanding with B": the parser may hang "with" on the "of" phrase)
    with_phrases = prep_objects(t, "with") or [w for o in prep_objects(t, "of") for w in prep_objects(o, "with")]
    if not with_phrases and t.dep_ == "dobj" and t.head.lemma_.lower() in DEAL_VERBS:
        # "Samsung signed a multiyear deal with AMD": the parser hangs "with" on the verb
        with_phrases = prep_objects(t.head, "with")
    with_ = [m for o in with_phrases for m in args_of(ents, o)]
    owners = possessors(ents, t)
    owners += [m for c in children_with(t, "compound") for m in ([ents.at(c)] if ents.at(c) else [])]
    subj = only_orgs(owners) or only_orgs(governing_subject(ents, t))
    if subj and not only_orgs(with_):
        # "A sealed a deal with Monese": a company's deal is with a company, a one-word "person" one NER missed
        ents.as_organizations([m for m in with_ if m.type == "Person" and m.kind == "name" and " " not in m.text])
    if only_orgs(with_):
        for a in subj:
            for b in only_orgs(with_):
                yield Candidate(a, "partnersWith", b, t, "partner-with", conf)
        return
    of = [m for o in prep_objects(t, "of") for m in args_of(ents, o)]
    if lemma in ("partnership", "alliance") and len(only_orgs(of) + _maker_products(ents, of)) >= 2:
        yield from pairs(only_orgs(of) + _maker_products(ents, of), "partnersWith", t, "partnership-of", 0.8)
        return
    proposed = _proposal_parties(ents, t)
    if len(proposed) >= 2 and not owners:
        yield from pairs(proposed, "partnersWith", t, "partner-proposal", conf - 0.05)
        return
    # "A and B are preparing a partnership": a coordinated subject
    subj = only_orgs(governing_subject(ents, t))
    if len(subj) < 2 and t.dep_ == "dobj":
        subj = _names_in_subject(ents, t.head) or subj
    elif len(subj) < 2 and t.dep_ == "pobj" and t.head.head.pos_ == "VERB":  # "A and B came together in a venture"
        subj = _names_in_subject(ents, t.head.head) or subj
    # (not "A and B secured deals with Chinese operators": each dealt with someone else)
    if len(subj) >= 2 and not [m for m in owners if m.kind != "pronoun"] and not with_phrases:
        yield from pairs(subj, "partnersWith", t, "partners-coordinated", conf - 0.05)
    elif len(only_orgs(owners)) >= 2:  # "their alliance", where "their" is A and B
        yield from pairs(only_orgs(owners), "partnersWith", t, "partners-own", conf - 0.05)


def _proposal_parties(ents: DocEntities, t) -> list[Mention]:
    """The parties of the talks or the approach an alliance is formed in: "A started talks with B
    to form an alliance", "A and B are in discussions to form an alliance", "A approached B to form
    an alliance"."""
    verb = t.head
    if t.dep_ != "dobj" or verb.dep_ not in ("acl", "relcl", "advcl", "xcomp") or verb.lemma_.lower() not in DEAL_VERBS:
        return []
    head = verb.head
    if head.lemma_.lower() in TALK_NOUNS:
        parties = governing_subject(ents, head) + [m for o in prep_objects(head, "with") for m in args_of(ents, o)]
    elif head.pos_ == "VERB" and head.lemma_.lower() in APPROACH_VERBS:
        parties = clause_subject(ents, head) + [m for o in children_with(head, "dobj") for m in args_of(ents, o)]
    else:
        return []
    return list({m.cluster: m for m in only_orgs(parties)}.values())


def _names_in_subject(ents: DocEntities, verb) -> list[Mention]:
    """The organizations of a coordinated subject the parser broke up: "US giant IBM and Chinese
    software firm Kingsoft formed an alliance" (a phrase with "and" and no verb in it)."""
    subjects = children_with(verb, "nsubj")
    if len(subjects) != 1:
        return []
    phrase = list(subjects[0].subtree)
    if not any(w.lower_ == "and" for w in phrase) or any(w.pos_ in ("VERB", "AUX") for w in phrase):
        return []
    found = []
    for w in phrase:
        m = ents.at(w)
        if m is not None and m.type == "Organization" and m.kind == "name" and m not in found:
            found.append(m)
    return found


def _maker_products(ents: DocEntities, ms: list[Mention]) -> list[Mention]:
    """Products that stand for their maker in an alliance ("Microsoft Windows and Intel")."""
    return [m for m in ms if m.type == "Product"]


def _partner_of(ents: DocEntities, t, preps=("of", "to", "for")) -> Iterator[Candidate]:
    """ "Acme, a channel partner of both VMware and Microsoft"; "X is a partner of Y";
    "X, a Microsoft Gold partner"; "X, a reseller of Cisco products"; with *preps*, the words
    that name the other company (a supplier "of" something is not its partner)."""
    of = only_orgs(
        [m for o in prep_objects(t, *preps) for m in args_of(ents, o) or compound_names(ents, o)]
    )
    if not of and "of" in preps:
        of = only_orgs(compound_names(ents, t))
    announced = not of and t.dep_ == "attr" and t.lemma_.lower() == "partner" and t.head.dep_ == "ccomp" \
        and not prep_objects(t, *preps) and not children_with(t, "poss")
    if announced:  # "Audi announced that TomTom is a strategic partner": the announcer's
        of = only_orgs(clause_subject(ents, t.head.head))
    verb = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "as" else t.head if t.dep_ in ("oprd", "xcomp") else None
    if not of and verb is not None and verb.pos_ == "VERB":
        # "A named B a preferred partner", "A chose B as its launch partner": the one chosen is A's partner
        for a in only_orgs(clause_subject(ents, verb)):
            for b in only_orgs([m for o in children_with(verb, "dobj") for m in args_of(ents, o)]):
                yield Candidate(a, "partnersWith", b, t, "chosen-partner", 0.75)
        return
    if not of:
        return
    subj: list[Mention] = []
    if t.dep_ == "appos":
        subj = only_orgs(args_of(ents, t.head))
        if not subj:
            # the appositive was attached to a person; take the nearest organization before it
            subj = nearest_org_before(ents, t)
    elif t.dep_ == "attr":
        # (what a company calls its partner is a company, whatever NER made of the name)
        subj = only_orgs(clause_subject(ents, t.head, create="Organization" if announced else None))
    elif verb is not None and t.dep_ == "pobj":  # "A replaced B as the provider for C": A is C's
        subj = only_orgs(clause_subject(ents, verb))
    for a in subj:
        for b in of:
            if a.cluster != b.cluster:
                yield Candidate(a, "partnersWith", b, t, "partner-of", 0.85 if "of" in preps else 0.75)


#: What companies pool when they work together: "join forces", "combine resources".
_POOLED = {"force", "resource", "effort", "hand"}


@triggered_by(PARTNER_VERBS)
def partner_verb(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "A partnered with B", "A teamed up with B", "A and B joined forces", "A works with B"."""
    lemma = t.lemma_.lower()
    if t.pos_ != "VERB" or lemma not in PARTNER_VERBS:
        return
    if lemma in ("join", "combine") and not any(c.lemma_.lower() in _POOLED for c in t.children):
        return
    if lemma in ("join", "combine") and {x.lemma_.lower() for x in t.sent} & (ACQUIRE_NOUNS | {"acquire", "merger", "merge"}):
        return  # "talks about an acquisition, A and B announced that they are joining forces": one buys the other
    if lemma == "team" and not any(c.lower_ == "up" for c in t.children) and not prep_objects(t, "with"):
        return
    # ("work closer together": the adverb may hang on another)
    together = {w.lower_ for c in t.children if c.dep_ == "advmod" for w in c.subtree}
    if lemma == "work" and not together & {"together", "jointly"} and not prep_objects(t, "with"):
        return
    subj = only_orgs(clause_subject(ents, t))
    others = only_orgs([m for o in prep_objects(t, "with", "alongside") for m in args_of(ents, o)])
    purpose = any(c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in t.children)
    if lemma == "work" and others and not together & {"together", "jointly", "closely"} \
            and not prep_objects(t, "on") and not purpose:
        return  # "works with" alone is too weak; "is working with B on a new chip" (or "to distribute
        # its models") is a joint project
    if others:
        for a in subj:
            for b in others:
                yield Candidate(a, "partnersWith", b, t, "partner-verb", 0.85)
    elif len(subj) >= 2 and not prep_objects(t, "with", "alongside"):
        # (not "A, B and C are working with the operator": each works with it, not with the others)
        yield from pairs(subj, "partnersWith", t, "partner-verb-coordinated", 0.8)
    else:
        # "Microsoft rejected VMware's offer to work together": the offer's owner and the subject
        if t.dep_ in ("acl", "xcomp") and t.head.pos_ == "NOUN":
            owners = only_orgs(possessors(ents, t.head))
            for a in only_orgs(governing_subject(ents, t.head)):
                for b in owners:
                    yield Candidate(a, "partnersWith", b, t, "partner-offer", 0.7)


#: Verbs of picking a company for a job: "AT&T will tap Ericsson to modernize its network".
_CHOOSE_VERBS = {"tap", "pick", "select", "choose", "enlist", "hire", "engage", "contract"}


@triggered_by(_CHOOSE_VERBS)
def chosen(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "A tapped B to build its network", "A picked B to supply its radios": a company chosen for
    a job is a partner (not "A chose B's product": only companies named in both slots)."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in _CHOOSE_VERBS:
        return
    job = [c for c in t.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"
           and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if not job:
        return
    chooser = only_orgs(clause_subject(ents, t))
    picked = [m for d in children_with(t, "dobj") if not children_with(d, "poss") for m in args_of(ents, d)]
    for a in chooser:
        for b in only_orgs(picked):
            if b.kind == "name":
                yield Candidate(a, "partnersWith", b, t, "chosen-for", 0.7)


@triggered_by({"include", "member"})
def members(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "Its member firms included A, B, C", "A is a member of the X Alliance", "A joined the X consortium"."""
    lemma = t.lemma_.lower()
    if lemma == "include" and t.pos_ == "VERB":
        for s in children_with(t, "nsubj"):
            rivals = s.lemma_.lower() in RIVAL_NOUNS  # "Its rivals include A and B"
            if s.lemma_.lower() in ("member", "firm", "company", "partner") or rivals or any(
                c.lemma_.lower() == "member" for c in s.children
            ):
                # "Red Hat partners include cloud providers such as A and B": the company named before
                owners = only_orgs(
                    possessors(ents, s)
                    + [m for o in prep_objects(s, "of") for m in args_of(ents, o)]
                ) or only_orgs(compound_names(ents, s))
                for obj in children_with(t, "dobj"):
                    for m in only_orgs(args_of(ents, obj)) or orgs_or_products(examples_of(ents, obj)):
                        for alliance in owners:
                            if m.cluster != alliance.cluster:
                                yield Candidate(m, "rivalOf" if rivals else "partnersWith", alliance, t,
                                                "rivals-include" if rivals else "members-include", 0.85)
    if lemma == "member" and t.pos_ == "NOUN" and t.dep_ == "attr":
        groups = only_orgs([m for o in prep_objects(t, "of") for m in args_of(ents, o)])
        for a in only_orgs(clause_subject(ents, t.head)):
            for g in groups:
                yield Candidate(a, "partnersWith", g, t, "member-of", 0.8)


@triggered_by(RIVAL_NOUNS)
def rival_noun(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "A and B have been bitter rivals", "A is a competitor to B", "competitors such as C"."""
    lemma = t.lemma_.lower()
    if lemma not in RIVAL_NOUNS or (t.pos_ not in ("NOUN", "PROPN") and t.dep_ not in ("amod", "compound")):
        return  # ("Oracle's rival SAP": the small model often tags "rival" an adjective)
    if t.i >= 2 and t.nbor(-1).text in ("-", "–") and not t.nbor(-1).whitespace_ and not t.nbor(-2).whitespace_:
        # "Tesla-rival Lucid Motors": the company before the hyphen and the name the word describes
        owner = ents.at(t.nbor(-2))
        named = ents.at(t.head) if t.dep_ in ("compound", "amod") else None
        if owner is not None and named is not None and owner.type in ("Organization", "Product") \
                and named.type in ("Organization", "Product") and owner.cluster != named.cluster:
            yield Candidate(named, "rivalOf", owner, t, "x-rival", 0.8)
        return
    # ("one of the biggest challengers to Microsoft's dominance": the owner of what is challenged)
    others = orgs_or_products(
        [m for o in prep_objects(t, "of", "to", "for", "against", "with") for m in args_of(ents, o) or possessors(ents, o)]
    )
    examples = orgs_or_products(examples_of(ents, t))
    owners = orgs_or_products(possessors(ents, t))
    # "X, one of the biggest rivals of Y" / "X is one of Y's rivals": the "one" stands where the noun would
    anchor = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ == "one" else t
    # "A has emerged as a strong contender against B": what the subject became
    become = anchor.dep_ == "pobj" and anchor.head.lower_ == "as" and anchor.head.head.pos_ in ("VERB", "AUX")
    if anchor.dep_ in ("attr",) or become:
        subj = orgs_or_products(clause_subject(ents, anchor.head if not become else anchor.head.head))
        if lemma == "threat":  # ("Ransomware is a threat to X": only a company NER is sure of threatens as a rival)
            subj = [m for m in subj if ents.clusters[m.cluster].canonical or looks_like_organization(m.text)]
        others = others or owners  # "Google is Microsoft's biggest rival"
        if others:
            for a in subj:
                for b in others:
                    yield Candidate(a, "rivalOf", b, t, "rival-of", 0.85)
        elif len(subj) >= 2:
            yield from pairs(subj, "rivalOf", t, "rivals-coordinated", 0.85)
        return
    if anchor.dep_ == "appos":
        subj = orgs_or_products(args_of(ents, anchor.head))
        if not (others or owners) and len(subj) >= 2:  # "Intel and AMD, longtime rivals, …"
            yield from pairs(subj, "rivalOf", t, "rivals-appos", 0.8)
        if not (others or owners) and len(subj) == 1 and t.tag_ == "NN" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
            # "Klarna, a key rival in the BNPL market, …": a rival of the company the article is about
            others = [m for m in only_orgs(ents.topic(t)) if m.cluster != subj[0].cluster]
            for b in others:
                yield Candidate(subj[0], "rivalOf", b, t, "rival-of-topic", 0.6)
            return
        for a in subj:
            for b in others or owners:
                yield Candidate(a, "rivalOf", b, t, "rival-appos", 0.8)
        return
    if t.dep_ == "dobj" and t.head.lemma_.lower() in FACE_VERBS and not owners:
        # "Samsung faces new rivals from Huawei", "fends off competitors such as B": the subject's
        froms = prep_objects(t, "from", "in")
        faced = examples + orgs_or_products([m for o in froms for m in args_of(ents, o)])
        faced += [m for o in froms for m in _range_end(ents, o) if m not in faced]
        for a in orgs_or_products(clause_subject(ents, t.head)):
            for b in faced:
                if a.cluster != b.cluster:
                    yield Candidate(a, "rivalOf", b, t, "faces-rivals", 0.75)
        if faced:
            return
    if examples:
        # "Microsoft rivals like Sun and IBM": the rivals' company, else the clause's subject
        subj = owners or orgs_or_products(compound_names(ents, t)) or orgs_or_products(clause_subject(ents, t))
        for a in subj:
            for b in examples:
                yield Candidate(a, "rivalOf", b, t, "rival-examples", 0.75)
        return
    # (a name before the word is the rival's company: "Microsoft rival Google")
    named = [ents.at(c) for c in t.children if c.dep_ in ("appos", "compound") and ents.at(c) and c.i > t.i]
    if t.dep_ in ("compound", "amod") and ents.at(t.head) is not None:  # "Oracle's rival SAP"
        named.append(ents.at(t.head))
        owners = owners or orgs_or_products(
            possessors(ents, t.head)
        )
    if not owners and orgs_or_products(named):
        # "Microsoft rival Google": the company named before the word
        owners = [m for m in orgs_or_products(compound_names(ents, t)) if m not in named]
    if not owners and orgs_or_products(named):
        # "PPG agreed to buy the operations of a Dutch rival, AkzoNobel", "sold its unit to regional
        # rival Grab": the subject's rival; "Doe left Kestrel to work for archrival Brightline": the
        # company a person's clause names besides the rival
        subject = clause_subject(ents, t)
        owners = [m for m in orgs_or_products(subject) if m not in named]
        if not owners and any(m.type == "Person" for m in subject):
            sent = t.sent
            besides = {m.cluster: m for m in only_orgs([m for m in ents.mentions if sent.start <= m.start < sent.end])
                       if m.cluster not in {n.cluster for n in named}}
            owners = list(besides.values()) if len(besides) == 1 else []
    if not owners and orgs_or_products(named) and t.i == t.sent.start and t.dep_ in ("compound", "amod"):
        # "Rival Uber already offers …": a rival of the company the text is about
        for b in orgs_or_products(named):
            for a in only_orgs(ents.topic(t)):
                if a.cluster != b.cluster:
                    yield Candidate(a, "rivalOf", b, t, "rival-of-topic", 0.6)
        return
    for a in owners:
        for b in orgs_or_products(named) + others:
            yield Candidate(a, "rivalOf", b, t, "rival-poss", 0.8)


def _range_end(ents: DocEntities, start) -> list[Mention]:
    """The companies that end a range "from A to B and C" begun at *start* (A), read in word order:
    the parser often takes the "to" for an infinitive."""
    doc = ents.doc
    i = start.right_edge.i + 1
    if i >= start.sent.end or doc[i].lower_ != "to":
        return []
    out = []
    for tok in doc[i + 1:start.sent.end]:
        if tok.is_punct and tok.text not in ("-", "–", "&"):
            break
        m = ents.at(tok)
        if m is not None and m.type in ("Organization", "Product") and m not in out:
            out.append(m)
    return out


@triggered_by(RIVAL_VERBS, WAR_NOUNS, OVERTAKE_VERBS, {"take", "pit"})
def rival_verb(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "A competes with B", "A is being chased by B and C", "price wars against B", "A takes on B",
    "puts A in direct competition with B", "pits A against B", "A has overtaken B"."""
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and lemma in OVERTAKE_VERBS and not any(c.dep_ == "nsubjpass" for c in t.children):
        # "Xiaomi has overtaken Samsung in smartphone sales", "before it tops HP": companies passing
        # each other in a market (not "beat estimates": a company on both sides)
        for a in only_orgs(clause_subject(ents, t)):
            for b in only_orgs([m for o in children_with(t, "dobj") for m in args_of(ents, o)]):
                yield Candidate(a, "rivalOf", b, t, "overtakes", 0.7)
        return
    if t.pos_ == "VERB" and lemma == "pit":
        for a in orgs_or_products([m for o in children_with(t, "dobj") for m in args_of(ents, o)]):
            for b in orgs_or_products([m for o in prep_objects(t, "against") for m in args_of(ents, o)]):
                yield Candidate(a, "rivalOf", b, t, "pits-against", 0.75)
        return
    if t.pos_ == "VERB" and lemma == "take":
        # "A takes on B in the cloud market" (not "took B on as a client")
        if any(c.dep_ == "prt" and c.lower_ == "on" for c in t.children) and not prep_objects(t, "as"):
            for a in only_orgs(clause_subject(ents, t)):
                for b in only_orgs([m for o in children_with(t, "dobj") for m in args_of(ents, o)]):
                    yield Candidate(a, "rivalOf", b, t, "takes-on", 0.7)
        return
    if t.pos_ == "VERB" and lemma in RIVAL_VERBS:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
        subj = orgs_or_products(clause_subject(ents, t))
        if t.dep_ == "acl" and possessors(ents, t.head):  # "in its bid to challenge B": the bid's owner
            subj = orgs_or_products(possessors(ents, t.head))
        if passive:
            objs = [m for o in prep_objects(t, "by") for m in args_of(ents, o)]
        else:
            # ("competes head to head with B": the parser hangs "with" on the second "head")
            targets = children_with(t, "dobj") + prep_objects(t, "with", "against") + [
                o for x in children_with(t, "xcomp", "advmod") if x.lower_ == "head" for o in prep_objects(x, "with")]
            targets = [o for o in targets if o.lower_ != "head"]
            # "compete against TSMC's market share", "competes with VMware's vCloud system": the owner
            # of what is fought over
            # "challenge the dominance of Uber": the one whose standing is challenged
            objs = [m for o in targets for m in only_orgs(possessors(ents, o)) or args_of(ents, o) or (
                [x for p in prep_objects(o, "of") for x in args_of(ents, p)] if o.lemma_.lower() in STANDING_NOUNS
                else [])]
        objs = orgs_or_products(objs)
        if objs:
            for a in subj:
                for b in objs:
                    yield Candidate(a, "rivalOf", b, t, "rival-verb", 0.8)
        elif lemma == "compete" and len(subj) >= 2 and not passive and not targets:
            yield from pairs(subj, "rivalOf", t, "rival-verb-coordinated", 0.75)
    elif t.pos_ == "NOUN" and lemma in WAR_NOUNS:
        sides = orgs_or_products([m for o in prep_objects(t, "between", "among") for m in args_of(ents, o)])
        if len(sides) >= 2:  # "a price war between players like A, B and C"
            yield from pairs(sides, "rivalOf", t, "war-between", 0.75)
            return
        preps = [p for p in t.children if p.dep_ == "prep" and p.lower_ == "against"]
        if not preps and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "against":
            preps = [t.nbor(1)]  # "price wars against Dell", the prep hung on the verb
        if lemma in ("competition", "rivalry"):
            preps += [p for p in t.children if p.dep_ == "prep" and p.lower_ in ("with", "from")]
            if t.dep_ == "dobj":  # "struggled to overcome fierce competition in the market from Google"
                preps += [p for p in t.head.children if p.dep_ == "prep" and p.lower_ == "from"]
        # ("competition from companies like A and B": the examples)
        against = only_orgs(
            [m for p in preps for o in p.children if o.dep_ == "pobj" for m in args_of(ents, o) or examples_of(ents, o)]
        )
        if against:
            sides = only_orgs(clause_subject(ents, t))
            if t.dep_ == "pobj" and t.head.lower_ == "in" and t.head.head.pos_ == "VERB":
                # "the move puts A in direct competition with B": the one put there
                sides = only_orgs([m for o in children_with(t.head.head, "dobj") for m in args_of(ents, o)]) or sides
            for a in sides:
                for b in against:
                    yield Candidate(a, "rivalOf", b, t, "rival-war", 0.75)
