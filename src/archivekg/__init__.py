"""archivekg: publish archive records as validated CIDOC-CRM linked open data."""

__version__ = "0.1.0"
