"""`imgwizard check`: every finding, without starting the wizard.

Text output is plain lines (no boxes, no colour) so it reads well in a screen reader and in a
pipe; `--json` prints the document described in docs/check-json.md. Exit status: 0 when nothing
blocks, 1 when something does, 2 on a usage or file error. The data file is never written.
"""

from __future__ import annotations

import argparse

NAME = "check"
HELP = "list what is missing or wrong (text or --json); exit 1 if anything blocks"

JSON_FORMAT = "imgwizard-check/1"


def _step_arg(text: str) -> str:
    from imgwizard.steps import STEP_IDS, STEPS

    if text.isdigit() and 1 <= int(text) <= len(STEPS):
        return STEPS[int(text) - 1].id
    if text in STEP_IDS:
        return text
    raise argparse.ArgumentTypeError(
        f"unknown step {text!r}; use a number 1-{len(STEPS)} or one of: {', '.join(STEP_IDS)}"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imgwizard.commands.common import parse_day

    parser.add_argument("--json", action="store_true", help="print a JSON document")
    parser.add_argument(
        "--today",
        type=parse_day,
        metavar="YYYY-MM-DD",
        help="check as of this date instead of today",
    )
    parser.add_argument(
        "--step",
        type=_step_arg,
        metavar="ID",
        help="only this step's findings (a step id such as documents, or its number)",
    )
    parser.add_argument(
        "--ready",
        choices=["eras"],
        help="print only the ready-to-submit gate of a service (exit 0 when ready, 1 when not)",
    )


def _counts(findings) -> dict:
    from imgwizard.rules import Severity

    return {s.value: sum(f.severity is s for f in findings) for s in Severity}


def _summary_text(counts: dict) -> str:
    from imgwizard.wording import plural

    return (
        f"{plural(counts['blocker'], 'blocker')}, {plural(counts['warning'], 'warning')}, "
        f"{plural(counts['info'], 'note')}"
    )


def render_json(*, path, existed, today, season, step_filter, findings, statuses) -> dict:
    from imgwizard.rules import by_step
    from imgwizard.steps import STEPS

    grouped = by_step(findings)
    return {
        "format": JSON_FORMAT,
        "data_file": str(path),
        "data_file_exists": existed,
        "today": today.isoformat(),
        "match_year": season.match_year,
        "season_data": season.data_file or None,
        "season_notes": list(season.notes),
        "step_filter": step_filter,
        "summary": _counts(findings),
        "steps": [
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "status": statuses[s.id].word,
                "next": statuses[s.id].next_goal or None,
                **_counts(grouped.get(s.id, [])),
            }
            for s in STEPS
            if step_filter in (None, s.id)
        ],
        "findings": [f.to_json() for f in findings],
    }


def render_text(*, path, existed, today, season, step_filter, findings, statuses) -> list[str]:
    from imgwizard.rules import by_step
    from imgwizard.safe_text import visible_line
    from imgwizard.steps import STEPS
    from imgwizard.store import permission_warnings

    lines = [
        f"imgwizard check: Match {season.match_year} season, as of {today.isoformat()}",
        f"Data file: {path}{'' if existed else ' (not created yet: checking an empty dossier)'}",
    ]
    lines += [f"Warning: {w}" for w in (permission_warnings(path) if existed else [])]
    lines += [f"Season note: {note}" for note in season.notes]
    if step_filter:
        lines.append(f"Only step: {step_filter}")
    counts = _counts(findings)
    lines.append(f"Summary: {_summary_text(counts)}.")
    lines.append("Progress:")
    for step in STEPS:
        if step_filter in (None, step.id):
            status = statuses[step.id]
            goal = f" (next: {status.next_goal})" if status.next_goal else ""
            lines.append(f"  Step {step.number}, {step.title}: {status.word}{goal}")
    grouped = by_step(findings)
    for step in STEPS:
        items = grouped.get(step.id, [])
        if not items:
            continue
        lines.append("")
        lines.append(
            f"Step {step.number} of {len(STEPS)}, {step.title}: {_summary_text(_counts(items))}"
        )
        for f in items:  # run_all sorted them: blockers first
            # One finding, one line each: a line break in a program name stays visible.
            lines.append(f"  {f.severity.value.upper()}: {visible_line(f.message)}")
            lines.append(f"    Fix: {visible_line(f.fix)}")
            lines.append(f"    Code: {f.code}")
    if not findings:
        lines.append("")
        lines.append("Nothing missing or wrong found.")
    return lines


