"""The small vocabularies entity tagging leans on: cue words, model-name variants, junk words.

Kept apart from the matching code so a reader can see every word list in one place. These are
general English and naming conventions, not names of entities (those live in ``data/*.toml``).
All entries are lowercase unless a set's comment says otherwise.
"""

from __future__ import annotations

MONTHS_DAYS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
""".split())

# Words that start sentences or headlines capitalised without being names. A sentence-initial token
# in this set is dropped from a candidate span, and a span made only of such words is ignored.
COMMON = frozenset("""
a about above according across after again against ahead all almost along already also although
among an and another any anyone anything are around as asked at back be because been before being
below beneath beside besides between beyond both but by can could despite did do does doing done
down during each early earlier either else even ever every everyone everything few first for former
from further had has have having he her here hers him his how however i if in including inside
instead into is it its itself just last late later latest least less let like little many may
maybe me meanwhile might more moreover most much must my neither never nevertheless new next no
none nor not nothing now of off often on once one only onto or other others otherwise our ours out
outside over own per perhaps plus rather recent recently same several shall she should since so
some someone something soon still such than that the their theirs them then there therefore these
they this those though through throughout thus to today together tomorrow too toward towards under
unless unlike until up upon us very via was we well were what whatever when whenever where whereas
whether which while who whoever whole whom whose why will with within without yet yesterday you
your yours
ai analysts asked breaking chief chinese american european british french german japanese korean
indian israeli russian western eastern northern southern global national federal state local
company companies customers developers engineers executives employees experts government investors
officials people regulators researchers sources users critics lawmakers rivals shares stocks
exclusive update updated opinion analysis explainer watch listen read editor editors note comment
sponsored advertisement photo video live report reporting reports related more top world business
tech technology markets market politics science health sports newsletter subscribe sign
asian african arab emirati saudi taiwanese singaporean malaysian indonesian thai vietnamese filipino
australian canadian mexican brazilian italian spanish dutch swedish swiss polish irish scottish
welsh english iranian turkish ukrainian latin nordic gulf silicon social democrat democrats
republican republicans conservative labour liberal christian muslim jewish catholic hindu
second third fourth fifth sixth finally firstly secondly thirdly
yes okay oh thanks thank please welcome hello dear good great big small large huge
free full open closed private public digital smart generative artificial intelligence machine
learning data model models chip chips cloud compute frontier safety security policy law rules
monday tuesday wednesday thursday friday saturday sunday
""".split())

# Tokens that may sit inside a proper-noun span without being capitalised.
CONNECTORS = frozenset("of for on and & the de du des van den der von bin al da di le la y".split())

# Precede a person's name: "Dr Jane Roe", "chief executive John Doe", "Senator Ann Lee".
PERSON_TITLES = frozenset("""
dr mr mrs ms mx prof professor sen senator rep representative congressman congresswoman president
vice premier minister secretary chancellor governor mayor judge justice commissioner ceo cto cfo coo
cso chief founder cofounder co-founder chairman chairwoman chair chairperson analyst spokesperson
spokesman spokeswoman researcher scientist director economist investor lawmaker engineer executive
head lead partner officer reporter editor journalist author lawyer attorney adviser advisor king
queen prince princess sheikh general ambassador envoy deputy boss billionaire entrepreneur
cofounders founders president-elect manager strategist professor-emeritus fellow trader
""".split())

# Follow (or precede) a speaker: "Jane Roe said", "said Jane Roe".
SPEECH = frozenset("""
said says told tells wrote writes added adds argued argues noted notes explained explains warned
warns stated states asked asks replied replies insisted insists acknowledged acknowledges admitted
admits posted posts tweeted tweets announced announces recalled recalls conceded concedes cautioned
predicted predicts contended contends testified
""".split())

# After a person name and a comma: ", who leads ...", ", who founded ...".
WHO_VERBS = frozenset("leads runs heads founded co-founded cofounded chairs oversees directs "
                      "manages led ran headed chaired oversaw directed supervised supervises "
                      "studies studied researches teaches taught advises advised".split())

# The last token of an organisation's name, and the type it gives an unknown entity.
ORG_SUFFIX = {
    **dict.fromkeys("inc incorporated corp corporation ltd limited llc llp plc ag sa gmbh nv bv "
                    "kk co company".split(), ("company", 0.85)),
    **dict.fromkeys("labs lab laboratories".split(), ("lab", 0.8)),
    **dict.fromkeys("""
