"""Counts and measures: '2,519 packages', 'seventy-eight people', 'around 20 tons', '5-6 days'.

A number in digits or words, a range, an approximation word before it, and the noun after it
(skipping adjectives and names: 'two small brigades', 'four Ke-zi-bie-ti [sic] Brigades'), which
gives the unit and the kind; proportions and multiples in words ('half of them', 'three houses
out of four', 'about three quarters', 'twice', 'a million'); a sign ('minus 18 degrees'). Not
quantities: 'a' and 'one', ordinals, years and days of dates, footnote markers, numbers of
documents, articles, archive files and of things designated by a number ('Gate 3', 'Boeing 747',
'2 SIKH' for a battalion), clock times.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from .lexicon import fold, lexicon, words
from .text import Triggers, alternation, lower_same_length, windows

_NEXT_WORD = re.compile(r"\s*(\[[^\]\n]{1,40}\]|[\w'’\-]+)")
_PLAIN_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*['’]?")  # letters with accents too
_YEAR = re.compile(r"(?:1[89]|20)\d\d")

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SMALL = {w: i for i, w in enumerate(_ONES)} | {w: 10 * i for i, w in enumerate(_TENS) if w}
# Indian numbering: a lakh is a hundred thousand, a crore ten million ('5 lakh', '2 crore rupees').
_SCALE = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "lakh": 10**5, "lakhs": 10**5,
          "crore": 10**7, "crores": 10**7}
_BIG = "million|billion|thousand|lakhs|lakh|crores|crore"
# (alternations grouped by first letter: the regex engine tries few of them at a position)
_WORD = alternation(sorted((*_SMALL, *_SCALE), key=len, reverse=True))
_NUMW = rf"(?:{_WORD})(?:(?:-| | and )(?:{_WORD}))*"
_DIG = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUM = rf"(?:(?:{_DIG})(?: (?:{_BIG}))?|(?:{_NUMW}))"
_APPROX_PHRASES = ("approximately|about|around|roughly|nearly|almost|more than|over|less than|fewer than|at least|"
                   "at most|up to|some|close to|as many as|no more than|not more than|no less than|not less than|"
                   "upwards of|in excess of|under|just over|just under|well over|a total of|totaling|totalling|"
                   "an estimated|estimated")
_APPROX = alternation(_APPROX_PHRASES.split("|"))
QTY = re.compile(rf"(?<![\w./\-\[:])(?:(?P<approx>(?i:{_APPROX})) )?(?P<num>(?i:{_NUM}))"
                 rf"(?: ?(?P<sep>-|–|to|or|and) ?(?P<num2>(?i:{_NUM})))?(?P<pct>%| per ?cent\b| percent\b)?"
                 rf"(?![\w/]|[.,]\d|-\d|\])")
_BETWEEN = re.compile(r"\bbetween $", re.I)

_IRREGULAR = {"people": "person", "persons": "person", "men": "man", "women": "woman", "children": "child",
              "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "lives": "life",
              "wives": "wife", "knives": "knife", "series": "series", "species": "species",
              "headquarters": "headquarters", "personnel": "person", "cattle": "head of cattle",
              "sheep": "sheep", "yuan": "yuan", "lei": "leu", "li": "li", "mu": "mu", "jin": "jin"}
_KIND = {
    "weight": "ton tonne kilogram kg gram pound jin catty quintal centner pood",
    "length": "kilometer kilometre km meter metre mile li foot yard inch centimeter",
    "duration": "second minute hour day week month year decade century",
    "money": "ruble rouble dollar yen euro yuan renminbi forint zloty leu mark franc lira peso cruzeiro won dong "
             "rupee pound-sterling crown koruna lev dinar lek tugrik kip riel",
    "area": "hectare mu acre square",
    "ratio": "percent",
}
KIND_OF = {u: k for k, us in _KIND.items() for u in us.split()}
# Words between the number and its noun that are not the noun.
_ADJ = frozenset(words(
"small large big more other additional new old young elderly armed major minor whole full entire "
    "separate different main such further extra armed unarmed local foreign border remaining former "
    "leading senior junior ordinary simple special regular active wounded dead living injured male "
    "female adult underage rural urban ethnic civilian military individual private collective total "
    "very most many so of-whom"))
# A number followed by one of these has no counted noun after it ('38 are held', 'two of the meetings').
_STOP = frozenset(words(
"of and or to in on at by for from with the a an as is are was were be been being that which who whom "
    "this these those it its they them their he she we our his her than then there here per each all "
    "had have has did do does would will could should may might must can shall not also still more less "
    "remain remained left came went took got received arrived returned"))
_DURATION = frozenset(words(
"second minute hour day week month year"))
_BEFORE_ID = re.compile(
    r"(?:\b(?:No|Nos|no|nos|Number|number|Art|Article|article|Articles|Point|point|Points|Paragraph|"
    r"paragraph|para|Section|section|Chapter|chapter|Part|part|Page|page|pages|pp|p|Vol|vol|Volume|volume|"
    r"item|Item|Telegram|telegram|Resolution|resolution|Decree|decree|Order|order|Document|document|"
    r"file|File|fond|f|op|d|l|ll|delo|opis|list|Annex|Appendix|Protocol|Room|room|Building|Route|Division|"
    r"Brigade|Regiment|Army|Corps|Group|Unit|unit|Plenum|Congress|Session|session|Meeting|Box|box|"
    r"Folder|folder|Reel|reel|Frame|frame|Fond|Opis|Delo|Sheet|sheet|Flight|Code|code|"
    # places and things designated by a number ('Gate 3', 'Compounds 41 to 46', 'Hill 317', 'Boeing 747')
    r"Gates?|gates?|Compounds?|compounds?|Camps?|Blocks?|blocks?|Barracks|barracks|Hostels?|hostels?|Wards?|"
    r"Platforms?|platforms?|Piers?|Berths?|berths?|Hangars?|Huts?|huts?|Cells?|cells?|Sectors?|sectors?|"
    r"Zones?|Checkpoints?|Hills?|Heights?|Tracks?|Lots?|Plots?|Flats?|flat|Apartments?|apartment|Apt|"
    r"Entrances?|entrance|Floors?|floor|Tables?|Figures?|Fig|Maps?|Schedules?|Exhibits?|Models?|Type|Mark|Mk|"
    r"Boeing|Airbus|Tupolev|Ilyushin|Antonov|Lockheed|Douglas|Convair|Vickers|Caravelle)\.?|#|№) ?$")
_AFTER_SKIP = re.compile(r"^(?:\s*(?:o'clock|o’clock|a\.m\.|p\.m\.|am\b|pm\b|hrs\b|:\d)|:\d|th\b|st\b|nd\b|rd\b)")


@dataclass(frozen=True)
class QtyHit:
    start: int
    end: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    kind: str
    approximation: str | None
    noun: str


_DIGITS_VALUE = re.compile(rf"(\d+(?:\.\d+)?)(?: ({_BIG}))?")
_NUMBER_WORD_GAP = re.compile(r"[-\s]+")


def words_value(text: str) -> Decimal | None:
    """'seventy-eight' -> 78, 'two hundred and fifty' -> 250, '1,326' -> 1326, '2.5 million'."""
    t = text.lower().replace(",", "")
    m = _DIGITS_VALUE.fullmatch(t)
    if m:
        v = Decimal(m.group(1))
        return v * _SCALE[m.group(2)] if m.group(2) else v
    total, current = 0, 0
    for w in _NUMBER_WORD_GAP.split(t):
        if w == "and" or not w:
            continue
        if w in _SMALL:
            current += _SMALL[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALE:
            total += max(current, 1) * _SCALE[w]
            current = 0
        else:
            return None
    return Decimal(total + current)


def singular(word: str) -> str:
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


_NOT_NOUN = frozenset(words("last this next each per every later earlier ago before after still only already "
                             "again also more less so"))


def _noun(text: str, pos: int) -> tuple[str, str, int] | None:
    """(unit, noun as written, end offset) of the noun counted after pos: a known unit at once, else
    the last of the lower-case words before a function word or a verb ('two fighter regiments with').
    A national adjective with no noun after it counts persons ('14,227 Chinese and 7,612 Korean');
    the search stops at a clause's end. ``NOT_COUNTED`` when the number names a unit ('2 SIKH')."""
    lex = lexicon()
    found: tuple[str, str, int] | None = None
    national: tuple[str, str, int] | None = None
    casualties: tuple[str, str, int] | None = None
    last = 0
    for i, m in enumerate(_NEXT_WORD.finditer(text[pos:pos + 90])):
        w = m.group(1)
        if m.start(1) - last > 1 and _CLAUSE_END.search(text, pos + last, pos + m.start(1)):
            break  # 'elect a new one today; second, ...'
        last = m.end()
        if w.startswith("["):
            continue
        if i == 0 and _PLAN.match(text, pos + m.start(1)):
            return NOT_COUNTED  # 'the five-year plan', 'the Seven-Year Plan': a name, not a duration
        if i == 0 and _AGE.fullmatch(w):
            return "year", w[1:], pos + m.end()  # 'a 13-year-old boy': an age
        if i == 0 and w.startswith("-") and singular(w[1:]) in KIND_OF:
            return singular(w[1:]), w[1:], pos + m.end()  # 'a 12-mile zone'
        lw = w.lower()
        if lw in _ADJ or lw in lex.demonyms:
            if found:
                break
            if i == 0 and lw in _CASUALTIES:
                casualties = ("person", w, pos + m.end())
            if lw in lex.demonyms and w[0].isupper():
                national = ("person", w, pos + m.end())
            continue
        if lw in lex.ethnonyms or lw in lex.peoples or (w[0].isupper() and fold(w) + "s" in lex.peoples):
            if not found and _designation(text, w, pos, pos + m.end()):
                return NOT_COUNTED
            return found or ("person", w, pos + m.end())
        if not found and _designation(text, w, pos, pos + m.end()) and _DESIGNATION_END.match(text, pos + m.end()):
            return NOT_COUNTED
        if w[0].isupper() and lw not in lex.heads and not (lw.endswith("s") and not w.isupper()):
            if found:
                break
            continue  # a name or an acronym before the noun ('18 UN officials')
        if lw in _STOP or lw in _NOT_NOUN or not _PLAIN_WORD.fullmatch(w):
            break
        if found and (lw.endswith(("ing", "ed")) or lw in ("fled", "met", "left", "sent", "went", "came")):
            break
        unit = singular(w)
        found = (unit, w, pos + m.end())
        if unit in KIND_OF or unit in ("person", "family", "time") or (len(found[1]) and lw.endswith("s")):
            break  # a unit, or a plural noun: the noun phrase ends here
    return found or national or casualties


