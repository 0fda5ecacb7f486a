"""Every cost of a season, priced in one place: the budget, `imgwizard check`, the ERAS step and
the Markdown export all call these functions, so they never disagree.

Each cost is a `CostLine`: what it is, the amount (a range when the season gives one, unknown
when it gives none), how sure it is (the least sure of the facts it rests on, or "yours" for
the applicant's own number), the season keys behind it, and whether it is paid already.
Amounts come from season facts (see season/facts.py CATALOGUE), never from literals here.

Application fees are counted per specialty on the programs applied to, or on every program on
the list when none is marked applied yet. Specialties that apply through ResidencyCAS in the
season (`residencycas.specialties`) are priced by ResidencyCAS's fees, the others by ERAS's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from imgwizard.model import (
    Dossier,
    InterviewFormat,
    InterviewStatus,
    Outcome,
    PathwayStatus,
    Visa,
)
from imgwizard.season import Confidence, Fact, Season
from imgwizard.season.fees import (
    ERAS_FEE_KEYS,
    RESIDENCYCAS_FEE_KEYS,
    FeeUnknown,
    eras_fee,
    eras_fee_basis,
    residencycas_fee,
    residencycas_fee_basis,
)
from imgwizard.specialties import application_service, canonical, display_name

# Least sure first: a total is only as sure as its least sure part.
SURENESS = (Confidence.ESTIMATE, Confidence.SECONDARY, Confidence.YOURS, Confidence.OFFICIAL)
Basis = Literal["applied", "planned", "none"]


def least_sure(facts: Iterable[Fact]) -> Confidence:
    return min((f.confidence for f in facts), key=SURENESS.index)


def money(low: int | None, high: int | None = None) -> str:
    """'$535', '$250–$499', or 'unknown'."""
    if low is None:
        return "unknown"
    if high is None or high == low:
        return f"${low:,}"
    return f"${low:,}–${high:,}"


@dataclass(frozen=True, slots=True)
class CostLine:
    id: str  # stable: the applicant marks lines paid by it (dossier.budget.paid)
    label: str
    low: int | None  # None: the season has no amount for it
    high: int | None
    confidence: Confidence | None  # None when unknown
    keys: tuple[str, ...]  # season facts it rests on
    detail: str  # how it was counted
    step: str  # where it is paid or decided
    field: str = ""  # the widget id in that step
    paid: bool = False
    sources: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.low is not None

    @property
    def is_estimate(self) -> bool:
        """Not an official or the applicant's own number (an estimate or a third-party one)."""
        return self.known and self.confidence in (Confidence.ESTIMATE, Confidence.SECONDARY)

    def amount_text(self) -> str:
        if not self.known:
            return "unknown"
        text = money(self.low, self.high)
        if self.confidence is Confidence.YOURS:
            return f"{text} · yours"
        if self.confidence is Confidence.OFFICIAL:
            return text
        prefix = "≈ " if self.confidence is Confidence.ESTIMATE else ""
        return f"{prefix}{text} · {self.confidence.value}"  # type: ignore[union-attr]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "amount_usd": self.low,
            "amount_high_usd": self.high,
            "confidence": self.confidence.value if self.confidence else "unknown",
            "estimate": self.is_estimate,
            "paid": self.paid,
            "detail": self.detail,
            "season_keys": list(self.keys),
            "sources": list(self.sources),
            "step": self.step,
            "field": self.field,
        }


def _line(
    line_id: str,
    label: str,
    facts: list[Fact],
    low: int | None,
    high: int | None = None,
    *,
    detail: str,
    step: str,
    field: str = "",
    paid: bool = False,
    keys: tuple[str, ...] = (),
) -> CostLine:
    known = low is not None and bool(facts)
    return CostLine(
        line_id,
        label,
        low if known else None,
        (high if high is not None else low) if known else None,
        least_sure(facts) if known else None,
        keys or tuple(f.key for f in facts),
        detail,
        step,
        field,
        paid,
        tuple(sorted({f.source for f in facts})),
    )


def _money_fact(season: Season, key: str) -> Fact | None:
    fact = season.get(key)
    ok = fact is not None and isinstance(fact.value, int) and not isinstance(fact.value, bool)
    return fact if ok else None


def _fact_line(
    season: Season, line_id: str, label: str, key: str, times: int = 1, **kw: Any
) -> CostLine:
    """A line of `times` × the fee `key` (with `key`_high as the upper end when the season
    has one)."""
    fact = _money_fact(season, key)
    if fact is None:
        keys = kw.pop("keys", (key,))
        return _line(line_id, label, [], None, keys=keys, **kw)
    facts = [fact]
    high = _money_fact(season, key + "_high") if key + "_high" in _catalogue() else None
    if high is not None:
        facts.append(high)
    low = int(fact.value) * times
    return _line(
        line_id,
        label,
        facts,
        low,
        int(high.value) * times if high else None,
        **kw,
    )


