"""Writes the HAND-MADE Wikidata test records in this folder (run: python make_records.py).

Every record here is written by hand in the real wbgetentities format, to build the traps the
reconciler must survive. They are not Wikidata data. QIDs from Q990000001 up are made up (far
above any real item number); the few real QIDs used (Q148, Q956, Q16959 ...) are those documented
in the project's background notes, with hand-written content. Each file carries ``"_handmade"``.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent


def _item(qid: str) -> dict[str, object]:
    return {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}


def _stmt(prop: str, datatype: str, value: object, vtype: str, rank: str = "normal") -> dict[str, object]:
    return {"mainsnak": {"snaktype": "value", "property": prop, "datavalue": {"value": value, "type": vtype},
                         "datatype": datatype}, "type": "statement", "rank": rank}


def _time(year: int) -> dict[str, object]:
    return {"time": f"+{year:04d}-00-00T00:00:00Z", "timezone": 0, "before": 0, "after": 0, "precision": 9,
            "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}


def record(qid: str, label: str, description: str = "", aliases: tuple[str, ...] = (), *,
           p31: tuple[str, ...] = (), p279: tuple[str, ...] = (), p17: tuple[str, ...] = (),
           p131: tuple[str, ...] = (), p27: tuple[str, ...] = (), coords: tuple[float, float] | None = None,
           inception: int | None = None, dissolved: int | None = None, born: int | None = None,
           died: int | None = None, zh: str | None = None) -> dict[str, object]:
    claims: dict[str, list[dict[str, object]]] = {}
    for prop, values in (("P31", p31), ("P279", p279), ("P17", p17), ("P131", p131), ("P27", p27)):
        if values:
            claims[prop] = [_stmt(prop, "wikibase-item", _item(v), "wikibase-entityid") for v in values]
    if coords:
        lon, lat = coords
        claims["P625"] = [_stmt("P625", "globe-coordinate", {
            "latitude": lat, "longitude": lon, "altitude": None, "precision": 0.01,
            "globe": "http://www.wikidata.org/entity/Q2"}, "globecoordinate")]
    for prop, year in (("P571", inception), ("P576", dissolved), ("P569", born), ("P570", died)):
        if year is not None:
            claims[prop] = [_stmt(prop, "time", _time(year), "time")]
    labels = {"en": {"language": "en", "value": label}}
    if zh:
        labels["zh"] = {"language": "zh", "value": zh}
    out: dict[str, object] = {
        "_handmade": "hand-made test record in the real format; not Wikidata data",
        "type": "item", "id": qid, "labels": labels,
        "descriptions": {"en": {"language": "en", "value": description}} if description else {},
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases]} if aliases else {},
        "claims": claims, "sitelinks": {}}
    return out


CN, KZ = ("Q148",), ("Q232",)
RECORDS = [
    # classes (hand-made class records, walked through P279)
    record("Q990000901", "autonomous region of China", p279=("Q56061",)),
    record("Q990000902", "region of Kazakhstan", p279=("Q56061",)),
    record("Q990000903", "treaty", p279=("Q990000904",)),
    record("Q990000904", "written work"),
    record("Q990000905", "direct-administered municipality", p279=("Q56061",)),
    record("Q990000906", "public university", p279=("Q990000907",)),
    record("Q990000907", "university", p279=("Q43229",)),
    record("Q990000908", "dish"),
    record("Q990000909", "prefecture of China", p279=("Q56061",)),
    record("Q990000910", "autonomous prefecture of China", p279=("Q990000909",)),
    record("Q990000911", "historic district"),
    record("Q990000912", "political ideology"),
    record("Q990000913", "locomotive"),
    record("Q990000915", "national association football team", p279=("Q990000918",)),
    record("Q990000918", "sports team", p279=("Q43229",)),
    record("Q990000916", "language"),
    record("Q990000917", "Wikimedia disambiguation page", p279=("Q17442446",)),
    # states and regions
    record("Q148", "People's Republic of China", "country in East Asia", ("China", "PRC"),
           p31=("Q3624078",), inception=1949, zh="中华人民共和国"),
    record("Q232", "Kazakhstan", "country in Central Asia", ("Republic of Kazakhstan",), p31=("Q3624078",),
           inception=1991),
    record("Q34800", "Xinjiang", "autonomous region of China", ("Xinjiang Uyghur Autonomous Region", "Sinkiang"),
           p31=("Q990000901",), p17=CN, inception=1955, coords=(85.0, 41.0)),
    record("Q990000081", "Soviet Union national football team", "men's national association football team",
           ("USSR national football team",), p31=("Q990000915",)),
    # transliteration and historical names
    record("Q16959", "Ürümqi", "prefecture-level city and capital of Xinjiang, China",
           ("Urumqi", "Urumchi", "Tihwa", "Dihua"), p31=("Q748149",), p17=CN, p131=("Q34800",),
           coords=(87.62, 43.83), zh="乌鲁木齐市"),
    record("Q990000011", "Ürümqi County", "county in Xinjiang, China", ("Urumqi County",), p31=("Q62049",),
           p17=CN, p131=("Q16959",), coords=(87.4, 43.5)),
    record("Q35493", "Almaty", "largest city of Kazakhstan", ("Alma-Ata", "Verny", "Almaty city"),
           p31=("Q515",), p17=KZ, coords=(76.95, 43.25), inception=1854),
    record("Q990000021", "Almaty Region", "region of Kazakhstan", ("Alma-Ata Oblast", "Almaty Oblast"),
           p31=("Q990000902",), p17=KZ, coords=(78.0, 45.0)),
    record("Q990000022", "Alma-Ata Declaration", "1991 declaration founding the CIS", ("Alma-Ata Protocol",),
           p31=("Q990000903",)),
    record("Q956", "Beijing", "capital of the People's Republic of China", ("Peking", "Peiping"),
           p31=("Q515", "Q990000905"), p17=CN, coords=(116.4, 39.9), zh="北京市"),
    record("Q990000031", "Peking University", "public university in Beijing, China", ("PKU", "Beida"),
           p31=("Q990000906",), p17=CN),
    record("Q990000032", "Peking duck", "dish from Beijing", p31=("Q990000908",)),
    # the same name at two levels: a city and its prefecture; a prefecture and its river
    record("Q648696", "Tacheng", "county-level city in Tacheng Prefecture, Xinjiang, China",
           ("Qoqek", "Chuguchak", "Tacheng City"), p31=("Q1070990",), p17=CN, p131=("Q990000041",),
           coords=(82.98, 46.75), zh="塔城市"),
    record("Q990000041", "Tacheng Prefecture", "prefecture of Xinjiang, China", ("Tacheng", "Tarbagatay"),
           p31=("Q990000909",), p17=CN, p131=("Q990000051",), coords=(83.5, 46.0)),
    record("Q990000093", "Tacheng", "Wikimedia disambiguation page", p31=("Q990000917",)),
    record("Q990000051", "Ili Kazakh Autonomous Prefecture", "autonomous prefecture of Xinjiang, China",
           ("Yili", "Ili", "Ili Prefecture", "Yili Kazakh Autonomous Prefecture"), p31=("Q990000910",),
           p17=CN, p131=("Q34800",), coords=(81.3, 43.9), inception=1954),
    record("Q990000052", "Ili River", "river in China and Kazakhstan", ("Ili", "Yili River"), p31=("Q4022",),
           p17=(*CN, *KZ), coords=(77.5, 44.5)),
    record("Q990000053", "Khorgos River", "river on the border of China and Kazakhstan",
           ("Horgos River", "Huoerguosi River", "Horgos", "Korgas River"), p31=("Q4022",), p17=(*CN, *KZ),
           coords=(80.2, 44.2)),
    record("Q990000054", "Khorgas", "county-level city in Xinjiang, China", ("Horgos", "Korgas", "Khorgos"),
           p31=("Q1070990",), p17=CN, p131=("Q990000051",), coords=(80.4, 44.2), inception=2014),
    record("Q990000055", "Yining", "county-level city in Xinjiang, China", ("Gulja", "Ghulja", "Kuldja"),
           p31=("Q1070990",), p17=CN, p131=("Q990000051",), coords=(81.32, 43.91)),
    record("Q990000056", "Yining County", "county in Xinjiang, China", ("Gulja County",), p31=("Q62049",),
           p17=CN, p131=("Q990000051",), coords=(81.5, 43.98)),
    record("Q170521", "Kashgar", "county-level city in Xinjiang, China", ("Kashi", "Kashgar City"),
           p31=("Q1070990",), p17=CN, p131=("Q990000057",), coords=(75.99, 39.47), zh="喀什市"),
    record("Q85877720", "Kashgar Old City", "historic district of Kashgar", ("Kashi Old City",),
           p31=("Q990000911",), p17=CN, p131=("Q170521",)),
    record("Q990000057", "Kashgar Prefecture", "prefecture of Xinjiang, China", ("Kashi Prefecture", "Kashgar"),
           p31=("Q990000909",), p17=CN, p131=("Q34800",), coords=(77.0, 39.0)),
    # persons and the things named after them
    record("Q5816", "Mao Zedong", "Chinese communist revolutionary and politician (1893-1976)",
           ("Mao Tse-tung", "Chairman Mao", "Mao"), p31=("Q5",), p27=CN, born=1893, died=1976, zh="毛泽东"),
    record("Q990000061", "Mao Zedong Thought", "political ideology", ("Maoism",), p31=("Q990000912",)),
    record("Q990000062", "Mao Zedong", "locomotive named after Mao Zedong", p31=("Q990000913",)),
    record("Q16988", "Liu Shaoqi", "Chinese politician (1898-1969)", ("Liu Shao-chi",), p31=("Q5",), p27=CN,
           born=1898, died=1969),
    record("Q990000071", "Kirov", "city in Russia", ("Vyatka",), p31=("Q515",), coords=(49.66, 58.6),
           inception=1181),
    record("Q990000072", "Sergei Kirov", "Soviet politician (1886-1934)", ("Kirov", "Sergey Kirov"),
           p31=("Q5",), p27=("Q15180",), born=1886, died=1934),
    # groups
    record("Q46118", "Uyghurs", "Turkic ethnic group", ("Uighurs", "Uyghur people"), p31=("Q41710",),
           zh="维吾尔族"),
    record("Q990000091", "Uyghur", "Turkic language", ("Uyghur language",), p31=("Q990000916",)),
    record("Q990000092", "Belarusians", "East Slavic ethnic group", ("White Russians", "Byelorussians"),
           p31=("Q41710",)),
]
REDIRECTS = {"Q990000099": "Q35493"}


def main() -> None:
    for old in HERE.glob("Q*.json"):
        old.unlink()
    for rec in RECORDS:
        (HERE / f"{rec['id']}.json").write_text(json.dumps(rec, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
    for source, target in REDIRECTS.items():
        (HERE / f"{source}.json").write_text(json.dumps({
            "_handmade": "hand-made redirect for tests", "_redirect_to": target}) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
