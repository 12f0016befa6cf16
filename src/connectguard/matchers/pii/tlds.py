"""Top-level domains and mail providers: data for telling an e-mail domain from ordinary words.

An address written with "at" and "dot" ("jane at example dot com") has no "@" to
anchor on, so its domain must end in a real top-level domain before it is read
as an address. The list is deliberately not the full IANA root zone (1,400+
names, many of them English words such as "health", "care" or "life"): it holds
every country code and the generic domains people actually give out for mail.
"""

from __future__ import annotations

#: Every two-letter country-code TLD (ISO 3166-1 alpha-2 plus ac, eu, su, uk).
COUNTRY_TLDS = frozenset("""
ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo bq br bs bt
bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es
et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu
id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt
lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no
np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si
sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us
uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw
""".split())

#: Generic TLDs common in personal and organisational mail addresses.
GENERIC_TLDS = frozenset("""
com org net edu gov mil int info biz name pro mobi asia tel xyz site online top club shop store app
dev tech email live life cloud space website blog me icu vip work fun link page one today world
""".split())

#: All TLDs accepted after a spelled-out "dot" or a word "at".
KNOWN_TLDS = COUNTRY_TLDS | GENERIC_TLDS

#: Country codes that are also English words: after a plain "." they are usually the
#: next sentence with its space missing ("at home.so I ...", "at work.in the end").
WORDLIKE_TLDS = frozenset({
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "id", "if", "in", "is", "it", "me",
    "my", "no", "of", "on", "or", "so", "to", "up", "us", "we", "one", "fun", "top", "live", "life",
    "work", "today", "world", "page", "link", "shop", "store", "club", "space", "name",
})

#: Second-level labels under a country code ("nhs.co.uk", "yahoo.co.in").
SECOND_LEVEL = frozenset({"co", "com", "ac", "org", "net", "gov", "edu", "nhs", "ltd", "plc", "or", "ne"})

#: Public mail and ISP domains (second-level label): the part before "at" is then surely
#: a mailbox, not a person or a verb ("john at gmail.com").
MAIL_PROVIDERS = frozenset("""
gmail googlemail yahoo ymail rocketmail hotmail outlook live msn aol aim icloud me mac proton
protonmail pm tutanota tuta zoho gmx mail yandex fastmail hushmail comcast verizon att sbcglobal
bellsouth charter cox earthlink optonline btinternet sky virginmedia talktalk ntlworld blueyonder
bigpond optusnet xtra shaw rogers sympatico videotron telus orange free laposte wanadoo web t-online
libero rediffmail qq 163 126 naver hanmail mailinator inbox
""".split())