def render_gate_text(*, path, today, season, gate) -> list[str]:
    from imgwizard.gate import FOLLOW_NOTE
    from imgwizard.steps import STEP_IDS, step

    lines = [
        f"imgwizard check --ready eras: Match {season.match_year} season, as of "
        f"{today.isoformat()}",
        f"Data file: {path}",
    ]
    if not gate.applies:
        lines.append(
            "Not ready: none of your specialties applies through ERAS (they use ResidencyCAS); "
            "this gate does not apply. See step 1."
        )
        return lines
    done = sum(item.done for item in gate.needed)
    verdict = "yes" if gate.ready else "no"
    lines.append(
        f"Ready to submit in MyERAS: {verdict} ({done} of {len(gate.needed)} needed in place)."
    )
    lines.append("Needed to submit:")
    for item in gate.needed:
        lines.append(f"  [{'done' if item.done else 'missing'}] {item.label}")
        if not item.done:
            lines.append(f"    Fix: {item.fix}")
    grouped = gate.follow_by_step()
    total = sum(len(v) for v in grouped.values())
    lines.append(f"Can follow after submission: {total}.")
    for step_id, items in grouped.items():
        title = step(step_id).title if step_id in STEP_IDS else step_id
        for f in items:
            lines.append(f"  {title}: {f.message}")
    lines.append(f"Note: {FOLLOW_NOTE}")
    return lines


def run(args: argparse.Namespace) -> int:
    import datetime as dt
    import gc
    import json

    # A short run that keeps everything it builds: collecting would only re-scan it
    # (pydantic's schemas, the dossier). ~5-10% of the command's CPU (docs/performance.md).
    gc.disable()
    from imgwizard.commands.common import data_path, read_dossier, season_for
    from imgwizard.rules import Severity, run_all

    path = data_path(args)
    today = args.today or dt.date.today()
    dossier, existed = read_dossier(path, today)
    season = season_for(dossier, today)
    step_filter = getattr(args, "step", None)
    all_findings = run_all(dossier, season, today)
    if getattr(args, "ready", None) == "eras":
        from imgwizard.gate import eras_gate

        gate = eras_gate(dossier, season, all_findings)
        if args.json:
            doc = {"format": "imgwizard-gate/1", "match_year": season.match_year}
            doc |= {"today": today.isoformat(), **gate.to_json()}
            print(json.dumps(doc, indent=2, ensure_ascii=False))
        else:
            print("\n".join(render_gate_text(path=path, today=today, season=season, gate=gate)))
        return 0 if gate.ready else 1
    findings = [f for f in all_findings if step_filter in (None, f.step)]
    from imgwizard.progress import step_status
    from imgwizard.steps import STEPS

    parts = dict(
        statuses={s.id: step_status(s, dossier, all_findings) for s in STEPS},
        path=path,
        existed=existed,
        today=today,
        season=season,
        step_filter=step_filter,
        findings=findings,
    )
    if args.json:
        import sys

        from imgwizard.store import permission_warnings

        for warning in permission_warnings(path) if existed else []:
            print(f"imgwizard: warning: {warning}", file=sys.stderr)  # stdout stays JSON
        print(json.dumps(render_json(**parts), indent=2, ensure_ascii=False))
    else:
        print("\n".join(render_text(**parts)))
    return 1 if any(f.severity is Severity.BLOCKER for f in findings) else 0
