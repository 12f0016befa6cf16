"""Path globs for ``exclude``, ``per-file-ignores`` and ``sources``, matched relative to the config's directory.

``*`` and ``?`` never cross a ``/``; ``**`` crosses any number of directories; a
pattern without ``/`` matches a file's name at any depth (as in ``.gitignore``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path


def glob_regex(pattern: str) -> re.Pattern[str]:
    """The regular expression a glob stands for (anchored at both ends)."""
    glob = pattern.strip().removeprefix("./")
    out: list[str] = [] if "/" in glob.rstrip("/") else ["(?:.*/)?"]
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and (close := glob.find("]", i + 2)) != -1:
            body = glob[i + 1:close].replace("\\", "\\\\")  # ranges such as 0-9 keep their meaning
            out.append("[" + ("^" + body[1:] if body[0] in "!^" else body) + "]")
            i = close + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    if glob.endswith("/"):  # a directory: everything below it
        out.append(".*")
    return re.compile("".join(out), re.DOTALL)


@dataclass(frozen=True)
class Glob:
    """A glob, and the directory its relative paths start from."""

    pattern: str
    root: Path
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", glob_regex(self.pattern))

    def matches(self, path: str | Path) -> bool:
        relative = relative_to_root(path, self.root)
        return relative is not None and self.regex.fullmatch(relative) is not None


def relative_to_root(path: str | Path, root: Path) -> str | None:
    """``path`` relative to ``root`` with ``/`` separators, or ``None`` when it lies outside ``root``."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")
