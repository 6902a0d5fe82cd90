"""Entity mentions in one parsed article, and which of them denote the same thing.

Statistical NER alone mislabels news text, so the mentions are repaired here:
headline words in title case are trusted only where the gazetteer or the body
agrees; "Lincoln, Nebraska-based" is a place; the gazetteer's types win over
NER's ("Azure" is a product, not a place). Mentions are then grouped into one
entity per real thing: gazetteer aliases (AWS = Amazon Web Services), acronyms
of a longer name (OHA), surnames after a full name ("Roe" → Jane Roe),
short forms ("Compaq" → Compaq Computer Corporation). Descriptions ("the
solution provider") and pronouns ("it", "their") are resolved on demand by
:meth:`DocEntities.resolve`, which the relation rules call.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .identity import CORPORATE_SUFFIXES, normalize_name, strip_suffix
from .records import Entity

__all__ = ["Mention", "Cluster", "DocEntities", "THING_ACRONYMS", "find_entities", "is_camel_case", "is_coined",
           "is_headline", "looks_like_organization", "looks_like_person_name", "ORG_NOUNS", "ORG_KIND_NOUNS",
           "CORPORATE_TITLES", "INSTITUTION_WORDS",
           "ORG_NAME_WORDS"]

_LABEL_TYPES = {
    "ORG": "Organization", "PERSON": "Person", "PRODUCT": "Product",
    "GPE": "Place", "LOC": "Place", "FAC": "Place",
}
_HONORIFICS = {"mr", "ms", "mrs", "dr", "sir", "dame", "prof", "mr.", "ms.", "mrs.", "dr."}
#: Words after a short name that still denote the same company ("Sun Microsystems").
_GENERIC_COMPANY_WORDS = {
    "corporation", "corp", "inc", "incorporated", "company", "co", "computer", "computers",
    "systems", "microsystems", "technologies", "technology", "group", "holdings", "electronics",
    "labs", "networks", "software", "communications", "international", "ltd", "limited",
    "llc", "plc", "ag", "sa", "gmbh", "industries", "enterprises", "solutions", "motor", "motors",
}
#: Nouns that stand for an organization in a definite description.
ORG_NOUNS = {
    "company", "firm", "provider", "vendor", "maker", "giant", "developer", "powerhouse",
    "corporation", "manufacturer", "startup", "business", "supplier", "group", "carrier",
    "operator", "retailer", "publisher", "partner", "rival", "competitor", "kingpin",
    "conglomerate", "organization", "organisation", "consortium", "alliance", "chipmaker",
    "automaker", "bank", "studio", "agency", "player", "brand", "subsidiary", "parent",
    "airline", "label", "league", "club", "school", "university", "college", "institute", "foundation",
    "charity", "station", "hospital", "museum", "newspaper", "magazine", "nonprofit", "society",
    "telco", "carmaker", "insurer", "lender", "unicorn", "outfit", "behemoth", "titan", "heavyweight",
}
#: Predicate nouns that make their subject an organization ("X is a clothing brand").
ORG_KIND_NOUNS = {
    "company", "firm", "corporation", "manufacturer", "startup", "business", "retailer", "brand",
    "conglomerate", "organization", "organisation", "bank", "studio", "agency", "consortium", "airline",
    "chipmaker", "automaker", "subsidiary", "charity", "nonprofit", "non-profit", "label", "league",
    "club", "university", "institute", "foundation", "association", "newspaper", "magazine",
}
#: Two-letter state codes NER often takes for organizations ("Sacramento, CA").
US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
    "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
#: Words that make a name an organization's, never a person's ("Venturi Automobiles").
ORG_NAME_WORDS = _GENERIC_COMPANY_WORDS | {
    "university", "college", "institute", "bank", "school", "hospital", "association", "foundation",
    "society", "council", "agency", "club", "party", "church", "museum", "academy", "center", "centre",
    "laboratory", "laboratories", "ministry", "department", "committee", "commission", "regiment",
    "army", "navy", "league", "federation", "union", "trust", "fund", "capital", "partners",
    "ventures", "media", "records", "studios", "studio", "entertainment", "pictures", "airlines",
    "airways", "motors", "automobiles", "marketing", "health", "bancorp", "financial", "insurance",
    "services", "consulting", "pharmaceuticals", "energy", "foods", "press", "publishing",
    "network", "broadcasting", "television", "radio", "news", "magazine", "orchestra", "band",
    "alliance", "consortium", "initiative", "organization", "organisation", "board", "office",
    "hotel", "hotels", "restaurant", "restaurants", "realty", "properties", "investments",
    "global", "worldwide", "associates", "advisors", "advisory", "resources", "productions", "logistics",
    "consultancy", "robotics", "semiconductor", "semiconductors", "therapeutics", "biosciences",
    "biotech", "analytics", "aerospace", "automotive", "mobility", "devices", "instruments",
    "interactive", "games", "telecom", "telecommunications", "wireless", "computing", "payments", "ai",
}
#: Where a town's name stands for the company it is home to ("Redmond rejected…"), not for a place.
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "appos"}
_PRONOUNS_SINGULAR = {"it", "its", "itself"}
_PRONOUNS_PLURAL = {"they", "their", "them", "theirs"}
_PRONOUNS_PERSON = {"he", "his", "him", "she", "her", "hers"}


def is_headline(sent) -> bool:
    """Whether a sentence reads as a headline: most of its words in Title Case.

    Title case fools statistical NER ("VMware Close To Revealing Joint
    Development" as a person), so only trusted entities are kept there.
    """
    text = sent.text.strip()
    if not text or text.endswith((".", "!", "?", '"', "”", ";")):
        return False  # a headline has no closing period; a sentence full of names does
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if len(words) < 3:
        return False
    if any(t.is_lower and t.pos_ in ("NOUN", "VERB", "ADJ") for t in words):
        return False  # title case capitalizes every noun and verb: "X LLC is a subsidiary of Y" is no headline
    upper = sum(1 for t in words if t.text[0].isupper())
    return upper / len(words) >= 0.75


@dataclass
class Mention:
    """A span of the text (token offsets) that names or stands for an entity."""

    start: int
    end: int
    text: str
    type: str
    cluster: int = -1
    kind: str = "name"  # name | description | pronoun
    canonical: str | None = None  # the gazetteer's name, when known


@dataclass
class Cluster:
    """All the mentions of one entity in an article."""

    type: str
    names: list[str] = field(default_factory=list)
    canonical: str | None = None
    wikidata: str | None = None
    count: int = 0
    first: int = 10**9

    def entity(self) -> Entity:
        # The fullest name the text gives: the longest name, preferring the gazetteer's.
        names = sorted(set(self.names), key=lambda n: (-len(n), n))
        name = names[0]
        if self.canonical and normalize_name(self.canonical) in {normalize_name(n) for n in names}:
            name = self.canonical
        aliases = tuple(n for n in names if n != name)
        if self.canonical and self.canonical != name and self.canonical not in aliases:
            aliases += (self.canonical,)
        return Entity(name, self.type, aliases, self.wikidata, self.canonical)


class DocEntities:
    """The mentions and entities of one parsed article (a spaCy ``Doc``)."""

    def __init__(self, doc, mentions: list[Mention], clusters: list[Cluster], gazetteer=None) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.mentions = mentions
        self.clusters = clusters
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
        self._resolved: dict[int, list[Mention]] = {}

    def entity(self, mention: Mention) -> Entity:
        return self.clusters[mention.cluster].entity()

    def at(self, token) -> Mention | None:
        """The named mention that covers *token*, if any."""
        return self.by_token.get(token.i)

    # -- salience and resolution -------------------------------------------------
    def _salient(self, before: int, *, type_: str = "Organization", exclude=(), n: int = 1) -> list[int]:
        counts: Counter[int] = Counter()  # (float counts)
        first: dict[int, int] = {}
        for m in self.mentions:
            if m.start >= before or m.type != type_ or m.kind != "name":
                continue
            head = self.doc[m.end - 1]
            # ("After getting EU approval, Microsoft's acquisition …": a name modifying a thing counts half)
            counts[m.cluster] += 0.5 if head.dep_ == "compound" and head.head.pos_ == "NOUN" \
                and self.at(head.head) is None else 1
            first.setdefault(m.cluster, m.start)
        ranked = sorted((c for c in counts if c not in exclude), key=lambda c: (-counts[c], first[c]))
        return ranked[:n]

    def _plural_subject(self, token) -> list[Mention]:
        """ "A and B said they would collaborate", "after sealing their alliance, A and B …": the
        organizations, two or more, that are the subject of the nearest clause above the pronoun's."""
        node = token
        for _ in range(8):
            if node.head.i == node.i:
                return []
            node = node.head
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")] \
                if node.pos_ in ("VERB", "AUX") else []
            if not subjects or token in subjects[0].subtree:
                continue  # (the pronoun's own clause)
            found: list[Mention] = []
            named = [a for a in subjects[0].children if a.dep_ == "appos"]  # "the two companies, A and B,"
            for head in [subjects[0], *subjects[0].conjuncts, *[x for a in named for x in (a, *a.conjuncts)]]:
                for m in self.resolve(head):
                    if m.type == "Organization" and m.cluster not in {f.cluster for f in found}:
                        found.append(m)
            return found if len(found) >= 2 else []
        return []

    def _last_list(self, token, count: int) -> list[Mention]:
        """The last organizations named together before *token*, if there are *count* of them:
        "China Mobile, China Unicom and China Telecom … the three carriers"."""
        for m in reversed(self.mentions):
            head = self.doc[m.end - 1]
            if m.start >= token.i or m.type != "Organization" or m.kind != "name" or (
                    head.dep_ in ("conj", "appos") and self.at(head.head) is not None):
                continue  # (a later item of a list: its first is read below)
            # ("A, B and C": the parser may take B for an apposition of A, with C its conjunct)
            items = [*head.conjuncts, *[x for a in head.children if a.dep_ == "appos" for x in (a, *a.conjuncts)]]
            listed = [m] + [self.at(c) for c in items if self.at(c) is not None]
            listed = [x for x in listed if x.type == "Organization"]
            if len(listed) >= 2:
                return listed if len({x.cluster for x in listed}) == count else []
        return []

    def known_alias(self, token) -> Mention | None:
        """A mention for a capitalized word the gazetteer holds as an alias of an entity this
        article names elsewhere: "Arm CEO Rene Haas" opening a sentence, where an ambiguous alias
        is not matched, in an article that names Arm."""
        if self.gazetteer is None or self.at(token) is not None or not token.text[:1].isupper():
            return None
        entry = self.gazetteer.lookup(token.text)
        if entry is None:
            return None
        cluster = next((k for k, c in enumerate(self.clusters) if c.canonical == entry.name), None)
        return self._mention_for(cluster, token, "name") if cluster is not None else None

    def named_before(self, token) -> Mention | None:
        """A mention for a one-word name NER missed here that the article already gave an
        organization ("BT agreed to buy EE. … current EE shareholders …")."""
        if self.at(token) is not None or not token.text[:1].isupper() or not token.is_alpha:
            return None
        cluster = next((k for k, c in enumerate(self.clusters) if c.type == "Organization" and token.text in c.names
                        and any(m.cluster == k and m.start < token.i for m in self.mentions)), None)
        return self._mention_for(cluster, token, "name") if cluster is not None else None

    def _mention_for(self, cluster: int, token, kind: str) -> Mention:
        c = self.clusters[cluster]
        return Mention(token.i, token.i + 1, token.text, c.type, cluster, kind)

    def _clause_coarguments(self, token) -> set[int]:
        """Clusters named as other arguments of the verb that governs *token* (none when *token* is
        a possessive inside a phrase: "A joined B via the company's purchase of C" is B's)."""
        verb = token.head
        if token.dep_ == "poss" and verb.dep_ == "pobj":
            return set()
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            if token.dep_ == "poss" and verb.dep_ == "appos":
                return set()  # "Yahoo named Tim Morse, the company's CFO, …": an apposition's possessor may be Yahoo
            verb = verb.head
        found = set()
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "agent") and child.i != token.i:
                for t in child.subtree:
                    m = self.at(t)
                    if m is not None and not _described(t, child):
                        found.add(m.cluster)
                if child.i < token.i and child.lower_ in ("it", "they") and child.dep_ in ("nsubj", "nsubjpass"):
                    # "Salesforce says it is acquiring the office-chat company": not Salesforce
                    found.update(m.cluster for m in self.resolve(child))
                if child.lower_ in ("which", "that", "who") and verb.dep_ == "relcl" and self.at(verb.head) is not None:
                    # "Lloyds, which bought a stake in the company": not Lloyds
                    found.add(self.at(verb.head).cluster)
        return found

    def resolve(self, token) -> list[Mention]:
        """Mentions that *token* stands for: a name, a description, or a pronoun.

        Descriptions of one organization ("the solution provider") go to the
        nearest organization earlier in the sentence that is not an argument
        of a relational noun, else to the most salient one so far; plural ones
        ("the two software giants", "both companies") to the two most salient;
        pronouns to the nearest earlier organization subject.
        """
        if token.i in self._resolved:
            return self._resolved[token.i]
        result = self._resolve(token)
        self._resolved[token.i] = result
        return result

    def _as_kind(self, m: Mention, noun) -> Mention:
        """The name a predicate or appositive noun describes, typed by it: "Maveron, a venture capital
        firm" is an organization whatever NER said (a name the gazetteer knows keeps its type)."""
        if m.type == "Person" and m.kind == "name" and noun.lemma_.lower() in ORG_KIND_NOUNS \
                and not self.clusters[m.cluster].canonical:
            self.retype(m, "Organization")
        return m

    def _resolve(self, token) -> list[Mention]:
        m = self.at(token)
        role = token
        while role.dep_ == "conj" and role.head.i != role.i:
            role = role.head
        if m is not None and m.type == "Place" and role.dep_ in _ARGUMENT_DEPS:
            org = self._metonym(m, token)
            if org is not None:  # "Redmond rejected the offer": the company, not the town
                return [org]
        if m is not None:
            return [m]
        lower = token.lower_
        sent = token.sent
        if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
            if lower in _PRONOUNS_SINGULAR:
                c = self._pronoun_org(token)
                return [self._mention_for(c, token, "pronoun")] if c is not None else []
            if lower in _PRONOUNS_PERSON:
                c = self._pronoun_person(token)
                return [self._mention_for(c, token, "pronoun")] if c is not None else []
            if lower in _PRONOUNS_PLURAL:
                return [self._mention_for(m.cluster, token, "pronoun") for m in self._plural_subject(token)]
            return []
        if token.pos_ not in ("NOUN", "PROPN"):
            return []
        # "NEOFACTO, a software company …", "X is an orchestra based in Y", "X is an executive
        # who …": a predicate noun or an apposition describes the name it hangs on
        if token.dep_ == "appos" and self.at(token.head) is not None and token.i > token.head.i:
            return [self._as_kind(self.at(token.head), token)]
        # "X is a U.S. airline, the largest carrier", "X is a maker of Y and a unit of Z": a noun in
        # apposition to, or coordinated with, a predicate noun describes the same subject
        anchor = token
        while anchor.dep_ == "conj" and anchor.head.pos_ in ("NOUN", "PROPN") and self.at(anchor.head) is None:
            anchor = anchor.head
        if anchor.dep_ == "appos" and anchor.i > anchor.head.i and anchor.head.pos_ == "NOUN" \
                and anchor.head.dep_ in ("attr", "appos") and self.at(anchor.head) is None:
            found = self.resolve(anchor.head)
            if found:
                return found
        if anchor.dep_ == "attr" or (anchor.dep_ == "pobj" and anchor.head.lower_ == "as"
                                     and anchor.head.head.pos_ == "VERB"):
            # "X is a bank", "X exists as a private bank owned by Y": the noun describes the subject
            verb = anchor.head if anchor.dep_ == "attr" else anchor.head.head
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] or (
                subject_before_parenthesis(verb) if verb.dep_ == "ROOT" else [])
            if subj and self.at(subj[0]) is not None:
                named = self.at(subj[0])
                # "X is a firm": X is an organization (not "Jane Roe is the CEO of Acme, a company …",
                # where the parser hangs the company's apposition on the verb too)
                kinds = [c for c in verb.children if c.dep_ == "attr"]
                return [self._as_kind(named, anchor) if all(c.lemma_.lower() in ORG_KIND_NOUNS for c in kinds)
                        else named]
            if subj and anchor.dep_ == "attr" and anchor.lemma_.lower() in ORG_KIND_NOUNS:  # "X is a firm …"
                made = self.proper_name(subj[0], "Organization", initial_noun=True)
                if made is not None:
                    return [made]
        if token.lemma_.lower() not in ORG_NOUNS:
            return []
        if token.lemma_.lower() == "business" and any(c.dep_ in ("poss", "compound") for c in token.children):
            return []  # "HP's printer business", "the enterprise business": a line of business, no company
        if token.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children):
            return []  # "the Barkers' Ashland Gas Station": a name NER missed, not a description
        after = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        if after is not None and after.is_quote and after.i + 1 < len(self.doc):
            after = self.doc[after.i + 1]  # 'the investment company "AYA Capital"'
        if after is not None and self.at(after) is None and after.lower_ not in _WEEKDAYS and (
                (after.pos_ == "PROPN" and after.text[:1].isupper()) or is_coined(after.text)):
            return []  # "the genetics company 23andMe": the company is the name after it, which NER missed
        named = self.at(after) if after is not None and token.i + 1 == after.i else None
        if named is not None and named.type == "Organization" and named.kind == "name" and named.start == after.i \
                and not self.doc[token.i + 1].is_punct:
            return [named]  # "acquired by US quantum company IonQ": the name, however the parser hung it
        # words of the noun phrase left of the noun ("the two software powerhouses"): the small
        # parser often hangs "two" on the wrong word, so read the phrase, not the arcs
        dets = {w.lower_ for w in self.doc[token.left_edge.i: token.i]}
        based = [w for w in self.doc[token.left_edge.i + 2: token.i]
                 if w.lower_ == "based" and self.doc[w.i - 1].text in ("-", "–")]
        if based and token.tag_ not in ("NNS", "NNPS") and self.gazetteer is not None:
            # "the Redmond, WA-based software behemoth": the company that town stands for
            for w in self.doc[token.left_edge.i: based[0].i - 1]:
                org = self._known_at(self.gazetteer.metonym(w.text), token) if w.pos_ == "PROPN" else None
                if org is not None:
                    return [org]
        plural = token.tag_ in ("NNS", "NNPS")
        count = next((_COUNTS[w] for w in dets if w in _COUNTS), None)
        if plural and count is not None and count > 2:  # "the three carriers": the last list of three
            listed = self._last_list(token, count)
            return [self._mention_for(m.cluster, token, "description") for m in listed]
        if plural and (dets & {"two", "both"} or any(c.lower_ == "both" for c in token.children)):
            return [self._mention_for(c, token, "description")
                    for c in self._salient(token.i, n=2)] if len(self._salient(token.i, n=2)) == 2 else []
        personal = bool(dets & {"his", "her"})  # "John Moe of X said his company …": X, if named before
        if plural or not (dets & {"the", "this", "that", "its", "their"} or personal or token.dep_ == "poss"):
            return []
        # one organization: nearest earlier in the sentence, not an argument of a relational noun
        # nor of the same verb ("eBay may buy the small Luxembourg-based company" is not eBay)
        coarguments = self._clause_coarguments(token)
        for t in reversed(list(sent[: token.i - sent.start])):
            mm = self.at(t)
            if mm is None or mm.type != "Organization" or mm.kind != "name" or mm.cluster in coarguments:
                continue
            head = self.doc[mm.end - 1].head
            if head.dep_ == "prep" and head.head.lemma_.lower() in ORG_NOUNS | {"partner", "customer"}:
                continue
            if t.dep_ == "conj":
                continue
            return [self._mention_for(mm.cluster, token, "description")]
        if personal:
            return []
        if token.dep_ in ("nsubj", "nsubjpass"):  # "AT&T announced … The company is also partnering": as "it" is
            c = self._pronoun_org(token)
            if c is not None and c not in coarguments:
                return [self._mention_for(c, token, "description")]
        ranked = self._salient(sent.start, exclude=self._clause_coarguments(token))
        return [self._mention_for(ranked[0], token, "description")] if ranked else []

    def retype(self, mention: Mention, type_: str) -> None:
        """Give a mention's entity another type (all its mentions follow)."""
        self.clusters[mention.cluster].type = type_
        for other in self.mentions:
            if other.cluster == mention.cluster:
                other.type = type_
        mention.type = type_

    def as_organizations(self, mentions: list[Mention], *, strong: bool = True,
                         places: bool = False) -> list[Mention]:
        """Mentions in a slot only an organization fills ("X is headquartered in", "X's parent
        company"): a name NER typed as a person or product is retyped, since NER is least
        reliable on unknown company names. Gazetteer entities keep their type. In a *strong*
        slot any such name is retyped; in a weak one ("based in", which people can be too)
        only names with an organization word ("Venturi Automobiles"). With *places*, in a slot
        no place fills ("joined X", "resigned from X", "a scholar at X"), a one-part place name
        the article never puts after "in" is retyped too ("joined Fairhaven")."""
        out = []
        for m in mentions:
            if places and m.type == "Place" and m.kind == "name" and not self.clusters[m.cluster].canonical \
                    and "," not in m.text and not m.text.isupper() and not self._used_as_place(m.cluster):
                self.retype(m, "Organization")
            if (m.type in ("Person", "Product") and m.kind == "name" and not self.clusters[m.cluster].canonical
                    and (strong or m.type == "Product" or looks_like_organization(m.text))):
                self.retype(m, "Organization")
            if m.type == "Organization":
                out.append(m)
        return out

    def _used_as_place(self, cluster: int) -> bool:
        """Whether a mention of *cluster* follows "in", "from", "to" or "near" as a place does."""
        return any(m.cluster == cluster and m.start > 0 and self.doc[m.start - 1].lower_ in ("in", "near", "to")
                   for m in self.mentions)

    def as_people(self, mentions: list[Mention], *, places: bool = False) -> list[Mention]:
        """Mentions in a slot only a person fills ("X, CEO of Y"): a name NER typed as an
        organization is retyped when it reads like a personal name and the gazetteer does not know it.
        With *places*, in a slot no place fills ("Lilia founded X"), so is a one-part place name the
        article never puts after "in"."""
        out = []
        for m in mentions:
            if places and m.type == "Place" and m.kind == "name" and not self.clusters[m.cluster].canonical \
                    and " " not in m.text and not m.text.isupper() and not self._used_as_place(m.cluster):
                self.retype(m, "Person")
            if (m.type == "Organization" and m.kind == "name" and not self.clusters[m.cluster].canonical
                    and (looks_like_person_name(m.text) or _initials_and_surname(m.text))
                    and not any(looks_like_organization(n) for n in self.clusters[m.cluster].names)):
                self.retype(m, "Person")  # (not "Kestrel", short for Kestrel Motors)
            if m.type == "Organization" and m.end < len(self.doc) and self._first_name_of(m, self.doc[m.end]):
                m = self.proper_name(self.doc[m.end], "Person") or m
            if m.type == "Person":
                out.append(m)
        return out

    def _first_name_of(self, m: Mention, surname) -> bool:
        """ "founded by Dave Waters": a one-word company the gazetteer knows ("Dave") that is the
        first name of the proper noun after it is no company; if so, *m* is dropped."""
        doc = self.doc
        if (m.kind != "name" or m.end - m.start != 1 or not self.clusters[m.cluster].canonical
                or surname.i != m.end or surname.pos_ != "PROPN" or not surname.text[:1].isupper()
                or self.at(surname) is not None or doc[m.start].head.i != surname.i
                or not looks_like_person_name(doc[m.start:m.end + 1].text)):
            return False
        self.mentions.remove(m)
        del self.by_token[m.start]
        cluster = self.clusters[m.cluster]
        cluster.names.remove(m.text)
        cluster.count -= 1
        return True

    def proper_name(self, token, type_: str, *, initial_noun: bool = False) -> Mention | None:
        """A mention for a capitalized name NER missed, in a slot only *type_* fills.

        "Michael co-founded Affinity Path": the object of "co-founded" is an organization
        whatever NER says; the name is the run of proper nouns ending at *token*. With
        *initial_noun*, the slot is strong enough for a bare word opening the sentence that the
        tagger took for a common noun ("Kijenge is a company based in Arusha").
        """
        if self.at(token) is None and type_ in ("Organization", "Product") and is_coined(token.text) \
                and token.pos_ in ("PROPN", "NOUN", "NUM", "X", "ADJ"):
            coined = True  # "Ann co-founded data4good", "the genetics company 4sight": a coined brand name
        elif initial_noun and self.at(token) is None and token.pos_ == "NOUN" and token.i == token.sent.start \
                and token.is_title and token.is_alpha and not list(token.children):
            coined = True  # one word, nothing before it
        elif self.at(token) is not None or not token.text[:1].isupper() or not (
                token.pos_ == "PROPN" or (type_ == "Product" and token.text.isupper() and len(token) > 1)) \
                or token.lower_ in THING_ACRONYMS:  # ("its AI tool": a field, no name)
            return None
        else:
            coined = False
        start = token.i
        if type_ == "Person" and start > token.sent.start and self.at(self.doc[start - 1]) is not None:
            self._first_name_of(self.at(self.doc[start - 1]), token)  # "Dave Waters", not the company Dave
        while not coined and start > token.sent.start and self.doc[start - 1].text[:1].isupper() \
                and self.at(self.doc[start - 1]) is None and (self.doc[start - 1].pos_ == "PROPN" or (
                    type_ == "Person" and self.doc[start - 1].pos_ == "NOUN" and self.doc[start - 1].is_title
                    and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].head.i == start)):
            start -= 1  # ("Iain Moe": the parser takes a first name it does not know for a noun)
        while not coined and start - 2 >= token.sent.start and self.doc[start - 1].text == "-" \
                and not self.doc[start - 1].whitespace_ and not self.doc[start - 2].whitespace_ \
                and self.doc[start - 2].text[:1].isupper() and self.doc[start - 2].is_alpha \
                and self.at(self.doc[start - 2]) is None:
            start -= 2  # "KLM-ZEV": one name across the hyphen
        end = token.i + 1
        if type_ != "Person" and end - start == 1 and _people_surnamed(self.clusters, token.text):
            return None  # "Ballmer joined Elop on stage": the surname of Stephen Elop, no company
        while type_ == "Person" and start < token.i and _is_role_word(self.doc[start]):
            start += 1  # "(Co-)Founders Sergey Brin": the title before the name
        text = self.doc[start:end].text
        if type_ == "Person" and not looks_like_person_name(text):
            return None
        if all(_is_role_word(t) for t in self.doc[start:end]) or self.doc[end - 1].lower_ in _TITLE_HEADS:
            return None  # "Chief Executive Officer", "Chief Engineer": a title, not a name
        if start >= 2 and self.doc[start - 1].text == "(" and self.at(self.doc[start - 2]) is not None \
                and self.at(self.doc[start - 2]).type == type_:
            return self.at(self.doc[start - 2])  # "Qatar Petroleum (QP)": the name before the parenthesis
        before = self.doc[start - 1] if start > token.sent.start else None
        cut = before is not None and before.text[:1].isupper() and (self.at(before) is not None or before.ent_type_)
        if type_ == "Organization" and (normalize_name(text) in set(CORPORATE_SUFFIXES) | {""} or cut
                                        or (not coined and _indefinite(self.doc, start, end))):
            # a bare "Limited", the tail of a name cut by NER ("Norwegian Cruise | Line"), or a kind
            # ("the fastest growing Internet Service Provider")
            return None
        m = Mention(start, end, text, type_, kind="name")
        key = normalize_name(text)
        for cid, c in enumerate(self.clusters):
            if c.type == type_ and (key in {normalize_name(n) for n in c.names} or (
                    type_ == "Person" and " " not in text and any(n.split()[-1] == text for n in c.names))):
                m.cluster = cid  # the same name, or a surname of a person named in full
                c.names.append(text)
                break
        else:
            self.clusters.append(Cluster(type_, [text], None, None, 1, start))
            m.cluster = len(self.clusters) - 1
        self.mentions.append(m)
        for i in range(start, end):
            self.by_token[i] = m
        self._resolved.clear()
        return m

    def current_org(self, token) -> list[Mention]:
        """The organization "it" or "the company" would stand for at *token*: the last organization
        subject in this sentence or the one before, else the most mentioned so far."""
        c = self._pronoun_org(token)
        return [self._mention_for(c, token, "description")] if c is not None else []

    def topic(self, token) -> list[Mention]:
        """The organization an article is about at *token*: the most mentioned one so far."""
        ranked = self._salient(token.i) or self._salient(len(self.doc))
        return [self._mention_for(ranked[0], token, "description")] if ranked else []

    def maker(self, product: Mention, token) -> Mention | None:
        """The organization the gazetteer says makes *product*, as a mention at *token*, else None:
        "PlayStation CEO Jim Ryan" heads Sony Interactive Entertainment."""
        if product.type != "Product" or self.gazetteer is None:
            return None
        c = self.clusters[product.cluster]
        return self._known_at(self.gazetteer.maker_of(c.canonical or product.text), token)

    def _metonym(self, m: Mention, token) -> Mention | None:
        return self._known_at(self.gazetteer.metonym(m.text.split(",")[0]) if self.gazetteer is not None else None,
                              token)

    def _known_at(self, entry, token) -> Mention | None:
        """A mention at *token* of the organization of a gazetteer *entry* (its cluster, made if new)."""
        if entry is None:
            return None
        for cid, c in enumerate(self.clusters):
            if c.type == "Organization" and c.canonical == entry.name:
                return self._mention_for(cid, token, "description")
        self.clusters.append(Cluster("Organization", [entry.name], entry.name, entry.wikidata, 0))
        return self._mention_for(len(self.clusters) - 1, token, "description")

    def _pronoun_org(self, token) -> int | None:
        sent = token.sent
        if token.lower_ == "its":  # "Musk co-founded OpenAI but left its board": the nearest one
            for m in reversed(self.mentions):
                origin = self.doc[m.end - 1].dep_ == "pobj" and self.doc[m.end - 1].head.lower_ == "from"
                if sent.start <= m.start < token.i and m.type == "Organization" and m.kind == "name" \
                        and not origin:  # ("hired A from Google as its new CTO": not Google)
                    return m.cluster
        sents = [sent]
        prev = self.doc[sent.start - 1].sent if sent.start > 0 else None
        if prev is not None:
            sents.append(prev)
        for s in sents:
            limit = token.i if s is sent else s.end
            for t in self.doc[s.start:limit]:
                if t.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                m = self.at(t)
                if m is not None and m.type == "Organization" and t.i == m.end - 1:
                    return m.cluster
                if m is None and t.lemma_.lower() in ORG_NOUNS and any(
                        c.lower_ in ("the", "this") for c in t.children if c.dep_ == "det"):
                    # "The company, which …, says …. Sam Weng, its chief executive": the description's
                    found = [r for r in self.resolve(t) if r.type == "Organization"]
                    if found:
                        return found[0].cluster
        ranked = self._salient(token.i)
        return ranked[0] if ranked else None

    def _pronoun_person(self, token) -> int | None:
        """"he", "she": the nearest person that is a subject earlier in the sentence ("Jane Roe,
        the CEO, confirmed that she …"), else the most mentioned person so far (a biography's topic)."""
        for m in reversed(self.mentions):
            if token.sent.start <= m.start < token.i and m.type == "Person" and m.kind == "name" \
                    and self.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass"):
                return m.cluster
        if token.i == token.sent.start and token.sent.start > 0:
            # "Fernandez, who like Salvino is 57, is an experienced executive. He founded X": the
            # subject of the sentence before, when the pronoun opens its own
            prev = self.doc[token.sent.start - 1].sent
            for m in self.mentions:
                if prev.start <= m.start < prev.end and m.type == "Person" and m.kind == "name" \
                        and self.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass") and self.doc[m.end - 1].head.dep_ == "ROOT":
                    return m.cluster
        ranked = self._salient(token.i, type_="Person")
        return ranked[0] if ranked else None


