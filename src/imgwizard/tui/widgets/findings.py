"""The findings panel: what the rules say about the current step, blockers first, each with
its fix. Messages may quote the applicant's own text, so everything is shown as plain text."""

from __future__ import annotations

import heapq
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from operator import attrgetter
from weakref import WeakKeyDictionary

from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual, Visual
from textual.widget import Widget
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
_SEVERITY = attrgetter("severity")
# Grids kept rendered, by what they show: moving between steps shows them again unchanged.
GRIDS_KEPT = 24
# The panel's height at most (its top border and one line) when the step has nothing to fix.
CLEAR_MAX_HEIGHT = 2


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


def summary(findings: Iterable[Finding]) -> str:
    return counts_text(Counter(map(_SEVERITY, findings)))


def counts_text(counts: Mapping[Severity, int]) -> str:
    """'2 blockers, 1 warning': the counts by severity, most serious first."""
    return ", ".join(plural(counts[sev], WORD[sev]) for sev in Severity if counts.get(sev))


# The style and options each widget last drew a RenderedOnce with: a new grid in the same
# widget is drawn with them, so it can be rendered once, when it is measured.
_LAST_DRAWN: WeakKeyDictionary[Widget, tuple[Style, RenderOptions]] = WeakKeyDictionary()


class RenderedOnce(Visual):
    """A Rich renderable that is rendered once per width and style, not on every layout.

    Textual measures a Rich renderable's height by rendering it, then renders it again to
    draw it, and does both again whenever the screen is laid out. The findings grid (a Rich
    table, wrapped text) took 3-6 ms per render; this keeps what it rendered, and measures a
    new grid by rendering it as the widget last drew one, so that drawing it reuses that
    render (the findings of the programs step at 3,000 programs change with most edits).
    The renderable must not change after it is wrapped."""

    def __init__(self, widget: Widget, renderable: Table) -> None:
        self._widget = widget
        self._rich = RichVisual(widget, renderable)
        self._heights: dict[int, int] = {}
        self._strips: dict[tuple[int, int | None, Style], list[Strip]] = {}

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._rich.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            drawn = _LAST_DRAWN.get(self._widget)
            if drawn is not None:  # the whole grid (a height only crops what is drawn)
                height = len(self._render(width, None, *drawn))
            else:
                height = self._rich.get_height(rules, width)
            self._heights[width] = height
        return height

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if options.selection is not None:  # a mouse selection: drawn as it is now
            return self._rich.render_strips(width, height, style, options)
        _LAST_DRAWN[self._widget] = (style, options)
        whole = self._strips.get((width, None, style))
        if whole is not None and (height is None or len(whole) <= height):
            return whole
        return self._render(width, height, style, options)

    def _render(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        key = (width, height, style)
        strips = self._strips.get(key)
        if strips is None:
            if len(self._strips) >= 4:
                self._strips.clear()
            strips = self._strips[key] = self._rich.render_strips(width, height, style, options)
        return strips


class FindingsPanel(VerticalScroll):
    """Findings for one step. Scrolls when there are more than fit."""

    can_focus = True
    _shown: tuple[object, ...] | None = None
    plain = ""  # what the panel shows, as plain text (for tests and screen readers' logs)
    checking = False  # the findings shown are from before the latest edit
    clear = False  # nothing to fix: the panel is at its short height

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._grids: OrderedDict[tuple, RenderedOnce] = OrderedDict()

    def compose(self):
        yield Static("", id="findings-title", markup=False)
        yield Static("", id="findings-body", markup=False)

    def _grid(self, body: Static, shown: list[Finding], more: list[str]) -> RenderedOnce:
        """The grid for these findings, the one drawn before if they were shown before."""
        # What the grid shows of each finding (a finding itself holds dicts: not hashable).
        key = (tuple((f.severity, f.message, f.fix) for f in shown), tuple(more))
        grid = self._grids.get(key)
        if grid is None:
            table = findings_grid(shown)
            if more:
                table.add_row("", Text(more[0], style="italic"))
            grid = self._grids[key] = RenderedOnce(body, table)
            if len(self._grids) > GRIDS_KEPT:
                self._grids.popitem(last=False)
        else:
            self._grids.move_to_end(key)
        return grid

    def show(
        self,
        step_title: str,
        findings: list[Finding],
        left: tuple[str, ...] = (),
        *,
        ordered: bool = False,
    ) -> None:
        """`left`: labels of the step's required fields still empty (progress.missing);
        `ordered`: the findings are in Finding.sort_key order already (as a run of the rules
        gives them, grouped by step in that order).

        What the panel shows is the first MAX_SHOWN findings in sort order and how many there
        are of each severity: that is what is compared with what it shows now, not every
        finding (a step can have ~2,700 at 3,000 programs, compared after every run of the
        rules: ~5 ms of the UI thread when the whole list was sorted and compared)."""
        if ordered:
            shown = findings[:MAX_SHOWN]
        else:
            shown = heapq.nsmallest(MAX_SHOWN, findings, key=Finding.sort_key)
        counts = Counter(map(_SEVERITY, findings))
        rest = len(findings) - len(shown)
        key = (step_title, tuple(shown), tuple(counts[sev] for sev in Severity), left)
        if key == self._shown:  # nothing changed: spare the screen a layout pass
            return
        self._shown = key
        title = self.query_one("#findings-title", Static)
        body = self.query_one("#findings-body", Static)
        still = f"Still to fill in: {', '.join(left)}." if left else ""
        if not shown:
            self.plain = still or f"✓ Nothing to fix in “{step_title}” right now."
            title.update(Text(self.plain))
            body.update("")
            body.display = False
            self._set_clear(True)
            return
        self._set_clear(False)
        heading = f"Checks for this step: {counts_text(counts)}" + (f" · {still}" if still else "")
        more = [f"… and {rest} more: F2 (Review) lists every finding."] if rest > 0 else []
        self.plain = "\n".join([heading, *(finding_text(f).plain for f in shown), *more])
        title.update(Text(heading, style="bold"))
        body.display = True
        body.update(self._grid(body, shown, more))

    def _set_clear(self, clear: bool) -> None:
        """The short height for a step with nothing to fix, as a rule of the panel's own: a
        CSS class restyled the panel and everything in it (1-2 ms of a step change between
        a step with findings and one without). The panel's height rules in app.tcss still
        apply otherwise."""
        if clear != self.clear:
            self.clear = clear
            self.styles.max_height = CLEAR_MAX_HEIGHT if clear else None

    def set_checking(self, checking: bool) -> None:
        """Say on the panel's top border that the findings shown are from before the latest
        edit (the rules are running in a worker thread), or take it away. A border title is
        repainted, not laid out: nothing else on the screen moves."""
        if checking != self.checking:
            self.checking = checking
            self.border_title = "checking your last change…" if checking else ""
