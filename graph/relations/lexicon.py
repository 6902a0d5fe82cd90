"""Trigger words of the relation rules, in one place: nouns, verbs and modifiers by relation."""

from __future__ import annotations

__all__ = [
    "PARTNER_NOUNS",
    "DEAL_VERBS",
    "PARTNER_VERBS",
    "CHANNEL_NOUNS",
    "MEMBER_NOUNS",
    "RIVAL_NOUNS",
    "RIVAL_VERBS",
    "WAR_NOUNS",
    "LEAD_ROLES",
    "WORK_ROLES",
    "ACADEMIC_ROLES",
    "FORMER_MODS",
    "FOUND_VERBS",
    "LEAD_VERBS",
    "APPOINT_VERBS",
    "LEAVE_VERBS",
    "JOIN_VERBS",
    "COFOUNDER_PREPS",
    "POSITION_NOUNS",
    "TEAM_NOUNS",
    "FUNCTION_NOUNS",
    "WORK_PRODUCT_VERBS",
    "ACQUIRE_VERBS",
    "ACQUIRE_NOUNS",
    "TALK_NOUNS",
    "APPROACH_VERBS",
    "INVEST_VERBS",
    "INVESTOR_NOUNS",
    "INVEST_NOUNS",
    "RAISE_VERBS",
    "RAISE_IN_VERBS",
    "POUR_VERBS",
    "ROUND_WORDS",
    "SUBSIDIARY_NOUNS",
    "SUBSIDIARY_MODS",
    "OWN_VERBS",
    "HQ_WORDS",
    "PRODUCT_NOUNS",
    "MAKER_NOUNS",
    "PRODUCT_VERBS",
    "TITLE_WORDS",
]

PARTNER_NOUNS = {
    "partnership",
    "alliance",
    "collaboration",
    "cooperation",
    "pact",
    "tie-up",
    "venture",
    "coalition",
    "relationship",
    "deal",
    "agreement",
    "contract",
    "memorandum",
    "memorandums",
    "mou",
    "mous",
    "partnering",
}
DEAL_VERBS = {
    "sign",
    "strike",
    "ink",
    "reach",
    "announce",
    "form",
    "forge",
    "enter",
    "seal",
    "secure",
    "clinch",
    "land",
    "agree",
    "expand",
    "extend",
    "renew",
    "launch",
    "establish",
    "create",
    "set",
    "unveil",
}
PARTNER_VERBS = {"partner", "team", "ally", "collaborate", "cooperate", "join", "combine", "work", "align"}
#: Asking another company to do something together: "A approached B to form an alliance".
APPROACH_VERBS = {"approach", "ask", "invite", "urge", "press", "pressure", "court", "woo", "persuade", "lobby"}
#: A company that sells or builds on another's products is its partner ("a channel partner of X").
CHANNEL_NOUNS = {"partner", "reseller", "distributor", "integrator"}
MEMBER_NOUNS = {"member", "members", "partner", "partners", "ally", "allies"}
RIVAL_NOUNS = {"rival", "competitor", "rivalry", "foe", "challenger", "adversary", "nemesis", "enemy", "contender",
               "archrival", "archenemy", "threat"}
