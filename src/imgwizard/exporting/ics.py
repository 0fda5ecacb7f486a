"""An iCalendar (RFC 5545) file of the applicant's plan (imgwizard.plan): its dated actions,
milestones and interviews that are still open, none dated before the season opened.

Written by hand because it is small: one all-day VEVENT per action (its confidence in the
summary, so an estimate never looks like a published date); hard deadlines carry alarms.
Lines end in CRLF and are folded at 75 octets; TEXT values escape backslash, semicolon, comma
and newlines. UIDs are stable (same event, same UID on every
export), so re-importing updates events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from imgwizard.model import Dossier, Interview, InterviewStatus
from imgwizard.plan import Action, Plan, season_opened
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


def interview_name(dossier: Dossier, interview: Interview) -> str:
    program = dossier.program(interview.program_id) if interview.program_id else None
    return (program.name if program else "") or interview.program_name or "a program"


def date_facts(season: Season) -> list[Fact]:
    """Every date fact of the season, in date order."""
    facts = [
        f
        for f in season.facts.values()
        if f.spec.kind is Kind.DATE and isinstance(f.value, dt.date)
    ]
    return sorted(facts, key=lambda f: (f.value, f.key))


# Days before a hard deadline (rank list, ECFMG verification, NRMP registration) the calendar
# reminds: a planning habit, not a fact of the process.
ALARM_DAYS_BEFORE = 7


_STATUS = {
    InterviewStatus.INVITED: "TENTATIVE",
    InterviewStatus.WAITLISTED: "TENTATIVE",
    InterviewStatus.SCHEDULED: "CONFIRMED",
    InterviewStatus.COMPLETED: "CONFIRMED",
}


def _interview_props(dossier: Dossier, action: Action) -> tuple[str, list[str], list]:
    """Summary, description lines and extra properties of an interview day."""
    interview = dossier.interviews[int(action.id.split(".")[1])]
    program = dossier.program(interview.program_id) if interview.program_id else None
    name = interview_name(dossier, interview)
    fmt = interview.format.value.replace("_", " ")
    lines = [f"Interview with {name}", f"Format: {fmt}", f"Status: {interview.status.value}"]
    if interview.notes:
        lines.append(f"Notes: {interview.notes}")
    props = [("STATUS", _STATUS.get(interview.status, "TENTATIVE"))]
    if program is not None and (program.city or program.state):
        where = ", ".join(part for part in (program.city, program.state) if part)
        props.append(("LOCATION", escape_text(where)))
    return f"Interview: {name} ({fmt})", lines, props


def _action_event(dossier: Dossier, action: Action, season: Season, stamp: str) -> list[str]:
    from imgwizard.steps import step

    day = action.due
    assert day is not None
    fact = season.get(action.season_key) if action.season_key else None
    lines = [action.what, *([f"How: {action.how}"] if action.how else []), f"Where: {action.where}"]
    lines.append(f"Step {step(action.step).number}: {step(action.step).title} (imgwizard)")
    if action.blocks:
        lines.append(f"Why it matters: {action.blocks}")
    if fact is not None:
        lines.append(fact_description(fact, season))
    elif action.confidence == "yours":
        lines.append("Date from your own entries in imgwizard.")
    summary = fact_summary(fact) if fact is not None and action.kind == "milestone" else None
    extra: list[tuple[str, str]] = []
    if action.kind == "interview":
        summary, lines, extra = _interview_props(dossier, action)
    if summary is None:
        sure = "" if action.confidence in ("official", "yours", "") else f" ({action.confidence})"
        prefix = "≈ " if action.confidence == "estimate" else ""
        summary = f"{prefix}{action.what}{sure}"
    props = [
        ("UID", _uid("plan", str(season.match_year), action.id)),
        ("DTSTAMP", stamp),
        ("DTSTART;VALUE=DATE", _date(day)),
        ("DTEND;VALUE=DATE", _date(day + dt.timedelta(days=1))),
        ("SUMMARY", escape_text(summary)),
        ("DESCRIPTION", escape_text("\n".join(lines))),
        ("CATEGORIES", f"imgwizard,{action.kind},{action.confidence or 'undated'}"),
        ("TRANSP", "OPAQUE" if action.kind == "interview" else "TRANSPARENT"),
    ]
    if fact is not None and fact.source.startswith(("https://", "http://")):
        props.append(("URL", fact.source))
    props += extra
    event = ["BEGIN:VEVENT", *(f"{name}:{value}" for name, value in props)]
    if action.hard:
        event += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text('Deadline: ' + action.what)}",
            f"TRIGGER:-P{ALARM_DAYS_BEFORE}D",
            "END:VALARM",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text('Deadline today: ' + action.what)}",
            "TRIGGER:PT9H",
            "END:VALARM",
        ]
    return [*event, "END:VEVENT"]


def calendar_actions(plan: Plan, season: Season) -> list[Action]:
    """The plan's dated actions and milestones that are still open, none before the season
    opened (historical facts such as "Step 2 CS discontinued" are not plans)."""
    opened = season_opened(season)
    return [
        a
        for a in plan.actions
        if a.due is not None and not a.done and (opened is None or a.due >= opened)
    ]


def render_ics(
    dossier: Dossier,
    season: Season,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
) -> str:
    from imgwizard.plan import build_plan

    stamp = _stamp(now or dt.datetime.now(dt.UTC))
    today = today or (now.date() if now else dt.date.today())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(f'Residency Match {season.match_year} (imgwizard)')}",
    ]
    for action in calendar_actions(build_plan(dossier, season, today), season):
        lines += _action_event(dossier, action, season, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
