"""Persons, places and groups with their typed names (appellations)."""
from __future__ import annotations

from ..records import Entity
from ..vocab import RDFS_NS, SKOS_NS, crm, digest, slug
from .context import RecordContext
from .terms import GraphBuilder, text

LABEL = RDFS_NS + "label"
ALT = SKOS_NS + "altLabel"
CLASSES = {"person": "E21_Person", "place": "E53_Place", "group": "E74_Group", "cohort": "E74_Group"}


def name_forms(entity: Entity, canonical: str) -> list[tuple[str, str]]:
    """(name, name type) for every form of the entity, the canonical label first."""
    forms: list[tuple[str, str]] = [(canonical, "PreferredName")]
    seen = {canonical}
    for names, kind in ((entity.variants, "VariantName"), (entity.uncertain, "UncertainTransliteration"),
                        (entity.pseudonyms, "Pseudonym"), ((entity.label,), "VariantName")):
        for name in names:
            name = " ".join(name.split())
            if name and name not in seen:
                seen.add(name)
                forms.append((name, kind))
    return forms


def model_entity(b: GraphBuilder, ctx: RecordContext, entity: Entity) -> str:
    ident = ctx.entity_iris[entity.key]
    node = ident.iri
    m = ctx.minter
    b.a(node, crm(CLASSES[entity.kind]))
    b.text(node, LABEL, ident.label)
    kind_key = "group" if entity.kind == "cohort" else entity.kind
    entity_slug = node.rstrip("/").rsplit("/", 1)[-1]
    for name, name_type in name_forms(entity, ident.label):
        if name != ident.label:
            b.text(node, ALT, name)
        # Two spellings can share a slug ("Viet Nam", "Viet-Nam"): the hash keeps their IRIs apart.
        app = m.id("appellation", kind_key, entity_slug, f"{slug(name)}-{digest(name, length=6)}")
        b.a(app, crm("E33_E41_Linguistic_Appellation"))
        b.crm(app, "P190_has_symbolic_content", text(name))
        b.crm(app, "P2_has_type", m.vocab + name_type)
        b.text(app, LABEL, name)
        b.crm(node, "P1_is_identified_by", app)
    if entity.subtype:
        t = m.id("type", slug(entity.subtype))
        b.a(t, crm("E55_Type"))
        b.text(t, LABEL, entity.subtype)
        b.crm(node, "P2_has_type", t)
    if entity.kind == "cohort":
        b.crm(node, "P2_has_type", m.vocab + "Cohort")
    return node
