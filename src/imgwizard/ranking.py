"""The rank order list's history: versions kept after the first certification, and the
difference between two versions. R3 keeps no history of its own, so imgwizard does.

A version is kept when the list changes and it was certified, or when it has been certified
before and the last kept version is older than today (several edits on one day between two
certifications make one version, not one per key press).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imgwizard.model import Dossier, RankList, RankListVersion

# Shown where the list is ordered. Our own words on the NRMP algorithm.
STRATEGY_TEXT = (
    "Rank in your true order of preference. The Match is applicant-proposing deferred "
    "acceptance: it tries your choices from the top, so ranking a program lower because it "
    "seems out of reach never helps and can cost you a place you wanted more. Rank every "
    "program you would accept."
)
CERTIFY_AGAIN = (
    "Your list changed after you certified it: R3 uses only a certified list, so certify it "
    "again in R3 after every edit."
)


def certified_before(rank_list: RankList) -> bool:
    """Whether the list has been certified at least once (now or in a kept version)."""
    return rank_list.certified or any(v.certified for v in rank_list.history)


def change(rank_list: RankList, program_ids: list[str], today: dt.date) -> bool:
    """Set the list to `program_ids`, keeping the previous list as a version when it was
    certified before. A change uncertifies the list. Returns True if a version was kept."""
    if list(program_ids) == rank_list.program_ids:
        return False
    kept = False
    if certified_before(rank_list):
        last = rank_list.history[-1] if rank_list.history else None
        if rank_list.certified or last is None or last.saved_on < today:
            rank_list.history = [
                *rank_list.history,
                RankListVersion(
                    program_ids=list(rank_list.program_ids),
                    saved_on=today,
                    certified=rank_list.certified,
                    certified_on=rank_list.certified_on,
                ),
            ]
            kept = True
    rank_list.program_ids = list(program_ids)
    rank_list.certified = False
    return kept


def needs_certifying_again(rank_list: RankList) -> bool:
    """Certified before, changed since, not certified again."""
    return not rank_list.certified and certified_before(rank_list)


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # "added", "removed", "moved"
    program_id: str
    old_rank: int | None  # 1-based
    new_rank: int | None

    def text(self, name: str) -> str:
        if self.kind == "added":
            return f"+ {name} added at {self.new_rank}"
        if self.kind == "removed":
            return f"- {name} removed (was {self.old_rank})"
        return f"~ {name} moved {self.old_rank} → {self.new_rank}"


def diff(old: list[str], new: list[str]) -> list[Change]:
    """What changed from one list to another: removals, additions, then moves, each in rank
    order. A program counts as moved when its rank changed."""
    old_rank = {pid: i + 1 for i, pid in enumerate(old)}
    new_rank = {pid: i + 1 for i, pid in enumerate(new)}
    out = [Change("removed", pid, old_rank[pid], None) for pid in old if pid not in new_rank]
    out += [Change("added", pid, None, new_rank[pid]) for pid in new if pid not in old_rank]
    out += [
        Change("moved", pid, old_rank[pid], new_rank[pid])
        for pid in new
        if pid in old_rank and old_rank[pid] != new_rank[pid]
    ]
    return out


def versions(rank_list: RankList) -> list[tuple[str, list[str]]]:
    """Every kept version and the current list, oldest first, each with a label."""
    out = []
    for i, v in enumerate(rank_list.history):
        state = (
            f"certified {v.certified_on.isoformat()}"
            if v.certified and v.certified_on
            else ("certified" if v.certified else "not certified")
        )
        out.append((f"v{i + 1} · saved {v.saved_on.isoformat()} · {state}", v.program_ids))
    now = "certified" if rank_list.certified else "not certified"
    out.append((f"current · {now}", rank_list.program_ids))
    return out


def diff_text(dossier: Dossier, old: list[str], new: list[str]) -> list[str]:
    """The difference as lines naming the programs."""

    def name(pid: str) -> str:
        program = dossier.program(pid)
        return (program.name or pid) if program else pid

    changes = diff(old, new)
    return [c.text(name(c.program_id)) for c in changes] or ["no difference"]
