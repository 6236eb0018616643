"""The review file ``wikidata-review.yaml``: machine candidates, human decisions.

One entry per entity. The machine writes ``status``, ``reason``, ``auto`` and ``candidates``; the
curator owns ``decision`` (``accept`` = the first candidate listed, ``reject`` = no link, or a
QID), ``decided``, ``curator`` and ``note``. Later runs refresh the machine fields and never touch
the curator's: an entry with a decision keeps it verbatim, and the accepted candidate stays first.
Comments are kept where they stood (before an entry, before a field, at the end of a field line).
Writes are atomic (temporary file + ``os.replace``) and happen only when the text changes.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import CurationError
from ..records import ENTITY_KINDS
from .names import fold

DECISION = re.compile(r"^(accept|reject|Q[1-9][0-9]*)$", re.I)
HUMAN_FIELDS = ("decision", "decided", "curator", "note")
STATUSES = ("auto", "review", "none", "unreached", "curator")
HEADER = (
    "# Wikidata review file for this corpus, read and written by `archivekg reconcile` and builds.",
    "# The machine fills status, reason, auto and candidates (best first, each score with its parts).",
    "# Curators edit `decision:` -- accept (the first candidate listed), reject (no link) or a QID --",
    "# and may add decided (ISO date), curator and note. Later runs never overwrite these fields.",
)
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@dataclass
class Candidate:
    qid: str
    label: str | None = None
    description: str | None = None
    score: float | None = None  # None: not scored by the machine (a curator's own entry)
    parts: tuple[tuple[str, float], ...] = ()
    flags: tuple[str, ...] = ()
    coordinates: tuple[float, float] | None = None  # (lon, lat) from the item's P625


@dataclass
class Entry:
    iri: str
    kind: str
    label: str
    names: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    status: str = "review"
    reason: str = ""
    auto: str | None = None  # QID the machine accepted
    auto_decided: str | None = None
    decision: str | None = None
    decided: str | None = None
    curator: str | None = None
    note: str | None = None
    candidates: list[Candidate] = field(default_factory=list)
    line: int | None = None
    comments: dict[str, list[str]] = field(default_factory=dict)  # "" = before the entry
    trailing: dict[str, str] = field(default_factory=dict)  # field -> "# comment" on its line

    def verdict(self) -> str | None:
        """The curator's decision as a QID, "reject", or None when undecided."""
        if not self.decision:
            return None
        d = self.decision.strip()
        if d.lower() == "reject":
            return "reject"
        if d.lower() == "accept":
            return self.candidates[0].qid if self.candidates else None
        return d.upper()

    def candidate(self, qid: str) -> Candidate | None:
        return next((c for c in self.candidates if c.qid == qid), None)


@dataclass
class Review:
    path: Path
    entries: list[Entry] = field(default_factory=list)
    header: list[str] = field(default_factory=lambda: list(HEADER))
    footer: list[str] = field(default_factory=list)

    def find(self, iri: str, kind: str, label: str) -> Entry | None:
        """The entry for an entity: by IRI, else by kind and folded label (the base may change)."""
        by_iri, by_label = self._index()
        if iri in by_iri:
            return by_iri[iri]
        matches = by_label.get((kind, fold(label)), [])
        return matches[0] if len(matches) == 1 else None

    def _index(self) -> tuple[dict[str, Entry], dict[tuple[str, str], list[Entry]]]:
        # Rebuilt when entries were added or replaced since the last lookup.
        key = (len(self.entries), id(self.entries[-1]) if self.entries else 0)
        if getattr(self, "_index_key", None) != key:
            by_iri: dict[str, Entry] = {}
            by_label: dict[tuple[str, str], list[Entry]] = {}
            for e in self.entries:
                by_iri.setdefault(e.iri, e)
                by_label.setdefault((e.kind, fold(e.label)), []).append(e)
            self._index_cache = (by_iri, by_label)
            self._index_key = key
        return self._index_cache


# -- reading ----------------------------------------------------------------------------------

