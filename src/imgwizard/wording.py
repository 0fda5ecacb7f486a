"""Words the core and the shell both put in sentences."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`plural(1, "day")` → "1 day"; `plural(2, "day")` → "2 days"; `many` for irregular words."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