RIVAL_VERBS = {"compete", "rival", "chase", "battle", "fight", "challenge", "outsell", "vie"}
WAR_NOUNS = {"war", "wars", "battle", "fight", "competition", "race"}
#: Verbs of passing another in a market: "Xiaomi has overtaken Samsung", "before it tops HP".
OVERTAKE_VERBS = {"overtake", "surpass", "outpace", "outship", "dethrone", "leapfrog", "unseat", "beat", "top"}
#: What a rival challenges or fights of another's: "challenge the dominance of Uber".
STANDING_NOUNS = {"dominance", "lead", "leadership", "supremacy", "position", "grip", "hold", "monopoly", "crown"}
#: Verbs of meeting rivals: "faces new rivals from A to B".
FACE_VERBS = {"face", "meet", "encounter", "confront", "battle", "fight", "fend", "overcome"}
LEAD_ROLES = {
    "ceo",
    "co-ceo",
    "chief",
    "president",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "founder",
    "co-founder",
    "cofounder",
    "head",
    "leader",
    "boss",
    "owner",
    "director-general",
}
WORK_ROLES = LEAD_ROLES | {
    "partner",  # "A, partner at Sequoia" (a company that is "a partner of B" is no person: CHANNEL_NOUNS)
    "executive",
    "exec",
    "officer",
    "cto",
    "cfo",
    "coo",
    "cio",
    "cmo",
    "vp",
    "svp",
    "evp",
    "cvp",
    "vice",
    "director",
    "manager",
    "engineer",
    "architect",
    "scientist",
    "analyst",
    "employee",
    "professor",
    "researcher",
    "editor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "staffer",
    "developer",
    "designer",
    "economist",
    "strategist",
    "lawyer",
    "counsel",
    "treasurer",
    "secretary",
    "member",
    "fellow",
    "lecturer",
    "dean",
    "coach",
    "player",
    "associate",
    "consultant",
    "specialist",
    "advisor",
    "adviser",
    "attorney",
    "chef",
    "physician",
    "surgeon",
    "teacher",
    "instructor",
    "curator",
    "trustee",
    "correspondent",
    "veteran",  # "a 32-year veteran of the company", "Infosys veteran A"
    "reporter",
    "columnist",
    "producer",
    "programmer",
    "accountant",
    "banker",
    # occupations whose "at X" / "X mathematician" names an employer, common in biographies
    "astronaut",
    "pilot",
    "writer",
    "journalist",
    "commentator",
    "presenter",
    "mathematician",
    "physicist",
    "chemist",
    "biologist",
    "psychologist",
    "psychiatrist",
    "sociologist",
    "historian",
    "linguist",
    "astronomer",
    "statistician",
    # public and academic offices whose "of X" names the body served
    "commissioner",
    "administrator",
    "superintendent",
    "rector",
    "provost",
    "chancellor",
}
#: Roles whose "of" names a field, not an employer ("Professor of Psychology at Clark University").
ACADEMIC_ROLES = {"professor", "lecturer", "reader", "emeritus"}
FORMER_MODS = {"former", "once", "ex", "ex-", "previously", "formerly", "onetime", "one-time", "erstwhile", "retired"}
FOUND_VERBS = {"found", "co-found", "cofound", "establish", "start", "create", "form", "launch", "set"}
LEAD_VERBS = {"lead", "head", "run", "chair", "helm", "manage", "direct"}
APPOINT_VERBS = {"appoint", "name", "promote", "elect", "hire", "recruit", "poach", "tap", "choose", "select", "install"}
LEAVE_VERBS = {
    "leave",
    "move",  # ("moved on from")
    "depart",
    "quit",
    "exit",
    "resign",
    "retire",
    "oust",
    "fire",
    "dismiss",
    "sack",
    "remove",
    "step",
    "push",
    "force",
}
JOIN_VERBS = {"join", "rejoin"}
#: Prepositions naming the people something was founded with ("founded X alongside A and B").
COFOUNDER_PREPS = ("with", "alongside")
#: Verbs of making something at an institution: "developed at X by A and B" says A and B worked at X.
WORK_PRODUCT_VERBS = {"develop", "create", "invent", "generate", "design", "discover", "synthesize", "devise",
                      "write", "build", "pioneer", "conceive"}
#: Nouns whose "with" / "at" names an employer ("held engineering positions with X").
#: Parts of an organization one joins: "joined Amazon's Alexa team".
TEAM_NOUNS = {"team", "group", "unit", "division", "department", "staff", "lab", "ranks", "board"}
#: A company's functions, which a person runs for it: "ran marketing at X".
FUNCTION_NOUNS = {"marketing", "sales", "engineering", "product", "products", "operations", "research", "design",
                  "finance", "strategy", "development", "communications", "partnerships", "security", "policy",
                  "technology", "hardware", "software", "infrastructure", "recruiting", "legal", "growth", "ai"}
