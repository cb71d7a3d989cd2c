"""Ingest stage: find inputs, read their exact bytes, decode them to text."""