def _err(path: Path, message: str, node: yaml.Node | None = None, fld: str | None = None) -> CurationError:
    line = node.start_mark.line + 1 if node is not None else None
    return CurationError(message, path=str(path), line=line, field=fld,
                         hint="see the comment at the top of the review file")


def _scalar(path: Path, node: yaml.Node, fld: str) -> str | None:
    if not isinstance(node, yaml.ScalarNode):
        raise _err(path, f"{fld} must be a single value", node, fld)
    if node.tag.endswith(":null") or (node.value == "" and node.style is None):
        return None
    return str(node.value)


def _strings(path: Path, node: yaml.Node, fld: str) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~"):
        return ()
    if not isinstance(node, yaml.SequenceNode):
        raise _err(path, f"{fld} must be a list", node, fld)
    return tuple(str(v) for v in (_scalar(path, n, fld) for n in node.value) if v is not None)


def _number(path: Path, node: yaml.Node, fld: str) -> float:
    text = _scalar(path, node, fld)
    try:
        return float(text or 0)
    except ValueError:
        raise _err(path, f"{fld} must be a number, not {text!r}", node, fld) from None


def _mapping(node: yaml.Node, path: Path, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise _err(path, f"{what} must be a mapping", node)
    out: dict[str, yaml.Node] = {}
    for k, v in node.value:
        key = str(k.value)
        if key in out:
            raise _err(path, f"{key} given twice", k, key)
        out[key] = v
    return out


def _candidate(path: Path, node: yaml.Node) -> Candidate:
    m = _mapping(node, path, "a candidate")
    qid = _scalar(path, m["qid"], "qid") if "qid" in m else None
    if not qid or not re.match(r"^Q[1-9][0-9]*$", qid):
        raise _err(path, f"a candidate needs a qid like Q42, not {qid!r}", node, "qid")
    parts: list[tuple[str, float]] = []
    if "parts" in m:
        for k, v in _mapping(m["parts"], path, "parts").items():
            parts.append((k, _number(path, v, f"parts.{k}")))
    coords = None
    if "coordinates" in m:
        values = _strings(path, m["coordinates"], "coordinates")
        if values:
            try:
                lon, lat = (float(v) for v in values)
            except ValueError:
                raise _err(path, "coordinates must be [longitude, latitude]", m["coordinates"],
                           "coordinates") from None
            coords = (lon, lat)
    return Candidate(
        qid=qid, label=_scalar(path, m["label"], "label") if "label" in m else None,
        description=_scalar(path, m["description"], "description") if "description" in m else None,
        score=_number(path, m["score"], "score") if "score" in m else None, parts=tuple(parts),
        flags=_strings(path, m["flags"], "flags") if "flags" in m else (), coordinates=coords)


ENTRY_KEYS = ("iri", "kind", "label", "names", "records", "status", "reason", "auto", "auto_decided",
              *HUMAN_FIELDS, "candidates")


def _entry(path: Path, node: yaml.Node) -> Entry:
    m = _mapping(node, path, "an entry")
    for key, value in m.items():
        # A mistyped key ("decison") would otherwise be dropped with the decision it holds.
        if key not in ENTRY_KEYS:
            raise CurationError(f"unknown key {key!r} in an entry; the keys are {', '.join(ENTRY_KEYS)}",
                                path=str(path), line=_key_line(node, key) or value.start_mark.line + 1, field=key,
                                hint="see the comment at the top of the review file")
    for need in ("iri", "kind", "label"):
        if need not in m or not _scalar(path, m[need], need):
            raise _err(path, f"an entry needs {need}", node, need)
    kind = str(_scalar(path, m["kind"], "kind"))
    if kind not in ENTITY_KINDS:
        raise _err(path, f"kind must be one of {', '.join(ENTITY_KINDS)}, not {kind!r}", m["kind"], "kind")
    text = {k: _scalar(path, m[k], k) for k in ("status", "reason", "auto", "auto_decided", *HUMAN_FIELDS)
            if k in m}
    decision = text.get("decision")
    if decision is not None and not DECISION.match(decision.strip()):
        raise _err(path, f"decision must be accept, reject or a QID like Q42, not {decision!r}",
                   m["decision"], "decision")
    candidates = []
    if "candidates" in m:
        seq = m["candidates"]
        if isinstance(seq, yaml.SequenceNode):
            candidates = [_candidate(path, c) for c in seq.value]
        elif not (isinstance(seq, yaml.ScalarNode) and seq.value in ("", "null", "~")):
            raise _err(path, "candidates must be a list", seq, "candidates")
    if decision and decision.strip().lower() == "accept" and not candidates:
        raise _err(path, "decision accept needs a candidate to accept (or write the QID)",
                   m["decision"], "decision")
    return Entry(
        iri=str(_scalar(path, m["iri"], "iri")), kind=kind, label=str(_scalar(path, m["label"], "label")),
        names=_strings(path, m["names"], "names") if "names" in m else (),
        records=_strings(path, m["records"], "records") if "records" in m else (),
        status=text.get("status") or "review", reason=text.get("reason") or "", auto=text.get("auto"),
        auto_decided=text.get("auto_decided"), decision=decision.strip() if decision else None,
        decided=text.get("decided"), curator=text.get("curator"), note=text.get("note"),
        candidates=candidates, line=node.start_mark.line + 1)


def _key_line(node: yaml.Node, key: str) -> int | None:
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if getattr(k, "value", None) == key:
                return int(k.start_mark.line) + 1
    return None


def load_review(path: Path) -> Review:
    """Read the review file (a missing file is an empty review); errors carry line numbers."""
    review = Review(path)
    if path.is_dir():
        raise CurationError("is a folder, not a review file", path=str(path))
    if not path.is_file():
        return review
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise CurationError("not UTF-8 text; save the review file as UTF-8", path=str(path), line=line) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
    try:
        events = iter(yaml.parse(text, Loader=loader))
        _expect(events, yaml.StreamStartEvent)
        first = next(events)
        if isinstance(first, yaml.StreamEndEvent):
            return review  # an empty file
        start = next(events)
        root = None  # a top that is not a mapping, kept to be refused once the YAML is known valid
        if isinstance(start, yaml.MappingStartEvent):
            _read_top(path, start, events, review)
        else:
            root = _compose(start, events, {})
        _expect(events, yaml.DocumentEndEvent)
        after = next(events)
        if not isinstance(after, yaml.StreamEndEvent):
            mark: Any = after.start_mark
            raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                              "but found another document", mark)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CurationError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=str(path),
                            line=mark.line + 1 if mark else None) from None
    if root is not None:
        _mapping(root, path, "the review file")  # raises: the top is not a mapping
    _attach_comments(review, text)
    return review


