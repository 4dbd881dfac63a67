"""clean_paragraphs: one test per rule, and the guard rails that keep the article (near misses)."""

from __future__ import annotations

import pytest

from newsdesk.extract.boilerplate import clean_paragraphs

PROSE = ("Nvidia said on Tuesday that it would spend $5 billion on a new research campus in Israel, "
         "its largest investment outside the United States, as it competes for engineers.")
PROSE2 = ("The campus will house about 4,000 staff by 2030, the company said in a statement, and it "
          "will focus on networking chips and the software that schedules work across data centres.")
PROSE3 = ("Analysts said the decision reflected how central networking has become to selling "
          "complete AI systems rather than individual accelerators to the largest cloud providers.")


def clean(lines, title=None):
    kept, removed = clean_paragraphs(list(lines), title)
    return kept, {r.text: r.reason for r in removed}


def assert_cut(line, lines, title=None, reason=None):
    kept, removed = clean(lines, title)
    assert line not in kept, f"{line!r} was kept"
    if reason:
        assert reason in removed[line], removed[line]


def assert_kept(line, lines, title=None):
    kept, removed = clean(lines, title)
    assert line in kept, f"{line!r} was cut: {removed.get(line)}"


# ---- teasers ---------------------------------------------------------------------------------

def test_a_teaser_list_under_its_heading_goes():
    lines = [PROSE, PROSE2, "More from Markets", "Meta trims 600 AI jobs",
             "Meta Platforms is cutting about 600 positions in its AI organisation, but…",
             "2 days ago", "Why Nvidia is paying $2.1 billion for software", "3 days ago"]
    kept, removed = clean(lines)
    assert kept == [PROSE, PROSE2]
    assert removed["More from Markets"] == "teaser list (heading 'More from Markets')"


def test_a_heading_word_used_as_a_subhead_before_prose_stays():
    assert_kept("More on the ruling", [PROSE, "More on the ruling", PROSE2, PROSE3])


def test_teasers_without_a_heading_are_known_by_title_snippet_and_time():
    lines = [PROSE, "David vs Goliath: newspapers drag ChatGPT makers to court",
             "America's local newspapers have had enough.", "13 hours ago", PROSE2]
    kept, removed = clean(lines)
    assert kept == [PROSE, PROSE2]
    assert set(removed.values()) == {"teaser (title, snippet, relative time)"}


def test_a_title_with_its_time_glued_on_is_a_teaser():
    assert_cut("Meta releases Llama 4.5 as open-weights race heats up2 days ago",
               [PROSE, PROSE2, "Meta releases Llama 4.5 as open-weights race heats up2 days ago"])


def test_two_title_and_cut_off_line_pairs_are_teasers_even_without_times():
    lines = [PROSE, "Oracle signs power deal", "Oracle has agreed to buy $18 billion of electricity [\u2026]",
             "OpenAI picks second Stargate site", "The site near Santa Teresa will host up to\u2026",
             PROSE2]
    assert clean(lines)[0] == [PROSE, PROSE2]


def test_a_teaser_listed_twice_keeps_neither_copy():
    lines = [PROSE, "Benchmarks are saturating faster than we can build them",
             "Benchmarks are saturating faster than we can build them", PROSE2]
    assert clean(lines)[0] == [PROSE, PROSE2]


def test_a_repeated_paragraph_of_prose_keeps_its_first_copy():
    assert clean([PROSE, PROSE2, PROSE, PROSE3])[0] == [PROSE, PROSE2, PROSE3]


def test_a_pull_quote_goes_and_the_body_sentence_stays_in_either_order():
    quote = "\u201cThe most expensive GPU is the one that sits idle\u201d"
    body = ('"The most expensive GPU is the one that sits idle," said Ravi Subramanian, the chief '
            "executive of Parallax, in an interview.")
    for lines in ([PROSE, quote, body, PROSE2], [PROSE, body, quote, PROSE2]):
        kept, removed = clean(lines)
        assert body in kept and quote not in kept
        assert removed[quote] == "pull quote repeating the body"


