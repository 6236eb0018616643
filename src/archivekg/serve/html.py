"""The page frame and small HTML helpers; every value goes through html.escape.

Pages work without scripts and load nothing from other hosts (the style sheet is inline, the maps
and timelines are SVG). Landmarks, a skip link, labelled form fields and visible focus keep them
usable from a keyboard and a screen reader.
"""
from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from .conneg import PAGE_TYPES, SUFFIX_OF
from .data import Dataset
from .views import Ref

CSS = """
:root{--fg:#1b1b1b;--muted:#4a4a4a;--link:#0b4f9c;--bg:#fff;--band:#f3f5f8;--mark:#fff1a8;--accent:#8a3b12}
*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;
color:var(--fg);background:var(--bg)}a{color:var(--link)}a:focus,button:focus,input:focus,textarea:focus,
select:focus{outline:3px solid #e07b00;outline-offset:2px}.skip{position:absolute;left:-999px}
.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
header.site{background:#14315c;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;
align-items:center}header.site a{color:#fff}header.site nav ul{list-style:none;display:flex;flex-wrap:wrap;
gap:.9rem;margin:0;padding:0}.brand{font-weight:700;text-decoration:none}
form.search{margin-left:auto;display:flex;gap:.3rem}form.search input{padding:.3rem;min-width:14rem}
main{max-width:64rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;line-height:1.25}
.iri{font-family:ui-monospace,monospace;font-size:.85rem;color:var(--muted);word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{text-align:left;vertical-align:top;
padding:.35rem .5rem;border-bottom:1px solid #d5d9e0}th{background:var(--band)}
mark{background:var(--mark);padding:0 .1em}mark a{color:#3b2500}.text{white-space:pre-wrap;background:var(--band);
padding:1rem;border-radius:4px}blockquote{margin:.3rem 0;padding:.3rem .8rem;border-left:4px solid #c9a800;
background:#fffbe6}.muted{color:var(--muted)}.tag{display:inline-block;border:1px solid #9aa5b5;
border-radius:3px;padding:0 .3rem;margin:0 .2rem .2rem 0;font-size:.85rem}
svg .grid{stroke:#c9d1dc;stroke-width:1}svg .tick{font-size:11px;fill:#3a3a3a}svg .label{font-size:12px;fill:#1b1b1b}
svg .mark{fill:var(--accent);stroke:#fff;stroke-width:1}svg .sea{fill:#eef4fa}
svg a:focus .mark{stroke:#e07b00;stroke-width:3}
textarea{width:100%;font-family:ui-monospace,monospace;font-size:.9rem}footer{max-width:64rem;margin:2rem auto;
padding:1rem;color:var(--muted);border-top:1px solid #d5d9e0}.error{border:2px solid #a40000;padding:.6rem;
background:#fff0f0}
"""


_SPECIAL = re.compile(r"[&<>\"']")


def e(value: object) -> str:
    text = str(value)
    # Most labels need no escaping; the search is cheaper than five replacements.
    return escape(text, quote=True) if _SPECIAL.search(text) else text


_ANCHORS: dict[tuple[str, str], str] = {}


def link(ds: Dataset, r: Ref | str | None) -> str:
    """An anchor for a resource (its page if ours, else the IRI itself); text for literals."""
    if r is None:
        return ""
    if isinstance(r, str):
        return e(r)
    key = (r.iri, r.label)
    anchor = _ANCHORS.get(key)
    if anchor is None:
        anchor = f'<a href="{e(ds.href(r.iri))}">{e(r.label)}</a>'
        if len(_ANCHORS) > 200_000:
            _ANCHORS.clear()
        _ANCHORS[key] = anchor
    return anchor


def ext(url: str, text: str | None = None) -> str:
    return f'<a href="{e(url)}" rel="noopener">{e(text or url)}</a>'


def tags(ds: Dataset, refs: list[Ref]) -> str:
    return "".join(f'<span class="tag">{link(ds, r)}</span>' for r in refs)


def table(head: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A table from pre-escaped cells; header cells get scope=col."""
    if not rows:
        return ""
    cap = f"<caption class=\"muted\">{e(caption)}</caption>" if caption else ""
    th = "".join(f'<th scope="col">{e(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{cap}<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def section(title: str, body: str, ident: str = "") -> str:
    if not body:
        return ""
    anchor = f' id="{e(ident)}"' if ident else ""
    return f"<section{anchor}><h2>{e(title)}</h2>{body}</section>"


def alternates(doc_path: str) -> str:
    """Visible links to the other representations of this page."""
    names = {"text/html": "HTML", "text/turtle": "Turtle", "application/ld+json": "JSON-LD",
             "application/n-triples": "N-Triples"}
    links = ", ".join(f'<a href="{e(doc_path + SUFFIX_OF[m])}" type="{m}">{names[m]}</a>' for m in PAGE_TYPES)
    return f"<p>This description as {links}.</p>"


def layout(ds: Dataset, title: str, body: str, *, doc_path: str | None = None, query: str = "") -> str:
    p = ds.prefix
    head_links = ""
    if doc_path:
        head_links = "".join(f'<link rel="alternate" type="{m}" href="{e(doc_path + SUFFIX_OF[m])}">'
                             for m in PAGE_TYPES[1:])
    nav = [("", "Home"), ("records", "Records"), ("browse/person", "People"), ("browse/place", "Places"),
           ("browse/group", "Groups"), ("timeline", "Timeline"), ("map", "Map"), ("sparql", "SPARQL")]
    items = "".join(f'<li><a href="{e(p + href)}">{e(text)}</a></li>' for href, text in nav)
    footer = alternates(doc_path) if doc_path else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)} · {e(site_title(ds))}</title>{head_links}<style>{CSS}</style></head><body>"
        f'<a class="skip" href="#main">Skip to content</a>'
        f'<header class="site"><a class="brand" href="{e(p)}">{e(site_title(ds))}</a>'
        f'<nav aria-label="Main"><ul>{items}</ul></nav>'
        f'<form class="search" role="search" action="{e(p)}search" method="get">'
        f'<label for="q" class="skip">Search names and titles</label>'
        f'<input id="q" name="q" type="search" value="{e(query)}" placeholder="Search names and titles">'
        f'<button type="submit">Search</button></form></header>'
        f'<main id="main">{body}</main><footer>{footer}<p>Data: <a href="{e(p)}void.ttl">VoID</a> · '
        f'<a href="{e(p)}archivekg.nq">N-Quads</a> · <a href="{e(p)}sparql">SPARQL endpoint</a></p></footer>'
        f"</body></html>")


def site_title(ds: Dataset) -> str:
    return ds.title


def qs(**params: str | int) -> str:
    return "?" + "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items())
