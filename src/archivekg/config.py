"""Settings, each declared once: name, default, help, and where it may come from.

A corpus folder may hold ``archivekg.toml``; environment variables ``ARCHIVEKG_<NAME>`` override
it, and command-line options override both. A folder without the file builds with the defaults.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

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
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in changes.items() if v is not None})
        return Config(**values)


def _coerce(setting: Setting, value: Any, where: str) -> Any:
    try:
        if setting.kind is float:
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if setting.kind is int:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            return int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{setting.name} must be a {setting.kind.__name__}, not {value!r}",
                          path=where, field=setting.name) from None
    if not isinstance(value, str):
        raise ConfigError(f"{setting.name} must be a string, not {value!r}", path=where, field=setting.name)
    return value


def _line_of(text: str, key: str) -> int | None:
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(key) and "=" in line:
            return n
    return None


def load_config(corpus: Path | None, env: dict[str, str] | None = None) -> Config:
    """Defaults, then ``<corpus>/archivekg.toml``, then ``ARCHIVEKG_*`` environment variables."""
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    path: Path | None = None
    if corpus is not None:
        candidate = corpus / CONFIG_NAME if corpus.is_dir() else corpus.parent / CONFIG_NAME
        if candidate.is_file():
            path = candidate
    if path is not None:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML: {exc}", path=str(path)) from None
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
                raise ConfigError(f"unknown setting {key!r}", path=str(path), line=_line_of(text, key),
                                  hint=f"known settings: {known}")
            values[key] = _coerce(_BY_NAME[key], value, str(path))
    for key, value in (env if env is not None else os.environ).items():
        if key.startswith("ARCHIVEKG_"):
            name = key[len("ARCHIVEKG_"):].lower()
            if name in _BY_NAME:
                values[name] = _coerce(_BY_NAME[name], value, f"environment {key}")
    config = Config(**values, path=str(path) if path else None)
    check(config)
    return config


def check(config: Config) -> None:
    where = config.path or "settings"
    if not config.base.startswith(("http://", "https://")) or any(c in config.base for c in ' <>"{}|\\^`'):
        raise ConfigError(f"base must be an http(s) IRI, not {config.base!r}", path=where, field="base")
    if config.reconcile not in ("off", "cache", "online"):
        raise ConfigError(f"reconcile must be off, cache or online, not {config.reconcile!r}",
                          path=where, field="reconcile")
    if not 1 <= config.max_in_flight <= 4:
        raise ConfigError("max_in_flight must be between 1 and 4", path=where, field="max_in_flight")


def settings_table() -> str:
    """The settings as a Markdown table, for the README (a test keeps the two in step)."""
    rows = ["| setting | default | meaning |", "| --- | --- | --- |"]
    for s in SETTINGS:
        rows.append(f"| `{s.name}` | `{s.default}` | {s.help} |")
    return "\n".join(rows)
