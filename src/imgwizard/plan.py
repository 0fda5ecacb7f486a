"""What to do next, and by when: one ordered list of actions across ERAS, NRMP, ECFMG, the
FSMB and the programs, built from the dossier, the season facts and today.

Sources of an action (docs/plan-and-budget.md explains each):
- the season's deadlines (rules.deadlines.DEADLINES): what must be done by each, done or not;
- open findings (blockers and warnings): due by their step's deadline when it has one;
- the season's other dates from the season's opening on, as milestones (nothing to do);
- the dossier's own dates: a letter asked for and not received (a reminder), an interview
  (prepare by D-2, the day itself, thank-you note by D+2), an exam booked for a day ahead, the
  Pathway's expiry date.

Each action says what, where, the due date and how sure that date is (official / secondary /
estimate from the season, "yours" from the dossier), days left, its step and field, and what it
blocks. `imgwizard plan`, the Plan screen and the calendar export all call `build_plan`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from imgwizard.model import Dossier, InterviewStatus, Outcome
from imgwizard.rules import run_all
from imgwizard.rules.deadlines import DEADLINES, Deadline
from imgwizard.rules.findings import Finding, Severity
from imgwizard.rules.letters import OVERDUE_AFTER_DAYS
from imgwizard.season import CATALOGUE, Confidence, Kind, Season

Group = Literal["overdue", "this_week", "next_30_days", "later", "done"]
GROUPS: tuple[tuple[Group, str], ...] = (
    ("overdue", "Overdue"),
    ("this_week", "This week"),
    ("next_30_days", "Next 30 days"),
    ("later", "Later"),
    ("done", "Done"),
)
WEEK, MONTH = 7, 30  # the windows of the groups, in days

# Planning habits, not facts of the process: when to prepare for and thank after an
# interview. The action's confidence is "yours" (from your dates). A letter is nudged when the
# letters rule calls it overdue (rules.letters.OVERDUE_AFTER_DAYS).
PREPARE_DAYS_BEFORE = 2
THANK_YOU_DAYS_AFTER = 2

# Where each step's work is done.
PLACES = {
    "specialty": "imgwizard (your plan)",
    "programs": "program websites",
    "eligibility": "MyIntealth (ECFMG) / FSMB USMLE portal",
    "documents": "MyERAS / MyIntealth",
    "personal_statement": "MyERAS",
    "letters": "AAMC Letter Writer Portal (request in MyERAS)",
    "nrmp": "NRMP R3",
    "eras": "MyERAS",
    "interviews": "the program's e-mail / interview platform",
    "rank_list": "NRMP R3",
    "match_day": "NRMP R3",
}

# For each deadline: the place, the field where it is marked done, what missing it costs, and
# whether it is a hard deadline (an alarm in the calendar).
_DEADLINE_EXTRA: dict[str, tuple[str, str, str, bool]] = {
    "eras_submission": (
        "MyERAS",
        "eras-submit",
        "programs start reviewing then; MyERAS still takes applications until the season ends",
        False,
    ),
    "nrmp_registration": (
        "NRMP R3",
        "nrmp-registered",
        "after it a late fee applies; registration closes at the rank list deadline",
        True,
    ),
    "ecfmg_verification": (
        "MyIntealth (ECFMG)",
        "reported-to-nrmp",
        "ECFMG verification by the rank order list deadline, or you are withdrawn from the Match",
        True,
    ),
    "rol_certification": (
        "NRMP R3",
        "rank-certified",
        "an uncertified rank list is not used: you cannot match",
        True,
    ),
    "match_day": ("NRMP R3", "match-outcome", "", False),
}


@dataclass(frozen=True, slots=True)
class Action:
    id: str  # stable: the same action has the same id on every run
    what: str
    where: str
    due: dt.date | None
    confidence: str  # official / secondary / estimate / yours, or "" when undated
    step: str
    field: str = ""  # the widget id in that step where it is done
    blocks: str = ""  # what missing it costs
    kind: str = "action"  # action / milestone / reminder / finding / interview
    done: bool = False
    hard: bool = False  # a hard deadline: the calendar sets an alarm
    season_key: str = ""
    source: str = ""
    how: str = ""  # how to do it, when `what` names a problem (an open finding's fix)

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days

    def group(self, today: dt.date) -> Group:
        if self.done:
            return "done"
        days = self.days_left(today)
        if days is None:
            return "later"
        if days < 0:
            return "overdue" if self.kind != "milestone" else "done"
        if days <= WEEK:
            return "this_week"
        return "next_30_days" if days <= MONTH else "later"

    def when_text(self, today: dt.date) -> str:
        if self.due is None:
            return "no date"
        days = self.days_left(today) or 0
        rel = (
            "today"
            if days == 0
            else "tomorrow"
            if days == 1
            else f"in {days} days"
            if days > 0
            else f"{-days} day{'s' * (days != -1)} ago"
        )
        sure = "" if self.confidence in ("official", "") else f" · {self.confidence}"
        prefix = "≈ " if self.confidence == "estimate" else ""
        return f"{prefix}{self.due.strftime('%a %d %b %Y')} ({rel}){sure}"

    def to_json(self, today: dt.date) -> dict[str, Any]:
        return {
            "id": self.id,
            "what": self.what,
            "how": self.how or None,
            "where": self.where,
            "due": self.due.isoformat() if self.due else None,
            "confidence": self.confidence or None,
            "days_left": self.days_left(today),
            "group": self.group(today),
            "step": self.step,
            "field": self.field or None,
            "blocks": self.blocks or None,
            "kind": self.kind,
            "done": self.done,
            "hard_deadline": self.hard,
            "season_key": self.season_key or None,
            "source": self.source or None,
        }


def _deadline_action(deadline: Deadline, dossier: Dossier, season: Season) -> Action | None:
    fact = season.get(deadline.key)
    if fact is None or not isinstance(fact.value, dt.date):
        return None
    where, field, blocks, hard = _DEADLINE_EXTRA.get(
        deadline.name, (PLACES[deadline.step], "", "", False)
    )
    milestone = deadline.done is None
    return Action(
        id=f"deadline.{deadline.name}",
        what=fact.spec.label if milestone else deadline.todo,
        where=where,
        due=fact.value,
        confidence=fact.confidence.value,
        step=deadline.step,
        field=field,
        blocks=blocks,
        kind="milestone" if milestone else "action",
        done=bool(deadline.done and deadline.done(dossier)),
        hard=hard,
        season_key=fact.key,
        source=fact.source,
    )


def season_opened(season: Season) -> dt.date | None:
    return season.date("eras.season_opens")


# The step a season date belongs to (else the step named like the key's prefix, eras or nrmp;
# exam and ECFMG dates belong to eligibility).
_MILESTONE_STEPS = {
    "nrmp.ranking_opens": "rank_list",
    "nrmp.match_week_starts": "match_day",
    "nrmp.soap_ends": "match_day",
}


def _milestone_step(key: str) -> str:
    from imgwizard.steps import STEP_IDS

    prefix = key.split(".")[0]
    return _MILESTONE_STEPS.get(key, prefix if prefix in STEP_IDS else "eligibility")


def _milestones(season: Season, used: set[str], today: dt.date) -> list[Action]:
    """The season's other dates still ahead (never before the season opened): days to know,
    nothing to tick off."""
    opened = season_opened(season)
    out = []
    for fact in season.facts.values():
        if fact.spec.kind is not Kind.DATE or not isinstance(fact.value, dt.date):
            continue
        if fact.key in used or fact.value < today:
            continue  # a date passed with nothing to do no longer matters
        if opened is not None and fact.value < opened:
            continue
        if opened is None and not fact.key.startswith(("eras.", "nrmp.")):
            continue
        out.append(
            Action(
                id=f"milestone.{fact.key}",
                what=fact.spec.label,
                where=fact.spec.where_to_check,
                due=fact.value,
                confidence=fact.confidence.value,
                step=_milestone_step(fact.key),
                kind="milestone",
                season_key=fact.key,
                source=fact.source,
            )
        )
    return out


# Findings the plan has an action of its own for: the deadlines, and a letter overdue (the
# follow-up reminder).
_OWN_ACTIONS = ("deadlines.", "letters.overdue")


# ECFMG's report to the NRMP by the rank order list deadline is about the exams and the skills
# requirement (the eligibility blockers); eligibility warnings (diploma verification, Step 3
# for an H-1B) run on other clocks, so they are not given that date.
_WARNINGS_UNDATED = ("eligibility",)


def _finding_actions(
    findings: list[Finding], by_step: dict[str, Action], today: dt.date
) -> list[Action]:
    """Open blockers and warnings (not the deadline findings: those are actions already),
    due by their step's open deadline when it has one."""
    out = []
    for f in findings:
        if f.severity is Severity.INFO or f.code.startswith(_OWN_ACTIONS):
            continue
        deadline = by_step.get(f.step)
        if f.severity is Severity.WARNING and f.step in _WARNINGS_UNDATED:
            deadline = None
        out.append(
            Action(
                id=f"finding.{f.code}" + (f".{f.subject}" if f.subject else ""),
                what=f.message,
                how=f.fix,
                where=PLACES.get(f.step, ""),
                due=deadline.due if deadline else None,
                confidence=deadline.confidence if deadline else "",
                step=f.step,
                field=_finding_field(f),
                blocks=(
                    f"needed by: {CATALOGUE[deadline.season_key].label}"
                    if deadline and f.severity is Severity.BLOCKER
                    else ""
                ),
                kind="finding",
                season_key=deadline.season_key if deadline else "",
            )
        )
    return out


