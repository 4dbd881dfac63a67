"""prune_tree and extract_page: what is cut from the tree, what never is, and the fallbacks."""

from __future__ import annotations

from trafilatura.utils import load_html

from newsdesk.extract import page as page_module
from newsdesk.extract.boilerplate import prune_tree
from newsdesk.extract.boilerplate_tree import text_of
from newsdesk.extract.page import extract_page

URL = "https://news.example/tech/2026/11/24/nvidia-israel-campus/"
P1 = ("Nvidia said on Tuesday that it would spend $5 billion on a new research campus in Israel, its "
      "largest investment outside the United States, as it competes for engineers.")
P2 = ("The campus will house about 4,000 staff by 2030, the company said in a statement, and it will "
      "focus on networking chips and the software that schedules work across data centres.")
P3 = ("Analysts said the decision reflected how central networking has become to selling complete "
      "AI systems rather than individual accelerators to the largest cloud providers.")


def page(body: str) -> str:
    return (f"<html><head><title>Nvidia campus</title></head><body><main><article>"
            f"<h1>Nvidia to build $5 billion campus in Israel</h1>{body}</article></main></body></html>")


def prune(body: str):
    tree = load_html(page(body))
    removed = prune_tree(tree, URL)
    return text_of(tree.find(".//body")), {r.text: r.reason for r in removed}


def test_a_widget_under_a_teaser_heading_goes_whole():
    text, removed = prune(f"<p>{P1}</p><div><h4>Related coverage</h4><ul>"
                          '<li><a href="/tech/2026/11/20/openai-stargate-second-site/">OpenAI and '
                          "SoftBank pick second Stargate site</a></li>"
                          '<li><a href="/tech/2026/11/18/ercot-grid-warning/">Texas grid operator '
                          f"warns on data centres</a></li></ul></div><p>{P2}</p>")
    assert "Related coverage" not in text and "Stargate" not in text
    assert P1 in text and P2 in text
    assert list(removed.values()) == ["teaser list (heading 'Related coverage')"]


def test_a_teaser_heading_among_paragraphs_takes_only_the_cards_after_it():
    text, _ = prune(f"<p>{P1}</p><h3>Trending</h3>"
                    '<div><a href="/ai/2026/11/deepseek-v4-pricing/">DeepSeek cuts V4 prices again'
                    f"</a><span>2h ago</span></div><p>{P2}</p><p>{P3}</p>")
    assert "Trending" not in text and "DeepSeek" not in text and P2 in text and P3 in text


def test_a_subhead_that_looks_like_a_teaser_heading_stays():
    text, removed = prune(f"<p>{P1}</p><h2>More on the ruling</h2><p>{P2}</p><p>{P3}</p>")
    assert "More on the ruling" in text and not removed


def test_a_teaser_card_with_a_relative_time_goes():
    text, removed = prune(f"<p>{P1}</p><div><a href='/x/2026/11/pocketwave-sells-out/'><img src=a.jpg>"
                          "<span>Pocketwave handheld sells out in four minutes</span></a>"
                          "<p>If you were hoping to get one this Christmas, we have bad news.</p>"
                          f"<span>21 hours ago</span></div><p>{P2}</p>")
    assert "Pocketwave" not in text and P1 in text and P2 in text
    assert list(removed.values()) == ["teaser card (headline link with a time or a cut-off line)"]


def test_sibling_cards_linking_to_this_site_go_but_links_inside_prose_stay():
    card = ('<div class="c9"><a href="/2026/11/{0}.html"><span>{1}</span></a><p>{2}</p></div>')
    body = (f"<p>{P1} See <a href='/2026/11/earlier-nvidia-israel-story.html'>our earlier story on "
            f"the plan</a>.</p>"
            + card.format("intel-lands-second-foundry-customer", "Intel lands a second big foundry "
                          "customer", "The company will use the 18A process.")
            + f"<p>{P2}</p>"
            + card.format("commerce-reviews-chips-grants", "Commerce reviews CHIPS Act grants as "
                          "projects slip", "Several recipients have delayed factories."))
    text, _ = prune(body)
    assert "Intel lands" not in text and "Commerce reviews" not in text
    assert "our earlier story on the plan" in text and P2 in text


def test_a_link_line_to_another_article_goes_but_an_external_source_link_stays():
    text, _ = prune(f"<p>{P1}</p><p><strong>Read more:</strong> <a href='/ai/2026/11/"
                    "mistral-raises-funding-asml/'>Mistral raises money with ASML as lead</a></p>"
                    f"<p>{P2}</p><p><a href='https://www.sec.gov/filing/123'>The company's full "
                    "filing with the regulator</a></p>")
    assert "Mistral raises" not in text
    assert "The company's full filing with the regulator" in text


