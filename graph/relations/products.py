"""productOf: possessed products, makers, products listed as a maker's."""

from __future__ import annotations

from collections.abc import Iterator

from ..mentions import THING_ACRONYMS, DocEntities, Mention, is_camel_case, is_coined
from .lexicon import MAKER_NOUNS, PRODUCT_NOUNS, PRODUCT_VERBS
from .syntax import (
    Candidate,
    args_of,
    children_with,
    clause_subject,
    examples_of,
    only_orgs,
    only_products,
    possessive_children,
    possessors,
    prep_objects,
    subject_of,
    triggered_by,
)

__all__ = ["product"]

#: Things made for a platform, which a product's name before them names: "Linux applications".
_FOR_PLATFORM = {"application", "app", "game", "driver", "plugin", "plug-in", "extension", "accessory",
                 "version", "port", "client"}


#: Product nouns that name people too: "her assistant, Jane Roe".
_PEOPLE_TOO = {"assistant", "player", "players", "model", "speaker"}


def _as_product(ents: DocEntities, m: Mention | None, noun, *, example: bool = False) -> Mention | None:
    """*m* as a product: a name NER took for an organization (or, right by the noun or as an
    *example* of it, a person: "its debut game, Skyward Sword", "Apple's Pink prototype", "its
    cars, including the Lyra") is retyped where the product noun *noun* describes it; a name the
    gazetteer knows keeps its type."""
    if m is None or m.kind != "name" or ents.clusters[m.cluster].canonical:
        return m if m is not None and m.type == "Product" else None
    last = ents.doc[m.end - 1]
    describes = ((last.dep_ in ("appos", "compound", "amod", "nmod") and last.head.i == noun.i)
                 or (noun.dep_ == "appos" and m.start <= noun.head.i < m.end) or example) \
        and noun.lemma_.lower() not in _PEOPLE_TOO
    if m.type == "Organization" or (m.type == "Person" and describes):
        ents.retype(m, "Product")
    return m if m.type == "Product" else None


def _named_product(ents: DocEntities, noun) -> Mention | None:
    """The product a product noun names: a capitalized name before it ("the Falcon headset",
    "its Azure AI platform") or in apposition after it ("its debut game, Skyward")."""
    doc = ents.doc
    # "its Azure AI platform": a name known there already is the product (not the possessor's)
    owned = {c.i for p in possessive_children(noun) for c in p.subtree}
    known = [ents.at(c) for c in doc[noun.left_edge.i:noun.i]
             if c.i not in owned and ents.at(c) is not None and ents.at(c).kind == "name"]
    if known:
        return _as_product(ents, known[-1], noun)
    names = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and c.i < noun.i
             and ((c.text[:1].isupper() and (c.pos_ == "PROPN" or c.text.isupper())) or is_coined(c.text))]
    if names:
        made = ents.proper_name(names[-1], "Product")
        return made if made is not None and made.type == "Product" else None
    for a in children_with(noun, "appos"):
        if a.i > noun.i and a.lower_ not in THING_ACRONYMS:  # (not "a sports utility vehicle (SUV)")
            return _as_product(ents, ents.at(a), noun) or (
                ents.proper_name(a, "Product") if ents.at(a) is None else None)
    return None


#: Nouns for a company that, with "behind", name what it makes: "OpenAI, the company behind ChatGPT".
_BEHIND_NOUNS = {"company", "firm", "startup", "team", "business", "group", "organization", "organisation"}


