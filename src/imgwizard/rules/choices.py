"""Choices no official system helps with: program signals, geographic preferences, the rank
order list's history and the SOAP plan.

Every finding built on a season count carries the fact (key, value, confidence) in its data;
a count that is not official is named as such in the message and never raises a blocker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from imgwizard import ranking, signals, soap
from imgwizard.geography import label, placement
from imgwizard.model import Dossier, MatchOutcome, Program
from imgwizard.rules import rule
from imgwizard.rules.common import fact_data
from imgwizard.rules.eligibility import program_reasons
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Confidence, Fact, Season
from imgwizard.specialties import application_service, canonical, display_name
from imgwizard.wording import plural

_FIRM = (Confidence.OFFICIAL, Confidence.YOURS)


def _firm(fact: Fact) -> bool:
    return fact.confidence in _FIRM


def _how_sure(fact: Fact) -> str:
    """' (official)' or ' (an estimate: ... ; not confirmed)' for a message."""
    if fact.confidence is Confidence.OFFICIAL:
        return " (official)"
    if fact.confidence is Confidence.YOURS:
        return " (your own figure)"
    if fact.confidence is Confidence.ESTIMATE:
        why = f": {fact.rule}" if fact.rule else ""
        return f" (an estimate{why}; not confirmed)"
    return f" ({fact.confidence.value} source; not confirmed)"


def _name(program: Program) -> str:
    return program.name or program.id


# --------------------------------------------------------------------------- signals


def _tier_word(tier) -> str:
    return "signals" if tier.value == "signal" else f"{tier.value} signals"


@rule
def signal_counts(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """Per specialty and tier: over the season's count, or some left while programs wait."""
    for use in signals.usage(dossier, season):
        sid = use.specialty_id
        signalled = [p for p in use.programs if p.signalled]
        if signalled and not any(t.cap is not None for t in use.tiers):
            service = application_service(use.name, season)
            where = "ResidencyCAS" if service == "ResidencyCAS" else "MyERAS"
            yield Finding(
                "signals.count_unknown",
                Severity.INFO,
                "programs",
                f"{use.name}: imgwizard has no signal count for the Match {season.match_year} "
                f"season{' (it applies through ResidencyCAS)' if where == 'ResidencyCAS' else ''}"
                f", so your {plural(len(signalled), 'signal')} cannot be checked.",
                f"Look up the count in {where} and keep to it.",
                subject=sid,
            )
            continue
        for tier in use.tiers:
            fact = tier.cap
            if fact is None or tier.allowed is None:
                continue
            subject = f"{sid}.{tier.tier.value}"
            data = (*fact_data(fact), ("used", tier.used), ("allowed", tier.allowed))
            if tier.over:
                firm = _firm(fact)
                yield Finding(
                    "signals.over_limit",
                    Severity.BLOCKER if firm else Severity.WARNING,
                    "programs",
                    f"{use.name}: {tier.used} {_tier_word(tier.tier)} chosen; "
                    + (
                        f"{fact.spec.where_to_check} allows {tier.allowed}"
                        if firm
                        else f"imgwizard estimates the limit at {tier.allowed}"
                    )
                    + f"{_how_sure(fact)}. {tier.over} too many.",
                    f"Take the {tier.tier.value} signal off {plural(tier.over, 'program')}"
                    + ("" if firm else f", or check the count in {fact.spec.where_to_check}")
                    + ".",
                    subject=subject,
                    data=data,
                )
            elif tier.used < tier.allowed:
                waiting = sum(1 for p in use.programs if not p.signalled)
                if waiting:
                    left = tier.allowed - tier.used
                    yield Finding(
                        "signals.unused",
                        Severity.INFO,
                        "programs",
                        f"{use.name}: {left} of {tier.allowed} {_tier_word(tier.tier)} "
                        f"unused{_how_sure(fact)}, while {plural(waiting, 'program')} on your "
                        f"list {'has' if waiting == 1 else 'have'} none.",
                        "Signals cost nothing: give them to programs you most want and are "
                        "eligible for.",
                        subject=subject,
                        data=data,
                    )


