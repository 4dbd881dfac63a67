"""The words and patterns figure tagging reads numbers with, compiled once at import.

Kept apart from the logic so the vocabulary (scales, currencies, units, qualifiers, the words that
end a counted noun) can grow without touching the scanner. Everything here is data or a compiled
regular expression; nothing here looks at an article.

What it will not do: know about entities, sentences or owners (see ``figures_owners``).
"""

from __future__ import annotations

import re

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_WORD = (rf"(?:(?:{_TENS})(?:-(?:{_UNITS}))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
         rf"|seventeen|eighteen|nineteen|ten|{_UNITS})")

SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "dozen": 12, "lakh": 1e5, "crore": 1e7, "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
          "tn": 1e12, "trn": 1e12}
_BIG = "million|billion|trillion"

# Currency written before the number. Order matters: the longest prefixes first.
CURRENCY_SIGNS = {
    "us$": "USD", "hk$": "HKD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD", "s$": "SGD",
    "nt$": "TWD", "r$": "BRL", "nz$": "NZD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "₩": "KRW", "rmb": "CNY", "cny": "CNY", "usd": "USD", "eur": "EUR", "gbp": "GBP",
    "jpy": "JPY", "hkd": "HKD", "inr": "INR", "chf": "CHF", "rs": "INR", "rs.": "INR",
}
# Currency written after the number ("54,990 baht"). ``pounds`` and ``won`` only after a scale
# word ("2 billion won"): alone they are weights and verbs.
CURRENCY_WORDS = {
    "yuan": "CNY", "renminbi": "CNY", "euro": "EUR", "euros": "EUR", "dollars": "USD",
    "dollar": "USD", "yen": "JPY", "rupees": "INR", "baht": "THB", "ringgit": "MYR",
    "rupiah": "IDR", "francs": "CHF", "pounds": "GBP", "sterling": "GBP", "won": "KRW",
    "kronor": "SEK", "kroner": "NOK", "reais": "BRL", "cents": "USD", "pound": "GBP",
}
CURRENCY_WORDS_AFTER_SCALE_ONLY = {"pounds", "pound", "won", "dollar", "euro"}

# Measures: surface form (lower case) -> the unit name a figure carries.
MEASURES = {}
for _names, _unit in (
    (("gw", "gigawatt", "gigawatts"), "gigawatts"), (("mw", "megawatt", "megawatts"), "megawatts"),
    (("kw", "kilowatt", "kilowatts"), "kilowatts"), (("w", "watt", "watts"), "watts"),
    (("tw", "terawatt", "terawatts"), "terawatts"),
    (("gwh", "gigawatt-hours", "gigawatt hours"), "gigawatt-hours"),
    (("twh", "terawatt-hours", "terawatt hours"), "terawatt-hours"),
    (("mwh", "megawatt-hours", "megawatt hours"), "megawatt-hours"),
    (("kwh", "kilowatt-hours", "kilowatt hours"), "kilowatt-hours"),
    (("wh", "watt-hours", "watt-hour", "watt hours"), "watt-hours"),
    (("gb", "gigabyte", "gigabytes"), "gigabytes"), (("tb", "terabyte", "terabytes"), "terabytes"),
    (("mb", "megabyte", "megabytes"), "megabytes"), (("pb", "petabyte", "petabytes"), "petabytes"),
    (("nm", "nanometre", "nanometres", "nanometer", "nanometers"), "nanometres"),
    (("mm", "millimetre", "millimetres", "millimeter", "millimeters"), "millimetres"),
    (("cm", "centimetre", "centimetres", "centimeter", "centimeters"), "centimetres"),
    (("km", "kilometre", "kilometres", "kilometer", "kilometers"), "kilometres"),
    (("metre", "metres", "meter", "meters"), "metres"), (("mile", "miles"), "miles"),
    (("inch", "inches"), "inches"), (("foot", "feet"), "feet"),
    (("square feet", "square foot", "sq ft"), "square feet"),
    (("square metres", "square meters", "square metre", "square meter"), "square metres"),
    (("acre", "acres"), "acres"), (("hectare", "hectares"), "hectares"),
    (("kg", "kilogram", "kilograms"), "kilograms"), (("tonne", "tonnes", "ton", "tons"), "tonnes"),
    (("mah",), "mAh"), (("megapixel", "megapixels", "mp"), "megapixels"),
    (("ghz", "gigahertz"), "gigahertz"), (("mhz", "megahertz"), "megahertz"),
    (("petaflops", "petaflop"), "petaflops"), (("exaflops", "exaflop"), "exaflops"),
    (("teraflops", "teraflop", "tflops"), "teraflops"), (("flops",), "FLOPs"),
    (("x", "times", "fold", "-fold"), "x"), (("litres", "liters", "litre", "liter"), "litres"),
    (("gallons", "gallon"), "gallons"), (("degrees", "degree"), "degrees"),
    (("points", "point"), "points"),
):
    for _n in _names:
        MEASURES[_n] = _unit

