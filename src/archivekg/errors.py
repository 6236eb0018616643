"""One root error, one family per stage. Each carries the file and the place (line, field).

Only ``cli.py`` turns these into messages and exit codes.
"""
from __future__ import annotations


class ArchiveKGError(Exception):
    """Root of every error archivekg raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        self.hint = hint

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f" ({self.field})" if where else self.field
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class UsageError(ArchiveKGError):
    """The command line asked for something impossible."""

    exit_code = 2


class ConfigError(ArchiveKGError):
    """archivekg.toml or an environment setting is wrong."""


class IngestError(ArchiveKGError):
    """A record file cannot be read as a record."""


class CurationError(ArchiveKGError):
    """A curation file is malformed or refers to something that does not exist."""


class ExtractError(ArchiveKGError):
    """An extracted item cannot be modelled."""


class ModelError(ArchiveKGError):
    """The model stage was given inconsistent items (a bug or a bad curation)."""


class ValidationFailed(ArchiveKGError):
    """Data does not conform to the shapes; carries the readable report."""


class ReconcileError(ArchiveKGError):
    """A Wikidata request failed; callers leave the entity unlinked."""


class PublishError(ArchiveKGError):
    """Output could not be written."""


class StoreError(ArchiveKGError):
    """A SPARQL query or a load into a store failed."""
