"""merge_figures: one story figure per fact across outlets, disagreements only beyond rounding."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.models import Article, EntityTag, Figure
from newsdesk.stories.story_figures import consistent, merge_figures, normalise_unit

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)


def fig(text: str, value: float, sentence: str, *, unit: str | None = None, entity: str | None = None,
        kind: str = "count", currency: str | None = None, qualifier: str | None = None,
        value_max: float | None = None, flags: tuple[str, ...] = ()) -> Figure:
    return Figure(text=text, value=value, unit=unit, currency=currency, qualifier=qualifier,
                  value_max=value_max, kind=kind, entity=entity, sentence=sentence,
                  offset=max(sentence.find(text), 0), flags=flags)


def art(i: int, source: str, *figures: Figure, copy_of: int | None = None,
        entities: tuple[str, ...] = ()) -> Article:
    text = " ".join(dict.fromkeys(f.sentence for f in figures))
    tags = tuple(EntityTag(canonical=e, type="company", name=e, first_offset=max(text.find(e), 0))
                 for e in entities)
    return Article(url=f"https://x.test/{i}", title="", source=source, id=i, text=text,
                   published=T0 + timedelta(minutes=i), copy_of=copy_of, entities=tags,
                   figures=figures)


def accounts(i: int, source: str, written: str, value: float, qualifier: str | None = None,
             unit: str = "fake accounts", copy_of: int | None = None) -> Article:
    s = f"Anthropic said DeepSeek created {written} {unit} to query Claude."
    return art(i, source, fig(f"{written} {unit}", value, s, unit=unit, entity="DeepSeek",
                              qualifier=qualifier), copy_of=copy_of,
               entities=("Anthropic", "DeepSeek", "Claude"))


def test_issue_example_24000_vs_20000_is_a_disagreement() -> None:
    figures, disputes = merge_figures([accounts(1, "Wire", "24,000", 24000),
                                       accounts(2, "Daily", "20,000", 20000)])
    assert len(figures) == 2
    (d,) = disputes
    assert d.entity == "DeepSeek"
    assert sorted((s.value, s.source) for s in d.values) == [(20000, "Daily"), (24000, "Wire")]


def test_issue_example_about_24000_vs_24000_is_one_figure() -> None:
    figures, disputes = merge_figures([accounts(1, "Wire", "about 24,000", 24000, "approximate"),
                                       accounts(2, "Daily", "24,000", 24000)])
    assert disputes == ()
    (f,) = figures
    assert f.value == 24000 and [s.source for s in f.sources] == ["Wire", "Daily"]
    assert [s.qualifier for s in f.sources] == ["approximate", None]


@pytest.mark.parametrize(("a", "b"), [
    ((24000, None), (24300, None)),            # rounding
    ((24000, "approximate"), (24300, None)),
    ((3_400_000, None), (3_400_000.0, None)),  # 3.4 million vs 3,400,000
    ((16e6, "lower_bound"), (16.2e6, None)),   # over 16 million vs 16.2 million
    ((10, "upper_bound"), (8, None)),          # up to 10 vs 8
    ((700, "lower_bound"), (800, "lower_bound")),
])
def test_rounding_and_qualifiers_reconcile(a: tuple, b: tuple) -> None:
    fa, fb = (Figure(text="x", value=v, qualifier=q) for v, q in (a, b))
    assert consistent(fa, fb) and consistent(fb, fa)


@pytest.mark.parametrize(("a", "b"), [
    ((24000, None), (20000, None)),
    ((13.5e6, None), (13e6, None)),            # 13.5 does not round to 13
    ((2, None), (1.8, None)),
    ((600, "approximate"), (700, "lower_bound")),
    ((10, "upper_bound"), (12, None)),
])
def test_values_beyond_rounding_do_not_reconcile(a: tuple, b: tuple) -> None:
    fa, fb = (Figure(text="x", value=v, qualifier=q) for v, q in (a, b))
    assert not consistent(fa, fb) and not consistent(fb, fa)


def test_lower_bound_merges_and_keeps_each_text() -> None:
    s1 = "DeepSeek sent more than 16 million queries to Claude."
    s2 = "DeepSeek sent 16.2 million queries to Claude."
    figures, disputes = merge_figures([
        art(1, "Wire", fig("more than 16 million queries", 16e6, s1, unit="queries",
                           entity="DeepSeek", qualifier="lower_bound")),
        art(2, "Daily", fig("16.2 million queries", 16.2e6, s2, unit="queries", entity="DeepSeek"))])
    assert disputes == () and len(figures) == 1
    assert [s.text for s in figures[0].sources] == ["more than 16 million queries",
                                                    "16.2 million queries"]


def test_units_normalise_case_plural_and_head_noun() -> None:
    assert normalise_unit("Fake Accounts") == "fake account"
    assert normalise_unit("roles") == normalise_unit("jobs") == "job"
    assert normalise_unit(None) is None and normalise_unit("%") == "%"
    figures, _ = merge_figures([accounts(1, "Wire", "24,000", 24000, unit="fake accounts"),
                                accounts(2, "Daily", "24,000", 24000, unit="Accounts")])
    assert len(figures) == 1 and len(figures[0].sources) == 2


def test_different_units_and_currencies_are_not_merged() -> None:
    s = "Mistral AI raised {} in its latest funding round."
    figures, disputes = merge_figures([
        art(1, "Wire", fig("EUR 1.7 billion", 1.7e9, s.format("EUR 1.7 billion"), kind="money",
                           currency="EUR", entity="Mistral AI")),
        art(2, "Daily", fig("$1.7 billion", 1.7e9, s.format("$1.7 billion"), kind="money",
                            currency="USD", entity="Mistral AI")),
        art(3, "Post", fig("1.7 billion", 1.7e9, s.format("1.7 billion users"), unit="users",
                           entity="Mistral AI"))])
    assert len(figures) == 3 and disputes == ()


def test_copies_join_the_sources_but_do_not_disagree_by_themselves() -> None:
    original = accounts(1, "Wire", "24,000", 24000)
    copy = accounts(2, "Post", "24,000", 24000, copy_of=1)
    edited = accounts(3, "Herald", "30,000", 30000, copy_of=1)
    figures, disputes = merge_figures([original, copy, edited])
    assert disputes == ()
    assert [s.source for s in figures[0].sources] == ["Wire", "Post"]


def test_two_facts_about_one_owner_are_not_a_disagreement() -> None:
    s1 = "Nvidia reported revenue of $57 billion for the quarter."
    s2 = "Nvidia forecast revenue of $65 billion for the current quarter."
    _, disputes = merge_figures([
        art(1, "Wire", fig("$57 billion", 57e9, s1, kind="money", currency="USD", entity="Nvidia")),
        art(2, "Daily", fig("$65 billion", 65e9, s2, kind="money", currency="USD", entity="Nvidia"))])
    assert disputes == ()


def test_total_and_part_far_apart_are_not_a_disagreement() -> None:
    s1 = "Kimi K3 has 1.5 trillion parameters, Moonshot said."
    s2 = "Kimi K3 has 48 billion parameters, Moonshot said."
    _, disputes = merge_figures([
        art(1, "Wire", fig("1.5 trillion parameters", 1.5e12, s1, unit="parameters", entity="Kimi K3")),
        art(2, "Daily", fig("48 billion parameters", 48e9, s2, unit="parameters", entity="Kimi K3"))])
    assert disputes == ()


def test_ownerless_figures_need_a_shared_entity_and_durations_an_owner() -> None:
    s1, s2 = "The outage lasted about six hours.", "The outage lasted nine hours."
    _, disputes = merge_figures([
        art(1, "Wire", fig("about six hours", 6, s1, unit="hours", kind="duration",
                           qualifier="approximate")),
        art(2, "Daily", fig("nine hours", 9, s2, unit="hours", kind="duration"))])
    assert disputes == ()
    s1 = "Near Cheyenne, Wyoming, the campus will draw 2 gigawatts."
    s2 = "Near Cheyenne, Wyoming, the campus will draw 1.5 gigawatts."
    _, disputes = merge_figures([
        art(1, "Wire", fig("2 gigawatts", 2, s1, unit="gigawatts", kind="measure"),
            entities=("Cheyenne",)),
        art(2, "Daily", fig("1.5 gigawatts", 1.5, s2, unit="gigawatts", kind="measure"),
            entities=("Cheyenne",))])
    assert len(disputes) == 1


def test_owner_folded_through_parents() -> None:
    s1 = "Meta will cut about 600 jobs in its AI division, a memo said."
    s2 = "Mark Zuckerberg's company is cutting more than 700 roles across its AI division."
    arts = [art(1, "Wire", fig("about 600 jobs", 600, s1, unit="jobs", entity="Meta",
                               qualifier="approximate")),
            art(2, "Buzz", fig("more than 700 roles", 700, s2, unit="roles",
                               entity="Mark Zuckerberg", qualifier="lower_bound"))]
    assert merge_figures(arts)[1] == ()
    (d,) = merge_figures(arts, parents={"Mark Zuckerberg": "Meta"})[1]
    assert [s.text for s in d.values] == ["about 600 jobs", "more than 700 roles"]


def test_flags_kept_and_order_by_outlets_then_first_appearance() -> None:
    s = "OpenAI said it has 800 million weekly users and 5 million business seats."
    a1 = art(1, "Wire", fig("5 million business seats", 5e6, s, unit="business seats",
                            entity="OpenAI", flags=("unit_mismatch",)),
             fig("800 million weekly users", 8e8, s, unit="weekly users", entity="OpenAI"))
    a2 = art(2, "Daily", fig("800 million weekly users", 8e8, s, unit="weekly users",
                             entity="OpenAI"))
    figures, _ = merge_figures([a2, a1])          # input order does not matter
    assert [f.unit for f in figures] == ["weekly users", "business seats"]
    assert figures[1].sources[0].flags == ("unit_mismatch",)


def test_deterministic_under_shuffles() -> None:
    arts = [accounts(1, "Wire", "24,000", 24000), accounts(2, "Daily", "20,000", 20000),
            accounts(3, "Post", "about 24,000", 24000, "approximate"),
            accounts(4, "Herald", "24,300", 24300)]
    want = merge_figures(arts)
    rng = random.Random(5)
    for _ in range(5):
        rng.shuffle(arts)
        assert merge_figures(arts) == want
    assert [len(f.sources) for f in want[0]] == [3, 1]
