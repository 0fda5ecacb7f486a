"""An iCalendar (RFC 5545) file of the season's dates and the applicant's interviews.

Written by hand because it is small: one all-day VEVENT per date fact of the season (its
confidence in the summary, so an estimate never looks like a published date) and one per
interview that has a date. Lines end in CRLF and are folded at 75 octets; TEXT values escape
backslash, semicolon, comma and newlines. UIDs are stable (same event, same UID on every
export), so re-importing updates events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from imgwizard.model import Dossier, Interview, InterviewStatus
from imgwizard.season import Confidence, Fact, Kind, Season

PRODID = "-//imgwizard//imgwizard residency calendar//EN"
UID_DOMAIN = "imgwizard.invalid"  # RFC 6761: never a real host; keeps UIDs globally unique-ish

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 (but tab, LF), DEL, C1


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped;
    other control characters (not allowed) dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character.
    Continuation lines start with one space, which counts toward their 75."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _date(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return f"{digest}@{UID_DOMAIN}"


_CONFIDENCE_WORDS = {
    Confidence.OFFICIAL: "",
    Confidence.SECONDARY: "secondary source",
    Confidence.ESTIMATE: "estimate",
    Confidence.YOURS: "your correction",
}


def fact_summary(fact: Fact) -> str:
    """'Match Day' when official; '≈ Match Day (estimate — check NRMP R3)' when estimated."""
    label = fact.spec.label
    if fact.confidence is Confidence.OFFICIAL:
        return label
    words = _CONFIDENCE_WORDS[fact.confidence]
    if fact.confidence is Confidence.YOURS:
        return f"{label} ({words})"
    prefix = "≈ " if fact.confidence is Confidence.ESTIMATE else ""
    return f"{prefix}{label} ({words} — check {fact.spec.where_to_check})"


def fact_description(fact: Fact, season: Season) -> str:
    lines = [f"Match {season.match_year} season: {fact.display()}"]
    if fact.note:
        lines.append(f"Note: {fact.note}")
    if fact.rule:
        lines.append(f"How it was estimated: {fact.rule}")
    if fact.confidence is Confidence.YOURS and fact.package_value is not None:
        lines.append(f"imgwizard's data said: {fact.package_value}")
    lines.append(f"Source: {fact.source} (checked {fact.checked.isoformat()})")
    lines.append(f"Check it in: {fact.spec.where_to_check}")
    return "\n".join(lines)


def _event(props: list[tuple[str, str]]) -> list[str]:
    return ["BEGIN:VEVENT", *(f"{name}:{value}" for name, value in props), "END:VEVENT"]


def _fact_event(fact: Fact, season: Season, stamp: str) -> list[str]:
    day = fact.value
    assert isinstance(day, dt.date)
    props = [
        ("UID", _uid("season", str(season.match_year), fact.key)),
        ("DTSTAMP", stamp),
        ("DTSTART;VALUE=DATE", _date(day)),
        ("DTEND;VALUE=DATE", _date(day + dt.timedelta(days=1))),
        ("SUMMARY", escape_text(fact_summary(fact))),
        ("DESCRIPTION", escape_text(fact_description(fact, season))),
        ("CATEGORIES", f"imgwizard,{fact.confidence.value}"),  # a list: commas unescaped
        ("TRANSP", "TRANSPARENT"),
    ]
    if fact.source.startswith(("https://", "http://")):
        props.append(("URL", fact.source))
    return _event(props)


_STATUS = {
    InterviewStatus.INVITED: "TENTATIVE",
    InterviewStatus.WAITLISTED: "TENTATIVE",
    InterviewStatus.SCHEDULED: "CONFIRMED",
    InterviewStatus.COMPLETED: "CONFIRMED",
    InterviewStatus.DECLINED: "CANCELLED",
    InterviewStatus.CANCELLED: "CANCELLED",
}


def interview_name(dossier: Dossier, interview: Interview) -> str:
    program = dossier.program(interview.program_id) if interview.program_id else None
    return (program.name if program else "") or interview.program_name or "a program"


def _interview_event(
    dossier: Dossier, interview: Interview, occurrence: int, stamp: str
) -> list[str]:
    day = interview.date
    assert day is not None
    program = dossier.program(interview.program_id) if interview.program_id else None
    name = interview_name(dossier, interview)
    fmt = interview.format.value.replace("_", " ")
    lines = [f"Interview with {name}", f"Format: {fmt}", f"Status: {interview.status.value}"]
    if interview.notes:
        lines.append(f"Notes: {interview.notes}")
    props = [
        (
            "UID",
            _uid("interview", interview.program_id or interview.program_name, str(occurrence)),
        ),
        ("DTSTAMP", stamp),
        ("DTSTART;VALUE=DATE", _date(day)),
        ("DTEND;VALUE=DATE", _date(day + dt.timedelta(days=1))),
        ("SUMMARY", escape_text(f"Interview: {name} ({fmt})")),
        ("DESCRIPTION", escape_text("\n".join(lines))),
        ("STATUS", _STATUS[interview.status]),
        ("TRANSP", "OPAQUE"),
    ]
    if program is not None and (program.city or program.state):
        where = ", ".join(part for part in (program.city, program.state) if part)
        props.append(("LOCATION", escape_text(where)))
    return _event(props)


def date_facts(season: Season) -> list[Fact]:
    """Every date fact of the season, in date order."""
    facts = [
        f
        for f in season.facts.values()
        if f.spec.kind is Kind.DATE and isinstance(f.value, dt.date)
    ]
    return sorted(facts, key=lambda f: (f.value, f.key))


def render_ics(dossier: Dossier, season: Season, now: dt.datetime | None = None) -> str:
    stamp = _stamp(now or dt.datetime.now(dt.UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(f'Residency Match {season.match_year} (imgwizard)')}",
    ]
    for fact in date_facts(season):
        lines += _fact_event(fact, season, stamp)
    seen: dict[str, int] = {}
    for interview in dossier.interviews:
        key = interview.program_id or interview.program_name
        seen[key] = seen.get(key, 0) + 1  # counted dated or not, so adding a date keeps UIDs
        if interview.date is None:
            continue
        lines += _interview_event(dossier, interview, seen[key], stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
