"""``lexicon``: word lists matched through the evasions people use to slip past filters (guideline 4)."""

from .kind import KIND, LexiconMatcher, evasion_view, term_key

__all__ = ["KIND", "LexiconMatcher", "evasion_view", "term_key"]
