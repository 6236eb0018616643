"""Settings, each declared once: name, default, help, and where it may come from.

A corpus folder may hold ``archivekg.toml``; environment variables ``ARCHIVEKG_<NAME>`` override
it, and command-line options override both. A folder without the file builds with the defaults.
"""
from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

# Files a corpus folder may hold beside its records, known here so that checking whether they
# changed does not import the packages that read them.
REVIEW_NAME = "wikidata-review.yaml"  # the curator's Wikidata decisions
CACHE_NAME = "wikidata-cache.sqlite"  # the HTTP cache of Wikidata answers

CONFIG_NAME = "archivekg.toml"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    kind: type = str


SETTINGS: tuple[Setting, ...] = (
    Setting("base", "https://archivekg.example.org/", "Base IRI; every IRI minted is <base>id/<kind>/<key>."),
    Setting("title", "archivekg dataset", "Dataset title (VoID/DCAT)."),
    Setting("description", "Persons, places, groups, events and sourced claims extracted from archival "
            "records.", "Dataset description (VoID/DCAT)."),
    Setting("license", "https://creativecommons.org/licenses/by/4.0/", "Licence IRI of the published data."),
    Setting("publisher", "archivekg", "Name of the publishing organisation."),
    Setting("contact", "", "Contact e-mail or URL; sent in the Wikidata User-Agent and published in VoID."),
    Setting("archive_name", "Wilson Center Digital Archive", "Name of the digital archive the records "
            "come from, when a record does not say."),
    Setting("language", "en", "Language of the translation texts (ISO 639-1)."),
    Setting("wikidata_api", "https://www.wikidata.org/w/api.php", "Wikidata Action API URL; every "
            "Wikidata request goes through it."),
    Setting("reconcile", "cache", "Wikidata linking: off, cache (recorded answers only) or online."),
    Setting("match_threshold", 0.8, "Score at or above which a Wikidata candidate is accepted "
            "automatically.", float),
    Setting("match_margin", 0.15, "Lead over the runner-up needed for automatic acceptance.", float),
    Setting("max_in_flight", 4, "Most Wikidata requests in flight at once (never above 4).", int),
    Setting("timeout", 20.0, "Seconds before a Wikidata request times out.", float),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    base: str
    title: str
    description: str
    license: str
    publisher: str
    contact: str
    archive_name: str
    language: str
    wikidata_api: str
    reconcile: str
    match_threshold: float
    match_margin: float
    max_in_flight: int
    timeout: float
    path: str | None = None  # the archivekg.toml it came from, if any

    def replace(self, **changes: Any) -> Config:
        """A copy with some values changed (command-line options), checked like the file's."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        given = {k: v for k, v in changes.items() if v is not None}
        values.update(given)
        config = Config(**values)
        check(config, {k: (f"option --{k.replace('_', '-')}", None) for k in given})
        return config


_KIND_WORDS = {float: "a number", int: "a whole number", str: "text in quotes"}


def _coerce(setting: Setting, value: Any, where: str, line: int | None = None) -> Any:
    try:
        if setting.kind is float:
            if isinstance(value, bool):
                raise ValueError
            number = float(value)
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError
            return number
        if setting.kind is int:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            return int(value)
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(f"{setting.name} must be {_KIND_WORDS[setting.kind]}, not {value!r}",
                          path=where, line=line, field=setting.name) from None
    if not isinstance(value, str):
        raise ConfigError(f"{setting.name} must be {_KIND_WORDS[str]}, not {value!r}", path=where, line=line,
                          field=setting.name)
    return value


def _line_of(text: str, key: str) -> int | None:
    """The line that sets ``key`` (``key = ...``) or opens the table ``[key]``."""
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if re.match(rf"^[\"']?{re.escape(key)}[\"']?\s*=", stripped) or re.match(rf"^\[\s*{re.escape(key)}\s*\]",
                                                                                  stripped):
            return n
    return None


def _toml_error(exc: tomllib.TOMLDecodeError, path: Path) -> ConfigError:
    """tomllib says '... (at line 2, column 29)': the line goes where every message has it."""
    text = str(exc)
    m = re.search(r"\s*\(at line (\d+), column \d+\)$", text)
    line = int(m.group(1)) if m else None
    message = text[: m.start()] if m else text
    return ConfigError(f"not valid TOML: {message}", path=str(path), line=line)


def load_config(corpus: Path | None, env: dict[str, str] | None = None) -> Config:
    """Defaults, then ``<corpus>/archivekg.toml``, then ``ARCHIVEKG_*`` environment variables."""
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    path: Path | None = None
    if corpus is not None:
        candidate = corpus / CONFIG_NAME if corpus.is_dir() else corpus.parent / CONFIG_NAME
        if candidate.is_file():
            path = candidate
    origins: dict[str, tuple[str, int | None]] = {}  # setting -> (file or variable, line)
    if path is not None:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError("not UTF-8 text; save the file as UTF-8", path=str(path),
                              line=raw.count(b"\n", 0, exc.start) + 1) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _toml_error(exc, path) from None
        # Allow the settings at top level or under [dataset] / [wikidata] tables.
        flat: dict[str, Any] = {}
        for key, value in data.items():
            if isinstance(value, dict) and key in ("dataset", "wikidata", "build"):
                flat.update(value)
            else:
                flat[key] = value
        for key, value in flat.items():
            if key not in _BY_NAME:
                known = ", ".join(sorted(_BY_NAME))
                close = difflib.get_close_matches(key, list(_BY_NAME), n=1)
                guess = f" (did you mean {close[0]!r}?)" if close else ""
                raise ConfigError(f"unknown setting {key!r}{guess}", path=str(path), line=_line_of(text, key),
                                  hint=f"known settings: {known}")
            origins[key] = (str(path), _line_of(text, key))
            values[key] = _coerce(_BY_NAME[key], value, *origins[key])
    for key, value in (env if env is not None else os.environ).items():
        if key.startswith("ARCHIVEKG_"):
            name = key[len("ARCHIVEKG_"):].lower()
            if name in _BY_NAME:
                origins[name] = (f"environment {key}", None)
                values[name] = _coerce(_BY_NAME[name], value, *origins[name])
    config = Config(**values, path=str(path) if path else None)
    check(config, origins)
    return config


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def _iri_ok(value: str) -> bool:
    return value.startswith(("http://", "https://")) and len(value) > 8 and not _IRI_FORBIDDEN.search(value)


def _iri_problem(value: str) -> str | None:
    """What an RDF parser finds wrong with an IRI (bad percent-escapes, a broken host ...)."""
    from pyoxigraph import NamedNode

    try:
        NamedNode(value)
    except ValueError as exc:
        return str(exc)
    return None


def check(config: Config, origins: dict[str, tuple[str, int | None]] | None = None) -> None:
    """Values each setting accepts; an error names the file and the line (or the variable) that set it."""
    def fail(name: str, message: str) -> ConfigError:
        where, line = (origins or {}).get(name, (config.path or "settings", None))
        return ConfigError(message, path=where, line=line, field=name)

    for name in ("base", "license", "wikidata_api"):
        value = getattr(config, name)
        if not _iri_ok(value):
            raise fail(name, f"{name} must be an http(s) IRI without spaces, quotes or <>{{}}|\\^`, not {value!r}")
        problem = _iri_problem(value)
        if problem:
            raise fail(name, f"{name} is not a valid IRI ({problem}): {value!r}")
    if "#" in config.base:  # every IRI minted under it would hold a second '#'
        raise fail("base", f"base must not have a #fragment, not {config.base!r}")
    if config.reconcile not in ("off", "cache", "online"):
        raise fail("reconcile", f"reconcile must be off, cache or online, not {config.reconcile!r}")
    if not 1 <= config.max_in_flight <= 4:
        raise fail("max_in_flight", f"max_in_flight must be between 1 and 4, not {config.max_in_flight}")
    if not _LANGUAGE.match(config.language):
        raise fail("language", f"language must be a language code such as 'en' or 'pt-BR', not {config.language!r}")
    for name in ("match_threshold", "match_margin"):
        if not 0 <= getattr(config, name) <= 1:
            raise fail(name, f"{name} must be between 0 and 1, not {getattr(config, name)}")
    if not 0 < config.timeout <= 3600:
        raise fail("timeout", f"timeout must be more than 0 and at most 3600 seconds, not {config.timeout}")
    if not config.title.strip():
        raise fail("title", "title must not be empty")


def settings_table() -> str:
    """The settings as a Markdown table, for the README (a test keeps the two in step)."""
    rows = ["| setting | default | meaning |", "| --- | --- | --- |"]
    for s in SETTINGS:
        rows.append(f"| `{s.name}` | `{s.default}` | {s.help} |")
    return "\n".join(rows)