def _catalogue() -> Mapping[str, object]:
    from imgwizard.season import CATALOGUE

    return CATALOGUE


# ---------------------------------------------------------------- application fees
@dataclass(frozen=True, slots=True)
class ProgramCounts:
    basis: Basis  # counted on the programs applied to, on the whole list, or none yet
    eras: dict[str, int]  # specialty (display name) -> programs, ERAS specialties
    residencycas: dict[str, int]  # the same for ResidencyCAS specialties

    @property
    def total(self) -> int:
        return sum(self.eras.values()) + sum(self.residencycas.values())


def program_counts(dossier: Dossier, season: Season) -> ProgramCounts:
    """Programs per specialty and service. A program without a specialty counts under the
    applicant's first specialty (as MyERAS would file it), else as "unspecified"."""
    applied = [p for p in dossier.programs if p.applied]
    chosen = applied or dossier.programs
    basis: Basis = "applied" if applied else ("planned" if chosen else "none")
    fallback = next(iter(dossier.primary_specialties()), "")
    names: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for program in chosen:
        raw = program.specialty.strip() or fallback.strip() or "unspecified"
        cid = canonical(raw)
        names.setdefault(cid, display_name(cid) if display_name(cid) != cid else raw)
        counts[cid] += 1
    eras: dict[str, int] = {}
    rcas: dict[str, int] = {}
    for cid, n in sorted(counts.items(), key=lambda item: names[item[0]]):
        service = application_service(cid, season)
        (rcas if service == "ResidencyCAS" else eras)[names[cid]] = n
    return ProgramCounts(basis, eras, rcas)


def _specialty_list(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items())


def _counted(counts: Mapping[str, int], basis: Basis) -> str:
    which = "applied" if basis == "applied" else "on your list, if you apply to each"
    return f"{_specialty_list(counts)} ({which})"


def application_fees(dossier: Dossier, season: Season) -> list[CostLine]:
    """The ERAS and ResidencyCAS application fees for the dossier's programs (a line only for
    a service that has programs)."""
    counts = program_counts(dossier, season)
    services = (
        (
            "eras.applications",
            "ERAS",
            counts.eras,
            ERAS_FEE_KEYS,
            eras_fee_basis,
            lambda: eras_fee(counts.eras, season),
        ),
        (
            "residencycas.applications",
            "ResidencyCAS",
            counts.residencycas,
            RESIDENCYCAS_FEE_KEYS,
            residencycas_fee_basis,
            lambda: residencycas_fee(sum(counts.residencycas.values()), season),
        ),
    )
    lines: list[CostLine] = []
    for line_id, service, per_specialty, keys, basis, fee in services:
        if not per_specialty:
            continue
        try:
            facts, total = basis(season), fee()
        except FeeUnknown:
            facts, total = [], None
        lines.append(
            _line(
                line_id,
                f"{service} application fees",
                facts,
                total,
                detail=_counted(per_specialty, counts.basis),
                step="eras",
                field="eras-fee",
                paid=counts.basis == "applied",
                keys=keys,
            )
        )
    return lines


def spread(total: int, mix: Mapping[str, int]) -> dict[str, int]:
    """`total` programs shared out in the proportions of `mix` (largest remainder)."""
    whole = sum(mix.values())
    if not mix or whole <= 0:
        return {}
    shares = {name: total * n / whole for name, n in mix.items()}
    out = {name: int(share) for name, share in shares.items()}
    left = total - sum(out.values())
    for name in sorted(shares, key=lambda k: (out[k] - shares[k], k))[:left]:
        out[name] += 1
    return out


def eras_what_if(
    dossier: Dossier, season: Season, points: Iterable[int] = (30, 60, 100)
) -> list[tuple[int, int]]:
    """The ERAS fee at so many programs for this specialty mix (the applicant's ERAS
    specialties; their first specialty when no program is listed). Empty when unknown."""
    mix = program_counts(dossier, season).eras
    if not mix:
        first = next(iter(dossier.primary_specialties()), "")
        if first and application_service(first, season) == "ERAS":
            mix = {first: 1}
        elif not first:
            mix = {"unspecified": 1}
    if not mix:
        return []
    try:
        return [(n, eras_fee(spread(n, mix), season)) for n in points]
    except FeeUnknown:
        return []


