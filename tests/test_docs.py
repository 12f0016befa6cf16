"""The user docs cannot go stale: their packs load and pass their examples, their links resolve.

- Every ```yaml block of the guides (docs/rule-authoring.md, docs/getting-started.md and the
  README) is a complete pack (its first line that is not a comment is ``connectguard: 1``), or a piece
  copied verbatim from a complete pack on the same page. Each pack loads with
  ``Guard.from_yaml``, passes every example, follows the community vocabulary and the JSON
  Schema editors use, and the rule-authoring guide shows every match kind.
- The guides' ```toml blocks are valid configuration files and their ```python blocks
  compile; the getting-started snippets run.
- Every relative link in README.md and docs/*.md points at a file that exists, and every
  ``#anchor`` at a heading of that file (GitHub's heading ids).
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from connectguard import Guard
from connectguard.examples_runner import run_examples
from connectguard.loader.specs import CATEGORIES, pack_json_schema
from connectguard.loader.yamlsrc import read_yaml
from connectguard.matchers.registry import KINDS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
#: The pages whose YAML snippets are packs to load and test.
GUIDES = (DOCS / "rule-authoring.md", DOCS / "getting-started.md", REPO / "README.md")
#: Every page a reader can reach from the README and the docs folder.
PAGES = sorted([REPO / "README.md", *DOCS.glob("*.md")])
#: What the README's Documentation section must link to.
README_DOCS = ("getting-started", "rule-authoring", "configuration", "integrations", "output-formats", "actions",
               "rule-format", "python-api", "guidelines")


# -- reading Markdown ------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """One fenced code block: its language, its text (dedented to the fence) and where it starts."""

    page: str
    line: int
    lang: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


_FENCE = re.compile(r"^( *)(`{3,}|~{3,})\s*([\w+-]*)")


def code_blocks(path: Path) -> list[Block]:
    """Every fenced block of a Markdown file, including fences indented inside list items."""
    blocks: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence, lang = len(opening.group(1)), opening.group(2), opening.group(3)
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        blocks.append(Block(path.name, i + 1, lang, "\n".join(body) + "\n"))
        i = j + 1
    return blocks


def prose_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The lines of a Markdown file outside fenced code blocks, numbered from 1."""
    fence: str | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(2)
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None:
            yield number, line