NOT_COUNTED = ("", "", -1)
# '27 dead', '130 wounded': with no noun after them, these words count persons.
_CASUALTIES = frozenset(words("dead wounded injured killed missing"))
_PLAN = re.compile(r"-year[- ]plan\b", re.I)
_AGE = re.compile(r"-years?-old", re.I)
# After a unit's designation ('2 SIKH and 3 MAHAR', '5 RAJPUT, reported') no noun follows.
_DESIGNATION_END = re.compile(r"\s*(?:[,;:.)\]]|(?:and|or|of|to|in|on|at|was|were|had|has|is|are)\b|$)")


def _designation(text: str, w: str, pos: int, end: int) -> bool:
    """A word in capitals right after a number, in text that is not in capitals: with it the number
    names a unit ('2 SIKH', '5 RAJPUT': battalions named for their people), it counts nothing."""
    return w.isupper() and w.isalpha() and len(w) > 2 and not text[max(0, pos - 40):pos].isupper() \
        and text[pos:end].lstrip() == w


_CLAUSE_END = re.compile(r"[;:!?\n]|\.\s")


_CURRENCY = {"$": "dollar", "US$": "dollar", "£": "pound", "¥": "yen", "€": "euro"}
_VAGUE_BEFORE = re.compile(r"\b(?:several|a few|many|some|tens of|hundreds of|thousands of|dozens of) $", re.I)
_SIGNS = sorted(_CURRENCY, key=len, reverse=True)
_LIST_NUMBER = re.compile(r"(?:^|\n)\s*$")
_HALF = re.compile(r" and a half\b")


