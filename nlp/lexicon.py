"""The parser's vocabulary: every word list the rules use, grouped by what it tells.

Each list is a set of words written as text; regular expressions live with the rules
that use them.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The set of whitespace-separated words in `text`."""
    return frozenset(text.split())


# --- names ------------------------------------------------------------------------

# Names that are also everyday words: a name only where the sentence uses one.
COMMON_WORDS = words(
    """
    amber anchor apex april art ash atlas august autumn beacon bill bloom bob bridge brooks
    buck bud canopy carol cash catalyst chance chase clay compass
    cliff crystal dale dawn dean destiny don drew dusty earl eve evergreen faith forest
    frank gene glen grace grant guy harbor harbour hardy hazel heath holly honey hope hope's
    hunter iris ivy jack jade jean joy june kit lance lane lily major mark mason max may
    miles nick olive page park pat pearl penny pierce price rain ray reed rich river rob rod
    rose ruby rusty sage sandy sky spring star sterling stone storm sue summer summit sunny
    wade ward wells west will will's winter young pilot harvest horizon pioneer pinnacle
    vanguard frontier legacy momentum fusion spark quest orbit echo pulse vista signal
    zenith patience honest comfort mercy blessing precious gift charity prudence constance
    felicity verity liberty unity trinity justice goodness godspower promise favour favor
    luz paz fe dolores amparo consuelo rosario esperanza graca gracia dulce alegria
    milagros socorro
    """
)

# Words that, just before a name, show it is used as one ("called sue", "w/ pat").
NAME_BEFORE = words(
    """
    about and ask asked at by call called cc chase contact dm'd dmed email emailed for from
    meet message messaged met nudge phone phoned ping pinged rang re remind ring saw see
    tell text texted thank thanked to told visit visited w whatsapp'd whatsapped with
    """
)

# Words that, just after a name, show it is used as one ("sue emailed", "pat says").
NAME_AFTER = words(
    """
    agreed and approved asked at called complained confirmed dm'd dmed emailed from is's
    mentioned messaged needed needs phoned rang replied said says showed signed texted
    thinks told walked wanted wants whatsapp'd
    """
)

# Titles before a name: not part of it ("Mr Chinedu", "Dr Ramon Dela Cruz").
TITLES = words(
    """
    mr mrs ms miss mx dr prof sir madam madame mme mlle herr frau sr sra srta dona don
    senhor senhora eng engr chief alhaji alhaja hajia pastor rev fr sister brother
    """
)

# Before an everyday word, these make it a noun, not a name ("the pilot", "our summit").
DETERMINERS = words("the a an our their your my his its this that these those every each")
# Before a lowercase everyday word, these make it a time or a thing ("at dawn", "in summer").
PLACE_PREPOSITIONS = words("at in by on during until till since before after")
# Verbs that, after a lowercase everyday word, make it their subject ("summit went fine").
VERBS_AFTER_A_NAME = words(
    """
    went is was are were has had have does did do will would can could should says wants
    needs got gets seems looks paid sent signed came left loves likes hates agrees
    """
)
# After "word's", these show the 's is "is" or "has" ("summer's always slow").
IS_FOLLOWERS = words(
    """
    always never not so very too here there back really almost still just gonna going
    been got coming over done fine great good slow busy quiet bad
    """
)

# After a lowercase everyday word, these make it a verb with its object ("chase the invoice").
OBJECTS = words(
    """
    the a an our their your my his her its this that these those them him it me us up down
    some any all everyone everything
    """
)
# Past contact verbs: what follows them is their object, so a name ("emailed rose the MSA").
PAST_CONTACT_VERBS = words(
    """
    called rang phoned emailed texted messaged met visited pinged told asked thanked saw
    dm'd dmed whatsapp'd whatsapped
    """
)
# Days, months and day words: after a name they do not make it a word ("met sue friday").
CALENDAR_WORDS = words(
    """
    today tomorrow tmrw tmr yesterday tonight morning afternoon evening night week month
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds thu thur
    thurs fri sat sun next last eod eow eom asap
    """
)

# After a capitalised sentence-initial common word, these mean the word is not a name.
NOT_NAME_AFTER = words(
    """
    a all an be do everyone have he i it me not she that the they this us we you
    """
)

# Surname particles: "van" alone does not name Jan van Dijk.
PARTICLES = words("al ben bin da de del der di dos du el la le van von")

# --- new contacts -----------------------------------------------------------------

