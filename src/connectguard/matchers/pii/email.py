"""E-mail addresses, plain ("jane@example.com") and obfuscated ("jane dot doe at example dot com").

Every candidate is anchored on its "at" (``@``, ``[at]``, ``(at)``, a spaced ``@``
or the word "at"), read outwards -- the mailbox to the left, the domain to the
right -- rebuilt as a plain address and only then validated by ``email-validator``
(syntax only: never a DNS look-up). Each "at" is its own anchor, so a failed
reading of one "at" never hides a later address.

The word forms are where the false alarms live: English says "at" all the time
("I was at home", "10 mg at night.") and "dot" now and then. A word-form address
therefore needs a domain ending in a known top-level domain, a mailbox that is not
an ordinary word, unit or time, and earns full confidence only next to a mail
provider or an e-mail cue.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex
from email_validator import EmailNotValidError, validate_email

from .scan import Finding, Scan
from .tlds import KNOWN_TLDS, MAIL_PROVIDERS, SECOND_LEVEL, WORDLIKE_TLDS

_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
# One anchor: the three kinds are told apart by group name.
_AT = regex.compile(
    rf"(?P<bracket>[ \t]*{_OPEN}[ \t]*(?:at|@)[ \t]*{_CLOSE}[ \t]*)"
    r"|(?P<word>[ \t]+at[ \t]+|[ \t]+@[ \t]*|[ \t]*@[ \t]+)"
    r"|(?P<plain>@)",
    regex.IGNORECASE,
)
_DOT = rf"(?:\.|[ \t]*{_OPEN}[ \t]*(?:dot|\.)[ \t]*{_CLOSE}[ \t]*|[ \t]+dot[ \t]+)"
_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}\-]{0,61}[\p{L}\p{M}\p{N}])?"
_FIRST_LABEL = regex.compile(_LABEL)
_NEXT_LABEL = regex.compile(rf"(?P<sep>{_DOT})(?P<label>{_LABEL})", regex.IGNORECASE)
_TOKEN = r"[\p{L}\p{M}\p{N}_%+\-]+"
# The mailbox, read backwards ("(?r)": linear, not one attempt per start) from the anchor
# (``endpos``). Not after an apostrophe: "I'm at work.com" has no mailbox "m".
_LOCAL = regex.compile(rf"(?r)(?<![\p{{L}}\p{{M}}\p{{N}}_%+\-']){_TOKEN}(?:{_DOT}{_TOKEN})*\Z",
                       regex.IGNORECASE)
_LOCAL_SEP = regex.compile(_DOT, regex.IGNORECASE)
_NAME_BEFORE = regex.compile(r"(?<![\p{L}\p{M}\p{N}_.@'])(?P<name>\p{L}{1,20})[ \t]+\Z")
_GLUED = regex.compile(r"(\p{Ll}{2,})\p{Lu}\p{Ll}")
_RUN_ON = regex.compile(r"\.\.?[\p{L}\p{N}]|@")
# Anything an address could be anchored on; most posts have none of these.
_MAYBE_EMAIL = regex.compile(
    rf"@|{_OPEN}[ \t]*at[ \t]*{_CLOSE}|(?<![\p{{L}}])at[ \t]+[\p{{L}}\p{{N}}\-]+(?:\.|[ \t]*{_OPEN}?[ \t]*dot(?!\p{{L}}))",
    regex.IGNORECASE,
)
_LOOKBACK = 200   # characters searched for the mailbox before an anchor

#: Words before a word-form "at" that are never a mailbox: "look at", "was at", "10 mg at",
#: "appointment at", "available at". Units and times matter most: "mL at night.".
_NOT_MAILBOX = frozenset("""
i me my you your he him his she her it its we us our they them their this that these those there here
who what which one someone anyone everyone something anything am is are was were be been being do does
did done have has had will would can could should may might must up down in out on off over back away
again around about only just even also still all both not no yes now then once twice right left least
most best last first and or but so as if than to of for from with by into look looks looked looking
stare stared glance glanced laugh laughed smile smiled yell yelled shout shouted point pointed aim
aimed arrive arrived arriving stay stayed staying work works worked working live lives lived living
meet met stop stopped start started end ended born died seen saw see sees found find posted post read
check checked sign signed sold sell buy bought get got getting available offered treated diagnosed
admitted visit visited visiting good bad better worse great nurse nurses doctor doctors dr mr mrs ms
prof appointment appointments surgery clinic hospital job school college university rate price peak
level levels am pm night nights noon midnight morning evening time times daily day days week weeks
month months year years hour hours min mins minute minutes mg mcg ug g kg lb lbs ml l cc iu unit units
tab tabs tablet tablets pill pills dose doses cap caps drop drops puff puffs mmol bpm home site website
page online forum group blog article link details more resources ask asked tell told call called email
emailed mail write wrote contact reach message text register registered donate apply applied shop order
learn published located listed hosted follow join subscribe results answer answers
""".split())
#: Role mailboxes ("info at ...") read as a website mention unless the domain is obfuscated.
_ROLE_MAILBOX = frozenset({"info", "information", "contact", "support", "help", "admin", "office", "hello",
                           "sales", "enquiries", "inquiries", "team", "news"})
#: Words that say an address follows: "email me at", "my e-mail is", "reach me at".
_EMAIL_CUES = frozenset({"email", "emails", "emailed", "mail", "address", "addy", "contact", "reach", "write",
                         "message", "inbox", "gmail"})
#: Words never taken as the first name of "jane doe at gmail dot com".
_NOT_NAME = _NOT_MAILBOX | _EMAIL_CUES | _ROLE_MAILBOX


@dataclass(frozen=True, slots=True)
class _Part:
    """One label of a domain or token of a mailbox, with how it was joined to the previous one."""

    start: int
    end: int
    text: str
    plain_sep: bool   # joined by a bare "." (or first)


def find_emails(scan: Scan) -> Iterator[Finding]:
    """E-mail addresses in ``scan`` (entity ``email``), plain or obfuscated."""
    if _MAYBE_EMAIL.search(scan.text) is None:
        return  # cheap gate: no "@", no bracketed "at", no word "at" followed by a dotted name
    last_end = 0
    for at in _AT.finditer(scan.text):
        if at.start() < last_end:
            continue
        finding = _read(scan, at, last_end)
        if finding is not None:
            last_end = finding.end
            yield finding


def canonical_email(address: str) -> str | None:
    """The lower-case ASCII form of ``address`` (punycode domain), or None when it is not valid."""
    try:
        result = validate_email(address, check_deliverability=False)
    except (EmailNotValidError, ValueError, UnicodeError):
        return None
    return (result.ascii_email or result.normalized).lower()


def _read(scan: Scan, at: regex.Match[str], floor: int) -> Finding | None:
    """The address around one anchor, or None when either side is not one."""
    kind = "plain" if at.group("plain") else "bracket" if at.group("bracket") else "word"
    found = _domain(scan.text, at.end())
    if len(found) < 2:
        return None   # the common case: "at home", "at 3 pm"
    local_match = _LOCAL.search(scan.text, max(floor, at.start() - _LOOKBACK), at.start())
    if local_match is None:
        return None
    local = _split_local(scan.text, local_match)
    obfuscated = kind != "plain" or not all(p.plain_sep for p in found + local)
    labels = _trim_to_tld(found, strict=kind == "word" or (obfuscated and kind != "bracket"))
    if labels is None or not any(c.isalpha() for p in local for c in p.text):
        return None
    before = _chunk_before(scan.text, local[0].start)
    if "://" in before or before.endswith("."):
        return None   # credentials inside a URL ("https://user:pass@host"), or "a..b@x.com"
    start, box, confidence = local[0].start, "", 1.0 if not obfuscated else 0.9
    if kind == "word":
        word = _word_form(scan, at.group(), local, labels)
        if word is None:
            return None
        start, box, confidence = word
    address = (box + ".".join(p.text for p in local) + "@" + ".".join(p.text for p in labels)).lower()
    value = canonical_email(address)
    if value is None:
        return None
    return Finding("email", start, labels[-1].end, value, confidence, "obfuscated" if obfuscated else "")


def _domain(text: str, pos: int) -> list[_Part]:
    """The labels of the domain starting at ``pos``, however they are joined."""
    first = _FIRST_LABEL.match(text, pos)
    if first is None:
        return []
    parts = [_Part(first.start(), first.end(), first.group(), True)]
    while (m := _NEXT_LABEL.match(text, parts[-1].end)) is not None:
        parts.append(_Part(m.start("label"), m.end("label"), m.group("label"), m.group("sep") == "."))
    # "jane@gmail..com" or "jane@example.com.x-y": the domain runs on, so it is not one we can read.
    if _RUN_ON.match(text, parts[-1].end):
        return []
    # "jane@gmail.comHave a good day": the next sentence glued on after a known TLD.
    last = parts[-1]
    glued = _GLUED.match(last.text)
    if glued and len(parts) > 1 and glued.group(1).lower() in KNOWN_TLDS:
        parts[-1] = _Part(last.start, last.start + glued.end(1), glued.group(1), last.plain_sep)
    return parts


def _split_local(text: str, m: regex.Match[str]) -> list[_Part]:
    """The tokens of a mailbox match, with how each was joined."""
    parts, pos, plain = [], m.start(), True
    for sep in _LOCAL_SEP.finditer(text, m.start(), m.end()):
        parts.append(_Part(pos, sep.start(), text[pos:sep.start()], plain))
        pos, plain = sep.end(), sep.group() == "."
    parts.append(_Part(pos, m.end(), text[pos:m.end()], plain))
    return parts


def _trim_to_tld(labels: list[_Part], strict: bool) -> list[_Part] | None:
    """The longest prefix of ``labels`` ending in an acceptable top-level domain, or None."""
    for k in range(len(labels), 1, -1):
        if _is_tld(labels, k, strict):
            return labels[:k]
    if strict:
        return None
    # Lenient (a real "@"): any alphabetic TLD, as email-validator accepts new gTLDs we do not list.
    for k in range(len(labels), 1, -1):
        tld = labels[k - 1].text
        if len(tld) >= 2 and (tld.isalpha() or tld.lower().startswith("xn--")) and not _sentence_start(labels, k):
            return labels[:k]
    return None


def _is_tld(labels: list[_Part], k: int, strict: bool) -> bool:
    """Whether label ``k - 1`` ends a domain: a known TLD, not the start of the next sentence."""
    tld = labels[k - 1].text.lower()
    if tld.startswith("xn--"):
        return True
    if tld not in KNOWN_TLDS or _sentence_start(labels, k):
        return False
    # "at home.so I ..." lost its space: a word-like TLD after a bare "." needs a "co.uk"-style
    # second level or a mail provider before it.
    if strict and labels[k - 1].plain_sep and tld in WORDLIKE_TLDS:
        return labels[k - 2].text.lower() in SECOND_LEVEL or labels[0].text.lower() in MAIL_PROVIDERS
    return True


def _sentence_start(labels: list[_Part], k: int) -> bool:
    """"jane@example.com.Thanks": a capitalised label after lower-case ones starts a sentence."""
    tld, before = labels[k - 1].text, labels[k - 2].text
    return labels[k - 1].plain_sep and tld[:1].isupper() and tld[1:].islower() and before.islower()


def _word_form(scan: Scan, at: str, local: list[_Part], labels: list[_Part]) -> tuple[int, str, float] | None:
    """Start, first name and confidence of a word-form address; None when "at" is plain English."""
    if labels[0].text.lower() == "www" or scan.text[labels[-1].end:labels[-1].end + 1] == "/":
        return None   # a website: "find it at www.nhs.uk", "look at mayo.org/page"
    domain_plain = all(p.plain_sep for p in labels)
    provider = any(p.text.lower() in MAIL_PROVIDERS for p in labels[:-1])
    if len(local) == 1:
        box = local[0].text.lower()
        if box in _NOT_MAILBOX or box.isdigit():
            return None   # "look at", "was at", "10 mg at"
        if box in _ROLE_MAILBOX and domain_plain and not provider:
            return None   # "more info at cdc.gov" names a website
    # A spaced "@", a mail provider or an e-mail cue says mailbox; without one, "register at
    # example.org" names a website, and only a spelled-out "dot" (deliberate obfuscation) still counts.
    sure = "@" in at or provider or _cued(scan, local[0].start)
    if domain_plain and not sure:
        return None
    name = _first_name(scan, local)
    if name is not None and (provider or _cued(scan, name.start)):
        return name.start, name.text, 0.85   # "my email is jane doe at gmail dot com"
    return local[0].start, "", 0.85 if sure else 0.75


def _first_name(scan: Scan, local: list[_Part]) -> _Part | None:
    """A first name written before a one-word mailbox ("jane doe at ..."), when there is one."""
    if len(local) != 1:
        return None
    m = _NAME_BEFORE.search(scan.text, max(0, local[0].start - 24), local[0].start)
    if m is None or m.group("name").lower() in _NOT_NAME:
        return None
    return _Part(m.start("name"), m.end("name"), m.group("name"), True)


def _cued(scan: Scan, start: int) -> bool:
    """Whether an e-mail cue ("email me at", "my e-mail is") comes just before ``start``."""
    return any(w in _EMAIL_CUES for w in scan.words_before(start, 4))


def _chunk_before(text: str, pos: int) -> str:
    """The run of non-space characters that ends at ``pos``."""
    lo = pos
    while lo > 0 and not text[lo - 1].isspace() and pos - lo < 200:
        lo -= 1
    return text[lo:pos]