_NULL_TAG = "tag:yaml.org,2002:null"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


def _expect(events: Any, kind: type) -> None:
    event = next(events)
    if not isinstance(event, kind):
        mark: Any = event.start_mark
        raise yaml.composer.ComposerError(None, None, f"expected {kind.__name__}", mark)


def _compose(event: Any, events: Any, anchors: dict[str, yaml.Node]) -> yaml.Node:
    """One node from the parser's events. The reader needs no typed values, only to know a null
    from a string, so plain scalars are not resolved further: yaml.compose resolves every scalar
    with regular expressions, which was most of the time of reading a large review file."""
    node: yaml.Node
    start: Any = event.start_mark  # libyaml's marks are another type than PyYAML's
    if isinstance(event, yaml.AliasEvent):
        if event.anchor not in anchors:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}", start)
        return anchors[event.anchor]
    if isinstance(event, yaml.ScalarEvent):
        style = event.style or None  # libyaml's events say "" for a plain scalar, its nodes None
        tag = event.tag if event.tag and event.tag != "!" else (
            _NULL_TAG if style is None and event.value in _NULLS else "tag:yaml.org,2002:str")
        node = yaml.ScalarNode(tag, event.value, start, start, style=style)
    elif isinstance(event, yaml.SequenceStartEvent):
        items: list[yaml.Node] = []
        node = yaml.SequenceNode(event.tag or "tag:yaml.org,2002:seq", items, start, None)
        for child in events:
            if isinstance(child, yaml.SequenceEndEvent):
                break
            items.append(_compose(child, events, anchors))
    elif isinstance(event, yaml.MappingStartEvent):
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        node = yaml.MappingNode(event.tag or "tag:yaml.org,2002:map", pairs, start, None)
        for child in events:
            if isinstance(child, yaml.MappingEndEvent):
                break
            pairs.append((_compose(child, events, anchors), _compose(next(events), events, anchors)))
    else:
        raise yaml.composer.ComposerError(None, None, f"unexpected {type(event).__name__}", event.start_mark)
    if getattr(event, "anchor", None):
        anchors[event.anchor] = node
    return node


