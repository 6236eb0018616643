"""Runs of capitalised words, joined across the connectors names contain.

'Ministry of Foreign Affairs', 'Soviet Consulate in Yili', 'Charles de Gaulle', 'Ministry of Higher and
Technical Education', 'Tractors for Freedom Committee' are one run each; 'Mao and Liu' are two. Which
connector joins is decided by the words on both sides (a head word, a title, the lexicon).
"""
from __future__ import annotations

import re

from .lexicon import fold, lexicon, words
from .names import _GAP, ATOM, OF_IN, PARTICLES, TOPONYM_LINKS, Tok, _cut_hyphen, head_of, is_title, tokens
from .recase import english, office_word

# Org heads after which "in <place>" still belongs to the name ("Soviet Consulate in Yili").
_IN_HEADS = frozenset(words(
    "consulate consulates consulate-general embassy embassies legation mission missions office representation "
    "bureau agency delegation station academy university institute school college branch contingent union"))
# Persons an association is 'of', who live somewhere: 'Association of Korean Residents in Japan'.
_ACRONYM_WORD = re.compile(r"[A-Z][A-Za-z]?[A-Z]+[a-z]?[A-Z]*")  # 'KhAD', 'CPSU', 'KGB'
_RESIDENTS = frozenset(words("residents citizens nationals workers students emigrants emigres compatriots "
                             "refugees"))
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\n]\s*|[\"“(\[]|\n)$")
# Heads that end in s and still name one body ('Csepel Iron and Metal Works').
_SINGULAR_IN_S = frozenset({"works", "headquarters", "corps"})
_PRONOUN_AFTER = re.compile(r" [a-z]")
_NUMBER_AFTER = re.compile(r" (\d{1,5})\b(?![.,:/-]\d)")
_OF_AFTER = re.compile(r" of ")
# Bodies no number names ('the United Democratic Party 5' counts its seats)
_UNNUMBERED = frozenset({"party", "ministry", "embassy", "consulate", "government", "legislature", "association"})
_DIRECTIONS = frozenset(words("north south east west northern southern eastern western central"))
_CALENDAR = frozenset(words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december"))
_RELATION_WORDS = frozenset(words("relations friendship cooperation co-operation ties contacts solidarity links "
                                  "trade"))
# Particles that only open a family name (unlike 'y', 'e', 'la', 'el', which also join words).
_NAME_PARTICLES = frozenset(words("van von de da di du der den del della dos das"))
_CAP_CONN = {"of": "of", "of the": "of the", "for": "for", "for the": "for the", "in": "in", "in the": "in the",
             "and": "and"}


def main_head(toks: list[Tok]) -> Tok | None:
    """The head word that names what the run is: the last head before the first 'of'/'in'."""
    pre = toks
    for k, t in enumerate(toks):
        if t.typ == "conn" and t.text in OF_IN:
            pre = toks[:k]
            break
    return next((t for t in reversed(pre) if head_of(t)), None)


def _join(left: list[Tok], conn: str, right: list[Tok]) -> bool:
    if right and left and left[-1].typ == "init" and conn.split(" ")[0] in PARTICLES:
        return right[0].typ == "word"  # 'J. H. van der Veen'
    last = next((t for t in reversed(left) if t.typ in ("word", "abbr")), None)
    if last is None or not right:
        return False
    lex = lexicon()
    if right[0].f in _CALENDAR:
        return False  # 'the Security Council on Tuesday', 'the Plenum in March'
    if conn in TOPONYM_LINKS:  # not 'I am Stalin'
        return last.typ == "word" and last.text != "I" and head_of(last) is None and len(right) == 1 \
            and right[0].typ == "word"
    if conn.split(" ")[0] in PARTICLES:
        if is_title(last) and conn.split(" ")[0] in _NAME_PARTICLES:
            return right[0].typ == "word" and head_of(right[0]) is None  # 'General von Horn'
        return head_of(last) is None and not is_title(last) and right[0].typ == "word"
    # An office's holder's title before the body ('Chairman of the Committee for the Reception'):
    # the body decides what joins it.
    office = left
    k = next((i for i, t in enumerate(left) if t.typ == "conn" and t.text in OF_IN), None)
    if k is not None and 0 < k < len(left) - 1 and all(is_title(t) or (t.typ == "word" and t.f in lexicon().title_mods)
                                                       for t in left[:k]):
        left = left[k + 1:]
    if conn.startswith("with"):
        # 'Commission for Economic Relations with Foreign Countries', 'Society for Friendship with ...'
        return last.f in _RELATION_WORDS and main_head(left) is not None and right[0].typ == "word"
    head = main_head(left)
    right_head = head_of(next((t for t in reversed(right) if t.typ != "brk"), right[-1]))
    inner = main_head(right) if right_head is None and conn == "and" else None
    if inner is not None and inner is not right[0]:
        right_head = head_of(inner)  # 'African Affairs Department Wang Yutian' (not 'Radio Tirana')
    left_known = fold(" ".join(t.text for t in left)) in lex.names
    if conn == "and" and any(fold(" ".join([*(t.text for t in left[k:]), conn, *(t.text for t in right)]))
                             in lex.names for k in range(max(0, len(left) - 2), len(left))):
        return True  # '(In) Bosnia and Herzegovina', 'Trinidad and Tobago': one name with 'and' in it
    if conn == "and":
        if any(head_of(t) or is_title(t) for t in right) and not (right_head and right_head[0] == "group"):
            return False
        if any(is_title(t) for t in office) and any(t.typ == "conn" and t.text.split()[0] == "of" for t in office) \
                and right[0].typ == "word" and (office_word(right[0].f) or right[0].f in lex.common
                                                or right[0].f in _DIRECTIONS) and right[0].f not in lex.names:
            # 'Minister of Indian Affairs and Northern Development': the office's own words, and the
            # holder's name may follow them ('Minister of Agriculture and Forestry Suzuki')
            return True
        if head and any(t.typ == "conn" and t.text.split()[0] in ("of", "for") for t in left):
            # 'Ministry of Higher and Technical Education', not 'Ministry of Tribes and KhAD'
            return not right_head and fold(" ".join(t.text for t in right)) not in lex.names and \
                not is_title(right[0]) and not (len(right) == 1 and _ACRONYM_WORD.fullmatch(right[0].text))
        plain = [t for t in right if t.typ != "brk"]
        if head and len(plain) == 1 and head_of(plain[0]) and head_of(plain[0]) == head_of(left[-1]):
            return True  # 'Turkish Radio and Television': two heads of one kind name one body
        return bool(right_head and right_head[0] == "group" and not head and not left_known
                    and not any(is_title(t) for t in left)
                    and (right[-1].text[-1:] != "s" or right[-1].f in _SINGULAR_IN_S))
    if conn.startswith("in"):
        # the last body decides: 'Soviet Consulate in Yili', 'Embassy of the Federal Republic in Bonn',
        # not 'Political Bureau of the Central Committee of the Party in Hanoi'
        last_head = next((t for t in reversed(left) if (head_of(t) or ("", ""))[0] == "group"), None)
        if last_head is not None and last.f in _RESIDENTS and any(t.typ == "conn" and t.text.startswith("of")
                                                                  for t in left):
            return True
        return last_head is not None and last_head.f in _IN_HEADS
    if conn.startswith("on"):
        return last.f in ("committee", "commission", "council", "conference")
    if conn.startswith("for") and head is not None and (head_of(head) or ("", ""))[0] != "group":
        return False  # 'from Port Harcourt for Lagos': a body is 'for' something, a place is not
    if head is not None or any(is_title(t) for t in left):
        return True
    # 'Tractors for Freedom Committee'
    return bool(right_head and right_head[0] == "group" and not left_known and len(left) <= 3)



def _inner_connectors(toks: list[Tok]) -> list[Tok]:
    """'People's Republic Of China' (a heading in title case): inner 'Of', 'The', 'And' connect."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if 0 < k < len(toks) - 1 and t.typ == "word" and t.text in ("Of", "For", "In", "And"):
            j = k + 1
            text = t.text.lower()
            if toks[j].text == "The" and j < len(toks) - 1:
                text, j = text + " the", j + 1
            if text in _CAP_CONN:
                out.append(Tok(text, t.start, toks[j - 1].end, "conn"))
                k = j
                continue
        out.append(t)
        k += 1
    return out


def _units(run: str, base: int) -> list[Tok]:
    """The tokens of a run the run pattern found: a run of plain words (no bracket, initial,
    abbreviation or apostrophe) is its words between single spaces."""
    if "[" in run or "." in run or "'" in run or "’" in run:
        return tokens(run, base)
    out = []
    for word in run.split(" "):
        out.append(Tok(word, base, base + len(word), "word"))
        base += len(word) + 1
    return out


def runs(text: str) -> list[list[Tok]]:
    """Token lists of the capitalised runs of the text, joined across name connectors."""
    out: list[list[Tok]] = []
    prev_end = -10
    lex = lexicon()
    for m in ATOM.finditer(text):
        word = m.group()
        cut: list[Tok] = []
        if word.isalpha() and word.lower() in lex.common and word.lower() not in lex.heads \
                and _SENTENCE_OPENING.search(text, max(0, m.start() - 3), m.start()):
            continue  # 'The', 'According' opening a sentence: an ordinary word, nothing to join
        if word.isalpha() and word.endswith("s") and _OF_AFTER.match(text, m.end()) \
                and word.lower() in english() and word.lower() not in lex.heads \
                and not is_title(Tok(word, 0, 0, "word")) \
                and _SENTENCE_OPENING.search(text, max(0, m.start() - 3), m.start()):
            continue  # 'Representatives of the Red Cross Society of China': a plural noun opening a sentence
        if word.isalpha():  # most runs are one plain word
            cut.append(Tok(word, m.start(), m.end(), "word"))
        else:
            for t in _units(word, m.start()):
                c = _cut_hyphen(t)
                cut.append(c)
                if c.end < t.end:
                    break  # 'Kazakh-language': the name ends at the hyphen
            if " Of " in word or " For " in word or " In " in word or " And " in word:  # (else there is none)
                cut = _inner_connectors(cut)
            if len(cut) > 1 and cut[-1].text == "I" and (head_of(cut[-2]) or ("", ""))[0] == "group" \
                    and _PRONOUN_AFTER.match(text, cut[-1].end):
                cut = cut[:-1]  # '... Workers' Party I send': the writer, not 'Party I'
        last_head = head_of(cut[-1]) if cut else None
        numbered = last_head is not None and ((last_head[0] == "group" and last_head[1] not in _UNNUMBERED)
                                              or last_head[1] == "road")  # 'Route 8'
        num = _NUMBER_AFTER.match(text, cut[-1].end) if numbered else None
        if num:
            cut.append(Tok(num.group(1), num.start(1), num.end(1), "word"))
        gap = text[prev_end:m.start()] if out and m.start() - prev_end <= 10 else ""  # (' with the ')
        g = _GAP.fullmatch(gap) if gap else None
        if g and out and _join(out[-1], g.group(1), cut):
            conn = Tok(g.group(1), prev_end + 1, m.start() - 1, "conn")
            out[-1] = [*out[-1], conn, *cut]
        else:
            out.append(cut)
        prev_end = cut[-1].end if cut else m.end()
    return out
