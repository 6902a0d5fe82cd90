"""Reading a rule's arguments off the dependency parse: subjects, objects, conjuncts, descriptions.

Every rule module uses these; they return :class:`~graph.mentions.Mention` lists, resolving
descriptions and pronouns through :meth:`graph.mentions.DocEntities.resolve`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import NamedTuple

from ..mentions import ORG_KIND_NOUNS, DocEntities, Mention, subject_before_parenthesis
from .lexicon import FORMER_MODS, TALK_NOUNS

__all__ = ["Candidate", "triggered_by", "trigger_lemma"]


class Candidate(NamedTuple):
    subject: Mention
    predicate: str
    object: Mention
    trigger: object  # spaCy Token
    rule: str
    confidence: float


def trigger_lemma(token) -> str:
    """The lowercased lemma a rule reads; "co-founded", which the tokenizer keeps whole, is "found".

    >>> from graph.nlp import load_nlp
    >>> trigger_lemma(load_nlp()("She co-founded it.")[1])
    'found'
    """
    lemma = token.lemma_.lower()
    if lemma.startswith(("co-found", "cofound")) and not token.lower_.startswith(("co-founder", "cofounder")):
        return "found"  # ("co-founder", which the small model may tag a verb, is a title; "cofounded": "cofounde")
    return lemma


def triggered_by(*words: Iterable[str], mention_end: bool = False):
    """Declare the only tokens a rule can fire on, so that :func:`graph.relations.candidates`
    calls it on those alone: a token whose lemma (or :func:`trigger_lemma`), lowercased text
    (with or without its dots), or one of its modifiers' is in *words*, or, with
    *mention_end*, the last token of a mention. A rule without it is called on every
    content word. The rule must still check its trigger itself: this is a filter for speed.

    >>> @triggered_by({"acquire"})
    ... def rule(ents, token):
    ...     yield from ()
    >>> sorted(rule.triggers), rule.at_mention_end
    (['acquire'], False)
    """
    def declare(rule):
        rule.triggers = frozenset().union(*words)
        rule.at_mention_end = mention_end
        return rule

    return declare


#: Kinds of organization whose name may stand before them: "the Civic Union party" (not "the
#: Nokia handset business", "the Sony brand": a part of Nokia, a thing Sony owns).
NAMED_KINDS = (ORG_KIND_NOUNS | {"party", "band", "network"}) - {"subsidiary", "business", "brand", "label"}


def args_of(
    ents: DocEntities, token, *, follow_examples: bool = True, create: str | None = None
) -> list[Mention]:
    """Mentions for the phrase headed by *token* and its conjuncts ("Apple, IBM, and Motorola").

    With *create*, a capitalized name NER missed becomes a mention of that type: the caller
    knows the slot takes only that kind of thing.
    """
    out: list[Mention] = []
    heads = [token] + [t for t in token.conjuncts if t.i != token.i]
    first = ents.at(token)
    if first is not None and first.type == "Person":
        # "by Mike Clark, Hayden Tennant and Lisa Humphries": the parser takes a list of names
        # for an apposition
        for c in token.children:
            if c.dep_ == "appos" and c.i > token.i and ents.at(c) is not None and ents.at(c).type == "Person" \
                    and ents.doc[c.left_edge.i - 1].lower_ != "not":  # ("is Ton Roe, not Hans Moe")
                heads += [c] + [t for t in c.conjuncts if t.i != c.i]
    for head in heads:
        # "the new company, Walgreens Boots Alliance": a name in apposition beats resolving the description
        # (not after a proper noun NER missed: "Brightline Labs, a regional ISP" is Brightline Labs)
        found = name_in_phrase(ents, head) if ents.at(head) is None and not (
            create and head.pos_ == "PROPN" and head.text[:1].isupper()) else []
        found = found or ents.resolve(head)
        rel = head if head.dep_ == "dobj" else head.head if head.dep_ == "pobj" else None
        if not found and head.lower_ in ("which", "that") and head.tag_ == "WDT" and rel is not None \
                and rel.head.dep_ == "relcl":
            # "Brightline, which Kestrel bought in 2019", "Brightline, in which Kestrel invested"
            found = relative_antecedent(ents, rel)
        if not found and head.pos_ == "NOUN" and head.lemma_.lower() in NAMED_KINDS:
            # "the Civic Union party", "the Acme company": the name of the kind, before it (an
            # organization, whatever NER made of it)
            found = ents.as_organizations([ents.at(c) for c in head.children if c.dep_ in ("compound", "nmod")
                                           and c.i < head.i and ents.at(c) is not None][-1:])
        if not found and create:
            made = ents.proper_name(head, create)
            if made is None and head.pos_ == "NOUN":  # "founded the Kestrel Platform political party"
                names = [c for c in head.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"
                         and c.i < head.i and ents.at(c) is None and c.whitespace_]  # (not "Therm|-a-Rest")
                made = ents.proper_name(names[-1], create) if names else None
            found = [made] if made is not None else []
        if not found:
            found = name_in_phrase(ents, head)
        if not found and follow_examples:
            found = examples_of(ents, head)
        elif follow_examples and ents.at(head) is None and not ents.resolve(head):
            # "operators including Britain's BT, …, France's Orange": the parser may hang the rest
            # of the examples on the noun as appositions
            examples = examples_of(ents, head)
            found = examples + [m for m in found if m not in examples] if examples else found
        out.extend(found)
    # coordinated names share a type: "Rod Canion, Jim Harris, and Bill Murto" are all people
    people = [m for m in out if m.type == "Person"]
    if len(people) >= 2:
        for m in out:
            if (
                m.type == "Organization"
                and m.kind == "name"
                and not ents.clusters[m.cluster].canonical
                and 2 <= len(m.text.split()) <= 3
                and all(w[:1].isupper() for w in m.text.split())
            ):
                ents.retype(m, "Person")
    seen, unique = set(), []
    for m in out:
        if m.cluster not in seen:
            seen.add(m.cluster)
            unique.append(m)
    return unique


def listed_after(ents: DocEntities, found: list[Mention]) -> list[Mention]:
    """*found* and the names listed after the last of them ("for A, B, C and D"), read in word order:
    the parser often breaks long lists of names apart."""
    if not found:
        return found
    out = list(found)
    doc, i = ents.doc, found[-1].end
    sent_end = doc[found[-1].start].sent.end
    while i < sent_end and doc[i].lower_ in (",", "and", "&"):
        j = i
        while j < sent_end and doc[j].lower_ in (",", "and", "&", "the"):
            j += 1
        m = ents.at(doc[j]) if j < sent_end else None
        if m is None or m.start != j or m.type != found[-1].type:
            break
        if m not in out:
            out.append(m)
        i = m.end
    return out


def name_in_phrase(ents: DocEntities, head) -> list[Mention]:
    """An appositive name heading a noun phrase: "the Chinese technology company Lenovo"."""
    out: list[Mention] = []
    for child in head.children:  # ("her brother Jim and sisters Caroline and Andrea": every apposition)
        if child.dep_ == "appos" and child.i > head.i and ents.at(child) is not None \
                and ents.at(child).type != "Place" \
                and not any(w.pos_ in ("VERB", "AUX") for w in head.doc[head.i:child.i]):
            # (not across a clause: "the company announced it raised … from A, B": the parser may hang B on it;
            # "a firm based in Sacramento, CA": CA is no name of the firm)
            out += [ents.at(c) for c in [child] + list(child.conjuncts) if ents.at(c) is not None]
    return out


def examples_of(ents: DocEntities, head) -> list[Mention]:
    """Names given as examples of a generic noun: "competitors such as Dell", "followers like X"."""
    out: list[Mention] = []
    for child in head.children:
        if child.dep_ == "prep" and (
            child.lower_ in ("like", "including", "as")
            or (child.lower_ == "as" and any(c.lower_ == "such" for c in head.children))
        ):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(args_of(ents, pobj, follow_examples=False))
        if child.dep_ == "amod" and child.lower_ == "such":
            for prep in child.children:
                if prep.lower_ == "as":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            out.extend(args_of(ents, pobj, follow_examples=False))
    return out


def possessors(ents: DocEntities, token) -> list[Mention]:
    """Mentions for the possessives of *token*: "**Apple**'s Mac", "**its** partnership",
    "a brand **whose** CEO is X"."""
    owners = possessive_children(token) or [
        p for c in token.children if c.dep_ == "nmod" and c.i < token.i for p in children_with(c, "poss")
        if p.lower_ == "whose"]  # ("whose software-as-a-service platform": hung on the first modifier)
    return [m for p in owners for m in (whose(ents, p) if p.lower_ == "whose" else args_of(ents, p))]


def possessive_children(token) -> list:
    """The possessives under *token*: "**Apple**'s Mac", and "**AMD**’s X3D chips", where the
    parser may make the possessive an nmod."""
    return [c for c in token.children if c.dep_ == "poss" or (
        c.dep_ == "nmod" and c.i < token.i and any(k.dep_ == "case" and k.lower_ in ("'s", "’s", "'", "’")
                                                   for k in c.children))]


def whose(ents: DocEntities, word) -> list[Mention]:
    """What "whose" stands for: "a brand, founded in 1976, whose CEO is X" → the brand's name."""
    node = word
    while node.dep_ != "relcl" and node.head.i != node.i:
        node = node.head
    if node.dep_ == "relcl":
        return args_of(ents, antecedent(node))
    # "Kestrel, whose platform, Vault, …": no clause parsed; the name right before the comma
    i = word.i - 1
    while i > word.sent.start and ents.doc[i].is_punct:
        i -= 1
    named = ents.at(ents.doc[i])
    return [named] if named is not None and i < word.i - 1 else []


