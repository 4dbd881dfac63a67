"""Generated AI-industry news with known stories, for benchmarks/cluster_bench.py.

    from cluster_data import generate, DEV_SEED, HELD_OUT_SEED
    items = generate(1500, seed=DEV_SEED)      # arrival order; items[i].story is the gold label

About 25 events a day. Each event has a kind (funding, launch, acquisition, lawsuit, fine, layoffs,
data centre, partnership, outage, departure, breach), one or two companies, a person, a place and
its own figures; its 1 to 30 articles come from 12 outlets, each written from the event's facts in
the outlet's words (headline variants, synonyms, reordered facts, an outlet's stock background line
about the company, generic industry filler), mostly within hours, some days later. A wire article is
sometimes reprinted word for word (``copy_of``). Near misses, labelled as different stories:
- same actors, other event: a company's new event within days of its last one;
- a follow-up a week later (the deal closes, the suit is dismissed, a probe opens) that repeats the
  first event's figures and background;
- two events on the same day with the same two companies (a partnership and a lawsuit).
Deterministic for a seed (``random.Random``); no file or network access.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newsdesk.models import Article, EntityTag, Figure

DEV_SEED = 7
HELD_OUT_SEED = 2027
START = datetime(2026, 3, 2, 6, tzinfo=UTC)
EVENTS_PER_DAY = 12

COMPANIES = ("OpenAI Anthropic Nvidia Meta Microsoft Google|DeepMind AMD Intel Mistral|AI Cohere xAI "
             "Amazon Apple Baidu Alibaba Tencent DeepSeek Moonshot|AI Hugging|Face Stability|AI "
             "Perplexity Scale|AI Databricks Snowflake Oracle CoreWeave TSMC Samsung SoftBank "
             "Salesforce IBM Character.AI Runway Midjourney ByteDance Zhipu|AI Aleph|Alpha "
             "Figure|AI Cerebras Groq").replace("|", "\0").split()
COMPANIES = tuple(c.replace("\0", " ") for c in COMPANIES)
AGENCIES = ("the European Commission", "the Federal Trade Commission", "Ofcom", "the CNIL",
            "the Competition and Markets Authority", "the Justice Department", "Japan's FTC")
PLACES = ("Texas", "Ohio", "Arizona", "Dublin", "Singapore", "Paris", "Tokyo", "Seoul", "Toronto",
          "Bavaria", "Oregon", "Wisconsin", "Abu Dhabi", "Madrid", "Mumbai", "Warsaw", "Helsinki")
FIRST = "Ana Ben Chloe Dev Elena Farid Grace Hiro Ines Jonas Kira Liam Maya Noor Omar Priya".split()
LAST = "Okafor Lindqvist Moreau Tanaka Reyes Novak Haddad Kowalski Brennan Sato Iyer Varga".split()
SYL = "ka ro ve li an tor mi sel dra qu en ox par bel cin dor fa gri hal jun ker lo mur nes".split()
TOPICS = ("copyrighted books", "news articles used for training", "voice cloning", "chatbot safety "
          "for teenagers", "facial recognition data", "misleading benchmark claims", "scraped "
          "song lyrics", "medical advice errors", "children's data", "deepfake election ads")
OUTLETS = ("Wire Service", "TechDaily", "The Ledger", "Silicon Post", "AI Weekly", "Market Watcher",
           "Global Times Tech", "Byte Review", "The Register Line", "Cloud Report", "Capital Desk",
           "Frontier News")
FILLER = (
    "The race to build ever larger models has pushed spending on chips and power to records.",
    "Investors have poured money into artificial intelligence start-ups this year.",
    "Regulators on both sides of the Atlantic are watching the industry closely.",
    "Demand for Nvidia's accelerators still outstrips supply, according to analysts.",
    "Shares of large technology companies moved little in early trading.",
    "The company did not respond to a request for further comment.",
    "Competition for researchers has driven pay packages sharply higher.",
    "Critics say the sector's valuations assume revenue that has yet to appear.",
    "Several rivals have announced similar plans in recent months.",
    "Analysts expect more consolidation among smaller model developers.")
SYN = {"said": ("said", "told reporters", "announced", "confirmed"), "buy": ("buy", "acquire"),
       "plans": ("plans", "intends", "aims"), "new": ("new", "latest"), "deal": ("deal", "agreement"),
       "company": ("company", "firm"), "cut": ("cut", "eliminate", "lay off")}
# kind -> (headlines, facts, follow-up kind). Slots: {a} {b} {m} (money) {m2} {n} {unit} {p} (person)
# {place} {model} {topic} {agency} {pct}
KINDS = {
    "funding": (("{a} raises {m} in round led by {b}", "{a} valued at {m2} after {m} raise",
                 "{b} leads {m} investment in {a}"),
                ("{a} {said} it raised {m} in a funding round led by {b}.",
                 "The round values {a} at {m2}, including the new money.",
                 "{a} {plans} to spend the money on compute and on hiring {n} researchers.",
                 "{p}, {a}'s chief executive, said demand for its models had tripled."), "close"),
    "launch": (("{a} releases {model} model", "{a} unveils {model}, says it beats rivals",
                "{a}'s {model} targets coding and agents"),
               ("{a} on {day} released {model}, its {new} large language model.",
                "{model} handles a context of {n} tokens and costs {m} per million tokens.",
                "{a} said {model} scored {pct} on a coding benchmark run by {b}.",
                "{p} said {model} would reach paying customers in {place} first."), "recall"),
    "acquisition": (("{a} to {buy} {b} for {m}", "{a} agrees {m} takeover of {b}",
                     "{b} sold to {a} in {m} {deal}"),
                    ("{a} agreed to {buy} {b} for {m} in cash and stock.",
                     "The {deal} brings {n} engineers from {b} to {a}.",
                     "{p} will run {b} as a unit of {a} from {place}.",
                     "{b} was valued at {m2} in its last private round."), "probe"),
    "lawsuit": (("{b} sues {a} over {topic}", "{a} faces {b} lawsuit over {topic}",
                 "{b} takes {a} to court over {topic}"),
                ("{b} filed a lawsuit against {a} over {topic} in a court in {place}.",
                 "The suit seeks damages of {m} and covers {n} works.",
                 "{a} {said} the claims were without merit and it would fight them.",
                 "{p}, a lawyer for {b}, said {a} had ignored earlier warnings."), "dismiss"),
    "fine": (("{agency} fines {a} {m} over {topic}", "{a} hit with {m} penalty by {agency}",
              "{agency} penalises {a} over {topic}"),
             ("{agency} fined {a} {m} over {topic}.",
              "The regulator said {a} had affected {n} users in {place}.",
              "{a} {said} it would appeal the decision.",
              "{p} said the penalty was the largest of its kind this year."), "appeal"),
    "layoffs": (("{a} to {cut} {n} jobs", "{a} announces {n} job cuts amid restructuring",
                 "{a} lays off {pct} of staff"),
                ("{a} {plans} to {cut} {n} jobs, about {pct} of its workforce.",
                 "{p} told staff in a memo that the cuts would save {m} a year.",
                 "The cuts fall mostly on teams in {place}.",
                 "{a} {said} it would keep hiring for its model teams."), "more"),
    "datacenter": (("{a} to build {m} data center in {place}", "{a} picks {place} for {m} AI campus",
                    "{a} plans {place} data center with {b} chips"),
                   ("{a} {plans} to build a {m} data center in {place}.",
                    "The site will house {n} accelerators supplied by {b}.",
                    "{p} said the campus would draw {pct} of its power from renewables.",
                    "Local officials in {place} approved tax breaks for the project."), "delay"),
    "partnership": (("{a} and {b} sign {m} cloud {deal}", "{b} to supply {a} under {m} {deal}",
                     "{a}, {b} expand partnership"),
                    ("{a} and {b} signed a cloud {deal} worth {m} over five years.",
                     "Under the {deal}, {b} will provide {n} processors to {a}.",
                     "{p} said the {deal} would double {a}'s training capacity.",
                     "The partnership starts with data centers in {place}."), "expand"),
    "outage": (("{a} services down for hours", "{a} outage hits {n} customers",
                "{a} blames {place} facility for outage"),
               ("{a}'s chatbot and API were unavailable for {pct} of the day.",
                "{a} {said} about {n} business customers were affected.",
                "{p} apologised and blamed a failed update at a facility in {place}.",
                "{a} promised service credits worth {m}."), "report"),
    "breach": (("{a} says hackers accessed {n} accounts", "{a} discloses breach of {n} accounts",
                "Data breach at {a} exposes user chats"),
               ("{a} {said} hackers accessed {n} user accounts in a breach.",
                "The intruders entered through a contractor based in {place}.",
                "{p} said no payment data was taken.",
                "{agency} said it was looking into the breach."), "penalty"),
}
FOLLOW = {  # follow-up kind -> headline, facts (a week later; repeats the first event's figures)
    "close": ("{a} closes {m} round, adds new investors", "{a} completed the {m} round announced "
              "last week, adding {b2} as an investor."),
    "recall": ("{a} pulls {model} feature after complaints", "{a} withdrew a feature of {model} "
               "a week after launch, citing misuse."),
    "probe": ("{agency} opens probe into {a}'s {m} deal for {b}", "{agency} opened an in-depth "
              "review of the {m} {deal} between {a} and {b}."),
    "dismiss": ("Judge dismisses part of {b}'s suit against {a}", "A judge in {place} dismissed "
                "some of the claims {b} brought against {a} last week."),
    "appeal": ("{a} appeals {m} fine from {agency}", "{a} lodged an appeal against the {m} fine "
               "{agency} imposed last week."),
    "more": ("{a} widens job cuts beyond {n}", "{a} told a second group of staff their roles would "
             "go, after the {n} cuts announced last week."),
    "delay": ("{a} delays {place} data center", "{a} pushed back the opening of its {m} site in "
              "{place} by a year, citing power supply."),
    "expand": ("{a} and {b} add chips to {m} {deal}", "{a} and {b} enlarged the {m} {deal} they "
               "signed last week with a second site."),
    "report": ("{a} publishes report on outage", "{a} published its review of last week's outage "
               "that hit {n} customers."),
    "penalty": ("{agency} fines {a} over breach of {n} accounts", "{agency} fined {a} over last "
             "week's breach of {n} accounts."),
}


DETAIL = ("{x} {y} of the {z} was the main point for {w}.", "People familiar with the {x} said "
          "{y} and {z} were discussed.", "The {x} covers {y}, {z} and {w}.", "According to a filing, "
          "the {x} includes {y} tied to {z}.", "{p} described the {x} as a {y} for {z}.",
          "Analysts pointed to the {x} and the {y} as signs of {z}.")
_VOCAB = tuple(sorted({a + b + c for a in SYL for b in SYL for c in ("", "n", "s", "ter", "ia")}))


def _details(rng: random.Random, ev: dict) -> list[str]:
    """Sentences only this event's articles carry: its own nouns (Zipf draws from a big
    vocabulary), as real events have their own names, products and places."""
    def word() -> str:
        return _VOCAB[int(len(_VOCAB) * rng.random() ** 2)]
    return [rng.choice(DETAIL).format(x=word(), y=word(), z=word(), w=word(), p=ev["p"])
            for _ in range(5)]


@dataclass(frozen=True)
class GenItem:
    article: Article
    story: int                       # gold label: the event index
    kind: str


def _money(rng: random.Random) -> tuple[str, float]:
    v = rng.choice((1.2, 1.5, 2, 2.5, 3.4, 4, 6.6, 8, 10, 12, 15, 20, 40, 50, 100, 250, 400, 750))
    unit = rng.choice(("million", "billion")) if v < 100 else "million"
    return f"${v:g} {unit}", v * (1e9 if unit == "billion" else 1e6)


def _event(rng: random.Random, i: int, when: datetime, kind: str, a: str, b: str) -> dict:
    m, mv = _money(rng)
    m2, m2v = _money(rng)
    n = rng.choice((120, 350, 800, 1200, 2500, 4000, 10000, 16000, 50000, 128000, 200000))
    model = (rng.choice(SYL) + rng.choice(SYL)).capitalize() + f" {rng.randint(2, 9)}"
    p = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return dict(id=i, when=when, kind=kind, a=a, b=b, m=m, mv=mv, m2=m2, m2v=m2v, n=f"{n:,}",
                nv=n, p=p, place=rng.choice(PLACES), model=model, topic=rng.choice(TOPICS),
                agency=rng.choice(AGENCIES), pct=f"{rng.choice((4, 6, 10, 12, 15, 30, 70, 92))}%",
                day=when.strftime("%A"), b2=rng.choice(COMPANIES))


def _fill(rng: random.Random, template: str, ev: dict) -> str:
    words = {k: rng.choice(v) for k, v in SYN.items()}
    out = template.format(**{**ev, **words})
    return out[0].upper() + out[1:]


def _write(rng: random.Random, ev: dict, outlet: str, background: dict[tuple[str, str], str]
           ) -> tuple[str, str]:
    if "parent" in ev:
        head, fact = FOLLOW[ev["kind"]]
        base = ev["parent"]
        facts = [fact] + rng.sample(KINDS[base["kind"]][1], 2)   # recaps of last week's event
        title = _fill(rng, head, ev)
    else:
        heads, facts = KINDS[ev["kind"]][:2]
        title = _fill(rng, rng.choice(heads), ev)
        facts = [facts[0]] + rng.sample(facts[1:], rng.randint(1, 2))
    body = [_fill(rng, f, ev) for f in facts]
    for d in rng.sample(ev["details"], rng.randint(3, 5)):       # each outlet words them its way
        body.insert(rng.randint(1, len(body)),
                    " ".join(w for w in d.split() if rng.random() > 0.15))
    key = (outlet, ev["a"])
    if key not in background:     # an outlet's stock line about a company, reused every time
        background[key] = (f"{ev['a']}, " + rng.choice(("one of the best-funded AI developers",
                           "a maker of AI models and chips", "a fast-growing AI company",
                           "a rival to OpenAI and Google")) + f", is based in "
                           f"{rng.choice(PLACES)} and employs about {rng.randint(2, 90)},000 people.")
    body.insert(rng.randint(1, len(body)), background[key])
    body += rng.sample(FILLER, rng.randint(1, 3))
    return title, " ".join(body)


def _tags(ev: dict, title: str, text: str) -> tuple[tuple[EntityTag, ...], tuple[Figure, ...]]:
    """What a perfect tagger would find (for the scaling run, where tagging time is not ours)."""
    names = [(ev["a"], "company"), (ev["b"], "company"), (ev["p"], "person"), (ev["place"], "place")]
    blob = title + " " + text
    ents = tuple(EntityTag(n, t, n, blob.count(n)) for n, t in names if n in blob)
    figs = tuple(Figure(text=s, value=v, unit=u, currency=c, kind=k, entity=ev["a"])
                 for s, v, u, c, k in ((ev["m"], ev["mv"], None, "USD", "money"),
                                       (ev["n"], float(ev["nv"]), "units", None, "count"))
                 if s in blob)
    return ents, figs


def generate(n: int, seed: int, tag: bool = True) -> list[GenItem]:
    """``n`` articles in arrival order (published time, then id), ids 1..n."""
    rng = random.Random(seed)
    events: list[dict] = []
    recent: list[dict] = []
    planned: list[tuple[datetime, int, str, int | None]] = []   # (time, event, outlet, copy of)
    i = 0
    while len(planned) < n:
        day = START + timedelta(days=i // EVENTS_PER_DAY)
        when = day + timedelta(minutes=rng.randint(0, 14 * 60))
        roll = rng.random()
        old = [e for e in recent if 6 <= (when - e["when"]).days <= 8 and e["kind"] in KINDS]
        if roll < 0.12 and old:                          # follow-up a week later
            parent = rng.choice(old)
            ev = {**parent, **_event(rng, i, when, KINDS[parent["kind"]][2], parent["a"],
                                     parent["b"]), "a": parent["a"], "b": parent["b"],
                  "m": parent["m"], "mv": parent["mv"], "n": parent["n"], "nv": parent["nv"],
                  "model": parent["model"], "place": parent["place"], "agency": parent["agency"],
                  "parent": parent, "id": i}
        elif roll < 0.25 and recent:                     # same actors, another event
            base = rng.choice(recent[-EVENTS_PER_DAY * 3:])
            kind = rng.choice([k for k in KINDS if k != base["kind"]])
            if roll < 0.19 and {base["kind"], kind} <= {"partnership", "lawsuit"} | {kind}:
                when = base["when"] + timedelta(minutes=rng.randint(10, 240))   # same day
            ev = _event(rng, i, when, kind, base["a"], base["b"])
        else:
            a, b = rng.sample(COMPANIES, 2)
            ev = _event(rng, i, when, rng.choice(list(KINDS)), a, b)
        ev["details"] = _details(rng, ev)
        events.append(ev)
        recent = [e for e in recent if (when - e["when"]).days <= 9] + [ev]
        size = 1 if rng.random() < 0.12 else min(30, int(rng.lognormvariate(1.6, 0.7)) + 1)
        outlets = rng.sample(OUTLETS, min(size, len(OUTLETS))) + rng.choices(OUTLETS, k=max(0, size - 12))
        for k, outlet in enumerate(outlets):
            late = rng.random() < 0.1 and k
            delay = timedelta(hours=rng.uniform(24, 96)) if late else timedelta(
                minutes=int(rng.expovariate(1 / 180)) if k else 0)
            copy = 0 if k and outlet != "Wire Service" and rng.random() < 0.08 else None
            planned.append((ev["when"] + delay, i, outlet, copy))
        i += 1
    planned.sort(key=lambda p: (p[0], p[1], p[2]))
    planned = planned[:n]
    background: dict[tuple[str, str], str] = {}
    first_of: dict[int, int] = {}
    texts: dict[int, tuple[str, str]] = {}
    items = []
    for aid, (when, e, outlet, copy) in enumerate(planned, 1):
        ev = events[e]
        copy_of = first_of.get(e) if copy is not None else None
        title, text = texts[copy_of] if copy_of else _write(rng, ev, outlet, background)
        first_of.setdefault(e, aid)
        texts[aid] = (title, text)
        if tag:
            from newsdesk.extract.tagging import tag_article
            ents, figs = tag_article(text, title)
        else:
            ents, figs = _tags(ev, title, text)
        items.append(GenItem(Article(url=f"https://example.test/{aid}", title=title, text=text,
                                     source=outlet, id=aid, published=when, copy_of=copy_of,
                                     entities=ents, figures=figs), e, ev["kind"]))
    return items
