"""Host memory: fingerprints that are stable and folded, and the two cross-article rules."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from newsdesk.config import BoilerplateConfig
from newsdesk.extract.boilerplate import apply_host_memory, block_fingerprint, fingerprints_of

BIO = "Lena Ortiz writes about chips, packaging and the supply chain behind AI."
BODY = ("TSMC's decision to bring 2-nanometer production to Arizona in 2028 is real progress for "
        "American chipmaking. It is also less than it looks.")
CONFIG = BoilerplateConfig()


def test_fingerprints_fold_case_digits_whitespace_and_punctuation():
    assert block_fingerprint("Updated 3 hours ago") == block_fingerprint("updated  22 HOURS ago!")
    assert block_fingerprint("\u00a9 2026 Harbor Post.") == block_fingerprint("\u00a9 2027 Harbor Post")
    assert block_fingerprint(BIO) != block_fingerprint(BODY)


def test_fingerprints_are_the_same_in_another_process_with_another_hash_seed():
    code = ("from newsdesk.extract.boilerplate import block_fingerprint; "
            f"print(block_fingerprint({BIO!r}))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout.strip()
    assert out == block_fingerprint(BIO)
    assert re.fullmatch(r"[0-9a-f]{20}", out)          # 10 bytes, lower-case hex


def test_fingerprints_of_skips_short_blocks_and_counts_a_block_once_per_article():
    fps = fingerprints_of(["21.44 GMT", "Share", "What comes next", BIO, BIO, BODY])
    assert fps == [block_fingerprint(BIO), block_fingerprint(BODY)]


def test_a_block_seen_on_enough_other_articles_goes_and_one_seen_less_stays():
    seen = {block_fingerprint(BIO): 3, block_fingerprint(BODY): 2}
    kept, removed = apply_host_memory([BODY, BIO], seen, [], CONFIG)
    assert kept == [BODY]
    assert removed[0].reason == "repeated on 3 other articles of this site"
    kept, _ = apply_host_memory([BODY, BIO], seen, [], BoilerplateConfig(host_min_articles=4))
    assert kept == [BODY, BIO]


def test_quotes_and_stock_phrases_are_never_cut_by_count():
    stock = "Nvidia did not respond to a request for comment."
    quote = "\u201cWe are watching this closely,\u201d a spokesperson said."
    seen = {block_fingerprint(stock): 40, block_fingerprint(quote): 40}
    assert apply_host_memory([stock, quote], seen, [], CONFIG)[0] == [stock, quote]


def test_a_line_that_is_another_articles_title_is_a_teaser():
    others = ["Why HBM is the new bottleneck", "CoWoS capacity, explained",
              "Live"]   # too short to match anything
    lines = [BODY, "Previous: Why HBM is the new bottleneck", "CoWoS capacity explained 3 hours ago",
             "Live", "Why HBM became a bottleneck for everyone in 2026 and what comes next"]
    kept, removed = apply_host_memory(lines, {}, others, CONFIG)
    assert kept == [BODY, "Live", lines[-1]]
    assert {r.reason for r in removed} == {"title of another article from this site (a teaser)"}


def test_the_title_threshold_comes_from_the_config():
    others = ["Nvidia takes $4.2 billion hit as Commerce closes China chip loopholes"]
    near = "Nvidia takes $4.2bn hit as Commerce closes China chip loopholes"
    assert apply_host_memory([near], {}, others, BoilerplateConfig(teaser_title_similarity=99))[0] \
        == [near]
    assert apply_host_memory([near], {}, others, BoilerplateConfig(teaser_title_similarity=85))[0] \
        == []