def children_with(token, *deps: str) -> list:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token, *preps: str) -> list:
    """Objects of the prepositions *preps* under *token*: "partner **of** X" → X."""
    out = []
    for prep in token.children:
        # (a repeated preposition is a conjunct: "worked at X and then at Y")
        if (prep.dep_ in ("prep", "agent", "dative") or (prep.dep_ == "conj" and prep.pos_ == "ADP")) \
                and prep.lower_ in preps:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def subject_of(token) -> list:
    """The subject of the clause of *token*, climbing through xcomp, acl, relcl and coordination."""
    node = token
    for _ in range(8):
        subj = children_with(node, "nsubj", "nsubjpass")
        if subj:
            return subj
        if node.dep_ == "relcl":
            return [antecedent(node)]
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            node = node.head
            continue
        if node.head.i == node.i:
            return subject_before_parenthesis(node)
        node = node.head
    return []


def antecedent(relcl):
    """What a relative clause is about: the noun just before its relativizer, else its head.

    The small parser often attaches relative clauses too high ("the solution … between the two
    powerhouses that have been rivals"), while the noun right before "that"/"who" is usually right.
    """
    rel = next(
        (
            c
            for c in relcl.children
            if c.lower_ in ("that", "which", "who", "whom")
            and c.dep_ in ("nsubj", "nsubjpass", "mark", "dobj")
        ),
        None,
    )
    if rel is not None:
        i = rel.i - 1
        doc = relcl.doc
        while i >= 0 and doc[i].is_punct:
            i -= 1
        if i >= 0 and doc[i].pos_ in ("NOUN", "PROPN"):
            return doc[i]
    return relcl.head


