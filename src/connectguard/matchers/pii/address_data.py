"""Word lists of the street address detector (``address.py``): street types, regions, guards.

Kept as data so a locale can be added without touching the recogniser. Every entry is
lower case and compared against a lower-cased token with any trailing period removed.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Street types that name a street even in lower-case chat ("504 parkwood drive"):
#: USPS C1 primary names and standard abbreviations, plus UK / Canadian types.
STRONG_SUFFIXES = _words("""
    street st str strt avenue ave av avn aven avenu boulevard blvd boul road rd drive drv
    lane ln court crt terrace ter terr parkway pkwy pky highway hwy hiway crescent cres
    crsnt expressway expy freeway fwy turnpike tpke causeway cswy chemin avenida calle
    strasse straße
""")

#: Street types that are also everyday words ("a long walk", "trigger points", "sex
#: drive"): they end a street only when the street is written in capitals or a
#: city / state / postcode follows.
WEAK_SUFFIXES = _words("""
    dr way walk run point park view vista vis center ctr centre cntr
    green grn row rise hill hills hls ridge rdg ridges heights hts height trail trl
    track trak path pass loop bend bnd cove creek crk crossing xing xrd glen gln glens field
    fld fields flds meadow mdw meadows mdws manor mnr manors lake lakes lks landing lndg
    harbor hbr harbour haven hvn hollow holw island isle junction jct key knoll knl landing
    mall market mill mills mls mission msn mount mountain mtn orchard orch oval parade pike
    pine pnes pines plain pln plains plns port prt ranch rnch rapids rpds rest ridge shore
    shr shores shrs spring spg springs spgs spur station stra stravenue summit smt terrace
    trace trce turn valley vly valleys vlys village vlg villages ville wharf wood woods wds
    brook brk brooks brks falls fls fall ferry ford frd forest frst forge frg fork frk forks
    frks garden gdn bluff blf bluffs bottom btm branch bridge brg burg camp canyon cyn cape
    cpe club clb common cmn commons corner corners cors course crse crest crst dale dam
    divide estate estates ests extension flat flt flats flts fort freeway gateway gtwy inlet
    inlt lock lck locks lcks lodge ldg neck nck overpass opas passage psge plaza prairie
    radial radl ramp river rvr shoal shl skyway skwy square stream strm throughway trwy
    tunnel tunl underpass upas union viaduct viadct wall well wells wls crossroad
    place pl circle cir plaza plz alley aly mews gardens gdns wynd gate close cl grove grv
    square sq esplanade promenade ct
""") - STRONG_SUFFIXES

#: Suffixes written abbreviated: their trailing period belongs to the address ("Main St.").
ABBREVIATIONS = frozenset(
    w for w in STRONG_SUFFIXES | WEAK_SUFFIXES if len(w) <= 4 and w not in
    {"road", "lane", "way", "walk", "run", "park", "view", "row", "rise", "hill", "path", "pass",
     "loop", "bend", "cove", "glen", "lake", "mall", "mill", "pike", "pine", "port", "rest",
     "spur", "turn", "wood", "fall", "ford", "fork", "camp", "cape", "club", "dale", "dam",
     "flat", "fort", "lock", "neck", "ramp", "well", "key", "oval", "mews", "wynd", "gate",
     "close", "grove"}
)

#: Street types written BEFORE the name ("Rue Sainte-Catherine", "Avenue N", "Highway 32").
LEAD_TYPES = _words("""
    rue chemin avenue ave av boulevard blvd boul route rte highway hwy camino calle
    allee allée quai impasse avenida carretera
""")

#: Direction words before or after a street name ("200 N. Main St", "Queen St W").
DIRECTIONS = _words("""
    n s e w ne nw se sw north south east west northeast northwest southeast southwest
    nord sud est ouest
""")

US_STATES = _words("""
    al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv
    nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy pr gu vi as mp
