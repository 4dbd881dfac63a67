"""Story clustering, summaries, coverage and figure disagreements (pure, deterministic).

Empty until the stories issue: nothing here pretends to cluster yet.
"""