ai technologies technology tech systems group holdings capital ventures partners robotics
semiconductor semiconductors networks software computing compute dynamics analytics securities bank
media studios energy cloud data research intelligence industries motors electronics instruments
therapeutics biosciences solutions services consulting investments management advisors associates
telecom communications devices platforms logistics automation evals chips silicon quantum photonics
security fund""".split(), ("company", 0.75)),
}

# A token anywhere in the span that makes it a government body.
AGENCY_HEADS = frozenset("""
ministry department commission authority agency office committee bureau court parliament senate
administration directorate regulator inspectorate tribunal assembly cabinet council congress
secretariat ombudsman treasury
""".split())

# A token anywhere in the span that makes it some other organisation.
OTHER_HEADS = frozenset("""
university institute foundation association union society college school center centre summit
forum alliance coalition consortium federation initiative conference academy observatory museum
hospital council network party
""".split())

# Words naming a model variant; they extend a versioned model name ("Gemini 2.5 Flash-Lite").
# Case-sensitive: a capitalised word, or one of the lowercase forms vendors use ("GPT-4o mini").
MODEL_VARIANTS = frozenset("""
Pro Flash Lite Mini Nano Turbo Ultra Max Plus Opus Sonnet Haiku Instant Scout Maverick Behemoth
Instruct Chat Coder Vision VL Omni Thinking Reasoner Preview Exp Experimental Large Medium Small
Tiny Base Air Long Audio Realtime Heavy Fast Codex Distill Image Video Voice Embed
Deep Think mini nano pro turbo max plus preview instruct chat coder thinking high low
oss lite flash
""".split())

# Lowercase words after a bare number that make it a quantity, not a model version ("Claude 2
# million" is not Claude 2).
UNIT_WORDS = frozenset("""
million billion trillion thousand hundred percent per cent times years year months month weeks week
days day hours hour minutes seconds points users people employees dollars euros yuan staff jobs
of out in to and or m bn k
""".split())

# Words that follow a place in "X-based" or precede it in "based in X".
PLACE_AFTER_HYPHEN = frozenset("based headquartered born".split())

# The last word of a place name: "Laramie County", "Hebei Province".
PLACE_SUFFIX = frozenset("county province prefecture oblast borough township parish canton".split())

# Before a place: "near Cheyenne", "the city of Lyon".
PLACE_BEFORE = frozenset("near outside".split())
PLACE_OF = frozenset("city town village suburb county province district port capital region "
                     "state".split())

# Words for what an organisation is: "the law firm Garland Hesse", "Auralis, the Danish audio
# company". The value is the type an unknown name described so gets.
ORG_DESCRIPTORS = {
    **dict.fromkeys("""
startup start-up company firm maker chipmaker carmaker automaker rival provider operator developer
platform service publisher outlet newspaper newsletter broker bank fund investor retailer
manufacturer supplier vendor consultancy brand subsidiary app insurer lender conglomerate giant
group distributor designer foundry network chain studio label startups companies firms""".split(),
                    "company"),
    **dict.fromkeys("lab laboratory".split(), "lab"),
    **dict.fromkeys("regulator ministry agency watchdog authority".split(), "agency"),
    **dict.fromkeys("university nonprofit non-profit charity union think-tank institute "
                    "association".split(), "other"),
}

# Roles in the plural, and other words, that make "at X" an employer: "analysts at Garland Hesse".
EMPLOYEE_WORDS = frozenset("""
analysts researchers lawyers economists strategists partners executives engineers investors
officials scientists staff employees workers official employee worker now joined
""".split())

# Verbs before "by" that make what follows a person: "founded by Ines Carvalho".
BY_VERBS = frozenset("""
founded co-founded cofounded led run headed reported discovered found written created started
chaired signed authored built developed
""".split())

# After an organisation's name and a possessive: "Loopcast's shares", "Auralis's chief executive".
ORG_POSSESSED = frozenset("""
shares stock chief ceo founder founders board spokesperson spokesman spokeswoman executives
investors customers revenue revenues valuation app apps products platform employees staff
headquarters subscribers
""".split())

# After a known model family: a named product of it ("Gemini Agent", "Copilot Studio").
PRODUCT_WORDS = frozenset("""
Agent Agents Assistant Live Advanced Studio Assist Enterprise Business Team Edu Gov Code Canvas
Voice Workspace App API Pro Plus Max Ultra Flash Nano Mini Lite Heavy Imagine
""".split())

# Ordinary people in an apposition: "said Margaux, a student heading to the university campus".
PERSON_NOUNS = frozenset("""
student students resident residents teacher commuter passenger passengers driver drivers nurse
doctor mother father parent parents pensioner retiree user users customer customers owner worker
workers employee employees volunteer member members voter voters shopper shoppers local locals
man woman person mum dad son daughter wife husband friend neighbour neighbor
""".split())

# "the Brussels office of Lattimer & Crane": what an organisation has.
ORG_PARTS = frozenset("""
office offices division arm subsidiary branch affiliate owner parent unit units headquarters
shareholders investors board
""".split())
