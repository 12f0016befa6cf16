"""``pii``: personal information (guideline 9), one module per detector over one shared scan."""

from .kind import ENTITIES, KIND, PiiMatcher

__all__ = ["ENTITIES", "KIND", "PiiMatcher"]
