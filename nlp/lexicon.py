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
    amber april art ash august autumn bill bob brooks buck bud carol cash chance chase clay
    cliff crystal dale dawn dean destiny don drew dusty earl eve evergreen faith forest
    frank gene glen grace grant guy harbor harbour hardy hazel heath holly honey hope hope's
    hunter iris ivy jack jade jean joy june kit lance lane lily major mark mason max may
    miles nick olive page park pat pearl penny pierce price rain ray reed rich river rob rod
    rose ruby rusty sage sandy sky spring star sterling stone storm sue summer summit sunny
    wade ward wells west will will's winter young
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

# Words between a new person and their company ("Priya Raman from Initrode").
COMPANY_CUES = words("from at of")

# Cues after which a new name is a place, so a company.
VISIT_CUES = words("visited visit by in")

# --- companies --------------------------------------------------------------------

# Legal suffixes dropped from company names to match "Globex" for "Globex Inc".
COMPANY_SUFFIXES = words(
    """
    ag bv co company corp corporation gmbh inc incorporated limited llc ltd plc pty sa
    """
)

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
