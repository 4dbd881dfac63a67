"""Story headline and summary: cited, clean, non-redundant, ordered, deterministic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.models import Article, EntityTag, StoryEntity
from newsdesk.stories.headline import choose_headline
from newsdesk.stories.summary import summarize
from newsdesk.stories.summary_lines import junk_reason, usable_lines

T0 = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def art(id: int, source: str, title: str, paragraphs: list[str], hours: float = 0,
        copy_of: int | None = None, entities: tuple[EntityTag, ...] = ()) -> Article:
    return Article(url=f"https://{source.lower().replace(' ', '')}.example/{id}", title=title,
                   source=source, id=id, published=T0 + timedelta(hours=hours),
                   text="\n\n".join(paragraphs), copy_of=copy_of, entities=entities)


WIRE = art(1, "Meridian Wire", "Anthropic says Chinese labs used 24,000 fake accounts to copy Claude", [
    ("SAN FRANCISCO, Nov 20 (Meridian Wire) - Anthropic said on Friday that three Chinese AI "
    "developers used roughly 24,000 fraudulent accounts to hold over 16 million exchanges with its "
    "Claude chatbot."),
    ("The company named DeepSeek, Moonshot AI and MiniMax as the labs behind the activity, which it "
    "said ran from June to mid-October."),
    "Read more: Our full coverage of AI security.",
    "Anthropic said it had banned the accounts and shared technical indicators with other labs.",
    "Reporting by Jane Doe; Editing by John Roe",
])
DAILY = art(2, "The Daily Stack", "What Anthropic's distillation report means for open models", [
    "By Sam Lee",
    "Could this be the end of cheap Chinese models?",
    ("Anthropic said three Chinese developers used about 24,000 fraudulent accounts to hold over "
    "16 million exchanges with Claude, according to a report published on Friday."),
    ("The report says the labs harvested answers to train rival models, a practice known as "
    "distillation that most AI terms of service forbid."),
    "Subscribe to our newsletter for daily AI news.",
    "Photo: Anthropic's office in San Francisco.",
    "RELATED STORIES AND MORE COVERAGE FROM OUR TEAM TODAY.",
])
ASIA = art(3, "The Pacific Circuit", "Chinese AI labs deny Anthropic's distillation claims", [
    ("DeepSeek and MiniMax denied on Saturday that they had misused Anthropic's Claude, calling the "
    "report an attempt to smear Chinese competitors."),
    "Moonshot AI did not respond to a request for comment.",
    "Analysts said the dispute could shape how the United States treats Chinese AI firms.",
    "Related: Beijing tightens rules on AI training data.",
], hours=20)
STORY = [WIRE, DAILY, ASIA]
JUNK = ("Read more", "Reporting by", "By Sam Lee", "Could this", "Subscribe", "Photo:", "RELATED",
        "Related:", "SAN FRANCISCO", "(Meridian Wire)")


def test_sentences_come_from_their_article_and_cite_its_outlet() -> None:
    summary = summarize(STORY)
    by_id = {a.id: a for a in STORY}
    assert summary
    for s in summary:
        assert s.sentence in by_id[s.article_id].text
        assert s.source == by_id[s.article_id].source


def test_two_to_five_sentences_and_no_teaser_or_boilerplate() -> None:
    summary = summarize(STORY)
    assert 2 <= len(summary) <= 5
    for s in summary:
        assert not any(j in s.sentence for j in JUNK), s.sentence
        assert junk_reason(s.sentence) is None
    assert len(summarize(STORY, max_sentences=2)) == 2


@pytest.mark.parametrize("line, reason", [
    ("Read more: the full story of the week in AI.", "boilerplate"),
    ("Subscribe to our newsletter to get the news every morning.", "boilerplate"),
    ("Related: Nvidia shares fall after the rule is published.", "label or caption"),
    ("Photo: the company's headquarters in San Francisco, California.", "label or caption"),
    ("By Jane Doe and John Roe, technology correspondents.", "byline"),
    ("Is this the end of the open-model era for Chinese labs?", "question"),
    ("NVIDIA SHARES PLUNGE AFTER EXPORT RULE IS ANNOUNCED.", "all caps"),
    ("The tallest and fastest coaster in the whole world.", "no verb"),
    ("and then the company said it would appeal the ruling.", "fragment"),
    ("Shares fell 3%.", "too short"),
    (" ".join(["The company said the rule was unfair"] * 12) + ".", "too long"),
])
def test_junk_lines_are_recognised(line: str, reason: str) -> None:
    assert junk_reason(line) == reason


def test_datelines_and_cnn_style_openers_are_cut_from_the_sentence() -> None:
    text = ("(CNN)A spacecraft bound for the space station will re-enter the atmosphere, NASA said. "
            "It lost contact with flight controllers on Tuesday after launch.")
    first = usable_lines(text)[0]
    assert first.text.startswith("A spacecraft") and first.text in text
    wire = "LONDON, Nov 20 (Reuters) - The bank said on Friday it would cut 2,000 jobs in Europe."
    assert usable_lines(wire)[0].text.startswith("The bank said")


def test_no_near_duplicates_from_two_outlets() -> None:
    summary = summarize(STORY)
    about_accounts = [s for s in summary if "24,000" in s.sentence]
    assert len(about_accounts) == 1
    assert about_accounts[0].article_id == WIRE.id       # the first outlet to report it


def test_readable_order_by_article_time_then_position() -> None:
    summary = summarize(STORY)
    times = {a.id: a.published for a in STORY}
    keys = [(times[s.article_id], next(a for a in STORY if a.id == s.article_id).text.index(
        s.sentence)) for s in summary]
    assert keys == sorted(keys)


def test_same_input_same_summary_whatever_the_order_given() -> None:
    assert summarize(STORY) == summarize(list(reversed(STORY))) == summarize(STORY)
    assert choose_headline(STORY) == choose_headline(list(reversed(STORY)))


def test_copies_are_not_separate_sources() -> None:
    copy = art(9, "Reprint Daily", WIRE.title, WIRE.text.split("\n\n"), hours=1, copy_of=WIRE.id)
    assert summarize([WIRE, copy, DAILY, ASIA]) == summarize(STORY)
    assert all(s.article_id != copy.id for s in summarize([WIRE, copy, DAILY, ASIA]))
    # with the original missing, the copy speaks for it once
    lone = summarize([copy])
    assert lone and all(s.article_id == copy.id for s in lone)


def test_headline_is_the_representative_title_not_the_first() -> None:
    first = art(10, "Quick Wire", "Breaking: statement issued", [
        "The company issued a statement on Friday about the results of its review."])
    others = [
        art(11, "A", "Anthropic says Chinese AI labs used fake accounts to copy Claude", [], 1),
        art(12, "B", "Chinese AI labs used fake accounts to copy Claude, Anthropic says", [], 2),
        art(13, "C", "Anthropic accuses Chinese labs of copying Claude with fake accounts", [], 3),
    ]
    chosen = choose_headline([first, *others])
    assert chosen.id in {11, 12, 13}
    assert chosen.id == 11            # 11 and 12 have the same words: the tie goes to the earlier
    assert choose_headline([others[0]]) is others[0]


def test_headline_copies_count_once_and_ties_go_to_the_earliest() -> None:
    a = art(20, "A", "Nvidia takes charge on China chip rule", [], 0)
    b = art(21, "B", "Nvidia takes charge on China chip rule", [], 1, copy_of=20)
    c = art(22, "C", "Nvidia flags charge after new China chip rule", [], 2)
    d = art(23, "D", "Commerce rule hits Nvidia China chip sales", [], 3)
    # the two copies of A must not outvote C by agreeing with each other
    assert choose_headline([a, b, c, d]) == choose_headline([a, c, d])
    assert choose_headline([b, a]) is a
    tie = [art(30, "X", "Same words here", [], 5), art(31, "Y", "Same words here", [], 1)]
    assert choose_headline(tie).id == 31


def test_key_entities_are_preferred() -> None:
    paras = [                         # third: position alone would pick the other two
        "The weather in the city was mild on Friday, with light winds expected later.",
        "The local council said the new park would open in the spring after long delays.",
        "Orbit Labs said on Friday it had raised $40 million to build robot arms for farms.",
    ]
    a = art(40, "Local", "News in brief", paras)
    ents = [StoryEntity("Orbit Labs", "company", 1.0, 1)]
    top = summarize([a], ents, max_sentences=2)
    assert any("Orbit Labs" in s.sentence for s in top)


def test_hostile_text_passes_through_unchanged() -> None:
    evil = ("The [b]Orbit X2[/b] phone went on sale on Saturday in four countries\x1b]0;PWN\x07 "
            "across the region.")
    a = art(50, "Asia", "Hands-on: the [bold]Orbit X2[/]\x1b]0;PWN\x07", [
        evil, "The company said the phone would cost about $1,600 in Thailand at launch."])
    summary = summarize([a])
    assert summary[0].sentence == evil                     # byte for byte, markup and escapes kept
    assert choose_headline([a]).id == a.id


def test_short_story_may_have_one_sentence_and_empty_text_none() -> None:
    one = art(60, "Brief", "Kestrel raises seed round", [
        "Kestrel, a robotics start-up, said on Monday it had raised $12 million in seed funding."])
    assert len(summarize([one])) == 1
    assert summarize([art(61, "Empty", "Nothing", ["Read more."])]) == ()


def test_two_outlets_leads_in_their_own_words_appear_once_with_the_first_outlet() -> None:
    first = art(11, "Meridian Wire", "Publishers sue OpenAI and Microsoft", [
        "Fourteen regional newspaper publishers sued OpenAI and Microsoft on Friday, accusing the "
        "companies of copying more than 1.2 million of their articles without permission to "
        "train the GPT-5 family of models.",
        "The lawsuit, filed in federal court in Chicago, is led by Great Lakes Media Group."])
    second = art(12, "ByteBuzz", "Local papers take on ChatGPT", [
        "Fourteen regional publishers, some running papers that have covered the same towns for "
        "more than a century, have sued OpenAI and Microsoft, accusing the tech giants of helping "
        "themselves to more than 1.2 million articles to build ChatGPT.",
        "The publishers want damages and a court order to destroy models trained on their work."],
        hours=2)
    summary = summarize([first, second])
    leads = [s for s in summary if "1.2 million" in s.sentence]
    assert [s.article_id for s in leads] == [first.id]
    # the rest of each outlet's reporting is still there
    assert any(s.article_id == second.id for s in summary)


def test_sentences_sharing_only_years_are_not_the_same_news() -> None:
    a = art(21, "Wire", "Start-up grows", [
        "Kestrel Evals will spend $40m in 2026, up from $12m in 2025, on compute.",
        "It will hire 300 engineers in 2026 after 120 in 2025, the company said."])
    summary = summarize([a])
    assert len(summary) == 2
