"""Validation internals: shapes and ontology loading, the report, the checks SHACL cannot state,
reading RDF files, and a SPARQL engine for the same shapes. The public front is
``archivekg.validate``."""
