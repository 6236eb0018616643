"""Command line: arguments, progress, and errors turned into one-line messages and exit codes.

Exit codes: 0 success; 1 bad input or data that does not conform; 2 usage error.
No pipeline logic lives here.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .config import SETTINGS, Config, load_config
from .errors import ArchiveKGError, UsageError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _progress(stage: str, n: int, total: int) -> None:
    if not sys.stderr.isatty() or total < 2:
        return
    width = 30
    filled = int(width * n / total)
    print(f"\r{stage:8} [{'#' * filled}{'.' * (width - filled)}] {n}/{total}", end="" if n < total else "\n",
          file=sys.stderr, flush=True)


def _config(args: argparse.Namespace, corpus: Path | None) -> Config:
    config = load_config(corpus)
    changes = {}
    if getattr(args, "base", None):
        changes["base"] = args.base
    if getattr(args, "reconcile", None):
        changes["reconcile"] = args.reconcile
    if getattr(args, "wikidata_api", None):
        changes["wikidata_api"] = args.wikidata_api
    return config.replace(**changes) if changes else config


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build

    corpus = Path(args.corpus)
    if not corpus.exists():
        raise UsageError(f"no such corpus folder or record: {corpus}")
    config = _config(args, corpus)
    summary = build(corpus, Path(args.out), config, skip_invalid=args.skip_invalid, progress=_progress,
                    jobs=max(1, args.jobs), shard=args.shard, incremental=not args.full)
    for w in summary.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for s in summary.skipped:
        print(f"skipped: {s}", file=sys.stderr)
    if summary.up_to_date:
        print(f"up to date: {summary.records} records in {summary.out} ({summary.seconds:.1f} s)")
        return EXIT_OK
    print(f"built {summary.records} records ({summary.rebuilt} rebuilt) -> {summary.out}: {summary.triples} triples, "
          f"{summary.entities} entities, {summary.events} events, {summary.claims} claims; "
          f"validation: {'conforms' if summary.conforms else 'FAILED'}; {summary.seconds:.1f} s")
    if summary.unmodelled:
        print(f"note: {summary.unmodelled} items found but not modelled are listed in "
              f"{Path(summary.out) / 'unmodelled.txt'}")
    return EXIT_INPUT if summary.skipped else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from .draft import to_draft_yaml
    from .extract import extract
    from .ingest import read_record

    doc = read_record(Path(args.record))
    sys.stdout.write(to_draft_yaml(extract(doc), doc))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate_files

    report = validate_files([Path(p) for p in args.files], args.base)
    if report.conforms:
        print(f"conforms: {len(args.files)} file(s)")
        return EXIT_OK
    print(report.describe())
    return EXIT_INPUT


def cmd_reconcile(args: argparse.Namespace) -> int:
    from .reconcile import run_reconcile_command

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise UsageError(f"no such corpus folder: {corpus}")
    config = _config(args, corpus)
    if args.mode:
        config = config.replace(reconcile=args.mode)
    return int(run_reconcile_command(corpus, config))


def cmd_query(args: argparse.Namespace) -> int:
    from .serve import run_query

    return int(run_query(Path(args.data), args.query, args.format))


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import run_serve

    return int(run_serve(Path(args.data), args.host, args.port, args.base, workers=args.workers,
                         timeout=args.timeout) or 0)


def cmd_load(args: argparse.Namespace) -> int:
    from .serve import run_load

    return int(run_load(Path(args.data), args.endpoint, user=args.user, password=args.password,
                        token=args.token, verify=not args.no_verify, auth=args.auth, query_url=args.query_url))


def cmd_site(args: argparse.Namespace) -> int:
    from .serve import run_site

    return int(run_site(Path(args.data), Path(args.out)))


def make_parser() -> argparse.ArgumentParser:
    settings = "\n".join(f"  {s.name:16} {s.help} (default: {s.default!r})" for s in SETTINGS)
    p = _Parser(prog="archivekg", description="Publish archive records as validated CIDOC-CRM linked data.",
                epilog="exit codes: 0 ok, 1 bad input or non-conforming data, 2 usage error\n\n"
                       "settings (archivekg.toml in the corpus, or ARCHIVEKG_<NAME> variables):\n" + settings,
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"archivekg {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def add(name: str, func: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help)
        sp.set_defaults(func=func)
        return sp

    b = add("build", cmd_build, "Build the knowledge graph of a corpus folder into an output folder.")
    b.add_argument("corpus", nargs="?", default="corpus", help="folder of records (default: corpus)")
    b.add_argument("--out", default="output", help="output folder (default: output)")
    b.add_argument("--base", help="base IRI (overrides archivekg.toml)")
    b.add_argument("--reconcile", choices=("off", "cache", "online"),
                   help="Wikidata linking: off, cache (recorded answers only; default) or online")
    b.add_argument("--skip-invalid", action="store_true",
                   help="publish the valid records and list the others (exit 1)")
    b.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    b.add_argument("--shard", help="build part K of N (K/N) of the corpus, by record id")
    b.add_argument("--full", action="store_true", help="rebuild every record, ignoring the previous output")

    e = add("extract", cmd_extract, "Print a record's automatic annotations as a draft curation file.")
    e.add_argument("record", help="a record file")

    r = add("reconcile", cmd_reconcile, "Link the corpus's entities to Wikidata and update the review file.")
    r.add_argument("corpus", nargs="?", default="corpus", help="corpus folder (default: corpus)")
    r.add_argument("--mode", choices=("off", "cache", "online"), help="override the reconcile setting")
    r.add_argument("--wikidata-api", help="Wikidata Action API URL")

    v = add("validate", cmd_validate, "Validate RDF files against the archivekg shapes.")
    v.add_argument("files", nargs="+", help="RDF files (.ttl .nt .nq .trig .jsonld .rdf)")
    v.add_argument("--base", help="base IRI of the project vocabulary (default: from the settings)")

    q = add("query", cmd_query, "Run a SPARQL query on the published data.")
    q.add_argument("query", help="the SPARQL query text")
    q.add_argument("--data", default="output", help="output folder (default: output)")
    q.add_argument("--format", default="table", choices=("table", "json", "csv", "tsv", "xml", "ttl", "jsonld", "nt"),
                   help="result format")

    s = add("serve", cmd_serve, "Serve the published data as linked data with a SPARQL endpoint.")
    s.add_argument("--data", default="output", help="output folder (default: output)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    s.add_argument("--base", help="base IRI the server answers for (default: from the data)")
    s.add_argument("--workers", type=int, default=2, help="server processes (default: 2)")
    s.add_argument("--timeout", type=float, default=10.0, help="SPARQL query time limit, seconds (default: 10)")

    ld = add("load", cmd_load, "Load each record's graph into a remote store (Graph Store Protocol).")
    ld.add_argument("--endpoint", required=True, help="Graph Store Protocol endpoint URL")
    ld.add_argument("--data", default="output", help="output folder (default: output)")
    ld.add_argument("--user", help="user for HTTP basic authentication")
    ld.add_argument("--password", help="password for HTTP basic authentication")
    ld.add_argument("--token", help="bearer token")
    ld.add_argument("--auth", choices=("basic", "digest"), default="basic", help="HTTP authentication scheme")
    ld.add_argument("--query-url", help="SPARQL query URL for the count check (default: guessed from --endpoint)")
    ld.add_argument("--no-verify", action="store_true", help="skip the per-graph count check")

    st = add("site", cmd_site, "Export a static site (HTML, Turtle, JSON-LD per resource).")
    st.add_argument("--data", default="output", help="output folder (default: output)")
    st.add_argument("--out", default="site", help="site folder (default: site)")
    return p


def _printable_streams() -> None:
    """Messages may hold file names that are not UTF-8 (surrogates): print them escaped, never fail."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None) -> int:
    _printable_streams()
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ArchiveKGError as exc:
        if args.debug:
            raise
        print(f"archivekg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("archivekg: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last resort: one line, never a traceback without --debug
        if args.debug:
            raise
        print(f"archivekg: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
