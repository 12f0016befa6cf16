"""Where a violation is in its input FILE: exact line/column for Markdown, text and YAML, the line for JSON."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import position
from hypothesis import given, settings
from hypothesis import strategies as st

from connectguard.inputs import InputRecord, read_file
from connectguard.positions import FieldMap, Region, SourceText, align


def records(tmp_path: Path, name: str, text: str) -> list[InputRecord]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(read_file(path))


def region_of(record: InputRecord, field_name: str, needle: str) -> Region:
    assert record.post is not None
    start = record.post.field_text(field_name).index(needle)
    return record.region(field_name, start, start + len(needle))


def in_file(record: InputRecord, field_name: str, needle: str) -> str:
    """The file text under a span of ``field_name``."""
    assert record.post is not None and record.text is not None
    start = record.post.field_text(field_name).index(needle)
    span = record.file_span(field_name, start, start + len(needle))
    assert span is not None
    return record.text[span[0]:span[1]]


# -- the pieces -------------------------------------------------------------------------

def test_source_text_positions_are_one_based_code_points() -> None:
    text = "ab\nc🙂d\n\nlast"
    source = SourceText.of(text)
    assert source.position(0) == (1, 1)
    assert source.position(text.index("d")) == (2, 3)  # the emoji is one code point
    assert source.position(text.index("last")) == (4, 1)
    assert source.position(len(text)) == (4, 5)


def test_field_map_runs_and_escapes() -> None:
    mapping = FieldMap(((0, 10, 1), (3, 20, 6), (4, 26, 1)))  # "abc" at 10, an escape at 20, the rest at 26
    assert [mapping.to_file(i) for i in range(6)] == [10, 11, 12, 20, 26, 27]
    assert mapping.file_span(1, 4) == (11, 26)  # ends after the whole escape
    assert mapping.file_span(2, 2) == (12, 12)
    assert mapping.shifted(5).to_file(4) == 31


def test_align_refuses_rather_than_guesses() -> None:
    assert align("abc", "x: abc", 3, 6) == FieldMap.verbatim(3)
    assert align("abc", "x: !!str abc", 3, 12) is None  # a tag is not layout
    assert align("a\tb", '"a\\tb"', 0, 6) is None  # escapes only count in double quotes
    assert align("a\tb", '"a\\tb"', 0, 6, escapes=True) is not None


# -- Markdown and text ------------------------------------------------------------------

def test_markdown_title_and_body_are_placed_in_the_file(tmp_path: Path) -> None:
    text = "---\nid: m\ntitle: 'It''s vote them out'\n---\n\nline one\nline two: vote them\nout now\n"
    [record] = records(tmp_path, "post.md", text)
    assert region_of(record, "title", "vote them out") == Region(3, 3, 15, 28)
    assert in_file(record, "title", "vote them out") == "vote them out"
    line, column = position(text, "vote them\nout")
    assert region_of(record, "body", "vote them\nout") == Region(line, line + 1, column, 4)
    assert record.locate("body", 0) == position(text, "line one")


def test_span_ending_with_a_line_break_ends_on_its_own_line(tmp_path: Path) -> None:
    [record] = records(tmp_path, "note.txt", "one\ntwo\n")
    assert record.region("body", 0, 4) == Region(1, 1, 1, 5)


def test_empty_span_is_a_point(tmp_path: Path) -> None:
    [record] = records(tmp_path, "note.txt", "one\ntwo\n")
    assert record.region("body", 4, 4) == Region(2, 2, 1, 1)


# -- YAML -------------------------------------------------------------------------------

YAML_POSTS = """\
# seed posts
- id: plain
  body: just vote them out please
- id: quoted
  title: "Say \\"vote them out\\" caf\\u00e9"
  body: 'it''s darn'
- id: literal
  body: |
    First line.
      Indented: vote them out.
- id: folded
  body: >
    we should vote them
    out soon
"""


def test_yaml_scalars_of_every_style_are_placed(tmp_path: Path) -> None:
    by_id = {r.post.id: r for r in records(tmp_path, "posts.yaml", YAML_POSTS) if r.post}
    text = YAML_POSTS
    assert region_of(by_id["plain"], "body", "vote them out") == Region(3, 3, 14, 27)
    assert in_file(by_id["quoted"], "title", 'vote them out" café') == 'vote them out\\" caf\\u00e9'
    assert in_file(by_id["quoted"], "body", "it's") == "it''s"
    line, column = position(text, "vote them out.")
    assert region_of(by_id["literal"], "body", "vote them out") == Region(line, line, column, column + 13)
    line, column = position(text, "vote them\n")
    assert region_of(by_id["folded"], "body", "vote them out") == Region(line, line + 1, column, 8)


def test_yaml_scalar_that_cannot_be_placed_falls_back_to_the_record_line(tmp_path: Path) -> None:
    [record] = records(tmp_path, "tagged.yaml", "- id: t\n  body: !!str vote them out\n")
    assert region_of(record, "body", "vote them out") == Region(1, 1)
    assert record.locate("body", 0) == (1, 1)


def test_json_and_jsonl_records_give_their_line(tmp_path: Path) -> None:
    [_, second] = records(tmp_path, "posts.jsonl", '{"body": "x"}\n{"body": "vote them out"}\n')
    assert region_of(second, "body", "vote") == Region(2, 2)
    assert not second.in_file("body") and second.text is None


ALPHABET = st.sampled_from(list("ab :#-'\"\\\té\n🙂"))


@settings(max_examples=150, deadline=None)
@given(value=st.text(ALPHABET, min_size=1, max_size=40).filter(str.strip),
       style=st.sampled_from([None, '"', "'", "|", ">"]), width=st.sampled_from([12, 80]))
def test_every_yaml_character_maps_back_to_its_source(tmp_path_factory, value: str, style: str | None,
                                                      width: int) -> None:
    """Whatever PyYAML writes, every character is placed on itself in the file, its escape or its fold."""
    dumped = yaml.safe_dump([{"body": value}], default_style=style, width=width, allow_unicode=True)
    [record] = records(tmp_path_factory.mktemp("y"), "posts.yaml", dumped)
    assert record.post is not None and record.in_file("body"), dumped
    for index, char in enumerate(record.post.body):
        span = record.file_span("body", index, index + 1)
        assert span is not None
        written = dumped[span[0]:span[1]]
        folded = char == " " and written in ("\n", "\r")
        assert written == char or folded or yaml.safe_load(f'"{written}"') == char, (index, char, written, dumped)
