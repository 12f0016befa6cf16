"""Human output for ``connectguard rules list|show|test``."""

from __future__ import annotations

from pathlib import Path

from ..examples_runner import ExampleResults
from ..messages import Template
from ..rule import Example, Rule


def rules_table(rules: tuple[Rule, ...]) -> list[str]:
    """One aligned line per rule: id, category, guideline, action, mode."""
    rows = [("ID", "CATEGORY", "GUIDELINE", "ACTION", "MODE")]
    rows += [(r.id, r.category, "-" if r.guideline is None else str(r.guideline.number), r.action.value, r.mode.value)
             for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4] for row in rows]


def template_source(template: Template) -> str:
    """The template as it was written (braces doubled back)."""
    return "".join("{" + text + "}" if is_name else text.replace("{", "{{").replace("}", "}}")
                   for is_name, text in template.parts)


def rule_details(rule: Rule) -> list[str]:
    """Every field of one rule, its ``match`` block as written, and its examples."""
    g = rule.guideline
    guideline = "-" if g is None else f"{g.number}" + (f" ({g.title})" if g.title else "") + (f" {g.url}" if g.url else "")
    lines = [
        f"id:          {rule.id}",
        f"pack:        {rule.pack}",
        f"source:      {rule.source or '-'}",
        f"category:    {rule.category}",
        f"guideline:   {guideline}",
        f"severity:    {rule.severity.value}",
        f"confidence:  {rule.confidence:g}",
        f"fields:      {', '.join(rule.fields)}",
        f"action:      {rule.action.value}",
        f"mode:        {rule.mode.value}",
        f"redact:      {'yes, with ' + repr(rule.replacement.source) if rule.redact else 'no'}",
        f"sensitive:   {'yes' if rule.sensitive else 'no'}",
        f"when:        {'; '.join(f'{c.fact} {c.op} {c.value!r}' for c in rule.when) if rule.when else '-'}",
        f"message:     {template_source(rule.message)}",
        f"note:        {template_source(rule.note) or '-'}",
    ]
    if rule.description:
        lines.append(f"description: {rule.description}")
    block = source_block(rule)
    if block:
        lines.append("definition:")
        lines.extend("  " + line for line in block)
    lines.append(f"examples:    {len(rule.examples)}")
    lines.extend("  " + example_line(e) for e in rule.examples)
    return lines


def example_line(example: Example) -> str:
    post = example.post
    text = repr(post.body) if not post.title else f"title={post.title!r} body={post.body!r}"
    kind = "match   " if example.expect_match else "no_match"
    expect = f" (expect {example.expect_text!r})" if example.expect_text is not None else ""
    return f"line {example.line}: {kind} {text}{expect}"


def source_block(rule: Rule) -> list[str]:
    """The rule's lines in its pack file (from its first key to the next rule), or [] if unreadable."""
    if rule.source is None:
        return []
    try:
        lines = Path(rule.source.path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    first = rule.source.line - 1
    if not 0 <= first < len(lines):
        return []
    indent = rule.source.column - 1
    block = [lines[first]]
    for line in lines[first + 1:]:
        if line.strip() and len(line) - len(line.lstrip()) < indent:
            break
        block.append(line)
    while block and not block[-1].strip():
        block.pop()
    return block


def results_lines(results: ExampleResults) -> list[str]:
    """Each failure, then ``N passed, M failed``."""
    lines = [str(failure) for failure in results.failures]
    failed = len(results.failures)
    lines.append(f"{results.examples - failed} passed, {failed} failed")
    return lines
