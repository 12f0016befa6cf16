"""``speech``: sentence-level context — questions, quotations and reported instructions.

Most guideline rules look for what a member SAYS to another member ("you should stop
the statin"). The same words inside a question ("should I stop the statin?"), a
quotation, or a report of what someone else said ("my neurologist told me to stop")
are not the member's own advice. This kind finds those spans so a rule can excuse
them: ``unless: {speech: [question, reported, quoted], within: overlap}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import regex

from ..loader.schema import ListOf, Str
from ..text.words import WORD_END, WORD_START
from .base import BuildContext, FieldDoc, Hit, KindSpec, PostDoc

Span = tuple[int, int]

# A tag question turns a statement into a request for agreement, not a question:
# "that's obviously lupus, isn't it?" still asserts lupus.
_TAG_QUESTION = regex.compile(
    r"""(?ix) ,\s* (?: (?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)n[’']?t
                      (?:\s+(?:it|that|this|they|you|he|she|we|there|i))?
                    | right | no | eh | yeah | huh | innit | correct | ok(?:ay)? )
        \s* [?]+ ["'”’)\]]* \s* $"""
)
_QUESTION_END = regex.compile(r"\?[\"'”’)\]]*\s*$")

# Quotation marks must open at a word start and close at a word end, so the
# apostrophes of "don't" and "the kids' toys" never pair up.
_QUOTED = regex.compile(
    r"“[^”\n]{1,600}”"
    r"|" + WORD_START + r"\"(?=\S)[^\"\n]{1,600}?(?<=\S)\"" + WORD_END +
    r"|" + WORD_START + r"‘(?=\S)[^‘\n]{1,600}?(?<=\S)’" + WORD_END +
    r"|" + WORD_START + r"'(?=\S)[^'\n]{1,600}?(?<=\S)'" + WORD_END
)

# Who gives instructions a member may report: a clinician (any "-ologist"/"-iatrist"/
# "-ician" counts), their team, or a written source such as the discharge sheet.
_SPEAKER = r"""(?:
      doctors? | docs? | dr\.?(?:\s+\p{Lu}[\p{L}'-]+)? | gps? | pcps? | physicians? | surgeons? | nurses?
    | nps? | pas? | specialists? | consultants? | pharmacists? | pharmacy | dietitians? | dieticians?
    | nutritionists? | therapists? | physios? | physiotherapists? | midwife | midwives | providers?
    | endo | neuro | rheumy | cardio | onc | ent | obgyn | ob-gyn | care\s+team | medical\s+team | team
    | clinic | hospital | \p{L}+olog(?:ist|y)s? | \p{L}+iatrists? | \p{L}+icians?
    | discharge\s+(?:sheet|notes?|papers|instructions) | leaflet | label | package\s+insert
    | instructions | handout )"""
_REPORTING_VERB = r"""(?:
      said | says | told | tells | recommended | recommends | suggested | suggests | advised | advises
    | wants | wanted | instructed | prescribed | ordered | explained | explains | warned | warns
    | insisted | agreed | mentioned | confirmed | thinks | thought | felt | decided
    | (?:put|started|switched|took|had|has|got|is\s+having|cleared)\s+(?:me|him|her|us|them)
    | asked\s+(?:me|him|her|us|them)\s+to )"""
_REPORTED_FRAME = regex.compile(
    rf"""(?ix)
    (?: {WORD_START}(?:my|our|his|her|their|the|mum's|mom's|dad's)\s+
        (?:[\p{{L}}'-]+\s+){{0,2}}? {_SPEAKER}
        (?:'s\s+(?:nurse|office|team|assistant|pa|np))?
        \s+ (?:(?:also|just|then|had|has|have|actually|originally|specifically|already|even|only|never)\s+){{0,2}}
        {_REPORTING_VERB}{WORD_END}
      | {WORD_START}dr\.?\s+[\p{{L}}'-]+\s+(?:(?:also|just|then|actually|already)\s+)?{_REPORTING_VERB}{WORD_END}
      | {WORD_START}(?:i|we|he|she|they)\s+(?:was|were|have\s+been|had\s+been|got)\s+(?:\w+\s+)?
        (?:told|advised|instructed|prescribed|warned){WORD_END}
      | {WORD_START}they\s+(?:told|tell|want|wanted|said)\s+(?:me|us|him|her){WORD_END}
      | {WORD_START}according\s+to\s+(?:my|our|his|her|the)\s+[\p{{L}}'-]+
    )""",
)
# A report runs to the end of its clause: the sentence end, a semicolon or colon, or a
# clause that turns back to the reader ("..., so you should too", "... but you").
_CLAUSE_END = regex.compile(
    r"""(?ix) [.!?]+(?=\s|$) | \n | [;:] | ,\s*(?:so|but|and\s+you|and\s+now)\b
        | \s(?:so|but)\s+(?:you|your|everyone|anyone)\b"""
)


def questions(doc: FieldDoc) -> list[Span]:
    """Sentences that end in a question mark, tag questions excepted."""
    spans = []
    for start, end in doc.sentences:
        sentence = doc.text[start:end]
        if _QUESTION_END.search(sentence) and not _TAG_QUESTION.search(sentence):
            lead = len(sentence) - len(sentence.lstrip())
            spans.append((start + lead, start + len(sentence.rstrip())))
    return spans


def quotations(doc: FieldDoc) -> list[Span]:
    """Text in paired quotation marks, the marks included."""
    return [m.span() for m in _QUOTED.finditer(doc.text)]


def reported(doc: FieldDoc) -> list[Span]:
    """From each reporting frame ("my doctor told me") to the end of its clause."""
    spans: list[Span] = []
    for m in _REPORTED_FRAME.finditer(doc.text):
        if spans and m.start() < spans[-1][1]:
            continue  # already inside the previous report
        _, sentence_end = doc.sentence_of(m.start())
        stop = _CLAUSE_END.search(doc.text, m.end(), sentence_end)
        spans.append((m.start(), stop.start() if stop else sentence_end))
    return spans


FINDERS: dict[str, Callable[[FieldDoc], list[Span]]] = {
    "question": questions,
    "quoted": quotations,
    "reported": reported,
}


class SpeechMatcher:
    """The spans of the requested speech contexts, each computed once per field."""

    __slots__ = ("which",)

    def __init__(self, which: tuple[str, ...]) -> None:
        self.which = which

    def __reduce__(self) -> tuple[Any, ...]:
        return (SpeechMatcher, (self.which,))

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:
        for name in self.which:
            finder = FINDERS[name]
            spans: list[Span] = doc.cached(("speech", name), partial(finder, doc))
            for start, end in spans:
                yield Hit(doc.name, start, end, {"kind": "speech", "speech": name})


def _build(value: list[str], options: dict[str, Any], ctx: BuildContext) -> SpeechMatcher:
    return SpeechMatcher(tuple(dict.fromkeys(value)))


KIND = KindSpec(
    name="speech",
    value=ListOf(Str(choices=tuple(FINDERS)), min_items=1, single_ok=True),
    options={},
    build=_build,
    doc="Sentence context: question (not tag questions), quoted (in quotation marks), "
        "reported (what a clinician or a leaflet said, to the end of the clause). Mostly used in 'unless'.",
)