def _scale_word(num: str | None) -> str | None:
    """The scale word a number ends with ('3 million' -> 'million')."""
    last = (num or "").rsplit(" ", 1)[-1].lower()
    return last if last in _SCALE and last != "hundred" else None


# Month names of the languages of the records' originals, as translators leave them ('14 oktobar',
# '3 septembra', '1 Mai'), folded: a day of such a month is no count.
FOREIGN_MONTHS = frozenset(words(
    "januar januara februar februara mart marta aprila maj maja jun juna jul jula avgust avgusta augusta "
    "septembar septembra oktobar oktobra novembar novembra decembar decembra "
    "sijecanj sijecnja veljaca veljace ozujak ozujka travanj travnja svibanj svibnja lipanj lipnja srpanj "
    "srpnja kolovoz kolovoza rujan rujna studeni studenoga prosinac prosinca "
    "yanvar yanvarya fevral fevralya aprel aprelya maya iyun iyunya iyul iyulya sentyabr sentyabrya oktyabr "
    "oktyabrya noyabr noyabrya dekabr dekabrya yanuari fevruari yuni yuli septemvri oktomvri noemvri dekemvri "
    "stycznia styczen lutego luty marca marzec kwietnia kwiecien czerwca czerwiec lipca lipiec sierpnia "
    "sierpien wrzesnia wrzesien pazdziernika pazdziernik listopada grudnia grudzien "
    "ledna leden unora unor brezna brezen dubna duben kvetna kveten cervna cerven cervence cervenec srpna "
    "srpen zari rijna rijen listopadu prosince "
    "janner maerz marz mai juni juli oktober dezember "
    "janvier fevrier avril juin juillet aout septembre octobre novembre decembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "ianuarie februarie martie aprilie iunie iulie septembrie octombrie noiembrie decembrie "
    "januar februar marcius aprilis majus junius julius augusztus szeptember oktober"))


