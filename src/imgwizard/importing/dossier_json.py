"""Read a JSON export (see imgwizard.exporting.json_export) back into a Dossier."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from imgwizard import store
from imgwizard.exporting.json_export import FORMAT, FORMAT_VERSION
from imgwizard.model import Dossier


def _restore_dates(data: dict[str, Any]) -> None:
    """JSON has no dates: a season correction of a date fact comes back as an ISO string,
    which the model's `str | int | float | date` would keep as text. The catalogue says
    which keys are dates."""
    from imgwizard.season import CATALOGUE, Kind

    for item in data.get("season_corrections") or []:
        if not isinstance(item, dict):
            continue
        spec = CATALOGUE.get(str(item.get("key")))
        value = item.get("value")
        if spec is not None and spec.kind is Kind.DATE and isinstance(value, str):
            with contextlib.suppress(ValueError):  # a bad one is left for validation
                item["value"] = dt.date.fromisoformat(value)


def parse_export(text: str, path: Path) -> Dossier:
    """The dossier in a JSON export. Raises store.CorruptFile / InvalidDossier / FutureSchema
    naming the file and what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise store.CorruptFile(
            path,
            [store.Problem(f"not valid JSON: {exc.msg}", line=exc.lineno)],
            hint="export it again with `imgwizard export --format json`.",
        ) from None
    if not isinstance(data, dict):
        raise store.InvalidDossier(path, ["the file holds no JSON object"])
    if "format" in data:
        if data["format"] != FORMAT:
            raise store.InvalidDossier(
                path, [f"format is {data['format']!r}, not an imgwizard export ({FORMAT!r})"]
            )
        version = data.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise store.FutureSchema(
                path, [f"format_version {version!r}; this imgwizard reads up to {FORMAT_VERSION}"]
            )
        data = data.get("dossier")
        if not isinstance(data, dict):
            raise store.InvalidDossier(path, [store.Problem("missing", field="dossier")])
    _restore_dates(data)
    data = store.migrate(data, path)
    try:
        return Dossier.model_validate(data)
    except ValidationError as exc:
        raise store.InvalidDossier(path, store.validation_problems(exc)) from None


def is_blank(dossier: Dossier) -> bool:
    """Nothing entered yet: only what a new dossier sets by itself (match year, step)."""
    probe = dossier.model_copy(deep=True)
    fresh = Dossier()
    probe.profile.target_match_year = None
    probe.wizard = fresh.wizard
    return store.to_data(probe) == store.to_data(fresh)
