"""The season's budget: every cost line (from `imgwizard.pricing`), a total that is a range
where the season gives one, how many lines rest on estimates or are unknown, what is paid and
what is still to pay, and a "what if" of the ERAS fee at 30 / 60 / 100 programs.

`imgwizard budget`, the Budget screen and the Markdown export all read `build_budget`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from imgwizard.model import Dossier
from imgwizard.pricing import CostLine, all_lines, eras_what_if, money, program_counts
from imgwizard.season import Season

WHAT_IF_PROGRAMS = (30, 60, 100)  # points of comparison, not facts


@dataclass(frozen=True, slots=True)
class Total:
    low: int
    high: int

    def text(self) -> str:
        return money(self.low, self.high)


def _total(lines: list[CostLine]) -> Total:
    known = [line for line in lines if line.known]
    return Total(sum(line.low or 0 for line in known), sum(line.high or 0 for line in known))


@dataclass(frozen=True, slots=True)
class Budget:
    match_year: int
    lines: tuple[CostLine, ...]
    what_if: tuple[tuple[int, int], ...]  # (programs, ERAS fee)
    counted_on: str  # "applied" | "planned" | "none"

    @property
    def total(self) -> Total:
        return _total(list(self.lines))

    @property
    def paid(self) -> Total:
        return _total([line for line in self.lines if line.paid])

    @property
    def to_pay(self) -> Total:
        return _total([line for line in self.lines if not line.paid])

    @property
    def estimates(self) -> int:
        return sum(line.is_estimate for line in self.lines)

    @property
    def unknown(self) -> list[CostLine]:
        return [line for line in self.lines if not line.known]

    def summary(self) -> str:
        """'Total ≈ $2,140–$2,460 (3 estimates, 1 unknown) · paid $235 · to pay ...'."""
        notes = []
        if self.estimates:
            notes.append(f"{self.estimates} estimate{'s' * (self.estimates != 1)}")
        if self.unknown:
            notes.append(f"{len(self.unknown)} unknown")
        sure = "≈ " if self.estimates else ""
        head = f"Total {sure}{self.total.text()}"
        if notes:
            head += f" ({', '.join(notes)})"
        return f"{head} · paid {self.paid.text()} · still to pay {self.to_pay.text()}"

    def what_if_text(self) -> str:
        if not self.what_if:
            return ""
        parts = [f"{n} programs {money(fee)}" for n, fee in self.what_if]
        return "ERAS fee for this specialty mix at " + ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "imgwizard-budget/1",
            "match_year": self.match_year,
            "programs_counted": self.counted_on,
            "lines": [line.to_json() for line in self.lines],
            "total": {"low_usd": self.total.low, "high_usd": self.total.high},
            "paid": {"low_usd": self.paid.low, "high_usd": self.paid.high},
            "to_pay": {"low_usd": self.to_pay.low, "high_usd": self.to_pay.high},
            "estimates": self.estimates,
            "unknown": [line.id for line in self.unknown],
            "what_if_eras": [{"programs": n, "fee_usd": fee} for n, fee in self.what_if],
            "summary": self.summary(),
        }


def build_budget(dossier: Dossier, season: Season, today: dt.date) -> Budget:
    return Budget(
        season.match_year,
        tuple(all_lines(dossier, season, today)),
        tuple(eras_what_if(dossier, season, WHAT_IF_PROGRAMS)),
        program_counts(dossier, season).basis,
    )


def line_text(line: CostLine) -> str:
    """One plain line: label, amount with its confidence, paid or not, how it was counted."""
    state = "paid" if line.paid else "to pay"
    return f"{line.label}: {line.amount_text()} · {state} · {line.detail}"


def budget_lines(budget: Budget) -> list[str]:
    """The budget as plain lines (for `imgwizard budget` and screen readers)."""
    out = [f"Budget for Match {budget.match_year}", budget.summary()]
    out += [line_text(line) for line in budget.lines]
    if budget.what_if:
        out.append(budget.what_if_text())
    out += [unknown_hint(line) for line in budget.unknown]
    return out


def unknown_hint(line: CostLine) -> str:
    """What to do about a line without an amount."""
    if line.id.startswith("interviews."):
        return f"{line.label}: no default amount; enter your own on the Budget screen (F8)."
    key = line.keys[0]
    return f"{line.label}: amount not found; enter it with: imgwizard season set {key} VALUE"
