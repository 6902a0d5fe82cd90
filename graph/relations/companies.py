"""acquired, investedIn and subsidiaryOf: deals and ownership between organizations."""

from __future__ import annotations

from collections.abc import Iterator

from ..mentions import ORG_NOUNS, DocEntities, Mention
from .lexicon import (
    ACQUIRE_NOUNS,
    ACQUIRE_VERBS,
    INVEST_NOUNS,
    INVEST_VERBS,
    INVESTOR_NOUNS,
    POUR_VERBS,
    RAISE_IN_VERBS,
    RAISE_VERBS,
    ROUND_WORDS,
    OWN_VERBS,
    SUBSIDIARY_MODS,
    SUBSIDIARY_NOUNS,
)
from .syntax import (
    Candidate,
    args_of,
    children_with,
    clause_subject,
    compound_names,
    examples_of,
    governing_subject,
    listed_after,
    only_orgs,
    orgs_or_products,
    possessors,
    prep_objects,
    relative_antecedent,
    subject_of,
    triggered_by,
)

__all__ = ["acquire", "invest", "investor", "funding_round", "subsidiary", "backed"]


@triggered_by(ACQUIRE_VERBS, ACQUIRE_NOUNS, {"sell"})
def acquire(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "A acquired B", "B was acquired by A", "A agreed to buy B", "A's acquisition of B",
    "the acquisition of B by A", "A sold B to C"."""
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and lemma in ACQUIRE_VERBS:
        if lemma in ("take", "scoop", "snap") and not any(
                c.lower_ == ("over" if lemma == "take" else "up") for c in t.children):
            return  # "took over X", "is scooping up X", "snapped up X"
        stakes = [d for d in children_with(t, "dobj") if d.lemma_.lower() == "stake"]
        if stakes and any(c.lower_ in ("majority", "controlling") for c in stakes[0].children):
            # "Hyundai acquired a majority stake in Boston Dynamics": control, so an acquisition
            targets = [m for o in prep_objects(stakes[0], "in") for m in args_of(ents, o) if m.kind == "name"]
            yield from _acquisitions(ents, clause_subject(ents, t), targets, t, "majority-stake", 0.8)
            return
        if stakes:
            return  # "bought a 5% stake in X": an investment (see :func:`invest`)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
        if passive:
            buyers = [m for o in prep_objects(t, "by") for m in args_of(ents, o)]
            # "Chef was acquired by Progress Software": what a company buys by name is a company
            targets = clause_subject(ents, t, create="Organization" if only_orgs(buyers) else None)
        else:
            buyers = clause_subject(ents, t)
            # "Netflix has acquired video game creator Night School Studio": what a company
            # buys by name is a company, whatever NER made of it
            targets = [m for o in children_with(t, "dobj") for m in args_of(
                ents, o, create="Organization" if only_orgs(buyers) else None)]
            named = ents.at(t.head.head) if t.head.dep_ == "appos" else None
            if not children_with(t, "dobj") and t.dep_ == "relcl" and t.head.lemma_.lower() in ORG_NOUNS \
                    and named is not None and named.kind == "name":
                # "Nuance, the speech company it acquired in 2022": the name the clause's noun stands by
                targets = [named]
        yield from _acquisitions(ents, buyers, targets, t, "acquire-verb", 0.85)
    elif t.pos_ == "VERB" and lemma == "sell":
        sellers_obj = [m for o in children_with(t, "dobj") for m in args_of(ents, o)]
        buyers = [m for o in prep_objects(t, "to") for m in args_of(ents, o)]
        yield from _acquisitions(ents, buyers, sellers_obj, t, "sold-to", 0.75)
    elif t.pos_ == "NOUN" and lemma in ACQUIRE_NOUNS:
        targets = [m for o in prep_objects(t, "of" if lemma != "bid" else "for") for m in args_of(ents, o)]
        buyers = [m for o in prep_objects(t, "by") for m in args_of(ents, o)]
        buyers = buyers or possessors(ents, t)
        if not buyers and targets:
            buyers = governing_subject(ents, t)
        if only_orgs(buyers):  # "the purchase of Bungie by Sony": no place is bought
            ents.as_organizations(targets, strong=False, places=True)
        yield from _acquisitions(ents, buyers, targets, t, "acquisition-of", 0.8)


def _is_money(token) -> bool:
    """ "$40 million", "money", "funding", "capital": an amount or a word for money."""
    return token.ent_type_ == "MONEY" or token.lemma_.lower() in (
        "money", "cash", "capital", "funding", "fund", "investment", "euro", "dollar", "pound", "yen", "yuan",
        "rupee", "franc", "won") or any(c.text in ("$", "€", "£", "¥") for c in token.subtree)


def _held_stake(stake) -> bool:
    """ "A holds / took / bought / will increase a minority stake in B", "A paid $1m for a stake in B" (not
    one sold, nor a controlling one)."""
    paid_for = stake.dep_ == "pobj" and stake.head.lower_ == "for" and stake.head.head.lemma_.lower() in ("pay", "spend")
    return ((stake.dep_ == "dobj" and stake.head.lemma_.lower() in (
        "take", "hold", "maintain", "own", "have", "keep", "buy", "purchase", "acquire", "increase", "raise",
        "boost", "lift", "double", "expand", "build")) or paid_for) \
        and not any(c.lower_ in ("controlling", "majority") for c in stake.children)


def _acquisitions(ents: DocEntities, buyers, targets, t, rule: str, conf: float) -> Iterator[Candidate]:
    """Each buyer acquired each target, unless several bought several ("A and B bought the two
    companies": which bought which is not said) or a buyer is among the targets. A one-word
    "person" bought is a company NER did not know ("Yahoo bought Summly")."""
    buyers = only_orgs(buyers)
    if buyers:
        ents.as_organizations([m for m in targets if m.type == "Person" and " " not in m.text])
    targets = orgs_or_products(targets)
    if len(buyers) >= 2 and len(targets) >= 2:
        return
    bought = {m.cluster for m in buyers}
    for a in buyers:
        for b in targets:
            if b.cluster not in bought:
                yield Candidate(a, "acquired", b, t, rule, conf)


@triggered_by(INVEST_VERBS, INVEST_NOUNS, RAISE_VERBS, POUR_VERBS, RAISE_IN_VERBS)
def invest(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "A invested in B", "B is backed by A", "A took a stake in B", "B raised $5 million from A",
    "B secured funding from A", "A put money into B"."""
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and (lemma in POUR_VERBS or _raises(t)):
        money = [d for d in children_with(t, "dobj") if _is_money(d)]
        if not money:
            return
        if _raises(t):  # "raised $40 million (in funding) from A and B", "has taken in $300 million from A"
            sources = prep_objects(t, "from") + [o for d in money for o in prep_objects(d, "from")]
            sources += [o for d in money + [t] for f in prep_objects(d, "in") for o in prep_objects(f, "from")]
            investors, targets = [m for o in sources for m in args_of(ents, o)], clause_subject(ents, t)
            _firms(ents, investors)  # "from investors including Lightspeed"
        else:  # "both firms put money into NextCard"
            investors = clause_subject(ents, t)
            targets = ents.as_organizations([m for o in prep_objects(t, "into") for m in args_of(ents, o)])
        for a in only_orgs(investors):
            for b in only_orgs(targets):
                if a.cluster != b.cluster:
                    yield Candidate(a, "investedIn", b, t, "raised-from" if _raises(t) else "put-into", 0.75)
        return
    if t.pos_ == "VERB" and lemma in INVEST_VERBS:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) or t.dep_ == "acl" or (
            t.dep_ == "advcl" and t.tag_ == "VBN" and bool(prep_objects(t, "by")))  # "Backed by A, B …"
        if passive:
            investors = [m for o in prep_objects(t, "by") for m in args_of(ents, o)]
            targets = clause_subject(ents, t) if t.dep_ != "acl" else args_of(ents, t.head)
        else:
            investors = clause_subject(ents, t)
            targets = [m for o in prep_objects(t, "in", "into") for m in args_of(ents, o)]  # ("invested into B")
            for amount in children_with(t, "dobj"):  # "invest $10 billion in OpenAI"
                targets += [m for o in prep_objects(amount, "in", "into") for m in args_of(ents, o)]
            # "invest $750 million for 40 percent of the equity in B": what the money buys is in B
            bought = [m for f in [p for x in [t, *children_with(t, "dobj")] for p in x.children
                                  if p.dep_ == "prep" and p.lower_ == "for"]
                      for w in f.subtree if w.dep_ == "prep" and w.lower_ == "in"
                      for o in children_with(w, "pobj") for m in args_of(ents, o) if m not in targets]
            targets += ents.as_organizations(bought, places=True)  # (equity is held in a company)
            if lemma != "invest":
                targets += [m for o in children_with(t, "dobj") for m in args_of(ents, o)]
        for a in investors:
            if a.type not in ("Organization", "Person"):
                continue
            for b in only_orgs(targets):
                yield Candidate(a, "investedIn", b, t, "invest-verb", 0.8)
    elif t.pos_ == "NOUN" and lemma in INVEST_NOUNS and (lemma != "stake" or _held_stake(t)):
        targets = [m for o in prep_objects(t, "in") for m in args_of(ents, o)]
        for m in targets if lemma == "stake" else []:  # a stake is held in a company, whatever NER said ("Pandora")
            if m.type == "Place" and m.kind == "name" and not ents.clusters[m.cluster].canonical and "," not in m.text:
                ents.retype(m, "Organization")
        targets = only_orgs(targets)
        if not targets and lemma == "stake" and t.dep_ == "dobj":  # "B, in which A owns a big stake"
            targets = only_orgs([m for o in prep_objects(t.head, "in") if o.lower_ == "which"
                                 for m in args_of(ents, o)])
        givers = [m for o in prep_objects(t, "from", "by") for m in args_of(ents, o)]
        # "a $170 million investment that is mostly funded by A and B", "funding led by A"
        givers += [m for v in t.children if v.dep_ in ("acl", "relcl") and v.lemma_.lower() in ("fund", "lead", "back",
                                                                                                "provide", "make")
                   for o in prep_objects(v, "by") for m in args_of(ents, o) if m not in givers]
        if givers and lemma != "stake":  # "founded with an initial investment from A", "B got funding from A"
            # (what gets funding is a company: "Soundcloud is getting an investment", NER: a person)
            receivers = governing_subject(ents, t)
            investors, targets = givers, targets or only_orgs(receivers) or ents.as_organizations(
                [m for m in receivers if " " not in m.text])
            if targets:
                _firms(ents, investors)  # ("funded by Temasek", NER: a person)
        else:
            investors = possessors(ents, t) or governing_subject(ents, t)
        for a in investors:
            if a.type in ("Organization", "Person"):
                for b in targets:
                    yield Candidate(a, "investedIn", b, t, "investment-in", 0.75)


def _raises(verb) -> bool:
    """ "raised", "secured", "brought in", "pulled in": a company taking money in."""
    return verb.lemma_.lower() in RAISE_VERBS or (
        verb.lemma_.lower() in RAISE_IN_VERBS and any(c.lower_ == "in" for c in verb.children))


def _raising_verb(token):
    """The verb of raising above a round: "**raised** $40 million in a round", or None."""
    node = token
    while node.dep_ in ("dobj", "pobj", "prep") and not _raises(node.head):
        node = node.head
    return node.head if node.dep_ in ("dobj", "pobj", "prep") and _raises(node.head) else None


def _last_raiser(ents: DocEntities, t) -> list[Mention]:
    """The organizations that last raised money before *t*: "**B** has raised $50 million"."""
    for v in reversed(ents.doc[: t.i]):
        if v.pos_ == "VERB" and _raises(v) and any(_is_money(d) for d in children_with(v, "dobj")):
            found = only_orgs(clause_subject(ents, v))
            if found:
                return found
    return []


def _is_round(token) -> bool:
    """ "a $40 million Series B (round)", "its seed round", "a round of funding", "the financing",
    a round raised."""
    lemma = token.lemma_.lower()
    if lemma in ("funding", "financing") or token.lower_ == "series":
        return True
    named = [c for c in token.subtree if c.i < token.i] + [o for o in prep_objects(token, "of")]
    series = any(c.lower_ == "series" for c in named)
    return (lemma == "round" or series) and (
        series or any(c.lower_ in ROUND_WORDS or c.ent_type_ == "MONEY" for c in named)
        or _raising_verb(token) is not None)


def _firms(ents: DocEntities, investors: list[Mention]) -> None:
    """A one-word "person" (or place the text never puts after "in") that puts money into a company is
    a firm NER did not know ("Lightspeed", "Braavos")."""
    ents.as_organizations([m for m in investors if m.type == "Person" and " " not in m.text])
    ents.as_organizations([m for m in investors if m.type == "Place" and " " not in m.text], places=True)


#: Verbs of taking part in a funding round: "A led (participated in, joined) the round", "a round
#: that included (featured) A".
_ROUND_VERBS = {"lead", "participate", "join", "include", "feature"}


def _the_round(token) -> bool:
    """ "(led) the round", "this round": a round the article told of before."""
    return token.lemma_ == "round" and any(d.lower_ in ("the", "this") for d in children_with(token, "det"))


#: What investors put money in through: "funds advised by T. Rowe Price".
_FUND_NOUNS = {"fund", "account", "vehicle", "affiliate", "arm", "entity"}


def _fund_managers(ents: DocEntities, token) -> list[Mention]:
    """ "Funds and accounts advised by A", "funds managed by A": the firm behind the money."""
    heads = [token] + [c for c in token.conjuncts if c.i != token.i]
    return only_orgs([m for h in heads if h.lemma_.lower() in _FUND_NOUNS
                      for acl in children_with(h, "acl") for o in prep_objects(acl, "by") for m in args_of(ents, o)])


@triggered_by(_ROUND_VERBS, INVEST_VERBS)
def funding_round(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "B raised $40 million in a round led by A", "A led B's Series C", "its funding round was
    led by A, with participation from C", "A led the $40 million round in B", "B brought in a
    Series A in a round funded by A"."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in INVEST_VERBS | _ROUND_VERBS:
        return
    if t.lemma_.lower() in ("participate", "join"):  # "A participated in (joined) B's funding round"
        rounds = [r for r in prep_objects(t, "in") + children_with(t, "dobj") if _is_round(r) or r.lemma_ == "round"]
        # (any "round" one takes part in is a funding round)
        investors = subject_of(t) if rounds else []
    elif t.lemma_.lower() in ("include", "feature"):  # "B completed a $1bn round that included A and C"
        rounds = [t.head] if t.dep_ == "relcl" and (_is_round(t.head) or _the_round(t.head)) else []
        # "the financing included A and B": the round told of before
        rounds = rounds or [s for s in children_with(t, "nsubj") if s.lemma_.lower() in ("financing", "funding")
                            and any(d.lower_ in ("the", "this") for d in children_with(s, "det"))]
        investors = children_with(t, "dobj") if rounds else []  # (or "funds managed by A")
    elif t.dep_ == "acl" and _is_round(t.head):
        rounds, investors = [t.head], prep_objects(t, "by")
    else:
        rounds = [c for c in children_with(t, "nsubjpass", "dobj") if _is_round(c) or _the_round(c)]
        passive = any(c.dep_ == "nsubjpass" for c in rounds)
        investors = prep_objects(t, "by") if passive else subject_of(t)
    if not rounds:
        return
    investors = [m for o in investors for m in args_of(ents, o) or _fund_managers(ents, o)]
    raisers = [v for v in map(_raising_verb, rounds) if v is not None]
    raised = raisers[0] if raisers else None
    # "… led by A, with (or including) participation from C and D"
    investors += [m for w in (raised or t).subtree if w.lemma_.lower() == "participation"
                  for o in prep_objects(w, "from") for m in args_of(ents, o)]
    participating = [w for w in t.sent if w.lemma_.lower() == "participate" and w.pos_ == "VERB"]
    if participating:  # "A led the round, with C and existing investors like D also participating"
        investors += [m for o in prep_objects(t, "with") for m in args_of(ents, o)]
        investors += [m for w in participating for s in children_with(w, "nsubj") for m in args_of(ents, s)]
    _firms(ents, investors)  # "led by Lightspeed"
    targets = []
    for r in rounds:
        targets += possessors(ents, r) + [m for o in prep_objects(r, "in", "for") for m in args_of(ents, o)]
    for v in raisers:  # "B raised $40 million in a round led by A"
        targets += clause_subject(ents, v)
    if not targets and any(w.lower_ in ("this", "that", "the") for r in rounds for w in r.children if w.dep_ == "det"):
        targets = _last_raiser(ents, t)  # "B has raised $50 million. A led this latest funding round"
    for a in only_orgs(investors):
        for b in only_orgs(targets):
            if a.cluster != b.cluster:
                yield Candidate(a, "investedIn", b, t, "round-led-by", 0.75)


@triggered_by({"parent", "company", "owner"}, SUBSIDIARY_NOUNS, ORG_NOUNS, OWN_VERBS)
def subsidiary(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "X is a subsidiary of Y", "X, a unit of Y", "Y's subsidiary X", "X is owned by Y",
    "Y is the parent company of X", "Y and its subsidiary X", "Y owns X"."""
    lemma = t.lemma_.lower()
    if t.pos_ == "NOUN" and lemma == "owner" and t.dep_ in ("appos", "attr"):
        yield from _owner(ents, t)
        return
    if (
        t.pos_ == "NOUN"
        and lemma == "parent"
        or (lemma == "company" and any(c.lower_ == "parent" for c in t.children))
    ):
        if t.dep_ == "compound":
            # "Gold Medal Travel's parent company Gold Medal International": the name the words precede
            named = ents.at(t.head)
            if named is not None and named.type == "Organization" and named.start > t.i:
                owners = [m for x in (t, t.head) for p in children_with(x, "poss") for m in args_of(ents, p)]
                for c in ents.as_organizations(owners):
                    yield Candidate(c, "subsidiaryOf", named, t, "parent-name", 0.8)
            return
        children = ents.as_organizations(
            [m for o in prep_objects(t, "of", "to", "for") for m in args_of(ents, o, create="Organization")]
        )
        owners = possessors(ents, t)
        if t.dep_ == "attr":
            parents = ents.as_organizations(clause_subject(ents, t.head))
            children = children or ents.as_organizations(owners) or ents.as_organizations(
                [m for o in prep_objects(t.head, "to", "for") for m in args_of(ents, o)])  # "is the parent company to X"
        elif t.dep_ == "appos":
            parents = ents.as_organizations(args_of(ents, t.head))
            children = children or ents.as_organizations(owners)
        elif t.dep_ == "nsubj" and t.head.lemma_ == "be":  # "X's parent company is Y"
            parents = ents.as_organizations([m for a in children_with(t.head, "attr") for m in args_of(ents, a)])
            children = children or ents.as_organizations(owners)
        else:  # "Parent X is controlled by …", "X's parent company Y"
            parents = ents.as_organizations([m for c in children_with(t, "appos") for m in args_of(ents, c)])
            children = children or ents.as_organizations(owners)
        for c in listed_after(ents, children):
            for p in parents:
                yield Candidate(c, "subsidiaryOf", p, t, "parent-of", 0.8)
        return
    if t.pos_ in ("NOUN", "PROPN") and (lemma in SUBSIDIARY_NOUNS or (  # "a subsidiary company of Y"
            lemma in ORG_NOUNS and any(c.lower_ in SUBSIDIARY_MODS for c in t.children))):
        owners = ents.as_organizations(possessors(ents, t))
        named = [ents.at(c) for c in t.children if c.dep_ in ("appos", "compound", "nmod") and ents.at(c)]
        if t.dep_ == "compound" and ents.at(t.head) is not None and ents.at(t.head).start > t.i:
            # "W&W Steel and its subsidiary AFCO Steel": the role word before the name
            named = [ents.at(t.head)]
            owners = owners or ents.as_organizations(
                possessors(ents, t.head))
        if owners and named and lemma in ("subsidiary", "unit", "division", "arm", "affiliate"):
            # "its subsidiary AFCO", "its X subsidiary", "Alphabet's Waymo unit"
            for c in ents.as_organizations(named):
                for p in owners:
                    yield Candidate(c, "subsidiaryOf", p, t, "poss-subsidiary", 0.8)
            return
        parents = ents.as_organizations([m for o in prep_objects(t, "of") for m in args_of(ents, o)])
        if not parents:
            parents = owners
        if not parents:
            return
        # "X is an airline and a wholly owned subsidiary of Y": the first conjunct's role
        anchor = t
        while anchor.dep_ == "conj" and anchor.head.pos_ in ("NOUN", "PROPN") and ents.at(anchor.head) is None:
            anchor = anchor.head
        if anchor.dep_ == "attr":  # "TCG is a subsidiary of Y": whatever NER made of TCG
            children = ents.as_organizations(clause_subject(ents, anchor.head, create="Organization"))
        elif anchor.dep_ == "pobj" and anchor.head.lower_ == "as":  # "X operates as a subsidiary of Y"
            children = ents.as_organizations(clause_subject(ents, anchor.head.head, create="Organization"))
        elif anchor.dep_ == "appos":
            children = only_orgs(args_of(ents, anchor.head))
            town = ents.at(anchor.head)
            if not children and town is not None and town.type == "Place" and anchor.head.dep_ == "pobj" \
                    and anchor.head.head.lower_ == "in":
                # "Kestrel Holding in Zwijndrecht, a subsidiary of Y": the company, not its town
                children = only_orgs(args_of(ents, anchor.head.head.head))
            left = anchor.left_edge.i
            doc = ents.doc
            if left >= 2 and doc[left - 1].text == ",":
                # "an officer at Telvora, the mobile subsidiary of Y", "Kestrel, Inc. (CEO: A), a subsidiary
                # of Y": the parser hangs the apposition on the wrong noun; the name right before the
                # comma (and a parenthesis) is what it describes
                end = left - 1
                if doc[end - 1].text == ")":
                    end = next((x.i for x in reversed(doc[doc[left].sent.start:end - 1]) if x.text == "("), end)
                before = ents.at(doc[end - 1]) if end >= 1 else None
                if before is None and not children and end == left - 1:
                    before = ents.proper_name(doc[end - 1], "Organization")
                if before is not None and before.type == "Organization" and before.end == end and (
                        not children or (ents.at(anchor.head) is None and end < left - 1)):
                    children = [before]
        elif t.dep_ in ("nsubj", "npadvmod", "dep", "ROOT"):
            children = [m for m in only_orgs(args_of(ents, t.head)) if m not in parents]
            if not children:  # fronted: "A regional subsidiary of Y, X supplies …"
                children = only_orgs([m for c in children_with(t, "appos") for m in args_of(ents, c)])
            if not children and t.dep_ == "nsubj":  # the parser takes both for subjects of the verb
                children = ents.as_organizations([m for c in children_with(t.head, "nsubj") if c.i > t.i
                                                  for m in args_of(ents, c, create="Organization")])
        else:
            children = only_orgs([m for c in children_with(t, "appos") for m in args_of(ents, c)])
        for c in children:
            for p in parents:
                yield Candidate(c, "subsidiaryOf", p, t, "subsidiary-of", 0.85)
    elif t.pos_ == "VERB" and lemma in OWN_VERBS:
        passive = (
            any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
            or t.dep_ == "acl"
            or (t.dep_ == "acomp" and prep_objects(t, "by"))
        )  # "which is majority-owned by SoftBank"
        if passive:
            owners = only_orgs([m for o in prep_objects(t, "by") for m in args_of(ents, o)])
            if t.dep_ == "acl":
                owned = only_orgs(args_of(ents, t.head))
            else:
                owned = ents.as_organizations(
                    [
                        m
                        for s in subject_of(t)
                        for m in (
                            relative_antecedent(ents, s)
                            if s.lower_ in ("which", "that")
                            else args_of(ents, s, create="Organization")
                        )
                    ]
                )
        else:  # "Geeknet owns the online retailer ThinkGeek"
            owners = only_orgs(clause_subject(ents, t))
            owned = only_orgs([m for o in children_with(t, "dobj") for m in args_of(ents, o)])
        # "owned 45% each by A and B", "owns 30% of B": a minority share is an investment
        share = _percent(t)
        minority = share is not None and share < 50
        for c in owned:
            for p in owners:
                if minority:
                    yield Candidate(p, "investedIn", c, t, "owns-share", 0.75)
                else:
                    yield Candidate(c, "subsidiaryOf", p, t, "owned-by", 0.8)


def _percent(verb) -> float | None:
    """The percentage a verb of owning states ("owned 45% by", "owns 30 percent of"), else None."""
    for c in verb.children:
        for w in c.subtree if c.dep_ in ("npadvmod", "dobj", "advmod", "attr") else []:
            if w.like_num and w.i + 1 < len(w.doc) and w.doc[w.i + 1].lower_ in ("%", "percent", "per"):
                try:
                    return float(w.text.replace(",", ""))
                except ValueError:
                    return None
    return None


def _owner(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "ByteDance, TikTok's Beijing-based owner": the owner makes a product and controls a company;
    "A and B, Telx's private equity owners": investors own a share."""
    holders = only_orgs(args_of(ents, t.head) if t.dep_ == "appos" else clause_subject(ents, t.head))
    owned = possessors(ents, t) + [m for o in prep_objects(t, "of") for m in args_of(ents, o)]
    equity = any(c.lower_ in ("equity", "investment") for c in t.subtree if c.i < t.i)
    if holders:  # what a company owns is no person: a one-word "person" is a company NER missed
        ents.as_organizations([m for m in owned if m.type == "Person" and " " not in m.text])
    for a in holders:
        for b in owned:
            if b.cluster == a.cluster:
                continue
            if b.type == "Product":
                yield Candidate(b, "productOf", a, t, "owner-of", 0.75)
            elif b.type == "Organization" and equity:
                yield Candidate(a, "investedIn", b, t, "owner-of", 0.75)
            elif b.type == "Organization":
                yield Candidate(b, "subsidiaryOf", a, t, "owner-of", 0.75)


@triggered_by(INVESTOR_NOUNS)
def investor(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "A is an investor in B", "A, a backer of B", "investors in B include A and C", "B's backers
    include A", "B counts A among its investors"."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in INVESTOR_NOUNS:
        return
    # (or the company named before the word: "Twitter, which is a SoundCloud investor")
    targets = [m for o in prep_objects(t, "in", "of") for m in args_of(ents, o)] or possessors(ents, t) or (
        only_orgs(compound_names(ents, t)) if t.dep_ in ("attr", "appos") else [])
    anchor = t  # "A, the state's fund and B's largest shareholder": the first noun's place
    while anchor.dep_ == "conj" and anchor.head.pos_ == "NOUN":
        anchor = anchor.head
    listed = examples_of(ents, t) if t.tag_ == "NNS" else []
    # "current EE shareholders Orange and Deutsche Telekom": the names a plural stands before
    after = ents.at(ents.doc[t.i + 1]) if t.tag_ == "NNS" and t.i + 1 < t.sent.end else None
    named = [ents.doc[after.end - 1]] if after is not None and after.start == t.i + 1 \
        and after.type == "Organization" and after.kind == "name" else []
    if listed:  # "some of B's top investors, including A and C"
        investors = ents.as_organizations(listed, strong=False)
    elif named:
        investors = args_of(ents, named[0])
        targets = targets or [m for c in t.children if c.dep_ in ("compound", "nmod")
                              for m in [ents.at(c) or ents.named_before(c)] if m is not None]
    elif t.dep_ == "nsubj" and t.head.lemma_.lower() == "include":  # "investors in B include A and C"
        investors = [m for o in children_with(t.head, "dobj") for m in args_of(ents, o)]
    elif t.dep_ == "nsubj" and t.head.lemma_ == "be":  # "B's biggest shareholder is A, followed by C"
        attrs = children_with(t.head, "attr")
        investors = [m for a in attrs for m in args_of(ents, a)] + [
            m for a in attrs for v in children_with(a, "acl") if v.lemma_ == "follow"
            for o in prep_objects(v, "by") for m in args_of(ents, o)]
    elif anchor.dep_ == "attr":
        investors = clause_subject(ents, anchor.head)
    elif anchor.dep_ == "appos" or (
            # "A, the state's fund and B's largest shareholder": the parser took the apposition for a list
            anchor.dep_ == "conj" and ents.at(anchor.head) is not None and ents.at(anchor.head).type == "Organization"
            and ents.at(anchor.head).end < anchor.i and ents.doc[ents.at(anchor.head).end].text == ","
            and t.i != anchor.i):
        investors = args_of(ents, anchor.head)
    elif t.dep_ == "pobj" and t.head.lower_ in ("among", "as") and (
            t.head.head.lemma_.lower() in ("count", "list") or (t.head.lower_ == "among" and t.head.head.lemma_ == "have")):
        # "B counts A among its investors", "B counts A as its largest shareholder", "B, which has A
        # among its investors": B's
        investors = [m for o in children_with(t.head.head, "dobj") for m in args_of(ents, o)]
        targets = clause_subject(ents, t.head.head)
    else:
        return
    if only_orgs(targets):  # ("backers of Kestrel include Mubadala", NER: a person)
        _firms(ents, investors)
    if only_orgs(investors):  # what a firm holds shares in is a company, whatever NER said ("Tokopedia")
        ents.as_organizations([m for m in targets if m.kind == "name"], places=True)
    for a in only_orgs(investors):
        for b in only_orgs(targets):
            if a.cluster != b.cluster:
                yield Candidate(a, "investedIn", b, t, "investor-in", 0.75)


@triggered_by({"backed", "owned", "funded", "controlled"})
def backed(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "the Microsoft-backed startup OpenAI", "SoftBank-owned Arm"."""
    if t.lower_ not in ("backed", "owned", "funded", "controlled") or t.i < 2 or t.nbor(-1).text != "-":
        return
    owner = ents.at(t.nbor(-2))
    if owner is None or owner.type != "Organization":
        return
    # the name the participle describes, not the names coordinated with it ("Microsoft-backed A and
    # Google-backed B")
    own = ents.at(t.head)
    targets = only_orgs([own] if own is not None else args_of(ents, t.head))
    if not targets and t.head.dep_ == "compound":
        targets = only_orgs(args_of(ents, t.head.head))
    for target in targets:
        if t.lower_ in ("backed", "funded"):
            yield Candidate(owner, "investedIn", target, t, "x-backed", 0.8)
        else:
            yield Candidate(target, "subsidiaryOf", owner, t, "x-owned", 0.8)
