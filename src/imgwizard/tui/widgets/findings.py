"""The findings panel: what the rules say about the current step, blockers first, each with
its fix. Messages may quote the applicant's own text, so everything is shown as plain text."""

from __future__ import annotations

import heapq
import itertools
from collections import Counter, OrderedDict
from collections.abc import Hashable, Iterable, Mapping, Sequence
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


# One row of the findings grid: its sign (one column, so wrapped lines stay indented) and its
# text. A row with an empty sign (the "… and N more" line) has none to find it by.
GridRow = tuple[Text, Text]


def finding_row(finding: Finding) -> GridRow:
    text = Text.assemble((f"{WORD[finding.severity]}: ", STYLE[finding.severity]))
    text.append(finding.message)
    if finding.fix:
        text.append("\nFix: ", style="bold")
        text.append(finding.fix)
    return Text(GLYPH[finding.severity], style=STYLE[finding.severity]), text


def grid_of(rows: Iterable[GridRow]) -> Table:
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for sign, text in rows:
        grid.add_row(sign, text)
    return grid


def findings_grid(findings: list[Finding]) -> Table:
    """Findings as rows: the sign in its own column, so wrapped lines stay indented."""
    return grid_of(map(finding_row, findings))


def summary(findings: Iterable[Finding]) -> str:
    return counts_text(Counter(map(_SEVERITY, findings)))


def counts_text(counts: Mapping[Severity, int]) -> str:
    """'2 blockers, 1 warning': the counts by severity, most serious first."""
    return ", ".join(plural(counts[sev], WORD[sev]) for sev in Severity if counts.get(sev))


# The style and options each widget last drew a findings grid with: a new grid in the same
# widget is measured by rendering it that way, so that drawing it reuses the render.
_LAST_DRAWN: WeakKeyDictionary[Widget, tuple[Style, RenderOptions]] = WeakKeyDictionary()
# Rows kept rendered (by row, width and style) for the grids of one panel.
ROWS_KEPT = 512
# Below this width Rich's grid may not keep the sign in the first column: a grid is drawn
# whole there.
SPLIT_MIN_WIDTH = 8


class RowStrips:
    """The lines of findings-grid rows, rendered once per width and style and shared by the
    grids a panel shows.

    A findings grid is a Rich table, 0.6 ms of rendering per row; the programs step at 3,000
    programs shows a new grid after most edits, in which one or two rows are new, and the
    panel measures it at two widths (with and without its scrollbar). Rows are independent
    in a grid without borders: a grid's lines are its rows' lines one after the other (what
    tests/tui/test_ui_latency.py checks against Rich at many widths). The rows not rendered
    yet are rendered together, as one grid, and its lines are split where a sign starts a
    row; the one row without a sign (the "… and N more" line) goes first, before any sign.
    When the lines do not split into as many rows (a grid too narrow for its columns), the
    grid is drawn as Rich draws it whole."""

    def __init__(self, limit: int = ROWS_KEPT) -> None:
        self._limit = limit
        self._lines: OrderedDict[tuple[Hashable, int, Style], list[Strip]] = OrderedDict()

    def lines(
        self,
        widget: Widget,
        rows: Sequence[tuple[Hashable, GridRow]],
        width: int,
        style: Style,
        options: RenderOptions,
    ) -> list[list[Strip]] | None:
        """Each row's lines, in the order of `rows`; None when the rows not rendered yet
        cannot be told apart in their grid's lines (then the grid is rendered whole)."""
        kept = self._lines
        missing = {key: row for key, row in rows if (key, width, style) not in kept}
        if missing and not self._render(widget, list(missing.items()), width, style, options):
            return None
        found = []
        for key, _row in rows:
            entry = (key, width, style)
            kept.move_to_end(entry)
            found.append(kept[entry])
        while len(kept) > self._limit:
            kept.popitem(last=False)
        return found

    def _render(
        self,
        widget: Widget,
        rows: list[tuple[Hashable, GridRow]],
        width: int,
        style: Style,
        options: RenderOptions,
    ) -> bool:
        signed = [(key, row) for key, row in rows if row[0].plain]
        unsigned = [(key, row) for key, row in rows if not row[0].plain]
        if width < SPLIT_MIN_WIDTH or len(unsigned) > 1:
            return False
        together = unsigned + signed
        grid = grid_of(row for _key, row in together)
        lines = RichVisual(widget, grid).render_strips(width, None, style, options)
        split = _split_rows(lines, len(unsigned), len(signed))
        if split is None:
            return False
        for (key, _row), row_lines in zip(together, split, strict=True):
            self._lines[key, width, style] = row_lines
        return True


