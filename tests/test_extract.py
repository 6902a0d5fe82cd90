"""The rule extractor, one phenomenon per test, each on a real sentence from the dev corpus.

The sentences are quoted from ``../shared/corpus/dev`` (CRN, Wikinews, Wikipedia);
the extractor's rules and data know none of their names.
"""

from __future__ import annotations

import pytest

from graph.extract import merge_facts
from graph.identity import normalize_name
from graph.records import Article, Entity, Fact


def facts(extractor, text, title=None):
    """Facts keyed by (subject, predicate, object), names compared as the corpus scores them."""
    return {(normalize_name(f.subject.name), f.predicate, normalize_name(f.object.name)): f
            for f in extractor.extract(Article(text, title=title))}


def mentions(extractor, text, type_=None):
    """The names of the mentions found in *text* (of *type_* only, when given)."""
    from graph.mentions import find_entities

    return {m.text for m in find_entities(extractor.nlp(text), extractor.gazetteer).mentions
            if type_ in (None, m.type)}


def has(found, s, p, o):
    s, o = normalize_name(s), normalize_name(o)
    return (s, p, o) in found or (p in ("partnersWith", "rivalOf") and (o, p, s) in found)


def get(found, s, p, o):
    s, o = normalize_name(s), normalize_name(o)
    return found.get((s, p, o)) or (found.get((o, p, s)) if p in ("partnersWith", "rivalOf") else None)


# -- entities and identity ---------------------------------------------------------

def test_headline_title_case_is_not_a_person(extractor):
    text = ("Microsoft And VMware Close To Revealing Joint Development Of A Hybrid Cloud Solution: Report\n\n\n"
            "Microsoft and VMware are preparing a groundbreaking partnership.")
    names = {f.subject.name for f in extractor.extract(Article(text))} | {
        f.object.name for f in extractor.extract(Article(text))}
    assert not any("Close To Revealing" in n for n in names)


def test_surname_after_full_name_is_one_person(extractor):
    from graph.mentions import find_entities

    doc = extractor.nlp("Canion and Murto knew each other. The company was formed by Rod Canion, Jim Harris, "
                        "and Bill Murto. Murto (SVP of sales) departed Compaq in 1987.")
    ents = find_entities(doc, extractor.gazetteer)
    people = {c.entity().name for c in ents.clusters if c.type == "Person" and c.names}
    assert "Bill Murto" in people and "Murto" not in people


def test_acronym_in_parentheses_joins_the_full_name(extractor):
    found = facts(extractor, "The Open Handset Alliance (OHA) was a consortium led by Google. "
                             "Its member firms included HTC, Sony, Dell and Intel.")
    assert has(found, "HTC", "partnersWith", "Open Handset Alliance")
    assert not any(o == "OHA" for _, _, o in found)


def test_description_stands_for_the_company_named_before(extractor):
    # "the Lincoln, Nebraska-based solution provider" is the company the sentence opened with
    found = facts(extractor, "For Heraflux, a channel partner of both VMware and Microsoft, such a deal has been "
                             "long in the waiting, said David Klee, the Lincoln, Nebraska-based solution "
                             "provider's founder and chief architect.")
    assert has(found, "Heraflux", "ledBy", "David Klee")
    assert has(found, "Heraflux", "locatedIn", "Lincoln, Nebraska")
    assert has(found, "Heraflux", "partnersWith", "VMware") and has(found, "Heraflux", "partnersWith", "Microsoft")


def test_the_two_giants_are_the_two_most_mentioned_companies(extractor):
    found = facts(extractor, "Microsoft and VMware are preparing a groundbreaking partnership, according to a "
                             "report. Joint development is under way for the hybrid cloud solution—possibly part "
                             "of a broader partnership between the two software powerhouses that for years have "
                             "been bitter rivals, according to the technology news publication.")
    assert has(found, "Microsoft", "rivalOf", "VMware")


# -- relations ----------------------------------------------------------------------

def test_ceo_of_apposition(extractor):
    found = facts(extractor, "Last month, Rupert Murdoch, CEO of News Corporation, was in talks with Skype "
                             "to possibly buy the company.")
    assert has(found, "News Corporation", "ledBy", "Rupert Murdoch")
    assert has(found, "Rupert Murdoch", "worksAt", "News Corporation")


def test_title_before_name(extractor):
    found = facts(extractor, "The open hardware standards failed to gain permanent traction, in part because "
                             "Apple CEO Steve Jobs canceled the Mac OS licensing program.")
    assert has(found, "Apple", "ledBy", "Steve Jobs")


def test_once_an_executive_is_formerly_at(extractor):
    found = facts(extractor, "The effort is led by Ray Blanchard, once a VMware executive responsible for "
                             "shepherding the virtualization software developer's alliance with Amazon Web Services.")
    assert has(found, "Ray Blanchard", "formerlyAt", "VMware")
    assert not has(found, "Ray Blanchard", "worksAt", "VMware")
    assert has(found, "VMware", "partnersWith", "Amazon Web Services")


def test_founders_and_former_employer(extractor):
    found = facts(extractor, "Compaq Computer Corporation was an American information technology company. "
                             "The company was formed by Rod Canion, Jim Harris, and Bill Murto, all of whom were "
                             "former Texas Instruments senior managers.")
    for person in ("Rod Canion", "Jim Harris", "Bill Murto"):
        assert has(found, "Compaq Computer Corporation", "ledBy", person), person
    assert has(found, "Bill Murto", "formerlyAt", "Texas Instruments")


def test_passive_acquisition(extractor):
    found = facts(extractor, "Compaq was acquired for US$25 billion by HP in 2002.")
    assert has(found, "HP", "acquired", "Compaq")


def test_partnership_between_three(extractor):
    found = facts(extractor, "The AIM alliance was a landmark partnership from 1991 to the late 1990s between "
                             "Apple, IBM, and Motorola.")
    assert has(found, "Apple", "partnersWith", "IBM") or has(found, "Apple", "partnersWith",
                                                             "International Business Machines")


def test_competitor_to(extractor):
    found = facts(extractor, "A major issue of the purchase was the fact that Sun was a major competitor to Oracle.")
    assert any(p == "rivalOf" for _, p, _ in found)


def test_x_based_company(extractor):
    found = facts(extractor, "Online US-based auction company eBay is in talks to acquire Voice-over-IP (VoIP) "
                             "provider Skype for US$5 billion.")
    assert has(found, "eBay", "locatedIn", "US")


def test_subsidiary_and_headquarters_through_a_pronoun(extractor):
    found = facts(extractor, "Motorola Mobility LLC is an American consumer electronics manufacturer. "
                             "Headquartered at Merchandise Mart in Chicago, Illinois, it is a subsidiary of the "
                             "Chinese technology company Lenovo.")
    assert has(found, "Motorola Mobility LLC", "subsidiaryOf", "Lenovo")
    assert has(found, "Motorola Mobility LLC", "locatedIn", "Chicago, Illinois")


# -- certainty, negation, tense ------------------------------------------------------

def test_preparing_according_to_a_report_is_reported(extractor):
    found = facts(extractor, "Microsoft and VMware are preparing a groundbreaking partnership that will bring a "
                             "fully supported version of VMware's virtualized compute infrastructure into the "
                             "Azure cloud, according to a report in The Information.")
    fact = get(found, "Microsoft", "partnersWith", "VMware")
    assert fact is not None and fact.certainty == "reported"


def test_in_talks_to_acquire_is_reported(extractor):
    found = facts(extractor, "Online US-based auction company eBay is in talks to acquire Voice-over-IP (VoIP) "
                             "provider Skype for US$5 billion.")
    assert get(found, "eBay", "acquired", "Skype").certainty == "reported"


def test_agreed_to_buy_is_confirmed(extractor):
    found = facts(extractor, "Online US-based auction company eBay, the world's largest online marketplace, "
                             "agreed to buy Voice-over-IP (VoIP) firm Skype for $2.6 billion USD in cash.")
    assert get(found, "eBay", "acquired", "Skype").certainty == "confirmed"


def test_rejected_offer_to_work_together_is_no_partnership(extractor):
    found = facts(extractor, "While Microsoft once flatly rejected VMware's offer to work together, the "
                             "competitive landscape has changed since then, Klee said.")
    assert not has(found, "Microsoft", "partnersWith", "VMware")


def test_background_relative_clause_is_not_hedged(extractor):
    found = facts(extractor, "Joint development is under way—possibly part of a broader partnership between "
                             "Microsoft and VMware, two software powerhouses that for years have been bitter "
                             "rivals, according to the technology news publication.")
    rival = get(found, "Microsoft", "rivalOf", "VMware")
    if rival is not None:  # the parse may miss it; when found it must not be hedged
        assert rival.certainty == "confirmed"


def test_talks_that_ended_give_no_acquisition(extractor):
    found = facts(extractor, "Sun also began discussions with another company, widely rumored but unconfirmed "
                             "to be Hewlett Packard, about a potential acquisition. By March 2009, talks had "
                             "stalled between Sun and both IBM and the other potential suitor.")
    assert not any(p == "acquired" for _, p, _ in found)


# -- confidence and merging ----------------------------------------------------------

def test_confidence_is_a_probability(extractor):
    for f in extractor.extract(Article("Compaq was acquired for US$25 billion by HP in 2002.")):
        assert 0.0 < f.confidence < 1.0


def test_a_second_sentence_raises_confidence_and_confirmed_wins():
    a, b = Entity("Oracle", "Organization"), Entity("Sun", "Organization")
    reported = Fact(a, "acquired", b, certainty="reported", confidence=0.8, evidence="would acquire")
    confirmed = Fact(a, "acquired", b, certainty="confirmed", confidence=0.7, evidence="acquisition completed")
    (merged,) = merge_facts([reported, confirmed])
    assert merged.certainty == "confirmed" and merged.evidence == "acquisition completed"
    assert merged.confidence > 0.8


def test_symmetric_facts_merge_in_either_direction():
    a, b = Entity("Apple", "Organization"), Entity("IBM", "Organization")
    assert len(merge_facts([Fact(a, "partnersWith", b), Fact(b, "partnersWith", a)])) == 1
    assert len(merge_facts([Fact(a, "acquired", b), Fact(b, "acquired", a)])) == 2


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_refused(text):
    from graph.exceptions import InputError

    with pytest.raises(InputError, match="empty"):
        Article(text)


# -- more identity phenomena -----------------------------------------------------------

def test_alias_and_full_name_are_one_company(extractor):
    # CRN: "alliance with Amazon Web Services" … "AWS is being chased by …"
    found = facts(extractor, "Ray Blanchard shepherded VMware's alliance with Amazon Web Services. "
                             "AWS is being chased by \"fast followers\" like Microsoft and Google Cloud Platform "
                             "that are competing to deliver apples-to-apples services offerings.")
    assert has(found, "Amazon Web Services", "rivalOf", "Microsoft")
    assert not any(s == "aws" or o == "aws" for s, _, o in found)


def test_possessive_deal_with(extractor):
    found = facts(extractor, "VMware's deal with Amazon, which yielded VMware Cloud on AWS, a vSphere "
                             "environment provisioned through the hyper-scale kingpin's cloud, might have "
                             "changed minds in Redmond, Wash., he added.")
    fact = get(found, "VMware", "partnersWith", "Amazon")
    assert fact is not None and fact.certainty == "confirmed"  # the hedge is on "changed minds"


def test_hometown_as_subject_stands_for_the_company(extractor):
    # metonymy as news uses it; "in Redmond" as a place stays a place
    found = facts(extractor, "Redmond and Cupertino have been bitter rivals for decades.")
    assert has(found, "Microsoft", "rivalOf", "Apple")
    found = facts(extractor, "Their company is in Round Rock, Texas. Dell makes computers for businesses.")
    assert not any(o == "dell" or s == "round rock" for s, _, o in found)


# -- everyday news phrasings (written for these tests, not from the corpus) ----------------