DURATIONS = {"second": "seconds", "seconds": "seconds", "minute": "minutes", "minutes": "minutes",
             "hour": "hours", "hours": "hours", "day": "days", "days": "days", "week": "weeks",
             "weeks": "weeks", "month": "months", "months": "months", "year": "years",
             "years": "years", "decade": "decades", "decades": "decades", "quarter": "quarters",
             "quarters": "quarters", "business days": "days", "working days": "days"}

PERCENT_FORMS = {"%": "%", "per cent": "%", "percent": "%", "pct": "%",
                 "percentage point": "percentage points", "percentage points": "percentage points",
                 "basis point": "basis points", "basis points": "basis points", "bps": "basis points"}

_CUR_SIGN = r"(?:US\$|HK\$|CA?\$|AU?\$|S\$|NT\$|R\$|NZ\$|\$|€|£|¥|₹|₩)"
_CUR_CODE = r"(?:RMB|CNY|USD|EUR|GBP|JPY|HKD|INR|CHF|Rs\.?)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_PERIOD = "second|minute|hour|day|week|month|year|decade"
_A_SCALE = rf"(?:half\s+an?|an?)(?=\s+(?:dozen|hundred|thousand|{_BIG}|{_PERIOD})\b)"
_SCALE = (r"(?:bn|bln|mln|mn|tn|trn|m|b|k)(?![A-Za-z0-9])"
          rf"|(?:\s*(?:hundred|thousand|dozen|lakh|crore)\b)?(?:(?:\s*|-)(?:{_BIG})\b)?")
_PERCENT = r"\s?%|\s?per\s?cent\b|\s?percent(?:age points?)?\b|\s?pct\b|\s?basis points?\b|\s?bps\b"

# One quantity: [currency] number [scale] [percent]. Word numbers need word boundaries; digits
# must not be glued to a word before them ("GPT-4", "H100", "Qwen3"), which the scanner checks.
QUANTITY = re.compile(
    rf"(?:(?P<sign>{_CUR_SIGN})\s?|(?P<code>\b{_CUR_CODE})\s?)?"
    rf"(?P<num>{_DIGITS}|\b{_WORD}\b|\b{_A_SCALE})"
    rf"(?P<scale>{_SCALE})"
    rf"(?P<pct>{_PERCENT})?",
    re.IGNORECASE,
)
# The second end of a range, tried right after a quantity: "10 to 12 billion", "10-12%".
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to)\s*|\s+and\s+", re.IGNORECASE)

# What may follow a number directly (no space) and still leave it a figure.
ATTACHED_UNIT = re.compile(
    r"(?:gwh|twh|mwh|kwh|gw|mw|kw|tw|gb|tb|mb|pb|nm|mm|cm|km|kg|mah|mp|ghz|mhz|tflops|w|x)"
    r"(?![A-Za-z0-9])", re.IGNORECASE)
HYPHEN_WORD = re.compile(r"-([A-Za-z]+(?:-hours?)?)")
SPACED_UNIT = re.compile(
    r"\s+(square (?:feet|foot|metres?|meters?)|sq ft|watt[- ]hours?|gigawatt[- ]hours|terawatt[- ]hours"
    r"|megawatt[- ]hours|kilowatt[- ]hours|business days|working days|percentage points?"
    r"|[A-Za-z]+)\b", re.IGNORECASE)
POSTFIX_QUALIFIER = re.compile(r"(?:\s*\+|-plus\b|\s+or more\b|\s+or so\b|\s+plus\b(?!\s+\w+\s))",
                               re.IGNORECASE)

# Qualifiers are the last one to four words before a number, looked up (not searched for).
QUALIFIERS: dict[str, str] = {}
_APPROXIMATE = ("about|around|roughly|approximately|approx.|nearly|almost|some|an estimated"
                "|estimated|close to|circa|more or less|in the region of|just about")
_LOWER_BOUND = ("well over|just over|over|more than|at least|upward of|upwards of|north of"
                "|in excess of|well above|above|exceeding|greater than|no fewer than"
                "|no less than|a minimum of|well beyond|beyond")
_UPPER_BOUND = ("up to|fewer than|less than|just under|under|as many as|as much as|as high as"
                "|no more than|not more than|at most|below|a maximum of|south of|within")