# Words after which a capitalised unknown name is a new contact ("met Priya Raman").
CONTACT_CUES = words(
    """
    met meet meeting mtg with w called rang phoned emailed texted messaged visited lunch
    coffee demo dinner breakfast
    """
)

# Contact verbs after which one capitalised word is a new person ("called Hope").
VERB_CUES = words("met called rang phoned emailed texted messaged")

# Contact nouns after which "for" names the contact ("demo for Corvane Health").
CONTACT_NOUNS = words("demo call meeting mtg presentation workshop pitch walkthrough visit")

# Verbs after which "to" names the contact ("spoke to Amara Eze").
TALK_VERBS = words("spoke spoken talked chatted wrote replied reached speak talk chat write")

# Verbs after a full name that show it is a contact reaching out ("Tom Brenner called").
REPORTING_VERBS = words(
    """
    called rang phoned emailed texted messaged replied wrote dropped stopped visited
    pinged whatsapp'd dm'd cld emaild wants needs says said asked confirmed agreed
    """
)

# Words between a new person and their company ("Priya Raman from Initrode").
COMPANY_CUES = words("from at of")

# Cues after which a new name is a place, so a company.
VISIT_CUES = words("visited visit by in")

# --- companies --------------------------------------------------------------------

# Legal suffixes dropped from company names to match "Globex" for "Globex Inc".
COMPANY_SUFFIXES = words(
    """
    ag bv co company cooperative coop corp corporation gmbh inc incorporated limited llc llp
    ltd plc pte pty pvt sa
    """
)

# Legal suffixes of two or more words, and those written with dots ("S.A." -> "s a").
COMPOUND_SUFFIXES = (("co", "op"), ("s", "a"), ("s", "a", "s"), ("s", "p", "a"), ("s", "r", "l"), ("b", "v"),
                     ("n", "v"), ("a", "g"), ("co", "ltd"), ("pvt", "ltd"), ("pte", "ltd"),
                     ("pty", "ltd"), ("sdn", "bhd"), ("l", "l", "c"))  # fmt: skip

# Generic words at the end of a company's name: without them the name is what people say
# ("Pinecrest" for "Pinecrest Schools", "Deccan" for "Deccan Polymers").
GENERIC_COMPANY_WORDS = words(
    """
    academy agro agency bros brothers sons analytics apartments associates automotive bakery bank bistro
    brands brewery brewing builders cafe capital care cargo center centre chemicals clinic
    clinics college collective condominium consultants consulting construction dairy dental
    design diagnostics digital distribution electronics energy engineering enterprises
    estates exports express farm farms finance foods freight furniture global group
    health healthcare holdings home homes hospital hospitals hotel hotels imports
    industries inn institute insurance international investments kitchen lab labs
    laboratories lodge logistics logistik management manufacturing marine market markets
    mart media medical metals motors multispeciality packaging paper partners pharma
    pharmaceuticals pharmacy plastics polymers power properties property realty residences
    residency resort resorts restaurant retail school schools services shipping software
    solar solutions stores studio studios suites supermarket supplies supply surgical
    systems tech technologies technology textiles towers trading traders transport
    transportation university ventures
    """
)
# Generic words at the start of a company's name ("Hotel Casa Azul" is "Casa Azul").
GENERIC_COMPANY_OPENINGS = words("hotel the")

# Words that make an unknown capitalised name a company rather than a person.
COMPANY_WORDS = words(
    """
    bakery bank brewery brewing cafe capital clinic clinics co company construction
    consulting corp dairy district electric energy farm farms foods group health healthcare
    holdings hotel hotels inc industries labs llc logistics ltd management marine market
    markets media motors partners pharma press restaurant school services software solar
    store stores studio studios supplies supply systems tech technologies ventures
    veterinary
    """
)

# --- calendar and function words --------------------------------------------------

# Days of the week and their abbreviations.
WEEKDAY_WORDS = words(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun
    """
)

# Months and their abbreviations.
MONTH_WORDS = words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)

# Words never taken for a name nor corrected towards one.
STOPWORDS = words(
    """
    a about afternoon again all also am an and any are as at be been being but by call
    called can contract could deal did do does done down email emailed evening for from get
    got had has have he her here hey hi him his how i if in into invoice is it its just lol
    may me meeting met might month more morning most must my need needed needs new night no
    not nothing of off ok okay on onto or other our out over per please pls quote quotes re
    said says shall she should so some still team text texted than thanks that the their
    them then there these they this those thx to today tomorrow too ty under up us very via
    visit visited w want wanted wants was we week were what when where which who whom why
    will with would yeah year yes yesterday you your
    """
)
