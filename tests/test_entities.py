"""Entity tagging rules, one test (or a few) per rule of newsdesk.extract.entities."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.extract.entities import load_knowledge, tag_entities
from newsdesk.models import ENTITY_TYPES, EntityTag


def tags(text: str, title: str = "", **kw) -> dict[str, EntityTag]:
    return {t.canonical: t for t in tag_entities(text, title, **kw)}


def names(text: str, title: str = "", **kw) -> set[str]:
    return set(tags(text, title, **kw))


# -- word boundaries and case ---------------------------------------------------------------------

def test_alias_matches_whole_words_only() -> None:
    assert names("The metadata showed metaverse plans and Intelligence reports.") == set()
    assert "Meta" in names("Meta said the metadata was fine.")
    assert "Intel" not in names("Artificial intelligence and Intelligence agencies.")


def test_common_word_aliases_are_case_sensitive_but_all_caps_headlines_match() -> None:
    assert "Claude" not in names("He asked claude, his cat, and ate an apple.")
    assert "Apple" not in names("she bought apple juice")
    assert "Claude" in names("CLAUDE COPYCATS UNMASKED")
    assert "Apple" in names("Apple shipped an update.")
    assert names("Tell us what you think.") == set()
    assert "United States" in names("The US and China traded barbs.")


def test_distinctive_aliases_match_in_any_case() -> None:
    assert "DeepSeek" in names("Deepseek released weights.")
    assert "OpenAI" in names("visit openai.com today")
    assert "GPT-4o" in names("We compared gpt-4o with others.")


def test_possessives_and_hyphenated_compounds() -> None:
    found = tags("Claude's answers, OpenAI’s board and an Anthropic-backed startup; Meta's view.")
    assert {"Claude", "OpenAI", "Anthropic", "Meta"} <= set(found)
    assert found["OpenAI"].name == "OpenAI"
    assert "United States" in names("the U.S.-China chip rivalry")


# -- versions -------------------------------------------------------------------------------------

def test_gpt_4o_is_not_gpt_4() -> None:
    found = names("GPT-4o beat GPT-4 while GPT-4.1 and GPT-4o mini trailed.")
    assert found == {"GPT-4o", "GPT-4", "GPT-4.1", "GPT-4o mini"}


def test_listed_versions_match_whatever_the_separator() -> None:
    assert names("gpt-4o-mini and GPT-4o Mini") == {"GPT-4o mini"}
    assert names("Claude Opus 4 and Claude 3.5 Sonnet") == {"Claude Opus 4", "Claude 3.5 Sonnet"}
    assert names("DeepSeek R1 and DeepSeek-R1") == {"DeepSeek-R1"}
    assert names("Gemini 2.5 Flash-Lite is cheap") == {"Gemini 2.5 Flash-Lite"}


def test_unlisted_version_maps_to_its_family_and_keeps_its_name() -> None:
    knowledge = load_knowledge()
    found = tags("Meta released Llama 4.5, and Anthropic shipped Claude Opus 4.7 and Sonnet 5.")
    llama = found["Llama 4.5"]
    assert (llama.type, llama.known, llama.name) == ("model", False, "Llama 4.5")
    assert 0 < llama.confidence < 1
    assert knowledge.family_of("Llama 4.5") == "Llama"
    assert "Claude Opus 4.7" in found and knowledge.family_of("Claude Opus 4.7") == "Claude"
    assert "Claude Sonnet 5" in found and found["Claude Sonnet 5"].name == "Sonnet 5"
    assert "Llama" not in found                  # a version is not a mention of the bare family


def test_unlisted_versions_of_other_spellings() -> None:
    found = names("Qwen4 and DeepSeek-V4 and Kimi K3 and GPT-6")
    assert found == {"Qwen4", "DeepSeek-V4", "Kimi K3", "GPT-6"}


def test_a_quantity_after_a_family_name_is_not_a_version() -> None:
    found = names("Gemini 20 million users. Claude 3 times faster.")
    assert "Gemini" in found and "Gemini 20" not in found
    assert "Claude 3" not in found


def test_variant_word_after_a_listed_version() -> None:
    found = tags("OpenAI's GPT-5 Pro and GPT-5.1 Thinking")
    assert found["GPT-5 Pro"].known
    assert not found["GPT-5.1 Thinking"].known and found["GPT-5.1 Thinking"].type == "model"


def test_product_word_after_a_model_family() -> None:
    found = tags("Google disabled a Gemini Agent feature; Copilot Studio too.")
    assert found["Gemini Agent"].type == "model" and not found["Gemini Agent"].known
    assert "Microsoft Copilot Studio" in found


# -- disambiguation -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected, absent", [
    ("Gemini, the cryptocurrency exchange run by the Winklevoss twins, listed a token.",
     "Gemini Trust Company", "Gemini"),
    ("Google said Gemini now answers in more languages on Android.", "Gemini",
     "Gemini Trust Company"),
    ("The Mistral blew at 90 km/h across Provence, the weather service said.", None, "Mistral AI"),
    ("Mistral released a new model in Paris.", "Mistral AI", None),
    ("Apple growers expect a big harvest; the orchard owners are happy.", None, "Apple"),
    ("Apple said iPhone sales rose.", "Apple", None),
    ("Deforestation in the Amazon hit a record as the river fell.", "Amazon rainforest", "Amazon"),
    ("Amazon said AWS revenue grew.", "Amazon", "Amazon rainforest"),
    ("TSMC's fab in Phoenix, Arizona, began production.", "Phoenix", None),
    ("The brand rose like a phoenix from the ashes of Project Phoenix.", None, "Phoenix"),
    ("Data centres are flocking to Georgia, where Governor Brian Kemp courts them near Atlanta.",
     "Georgia (U.S. state)", "Georgia"),
    ("Georgia's government in Tbilisi signed a deal as Russia watched.", "Georgia",
     "Georgia (U.S. state)"),
    ("GitHub Copilot writes code; developers say Copilot saves them hours in the IDE.",
     "GitHub Copilot", "Microsoft Copilot"),
    ("Microsoft will put Copilot into Word and Excel.", "Microsoft Copilot", "GitHub Copilot"),
    ("Nvidia's Grace Blackwell chips ship.", "Grace", None),
    ("Nvidia chips were discussed by analyst Grace Leung in a note.", None, "Grace"),
    ("Claude Monet painted water lilies.", None, "Claude"),
    ("Washington said the export rule stands.", "Washington, D.C.", "Washington State"),
])
def test_ambiguous_aliases_follow_their_context(text: str, expected: str | None,
                                                absent: str | None) -> None:
    found = names(text)
    if expected:
        assert expected in found
    if absent:
        assert absent not in found


# -- counting, offsets, title -------------------------------------------------------------------

def test_mentions_fold_into_one_tag_with_count_and_first_offset() -> None:
    text = "Nvidia rose. Then Nvidia fell, and NVIDIA recovered."
    tag = tags(text)["Nvidia"]
    assert tag.count == 3 and tag.first_offset == 0 and tag.name == "Nvidia"


def test_offsets_point_into_text_and_tags_are_sorted() -> None:
    text = "In Paris, Mistral AI met OpenAI and the European Commission."
    out = tag_entities(text)
    assert len(out) == 4                             # Paris, Mistral AI, OpenAI, the Commission
    assert [t.first_offset for t in out] == sorted(t.first_offset for t in out)
    for tag in out:
        assert text[tag.first_offset:].startswith(tag.name)


def test_title_mentions_count_and_title_only_entities_have_offset_minus_one() -> None:
    found = tags("The company said its model was safe.", title="Anthropic sues OpenAI")
    assert found["Anthropic"].first_offset == -1 and found["OpenAI"].count == 1
    both = tags("OpenAI said no.", title="OpenAI under fire")
    assert both["OpenAI"].count == 2 and both["OpenAI"].first_offset == 0


def test_known_person_surname_counts_after_the_full_name() -> None:
    tag = tags("Sam Altman spoke first. Later Altman said more, and Altman left.")["Sam Altman"]
    assert tag.count == 3


def test_tagging_is_pure_and_deterministic() -> None:
    text = "Ines Carvalho, chief executive of Kestrel Labs, said OpenAI and Anthropic agreed."
    first = tag_entities(text, "Kestrel")
    assert first and first == tag_entities(text, "Kestrel")
    for tag in tag_entities(text):
        assert tag.type in ENTITY_TYPES


# -- unknown entities ------------------------------------------------------------------------------

def test_unknown_organisations_typed_by_suffix() -> None:
    found = tags("Funding went to Acme Robotics Inc. and Helios Quantum Labs on Tuesday.")
    assert found["Acme Robotics Inc"].type == "company"
    assert found["Helios Quantum Labs"].type == "lab"
    for tag in found.values():
        assert not tag.known and tag.confidence < 1.0


def test_unknown_people_found_by_titles_speech_and_apposition() -> None:
    text = ("Chief executive Lukas Brenner resigned. \"It is over,\" said Maria Gonzalez. "
            "Priya Raman, an analyst at Bernstein, disagreed. Dr. Wei Zhang was blunt. "
            "Gonzalez added a caveat.")
    found = tags(text)
    for person in ("Lukas Brenner", "Maria Gonzalez", "Priya Raman", "Wei Zhang"):
        assert found[person].type == "person" and not found[person].known
    assert found["Maria Gonzalez"].count == 2               # the bare surname later
    assert found["Bernstein"].type == "company"             # employer after "an analyst at"


def test_unknown_companies_opening_a_sentence_by_apposition_or_said_it() -> None:
    found = tags("Lorikeet, a Sydney-based customer-support start-up, raised money. Workday said "
                 "it would cut jobs. Sierra, the customer-service agent start-up, grew.")
    for name in ("Lorikeet", "Workday", "Sierra"):
        assert found[name].type == "company" and not found[name].known
    # an adverb opening a sentence is still not a name, even before "the company"
    assert names("Elsewhere, the company said it grew. Meanwhile, a rival start-up "
                 "is hiring.") == set()


def test_unknown_companies_by_which_and_a_verb_on_its_own() -> None:
    found = tags("Voltline, which rents out GPU clusters, priced its listing. Advantest lifted its "
                 "forecast. The National Wealth Fund and British Business Bank took part.")
    for name in ("Voltline", "Advantest", "National Wealth Fund", "British Business Bank"):
        assert found[name].type == "company" and not found[name].known
    # "AI-related" describes; a firm's short form is the firm, not a second one
    assert names("Reported AI-related incidents rose sharply.") == set()
    found = tags("Halcyon Robotics raised money. Halcyon lifted its hiring plan.")
    assert set(found) == {"Halcyon Robotics"} and found["Halcyon Robotics"].count == 2


def test_start_ups_after_their_descriptor_researchers_by_who_and_universities_of_a_place() -> None:
    found = tags("Marcus Thorne, founder of search start-up Findwell, spoke. Daniel Okafor, who "
                 "supervised the work at the University of Maryland, agreed. The site is financed "
                 "with Blue Owl Capital and Yotta Data Services.")
    assert found["Findwell"].type == "company"
    assert found["Daniel Okafor"].type == "person"
    assert found["University of Maryland"].type == "other"
    assert found["Blue Owl Capital"].type == found["Yotta Data Services"].type == "company"


def test_a_place_ending_another_name_is_not_the_place() -> None:
    found = tags("Fermi America, which plans a power campus near Amarillo, Texas, raised money.")
    assert "United States" not in found and found["Fermi America"].type == "company"
    assert "Texas" in found
    # a word that only qualifies the place, or a known name before it, keeps it
    assert {"California", "Microsoft", "Japan"} <= names(
        "It grew in Northern California. Microsoft Japan said it would hire.")


def test_unknown_government_bodies_and_places_by_cues() -> None:
    found = tags("The Ministry of Digital Affairs fined the firm. It builds near Laramie, in "
                 "Fremont County, and a Zagreb-based lab helps.")
    assert found["Ministry of Digital Affairs"].type == "agency"
    assert found["Laramie"].type == "place"
    assert found["Fremont County"].type == "place"
    assert found["Zagreb"].type == "place"


def test_sentence_starts_months_and_common_words_are_not_entities() -> None:
    text = ("However, the company said on Monday that Yesterday was fine. In November, Big "
            "Tech spent more. Elsewhere, Chinese AI firms grew. Analysts said American AI leads. "
            "Second, costs fell. The board met on Friday.")
    assert names(text) == set()


def test_headline_case_lines_are_not_mined_for_unknowns() -> None:
    text = "Zorblax Unveils Quantum Widget For Enterprise Buyers\nThe launch went well."
    assert names(text) == set()


def test_dateline_city_and_wire_outlet() -> None:
    found = tags("TBILISI, Nov 20 (Kartuli Wire) - Officials met on Friday.")
    assert found["Tbilisi"].type == "place"
    assert found["Kartuli Wire"].type == "company"


def test_person_of_organisation_is_both() -> None:
    found = tags("\"It is a fix,\" said Ben Adeyemi of the Centre for Compute Policy.")
    assert found["Ben Adeyemi"].type == "person"
    assert found["Centre for Compute Policy"].type == "other"


def test_discover_false_returns_only_the_knowledge_files_entities() -> None:
    found = tags("Chief executive Lukas Brenner of Acme Robotics Inc. met OpenAI.", discover=False)
    assert set(found) == {"OpenAI"}


# -- robustness -----------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "OpenAI", "GPT-4o", "Claude's", "Llama 4.5", "Qwen9", "Gemini", "Apple", "U.S.", "-", "'",
    "’s", "Inc.", "Labs", "said", "Dr.", "Jane", "Roe", ",", ".", "\n", " ", "The", "of", "CEO",
    "NOV", "(Wire)", "İstanbul", "ß", "x" * 40, "4.1", "the", "AI", "Washington", "Georgia",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map(" ".join),
       st.text(max_size=40))
def test_any_text_gives_well_formed_tags(text: str, title: str) -> None:
    out = tag_entities(text, title)
    assert [t.first_offset for t in out] == sorted(t.first_offset for t in out)
    for tag in out:
        assert tag.type in ENTITY_TYPES and tag.count >= 1 and 0 < tag.confidence <= 1
        assert -1 <= tag.first_offset < max(len(text), 1)
        assert tag.known or tag.confidence < 1


def test_a_persons_surname_saying_it_is_not_a_company() -> None:
    assert "Raman" not in names("Priya Raman, an analyst at Bernstein, spoke. Raman said it would "
                                "take years.")
