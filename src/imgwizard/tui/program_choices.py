"""The choices of the program form (step 2) and how a program's visa policy reads: plain data
and text, so the programs pane can show a program without importing the form."""

from __future__ import annotations

from imgwizard.model import Program, SignalTier, VisaType

# What the program sponsors, as one choice: (label, (visas, policy known)).
VISA_CHOICES: list[tuple[str, tuple[tuple[VisaType, ...], bool]]] = [
    ("Not known yet", ((), False)),
    ("Sponsors no visa", ((), True)),
    ("J-1 only", ((VisaType.J1,), True)),
    ("H-1B only", ((VisaType.H1B,), True)),
    ("J-1 and H-1B", ((VisaType.J1, VisaType.H1B), True)),
]

SIGNAL_CHOICES = [
    ("No signal", SignalTier.NONE),
    ("Gold", SignalTier.GOLD),
    ("Silver", SignalTier.SILVER),
    ("Signal (one tier)", SignalTier.SIGNAL),
]
PRIORITY_CHOICES = [
    ("5 — top choice", 5),
    ("4", 4),
    ("3 — middle", 3),
    ("2", 2),
    ("1 — low", 1),
]


def visa_choice(program: Program) -> int:
    key = (tuple(program.visas_sponsored), program.visa_policy_known)
    for index, (_, value) in enumerate(VISA_CHOICES):
        if value == key:
            return index
    return 0


def visa_text(program: Program) -> str:
    return VISA_CHOICES[visa_choice(program)][0]