#: "X-based", "X-backed", "X-rival": the name before the hyphen is still a name.
_HYPHEN_PARTICIPLES = {"based", "backed", "owned", "led", "funded", "made", "founded", "controlled",
                       "headquartered", "operated", "run", "affiliated", "designed", "built", "rival"}
_ROLE_WORDS = {"chief", "ceo", "co-ceo", "president", "chairman", "chairwoman", "director", "vice", "head",
               "executive", "exec", "officer", "founder", "co-founder", "managing", "senior", "general", "manager",
               "founding", "interim", "acting", "deputy"}
#: Titles and ranks a name may follow ("Foreign Minister Sergei Lavrov").
_PERSON_TITLES = {"minister", "secretary", "colonel", "lieutenant", "general", "captain", "admiral",
                  "commander", "sergeant", "governor", "senator", "mayor", "judge", "ambassador", "prince",
                  "princess", "bishop", "rabbi", "reverend", "chef", "attorney"}
#: Words that end a job title, not a name: "Business Development Officer", "GIS Specialist".
_TITLE_HEADS = {"officer", "specialist", "professor", "director", "manager", "founder", "co-founder",
                "cofounder", "ceo", "cto", "cfo", "coo", "president", "chairman", "chairwoman",
                "consultant", "engineer", "analyst", "lecturer", "strategist", "advisor", "adviser",
                "general", "surgeon", "physician", "oncologist", "scientist", "economist", "journalist",
                "researcher"}  # "Postmaster General", "Surgical Oncologist"
