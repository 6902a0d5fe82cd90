"""ledBy, worksAt and formerlyAt: roles, founders, appointments, departures and hires."""

from __future__ import annotations

from collections.abc import Iterator

from ..mentions import (CORPORATE_TITLES, ORG_NOUNS, DocEntities, Mention, is_camel_case, is_coined,
                        looks_like_organization, looks_like_person_name)
from .lexicon import (
    ACADEMIC_ROLES,
    APPOINT_VERBS,
    COFOUNDER_PREPS,
    FORMER_MODS,
    FUNCTION_NOUNS,
    FOUND_VERBS,
    JOIN_VERBS,
    LEAD_VERBS,
    LEAVE_VERBS,
    PARTNER_NOUNS,
    POSITION_NOUNS,
    TEAM_NOUNS,
    TITLE_WORDS,
    WORK_PRODUCT_VERBS,
    WORK_ROLES,
)
from .syntax import (
    Candidate,
    args_of,
    children_with,
    clause_subject,
    has_former,
    listed_after,
    noun_path,
    only_orgs,
    only_people,
    possessors,
    prep_objects,
    subject_of,
    trigger_lemma,
    triggered_by,
)

__all__ = ["role_appos", "role_title", "person_of", "succeeded", "former_role", "founded", "appointed",
           "left", "joined", "position", "made_at"]


#: Words before a title that make it a past one: "former CEO A", "then-CEO A".
_PAST_TITLE_WORDS = FORMER_MODS | {"then"}


def _role_org(ents: DocEntities, role) -> list[Mention]:
    """The organization of a role noun: "CEO **of X**", "**X**'s founder", "a **VMware** executive"."""
    # "Professor of Psychology at Clark University": an academic's "of" names a field
    preps = ("at", "for", "with") if role.lemma_.lower() in ACADEMIC_ROLES else ("of", "at", "for", "with")
    if role.dep_ in ("oprd", "attr", "xcomp") and prep_objects(role, "of"):
        # "was named Director of Research at X": the employer hangs on the verb, "of" names a field
        employer = only_orgs([m for o in prep_objects(role.head, "at") for m in args_of(ents, o)])
        if employer:
            return employer
    objs, orgs_owned = [], []
    if prep_objects(role, "of") and prep_objects(role, "at"):
        preps = ("at",)  # "senior vice president of the Server Business Group at Microsoft": a unit of the employer
    for o in prep_objects(role, *preps):
        # "VP of Engineering at Zentrix", "CTO for self-driving cars at X": the field's "at" names the employer
        at = prep_objects(o, "at", "with") if o.head.lower_ in ("of", "for") and ents.at(o) is None else []
        # "a Member of the Board of Directors of X": the board's organization
        board = ents.at(o)
        if board is not None and board.text.split()[0].lower() == "board" and board.end < len(ents.doc) \
                and ents.doc[board.end].lower_ == "of":
            at = at or [x for x in ents.doc[board.end].children if x.dep_ == "pobj"] or [
                ents.doc[board.end + 1 + (ents.doc[board.end + 1].lower_ == "the")]]
        thing = ents.at(o)  # (NER may take a model's name for a place: "Falcon S.")
        owner = only_orgs(possessors(ents, o)) if o.pos_ == "PROPN" and (
            thing.type in ("Product", "Place") if thing is not None else not o.ent_type_) else []
        if owner and not at:  # "the chief engineer for Tesla’s Model S": a thing of Tesla's, so Tesla
            orgs_owned.extend(m for m in owner if m not in orgs_owned)
            continue
        objs += at or [o]
    # "Founder and CEO of Catchafire": only an organization has a chief executive or a founder
    # (a president or a head may be a country's)
    corporate = _role_kind(role) == "lead" and role.lower_.replace(".", "") in (
        "ceo", "founder", "co-founder", "cofounder", "officer", "executive")
    orgs = orgs_owned
    for o in objs:  # "a scholar at X": no place is worked at; "manager for Norway" names a territory
        found = ents.as_organizations(args_of(ents, o, create="Organization"),
                                      places=o.head.lower_ in ("at", "with") or corporate)
        if o.head.lower_ in ("at", "with"):  # "Professor at A, B, C and D": the parser breaks the list
            found = listed_after(ents, found)
        orgs += [m for m in found if m not in orgs]
    # "a partner in Deloitte", "Professor in the Department of Physics": "in" an organization
    # (not "a manager in London", nor a name NER missed, which may be a town)
    # (not "a leader in Digital Pathology": a market)
    if role.lemma_.lower() not in ("leader", "player", "pioneer", "head", "chief"):
        orgs += [m for o in prep_objects(role, "in") for m in only_orgs(args_of(ents, o)) if m not in orgs]
    if not orgs and role.dep_ == "conj" and any(p.lower_ in ("its", "their") for p in children_with(role, "poss")):
        orgs = only_orgs([ents.at(role.head)] if ents.at(role.head) is not None else [])  # "X and its founder"
    if not orgs:
        orgs = only_orgs(possessors(ents, role))
    if not orgs:
        for c in role.children:
            if c.dep_ in ("compound", "nmod", "amod") and ents.at(c) is not None:
                orgs = only_orgs([ents.at(c)])
                if orgs:
                    break
    if not orgs:
        for c in role.children:  # "chief executive officer of X": the role's compounds carry the prep
            if c.dep_ == "compound":
                orgs = only_orgs([m for o in prep_objects(c, "of", "at") for m in args_of(ents, o)])
                if orgs:
                    break
    return orgs


def _team_of(ents: DocEntities, noun) -> list[Mention]:
    """The organization whose team is joined: "Amazon's Alexa team", "the Google Brain team"."""
    owners = only_orgs(possessors(ents, noun))
    return owners or only_orgs([ents.at(c) for c in noun.children if c.dep_ == "compound" and ents.at(c)])


def _parenthesized_title(ents: DocEntities, role) -> tuple[Mention, Mention] | None:
    """ "Kestrel International, Inc. (President and CEO: Jane Roe)": the organization before the
    parenthesis and the person after the colon, when the role opens the parenthesis."""
    doc = ents.doc
    if role.i < 2 or doc[role.i - 1].text != "(":
        return None
    org = ents.at(doc[role.i - 2])
    close = next((x.i for x in doc[role.i:role.sent.end] if x.text == ")"), None)
    colon = next((x.i for x in doc[role.i:close or role.i] if x.text == ":"), None)
    if org is None or org.type != "Organization" or org.end != role.i - 1 or colon is None:
        return None
    person = ents.at(doc[colon + 1]) if colon + 1 < close else None
    if person is None or person.type != "Person" or person.end != close:
        return None
    return org, person


