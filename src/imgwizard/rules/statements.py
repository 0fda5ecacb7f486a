"""Rules about personal statements: one per target specialty, within the season's limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from imgwizard.model import DocStatus, Dossier, PersonalStatement
from imgwizard.rules import rule
from imgwizard.rules.common import fact_ref, unknown
from imgwizard.rules.files import Kind, file_finding, probe
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Confidence, Fact, Season

STEP = "personal_statement"
LIMIT_KEY = "eras.personal_statement_max_chars"
# Plain-text files we can count characters in; anything else (PDF, Word) we cannot.
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
MAX_UTF8_BYTES_PER_CHAR = 4


def _has_content(ps: PersonalStatement) -> bool:
    return ps.status is not DocStatus.NOT_APPLICABLE and bool(ps.text.strip() or ps.path)


def _subject(ps: PersonalStatement, index: int) -> str:
    return ps.specialty or ps.title or f"statement {index + 1}"


@rule
def statements_missing(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """A personal statement for every target specialty (one without a specialty counts for
    any specialty that has none of its own)."""
    written = [ps for ps in dossier.personal_statements if _has_content(ps)]
    covered = {ps.specialty.strip().casefold() for ps in written}
    general = "" in covered
    names: dict[str, str] = {}
    for name in dossier.primary_specialties():
        names.setdefault(name.strip().casefold(), name.strip())
    fix = (
        "Write the statement in the wizard's personal statement step (or enter the path of "
        "the file you wrote it in), then add it in MyERAS and assign it to your programs."
    )
    if not names:
        if not written:
            yield Finding(
                "statements.missing",
                Severity.BLOCKER,
                STEP,
                "No personal statement yet.",
                fix,
            )
        return
    if general:
        return
    for folded, name in names.items():
        if folded not in covered:
            yield Finding(
                "statements.missing",
                Severity.BLOCKER,
                STEP,
                f"No personal statement for {name}.",
                fix,
                subject=name,
            )


def _too_long(subject: str, chars: int, limit: int, where: str, fact: Fact | None) -> Finding:
    # An estimated limit (Match 2027: unchanged since 2026, not re-published) is a warning that
    # says so; MyERAS itself refuses a statement over its real limit.
    estimate = fact is not None and fact.confidence is Confidence.ESTIMATE
    shown = fact.display() if fact is not None and not fact.is_official else f"{limit:,}"
    return Finding(
        "statements.too_long",
        Severity.WARNING if estimate else Severity.BLOCKER,
        STEP,
        f"Personal statement ({subject}{where}) has {chars:,} characters; MyERAS takes at "
        f"most {shown} (letters, spaces and punctuation all count).",
        f"Shorten it by at least {chars - limit:,} characters"
        + (", or check the season's limit in MyERAS." if estimate else "."),
        subject=subject,
        data=(("characters", chars), ("max_characters", limit), *fact_ref(fact)),
    )


def _file_length(path_text: str, limit: int) -> int | None:
    """Characters in a plain-text statement file, counted only when it could be too long.

    A UTF-8 character takes 1 to 4 bytes, so a file of at most `limit` bytes is within the
    limit and one of more than 4 × `limit` bytes is over it, without reading either.
    """
    found = probe(path_text)
    if found.size <= limit:
        return found.size  # an upper bound, within the limit
    if found.size > limit * MAX_UTF8_BYTES_PER_CHAR:
        return found.size // MAX_UTF8_BYTES_PER_CHAR  # a lower bound, already over
    try:
        with open(found.path, "rb") as handle:
            return len(handle.read(limit * MAX_UTF8_BYTES_PER_CHAR).decode("utf-8", "replace"))
    except OSError:
        return None


@rule
def statements_length(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """Each statement within the season's character limit; a file that cannot be counted
    (a PDF, a Word file) is said so."""
    limit = season.count(LIMIT_KEY)
    if limit is None and any(_has_content(ps) for ps in dossier.personal_statements):
        yield unknown(season, LIMIT_KEY, STEP, "check the length of your statements")
    for index, ps in enumerate(dossier.personal_statements):
        if not _has_content(ps):
            continue
        subject = _subject(ps, index)
        if ps.text.strip():
            if limit is not None and len(ps.text) > limit:
                yield _too_long(subject, len(ps.text), limit, "", season.get(LIMIT_KEY))
            continue
        label = f"Personal statement ({subject})"
        bad = file_finding("statements.file", STEP, label, ps.path, Kind.ANY, None, subject)
        if bad is not None:
            yield bad
            continue
        if limit is None:
            continue
        found = probe(ps.path)
        if found.path.suffix.lower() not in TEXT_SUFFIXES:
            yield Finding(
                "statements.length_unknown",
                Severity.INFO,
                STEP,
                f"{label}: imgwizard cannot count the characters in {found.path.name} (only "
                "plain-text files can be counted).",
                f"Paste the text into the wizard, or save it as a .txt file, so imgwizard can "
                f"check it against the {limit:,}-character limit.",
                subject=subject,
            )
            continue
        chars = _file_length(ps.path, limit)
        if chars is not None and chars > limit:
            yield _too_long(
                subject, chars, limit, f", file {found.path.name}", season.get(LIMIT_KEY)
            )