#: Titles only a company (or an organization like one) has: "Zentrix CFO Ann Lee" makes Zentrix one.
CORPORATE_TITLES = frozenset({"ceo", "co-ceo", "cfo", "cto", "coo", "cio", "cmo", "co-founder", "cofounder"})
#: Titles between an organization and a person's name ("Adidas CFO Robin Stalker").
_TITLE_INSIDE = CORPORATE_TITLES | {"president", "chairman", "chairwoman", "founder"}
#: The words of a title before its "of" / "for" ("Associate Professor Emeritus of …").
_TITLE_WORDS_OF = (_ROLE_WORDS | _TITLE_HEADS | {"emeritus", "adjunct", "assistant", "associate", "distinguished",
                                                  "visiting", "chair", "chairperson", "dean"}) - {"general"}
_GENERATIONAL = {"jr", "sr", "ii", "iii", "iv"}
_PLACE_PREPS = {"in", "to", "from", "near", "at", "into", "across", "throughout", "outside", "inside", "around"}
#: Kinds of agreement NER takes for names.
_DOCUMENT_WORDS = {"mou", "mous", "memorandum", "memorandums", "understanding"}
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
#: Regions a company's unit is named after: "Sony Interactive Entertainment Europe", "Microsoft India".
_UNIT_REGIONS = {"europe", "asia", "america", "americas", "emea", "apac", "africa", "japan", "china", "india",
                 "korea", "uk", "germany", "france", "canada", "australia", "brazil", "mexico", "israel"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_TOWN_WORDS = {"city", "town", "county", "district", "township", "village"}
_REGION_WORDS = {"province", "prefecture", "state", "region", "county", "oblast", "governorate"}
#: Acronyms of things, which NER takes for names: "the Swedish EV maker", "a sports utility vehicle (SUV)".
THING_ACRONYMS = frozenset({"ev", "evs", "ai", "iot", "vr", "ar", "xr", "5g", "4g", "lte", "gpu", "gpus", "cpu",
                            "saas", "api", "llm", "llms", "pc", "pcs", "tv", "ipo", "esg", "suv", "suvs", "bnpl", "ran",
                            "vran", "nfc", "kyc", "crm", "erp", "ehr", "ehrs"})
#: Words that name a kind of board, not a company: "the Executive Board".
_BOARD_KINDS = {"executive", "supervisory", "advisory", "management", "governing", "editorial", "the"}
_GENERIC_ORG = {"board", "company", "group", "government", "council", "committee", "team", "firm"} | THING_ACRONYMS


def _listed_first_name(doc, ent, gazetteer) -> bool:
    """Whether a one-word company known only from the stock listings ("Dave") is the first name of
    the capitalized word after it, which no other entity claims ("Dave Treadwell")."""
    entry = gazetteer.lookup(ent.ent_id_) if gazetteer is not None else None
    if entry is None or entry.source == "curated" or len(ent) != 1 or ent.end >= len(doc):
        return False
    surname = doc[ent.end]
    return (surname.pos_ == "PROPN" and surname.text[:1].isupper() and surname.ent_type_ in ("", "PERSON")
            and doc[ent.start].head.i == surname.i and looks_like_person_name(doc[ent.start:ent.end + 1].text))


def _first_name_before(doc, ent) -> bool:
    """Whether a one-word company's name ("Dell") follows a capitalized word no entity claims, not
    the sentence's first, that reads as a first name and modifies it: "CEO Michael Dell"."""
    if len(ent) != 1 or ent.start - 1 <= ent.sent.start:
        return False
    first = doc[ent.start - 1]
    return (first.pos_ == "PROPN" and first.tag_ == "NNP" and not first.ent_type_ and first.is_alpha
            and first.text[:1].isupper() and first.text[1:].islower() and first.head.i == ent.start
            and first.lower_ not in _ROLE_WORDS | _HONORIFICS | _PERSON_TITLES | _TITLE_INSIDE | ORG_NOUNS | ORG_NAME_WORDS
            and looks_like_person_name(f"{first.text} {ent.text}"))


def _name_word(token) -> bool:
    return token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper()


def _inside_other_name(doc, ent, gazetteer) -> bool:
    """A product's ambiguous alias ("Foundry", "Gotham") right after a capitalized name word other
    than its maker's is the end of that other name ("Intel Foundry"), not the product
    ("Amazon Echo", "Apple Mac" are)."""
    entry = gazetteer.lookup(ent.ent_id_) if gazetteer is not None else None
    if entry is None or entry.type != "Product" or not entry.is_ambiguous(ent.text) or ent.start == ent.sent.start:
        return False
    before = doc[ent.start - 1]
    if not _name_word(before) or _is_role_word(before):
        return False
    known = gazetteer.lookup(before.text)
    return known is None or known.name != entry.maker


def _opens_other_name(doc, ent, gazetteer) -> tuple[int, int] | None:
    """Where the longer name that an ambiguous one-word alias opens begins and ends: "Cruise" in
    "Norwegian Cruise Line" is no part of GM's Cruise. The alias must be a compound of a
    capitalized proper noun after it that no entry knows and that is no title or legal form
    ("Cruise CEO", "Arm Holdings" stay the known company); else None."""
    entry = gazetteer.lookup(ent.ent_id_) if gazetteer is not None else None
    if entry is None or len(ent) != 1 or not entry.is_ambiguous(ent.text) or ent.end >= len(doc):
        return None
    word, head = doc[ent.start], doc[ent.start].head
    if word.dep_ != "compound" or head.i < ent.end or head.i >= word.sent.end:
        return None
    for t in doc[ent.end:head.i + 1]:
        if not (t.pos_ == "PROPN" and t.text[:1].isupper()) or _is_role_word(t) or _is_suffix(t) \
                or t.ent_type_ not in ("", "ORG") or t.lower_.strip(".") in _GENERIC_COMPANY_WORDS \
                or gazetteer.lookup(t.text) is not None:
            return None
    start = ent.start
    while start > word.sent.start and doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ in ("PROPN", "ADJ") \
            and ent.start <= doc[start - 1].head.i <= head.i:
        start -= 1  # "Norwegian | Cruise Line"
    return start, head.i + 1


def _is_role_word(token) -> bool:
    """A word of a title: "Chief", "President", "C.E.O."."""
    word = token.lower_.replace(".", "")
    return word in _ROLE_WORDS or (word.endswith("s") and word[:-1] in _ROLE_WORDS)  # "Founders"


def _is_title_of(span) -> bool:
    """ "(the) Professor Emeritus of Mathematics", "Chair for Chapter Relations": title words, then
    "of" or "for" and a field. Not "Bank of America": its first word is no title."""
    words = [t for t in span if t.lower_ != "the" or t.i != span.start]
    cut = next((k for k, t in enumerate(words) if t.lower_ in ("of", "for")), None)
    return bool(cut) and all(
        t.lower_.replace(".", "") in _TITLE_WORDS_OF for t in words[:cut])


def _clean(span, doc) -> tuple[int, int]:
    start, end = span.start, span.end
    if doc[start].lower_ in ("the", "a", "an") and end - start > 1:
        start += 1
    # "Chief Technical Officer of Chilworth Technology" → "Chilworth Technology"
    if span.label_ == "ORG" and _is_role_word(doc[start]):
        of = next((t.i for t in doc[start:end] if t.lower_ == "of"), None)
        if of is not None and all(_is_role_word(doc[i]) or doc[i].lower_ in {
                "technical", "operating", "financial", "technology", "information", "marketing"}
                for i in range(start, of)):
            start = of + 1
    if span.label_ == "PERSON" and end - start > 2:
        # imported here: the relations package imports this module
        from .relations.lexicon import WORK_ROLES

        while end - start > 2 and doc[start].lower_ in WORK_ROLES | _ROLE_WORDS:
            start += 1  # "Mathematician George Stibitz": the occupation is no part of the name
        # "Adidas CFO Robin Stalker": a title inside the span ends the organization before the name
        title = next((i for i in range(end - 3, start, -1) if doc[i].lower_.replace(".", "") in _TITLE_INSIDE
                      or (doc[i].lower_.endswith("s") and doc[i].lower_[:-1] in _TITLE_INSIDE)), None)  # "Founders"
        if title is not None:
            start = title + 1
    if span.label_ == "ORG" and end - start >= 2 and doc[end - 1].lower_.removesuffix("s") in _TITLE_INSIDE:
        # "Cylance Co-Founder and CEO Steve McClure": the title NER ran the company into
        end -= 1
        if end - start >= 3 and doc[end - 1].text == "-" and doc[end - 2].lower_ == "co" \
                and not doc[end - 1].whitespace_ and not doc[end - 2].whitespace_:
            end -= 2
    if span.label_ == "ORG" and end - start == 1 and doc[start].lower_ in _GENERIC_ORG:
        return start, start
    if end - start == 1 and doc[start].lower_ in THING_ACRONYMS and doc[start].is_upper:
        return start, start  # "an AI foundation model company": a field, never a place or a name
    if start == span.sent.start and end - start >= 2 and doc[start].tag_ == "VBG" and span.label_ == "PERSON":
        start += 1  # "Joining Suleyman … is Karén Simonyan": the verb opening the sentence is no first name
    if end < len(doc) - 1 and doc[end].text == ")" and start > span.sent.start and doc[start - 1].text == "(" \
            and doc[end + 1].text in ("-", "--", "–", "—") and start - span.sent.start <= 8:
        return start, start  # "June 8 (Reuters) - …": the agency of a dateline, no party to the news
    if span.label_ == "ORG" and end - start >= 2 and doc[end - 1].lower_ == "board" \
            and not (end < len(doc) and doc[end].lower_ == "of"):
        # "DXC board member A", "Capgemini's Executive Board": the company's board is the company's
        end -= 1
        if all(t.lower_ in _BOARD_KINDS for t in doc[start:end]):
            return start, start
    # "Challenger bank Monzo": a kind NER ran into the name it describes (the kind in lower case)
    kind = next((i for i in range(end - 2, start - 1, -1) if doc[i].is_lower and doc[i].lemma_ in ORG_NOUNS), None)
    if span.label_ == "ORG" and kind is not None and all(t.text[:1].isupper() for t in doc[kind + 1:end]):
        start = kind + 1
    while start < end and (doc[start].lower_ in {"the", "a", "an"} | _HONORIFICS or doc[start].is_space):
        start += 1
    if end - start > 1 and doc[end - 1].lower_ in _WEEKDAYS:
        end -= 1  # "IBM and Kingsoft Wednesday formed an alliance": the day is no part of the name
    if end - start > 2 and doc[start].lower_ == "ex" and doc[start + 1].text == "-":
        start += 2  # "ex-Ritual Entertainment": the employer, the prefix says "former"
    # "Qatar Petroleum (QP": an acronym NER ran into, its parenthesis unclosed
    opened = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if opened is not None and not any(doc[i].text == ")" for i in range(opened, end)):
        end = opened
    # "Board of Directors of", "Department of Chemistry and": a name does not end in a function word
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
                           or (end - start > 1 and doc[end - 1].lower_ in ("of", "and", "for", "the", "&"))):
        end -= 1
    return start, end


