"""The shipped knowledge file: coverage, consistency, and the user's own files on top of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsdesk.config import load_config
from newsdesk.errors import ConfigError
from newsdesk.extract.entities import load_knowledge, tag_entities
from newsdesk.extract.entities_knowledge import shipped_files
from newsdesk.models import ENTITY_TYPES


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def test_shipped_files_are_package_data() -> None:
    assert len(shipped_files()) >= 5


def test_coverage_per_type_meets_the_minimums(knowledge) -> None:
    counts = knowledge.counts()
    assert counts["lab"] + counts["company"] >= 150
    assert counts["lab"] >= 40
    assert counts["model"] >= 150
    assert counts["person"] >= 100
    assert counts["agency"] >= 40
    assert counts["place"] >= 100
    assert set(counts) == set(ENTITY_TYPES)


def test_coverage_spans_regions_and_kinds(knowledge) -> None:
    for name in ("OpenAI", "Anthropic", "Google DeepMind", "Mistral AI", "DeepSeek", "Moonshot AI",
                 "Zhipu AI", "Sakana AI", "Cohere", "Nvidia", "TSMC", "Huawei", "SMIC", "ASML",
                 "Samsung Electronics", "SoftBank Group", "G42"):
        assert name in knowledge, name
    for name in ("GPT-4o", "Claude Opus 4", "Gemini 2.5 Pro", "Llama 4", "Qwen3", "DeepSeek-R1",
                 "Grok 4", "Kimi K2", "H100", "Ascend 910C", "ChatGPT"):
        assert knowledge.get(name).type == "model", name
    for name in ("Sam Altman", "Dario Amodei", "Demis Hassabis", "Jensen Huang", "Liang Wenfeng",
                 "Howard Lutnick", "Henna Virkkunen", "Xi Jinping"):
        assert knowledge.get(name).type == "person", name
    for name in ("Federal Trade Commission", "Bureau of Industry and Security", "EU AI Office",
                 "UK AI Security Institute", "Cyberspace Administration of China", "CNIL"):
        assert knowledge.get(name).type == "agency", name
    for name in ("United States", "China", "Taiwan", "European Union", "United Kingdom", "India",
                 "Japan", "South Korea", "Saudi Arabia", "United Arab Emirates", "Middle East",
                 "Southeast Asia", "Silicon Valley"):
        assert knowledge.get(name).type == "place", name


def test_parents_and_families_name_entities_of_the_file(knowledge) -> None:
    for entity in knowledge.entities.values():
        if entity.parent:
            assert entity.parent in knowledge, (entity.name, entity.parent)
        if entity.family:
            assert knowledge.get(entity.family).type == "model", (entity.name, entity.family)
        if entity.homepage:
            assert entity.homepage.startswith("https://"), entity.name


def test_no_alias_names_two_entities_without_a_disambiguation_rule(knowledge) -> None:
    shared = 0
    for group in knowledge.index.groups.values():
        if len(group.names) > 1:
            shared += 1
            entities = [knowledge.get(n) for n in group.names]
            assert sum(1 for e in entities if not e.disambiguated) <= 1, group.names
            assert group.check
    assert shared >= 5            # Gemini, Copilot, Amazon, Georgia, Washington, Cambridge, BIS ...


def test_every_ambiguous_alias_has_context_words(knowledge) -> None:
    for entity in knowledge.entities.values():
        if entity.ambiguous or entity.require_context:
            assert entity.context or entity.anti_context, entity.name


def test_the_default_knowledge_is_cached(knowledge) -> None:
    assert load_knowledge() is knowledge
    assert load_knowledge().index is knowledge.index


# -- the user's own files ------------------------------------------------------------------------

def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_file_adds_entities(tmp_path: Path) -> None:
    extra = write(tmp_path / "mine.toml", """
[[entity]]
name = "Zorblax Analytics"
type = "company"
aliases = ["Zorblax"]

[[entity]]
name = "Quill"
type = "product"
aliases = ["Quill 2"]
parent = "Zorblax Analytics"
ambiguous = ["Quill"]
context = ["zorblax", "model"]
require_context = true
""")
    knowledge = load_knowledge([extra])
    found = {t.canonical: t for t in tag_entities("Zorblax shipped Quill, its model.", "",
                                                   knowledge)}
    assert found["Zorblax Analytics"].known and found["Zorblax Analytics"].type == "company"
    assert found["Quill"].type == "model"
    assert "Quill" not in {t.canonical for t in tag_entities("A quill and a Quill pen.", "",
                                                             knowledge)}


def test_a_user_entry_with_the_same_name_overrides_the_shipped_one(tmp_path: Path) -> None:
    extra = write(tmp_path / "mine.toml", """