def _finding_field(f: Finding) -> str:
    """The widget a finding's fix is made in, where its code says so."""
    parts = f.code.split(".")
    if parts[0] == "documents" and len(parts) > 1:
        return "doc-" + parts[1].replace("_", "-")
    return ""


def _letter_reminders(dossier: Dossier, today: dt.date) -> list[Action]:
    out = []
    for index, letter in enumerate(dossier.letters):
        if letter.requested_on is None or letter.received_on is not None:
            continue
        asked = (today - letter.requested_on).days
        who = letter.writer or f"letter {index + 1}"
        out.append(
            Action(
                id=f"letter.{index}.follow_up",
                what=f"Follow up with {who}: letter asked for {asked} days ago, not received",
                where=PLACES["letters"],
                due=letter.requested_on + dt.timedelta(days=OVERDUE_AFTER_DAYS),
                confidence="yours",
                step="letters",
                field="l-rec",
                kind="reminder",
            )
        )
    return out


def _exam_actions(dossier: Dossier, today: dt.date) -> list[Action]:
    """Exams booked for a day still ahead, and the Pathway's expiry date."""
    x, ecfmg = dossier.exams, dossier.ecfmg
    out = []
    base = dict(where=PLACES["eligibility"], confidence="yours", step="eligibility")
    for prefix, name, exam in (
        ("step1", "USMLE Step 1", x.step1),
        ("step2ck", "USMLE Step 2 CK", x.step2ck),
        ("step3", "USMLE Step 3", x.step3),
    ):
        if exam.outcome is Outcome.SCHEDULED and exam.taken_on and exam.taken_on >= today:
            out.append(
                Action(
                    id=f"exam.{prefix}",
                    what=f"Take {name}; enter the result when it comes",
                    due=exam.taken_on,
                    field=f"{prefix}-outcome",
                    kind="reminder",
                    **base,  # type: ignore[arg-type]
                )
            )
    if x.oet.taken_on and x.oet.taken_on >= today and x.oet.listening is None:
        out.append(
            Action(
                id="exam.oet",
                what="Take OET Medicine; enter the four scores when they come",
                due=x.oet.taken_on,
                field="oet-date",
                kind="reminder",
                **base,  # type: ignore[arg-type]
            )
        )
    if ecfmg.pathway_expires_on and not ecfmg.certified:
        out.append(
            Action(
                id="ecfmg.pathway_expires",
                what="Your ECFMG Pathway expires: be certified before then, or revalidate it",
                due=ecfmg.pathway_expires_on,
                field="pathway-expires",
                blocks="an expired Pathway blocks ECFMG certification and Match eligibility",
                hard=True,
                **base,  # type: ignore[arg-type]
            )
        )
    return out


