"""Namespaces and IRI minting.

CRM is a closed namespace: a mistyped term raises at import time instead of minting a wrong IRI.
IRIs are ``<base>id/<kind>/<key>``, keys derived from content (record id, canonical name).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

CRM_NS = "http://www.cidoc-crm.org/cidoc-crm/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS_NS = "http://purl.org/dc/terms/"
PROV_NS = "http://www.w3.org/ns/prov#"
OA_NS = "http://www.w3.org/ns/oa#"
RICO_NS = "https://www.ica.org/standards/RiC/ontology#"
VOID_NS = "http://rdfs.org/ns/void#"
DCAT_NS = "http://www.w3.org/ns/dcat#"
LA_NS = "https://linked.art/ns/terms/"
GEO_NS = "http://www.opengis.net/ont/geosparql#"
BIBO_NS = "http://purl.org/ontology/bibo/"
FOAF_NS = "http://xmlns.com/foaf/0.1/"
SH_NS = "http://www.w3.org/ns/shacl#"
WD_NS = "http://www.wikidata.org/entity/"

PREFIXES: dict[str, str] = {
    "crm": CRM_NS, "rdf": RDF_NS, "rdfs": RDFS_NS, "xsd": XSD_NS, "skos": SKOS_NS,
    "dcterms": DCTERMS_NS, "prov": PROV_NS, "oa": OA_NS, "rico": RICO_NS, "void": VOID_NS,
    "dcat": DCAT_NS, "la": LA_NS, "geo": GEO_NS, "bibo": BIBO_NS, "foaf": FOAF_NS, "wd": WD_NS,
}

# The repository's top-level folders (the package is installed from the checkout).
PROJECT_DIR = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = PROJECT_DIR / "ontology"
SHAPES_DIR = PROJECT_DIR / "shapes"
CRM_RDFS = ONTOLOGY_DIR / "CIDOC_CRM_v7.1.3.rdf"
PROJECT_VOCAB = ONTOLOGY_DIR / "archivekg.ttl"


@lru_cache(maxsize=1)
def crm_terms() -> frozenset[str]:
    """Local names declared in the pinned CIDOC-CRM 7.1.3 RDFS."""
    text = CRM_RDFS.read_text(encoding="utf-8")
    return frozenset(re.findall(r'rdf:about="([A-Za-z0-9_-]+)"', text))


def crm(name: str) -> str:
    """The IRI of a CRM class or property, refusing names 7.1.3 does not declare."""
    if name not in crm_terms():
        raise AttributeError(f"{name!r} is not a CIDOC-CRM 7.1.3 term")
    return CRM_NS + name


@lru_cache(maxsize=65536)
def slug(text: str, limit: int = 80) -> str:
    """A readable, stable IRI key: ASCII, lower case, words joined with hyphens."""
    original = text
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\[sic\]", " ", text, flags=re.I)
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    if len(text) > limit:
        text = text[:limit].rstrip("-")
    if not text:
        # Names with no Latin letters ("毛泽东") still need a stable key of their own.
        return "h" + digest(original or "empty")
    return text


def digest(*parts: object, length: int = 10) -> str:
    """A short content hash (hex) of the parts, stable across runs and machines."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return h[:length]


SAFE_KEY = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")  # (\Z: "$" would let a final newline in)


def safe_key(text: str) -> str:
    """A record id or key usable as an IRI segment and a file name; else a slug of it."""
    if SAFE_KEY.match(text) and ".." not in text:
        return text
    return slug(text) + "-" + digest(text, length=6)


class Minter:
    """Mints the project's IRIs under one base."""

    KINDS = ("person", "place", "group", "document", "text", "digital", "event", "claim", "timespan",
             "dimension", "annotation", "appellation", "identifier", "record-set", "activity",
             "agent", "object", "type", "unit", "link", "language")

    def __init__(self, base: str) -> None:
        if not base.endswith("/"):
            base += "/"
        self.base = base
        self.vocab = base + "vocab#"

    def id(self, kind: str, *keys: str) -> str:
        if kind not in self.KINDS:
            raise ValueError(f"unknown IRI kind {kind!r}")
        return self.base + "id/" + kind + "/" + "/".join(keys)

    def graph(self, name: str) -> str:
        return self.base + "graph/" + name

    def term(self, name: str) -> str:
        return self.vocab + name
