"""connectguard: declarative YAML moderation rules for online patient communities.

    from connectguard import Guard, Post
    report = Guard.default().check(Post(title="...", body="..."))
"""

from .actions import Action, Mode, Severity
from .errors import ConnectGuardError, InvalidPostError, RuleError, RuleProblem
from .guard import Guard
from .post import Author, Post, PostContext
from .report import Report, Violation

__all__ = [
    "Action", "Author", "ConnectGuardError", "Guard", "InvalidPostError", "Mode", "Post", "PostContext",
    "Report", "RuleError", "RuleProblem", "Severity", "Violation",
]
__version__ = "0.1.0"