def _participle_before(verb):
    """ "X, a firm based in Seattle and co-founded by A": the participle modifying a noun that a
    coordinated participle follows in word order, when the parser hung it on the main verb; else None."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or verb.i < 2 or verb.doc[verb.i - 1].lower_ != "and":
        return None
    x = verb.doc[verb.i - 2]
    while x.head.i != x.i and x.dep_ != "acl" and x.i > verb.head.i:
        x = x.head
    return x if x.dep_ == "acl" and x.tag_ == "VBN" and verb.head.i < x.i < verb.i else None


def _title_before(ents: DocEntities, person: Mention) -> str | None:
    """The :func:`_role_kind` of the title right before a name ("Executive Director Tom Doe"), else None."""
    doc = ents.doc
    i = person.start - 1
    while i >= doc[person.start].sent.start and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and ents.at(doc[i]) is None:
        kind = _role_kind(doc[i])
        if kind is not None:
            return kind
        i -= 1
    return None


def _role_kind(role) -> str | None:
    """ "lead" for CEO/founder/president/chief executive, "work" for other jobs, else None.

    A chairman heads a board rather than the company, and a vice or deputy leads nothing.
    """
    mods = {c.lower_.replace(".", "") for c in role.children if c.dep_ in ("compound", "amod", "nmod")}
    if role.i >= 2 and role.nbor(-1).text == "-" and not role.nbor(-2).whitespace_:
        mods.add(role.nbor(-2).lower_)  # "vice-president": the tokenizer splits the hyphen
    word = role.lower_.replace(".", "")  # "C.E.O." is a CEO
    words = {word, role.lemma_.lower()} | mods
    if not words & WORK_ROLES:
        return None  # (what lets :func:`triggered_by` call the role rules on WORK_ROLES alone)
    if role.lemma_.lower() == "partner" and not any(c.dep_ == "prep" and c.lower_ in ("at", "in") for c in role.children) \
            and not (role.dep_ == "compound" and role.head.ent_type_ == "PERSON"):
        return None  # "a partner at Sequoia", "Sequoia partner Carl Moe" work there; "a Cisco partner" is a company
    if "founding" in words and role.lemma_.lower() in WORK_ROLES:
        return "lead"  # "a founding member / director / chair of X" founded it
    if words & {"vice", "deputy", "assistant", "associate", "non-executive", "honorary"}:
        return "work" if role.lemma_.lower() in WORK_ROLES or words & WORK_ROLES else None
    if word in ("president", "head", "chief") and any(
            (o.pos_ == "NOUN" and o.lemma_.lower() not in ORG_NOUNS)
            or (any(c.dep_ == "poss" for c in role.children) and o.ent_type_ not in ("ORG", "PERSON"))
            for o in prep_objects(role, "of")):
        # "president of products and technologies", "Kestrel's head of AI": a part of the company
        return "work"
    if word in ("president", "ceo", "co-ceo", "founder", "co-founder", "cofounder") or words & {
        "ceo",
        "co-ceo",
        "founder",
        "co-founder",
        "cofounder",
    }:
        return "lead"
    if (
        role.lemma_.lower() in ("executive", "exec", "officer")
        and words & {"chief"}
        and (role.lemma_.lower() in ("executive", "exec") or words & {"executive", "exec"})
    ):
        return "lead"  # a chief executive (officer) leads; a chief operating officer does not
    if word in ("head", "leader", "boss", "chief") and any(
            c.dep_ in ("compound", "nmod") and c.pos_ == "NOUN" and c.is_lower and c.lemma_ not in ORG_NOUNS
            for c in role.children):
        return "work"  # "AT&T's network head", "its cloud chief": the head of a part of the company
    if word in ("head", "leader", "boss", "chief") and role.dep_ != "compound":
        return "lead"
    if role.lemma_.lower() in WORK_ROLES or words & WORK_ROLES:
        return "work"
    return None


def _titles_next_name(ents: DocEntities, role) -> bool:
    """Whether the title that *role* opens, with the roles coordinated after it, runs into a
    person's name: "founder and CEO Sam Roe"."""
    doc, i = ents.doc, role.i + 1
    while i < len(doc) and ents.at(doc[i]) is None and (doc[i].lower_ in ("and", "&") or _role_kind(doc[i])):
        i += 1
    m = ents.at(doc[i]) if i < len(doc) else None
    return m is not None and m.type == "Person" and m.start == i


def _title_kind(words) -> str | None:
    """The :func:`_role_kind` of a title of several words before a name: "lead" if a noun of it
    leads ("President and CEO"), "work" if one is a job, else None. An adjective alone leads
    nothing: the "chief" of "chief financial officer"."""
    if len(words) == 1 and words[0].lower_ in ("chief", "boss", "head", "leader"):
        return "lead"  # "Kestrel chief Ann Lee": the title before a name alone (not "chief of staff")
    kinds = {_role_kind(r) for r in words if r.pos_ != "ADJ" or len(words) == 1}
    return "lead" if "lead" in kinds else ("work" if "work" in kinds else None)


def _role_nouns(t) -> list:
    """The role noun and its coordinated roles: "the CEO and creator"."""
    return [t] + [c for c in t.conjuncts if c.i != t.i]


def _emit_role(
    person: Mention, role, orgs: list[Mention], kind: str, former: bool, rule: str, conf: float
) -> Iterator[Candidate]:
    for org in orgs:
        if kind == "lead":
            yield Candidate(org, "ledBy", person, role, rule, conf)
        if former:
            yield Candidate(person, "formerlyAt", org, role, rule, conf)
        else:
            yield Candidate(person, "worksAt", org, role, rule, conf - 0.05)


