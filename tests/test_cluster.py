"""Story clustering behaviour: joins, near misses, copies, closing, merges, determinism, restore,
and a per-article cost that does not depend on closed stories. Articles are built here."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from newsdesk.config import StoriesConfig
from newsdesk.models import Article, EntityTag, Figure
from newsdesk.stories.cluster import StoryClusterer

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)
CONFIG = StoriesConfig()


def art(aid: int, title: str, text: str, hours: float = 0.0, source: str = "Wire",
        entities: tuple[str, ...] = (), figures: tuple[tuple[float, str | None, str], ...] = (),
        copy_of: int | None = None) -> Article:
    return Article(url=f"https://x.test/{aid}", title=title, text=text, source=source, id=aid,
                   published=T0 + timedelta(hours=hours), copy_of=copy_of,
                   entities=tuple(EntityTag(e, "company", e) for e in entities),
                   figures=tuple(Figure(text="", value=v, unit=u, kind=k) for v, u, k in figures))


FUNDING = ("Moonshot AI raised $2.5 billion in a round led by Tencent, valuing the Beijing "
           "start-up at $18 billion. The Kimi maker will spend the money on compute in Inner "
           "Mongolia and on hiring researchers.")
FUNDING_2 = ("Tencent led a $2.5 billion investment in Moonshot AI, the company behind the Kimi "
             "chatbot, which is now valued at $18 billion and plans compute in Inner Mongolia.")
# Full-article length on purpose: headline-length texts get a lower join bar (join_bar), where a
# blurb that shares only the company's name is the measured price of joining real headlines.
LAWSUIT = ("Authors filed a lawsuit against Moonshot AI in a Shanghai court, claiming the Kimi "
           "models were trained on pirated novels without permission or payment. The writers' "
           "guild behind the case says thousands of serialised web novels were copied from "
           "subscription platforms, and it asks judges for damages and an order to delete the "
           "training data. A hearing is expected next spring; lawyers for the plaintiffs cited "
           "earlier copyright rulings against search engines and e-book pirates.")
NVIDIA = ("Nvidia reported record data center revenue as demand for Blackwell accelerators "
          "from cloud providers kept growing, and it raised its quarterly forecast.")


def funding_pair(offset: int = 0, hours: float = 0.0) -> list[Article]:
    money = ((2.5e9, None, "money"), (18e9, None, "money"))
    return [
        art(1 + offset, "Moonshot AI raises $2.5 billion led by Tencent", FUNDING, hours,
            entities=("Moonshot AI", "Tencent"), figures=money),
        art(2 + offset, "Tencent leads $2.5bn Moonshot AI round", FUNDING_2, hours + 2, "Daily",
            entities=("Moonshot AI", "Tencent"), figures=money),
    ]


def assign(articles: list[Article], config: StoriesConfig = CONFIG) -> list[int]:
    c = StoryClusterer(config)
    return [c.add(a, a.published).story_id for a in articles]  # type: ignore[arg-type]


def test_two_outlets_on_one_event_join() -> None:
    assert assign(funding_pair()) == [1, 1]


def test_same_company_different_event_stays_apart() -> None:
    arts = funding_pair() + [art(3, "Authors sue Moonshot AI over pirated novels", LAWSUIT, 3,
                                 entities=("Moonshot AI",))]
    assert assign(arts) == [1, 1, 3]


def test_unrelated_story_opens_its_own() -> None:
    arts = funding_pair() + [art(3, "Nvidia raises forecast on Blackwell demand", NVIDIA, 1,
                                 entities=("Nvidia",))]
    assert assign(arts) == [1, 1, 3]


def test_copy_follows_its_original_even_with_other_words() -> None:
    arts = funding_pair() + [art(3, "Nvidia raises forecast", NVIDIA, 1),
                             art(4, "Totally different headline", "Unrelated words here.", 4,
                                 copy_of=2)]
    c = StoryClusterer(CONFIG)
    got = [c.add(a, a.published) for a in arts]  # type: ignore[arg-type]
    assert got[3].story_id == 1 and got[3].score == 1.0


def test_story_closes_after_quiet_hours_and_a_late_article_opens_a_new_one() -> None:
    later = CONFIG.quiet_hours + 3            # the last article was at +2h
    arts = funding_pair() + funding_pair(offset=10, hours=later)
    c = StoryClusterer(CONFIG)
    got = [c.add(a, a.published).story_id for a in arts]  # type: ignore[arg-type]
    assert got == [1, 1, 11, 11]
    assert c.open_story_ids() == [11]


def test_article_days_later_still_joins_an_open_story() -> None:
    arts = funding_pair() + funding_pair(offset=10, hours=40)
    assert assign(arts) == [1, 1, 1, 1]


def test_bridge_merges_two_stories_keeping_the_older_id() -> None:
    config = replace(CONFIG, join_threshold=0.3, merge_threshold=0.3, entity_weight=0.0,
                     figure_weight=0.0)
    a = art(5, "Cerebras files for IPO", "Cerebras filed for an initial public offering on the "
            "Nasdaq, listing revenue growth and its wafer scale engine chips.")
    b = art(7, "G42 deal dominates Cerebras listing risk", "The prospectus shows G42 of Abu Dhabi "
            "accounts for most sales, a concentration risk regulators reviewed.", 1)
    bridge = art(9, "Cerebras IPO filing shows G42 concentration", "Cerebras filed for an initial "
                 "public offering on the Nasdaq; the prospectus shows G42 of Abu Dhabi accounts "
                 "for most sales of its wafer scale engine chips.", 2)
    c = StoryClusterer(config)
    assert c.add(a, a.published).story_id == 5      # type: ignore[arg-type]
    assert c.add(b, b.published).story_id == 7      # type: ignore[arg-type]
    got = c.add(bridge, bridge.published)           # type: ignore[arg-type]
    assert (got.story_id, got.merged) == (5, (7,))
    assert c.open_story_ids() == [5]
    assert set(c.story_articles(5)) == {5, 7, 9}


def stream() -> list[Article]:
    arts = []
    texts = [FUNDING, FUNDING_2, LAWSUIT, NVIDIA]
    for k in range(40):
        arts.append(art(k + 1, f"Item {k % 7} {texts[k % 4][:40]}", texts[k % 4] + f" Note {k}.",
                        hours=k * 5.0, source=f"S{k % 3}",
                        entities=("Moonshot AI",) if k % 4 < 3 else ("Nvidia",)))
    return arts


def test_same_inputs_same_assignments() -> None:
    a = StoryClusterer(CONFIG)
    b = StoryClusterer(CONFIG)
    arts = stream()
    assert ([a.add(x, x.published) for x in arts]  # type: ignore[arg-type]
            == [b.add(x, x.published) for x in arts])  # type: ignore[arg-type]


def test_restore_then_add_gives_the_same_as_adding_all() -> None:
    config = replace(CONFIG, quiet_hours=10_000)          # keep every story open
    arts = stream()
    full = StoryClusterer(config)
    first = [full.add(x, x.published) for x in arts[:25]]  # type: ignore[arg-type]
    rest_full = [full.add(x, x.published) for x in arts[25:]]  # type: ignore[arg-type]
    story_of = {g.article_id: g.story_id for g in first}
    for g in first:
        for m in g.merged:
            story_of = {k: (g.story_id if v == m else v) for k, v in story_of.items()}
    groups: dict[int, list[Article]] = {}
    for x in arts[:25]:
        groups.setdefault(story_of[x.id], []).append(x)  # type: ignore[index]
    restored = StoryClusterer(config)
    restored.restore(sorted(groups.items()), arts[24].published)  # type: ignore[arg-type]
    assert [restored.add(x, x.published) for x in arts[25:]] == rest_full  # type: ignore[arg-type]


def test_cost_does_not_grow_with_closed_stories() -> None:
    c = StoryClusterer(CONFIG)
    checked = []
    for k in range(300):                                  # one new story a day, each its own
        words = " ".join(f"w{k}x{j}" for j in range(12))
        a = art(k + 1, f"Moonshot AI {words}", f"Moonshot AI {words}.", hours=24.0 * k,
                entities=("Moonshot AI", "Tencent"))
        c.add(a, a.published)  # type: ignore[arg-type]
        checked.append(c.last_candidates)
    bound = min(CONFIG.quiet_hours / 24 + 1, CONFIG.max_candidates)   # stories open at once
    assert len(c.open_story_ids()) <= bound
    assert max(checked) <= bound                          # 300 days of stories, never more
    assert c.open_story_ids() == [297, 298, 299, 300]     # closed ones are gone


def test_headlines_need_less_similarity_than_full_articles_to_join() -> None:
    from newsdesk.stories.cluster import join_bar

    short, long_ = join_bar(CONFIG, 10), join_bar(CONFIG, 300)
    assert short == CONFIG.short_join_threshold and long_ == CONFIG.join_threshold
    middle = join_bar(CONFIG, (CONFIG.short_terms + CONFIG.long_terms) // 2)
    assert short < middle < long_
    # two headlines about one event share few words: they still make one story, while an
    # unrelated headline about the same company does not join it
    c = StoryClusterer(CONFIG)
    first = c.add(art(1, "Moonshot AI raises $2.5 billion led by Tencent", ""), T0)
    second = c.add(art(2, "Tencent leads $2.5 billion round in Kimi maker Moonshot AI", "",
                       hours=1), T0 + timedelta(hours=1))
    other = c.add(art(3, "Nvidia raises forecast on Blackwell demand from cloud providers", "",
                      hours=2), T0 + timedelta(hours=2))
    assert second.story_id == first.story_id
    assert other.story_id not in (first.story_id,)


def test_only_a_storys_own_figures_about_its_own_names_tie_an_article_to_it() -> None:
    from newsdesk.stories.cluster_parts import Story, figure_keys

    def with_figs(aid: int, figs: list[tuple[float, str, str | None]], names: tuple[str, ...]):
        a = art(aid, "t", "x", entities=names)
        return replace(a, figures=tuple(Figure(text="", value=v, unit=u, kind="count", entity=o)
                                        for v, u, o in figs))

    story = Story(1, 0.0)
    deal = (24000.0, "accounts", "Anthropic")
    stock = (87000.0, "people", "Anthropic")       # one outlet's background line
    for aid, figs in ((1, [deal, stock]), (2, [deal]), (3, [deal])):
        a = with_figs(aid, figs, ("Anthropic", "DeepSeek"))
        story.add(aid, 0.0, text_vector_of(a), ("Anthropic", "DeepSeek"), figure_keys(a))
    keys = figure_keys(with_figs(4, [deal, stock], ()))
    shared = [k for k, owners in keys.items() if story.shares_key_figure(k, owners)]
    # the 24,000 accounts are the story's own (all three articles); the 87,000 staff are not
    assert [k[3] for k in shared] == [24000.0]
    # the same count owned by a company the story never names does not tie in; owned by nobody
    # named, it does
    [(key, owners)] = figure_keys(with_figs(5, [(24000.0, "accounts", "Cerebras")], ())).items()
    assert owners == {"Cerebras"} and not story.shares_key_figure(key, owners)
    [(key, owners)] = figure_keys(with_figs(6, [(24000.0, "accounts", None)], ())).items()
    assert story.shares_key_figure(key, owners)


def text_vector_of(a: Article):
    from newsdesk.stories.vectors import text_vector
    return text_vector(a.title, a.text)
