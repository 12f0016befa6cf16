"""Login secrets shared in a post: "my portal password is Tulip#2024", "u: snoop / p: biggreenhat".

The finding is the secret only, never its label. Members talk about passwords far
more often than they share one ("I forgot my password again", "password manager",
"the password is on the back of the card"), so a secret is read only after a
password cue with a connective ("is", ":", "="), or right after the cue when a
username label sits on the same or the previous line, and it must look like a
secret: a digit, a symbol or mixed case, or else a single word that is not common
English and ends its clause. Single-letter labels ("p:") and "pass" count only
next to a username label: alone they are ordinary words.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ...text.words import WORD_END, WORD_START
from .scan import Finding, Scan

#: A secret is never copied into a finding (nothing can log it), and no allow-list applies to it.
SECRET = ""

_B, _E = WORD_START, WORD_END   # connectguard's one definition of a word boundary
# A password cue. "p" and "pass" are weak: they need a username label nearby.
_CUE = regex.compile(
    rf"{_B}(?:(?P<strong>pass[ \t]?(?:word|code|phrase)|passwd|pwd|pw)|(?P<weak>p(?=[ \t]*:)|pass)){_E}"
    r"(?P<via>[ \t]+(?:for|to|on|of|at)(?:[ \t]+[^\s]+){1,3}?(?=[ \t]+(?:is|was)[ \t]))?"
    rf"(?P<conn>[ \t]*[:=][ \t]*|[ \t]+(?:is|was){_E}[ \t]*:?[ \t]*|'s[ \t]+|[ \t]+)",
    regex.IGNORECASE,
)
# A username label with its value: "username: joe@example.com", "login snoop", "u: snoop".
_USER = regex.compile(
    rf"{_B}(?:(?:user[ \t]?name|user[ \t]?id|login(?:[ \t]?id)?|log-?in){_E}(?:[ \t]*[:=]|[ \t]+is)?"
    rf"|(?:u|user|e-?mail){_E}(?:[ \t]*[:=]|[ \t]+is))[ \t]*(?P<value>[^\s]+)",
    regex.IGNORECASE,
)
# "the login for my chart is jdoe / Sunshine99": the secret follows the slash.
_SLASH = regex.compile(
    rf"{_B}(?:log-?in|credentials|creds|user(?:name)?[ \t]*(?:and|&|/)[ \t]*pass(?:word)?){_E}"
    r"[^\n]{0,30}?(?:[ \t]+(?:is|are)|:|=)[ \t]*[^\s/]+[ \t]*/[ \t]*",
    regex.IGNORECASE,
)
# "my PIN is 4821", "PIN: 4821", "pin number 48213": four to eight digits, nothing glued on.
_PIN = regex.compile(
    rf"{_B}pin(?:[ \t]*(?:number|code|no\.?|#)[ \t]*(?:is|was|:|=)?|[ \t]*(?:is|was|:|=))[ \t]*"
    r"(?P<pin>\p{Nd}{4,8})(?![\p{L}\p{N}]|[.,/-]\p{Nd})",
    regex.IGNORECASE,
)
_USER_REACH = 160   # characters searched back for a username label
_TOKEN = regex.compile(r"[^\s]{1,64}")
_CLAUSE_END = regex.compile(r"[ \t]*(?:$|\n|[.,;!?)]|(?:and[ \t]+)?(?:user|login|e-?mail|pin|u:))",
                            regex.IGNORECASE)
_TRAILING = ".,;:!?)]}>\"'"
_QUOTES = "\"'`"
_MASK = frozenset("*•●·x.-_#")

#: Words that follow "password is" / "password:" in talk ABOUT a password, not in sharing one.
_NOT_SECRET = frozenset("""
a an the my your his her our their its this that it i me you we they he she same different new old
on in at of to for from by with as is was be been not no yes none nothing something anything too
very so also just still now again what which who how why when where here there same wrong right
correct incorrect invalid expired locked changed reset required needed saved stored forgotten
forgot lost stolen hacked compromised weak strong long short easy hard simple complicated secure
safe unsafe ok okay fine good bad case sensitive different mine yours ours theirs manager protected
change update updated recovery help issue issues problem problems field box page screen prompt
requirements rules policy hint question questions please link email request form login username
protection reminder below above attached enclosed changes missing blank empty unknown n/a na
tbd always never sometimes usually probably literally basically really actually like
similar about around only either neither both all any each every some more less most least
password passcode pin pw see
""".split())
#: A word with these endings after "password is" describes it ("expired", "confusing", "ridiculous").
_DESCRIPTIVE_ENDINGS = ("ed", "ing", "ly", "ous", "ful", "ive", "able", "ible", "less", "ent", "ant", "ical")
#: Words that make a number a length or an age, not a secret: "password is 12345 characters".
_COUNT_WORDS = frozenset({"characters", "chars", "digits", "letters", "symbols", "numbers", "days",
                          "weeks", "months", "years", "times", "long", "old", "attempts", "tries"})


def find_passwords(scan: Scan) -> Iterator[Finding]:
    """Passwords, passcodes and PINs shared in ``scan`` (entity ``password``): the secret only."""
    low = scan.lower
    if not any(cue in low for cue in ("pass", "pw", "pin", "login", "log-in", "cred", "p:")):
        return
    found = [*_cued_secrets(scan), *_slash_secrets(scan), *_pins(scan)]
    kept: list[Finding] = []
    for f in sorted(found, key=lambda f: (f.start, -f.confidence)):
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    yield from kept


def _cued_secrets(scan: Scan) -> Iterator[Finding]:
    """Secrets after a password cue: "password: root", "pw is Bluebird!77", "login snoop pw x"."""
    for m in _CUE.finditer(scan.text):
        conn = m.group("conn").strip().lower()
        paired = _user_label_before(scan, m.start())
        if (m.group("weak") or not conn) and not paired:
            continue   # "pass the salt", "password manager": no label beside them
        if m.group("via") and conn not in ("is", "was", "is:", "was:"):
            continue
        secret = _secret_at(scan.text, m.end())
        if secret is None:
            continue
        start, end = secret
        strong = _looks_secret(scan.text[start:end])
        if not _plausible(scan, start, end, strong, described=conn.startswith(("is", "was", "'s"))):
            continue
        if conn in (":", "="):
            confidence = 0.95 if strong else 0.85
        else:
            confidence = 0.95 if strong else 0.75
        if paired:
            confidence = max(confidence, 0.9)
        yield Finding("password", start, end, SECRET, confidence)


def _slash_secrets(scan: Scan) -> Iterator[Finding]:
    """The secret of a "login is jdoe / Sunshine99" pair (the part after the slash)."""
    for m in _SLASH.finditer(scan.text):
        secret = _secret_at(scan.text, m.end())
        if secret is None:
            continue
        start, end = secret
        strong = _looks_secret(scan.text[start:end])
        if _plausible(scan, start, end, strong, described=True):
            yield Finding("password", start, end, SECRET, 0.9 if strong else 0.75)


def _pins(scan: Scan) -> Iterator[Finding]:
    """PINs and numeric passcodes: four to eight digits after "PIN is" / "PIN:"."""
    if "pin" not in scan.lower:
        return
    for m in _PIN.finditer(scan.text):
        if not _counted(scan, m.end("pin")):
            yield Finding("password", m.start("pin"), m.end("pin"), SECRET, 0.9, "pin")


def _user_label_before(scan: Scan, pos: int) -> bool:
    """Whether a username label with a value sits before ``pos`` on its line or the line above."""
    line_start = scan.text.rfind("\n", 0, pos) + 1
    above = scan.text.rfind("\n", 0, max(0, line_start - 1)) + 1 if line_start else line_start
    for m in _USER.finditer(scan.text, max(above, pos - _USER_REACH), pos):
        value = m.group("value").lower().strip(_TRAILING)
        if value and value not in _NOT_SECRET and not _CUE.match(value) and m.end() <= pos:
            return True
    return False


def _secret_at(text: str, pos: int) -> tuple[int, int] | None:
    """Span of the secret written at ``pos``: a quoted string or one token, trailing punctuation cut."""
    if pos < len(text) and text[pos] in _QUOTES:
        close = text.find(text[pos], pos + 1, pos + 66)
        if close > pos + 1 and "\n" not in text[pos:close]:
            return pos + 1, close
    m = _TOKEN.match(text, pos)
    if m is None:
        return None
    end = m.end()
    while end - pos > 1 and text[end - 1] in _TRAILING:
        end -= 1
    if text[pos] in _QUOTES or text[pos] in "([{<":
        pos += 1
    return (pos, end) if end > pos else None


def _looks_secret(token: str) -> bool:
    """A digit, a symbol other than a hyphen or apostrophe, or a capital after the first letter."""
    if any(c.isdigit() for c in token):
        return True
    if any(not c.isalnum() and c not in "-'" for c in token):
        return True
    return any(c.isupper() for c in token[1:]) and any(c.islower() for c in token)


def _plausible(scan: Scan, start: int, end: int, strong: bool, described: bool) -> bool:
    """Whether the token at ``start:end`` can be a secret here, not prose about one."""
    token = scan.text[start:end]
    if len(token) < 3 or set(token.lower()) <= _MASK or token.lower() in _NOT_SECRET:
        return False   # "password: ********" is masked, "pw: I ..." is prose, "password: n/a"
    if not any(c.isalpha() for c in token) and sum(c.isdigit() for c in token) < 4:
        return False   # "PW: 1.2 m/s", "password: ???": a measurement or punctuation, not a secret
    if strong:
        if token.isdigit() and (len(token) < 4 or _counted(scan, end)):
            return False   # "password is 12 characters long"
        return not (described and len(token) < 4)
    word = token.lower()
    if word in _NOT_SECRET or (described and word.endswith(_DESCRIPTIVE_ENDINGS)):
        return False
    # A plain word shared as a secret ends its clause: "password: root", "pw biggreenhat".
    # "password manager is great" or "password: make it long" carry on as prose.
    return _CLAUSE_END.match(scan.text, end) is not None


def _counted(scan: Scan, end: int) -> bool:
    """Whether the number ending at ``end`` counts something ("4821 days", "1234 characters")."""
    after = scan.words_after(end, 1)
    return bool(after) and after[0] in _COUNT_WORDS
