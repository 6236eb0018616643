"""A static copy of the site, so any static host can publish the dataset with real dereferencing.

Every resource under ``<base>id/`` gets ``doc/<kind>/<key>.html``, ``.ttl``, ``.jsonld`` and
``.nt``, rendered by the same app the server runs (in-process, no socket). The published files
are copied beside them. Rules for Apache (``.htaccess``) and nginx (``nginx.conf``) give
``/id/...`` its 303 to ``/doc/...`` and negotiate ``/doc/...`` by Accept; hosts that cannot run
rules still serve every file, and each page links its alternates (``<link rel="alternate">``).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from .errors import PublishError
from .serve import make_app
from .serve.app import PUBLISHED
from .serve.testing import call
from .store import nquads_path

SUFFIXES = (".html", ".ttl", ".jsonld", ".nt")
PAGES = ("/", "/records", "/browse/person", "/browse/place", "/browse/group", "/timeline", "/map")


@dataclass
class SiteReport:
    resources: int = 0
    files: int = 0


def _write(out: Path, rel: str, body: bytes, report: SiteReport) -> None:
    target = out / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    report.files += 1


def resources(data: Path, base: str) -> list[str]:
    """Every subject IRI under ``<base>id/``, in order (read from the published N-Quads)."""
    found = {q.subject.value for q in ox.parse(path=str(nquads_path(data)), format=ox.RdfFormat.N_QUADS)
             if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(base + "id/")}
    return sorted(found)


def export_site(data: Path, out: Path, base: str | None = None) -> SiteReport:
    """Render the whole site into ``out`` (replaced atomically: written beside it, then swapped)."""
    app = make_app(Path(data), base=base)
    ds = app.ds
    report = SiteReport()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".site-", dir=out.parent))
    try:
        for iri in resources(ds.dir, ds.base):
            key = iri[len(ds.base) + 3:]
            if any(part in ("", ".", "..") for part in key.split("/")):
                continue  # not a path a static host can hold
            for suffix in SUFFIXES:
                r = call(app, "/doc/" + quote(key) + suffix)
                if r.status != 200:
                    raise PublishError(f"rendering {iri} as {suffix} answered {r.status}", path=str(out))
                _write(work, f"doc/{key}{suffix}", r.body, report)
            report.resources += 1
        for page in PAGES:
            r = call(app, page)
            name = "index.html" if page == "/" else page.strip("/") + ".html"
            _write(work, name, _static_links(r.body), report)
        for path in sorted(ds.dir.rglob("*")):
            rel = path.relative_to(ds.dir).as_posix()
            if path.is_file() and PUBLISHED.match(rel):
                _write(work, rel, path.read_bytes(), report)
        _write(work, ".htaccess", apache_rules().encode(), report)
        _write(work, "nginx.conf", nginx_rules().encode(), report)
        if out.exists():
            old = out.with_name(out.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(out, old)
            os.replace(work, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        app.close()
    return report


def _static_links(body: bytes) -> bytes:
    """List pages link to /records etc.; on a static host those are .html files."""
    for page in PAGES[1:]:
        body = body.replace(f'href="{page}"'.encode(), f'href="{page}.html"'.encode())
    return body


def apache_rules() -> str:
    return """# archivekg: Cool URIs on Apache (mod_rewrite, mod_headers, mod_negotiation off for these paths)
Options -MultiViews
RewriteEngine On
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddType application/n-triples .nt
AddType application/n-quads .nq
AddType application/trig .trig
# The IRI of a thing answers 303 See Other with the document about it.
RewriteRule ^id/(.+)$ /doc/$1 [R=303,L]
# /doc/... picks a representation by Accept (HTML unless an RDF type is asked for).
RewriteCond %{HTTP_ACCEPT} text/turtle
RewriteCond %{DOCUMENT_ROOT}/doc/$1.ttl -f
RewriteRule ^doc/(.+?)/?$ /doc/$1.ttl [L,E=vary:1]
RewriteCond %{HTTP_ACCEPT} application/ld\\+json|application/json
RewriteCond %{DOCUMENT_ROOT}/doc/$1.jsonld -f
RewriteRule ^doc/(.+?)/?$ /doc/$1.jsonld [L,E=vary:1]
RewriteCond %{HTTP_ACCEPT} application/n-triples
RewriteCond %{DOCUMENT_ROOT}/doc/$1.nt -f
RewriteRule ^doc/(.+?)/?$ /doc/$1.nt [L,E=vary:1]
RewriteCond %{DOCUMENT_ROOT}/doc/$1.html -f
RewriteRule ^doc/(.+?)/?$ /doc/$1.html [L,E=vary:1]
Header append Vary Accept env=REDIRECT_vary
Header set Access-Control-Allow-Origin "*"
"""


def nginx_rules() -> str:
    return """# archivekg: Cool URIs on nginx; include inside the server { } block serving this folder.
# (the map goes in the http { } block)
#   map $http_accept $ak_suffix {
#       default                    .html;
#       ~text/turtle               .ttl;
#       ~application/(ld\\+)?json   .jsonld;
#       ~application/n-triples     .nt;
#   }
types {
    text/html               html;
    text/turtle             ttl;
    application/ld+json     jsonld;
    application/n-triples   nt;
    application/n-quads     nq;
    application/trig        trig;
}
location ~ ^/id/(.+)$ {
    return 303 /doc/$1;
}
location /doc/ {
    add_header Vary Accept;
    add_header Access-Control-Allow-Origin *;
    try_files $uri $uri$ak_suffix $uri.html =404;
}
"""