for _kind, _words in (("approximate", _APPROXIMATE), ("lower_bound", _LOWER_BOUND),
                      ("upper_bound", _UPPER_BOUND)):
    for _q in _words.split("|"):
        QUALIFIERS[_q] = _kind
QUALIFIER_ENDS = frozenset(q.rsplit(" ", 1)[-1] for q in QUALIFIERS)
TOTAL_CUE = re.compile(
    r"\b(?:total(?:led|ed|ling|ing)?|in all|all told|combined|altogether|together|overall"
    r"|collectively|between them|among them|in aggregate|aggregate|sum of|in sum)\b", re.IGNORECASE)

# Spans that look numeric but are never figures, matched where their digits start (or at the
# "+" / "(" of a phone number): dates, times, ratios, phone numbers, versions, addresses, ordinals,
# ages. Case-sensitive on purpose: "10 times along the way" is not an address.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_AMPM = r"[aApP]\.?[mM]\.?(?![A-Za-z])"
DIGIT_MASK = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\d+/7\b"
    rf"|\d{{1,2}}[:.]\d{{2}}\s?{_AMPM}|\d{{1,2}}\s?{_AMPM}|\d+:\d+(?::\d+)?\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+\d{{4}}\b)?"
    r"|(?:19|20)\d{2}\s?[-–/]\s?(?:(?:19|20)\d{2}|\d{2})\b(?![-–]|\s?%)"
    r"|(?:18|19|20)\d0s\b"
    r"|\+\d{1,3}(?:[\s.-]\(?\d{1,4}\)?){2,4}\b|\(\d{3}\)\s?\d{3}[-.\s]\d{4}\b"
    r"|\d{3}[-.]\d{3}[-.]\d{4}\b|\d{3}-\d{4}\b"
    r"|\d+\.\d+\.\d+(?:\.\d+)*\b"
    r"|\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane"
    r"|Drive|Way|Place|Square|Court|Parkway|Terrace)\b"
    r"|\d+(?:st|nd|rd|th)\b"
    r"|\d+(?:\.\d+)?-(?:year|month|week|day)-old\b|\d+\s+years?\s+old\b"
)
# Where a number may start: a digit or a currency sign (a charset first, so the scan is fast), and
# word numbers in the lower-cased text.
CANDIDATE = re.compile(r"[0-9$€£¥₹₩][0-9,.]*")
# Word numbers are looked for after a space in the lower-cased text (a literal first: fast), with
# line breaks, quotes and brackets turned into spaces first (``WORD_BREAKS``).
WORD_BREAKS = "\n\t\"“‘'([\u00a0"
WORD_CANDIDATE = re.compile(
    r" (?:t(?:wo|hree|en|welve|hirteen|wenty|hirty)|f(?:our|ive|ifteen|ourteen|ifty|orty)"
    r"|s(?:ix|even|ixteen|eventeen|ixty|eventy)|e(?:ight|leven|ighteen|ighty)"
    r"|n(?:ine|ineteen|inety)|one|zero|half|dozen|hundred|thousand|million|billion|trillion"
    r"|(?:within|for|over|after) an? (?=(?:second|minute|hour|day|week|month|year|decade)\b))")
CODE_BEFORE = re.compile(r"\b(?:RMB|CNY|USD|EUR|GBP|JPY|HKD|INR|CHF|Rs\.?)\s?$")
SIGN_PREFIX = re.compile(r"\b(?:US|HK|NT|NZ|AU|CA|[CASR])$")
A_BEFORE = re.compile(r"\b(?:half\s+an?|an?)\s+$", re.IGNORECASE)

# A capitalised or keyword word right before a bare number makes it a name or a section:
# "Claude Opus 4", "iOS 18", "Article 5", "Section 230", "Llama 4.5", "Windows 11".
NAME_KEYWORDS = frozenset("""
version article section chapter rule part phase stage level tier room suite floor route highway
flight gate terminal page figure table exhibit clause paragraph title series gen generation model
aged ver. rev. v. no. nos.
""".split())
NAME_LOWER_START = frozenset("iOS iPadOS macOS watchOS tvOS visionOS iPhone eBay".split())
# Capitalised words that start sentences and phrases, not names.
CAPITAL_FUNCTION_WORDS = frozenset("""
the a an about around roughly approximately nearly almost some over under up more fewer less at
in on for by with from to of and but or only just all its their his her our your my these those
this that another each every both between among after before since until within as last next
first top exactly still even already while when if than nearly another per than then so yet
around roughly nor with without across through during against toward towards into onto upon
fully barely perhaps maybe only some most many several few no any much well just also here there
now today yesterday tomorrow meanwhile overall another like unlike beyond below above despite
including excluding plus minus some at least estimated an what who how why where which whose
whether although though because however instead unless once yet
""".split())
