"""Load a season from package data (`data/match<year>.toml`) and apply the user's corrections.

A season file is checked strictly: every value needs its source URL, the date it was checked and
a confidence; an estimate also names its rule. Anything else is refused with a SeasonDataError
naming the file and the key. A Match year without a file is estimated from the nearest season
that has one (see season/estimate.py), with a note saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import tomli as tomllib  # same parser as store.py (compiled, faster)

from imgwizard.season.facts import CATALOGUE, Confidence, Fact, Kind, Season, SeasonDataError

_PACKAGE_CONFIDENCES = {Confidence.OFFICIAL, Confidence.SECONDARY, Confidence.ESTIMATE}
_FIELDS = {"value", "source", "checked", "confidence", "rule", "note"}
_REQUIRED = ("value", "source", "checked", "confidence")


def _data_dir():
    return resources.files("imgwizard.season").joinpath("data")


def clear_cache() -> None:
    """Forget loaded files (tests that point _data_dir elsewhere call this)."""
    available_years.cache_clear()
    _package_season.cache_clear()


@lru_cache(maxsize=1)
def available_years() -> tuple[int, ...]:
    years = []
    for entry in _data_dir().iterdir():
        name = entry.name
        number = name[len("match") : -len(".toml")]
        if name.startswith("match") and name.endswith(".toml") and number.isdigit():
            years.append(int(number))
    return tuple(sorted(years))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_value(file: str, key: str, kind: Kind, value: Any) -> None:
    ok = {
        Kind.DATE: isinstance(value, dt.date) and not isinstance(value, dt.datetime),
        Kind.MONEY: _is_int(value) and value >= 0,
        Kind.COUNT: _is_int(value) and value >= 0,
        Kind.SCORE: _is_int(value) and value >= 0,
        Kind.TEXT: isinstance(value, str) and value.strip() != "",
    }[kind]
    if not ok:
        wanted = {
            Kind.DATE: "a date like 2027-03-19",
            Kind.MONEY: "whole US dollars, 0 or more",
            Kind.COUNT: "a whole number, 0 or more",
            Kind.SCORE: "a whole number, 0 or more",
            Kind.TEXT: "non-empty text",
        }[kind]
        raise SeasonDataError(f"{file}: {key}: value {value!r} is not {wanted}")


def _parse_fact(file: str, key: str, raw: Any) -> Fact:
    if key not in CATALOGUE:
        raise SeasonDataError(
            f"{file}: unknown key {key!r} (add it to season/facts.py CATALOGUE first)"
        )
    if not isinstance(raw, dict):
        raise SeasonDataError(
            f"{file}: {key}: expected a table with value, source, checked and confidence"
        )
    for required in _REQUIRED:
        if required not in raw or raw[required] in ("", None):
            raise SeasonDataError(f"{file}: {key}: missing {required!r}")
    extra = set(raw) - _FIELDS
    if extra:
        raise SeasonDataError(
            f"{file}: {key}: unknown fields {sorted(extra)} (allowed: {sorted(_FIELDS)})"
        )
    try:
        confidence = Confidence(raw["confidence"])
    except (ValueError, TypeError):
        raise SeasonDataError(
            f"{file}: {key}: confidence {raw['confidence']!r} is not one "
            "of official, secondary, estimate"
        ) from None
    if confidence not in _PACKAGE_CONFIDENCES:
        raise SeasonDataError(f"{file}: {key}: package data cannot be 'yours'")
    for text_field in ("source", "rule", "note"):
        if text_field in raw and not isinstance(raw[text_field], str):
            raise SeasonDataError(f"{file}: {key}: {text_field} must be text")
    if not raw["source"].startswith(("https://", "http://")):
        raise SeasonDataError(f"{file}: {key}: source {raw['source']!r} is not a URL")
    rule = raw.get("rule", "").strip()
    if confidence is Confidence.ESTIMATE and not rule:
        raise SeasonDataError(f"{file}: {key}: an estimate must name its rule")
    checked = raw["checked"]
    if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
        raise SeasonDataError(f"{file}: {key}: checked must be a date like 2026-11-24")
    _check_value(file, key, CATALOGUE[key].kind, raw["value"])
    return Fact(
        key,
        raw["value"],
        confidence,
        raw["source"],
        checked,
        rule=rule,
        note=raw.get("note", "").strip(),
    )


def parse_facts(file: str, data: dict[str, Any]) -> dict[str, Fact]:
    """Validate a season file's `[facts]`: every value needs a source, a checked date and a
    confidence; an estimate also needs the rule it comes from. Ordered as the CATALOGUE."""
    table = data.get("facts", {})
    if not isinstance(table, dict):
        raise SeasonDataError(f"{file}: 'facts' must be a table of facts")
    facts = {key: _parse_fact(file, key, raw) for key, raw in table.items()}
    return {key: facts[key] for key in CATALOGUE if key in facts}


def parse_season_file(file: str, text: str, year: int | None = None) -> dict[str, Fact]:
    """Parse a whole season file; `year` (when given) must match its `match_year`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SeasonDataError(f"{file}: not valid TOML: {exc}") from None
    extra = set(data) - {"match_year", "facts"}
    if extra:
        raise SeasonDataError(f"{file}: unknown top-level entries {sorted(extra)}")
    match_year = data.get("match_year")
    if not _is_int(match_year):
        raise SeasonDataError(f"{file}: match_year is missing or not a year")
    if year is not None and match_year != year:
        raise SeasonDataError(f"{file}: match_year must be {year}, not {match_year}")
    return parse_facts(file, data)