[[entity]]
name = "Cohere"
type = "company"
aliases = ["Cohere Technologies"]
""")
    knowledge = load_knowledge([extra])
    assert knowledge.get("Cohere").type == "company"
    assert knowledge.get("Cohere").aliases == ("Cohere Technologies",)
    assert load_knowledge().get("Cohere").type == "lab"       # the default is untouched
    found = {t.canonical: t for t in tag_entities("Cohere Technologies hired.", "", knowledge)}
    assert found["Cohere"].type == "company"


def test_a_user_entity_takes_an_alias_from_a_shipped_one(tmp_path: Path) -> None:
    extra = write(tmp_path / "mine.toml", """
entity = [{ name = "Phoenix Project", type = "other", aliases = ["Phoenix"] }]
""")
    knowledge = load_knowledge([extra])
    found = {t.canonical for t in tag_entities("Phoenix shipped on time.", "", knowledge)}
    assert "Phoenix Project" in found and "Phoenix" not in found


def test_an_edited_user_file_is_read_again(tmp_path: Path) -> None:
    extra = write(tmp_path / "mine.toml", 'entity = [{ name = "Alpha Corp", type = "company" }]')
    assert "Alpha Corp" in load_knowledge([extra])
    write(extra, 'entity = [{ name = "Beta Corp", type = "company" }, '
                 '{ name = "Gamma Corp", type = "company" }]')
    os.utime(extra, ns=(1, 10**18))
    assert "Beta Corp" in load_knowledge([extra])


def test_tag_article_reads_an_edited_user_file_again(tmp_path: Path) -> None:
    from newsdesk.extract.tagging import tag_article

    extra = write(tmp_path / "mine.toml", 'entity = [{ name = "Alpha Corp", type = "company" }]')
    text = "Alpha Corp and Beta Corp signed a deal."
    assert {t.canonical for t in tag_article(text, "", (str(extra),), False)[0]} == {"Alpha Corp"}
    write(extra, 'entity = [{ name = "Beta Corp", type = "company" }, '
                 '{ name = "Gamma Corp", type = "company" }]')
    os.utime(extra, ns=(1, 10**18))
    assert {t.canonical for t in tag_article(text, "", (str(extra),), False)[0]} == {"Beta Corp"}


@pytest.mark.parametrize("text, message", [
    ("entity = [{ name = 'X1', type = 'company' ", "not valid TOML"),
    ("entity = [{ name = 'X1', type = 'startup' }]", "type 'startup'"),
    ("entity = [{ type = 'company' }]", "'name'"),
    ("entity = [{ name = 'X1', type = 'company', alias = ['x'] }]", "unknown key 'alias'"),
    ("entity = [{ name = 'X1', type = 'company', aliases = 'x' }]", "'aliases'"),
    ("entities = []", "unknown top-level key"),
    ("entity = [{ name = 'X1', type = 'company', ambiguous = ['X1'] }]", "context"),
    ("entity = [{ name = 'X1', type = 'company', ambiguous = ['Y'], context = ['a'] }]",
     "not one of its names"),
    ("entity = [{ name = 'X1', type = 'company' }, { name = 'X1', type = 'lab' }]", "twice"),
    ("entity = [{ name = 'X1', type = 'company', aliases = ['Zed'] }, { name = 'X2', "
     + "type = 'lab', aliases = ['Zed'] }]", "alias 'zed'"),
])
def test_a_bad_user_file_is_a_config_error_that_names_it(tmp_path: Path, text: str,
                                                         message: str) -> None:
    extra = write(tmp_path / "bad.toml", text)
    with pytest.raises(ConfigError) as info:
        load_knowledge([extra])
    assert message in str(info.value)
    assert "bad.toml" in str(info.value)


def test_a_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_knowledge([tmp_path / "nope.toml"])


def test_config_section_lists_user_files(tmp_path: Path) -> None:
    config = write(tmp_path / "config.toml", '[entities]\nextra_files = ["~/ents.toml"]\n')
    loaded = load_config(config)
    assert loaded.entities.extra_files == ("~/ents.toml",)
    assert loaded.entities.discover is True
    assert load_config(None).entities.extra_files == ()
