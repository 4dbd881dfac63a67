"""tag_figures: values, units, currencies, qualifiers, ranges, durations, and what is not a figure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.extract.figures import non_figure_spans, tag_figures
from newsdesk.models import EntityTag, Figure


def only(text: str) -> Figure:
    figures = tag_figures(text)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


def texts(text: str) -> list[str]:
    return [f.text for f in tag_figures(text)]


# -- values -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, kind, currency", [
    ("They opened 24,000 accounts.", 24_000, "count", None),
    ("Y logged 3.4 million requests.", 3_400_000, "count", None),
    ("It raised $13 million last week.", 13_000_000, "money", "USD"),
    ("It raised $13.5m last week.", 13_500_000, "money", "USD"),
    ("The market is worth 2.5bn a year.", 2_500_000_000, "count", None),
    ("The fund holds €1.2 billion.", 1_200_000_000, "money", "EUR"),
    ("The plan costs £1.5bn.", 1_500_000_000, "money", "GBP"),
    ("Sony paid ¥300 billion for it.", 300_000_000_000, "money", "JPY"),
    ("The Chinese lab spent ¥5 billion on chips.", 5_000_000_000, "money", "CNY"),
    ("The fund has RMB 10 billion to invest.", 10_000_000_000, "money", "CNY"),
    ("The deal is worth US$2 billion.", 2_000_000_000, "money", "USD"),
    ("They paid HK$3 billion.", 3_000_000_000, "money", "HKD"),
    ("The fine was 36 million euros.", 36_000_000, "money", "EUR"),
    ("It costs 54,990 baht in Bangkok.", 54_990, "money", "THB"),
    ("Infosys will invest Rs 500 crore in AI.", 5_000_000_000, "money", "INR"),
    ("A 500 million pound fund was set up.", 500_000_000, "money", "GBP"),
    ("They are building a trillion-dollar industry.", 1e12, "money", "USD"),
    ("Turnout fell to 40%.", 40, "percent", None),
    ("Turnout fell to 40 per cent.", 40, "percent", None),
    ("Turnout fell to 40 percent.", 40, "percent", None),
    ("The lab named three rival developers.", 3, "count", None),
    ("Fourteen regional publishers sued.", 14, "count", None),
    ("It hired twenty-five engineers.", 25, "count", None),
    ("At least a dozen start-ups raised money.", 12, "count", None),
    ("The app has half a million users.", 500_000, "count", None),
    ("It powers a million homes.", 1_000_000, "count", None),
    ("The campus will draw 1.8 gigawatts.", 1.8, "measure", None),
    ("They plan a 2-gigawatt campus.", 2, "measure", None),
    ("Kimi K3 activates 48 billion parameters per token.", 48e9, "count", None),
    ("It trained on 10,000 H100 GPUs.", 10_000, "count", None),
    ("It is a 1.5 trillion-parameter model.", 1.5e12, "count", None),
    ("It is a 400-billion-parameter system.", 400e9, "count", None),
    ("Shares pay 27 cents a share.", 0.27, "money", "USD"),
])
def test_values_are_normalised(text: str, value: float, kind: str, currency: str | None) -> None:
    f = only(text)
    assert f.value == pytest.approx(value)
    assert (f.kind, f.currency) == (kind, currency)


@pytest.mark.parametrize("text, unit", [
    ("They used 24,000 fake accounts to do it.", "fake accounts"),
    ("They held over 16 million interactions with the bot.", "interactions"),
    ("X had 150,000 exchanges with Claude.", "exchanges"),
    ("It trained on 10,000 H100 GPUs last year.", "GPUs"),
    ("The model has 48 billion parameters in all.", "parameters"),
    ("Meta will cut about 600 jobs.", "jobs"),
    ("Turnout fell to 40%.", "%"),
    ("It rose 3 percentage points.", "percentage points"),
    ("The campus will draw 1.8 gigawatts.", "gigawatts"),
    ("They plan a 2-gigawatt campus.", "gigawatts"),
    ("It has 16GB of memory.", "gigabytes"),
    ("A 5,600 mAh battery.", "mAh"),
    ("The phone is 9.8 millimetres thick.", "millimetres"),
    ("It gave speed-ups of 2.8 times on chat.", "x"),
    ("The index fell 1.5 points on Friday.", "points"),
    ("Three of China's best-known AI start-ups woke up to the news.", "best-known AI start-ups"),
    ("It is charging $2.50 per million output tokens.", "per million output tokens"),
    ("Companies with more than 700 million monthly users must ask.", "monthly users"),
    ("A bipartisan group of 11 U.S. lawmakers wrote.", "lawmakers"),
    ("Two people familiar with the matter said so.", "people"),
    ("It was trained using 16,000 H100s over the summer.", "H100s"),
    ("CEO Jane Doe said 20 million registered users signed up.", "registered users"),
])
def test_unit_or_counted_noun(text: str, unit: str) -> None:
    assert only(text).unit == unit


def test_a_count_takes_the_unit_of_the_count_before_it_only_when_nothing_follows() -> None:
    figures = tag_figures("It has 19 employees and plans to reach about 45 by the end of 2027.")
    assert [f.unit for f in figures] == ["employees", "employees"]
    figures = tag_figures("It has 400 billion parameters, 28 billion of them active per token.")
    assert [f.unit for f in figures] == ["parameters", "parameters"]
    figures = tag_figures("It has 45 employees and counts 12 of the Fortune 500 as customers.")
    assert [f.unit for f in figures] == ["employees", None]


def test_a_year_earlier_is_not_a_rate() -> None:
    f = tag_figures("It was $1.2 billion, compared with $980 million a year earlier.")[1]
    assert (f.text, f.unit) == ("$980 million", None)
    assert only("It costs $12.99 a month.").unit == "per month"


def test_one_in_four_is_a_proportion() -> None:
    f = only("About 1 in 4 companies said so.")
    assert (f.text, f.value, f.kind, f.qualifier) == ("About 1 in 4", 25, "percent", "approximate")


def test_money_keeps_no_counted_noun_and_text_is_as_written() -> None:
    f = only("Kestrel Evals announced a $13.5 million seed round on Monday.")
    assert (f.text, f.unit, f.value) == ("$13.5 million", None, 13_500_000)


# -- qualifiers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["about", "around", "roughly", "approximately", "nearly",
                                  "almost", "some", "an estimated"])
def test_approximate(word: str) -> None:
    f = only(f"The lab used {word} 24,000 accounts.")
    assert f.qualifier == "approximate"
    assert f.text.startswith(word) and f.value == 24_000


@pytest.mark.parametrize("word", ["over", "more than", "at least", "upward of", "upwards of",
                                  "north of"])
def test_lower_bound(word: str) -> None:
    f = only(f"They held {word} 16 million exchanges.")
    assert (f.qualifier, f.value, f.unit) == ("lower_bound", 16_000_000, "exchanges")


def test_within_a_period_is_an_upper_bound_and_a_tilde_approximate() -> None:
    assert only("Incidents must be reported within 24 hours.").qualifier == "upper_bound"
    assert only("It opened ~24,000 accounts.").qualifier == "approximate"
    f = only("Labs must cut emissions within a decade.")
    assert (f.text, f.value, f.unit, f.qualifier) == ("within a decade", 1, "decades",
                                                       "upper_bound")
    assert texts("It was $9 a year earlier, or $5 a year ago, once a year.") == ["$9", "$5"]


def test_a_bound_carries_over_an_or() -> None:
    figures = tag_figures("Fines reach up to €35 million or 7% of global turnover.")
    assert [(f.text, f.qualifier) for f in figures] == [("up to €35 million", "upper_bound"),
                                                         ("7%", "upper_bound")]


@pytest.mark.parametrize("word", ["up to", "fewer than", "less than", "under", "as many as"])
def test_upper_bound(word: str) -> None:
    f = only(f"It runs {word} 200 tool calls per task.")
    assert (f.qualifier, f.value) == ("upper_bound", 200)


def test_exact_has_no_qualifier_and_postfix_qualifiers() -> None:
    assert only("They opened 24,000 accounts.").qualifier is None
    assert only("They opened 24,000 or more accounts.").qualifier == "lower_bound"
    assert only("They opened 10,000+ accounts.").qualifier == "lower_bound"


def test_over_a_period_is_not_a_bound() -> None:
    f = only("In daily use over three weeks it held up.")
    assert (f.kind, f.unit, f.qualifier) == ("duration", "weeks", None)


# -- ranges -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, low, high, unit", [
    ("Sales of 10 to 12 billion units are expected.", 10e9, 12e9, "units"),
    ("It will cut between 600 and 700 jobs.", 600, 700, "jobs"),
    ("Margins of 10-12% are typical.", 10, 12, "%"),
    ("Margins of 10–12% are typical.", 10, 12, "%"),
    ("Revenue of $4.9 billion to $5.05 billion is forecast.", 4.9e9, 5.05e9, None),
    ("It takes three to five years.", 3, 5, "years"),
    ("It plans to cut 5% to 10% of staff.", 5, 10, "%"),
    ("Salaries range from $150,000 to $300,000.", 150_000, 300_000, None),
])
def test_ranges(text: str, low: float, high: float, unit: str | None) -> None:
    f = only(text)
    assert (f.value, f.value_max, f.unit) == (pytest.approx(low), pytest.approx(high), unit)


def test_between_is_part_of_the_text() -> None:
    assert only("It will cut between 600 and 700 jobs.").text == "between 600 and 700 jobs"


@pytest.mark.parametrize("text", [
    "Revenue rose 9% to $1.21 billion.",
    "Users grew from 10 to 12 million.",
    "The vote was 5 to 4 in favour.",
])
def test_changes_and_scores_are_not_ranges(text: str) -> None:
    assert all(f.value_max is None for f in tag_figures(text))


# -- durations ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit", [
    ("Incidents must be reported within 24 hours.", 24, "hours"),
    ("The ban lasts for 90 days.", 90, "days"),
    ("Testing took three weeks.", 3, "weeks"),
    ("It held a 90-minute session.", 90, "minutes"),
    ("It is a six-month trial.", 6, "months"),
    ("Staff get two extra weeks of pay.", 2, "weeks"),
    ("The rule takes effect in 30 days.", 30, "days"),
])
def test_durations(text: str, value: float, unit: str) -> None:
    f = only(text)
    assert (f.kind, f.value, f.unit) == ("duration", value, unit)


# -- not figures --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The company was founded in 2025.",
    "It said on Nov. 20 that it would.",
    "The filing is dated November 19, 2026.",
    "The filing is dated 19 November 2026.",
    "The deadline is 2026-11-28.",
    "Results are due in Q3 2026.",
    "It expects a profit in fiscal 2027.",
    "Its FY2026 plan is ready.",
    "It is the third attempt.",
    "She finished 1st and he was 21st.",
    "Call 415-555-0100 or (415) 555-0100 or +44 20 7946 0958.",
    "OpenAI released GPT-4 and then GPT-5.",
    "Meta shipped Llama 4.5 today.",
    "Claude Opus 4 leads the chart.",
    "It runs on iOS 18 and Windows 11.",
    "Install version 2.1 or v2.1.3.",
    "They fine-tuned Llama-3-70B and Qwen3-235B-A22B.",
    "DeepSeek-V3 and DeepSeek-R1 are open.",
    "Nvidia sells the H100, the H20 and the B30A.",
    "Article 5 and Section 230 apply.",
    "The meeting is at 10:30 or 9 a.m. or 6.30 p.m.",
    "The office is at 1600 Pennsylvania Avenue.",
    "It is one of the largest labs.",
    "A single lab did it once.",
    "It has a 4:3 screen and runs 24/7.",
    "Chip stocks have climbed since the 1990s.",
    "The 34-year-old founder left.",
    "said Priya Shah, 29, who works upstairs.",
    "It took a seven-figure sum and one-fortieth of the cost.",
    "It needs 5G and 3D sensors.",
    "It was trained with more than 10^25 operations.",
    "The firm was founded two years ago.",
    "Mistral shipped Mixtral 8x7B; Nvidia the RTX 5090; Alibaba Qwen2.5-72B-Instruct.",
    "It ranked No. 1 and sells 4K TVs with a 3-for-1 offer for a 9-to-5 crowd.",
])
def test_not_figures(text: str) -> None:
    assert texts(text) == []


def test_word_numbers_need_a_counted_noun() -> None:
    assert texts("The other two said nothing, and one chart showed it.") == []
    assert texts("One chart showed one billion users.") == ["one billion users"]


def test_non_figure_spans_names_the_dates_times_and_phones() -> None:
    text = "Call 415-555-0100 at 10:30 on 2026-11-28; 1st place."
    spans = [text[a:b] for a, b in non_figure_spans(text)]
    assert spans == ["415-555-0100", "10:30", "2026-11-28", "1st"]


def test_years_are_kept_apart_but_a_count_in_the_same_sentence_is_kept() -> None:
    assert texts("In 2025 it hired 2,000 engineers.") == ["2,000 engineers"]


# -- the record ---------------------------------------------------------------------------------

def test_offset_text_and_sentence() -> None:
    text = ("Anthropic published a report. It said about 60% of the 16 million exchanges came "
            "from one lab.\n\nNothing else.")
    figures = tag_figures(text)
    assert [f.text for f in figures] == ["about 60%", "16 million exchanges"]
    for f in figures:
        assert text[f.offset:f.offset + len(f.text)] == f.text
        assert f.sentence == ("It said about 60% of the 16 million exchanges came from one lab.")
    assert figures == sorted(figures, key=lambda f: f.offset)


def test_empty_and_numberless_text() -> None:
    assert tag_figures("") == []
    assert tag_figures("No numbers here at all.") == []


def test_same_input_same_output() -> None:
    text = "DeepSeek had 150,000 exchanges, Moonshot AI about 3.4 million, and MiniMax 13 million."
    assert tag_figures(text) == tag_figures(text)


# -- robustness ---------------------------------------------------------------------------------

_PIECES = ["the", "about", "over", "up to", "between", "and", "or", "million", "bn", "m", "%",
           "per cent", "$", "€", "£", "¥", "RMB", "24,000", "3.4", "2025", "10:30", "Nov.", "20",
           "GPT-4", "Llama-3-70B", "three", "half a", "dozen", "within", "days", "a", "decade",
           ",", ".", ";", "-", "(", ")", '"', "\n\n", "DeepSeek", "said", "It", "in", "Texas",
           "1 in 4", "~", "+", "or more", "4K", "70B", "3x", "2-gigawatt", "trillion-parameter"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_consistent_figures(pieces: list[str], noise: str) -> None:
    text = " ".join(pieces) + noise
    tags = [EntityTag("DeepSeek", "lab", "DeepSeek"), EntityTag("Texas", "place", "Texas")]
    for entities in (tags, ()):
        figures = tag_figures(text, entities)
        assert [f.offset for f in figures] == sorted(f.offset for f in figures)
        for f in figures:
            assert f.text and text[f.offset:f.offset + len(f.text)] == f.text
            assert f.kind in ("count", "money", "percent", "duration", "measure")
            assert f.value_max is None or f.value_max > f.value
