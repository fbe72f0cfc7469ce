"""Enrichment from the cleaned text: subjects, summary, reading time. No Pelican import."""

from .subjects import title_subjects
from .summary import lead_summary, reading_minutes

__all__ = ["lead_summary", "reading_minutes", "title_subjects"]
