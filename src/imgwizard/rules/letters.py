"""Rules about letters of recommendation: how many, who writes them, how far along each is,
and how many are assigned to each program."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from imgwizard.model import Dossier, Letter
from imgwizard.rules import rule
from imgwizard.rules.common import fact_ref, unknown
from imgwizard.rules.files import Kind, file_finding
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Confidence, Season
from imgwizard.wording import plural

STEP = "letters"
# Our own advice, not a season fact: a writer who has not sent the letter four weeks after the
# request deserves a polite reminder.
OVERDUE_AFTER_DAYS = 28


def letter_label(letter: Letter, index: int) -> str:
    who = f" from {letter.writer}" if letter.writer.strip() else ""
    return f"Letter {index + 1}{who}"


def assigned_counts(dossier: Dossier) -> Counter[str]:
    """How many letters are assigned to each program id."""
    counts: Counter[str] = Counter()
    for letter in dossier.letters:
        counts.update(set(letter.program_ids))
    return counts


def _program_name(dossier: Dossier, program_id: str) -> str:
    program = dossier.program(program_id)
    return (program.name or program_id) if program else program_id


@rule
def letters_count(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """Enough letters for the season's usual number, and for programs that ask more."""
    have = len(dossier.letters)
    required = season.count("eras.letters_required_default")
    if required is None:
        yield unknown(season, "eras.letters_required_default", STEP, "count your letters")
    elif have < required:
        fact = season.get("eras.letters_required_default")
        sure = fact is not None and fact.confidence in (Confidence.OFFICIAL, Confidence.YOURS)
        how = "" if fact is None or sure else f" ({fact.display()}: not an ERAS rule)"
        yield Finding(
            "letters.too_few",
            # The usual number is a pattern of what programs ask, not a rule: on its own it
            # never blocks; a program's own stated number does (letters.too_few_for_program).
            Severity.BLOCKER if sure else Severity.WARNING,
            STEP,
            f"{plural(have, 'letter')} of recommendation listed; programs usually ask for "
            f"{required}{how}: {required - have} more needed. Letters can arrive after you "
            "submit.",
            "Ask more writers now (supervisors who saw your clinical work, ideally in the US), "
            "and add each letter in the letters step; check each program's own number.",
            data=(("have", have), ("required", required), *fact_ref(fact)),
        )
    assigned = assigned_counts(dossier)
    for program in dossier.programs:
        asks = program.letters_required
        if asks is None:
            continue
        got = assigned.get(program.id, have)
        # Already said by letters.too_few when this program asks no more than the usual number.
        covered = got == have and required is not None and have < required and asks <= required
        if got < asks and not covered:
            yield Finding(
                "letters.too_few_for_program",
                Severity.BLOCKER,
                STEP,
                f"{program.name or program.id} asks for {plural(asks, 'letter')}; you have "
                f"{got} for it.",
                f"Ask {asks - got} more writer(s), or assign more of your letters to this "
                "program in MyERAS.",
                subject=program.id,
                data=(("have", got), ("required", asks)),
            )


@rule
def letters_per_program(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """No program gets more letters than MyERAS lets one program receive."""
    assigned = assigned_counts(dossier)
    if not assigned:
        return
    limit = season.count("eras.letters_per_program_max")
    if limit is None:
        yield unknown(season, "eras.letters_per_program_max", STEP, "check letters per program")
        return
    for program_id, n in sorted(assigned.items()):
        if n > limit:
            yield Finding(
                "letters.too_many_for_program",
                Severity.BLOCKER,
                STEP,
                f"{plural(n, 'letter')} assigned to {_program_name(dossier, program_id)}; "
                f"MyERAS lets one program receive at most {limit}.",
                f"Unassign {n - limit} of them from this program (keep the strongest).",
                subject=program_id,
                data=(
                    ("assigned", n),
                    ("max", limit),
                    *fact_ref(season.get("eras.letters_per_program_max")),
                ),
            )


@rule
def letters_progress(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """Each letter: writer named, requested, received, uploaded; its file (if any) sound."""
    max_kb = season.count("eras.letter_max_kb")
    for index, letter in enumerate(dossier.letters):
        subject = f"letter {index + 1}"
        label = letter_label(letter, index)
        if not letter.writer.strip():
            yield Finding(
                "letters.writer_missing",
                Severity.BLOCKER,
                STEP,
                f"{label}: no writer named.",
                "Enter who writes this letter (name, title and institution), or remove the "
                "empty letter.",
                subject=subject,
            )
        if letter.requested_on is None and letter.received_on is None:
            yield Finding(
                "letters.not_requested",
                Severity.WARNING,
                STEP,
                f"{label}: not requested yet.",
                "Request it through the AAMC letter writer portal in MyERAS (the writer gets "
                "an e-mail link) and enter the date you asked.",
                subject=subject,
            )
        elif letter.received_on is None and letter.uploaded_on is None:
            waited = (today - letter.requested_on).days if letter.requested_on else 0
            if waited > OVERDUE_AFTER_DAYS:
                yield Finding(
                    "letters.overdue",
                    Severity.WARNING,
                    STEP,
                    f"{label}: requested {waited} days ago "
                    f"({letter.requested_on.isoformat()}) and not received yet.",
                    "Send the writer a polite reminder with the portal link; if they cannot "
                    "write it in time, ask another writer.",
                    subject=subject,
                    data=(("requested_on", letter.requested_on.isoformat()), ("days", waited)),
                )
        elif letter.uploaded_on is None:
            yield Finding(
                "letters.not_uploaded",
                Severity.WARNING,
                STEP,
                f"{label}: received but not shown as uploaded to MyERAS.",
                "Check in MyERAS that the letter appears as uploaded, then enter the date.",
                subject=subject,
            )
        if letter.path:
            bad = file_finding(
                "letters.file",
                STEP,
                label,
                letter.path,
                Kind.PDF,
                max_kb,
                subject,
                season.get("eras.letter_max_kb"),
            )
            if bad is not None:
                yield bad


@rule
def letter_requests_reset(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """The new AAMC Letter Writer Portal dropped requests still incomplete on its start day."""
    fact = season.get("aamc.letter_requests_reset")
    if fact is None or not isinstance(fact.value, dt.date) or today < fact.value:
        return
    for index, letter in enumerate(dossier.letters):
        asked = letter.requested_on
        if asked is None or asked >= fact.value:
            continue
        if letter.uploaded_on is not None and letter.uploaded_on < fact.value:
            continue  # uploaded to the old portal in time: it moved over
        yield Finding(
            "letters.request_dropped",
            Severity.WARNING,
            STEP,
            f"{letter_label(letter, index)}: requested on {asked.isoformat()}, before the AAMC "
            f"Letter Writer Portal replaced the old one on {fact.display()}, and not uploaded "
            "before then. Requests still open that day were dropped.",
            "Make the request again in MyERAS (the writer gets a new e-mail link and can submit "
            "as a guest), then enter the new request date.",
            subject=f"letter {index + 1}",
            data=fact_ref(fact),
        )