def clause_subject(ents: DocEntities, token, *, create: str | None = None) -> list[Mention]:
    """Mentions for the subject of *token*'s clause; with *create*, as in :func:`args_of`."""
    out = []
    for s in subject_of(token):
        if s.lower_ in ("that", "which", "who", "whom") and s.dep_.startswith("nsubj"):
            out.extend(relative_antecedent(ents, s))
        else:
            out.extend(args_of(ents, s, create=create))
    return out


def relative_antecedent(ents: DocEntities, rel) -> list[Mention]:
    """The phrase a relative pronoun stands for: its clause's head, else the word just before it."""
    verb = rel.head
    if verb.dep_ == "relcl":
        found = args_of(ents, verb.head)
        own = ents.at(verb.head)
        if own is not None and any(c.i > verb.i for c in verb.head.conjuncts):
            found = [own]  # "A, B, who led X, and C": a clause inside a list is its own name's
        elif own is not None:  # "A and B, who founded X" (not a role the parser coordinated with B)
            named = {own.cluster} | {ents.at(c).cluster for c in verb.head.conjuncts if ents.at(c) is not None}
            found = [m for m in found if m.cluster in named]
        if rel.lower_ in ("who", "whom") and any(m.type == "Person" for m in found):
            found = [m for m in found if m.type == "Person"]  # "investors A, B and Jane Roe, who founded X"
        elif rel.lower_ in ("who", "whom"):
            # "A, formerly publisher of Kestrel Review, who founded X": "who" is the person the
            # phrase before it describes, not the organization that ends the phrase
            node = verb.head
            while node.dep_ in ("pobj", "prep", "appos") and node.head.i != node.i:
                node = node.head
                person = ents.at(node)
                if person is not None and person.type == "Person":
                    return [person]
        if found:
            return found
    i = rel.i - 1
    while i >= 0 and ents.doc[i].is_punct:
        i -= 1
    return args_of(ents, ents.doc[i]) if i >= 0 else []


