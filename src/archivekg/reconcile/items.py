"""Read the few facts scoring needs out of a Wikidata entity record (canonical JSON). Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class Item:
    """What a wbgetentities record says that matters here."""

    qid: str  # the item's own id (the redirect target when the requested id was merged)
    label: str | None = None  # English, else language-neutral (mul), else any
    description: str | None = None
    names: tuple[str, ...] = ()  # labels and aliases in every language returned
    p31: tuple[str, ...] = ()  # instance of
    p279: tuple[str, ...] = ()  # subclass of
    p17: tuple[str, ...] = ()  # country
    p131: tuple[str, ...] = ()  # located in the administrative territorial entity
    p27: tuple[str, ...] = ()  # country of citizenship
    coordinates: tuple[float, float] | None = None  # (longitude, latitude)
    precision: float | None = None  # of the coordinates, in degrees
    inception: int | None = None  # years (P571); begin of existence
    dissolved: int | None = None  # P576
    born: int | None = None  # P569
    died: int | None = None  # P570
    redirected_from: str | None = None
    missing: bool = False

    @property
    def begins(self) -> int | None:
        return self.born if self.born is not None else self.inception

    @property
    def ends(self) -> int | None:
        return self.died if self.died is not None else self.dissolved


def is_qid(text: str) -> bool:
    return bool(QID.match(text))


def best_statements(claims: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    """Non-deprecated statements; only the preferred ones when any is preferred."""
    statements = [s for s in claims.get(prop, []) or [] if isinstance(s, dict)]
    statements = [s for s in statements if s.get("rank") != "deprecated"]
    preferred = [s for s in statements if s.get("rank") == "preferred"]
    return preferred or statements


def _value(statement: dict[str, Any]) -> Any:
    snak = statement.get("mainsnak") or {}
    if snak.get("snaktype", "value") != "value":
        return None
    return (snak.get("datavalue") or {}).get("value")


def item_ids(claims: dict[str, Any], prop: str, *, all_ranks: bool = False) -> tuple[str, ...]:
    statements = ([s for s in claims.get(prop, []) or [] if isinstance(s, dict) and s.get("rank") != "deprecated"]
                  if all_ranks else best_statements(claims, prop))
    out: list[str] = []
    for s in statements:
        value = _value(s)
        if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"] not in out:
            out.append(value["id"])
    return tuple(out)


def year_of(value: Any) -> int | None:
    """The year of a Wikidata time value ("+1922-12-30T00:00:00Z"), any precision down to years."""
    if not isinstance(value, dict):
        return None
    match = re.match(r"^([+-]?)(\d{1,16})-", str(value.get("time", "")))
    if not match:
        return None
    precision = value.get("precision", 11)
    if isinstance(precision, int) and precision < 9:
        return None  # decade or coarser: too vague to compare with a document date
    year = int(match.group(2))
    return -year if match.group(1) == "-" else year


def _years(claims: dict[str, Any], prop: str) -> list[int]:
    return [y for y in (year_of(_value(s)) for s in best_statements(claims, prop)) if y is not None]


def _coordinates(claims: dict[str, Any]) -> tuple[tuple[float, float] | None, float | None]:
    for s in best_statements(claims, "P625"):
        value = _value(s)
        if not isinstance(value, dict):
            continue
        globe = value.get("globe", "http://www.wikidata.org/entity/Q2")
        if globe and not str(globe).endswith("/Q2"):
            continue  # not on Earth
        try:
            lat, lon = float(value["latitude"]), float(value["longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            precision = value.get("precision")
            return (lon, lat), float(precision) if isinstance(precision, int | float) else None
    return None, None


def _pick_label(labels: dict[str, Any]) -> str | None:
    for lang in ("en", "mul", "en-gb", "en-us"):
        value = (labels.get(lang) or {}).get("value")
        if value:
            return str(value)
    for lang in sorted(labels):
        value = (labels.get(lang) or {}).get("value")
        if value:
            return str(value)
    return None


def parse_item(requested: str, record: dict[str, Any]) -> Item:
    """An Item from one ``entities`` entry; ``missing`` for unknown ids."""
    if "missing" in record or not isinstance(record.get("id", requested), str):
        return Item(qid=requested, missing=True)
    qid = str(record.get("id") or requested)
    redirects = record.get("redirects")
    redirected = None
    if isinstance(redirects, dict) and redirects.get("from"):
        redirected = str(redirects["from"])
    elif qid != requested:
        redirected = requested
    labels = record.get("labels") or {}
    descriptions = record.get("descriptions") or {}
    aliases = record.get("aliases") or {}
    names: list[str] = []
    for lang in sorted(labels):
        value = (labels[lang] or {}).get("value")
        if value and value not in names:
            names.append(str(value))
    for lang in sorted(aliases):
        for alias in aliases[lang] or []:
            value = alias.get("value") if isinstance(alias, dict) else None
            if value and value not in names:
                names.append(str(value))
    claims = record.get("claims") or {}
    if not isinstance(claims, dict):
        claims = {}
    coordinates, precision = _coordinates(claims)
    inception, dissolved = _years(claims, "P571"), _years(claims, "P576")
    born, died = _years(claims, "P569"), _years(claims, "P570")
    description = None
    for lang in ("en", "mul"):
        value = (descriptions.get(lang) or {}).get("value")
        if value:
            description = str(value)
            break
    return Item(
        qid=qid, label=_pick_label(labels), description=description, names=tuple(names),
        p31=item_ids(claims, "P31", all_ranks=True), p279=item_ids(claims, "P279", all_ranks=True),
        p17=item_ids(claims, "P17", all_ranks=True), p131=item_ids(claims, "P131", all_ranks=True),
        p27=item_ids(claims, "P27", all_ranks=True), coordinates=coordinates, precision=precision,
        inception=min(inception) if inception else None, dissolved=max(dissolved) if dissolved else None,
        born=min(born) if born else None, died=max(died) if died else None,
        redirected_from=redirected)