_MINUS = re.compile(r"\bminus $", re.I)


def _bare_count(text: str, m: re.Match[str], num: str) -> bool:
    """A number with no noun after it that still counts: '38 are held', 'about 150 in all',
    'two of the meetings', 'shot down four.', 'the twelve'."""
    if num.lower() in ("one", "zero"):
        return False
    if _AGED.search(text, max(0, m.start() - 6), m.start()):
        return True  # 'aged 19,': an age
    if _scale_word(m.group("num2") or num):
        return True  # 'by a further 15-20 million.', 'barely 16 lakh.'
    after = text[m.end():m.end() + 16]
    if num[0].isdigit():
        # '38 are held', '21 [illegible]', 'about 150 in all', '27,846 from the next district';
        # not page numbers ('1996), 45.')
        if _GROUPED.fullmatch(num):
            return True
        return bool(m.group("approx")) or bool(re.match(
            r"\s*(?:of\b|are\b|were\b|have\b|had\b|was\b|is\b|will\b|would\b|in all\b|altogether\b|"
            r"each\b|\[[a-z])", after))
    return bool(m.group("approx") or re.match(r"\s*(?:[.,;:)]|of (?:the|them|us|these|those|whom|which|our|your|"
                                                   r"their|his|her|its|my)\b)", after))


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_AGED = re.compile(r"\baged $", re.I)


