"""The applicant's own season values: checked on entry, stored in the dossier, applied on load.

A correction is what the applicant's MyERAS, NRMP R3 or MyIntealth account shows for one
season key. It lives in `dossier.season_corrections` (key, value, entered_on), replaces any
earlier correction of the same key, and wins over package data when the season is loaded.

What is accepted, by the key's kind:
- date: YYYY-MM-DD, inside the season's span. A Match year's span runs from 1 April of the
  year before the Match (MyERAS and the ERAS tokens open in June of that year; two months of
  slack) to 30 June of the Match year (residency starts on 1 July). The span is kept tight so
  that last season's date typed by mistake (Match Day 2026 for a Match 2027 dossier) is caught.
  Dates that record a past rule change (usmle.*, oet.*) may be any day from 2000-01-01 to
  the end of the span.
- money: whole US dollars, 0 or more ("$1,234" is read as 1234).
- count: a whole number, 0 or more.
- score: a whole number from 0 to 999.
- text: one line of at most 80 characters.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import TYPE_CHECKING, Any

from imgwizard.season.facts import CATALOGUE, Kind

if TYPE_CHECKING:
    from imgwizard.model import Dossier, SeasonCorrection

HISTORY_START = dt.date(2000, 1, 1)
_HISTORICAL_PREFIXES = ("usmle.", "oet.")
_WHOLE = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEXT_MAX = 80
SCORE_MAX = 999


class CorrectionError(ValueError):
    """A correction that cannot be accepted; the message names the key and what is allowed."""


def season_span(match_year: int) -> tuple[dt.date, dt.date]:
    """First and last day a date of the Match year's season may fall on."""
    return dt.date(match_year - 1, 4, 1), dt.date(match_year, 6, 30)


def date_span(key: str, match_year: int) -> tuple[dt.date, dt.date]:
    first, last = season_span(match_year)
    if key.startswith(_HISTORICAL_PREFIXES):
        return HISTORY_START, last
    return first, last


def suggest(key: str) -> list[str]:
    """Catalogue keys close to a mistyped one (by spelling, or by the part after the dot)."""
    close = difflib.get_close_matches(key, CATALOGUE, n=3, cutoff=0.6)
    tail = key.rsplit(".", 1)[-1]
    by_tail = [k for k in CATALOGUE if k.rsplit(".", 1)[-1] == tail and k not in close]
    return (close + by_tail)[:3]


def allowed(key: str, match_year: int) -> str:
    """What a correction of `key` may be, in words."""
    kind = CATALOGUE[key].kind
    if kind is Kind.DATE:
        first, last = date_span(key, match_year)
        return f"a date YYYY-MM-DD from {first.isoformat()} to {last.isoformat()}"
    return {
        Kind.MONEY: "whole US dollars, 0 or more (e.g. 30)",
        Kind.COUNT: "a whole number, 0 or more",
        Kind.SCORE: f"a whole number from 0 to {SCORE_MAX}",
        Kind.TEXT: f"one line of text, at most {TEXT_MAX} characters",
    }[kind]


def require_key(key: str) -> None:
    """CorrectionError (with close matches) when `key` is not a season key."""
    if key in CATALOGUE:
        return
    hint = suggest(key)
    did = f"; did you mean {' or '.join(hint)}?" if hint else ""
    raise CorrectionError(f"{key!r} is not a season key{did} (`imgwizard season` lists them all)")


def _whole(key: str, value: Any, match_year: int, what: str) -> int:
    if isinstance(value, bool):
        raise CorrectionError(
            f"{key}: {value!r} is not a number; allowed: {allowed(key, match_year)}"
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        body = value.strip()
        negative = body.startswith("-")
        body = body.removeprefix("-").strip()
        if CATALOGUE[key].kind is Kind.MONEY:
            body = body.removeprefix("$").strip()
        if _WHOLE.match(body):
            value = -int(body.replace(",", "")) if negative else int(body.replace(",", ""))
    if not isinstance(value, int):
        raise CorrectionError(
            f"{key}: {value!r} is not a whole number; allowed: {allowed(key, match_year)}"
        )
    if value < 0:
        raise CorrectionError(
            f"{key}: {what} cannot be negative ({value}); allowed: {allowed(key, match_year)}"
        )
    return value


def check_value(key: str, value: Any, match_year: int) -> dt.date | int | str:
    """The value as the season will hold it, or CorrectionError naming the key and what is
    allowed. Accepts the text a user typed or a value already typed (from the dossier)."""
    require_key(key)
    kind = CATALOGUE[key].kind
    if kind is Kind.DATE:
        day = value
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, str):
            text = value.strip()
            try:
                day = dt.date.fromisoformat(text) if _DATE.match(text) else None
            except ValueError:
                day = None
        if not isinstance(day, dt.date):
            raise CorrectionError(
                f"{key}: {value!r} is not a date; allowed: {allowed(key, match_year)}"
            )
        first, last = date_span(key, match_year)
        if not first <= day <= last:
            raise CorrectionError(
                f"{key}: {day.isoformat()} is outside the Match {match_year} season; "
                f"allowed: {allowed(key, match_year)}"
            )
        return day
    if kind is Kind.MONEY:
        return _whole(key, value, match_year, "a fee")
    if kind is Kind.COUNT:
        return _whole(key, value, match_year, "a count")
    if kind is Kind.SCORE:
        score = _whole(key, value, match_year, "a score")
        if score > SCORE_MAX:
            raise CorrectionError(
                f"{key}: {score} is too high for a score; allowed: {allowed(key, match_year)}"
            )
        return score
    text = str(value).strip() if isinstance(value, str) else ""
    if not text or "\n" in text or len(text) > TEXT_MAX:
        raise CorrectionError(
            f"{key}: {value!r} is not usable; allowed: {allowed(key, match_year)}"
        )
    return text


def match_year_of(dossier: Dossier, today: dt.date) -> int:
    return dossier.match_year(today)


def set_correction(dossier: Dossier, key: str, text: Any, today: dt.date) -> SeasonCorrection:
    """Record the applicant's value for `key` (replacing an earlier one) and return it."""
    from imgwizard.model import SeasonCorrection

    key = key.strip()
    value = check_value(key, text, match_year_of(dossier, today))
    correction = SeasonCorrection(key=key, value=value, entered_on=today)
    dossier.season_corrections = [c for c in dossier.season_corrections if c.key != key] + [
        correction
    ]
    return correction


def reset_correction(dossier: Dossier, key: str) -> bool:
    """Drop the applicant's value for `key`; False when there was none."""
    key = key.strip()
    kept = [c for c in dossier.season_corrections if c.key != key]
    if len(kept) == len(dossier.season_corrections):
        return False
    dossier.season_corrections = kept
    return True