def is_coined(word: str) -> bool:
    """Whether a word is shaped like a coined brand name, whatever its case: letters with digits
    ("data4good", "4sight") or a capital inside ("iNexo").

    >>> is_coined("4sight"), is_coined("iNexo"), is_coined("company"), is_coined("2010")
    (True, True, False, False)
    """
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or not word.replace("-", "").replace(".", "").isalnum():
        return False
    return any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:]) and word[:1].islower()


def is_camel_case(word: str) -> bool:
    """Whether a capitalized word has a capital inside it too: "MosaicML", "OpenStack" (not "IBM").

    >>> is_camel_case("MosaicML"), is_camel_case("IBM"), is_camel_case("Kestrel")
    (True, False, False)
    """
    return word[:1].isupper() and any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)


def _rejoin_cut_name(doc, start: int, end: int, person: bool = False) -> tuple[int, int]:
    """A name NER cut at a word the parser keeps inside it: "Blue | Ridge Vans Ltd", "Anna | Berg".

    A capitalized proper noun with no entity of its own joins the name when it is a compound of a
    word of the name (before it) or the name's last word is its compound (after it). Before a
    *person*'s name, it may open the sentence ("Laurent | Kratz is the CEO") or be a word NER
    took for a nationality ("Bharat | Masrani").
    """
    def free(t) -> bool:  # not a title: "Foreign Minister | Sergei Lavrov", "CFO | Ann Lee"
        return (t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha and not t.ent_type_
                and t.lower_ not in _ROLE_WORDS | _HONORIFICS | _PERSON_TITLES | _TITLE_INSIDE)

    def first_name(t) -> bool:
        return person and t.tag_ == "NNP" and t.ent_type_ in ("", "NORP") and t.ent_iob_ != "I" and (
            t.pos_ == "PROPN" and t.text[:1].isupper() and t.text[1:].islower() and t.is_alpha
            and t.lower_ not in _ROLE_WORDS | _HONORIFICS | _PERSON_TITLES | _TITLE_INSIDE)

    while start > 0 and doc[start - 1].dep_ == "compound" and start <= doc[start - 1].head.i < end and (
            (free(doc[start - 1]) and doc[start - 1].sent.start < start - 1) or first_name(doc[start - 1])):
        start -= 1  # (not a sentence's first word, whose capital says nothing, unless before a person's name)
    while end < len(doc) and free(doc[end]) and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end:
        end += 1
    # "KLM | -ZEV": a hyphen with no space around it joins two parts of one name
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and free(doc[end + 1]):
        end += 2
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and free(doc[start - 2]):
        start -= 2
    return start, end