@triggered_by(WORK_ROLES)
def role_appos(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "Jane Roe, CEO of Acme", "John Doe, once a VMware executive",
    "X, the company's founder and chief architect", "X is the CEO of Y", "X (president and CEO)",
    "X is chairman and CEO of Y" (the parser hangs "of Y" on the first role)."""
    if t.pos_ not in ("NOUN", "PROPN") or _role_kind(t) is None:
        return
    if ents.at(t) is not None and ents.at(t).type != "Organization":
        return
    titled = _parenthesized_title(ents, t)
    if titled is not None:  # "Kestrel International, Inc. (President and CEO: Jane Roe)"
        org, person = titled
        kinds = {_role_kind(r) for r in _role_nouns(t)}
        yield from _emit_role(person, t, [org], "lead" if "lead" in kinds else "work", False, "role-parenthesis", 0.8)
        return
    people: list[Mention] = []
    owner: list[Mention] = []
    anchor = t
    while anchor.dep_ == "conj":
        anchor = anchor.head
        if _role_kind(anchor) is not None and ents.at(anchor) is None:
            return  # handled from the first role
    if anchor.i != t.i and ents.at(anchor) is not None and ents.at(anchor).type == "Organization":
        anchor = t  # "Kestrel Labs and its founder, Jim Roe": the role stands on its own
    if anchor.i != t.i:
        t_dep, t_head = anchor.dep_, anchor.head
    else:
        t_dep, t_head = t.dep_, t.head
    if t_dep == "pobj" and t_head.lower_ == "of" and t_head.head.lower_ == "one" and t.tag_ == "NNS":
        # "Anne Roe, one of the founders of X": the role of "one"
        t_dep, t_head = t_head.head.dep_, t_head.head.head
    if anchor.i != t.i and anchor.pos_ == "VERB" and any(_role_kind(r) for r in prep_objects(anchor, "as")):
        # "served as CEO of A from 1983 and CEO of B from 1994": the parser hangs the second role on the verb
        t_dep, t_head = "pobj", next(c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "as")
    if anchor.i != t.i and anchor.pos_ == "AUX" and anchor.lemma_ == "be":
        # "X was a psychiatrist, and eventually a professor at Y": the role hangs on the verb
        t_dep, t_head = "attr", anchor
    if t_dep == "appos" and _titles_next_name(ents, t):
        return  # "…,” FTX founder and CEO Sam Roe said": a title before its name, not an apposition
    if t_dep == "appos":
        people = ents.as_people(args_of(ents, t_head))
        if t.tag_ not in ("NNS", "NNPS") and ents.at(t_head) is not None:
            # "A, a former CTO of X, and B, a former member of Y": a singular role is its own name's
            people = [m for m in people if m.start <= t_head.i < m.end] or people
    elif t_dep in ("attr", "oprd"):
        people = ents.as_people(
            clause_subject(ents, t_head)
            if t_dep == "attr"
            else [m for s in children_with(t_head, "nsubj", "nsubjpass", "dobj") for m in args_of(ents, s)]
        )
        if not people and t_dep == "attr":  # "Tomas was Chairman of X": a first name NER missed
            people = only_people(clause_subject(ents, t_head, create="Person"))
    elif t_dep == "pobj" and t_head.lower_ == "as":  # "served as CEO of X"
        named = only_people([m for o in children_with(t_head.head, "dobj") for m in args_of(ents, o)])
        if t_head.head.lemma_.lower() in ("succeed", "replace"):
            named = []  # "A succeeded B as CEO": the role is the successor's (see :func:`succeeded`)
        if named:  # "X announced A as its new CEO": the one announced, and "its" is X
            people = named
            if any(p.lower_ in ("its", "their") for p in children_with(t, "poss")):
                owner = only_orgs(clause_subject(ents, t_head.head)) or only_orgs(  # "GM's Cruise unit"
                    [ents.at(c) for s in subject_of(t_head.head) for c in s.subtree
                     if c.i < s.i and c.dep_ in ("compound", "nmod") and ents.at(c) is not None])[-1:]
        else:
            people = ents.as_people(clause_subject(ents, t_head.head))
    elif t_dep == "nsubj" and t_head.lemma_ == "be":  # "Acme's interim CEO is Jane Roe"
        people = ents.as_people([m for a in children_with(t_head, "attr") for m in args_of(ents, a)])
    if not people:
        # "the CEO of WTC, Andrew Messick, announced", "its founder, Jimmy Wales", "Ritual members
        # Tom Mustaine and Marc Tardif": the name in apposition right after a definite role, or
        # right after a role named by its organization
        # ("A professor of history at X, Jane Roe, said": a role opening the sentence as its subject)
        definite = any(c.dep_ == "poss" or c.lower_ == "the" for c in anchor.children) or (
            anchor.dep_ == "nsubj" and anchor.left_edge.i == anchor.sent.start) or any(
            c.dep_ == "compound" and ents.at(c) is not None and ents.at(c).type == "Organization"
            for c in anchor.children)  # "according to Google CFO, Patrick Pichette"
        appos = [c for c in children_with(anchor, "appos") if c.i > anchor.i][:1]
        if definite and not appos and anchor.dep_ == "conj":  # "X and its founder, Jim Roe": hung on X
            appos = [c for c in children_with(anchor.head, "appos") if c.i > anchor.i][:1]
        if definite and not appos:  # the parser hangs the name on the organization: "CEO of X, Name"
            appos = [c for o in prep_objects(anchor, "of", "at") for c in children_with(o, "appos")
                     if c.i > o.i and ents.at(c) is not None and ents.at(c).type == "Person"][:1]
        people = only_people([m for c in appos if definite or (ents.doc[c.left_edge.i - 1].i == anchor.i
                                                               and not prep_objects(anchor, "of"))
                              for m in args_of(ents, c)])
        # ("Microsoft CEO Satya Nadella and Oracle CTO Larry Ellison": a name with its own title is not
        # in apposition to this one)
        people = people[:1] + [m for m in people[1:] if _title_before(ents, m) is None]
    if not people:
        return
    roles = [r for r in _role_nouns(t) if _role_kind(r) is not None or r.lemma_.lower() == "creator"]
    verb = t_head if t_dep == "attr" else t_head.head if t_dep == "pobj" and t_head.lower_ == "as" else None
    former = any(has_former(r) for r in roles) or (  # "A is out as CEO of X": no longer
        t_dep == "pobj" and t_head.lower_ == "as" and t_head.head.lower_ == "out") or (
        # "served as CTO of X until the company was sold"
        t_dep == "pobj" and t_head.lower_ == "as" and t_head.head.tag_ == "VBD"
        and (any(w.lower_ in ("until", "till") for w in t_head.head.subtree)
             or t_head.head.lemma_.lower() == "spend")  # "spent six years as CEO of X"
    ) or (verb is not None and any(c.dep_ == "advmod" and c.lower_ in FORMER_MODS
                                   and not (c.lower_ == "once" and c.i == verb.left_edge.i)
                                   for c in verb.children))
    # ("A was formerly CEO of X", "A previously served as CEO"; not "Once A becomes CEO", whose
    # "once" opens the clause)
    # "CEO of A and Director at B": each role with its own organization; "the CEO and creator
    # of the company": a role without one shares the next role's
    orgs_of = [owner or _role_org(ents, r) for r in roles]
    for k, r in enumerate(list(roles)):
        # "the CTO of A and CEO of B": the parser hangs "CEO" on A and "of B" on "CTO"; in word
        # order, each organization after the second role is the second role's
        for o in prep_objects(r, "of", "at"):
            for c in o.conjuncts:
                if c.i > o.i and c.pos_ in ("NOUN", "PROPN") and ents.at(c) is None \
                        and _role_kind(c) is not None and c not in roles:
                    own = _role_org(ents, c) or [m for m in orgs_of[k] if m.start > c.i]
                    if own:  # not "Chairman of the Board and CEO": that CEO's company is elsewhere
                        orgs_of[k] = [m for m in orgs_of[k] if m.start < c.i]
                        roles.append(c)
                        orgs_of.append(own)
    # "a writer and former columnist for X", "a businessman, Chairman and CEO of X": the parser
    # hangs the organization on the first noun of the coordination or the apposition
    carrier = anchor if anchor.i != t.i and anchor.pos_ == "NOUN" else (
        t_head if t_dep == "appos" and t_head.pos_ == "NOUN" and ents.at(t_head) is None else None)
    if carrier is not None and roles and not any(orgs_of):
        orgs_of[-1] = _role_org(ents, carrier)
    if verb is not None and t_dep == "pobj" and roles and not any(orgs_of) and not any(
            c.dep_ == "dobj" for c in verb.children) and trigger_lemma(verb) in _STAY_VERBS:
        # "A will take over as CEO", "B will remain as chairman": at the company the clause is about
        orgs_of[-1] = ents.current_org(t)
    if t_dep == "appos" and roles and not any(orgs_of):
        # "Jack Roe, founder and chief analyst at Roe Associates, said": the parser hangs "at" on the name
        orgs_of[-1] = ents.as_organizations([m for o in prep_objects(t_head, "at") if o.i > t.i
                                             for m in args_of(ents, o)])
    for k, r in enumerate(roles):
        # "chairman and CEO of X" share X; "CTO at X and the leader of its Y project" do not
        own = [o for o in prep_objects(r, "of", "at", "for") if o.lemma_.lower() != "board"]
        orgs = orgs_of[k] or ([] if own else next((o for o in orgs_of[k + 1 :] if o), [])
                              or next((o for o in reversed(orgs_of[:k]) if o), []))
        kind = _role_kind(r)
        if not orgs or kind is None:
            continue
        for person in people:
            yield from _emit_role(person, r, orgs, kind, former or has_former(r), "role-" + t_dep, 0.85)


#: Verbs of taking or keeping a role named alone: "will take over as CEO", "stays on as chairman".
_STAY_VERBS = {"take", "step", "stay", "remain", "continue", "return"}


def _bare_title_org(ents: DocEntities, title) -> list[Mention]:
    """Where a title named alone is held: the company the clause is about, else the one named last
    before it in the sentence when no company is the sentence's subject ("Musk co-founded OpenAI
    before disagreements with chief executive Sam Altman")."""
    sent = title.sent
    subjects = [t for t in sent[: title.i - sent.start] if t.dep_ in ("nsubj", "nsubjpass")
                and ents.at(t) is not None and ents.at(t).type == "Organization"]
    named = [m for m in ents.mentions if sent.start <= m.start < title.i and m.type == "Organization"
             and m.kind == "name"]
    if not subjects and named:
        return named[-1:]
    return ents.current_org(title)


#: Words of a title right before a name: "CEO", "chief executive", "chair".
_NAME_TITLES = TITLE_WORDS | {"chair", "co-ceo"}


def _name_title(ents: DocEntities, person: Mention) -> list:
    """The title words right before a person's name, in order: "CEO" in "Microsoft CEO Satya Nadella"."""
    doc, j = ents.doc, person.start - 1
    sent_start = doc[person.start].sent.start
    while j >= sent_start and ents.at(doc[j]) is None and doc[j].lower_.replace(".", "") in _NAME_TITLES:
        j -= 1
    return list(doc[j + 1:person.start])


def _titled_before(ents: DocEntities, last) -> Mention | None:
    """The organization before the title of the person whose name ends at *last*: "**Microsoft**
    CEO Satya Nadella", else None."""
    person = ents.at(last)
    if person is None or person.type != "Person" or last.i != person.end - 1:
        return None
    doc, title = ents.doc, _name_title(ents, person)
    titled, j = bool(title), person.start - len(title) - 1
    if titled and j - 1 >= last.sent.start and doc[j].lower_ in (",", "and") and ents.at(doc[j - 1]) is not None:
        return _titled_before(ents, doc[j - 1])  # "Microsoft CEO A, CFO B and COO C": A's, for C too
    org = ents.at(doc[j]) if titled and j >= last.sent.start else None
    return org if org is not None and org.type == "Organization" else None


@triggered_by(mention_end=True)
def role_title(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "Apple CEO Steve Jobs", "former Texas Instruments manager Bill Murto", "MIT professors A and B":
    a role before a name."""
    m = ents.at(t)
    if m is None or m.type != "Person" or t.i != m.end - 1:
        return
    own = _name_title(ents, m)  # "Microsoft CEO Satya Nadella and CFO Amy Hood": a name with a title of its own
    j = m.start - len(own) - 1
    if own and j - 1 >= t.sent.start and ents.doc[j].lower_ in ("and", ","):
        shared = _titled_before(ents, ents.doc[j - 1])  # (None unless a titled name ends there)
        kind = _title_kind(own)
        if shared is not None and kind is not None:
            yield from _emit_role(m, own[-1], [shared], kind, False, "role-title-shared", 0.8)
            return
    first = m  # "MIT professors Harold Abelson and Gerald Sussman": the title before the first name
    while not own and t.dep_ == "conj" and ents.at(t.head) is not None and ents.at(t.head).type == "Person" \
            and ents.at(t.head).start < first.start:
        t = ents.doc[ents.at(t.head).end - 1]
        first = ents.at(t)
    # compounds left of the name: [ORG] [former] ROLE words
    i = first.start - 1
    role_tokens = []
    doc = ents.doc
    while (
        i >= t.sent.start
        and ents.at(doc[i]) is None
        and ents.known_alias(doc[i]) is None  # "Arm CEO A" opening a sentence
        and (
            doc[i].dep_ in ("compound", "amod", "nmod")
            or doc[i].lower_ in TITLE_WORDS
            or (doc[i].lower_ in ("and", "&") and role_tokens)
        )
    ):
        if doc[i].lower_ not in ("and", "&"):
            role_tokens.append(doc[i])
        i -= 1
        if i - 1 >= t.sent.start and doc[i].text == "-" and doc[i - 1].lower_ == "co" \
                and not doc[i].whitespace_ and not doc[i - 1].whitespace_:
            i -= 2  # "Cylance Co-Founder and CEO A": the tokenizer splits the hyphen
    # "…," Kestrel Labs founder and CEO A said": a company's name NER missed, which the loop took
    # for words of the title (only a name shaped like a company's)
    name = list(reversed(role_tokens))
    k = 0
    while k < len(name) and name[k].pos_ == "PROPN" and name[k].text[:1].isupper() and _role_kind(name[k]) is None \
            and name[k].lower_ not in TITLE_WORDS:
        k += 1
    called = " ".join(w.text for w in name[:k])
    ticker = k == 1 and called.isupper() and called.isalpha() and 2 <= len(called) <= 5
    if 0 < k < len(name) and (looks_like_organization(called) or is_coined(called) or is_camel_case(called) or ticker):
        # ("IDG Chief Content Officer A"; "Nvidia Corp NVDA CEO A": a ticker after the company's name)
        before = ents.at(doc[name[0].i - 1]) if ticker and name[0].i > t.sent.start else None
        i = before.end - 1 if before is not None and before.type == "Organization" else name[k - 1].i
        role_tokens = role_tokens[:len(role_tokens) - k]
    if i >= t.sent.start and doc[i].tag_ == "POS":  # "MedStar Health's President and CEO Ken Samet"
        i -= 1
    if i - 3 >= t.sent.start and doc[i].text == ")" and doc[i - 2].text == "(":  # "Stanford (SU) professor"
        i -= 3
    # "according to company president and chief executive A": the company the clause is about
    generic = bool(role_tokens) and role_tokens[-1].lower_ in ("company", "firm") and len(role_tokens) > 1
    if generic:
        role_tokens.pop()
    words = {r.lower_.replace(".", "") for r in role_tokens}
    corporate = bool(words & CORPORATE_TITLES) or ("chief" in words and bool(words & {"officer", "executive"}))
    if role_tokens and first is m and (generic or corporate) \
            and (i < t.sent.start or (not doc[i].text[:1].isupper() and doc[i].tag_ not in ("POS", "PRP$"))):
        # "Following the deal's close, CEO Jane Roe said", "masterminded by COO A": a bare title is
        # held at the company the clause is about, as "it" would be
        kind = _title_kind(role_tokens) or "work"
        yield from _emit_role(m, role_tokens[-1], _bare_title_org(ents, role_tokens[-1]), kind,
                              any(r.lower_ in _PAST_TITLE_WORDS for r in role_tokens), "bare-title", 0.7)
        return
    if not role_tokens or i < t.sent.start or (first is not m and role_tokens[0].tag_ != "NNS"):
        return  # a title shared by coordinated names is plural; "CEO A and B" names only A
    if i >= t.sent.start + 2 and doc[i].lower_ in ("its", "their") and doc[i - 1].lower_ == "and":
        i -= 2  # "Google and its CEO Sundar Pichai"
    org = ents.at(doc[i]) or ents.known_alias(doc[i])
    if org is None and corporate:  # "Zentrix CFO Ann Lee", "IDG Chief Content Officer A": only a company has a CFO
        org = ents.proper_name(doc[i], "Organization")
    product = org is not None and org.type == "Product"
    if product:  # "PlayStation CEO Jim Ryan", "Azure CTO Mark Roe": a job at the product's maker
        org = ents.maker(org, doc[i])
    if org is None or org.type != "Organization":
        return
    kind = _title_kind(role_tokens)
    if kind is None:
        return
    if product and not any(r.lower_.replace(".", "") == "ceo" for r in role_tokens):
        kind = "work"  # "Windows chief Panos Roe" heads a product, not its maker
    # "former Amazon and Microsoft executive A": a "former" before companies listed covers them all
    listed = [org]
    while listed[0].start - 2 >= t.sent.start and doc[listed[0].start - 1].lower_ in ("and", ","):
        before = ents.at(doc[listed[0].start - 2])
        if before is None or before.type != "Organization":
            break
        listed.insert(0, before)
    orgs = [org]
    if len(listed) > 1 and doc[listed[0].start - 1].lower_ in FORMER_MODS:
        orgs, org = listed, listed[0]
    i = org.start  # (the word before a name of several words: "former Globex Corp CEO A")
    former = (
        any(r.lower_ in _PAST_TITLE_WORDS for r in role_tokens)  # ("then-CEO John Chambers")
        or (i - 1 >= 0 and doc[i - 1].lower_ in FORMER_MODS)
        or (  # "Ex-Google engineer"
            i - 2 >= 0 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "ex"
        )
        # "Infosys veteran A took over as CEO of B": a veteran moving on has left
        or (role_tokens[-1].lower_ == "veteran" and t.dep_ == "nsubj"
            and trigger_lemma(t.head) in _LATER_MOVES | {"take", "succeed", "replace"})
    )
    yield from _emit_role(m, role_tokens[-1], orgs, kind, former, "role-title", 0.85)


@triggered_by(mention_end=True)
def person_of(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "Mathematician George Stibitz of Bell Telephone Laboratories", "Anna Wierzbicka at Warsaw
    University": a person's name with "of" or "at" and an organization right after it; "Sequoia's
    Michael Moritz": an organization's possessive right before it."""
    m = ents.at(t)
    doc = ents.doc
    if m is None or m.type != "Person" or m.kind != "name" or t.i != m.end - 1:
        return
    if m.start >= 2 and doc[m.start - 1].tag_ == "POS" and looks_like_person_name(m.text):
        owner = ents.at(doc[m.start - 2])  # "Sequoia's Michael Moritz": the organization's person
        if owner is not None and owner.type == "Person" and owner.kind == "name" and " " not in owner.text \
                and " " in m.text and all(" " not in n for n in ents.clusters[owner.cluster].names) \
                and not ents.clusters[owner.cluster].canonical:
            # "Sky's Mark Kleinman": one word NER took for a person, never named in full, owning a
            # person named in full is an organization (not "Musk's Jared Birchall", after Elon Musk)
            ents.retype(owner, "Organization")
        if owner is not None and owner.type == "Organization" and owner.kind == "name":
            yield Candidate(m, "worksAt", owner, t, "org-s-person", 0.7)
            return
    if m.end + 1 >= t.sent.end or doc[m.end].lower_ not in ("of", "at") or not looks_like_person_name(m.text):
        return
    k = m.end + 1 + (doc[m.end + 1].lower_ == "the")
    place = ents.at(doc[k]) if k < t.sent.end else None
    if place is not None and place.type == "Place" and place.start == k and place.end + 1 < t.sent.end \
            and doc[place.end].tag_ == "POS":
        k = place.end + 1  # "Mark Evans at Canada's McGill University"
    org = ents.at(doc[k]) if k < t.sent.end else None
    if org is None or org.type != "Organization" or org.start != k or ents.clusters[org.cluster].canonical is None \
            and org.text.isupper() and len(org.text) <= 2:
        return
    if org.end < len(doc) and doc[org.end].tag_ == "POS":
        return  # "Tim Cook at Apple's launch event": a place of the moment, not an employer
    for o in listed_after(ents, [org]):  # "Lena Holm of Uppsala University and the X Institute"
        yield Candidate(m, "worksAt", o, t, "person-of", 0.7)


@triggered_by({"succeed", "replace", "take"})
def succeeded(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "He was elected president and CEO of X, succeeding Y", "A succeeded B as CEO of X": the
    predecessor in a leading role led the organization too; "B will be succeeded by A": so
    does the successor."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in ("succeed", "replace", "take"):
        return
    taking = t.lemma_.lower() == "take"  # "A is taking over from B"
    if taking and not (any(c.dep_ == "prt" and c.lower_ == "over" for c in t.children) and prep_objects(t, "from")):
        return
    passive = any(c.dep_ == "nsubjpass" for c in t.children)
    # "A succeeded B": B came before; "B will be succeeded by A": A comes after
    before = only_people([m for o in (prep_objects(t, "from") if taking else children_with(
        t, "nsubjpass" if passive else "dobj")) for m in args_of(ents, o)])
    if not before:
        return
    after = [] if not passive else only_people(
        [m for a in children_with(t, "agent") for o in children_with(a, "pobj") for m in args_of(ents, o)])
    if not passive and t.dep_ not in ("advcl", "acl", "xcomp"):
        after = only_people(clause_subject(ents, t))
    # "as CEO of X", hung on the verb or on the one succeeded; else a leading role before the verb
    roles = [r for x in [t] + list(children_with(t, "dobj")) for r in prep_objects(x, "as") if _role_kind(r) == "lead"]
    roles += [r for r in t.sent if r.pos_ in ("NOUN", "PROPN") and r.i < t.i and ents.at(r) is None
              and _role_kind(r) == "lead"]
    # "… from B, who had been X president and CEO since 2019": the role the one succeeded held
    roles += [r for o in (prep_objects(t, "from") if taking else children_with(t, "dobj")) for c in o.children
              if c.dep_ == "relcl" for r in c.subtree if ents.at(r) is None and _role_kind(r) == "lead"]
    orgs = next((o for r in roles for o in [_role_org(ents, x) for x in _role_nouns(r)] if o), [])
    if roles and not orgs:  # "he succeeded B, after B's ten years as Acme CEO": a role later in the sentence
        orgs = next((o for r in t.sent if r.i > t.i and ents.at(r) is None and _role_kind(r) == "lead"
                     for o in [_role_org(ents, r)] if o), [])
    if roles and not orgs:  # "A will succeed B as chief executive": at the company the text is about
        orgs = ents.current_org(t)
    for org in orgs:
        for p in before:
            yield Candidate(org, "ledBy", p, t, "succeeded", 0.7)
        for p in after:  # the successor takes the role
            yield Candidate(org, "ledBy", p, t, "succeeded", 0.75)
            yield Candidate(p, "worksAt", org, t, "succeeded", 0.7)


@triggered_by(WORK_ROLES)
def former_role(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "Rod Canion, Jim Harris, and Bill Murto, all of whom were former Texas Instruments managers"."""
    if t.dep_ != "attr" or not has_former(t) or _role_kind(t) is None:
        return
    subj = children_with(t.head, "nsubj")
    if not subj or t.head.dep_ != "relcl":
        return
    people = only_people(args_of(ents, t.head.head))
    orgs = _role_org(ents, t)
    for p in people:
        for o in orgs:
            yield Candidate(p, "formerlyAt", o, t, "former-relcl", 0.8)


#: Nouns of choosing someone for a job: "the appointment of A to lead X".
_CHOICE_NOUNS = {"appointment", "hiring", "hire", "nomination", "selection", "choice", "election"}


@triggered_by(FOUND_VERBS, LEAD_VERBS)
def _founded_with(ents: DocEntities, x) -> list[Mention]:
    """Who *x* was done with: "with A", "alongside A", "along with A", "together with A"."""
    objs = prep_objects(x, *COFOUNDER_PREPS)
    objs += [o for c in x.children if c.lower_ in ("along", "together") for o in prep_objects(c, "with")]
    return [m for o in objs for m in args_of(ents, o)]


def founded(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "X was founded by A and B", "A founded X", "Founded by A, …", "X is led by A"."""
    lemma = trigger_lemma(t)
    if t.pos_ != "VERB" or lemma not in FOUND_VERBS | LEAD_VERBS or (t.dep_ == "amod" and t.tag_ == "VBG"):
        return  # ("leading EMR supplier Epic": an adjective)
    if lemma in ("set",) and not any(c.lower_ == "up" for c in t.children):
        return
    if lemma in ("launch", "create", "start") and t.tag_ == "VBG" and t.dep_ == "acl":
        return  # "held senior roles launching PS2 and PS3": a job's products, not a founding
    if any(d.lemma_.lower() in PARTNER_NOUNS for d in children_with(t, "dobj")) and any(
            m.type == "Organization" for m in clause_subject(ents, t)):
        return  # "IBM and Kingsoft formed an alliance": companies ally (people may found a partnership)
    # "X was founded by A", "founded by A, X …", and "X, founded in 1933, …": a participle
    # modifying a noun is passive, its noun the thing founded
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) or (
        t.tag_ == "VBN" and (prep_objects(t, "by") or t.dep_ == "acl"
                             # "Founded in 2015, Monzo will …": a fronted participle without an object
                             or (t.dep_ == "advcl" and t.i < t.head.i and not children_with(t, "dobj", "aux")))
    )
    if passive:
        agents = [m for o in prep_objects(t, "by") for m in args_of(ents, o)] or (  # a name NER missed
            [m for o in prep_objects(t, "by") for m in args_of(ents, o, create="Person")]
            if lemma in FOUND_VERBS else [])
        if lemma in FOUND_VERBS and only_people(agents):  # "founded by A, along with B and C"
            agents += [m for m in only_people(_founded_with(ents, t)) if m not in agents]
        base = t
        while base.dep_ == "conj":
            base = base.head
        shared = _participle_before(t)
        if shared is not None:  # the parser joined "and co-founded by A" to the main verb
            base = shared
        if base.dep_ == "acl":  # "Maveron, a firm based in Seattle and co-founded by A"
            targets = only_orgs(args_of(ents, base.head))
            if not targets and base.head.dep_ == "appos" and ents.at(base.head.head) is not None:
                targets = only_orgs([ents.at(base.head.head)])  # "X, the AI startup founded by A" (a noun mistagged)
        elif lemma in FOUND_VERBS and only_people(agents):  # what people found is an organization
            targets = ents.as_organizations(clause_subject(ents, t, create="Organization"))
        elif lemma in LEAD_VERBS and only_people(agents) and any(
                _role_kind(x) == "lead" for o in prep_objects(t, "by") for x in o.subtree if ents.at(x) is None):
            # "X is led by chief executive officer A": only an organization has a chief executive
            targets = ents.as_organizations(clause_subject(ents, t, create="Organization"), places=True)
        else:
            targets = only_orgs(clause_subject(ents, t))
        last = max((a.end for a in agents if a.kind == "name"), default=0)
        if not targets and t.i == t.sent.start and last + 1 < t.sent.end and ents.doc[last].text == ",":
            # "Created in 1899 by engineers A and B, Acme has become …": the name after the fronted phrase
            after = ents.at(ents.doc[last + 1])
            targets = [after] if after is not None and after.start == last + 1 \
                and after.type == "Organization" else []
        if not targets and t.dep_ in ("ROOT", "advcl") and not subject_of(t):
            targets = only_orgs(ents.topic(t))  # a fragment: "Founded by A in 1984 …"
        for org in targets:
            for p in ents.as_people(agents):
                # "led by Chairman A and Executive Director B": a title that leads nothing says A works there
                if lemma not in LEAD_VERBS or _title_before(ents, p) != "work":
                    yield Candidate(org, "ledBy", p, t, "founded-by", 0.85)
                if lemma in LEAD_VERBS:  # "X is led by chief executive officer A": A works there
                    yield Candidate(p, "worksAt", org, t, "led-by", 0.75)
            if lemma in LEAD_VERBS:  # "a consortium led by Google"
                for a in only_orgs(agents):
                    yield Candidate(a, "partnersWith", org, t, "consortium-led-by", 0.75)
    else:
        named = any(d.pos_ == "PROPN" for d in children_with(t, "dobj"))  # "Lilia founded Kestrel Labs"
        people = ents.as_people(clause_subject(ents, t), places=named and lemma in FOUND_VERBS)
        choice = [n for n in [t.head, *children_with(t.head, "dobj")] if n.lemma_.lower() in _CHOICE_NOUNS] \
            if t.dep_ in ("acl", "xcomp") else []
        if choice:  # "announced the appointment of A to lead X": the one appointed leads, not the announcer
            people = only_people([m for o in prep_objects(choice[0], "of") for m in args_of(ents, o)])
        if not people and lemma in FOUND_VERBS and children_with(t, "dobj") and children_with(t, "nsubj"):
            # "In 2011 Henrik founded Tavolo Foods": a first name NER missed, when the object is a name too
            dobj = children_with(t, "dobj")[0]
            if dobj.pos_ == "PROPN" and (ents.at(dobj) is None or ents.at(dobj).type == "Organization"):
                people = only_people(clause_subject(ents, t, create="Person"))
        dobjs = children_with(t, "dobj")
        if not dobjs and lemma in FOUND_VERBS:  # "A founded and led X": the verbs share their object
            dobjs = [o for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > t.i
                     and c.lemma_.lower() in FOUND_VERBS | LEAD_VERBS for o in children_with(c, "dobj")][:1]
        objs = only_orgs([m for o in dobjs for m in args_of(ents, o)])
        if not dobjs and lemma in FOUND_VERBS and people:
            # "A co-founded and served as CTO at X", "founded and served on the board of X"
            for c in t.children:  # (and "founded and became CEO of X")
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.lemma_.lower() in ("serve", "work", "become") \
                        and c.i > t.i:
                    objs = ents.as_organizations(
                        [m for r in prep_objects(c, "as") + children_with(c, "attr") for m in _role_org(ents, r)]
                        + [m for b in prep_objects(c, "on") for m in _role_org(ents, b)]
                        + [m for o in prep_objects(c, "at", "for") for m in args_of(ents, o)])
                    break
        if lemma in FOUND_VERBS and (people or subject_of(t)):
            # (a subject that resolves to no one still founded it with the people named after "with")
            objs = ents.as_organizations(
                [m for o in dobjs for m in args_of(ents, o, create="Organization")], places=bool(people)
            ) or objs  # ("Butterfield co-founded Ludicorp": no place is founded; "which" is its antecedent)
            # "which she co-founded with her brother Jim": the people founded it with are founders too
            # (the parser may hang "alongside A" on the object)
            # (with a person as the subject, a name NER took for a company there is a person's)
            with_ = [m for x in [t, *dobjs] for m in _founded_with(ents, x)]
            people += [m for m in (ents.as_people(with_) if people else only_people(with_)) if m not in people]
        for org in objs:
            for p in people:
                yield Candidate(org, "ledBy", p, t, "founded", 0.85 if lemma in FOUND_VERBS else 0.75)
        if lemma in LEAD_VERBS and not objs:
            # "who previously led Tesla's autopilot team": a part of the company, so a job there
            # (a past one in the past tense), not the company's lead
            former = has_former(t) or t.tag_ == "VBD"
            teams = only_orgs([m for d in dobjs if d.lemma_.lower() in TEAM_NOUNS - {"board"}
                               for m in _team_of(ents, d)])
            if dobjs and not teams and all(d.lower_ in FUNCTION_NOUNS for d in dobjs):
                # "A ran marketing at X", "A heads engineering at X": a part of X, so a job there
                teams = only_orgs([m for x in [t, *dobjs] for o in prep_objects(x, "at") for m in args_of(ents, o)])
            for o in teams:
                for p in people:
                    yield Candidate(p, "formerlyAt" if former else "worksAt", o, t, "led-team", 0.7)


@triggered_by({"helm", "reins"})
def took_helm(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "A took the helm at X", "A assumed the reins of X": A leads X."""
    verb = t.head
    if t.pos_ != "NOUN" or t.dep_ != "dobj" or verb.lemma_.lower() not in ("take", "assume", "grab", "seize"):
        return
    orgs = only_orgs([m for o in prep_objects(t, "of", "at") + prep_objects(verb, "of", "at") for m in args_of(ents, o)])
    people = only_people(clause_subject(ents, verb))
    for p in people:
        yield from _emit_role(p, t, orgs, "lead", False, "took-helm", 0.8)


@triggered_by(APPOINT_VERBS, {"bring"})
def appointed(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "which saw Eckhard Pfeiffer appointed president and CEO", "X named A its CEO"."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in APPOINT_VERBS | {"bring"}:
        return
    lemma = t.lemma_.lower()
    if lemma == "bring" and not any(c.dep_ == "prt" and c.lower_ in ("on", "in", "aboard") for c in t.children):
        return  # "brought on A from B to lead its unit" (not "brought A to the table")
    if lemma in ("hire", "recruit", "poach", "bring") and not any(c.dep_ == "nsubjpass" for c in t.children):
        hired = ents.as_people([m for c in children_with(t, "dobj") for m in args_of(ents, c)])
        for o in only_orgs([m for c in prep_objects(t, "from") for m in args_of(ents, c)]):
            for p in hired:  # "poached A from B", "hired A from B as its CTO": B is where A worked
                yield Candidate(p, "formerlyAt", o, t, "hired-from", 0.7)
    roles = [
        c
        for c in t.children
        if c.dep_ in ("oprd", "attr", "xcomp", "dobj") and _role_kind(c) is not None and ents.at(c) is None
    ]
    roles += [pobj for pobj in prep_objects(t, "as", "to") if _role_kind(pobj)]
    # "named Acme CEO Leo Roe as chairman": the parser may hang "as" on the one named
    roles += [pobj for c in children_with(t, "dobj", "oprd") for pobj in prep_objects(c, "as") if _role_kind(pobj)]
    if not roles:
        if lemma in ("hire", "recruit", "poach", "bring") and not any(c.dep_ == "nsubjpass" for c in t.children):
            # "Amazon hired Ruhi Roe, an ex-Microsoft employee": the one hired works for the hirer
            for o in only_orgs(clause_subject(ents, t)):
                for p in hired:
                    yield Candidate(p, "worksAt", o, t, "hired", 0.7)
        return
    # the one named: "named Leo Roe, a veteran executive, as CEO" (NER may call him a company),
    # "named Acme CEO James Roe as chairman" (the parser may call him a predicate)
    people = ents.as_people([m for c in children_with(t, "nsubjpass", "dobj", "oprd") for m in args_of(ents, c)])
    role = roles[0]
    if not people:  # "Oracle named Safra Catz chief executive": the parser takes the name into the role
        people = only_people(list({ents.at(c).start: ents.at(c) for c in role.children if c.dep_ in (
            "compound", "nmod") and c.i < role.i and ents.at(c) is not None}.values()))
    if not people and all(d in roles and not children_with(d, "det", "poss") for d in children_with(t, "dobj")):
        # (a subject is the one named only when no one else is, as in "which saw A appointed
        # president": not "A appointed B as CEO", nor "A hired the former boss of X")
        people = [m for c in children_with(t, "nsubj") for m in only_people(args_of(ents, c))]
    kind = "lead" if any(_role_kind(r) == "lead" for r in _role_nouns(role)) else "work"
    if role.pos_ == "VERB" and any(ents.at(o) is None and o.lemma_.lower() not in ORG_NOUNS
                                   for o in children_with(role, "dobj")):
        kind = "work"  # "hired A to head its China operations": a part of the company, so a job there
    # "Polestar appointed A as CEO": what names a chief executive is an organization, whatever NER said
    appointer = only_orgs([m for c in children_with(t, "nsubj") for m in args_of(
        ents, c, create="Organization" if kind == "lead" and people else None)])
    if not appointer and t.dep_ == "acl":  # "US aerospace group Boeing Co on Thursday named …": the parser's noun
        appointer = only_orgs(args_of(ents, t.head))
    orgs = []
    for r in _role_nouns(role):
        orgs = orgs or _role_org(ents, r)
    if appointer and any(c.dep_ == "poss" and c.tag_ == "PRP$" for r in _role_nouns(role) for c in r.children):
        orgs = appointer  # "Acme appointed former Globex CEO A as its CEO": "its" is Acme
    if not orgs:
        orgs = appointer
    if not orgs:
        orgs = only_orgs(ents.topic(t))
    for p in people:
        yield from _emit_role(p, role, orgs, kind, False, "appointed", 0.75)


@triggered_by(LEAVE_VERBS)
def left(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "Murto departed Compaq", "Canion and Harris left", "A was ousted by the board of HP"."""
    lemma = t.lemma_.lower()
    if t.pos_ != "VERB" or lemma not in LEAVE_VERBS:
        return
    if lemma in ("step",) and not any(c.lower_ == "down" for c in t.children):
        return
    if lemma == "move" and not (any(c.lower_ == "on" for c in t.children) and prep_objects(t, "from")):
        return  # "moved on from Microsoft" left it (not "moved to Seattle")
    if lemma == "leave" and any(c.lower_ == "behind" for c in t.children):
        return  # "died in service, leaving behind a widow"
    if lemma in ("push", "force") and not any(c.lower_ == "out" for c in t.children):
        return
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    if lemma in ("oust", "fire", "dismiss", "sack", "remove", "push", "force") and not passive:
        people = only_people([m for o in children_with(t, "dobj") for m in args_of(ents, o)])
        orgs = only_orgs(clause_subject(ents, t))
    else:
        people = only_people([m for s in subject_of(t) for m in args_of(ents, s, create="Person")]
                             if not any(s.lower_ in ("who", "that") for s in subject_of(t))
                             else clause_subject(ents, t))
        orgs = only_orgs([m for o in children_with(t, "dobj") for m in args_of(ents, o)])
        orgs += only_orgs([m for o in prep_objects(t, "as", "at") for m in args_of(ents, o)])
        # "Jim then resigned from C&W": what a person leaves is an organization, whatever NER said
        orgs += only_orgs([m for o in prep_objects(t, "from") for m in args_of(ents, o, create="Organization")])
        if passive:  # "ousted by the board of directors of HP"
            for agent in prep_objects(t, "by"):
                orgs += only_orgs(args_of(ents, agent)) or only_orgs(
                    [
                        m
                        for x in agent.subtree
                        if ents.at(x) is not None and noun_path(x, agent)
                        for m in [ents.at(x)]
                    ]
                )
    # "resigned as CEO of SAP", "was ousted as Boeing's CEO": the role's organization
    for role in prep_objects(t, "as"):
        if _role_kind(role):
            orgs += [o for r in _role_nouns(role) for o in _role_org(ents, r) if o not in orgs]
    conf = 0.8
    if not orgs and people and not any(x.pos_ == "PROPN" for o in children_with(t, "dobj")
                                       + prep_objects(t, "from", "at", "as") for x in o.subtree):
        # "Canion and Harris left", "left its board": the company the article is about; not when
        # the verb names a place left that is no known organization ("resigned from Protea hotel")
        orgs, conf = only_orgs(ents.topic(t)), 0.65
        if t.dep_ == "advcl" and only_orgs(clause_subject(ents, t.head)):
            # "X promoted A to CEO after B quit": the company of the clause the leaving is told in
            orgs = only_orgs(clause_subject(ents, t.head))
        if t.tag_ == "VBG":  # "positions at A and B (from 1955, leaving in 1971)": what the clause named last
            before = [m for m in ents.mentions if m.type == "Organization" and t.sent.start <= m.start < t.i]
            orgs = before[-1:] or orgs
    # "Jim Ryan will retire at the end of the year", "A plans to step down": still there for now
    ahead = any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in t.children) or (
        t.dep_ == "xcomp" and t.head.lemma_.lower() in ("plan", "expect", "intend", "set", "prepare"))
    for p in people:
        for o in orgs:
            if ahead:
                yield Candidate(p, "worksAt", o, t, "will-leave", conf - 0.1)
            else:
                yield Candidate(p, "formerlyAt", o, t, "left", conf)
    if lemma in ("leave", "quit", "depart", "exit") and not passive and not ahead:
        # "A left B for C": where A went
        for o in only_orgs([m for d in prep_objects(t, "for") for m in args_of(ents, d, create="Organization")]):
            for p in people:
                yield Candidate(p, "worksAt", o, t, "left-for", 0.7)


def _as_roles(verb) -> list:
    """The roles of "as" after *verb*: "joined X as CEO", "as the company's next CEO" (the role in
    apposition to its owner)."""
    return [x for r in prep_objects(verb, "as") for x in [r, *children_with(r, "appos")] if _role_kind(x)]


#: What years at a job are counted in: "spent a decade at X" (a "career" or "stint" there is a
#: :func:`position`).
_SPANS = {"year", "decade", "month", "week", "time"}


@triggered_by(JOIN_VERBS, {"serve", "sit", "employ", "work", "teach", "lecture", "spend"})
def joined(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "A joined X from Y", "A works at X", "A previously worked at Y", "A was employed by X",
    "A spent a decade at X"."""
    lemma = t.lemma_.lower()
    if t.pos_ != "VERB":
        return
    if lemma in ("teach", "lecture"):  # "taught at Princeton": a teacher works there
        lemma = "work"
    if lemma == "spend":  # "spent a decade at X" (not "spent $2 billion at X"): years worked there
        if not any(d.lemma_.lower() in _SPANS for d in children_with(t, "dobj")):
            return
        lemma = "work"
    # only a person works at or for an organization: "Javier … while working for X", whatever NER said
    people = (ents.as_people(clause_subject(ents, t), places=True) if lemma == "work" and prep_objects(t, "at", "for")
              else only_people(clause_subject(ents, t)) if lemma in JOIN_VERBS | {"serve", "sit", "employ"} else [])
    if not people and lemma in JOIN_VERBS | {"work"}:  # "Kowalczyk joined X": a surname NER missed
        people = only_people(clause_subject(ents, t, create="Person"))
    if not people and lemma in JOIN_VERBS and _as_roles(t):
        people = ents.as_people(clause_subject(ents, t))  # "Fidji Simo will join X as CEO": only a person has a role
    if not people:
        return
    if lemma == "employ":  # "X was employed by Y"
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children):
            former = any(c.lower_ in FORMER_MODS for c in t.children)
            for o in only_orgs([m for d in prep_objects(t, "by") for m in args_of(ents, d)]):
                for p in people:
                    yield Candidate(p, "formerlyAt" if former else "worksAt", o, t, "employed-by", 0.75)
        return
    if lemma in JOIN_VERBS:
        roles = _as_roles(t)
        own = [(r, o) for r in roles for o in _role_org(ents, r)]  # "as CEO of its credit union, X"
        lead = not own and any(_role_kind(x) == "lead" for r in roles for x in _role_nouns(r))
        joined = [m for d in children_with(t, "dobj") for m in (
            _team_of(ents, d) if d.lemma_.lower() in TEAM_NOUNS else args_of(ents, d, create="Organization"))]
        for o in ents.as_organizations(joined, places=True):
            for p in people:
                yield Candidate(p, "worksAt", o, t, "joined", 0.75)
                if lead:  # "Simon joined ip.access as Chief Executive Officer"
                    yield Candidate(o, "ledBy", p, t, "joined-as", 0.8)
        for o in only_orgs([m for d in prep_objects(t, "from") for m in args_of(ents, d)]):
            for p in people:
                yield Candidate(p, "formerlyAt", o, t, "joined-from", 0.8)
        for r, o in own:
            for p in people:
                yield from _emit_role(p, r, [o], _role_kind(r), has_former(r), "joined-as-of", 0.8)
    elif lemma in ("serve", "sit") and not prep_objects(t, "as"):  # "Yefremov served in the Soviet Army"
        places = prep_objects(t, "in", "with", "at", "on") if lemma == "serve" else []
        orgs = only_orgs([m for d in places for m in args_of(ents, d)])
        # "served on the advisory board of X", "sits on the X board of regents": the board's organization
        boards = [d for d in prep_objects(t, "on") if d.lemma_.lower() == "board"]
        orgs += only_orgs([m for b in boards for m in [m for o in prep_objects(b, "of") for m in args_of(ents, o)]
                           + [ents.at(c) for c in b.children if c.dep_ in ("compound", "poss", "nmod") and ents.at(c)]])
        for o in orgs:
            for p in people:
                yield Candidate(p, "worksAt", o, t, "served-in", 0.65)
    elif lemma == "work":
        # "worked at Apple in the mid-'90s", "had worked at X": a past employer; "has worked at X since"
        # and "works at X" are current
        former = has_former(t) or t.tag_ == "VBD" or (
            t.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in t.children))
        for o in ents.as_organizations([m for d in prep_objects(t, "at", "for")
                                        for m in args_of(ents, d, create="Organization")]):
            for p in people:
                yield Candidate(p, "formerlyAt" if former else "worksAt", o, t, "works-at", 0.75)


@triggered_by(POSITION_NOUNS)
def position(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "He held engineering positions with X and Y", "her position at X", "took a job with X"."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in POSITION_NOUNS:
        return
    anchor = t
    while anchor.dep_ == "conj":
        anchor = anchor.head
    verb = anchor.head if anchor.dep_ == "dobj" and anchor.head.pos_ == "VERB" else None
    orgs = only_orgs([m for o in prep_objects(t, "with", "at", "for") for m in args_of(ents, o)])
    if not orgs and verb is not None:  # "spent her entire career at X": the parser hangs "at X" on the verb
        orgs = only_orgs([m for o in prep_objects(verb, "with", "at") for m in args_of(ents, o)])
    orgs = listed_after(ents, orgs)  # "at Kestrel College, Marlow University": a unit and its university
    if not orgs:
        return
    if verb is not None:
        people = only_people(clause_subject(ents, verb))
    else:
        people = only_people(possessors(ents, t))
    former = has_former(t) or (verb is not None and verb.lemma_.lower() in LEAVE_VERBS)  # "left her post at X"
    for p in people:
        for o in orgs:
            yield Candidate(p, "formerlyAt" if former else "worksAt", o, t, "position-with", 0.7)


@triggered_by(WORK_PRODUCT_VERBS)
def made_at(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "It was developed in 1959 at the University of X by A, B and C", "created at X by A": the
    makers worked at the institution."""
    if t.pos_ != "VERB" or t.tag_ != "VBN" or t.lemma_.lower() not in WORK_PRODUCT_VERBS:
        return
    # the small parser hangs "by" and "at" on any noun of the phrase, so read it in word order
    doc, span = ents.doc, range(t.left_edge.i, t.right_edge.i + 1)

    def name_after(word: str, type_: str) -> list[Mention]:
        out = []
        for i in span:
            if doc[i].lower_ == word and i + 1 < len(doc):
                k = i + 1 + (doc[i + 1].lower_ == "the")
                m = ents.at(doc[k]) if k < len(doc) else None
                if m is not None and m.start == k and m.type == type_:
                    out.append(m)
        return out

    people = listed_after(ents, name_after("by", "Person")[:1])
    orgs = name_after("at", "Organization")
    for p in people:
        for o in orgs:
            yield Candidate(p, "worksAt", o, t, "made-at-by", 0.65)


#: What a person did after the job a sentence tells of: "before joining X", "prior to founding X".
_LATER_MOVES = frozenset({"join", "rejoin", "become", "move", "found", "co-found", "start", "launch", "leave"})


def later_move(sent) -> set[int]:
    """The tokens of a "before joining X" / "prior to joining X" phrase in *sent* (empty without one):
    a job the rest of the sentence tells of came before it.

    >>> from graph.nlp import load_nlp
    >>> doc = load_nlp()("Prior to joining Acme, Ann Lee worked at Globex.")
    >>> sorted(later_move(doc[:]))
    [0, 1, 2, 3]
    """
    for t in sent:
        if t.lower_ in ("before", "prior") and t.dep_ in ("prep", "advmod", "mark"):
            to = [c for c in t.children if c.lower_ == "to"] if t.lower_ == "prior" else [t]
            verbs = [c for p in to for c in p.children if c.dep_ in ("pcomp", "pobj") and c.tag_ == "VBG"]
            if verbs and trigger_lemma(verbs[0]) in _LATER_MOVES:
                return {w.i for w in t.subtree}
    return set()
