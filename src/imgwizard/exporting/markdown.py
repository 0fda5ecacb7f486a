"""A Markdown report an advisor can read: where each step stands, what is wrong and how to fix
it, the documents, programs, letters, interviews and rank list.

User text is escaped (Markdown punctuation, table pipes, newlines) so a program called
"A | B *C*" shows as written and cannot break a table. The documents table shows file names
only (the folders of the applicant's machine are not the advisor's business); a finding about
a missing file still names its full path, since that is the fix.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import PurePath

from imgwizard.model import (
    DOCUMENT_LABELS,
    STATUS_REPORT_LABEL,
    USMLE_TRANSCRIPT_LABEL,
    Dossier,
    Program,
)
from imgwizard.rules import Finding, Severity, by_step, run_all
from imgwizard.season import Season

# Only what can start markup inside a line: emphasis, code, links, HTML, tables, strike, math.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")


# Control characters (an escape sequence would act on an advisor's terminal) go; tabs become
# spaces. Line breaks of every kind (str.splitlines) are handled by the callers.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def _lines(text: object) -> list[str]:
    value = _CONTROL.sub("", str(text)).replace("\t", " ")
    return [part.strip() for part in value.splitlines() if part.strip()]


def escape(text: object) -> str:
    """Inline Markdown text: punctuation escaped, line breaks made spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(_lines(text)))


def cell(text: object) -> str:
    """A table cell: like escape(), with line breaks kept as <br> (GitHub renders them)."""
    parts = [escape(part) for part in _lines(text)]
    return "<br>".join(parts) if parts else "—"