POSITION_NOUNS = {"position", "post", "job", "career", "tenure", "stint", "appointment"}
ACQUIRE_VERBS = {"acquire", "buy", "purchase", "absorb", "take", "scoop", "snap"}
ACQUIRE_NOUNS = {"acquisition", "purchase", "takeover", "buyout", "bid"}
TALK_NOUNS = {"talk", "talks", "negotiation", "negotiations", "discussion", "discussions"}
INVEST_VERBS = {"invest", "back", "fund", "finance", "bankroll"}
INVEST_NOUNS = {"investment", "stake", "funding", "backing", "financing"}
#: Those who put money into a company: "A is an investor in B", "B's backers include A".
INVESTOR_NOUNS = {"investor", "backer", "funder", "shareholder", "stakeholder"}
#: A company takes money in: "raised $40 million from A", "secured funding from A".
RAISE_VERBS = {"raise", "secure", "receive", "get", "land", "attract", "obtain", "win", "close", "complete"}
#: Verbs that take money in with "in": "brought in $5 million", "has taken in $300 million".
RAISE_IN_VERBS = {"bring", "pull", "rake", "take"}
#: Money put into a company: "put money into X", "poured $1 billion into X".
POUR_VERBS = {"put", "pour", "plow", "plough", "inject", "sink", "funnel", "pump"}
#: Words that make a "round" (or the noun itself) a funding round: "a $40 million Series B round".
ROUND_WORDS = {"funding", "financing", "seed", "series", "investment", "venture"}
SUBSIDIARY_NOUNS = {
    "subsidiary",
    "unit",
    "division",
    "arm",
    "affiliate",
    "offshoot",
    "spin-off",
    "spinoff",
    "brand",
    "imprint",
    "label",
}
#: Modifiers that make "company" a subsidiary: "a subsidiary company of Y", "a daughter company of Y".
SUBSIDIARY_MODS = {"subsidiary", "daughter"}
OWN_VERBS = {"own", "control"}
#: Words in the names of institutions that stay where they are: "the X Museum in Y" is located in Y.
HQ_WORDS = {"headquarter", "headquartered", "base", "based", "locate", "located", "situate", "situated"}
#: "originally based in A, later in B, now in C": the places an organization has been in, in turn.
SEQUENCE_ADVERBS = {"later", "then", "subsequently", "afterwards", "now", "currently", "today", "presently"}
MOVE_VERBS = {"move", "relocate"}
#: "the leading bank in Europe": where it ranks, not where it is.
RANK_WORDS = {"leading", "top", "major", "biggest", "largest", "dominant", "premier", "only", "first"}
PRODUCT_NOUNS = {
    "platform",
    "architecture",
    "prototype",
    "software",
    "product",
    "device",
    "phone",
    "smartphone",
    "chip",
    "processor",
    "service",
    "system",
    "line",
    "family",
    "browser",
    "engine",
    "model",
    "console",
    "app",
    "application",
    "suite",
    "database",
    "computer",
    "pc",
    "laptop",
    "tablet",
    "player",
    "players",
    "language",
    "framework",
    "assistant",
    "headset",
    "game",
    "chatbot",
    "router",
    "drone",
    "car",
    "vehicle",
    "truck",
    "camera",
    "tv",
    "television",
    "smartwatch",
    "robot",
    "tool",
    "satellite",
    "rocket",
    "speaker",
    "server",
    "gpu",
    "accelerator",
    "sensor",
    "printer",
    "handset",
    "wearable",
    "earbuds",
    "headphones",
    "franchise",
}
MAKER_NOUNS = {"maker", "manufacturer", "developer", "creator", "publisher", "designer", "producer"}
PRODUCT_VERBS = {
    "develop",
    "make",
    "release",
    "launch",
    "unveil",
    "introduce",
    "produce",
    "build",
    "ship",
    "manufacture",
    "design",
    "create",
    "market",
    "sell",
    "debut",
}
TITLE_WORDS = LEAD_ROLES | WORK_ROLES | {"executive", "officer", "senior", "general", "managing"}
