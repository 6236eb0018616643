"""Word pools for the benchmark generator: names, places, organisations, archives, topics.

Pure data plus tiny helpers. Names are assembled from given-name and surname pools per tradition
so that a large corpus holds thousands of distinct people, with a small set of well-known
figures recurring across records, as in a real archive.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

# Well-known figures: they recur across many records (the head of the name distribution).
FAMOUS: tuple[str, ...] = (
    "Mao Zedong", "Zhou Enlai", "Liu Shaoqi", "Deng Xiaoping", "Chen Yi", "N. S. Khrushchev",
    "A. A. Gromyko", "Kim Il Sung", "Ho Chi Minh", "Pham Van Dong", "János Kádár", "Walter Ulbricht",
    "Władysław Gomułka", "Enver Hoxha", "Gheorghe Gheorghiu-Dej", "Antonín Novotný", "Yumjaagiin Tsedenbal",
)

GIVEN: dict[str, tuple[str, ...]] = {
    "zh": ("Hanfu", "Wentian", "Jiaxiang", "Bingnan", "Xiuquan", "Shiyi", "Guangya", "Yaobang", "Zhiping",
           "Dequan", "Minghua", "Jianguo", "Yunshan", "Baoshan", "Lixin", "Wenjie", "Chengzhi", "Xueqin"),
    "ru": ("A. M.", "N. G.", "S. V.", "P. F.", "I. I.", "V. V.", "M. V.", "Yu. V.", "Nikolai", "Pavel", "Ivan",
           "Sergei", "Mikhail", "Aleksei", "Vasily", "Dmitri", "Grigory", "Konstantin"),
    "ko": ("Chang-man", "Hyon-chol", "Tok-sin", "Song-ho", "Kwang-hyop", "Chol-min", "Jong-il", "Yong-gon"),
    "vi": ("Van Hien", "Thanh Nghi", "Duc Tho", "Van Tien", "Quang Huy", "Minh Chau", "Thi Lan", "Van Dung"),
    "hu": ("Ferenc", "Sándor", "István", "Gyula", "Lajos", "Imre", "Béla", "Zoltán"),
    "de": ("Walter", "Otto", "Hermann", "Friedrich", "Karl", "Werner", "Heinrich", "Erich"),
    "pl": ("Władysław", "Józef", "Stanisław", "Tadeusz", "Zenon", "Adam", "Jerzy", "Edward"),
    "ro": ("Ion", "Emil", "Alexandru", "Chivu", "Petre", "Corneliu", "Ștefan", "Gheorghe"),
    "sq": ("Mehmet", "Hysni", "Ramiz", "Beqir", "Spiro", "Gogo", "Rita", "Liri"),
    "cs": ("Václav", "Jiří", "Karel", "Jaroslav", "Rudolf", "Vladimír", "Oldřich", "Bohumil"),
}

SURNAMES: dict[str, tuple[str, ...]] = {
    "zh": ("Zhang", "Wang", "Li", "Zhao", "Chen", "Liu", "Huang", "Luo", "Pan", "Geng", "Ji", "Qiao", "Song",
           "Xu", "Ma", "Yang", "Han", "Tan"),
    "ru": ("Puzanov", "Sudarikov", "Fedorenko", "Abramov", "Chervonenko", "Zimyanin", "Arkhipov", "Kapitsa",
           "Lavrentiev", "Ivanov", "Kozlov", "Suslov", "Ilyichev", "Tikhvinsky", "Rogachev", "Orlov", "Belov"),
    "ko": ("Kim", "Pak", "Choe", "Ri", "Nam", "Han", "Jong", "Kang"),
    "vi": ("Nguyen", "Le", "Tran", "Pham", "Hoang", "Vo", "Dang", "Bui"),
    "hu": ("Münnich", "Kiss", "Nagy", "Szabó", "Tóth", "Horváth", "Kállai", "Marosán"),
    "de": ("Keller", "Schwab", "Florin", "Matern", "Axen", "Winzer", "Stoph", "Neumann"),
    "pl": ("Nowak", "Kowalski", "Rapacki", "Cyrankiewicz", "Ochab", "Kliszko", "Spychalski", "Wolny"),
    "ro": ("Maurer", "Bodnăraș", "Bârlădeanu", "Stoica", "Borilă", "Mănescu", "Drăghici", "Voitec"),
    "sq": ("Shehu", "Kapo", "Alia", "Balluku", "Koleka", "Nase", "Belishova", "Theodhosi"),
    "cs": ("Široký", "David", "Hendrych", "Kopecký", "Barák", "Lenárt", "Šimůnek", "Dolanský"),
}

# Naming traditions of the people a record about a region names, besides the archive's own.
TRADITIONS: dict[str, tuple[str, ...]] = {
    "xinjiang": ("zh", "ru"), "china": ("zh", "ru"), "korea": ("ko", "zh", "ru"), "vietnam": ("vi", "zh", "ru"),
    "ussr": ("ru",), "europe": ("hu", "de", "pl", "ro", "sq", "cs", "ru"),
}

TITLES: tuple[str, ...] = (
    "Comrade", "Comrade", "Comrade", "Ambassador", "Chairman", "Vice Minister", "Premier", "Counselor",
    "Vice-Consul", "Consul", "First Secretary", "Director", "General", "Marshal", "Minister",
)


@dataclass(frozen=True)
class Place:
    name: str
    variant: str | None = None  # the translator's bracketed form: Tacheng [Qoqek]


# Places by region, with bracketed variants where translators give one.
PLACES: dict[str, tuple[Place, ...]] = {
    "xinjiang": (Place("Tacheng", "Qoqek"), Place("Yili", "Ili"), Place("Wulumuqi", "Urumqi"),
                 Place("Kashi", "Kashgar"), Place("Huocheng", "Qorghas"), Place("Yining", "Gulja"),
                 Place("Aletai", "Altay"), Place("Boertala", "Bortala"), Place("Hami", "Kumul"),
                 Place("Shache", "Yarkand"), Place("Hetian", "Khotan"), Place("Akesu", "Aksu")),
    "china": (Place("Beijing"), Place("Shanghai"), Place("Guangzhou", "Canton"), Place("Dalian", "Dalny"),
              Place("Lüshun", "Port Arthur"), Place("Shenyang", "Mukden"), Place("Wuhan"), Place("Harbin"),
              Place("Nanjing"), Place("Tianjin"), Place("Andong", "Dandong"), Place("Kunming")),
    "korea": (Place("Pyongyang"), Place("Sinuiju"), Place("Kaesong"), Place("Hamhung", "Hamheung"),
              Place("Wonsan"), Place("Chongjin"), Place("Nampo", "Chinnampo"), Place("Haeju")),
    "vietnam": (Place("Hanoi"), Place("Haiphong", "Hải Phòng"), Place("Lang Son", "Lạng Sơn"),
                Place("Pingxiang", "Bằng Tường"), Place("Hon Gai", "Hòn Gai"), Place("Thai Nguyen"),
                Place("Vinh"), Place("Nam Dinh")),
    "ussr": (Place("Moscow"), Place("Alma-Ata", "Almaty"), Place("Khabarovsk"), Place("Vladivostok"),
             Place("Irkutsk"), Place("Tashkent"), Place("Novosibirsk"), Place("Frunze", "Bishkek")),
    "europe": (Place("Budapest"), Place("Berlin"), Place("Warsaw"), Place("Bucharest"), Place("Tirana"),
               Place("Prague"), Place("Sofia"), Place("Belgrade"), Place("Vlora", "Vlorë"), Place("Leipzig")),
}

COUNTRIES: dict[str, tuple[str, ...]] = {
    "xinjiang": ("the Soviet Union", "China", "Mongolia"),
    "china": ("China", "the Soviet Union", "Japan"),
    "korea": ("the DPRK", "China", "the Soviet Union", "South Korea"),
    "vietnam": ("the DRV", "China", "Laos", "the Soviet Union"),
    "ussr": ("the Soviet Union", "China", "Mongolia"),
    "europe": ("Hungary", "the GDR", "Poland", "Romania", "Albania", "Czechoslovakia", "Yugoslavia"),
}

# Syllables for invented small places (townships, villages, brigades), some written hyphenated
# with the translator's [sic], as in the sample record.
SYLLABLES: tuple[str, ...] = ("ke", "zi", "bie", "ti", "lun", "kou", "tie", "lie", "huo", "jian", "sai", "man",
                              "ba", "yin", "gou", "ta", "la", "qi", "shan", "he", "bu", "er", "mu", "su")
PLACE_SUFFIXES: tuple[str, ...] = ("County", "Prefecture", "Township", "District", "Commune", "Pasture")

MINISTRIES: tuple[str, ...] = (
    "Ministry of Foreign Affairs", "Ministry of Foreign Trade", "Ministry of Defense", "Ministry of Public Security",
    "Ministry of Agriculture", "Ministry of Railways", "State Planning Committee", "Central Committee",
    "Foreign Affairs Office", "Red Cross Society", "Nationalities Affairs Commission", "Trade Union Council",
)
COOPERATIVE_NAMES: tuple[str, ...] = ("October", "Huojian [Rocket]", "High-Speed", "Red Flag", "East Wind",
                                      "Friendship", "Vanguard", "Great Leap", "Bright Star", "Unity")
ADJECTIVES: dict[str, str] = {
    "China": "Chinese", "the Soviet Union": "Soviet", "the DPRK": "Korean", "the DRV": "Vietnamese",
    "Hungary": "Hungarian", "the GDR": "East German", "Poland": "Polish", "Romania": "Romanian",
    "Albania": "Albanian", "Czechoslovakia": "Czechoslovak", "Mongolia": "Mongolian", "Yugoslavia": "Yugoslav",
    "Japan": "Japanese", "Laos": "Lao", "South Korea": "South Korean",
}

GOODS: tuple[tuple[str, str], ...] = (
    ("packages", "of food and cloth"), ("tons", "of grain"), ("tons", "of steel"), ("trucks", "of supplies"),
    ("wagons", "of coal"), ("tractors", ""), ("rubles", "in credits"), ("head", "of livestock"),
    ("specialists", ""), ("students", ""), ("invitations", ""), ("tents", ""), ("horses", ""),
)
PEOPLE: tuple[str, ...] = ("people", "border residents", "families", "cooperative members", "herdsmen", "workers",
                           "students", "specialists", "cadres", "soldiers", "refugees", "volunteers")
TOPICS: tuple[str, ...] = (
    "the border negotiations", "the repatriation of Soviet nationals", "the withdrawal of the volunteers",
    "the supply of grain", "the training of specialists", "trade in the coming year", "the railway agreement",
    "the situation in the border region", "the work of the consulate", "the exchange of students",
    "the construction of the power station", "the questions of the international movement",
    "economic aid", "the loan agreement", "the return of the runaways", "the broadcasts in minority languages",
)
FILLERS: tuple[str, ...] = (
    "The situation is expanding, and the second line has already burst.",
    "Based on our understanding of the situation, the following issues can explain the problem.",
    "Please give instructions as soon as possible.",
    "If any of the above views are not proper, please give instructions.",
    "The details of this [event] are unknown.",
    "We believe this will allow [us] to seize the initiative and will calm the mood of the masses.",
    "[Our] cadres went to dissuade [them], but they were not heeded.",
    "This question requires further study, and [we] will report again.",
    "The masses have reacted strongly to these incidents.",
    "Class contradictions will sharpen, [and] bad elements will take the opportunity to make trouble.",
    "The conversation took place in a friendly atmosphere.",
    "[He] did not give a clear answer to this question.",
)


@dataclass(frozen=True)
class Archive:
    siglum: str
    language: str  # Original Language field
    region: tuple[str, ...]  # regions the records of this archive talk about
    names: str  # key into GIVEN/SURNAMES for the local people
    funder: str
    country: str  # whose archive it is
    home: tuple[str, ...]  # regions of that country


ARCHIVES: tuple[Archive, ...] = (
    Archive("PRC FMA", "Chinese", ("xinjiang", "china", "korea", "vietnam"), "zh", "MacArthur Foundation",
            "China", ("xinjiang", "china")),
    Archive("AVPRF", "Russian", ("ussr", "china", "korea"), "ru", "Henry Luce Foundation",
            "the Soviet Union", ("ussr",)),
    Archive("RGANI", "Russian", ("ussr", "china", "europe"), "ru", "Carnegie Corporation of New York",
            "the Soviet Union", ("ussr",)),
    Archive("MOL", "Hungarian", ("europe", "china", "korea"), "hu", "Hungarian Academy of Sciences",
            "Hungary", ()),
    Archive("SAPMO-BArch", "German", ("europe", "vietnam", "ussr"), "de", "Gerda Henkel Foundation",
            "the GDR", ()),
    Archive("AMSZ", "Polish", ("europe", "vietnam", "china"), "pl", "Korea Foundation",
            "Poland", ()),
    Archive("ANIC", "Romanian", ("europe", "china", "ussr"), "ro", "Romanian Cultural Institute",
            "Romania", ()),
    Archive("AQSH", "Albanian", ("europe", "china"), "sq", "Smith Richardson Foundation",
            "Albania", ()),
    Archive("NA", "Czech", ("europe", "ussr"), "cs", "Open Society Foundations",
            "Czechoslovakia", ()),
)
TRANSLATORS: tuple[str, ...] = (
    "Charles Kraus", "Mira Kovaleva", "Eszter Nagy", "Piotr Wolny", "Ioana Marin", "Radu Petrescu", "Jonas Keller",
    "Elira Hysi", "Wen Lin", "Daniel Orlov", "Tomáš Beneš", "Jiyoung Han", "Nguyen Thu Ha", "Lucía Ortega",
)


def archive_ref(archive: Archive, rng: random.Random, year: int) -> str:
    """One archival reference in the archive's own style, with varied numbers."""
    a, r = archive.siglum, rng.randint
    pages = f"{r(1, 90)}-{r(91, 180)}"
    if a == "PRC FMA":
        return f"PRC FMA {r(100, 118)}-{r(100, 1900):05d}-{r(1, 12):02d}, {r(1, 20)}-{r(21, 40)}"
    if a == "AVPRF":
        return f"AVPRF f. {r(1, 120):04d}, op. {r(1, 60)}, d. {r(1, 400)}, p. {r(1, 400)}, ll. {pages}"
    if a == "RGANI":
        return f"RGANI f. {r(2, 5)}, op. {r(1, 30)}, d. {r(1, 1200)}, ll. {pages}"
    if a == "MOL":
        return f"MOL, XIX-J-1-j China, {year}, {r(1, 12)}. doboz, {r(1, 9)}/b, {r(100, 9999):06d}/{year}"
    if a == "SAPMO-BArch":
        return f"SAPMO-BArch, DY 30/{r(3000, 3999)}, Bl. {pages}"
    if a == "AMSZ":
        return f"AMSZ, Z. {r(1, 30)}, w. {r(1, 60)}, t. {r(100, 999)}, k. {pages}"
    if a == "ANIC":
        return f"ANIC, fond CC al PCR - Cancelarie, dosar {r(1, 120)}/{year}, f. {pages}"
    if a == "AQSH":
        return f"AQSH, F. 14/AP, M-PPSH, V. {year}, D. {r(1, 40)}, fl. {pages}"
    return f"NA, A ÚV KSČ, f. {r(1, 9):02d}/{r(1, 30)}, sv. {r(1, 20)}, a.j. {r(1, 300)}, l. {r(1, 30)}"


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(n: int) -> str:
    """English words for 0..999 ('seventy-eight', 'two hundred and six')."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")


def headline(text: str) -> str:
    """Title case that leaves short function words alone: 'the Return of the Runaways'."""
    small = {"a", "an", "and", "at", "for", "from", "in", "of", "on", "the", "to", "with"}
    return " ".join(w if w in small and k else w[:1].upper() + w[1:] for k, w in enumerate(text.split()))


def about(topic: str) -> str:
    """A topic as a title writes it: 'the Return of the Runaways', 'Economic Aid'."""
    return "the " + headline(topic[4:]) if topic.startswith("the ") else headline(topic)


def prose(rng: random.Random) -> str:
    """A sentence with no names, dates or numbers, assembled from parts or taken whole."""
    if rng.random() < 0.3:
        return rng.choice(FILLERS)
    return (f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
            f"{rng.choice(_TAILS)}.").capitalize()


_SUBJECTS = ("the masses", "some cadres", "the local authorities", "our side", "the other side",
             "the responsible comrades", "the leading organs", "the border residents", "the work teams",
             "a number of comrades", "the delegation", "the embassy staff")
_VERBS = ("have reacted strongly to", "do not fully understand", "are carefully studying", "have raised doubts about",
          "must pay close attention to", "have repeatedly discussed", "are dissatisfied with",
          "have taken measures against", "will report further on", "have not yet replied to")
_OBJECTS = ("these incidents", "the new policy", "the question of supplies", "the propaganda of the other side",
            "the mood among the population", "the draft agreement", "the proposals of our side",
            "the problems of the economy", "the difficulties in their livelihoods", "the instructions received")
_TAILS = ("", "", "", " in recent weeks", ", and the matter is not yet settled", " as a matter of principle",
          ", which has caused some confusion", " in the interest of friendship")
