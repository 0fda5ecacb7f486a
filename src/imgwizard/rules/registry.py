"""Imports every module of the rules package so its @rule functions register.

Discovered, not listed: a new rule module registers by being in the folder, so it cannot be
forgotten (tests/unit/test_rules_registry.py checks that every @rule module took part)."""

from __future__ import annotations

import importlib
import pkgutil

import imgwizard.rules as _package

MODULES: tuple[str, ...] = tuple(
    sorted(
        f"{_package.__name__}.{info.name}"
        for info in pkgutil.iter_modules(_package.__path__)
        if not info.ispkg and info.name != "registry"
    )
)

for _name in MODULES:
    importlib.import_module(_name)
