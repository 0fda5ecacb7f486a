"""Imports every rule module so its @rule functions register. Add new modules here."""

from imgwizard.rules import documents, letters, statements  # noqa: F401