@rule
def signal_programs(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """Per program: a signal on a program the applicant is not eligible for, not applying to,
    or of a tier its specialty does not have."""
    applying = dossier.eras.submitted or any(p.applied for p in dossier.programs)
    for program in dossier.programs:
        if not program.signalled:
            continue
        name, tier = _name(program), program.signal.value
        reasons = program_reasons(dossier, program, season, today)
        if reasons:
            yield Finding(
                "signals.ineligible",
                Severity.WARNING,
                "programs",
                f"A {tier} signal is spent on {name}, which you are not eligible for: it "
                f"{'; it '.join(r.text for r in reasons)}.",
                "Move the signal to a program whose requirements you meet.",
                subject=program.id,
                data=(("reasons", [r.code for r in reasons]),),
            )
        if applying and not program.applied:
            yield Finding(
                "signals.not_applied",
                Severity.WARNING,
                "programs",
                f"{name} has a {tier} signal but is marked not applied: a signal only goes "
                "with an application.",
                "Apply to it, or move the signal to a program you apply to.",
                subject=program.id,
            )
        sid = canonical(program.specialty)
        if signals.known_specialty(sid) and program.signal not in signals.tiers(sid):
            offered = " or ".join(t.value for t in signals.tiers(sid))
            yield Finding(
                "signals.wrong_tier",
                Severity.WARNING,
                "programs",
                f"{name} has a {tier} signal, but {display_name(sid)} signals are {offered}.",
                f"Choose {offered} for it (press g on the program).",
                subject=program.id,
            )


# --------------------------------------------------------------------------- geography


@rule
def geographic_preferences(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    geo = dossier.geography
    chosen = geo.divisions
    fact = season.get("eras.geographic_divisions_max")
    if fact is not None and isinstance(fact.value, int) and len(chosen) > fact.value:
        firm = _firm(fact)
        yield Finding(
            "geography.too_many_divisions",
            Severity.BLOCKER if firm else Severity.WARNING,
            "programs",
            f"{len(chosen)} Census divisions chosen; MyERAS takes up to {fact.value}"
            f"{_how_sure(fact)}.",
            "Keep the divisions you care most about.",
            data=fact_data(fact),
        )
    if chosen and geo.no_division_preference:
        yield Finding(
            "geography.conflicting",
            Severity.WARNING,
            "programs",
            "You chose Census divisions and also 'no preference'.",
            "Keep one: the divisions, or no preference (programs everywhere then see it).",
        )
    if chosen and not geo.division_explanation.strip():
        yield Finding(
            "geography.no_explanation",
            Severity.INFO,
            "programs",
            "MyERAS lets you explain a division preference; you have not written yours.",
            "Write a sentence or two on why these divisions (family, partner, past training).",
        )
    where = placement(dossier)
    if where is not None and where.mostly_outside:
        names = ", ".join(label(d) for d in chosen)
        yield Finding(
            "geography.mostly_outside",
            Severity.INFO,
            "programs",
            f"{where.outside} of {where.with_known_state} programs you "
            f"{'applied to' if where.applied_only else 'list'} lie outside your chosen "
            f"divisions ({names}); only programs inside them see the preference.",
            "That is fine if intended; otherwise choose other divisions or 'no preference'.",
            data=(("outside", where.outside), ("with_known_state", where.with_known_state)),
        )


# --------------------------------------------------------------------------- rank list


@rule
def rank_list_checks(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    rl = dossier.rank_list
    if ranking.needs_certifying_again(rl):
        yield Finding(
            "rank_list.certify_again",
            Severity.WARNING,
            "rank_list",
            ranking.CERTIFY_AGAIN,
            "Certify the list in R3 again, then tick 'I certified my list in R3'.",
        )
    by_id = {p.id: p for p in dossier.programs}
    for pid in rl.program_ids:
        program = by_id.get(pid)
        if program is None:
            continue
        visa = [r for r in program_reasons(dossier, program, season, today) if "visa" in r.code]
        for reason in visa:
            yield Finding(
                "rank_list.visa_not_sponsored",
                Severity.WARNING,
                "rank_list",
                f"Ranked: {_name(program)}, which {reason.text}.",
                "If you match there you may not be able to start; ask the program in writing "
                "or take it off the list.",
                subject=pid,
            )
    target = rl.target_length
    if target is not None and 0 < len(rl.program_ids) < target:
        yield Finding(
            "rank_list.short",
            Severity.INFO,
            "rank_list",
            f"{plural(len(rl.program_ids), 'program')} ranked; your own target is {target}.",
            "Rank every program you interviewed with and would accept.",
            data=(("ranked", len(rl.program_ids)), ("target", target)),
        )


# --------------------------------------------------------------------------- SOAP


@rule
def soap_plan(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    plan, match = dossier.soap, dossier.match
    fact = soap.cap(season)
    size = len(plan.programs)
    if fact is not None and isinstance(fact.value, int) and size > fact.value:
        yield Finding(
            "soap.over_limit",
            Severity.WARNING if _firm(fact) else Severity.INFO,
            "match_day",
            f"Your SOAP plan lists {size} programs; SOAP allows {fact.value} applications in "
            f"all{_how_sure(fact)}.",
            f"Keep the {fact.value} you want most.",
            data=(*fact_data(fact), ("listed", size)),
        )
    matched = match.outcome in (MatchOutcome.MATCHED, MatchOutcome.WITHDRAWN)
    if matched:
        return
    relevant = (
        size > 0
        or match.soap_participating
        or match.outcome in (MatchOutcome.UNMATCHED, MatchOutcome.PARTIALLY_MATCHED)
    )
    if relevant:
        for blocker in soap.eligibility(dossier, season, today):
            yield Finding(
                f"soap.{blocker.code}",
                Severity.WARNING,
                "match_day",
                blocker.text + ".",
                blocker.fix,
            )
    left = soap.documents_left(dossier)
    if size and left:
        yield Finding(
            "soap.documents_to_refresh",
            Severity.INFO,
            "match_day",
            f"SOAP plan: {plural(len(left), 'thing')} to refresh before Match Week: "
            f"{'; '.join(left)}.",
            "Tick each in the Match Day step when done.",
        )
    deadline, ends = season.date("nrmp.rol_deadline"), season.date("nrmp.soap_ends")
    if not size and deadline and ends and deadline < today <= ends:
        yield Finding(
            "soap.no_plan",
            Severity.INFO,
            "match_day",
            "No SOAP plan yet, and Match Week is close.",
            "List the unfilled-position programs you would apply to if you do not match.",
        )