def _read_top(path: Path, start: Any, events: Any, review: Review) -> None:
    """The top mapping, its entries read one at a time: a review file grows with the corpus
    (tens of megabytes at 10,000 records), and a tree of all its nodes took hundreds of MB."""
    anchors: dict[str, yaml.Node] = {}
    seen_keys: set[str] = set()
    for event in events:
        if isinstance(event, yaml.MappingEndEvent):
            return
        key = _compose(event, events, anchors)
        name = str(key.value)
        if name in seen_keys:
            raise _err(path, f"{name} given twice", key, name)
        seen_keys.add(name)
        value = next(events)
        if name != "entities":
            _compose(value, events, anchors)
            continue
        if not isinstance(value, yaml.SequenceStartEvent):
            node = _compose(value, events, anchors)
            if isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~"):
                continue
            raise _err(path, "entities must be a list", node, "entities")
        seen: dict[str, int] = {}
        for item in events:
            if isinstance(item, yaml.SequenceEndEvent):
                break
            node = _compose(item, events, anchors)
            entry = _entry(path, node)
            if entry.iri in seen:
                raise _err(path, f"{entry.iri} listed twice (first at line {seen[entry.iri]})", node, "iri")
            seen[entry.iri] = entry.line or 0
            review.entries.append(entry)


def _comment_of(line: str) -> str | None:
    """A trailing ``# comment`` outside quotes, if any."""
    if "#" not in line:
        return None
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote and (quote == "'" or line[i - 1] != "\\"):
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#" and i > 0 and line[i - 1] in " \t":
            return line[i:].rstrip()
    return None


def _attach_comments(review: Review, text: str) -> None:
    lines = text.splitlines()
    header: list[str] = []
    i = 0
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
        if lines[i].strip():
            header.append(lines[i].rstrip())
        i += 1
    if header:
        review.header = header
    by_line = {e.line: e for e in review.entries}
    current: Entry | None = None
    pending: list[str] = []
    for n in range(i, len(lines)):
        line = lines[n]
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped)
            continue
        key: str | None
        if n + 1 in by_line:
            current = by_line[n + 1]
            key = ""
        else:
            match = re.match(r"^  ([a-z_]+):", line)
            key = match.group(1) if match and current is not None else None
        if key is None:
            if current is not None and pending:
                current.comments.setdefault("candidates", []).extend(pending)
                pending = []
            continue
        if current is None:
            continue
        if pending:
            current.comments.setdefault(key, []).extend(pending)
            pending = []
        first = re.match(r"^- ([a-z_]+):", line)
        fld = first.group(1) if first else key
        trail = _comment_of(line)
        if trail and fld in HUMAN_FIELDS:
            current.trailing[fld] = trail
    review.footer = pending


# -- writing ----------------------------------------------------------------------------------

