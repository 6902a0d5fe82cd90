"""productOf: possessed products, makers, products listed as a maker's."""

from __future__ import annotations

from collections.abc import Iterator

from ..mentions import DocEntities
from .lexicon import MAKER_NOUNS, PRODUCT_NOUNS, PRODUCT_VERBS
from .syntax import (
    Candidate,
    args_of,
    children_with,
    clause_subject,
    only_orgs,
    only_products,
    possessors,
    prep_objects,
    triggered_by,
)

__all__ = ["product"]

#: Things made for a platform, which a product's name before them names: "Linux applications".
_FOR_PLATFORM = {"application", "app", "game", "driver", "plugin", "plug-in", "extension", "accessory",
                 "version", "port", "client"}


@triggered_by(PRODUCT_NOUNS, PRODUCT_VERBS, MAKER_NOUNS, {"product", "line"}, mention_end=True)
def product(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "Apple's Mac", "IBM's POWER architecture", "A developed the Android operating system",
    "product lines from Sun (e.g. SPARC Enterprise and Java)"."""
    m = ents.at(t)
    if m is not None and m.type == "Product" and t.i == m.end - 1:
        head = t if t.dep_ != "compound" else t.head
        owners = only_orgs(possessors(ents, head))
        for o in owners:
            yield Candidate(m, "productOf", o, t, "product-poss", 0.8)
        for c in t.children:  # "MySQL, Sun's competitor to the Oracle Database"
            if c.dep_ == "appos" and ents.at(c) is None:
                for o in only_orgs(possessors(ents, c)):
                    yield Candidate(m, "productOf", o, c, "product-appos", 0.75)
        return
    lemma = t.lemma_.lower()
    if t.pos_ == "NOUN" and lemma in PRODUCT_NOUNS and ents.at(t) is None:
        # "Apple's robust Pink prototype", "IBM's POWER architecture": a capitalized name
        # between an organization's possessive and a product noun is the product's name
        owners = only_orgs(possessors(ents, t))
        names = [c for c in t.children if c.dep_ in ("compound", "nmod", "amod") and c.i < t.i
                 and c.text[:1].isupper() and (c.pos_ == "PROPN" or c.text.isupper())]
        if owners and names:
            # "its Azure AI platform": a product named there already is the product
            known = only_products([ents.at(c) for c in ents.doc[t.left_edge.i:t.i] if ents.at(c) is not None])
            m = known[-1] if known else ents.proper_name(names[-1], "Product")
            if m is not None and m.type == "Product":
                for o in owners:
                    yield Candidate(m, "productOf", o, t, "poss-named-product", 0.7)
    if t.pos_ == "VERB" and lemma in PRODUCT_VERBS:
        makers = only_orgs(clause_subject(ents, t))
        objs = []
        for d in children_with(t, "dobj"):
            objs += only_products(args_of(ents, d))
            if d.lemma_.lower() not in _FOR_PLATFORM:  # ("develop Linux applications": made for Linux)
                objs += only_products([ents.at(c) for c in d.children if c.dep_ == "compound" and ents.at(c)])
            objs += only_products(
                [mm for o in prep_objects(d, "of", "with", "called", "named") for mm in args_of(ents, o)]
            )
            for acl in children_with(d, "acl"):
                objs += only_products(
                    [mm for o in children_with(acl, "oprd", "attr", "dobj") for mm in args_of(ents, o)]
                )
        objs += only_products([mm for o in prep_objects(t, "with") for mm in args_of(ents, o)])
        for p in objs:
            for o in makers:
                yield Candidate(p, "productOf", o, t, "makes", 0.75)
    if t.pos_ == "NOUN" and lemma in MAKER_NOUNS and t.dep_ in ("appos", "attr"):
        # "Nvidia, the maker of GeForce graphics cards"; "X is the developer of Y"
        makers = only_orgs(args_of(ents, t.head) if t.dep_ == "appos" else clause_subject(ents, t.head))
        made = []
        for o in prep_objects(t, "of"):
            made += only_products(args_of(ents, o))
            for tok in [o] + list(o.children):
                if tok.pos_ == "PROPN" and tok.dep_ in ("compound", "pobj"):
                    m = ents.at(tok) or ents.proper_name(tok, "Product")
                    if m is not None and m.type == "Product" and m not in made:
                        made.append(m)
        for p in made:
            for mk in makers:
                yield Candidate(p, "productOf", mk, t, "maker-of", 0.75)
    if t.pos_ == "NOUN" and lemma in ("product", "line") and prep_objects(t, "from", "by", "of"):
        makers = only_orgs([mm for o in prep_objects(t, "from", "by") for mm in args_of(ents, o)])
        listed = []
        for o in prep_objects(t, "from", "by"):  # "(e.g. SPARC Enterprise and Java)"
            for c in o.children:
                if c.dep_ == "appos":
                    listed += [mm for mm in args_of(ents, c) if mm.cluster not in {x.cluster for x in makers}]
        for mm in listed:
            if mm.type == "Organization" and not ents.clusters[mm.cluster].canonical:
                ents.retype(mm, "Product")
        for mk in makers:
            for mm in only_products(listed):
                yield Candidate(mm, "productOf", mk, t, "products-from", 0.7)