# ---------------------------------------------------------------- ECFMG, USMLE, NRMP
def ecfmg_eras_lines(dossier: Dossier, season: Season) -> list[CostLine]:
    """The ECFMG token and the USMLE transcript: ERAS applicants only; the ECFMG support fee
    for ResidencyCAS applicants."""
    counts = program_counts(dossier, season)
    lines: list[CostLine] = []
    if counts.eras or counts.basis == "none":
        lines.append(
            _fact_line(
                season,
                "ecfmg.token",
                "ECFMG ERAS token",
                "ecfmg.eras_token_fee",
                detail="once a season, bought from ECFMG",
                step="eras",
                field="eras-token",
                paid=dossier.eras.token_obtained,
            )
        )
        # The release is authorized (and paid) in MyERAS: schema 2 records it as a tick.
        transcript_paid = dossier.eras.submitted or dossier.documents.usmle_transcript.authorized
        lines.append(
            _fact_line(
                season,
                "eras.usmle_transcript",
                "USMLE transcript",
                "eras.usmle_transcript_fee",
                detail="once a season, when you authorize its release in MyERAS",
                step="documents",
                paid=transcript_paid,
            )
        )
    if counts.residencycas:
        lines.append(
            _fact_line(
                season,
                "ecfmg.residencycas_support",
                "ECFMG support for ResidencyCAS",
                "ecfmg.residencycas_support_fee",
                detail="ECFMG sends your documents to ResidencyCAS (own form and fee)",
                step="documents",
            )
        )
    return lines


def nrmp_lines(dossier: Dossier, season: Season, today: dt.date) -> list[CostLine]:
    """Registration, the late fee when it applies, and ranks beyond those included."""
    nrmp = dossier.nrmp
    lines = [
        _fact_line(
            season,
            "nrmp.registration",
            "NRMP registration",
            "nrmp.registration_fee",
            detail="the Main Residency Match, paid in R3",
            step="nrmp",
            field="nrmp-fee-paid",
            paid=nrmp.fee_paid,
        )
    ]
    deadline = season.date("nrmp.registration_deadline")
    if deadline is not None:
        registered_late = nrmp.registered and nrmp.registered_on and nrmp.registered_on > deadline
        if registered_late or (not nrmp.registered and today > deadline):
            lines.append(
                _fact_line(
                    season,
                    "nrmp.late_registration",
                    "NRMP late registration fee",
                    "nrmp.late_registration_fee",
                    detail=f"registration after the standard deadline ({deadline.isoformat()})",
                    step="nrmp",
                    field="nrmp-registered",
                    paid=nrmp.registered and nrmp.fee_paid,
                )
            )
    ranks = len(dossier.rank_list.program_ids)
    included = season.value("nrmp.ranks_included")
    if isinstance(included, int) and ranks > included:
        extra = ranks - included
        lines.append(
            _fact_line(
                season,
                "nrmp.extra_ranks",
                "NRMP extra ranks",
                "nrmp.extra_rank_fee",
                extra,
                detail=f"{ranks} ranked, {included} included: {extra} more, charged when you "
                "certify",
                step="rank_list",
                field="rank-certified",
                paid=dossier.rank_list.certified,
                keys=("nrmp.extra_rank_fee", "nrmp.ranks_included"),
            )
        )
    return lines


def _to_take(outcome: Outcome) -> bool:
    return outcome is not Outcome.PASSED


def _booked(outcome: Outcome) -> bool:
    return outcome in (Outcome.SCHEDULED, Outcome.PENDING)


def exam_lines(dossier: Dossier, season: Season) -> list[CostLine]:
    """Exams and the Pathway still ahead: Step 2 CK unless passed, Step 3 when an H-1B is
    wanted, OET and the Pathway until the clinical skills requirement is met."""
    x, ecfmg = dossier.exams, dossier.ecfmg
    lines: list[CostLine] = []
    if ecfmg.certified:
        return lines
    if _to_take(x.step2ck.outcome):
        lines.append(
            _fact_line(
                season,
                "usmle.step2ck",
                "USMLE Step 2 CK",
                "usmle.step2ck_fee",
                detail="still to pass" + (" (booked)" if _booked(x.step2ck.outcome) else ""),
                step="eligibility",
                field="step2ck-outcome",
                paid=_booked(x.step2ck.outcome),
            )
        )
    if dossier.profile.visa in (Visa.H1B, Visa.J1_OR_H1B) and _to_take(x.step3.outcome):
        lines.append(
            _fact_line(
                season,
                "usmle.step3",
                "USMLE Step 3 (for an H-1B)",
                "usmle.step3_fee",
                detail="an H-1B needs Step 3 passed before the petition",
                step="eligibility",
                field="step3-outcome",
                paid=_booked(x.step3.outcome),
            )
        )
    skills_open = ecfmg.pathway_status not in (PathwayStatus.ACCEPTED, PathwayStatus.NOT_NEEDED)
    if skills_open and not x.step2cs_legacy_pass:
        if x.oet.taken_on is None:
            lines.append(
                _fact_line(
                    season,
                    "oet",
                    "OET Medicine",
                    "oet.fee",
                    detail="the English test every Pathway asks for",
                    step="eligibility",
                    field="oet-date",
                )
            )
        lines.append(
            _fact_line(
                season,
                "ecfmg.pathway",
                "ECFMG Pathway application",
                "ecfmg.pathway_fee",
                detail="clinical and communication skills requirement",
                step="eligibility",
                field="pathway",
                paid=ecfmg.pathway_status is PathwayStatus.APPLIED,
            )
        )
    return lines