""")
CA_PROVINCES = _words("ab bc mb nb nl ns nt nu on pe qc sk yt pq")

#: Full region names ("Irving, Texas 75062", "Montréal, Québec"), multi-word ones joined by a space.
REGION_NAMES = (
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
    "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts "
    "michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon "
    "pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming "
    "alberta manitoba ontario quebec québec saskatchewan yukon nunavut"
).split() + [
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
    "rhode island", "south carolina", "south dakota", "west virginia", "district of columbia",
    "puerto rico", "british columbia", "new brunswick", "newfoundland and labrador",
    "nova scotia", "prince edward island", "northwest territories",
]

#: Words that never make up a street or city name in running text. The number before
#: them counts something (units, durations, people, "2 way street"), or they are
#: function words that an address line does not contain ("3 miles on the trail").
NOT_NAME_WORDS = _words("""
    a an the and or but nor of on in at to for from by with without into onto about over
    under up down out off than then so as if when while after before since until per via
    i me my mine we us our you your he him his she her it its they them their this that
    these those who what which there here is am are was were be been being have has had
    do does did will would can could should may might must not no yes very really just
    more most less least other another different same some any many much few all each
    every both only also too even still again more
    mg mcg µg gr kg lb lbs oz ml cc iu units unit mmol mmhg bpm tabs tablets tablet
    pills pill caps capsules capsule drops drop doses dose shots shot puffs puff sprays
    spray injections injection times percent pct
    sec secs second seconds min mins minute minutes hr hrs hour hours day days week weeks
    wk wks month months mo mos yr yrs year years decade decades night nights morning
    mornings evening evenings am pm o'clock
    mile miles km kms kilometers kilometres meter meters metre metres feet foot
    inch inches yard yards block blocks step steps floor floors lap laps stop stops
    way ways lane lanes car cars story stories storey storeys bedroom bedrooms bed beds
    bath baths door doors person persons
    kids kid children child boys girls sons daughters nurses doctors docs people friends
    guys parents patients members users sisters brothers
    male female yo man woman guy girl boy mom dad wife husband noon midnight pounds kilos
    stone stones
""")

#: "<word> <type>" pairs that are everyday phrases, not streets ("sex drive", "food court").
FALSE_STREETS = frozenset({
    ("sex", "drive"), ("test", "drive"), ("hard", "drive"), ("disk", "drive"), ("flash", "drive"),
    ("usb", "drive"), ("food", "court"), ("tennis", "court"), ("basketball", "court"),
    ("claims", "court"), ("family", "court"), ("supreme", "court"), ("dirt", "road"),
    ("rocky", "road"), ("easy", "street"), ("memory", "lane"), ("fast", "lane"), ("slow", "lane"),
    ("bike", "lane"), ("first", "place"), ("second", "place"), ("third", "place"),
    ("happy", "place"), ("safe", "place"), ("dark", "place"), ("good", "place"), ("bad", "place"),
})

#: Words just before a number that make it a label, not a house number ("Day 12 Post Chemo Walk").
LABEL_WORDS = _words("""
    day days week weeks month months year years stage grade type phase cycle round part step
    level number no chapter room bed ward gate route bus train platform line exit floor page
    episode season size class group pack version lot batch trial dose cohort top
""")

#: Words before a small number that make it a time ("meet at 2 Central Park").
TIME_CUES = _words("at by until till around from before after since")

#: Words shortly before a bare "Box 12" that make it a mailing address ("send them to Box 12"),
#: not a form field or a carton; the box must also follow one of BOX_LEAD_INS.
MAIL_CUES = _words("address addr mail mailing send sent post ship deliver write forward")
BOX_LEAD_INS = _words("to is at address addr mail mailing")

#: Words shortly before a street in lower case or at a small number ("she lives at 7 Kings Way").
ADDRESS_CUES = MAIL_CUES | _words("live lives living located moved")

#: A lone adjective before a street type is a description, not a name ("a 20 minute scenic
#: drive", "1 long road"); with a second name word it may be a street ("Old Mill Road").
LONE_ADJECTIVES = _words("""
    long short nice quick little big small great good bad whole entire full half next last
    scenic beautiful pleasant easy hard bumpy busy quiet icy dangerous steep lovely awful
""")

#: Words after a lower-case street type that make it a modifier ("road trip", "street drugs").
COMPOUND_HEADS = _words("""
    trip trips rage food drugs drug sign signs light lights test tests thru through safety
    accident accidents crash crashes race races runner runners cred smarts art fight fights
    scan scans elevation elevations depression depressions segment segments
""")

#: Names after "St" / "Mt" that make it "Saint" / "Mount" ("2 capsules of generic St John's wort").
SAINT_NAMES = _words("""
    john johns john's mary mary's jude jude's joseph joseph's paul paul's luke luke's vincent
    vincent's james james' michael michael's francis patrick patrick's louis george andrews
    helens albans sinai
""")
