"""Is a fact reported or confirmed, and is it asserted at all?

Both are judged from the trigger word of a rule and the words that govern
it: a hedge ("according to a report", "is preparing", "could", "in talks
to") on the path from the trigger to the root makes a fact ``reported``; a
negation or refusal ("not", "rejected", "talks ended") drops it. Relative
clauses state background, so the climb stops there: in "the two powerhouses
that for years have been bitter rivals, according to the publication", the
rivalry is not hedged.
"""

from __future__ import annotations

from .relations.lexicon import APPROACH_VERBS, RIVAL_NOUNS

__all__ = ["HEDGE_VERBS", "NEGATING_VERBS", "judge", "sentence_hedged"]

HEDGE_VERBS = {
    "prepare", "plan", "consider", "expect", "intend", "negotiate", "discuss", "explore", "mull",
    "weigh", "seek", "hope", "aim", "want", "propose", "rumor", "rumour", "speculate", "believe",
    "eye", "mull", "contemplate", "reveal", "report", "think", "suggest", "try", "attempt",
} | APPROACH_VERBS  # ("A approached B to form an alliance": asked, not done)
HEDGE_MODALS = {"could", "may", "might", "would", "should", "can"}
HEDGE_ADVERBS = {
    "reportedly", "possibly", "allegedly", "reputedly", "likely", "potentially", "perhaps",
    "probably", "apparently", "supposedly", "purportedly", "rumoredly", "maybe",
}
HEDGE_ADJECTIVES = {"potential", "possible", "rumored", "rumoured", "proposed", "planned", "expected",
                    "likely", "reported", "alleged", "prospective", "mooted"}
NEGATING_VERBS = {
    "reject", "refuse", "deny", "decline", "end", "stall", "cancel", "abandon", "scrap", "collapse",
    "terminate", "dissolve", "halt", "block", "rebuff", "spurn", "drop", "deny", "break",
}
_NEGATIONS = {"not", "n't", "never", "no", "neither", "nor", "without"}
#: Words that put what follows in the future: "is keen to announce", "is poised to sign".
_ABOUT_TO = {"keen", "eager", "poised", "poise", "set", "ready", "due", "slated", "likely", "expected", "willing"}
_REPORT_CUES = ("according to", "sources say", "sources said", "sources told", "source told", "sources close to",
                "sources familiar", "people familiar", "reportedly", "is said to", "are said to", "rumor", "rumour",
                "report claimed", "report said", "report says", "reports say", "reports said", "reports suggest")


#: Sources that state a deal on the record: "according to a filing", "according to the company".
_OFFICIAL_SOURCES = {"filing", "statement", "announcement", "release", "agreement", "company", "prospectus",
                     "disclosure", "document", "regulator"}


def _official(according) -> bool:
    """Whether "according to …" cites the record ("a filing on Monday", "a company statement"), not a report."""
    return any(o.lemma_.lower() in _OFFICIAL_SOURCES for to in according.children if to.lower_ == "to"
               for o in to.children if o.dep_ == "pobj")


def sentence_hedged(sent) -> bool:
    """Whether the sentence as a whole is attributed to unnamed sources or a report."""
    text = sent.text.lower()
    if "according to" in text and all(_official(t) for t in sent if t.lower_ == "according"):
        text = text.replace("according to", "")
    return any(cue in text for cue in _REPORT_CUES) or text.rstrip().endswith(": report")