def _q(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(round(float(value), 3)) if isinstance(value, float) else str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(values: tuple[object, ...] | list[object]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def render(review: Review) -> str:
    out: list[str] = [*review.header, "version: 1", "entities:"]
    for e in review.entries:
        out.extend(e.comments.get("", []))

        def put(key: str, value: str, e: Entry = e, first: bool = False) -> None:
            if not first:
                out.extend("  " + c for c in e.comments.get(key, []))
            line = f"{'- ' if first else '  '}{key}:" + (f" {value}" if value else "")
            if key in e.trailing:
                line += "  " + e.trailing[key]
            out.append(line)

        put("iri", _q(e.iri), first=True)
        put("kind", _q(e.kind))
        put("label", _q(e.label))
        put("names", _flow(e.names))
        if e.records:
            put("records", _flow(e.records))
        put("status", _q(e.status))
        if e.reason:
            put("reason", _q(e.reason))
        if e.auto:
            put("auto", _q(e.auto))
            put("auto_decided", _q(e.auto_decided))
        for key in HUMAN_FIELDS:
            value = getattr(e, key)
            if key == "decision" or value:
                put(key, _q(value))
        if e.candidates:
            put("candidates", "")
            for c in e.candidates:
                out.append(f"  - qid: {_q(c.qid)}")
                out.append(f"    label: {_q(c.label or '')}")
                if c.description:
                    out.append(f"    description: {_q(c.description)}")
                if c.score is not None:
                    out.append(f"    score: {_q(float(c.score))}")
                if c.parts:
                    out.append("    parts: {" + ", ".join(f"{k}: {_q(float(v))}" for k, v in c.parts) + "}")
                if c.flags:
                    out.append(f"    flags: {_flow(c.flags)}")
                if c.coordinates:
                    out.append(f"    coordinates: {_flow(c.coordinates)}")
        else:
            put("candidates", "[]")
    out.extend(review.footer)
    return "\n".join(out) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def save_review(review: Review) -> bool:
    """Write the review file if its text changed; returns whether it was written."""
    text = render(review)
    if review.path.is_file() and review.path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(review.path, text)
    return True


# -- merging a run's results --------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """What the machine found for one entity in this run."""

    iri: str
    kind: str
    label: str
    names: tuple[str, ...]
    records: tuple[str, ...]
    status: str  # auto | review | none | unreached | curator
    reason: str
    candidates: tuple[Candidate, ...] | None  # None: not reached this run, keep the old list
    auto: str | None = None


def today_iso(today: str | None) -> str:
    return today or _dt.date.today().isoformat()


def merge(review: Review, outcomes: list[Outcome], today: str | None) -> Review:
    """Fold a run's outcomes into the review; curator fields and comments are carried over."""
    used: set[int] = set()
    entries: list[Entry] = []
    for o in outcomes:
        old = review.find(o.iri, o.kind, o.label)
        if old is not None:
            used.add(id(old))
        e = replace(old, iri=o.iri) if old is not None else Entry(iri=o.iri, kind=o.kind, label=o.label)
        e.kind, e.label, e.names, e.records = o.kind, o.label, o.names, o.records
        e.status, e.reason = o.status, o.reason
        if o.candidates is not None:
            fresh = list(o.candidates)
            pinned = old.verdict() if old is not None else None
            if old is not None and old.decision and old.decision.lower() == "accept" and pinned:
                # "accept" means the candidate the curator saw first: keep it first.
                keep = next((c for c in fresh if c.qid == pinned), old.candidate(pinned))
                fresh = [keep, *[c for c in fresh if c.qid != pinned]] if keep else fresh
            if fresh or old is None or not old.candidates:
                e.candidates = fresh
        if o.auto:
            if e.auto != o.auto or not e.auto_decided:
                e.auto_decided = today_iso(today)
            e.auto = o.auto
        else:
            e.auto, e.auto_decided = None, None
        entries.append(e)
    # Entries of entities not seen this run are kept when a curator decided something.
    for old in review.entries:
        if id(old) not in used and old.decision:
            entries.append(old)
    entries.sort(key=lambda e: (e.kind, fold(e.label), e.iri))
    return Review(review.path, entries, review.header, review.footer)


def as_plain(review: Review) -> list[dict[str, Any]]:
    """The entries as plain dicts (for tests and reports)."""
    return [{"iri": e.iri, "kind": e.kind, "label": e.label, "status": e.status, "decision": e.decision,
             "auto": e.auto, "candidates": [c.qid for c in e.candidates]} for e in review.entries]
