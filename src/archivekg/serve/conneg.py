"""Content negotiation: Accept headers, file suffixes and the Link headers that announce alternates."""
from __future__ import annotations

from dataclasses import dataclass

from .formats import CSV, HTML, JSONLD, NTRIPLES, RESULTS_JSON, RESULTS_XML, TSV, TURTLE

# Representations of a resource description, in order of preference when the client does not care.
PAGE_TYPES = (HTML, TURTLE, JSONLD, NTRIPLES)
SUFFIXES = {".html": HTML, ".ttl": TURTLE, ".jsonld": JSONLD, ".nt": NTRIPLES}
SUFFIX_OF = {v: k for k, v in SUFFIXES.items()}
# Offers: (name a client may ask for, representation served), best first for ``*/*``.
PAGE_OFFERS = ((HTML, HTML), ("application/xhtml+xml", HTML), (TURTLE, TURTLE), ("application/x-turtle", TURTLE),
               (JSONLD, JSONLD), ("application/json", JSONLD), (NTRIPLES, NTRIPLES), ("text/plain", NTRIPLES))
RESULT_OFFERS = ((RESULTS_JSON, RESULTS_JSON), ("application/json", RESULTS_JSON), (RESULTS_XML, RESULTS_XML),
                 ("application/xml", RESULTS_XML), ("text/xml", RESULTS_XML), (CSV, CSV), (TSV, TSV),
                 (HTML, HTML))
GRAPH_OFFERS = ((TURTLE, TURTLE), ("application/x-turtle", TURTLE), (JSONLD, JSONLD), ("application/json", JSONLD),
                (NTRIPLES, NTRIPLES), ("text/plain", NTRIPLES), (HTML, HTML))


@dataclass(frozen=True)
class Range:
    type: str
    subtype: str
    q: float
    order: int

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        t, _, s = media_type.partition("/")
        return self.type in ("*", t) and self.subtype in ("*", s)


def parse_accept(header: str | None) -> list[Range]:
    """Media ranges with their q-values; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [Range("*", "*", 1.0, 0)]
    ranges = []
    for n, part in enumerate(header.split(",")[:64]):  # a bound on work per request
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if media == "*":
            media = "*/*"
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        t, _, s = media.partition("/")
        ranges.append(Range(t, s, q, n))
    return ranges or [Range("*", "*", 1.0, 0)]


def quality(ranges: list[Range], media_type: str) -> float:
    """The q-value the most specific matching range gives this media type (0 if none)."""
    best: Range | None = None
    for r in ranges:
        if r.matches(media_type) and (best is None or r.specificity > best.specificity):
            best = r
    return best.q if best else 0.0


def negotiate(header: str | None, offers: tuple[tuple[str, str], ...]) -> str | None:
    """The representation the client prefers; ties go to the earlier offer, so ``*/*`` gets the first."""
    ranges = parse_accept(header)
    scored = [(quality(ranges, name), -i, served) for i, (name, served) in enumerate(offers)]
    q, _, served = max(scored)
    return served if q > 0 else None


def split_suffix(path: str) -> tuple[str, str | None]:
    """``/doc/place/x.ttl`` -> (``/doc/place/x``, text/turtle); no known suffix -> (path, None)."""
    for suffix, media in SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], media
    return path, None


def link_header(path: str, current: str | None = None) -> str:
    """``Link:`` alternates of a description at ``path`` (without suffix), one per representation."""
    parts = []
    for media in PAGE_TYPES:
        rel = "self" if media == current else "alternate"
        parts.append(f'<{path}{SUFFIX_OF[media]}>; rel="{rel}"; type="{media}"')
    return ", ".join(parts)