@triggered_by(PRODUCT_NOUNS, PRODUCT_VERBS, MAKER_NOUNS, _BEHIND_NOUNS, {"product", "line"}, mention_end=True)
def product(ents: DocEntities, t) -> Iterator[Candidate]:
    """ "Apple's Mac", "IBM's POWER architecture", "A developed the Android operating system",
    "product lines from Sun (e.g. SPARC Enterprise and Java)"."""
    m = ents.at(t)
    if m is not None and m.type == "Product" and t.i == m.end - 1:
        head = t if t.dep_ != "compound" else t.head
        owners = only_orgs(possessors(ents, head))
        maker = ents.at(ents.doc[m.start - 1]) if m.start > 0 else None
        if not owners and maker is not None and maker.type == "Organization" and maker.kind == "name" \
                and ents.doc[m.start - 1].dep_ == "compound" and ents.doc[m.start - 1].head.i in range(m.start, m.end):
            yield Candidate(m, "productOf", maker, t, "maker-before-product", 0.7)  # "the Apple iPad"
        for o in owners:
            yield Candidate(m, "productOf", o, t, "product-poss", 0.8)
        for c in t.children:  # "MySQL, Sun's competitor to the Oracle Database"
            if c.dep_ == "appos" and ents.at(c) is None:
                for o in only_orgs(possessors(ents, c)):
                    yield Candidate(m, "productOf", o, c, "product-appos", 0.75)
        return
    lemma = t.lemma_.lower()
    if t.pos_ == "NOUN" and lemma in PRODUCT_NOUNS and ents.at(t) is None:
        # "Apple's robust Pink prototype", "IBM's POWER architecture", "its debut game, Skyward":
        # the name by an organization's possessive product noun is the product's name
        owners = only_orgs(possessors(ents, t))
        m = _named_product(ents, t) if owners else None
        if m is not None:
            for o in owners:
                yield Candidate(m, "productOf", o, t, "poss-named-product", 0.7)
        # "GM's latest electric vehicles, including the Falcon EV and the Sierra": the examples
        # (whose owner is a company, whatever NER said)
        examples = examples_of(ents, t) if t.tag_ == "NNS" else []
        owners = owners or (ents.as_organizations([p for p in possessors(ents, t) if " " not in p.text])
                            if examples else [])
        listed = [_as_product(ents, x, t, example=True) for x in examples] if owners else []
        for x in listed:
            for o in owners if x is not None else []:
                yield Candidate(x, "productOf", o, t, "poss-products-listed", 0.7)
        # "Falcon, the chatbot developed by Kestrel Labs": the product noun's maker
        for acl in children_with(t, "acl"):
            if acl.lemma_.lower() in PRODUCT_VERBS:
                named = _named_product(ents, t) or (
                    _as_product(ents, ents.at(t.head), t) if t.dep_ == "appos" and ents.at(t.head) else None)
                for o in only_orgs([mm for a in prep_objects(acl, "by") for mm in args_of(ents, a)]) if named else []:
                    yield Candidate(named, "productOf", o, acl, "product-made-by", 0.75)
    if t.pos_ == "VERB" and lemma in PRODUCT_VERBS:
        makers = only_orgs(clause_subject(ents, t))
        if not makers:  # "MosaicML has built …": a coined or camel-case name NER missed
            made = [ents.proper_name(s_, "Organization") for s_ in subject_of(t)
                    if is_coined(s_.text) or is_camel_case(s_.text)]
            makers = only_orgs([m for m in made if m is not None])
        objs = []
        for d in children_with(t, "dobj"):
            objs += only_products(args_of(ents, d))
            if makers and d.lemma_.lower() in PRODUCT_NOUNS and ents.at(d) is None and not (
                    d.lemma_.lower() in _FOR_PLATFORM and d.tag_ == "NNS"):
                # "launched the Falcon phone": the name a product noun gives ("develop Linux
                # applications" are made for Linux)
                objs += [m for m in [_named_product(ents, d)] if m is not None]
            elif makers and ents.at(d) is not None:
                # "released Falcon, its new chatbot": a name the product noun describes
                for a in children_with(d, "appos"):
                    made = _as_product(ents, ents.at(d), a) if a.lemma_.lower() in PRODUCT_NOUNS else None
                    objs += [made] if made is not None else []
            if d.lemma_.lower() not in _FOR_PLATFORM:  # ("develop Linux applications": made for Linux)
                objs += only_products([ents.at(c) for c in d.children if c.dep_ == "compound" and ents.at(c)])
            objs += only_products(
                [mm for o in prep_objects(d, "of", "with", "called", "named") for mm in args_of(ents, o)]
            )
            for acl in children_with(d, "acl"):
                named = children_with(acl, "oprd", "attr", "dobj")
                if acl.lemma_.lower() in ("call", "name", "dub", "brand"):
                    # "built a program called Composer", "creating a game called Game Neverending"
                    for o in named:  # (the name a product noun is called is a product's, whatever NER said)
                        made = ents.at(o) or ents.proper_name(o, "Product")
                        if made is not None and made.kind == "name" and not ents.clusters[made.cluster].canonical \
                                and d.lemma_.lower() in PRODUCT_NOUNS | {"program"}:
                            ents.retype(made, "Product")
                        objs += [made] if made is not None and made.type == "Product" and made not in objs else []
                objs += only_products([mm for o in named for mm in args_of(ents, o)])
        objs += only_products([mm for o in prep_objects(t, "with") for mm in args_of(ents, o)])
        for p in objs:
            for o in makers:
                yield Candidate(p, "productOf", o, t, "makes", 0.75)
    behind = prep_objects(t, "behind") if lemma in _BEHIND_NOUNS else []
    if t.pos_ == "NOUN" and (lemma in MAKER_NOUNS or behind) and t.dep_ in ("appos", "attr"):
        # "Nvidia, the maker of GeForce graphics cards"; "X is the developer of Y"; "OpenAI, the
        # company behind ChatGPT"
        makers = only_orgs(args_of(ents, t.head) if t.dep_ == "appos" else clause_subject(ents, t.head))
        made = []
        for o in behind or prep_objects(t, "of"):
            made += only_products(args_of(ents, o))
            named = _named_product(ents, o) if o.lemma_.lower() in PRODUCT_NOUNS and ents.at(o) is None else None
            if named is not None and named not in made:  # "the maker of the Falcon drone"
                made.append(named)
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