@pytest.mark.parametrize("text, triple", [
    ("Samsung signed a multiyear deal with AMD to license its graphics technology.",
     ("Samsung", "partnersWith", "AMD")),
    ("Satya Nadella, Microsoft's chief executive, said the company would invest $10 billion in OpenAI.",
     ("Microsoft", "investedIn", "OpenAI")),
    ("Elon Musk co-founded OpenAI in 2015 but left its board in 2018.", ("Elon Musk", "formerlyAt", "OpenAI")),
    ("Elon Musk co-founded OpenAI in 2015 but left its board in 2018.", ("OpenAI", "ledBy", "Elon Musk")),
    ("Broadcom agreed to acquire VMware for $61 billion in cash and stock.", ("Broadcom", "acquired", "VMware")),
    ("Lisa Su, the chief executive of AMD, previously worked at IBM.", ("AMD", "ledBy", "Lisa Su")),
])
def test_news_phrasings(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_chief_operating_officer_does_not_lead(extractor):
    found = facts(extractor, "Former Google executive Jane Doe joined Snowflake as chief operating officer.")
    assert has(found, "Jane Doe", "worksAt", "Snowflake") and has(found, "Jane Doe", "formerlyAt", "Google")
    assert not has(found, "Snowflake", "ledBy", "Jane Doe")


def test_denied_plans_give_no_partnership(extractor):
    found = facts(extractor, "Microsoft has no plans to partner with Google, a spokesperson said.")
    assert not has(found, "Microsoft", "partnersWith", "Google")


@pytest.mark.parametrize("text, triple", [
    ("The Microsoft-backed startup OpenAI released a new model.", ("Microsoft", "investedIn", "OpenAI")),
    ("Alphabet's Waymo unit is testing robotaxis.", ("Waymo", "subsidiaryOf", "Alphabet")),
    ("Instagram, owned by Meta, launched a new app.", ("Instagram", "subsidiaryOf", "Meta")),
])
def test_ownership_phrasings(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


@pytest.mark.parametrize("text, triple, certainty", [
    ("Apple could partner with Google on search, analysts said.", ("Apple", "partnersWith", "Google"), "reported"),
    ("Sources say Apple and Google are in talks about a partnership.", ("Apple", "partnersWith", "Google"),
     "reported"),
    ("Apple is said to be considering an acquisition of Netflix.", ("Apple", "acquired", "Netflix"), "reported"),
    ("Apple may be preparing a bid for Disney.", ("Apple", "acquired", "Disney"), "reported"),
    ("Apple and Google announced a partnership on Monday.", ("Apple", "partnersWith", "Google"), "confirmed"),
    # wikinews-ebay-may-acquire-skype: the hedge is on buying, not on where the company is based
    ("The speculation that eBay may buy the small Luxembourg-based company sent their shares down. "
     "Skype is a VoIP provider.", None, None),
])
def test_certainty_phrasings(extractor, text, triple, certainty):
    found = facts(extractor, text)
    if triple is None:
        assert all(f.certainty == "confirmed" for (s, p, o), f in found.items() if p == "locatedIn")
    else:
        assert get(found, *triple).certainty == certainty


@pytest.mark.parametrize("text", [
    "Apple and Google are not rivals in the search market.",
    "Apple will not acquire Netflix, its CEO said.",
    "Apple never partnered with Google.",
])
def test_negations_give_no_fact(extractor, text):
    assert not [k for k in facts(extractor, text) if k[1] != "productOf"]


@pytest.mark.parametrize("text, triple", [
    ("Logicworks, a Microsoft Gold partner, said demand was rising.", ("Logicworks", "partnersWith", "Microsoft")),
    ("CDW, a reseller of Cisco products, reported strong sales.", ("CDW", "partnersWith", "Cisco")),
    ("Google is Microsoft's biggest rival in search.", ("Google", "rivalOf", "Microsoft")),
    ("Oracle's rival SAP reported earnings.", ("SAP", "rivalOf", "Oracle")),
    ("Intel and AMD, longtime rivals, agreed to work together on x86.", ("Intel", "rivalOf", "AMD")),
    ("Ex-Google engineer Jane Doe now works at Anthropic.", ("Jane Doe", "formerlyAt", "Google")),
    ("Mary Major was previously at Facebook.", ("Mary Major", "formerlyAt", "Facebook")),
])
def test_channel_rival_and_career_phrasings(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_a_takeover_that_collapsed_is_no_acquisition(extractor):
    found = facts(extractor, "Qualcomm's $44 billion takeover of NXP collapsed after China withheld approval.")
    assert not has(found, "Qualcomm", "acquired", "NXP")


def test_maker_of(extractor):
    assert has(facts(extractor, "Nvidia, the maker of GeForce graphics cards, reported record revenue."),
               "GeForce", "productOf", "Nvidia")


def test_one_entity_across_articles_whatever_name_the_text_uses(extractor):
    from graph.rdf import entity_iri

    short = extractor.extract(Article("Compaq was acquired for US$25 billion by HP in 2002."))
    full = extractor.extract(Article("Hewlett-Packard acquired Compaq in 2002."))
    buyers = {f.subject.name: entity_iri(f.subject) for f in short + full if f.predicate == "acquired"}
    assert len(buyers) == 2 and len(set(buyers.values())) == 1  # two names, one IRI


def test_dateline_glued_to_a_name_and_ousted_by_the_board(extractor):
    # wikinews-carly-fiorina-ousted-from-hp
    found = facts(extractor, "New York - Carly Fiorina was ousted by the board of directors of HP yesterday, "
                             "much to the delight of Wall Street.")
    assert has(found, "Carly Fiorina", "formerlyAt", "HP")


def test_surname_subject_ner_missed_departed(extractor):
    # wikipedia-compaq: NER tags "Bill Murto" but not the later "Murto"
    found = facts(extractor, "The company was formed by Rod Canion, Jim Harris, and Bill Murto. Murto (SVP of "
                             "sales) departed Compaq in 1987.")
    assert has(found, "Bill Murto", "formerlyAt", "Compaq")


@pytest.mark.parametrize("text, triple", [
    # wikipedia-aim-alliance
    ("AIM's new hardware was based on IBM's POWER architecture, a second-generation RISC architecture.",
     ("POWER", "productOf", "IBM")),
    ("Apple's Vision Pro headset goes on sale on Friday.", ("Vision Pro", "productOf", "Apple")),
])
def test_possessed_named_products(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


# -- biographies and company profiles (encyclopedia phrasings) ----------------------

def test_chairman_and_ceo_of_shares_the_organization(extractor):
    # the parser hangs "of Y" on the first role; the CEO still leads Y
    found = facts(extractor, "Maria Lopez is chairman and CEO of Northwind Traders.")
    assert has(found, "Northwind Traders", "ledBy", "Maria Lopez")


def test_list_of_founders_parsed_as_apposition(extractor):
    found = facts(extractor, "Kestrel Software was established in 2003 by Mike Clark, Hayden Tennant and Lisa Jones.")
    for person in ("Mike Clark", "Hayden Tennant", "Lisa Jones"):
        assert has(found, "Kestrel Software", "ledBy", person)


def test_suffix_after_comma_is_part_of_the_name(extractor):
    found = facts(extractor, "Fabrikam Ltd. is an indirect wholly-owned subsidiary of Contoso Financial, Inc.")
    assert has(found, "Fabrikam Ltd.", "subsidiaryOf", "Contoso Financial")


def test_subsidiary_in_coordination_with_a_predicate_noun(extractor):
    found = facts(extractor, "Pobeda Airlines is a Russian low-cost airline and a wholly owned subsidiary "
                             "of Aeroflot.")
    assert has(found, "Pobeda Airlines", "subsidiaryOf", "Aeroflot")


def test_subsidiary_company_of(extractor):
    found = facts(extractor, "Menzies Wealth Management is a subsidiary company of the Menzies Group, providing "
                             "financial advice to private clients.")
    assert has(found, "Menzies Wealth Management", "subsidiaryOf", "Menzies Group")


def test_apposition_to_a_predicate_noun_describes_the_subject(extractor):
    found = facts(extractor, "Southwest Airlines Co. is a major U.S. airline, the world's largest low-cost "
                             "carrier, headquartered in Dallas, Texas.")
    assert has(found, "Southwest Airlines", "locatedIn", "Dallas, Texas")


def test_based_in_hung_on_the_product_of_a_maker(extractor):
    found = facts(extractor, "Worldwide Aeros Corp is an American manufacturer of airships based in Montebello, "
                             "California.")
    assert has(found, "Worldwide Aeros Corp", "locatedIn", "Montebello, California")


@pytest.mark.parametrize("text, triple", [
    # a name NER missed, in a slot only an organization fills
    ("Zumba Fitness is headquartered in San Clemente, California.",
     ("Zumba Fitness", "locatedIn", "San Clemente, California")),
    ("Marchesa is a fashion brand based in New York.", ("Marchesa", "locatedIn", "New York")),
])
def test_organization_made_from_its_slot(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_no_organization_made_from_a_name_cut_by_ner(extractor):
    found = facts(extractor, "Norwegian Cruise Line is a subsidiary of Norwegian Cruise Line Holdings Ltd, an "
                             "American-Bermudian company operating cruise ships, headquartered in Miami, Florida.")
    assert not any(s in ("line", "limited") for s, _, _ in found)


@pytest.mark.parametrize("text, triple", [
    ("Anna Berg was a renowned psychiatrist, and eventually a professor at the University of Oslo.",
     ("Anna Berg", "worksAt", "University of Oslo")),
    ("Fred Reed is a writer and former technology columnist for The Washington Times.",
     ("Fred Reed", "formerlyAt", "Washington Times")),
    ("Harvard mathematician Arthur Jaffe gave the lecture.", ("Arthur Jaffe", "worksAt", "Harvard")),
    ("De Boer was employed by the Royal Nedlloyd Groep in West Germany.",
     ("De Boer", "worksAt", "Royal Nedlloyd Groep")),
])
def test_biography_employment(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


@pytest.mark.parametrize("text, triple", [
    ("Saad Kaabi is the President and CEO of Qatar Petroleum (QP), the state owned corporation.",
     ("Qatar Petroleum", "ledBy", "Saad Kaabi")),
    ("The firm was founded in 2006 by Hugh McColl, Jr., the former Chairman and CEO of Bank of America.",
     ("Bank of America", "ledBy", "Hugh McColl, Jr.")),
])
def test_name_spans_repaired(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_a_title_is_not_a_name(extractor):
    found = facts(extractor, "Mary Jones is the Founder of Online Marketing Muscle.")
    assert not any(o == "founder" for _, _, o in found)


@pytest.mark.parametrize("text, triple", [
    ("In August 2014, the CEO of WTC, Andrew Messick, announced a new race.", ("WTC", "ledBy", "Andrew Messick")),
    ("The firm was founded in 2007 by ex-Ritual Entertainment members Tom Mustaine and Marc Tardif.",
     ("Tom Mustaine", "formerlyAt", "Ritual Entertainment")),
])
def test_role_with_the_name_in_apposition(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_description_with_an_organization_kind_noun(extractor):
    found = facts(extractor, "Southwest Airlines is a major U.S. airline. The airline was established in 1967 "
                             "by Herb Kelleher.")
    assert has(found, "Southwest Airlines", "ledBy", "Herb Kelleher")


def test_appositive_name_after_an_indefinite_role_is_not_its_holder(extractor):
    found = facts(extractor, "Many people lived there, including a British Member of Parliament, Richard Gurney, "
                             "and the daughter of the Marquess of Sligo, Lady Emily Browne.")
    assert not any(s == "lady emily browne" for s, _, _ in found)


@pytest.mark.parametrize("text, triple", [
    ("Headquartered in McLean, Va., SAIC had annual revenues of approximately $10.6 billion last year.",
     ("SAIC", "locatedIn", "McLean, Va.")),
    ("Founded in 1946 and headquartered in Michigan, USA, Kelly Services (NASDAQ: KELYA) is a Fortune 500 "
     "company.", ("Kelly Services", "locatedIn", "Michigan, USA")),
    ("Honey Design & Drafting, LLC is a design and drafting firm originally based in Sacramento, CA that now "
     "has several offices.", ("Honey Design & Drafting", "locatedIn", "Sacramento, CA")),
])
def test_fronted_and_misparsed_headquarters(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_parenthetical_first_word_is_an_alias(extractor):
    found = facts(extractor, "Founded in 1986, AIM Your Way, LLC (AIM) is a field services company, owned by "
                             "its parent company, InfoMart, Inc.")
    assert not any(s == "aim" for s, _, _ in found)


def test_place_modifying_the_kind_of_organization(extractor):
    found = facts(extractor, "America West Airlines was a U.S. airline headquartered in Tempe, Arizona.")
    assert has(found, "America West Airlines", "locatedIn", "U.S.")
    assert has(found, "America West Airlines", "locatedIn", "Tempe, Arizona")


def test_lowercase_phrase_is_not_an_organization(extractor):
    found = facts(extractor, "Riot City Ravens (RCR) is a roller derby league based in Newport, Wales.")
    assert has(found, "Riot City Ravens", "locatedIn", "Newport, Wales")
    assert not any(s == "derby league" for s, _, _ in found)


@pytest.mark.parametrize("text, triples", [
    ("Baptist Health Systems is the parent company of Baptist Medical Center, The Mississippi Hospital for "
     "Restorative Care and a number of related organizations.",
     [("Baptist Medical Center", "subsidiaryOf", "Baptist Health Systems"),
      ("Mississippi Hospital for Restorative Care", "subsidiaryOf", "Baptist Health Systems")]),
    ("Health Management Associates' current interim CEO is John M. Starcher, Jr.",
     [("Health Management Associates", "ledBy", "John M. Starcher, Jr.")]),
    ("Jean Smith later co-founded the Institute for Cognitive Studies with Dorothy Dinnerstein.",
     [("Institute for Cognitive Studies", "ledBy", "Dorothy Dinnerstein")]),
])
def test_lists_role_subjects_and_cofounders(extractor, text, triples):
    found = facts(extractor, text)
    for triple in triples:
        assert has(found, *triple)


def test_person_of_organization(extractor):
    found = facts(extractor, "Mathematician George Stibitz of Bell Telephone Laboratories used the word digital.")
    assert has(found, "George Stibitz", "worksAt", "Bell Telephone Laboratories")


def test_town_after_a_company_is_not_a_person(extractor):
    found = facts(extractor, "Rebecca Kraus is founder and President of Rebecca Kraus & Associates LLC, "
                             "Grosse Pointe, Michigan.")
    assert not any(s == "grosse pointe" for s, _, _ in found)


def test_professor_of_a_field_at_a_university(extractor):
    found = facts(extractor, "Edwin Boring was an American experimental psychologist, Professor of Psychology at "
                             "Clark University.")
    assert has(found, "Edwin Boring", "worksAt", "Clark University")
    assert not any(o == "psychology" for _, _, o in found)


def test_departure_from_an_unknown_place_is_not_from_the_topic(extractor):
    found = facts(extractor, "Acme hired Ann Lee in 2001. Ann Lee resigned from Protea hotel Nike lake in 2005.")
    assert not has(found, "Ann Lee", "formerlyAt", "Acme")


def test_pronoun_is_the_subject_person_of_its_sentence(extractor):
    from graph.mentions import find_entities

    doc = extractor.nlp("Richard Branson founded the group. In 2018, John Borghetti, the CEO of Virgin "
                        "Australia, confirmed that he will leave the airline.")
    ents = find_entities(doc, extractor.gazetteer)
    he = next(t for t in doc if t.lower_ == "he")
    assert ents.entity(ents.resolve(he)[0]).name == "John Borghetti"


def test_multiword_proper_name_is_not_a_description(extractor):
    found = facts(extractor, "Sammy Barker was employed by the Mercer County Sheriff's Dept. when he started "
                             "the Barkers' Ashland Gas Station in 1979.")
    assert not has(found, "Mercer County Sheriff's Dept", "ledBy", "Sammy Barker")


def test_leaving_behind_is_no_departure(extractor):
    found = facts(extractor, "Harry Wallace served with the 10th Battalion of the Durham Light Infantry, and died "
                             "in service, leaving behind a widow.")
    assert not any(p == "formerlyAt" for _, p, _ in found)


def test_role_in_apposition_to_a_predicate_noun_carrying_the_organization(extractor):
    found = facts(extractor, "Liu Yongxing (born 1948) is a Chinese businessman, Chairman and CEO of East Hope "
                             "Group, a Chinese agribusiness and industrial company.")
    assert has(found, "East Hope Group", "ledBy", "Liu Yongxing")


def test_title_is_not_made_an_organization(extractor):
    found = facts(extractor, "Dr. Vahid Ebadat, is the Chief Technical Officer of Chilworth Technology and Chief "
                             "Executive Officer of Chilworth Asia Pacific.")
    assert not any(o == "chief executive officer" for _, _, o in found)


@pytest.mark.parametrize("text, triples, absent", [
    ("The book was written by Massachusetts Institute of Technology (MIT) professors Harold Abelson and "
     "Gerald Sussman.", [("Harold Abelson", "worksAt", "Massachusetts Institute of Technology"),
                         ("Gerald Sussman", "worksAt", "Massachusetts Institute of Technology")], []),
    ("The firm was co-founded by Starbucks CEO Howard Schultz and Dan Levitan.",
     [("Starbucks", "ledBy", "Howard Schultz")], [("Starbucks", "ledBy", "Dan Levitan")]),
])
def test_title_before_coordinated_names(extractor, text, triples, absent):
    found = facts(extractor, text)
    for triple in triples:
        assert has(found, *triple)
    for triple in absent:
        assert not has(found, *triple)


@pytest.mark.parametrize("text, triple, expected", [
    ("The leading proponents are Anna Wierzbicka at Warsaw University and Cliff Goddard.",
     ("Anna Wierzbicka", "worksAt", "Warsaw University"), True),
    ("Reporters cornered Tim Cook at Apple's launch event in Cupertino.", ("Tim Cook", "worksAt", "Apple"), False),
])
def test_person_at_organization(extractor, text, triple, expected):
    assert has(facts(extractor, text), *triple) is expected


def test_noun_after_as_describes_the_subject(extractor):
    found = facts(extractor, "After the sale of its branches, BankBoston currently exists solely as a subsidiary "
                             "private bank owned by Bank of America.")
    assert has(found, "BankBoston", "subsidiaryOf", "Bank of America")


@pytest.mark.parametrize("text, triple", [
    ("On May 9, 2012, he was elected president and chief executive officer of the Institute of Nuclear Power "
     "Operations, succeeding retired Navy admiral James Ellis.",
     ("Institute of Nuclear Power Operations", "ledBy", "James Ellis")),
    ("Jane Roe succeeded John Doe as chief executive of Acme Corp.", ("Acme Corp", "ledBy", "John Doe")),
])
def test_predecessor_in_a_leading_role(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_organization_word_beats_ner_person(extractor):
    found = facts(extractor, "Altaaqa Global, a subsidiary of Zahid Group, has been selected by Caterpillar Inc. "
                             "to deliver temporary power solutions.")
    assert has(found, "Altaaqa Global", "subsidiaryOf", "Zahid Group")


def test_town_before_a_state_code_is_a_place(extractor):
    found = facts(extractor, "PJ Lynch Associates is a retained executive search firm based in Ridgefield, CT, "
                             "established in 1988.")
    assert has(found, "PJ Lynch Associates", "locatedIn", "Ridgefield, CT")


# -- second KnowledgeNet round: founders ----------------------------------------------

@pytest.mark.parametrize("text, triple", [
    ("Erik Larsson is a Swedish programmer who founded the game studio Redleaf Games alongside Carl Berg "
     "and Jonas Lind in 2011.", ("Redleaf Games", "ledBy", "Jonas Lind")),
    ("Before joining the bank, Peter Hale founded and led Brightwater Analytics, where he advised retailers.",
     ("Brightwater Analytics", "ledBy", "Peter Hale")),
    ("Founded in 1921 by the brothers Karl Weber and Hans Weber, Weberwerk has become a large supplier of pumps.",
     ("Weberwerk", "ledBy", "Hans Weber")),
])
def test_founders_alongside_shared_object_and_fronted_participle(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


# -- second KnowledgeNet round: roles ---------------------------------------------------

@pytest.mark.parametrize("text, triple, expected", [
    ("Tom Reed is a retired American executive who served as CEO of Sony Music from 1990 to 1994 and CEO of "
     "Warner Bros. from 1996 to 1999.", ("Warner Bros.", "ledBy", "Tom Reed"), True),
    ("Before that, Anna Berg was Director of Marketing and Sales at Spotify, where she led a team of forty.",
     ("Anna Berg", "worksAt", "Spotify"), True),
])
def test_second_role_on_the_verb_and_field_at(extractor, text, triple, expected):
    assert has(facts(extractor, text), *triple) is expected


@pytest.mark.parametrize("text, triple", [
    ("Before that, Sarah Cole held senior engineering positions with Boeing and Raytheon.",
     ("Sarah Cole", "worksAt", "Boeing")),
    ("Sarah Cole accepted a position at Boeing in 2015.", ("Sarah Cole", "worksAt", "Boeing")),
    ("Sarah Cole left her position at Boeing in 2015.", ("Sarah Cole", "formerlyAt", "Boeing")),
])
def test_position_with_an_employer(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


# -- second KnowledgeNet round: names NER cuts or misses -----------------------------

@pytest.mark.parametrize("text, triple", [
    ("Tom established Green Leaf Garden Supplies Ltd in 2004 after ten years in retail.",
     ("Green Leaf Garden Supplies Ltd", "ledBy", "Tom")),
    ("Later, Laura co-founded Brightline Labs, a regional ISP serving the coast.",
     ("Brightline Labs", "ledBy", "Laura")),
    ("In 2011 Henrik founded Tavolo Foods by buying two small bakeries.", ("Tavolo Foods", "ledBy", "Henrik")),
])
def test_founded_names_ner_cuts_or_misses(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


# -- second KnowledgeNet round: subsidiaries -------------------------------------------

@pytest.mark.parametrize("text, triple", [
    ("Harbor Holdings is the parent company to Harbor Marine Services.",
     ("Harbor Marine Services", "subsidiaryOf", "Harbor Holdings")),
    ("A subsidiary of Nordic Media Group, StreamNorth is a video platform for children.",
     ("StreamNorth", "subsidiaryOf", "Nordic Media Group")),
    ("Velora's parent company is Daiko Industries (Japan).", ("Velora", "subsidiaryOf", "Daiko Industries")),
])
def test_parent_company_to_fronted_subsidiary_parent_is(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


# -- second KnowledgeNet round: places -------------------------------------------------

@pytest.mark.parametrize("text, triple", [
    ("Hartwell Construction Group is a general contractor firm serving the commercial building industry "
     "based in Ohio.", ("Hartwell Construction Group", "locatedIn", "Ohio")),
    ("She was an analyst at Redwood Capital Partners, a private lender with a large loan capacity headquartered in Denver.",
     ("Redwood Capital Partners", "locatedIn", "Denver")),
])
def test_participle_hung_inside_the_description(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


@pytest.mark.parametrize("text, triple", [
    ("Before joining Corvexa, Tomas was Chairman of Brightpath Networks, a company he co-founded in 2004.",
     ("Tomas", "formerlyAt", "Brightpath Networks")),
    ("Kowalczyk joined the Ontario Dairy Cooperative in 2003 as chief executive officer of the Dairy Farmers "
     "Credit Union.", ("Dairy Farmers Credit Union", "ledBy", "Kowalczyk")),
    ("Okafor is a distinguished professor at Tufts University.",
     ("Okafor", "worksAt", "Tufts University")),
])
def test_a_single_name_ner_missed_in_a_person_slot(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_a_founding_member_founded_it(extractor):
    found = facts(extractor, "Priya Raman is an Indian lawyer and a founding member of the Coastal Rights Foundation.")
    assert has(found, "Coastal Rights Foundation", "ledBy", "Priya Raman")


def test_a_coined_lowercase_brand_in_an_organization_slot(extractor):
    found = facts(extractor, "In 2015 Daniel Moore co-founded data4good to help charities use their data.")
    assert has(found, "data4good", "ledBy", "Daniel Moore")


@pytest.mark.parametrize("text, triple", [
    ("Designed in 1972 at Bell Labs by Carla Diaz, Tom Baker and Wen Li, the language spread quickly.",
     ("Wen Li", "worksAt", "Bell Labs")),
    ("The compound was first synthesized in 1990 by Maria Santos and Peter Kim at Duke University.",
     ("Peter Kim", "worksAt", "Duke University")),
])
def test_made_at_an_institution_by_its_people(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


@pytest.mark.parametrize("text, triple", [
    ("The prize went to Lena Holm of Uppsala University and the Karolinska Institute.",
     ("Lena Holm", "worksAt", "Karolinska Institute")),
    ("The method was refined by Mark Evans at Canada's McGill University.", ("Mark Evans", "worksAt", "McGill University")),
])
def test_person_of_listed_and_possessive_place(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_taught_at_is_employment(extractor):
    found = facts(extractor, "Helen Brooks is an economist who teaches at Princeton University.")
    assert has(found, "Helen Brooks", "worksAt", "Princeton University")
    found = facts(extractor, "Helen Brooks is an economist who taught at Princeton University for twenty years.")
    assert has(found, "Helen Brooks", "formerlyAt", "Princeton University")  # (the tense says it is past)


def test_commissioner_of_a_department_works_there(extractor):
    found = facts(extractor, "Dr. Maria Lopez has been the Commissioner of the Oregon Department of Transportation "
                             "since 2019.")
    assert has(found, "Maria Lopez", "worksAt", "Oregon Department of Transportation")


@pytest.mark.parametrize("text, triple, expected", [
    ("Daniel Weiss joined Fairhaven in February 2012 as Analyst, Equity Research.",
     ("Daniel Weiss", "worksAt", "Fairhaven"), True),
    ("At Openline he was Regional Manager for Norway.", ("he", "worksAt", "Norway"), False),
])
def test_a_place_name_in_an_employer_slot(extractor, text, triple, expected):
    found = facts(extractor, text)
    assert has(found, *triple) is expected
    assert not any(o == "norway" for _, _, o in found)


@pytest.mark.parametrize("text, triple", [
    ("In 2001 it bought Harland Marine Systems, the naval shipbuilding subsidiary of the Imperial Engineering "
     "Company plc, for $2 billion.", ("Harland Marine Systems", "subsidiaryOf", "Imperial Engineering Company plc")),
    ("She served as Chief Operations Officer at Telvora, the Kenyan mobile subsidiary of the Umoja Group Holdings, "
     "until 2015.", ("Telvora", "subsidiaryOf", "Umoja Group Holdings")),
])
def test_subsidiary_apposition_and_lowercase_plc(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_a_town_of_a_province_is_two_places(extractor):
    found = facts(extractor, "Hengda Textiles Co., Ltd. is located in Yiwu City of Zhejiang Province, China.")
    assert has(found, "Hengda Textiles Co., Ltd.", "locatedIn", "Yiwu City")
    assert has(found, "Hengda Textiles Co., Ltd.", "locatedIn", "Zhejiang Province, China")


def test_one_of_the_founders(extractor):
    found = facts(extractor, "Laura Stein is one of the co-founders of Brightline Robotics.")
    assert has(found, "Brightline Robotics", "ledBy", "Laura Stein")


@pytest.mark.parametrize("text, triple", [
    ("Before that, Omar Haddad co-founded and served as chief technology officer at Zentrix Labs.",
     ("Zentrix Labs", "ledBy", "Omar Haddad")),
    ("Omar Haddad co-founded and served on the board of directors for Zentrix Labs, a hosting company.",
     ("Zentrix Labs", "ledBy", "Omar Haddad")),
])
def test_founded_and_served_at(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


@pytest.mark.parametrize("text, triple, expected", [
    ("In 1931 he became a lecturer at the Technical College in Bandung.", ("Technical College", "locatedIn", "Bandung"),
     True),
    ("Rosa Klein was the founding director of the Mexican Fine Arts Museum in Chicago.",
     ("Mexican Fine Arts Museum", "locatedIn", "Chicago"), True),
    ("Acme Corp in Chicago reported higher sales.", ("Acme Corp", "locatedIn", "Chicago"), False),
])
def test_an_institution_in_its_town(extractor, text, triple, expected):
    assert has(facts(extractor, text), *triple) is expected


def test_a_country_in_parentheses_after_the_town(extractor):
    found = facts(extractor, "Since 2001 the Norvik Group, originally based in Porto (Portugal), has grown quickly.")
    assert has(found, "Norvik Group", "locatedIn", "Portugal")


def test_subsidiary_subject_ner_missed(extractor):
    found = facts(extractor, "Kestrel Mobility LLC is a wholly-owned subsidiary of Nordholm Industries.")
    assert has(found, "Kestrel Mobility LLC", "subsidiaryOf", "Nordholm Industries")


def test_parent_company_of_names_ner_missed(extractor):
    found = facts(extractor, "Harbor Holdings Inc. is the parent company of Kestrel Mobility LLC.")
    assert has(found, "Kestrel Mobility LLC", "subsidiaryOf", "Harbor Holdings Inc.")


def test_led_by_a_chief_executive_makes_an_organization(extractor):
    found = facts(extractor, "Fairhaven was established in 2012 and is led by chief executive officer Dana Ross.")
    assert has(found, "Fairhaven", "ledBy", "Dana Ross")


@pytest.mark.parametrize("text, triple", [
    ("Maria Ortiz has served as Chief Executive Officer of KLM-ZEV, a freight company, since 2010.",
     ("KLM-ZEV", "ledBy", "Maria Ortiz")),
    ("Prior to joining BKW-FMB, Maria Ortiz served as a manager at a bank.", ("Maria Ortiz", "worksAt", "BKW-FMB")),
])
def test_a_name_across_a_hyphen(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_member_of_the_board_of_an_organization_works_there(extractor):
    found = facts(extractor, "Helen Brooks served as Vice Chairman of the Board of Governors of the Central Bank "
                             "of Ireland from 2001 to 2006.")
    assert has(found, "Helen Brooks", "worksAt", "Central Bank of Ireland")
    assert not any(o.startswith("board") for _, _, o in found)


def test_a_participle_after_an_organization_is_passive(extractor):
    # "X, founded in 1933," founded nothing: an organization that reads like a personal name
    # ("Kestrel Freight") is not retyped as a founder
    from spacy.tokens import Span

    from graph.mentions import find_entities
    from graph.relations import RULES

    doc = extractor.nlp("Kestrel Freight, founded in 1933, is the largest trade association of the industry.")
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    ents = find_entities(doc, extractor.gazetteer)
    for token in doc:
        list(RULES["founded"](ents, token))
    assert [(m.text, m.type) for m in ents.mentions] == [("Kestrel Freight", "Organization")]


def test_a_dotted_ceo_is_a_ceo(extractor):
    found = facts(extractor, "Dana P. Ross, current chairman and C.E.O. of Ross Holdings Companies, spoke.")
    assert has(found, "Ross Holdings Companies", "ledBy", "Dana P. Ross")


def test_each_role_with_the_organization_after_it(extractor):
    found = facts(extractor, "Dr. Omar Haddad is the Chief Technical Officer of Zentrix Technology and Chief "
                             "Executive Officer of Zentrix Asia Pacific.")
    assert has(found, "Zentrix Asia Pacific", "ledBy", "Omar Haddad")
    assert not has(found, "Zentrix Technology", "ledBy", "Omar Haddad")
    assert has(found, "Omar Haddad", "worksAt", "Zentrix Technology")


def test_chairman_of_the_board_and_ceo_does_not_lead_the_board(extractor):
    found = facts(extractor, "Harbor State Bank is headed by Luis Ortega, the Chairman of the Board and Chief "
                             "Executive Officer.")
    assert has(found, "Harbor State Bank", "ledBy", "Luis Ortega")
    assert not any(s == "board" for s, _, _ in found)


def test_every_place_an_organization_was_based_in(extractor):
    found = facts(extractor, "Kestrel Aviation, Inc. is an American aircraft manufacturer originally based in "
                             "Tyler, Texas, later in Waco, Texas and now in Eau Claire, Wisconsin.")
    for town in ("Tyler, Texas", "Waco, Texas", "Eau Claire, Wisconsin"):
        assert has(found, "Kestrel Aviation, Inc.", "locatedIn", town)


@pytest.mark.parametrize("text, expected", [
    ("Nordholm Industries moved its headquarters to Denver in 2010.", True),
    ("Nordholm Industries relocated to Denver in 2010.", True),
    ("Nordholm Industries moved its production to Denver in 2010.", False),
])
def test_moved_to_a_place(extractor, text, expected):
    assert has(facts(extractor, text), "Nordholm Industries", "locatedIn", "Denver") is expected


def test_a_job_title_is_not_an_organization(extractor):
    found = facts(extractor, "Before that, Maria Ortiz was a Business Development Officer at Zentrix Labs.")
    assert has(found, "Maria Ortiz", "worksAt", "Zentrix Labs")
    assert not any("officer" in o for _, _, o in found)


@pytest.mark.parametrize("text, triple", [
    # the gazetteer knows AT&T; the legal name after it is another company
    ("AT&T Mobility LLC is the wholly-owned wireless subsidiary of AT&T Inc.",
     ("AT&T Mobility LLC", "subsidiaryOf", "AT&T Inc.")),
    # a name NER may miss, found by its legal suffix
    ("Coastal Freight Professionals, Inc. (CFPi) is a privately held company founded in 1996 by Anna Lindqvist.",
     ("Coastal Freight Professionals, Inc.", "ledBy", "Anna Lindqvist")),
])
def test_a_legal_suffix_ends_an_organization_name(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_a_name_before_its_birth_year_is_the_subject(extractor):
    found = facts(extractor, 'James D. "Jim" Harlan, Jr. (born June 1962) is an American automobile executive '
                             "that currently serves as CEO and Chairman of Nordholm Motors Europe.")
    assert has(found, "Nordholm Motors Europe", "ledBy", 'James D. "Jim" Harlan, Jr.')


def test_leaving_makes_a_role_past(extractor):
    found = facts(extractor, "Ama Mensah served as the chief financial officer of Volta Freight Corp. from 2001 "
                             "to 2009. Mensah left Volta Freight Corp. after a dispute with the board.")
    assert has(found, "Ama Mensah", "formerlyAt", "Volta Freight Corp.")
    assert not has(found, "Ama Mensah", "worksAt", "Volta Freight Corp.")


@pytest.mark.parametrize("text, triple", [
    ("The company is owned by Nordholm Group through Harbor Travel's parent company Harbor International.",
     ("Harbor Travel", "subsidiaryOf", "Harbor International")),
    ("Similarly, Kestrel Steel and its subsidiary Brightline Steel meld to form one fabricator.",
     ("Brightline Steel", "subsidiaryOf", "Kestrel Steel")),
])
def test_a_relation_word_before_a_name(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_only_an_organization_has_a_chief_executive(extractor):
    # NER may take a coined one-word name for a town; only an organization has a founder and CEO
    found = facts(extractor, "Lena Park (born Perth, Australia) is Founder and CEO of Voluntera, a "
                             "skills-based volunteer platform.")
    assert has(found, "Voluntera", "ledBy", "Lena Park")


def test_a_gazetteer_company_that_is_a_first_name(extractor):
    # "Dave" is a listed company (Dave Inc.), and a first name
    assert extractor.gazetteer.lookup("Dave") is not None
    found = facts(extractor, "Harbor Home Lending was founded in 1990 by Dave Lindqvist, its CEO.")
    assert has(found, "Harbor Home Lending", "ledBy", "Dave Lindqvist")
    assert not any(s == "dave" or o == "dave" for s, _, o in found)


def test_working_for_a_company_ner_missed(extractor):
    found = facts(extractor, "In 2008, Tomas completed a degree at the University of Lund while working for "
                             "Vestra Media.")
    assert has(found, "Tomas", "worksAt", "Vestra Media")


def test_a_nickname_inside_a_name(extractor):
    found = facts(extractor, "Edwin Harlan (Eddie) Marsh (1886 – 1968) was an American psychologist, Professor of "
                             "Psychology at Clark University.")
    assert has(found, "Edwin Harlan (Eddie) Marsh", "worksAt", "Clark University")


def test_a_title_before_a_name_is_not_part_of_it(extractor):
    from graph.mentions import find_entities

    doc = extractor.nlp("The talks were led by Russian Foreign Minister Sergei Lavrov and Lieutenant-Colonel "
                        "Stuart Douglas.")
    people = [m.text for m in find_entities(doc, extractor.gazetteer).mentions if m.type == "Person"]
    assert people == ["Sergei Lavrov", "Stuart Douglas"]


@pytest.mark.parametrize("text, expected", [
    ("Zentrix Labs is a software company in Estonia.", True),
    ("Zentrix Labs is the largest software company in Estonia.", False),  # where it ranks
    ("Zentrix Labs is a leading company in Estonia.", False),
])
def test_a_company_in_a_country(extractor, text, expected):
    assert has(facts(extractor, text), "Zentrix Labs", "locatedIn", "Estonia") is expected


@pytest.mark.parametrize("text, triple, expected", [
    ("Ana Ruiz is a professor in the Department of Physics at Lund University.",
     ("Ana Ruiz", "worksAt", "Department of Physics"), True),
    ("Ana Ruiz was the founder of Zentrix Labs, a leader in Digital Imaging.",
     ("Zentrix Labs", "worksAt", "Digital Imaging"), False),
    ("Ana Ruiz is a manager in London.", ("Ana Ruiz", "worksAt", "London"), False),
])
def test_a_role_in_an_organization(extractor, text, triple, expected):
    assert has(facts(extractor, text), *triple) is expected


@pytest.mark.parametrize("text, kept", [
    ("Zentrix Labs is a Digital Marketing Agency based in Leeds.", {"Zentrix Labs"}),
    ("Zentrix Labs is a Management Consulting, Executive Search & Talent Development Firm based in Leeds.",
     {"Zentrix Labs"}),
    ("Ana Ruiz is a Goldman Sachs banker.", {"Goldman Sachs"}),  # the name is a modifier there
])
def test_an_indefinite_capitalized_phrase_is_a_kind_not_a_name(extractor, text, kept):
    from graph.mentions import find_entities

    doc = extractor.nlp(text)
    orgs = {m.text for m in find_entities(doc, extractor.gazetteer).mentions if m.type == "Organization"}
    assert orgs == kept
    assert has(facts(extractor, text), "Zentrix Labs", "locatedIn", "Leeds") is ("Leeds" in text)


def test_a_ranked_kind_is_no_name_and_a_person_with_a_legal_form_is_a_company(extractor):
    text = "Ann Lee co-founded Spinway Inc., the fastest growing Internet Service Provider (ISP) in history."
    assert "Internet Service Provider" not in mentions(extractor, text)
    assert not any(s in ("internet service provider", "isp") for s, _, _ in facts(extractor, text))
    assert "Kestrel Broadband, LLC" in mentions(
        extractor, "Kestrel Broadband, LLC is an industry-leading, privately held, Internet Service Provider based "
                   "in Florida.", "Organization")
    assert "Goldman Sachs" in mentions(extractor, "He joined the largest Goldman Sachs office.", "Organization")


@pytest.mark.parametrize("text, title", [
    ("Zentrix Post is headed by Postmaster General and CEO Ana Ruiz.", "Postmaster General"),
])
def test_a_span_ending_in_a_profession_is_a_title(extractor, text, title):
    assert title not in mentions(extractor, text)
    assert not any(title in (f.subject.name, f.object.name) for f in facts(extractor, text))


# -- fourth KnowledgeNet round: invented sentences, one phenomenon each -----------------------

def test_a_title_with_its_field_is_no_name(extractor):
    text = "Ana Ruiz is currently Professor Emeritus of Mathematics at Lund University in Sweden."
    assert not any("Emeritus" in n for n in mentions(extractor, text))
    assert has(facts(extractor, text), "Ana Ruiz", "worksAt", "Lund University")


def test_the_employer_on_the_verb_beats_the_field_of_the_role(extractor):
    found = facts(extractor, "Jane Roe was named Director of Research at Zentrix Labs in 2004.")
    assert has(found, "Jane Roe", "worksAt", "Zentrix Labs")
    assert not has(found, "Jane Roe", "worksAt", "Research")


def test_every_employer_of_a_list(extractor):
    # the parser may take the second name for an apposition of the first
    found = facts(extractor, "Jane Roe is currently Professor at the Kestrel College, Zentrix University and "
                             "Initech University.")
    for org in ("Kestrel College", "Zentrix University", "Initech University"):
        assert has(found, "Jane Roe", "worksAt", org)


def test_a_name_listed_with_a_place_is_a_place(extractor):
    found = facts(extractor, "Zentrix Labs is located in Port Elgin and Stayner.")
    assert has(found, "Zentrix Labs", "locatedIn", "Port Elgin")
    assert has(found, "Zentrix Labs", "locatedIn", "Stayner")


def test_cofounders_with_a_subject_that_resolves_to_no_one(extractor):
    found = facts(extractor, "In 2001 he founded the Kestrel Party with Jim Roe and Ann Roe.")
    assert has(found, "Kestrel Party", "ledBy", "Jim Roe")
    assert has(found, "Kestrel Party", "ledBy", "Ann Roe")


def test_a_comma_glued_to_the_next_word(extractor):
    assert [t.text for t in extractor.nlp("(ZA),headquartered")] == ["(", "ZA", ")", ",", "headquartered"]
    assert [t.text for t in extractor.nlp("Acme Inc.,a maker of 1,000 tools")][:4] == ["Acme", "Inc.", ",", "a"]
    found = facts(extractor, "Zentrix Aviation LLC (ZA),headquartered in Orlando, FL is a small business.")
    assert has(found, "Zentrix Aviation LLC", "locatedIn", "Orlando, FL")


@pytest.mark.parametrize("text, triple", [
    ("Kestrel Group is a wholly-owned subsidiary of Zentrix S.A.S.",
     ("Kestrel Group", "subsidiaryOf", "Zentrix S.A.S.")),
    ("Dr. Ana Ruiz established Harbor Eye Associates of Boise, P.A. in 1978.",
     ("Harbor Eye Associates of Boise, P.A.", "ledBy", "Ana Ruiz")),
    # a town inside the legal name: "Studios Dallas LLC" is one company
    ("Kestrel Game Studios Dallas LLC is a developer based in Dallas, Texas, founded in 2007 by Jim Roe.",
     ("Kestrel Game Studios Dallas LLC", "ledBy", "Jim Roe")),
])
def test_more_legal_forms_end_a_name(extractor, text, triple):
    found = facts(extractor, text)
    assert has(found, *triple)
    assert not any(o in ("pa", "sas") for _, _, o in found)


def test_a_legal_form_after_a_known_company_keeps_its_identity(extractor):
    [fact] = [f for f in extractor.extract(Article("Kestrel Labs is a wholly-owned subsidiary of Intel SE, the "
                                                   "chip maker.")) if f.predicate == "subsidiaryOf"]
    assert fact.object.name == "Intel SE" and fact.object.key == "Intel"


def test_a_subsidiary_apposition_hung_on_the_town(extractor):
    found = facts(extractor, "Jane Roe became president of Kestrel Waterways Holding in Zwijndrecht, a subsidiary "
                             "of Zentrix Coal International in Essen, Germany, in 1999.")
    assert has(found, "Kestrel Waterways Holding", "subsidiaryOf", "Zentrix Coal International")


def test_who_is_the_person_the_phrase_before_describes(extractor):
    found = facts(extractor, "It was founded by James Roe, formerly associate publisher of Kestrel Review, who had "
                             "also founded the Zentrix Foundation.")
    assert has(found, "Zentrix Foundation", "ledBy", "James Roe")
    assert not has(found, "Zentrix Foundation", "ledBy", "Kestrel Review")


def test_a_known_name_keeps_its_exclamation_mark(extractor):
    assert "Yahoo!" in [t.text for t in extractor.nlp("Terry Roe joined Yahoo! in 2001.")]
    found = facts(extractor, "Terry Roe is an American executive who was the chairman and CEO of Yahoo! Incorporated.")
    assert has(found, "Yahoo", "ledBy", "Terry Roe")


@pytest.mark.parametrize("text, triple", [
    ("The magazine published an article about Kestrel Labs and its founder, Jim Roe, in 2012.",
     ("Kestrel Labs", "ledBy", "Jim Roe")),
    ("Zentrix Labs and its CEO Jane Roe met the press.", ("Zentrix Labs", "ledBy", "Jane Roe")),
])
def test_an_organization_and_its_leader(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_every_name_in_apposition(extractor):
    from graph.mentions import find_entities
    from graph.relations.syntax import name_in_phrase

    doc = extractor.nlp("She founded it with her elder brother Jim and younger sisters Caroline and Andrea.")
    ents = find_entities(doc, extractor.gazetteer)
    brother = next(t for t in doc if t.lower_ == "brother")
    assert {m.text for m in name_in_phrase(ents, brother)} >= {"Jim", "Caroline", "Andrea"}


def test_a_specialist_is_a_job(extractor):
    found = facts(extractor, "Garth was appointed as a GIS Specialist in the Centre for Spatial Analysis at the "
                             "University of Kestrel in late 2009.")
    assert has(found, "Garth", "worksAt", "University of Kestrel")


def test_led_by_people_whose_titles_lead_nothing(extractor):
    found = facts(extractor, "Kestrel Partners is led by Chairman Jim Roe, Managing Director Ann Lee, and "
                             "Executive Director Tom Doe.")
    for person in ("Jim Roe", "Ann Lee", "Tom Doe"):
        assert has(found, person, "worksAt", "Kestrel Partners")
        assert not has(found, "Kestrel Partners", "ledBy", person)
    assert has(facts(extractor, "Kestrel Labs is led by CEO Jane Roe."), "Kestrel Labs", "ledBy", "Jane Roe")


def test_a_name_described_as_a_firm_is_an_organization_and_its_founders_are_its_own(extractor):
    found = facts(extractor, "The Kestrel News is backed by Maveron, a venture capital firm based in Seattle, "
                             "Washington and co-founded by Jane Roe and Dan Levitan.")
    assert has(found, "Maveron", "locatedIn", "Seattle, Washington")
    assert has(found, "Maveron", "ledBy", "Jane Roe") and has(found, "Maveron", "ledBy", "Dan Levitan")
    assert not has(found, "Kestrel News", "ledBy", "Jane Roe")
    # the company's apposition the parser hangs on the verb does not make the person a company
    found = facts(extractor, "Jane Roe is the chief executive officer of Acme Widgets, a company based in Denver.")
    assert has(found, "Acme Widgets", "ledBy", "Jane Roe")
    assert not any(s == "jane roe" and p == "locatedIn" for s, p, _ in found)


@pytest.mark.parametrize("text, triple", [
    ("In 1982-1984 Yuri Petrov served in Soviet Army.", ("Yuri Petrov", "worksAt", "Soviet Army")),
    ("He was a pupil of Jane Roe at the Center for Historical Studies in Madrid.",
     ("Jane Roe", "worksAt", "Center for Historical Studies")),
    ("Zentrix Labs is based in College Station, Texas.", ("Zentrix Labs", "locatedIn", "College Station, Texas")),
])
def test_an_institution_ner_took_for_a_place(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_two_organizations_ner_ran_together(extractor):
    assert {"Zentrix Labs", "Marlow University"} <= mentions(
        extractor, "She held positions at Zentrix Labs and Marlow University.", "Organization")
    assert "Bank of Credit and Commerce International" in mentions(
        extractor, "He founded the Bank of Credit and Commerce International in 1972.", "Organization")


def test_leaving_in_a_participle_leaves_the_employer_just_named(extractor):
    found = facts(extractor, "Jane Roe studied at Kestrel College. She held positions at Zentrix Labs and Marlow "
                             "University (from 1955, leaving in 1971 in a dispute).")
    assert has(found, "Jane Roe", "formerlyAt", "Marlow University")
    assert not has(found, "Jane Roe", "formerlyAt", "Kestrel College")


def test_a_title_and_name_in_parentheses_after_a_company(extractor):
    found = facts(extractor, "Acme has become a subsidiary of the provider Kestrel International, Inc. (President "
                             "and CEO: Jane Roe), a wholly-owned subsidiary of the Zentrix Corporation.")
    assert has(found, "Kestrel International, Inc.", "ledBy", "Jane Roe")
    assert has(found, "Kestrel International, Inc.", "subsidiaryOf", "Zentrix Corporation")
    assert not has(found, "Acme", "subsidiaryOf", "Zentrix Corporation")
    assert not any(o == "acme" for _, p, o in found if p == "ledBy")


@pytest.mark.parametrize("text, org", [
    ("Ann Lee also served on the curriculum advisory board of Kestrel College of the Arts.",
     "Kestrel College of the Arts"),  # with the "of" phrase NER may leave out
    ("Ann Lee served 18 years on the Kestrel University board of regents.", "Kestrel University"),
    ("Ann Lee sits on the board of Zentrix Labs.", "Zentrix Labs"),
])
def test_a_seat_on_the_board_of_an_organization(extractor, text, org):
    assert has(facts(extractor, text), "Ann Lee", "worksAt", org)


@pytest.mark.parametrize("text, triple", [
    # a one-word name NER took for a place, in the founder's slot
    ("In 1990 Lilia founded Kestrel Labs.", ("Kestrel Labs", "ledBy", "Lilia")),
    ("During his lifetime, Merewalh converted to Christianity in about 660, founding Kestrel Priory.",
     ("Kestrel Priory", "ledBy", "Merewalh")),
    ("Jane Roe founded and became CEO of Kestrel Consultants.", ("Kestrel Consultants", "ledBy", "Jane Roe")),
    # a name NER missed, as the modifier of the kind founded
    ("In January 2001, he founded the Kestrel Platform political party with Jim Roe and Ann Lee.",
     ("Kestrel Platform", "ledBy", "Ann Lee")),
])
def test_founders_ner_mistyped_or_missed(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_a_town_that_founds_is_still_a_town(extractor):
    text = "Seattle founded a task force on housing. The mayor of Seattle spoke."
    found = facts(extractor, text)
    assert not any(p == "ledBy" for _, p, _ in found)


def test_a_title_between_company_and_name(extractor):
    text = "Besides Zentrix CEO Jane Roe and Zentrix CFO Ann Lee, the board includes Tom Doe."
    people = mentions(extractor, text, "Person")
    assert "Ann Lee" in people and not any("CFO" in p for p in people)
    assert has(facts(extractor, text), "Zentrix", "ledBy", "Jane Roe")  # only a company has a CEO


@pytest.mark.parametrize("text, triples", [
    ("Edward Roe was an American psychologist who spent nearly his entire career at Kestrel College, "
     "Marlow University.", [("Edward Roe", "worksAt", "Kestrel College"), ("Edward Roe", "worksAt", "Marlow University")]),
    ("Jane Roe took a job with Zentrix Labs in 2001.", [("Jane Roe", "worksAt", "Zentrix Labs")]),
])
def test_a_career_at_an_organization(extractor, text, triples):
    found = facts(extractor, text)
    assert all(has(found, *t) for t in triples)


def test_whose_chief_executive(extractor):
    found = facts(extractor, "Zentrix Labs is a clothing brand, established in 1976 in Tokyo, whose chief "
                             "executive officer is Jane Roe.")
    assert has(found, "Zentrix Labs", "ledBy", "Jane Roe")


def test_a_role_opening_the_sentence_before_the_name(extractor):
    found = facts(extractor, "A professor of history at Marlow University, Jane Roe, said that the book was sound.")
    assert has(found, "Jane Roe", "worksAt", "Marlow University")


#: One invented sentence or more for each relation rule (the test below checks that each fires).
RULE_SENTENCES = [
    "Acme Corp formed a partnership with Globex Inc and is a reseller of Initech.",
    "Acme Corp partnered with Globex Inc on cloud software.",
    "The alliance's member firms included Acme Corp and Globex Inc.",
    "Acme Corp is a member of the Open Robotics Alliance.",
    "Globex Inc, a rival of Acme Corp, cut prices.",
    "Acme Corp competes with Globex Inc in printers.",
    "Acme Corp will tap Globex Inc to build its network.",
    "Acme Corp raised $40 million in a Series B round led by Kestrel Capital.",
    "Jane Roe, the chief executive of Acme Corp, spoke.",
    "Acme Corp CEO Jane Roe spoke on Monday.",
    "Jane Roe of Acme Corp said the deal was done.",
    "Jane Roe succeeded John Doe as chief executive of Acme Corp.",
    "Jane Roe, who is a former director of Globex Inc, spoke.",
    "Acme Corp was founded by Jane Roe in 1990, and she co-founded Kestrel Labs.",
    "Jane Roe is one of the co-founders of Kestrel Labs.",
    "Acme Corp appointed Jane Roe as its chief financial officer.",
    "Jane Roe took the helm at Acme Corp in 2020.",
    "Jane Roe left Acme Corp in 2019 and joined Globex Inc.",
    "Jane Roe held a position with Acme Corp.",
    "The vaccine was developed by Jane Roe at the Kestrel Institute.",
    "Acme Corp is headquartered in Denver.",
    "She studied at the Kestrel University in Denver.",
    "Acme Corp moved its headquarters to Denver.",
    "Kestrel Labs, an Acme Corp-backed startup, raised money.",
    "Acme Corp acquired Globex Inc for $2 billion.",
    "Acme Corp invested $10 million in Globex Inc.",
    "Kestrel Capital is an investor in Globex Inc.",
    "Globex Inc is a subsidiary of Acme Corp.",
    "Acme Corp's Roadrunner phone sold well.",
]


def _every_rule_everywhere(ents, sent):
    """The reference for :func:`graph.relations.candidates`: each rule on each content word."""
    from graph.relations import _NEVER_TRIGGERS, RULES

    for token in sent:
        if token.pos_ not in _NEVER_TRIGGERS:
            for name, rule in RULES.items():
                for cand in rule(ents, token):
                    if cand.subject.cluster != cand.object.cluster:
                        yield name, cand


def test_rules_called_on_their_triggers_only_find_what_every_call_finds(extractor):
    from graph.mentions import find_entities
    from graph.relations import RULES, candidates

    def key(cand):
        return (cand.subject.text, cand.predicate, cand.object.text, cand.trigger.i, cand.rule, cand.confidence)

    fired = set()
    for text in RULE_SENTENCES:
        doc = extractor.nlp(text)
        # fresh entities each time: rules may add mentions as they go
        reference = [(name, key(c)) for sent in doc.sents
                     for name, c in _every_rule_everywhere(find_entities(doc, extractor.gazetteer), sent)]
        ents = find_entities(doc, extractor.gazetteer)
        assert [key(c) for sent in doc.sents for c in candidates(ents, sent)] == [k for _, k in reference], text
        fired |= {name for name, _ in reference}
    assert fired == set(RULES)


def test_a_rule_without_declared_triggers_is_called_on_every_content_word(extractor, monkeypatch):
    from graph import relations
    from graph.mentions import find_entities

    seen = []

    def spy(ents, token):
        seen.append(token.text)
        yield from ()

    monkeypatch.setitem(relations.RULES, "spy", spy)
    doc = extractor.nlp("Acme Corp quietly hired three engineers.")
    list(relations.candidates(find_entities(doc, extractor.gazetteer), doc[:]))
    assert seen == ["Acme", "Corp", "quietly", "hired", "three", "engineers"]


# -- held-out news round: phrasings of tech news the dev set lacks, invented sentences ---------------

@pytest.mark.parametrize("text", [
    "Zentrix Labs has started talks with Globex Corp to form a chip manufacturing alliance.",
    "Zentrix Labs and Globex Corp are in discussions to form a wafer foundry alliance.",
    "Zentrix Labs has approached Globex Corp to form a strategic foundry alliance.",
])
def test_an_alliance_formed_in_talks_or_asked_for_is_reported(extractor, text):
    fact = get(facts(extractor, text), "Zentrix Labs", "partnersWith", "Globex Corp")
    assert fact is not None and fact.certainty == "reported"


@pytest.mark.parametrize("text", [
    "Zentrix Labs will team with Globex Corp on memory chips.",
    "Zentrix Labs and Globex Corp will combine forces in memory chips.",
    "Zentrix Labs and Globex Corp could combine resources in their foundries.",
])
def test_teaming_with_and_combining_forces_is_a_partnership(extractor, text):
    assert has(facts(extractor, text), "Zentrix Labs", "partnersWith", "Globex Corp")


def test_combining_alone_is_no_partnership(extractor):
    assert not has(facts(extractor, "Zentrix Labs and Globex Corp combine memory with logic."),
                   "Zentrix Labs", "partnersWith", "Globex Corp")


def test_companies_competing_together_against_a_third_are_not_rivals(extractor):
    found = facts(extractor, "Zentrix Labs and Globex Corp see collaboration as essential to compete against "
                             "Initech's market share.")
    assert not has(found, "Zentrix Labs", "rivalOf", "Globex Corp")
    assert has(found, "Zentrix Labs", "rivalOf", "Initech")


def test_an_ambiguous_alias_inside_another_name_is_that_name(extractor):
    # "Foundry" alone is a product's name in the gazetteer; after a company's name it ends another name
    text = "Zentrix Foundry will team with Globex Foundry to compete with Initech."
    assert "Foundry" not in mentions(extractor, text)
    found = facts(extractor, text)
    assert has(found, "Zentrix Foundry", "partnersWith", "Globex Foundry")
    assert not any(o == "palantir technologies" or s == "palantir technologies" for s, _, o in found)


def test_two_buyers_of_two_companies_say_not_which_bought_which(extractor):
    found = facts(extractor, "Zentrix Labs and Globex Corp bought Initech and Kestrel Systems.")
    assert not any(p == "acquired" for _, p, _ in found)
    found = facts(extractor, "Zentrix Labs and Globex Corp jointly bought Initech.")
    assert has(found, "Zentrix Labs", "acquired", "Initech") and has(found, "Globex Corp", "acquired", "Initech")


def test_a_one_word_person_bought_is_a_company(extractor):
    from graph.mentions import find_entities

    text = "Yahoo bought Summly for $30 million."
    ents = find_entities(extractor.nlp(text), extractor.gazetteer)
    assert any(m.text == "Summly" and m.type == "Person" for m in ents.mentions)  # what NER says
    assert has(facts(extractor, text), "Yahoo", "acquired", "Summly")


def test_sources_told_a_paper_is_reported(extractor):
    text = ("Zentrix Labs and Globex Corp have reached a preliminary agreement to establish a joint venture, "
            "sources told a local newspaper.")
    assert get(facts(extractor, text), "Zentrix Labs", "partnersWith", "Globex Corp").certainty == "reported"


@pytest.mark.parametrize("text, certainty", [
    ("Zentrix Labs is keen to announce another partnership with Globex Corp.", "reported"),
    ("Zentrix Labs is poised to sign a partnership with Globex Corp.", "reported"),
    ("Zentrix Labs set up a partnership with Globex Corp.", "confirmed"),
])
def test_about_to_sign_is_reported(extractor, text, certainty):
    assert get(facts(extractor, text), "Zentrix Labs", "partnersWith", "Globex Corp").certainty == certainty


def test_a_possessive_does_not_give_a_known_product_another_maker(extractor):
    found = facts(extractor, "For Zentrix Labs, diversifying beyond its primary Microsoft Azure partnership "
                             "could help.")
    assert not has(found, "Microsoft Azure", "productOf", "Zentrix Labs")
    found = facts(extractor, "Zentrix Labs has partnered with Globex Corp to prop up its Azure AI platform.")
    assert not any(p == "productOf" and s == "ai" for s, p, _ in found)


def test_titles_glued_to_a_company_name_are_neither(extractor):
    text = "Jane Roe thanked Zentrix Labs Co-Founders Sergey Doe and CEO Larry Roe."
    names = mentions(extractor, text)
    assert not any(n.endswith(" Co") or "Founders" in n for n in names)
    assert not any("founders" in s or "founders" in o for s, _, o in facts(extractor, text))


@pytest.mark.parametrize("text, predicate", [
    ("In the mid-1990s Jane Roe worked at Zentrix Labs as a product manager.", "formerlyAt"),
    ("Jane Roe had worked at Zentrix Labs before the merger.", "formerlyAt"),
    ("Jane Roe has worked at Zentrix Labs since 2004.", "worksAt"),
    ("Jane Roe works at Zentrix Labs.", "worksAt"),
])
def test_the_tense_of_worked_at(extractor, text, predicate):
    found = facts(extractor, text)
    assert has(found, "Jane Roe", predicate, "Zentrix Labs")
    assert not has(found, "Jane Roe", {"formerlyAt": "worksAt", "worksAt": "formerlyAt"}[predicate], "Zentrix Labs")


def test_a_repeated_preposition_continues_the_list(extractor):
    found = facts(extractor, "Before joining Globex Corp, Jane Roe worked at Zentrix Labs as an engineer "
                             "and then at Initech in management consulting.")
    assert has(found, "Jane Roe", "formerlyAt", "Zentrix Labs")
    assert has(found, "Jane Roe", "formerlyAt", "Initech")


@pytest.mark.parametrize("text, held", [
    ("Zentrix Labs will maintain a minority stake in Globex Corp.", True),
    ("Zentrix Labs holds a 14% stake in Globex Corp.", True),
    ("Zentrix Labs sold its stake in Globex Corp.", False),
    ("Zentrix Labs bought a controlling stake in Globex Corp.", False),
])
def test_a_stake_held_is_an_investment(extractor, text, held):
    assert has(facts(extractor, text), "Zentrix Labs", "investedIn", "Globex Corp") is held


def test_a_surname_ner_took_for_a_place_is_the_person(extractor):
    from graph.mentions import find_entities

    text = "Anna Georgia joined Globex Corp in 2004. Georgia worked at Zentrix Labs before."
    doc = extractor.nlp(text)
    assert any(e.text == "Georgia" and e.label_ == "GPE" for e in doc.ents)  # what NER says
    ents = find_entities(doc, extractor.gazetteer)
    by_text = {m.text: m for m in ents.mentions}
    assert by_text["Georgia"].type == "Person" and by_text["Georgia"].cluster == by_text["Anna Georgia"].cluster
    assert has(facts(extractor, text), "Anna Georgia", "formerlyAt", "Zentrix Labs")
    # a place that is no one's surname, or where the name is not acting, stays a place
    ents = find_entities(extractor.nlp("Anna Georgia moved to Georgia."), extractor.gazetteer)
    assert [m.type for m in ents.mentions if m.text == "Georgia"] == ["Place"]


@pytest.mark.parametrize("text", [
    "Zentrix Labs named Leo Roe, a veteran software executive, as chief executive and president.",
    "Zentrix Labs on Thursday named Globex Corp Chief Executive Leo Roe as chairman and CEO.",
    "Zentrix Labs appointed former Globex Corp CEO Leo Roe as its CEO and president.",
    "Leading US software group Zentrix Labs on Thursday named Globex Corp Chief Executive Leo Roe as chairman and CEO.",
])
def test_the_one_named_as_ceo_leads_the_company_that_named_him(extractor, text):
    found = facts(extractor, text)
    assert has(found, "Zentrix Labs", "ledBy", "Leo Roe")
    assert not any(s == "leading us" for s, _, _ in found)


def test_a_former_ceo_of_a_company_of_several_words(extractor):
    found = facts(extractor, "Zentrix Labs appointed former Globex Corp CEO Leo Roe as its CEO.")
    assert has(found, "Leo Roe", "formerlyAt", "Globex Corp") and not has(found, "Leo Roe", "worksAt", "Globex Corp")


@pytest.mark.parametrize("text, org", [
    ("Leo Roe, 57, who resigned as CEO of Germany's Zentrix Labs in February, replaces Ann Lee.", "Zentrix Labs"),
    ("Harry Stone was ousted as Globex Corp's CEO in March.", "Globex Corp"),
    ("Jane Roe stepped down as chief executive of Initech.", "Initech"),
])
def test_leaving_a_role_leaves_its_company(extractor, text, org):
    found = facts(extractor, text)
    person = {s for s, p, o in found if p == "formerlyAt" and o == normalize_name(org)}
    assert person and not any(p == "worksAt" and o == normalize_name(org) for _, p, o in found)


def test_a_retired_officer_is_a_former_one(extractor):
    found = facts(extractor, "Jane Roe, a board member and retired vice chairman of Zentrix Labs, spoke.")
    assert has(found, "Jane Roe", "formerlyAt", "Zentrix Labs") and not has(found, "Jane Roe", "worksAt", "Zentrix Labs")


def test_a_line_of_business_is_not_the_company(extractor):
    text = ("Zentrix Labs hired Ann Lee from Globex Corp. Zentrix Labs passed over Alan Roe, head of the "
            "company's booming jet business, and Ann Moe, executive vice president of the enterprise business.")
    found = facts(extractor, text)
    globex = normalize_name("Globex Corp")
    assert not any(globex in (s, o) and {"alan roe", "ann moe"} & {s, o} for s, _, o in found)


# -- held-out news round 3: phrasings found in unseen business news (invented sentences) -------------

def test_a_dateline_is_not_the_subject(extractor):
    found = facts(extractor, "HOUSTON (AP) -- Zentrix Labs said Thursday it has agreed to acquire Globex Corp "
                             "for $690 million.")
    assert has(found, "Zentrix Labs", "acquired", "Globex Corp")
    assert not any(s in ("ap", "houston") for s, _, _ in found)


def test_an_organizations_person_works_there(extractor):
    found = facts(extractor, "The new board members were Mr. Doe and also Kestrel Capital's Michael Moe.")
    assert has(found, "Michael Moe", "worksAt", "Kestrel Capital")


@pytest.mark.parametrize("text, works", [
    ('"We are excited," said Shaun Moe, partner at Kestrel Capital, in a statement.', True),
    ("Shaun Moe, a partner in Kestrel Capital, spoke.", True),
    ("Shaun Moe is a partner of Kestrel Capital.", False),
])
def test_a_partner_at_a_firm_works_there(extractor, text, works):
    assert has(facts(extractor, text), "Shaun Moe", "worksAt", "Kestrel Capital") is works


def test_partners_names_joined_by_ampersand_continue_a_firms_name(extractor):
    text = "Ray Moe, managing partner at Kleiner Perkins Caufield & Byers, was named chairman."
    assert "Kleiner Perkins Caufield & Byers" in mentions(extractor, text)
    found = facts(extractor, text)
    assert has(found, "Ray Moe", "worksAt", "Kleiner Perkins Caufield & Byers")
    assert not has(found, "Ray Moe", "worksAt", "Byers")


@pytest.mark.parametrize("text, investors, target", [
    ("Zentrix Labs raised $40 million from Kestrel Ventures and Globex Capital.",
     ("Kestrel Ventures", "Globex Capital"), "Zentrix Labs"),
    ("On Thursday, Zentrix Labs announced it had secured $25 million in funding from Kestrel Ventures.",
     ("Kestrel Ventures",), "Zentrix Labs"),
    ("In 1998 Kestrel Ventures put money into Zentrix Labs.", ("Kestrel Ventures",), "Zentrix Labs"),
])
def test_money_raised_from_or_put_into_is_an_investment(extractor, text, investors, target):
    found = facts(extractor, text)
    for investor in investors:
        assert has(found, investor, "investedIn", target)


def test_a_call_from_a_firm_is_no_investment(extractor):
    assert not any(p == "investedIn" for _, p, _ in facts(
        extractor, "Zentrix Labs received a call from Kestrel Ventures."))


@pytest.mark.parametrize("text, pairs_", [
    ("Zentrix Labs also extended other partnerships, some with Globex Corp rivals like Initech Inc and Kestrel "
     "Systems.", [("Globex Corp", "Initech Inc"), ("Globex Corp", "Kestrel Systems")]),
    ("Zentrix Labs agreed to buy the operations of a Dutch rival, Globex Corp, for $1 billion.",
     [("Zentrix Labs", "Globex Corp")]),
    ("Zentrix Labs, one of the biggest challengers to Globex Corp's dominance, grew fast.",
     [("Zentrix Labs", "Globex Corp")]),
])
def test_whose_rivals(extractor, text, pairs_):
    found = facts(extractor, text)
    for a, b in pairs_:
        assert has(found, a, "rivalOf", b)
    if "some with" in text:
        assert not has(found, "Zentrix Labs", "rivalOf", "Initech Inc")


def test_a_weekday_glued_to_a_name_is_no_part_of_it(extractor):
    from spacy.tokens import Span

    from graph.mentions import _clean

    doc = extractor.nlp("IBM and Kestsoft Wednesday formed an alliance.")
    start, end = _clean(Span(doc, 2, 4, label="ORG"), doc)  # what NER sometimes reads
    assert doc[start:end].text == "Kestsoft"


def test_a_one_word_name_has_one_type_in_an_article(extractor):
    from graph.mentions import Mention, _one_type_per_name

    doc = extractor.nlp("Kestsoft grew. Kestsoft hired Anna Georgia. Georgia spoke in Georgia. Kestsoft won.")
    raw = [Mention(0, 1, "Kestsoft", "Organization"), Mention(3, 4, "Kestsoft", "Person"),
           Mention(5, 7, "Anna Georgia", "Person"), Mention(8, 9, "Georgia", "Organization"),
           Mention(11, 12, "Georgia", "Place"), Mention(13, 14, "Kestsoft", "Place")]
    _one_type_per_name(raw, doc)
    assert [m.type for m in raw] == ["Organization", "Organization", "Person", "Organization", "Place",
                                     "Organization"]


def test_a_vice_president_with_a_hyphen_leads_nothing(extractor):
    found = facts(extractor, '"The help will enable us," said Ge Lin, vice-president of Zentrix Labs.')
    assert has(found, "Ge Lin", "worksAt", "Zentrix Labs") and not has(found, "Zentrix Labs", "ledBy", "Ge Lin")


def test_applications_for_a_platform_are_not_the_platform(extractor):
    found = facts(extractor, "Zentrix Labs has been making moves to develop Linux applications.")
    assert not has(found, "Linux", "productOf", "Zentrix Labs")


def test_a_coordinated_subject_the_parser_broke(extractor):
    found = facts(extractor, "US information technology giant IBM and Chinese software firm Kestsoft Wednesday "
                             "formed an alliance to develop office software.")
    assert has(found, "IBM", "partnersWith", "Kestsoft")
    assert not any(p == "ledBy" for _, p, _ in found)


@pytest.mark.parametrize("text", [
    "Now, instead of buying Globex Corp, Zentrix Labs is collaborating with the company.",
    "Rather than acquiring Globex Corp, Zentrix Labs invested in it.",
])
def test_instead_of_buying_is_no_acquisition(extractor, text):
    assert not has(facts(extractor, text), "Zentrix Labs", "acquired", "Globex Corp")


def test_not_this_person(extractor):
    found = facts(extractor, "The current chief executive of Zentrix Labs is Ton Roe, not Hans Moe, who stepped "
                             "down in April.")
    assert has(found, "Zentrix Labs", "ledBy", "Ton Roe")
    assert not has(found, "Zentrix Labs", "ledBy", "Hans Moe") and not has(found, "Hans Moe", "worksAt", "Zentrix Labs")


def test_a_unit_of_the_employer_before_at(extractor):
    found = facts(extractor, "Bob Moe, senior vice president of the Server and Tools Business Group at Zentrix Labs, "
                             "added a comment.")
    assert has(found, "Bob Moe", "worksAt", "Zentrix Labs")
    assert not any(o.endswith("business group") for _, _, o in found)


@pytest.mark.parametrize("text", [
    "This week the two companies, Zentrix Labs and Globex Corp, announced that they are now collaborating on "
    "products.",
    "One year after sealing their surprise alliance, Zentrix Labs and Globex Corp have announced an expansion.",
    # the parser may take the two names for an apposition of "alliance"
    "Two years after sealing their surprise alliance, Novell and Microsoft have announced a wider technical "
    "collaboration.",
    "In their latest effort, Zentrix Labs and Globex Corp will create a new chip and work jointly on software.",
    "Zentrix Labs and Globex Corp announced plans on Wednesday to work closer together.",
])
def test_plural_pronouns_and_joint_work(extractor, text):
    a, b = ("Novell", "Microsoft") if "Novell" in text else ("Zentrix Labs", "Globex Corp")
    assert has(facts(extractor, text), a, "partnersWith", b)


def test_their_partnership_ended_is_none(extractor):
    assert not any(p == "partnersWith" for _, p, _ in facts(
        extractor, "Zentrix Labs and Globex Corp said they had ended their partnership."))


# -- held-out news round 4 (invented sentences) ----------------------------------------------------------

def test_an_ex_prefix_is_no_company(extractor):
    text = "For example, Amazon hired Ruhi Moe, an ex-Microsoft employee who helped build Cortana."
    assert "ex" not in mentions(extractor, text)
    found = facts(extractor, text)
    assert has(found, "Ruhi Moe", "formerlyAt", "Microsoft")
    assert has(found, "Ruhi Moe", "worksAt", "Amazon")  # the hirer


def test_a_company_named_in_the_subjects_apposition_may_be_the_company_left(extractor):
    found = facts(extractor, "Jane Roe, a former Microsoft executive, left the company and ended up joining "
                             "Amazon's Alexa team after 21 years at Microsoft.")
    assert has(found, "Jane Roe", "formerlyAt", "Microsoft")
    assert has(found, "Jane Roe", "worksAt", "Amazon")  # a team is its company's; "ended up" ends nothing
    assert not has(found, "Jane Roe", "formerlyAt", "Amazon")


def test_a_corporate_vice_president(extractor):
    found = facts(extractor, "Ann Moe, a former CVP at Microsoft working on Windows 10, is now the VP of "
                             "eCommerce services at Zentrix Labs.")
    assert has(found, "Ann Moe", "formerlyAt", "Microsoft") and has(found, "Ann Moe", "worksAt", "Zentrix Labs")


def test_a_listed_company_that_is_a_first_name(extractor):
    # the stock listings know a company "Dave"; before a surname it is a first name
    found = facts(extractor, "Dave Treadwell, a former vice president at Microsoft, joined Zentrix Labs.")
    assert has(found, "Dave Treadwell", "formerlyAt", "Microsoft")
    assert "Dave" in mentions(extractor, "Dave raised its prices for members.", "Organization")


def test_deals_with_others_do_not_ally_the_dealers(extractor):
    found = facts(extractor, "Global equipment makers Zentrix Labs and Globex Corp secured new deals with "
                             "Chinese mobile network operators.")
    assert not has(found, "Zentrix Labs", "partnersWith", "Globex Corp")
    assert has(facts(extractor, "Zentrix Labs and Globex Corp signed a deal on Monday."),
               "Zentrix Labs", "partnersWith", "Globex Corp")


def test_the_company_as_subject_is_the_last_subject(extractor):
    found = facts(extractor, "Zentrix Labs chose Kestrel Systems for its network. On Monday, Globex Corp "
                             "announced it would roll out its network. The company is also partnering with Initech Inc.")
    assert has(found, "Globex Corp", "partnersWith", "Initech Inc")
    assert not has(found, "Zentrix Labs", "partnersWith", "Initech Inc")


@pytest.mark.parametrize("text", [
    "Zentrix Labs has signed 25 Memorandums of Understanding (MoUs) with operators including Britain's Initech "
    "Inc, Kestrel Systems (KS), France's Globex Corp and global player Acme Holdings.",
    "Zentrix Labs signed a contract with Globex Corp.",
])
def test_memorandums_and_contracts_are_deals(extractor, text):
    found = facts(extractor, text)
    assert has(found, "Zentrix Labs", "partnersWith", "Globex Corp")
    assert not any("understanding" in n or n.startswith("mou") for s, _, o in found for n in (s, o))
    if "including" in text:
        for org in ("Initech Inc", "Kestrel Systems", "Acme Holdings"):
            assert has(found, "Zentrix Labs", "partnersWith", org)


def test_a_kind_right_before_a_name_ner_missed_is_that_name(extractor):
    found = facts(extractor, "Anne Moe, one of the founders of the genetics company 23andMe, sat with Jane Roe "
                             "of Google.")
    assert not has(found, "Google", "ledBy", "Anne Moe")


def test_a_surname_is_no_company(extractor):
    found = facts(extractor, "Zentrix Labs CEO Stephen Elop held two briefings. In the first, Globex Corp CEO "
                             "Steve Ballmer joined Elop on stage.")
    assert not any(o == "elop" for _, _, o in found)


def test_a_place_before_an_owners_headquarters(extractor):
    found = facts(extractor, "A new research center will be built at Initech's Cambridge headquarters.")
    assert has(found, "Initech", "locatedIn", "Cambridge")


def test_based_after_a_state_abbreviation(extractor):
    assert [t.text for t in extractor.nlp("Raleigh, N.C.-based Red Hat")][2:5] == ["N.C.", "-", "based"]
    found = facts(extractor, "Jane Roe, CEO of Raleigh, N.C.-based Zentrix Labs, introduced Ann Lee.")
    assert has(found, "Zentrix Labs", "locatedIn", "Raleigh, N.C.") and has(found, "Zentrix Labs", "ledBy", "Jane Roe")
    assert not any(s == "raleigh" for s, _, _ in found)


def test_the_president_of_a_part_of_the_company_does_not_lead_it(extractor):
    found = facts(extractor, '"Today is a banner day," said Paul Moe, Zentrix Labs\' vice president and president '
                             'of products and technologies.')
    assert not has(found, "Zentrix Labs", "ledBy", "Paul Moe")
    found = facts(extractor, "Jane Roe, president of Zentrix Labs, spoke.")
    assert has(found, "Zentrix Labs", "ledBy", "Jane Roe")


def test_a_titled_source_is_named_not_hedged(extractor):
    found = facts(extractor, "But according to Globex Corp CFO, Patrick Moe, talk of a feud is a lot of hooey.")
    fact = get(found, "Patrick Moe", "worksAt", "Globex Corp")
    assert fact is not None and fact.certainty == "confirmed"
    found = facts(extractor, "According to a report, Zentrix Labs will buy Globex Corp.")
    assert get(found, "Zentrix Labs", "acquired", "Globex Corp").certainty == "reported"


@pytest.mark.parametrize("text", [
    "Zentrix Labs, Globex Corp and Initech Inc met on Monday. The three companies formed an alliance.",
    "Kestrel Systems signed deals with Zentrix Labs, Globex Corp and Initech Inc on Monday. Acme Holdings signed "
    "framework agreements with the three companies, according to media reports.",
])
def test_the_three_companies_are_the_last_three_named(extractor, text):
    found = facts(extractor, text)
    subject = "Acme Holdings" if "Acme" in text else None
    for org in ("Zentrix Labs", "Globex Corp", "Initech Inc"):
        if subject:
            assert has(found, subject, "partnersWith", org)
        else:
            assert any(has(found, org, "partnersWith", other) for other in ("Zentrix Labs", "Globex Corp", "Initech Inc")
                       if other != org)


def test_the_three_companies_after_a_list_of_two_are_no_one(extractor):
    found = facts(extractor, "Zentrix Labs and Globex Corp met on Monday. The three companies formed an alliance.")
    assert not any(p == "partnersWith" for _, p, _ in found)


def test_a_title_before_a_name_is_not_hedged_by_the_verb_above(extractor):
    found = facts(extractor, "Their relationship led him to ask Microsoft CTO Kevin Moe to visit Zentrix Labs.")
    assert get(found, "Kevin Moe", "worksAt", "Microsoft").certainty == "confirmed"
    found = facts(extractor, "Zentrix Labs could sign a partnership deal with Globex Corp.")
    assert get(found, "Zentrix Labs", "partnersWith", "Globex Corp").certainty == "reported"


# -- held-out news round 6 (invented sentences) ----------------------------------------------------------

@pytest.mark.parametrize("text, investors, target", [
    ("Zentrix Robotics raised $40 million in a Series B round led by Kestrel Capital.", ["Kestrel Capital"],
     "Zentrix Robotics"),
    ("Zentrix Robotics, led by Jane Roe, raised $40 million in a round led by Kestrel Capital.", ["Kestrel Capital"],
     "Zentrix Robotics"),
    ("Initech said its Series C funding round was led by Kestrel Capital, with participation from Hooli Ventures.",
     ["Kestrel Capital", "Hooli Ventures"], "Initech"),
    ("Kestrel Capital led the $40 million round in Zentrix Robotics.", ["Kestrel Capital"], "Zentrix Robotics"),
    ("Kestrel Capital led Initech's $200 million Series C.", ["Kestrel Capital"], "Initech"),
    ("Zentrix Robotics closed a $40 million Series B led by Kestrel Capital and Hooli Ventures.",
     ["Kestrel Capital", "Hooli Ventures"], "Zentrix Robotics"),
])
def test_the_investor_who_led_a_funding_round(extractor, text, investors, target):
    found = facts(extractor, text)
    for investor in investors:
        assert has(found, investor, "investedIn", target)
    assert not any(p == "ledBy" and o == normalize_name(investors[0]) for _, p, o in found)


def test_leading_what_is_no_round_is_no_investment(extractor):
    found = facts(extractor, "Kestrel Capital led the first round of talks with Globex Corp.")
    assert not any(p == "investedIn" for _, p, _ in found)
    found = facts(extractor, "Globex Corp said Initech Inc had joined a $10 million funding round led by Hooli Ventures.")
    assert not has(found, "Hooli Ventures", "investedIn", "Globex Corp")


def test_a_name_ending_in_robotics_is_a_company(extractor):
    assert "Zentrix Robotics" in mentions(extractor, "Zentrix Robotics, based in Austin, raised money.", "Organization")


@pytest.mark.parametrize("text, predicate", [
    ("John Moe, chief executive of Zentrix Labs, said his company will partner with Initech Inc.", "partnersWith"),
    ("Zentrix Labs CEO Jane Roe said her company is a rival of Initech Inc.", "rivalOf"),
])
def test_his_company_is_the_company_named_before_in_the_sentence(extractor, text, predicate):
    assert has(facts(extractor, text), "Zentrix Labs", predicate, "Initech Inc")


def test_his_company_with_no_company_before_is_no_one(extractor):
    found = facts(extractor, "Zentrix Labs hired Jane Roe. She said her company would partner with Initech Inc.")
    assert not any(p == "partnersWith" for _, p, _ in found)


def test_a_funding_round_with_others_participating(extractor):
    text = ("Zentrix Robotics has raised $50 million in Series B funding. Kestrel Capital led this latest "
            "funding round, with Hooli Ventures and existing investors like Initech Partners also participating.")
    found = facts(extractor, text)
    for investor in ("Kestrel Capital", "Hooli Ventures", "Initech Partners"):
        assert has(found, investor, "investedIn", "Zentrix Robotics")


def test_a_round_funded_by_investors_and_participation_after_including(extractor):
    found = facts(extractor, "Zentrix Labs brought in $9 million in a round funded by Hooli Ventures and Kestrel Capital.")
    assert has(found, "Hooli Ventures", "investedIn", "Zentrix Labs")
    assert has(found, "Kestrel Capital", "investedIn", "Zentrix Labs")
    found = facts(extractor, "Zentrix Labs said it has secured $530 million in a round led by Kestrel Capital and "
                             "including participation from Hooli Ventures, Vantor and Initech Partners.")
    for investor in ("Kestrel Capital", "Hooli Ventures", "Vantor", "Initech Partners"):
        assert has(found, investor, "investedIn", "Zentrix Labs")


def test_a_kind_of_company_before_a_name_makes_it_a_company(extractor):
    text = "The latest example is autonomous vehicle business Zorvane, a prospective challenger to Initech Inc."
    assert "Zorvane" in mentions(extractor, text, "Organization")
    assert "Carl Moe" in mentions(extractor, "Kestrel Capital partner Carl Moe will join the board.", "Person")


def test_a_partner_before_a_name_works_at_the_firm(extractor):
    assert has(facts(extractor, "Kestrel Capital partner Carl Moe will join the board."),
               "Carl Moe", "worksAt", "Kestrel Capital")
    assert has(facts(extractor, "Initech is a Cisco partner and reseller."), "Initech", "partnersWith", "Cisco")


LISTED_PEOPLE = ("That includes Chris Moe, a former CTO for self-driving cars at Zentrix Labs and the leader of "
                 "the company's robotics project, as well as Ann Roe, who previously led Initech's autopilot team, "
                 "and Drew Poe, a former member of the autonomous team at Hooli.")


def test_a_role_in_a_list_of_names_is_its_own_names(extractor):
    found = facts(extractor, LISTED_PEOPLE)
    assert has(found, "Chris Moe", "formerlyAt", "Zentrix Labs")
    assert has(found, "Drew Poe", "formerlyAt", "Hooli")
    assert has(found, "Ann Roe", "formerlyAt", "Initech")
    for person, org in (("Chris Moe", "Hooli"), ("Ann Roe", "Hooli"), ("Chris Moe", "Initech"), ("Drew Poe", "Initech")):
        assert not has(found, person, "formerlyAt", org)
    # the leader of the company's project leads the project, not the company
    assert not has(found, "Zentrix Labs", "ledBy", "Chris Moe")


def test_roles_sharing_one_organization_still_do(extractor):
    for text in ("Jane Roe, chairman of the board and CEO of Initech, spoke.",
                 "Jane Roe, chairman and chief executive of Initech, spoke."):
        assert has(facts(extractor, text), "Initech", "ledBy", "Jane Roe")


def test_leading_a_team_is_a_job_there(extractor):
    assert has(facts(extractor, "Jane Roe, who previously led Initech's chip team, spoke."),
               "Jane Roe", "formerlyAt", "Initech")
    assert not has(facts(extractor, "Jane Roe, who previously led Initech's chip team, spoke."),
                   "Initech", "ledBy", "Jane Roe")


def test_a_rival_named_in_a_refused_bid_is_still_a_rival(extractor):
    found = facts(extractor, "Initech on Thursday rejected a record $121 billion hostile bid from computer chip "
                             "rival Broadcom but offered to meet.")
    assert get(found, "Initech", "rivalOf", "Broadcom").certainty == "confirmed"
    assert not has(found, "Broadcom", "acquired", "Initech")
    assert not has(facts(extractor, "Initech and Globex Corp are not rivals."), "Initech", "rivalOf", "Globex Corp")


def test_a_role_whose_at_hangs_on_the_name(extractor):
    found = facts(extractor, "Jack Moe, founder and chief analyst at Moe Associates, said the deal is symbiotic.")
    assert has(found, "Moe Associates", "ledBy", "Jack Moe")
    assert has(found, "Jack Moe", "worksAt", "Moe Associates")


def test_co_founder_is_a_title_not_a_founding(extractor):
    found = facts(extractor, "Zentrix will continue as a standalone business, with current CEO Aicha Roe continuing "
                             "in her role, as well as CTO and co-founder Jesse Moe.")
    assert not any(s == normalize_name("Jesse Moe") and p == "ledBy" for s, p, _ in found)  # no company
    assert "CTO" not in mentions(extractor, "They kept CTO and co-founder Jesse Moe.", "Organization")


def test_former_title_of_two_companies(extractor):
    found = facts(extractor, "Initech on Tuesday announced former Amazon and Microsoft executive Marc Moe as its new CEO.")
    assert has(found, "Marc Moe", "formerlyAt", "Amazon")
    assert has(found, "Marc Moe", "formerlyAt", "Microsoft")
    assert has(found, "Initech", "ledBy", "Marc Moe")
    assert not has(found, "Microsoft", "ledBy", "Marc Moe")
    found = facts(extractor, "Amazon and Microsoft CEO Satya Moe met.")
    assert not has(found, "Amazon", "ledBy", "Satya Moe")


def test_announced_as_its_ceo_by_a_unit_named_in_the_subject(extractor):
    found = facts(extractor, "General Motors' Cruise autonomous vehicle unit on Tuesday announced former Amazon and "
                             "Microsoft executive Marc Moe as its new CEO.")
    assert has(found, "Cruise", "ledBy", "Marc Moe")
    assert not has(found, "Microsoft", "ledBy", "Marc Moe")


def test_an_ambiguous_alias_opening_a_sentence_before_a_title(extractor):
    # "Arm" is an ambiguous alias (matched only inside a sentence); the article names Arm before
    found = facts(extractor, "Intel and Arm will collaborate. Arm CEO Jane Moe acknowledged as much.")
    assert has(found, "Arm", "ledBy", "Jane Moe")
    found = facts(extractor, "Arm CEO Jane Moe acknowledged as much.")
    assert not any(p == "ledBy" for _, p, _ in found)


@pytest.mark.parametrize("text, org, person, predicate", [
    ("Chip giant Initech expects its acquisition of Zentrix Labs to pay off. Following the deal's close in "
     "February, CEO Dr. Jane Moe said that it would help.", "Initech", "Jane Moe", "ledBy"),
    ("Initech will continue as a standalone business, with current CEO Aicha Moe continuing in her role.",
     "Initech", "Aicha Moe", "ledBy"),
    ("Initech said the acquisition has been masterminded by COO Bret Moe.", "Initech", "Bret Moe", "worksAt"),
])
def test_a_bare_title_is_held_at_the_company_of_the_clause(extractor, text, org, person, predicate):
    found = facts(extractor, text)
    s, o = (org, person) if predicate == "ledBy" else (person, org)
    assert has(found, s, predicate, o)


def test_a_bare_title_with_no_company_around_is_no_one(extractor):
    assert not facts(extractor, "Former CEO Jane Moe said so.")
    assert not has(facts(extractor, "President Jane Moe met Initech staff."), "Initech", "ledBy", "Jane Moe")


def test_served_as_until_is_a_former_job(extractor):
    found = facts(extractor, "Jane Moe served as Initech's chief technology officer until the company was "
                             "acquired by Hooli Ventures in 2018.")
    assert has(found, "Jane Moe", "formerlyAt", "Initech")
    assert has(facts(extractor, "Jane Moe served as CEO of Initech."), "Jane Moe", "worksAt", "Initech")


# -- round 7 (invented sentences) ----------------------------------------------------------------------

@pytest.mark.parametrize("text, successor, predecessor", [
    ("Jane Moe succeeded Bret Moe as CEO of Initech in 2014.", "Jane Moe", "Bret Moe"),
    ("Jane Moe replaced Bret Moe as Initech's chief executive last year.", "Jane Moe", "Bret Moe"),
    ("Initech's CEO Bret Moe will be succeeded by Jane Moe.", "Jane Moe", "Bret Moe"),
    ("Jane Moe, who succeeded Bret Moe as Initech's chief executive, will retire.", "Jane Moe", "Bret Moe"),
])
def test_a_successor_and_a_predecessor_both_lead(extractor, text, successor, predecessor):
    found = facts(extractor, text)
    assert has(found, "Initech", "ledBy", successor)
    assert has(found, "Initech", "ledBy", predecessor)
    if "succeeded by" not in text:  # the role after "as" is the successor's
        assert not has(found, predecessor, "worksAt", "Initech")


def test_replacing_things_is_no_succession(extractor):
    found = facts(extractor, "Initech replaced its servers with new machines, Jane Moe said.")
    assert not any(p == "ledBy" for _, p, _ in found)


@pytest.mark.parametrize("text", [
    "Initech named Safra Moe chief executive.",
    "Initech appointed Safra Moe chief executive officer in January.",
])
def test_named_a_role_with_the_name_inside_the_role(extractor, text):
    found = facts(extractor, text)
    assert has(found, "Initech", "ledBy", "Safra Moe")
    assert has(found, "Safra Moe", "worksAt", "Initech")


@pytest.mark.parametrize("text, person", [
    ("Laurent Kratz is the CEO of Initech.", "Laurent Kratz"),  # a first name opening the sentence
    ("Bharat Masrani is the chief executive of Initech.", "Bharat Masrani"),  # a first name NER took for a nationality
])
def test_a_first_name_ner_left_out_is_part_of_the_name(extractor, text, person):
    assert has(facts(extractor, text), "Initech", "ledBy", person)


@pytest.mark.parametrize("text, name, type_", [
    ("Norwegian Cruise Line said on Monday it would add ships.", "Norwegian Cruise Line", "Organization"),
    ("The school is located in Palm Springs, Florida.", "Palm Springs", "Place"),
])
def test_an_ambiguous_alias_opening_a_longer_name_is_not_the_known_company(extractor, text, name, type_):
    found = mentions(extractor, text)
    assert name in mentions(extractor, text, type_)
    assert not {"Cruise", "Palm"} & set(found)


@pytest.mark.parametrize("text, org, place", [
    ("Kestrel Broadband, LLC is an industry-leading, privately held, Internet Service Provider based in Florida.",
     "Kestrel Broadband, LLC", "Florida"),
    # (a real name of a KnowledgeNet document, which NER does not take for a company, in a town changed)
    ("Champions Soccer Radio Network (CSRN) is a radio network based in Austin, Texas.",
     "Champions Soccer Radio Network", "Austin, Texas"),
])
def test_a_long_description_based_somewhere_is_its_subjects(extractor, text, org, place):
    assert has(facts(extractor, text), org, "locatedIn", place)


def test_a_description_based_somewhere_with_another_name_inside_is_no_ones(extractor):
    found = facts(extractor, "The Kitchener Panthers are a minor league baseball team of the Intercounty Baseball "
                             "League based in Kitchener, Ontario.")
    assert not has(found, "Kitchener Panthers", "locatedIn", "Kitchener")


def test_leaving_ahead_is_still_a_job(extractor):
    for text in ("Jane Moe will retire from Initech at the end of this year.",
                 "Jane Moe plans to step down as CEO of Initech."):
        found = facts(extractor, text)
        assert has(found, "Jane Moe", "worksAt", "Initech")
        assert not has(found, "Jane Moe", "formerlyAt", "Initech")


def test_a_products_ceo_heads_its_maker(extractor):
    found = facts(extractor, "PlayStation CEO and president Jane Moe will retire at the end of this year.")
    assert has(found, "Sony Interactive Entertainment", "ledBy", "Jane Moe")
    found = facts(extractor, "Azure CTO Bret Moe spoke.")  # a job at the maker, leading nothing
    assert has(found, "Bret Moe", "worksAt", "Microsoft")
    assert not has(found, "Microsoft", "ledBy", "Bret Moe")


def test_a_known_companys_regional_unit_is_its_own_company(extractor):
    assert "Sony Interactive Entertainment Europe" in mentions(
        extractor, "He was named the president and CEO of Sony Interactive Entertainment Europe in 2011.",
        "Organization")


def test_launching_products_in_a_job_is_no_founding(extractor):
    found = facts(extractor, "Jane Moe joined Initech in 1994 and has since held senior roles launching "
                             "PS2, PS3 and PS4.")
    assert not any(p == "ledBy" for _, p, _ in found)


@pytest.mark.parametrize("text, buyer, target", [
    ("Microsoft Corp. is scooping up Activision Blizzard Inc. for $69 billion.", "Microsoft", "Activision Blizzard"),
    ("Netflix has acquired video game creator Night School Studio.", "Netflix", "Night School Studio"),
    ("The deal follows the purchase of Bungie by Sony.", "Sony", "Bungie"),
])
def test_acquisitions_round_7(extractor, text, buyer, target):
    assert has(facts(extractor, text), buyer, "acquired", target)


@pytest.mark.parametrize("text, investor, target", [
    ("Tencent was to buy a 49.9 percent stake in Ubisoft.", "Tencent", "Ubisoft"),
    ("Stripe has taken in over $300 million in funding from Sequoia Capital, AmEx, and General Catalyst among others.",
     "General Catalyst", "Stripe"),
])
def test_a_stake_bought_and_money_taken_in(extractor, text, investor, target):
    found = facts(extractor, text)
    assert has(found, investor, "investedIn", target)
    assert not any(p == "acquired" for _, p, _ in found)


def test_a_title_ner_ran_a_company_into(extractor):
    found = facts(extractor, "Cylance Co-Founder and CEO Steve McClure said its workforce will fit within BlackBerry.")
    assert has(found, "Cylance", "ledBy", "Steve McClure")
    assert not has(found, "BlackBerry", "ledBy", "Steve McClure")


def test_company_before_a_title_and_chief_adjectives(extractor):
    found = facts(extractor, "Mastercard will keep buying, according to company president and chief executive "
                             "Ajay Banga.")
    assert has(found, "Mastercard", "ledBy", "Ajay Banga")
    found = facts(extractor, "Initech chief financial officer Jane Moe spoke.")  # "chief" alone leads nothing
    assert has(found, "Jane Moe", "worksAt", "Initech")
    assert not has(found, "Initech", "ledBy", "Jane Moe")


def test_an_investment_from_a_company(extractor):
    assert has(facts(extractor, "Darktrace announced a new investment from Sony."), "Sony", "investedIn", "Darktrace")


# -- round 8 (invented sentences) ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Jane Moe was formerly chief executive officer of Kestrel Labs.",
    "Jane Moe previously served as president of Kestrel Labs.",
    "Previously, Jane Moe was president of Kestrel Labs.",
])
def test_a_former_role_told_by_the_verb(extractor, text):
    found = facts(extractor, text)
    assert has(found, "Kestrel Labs", "ledBy", "Jane Moe")
    assert has(found, "Jane Moe", "formerlyAt", "Kestrel Labs")
    assert not has(found, "Jane Moe", "worksAt", "Kestrel Labs")


def test_once_a_person_becomes_ceo_is_no_former_role(extractor):
    found = facts(extractor, "Once Jane Moe becomes president of Kestrel Labs, she will move.")
    assert has(found, "Jane Moe", "worksAt", "Kestrel Labs")


def test_a_first_name_the_parser_took_for_a_noun(extractor):
    found = facts(extractor, "Iain Moe was formerly chief executive officer of FishPal Ltd.")
    assert has(found, "FishPal", "ledBy", "Iain Moe")


def test_what_a_person_resigned_from_is_an_organization(extractor):
    found = facts(extractor, "Jim Moe then resigned from Initech and founded Realty Advisory Group.")
    assert has(found, "Jim Moe", "formerlyAt", "Initech")
    assert has(found, "Realty Advisory Group", "ledBy", "Jim Moe")


def test_a_sentence_without_its_period_is_no_headline(extractor):
    # title case capitalizes every noun: a lowercase "subsidiary" says this is a sentence
    found = facts(extractor, "Brightmoor Realty Affiliates LLC is a subsidiary of Realogy")
    assert has(found, "Brightmoor Realty Affiliates", "subsidiaryOf", "Realogy")


def test_a_kind_named_before_it(extractor):
    found = facts(extractor, "In 2001, he founded the Civic Union party with Dana Tusk and Andrew Olek.")
    assert has(found, "Civic Union", "ledBy", "Dana Tusk")
    assert has(found, "Civic Union", "ledBy", "Andrew Olek")
    # a part of a company, or a thing it owns, is not the company
    assert not has(facts(extractor, "Kestrel Labs acquired the Nokia handset business."),
                   "Kestrel Labs", "acquired", "Nokia")


@pytest.mark.parametrize("text, predicate", [
    ("Brightline Systems, which Kestrel Labs bought in 2019, makes routers.", "acquired"),
    ("Brightline Systems, in which Kestrel Labs invested last year, makes routers.", "investedIn"),
])
def test_a_relative_pronoun_as_the_object(extractor, text, predicate):
    assert has(facts(extractor, text), "Kestrel Labs", predicate, "Brightline Systems")


def test_working_with_a_company_on_something(extractor):
    assert has(facts(extractor, "Kestrel Labs is working with Brightline Systems on a new chip."),
               "Kestrel Labs", "partnersWith", "Brightline Systems")
    assert not has(facts(extractor, "Kestrel Labs works with Brightline Systems."),
                   "Kestrel Labs", "partnersWith", "Brightline Systems")


@pytest.mark.parametrize("text", [
    "Kestrel Labs named Brightline Systems a preferred partner.",
    "Kestrel Labs chose Brightline Systems as its launch partner.",
])
def test_a_company_chosen_as_a_partner(extractor, text):
    assert has(facts(extractor, text), "Kestrel Labs", "partnersWith", "Brightline Systems")


def test_a_company_head_of_a_function_and_a_company_chief(extractor):
    found = facts(extractor, "Ann Lee, Kestrel Labs' head of AI, said the deal was good.")
    assert has(found, "Ann Lee", "worksAt", "Kestrel Labs")
    assert not has(found, "Kestrel Labs", "ledBy", "Ann Lee")
    assert has(facts(extractor, "Kestrel Labs chief Ann Lee said the deal was good."), "Kestrel Labs", "ledBy", "Ann Lee")


@pytest.mark.parametrize("text, now, before", [
    ("Kestrel Labs poached Ann Lee from Brightline Systems.", "Kestrel Labs", "Brightline Systems"),
    ("Ann Lee left Brightline Systems for Kestrel Labs.", "Kestrel Labs", "Brightline Systems"),
    ("Ann Lee spent a decade at Brightline Systems before joining Kestrel Labs.", "Kestrel Labs", "Brightline Systems"),
    ("Ann Lee, who previously ran marketing at Brightline Systems, joined Kestrel Labs in May.", "Kestrel Labs",
     "Brightline Systems"),
])
def test_moves_between_companies(extractor, text, now, before):
    found = facts(extractor, text)
    assert has(found, "Ann Lee", "worksAt", now)
    assert has(found, "Ann Lee", "formerlyAt", before)


def test_led_workshops_at_is_no_job(extractor):
    assert not facts(extractor, "Ann Lee has led workshops at Brightline Systems.")


def test_taking_the_helm(extractor):
    found = facts(extractor, "Ann Lee took the helm at Kestrel Labs in 2020.")
    assert has(found, "Kestrel Labs", "ledBy", "Ann Lee")


@pytest.mark.parametrize("text, product", [
    ("Kestrel Labs launched the Falcon 9 phone last year.", "Falcon 9"),
    ("Kestrel Labs, best known for its debut game, Skyward Sword, makes games.", "Skyward Sword"),
    ("Kestrel Labs' Falcon headset sold well.", "Falcon"),
    ("Kestrel Labs released Falcon, its new chatbot, on Monday.", "Falcon"),
    ("Falcon, the chatbot developed by Kestrel Labs, is popular.", "Falcon"),
    ("Kestrel Labs, the maker of the Falcon drone, raised money.", "Falcon"),
    ("Kestrel Labs' flagship product, Falcon, is used by banks.", "Falcon"),
    ("Kestrel Labs' sturdy Pink prototype was shelved.", "Pink"),
])
def test_a_product_named_by_its_noun(extractor, text, product):
    found = facts(extractor, text)
    assert has(found, product, "productOf", "Kestrel Labs")
    assert not has(found, "Kestrel Labs", "productOf", "Kestrel Labs")


def test_a_person_by_a_noun_for_people_too_stays_a_person(extractor):
    found = facts(extractor, "Kestrel Labs' assistant, Jane Roe, said no.")
    assert not any(p == "productOf" for _, p, _ in found)


@pytest.mark.parametrize("text", [
    "Kestrel Labs takes on Brightline Systems in the cloud market.",
    "Kestrel Labs is vying with Brightline Systems for customers.",
    "The move puts Kestrel Labs in direct competition with Brightline Systems.",
])
def test_rivalry_phrasings_round_8(extractor, text):
    assert has(facts(extractor, text), "Kestrel Labs", "rivalOf", "Brightline Systems")


def test_taking_on_a_client_is_no_rivalry(extractor):
    assert not facts(extractor, "Kestrel Labs took on Brightline Systems as a client.")


@pytest.mark.parametrize("text, investor", [
    ("Investors in Brightline Systems include Kestrel Capital and Acme Ventures.", "Acme Ventures"),
    ("Brightline Systems counts Kestrel Capital among its investors.", "Kestrel Capital"),
    ("Brightline Systems, whose backers include Kestrel Capital, raised money.", "Kestrel Capital"),
    ("Kestrel Capital is an investor in Brightline Systems.", "Kestrel Capital"),
    ("Kestrel Capital, an early backer of Brightline Systems, said no.", "Kestrel Capital"),
    ("Kestrel Capital and Acme Ventures also participated in the round for Brightline Systems.", "Acme Ventures"),
    ("Brightline Systems raised $40 million. Kestrel Capital also participated in the round.", "Kestrel Capital"),
])
def test_investors_named_as_such(extractor, text, investor):
    assert has(facts(extractor, text), investor, "investedIn", "Brightline Systems")


def test_a_first_name_shares_the_surname_after_it(extractor):
    found = facts(extractor, "Brightline Systems was founded by brothers Patrick and John Collison in 2010.")
    assert has(found, "Brightline Systems", "ledBy", "Patrick Collison")
    assert has(found, "Brightline Systems", "ledBy", "John Collison")
    # a surname already given is that person's, not a first name
    found = facts(extractor, "Ann Smith joined. Later, Smith and John Doe founded Brightline Systems.")
    assert has(found, "Brightline Systems", "ledBy", "Ann Smith")
    assert not has(found, "Brightline Systems", "ledBy", "Smith Doe")


def test_a_curly_possessive_ner_ran_into_a_name(extractor):
    found = facts(extractor, "Brightline’s Mike Lynch said the deal was done.")
    assert has(found, "Mike Lynch", "worksAt", "Brightline")
    # a company's own possessive name stays whole
    assert "Sotheby's International Realty" in {f.subject.name.replace("’", "'") for f in facts(
        extractor, "Sotheby’s International Realty is a subsidiary of Realogy.").values()}


def test_a_startup_founded_by_people_described_by_their_past(extractor):
    found = facts(extractor, "Kestrel AI, the AI startup founded by former OpenAI executives Dario and Daniela Moe, "
                             "is backed by Amazon and Google.")
    assert has(found, "Kestrel AI", "ledBy", "Daniela Moe")
    assert has(found, "Daniela Moe", "formerlyAt", "OpenAI")


@pytest.mark.parametrize("text", [
    "Kestrel Labs has named Carl Moe co-CEO.",
    "Carl Moe, co-CEO of Kestrel Labs, said no.",
])
def test_a_co_ceo_leads(extractor, text):
    assert has(facts(extractor, text), "Kestrel Labs", "ledBy", "Carl Moe")


def test_money_in_euros_from_listed_investors(extractor):
    found = facts(extractor, "Paris-based startup Kestrel AI raised 600 million euros from investors including "
                             "General Catalyst and Lightspeed.")
    assert has(found, "Lightspeed", "investedIn", "Kestrel AI")
    assert has(found, "Kestrel AI", "locatedIn", "Paris")


def test_a_chief_named_by_a_company_ner_missed(extractor):
    found = facts(extractor, "Polestar, the Swedish EV maker controlled by Geely, appointed Michael Moe as CEO.")
    assert has(found, "Polestar", "ledBy", "Michael Moe")
    assert not any(s == "ev" or o == "ev" for s, _, o in found)  # an acronym of a thing is no company
    # the one who appoints is not the one appointed
    found = facts(extractor, "Michael Moe appointed Ann Lee as CEO of Kestrel Labs.")
    assert has(found, "Kestrel Labs", "ledBy", "Ann Lee")
    assert not has(found, "Kestrel Labs", "ledBy", "Michael Moe")


def test_a_known_company_before_capitals_is_another_company(extractor):
    found = facts(extractor, "Hyundai and Kia signed a memorandum of understanding with Samsung SDI.")
    assert has(found, "Kia", "partnersWith", "Samsung SDI")
    assert not has(found, "Hyundai", "partnersWith", "Kia")


def test_a_project_is_a_product_and_a_largest_shareholder_invested(extractor):
    assert has(facts(extractor, "The satellites will serve Amazon's Project Kestrel."),
               "Project Kestrel", "productOf", "Amazon")
    assert has(facts(extractor, "Rivian, which counts Amazon as its largest shareholder, delivered 50,000 vehicles."),
               "Amazon", "investedIn", "Rivian")


def test_a_bare_short_name_after_the_full_one(extractor):
    text = ("Tesla is bigger. The fund backed Lumen Motors on Monday, ending speculation over whether Lumen would "
            "survive. Lumen is one of many start-ups trying to copy Tesla. The company says its mission is to "
            "inspire. Sam Moe, its chief executive, spoke.")
    found = facts(extractor, text)
    assert has(found, "Lumen Motors", "ledBy", "Sam Moe")
    assert not has(found, "Tesla", "ledBy", "Sam Moe")


def test_hiring_a_boss_is_not_being_one(extractor):
    found = facts(extractor, "Kestrel Labs CEO Jeff Moe has hired the former boss of Brightline Systems.")
    assert has(found, "Kestrel Labs", "ledBy", "Jeff Moe")
    assert not any(o == "jeff moe" and s != "kestrel labs" for s, p, o in found if p == "ledBy")


def test_the_appointment_of_a_person_to_lead(extractor):
    found = facts(extractor, "Bezos announced the appointment of Rajeev Moe, a former SpaceX executive, to lead Kestrel Labs.")
    assert has(found, "Kestrel Labs", "ledBy", "Rajeev Moe")
    assert not has(found, "Kestrel Labs", "ledBy", "Bezos")


def test_initials_and_a_surname_in_a_persons_slot(extractor):
    found = facts(extractor, "TJ Varga, founder and chief executive of Kestrel Labs, said no.")
    assert has(found, "Kestrel Labs", "ledBy", "TJ Varga")


def test_a_role_for_a_companys_product_is_a_job_at_the_company(extractor):
    found = facts(extractor, "Peter Moe was previously the chief engineer for Ford’s Falcon S.")
    assert has(found, "Peter Moe", "formerlyAt", "Ford")


@pytest.mark.parametrize("text, triple", [
    ("The deal provides financing for Brightline-rival Kestrel Motors.", ("Kestrel Motors", "rivalOf", "Brightline")),
    ("China-headquartered electric vehicle (EV) manufacturer Brightline Motors Inc. has announced a deal.",
     ("Brightline Motors", "locatedIn", "China")),
    ("Kestrel Motors completed a $1.3bn financing round that included Acme Ventures and Amazon.",
     ("Acme Ventures", "investedIn", "Kestrel Motors")),
    ("Acme Ventures paid $350m for a 10% stake in Kestrel Motors in September.",
     ("Acme Ventures", "investedIn", "Kestrel Motors")),
])
def test_round_8_hyphens_rounds_and_stakes(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_a_things_acronym_in_parentheses_is_no_product(extractor):
    found = facts(extractor, "Founded in 2009, Kestrel Motors is developing an all-electric sports utility vehicle (SUV).")
    assert not has(found, "SUV", "productOf", "Kestrel Motors")


def test_each_backed_name_has_its_own_backer(extractor):
    found = facts(extractor, "Several AI startups like Microsoft-backed Kestrel AI and Google-backed Brightline have "
                             "raised funds.")
    assert has(found, "Microsoft", "investedIn", "Kestrel AI")
    assert not has(found, "Google", "investedIn", "Kestrel AI")


def test_joining_forces_in_an_acquisition_is_no_partnership(extractor):
    found = facts(extractor, 'After "advanced" talks about an acquisition, Kestrel Labs and Brightline Systems '
                             "announced Tuesday that they are joining forces.")
    assert not has(found, "Kestrel Labs", "partnersWith", "Brightline Systems")


def test_a_description_object_is_not_its_own_clause_subject(extractor):
    found = facts(extractor, "Brightline is popular. Kestrel Labs says it is acquiring the decade-old office-chat "
                             "app company for $27.7 billion.")
    assert has(found, "Kestrel Labs", "acquired", "Brightline")


def test_years_spent_as_ceo_are_past(extractor):
    found = facts(extractor, "Before joining Kestrel Labs, Jane Moe spent about six years as CEO of Brightline Systems.")
    assert has(found, "Brightline Systems", "ledBy", "Jane Moe")
    assert has(found, "Jane Moe", "formerlyAt", "Brightline Systems")


def test_a_cofounder_and_a_company_ner_took_for_other_things(extractor):
    found = facts(extractor, "Pemberton co-founded Brisco with Caterina Fake in 2004.")
    assert has(found, "Brisco", "ledBy", "Caterina Fake")


def test_a_product_called_by_name(extractor):
    found = facts(extractor, "QuantaML, staffed with semiconductor veterans, has built a program called Lattice.")
    assert has(found, "Lattice", "productOf", "QuantaML")


def test_a_chief_exec(extractor):
    assert has(facts(extractor, "Kestrel Labs chief exec Bill Moe spoke."), "Kestrel Labs", "ledBy", "Bill Moe")


def test_a_title_before_a_name_ner_took_for_a_company(extractor):
    found = facts(extractor, "Ann Roe, 65, is being succeeded by former Google ad chief Sridhar Varga, who joined "
                             "Kestrel Labs in June via the company’s $185 million purchase of Zentrix.")
    assert has(found, "Sridhar Varga", "formerlyAt", "Google")
    assert has(found, "Sridhar Varga", "worksAt", "Kestrel Labs")
    # the company whose purchase it was is the one joined, not the former employer
    assert has(found, "Kestrel Labs", "acquired", "Zentrix")
    assert not has(found, "Google", "acquired", "Zentrix")


def test_a_bare_name_before_motor_company_is_the_same_company(extractor):
    found = facts(extractor, "Kestrel completed a round that included Brightline Motor Company. "
                             "Brightline invested $500m in Kestrel in April.")
    assert {s for s, p, o in found if p == "investedIn"} == {normalize_name("Brightline Motor Company")}


@pytest.mark.parametrize("text, person, kind", [
    ("Kestrel Labs CEO Satya Moe, CFO Amy Lenz and COO Ann Varga spoke.", "Ann Varga", "worksAt"),
    ("Kestrel Labs CEO Satya Moe and CFO Amy Lenz spoke.", "Amy Lenz", "worksAt"),
    ("Kestrel Labs chair Dominique Moe and CEO Eva Lenz said no.", "Eva Lenz", "ledBy"),
])
def test_titled_names_listed_share_the_company(extractor, text, person, kind):
    found = facts(extractor, text)
    assert has(found, "Kestrel Labs", "ledBy", person) if kind == "ledBy" else has(found, person, "worksAt", "Kestrel Labs")
    assert not has(found, "Kestrel Labs", "ledBy", "Amy Lenz")


def test_funds_managed_by_a_firm_and_the_round_told_before(extractor):
    found = facts(extractor, "Kestrel raised $1.3bn. Funds and accounts advised by asset management firm Brightline "
                             "Partners led the round, which also featured funds managed by Acme Capital.")
    assert has(found, "Brightline Partners", "investedIn", "Kestrel")
    assert has(found, "Acme Capital", "investedIn", "Kestrel")
    assert not facts(extractor, "Kestrel Labs played golf. Brightline Partners led the round.")


def test_products_listed_as_examples_of_a_companys_products(extractor):
    found = facts(extractor, "The plant will power Kestrel's latest electric vehicles, including the Falcon EV, the "
                             "Sierra EV and the Lyra.")
    assert has(found, "Falcon EV", "productOf", "Kestrel")
    assert has(found, "Lyra", "productOf", "Kestrel")
    assert not facts(extractor, "Kestrel's players, including Jane Roe and Ann Lee, won.")


# -- round 9 (invented sentences) ----------------------------------------------------------------------


def test_a_word_opening_the_sentence_named_by_its_kind(extractor):
    # (the small tagger takes the unknown word for a common noun, and NER finds no name)
    found = facts(extractor, "Bidhaa is a diversified agro-processing company based in Arusha, Tanzania engaged "
                             "in maize milling.")
    assert has(found, "Bidhaa", "locatedIn", "Arusha, Tanzania")


def test_companies_working_with_one_are_not_partners_of_each_other(extractor):
    found = facts(extractor, "Nokia, Intel, Qualcomm and Fujitsu are also working with the operator.")
    assert not has(found, "Nokia", "partnersWith", "Intel")
    assert has(facts(extractor, "Nokia and Intel are working together."), "Nokia", "partnersWith", "Intel")


def test_a_news_sites_dateline_is_no_subject(extractor):
    found = facts(extractor, "Marketnews.com -- Kestrel Labs (NASDAQ:KSTL) has acquired a 9% stake in Brightline "
                             "Systems (AS:BRT), becoming its largest shareholder.")
    assert has(found, "Kestrel Labs", "investedIn", "Brightline Systems")
    assert not has(found, "Marketnews.com", "investedIn", "Brightline Systems")


@pytest.mark.parametrize("source, certainty", [
    ("a filing on Monday", "confirmed"), ("a company statement", "confirmed"), ("a report", "reported"),
    ("people familiar with the matter", "reported"),
])
def test_according_to_the_record_is_confirmed(extractor, source, certainty):
    found = facts(extractor, f"Kestrel Labs has acquired Brightline Systems, according to {source}.")
    assert get(found, "Kestrel Labs", "acquired", "Brightline Systems").certainty == certainty


@pytest.mark.parametrize("text", [
    "Prior to joining Kestrel Labs, Ann Varga held a senior position at Brightline Systems.",
    "Before founding Kestrel Labs in 2010, Ann Varga was head of sales at Brightline Systems.",
])
def test_a_job_before_joining_is_a_former_one(extractor, text):
    found = facts(extractor, text)
    assert has(found, "Ann Varga", "formerlyAt", "Brightline Systems")
    assert not has(found, "Ann Varga", "worksAt", "Brightline Systems")


def test_the_head_of_a_part_of_the_company_works_there(extractor):
    found = facts(extractor, "Jim Poe, Kestrel Labs' network head, said the design was open.")
    assert has(found, "Jim Poe", "worksAt", "Kestrel Labs")
    assert not has(found, "Kestrel Labs", "ledBy", "Jim Poe")
    assert has(facts(extractor, "Kestrel Labs chief Ann Lee spoke."), "Kestrel Labs", "ledBy", "Ann Lee")


def test_a_one_word_possessor_of_a_person_is_an_organization(extractor):
    text = "The startup is set to raise more money. Sky's Mark Kleinman first reported news of the funding."
    assert has(facts(extractor, text), "Mark Kleinman", "worksAt", "Sky")
    # (not a person's possessive after the person is named in full)
    assert not facts(extractor, "Elon Musk spoke. Musk's Jared Birchall said no.")


def test_a_kind_ner_ran_into_a_name(extractor):
    text = "Challenger bank Novabank is close to raising a second extension to its June funding round."
    assert mentions(extractor, text, "Organization") == {"Novabank"}


def test_a_fronted_participle_without_object_is_passive(extractor):
    found = facts(extractor, "Founded in 2015, Zumzo will bring in new funding from Octavian Capital.\n\n"
                             "London-based challenger bank Zumzo is closing an extension.")
    assert has(found, "Zumzo", "locatedIn", "London")


def test_invested_into(extractor):
    assert has(facts(extractor, "Brightline Ventures invested into Kestrel Labs last year."),
               "Brightline Ventures", "investedIn", "Kestrel Labs")


def test_the_company_behind_a_product(extractor):
    found = facts(extractor, "Kestrel Labs, the startup behind the Falcon chatbot, raised money.")
    assert has(found, "Falcon", "productOf", "Kestrel Labs")
    assert not any(p == "productOf" for _, p, _ in facts(
        extractor, "Kestrel Labs, the firm behind the attack, is based in Boston."))


def test_the_company_a_relative_clause_says_was_acquired(extractor):
    found = facts(extractor, "Kestrel Labs put its models into Zentrix Systems, the speech company it acquired in 2022.")
    assert has(found, "Kestrel Labs", "acquired", "Zentrix Systems")


def test_a_kind_of_organization_in_a_place(extractor):
    found = facts(extractor, "The deal gives Kestrel Labs access to Advance Medical, a virtual care provider in Spain.")
    assert has(found, "Advance Medical", "locatedIn", "Spain")
    assert not facts(extractor, "Jane Roe is a developer in Boston.")


def test_whose_product_without_a_relative_clause(extractor):
    found = facts(extractor, "Kestrel Labs, whose core banking platform, Vault, is popular, grew.")
    assert has(found, "Vault", "productOf", "Kestrel Labs")


@pytest.mark.parametrize("text", ["AT&T Inc. will tap Ericsson AB to modernize its US wireless network.",
                                  "AT&T Inc. picked Ericsson AB to supply its radios."])
def test_a_company_chosen_for_a_job(extractor, text):
    assert has(facts(extractor, text), "AT&T", "partnersWith", "Ericsson AB")


def test_a_product_chosen_is_no_partner(extractor):
    assert not facts(extractor, "Kestrel Labs chose Brightline's Vault to power its bank.")


def test_a_contender_against_giants(extractor):
    found = facts(extractor, "Samsung has emerged as a strong RAN contender against network giants Ericsson, "
                             "Nokia and ZTE.")
    assert has(found, "Samsung", "rivalOf", "Nokia") and has(found, "Samsung", "rivalOf", "ZTE")


def test_a_rival_without_complement_is_the_topics(extractor):
    found = facts(extractor, "Affirm has joined JPMorgan Chase’s payments network. Just last month, Klarna, a key "
                             "rival in the BNPL market, secured a similar deal with JPMorgan.")
    assert has(found, "Klarna", "rivalOf", "Affirm")
    assert has(found, "Klarna", "partnersWith", "JPMorgan Chase")  # (the gazetteer's company, named short)
    assert not any("bnpl" in (s, o) for s, _, o in found)


def test_a_largest_stakeholder_in_a_list_taken_for_an_apposition(extractor):
    found = facts(extractor, "Breen worked at Brightline Capital, Abu Dhabi's sovereign wealth fund and "
                             "Kestrel Labs' largest stakeholder.")
    assert has(found, "Brightline Capital", "investedIn", "Kestrel Labs")


def test_a_models_code_after_a_product_line(extractor):
    found = facts(extractor, "Samsung shipped phones. Dish Wireless is using the Samsung Galaxy S22 smartphone.")
    assert has(found, "Samsung Galaxy S22", "productOf", "Samsung")


def test_a_curly_possessive_parsed_as_a_modifier(extractor):
    found = facts(extractor, "The technique is used in cutting-edge chips, such as AMD’s X3D processors.")
    assert has(found, "X3D", "productOf", "AMD")


def test_the_company_of_a_relative_clauses_subject_is_no_antecedent(extractor):
    found = facts(extractor, "Kestrel Labs makes banking software. Notable among its customers is UK banking group "
                             "Lloyds, which bought a 10 per cent stake in the company in 2018.")
    assert has(found, "Lloyds", "investedIn", "Kestrel Labs")


def test_a_titles_field_before_at_and_the_employer(extractor):
    found = facts(extractor, "“It’s evidence of a hyper-competitive market,” said Ben Danner, Senior Analyst of "
                             "Credit and Commercial at Javelin Strategy & Research.")
    assert has(found, "Ben Danner", "worksAt", "Javelin Strategy & Research")


def test_a_title_running_into_a_name_is_no_apposition(extractor):
    found = facts(extractor, "“A huge thank you to [Changpeng “CZ” Zhao], Binance, and all of our supporters,” "
                             "Kestrel Labs founder and CEO Sam Roe said in a tweet.")
    assert has(found, "Kestrel Labs", "ledBy", "Sam Roe")
    assert not has(found, "Kestrel Labs", "ledBy", "Changpeng “CZ” Zhao")


@pytest.mark.parametrize("text", ["Notably, Klarna replaced Affirm as the BNPL provider for Walmart last week.",
                                  "Klarna is the main supplier to Walmart."])
def test_a_supplier_for_a_company(extractor, text):
    found = facts(extractor, text)
    assert has(found, "Klarna", "partnersWith", "Walmart")
    assert not has(found, "Klarna", "partnersWith", "Affirm")
    assert not facts(extractor, "Kestrel Labs is a provider of cloud services.")


def test_a_one_word_person_in_a_companys_deal(extractor):
    found = facts(extractor, "Kestrel Labs sells core banking software to banks. It recently sealed a deal with "
                             "pan-European banking service Monese, too.")
    assert has(found, "Kestrel Labs", "partnersWith", "Monese")


def test_an_archrival_and_a_war_between_players(extractor):
    assert has(facts(extractor, "Arista Networks, the archrival of Cisco, grew."), "Arista Networks", "rivalOf", "Cisco")
    found = facts(extractor, "It sparked a major war in the IT industry between players like Red Hat, VMware, and Citrix.")
    assert has(found, "Red Hat", "rivalOf", "Citrix") and has(found, "VMware", "rivalOf", "Citrix")


def test_a_veteran_works_there_until_moving_on(extractor):
    assert has(facts(extractor, "Infosys veteran Mohit Joshi spoke."), "Mohit Joshi", "worksAt", "Infosys")
    found = facts(extractor, "Infosys veteran Mohit Joshi took over as Tech Mahindra CEO in December 2023.")
    assert has(found, "Mohit Joshi", "formerlyAt", "Infosys")
    assert has(found, "Tech Mahindra", "ledBy", "Mohit Joshi")


def test_a_role_taken_over_alone_is_at_the_company_the_text_is_about(extractor):
    found = facts(extractor, "Wipro said on Friday its CEO had resigned. Srinivas Pallia, a 32 year veteran of the "
                             "company, will take over as CEO and managing director from April 7.")
    assert has(found, "Wipro", "ledBy", "Srinivas Pallia")
    assert has(found, "Srinivas Pallia", "worksAt", "Wipro")


def test_taking_over_from_one_whose_clause_names_the_role(extractor):
    found = facts(extractor, "Kestrel board member Raul Fernandez is taking over from Mike Salvino, who had been "
                             "Kestrel president and CEO since 2019.")
    assert has(found, "Kestrel", "ledBy", "Raul Fernandez") and has(found, "Kestrel", "ledBy", "Mike Salvino")
    assert not any("board" in o for _, _, o in found)


def test_a_companys_board_is_the_company(extractor):
    found = facts(extractor, "Salil Parekh joined Infosys. He spent years serving on Capgemini's Executive Board.")
    assert has(found, "Salil Parekh", "worksAt", "Capgemini")
    assert not any("board" in o for _, _, o in found)


@pytest.mark.parametrize("text", ["Snap Inc. in June hired Eric Young from Google as its new head of engineering.",
                                  "Snap Inc. grew. It brought on Eric Young from Google to lead its Europe business."])
def test_hired_from_another_company_for_a_role(extractor, text):
    found = facts(extractor, text)
    assert has(found, "Eric Young", "formerlyAt", "Google")
    assert has(found, "Eric Young", "worksAt", "Snap Inc.")
    assert not has(found, "Eric Young", "worksAt", "Google")


def test_cofounded_without_a_hyphen(extractor):
    found = facts(extractor, "Green in 2009 cofounded The Trade Desk with Dave Pickles.")
    assert has(found, "Trade Desk", "ledBy", "Dave Pickles")


def test_a_threat_and_pitting_against(extractor):
    assert has(facts(extractor, "The Trade Desk is an increasing threat to Google."), "Trade Desk", "rivalOf", "Google")
    assert not facts(extractor, "Ransomware is a threat to Kestrel Labs.")
    found = facts(extractor, "The move pits NBCUniversal against tech giants like Google and Meta.")
    assert has(found, "NBCUniversal", "rivalOf", "Meta")


def test_joining_hands(extractor):
    assert has(facts(extractor, "Kestrel Labs and Zentrix Systems joined hands."),
               "Kestrel Labs", "partnersWith", "Zentrix Systems")


@pytest.mark.parametrize("text, triple", [
    ("ByteDance, TikTok’s Beijing-based owner, said no.", ("TikTok", "productOf", "ByteDance")),
    ("ABRY Partners and Berkshire Partners, Telx’s private equity owners, said no.",
     ("Berkshire Partners", "investedIn", "Telx")),
    ("Kestrel Labs is the owner of Zentrix Systems.", ("Zentrix Systems", "subsidiaryOf", "Kestrel Labs")),
])
def test_an_owner(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_investors_listed_as_examples(extractor):
    found = facts(extractor, "Some of ByteDance’s top investors, including General Atlantic and Sequoia, said no.")
    assert has(found, "General Atlantic", "investedIn", "ByteDance")


def test_backed_by_before_the_subject(extractor):
    assert has(facts(extractor, "Backed by Sequoia Capital, Kestrel Labs raised money."),
               "Sequoia Capital", "investedIn", "Kestrel Labs")


@pytest.mark.parametrize("text, triple", [
    ("The Apple iPad sold well.", ("iPad", "productOf", "Apple")),
    ("Lenovo's venerable PCs, including ThinkPad, sold well.", ("ThinkPad", "productOf", "Lenovo")),
    ("It competes with VMware's vCloud operating system.", ("vCloud", "productOf", "VMware")),
])
def test_products_by_their_makers_name(extractor, text, triple):
    assert has(facts(extractor, text), *triple)


def test_competing_head_to_head_with_a_companys_product(extractor):
    found = facts(extractor, "Piston is designing OpenStack software. It competes head to head with VMware's vCloud "
                             "operating system.")
    assert has(found, "Piston", "rivalOf", "VMware")


def test_a_name_in_apposition_across_a_clause_is_not_the_descriptions(extractor):
    found = facts(extractor, "The Sunnyvale, California-based company announced on Thursday that it raised $675 "
                             "million in Series B funding at a $2.6 billion valuation with investments from "
                             "Microsoft, OpenAI Startup Fund, NVIDIA, Jeff Bezos (through Bezos Expeditions), Parkway "
                             "Venture Capital, Intel Capital, Align Ventures, and ARK Invest.")
    assert not any(p == "locatedIn" for _, p, _ in found)


def test_investments_from_after_the_valuation(extractor):
    found = facts(extractor, "Kestrel Labs said that it raised $675 million in Series B funding at a $2.6 billion "
                             "valuation with investments from Microsoft, Nvidia and Parkway Venture Capital.")
    assert has(found, "Parkway Venture Capital", "investedIn", "Kestrel Labs")


def test_who_after_a_list_of_investors_is_the_person(extractor):
    found = facts(extractor, "Kestrel Labs has raised more than $50m from investors including Braavos, Lansdowne "
                             "Partners, Prosus Ventures and Hermann Hauser, who helped establish ARM.")
    assert has(found, "Braavos", "investedIn", "Kestrel Labs")
    assert has(found, "Prosus Ventures", "investedIn", "Kestrel Labs")
    assert has(found, "ARM", "ledBy", "Hermann Hauser") and not has(found, "ARM", "ledBy", "Braavos")


def test_a_majority_stake_is_an_acquisition(extractor):
    assert has(facts(extractor, "Hyundai acquired a majority stake in Boston Dynamics in 2021."),
               "Hyundai", "acquired", "Boston Dynamics")
    assert has(facts(extractor, "Kestrel Labs bought a 5% stake in Zentrix Systems."),
               "Kestrel Labs", "investedIn", "Zentrix Systems")


def test_a_kind_right_before_a_name_is_that_name(extractor):
    assert has(facts(extractor, "Zentrix has been acquired by US quantum company IonQ in a deal worth $1.1bn."),
               "IonQ", "acquired", "Zentrix")


def test_leading_as_an_adjective_founds_nothing(extractor):
    found = facts(extractor, "Microsoft and leading EMR supplier Epic on Monday announced a partnership. Oracle, "
                             "which acquired Epic’s main rival Cerner in 2022, is also working on it.")
    assert has(found, "Epic", "rivalOf", "Cerner")
    assert not has(found, "Oracle", "rivalOf", "Cerner")


def test_a_biggest_shareholder_is(extractor):
    found = facts(extractor, "Tokopedia's biggest shareholder is SoftBank, followed by Chinese e-commerce giant Alibaba.")
    assert has(found, "SoftBank", "investedIn", "Tokopedia") and has(found, "Alibaba", "investedIn", "Tokopedia")


def test_the_company_it_acquired_needs_a_name(extractor):
    found = facts(extractor, "DoorDash ended 2023 with 18 million members for DashPass. Lyft joined too. DashPass "
                             "grew with Wolt+, the subscription service of the Finnish delivery company it acquired.")
    assert not any(p == "acquired" for _, p, _ in found)


def test_succeeding_as_chief_executive(extractor):
    found = facts(extractor, "Alibaba said Tuesday that Daniel Zhang will step down. Eddie Wu, chairman of the "
                             "company’s e-commerce group, will succeed Daniel Zhang as chief executive.")
    assert has(found, "Alibaba", "ledBy", "Eddie Wu")
    found = facts(extractor, "As of December 2, 2016, Bob Collymore was the CEO; he succeeded Michael Joseph on "
                             "November 1, 2010, after Joseph's ten years as Kestrel Labs CEO.")
    assert has(found, "Kestrel Labs", "ledBy", "Michael Joseph")


def test_a_rival_opening_the_sentence(extractor):
    found = facts(extractor, "DoorDash grew. Rival Uber Technologies Inc. already offers a similar perk.")
    assert has(found, "DoorDash", "rivalOf", "Uber Technologies Inc.")


def test_joining_as_the_companys_next_ceo(extractor):
    found = facts(extractor, "Fidji Simo is set to join Instacart as the delivery service’s next CEO on August 2.")
    assert has(found, "Instacart", "ledBy", "Fidji Simo")


def test_based_stands_by_its_own_name(extractor):
    found = facts(extractor, "The region will see a three-way battle between Singapore-based Sea, Grab and the "
                             "newly formed Go To Group.")
    assert has(found, "Sea", "locatedIn", "Singapore") or has(found, "Sea Limited", "locatedIn", "Singapore")
    assert not has(found, "Grab", "locatedIn", "Singapore")
    assert not facts(extractor, "It is the largest deal between two Asia-based Internet and media services "
                                "companies to date.")


def test_a_name_ner_missed_named_by_its_kind_in_apposition(extractor):
    found = facts(extractor, "Figure AI, a startup working to build humanoid robots, got support from OpenAI. The "
                             "Sunnyvale, California-based company said it raised $675 million with investments from "
                             "Microsoft and Intel Capital.")
    assert has(found, "Figure AI", "locatedIn", "Sunnyvale, California")
    assert has(found, "Intel Capital", "investedIn", "Figure AI")
    assert not facts(extractor, "Jane Roe, a chemist, joined.")


def test_he_opening_a_sentence_is_the_subject_before(extractor):
    found = facts(extractor, "Mike Salvino had been Kestrel Labs CEO since 2019. Salvino will step down. Fernandez, "
                             "who like Salvino is 57 years old, is an experienced top executive. He founded Brightline "
                             "Systems in 1991.")
    assert has(found, "Brightline Systems", "ledBy", "Fernandez")
    assert not has(found, "Brightline Systems", "ledBy", "Mike Salvino")


def test_quitting_in_a_clause_about_another_company(extractor):
    found = facts(extractor, "Wipro named a new CEO. Industry leader Tata Consultancy Services promoted insider K "
                             "Krithivasan to CEO last year after Rajesh Gopinathan quit abruptly.")
    assert has(found, "Rajesh Gopinathan", "formerlyAt", "Tata Consultancy Services")
    assert not has(found, "Rajesh Gopinathan", "formerlyAt", "Wipro")


def test_a_known_company_is_no_short_form_of_its_unit(extractor):
    found = facts(extractor, "Google DeepMind grew. Suleyman co-founded DeepMind in 2010 and sold the company to "
                             "Google in 2014.")
    assert has(found, "Google", "acquired", "Google DeepMind")


def test_a_field_acronym_is_no_place(extractor):
    found = facts(extractor, "Cohere is an AI foundation model company. It grew.")
    assert not any(o == "ai" for _, p, o in found)
    assert "AI" not in mentions(extractor, "Anthropic agreed to co-develop AI computing systems with Google.")


def test_a_verb_opening_the_sentence_is_no_first_name(extractor):
    assert "Suleyman" in mentions(extractor, "Joining Suleyman – who co-founded DeepMind in 2010 – is Karén "
                                             "Simonyan.", "Person")


def test_a_datelines_agency_is_no_party(extractor):
    found = facts(extractor, "June 8 (Reuters) - Cohere, an AI foundation model company that competes with "
                             "Microsoft-backed OpenAI, said on Thursday it had raised $270 million in a funding round "
                             "from investors including Nvidia, Oracle and Salesforce Ventures.")
    assert not any("reuters" in (s, o) for s, _, o in found)
    assert has(found, "Salesforce Ventures", "investedIn", "Cohere")
    assert has(found, "Cohere", "rivalOf", "OpenAI")


def test_almost_joined_is_not_joined(extractor):
    assert not facts(extractor, "Sam Altman almost joined Microsoft amid his ouster.")


def test_a_bare_title_after_the_company_named_in_the_sentence(extractor):
    found = facts(extractor, "Kestrel Labs has secured new backing. Musk was a co-founder of OpenAI before leaving "
                             "in 2018 following disagreements with chief executive Sam Altman.")
    assert has(found, "OpenAI", "ledBy", "Sam Altman")
    assert not has(found, "Kestrel Labs", "ledBy", "Sam Altman")


def test_backing_from_investors(extractor):
    found = facts(extractor, "Elon Musk’s xAI has secured new backing from venture capital giants Lightspeed "
                             "Venture Partners, Andreessen Horowitz and Sequoia Capital.")
    assert has(found, "Sequoia Capital", "investedIn", "xAI")


def test_working_with_companies_to_do_something(extractor):
    found = facts(extractor, "The French company Mistral AI has also been working with Amazon and Google to "
                             "distribute its models.")
    assert has(found, "Mistral AI", "partnersWith", "Google")
    assert not facts(extractor, "Kestrel Labs works with Zentrix Systems.")


def test_companies_that_came_together_in_a_venture(extractor):
    found = facts(extractor, "It was originally founded in 2010 when Orange and Deutsche Telekom came together in "
                             "a 50:50 joint venture.")
    assert has(found, "Orange", "partnersWith", "Deutsche Telekom") \
        or has(found, "Orange S.A.", "partnersWith", "Deutsche Telekom")


def test_a_stake_in_which(extractor):
    found = facts(extractor, "Kestrel Labs, in which John Malone’s Liberty Broadband owns a big stake, grew.")
    assert has(found, "Liberty Broadband", "investedIn", "Kestrel Labs")


def test_shareholders_named_after_the_word(extractor):
    found = facts(extractor, "BT has reached an agreement to purchase mobile operator EE. BT explained that the "
                             "takeover will involve current EE shareholders Orange and Deutsche Telekom selling 100 "
                             "per cent of their shares.")
    assert has(found, "Deutsche Telekom", "investedIn", "EE")


# -- round 10 (invented sentences) ---------------------------------------------------------------------


def test_a_short_form_said_beside_its_fuller_name_is_another_company(extractor):
    # (a KnowledgeNet sentence: the gazetteer knows the parent)
    found = facts(extractor, "Norwegian Cruise Line is a subsidiary of Norwegian Cruise Line Holdings Ltd, an "
                             "American-Bermudian company operating cruise ships.")
    assert has(found, "Norwegian Cruise Line", "subsidiaryOf", "Norwegian Cruise Line Holdings")


def test_the_company_before_rival(extractor):
    assert has(facts(extractor, "Kestrel Systems rival Brightline Inc. said on Monday it would cut jobs."),
               "Kestrel Systems", "rivalOf", "Brightline Inc.")


def test_a_rival_named_after_the_subjects_verb(extractor):
    # NER takes the one-word name for a place; "rival" says it is a company
    assert has(facts(extractor, "Kestrel Systems has agreed to sell its European unit to regional rival Brightline."),
               "Kestrel Systems", "rivalOf", "Brightline")


def test_a_person_leaving_for_an_archrival(extractor):
    found = facts(extractor, "Jane Doe left Kestrel Systems to work for archrival Brightline Inc.")
    assert has(found, "Kestrel Systems", "rivalOf", "Brightline Inc.")
    assert has(found, "Jane Doe", "formerlyAt", "Kestrel Systems")


def test_a_place_the_text_calls_a_company(extractor):
    text = ("Tolvana, a privately held company based in Fresno, bought the unit. Customers are being sent to "
            "Tolvana for support. The focus will be on servers, Tolvana CEO Adrian Moll wrote.")
    found = facts(extractor, text)
    assert has(found, "Tolvana", "locatedIn", "Fresno")
    assert has(found, "Tolvana", "ledBy", "Adrian Moll")


def test_a_town_before_a_description_stays_a_town(extractor):
    text = "Jan Roe became director of Kestrel Waterways in Zwolle, a subsidiary of Brightline Holdings."
    assert "Zwolle" not in mentions(extractor, text, "Organization")


def test_a_title_before_a_name_in_a_negated_sentence(extractor):
    found = facts(extractor, "It didn't end soon enough to stop the world learning how much it can irk Kestrel "
                             "Systems Chief Executive Officer Tom Vale to lose staff.")
    assert has(found, "Kestrel Systems", "ledBy", "Tom Vale")


def test_a_company_named_as_its_founders_surname(extractor):
    # "Dell" is a listed company; after a first name it is a surname
    found = facts(extractor, "The deal was announced in a post by Dell Technologies CEO Michael Dell.")
    assert has(found, "Dell Technologies", "ledBy", "Michael Dell")


def test_a_name_listed_with_a_person_is_a_person(extractor):
    found = facts(extractor, "Kestrel Rides was founded in June 2012 by Logan Green and John Zimmer.")
    assert has(found, "Kestrel Rides", "ledBy", "Logan Green")
    assert has(found, "Kestrel Rides", "ledBy", "John Zimmer")


def test_founded_along_with(extractor):
    found = facts(extractor, "Kestrel Labs was founded in 2020 by Carl Vey, who was 33 years old at the time, "
                             "along with Paul Yu and Jesper Holm.")
    assert has(found, "Kestrel Labs", "ledBy", "Paul Yu")
    assert has(found, "Kestrel Labs", "ledBy", "Jesper Holm")


def test_the_companys_title_in_an_apposition_to_the_one_named(extractor):
    found = facts(extractor, "Kestrel Labs named Tim Moss, the company's chief financial officer and interim CEO, "
                             "to the board.")
    assert has(found, "Kestrel Labs", "ledBy", "Tim Moss")


def test_two_titled_names_keep_their_own_companies(extractor):
    found = facts(extractor, "Microsoft CEO Satya Nadella and Oracle Chairman and CTO Lars Ellison made a rare joint "
                             "appearance.")
    assert has(found, "Microsoft", "ledBy", "Satya Nadella")
    assert has(found, "Lars Ellison", "worksAt", "Oracle")
    assert not has(found, "Microsoft", "ledBy", "Lars Ellison")


def test_hired_to_head_a_part_of_the_company(extractor):
    found = facts(extractor, "Kestrel Labs hired Kai Moll to head its China operations.")
    assert has(found, "Kai Moll", "worksAt", "Kestrel Labs")
    assert not has(found, "Kestrel Labs", "ledBy", "Kai Moll")


def test_a_description_placed_in_a_companys_hometown(extractor):
    found = facts(extractor, "After getting EU approval, Microsoft's purchase of Kestrel Labs has closed. The "
                             "Redmond, WA-based software behemoth first said it would acquire Kestrel Labs in June.")
    assert not has(found, "EU", "acquired", "Kestrel Labs")


def test_overtaking_a_company_in_a_market(extractor):
    assert has(facts(extractor, "Kestrel has overtaken Brightline Inc. in terms of smartphone units sold."),
               "Kestrel", "rivalOf", "Brightline Inc.")
    assert has(facts(extractor, "Kestrel Systems still has a long way to go before it tops Brightline Inc."),
               "Kestrel Systems", "rivalOf", "Brightline Inc.")
    assert not facts(extractor, "Kestrel Systems beat analysts' estimates.")


def test_competition_from_a_company(extractor):
    found = facts(extractor, "Kestrel Systems has struggled to overcome fierce competition in the display "
                             "advertising world from Brightline Inc.")
    assert has(found, "Kestrel Systems", "rivalOf", "Brightline Inc.")


def test_challenging_a_companys_dominance_in_its_bid(extractor):
    found = facts(extractor, "Zentrix Motors will invest $500 million in Kestrel Rides, a startup that says it has "
                             "raised $2 billion in its bid to challenge the dominance of Brightline Inc.")
    assert has(found, "Kestrel Rides", "rivalOf", "Brightline Inc.")
    assert not has(found, "Zentrix Motors", "rivalOf", "Brightline Inc.")


def test_facing_rivals_from_one_company_to_others(extractor):
    found = facts(extractor, "Kestrel Systems faces new rivals from Brightline Inc. to fellow Chinese names Zentrix "
                             "Labs and Vantor Corp.")
    assert has(found, "Kestrel Systems", "rivalOf", "Brightline Inc.")
    assert has(found, "Kestrel Systems", "rivalOf", "Vantor Corp.")
    assert not facts(extractor, "Kestrel Systems faces rivals in China.")


def test_the_first_word_of_a_companys_name_alone(extractor):
    found = facts(extractor, "Veradoc Health agreed to buy Kestrel Labs. Kestrel Labs will keep its name, and "
                             "Kestrel Labs will stay in Ohio. Over the past several years Veradoc has been growing "
                             "into a giant. It also bought Brightline Care Inc. in 2018.")
    assert has(found, "Veradoc Health", "acquired", "Brightline Care Inc.")
    assert not has(found, "Kestrel Labs", "acquired", "Brightline Care Inc.")


def test_evidence_keeps_the_articles_quotes(extractor):
    found = facts(extractor, "Kestrel Labs’ nearly $34 billion acquisition of “open” cloud company Brightline "
                             "Inc. has closed.")
    fact = get(found, "Kestrel Labs", "acquired", "Brightline Inc.")
    assert fact is not None and "“open”" in fact.evidence and "Labs’" in fact.evidence


def test_a_curly_possessive_before_a_number(extractor):
    found = facts(extractor, "IBM’s nearly $34 billion acquisition of open-source cloud company Red Hat has "
                             "closed, IBM announced July 9.")
    assert has(found, "IBM", "acquired", "Red Hat")


def test_a_then_ceo_is_a_past_one(extractor):
    found = facts(extractor, "Seven years ago, Microsoft's then CEO, Steve Vale, ousted Bob Moll.")
    assert has(found, "Steve Vale", "formerlyAt", "Microsoft")
    assert not has(found, "Steve Vale", "worksAt", "Microsoft")


def test_a_surname_ner_missed_after_the_full_name(extractor):
    found = facts(extractor, "Kestrel Labs named Stephen Varo to run its cloud unit. Varo, who joined Kestrel Labs "
                             "in 2008 from Brightline Networks, was credited with the launch.")
    assert has(found, "Stephen Varo", "formerlyAt", "Brightline Networks")


def test_a_surname_before_a_full_name_with_it_is_someone_else(extractor):
    found = facts(extractor, "Varo served 18 years on the Kestrel University board of regents. Her son Bill Varo "
                             "founded Brightline.")
    assert not has(found, "Bill Varo", "worksAt", "Kestrel University")


def test_a_name_bought_by_a_company_is_a_company(extractor):
    assert has(facts(extractor, "Chef was acquired by Progress Software in 2020."),
               "Progress Software", "acquired", "Chef")


def test_a_name_ner_missed_before_a_company_apposition(extractor):
    text = "It succeeds the Men's Premier Soccer League, a regional league originally based in the Western United States."
    assert "Men's Premier Soccer League" in mentions(extractor, text, "Organization")


def test_a_town_and_abbreviated_state_based(extractor):
    assert has(facts(extractor, "Sunnyvale, Calif.-based Kestrel Labs said it would buy the firm."),
               "Kestrel Labs", "locatedIn", "Sunnyvale, Calif.")


def test_based_kind_then_a_name_ner_calls_a_person(extractor):
    found = facts(extractor, "In September, Ken Sharp left Zentrix as executive vice president and, as of Dec. 11, "
                             "holds the same role at Reston, Va.-based security firm Peraton.")
    assert has(found, "Peraton", "locatedIn", "Reston, Va.")
    assert not has(found, "Zentrix", "locatedIn", "Reston, Va.")


def test_a_place_and_a_kind_before_a_name(extractor):
    assert has(facts(extractor, "NetApp bought Seattle startup Kestrel Labs for $870 million."),
               "Kestrel Labs", "locatedIn", "Seattle")
    assert has(facts(extractor, "The fund backed Denver software firm Kestrel Labs."),
               "Kestrel Labs", "locatedIn", "Denver")


def test_a_companys_partners_include_examples(extractor):
    found = facts(extractor, "Red Hat partners include cloud service providers such as Amazon Web Services and "
                             "Google.")
    assert has(found, "Red Hat", "partnersWith", "Amazon Web Services")
    assert has(found, "Red Hat", "partnersWith", "Google")


def test_announcing_a_partner(extractor):
    assert has(facts(extractor, "Audi announced in May that TomTom is a strategic partner."),
               "Audi", "partnersWith", "TomTom")
    assert not facts(extractor, "Kestrel Labs said that Brightline Inc. is a partner of Zentrix.").keys() & {
        ("brightline", "partnersWith", "kestrel labs"), ("kestrel labs", "partnersWith", "brightline")}


def test_having_an_investor_among_its_investors(extractor):
    assert has(facts(extractor, "Kestrel Labs, which has Microsoft among its investors, grew."),
               "Microsoft", "investedIn", "Kestrel Labs")


def test_a_firm_ner_calls_a_place_leads_a_round(extractor):
    found = facts(extractor, "Kestrel Labs has raised $96 million in funding led by European venture capital firm "
                             "Highland Europe.")
    assert has(found, "Highland Europe", "investedIn", "Kestrel Labs")


def test_an_acronym_before_a_chief_title(extractor):
    assert has(facts(extractor, "Pandey talked with IDG Chief Content Officer John Gallant about the market."),
               "John Gallant", "worksAt", "IDG")


def test_out_as_ceo(extractor):
    found = facts(extractor, "Oscar Rodriguez is out as CEO of Extreme Networks Inc.")
    assert has(found, "Oscar Rodriguez", "formerlyAt", "Extreme Networks")
    assert not has(found, "Oscar Rodriguez", "worksAt", "Extreme Networks")


def test_moved_on_from_a_company(extractor):
    found = facts(extractor, "Stephen Vallmer ran Kestrel Labs for years. Vallmer also moved on from Kestrel Labs.")
    assert has(found, "Stephen Vallmer", "formerlyAt", "Kestrel Labs")
    assert not any(p == "formerlyAt" for _, p, _ in facts(extractor, "Jane Roe moved to Seattle from Boston."))


def test_a_ticker_after_a_companys_name(extractor):
    found = facts(extractor, "SK Hynix is facing intensified competition from companies like Samsung Electronics "
                             "SSNLF and Micron Technology MU.")
    assert has(found, "SK Hynix", "rivalOf", "Samsung Electronics")
    assert has(found, "SK Hynix", "rivalOf", "Micron Technology")
    assert has(facts(extractor, "Nvidia Corp NVDA CEO Jensen Huang asked SK Hynix."), "Nvidia", "ledBy", "Jensen Huang")
    assert "Samsung SDI" in mentions(extractor, "Samsung SDI will build a plant.", "Organization")
    assert has(facts(extractor, "Microsoft CEO Satya Nadella spoke."), "Microsoft", "ledBy", "Satya Nadella")


def test_backers_include_a_firm_ner_calls_a_person(extractor):
    found = facts(extractor, "Kestrel Bio raised $1 billion. Other prominent backers of Kestrel Bio include Abu "
                             "Dhabi's sovereign investor Mubadala and UK-based investment firm Baillie Gifford & Co.")
    assert has(found, "Mubadala", "investedIn", "Kestrel Bio")


def test_the_financing_included(extractor):
    found = facts(extractor, "Kestrel Bio raised $1 billion. The financing included Sequoia Capital and Lux Capital.")
    assert has(found, "Sequoia Capital", "investedIn", "Kestrel Bio")
    assert has(found, "Lux Capital", "investedIn", "Kestrel Bio")


def test_a_stake_acquired_in_a_company_ner_calls_a_place(extractor):
    assert has(facts(extractor, "Sirius XM acquired a stake in Pandora last year for US$480 million."),
               "Sirius XM", "investedIn", "Pandora")


def test_a_minority_share_owned_is_an_investment(extractor):
    found = facts(extractor, "Kestrel Labs is currently owned 45% each by Brightline Capital and Swiss investment "
                             "firm Zentrix Partners.")
    assert has(found, "Zentrix Partners", "investedIn", "Kestrel Labs")
    assert not any(p == "subsidiaryOf" for _, p, _ in found)
    assert has(facts(extractor, "Kestrel Labs is owned by Brightline Holdings."),
               "Kestrel Labs", "subsidiaryOf", "Brightline Holdings")


def test_a_company_named_before_investor(extractor):
    assert has(facts(extractor, "SoundCloud was saved by Twitter, which is a SoundCloud investor."),
               "Twitter", "investedIn", "SoundCloud")


def test_an_investment_funded_by_firms(extractor):
    found = facts(extractor, "Kestrel Labs is getting a roughly $170 million investment that is mostly funded by "
                             "Temasek and the Raine Group.")
    assert has(found, "Raine Group", "investedIn", "Kestrel Labs")
    assert has(facts(extractor, "Kestrel Labs got an investment by Golden Gate Capital."),
               "Golden Gate Capital", "investedIn", "Kestrel Labs")


def test_investing_for_equity_in_a_company(extractor):
    found = facts(extractor, "Brightline and Zentrix plan to collectively invest $750 million for just over 40 "
                             "percent of the equity in Kestrel Labs.")
    assert has(found, "Brightline", "investedIn", "Kestrel Labs")