_TRIGGERS = Triggers(frozenset((*_SMALL, *_SCALE)))

# Proportions and multiples written in words: 'half of them', 'at half price', 'about three quarters
# of the troops', 'three houses out of four', 'twice'; 'a million', 'half a million'.
_WHOLE = r"(?:the|them|these|those|our|their|its|his|her|all|us|you|my)"
_TIME_UNIT = r"(?P<tunit>hour|day|week|month|year)"
_PARTS = {"third": 3, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_FRACTION = re.compile(
    rf"(?<![\w-])(?:(?P<approx>{_APPROX}) )?(?:"
    rf"(?P<half>half)(?: a (?P<hscale>million|billion|thousand|lakh|crore)\b|(?= of {_WHOLE}\b|[ -]price\b))"
    rf"|half an? {_TIME_UNIT}"
    rf"|(?P<halfonly>half)(?![ -](?:a|an|of|the|way|time|price|hour|day|week|month|year)\b)"
    rf"|(?P<pn>a|one|two|three|four) (?P<part>{'|'.join(_PARTS)})s?(?![\w-])"
    rf"|(?P<an>an?) (?P<aunit>hour|day|week|month|year)(?: and a (?P<plus>half|quarter))?"
    rf"|(?P<q>one|two|three|a)[ -]quarters?(?= of\b)"
    rf"|(?P<n>{_DIG}|{_WORD}) (?:(?P<noun>[a-z]+) )?out of (?:(?:the|every) )?(?P<d>{_DIG}|{_WORD})(?![\w,.]\d)"
    r"|(?P<twice>twice|thrice)"
    r"|(?P<a>a) (?P<scale>million|billion)"
    r")(?![\w-])", re.I)
_FRACTION_TRIGGERS = Triggers(frozenset(words(
    "half quarter quarters out twice thrice million billion third thirds fifth fifths sixth sixths seventh "
    "sevenths eighth eighths ninth ninths tenth tenths hour")))
# 'about one in four', 'one in ten of them'; 'about a week', 'over a year' (one pass each over the text:
# their words are too common to look around)
_SMALL_NUM = r"\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand"
# (searched in the lower-cased text from their literal part, which the regex engine scans for fast)
_ONE_IN = re.compile(rf" in (?P<d1>{_SMALL_NUM})\b(?![,.]\d|-)")
_ONE_IN_N = re.compile(rf"(?<![\w-])(?P<n1>{_SMALL_NUM})$")
_A_UNIT = re.compile(r"(?<![\w-])an? (?P<aunit>day|week|month|year)\b")
_APPROX_BEFORE = re.compile(rf"(?<![\w-])(?:{_APPROX}) $", re.I)
# Where a bare 'half' or 'a fifth' is a proportion ('by almost half').
_BY_BEFORE = re.compile(r"\bby $", re.I)
_ORDINAL_BEFORE = re.compile(r"\b(?:first|second|third|fourth|last|the|every) $", re.I)
_QUARTERS = {"one": Decimal("0.25"), "a": Decimal("0.25"), "two": Decimal("0.5"), "three": Decimal("0.75")}


def _fractions(text: str, lowered: str) -> list[QtyHit]:
    out: list[QtyHit] = []
    for a, b in windows(_FRACTION_TRIGGERS.spans(lowered), len(lowered), 40, 24):
        for m in _FRACTION.finditer(text, a, b):
            if out and m.start() < out[-1].end:
                continue
            approx = (m.group("approx") or "").lower() or None
            unit, noun, kind = "fraction", "", "ratio"
            before = text[max(0, m.start() - 8):m.start()]
            if m.group("tunit"):  # 'less than half an hour'
                value, unit, kind = Decimal("0.5"), m.group("tunit").lower(), "duration"
            elif m.group("halfonly") or m.group("part"):
                # 'more than half', 'by almost half', 'by about a fifth', 'two thirds of the votes'
                if not (approx or _BY_BEFORE.search(before) or text.startswith(" of", m.end())):
                    continue
                if m.group("halfonly"):
                    value = Decimal("0.5")
                else:
                    n = words_value(m.group("pn")) if m.group("pn").lower() != "a" else Decimal(1)
                    value = ((n or Decimal(1)) / _PARTS[m.group("part").lower()]).quantize(Decimal("0.001")).normalize()
            elif m.group("aunit"):
                # 'an hour and a half', 'over an hour' are durations; not 'a month' alone, a rate ('250
                # marks a month') or a measure ('more than a month's stipend'); the sets disagree on
                # 'within a month' and 'for an hour'
                if not (m.group("plus") or approx) or text.startswith(("'s", "’s"), m.end()):
                    continue
                value = Decimal(1) + {"half": Decimal("0.5"), "quarter": Decimal("0.25")}.get(
                    (m.group("plus") or "").lower(), Decimal(0))
                unit, kind = m.group("aunit").lower(), "duration"
            elif m.group("half"):
                scale = (m.group("hscale") or "").lower()
                value = Decimal(_SCALE[scale]) / 2 if scale else Decimal("0.5")
                if scale:
                    unit, kind = "unit", "count"
            elif m.group("q"):
                if _ORDINAL_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                    continue  # 'the first three quarters of the year' is a date
                value = _QUARTERS[m.group("q").lower()]
            elif m.group("n"):
                n, d = words_value(m.group("n")), words_value(m.group("d"))
                if not n or not d or n > d:
                    continue
                value = (n / d).quantize(Decimal("0.001")).normalize()
                noun = m.group("noun") or ""
            elif m.group("twice"):
                value, unit, kind = Decimal(2 if m.group("twice").lower() == "twice" else 3), "time", "count"
            else:
                value, unit, kind = Decimal(_SCALE[m.group("scale").lower()]), "unit", "count"
            out.append(QtyHit(m.start(), m.end(), value, None, None, unit, kind, approx, noun))
    return sorted(out + _one_in(text, lowered) + _approx_units(text, lowered, {q.start for q in out}),
                  key=lambda q: q.start)


def _one_in(text: str, lowered: str) -> list[QtyHit]:
    out = []
    for m in _ONE_IN.finditer(lowered):
        first = _ONE_IN_N.search(lowered, max(0, m.start() - 9), m.start())
        if first is None:
            continue
        n, d = words_value(first.group("n1")), words_value(m.group("d1"))
        if not n or not d or n >= d or d > 1000 or _YEAR.fullmatch(m.group("d1")):
            continue  # 'one in 1960'
        value = (n / d).quantize(Decimal("0.001")).normalize()
        a = _APPROX_BEFORE.search(text, max(0, first.start() - 20), first.start())
        start = a.start() if a else first.start()
        out.append(QtyHit(start, m.end(), value, None, None, "fraction", "ratio",
                          a.group().strip().lower() if a else None, ""))
    return out


def _approx_units(text: str, lowered: str, taken: set[int]) -> list[QtyHit]:
    """'about a week', 'over a year' (an hour is found with the fractions)."""
    out = []
    for m in _A_UNIT.finditer(lowered):
        a = _APPROX_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if a is None or a.start() in taken or text.startswith(("'s", "’s"), m.end()):
            continue
        out.append(QtyHit(a.start(), m.end(), Decimal(1), None, None, m.group("aunit").lower(), "duration",
                          a.group().strip().lower(), ""))
    return out


def find_quantities(text: str, taken: list[tuple[int, int]]) -> list[QtyHit]:
    """Quantities of the view text outside the spans already taken by dates."""
    out: list[QtyHit] = []
    taken = sorted(taken)
    starts = [a for a, _ in taken]
    lowered = lower_same_length(text)
    fractions = [f for f in _fractions(text, lowered) if not _overlaps(f.start, f.end, taken)]
    near = windows(_TRIGGERS.spans(lowered), len(lowered), 24, 48)
    for m in (m for a, b in near for m in QTY.finditer(text, a, b)):
        s, e = m.span("num"), m.end()
        start = m.start()
        k = bisect.bisect_right(starts, e) - 1  # the last date starting before this ends
        if k >= 0 and taken[k][1] > start:
            continue
        num = m.group("num")
        if _VAGUE_BEFORE.search(text, max(0, start - 16), start):
            continue  # 'several thousand', 'tens of thousands': no number is given
        if _LIST_NUMBER.search(text[max(0, start - 6):start]) and text[m.end("num"):m.end("num") + 1] in ".)":
            continue  # a list number

        if _BEFORE_ID.search(text[max(0, start - 14):start]) or _AFTER_SKIP.match(text[e:e + 6]):
            continue
        if _YEAR.fullmatch(num) and not m.group("num2"):
            continue  # a year
        if text[max(0, s[0] - 1):s[0]] == "[":
            continue
        v = words_value(num)
        v2 = words_value(m.group("num2")) if m.group("num2") else None
        if v is None:
            continue
        sep = m.group("sep")
        scale = _scale_word(m.group("num2"))
        if v2 is not None and scale and not _scale_word(num) and v * _SCALE[scale] <= v2:
            v *= _SCALE[scale]  # '2-3 million tons': the scale belongs to both ends
        if m.group("num2") and (v2 is None or v2 <= v or (sep in ("and",) and not _BETWEEN.search(
                text[max(0, start - 8):start]))):
            if sep in ("and", "or", "to"):
                e = m.end("num")
                v2 = None
            else:
                continue
        half = _HALF.match(text, e) if not m.group("num2") else None
        if half:  # 'two and a half hours'
            v, e = v + Decimal("0.5"), half.end()
        pct = m.group("pct")
        sign = next((k for k in _SIGNS if text[max(0, start - len(k)):start] == k), None)
        currency = _CURRENCY[sign] if sign else None
        if pct:
            unit, noun, end = "percent", pct.strip(), m.end()
        elif currency:  # '$5 million', 'US$ 300'
            unit, noun, end = currency, currency, m.end()
            start -= len(sign or "")
        else:
            found = _noun(text, e)
            if found == NOT_COUNTED:
                continue
            if not found:
                if not _bare_count(text, m, num):
                    continue
                found = ("year", "", e) if _AGED.search(text, max(0, start - 6), start) else ("unit", "", e)
            unit, noun, end = found
            if fold(noun) in FOREIGN_MONTHS and v <= 31:
                continue  # '14 oktobar': a date in the original's language
        if num.lower() in ("one", "zero", "a") and not m.group("num2") and unit not in _DURATION:
            continue  # 'one of them', 'one letter': an article, not a count
        half = _HALF.match(text, end)
        if half and v is not None:  # '2 hours and a half'
            v, end = v + Decimal("0.5"), half.end()
        kind = KIND_OF.get(unit, "count")
        minus = _MINUS.search(text, max(0, start - 7), start) if not m.group("approx") else None
        if minus and v2 is None:  # 'minus 18 degrees'
            v, start = -v, minus.start()
        low, high, value = (v, v2, None) if v2 is not None else (None, None, v)
        approx = m.group("approx")
        out.append(QtyHit(start, end, value, low, high, unit, kind,
                          approx.lower() if approx and not approx.lower().startswith(("a total", "total"))
                          else None, noun))
    if fractions:
        out = sorted([q for q in out if not _overlaps(q.start, q.end, [(f.start, f.end) for f in fractions])]
                     + fractions, key=lambda q: q.start)
    return out


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for a, b in spans)
