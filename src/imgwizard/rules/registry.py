"""Imports every rule module so its @rule functions register. Add new modules here."""

from imgwizard.rules import (  # noqa: F401
    choices,
    deadlines,
    documents,
    eligibility,
    fees,
    letters,
    programs,
    statements,
)