# ---- labelled lines --------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Read more: Mistral raises \u20ac1.7bn with ASML as lead investor",
    "READ MORE: Anthropic accusation puts DeepSeek on the defensive",
    "ALSO READ | TCS, Wipro headcount falls for third straight quarter",
    "RELATED: Inside Amazon's Project Rainier",
])
def test_read_more_link_lines_go(line):
    assert_cut(line, [PROSE, line, PROSE2], reason="'Read more' link line")


def test_read_more_inside_a_sentence_stays():
    mid = ("Developers can read more about the usage limits on the company's pricing page, "
           "which was updated on Tuesday.")
    assert_kept(mid, [PROSE, mid, PROSE2])
    assert_kept("Read more about the plans in the comparison table below.",
                [PROSE, "Read more about the plans in the comparison table below.", PROSE2])


@pytest.mark.parametrize("line", [
    "Reporting by Marcus Hale; Editing by Tom Reyes",
    "(Reporting by Jane Doe in London; additional reporting by Li Wei; Editing by Mark Potter)",
    "--With assistance from Naomi Keller.",
    "Associated Press writer Jane Doe in Paris contributed to this report.",
    "Our Standards: The Meridian Wire Trust Principles.",
])
def test_credit_lines_go(line):
    assert_cut(line, [PROSE, PROSE2, line], reason="credit line")


def test_reporting_by_another_outlet_in_a_sentence_stays():
    line = ("Reporting by The Information last week found that OpenAI had discussed raising prices "
            "for its most active users.")
    assert_kept(line, [PROSE, line, PROSE2])


@pytest.mark.parametrize("line, reason", [
    ("\u00a9 2026 Harbor Post Media Group. All rights reserved.", "copyright line"),
    ("We use cookies to improve your experience and to show you relevant advertising.",
     "cookie notice"),
    ("Get the day's most important business news in your inbox every weekday.",
     "newsletter/subscribe prompt"),
    ("Subscribe now Already a subscriber? Sign in", "newsletter/subscribe prompt"),
    ("Share this article Share on X Share on Facebook Copy link", "share/comment bar"),
    ("89 comments", "share/comment bar"),
    ("Opinions expressed are the author's own.", "house notice"),
    ("Statute & Signal is supported by readers and foundations.", "house notice"),
    ("Tags: Europe, Technology", "house notice"),
    ("The post Broadcom's AI revenue jumps appeared first on Chip Notes.", "house notice"),
    ("Photo: Ann Wang for The North Gazette", "photo credit"),
])
def test_chrome_lines_go(line, reason):
    assert_cut(line, [PROSE, line, PROSE2], reason=reason)


@pytest.mark.parametrize("line", [
    "Subscribers to the new tier get unlimited access to the company's slowest reasoning mode.",
    "Websites must also let European visitors reject all cookies with a single click under new rules.",
    "Copyright holders have filed more than 40 lawsuits against AI companies in the United States.",
    "Share of revenue from subscriptions rose to 73% in the first half, from 70% a year earlier.",
    "Google uses cookies to track users across sites, a practice regulators want to end.",
    "That changed on Monday.",
])
def test_near_misses_in_the_body_stay(line):
    assert_kept(line, [PROSE, line, PROSE2, PROSE3])


def test_a_quote_is_never_claimed_by_a_pattern():
    line = '"Sign up for the newsletter and you will understand," Huang told subscribers, laughing.'
    assert_kept(line, [PROSE, line, PROSE2])
    assert_kept("\u201cNo.\u201d", [PROSE, "Were you surprised?", "\u201cNo.\u201d", PROSE2])


# ---- bylines, authors, page header and footer ------------------------------------------------

