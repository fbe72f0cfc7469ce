"""Pelican plugin: raw news-page text seeds → cleaned, annotated articles."""

from .plugin import register

__all__ = ["register"]
