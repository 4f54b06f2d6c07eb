"""Attribute stage: resolve speaker mentions (names, descriptions, pronouns) to entities."""

from .resolver import EntityResolver

__all__ = ["EntityResolver"]