def test_a_newsletter_box_with_a_form_goes_but_a_sign_up_link_in_prose_stays():
    text, removed = prune(f"<p>{P1}</p><div><p>The Business Brief</p><p>Business news every "
                          "weekday.</p><form><input type='email' name='email'><button>Sign up"
                          f"</button></form></div><p>{P2} Users can <a href='/w'>sign up for the "
                          "waitlist</a> today.</p>")
    assert "Business Brief" not in text and "sign up for the waitlist" in text
    assert "newsletter/subscribe box" in removed.values()


def test_a_share_bar_goes():
    text, removed = prune(f"<p>{P1}</p><div><span>Share this article</span> <a href='#'>Facebook</a>"
                          f" <a href='#'>X</a> <button>Copy link</button></div><p>{P2}</p>")
    assert "Share this article" not in text and list(removed.values()) == ["share bar"]


def test_the_headline_and_the_prose_are_never_cut():
    text, _ = prune(f"<div><h2>Most read</h2><p>{P1}</p><p>{P2}</p></div>")
    assert P1 in text and P2 in text and "Nvidia to build" in text


def test_trafilatura_keeps_a_live_blog_time_and_a_company_called_google():
    html = page(f"<p>{P1}</p><div><p><time>21.58 GMT</time></p><p>Shares are down 2.8%.</p></div>"
                "<div><p><time>21.44 GMT</time></p><p>China is the sore point.</p></div>"
                f"<p>{P2}</p><ul><li>Amazon</li><li><a href='https://ai.google/'>Google</a></li>"
                f"<li>IBM</li></ul><p>{P3}</p>")
    text = extract_page(html, URL, "Nvidia to build $5 billion campus in Israel").text.split("\n")
    assert "21.58 GMT" in text and "- Google" in text and "\u200b" not in "".join(text)


def test_extract_page_reports_each_cut_with_its_reason():
    html = page(f"<p>{P1}</p><p>Read more: <a href='/tech/2026/11/20/openai-stargate-site/'>OpenAI "
                f"picks second Stargate site</a></p><p>{P2}</p><p>{P3}</p>"
                "<p>Reporting by Marcus Hale; Editing by Tom Reyes</p>")
    result = extract_page(html, URL, "Nvidia to build $5 billion campus in Israel")
    assert result.text.split("\n") == [P1, P2, P3]
    reasons = {r.reason for r in result.removed}
    assert "credit line" in reasons and any("Read more" in r.text for r in result.removed)
    assert result.text_hash


def test_extract_page_reads_the_page_again_when_pruning_leaves_nothing(monkeypatch):
    def prune_everything(tree, url):
        body = tree.find(".//body")
        for child in list(body):
            body.remove(child)
        from newsdesk.models import RemovedBlock
        return [RemovedBlock("everything", "test")]

    monkeypatch.setattr("newsdesk.extract.boilerplate_html.prune_tree", prune_everything)
    result = page_module.extract_page(page(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>"), URL, None)
    assert result is not None and P1 in result.text and result.removed == ()


def test_one_clock_stamp_is_an_articles_time_not_a_live_blog_and_stays_out():
    html = page(f"<p><time>14:05</time></p><p>{P1}</p><p>{P2}</p><p>{P3}</p>")
    text = extract_page(html, URL, "Nvidia to build $5 billion campus in Israel").text
    assert "14:05" not in text and P1 in text


def test_a_malformed_link_costs_the_page_nothing():
    # urlsplit raises ValueError ("Invalid IPv6 URL") on such an href; it used to fail the whole
    # extraction, so the article fell back to its feed text
    links = ('<div><a href="http://[bad/x/2026/11/other-story/">Another story about the campus '
             'plans</a></div><div><a href="http://[bad/tech/2026/11/20/openai-stargate-site/">OpenAI '
             'picks second Stargate site</a></div><div><a href="http://[bad/tech/2026/11/18/ercot/">'
             "Texas grid operator warns on data centres</a></div>")
    html = page(f"<p>{P1}</p>{links}<p>{P2}</p><p>{P3}</p>")
    result = extract_page(html, URL, "Nvidia to build $5 billion campus in Israel")
    assert result is not None and all(p in result.text for p in (P1, P2, P3))
    result = extract_page(html, "http://[bad/tech/2026/11/24/nvidia/", None)
    assert result is not None and all(p in result.text for p in (P1, P2, P3))