def has_former(token) -> bool:
    """Whether a role noun is marked as past: "former CEO", "ex-CEO", "its then CEO"."""
    return any(c.lower_ in FORMER_MODS or (c.lower_ == "then" and c.i < token.i) for c in token.children) \
        or token.lower_.startswith("ex-")


def only_orgs(ms):
    return [m for m in ms if m.type == "Organization"]


def only_people(ms):
    return [m for m in ms if m.type == "Person"]


def only_places(ms):
    return [m for m in ms if m.type == "Place"]


def only_products(ms):
    return [m for m in ms if m.type == "Product"]


def orgs_or_products(ms):
    return [m for m in ms if m.type in ("Organization", "Product")]


def pairs(ms, predicate, trigger, rule, conf) -> Iterator[Candidate]:
    for a, b in combinations(ms, 2):
        yield Candidate(a, predicate, b, trigger, rule, conf)


def noun_path(token, top) -> bool:
    """Whether *token* hangs below *top* through prepositions and nouns only (no clause between)."""
    node = token.head
    while node.i != top.i:
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head
    return True


def governing_subject(ents: DocEntities, t) -> list[Mention]:
    """The subject of the verb a noun depends on: "**A** signed a deal with B"."""
    node = t
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ == "pobj" and node.head.head.lemma_.lower() in TALK_NOUNS:
        node = node.head.head  # "A and B are in talks about a partnership"
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            verb = node.head.head
            return clause_subject(ents, verb) if verb.pos_ in ("VERB", "AUX") else []
    if node.dep_ in ("dobj", "attr", "oprd"):
        verb = node.head
    elif node.dep_ == "pobj" and node.head.dep_ == "prep":
        verb = node.head.head
        for _ in range(2):  # "raised $5m at a $1bn valuation with investments from A": through the phrases above
            if verb.pos_ != "NOUN" or verb.dep_ != "pobj" or verb.head.dep_ != "prep":
                break
            verb = verb.head.head
    else:
        return []
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return clause_subject(ents, verb)


def compound_names(ents: DocEntities, head) -> list[Mention]:
    """Names inside a noun phrase before its head: "a **Microsoft** Gold partner", "**Cisco** products"."""
    out = []
    for tok in ents.doc[head.left_edge.i : head.i]:
        m = ents.at(tok)
        if m is not None and m not in out and tok.i == m.end - 1:
            out.append(m)
    return out


def nearest_org_before(ents: DocEntities, t) -> list[Mention]:
    """The nearest organization named before *t* in its sentence, passing over places."""
    for i in range(t.i - 1, t.sent.start - 1, -1):
        m = ents.at(ents.doc[i])
        if m is not None and m.type != "Place":
            return [m] if m.type == "Organization" else []
    return []


def subtree_places(ents: DocEntities, token) -> list[Mention]:
    out = []
    for t in token.subtree:
        m = ents.at(t)
        if m is not None and m.type == "Place" and m not in out:
            out.append(m)
    return out