def find_entities(doc, gazetteer=None) -> DocEntities:
    """Collect the entity mentions of a parsed article and group them into entities."""
    raw: list[Mention] = []
    headline_starts = {s.start for s in doc.sents if is_headline(s)}
    in_headline = {ent.start: ent.sent.start in headline_starts for ent in doc.ents}
    body_texts = {e.text for e in doc.ents if not in_headline[e.start]}
    taken: set[int] = set()
    ents = _join_nicknames(doc, list(doc.ents))
    for k, ent in enumerate(ents):
        if ent.start in taken or (raw and raw[-1].start <= ent.start < raw[-1].end):
            continue  # (inside the name before it, which a repair extended: "Eyecare Associates, P.A.")
        type_ = _LABEL_TYPES.get(ent.label_)
        canonical = ent.ent_id_ or None
        if type_ is None:
            continue
        if in_headline[ent.start] and not canonical and ent.text not in body_texts:
            continue
        if canonical and _inside_other_name(doc, ent, gazetteer):
            # "Intel Foundry": the word a product goes by, here the end of another company's name
            # (whose first part NER may have found)
            start = ent.start
            while start > ent.sent.start and _name_word(doc[start - 1]) and not any(
                    m.start <= start - 1 < m.end for m in raw):
                start -= 1
            if raw and raw[-1].end == start and raw[-1].type == "Organization":
                prev = raw[-1]
                prev.end, prev.text, prev.canonical = ent.end, doc[prev.start:ent.end].text, None
            elif start < ent.start:
                raw.append(Mention(start, ent.end, doc[start:ent.end].text, "Organization"))
            continue
        opened = _opens_other_name(doc, ent, gazetteer) if canonical else None
        if opened is not None:
            if not (raw and raw[-1].end > opened[0]):
                # "in Palm Springs, Florida": a name with its state after a comma is a town
                town = opened[1] + 1 < len(doc) and doc[opened[1]].text == "," and doc[opened[1] + 1].ent_type_ == "GPE"
                raw.append(Mention(opened[0], opened[1], doc[opened[0]:opened[1]].text,
                                   "Place" if town else "Organization"))
            continue
        start, end = _clean(ent, doc)
        if canonical and _listed_first_name(doc, ent, gazetteer):
            # "Dave Treadwell": a one-word company of the stock listings that is a first name here
            type_, end, canonical = "Person", ent.end + 1, None
        elif canonical and type_ == "Organization" and _first_name_before(doc, ent):
            # "Dell Technologies CEO Michael Dell": a company's name that is a person's surname here
            type_, start, canonical = "Person", ent.start - 1, None
        if type_ in ("Organization", "Person") and not canonical and start < end:
            start, end = _rejoin_cut_name(doc, start, end, person=type_ == "Person")
        if start >= end:
            continue
        dash = next((i for i in range(start + 1, end - 1) if doc[i].text in ("-", "–", "—")
                     and doc[i - 1].whitespace_ and doc[i].whitespace_), None)
        if dash is not None:
            # a dateline glued to a name: "New York - Carly Fiorina was ousted…"
            right = doc[dash + 1:end].text
            raw.append(Mention(start, dash, doc[start:dash].text, "Place" if ent.label_ in ("GPE", "LOC") else type_))
            start = dash + 1
            type_ = "Person" if looks_like_person_name(right) else type_
            if type_ == "Place":
                continue
        poss = next((i for i in range(start + 1, end - 2) if doc[i].tag_ == "POS"), None)
        if poss is not None and ent.label_ in ("ORG", "PERSON") and looks_like_person_name(doc[poss + 1:end].text) \
                and all(t.pos_ == "PROPN" for t in doc[poss + 1:end]):
            # "Autonomy’s Mike Lynch": NER ran the company's possessive into the person's name
            entry = gazetteer.lookup(doc[start:poss].text) if gazetteer is not None else None
            raw.append(Mention(start, poss, doc[start:poss].text, entry.type if entry else "Organization",
                               canonical=entry.name if entry else None))
            start, type_, canonical = poss + 1, "Person", None
        if (end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].is_lower and not doc[end].whitespace_
                and doc[end + 1].lower_ not in _HYPHEN_PARTICIPLES):
            continue  # part of a hyphenated word: "Voice-over-IP", not an organization
        # "Compaq Computer Corporation": the fullest name the text gives, not only the known part
        while (type_ == "Organization" and end < len(doc) and (doc[end].text[:1].isupper() or doc[end].text == "plc")
               and doc[end].lower_.strip(".") in _GENERIC_COMPANY_WORDS and doc[end].ent_type_ in ("", "ORG")
               and not _before_hyphen(doc[end])):  # (not the first half of "Google Co-Founders")
            end += 1
        # "Sony Interactive Entertainment Europe": a known company's regional unit is a company of its own
        if type_ == "Organization" and canonical and end + 1 < len(doc) and doc[end].lower_ in _UNIT_REGIONS \
                and doc[end].text[:1].isupper() and doc[end - 1].head.i == end and doc[end + 1].pos_ != "PROPN":
            end, canonical = end + 1, None
        # "Samsung SDI", "SK On": a known company's name before a word in capitals it modifies is
        # another company's name (not "Apple TV", "Microsoft AI", "Oracle CEO": a product, a field, a title)
        # (only after a one-word name: "Samsung Electronics SSNLF" ends in its ticker)
        if type_ == "Organization" and canonical and end - start == 1 and end < len(doc) and doc[end].pos_ == "PROPN" \
                and doc[end].is_upper and doc[end].is_alpha and 2 <= len(doc[end]) <= 5 \
                and doc[end].lower_ not in _GENERIC_ORG | CORPORATE_TITLES and not _is_role_word(doc[end]) \
                and not _is_suffix(doc[end]) \
                and doc[end - 1].head.i == end \
                and doc[end].ent_type_ in ("", "ORG") and gazetteer is not None \
                and gazetteer.lookup(doc[start:end + 1].text) is None:
            end, canonical = end + 1, None
        # "Prosus Ventures", "Google Ventures": a known company's investment arm is a company of its own
        if type_ == "Organization" and canonical and end < len(doc) and doc[end].lower_ in _ARM_WORDS \
                and doc[end].text[:1].isupper() and doc[end].ent_type_ in ("", "ORG") and gazetteer is not None:
            entry = gazetteer.lookup(doc[start:end + 1].text)
            end, canonical = end + 1, entry.name if entry is not None else None
        # "Kleiner Perkins | Caufield & Byers": partners' names joined by "&" continue a firm's name
        if type_ == "Organization":
            run = end
            while run < len(doc) and not doc[run].ent_type_ and (
                    doc[run].text == "&" or (doc[run].pos_ == "PROPN" and doc[run].text[:1].isupper())):
                run += 1
            if run > end + 2 and "&" in {t.text for t in doc[end:run - 1]} and doc[run - 1].text != "&":
                end = run
        # "Acme Mobility LLC" where the gazetteer knows "Acme": the legal name is another company's
        longer = _suffixed_name_end(doc, end) if type_ == "Organization" else None
        if longer is not None:
            end, canonical = longer, None
        # "Raymond James Financial, Inc.": a suffix after a comma is still the name (and a "person"
        # with a legal form is a company: "Kestrel Broadband, LLC")
        if end + 1 < len(doc) and doc[end].text == "," and _is_suffix(doc[end + 1]) and (
                type_ == "Organization" or (type_ == "Person" and not canonical  # (not "Ann Roe, P.A.")
                                            and doc[end + 1].lower_.strip(".") in CORPORATE_SUFFIXES)):
            end, type_ = end + 2, "Organization"
        # "Kestrel College | of the Arts": an institution's "of" phrase NER left out is part of its name
        if type_ == "Organization" and not canonical and doc[end - 1].lower_ in _INSTITUTION_HEADS \
                and end + 2 < len(doc) and doc[end].lower_ == "of":
            k = end + 1 + (doc[end + 1].lower_ == "the")
            run = k
            while run < len(doc) and doc[run].pos_ == "PROPN" and doc[run].text[:1].isupper() and not doc[run].ent_type_:
                run += 1
            if run > k:
                end = run
        # "Airbus S.A.S.", "Genovis AB": a legal form right after the name is part of it
        while type_ == "Organization" and end < len(doc) and _is_suffix(doc[end]) and doc[end].ent_type_ in ("", "ORG"):
            end += 1
        # "Associates LLC, Grosse Pointe, Michigan": a "person" followed by its state is a town
        if (type_ == "Person" and k + 1 < len(ents) and ents[k + 1].label_ == "GPE" and ents[k + 1].start == end + 1
                and doc[end].text == "," and (ents[k + 1].end >= len(doc) or doc[ents[k + 1].end].is_punct)
                and start > 0 and doc[start - 1].text == ","):
            type_ = "Place"
        # "based in Ridgefield, CT": a name after "in" with a state code after it is a town
        if (type_ != "Place" and not canonical and k + 1 < len(ents) and ents[k + 1].text in US_STATE_CODES
                and ents[k + 1].start == end + 1 and doc[end].text == "," and start > 0
                and doc[start - 1].lower_ in ("in", "at")):
            type_ = "Place"
        # "Lincoln, Nebraska-based" / "Chicago, Illinois": one place, named fully
        j = k + 1
        while (j < len(ents) and (ents[j].label_ == "GPE" or ents[j].text in US_STATE_CODES)
               and ents[j].start == end + 1
               and doc[end].text == "," and (type_ == "Place" or _based_after(doc, ents[j].end))):
            type_, end = "Place", ents[j].end
            taken.add(ents[j].start)
            canonical = None
            j += 1
        if type_ != "Place" and _based_after(doc, end) and not canonical:
            type_ = "Place"
        # "Samsung Galaxy S22", "Pixel 8 Pro": a model's code after a product line's name is the model's
        model = end
        while type_ == "Product" and model < len(doc) and doc[model].ent_type_ in ("", "PRODUCT", "CARDINAL") and (
                _model_code(doc[model].text) or (model > end and doc[model].lower_ in _MODEL_WORDS)):
            model += 1
        if model > end:
            end, canonical = model, None
        # "Hugh McColl, Jr.": the generational suffix is part of the name
        if type_ == "Person" and end < len(doc) and doc[end].lower_.strip(".") in _GENERATIONAL:
            end += 1
        elif (type_ == "Person" and end + 1 < len(doc) and doc[end].text == ","
              and doc[end + 1].lower_.strip(".") in _GENERATIONAL):
            end += 2
        text = doc[start:end].text
        if type_ in ("Person", "Organization") and all(_is_role_word(t) for t in doc[start:end]
                                                      if not t.is_punct):
            continue  # "Chief Executive Officer", "Founder": a title, not a name
        if (type_ in ("Person", "Organization") and not canonical and end - start > 1
                and doc[end - 1].lower_ in _TITLE_HEADS and doc[end - 1].tag_ != "NNPS"):
            continue  # "Business Development Officer", "GIS Specialist": a job title, not a name
        if type_ in ("Person", "Organization") and not canonical and _is_title_of(doc[start:end]):
            continue  # "Professor Emeritus of Mathematics", "Chair for Chapter Relations": a title
        if type_ == "Organization" and normalize_name(text) in set(CORPORATE_SUFFIXES) | {""}:
            # "Honey Design & Drafting, LLC": a suffix NER cut off belongs to the name before it
            if raw and raw[-1].type == "Organization" and raw[-1].end in (start, start - 1):
                prev = raw[-1]
                prev.end, prev.text = end, doc[prev.start:end].text
            continue
        if type_ == "Organization" and not canonical and not any(ch.isupper() for ch in text) and (
                " " in text or _before_hyphen(doc[end - 1])):
            continue  # "a roller derby league", the "ex" of "ex-Microsoft": common words NER took for a name
        if ent.label_ == "ORG" and text in US_STATE_CODES:
            continue  # "Sacramento, CA": a state, not an organization
        if normalize_name(text) in _DOCUMENT_WORDS or doc[start].lower_ in _DOCUMENT_WORDS:
            continue  # "Memorandums of Understanding (MoUs)": an agreement, not a name
        if type_ != "Person" and all(_is_role_word(t) or t.lower_.replace(".", "") in CORPORATE_TITLES
                                     for t in doc[start:end]):
            continue  # "as well as CTO and co-founder Jesse Roe": a title, not a company
        if type_ == "Person" and (looks_like_organization(text) or _after_org_kind(doc, start)):
            type_ = "Organization"
        elif type_ == "Organization" and not canonical and start > 0 and _is_role_word(doc[start - 1]) \
                and doc[start - 1].lower_ not in ("general", "senior", "managing") and looks_like_person_name(text):
            type_ = "Person"  # "former Google ad chief Sridhar Ramaswamy": a title names a person
        if type_ in ("Person", "Organization") and not canonical and end - start >= 2 \
                and doc[start].lower_ == "project" and not looks_like_organization(text):
            type_ = "Product"  # "Amazon's Project Kuiper": a company's project is no person
        if type_ == "Place" and _names_institution(text):
            type_ = "Organization"  # "Walters Art Gallery", "Soviet Army", "Center for Historical Studies"
        if gazetteer is not None and type_ != "Person":
            entry = gazetteer.lookup(text)
            if entry is not None:
                canonical, type_ = entry.name, entry.type
        if type_ == "Person" and len(text.split()) == 1 and gazetteer is not None:
            entry = gazetteer.lookup(text)
            if entry is not None:
                canonical, type_ = entry.name, entry.type
        if type_ == "Organization" and not canonical and _indefinite(doc, start, end):
            continue  # "a Digital Marketing Agency": capitalized words naming a kind, not a name
        if type_ == "Organization" and not canonical and start >= 2 and doc[start - 1].text == "(" \
                and _kind_before(doc, start - 1):
            continue  # "the fastest growing Internet Service Provider (ISP)": the kind's acronym
        at = next((i for i in range(start + 1, end - 1) if doc[i].lower_ == "at"), None) \
            if type_ == "Organization" and not canonical else None
        after_title = start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _TITLE_WORDS_OF
        if at is not None and (after_title or (looks_like_organization(doc[start:at].text)
                                               and looks_like_organization(doc[at + 1:end].text))):
            # "Department of Physics at Lund University": a unit and its institution, two names
            # (not "Jazz at Lincoln Center"); "Senior Analyst of Credit and Commercial at Javelin
            # Research": a title's field, then the employer
            if not after_title:
                raw.append(Mention(start, at, doc[start:at].text, "Organization"))
            start, text = at + 1, doc[at + 1:end].text
        conj = next((i for i in range(start + 2, end - 2) if doc[i].lower_ == "and"), None) \
            if type_ == "Organization" and not canonical else None
        if conj is not None and not any(doc[i].lower_ in ("of", "for") for i in range(start, conj)) \
                and looks_like_organization(doc[start:conj].text) \
                and looks_like_organization(doc[conj + 1:end].text) and doc[conj + 1].text[:1].isupper():
            # "Zentrix Labs and Marlow University": two organizations NER ran together (not "Bank of
            # Credit and Commerce International", whose "and" joins the words after "of")
            raw.append(Mention(start, conj, doc[start:conj].text, "Organization"))
            start, text = conj + 1, doc[conj + 1:end].text
        of = next((i for i in range(start + 1, end - 1) if doc[i].lower_ == "of"), None) if type_ == "Place" else None
        if of is not None and doc[of - 1].lower_ in _TOWN_WORDS and any(
                doc[i].lower_ in _REGION_WORDS for i in range(of + 2, end)):
            # "Yiwu City of Zhejiang Province": a town and the region it is in, two places
            raw.append(Mention(start, of, doc[start:of].text, "Place"))
            start, text = of + 1, doc[of + 1:end].text
        raw.append(Mention(start, end, text, type_, canonical=canonical))
    raw = _without_tickers(raw, doc)
    raw += _suffixed_names_missed(doc, raw)
    raw += _kind_named_missed(doc, raw)
    raw = _short_forms_missed(doc, raw, gazetteer)
    _share_surnames(raw, doc)
    raw = _surnames_missed(doc, raw)
    _called_companies(raw, doc)
    _people_listed_with_people(raw, doc)
    _one_type_per_name(raw, doc)
    mentions, clusters = _cluster(raw, doc, gazetteer)
    return DocEntities(doc, mentions, clusters, gazetteer)