PROGRAM_COLUMNS = ("program", "specialty", "location", "visas", "priority", "signal", "applied")
PROGRAM_COLUMNS += ("eligibility",)
LETTER_COLUMNS = ("writer", "role", "specialty", "standardized", "requested", "received")
LETTER_COLUMNS += ("uploaded", "programs")


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """Rows are already escaped cells."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def _label(value: object) -> str:
    return str(getattr(value, "value", value)).replace("_", " ")


def _eligibility_function() -> Callable[..., list[str]] | None:
    """rules.eligibility.program_eligibility(dossier, program, season, today) when the rules
    provide it."""
    try:
        module = importlib.import_module("imgwizard.rules.eligibility")
    except ImportError:
        return None
    func = getattr(module, "program_eligibility", None)
    return func if callable(func) else None


def _program_eligibility(
    dossier: Dossier, program: Program, season: Season, today: dt.date, findings: list[Finding]
) -> str:
    func = _eligibility_function()
    if func is not None:
        try:
            reasons = list(func(dossier, program, season, today))
        except Exception as exc:  # a rule's bug must not lose the whole report
            return cell(f"could not check ({type(exc).__name__})")
    else:
        reasons = [f.message for f in findings if f.subject == program.id]
    return "nothing flagged" if not reasons else cell("\n".join(reasons))


def _counts(items: list[Finding]) -> tuple[int, int, int]:
    """Blockers, warnings, notes."""
    blockers, warnings, infos = (sum(f.severity is s for f in items) for s in Severity)
    return blockers, warnings, infos


def _applicant(dossier: Dossier, season: Season) -> list[str]:
    p, e, x, c = dossier.profile, dossier.education, dossier.exams, dossier.ecfmg
    specialties = [f"{escape(s.name)} ({_label(s.role)})" for s in dossier.specialties if s.name]

    def exam(name: str, result) -> str:
        text = _label(result.outcome)
        if result.score is not None:
            text += f", score {result.score}"
        if result.taken_on:
            text += f", {result.taken_on.isoformat()}"
        if result.attempts > 1:
            text += f", {result.attempts} attempts"
        return f"- {name}: {text}"

    lines = [
        f"- Name: {escape(p.full_name) or '—'}",
        f"- Match: {season.match_year}",
        f"- Specialties: {', '.join(specialties) or '—'}",
        f"- Visa needed: {_label(p.visa)}",
        f"- US clinical experience: {p.us_clinical_experience_months} months",
        f"- Medical school: {escape(e.school_name) or '—'}"
        + (f" ({escape(e.school_country)})" if e.school_country else ""),
        f"- Graduation: {_day(e.graduation_date)}",
        exam("USMLE Step 1", x.step1),
        exam("USMLE Step 2 CK", x.step2ck),
        exam("USMLE Step 3", x.step3),
        f"- OET Medicine: {_day(x.oet.taken_on) if x.oet.taken_on else 'not taken'}",
        f"- ECFMG: pathway {c.pathway or '—'} ({_label(c.pathway_status)}), "
        f"certified: {_yes(c.certified)}",
    ]
    if dossier.backup_plan:
        lines.append(f"- Backup plan: {escape(dossier.backup_plan)}")
    return lines


def _budget(dossier: Dossier, season: Season, today: dt.date) -> list[str]:
    from imgwizard.budget import build_budget, unknown_hint

    budget = build_budget(dossier, season, today)
    lines = [f"**{escape(budget.summary())}**", ""]
    rows = [
        [
            cell(line.label),
            cell(line.amount_text()),
            "paid" if line.paid else "to pay",
            cell(line.detail),
            cell(", ".join(line.keys)),
        ]
        for line in budget.lines
    ]
    lines += table(["cost", "amount", "state", "counted", "season keys"], rows)
    if budget.what_if:
        lines += ["", escape(budget.what_if_text()) + "."]
    lines += [f"- {escape(unknown_hint(line))}" for line in budget.unknown]
    lines += [
        "",
        "Amounts marked ≈ are estimates and “secondary” ones come from a third party: the "
        "account named in each season fact has the real amount.",
    ]
    return lines


def render_markdown(dossier: Dossier, season: Season, today: dt.date) -> str:
    from imgwizard import __version__
    from imgwizard.progress import step_status
    from imgwizard.steps import STEPS

    findings = run_all(dossier, season, today)
    grouped = by_step(findings)
    totals = _counts(findings)
    name = dossier.profile.full_name.strip()
    out = [
        f"# Residency application report{': ' + escape(name) if name else ''}",
        "",
        f"Match {season.match_year} season · as of {today.isoformat()} · "
        f"written by imgwizard {__version__}",
        "",
        f"**{totals[0]} blockers, {totals[1]} warnings, {totals[2]} notes.**",
    ]
    for note in season.notes:
        out += ["", f"> {escape(note)}"]

    out += ["", "## Steps", ""]
    rows = []
    for step in STEPS:
        blockers, warnings, infos = _counts(grouped.get(step.id, []))
        progress = step_status(step, dossier, findings)
        status = progress.word + (f" (next: {progress.next_goal})" if progress.next_goal else "")
        rows.append(
            [str(step.number), cell(step.title), status, str(blockers), str(warnings), str(infos)]
        )
    out += table(["#", "step", "status", "blockers", "warnings", "notes"], rows)

    out += ["", "## Applicant", "", *_applicant(dossier, season)]

    out += ["", "## What to fix, by step"]
    if not findings:
        out += ["", "Nothing flagged."]
    for step in STEPS:
        items = grouped.get(step.id, [])
        if not items:
            continue
        out += ["", f"### Step {step.number} · {escape(step.title)}", ""]
        for f in items:
            out.append(f"- **{f.severity.value.upper()}** {escape(f.message)}")
            out.append(f"  - Fix: {escape(f.fix)}")

    out += ["", "## Season dates", ""]
    from imgwizard.exporting.ics import date_facts

    dates = date_facts(season)
    if dates:
        rows = [[cell(f.spec.label), cell(f.display()), cell(f.source)] for f in dates]
        out += table(["what", "date", "source"], rows)
        out += [
            "",
            "Dates marked ≈ are estimates and “secondary” ones come from a third party: "
            "check them in the account named.",
        ]
    else:
        out.append("No dates known for this season.")

    out += ["", "## Budget", "", *_budget(dossier, season, today)]

    out += ["", "## Documents", ""]
    docs = dossier.documents
    rows = []
    for key, label in DOCUMENT_LABELS.items():
        doc = getattr(docs, key)
        rows.append(
            [
                cell(label),
                _label(doc.status),
                cell(PurePath(doc.path).name if doc.path else ""),
                _day(doc.uploaded_on),
                cell(doc.notes),
            ]
        )
    release, report = docs.usmle_transcript, docs.ecfmg_status_report
    rows.append(
        [
            cell(USMLE_TRANSCRIPT_LABEL),
            "authorized" if release.authorized else "not authorized yet",
            "",
            _day(release.authorized_on),
            cell(release.notes),
        ]
    )
    rows.append(
        [
            cell(STATUS_REPORT_LABEL),
            "seen in MyERAS" if report.confirmed else "not confirmed yet",
            "",
            "",
            cell(report.notes),
        ]
    )
    out += table(["document", "status", "file", "uploaded", "notes"], rows)

    if dossier.personal_statements:
        out += ["", "## Personal statements", ""]
        rows = [
            [
                cell(ps.specialty),
                cell(ps.title),
                _label(ps.status),
                f"{len(ps.text):,}" if ps.text else "—",
            ]
            for ps in dossier.personal_statements
        ]
        out += table(["specialty", "title", "status", "characters"], rows)

    out += ["", "## Programs", ""]
    if dossier.programs:
        rows = []
        for p in dossier.programs:
            visas = ", ".join(v.value.upper() for v in p.visas_sponsored)
            if not visas:
                visas = "none" if p.visa_policy_known else "not known"
            rows.append(
                [
                    cell(p.name),
                    cell(p.specialty),
                    cell(", ".join(x for x in (p.city, p.state) if x)),
                    visas,
                    str(p.priority),
                    p.signal.value if p.signalled else "no",
                    _day(p.applied_on) if p.applied_on else _yes(p.applied),
                    _program_eligibility(dossier, p, season, today, findings),
                ]
            )
        out += table(PROGRAM_COLUMNS, rows)
    else:
        out.append("No programs listed yet.")

    out += ["", "## Letters of recommendation", ""]
    if dossier.letters:
        rows = [
            [
                cell(letter.writer),
                cell(letter.writer_role),
                cell(letter.specialty),
                _yes(letter.standardized),
                _day(letter.requested_on),
                _day(letter.received_on),
                _day(letter.uploaded_on),
                str(len(letter.program_ids)),
            ]
            for letter in dossier.letters
        ]
        out += table(LETTER_COLUMNS, rows)
    else:
        out.append("No letters listed yet.")

    out += ["", "## Interviews", ""]
    if dossier.interviews:
        from imgwizard.exporting.ics import interview_name

        ordered = sorted(dossier.interviews, key=lambda i: (i.date is None, i.date or today))
        rows = [
            [
                cell(interview_name(dossier, i)),
                _day(i.date),
                _label(i.format),
                _label(i.status),
                _yes(i.thank_you_sent),
            ]
            for i in ordered
        ]
        out += table(["program", "date", "format", "status", "thank-you sent"], rows)
    else:
        out.append("No interviews yet.")

    out += ["", "## Rank list", ""]
    ranks = dossier.rank_list
    if ranks.program_ids:
        for number, pid in enumerate(ranks.program_ids, start=1):
            program = dossier.program(pid)
            if program is None:
                out.append(f"{number}. (a program no longer in the list: {escape(pid)})")
            else:
                extra = f" — {escape(program.specialty)}" if program.specialty else ""
                out.append(f"{number}. {escape(program.name or pid)}{extra}")
        out += [
            "",
            f"Certified: {_yes(ranks.certified)}"
            + (f" ({ranks.certified_on.isoformat()})" if ranks.certified_on else ""),
        ]
    else:
        out.append("No rank list yet.")

    match = dossier.match
    out += ["", "## Match", "", f"Outcome: {_label(match.outcome)}"]
    if match.matched_program_id:
        program = dossier.program(match.matched_program_id)
        out.append(f"Matched at: {escape(program.name if program else match.matched_program_id)}")
    return "\n".join(out) + "\n"
