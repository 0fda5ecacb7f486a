"""The findings panel: what the rules say about the current step, blockers first, each with
its fix. Messages may quote the applicant's own text, so everything is shown as plain text."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from imgwizard.rules.findings import Finding, Severity
from imgwizard.wording import plural

GLYPH = {Severity.BLOCKER: "✗", Severity.WARNING: "!", Severity.INFO: "i"}
WORD = {Severity.BLOCKER: "blocker", Severity.WARNING: "warning", Severity.INFO: "note"}
STYLE = {Severity.BLOCKER: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}
# The panel lists this many findings, blockers first, and says how many more the review (F2)
# has: laying out a grid costs time for every row, and with 300 programs a step can have
# hundreds of findings (269 rows took ~0.3 s of CPU per layout; the panel shows six lines
# at 80x24, so 8 findings are more than it shows without scrolling).
MAX_SHOWN = 8


def finding_text(finding: Finding, *, fix: bool = True, indent: str = "  ") -> Text:
    """One finding as text: glyph and word (never colour alone), message, then the fix."""
    text = Text.assemble(
        (f"{GLYPH[finding.severity]} {WORD[finding.severity]}: ", STYLE[finding.severity]),
        finding.message,
    )
    if fix and finding.fix:
        text.append(f"\n{indent}Fix: ", style="bold")
        text.append(finding.fix)
    return text


def findings_grid(findings: list[Finding]) -> Table:
    """Findings as rows: the sign in its own column, so wrapped lines stay indented."""
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for finding in findings:
        text = Text.assemble((f"{WORD[finding.severity]}: ", STYLE[finding.severity]))
        text.append(finding.message)
        if finding.fix:
            text.append("\nFix: ", style="bold")
            text.append(finding.fix)
        grid.add_row(Text(GLYPH[finding.severity], style=STYLE[finding.severity]), text)
    return grid


def summary(findings: list[Finding]) -> str:
    counts = {sev: sum(f.severity is sev for f in findings) for sev in Severity}
    parts = []
    for sev in Severity:
        n = counts[sev]
        if n:
            parts.append(plural(n, WORD[sev]))
    return ", ".join(parts)


class FindingsPanel(VerticalScroll):
    """Findings for one step. Scrolls when there are more than fit."""

    can_focus = True
    _shown: tuple[str, tuple[Finding, ...]] | None = None
    plain = ""  # what the panel shows, as plain text (for tests and screen readers' logs)
    checking = False  # the findings shown are from before the latest edit

    def compose(self):
        yield Static("", id="findings-title", markup=False)
        yield Static("", id="findings-body", markup=False)

    def show(self, step_title: str, findings: list[Finding], left: tuple[str, ...] = ()) -> None:
        """`left`: labels of the step's required fields still empty (progress.missing)."""
        ordered = sorted(findings, key=Finding.sort_key)
        key = (step_title, tuple(ordered), left)
        if key == self._shown:  # nothing changed: spare the screen a layout pass
            return
        self._shown = key
        title = self.query_one("#findings-title", Static)
        body = self.query_one("#findings-body", Static)
        still = f"Still to fill in: {', '.join(left)}." if left else ""
        if not ordered:
            self.plain = still or f"✓ Nothing to fix in “{step_title}” right now."
            title.update(Text(self.plain))
            body.update("")
            body.display = False
            self.set_class(True, "-clear")
            return
        self.set_class(False, "-clear")
        heading = f"Checks for this step: {summary(ordered)}" + (f" · {still}" if still else "")
        shown, rest = ordered[:MAX_SHOWN], len(ordered) - MAX_SHOWN
        more = [f"… and {rest} more: F2 (Review) lists every finding."] if rest > 0 else []
        self.plain = "\n".join([heading, *(finding_text(f).plain for f in shown), *more])
        title.update(Text(heading, style="bold"))
        body.display = True
        grid = findings_grid(shown)
        if more:
            grid.add_row("", Text(more[0], style="italic"))
        body.update(grid)

    def set_checking(self, checking: bool) -> None:
        """Say on the panel's top border that the findings shown are from before the latest
        edit (the rules are running in a worker thread), or take it away. A border title is
        repainted, not laid out: nothing else on the screen moves."""
        if checking != self.checking:
            self.checking = checking
            self.border_title = "checking your last change…" if checking else ""