#: Words that make a known company's name its investment arm's: "Google Ventures", "Intel Capital".
_ARM_WORDS = {"ventures", "capital", "investments", "foundation"}


#: Words that end a model's name after its code: "Pixel 8 Pro", "iPhone 15 Pro Max".
_MODEL_WORDS = {"pro", "max", "plus", "ultra", "mini", "lite", "air"}


def _model_code(word: str) -> bool:
    """A model's code: "S22", "X3D", "8", "360" (not a year, a count with a comma, or a word)."""
    return word.isalnum() and any(c.isdigit() for c in word) and len(word) <= 5 and not (
        word.isdigit() and (len(word) == 4 or word.startswith("0")))


def _short_forms_missed(doc, raw: list[Mention], gazetteer=None) -> list[Mention]:
    """ "Lucid Motors … help Lucid launch …": a company's first word, where the rest of its name is
    generic ("Motors", "Inc."), is its short name wherever it stands alone, whatever NER made of it
    (not the surname of a person named in full: "Michael Dell").

    The first word of any longer company name ("Teladoc Health") is its short name where NER left
    it alone as a subject or object ("Teladoc has been growing"), unless the gazetteer knows that
    word as a company of its own ("Amazon" is no short form of Amazon Web Services)."""
    short, first_words = {}, {}
    for m in raw:
        words = m.text.split()
        if m.type == "Organization" and words[0][:1].isupper() and _generic_after(words, 1):
            short.setdefault(words[0], m)
        elif m.type == "Organization" and _first_word_of(words[0], m.text) \
                and not (gazetteer is not None and gazetteer.lookup(words[0]) is not None):
            first_words.setdefault(words[0], m)
    surnames = _surnames(raw)
    short = {w: m for w, m in short.items() if w not in surnames}
    covered = _covered(raw)
    bare = [Mention(t.i, t.i + 1, t.text, "Organization") for t in doc
            if t.text in first_words and t.text not in surnames and t.text not in short and t.i not in covered
            and t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "poss")
            and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")]
    if bare:
        raw = sorted(raw + bare, key=lambda m: m.start)
    if not short:
        return raw
    out = []
    for m in raw:
        if m.type in ("Person", "Place") and m.text in short and not m.canonical:
            m.type = "Organization"  # ("Lucid" as a person)
        out.append(m)
    covered = _covered(raw)
    for t in doc:
        if t.text in short and t.i not in covered and t.pos_ == "PROPN" and not (
                t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper() and doc[t.i + 1].pos_ == "PROPN"):
            out.append(Mention(t.i, t.i + 1, t.text, "Organization"))
    return sorted(out, key=lambda m: m.start)