def _split_rows(lines: list[Strip], unsigned: int, signed: int) -> list[list[Strip]] | None:
    """A grid's lines by row: a row with a sign starts where a line's first cell is not blank,
    and lines before the first of those are the one row without a sign (if `unsigned`).
    None when the lines do not show the rows asked for."""
    starts = [index for index, line in enumerate(lines) if line.text[:1] not in ("", " ")]
    first = starts[0] if starts else len(lines)  # the unsigned row's lines come before it
    if len(starts) != signed or (first == 0) == bool(unsigned):
        return None
    bounds = ([0] if unsigned else []) + starts + [len(lines)]
    return [lines[a:b] for a, b in itertools.pairwise(bounds)]


class FindingsGrid(Visual):
    """A findings grid drawn from its rows' lines (RowStrips), measured by rendering it the
    way its widget last drew a grid, so that drawing it reuses that render.

    Textual measures a Rich renderable's height by rendering it, then renders it again to
    draw it, and does both again whenever the screen is laid out; here each row is rendered
    once per width and style. The rows must not change after they are given."""

    def __init__(
        self, widget: Widget, rows: Sequence[tuple[Hashable, GridRow]], strips: RowStrips
    ) -> None:
        self._widget = widget
        self._rows = tuple(rows)
        self._strips = strips
        self._heights: dict[int, int] = {}
        self._rich: RichVisual | None = None
        self._whole: dict[tuple[int, Style], list[Strip]] = {}

    @property
    def rich(self) -> RichVisual:
        """The grid as one Rich table (to measure its width, and for a mouse selection)."""
        if self._rich is None:
            self._rich = RichVisual(self._widget, grid_of(row for _key, row in self._rows))
        return self._rich

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.rich.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            drawn = _LAST_DRAWN.get(self._widget)
            if drawn is not None:
                height = len(self._lines(width, *drawn))
            else:
                height = self.rich.get_height(rules, width)
            self._heights[width] = height
        return height

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if options.selection is not None:  # a mouse selection: drawn as it is now
            return self.rich.render_strips(width, height, style, options)
        _LAST_DRAWN[self._widget] = (style, options)
        lines = self._lines(width, style, options)
        return lines if height is None else lines[:height]

    def _lines(self, width: int, style: Style, options: RenderOptions) -> list[Strip]:
        rows = self._strips.lines(self._widget, self._rows, width, style, options)
        if rows is None:  # rendered whole, as Rich renders it
            whole = self._whole.get((width, style))
            if whole is None:
                if len(self._whole) >= 4:
                    self._whole.clear()
                whole = self.rich.render_strips(width, None, style, options)
                self._whole[width, style] = whole
            return whole
        return [line for row in rows for line in row]


class FindingsPanel(VerticalScroll):
    """Findings for one step. Scrolls when there are more than fit."""

    can_focus = True
    _shown: tuple[object, ...] | None = None
    plain = ""  # what the panel shows, as plain text (for tests and screen readers' logs)
    checking = False  # the findings shown are from before the latest edit
    clear = False  # nothing to fix: the panel is at its short height

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._grids: OrderedDict[tuple, FindingsGrid] = OrderedDict()
        self._rows = RowStrips()

    def compose(self):
        yield Static("", id="findings-title", markup=False)
        yield Static("", id="findings-body", markup=False)

    def _grid(self, body: Static, shown: list[Finding], more: list[str]) -> FindingsGrid:
        """The grid for these findings, the one drawn before if they were shown before."""
        # What the grid shows of each finding (a finding itself holds dicts: not hashable).
        keys = tuple((f.severity, f.message, f.fix) for f in shown)
        key = (keys, tuple(more))
        grid = self._grids.get(key)
        if grid is None:
            rows = [(row_key, finding_row(f)) for row_key, f in zip(keys, shown, strict=True)]
            rows += [(("more", line), (Text(""), Text(line, style="italic"))) for line in more]
            grid = self._grids[key] = FindingsGrid(body, rows, self._rows)
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
