"""Generated news with known copies and near-misses, for benchmarks/copies_bench.py.

    from copies_data import generate
    articles = generate(10_000, seed=1)        # published order, spread over 60 days

Texts are 400-900 words (plus boilerplate), and one original in ten is a brief of 120-350 words
(wires publish many, and short texts are where sampled shingles run thin). Sentences come from a pool: every sentence of the
sample site's 64 articles plus sentences walked from a word-level Markov chain over them; each use
of a pool sentence swaps about 45% of its content words for draws from a 50,000-word vocabulary
(Zipf), so originals share stock phrases but not 5-word runs by accident. Articles about one event
share its company, people, figures and often its quotes (a spokesperson's sentences, verbatim);
articles about a company often carry its press-release "About" paragraph; articles of one outlet
share its boilerplate lines (10 to 60 words each), and often the outlet's stock first sentence
about a company. Those shared passages are what make the near-misses hard.

Roles (``role``): "original"; "copy" (``copy_of`` = the earliest original, ``edits`` say how it
was made: hash (verbatim), intro, headline, trim, boilerplate, words, contained, of-copy);
near-misses that are NOT copies: "rewrite" (another outlet's own write-up of the same event),
"follow-up" (a later story quoting one paragraph of an earlier one), "same-company" (a new event of
a company in the news within two weeks, often with the same outlet's stock first sentence and
boilerplate).
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

from newsdesk.sample_site.content import load_content

START = datetime(2026, 9, 1, tzinfo=UTC)
_WORD = re.compile(r"[\w$%]+(?:['’.,-][\w%]+)*")
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“])")
_STOP = set("""a an the and or but if of in on at to for from by with as is are was were be been
being it its this that these those he she they we you i his her their our who whom which what when
where why how not no so than then there here also said says say about after before over under
into out up down more most less many much some any all each other such only own same very can
could will would may might should must do does did has have had just while during""".split())
_SYLLABLES = ("ka ro ve li an tor mi sel dra qu en ox par bel cin dor fa gri hal jun ker lo mur "
              "nes pra rin sol tav ul vin wex yor zan bri cal den fen gal hen ist jor kel lum mar "
              "nor pel ras sen tin var").split()
_SYNTHETIC = 50_000


@dataclass(frozen=True)
class GenArticle:
    id: int
    published: datetime
    outlet: str
    title: str
    text: str
    role: str                        # original | copy | rewrite | follow-up | same-company
    copy_of: int | None = None       # label: the earliest original this copies
    source: int | None = None        # the article it was made from (copies and follow-ups)
    edits: tuple[str, ...] = ()


class _Words:
    """The vocabulary, the sentence pool and the content-word swapping."""

    def __init__(self, rng: np.random.Generator, pool_size: int, reserve: int) -> None:
        self.rng = rng
        sentences = [s for a in load_content().articles for p in a.paragraphs
                     for s in _SENTENCE.split(p)]
        index: dict[str, int] = {}
        tokenised = [[index.setdefault(x, len(index)) for x in _WORD.findall(s)] for s in sentences]
        synthetic: set[str] = set()
        while len(synthetic) < _SYNTHETIC:
            synthetic.add("".join(rng.choice(_SYLLABLES, int(rng.integers(2, 5)))))
        for word in sorted(synthetic - set(index)):
            index[word] = len(index)
        self.index = index
        self.words = np.empty(len(index) + reserve, dtype=object)
        self.words[:len(index)] = list(index)
        self.content = np.ones(len(self.words), dtype=bool)
        self.content[:len(index)] = [x.lower() not in _STOP for x in index]
        n_sample = len(index) - _SYNTHETIC
        swap = np.concatenate([np.flatnonzero(self.content[:n_sample]),
                               np.arange(n_sample, len(index))])
        weight = np.concatenate([np.full(len(swap) - _SYNTHETIC, 1 / 200),
                                 1 / (np.arange(1, _SYNTHETIC + 1) + 50.0)])
        self._swap, self._cdf = swap, np.cumsum(weight / weight.sum())
        chain: dict[int, list[int]] = {}
        for toks in tokenised:
            for a, b in zip([-1, *toks], [*toks, -2]):
                chain.setdefault(a, []).append(b)
        pool = [t for t in tokenised if len(t) >= 6]
        walk = random.Random(int(rng.integers(1 << 30)))
        while len(pool) < pool_size:
            toks, prev = [], -1
            while len(toks) < 40:
                prev = walk.choice(chain[prev])
                if prev == -2:
                    break
                toks.append(prev)
            if len(toks) >= 8:
                pool.append(toks)
        self.pool = [np.array(t) for t in pool]
        self.lens = np.array([len(t) for t in pool])

    def draw(self, n: int) -> np.ndarray:
        return self._swap[np.searchsorted(self._cdf, self.rng.random(n))]

    def word(self, text: str) -> int:
        if text not in self.index:
            self.index[text] = len(self.index)
            self.words[self.index[text]] = text
        return self.index[text]

    def sentences(self, words: int, facts: np.ndarray | None = None) -> list[str]:
        """Pool sentences, content words swapped, adding up to at least ``words`` words."""
        idx = self.rng.integers(len(self.pool), size=words // 8 + 4)
        idx = idx[:int(np.searchsorted(np.cumsum(self.lens[idx]), words)) + 1]
        toks = np.concatenate([self.pool[j] for j in idx])
        mask = self.content[toks] & (self.rng.random(len(toks)) < 0.45)
        toks[mask] = self.draw(int(mask.sum()))
        if facts is not None and len(facts):          # the event's names and figures
            spots = np.flatnonzero(self.content[toks] & (self.rng.random(len(toks)) < 0.12))
            toks[spots] = self.rng.choice(facts, size=len(spots))
        text, out, pos = self.words[toks], [], 0
        for n in self.lens[idx].tolist():
            s = " ".join(text[pos:pos + n])
            out.append(s[:1].upper() + s[1:] + ".")
            pos += n
        return out

    def paragraphs(self, words: int, facts: np.ndarray | None = None) -> list[str]:
        sents, out = self.sentences(words, facts), []
        while sents:
            k = int(self.rng.integers(2, 5))
            out.append(" ".join(sents[:k]))
            sents = sents[k:]
        return out

    def name(self) -> str:
        return " ".join(str(x).capitalize() for x in self.words[self.draw(2)])


def generate(n: int, seed: int, days: int = 60) -> list[GenArticle]:
    rng = np.random.default_rng(seed)
    w = _Words(rng, pool_size=max(20_000, n // 2), reserve=8 * n + 4000)
    outlets = [f"outlet{i:02d}" for i in range(40)]
    wires = set(outlets[:6])
    boiler = {o: [" ".join(w.sentences(int(rng.integers(10, 60))))
                  for _ in range(int(rng.integers(1, 4)))] for o in outlets}
    companies = [w.name() for _ in range(400)]
    about_co: dict[int, str] = {}                 # a company's press-release "About" paragraph
    company_p = 1 / (np.arange(1, 401) + 5.0)
    company_p /= company_p.sum()
    ledes: dict[tuple[str, int], str] = {}
    last_seen: dict[int, float] = {}
    seconds = (np.sort(rng.random(n)) * days * 86400).tolist()
    out: list[GenArticle] = []
    body: list[list[str]] = []                    # body paragraphs (no boilerplate) by id
    about: list[tuple[int, int]] = []             # (event, company) by id
    facts: list[np.ndarray] = []                  # vocabulary ids of each event's names, figures
    quotes: list[list[str]] = []                  # each event's quoted sentences, verbatim

    def recent(i: int, within_days: float, ok: Callable[[int], bool]) -> int | None:
        lo = bisect.bisect_left(seconds, seconds[i] - within_days * 86400, 0, i)
        for _ in range(40):                       # rejection sampling: no scan of the window
            if lo < i:
                j = int(rng.integers(lo, i))
                if ok(j):
                    return j
        return None

    def emit(i: int, outlet: str, paras: list[str], role: str, ev: int, co: int, title: str,
             copy_of: int | None = None, source: int | None = None, edits=(), bp=None) -> None:
        body.append(paras)
        about.append((ev, co))
        text = "\n\n".join(paras + (boiler[outlet] if bp is None else bp))
        out.append(GenArticle(i, START + timedelta(seconds=seconds[i]), outlet, title, text,
                              role, copy_of, source, tuple(edits)))

    for i in range(n):
        outlet = outlets[int(rng.integers(len(outlets)))]
        roll = rng.random()
        src = None
        if roll < 0.20:
            src = recent(i, 3, lambda j, o=outlet: out[j].outlet != o
                         and (out[j].outlet in wires or rng.random() < 0.3))
        if src is not None:
            s = out[src]
            ev, co = about[src]
            edits = ["of-copy"] if s.copy_of is not None else []
            paras, bp = list(body[src]), None
            r = rng.random()
            if r < 0.06:                                 # verbatim, the wire's lines and all
                edits.append("hash")
                bp = boiler[s.outlet]
            elif r < 0.18:                               # quoted whole inside a longer piece
                edits.append("contained")
                paras = (w.paragraphs(int(rng.integers(150, 500)), facts[ev]) + paras
                         + w.paragraphs(int(rng.integers(80, 400)), facts[ev]))
            else:
                if rng.random() < 0.5:
                    edits.append("intro")
                    paras = [" ".join(w.sentences(int(rng.integers(25, 70)), facts[ev]))] + paras
                if rng.random() < 0.45 and len(paras) > 5:
                    edits.append("trim")
                    paras = paras[:-int(rng.integers(1, 3))]
                if rng.random() < 0.45:
                    edits.append("words")
                    paras = _copy_edit(paras, w, int(rng.integers(2, 9)))
                if rng.random() < 0.2:
                    bp = []
                edits.append("boilerplate")
            if "hash" not in edits or rng.random() < 0.5:
                edits.append("headline")
            title = " ".join(w.sentences(9, facts[ev])[0].split()[:9]) if "headline" in edits \
                else s.title
            root = s.copy_of if s.copy_of is not None else src
            emit(i, outlet, paras, "copy", ev, co, title, root, src, edits, bp)
            continue
        role, ev, co, quote, requote = "original", -1, -1, None, None
        if roll < 0.35:
            other = recent(i, 4, lambda j, o=outlet: out[j].role != "copy" and out[j].outlet != o)
            if other is not None:
                role, (ev, co) = "rewrite", about[other]
        elif roll < 0.43:
            other = recent(i, 10, lambda j: len(body[j]) > 3)
            if other is not None:
                role, quote, co = "follow-up", other, about[other][1]
                requote = about[other][0]
        if ev < 0:
            if co < 0:
                co = int(rng.choice(400, p=company_p))
                if seconds[i] - last_seen.get(co, -1e12) < 14 * 86400:
                    role = "same-company"
            ev = len(facts)
            names = [*companies[co].split(), *w.name().split(), *w.name().split(),
                     str(rng.integers(2, 900)), f"${rng.integers(1, 99)}.{rng.integers(10)}"]
            facts.append(np.array([w.word(x) for x in names]))
            quotes.append(w.sentences(int(rng.integers(20, 80)), facts[-1]))
        last_seen[co] = seconds[i]
        size = (120, 350) if rng.random() < 0.1 else (400, 900)
        paras = w.paragraphs(int(rng.integers(*size)), facts[ev])
        if rng.random() < 0.6:              # the outlet's stock first sentence about the company
            if (outlet, co) not in ledes:
                s = w.sentences(15)[0]
                ledes[(outlet, co)] = companies[co] + " " + s[:1].lower() + s[1:]
            paras[0] = ledes[(outlet, co)] + " " + paras[0]
        said = list(quotes[ev]) + (quotes[requote] if requote is not None else [])
        for _ in range(int(rng.integers(0, 3))):    # the spokesperson's words, as everyone quotes
            k = int(rng.integers(len(paras)))
            paras[k] += " " + said[int(rng.integers(len(said)))]
        if rng.random() < 0.3:
            if co not in about_co:
                about_co[co] = f"About {companies[co]}: " + " ".join(w.sentences(
                    int(rng.integers(40, 80)), facts[ev][:2]))
            paras.append(about_co[co])
        if quote is not None:
            q = body[quote]
            paras.insert(int(rng.integers(1, len(paras) + 1)), q[int(rng.integers(len(q)))])
        title = " ".join(w.sentences(10, facts[ev])[0].split()[:10])
        emit(i, outlet, paras, role, ev, co, title, source=quote)
    return out


def _copy_edit(paras: list[str], w: _Words, changes: int) -> list[str]:
    """A few words changed, as a copy desk does."""
    words = [p.split(" ") for p in paras]
    for _ in range(changes):
        p = int(w.rng.integers(len(words)))
        k = int(w.rng.integers(len(words[p])))
        words[p][k] = str(w.words[w.draw(1)[0]])
    return [" ".join(p) for p in words]
