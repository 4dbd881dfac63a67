"""The Textual app: the only code that imports Textual."""