def _surnames_missed(doc, raw: list[Mention]) -> list[Mention]:
    """ "Stephen Elop … Elop, who joined Microsoft": the surname of a person named in full before,
    standing alone where NER found nothing, is that person (not a word a company's name begins with)."""
    named_at: dict[str, int] = {}  # surname -> where the first person named in full with it starts
    for m in raw:
        if m.type == "Person" and " " in m.text:
            named_at.setdefault(m.text.split()[-1], m.start)
    companies = {m.text.split()[0] for m in raw if m.type in ("Organization", "Product")}
    covered = _covered(raw)
    missed = [Mention(t.i, t.i + 1, t.text, "Person") for t in doc  # (after the full name: "Gates … Bill Gates")
              if named_at.get(t.text, len(doc)) < t.i and t.text not in companies and t.i not in covered
              and (t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass")))  # ("Ballmer also")
              and t.is_title and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
              and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")]
    return sorted(raw + missed, key=lambda m: m.start) if missed else raw


def _without_tickers(raw: list[Mention], doc) -> list[Mention]:
    """ "Nvidia Corp NVDA", "Micron Technology MU": a word in capitals no entry knows, right after a
    company's name, is its stock ticker, not another company: the name's span takes it in (the
    parser may make the ticker the phrase's head), its text does not."""
    out = []
    for m in raw:
        before = out[-1] if out else None
        if before is not None and before.end == m.start and before.type == "Organization" and m.type == "Organization" \
                and not m.canonical and m.text.isupper() and m.text.isalpha() and 2 <= len(m.text) <= 5 \
                and m.end - m.start == 1 and not _is_role_word(doc[m.start]) and m.text.lower() not in CORPORATE_TITLES:
            before.end = m.end
            continue
        out.append(m)
    covered = _covered(out)
    for m in out:  # a ticker NER left alone ("Samsung Electronics SSNLF")
        t = doc[m.end] if m.end < len(doc) else None
        if m.type == "Organization" and t is not None and t.i not in covered and t.is_upper and t.is_alpha \
                and 2 <= len(t) <= 5 and t.pos_ == "PROPN" and doc[m.end - 1].head.i == t.i and not _is_role_word(t) \
                and t.lower_ not in CORPORATE_TITLES | _GENERIC_ORG and not _is_suffix(t):
            m.end += 1
    return out


def _share_surnames(raw: list[Mention], doc) -> None:
    """ "brothers Patrick and John Collison": a first name coordinated with a full name shares its
    surname, so the first is Patrick Collison (not when the one word is another person's surname)."""
    surnames = _surnames(raw)
    for a, b in zip(raw, raw[1:]):
        if (a.type == b.type == "Person" and a.end - a.start == 1 and b.end - b.start == 2 and b.start == a.end + 1
                and doc[a.end].lower_ == "and" and not a.canonical and a.text not in surnames
                and doc[a.start].pos_ == "PROPN" and doc[b.start].pos_ == "PROPN" and doc[b.end - 1].is_title):
            a.text = f"{a.text} {doc[b.end - 1].text}"


_NICKNAME_MARKS = {"(": ")", '"': '"', "'": "'", "“": "”", "‘": "’", "`": "'"}


def _join_nicknames(doc, ents: list) -> list:
    """ "Edwin Garrigues (Gary) Boring", "Robert (Bob) Korsec": a nickname between a first name
    and a surname, which NER cuts into pieces, is inside one person's name."""
    from spacy.tokens import Span

    out, k = [], 0
    while k < len(ents):
        ent, last = ents[k], None
        if ent.label_ in ("PERSON", "ORG"):
            opener = next((i for i in range(ent.start + 1, min(ent.end + 1, len(doc)))
                           if doc[i].text in _NICKNAME_MARKS), None)
            close = next((i for i in range(opener + 2, min(opener + 4, len(doc)))
                          if doc[i].text == _NICKNAME_MARKS[doc[opener].text]), None) if opener else None
            if close is not None and close + 1 < len(doc) and all(
                    t.text[:1].isupper() for t in doc[opener + 1:close]) and doc[close + 1].pos_ == "PROPN" \
                    and doc[close + 1].text[:1].isupper():
                last = close + 2
                while last < len(doc) and doc[last].pos_ == "PROPN" and doc[last].text[:1].isupper() \
                        and doc[last].ent_type_ in ("", "PERSON", "ORG"):
                    last += 1
        if last is None or not looks_like_person_name(f"{doc[ent.start:opener].text} {doc[close + 1:last].text}"):
            out.append(ent)
            k += 1
            continue
        out.append(Span(doc, ent.start, last, label="PERSON"))
        k += 1
        while k < len(ents) and ents[k].start < last:
            k += 1  # the pieces NER made of the rest
    return out


def _indefinite(doc, start: int, end: int) -> bool:
    """Whether the span heads a noun phrase that opens with "a" or "an", or is coordinated with
    its head: "a Digital Marketing Agency", "a Management Consulting, Executive Search … Firm"
    describe a kind of company (not "a Goldman Sachs banker": there the name is a modifier)."""
    node = next((t for t in doc[start:end] if not start <= t.head.i < end), None)
    while node is not None and node.dep_ == "conj" and node.head.i < node.i:
        node = node.head  # "A, B & C Firm": the determiner hangs on the first conjunct
    if node is None:
        return False
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") and c.i < start for c in node.children):
        return True
    # "an industry-leading, privately held, Internet Service Provider", "the fastest growing Internet
    # Service Provider": the phrase opens with "a", or ranks its kind with a superlative
    left = [t for t in doc[node.left_edge.i:start]]
    return bool(left) and (left[0].lower_ in ("a", "an") or (
        left[0].lower_ == "the" and any(t.tag_ in ("JJS", "RBS") for t in left)))


_KINDS_BEFORE_NAMES = ORG_KIND_NOUNS | {"giant", "provider", "vendor", "supplier"}


def _after_org_kind(doc, start: int) -> bool:
    """Whether a lowercase kind of organization comes right before *start*: "the autonomous vehicle
    business Aurora", "chip startup Zentrix" (not "Sequoia partner Carl Eschenbach")."""
    before = doc[start - 1] if start else None
    return before is not None and before.text.islower() and before.dep_ in ("compound", "nmod", "amod") \
        and before.lemma_.lower() in _KINDS_BEFORE_NAMES


def _kind_before(doc, end: int) -> bool:
    """Whether the capitalized words ending at *end* name a kind (:func:`_indefinite`)."""
    start = end
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1
    return start < end and _indefinite(doc, start, end)


#: Legal forms that end a company's name, beyond those the scoring ignores ("Airbus S.A.S.",
#: "Eyecare Associates, P.A.", "Enviro-Power Pte Ltd", "Genovis AB").
_LEGAL_SUFFIXES = set(CORPORATE_SUFFIXES) | {"sas", "spa", "pa", "pc", "pty", "pte", "ab", "asa", "oy", "oyj",
                                              "srl", "bhd", "kk", "kg", "se"}


def _is_suffix(token) -> bool:
    """A legal form: "Inc.", "LLC", "S.A.S." (capitalized, dots left out)."""
    return token.text[:1].isupper() and token.lower_.replace(".", "") in _LEGAL_SUFFIXES \
        and not _before_hyphen(token)  # ("Co-Founders")


def _before_hyphen(token) -> bool:
    """Whether *token* is the first part of a hyphenated word: "Co" of "Co-Founders", "ex" of "ex-Microsoft"."""
    return token.i + 1 < len(token.doc) and token.nbor(1).text == "-" and not token.whitespace_


def _suffixed_name_end(doc, end: int) -> int | None:
    """The end of "Mobility LLC" after a name ending at *end*: capitalized words, then a
    corporate suffix (after a comma or not); None when the words after it are not that."""
    i = end
    while (i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha and not doc[i].is_sent_start
           and doc[i].ent_type_ in ("", "ORG", "GPE") and not _is_suffix(doc[i])):  # "Studios Dallas LLC"
        i += 1
    if i == end or i >= len(doc):
        return None
    if doc[i].text == "," and i + 1 < len(doc) and _is_suffix(doc[i + 1]):
        i += 1
    return i + 1 if _is_suffix(doc[i]) else None


def _suffixed_names_missed(doc, raw: list[Mention]) -> list[Mention]:
    """Organizations NER missed whose legal suffix names them: "Pharmaceutical Search
    Professionals, Inc. (PSPi) is …" — capitalized words (and "&", "of") before "Inc.", "LLC"…"""
    covered = _covered(raw)
    out = []
    for suffix in doc:
        if not _is_suffix(suffix) or suffix.i in covered or suffix.i == 0:
            continue
        i = suffix.i - (doc[suffix.i - 1].text == ",")
        start = i
        while start > suffix.sent.start and start - 1 not in covered and (
                (doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha
                 and doc[start - 1].ent_type_ in ("", "ORG"))
                or (doc[start - 1].text in ("&", "of") and start - 2 >= suffix.sent.start
                    and doc[start - 2].text[:1].isupper())):
            start -= 1
        if start > suffix.sent.start and doc[start - 1].text[:1].isupper():
            continue  # the name runs on into another entity: where it starts is unclear
        while start < i and doc[start].lower_ in ("the", "of", "&"):
            start += 1
        if start < i and any(t.pos_ == "PROPN" for t in doc[start:i]):
            out.append(Mention(start, suffix.i + 1, doc[start:suffix.i + 1].text, "Organization"))
            covered.update(range(start, suffix.i + 1))
    return out


def _kind_named_missed(doc, raw: list[Mention]) -> list[Mention]:
    """Organizations NER missed that an apposition names by their kind: "Figure AI, a startup
    building robots, …" — the capitalized words before the comma (or one that opens the sentence)."""
    covered = _covered(raw)
    out = []
    for kind in doc:
        head = kind.head
        if kind.dep_ != "appos" or kind.lemma_.lower() not in ORG_KIND_NOUNS - {"subsidiary"} or head.i >= kind.i \
                or not any(c.lower_ in ("a", "an") for c in kind.children) \
                or head.i + 1 >= len(doc) or doc[head.i + 1].text != "," or head.i in covered:
            continue
        start = head.i
        while start > head.sent.start and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha \
                and start - 1 not in covered:
            start -= 1
        words = doc[start:head.i + 1]
        if start == head.sent.start and all(w.text[:1].isupper() and w.is_alpha for w in words) \
                and len(words) <= 4 and not any(w.ent_type_ in ("PERSON", "DATE") for w in words):
            out.append(Mention(start, head.i + 1, words.text, "Organization"))
            covered.update(range(start, head.i + 1))
    return out


def subject_before_parenthesis(root) -> list:
    """ "Jane Roe (born 1962) is an American executive": the small parser often takes the
    parenthesis for the subject and the name for its modifier; the subject is the name that
    opens the sentence, before a parenthesis, when the root is "be"."""
    sent = root.sent
    first = sent[0]
    if root.lemma_ != "be" or first.pos_ != "PROPN" or first.i >= root.i:
        return []
    opener = next((t for t in sent if t.text == "("), None)
    if opener is None or opener.i > root.i or not all(t.pos_ == "PROPN" or t.is_punct
                                                      for t in sent[: opener.i - sent.start]):
        return []
    return [first]


def looks_like_organization(name: str) -> bool:
    """Whether a name has a word only organizations' names have.

    >>> looks_like_organization("Venturi Automobiles"), looks_like_organization("Ken Samet")
    (True, False)
    >>> looks_like_organization("American Trucking Associations")
    True
    """
    words = [w.lower().strip(".,") for w in name.split() if w[:1].isupper()]
    return any(w in ORG_NAME_WORDS or _singular(w) in ORG_NAME_WORDS for w in words)


#: Words of an institution named with its town ("the Mexican Fine Arts Museum in Chicago").
INSTITUTION_WORDS = frozenset({"university", "college", "school", "museum", "hospital", "institute", "academy",
                               "library", "seminary", "conservatory", "observatory", "zoo", "gallery", "theatre",
                               "theater"})
#: Words that end an institution's name, or open it before "of" / "for" ("University of Jena").
_INSTITUTION_HEADS = (INSTITUTION_WORDS - {"zoo", "theatre", "theater"}) | {
    "universiteit", "herbarium", "laboratory", "laboratories", "army", "navy", "center", "centre", "foundation",
    "society"}


def _names_institution(name: str) -> bool:
    """Whether a name NER took for a place names an institution: its last word is an institution's
    ("Walters Art Gallery"), or one is before "of" / "for" ("Center for Historical Studies"). Not
    "College Station" nor "University Park", towns.

    >>> _names_institution("Soviet Army"), _names_institution("Center for Historical Studies")
    (True, True)
    >>> _names_institution("College Station"), _names_institution("Lincoln Center")
    (False, False)
    """
    words = name.split()
    if len(words) < 2:
        return False
    lower = [w.lower().strip(".,") for w in words]
    if lower[-1] in _INSTITUTION_HEADS - {"center", "centre"}:  # "Lincoln Center" may be the place
        return True
    return any(w in _INSTITUTION_HEADS and lower[k + 1] in ("of", "for") for k, w in enumerate(lower[:-1]))


def _singular(word: str) -> str:
    """A plural's singular: "associations" → "association", "universities" → "university"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def looks_like_person_name(name: str) -> bool:
    """Two or three capitalized words and no organization word: "Toby Hoare", "Gildo Pallanca Pastor"."""
    words = name.split()
    return (1 <= len(words) <= 3 and all(w[:1].isupper() and w.replace(".", "").replace("-", "").isalpha()
                                        for w in words)
            and not looks_like_organization(name) and not any(w.isupper() and len(w) > 1 for w in words))


def _initials_and_surname(name: str) -> bool:
    """ "RJ Scaringe", "JB Straubel": two initials run together and a surname (which NER takes for a
    company's name; only trusted in a slot a person fills)."""
    words = name.split()
    return len(words) == 2 and len(words[0]) == 2 and words[0].isupper() and words[0].isalpha() \
        and words[1].istitle() and words[1].isalpha() and not looks_like_organization(name)


def _based_after(doc, end: int) -> bool:
    """Whether the tokens after *end* read "-based"."""
    return end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ == "based"


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in ("of", "and", "the", "&", "for")]
    return "".join(w[0] for w in words).upper()


def _cluster(raw: list[Mention], doc, gazetteer) -> tuple[list[Mention], list[Cluster]]:
    clusters: list[Cluster] = []
    index: dict[tuple[str, str], int] = {}

    def add(m: Mention, cid: int) -> None:
        c = clusters[cid]
        m.cluster = cid
        c.names.append(m.text)
        c.count += 1
        c.first = min(c.first, m.start)
        if m.canonical and not c.canonical:
            c.canonical = m.canonical
            entry = gazetteer.lookup(m.canonical) if gazetteer is not None else None
            c.wikidata = getattr(entry, "wikidata", None)
        index[(m.type, normalize_name(m.text))] = cid
        if m.canonical:
            index[(m.type, normalize_name(m.canonical))] = cid

    # longest names first, so short forms find their full name
    order = sorted(range(len(raw)), key=lambda i: (-len(raw[i].text), raw[i].start))
    said_in: dict[int, dict[int, int]] = {}  # cluster -> sentence start -> where its first name there starts
    for i in order:
        m = raw[i]
        key = (m.type, normalize_name(m.canonical or m.text))
        cid = index.get(key, index.get((m.type, normalize_name(m.text))))
        if cid is None:
            sent = doc[m.start].sent.start
            later = {c for c, sents in said_in.items() if sents.get(sent, -1) > m.start}
            cid = _match_short_form(m, clusters, later)
        if cid is None:
            cid = _surname_mistyped(m, doc, clusters)
        if cid is None:
            clusters.append(Cluster(m.type))
            cid = len(clusters) - 1
        add(m, cid)
        starts = said_in.setdefault(cid, {})
        sent = doc[m.start].sent.start
        starts[sent] = min(starts.get(sent, m.start), m.start)
    # parenthetical acronyms right after a name: "Open Handset Alliance (OHA)"
    by_start = {m.start: m for m in raw}
    for m in raw:
        if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
            acr = doc[m.end + 1]
            other = by_start.get(acr.i)
            if other is not None and other.cluster != m.cluster and (
                    other.text == _initials(m.text)[: len(other.text)] or other.text == m.text.split()[0]):
                _merge(clusters, raw, other.cluster, m.cluster)
    raw.sort(key=lambda m: m.start)
    return raw, clusters


def _merge(clusters: list[Cluster], mentions: list[Mention], src: int, dst: int) -> None:
    for m in mentions:
        if m.cluster == src:
            m.cluster = dst
    clusters[dst].names += clusters[src].names
    clusters[dst].count += clusters[src].count
    clusters[dst].first = min(clusters[dst].first, clusters[src].first)
    clusters[dst].canonical = clusters[dst].canonical or clusters[src].canonical
    clusters[src].names, clusters[src].count = [], 0


def _described(token, top) -> bool:
    """Whether *token* sits in an apposition or a clause describing *top*'s phrase ("Kindel, a former
    Microsoft executive, left the company": Microsoft is no argument of "left")."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in ("appos", "relcl", "acl"):
            return True
        node = node.head
    return False


#: Nouns before a name that make it a company's, not a place's: "regional rival Brightline".
_COMPANY_KIND_BEFORE = {"rival", "archrival", "competitor", "partner", "startup", "start-up", "chipmaker",
                        "automaker", "carmaker", "telco", "retailer", "vendor", "supplier", "maker", "firm",
                        "company", "investor", "provider", "developer", "manufacturer"}


def _called_companies(raw: list[Mention], doc) -> None:
    """Names the text calls companies: a name NER made a place (or a person) is a company's wherever
    it stands, when a company noun modifies it ("sell its unit to regional rival Brightline") or
    stands in apposition to it ("Mirantis, a privately held company based in …"); a name NER missed
    before such an apposition becomes one ("Perforce, a Minnesota-based maker of …")."""
    companies = set()
    for m in raw:
        if m.type not in ("Place", "Person") or m.canonical:
            continue
        before, head = doc[max(m.start - 1, 0)], doc[m.end - 1]
        if m.type == "Place" and m.start > 0 and before.lower_ in _COMPANY_KIND_BEFORE \
                and before.head.i == head.i and before.dep_ in ("amod", "compound", "nmod"):
            companies.add(m.text)
        if m.end < len(doc) and doc[m.end].text == "," and (m.type == "Person" or before.lower_ not in _PLACE_PREPS) \
                and any(c.dep_ == "appos" and c.lemma_.lower() in ORG_KIND_NOUNS and c.left_edge.i == m.end + 1
                        for c in head.children):
            companies.add(m.text)
    for m in raw:
        if m.type in ("Place", "Person") and not m.canonical and m.text in companies:
            m.type = "Organization"
    # a name NER missed: "Perforce, a Minnesota-based maker of DevOps software, announced …"
    covered = _covered(raw)
    for t in doc:
        if t.i in covered or t.pos_ not in ("PROPN", "NOUN") or not t.text[:1].isupper() or t.i + 2 >= len(doc) \
                or doc[t.i + 1].text != "," or not any(c.dep_ == "appos" and c.lemma_.lower() in ORG_KIND_NOUNS
                                                       and c.left_edge.i == t.i + 2 for c in t.children):
            continue
        start = t.i  # (the capitalized words of its phrase: "Men's Premier Soccer League")
        while start > t.left_edge.i and start - 1 not in covered and (
                doc[start - 1].text[:1].isupper() or doc[start - 1].tag_ == "POS" or doc[start - 1].text == "&"):
            start -= 1
        raw.append(Mention(start, t.i + 1, doc[start:t.i + 1].text, "Organization"))
    raw.sort(key=lambda m: m.start)


def _people_listed_with_people(raw: list[Mention], doc) -> None:
    """A name that reads as a person's, coordinated with a person's, is a person's whatever NER
    made of it: "founded by Logan Green and John Zimmer" (NER: a product and a person)."""
    by_head = {m.end - 1: m for m in raw}
    for m in raw:
        if m.type not in ("Product", "Organization") or m.canonical or not looks_like_person_name(m.text):
            continue
        head = doc[m.end - 1]
        linked = [by_head.get(c.i) for c in head.children if c.dep_ == "conj"]
        if head.dep_ == "conj":
            linked.append(by_head.get(head.head.i))
        if any(o is not None and o.type == "Person" and " " in o.text for o in linked) and " " in m.text:
            m.type = "Person"


def _one_type_per_name(raw: list[Mention], doc) -> None:
    """A one-word name NER calls a company in one place and a person or a town in another
    ("Kingsoft") is the company, unless it is the surname of a person named in full there, or
    follows "in" as a town does."""
    companies = {m.text for m in raw if m.type == "Organization" and m.end - m.start == 1}
    surnames = _surnames(raw)
    for m in raw:
        if m.type in ("Person", "Place") and m.end - m.start == 1 and m.text in companies \
                and m.text not in surnames and not (m.start > 0 and doc[m.start - 1].lower_ in ("in", "near", "to", "from")):
            m.type = "Organization"


def _people_surnamed(clusters: list[Cluster], word: str) -> list[int]:
    """The people named in full whose surname is *word*."""
    return [cid for cid, c in enumerate(clusters)
            if c.type == "Person" and any(len(n.split()) >= 2 and n.split()[-1] == word for n in c.names)]


def _surname_mistyped(m: Mention, doc, clusters: list[Cluster]) -> int | None:
    """ "Sundar Pichai … Pichai worked at", "joined Elop on stage": a one-word place or company NER
    made of the surname of a person named in full, in a slot a person fills, is that person."""
    head = doc[m.end - 1]
    if m.type not in ("Place", "Organization") or m.canonical or m.end - m.start != 1 \
            or head.dep_ not in ("nsubj", "nsubjpass", "poss", "dobj", "pobj", "conj") \
            or (head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS):
        return None  # ("moved to Georgia" is the place)
    people = _people_surnamed(clusters, m.text)
    if len(people) != 1:
        return None  # (none, or two with that surname: "Oleg Yefremov" and "Mikhail Yefremov")
    m.type = "Person"
    return people[0]


def _generic_after(words: list[str], n: int) -> bool:
    """Whether a name's *words* after its first *n* are all generic company words ("Lucid | Motors",
    "Acme | Corp."), so the first *n* are its short name."""
    return len(words) > n and all(w.lower().strip(".,") in _GENERIC_COMPANY_WORDS for w in words[n:])


def _first_word_of(word: str, name: str) -> bool:
    """Whether *word* opens the longer company name *name* as its own short name ("Teladoc" of
    "Teladoc Health"; not "Bank" of "Bank of America").

    >>> _first_word_of("Teladoc", "Teladoc Health"), _first_word_of("Bank", "Bank of America")
    (True, False)
    """
    words = name.split()
    return len(words) >= 2 and words[0] == word and word.istitle() and word.isalpha() \
        and word.lower() not in ORG_NAME_WORDS and words[1].lower() not in ("of", "and", "&", "for")


def _covered(mentions: list[Mention]) -> set[int]:
    """The token indexes the *mentions* span: where NER or a repair already found a name."""
    return {i for m in mentions for i in range(m.start, m.end)}


def _surnames(raw: list[Mention]) -> set[str]:
    """The surnames of the people named in full."""
    return {m.text.split()[-1] for m in raw if m.type == "Person" and " " in m.text}


def _match_short_form(m: Mention, clusters: list[Cluster], said_after: set[int] = frozenset()) -> int | None:
    """A cluster of which *m* is a short form: a surname, an acronym, a bare company name (before
    a name it ends: "Lucid" is Lucid Motors', not that of "Model S, Lucid", which NER ran together).

    A bare company name is no short form of a fuller one said after it in its sentence (the
    clusters *said_after*): "Norwegian Cruise Line is a subsidiary of Norwegian Cruise Line Holdings"."""
    words = m.text.split()
    if m.type == "Organization":
        for cid, c in enumerate(clusters):
            if c.type == m.type and cid not in said_after and any(_generic_after(n.split(), len(words)) and n.split()[: len(words)] == words
                                        for n in c.names):
                return cid
        # "JPMorgan" after "JPMorgan Chase", a company the gazetteer knows: the first word of its name
        known = [cid for cid, c in enumerate(clusters) if c.type == m.type and c.canonical and len(words) == 1
                 and not m.canonical  # ("Google" is its own company, not Google DeepMind's short form)
                 and words[0][:1].isupper() and words[0].lower() not in ORG_NAME_WORDS
                 and any(len(n.split()) == 2 and n.split()[0] == words[0]
                         and n.split()[1].lower() not in ORG_NAME_WORDS for n in c.names)]  # (not "M&T Bank")
        if len(known) == 1:
            return known[0]
        # "Veradoc" after "Veradoc Health": the first word of one company's longer name
        led = [cid for cid, c in enumerate(clusters) if c.type == m.type and cid not in said_after
               and len(words) == 1 and not m.canonical and any(_first_word_of(words[0], n) for n in c.names)]
        if len(led) == 1:
            return led[0]
    for cid, c in enumerate(clusters):
        if c.type != m.type or not c.names:
            continue
        for name in c.names:
            full = name.split()
            if len(full) <= len(words):
                continue
            if m.type == "Person" and len(words) == 1 and full[-1] == words[0]:
                return cid
            # a bare surname NER took for a company: "Canion (president and CEO)" after "Rod Canion"
            if (m.type == "Organization" and not m.canonical and not c.canonical and len(words) == 1
                    and 2 <= len(full) <= 3 and full[-1] == words[0]):
                return cid
            if m.type == "Organization":
                if m.text.isupper() and 2 <= len(m.text) <= 6 and _initials(name) == m.text:
                    return cid
                if normalize_name(strip_suffix(name)) == normalize_name(m.text):
                    return cid
    return None