def test_bylines_before_the_article_go_but_a_live_blog_time_stays():
    lines = ["By Alicia Moreno | Nov 23, 2026", "3 min read", PROSE, PROSE2]
    assert clean(lines)[0] == [PROSE, PROSE2]
    live = ["21.58 GMT", "Shares are down 2.8%.", "21.44 GMT", PROSE]
    assert clean(live)[0] == live


def test_an_author_box_goes_with_its_heading():
    bio = ("Tomasz Wierzbicki spent eight years as a machine learning engineer before starting "
           "Gradient Notes.")
    lines = [PROSE, PROSE2, "About Tomasz Wierzbicki", bio]
    kept, removed = clean(lines)
    assert kept == [PROSE, PROSE2] and set(removed.values()) == {"author box"}


def test_a_bio_after_the_article_goes_but_a_person_described_in_the_body_stays():
    bio = "Lena Ortiz writes about chips, packaging and the supply chain behind AI."
    assert_cut(bio, [PROSE, PROSE2, bio], reason="author bio")
    person = ("Maria Chen is a former Reuters correspondent who now runs policy at the company. "
              "She joined in 2024.")
    assert_kept(person, [PROSE, person, PROSE2])


def test_a_whole_page_flattened_to_text_loses_everything_above_the_headline():
    title = "Nvidia to build $5 billion campus in Israel"
    lines = [f"{title} | Meridian Wire", "World Business", "Markets Technology", "Technology", title,
             "By Marcus Hale", "November 24, 2026 1:30 PM UTC", PROSE, PROSE2]
    kept, removed = clean(lines, title)
    assert kept == [PROSE, PROSE2]
    assert removed["World Business"] == "page header (before the headline)"


def test_short_lines_after_the_article_go_but_a_short_last_paragraph_stays():
    lines = [PROSE, PROSE2, "Shares closed down 3%.", "Technology", "Artificial Intelligence",
             "Privacy Terms of Use"]
    assert clean(lines)[0] == [PROSE, PROSE2, "Shares closed down 3%."]


def test_a_list_the_article_makes_stays_even_at_the_end():
    lines = [PROSE, "Companies still considering whether to sign:", "- Aleph Alpha", "- Cohere",
             "- DeepSeek"]
    assert clean(lines)[0] == lines


def test_list_items_right_after_a_paragraph_stay_at_the_end_too():
    lines = [PROSE, "The nominees are these four companies.", "- Anthropic", "- Cohere", "- Mistral AI"]
    assert clean(lines)[0] == lines


def test_a_sentence_broken_over_two_lines_goes_whole():
    lines = [PROSE, "Subscribe to Capital Ledger",
             "for unlimited access to markets coverage, data and analysis.", PROSE2]
    assert clean(lines)[0] == [PROSE, PROSE2]


def test_network_names_next_to_a_share_bar_go_but_one_in_a_list_stays():
    lines = [PROSE, PROSE2, "Share this:", "Twitter", "Facebook", "LinkedIn"]
    assert clean(lines)[0] == [PROSE, PROSE2]
    listed = [PROSE, "Platforms that signed the pledge:", "Facebook", "TikTok", "YouTube", PROSE2]
    assert clean(listed)[0] == listed


def test_long_prose_is_never_cut_by_a_short_line_rule():
    long_line = PROSE + " " + PROSE2
    lines = ["Trending", long_line, "2 days ago"]
    assert long_line in clean(lines)[0]


def test_a_long_legal_footer_and_bare_layout_lines_go():
    legal = ("Copyright \u00a9 2019 Salon.com, LLC. Reproduction of material from any Salon pages "
             "without written permission is strictly prohibited. SALON \u00ae is registered in the "
             "U.S. Patent and Trademark Office as a trademark of Salon.com, LLC.")
    title = "Despite everything, U.S. emissions dipped in 2019"
    lines = [title, "--", "Shares", "January 10, 2020 9:00AM (UTC)", PROSE, PROSE2, "Coal",
             "\u2022 \u2022 \u2022", "Home", "Privacy", legal]
    assert clean(lines, title)[0] == [PROSE, PROSE2]
