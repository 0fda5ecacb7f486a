"""Load a season from package data (`data/match<year>.toml`) and apply the user's corrections."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from imgwizard.season.facts import CATALOGUE, Confidence, Fact, Kind, Season, SeasonDataError

_PACKAGE_CONFIDENCES = {Confidence.OFFICIAL, Confidence.SECONDARY, Confidence.ESTIMATE}


def _data_dir():
    return resources.files("imgwizard.season").joinpath("data")


@lru_cache(maxsize=1)
def available_years() -> tuple[int, ...]:
    years = []
    for entry in _data_dir().iterdir():
        name = entry.name
        if name.startswith("match") and name.endswith(".toml"):
            years.append(int(name[len("match") : -len(".toml")]))
    return tuple(sorted(years))


def _check_value(file: str, key: str, kind: Kind, value: Any) -> None:
    ok = {
        Kind.DATE: isinstance(value, dt.date) and not isinstance(value, dt.datetime),
        Kind.MONEY: isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        Kind.COUNT: isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        Kind.SCORE: isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        Kind.TEXT: isinstance(value, str) and value != "",
    }[kind]
    if not ok:
        raise SeasonDataError(f"{file}: {key}: value {value!r} is not a valid {kind.value}")


def parse_facts(file: str, data: dict[str, Any]) -> dict[str, Fact]:
    """Validate a season file's `[facts]`: every value needs a source, a checked date and a
    confidence; an estimate also needs the rule it comes from."""
    facts: dict[str, Fact] = {}
    for key, raw in data.get("facts", {}).items():
        if key not in CATALOGUE:
            raise SeasonDataError(f"{file}: unknown key {key!r}")
        if not isinstance(raw, dict):
            raise SeasonDataError(
                f"{file}: {key}: expected a table with value, source, checked and confidence"
            )
        for required in ("value", "source", "checked", "confidence"):
            if required not in raw or raw[required] in ("", None):
                raise SeasonDataError(f"{file}: {key}: missing {required!r}")
        try:
            confidence = Confidence(raw["confidence"])
        except ValueError:
            raise SeasonDataError(
                f"{file}: {key}: confidence {raw['confidence']!r} is not one "
                "of official, secondary, estimate"
            ) from None
        if confidence not in _PACKAGE_CONFIDENCES:
            raise SeasonDataError(f"{file}: {key}: package data cannot be 'yours'")
        if confidence is Confidence.ESTIMATE and not raw.get("rule"):
            raise SeasonDataError(f"{file}: {key}: an estimate must name its rule")
        if not isinstance(raw["checked"], dt.date):
            raise SeasonDataError(f"{file}: {key}: checked must be a date")
        _check_value(file, key, CATALOGUE[key].kind, raw["value"])
        extra = set(raw) - {"value", "source", "checked", "confidence", "rule", "note"}
        if extra:
            raise SeasonDataError(f"{file}: {key}: unknown fields {sorted(extra)}")
        facts[key] = Fact(
            key,
            raw["value"],
            confidence,
            str(raw["source"]),
            raw["checked"],
            rule=str(raw.get("rule", "")),
            note=str(raw.get("note", "")),
        )
    return facts


@lru_cache(maxsize=8)
def _package_season(year: int) -> tuple[dict[str, Fact], str]:
    name = f"match{year}.toml"
    entry = _data_dir().joinpath(name)
    try:
        data = tomllib.loads(entry.read_text("utf-8"))
    except FileNotFoundError:
        raise
    except tomllib.TOMLDecodeError as exc:
        raise SeasonDataError(f"{name}: {exc}") from None
    if data.get("match_year") != year:
        raise SeasonDataError(f"{name}: match_year must be {year}")
    return parse_facts(name, data), name


def load_season(match_year: int, corrections: Iterable[Any] = ()) -> Season:
    """The season for a Match year, with the user's corrections applied on top.

    `corrections` are objects with `key`, `value` and `entered_on` (the dossier's
    SeasonCorrection); they win over package data and are marked Confidence.YOURS.
    """
    try:
        facts, name = _package_season(match_year)
        season = Season(match_year, dict(facts), data_file=name)
    except FileNotFoundError:
        season = Season(
            match_year,
            {},
            notes=[
                f"imgwizard has no data for the {match_year} "
                "Match; enter the dates from your own accounts"
            ],
        )
    for corr in corrections:
        if corr.key not in CATALOGUE:
            continue  # validated on entry; an unknown key from an old file is ignored here
        base = season.facts.get(corr.key)
        season.facts[corr.key] = Fact(
            corr.key,
            corr.value,
            Confidence.YOURS,
            "your own account",
            corr.entered_on,
            package_value=None if base is None else base.value,
        )
    return season
