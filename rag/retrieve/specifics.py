"""What a question names exactly, that a text either says or does not: a code ("E-52",
rag.retrieve.evidence.unheld_codes), a name with its number ("Route 52", "Python 3.13", "Tern
15"), a quantity with its unit ("the 600 mg dose", "1500 m") and a day of a month ("on 14
January 2025").

Words split each of them ("Route", "52"): the name was known and the number no name, so a
question about a thing the documents do not have was answered from its neighbour, sure and
unmarked. A break-it helper's set (session 50: a clinical trial summary, minutes, a timetable,
a mail that moves a meeting): "What was the PASI 75 response for the 600 mg dose?" → the 300 mg
dose's figure, "Who chaired the Facilities Committee meeting on 14 January 2025?" → the chair of
the meeting of another day, "Which tidewater version added support for Python 3.13?" → "pip",
"What time is the Harbourview tower design review on 2 April 2025?" → the time of the review on
another day. QueryPath._with_doubt marks such an answer unsure, and refuses it when no document
it cites names the thing anywhere.

Years are left out (rag.answer.years notes an answer about another year: a user's "in 2019"
often dates what the documents describe without naming the year), and so are weekdays ("on
Wednesday" is answered by "Monday to Friday").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from rag.retrieve.evidence import unheld_codes
from rag.text.ranges import bands_in

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH = "|".join(_MONTHS)
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"

# A capitalised word, then a number: "Route 52", "Python 3.13", "Year 8", "Super Bowl 50". Not
# the question's first word ("Is 5 …"), a month or weekday ("May 5": a day, read below), nor a
# year after a word ("Autumn 2024": years are rag.answer.years' to note).
_NAMED_NUMBER = re.compile(r"(?<![\w-])([A-Z][a-z]+)\s+(\d+(?:\.\d+)*)(?![\w.,-]*\d)(?![\w-])")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
# Words that number a document's own parts or steps, which it often writes with the number alone
# ("7. Pets" is the lease's "clause 7"), in words ("the second day") or in Roman numerals ("Phase
# III"): not names to find written out.
_PART_WORDS = frozenset(
    "section clause chapter article part step item page paragraph para rule question figure fig table "
    "appendix annex schedule exhibit line point stage phase level grade tier class category type week day "
    "month year lesson unit module note slide round session episode season volume vol issue".split()
)

# A version of three parts or more, whatever names it ("pelicanfs 3.4.1", "v2.0.3"): no decimal
# has two points. "When was pelicanfs 3.4.1 released?" was answered "today", from the sentence
# that released 3.4.2 (a break-it helper's bug thread, session 53).
_VERSION = re.compile(r"(?<![\w.])v?(\d+\.\d+\.\d+(?:\.\d+)*)(?![\w.]*\d)")

# A number with a unit of measure written after it ("600 mg", "10km", "1,500 m"). A currency's
# "$2 m" is two million, not two metres. Not a share: "Which reservoir generates roughly 50% of
# the country's electricity?" asks of "about half of Tembria's power" (held-out news stories).
_UNITS = {
    "mg": "mg|milligrams?",
    "mcg": "mcg|µg|micrograms?",
    "µg": "mcg|µg|micrograms?",
    "g": "g|grams?",
    "kg": "kg|kilos?|kilograms?",
    "ml": "ml|millilit(?:re|er)s?",
    "km": "km|kilomet(?:re|er)s?",
    "cm": "cm|centimet(?:re|er)s?",
    "mm": "mm|millimet(?:re|er)s?",
    "m": "m|met(?:re|er)s?",
    "nm": "nm|nanomet(?:re|er)s?",
    "w": "w|watts?",
    "kw": "kw|kilowatts?",
    "kwh": "kwh",
    "mw": "mw|megawatts?",
    "v": "v|volts?",
    "mah": "mah",
    "gb": "gb",
    "mb": "mb",
    "tb": "tb",
    "hz": "hz",
    "khz": "khz",
    "mhz": "mhz",
    "ghz": "ghz",
    "°c": "°\\s?c",
    "°f": "°\\s?f",
    "db": "db|decibels?",
    "mph": "mph",
}
_QUANTITY = re.compile(
    r"(?<![\w.,$£€¥])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?-?"
    r"(mg|mcg|µg|kg|g|ml|mL|km|cm|mm|nm|m|kWh|kW|MW|W|V|mAh|GB|MB|TB|kHz|MHz|GHz|Hz|°C|°F|dB|mph)(?![\w°])"
)

# A day of a month: "14 January", "14th of January", "January 14", "Jan. 14".
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _MONTH + r")\b")
_MONTH_DAY = re.compile(r"\b(" + _MONTH + r")\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![\d:])")


def _number(digits: str) -> str:
    """A pattern for a number however its thousands are written ("1,500", "1500", "1 500")."""
    whole, _, part = digits.replace(",", "").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    pattern = r"[,\s\u202f]?".join([whole, *groups])
    return pattern + (r"\." + part if part else r"(?!\.\d)")


def _day_pattern(day: str, month: str) -> re.Pattern:
    d, m, short = str(int(day)), _MONTHS.index(month) + 1, month[:3]
    return re.compile(
        rf"(?<!\d)0?{d}(?:st|nd|rd|th)?\s+(?:of\s+)?{short}"  # 14 January, 14th of Jan
        # 11-Feb, 11-Feb-26: a spreadsheet's date cells as a rota shows them (a break-it helper's
        # care home rota, session 54: "… on Wednesday 11 February?" was refused, no "11 February").
        rf"|(?<![\d-])0?{d}-{short}[a-z]*(?:-\d{{2,4}})?(?![\w-])"
        rf"|{short}[a-z]*\.?\s+0?{d}(?!\d)"  # January 14, Jan. 14
        rf"|\d{{4}}-0?{m}-0?{d}(?!\d)"  # 2025-01-14
        # 14/01/2025, 14.1.25, and the other way round (01/14/2025): a bin calendar's "09/02/2026"
        # is the "9 February 2026" asked of it (a break-it helper's, session 51).
        rf"|(?<![\d/.])(?:0?{d}[/.]0?{m}|0?{m}[/.]0?{d})(?:[/.]\d{{2,4}})?(?![\d/.]\d)",
        re.I,
    )


def _asked(question: str) -> list[tuple[str, Callable[[str], bool]]]:
    """What `question` names exactly, each as typed and with a test of whether a text holds it."""
    out: list[tuple[str, Callable[[str], bool]]] = []
    for m in _NAMED_NUMBER.finditer(question):
        name, number = m.groups()
        if (
            m.start() == 0
            or re.fullmatch(f"{_MONTH}|{_WEEKDAY}", name)
            or name.lower() in _PART_WORDS
            or _YEAR.fullmatch(number)
        ):
            continue
        if "." in number:
            # A version is named by its number anywhere in a document about the name: the release
            # table of "Tessaly" has "4.0" in its first column, a changelog "Changed in version 3.1".
            named = re.compile(rf"\b{name}", re.I)
            held = re.compile(rf"(?<![\d.]){re.escape(number)}(?!\d|\.\d)")
            out.append((m.group(), lambda text, named=named, held=held: bool(named.search(text) and held.search(text))))
        else:
            held = re.compile(rf"(?<!\w){name}\s*(?:[-#:]|no\.?|number)?\s*{number}(?!\d|\.\d)", re.I)
            out.append((m.group(), lambda text, held=held: bool(held.search(text))))
    for m in _VERSION.finditer(question):
        if any(m.group(1) in typed for typed, _ in out):
            continue  # "Python 3.13.1": its name's already
        held = re.compile(rf"(?<![\d.]){re.escape(m.group(1))}(?!\d|\.\d)")
        out.append((m.group(1), held.search))
    for m in _QUANTITY.finditer(question):
        digits, unit = m.groups()
        held = re.compile(rf"(?<![\w.]){_number(digits)}\s?-?(?:{_UNITS[unit.lower()]})(?![a-z])", re.I)
        out.append((m.group(), partial(_holds_quantity, held, float(digits.replace(",", "")), unit.lower())))
    for m in _DAY_MONTH.finditer(question):
        out.append((m.group(), _day_pattern(*m.groups()).search))
    for m in _MONTH_DAY.finditer(question):
        out.append((m.group(), _day_pattern(m.group(2), m.group(1)).search))
    return out


def _holds_quantity(held: re.Pattern, value: float, unit: str, text: str) -> bool:
    """Does `text` give the quantity, or a range it falls in? "My suitcase weighs 27kg - what's
    the overweight fee …?" was refused, "No document found names “27kg”", over a fee table's
    "Overweight bag (23.1kg to 32kg)" (a break-it helper's baggage page, session 53)."""
    if held.search(text):
        return True
    same = re.compile(_UNITS[unit], re.I)
    return any(same.fullmatch(b.unit) and b.holds(value, b.unit) for b in bands_in(text))


def unheld_specifics(question: str, texts: list[str]) -> list[str]:
    """The codes, numbered names, quantities and days `question` names that none of `texts` holds,
    as the question writes them."""
    return unheld_codes(question, texts) + [
        typed for typed, holds in _asked(question) if not any(holds(text) for text in texts)
    ]
