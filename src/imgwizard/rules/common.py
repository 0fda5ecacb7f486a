"""Small helpers the rule modules share: saying when a season value is unknown and describing
a season fact for a finding's data. (A whole number from the season: `Season.count`.)"""

from __future__ import annotations

from typing import Any

from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import CATALOGUE, Fact, Season


def unknown(season: Season, key: str, step: str, cannot: str) -> Finding:
    """Info: the season has no value for `key`, so a check cannot be made."""
    label = CATALOGUE[key].label
    where = CATALOGUE[key].where_to_check
    return Finding(
        "season.value_unknown",
        Severity.INFO,
        step,
        f"imgwizard has no value for '{label}' in the Match {season.match_year} season, so it "
        f"cannot {cannot}.",
        f"Look it up in {where} and enter it with: imgwizard season set {key} VALUE",
        subject=key,
        data=(("season_key", key),),
    )


def fact_ref(fact: Fact | None) -> tuple[tuple[str, Any], ...]:
    """A finding's short reference to the season fact it stands on: key and confidence."""
    if fact is None:
        return ()
    return (("season_key", fact.key), ("confidence", fact.confidence.value))


def fact_data(fact: Fact) -> tuple[tuple[str, Any], ...]:
    """A season fact as finding data: value, confidence, source and key (for --json)."""
    value = fact.value.isoformat() if hasattr(fact.value, "isoformat") else fact.value
    out: list[tuple[str, Any]] = [
        ("season_key", fact.key),
        ("value", value),
        ("confidence", fact.confidence.value),
        ("source", fact.source),
        ("checked", fact.checked.isoformat()),
        ("display", fact.display()),
    ]
    if fact.rule:
        out.append(("estimate_rule", fact.rule))
    return tuple(out)


def in_sentence(label: str) -> str:
    """'Medical school transcript' -> 'medical school transcript'; 'MSPE ...' stays."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label