def _interview_actions(dossier: Dossier, today: dt.date) -> list[Action]:
    from imgwizard.exporting.ics import interview_name

    out = []
    for index, iv in enumerate(dossier.interviews):
        if iv.date is None or iv.status in (InterviewStatus.DECLINED, InterviewStatus.CANCELLED):
            continue
        name = interview_name(dossier, iv)
        done_day = iv.status is InterviewStatus.COMPLETED or iv.date < today
        fmt = iv.format.value.replace("_", " ")
        base = dict(where=PLACES["interviews"], confidence="yours", step="interviews")
        if not done_day:
            out.append(
                Action(
                    id=f"interview.{index}.prepare",
                    what=f"Prepare for the {fmt} interview with {name}",
                    due=iv.date - dt.timedelta(days=PREPARE_DAYS_BEFORE),
                    field="interview-prep",
                    kind="reminder",
                    **base,  # type: ignore[arg-type]
                )
            )
        out.append(
            Action(
                id=f"interview.{index}.day",
                what=f"Interview with {name} ({fmt})",
                due=iv.date,
                field="iv-date",
                kind="interview",
                done=done_day,
                **base,  # type: ignore[arg-type]
            )
        )
        out.append(
            Action(
                id=f"interview.{index}.thank_you",
                what=f"Send a thank-you note to {name}",
                due=iv.date + dt.timedelta(days=THANK_YOU_DAYS_AFTER),
                field="iv-thanks",
                kind="reminder",
                done=iv.thank_you_sent,
                **base,  # type: ignore[arg-type]
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Plan:
    today: dt.date
    match_year: int
    actions: tuple[Action, ...]  # in date order, undated last

    def grouped(self) -> dict[Group, list[Action]]:
        out: dict[Group, list[Action]] = {g: [] for g, _ in GROUPS}
        for action in self.actions:
            out[action.group(self.today)].append(action)
        return out

    @property
    def overdue(self) -> list[Action]:
        return self.grouped()["overdue"]

    @property
    def urgent(self) -> bool:
        """Something is overdue or due this week: the wizard opens on the plan."""
        grouped = self.grouped()
        return bool(grouped["overdue"] or grouped["this_week"])

    def within(self, days: int) -> Plan:
        """Only open actions due within `days` (overdue ones included)."""
        keep = tuple(
            a
            for a in self.actions
            if not a.done and a.due is not None and (a.due - self.today).days <= days
        )
        return Plan(self.today, self.match_year, keep)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "imgwizard-plan/1",
            "today": self.today.isoformat(),
            "match_year": self.match_year,
            "counts": {g: len(v) for g, v in self.grouped().items()},
            "actions": [a.to_json(self.today) for a in self.actions],
        }


def _order(action: Action) -> tuple:
    kinds = ("action", "finding", "interview", "reminder", "milestone")
    return (action.due is None, action.due or dt.date.max, kinds.index(action.kind), action.id)


def build_plan(
    dossier: Dossier,
    season: Season,
    today: dt.date,
    findings: list[Finding] | None = None,
) -> Plan:
    """Every action of the season for this dossier, in date order (undated last)."""
    if findings is None:
        findings = run_all(dossier, season, today)
    deadlines = [
        a for a in (_deadline_action(d, dossier, season) for d in DEADLINES) if a is not None
    ]
    # A finding is due by the first open deadline of its step.
    by_step: dict[str, Action] = {}
    for action in sorted(deadlines, key=_order):
        if action.kind == "action" and not action.done:
            by_step.setdefault(action.step, action)
    for step_id, via in (
        ("documents", "eras"),
        ("personal_statement", "eras"),
        ("letters", "eras"),
    ):
        if via in by_step:
            by_step.setdefault(step_id, by_step[via])
    used = {d.key for d in DEADLINES}
    actions = [
        *deadlines,
        *_milestones(season, used, today),
        *_finding_actions(findings, by_step, today),
        *_letter_reminders(dossier, today),
        *_exam_actions(dossier, today),
        *_interview_actions(dossier, today),
    ]
    return Plan(today, season.match_year, tuple(sorted(actions, key=_order)))


def action_line(action: Action, today: dt.date) -> str:
    """One plain line for a screen reader or a script."""
    from imgwizard.steps import step

    parts = [action.what, f"due {action.when_text(today)}", f"where: {action.where}"]
    if action.how:
        parts.insert(1, f"how: {action.how}")
    parts.append(f"step {step(action.step).number} {step(action.step).title}")
    if action.blocks:
        parts.append(action.blocks)
    return " · ".join(parts)


def plan_lines(plan: Plan, *, show_done: bool = False) -> list[str]:
    out = [f"Plan for Match {plan.match_year}, as of {plan.today.isoformat()}"]
    for group, title in GROUPS:
        items = plan.grouped()[group]
        if group == "done" and not show_done:
            if items:
                out.append(f"Done: {len(items)} (folded away)")
            continue
        if not items:
            continue
        out.append(f"{title} ({len(items)}):")
        out += [f"- {action_line(a, plan.today)}" for a in items]
    return out


__all__ = [
    "GROUPS",
    "Action",
    "Confidence",
    "Plan",
    "action_line",
    "build_plan",
    "plan_lines",
    "season_opened",
]