# ---------------------------------------------------------------- interviews
_GONE = (InterviewStatus.DECLINED, InterviewStatus.CANCELLED)


def _own_or_default(
    season: Season, own: int | None, key: str, times: int, line_id: str, label: str, **kw: Any
) -> CostLine:
    if own is None:
        kw["detail"] += " · planning default, not a fee: enter your own (F8)"
        return _fact_line(season, line_id, label, key, times, **kw)
    yours = Fact(key, own, Confidence.YOURS, "your own number (budget)", dt.date.min)
    return _line(line_id, label, [yours], own * times, **kw)


def interview_lines(dossier: Dossier, season: Season) -> list[CostLine]:
    """In-person interviews (travel and stay each) and a one-off virtual set-up, from the
    applicant's own numbers or the season's labelled planning defaults."""
    active = [i for i in dossier.interviews if i.status not in _GONE]
    in_person = [i for i in active if i.format is not InterviewFormat.VIRTUAL]
    virtual = [i for i in active if i.format is InterviewFormat.VIRTUAL]
    budget = dossier.budget
    lines: list[CostLine] = []
    done = [i for i in in_person if i.status is InterviewStatus.COMPLETED]
    ahead = len(in_person) - len(done)
    for n, paid, suffix in ((len(done), True, "done"), (ahead, False, "ahead")):
        if n:
            lines.append(
                _own_or_default(
                    season,
                    budget.in_person_interview_cost,
                    "interview.in_person_cost",
                    n,
                    f"interviews.in_person.{suffix}",
                    f"In-person interviews ({suffix})",
                    detail=f"{n} × travel and stay",
                    step="interviews",
                    paid=paid,
                )
            )
    if virtual:
        lines.append(
            _own_or_default(
                season,
                budget.virtual_setup_cost,
                "interview.virtual_setup_cost",
                1,
                "interviews.virtual_setup",
                "Virtual interview set-up",
                detail=f"once, for {len(virtual)} virtual interview(s)",
                step="interviews",
                paid=any(i.status is InterviewStatus.COMPLETED for i in virtual),
            )
        )
    return lines


def all_lines(dossier: Dossier, season: Season, today: dt.date) -> list[CostLine]:
    """Every cost line of the season, in the order an applicant meets them. Lines the
    applicant marked paid (dossier.budget.paid) count as paid."""
    lines = [
        *exam_lines(dossier, season),
        *application_fees(dossier, season),
        *ecfmg_eras_lines(dossier, season),
        *nrmp_lines(dossier, season, today),
        *interview_lines(dossier, season),
    ]
    marked = set(dossier.budget.paid)
    return [_mark_paid(line) if line.id in marked and not line.paid else line for line in lines]


def _mark_paid(line: CostLine) -> CostLine:
    from dataclasses import replace

    return replace(line, paid=True)


def application_fee_summary(dossier: Dossier, season: Season) -> str:
    """One line per application service for the ERAS step: the fee, how sure, what counted."""
    lines = application_fees(dossier, season)
    if not lines:
        return "No programs yet: the fee estimate appears once you list programs in step 2."
    counts = program_counts(dossier, season)
    which = "the programs you applied to" if counts.basis == "applied" else "every program listed"
    out = []
    for line in lines:
        service = line.label.removesuffix(" application fees")
        per = counts.eras if service == "ERAS" else counts.residencycas
        if not line.known:
            how = (
                "Enter the fees below (press c)."
                if service == "ERAS"
                else f"Enter it with: imgwizard season set {line.keys[0]} VALUE"
            )
            out.append(f"{service} fees cannot be worked out: no value for {line.keys[0]}. {how}")
            continue
        check = "see the fee rows below" if service == "ERAS" else "check ResidencyCAS"
        sure = "" if line.confidence is Confidence.OFFICIAL else f" · {check}"
        out.append(
            f"{service} fees for {which}: {line.amount_text()}{sure} ({_specialty_list(per)})"
        )
    return "\n".join(out)