def judge(trigger) -> str | None:
    """``"reported"``, ``"confirmed"``, or ``None`` when the trigger is negated or refused."""
    title = trigger
    while title.dep_ in ("compound", "amod") and title.head.i != title.i and title.head.ent_type_ != "PERSON":
        title = title.head  # ("Chief | Executive Officer | Steve Ballmer")
    if title.dep_ in ("compound", "amod") and title.head.ent_type_ == "PERSON":
        return "confirmed"  # "ask Microsoft CTO Kevin Scott to visit": a title before a name is not what is asked
    if trigger.lemma_.lower() in RIVAL_NOUNS and (
            (trigger.dep_ in ("compound", "amod") and trigger.head.pos_ == "PROPN")
            or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in trigger.children)):
        # "rejected a bid from chip rival Broadcom": a rival named is described, not what is refused
        return None if any(c.dep_ == "neg" for c in trigger.children) else "confirmed"
    hedged = False
    node = below = trigger
    ancestors = set(trigger.ancestors)  # ("according to Google CFO, A": the source is no hedged fact)
    for c in trigger.children:
        if c.dep_ in ("amod", "advmod") and c.lower_ in HEDGE_ADJECTIVES | HEDGE_ADVERBS:
            hedged = True
        if c.dep_ in ("neg", "det") and c.lower_ in _NEGATIONS:
            return None
        if c.dep_ == "advmod" and c.lower_ in ("almost", "nearly") and trigger.pos_ == "VERB":
            return None  # "Altman almost joined Microsoft": he did not
    for _ in range(12):
        for c in node.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj") and low in _NEGATIONS):
                return None
            if node.dep_ == "prep" and c.dep_ == "advmod" and low in ("instead", "rather"):
                return None  # "instead of buying SAP, Microsoft is collaborating with it"
            if c.dep_ == "aux" and low in HEDGE_MODALS:
                hedged = True
            if c.dep_ == "advmod" and low in HEDGE_ADVERBS:
                hedged = True
            if c.dep_ == "prep" and low == "according" and not _background(node) and c not in ancestors \
                    and not _official(c):
                hedged = True  # attribution belongs to the main clause, wherever the parser hangs it
            if c.dep_ == "prep" and low == "in" and any(g.lemma_.lower() in ("talk", "negotiation", "discussion")
                                                         for g in c.children):
                hedged = True
            if c.dep_ == "acomp" and low == "close":
                hedged = True
        lemma = node.lemma_.lower()
        if lemma in _ABOUT_TO and node.i != trigger.i and below.dep_ == "xcomp" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in below.children):
            hedged = True  # "is keen to announce", "is poised to sign": not done yet
        if node.i != trigger.i and node.pos_ in ("VERB", "AUX"):
            if lemma in NEGATING_VERBS and not (lemma == "end" and any(c.lower_ == "up" for c in node.children)):
                return None  # (but "ended up joining X" joined it)
            if lemma in HEDGE_VERBS:
                hedged = True
        if node.pos_ == "NOUN" and lemma in ("talk", "negotiation", "discussion", "rumor", "rumour", "report",
                                             "speculation", "plan", "offer", "bid", "proposal"):
            hedged = True
        if (node.i == trigger.i and trigger.pos_ == "NOUN" and node.dep_ in ("nsubj", "nsubjpass")
                and node.head.lemma_.lower() in NEGATING_VERBS | {"fail", "fall"}):
            return None  # "Qualcomm's takeover of NXP collapsed": the event's own verb undoes it
        if _background(node) or node.head.i == node.i:
            break
        below, node = node, node.head
    if hedged:
        return "reported"
    # attribution to an unnamed report governs the main clause only (not the source's own
    # description)
    if sentence_hedged(trigger.sent) and not _in_background(trigger) and not any(
            a.lower_ == "according" for a in ancestors):
        return "reported"
    return "confirmed"


#: Dependents that state background: a hedge on the clause above does not reach into them
#: ("VMware's deal with Amazon … might have changed minds": the deal is not hedged).
_BACKGROUND = {"relcl", "appos", "nsubj", "nsubjpass", "amod"}
# (amod: "eBay may buy the small Luxembourg-based company": where Skype is based is not hedged;
# a participle clause "a firm based in X" is background too, an infinitive "talks to acquire" is not)


def _background(node) -> bool:
    if node.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
        return False  # "in discussions to form an alliance": an infinitive the parser took for a relative
    return node.dep_ in _BACKGROUND or (node.dep_ == "acl" and node.tag_ in ("VBN", "VBG"))


def _in_background(token) -> bool:
    node = token
    for _ in range(12):
        if _background(node):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False