def is_pack(block: Block) -> bool:
    """A complete pack: its first line that is neither blank nor a comment is ``connectguard: 1``,
    and it has ``rules``."""
    lines = [line for line in block.text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return bool(lines) and lines[0].strip() == "connectguard: 1" and "rules:" in lines


def guide_blocks(lang: str) -> list[Block]:
    return [b for page in GUIDES for b in code_blocks(page) if b.lang == lang]


def guide_packs() -> list[Block]:
    return [b for b in guide_blocks("yaml") if is_pack(b)]


# -- the guides' packs ------------------------------------------------------------------------

@pytest.mark.parametrize("block", guide_packs(), ids=lambda b: b.where)
def test_pack_loads_and_passes_its_examples(block: Block) -> None:
    guard = Guard.from_yaml(block.text, name=block.where)
    results = run_examples(guard)
    assert results.ok, "\n".join(str(f) for f in results.failures)
    for rule in guard.rules:
        kinds = {example.expect_match for example in rule.examples}
        assert kinds == {True, False}, f"{rule.id}: show at least one 'match' and one 'no_match' example"
        assert rule.category in CATEGORIES, f"{rule.id}: {rule.category!r} is not in the community vocabulary"


@pytest.mark.parametrize("block", guide_packs(), ids=lambda b: b.where)
def test_pack_is_valid_for_the_editor_schema(block: Block) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    document = read_yaml(block.text, block.where)
    assert document.root is not None, document.problems
    jsonschema.Draft202012Validator(pack_json_schema()).validate(_string_keys(document.root.plain))


def _string_keys(value: Any) -> Any:
    """JSON has only string keys (guideline numbers are integers in YAML)."""
    if isinstance(value, dict):
        return {str(k): _string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_string_keys(v) for v in value]
    return value


def test_every_yaml_block_of_the_guides_is_tested() -> None:
    """A snippet that is not a whole pack must be copied from one on its page, so it is tested too."""
    for page in GUIDES:
        blocks = [b for b in code_blocks(page) if b.lang == "yaml"]
        packs = [b.text for b in blocks if is_pack(b)]
        for block in blocks:
            if not is_pack(block):
                assert any(block.text in pack for pack in packs), \
                    f"{block.where}: a yaml snippet must be a whole pack (starting 'connectguard: 1') or a verbatim part of one"


def test_rule_authoring_shows_every_match_kind() -> None:
    used: set[str] = set()
    for block in code_blocks(DOCS / "rule-authoring.md"):
        if block.lang == "yaml" and is_pack(block):
            document = read_yaml(block.text, block.where)
            assert document.root is not None
            used |= _match_kinds(document.root.plain)
    assert set(KINDS()) - used == set(), "every match kind needs a worked example in docs/rule-authoring.md"


def _match_kinds(value: Any, in_match: bool = False) -> set[str]:
    """The kind keys used in match blocks (``match``, ``unless`` and the items of ``all``/``any``/``none``)."""
    found: set[str] = set()
    if isinstance(value, dict):
        if in_match:
            found |= set(value) & set(KINDS())
        for key, item in value.items():
            found |= _match_kinds(item, in_match=key in ("match", "unless") or (in_match and key in ("all", "any", "none")))
    elif isinstance(value, list):
        for item in value:
            found |= _match_kinds(item, in_match)
    return found


# -- the guides' other snippets ---------------------------------------------------------------

@pytest.mark.parametrize("block", guide_blocks("toml"), ids=lambda b: b.where)
def test_toml_snippets_are_valid_configuration(block: Block, tmp_path: Path) -> None:
    from connectguard.lint.config import load_config

    data = tomllib.loads(block.text)
    name = "pyproject.toml" if "tool" in data else "connectguard.toml"
    (tmp_path / name).write_text(block.text, encoding="utf-8")
    load_config(tmp_path / name)  # raises ConfigError listing every problem


@pytest.mark.parametrize("block", guide_blocks("python"), ids=lambda b: b.where)
def test_python_snippets_compile(block: Block) -> None:
    compile(block.text, block.where, "exec")


@pytest.mark.parametrize("block", [b for b in code_blocks(DOCS / "getting-started.md") if b.lang == "python"],
                         ids=lambda b: b.where)
def test_getting_started_python_snippets_run(block: Block, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(block.text, block.where, "exec"), {"__name__": "__docs__"})  # noqa: S102 - our own docs
    capsys.readouterr()


# -- links --------------------------------------------------------------------------------------

_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def links(path: Path) -> Iterator[tuple[int, str]]:
    """Every inline link target outside code, with its line number."""
    for number, line in prose_lines(path):
        for match in _LINK.finditer(_CODE_SPAN.sub("", line)):
            yield number, match.group(1)


def anchors(path: Path) -> set[str]:
    """The ids GitHub gives the headings of a Markdown file."""
    seen: dict[str, int] = {}
    ids: set[str] = set()
    for _, line in prose_lines(path):
        heading = re.match(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not heading:
            continue
        slug = github_slug(heading.group(1))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        ids.add(slug if count == 0 else f"{slug}-{count}")
    return ids


def github_slug(heading: str) -> str:
    """GitHub's heading id: link text kept, lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_github_slug() -> None:
    assert github_slug("Scopes: `within`, `near`, `side`") == "scopes-within-near-side"
    assert github_slug("`unless`: exceptions per match") == "unless-exceptions-per-match"
    assert github_slug("Redaction: `redact`, `replacement`, `sensitive`") == "redaction-redact-replacement-sensitive"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_relative_links_resolve(page: Path) -> None:
    broken: list[str] = []
    for number, target in links(page):
        if _EXTERNAL.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        resolved = (page.parent / file_part).resolve() if file_part else page
        where = f"{page.relative_to(REPO)}:{number}: {target}"
        if not resolved.exists():
            broken.append(f"{where}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{where}: no heading with id {anchor!r} in {resolved.name}")
    assert not broken, "broken links:\n" + "\n".join(broken)


# -- the README ---------------------------------------------------------------------------------

def test_readme_documentation_section_links_the_docs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Documentation\n", 1)[1].split("\n## ", 1)[0]
    targets = {Path(target.partition("#")[0]).stem for _, target in _links_in(section)}
    assert set(README_DOCS) <= targets


def _links_in(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), 1):
        for match in _LINK.finditer(line):
            yield number, match.group(1)


def test_readme_keeps_its_two_set_up_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = [b.text.strip() for b in code_blocks(REPO / "README.md") if b.lang == "sh"]
    assert commands[:2] == ["pip install . && connectguard check examples/seed-posts.jsonl",
                            "pip install '.[test]' && pytest"], textwrap.shorten(readme, 200)