@lru_cache(maxsize=8)
def _package_season(year: int) -> tuple[dict[str, Fact], str]:
    name = f"match{year}.toml"
    text = _data_dir().joinpath(name).read_text("utf-8")  # FileNotFoundError: no data
    return parse_season_file(name, text, year), name


def package_season(year: int) -> Season:
    """The package data for a Match year, without corrections. FileNotFoundError if none."""
    facts, name = _package_season(year)
    return Season(year, dict(facts), data_file=name)


def _nearest(year: int, years: tuple[int, ...]) -> int:
    """The season to estimate from: the closest year; on a tie the newer one."""
    return min(years, key=lambda y: (abs(y - year), -y))


def _base_season(match_year: int) -> Season:
    if match_year in available_years():
        return package_season(match_year)
    from imgwizard.season.estimate import estimate_season

    years = available_years()
    if not years:
        return Season(
            match_year,
            {},
            notes=[
                f"imgwizard has no season data at all: enter the Match {match_year} dates "
                "from your own MyERAS, NRMP R3 and MyIntealth accounts"
            ],
        )
    base_year = _nearest(match_year, years)
    season = estimate_season(package_season(base_year), match_year)
    season.notes.append(
        f"no package data for Match {match_year}: values estimated from Match {base_year}; "
        "every date, fee and limit is an estimate - check your own accounts"
    )
    return season


def load_season(match_year: int, corrections: Iterable[Any] = ()) -> Season:
    """The season for a Match year, with the user's corrections applied on top.

    `corrections` are objects with `key`, `value` and `entered_on` (the dossier's
    SeasonCorrection); they win over package data and are marked Confidence.YOURS. A correction
    that does not fit the season (unknown key, wrong type, date outside the season) is not used,
    and a note says why.
    """
    from imgwizard.season.corrections import CorrectionError, check_value

    season = _base_season(match_year)
    for corr in corrections:
        try:
            value = check_value(corr.key, corr.value, match_year)
        except CorrectionError as exc:
            season.notes.append(f"your correction was not used: {exc}")
            continue
        base = season.facts.get(corr.key)
        season.facts[corr.key] = Fact(
            corr.key,
            value,
            Confidence.YOURS,
            "your own account",
            corr.entered_on,
            note="" if base is None else f"package value: {base.display()}",
            package_value=None if base is None else base.value,
        )
    return season
