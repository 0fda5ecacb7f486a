"""Step 2: the programs the applicant considers, with whether they are eligible and why not.

The table is built once (after the first paint, so a 300-program dossier does not slow the
first screen) from a cache of each row's cells. After every edit anywhere the rules run again;
this pane then recomputes each row's cells (cheap: plain tuples), updates only the cells that
changed, and rebuilds the rows only when the sort, the filter or the set of programs changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, eq, is_, ne

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import AwaitMount
from textual.widgets import Checkbox, DataTable, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from imgwizard import ranking
from imgwizard.geography import DIVISION_LABELS, division_of, placement
from imgwizard.model import CensusDivision, Program, Setting, SignalTier
from imgwizard.rules.eligibility import program_eligibility
from imgwizard.signals import next_tier, usage_lines
from imgwizard.tui.checking import PROGRAM_ROW, program_rows
from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.program_choices import visa_text
from imgwizard.tui.widgets.fields import (
    BoundCheckbox,
    BoundInput,
    BoundSelect,
    TickBox,
    TickList,
    refresh_bound,
    update_if_changed,
)
from imgwizard.tui.widgets.item_table import ItemTable
from imgwizard.tui.widgets.pane_kit import Explain, Hint, Section, apply_read_only, css_beside
from imgwizard.wording import plural

# (label, key, width): what fits beside the sidebar at 80 columns without cutting a word of
# the verdict; the detail line under the table shows the full name, where it is, its priority
# and every reason.
COLUMNS = (
    ("Program", "name", 20),
    ("Eligible?", "eligible", 9),
    ("Signal", "signal", 6),
    ("Specialty", "specialty", 10),
    ("Appl", "applied", 4),
)
TIER_CELLS = {
    SignalTier.NONE: "–",
    SignalTier.GOLD: "gold",
    SignalTier.SILVER: "silver",
    SignalTier.SIGNAL: "yes",
}
SETTING_CHOICES = [
    ("Not chosen yet", Setting.NOT_SET),
    ("No preference", Setting.NO_PREFERENCE),
    ("Urban", Setting.URBAN),
    ("Suburban", Setting.SUBURBAN),
    ("Rural", Setting.RURAL),
]
SORTS = ("name", "priority", "eligibility")
SORT_LABELS = {
    "name": "name",
    "priority": "priority (highest first)",
    "eligibility": "eligibility (eligible first)",
}


@dataclass(frozen=True)
class Row:
    """What one table row shows, as plain values (cheap to compare). Its cells are made once
    and kept: a refill of 3,000 rows (a filter key, a sort, the first findings) reuses them."""

    name: str
    specialty: str
    state: str
    priority: int
    signal: SignalTier
    applied: bool
    # Why the program is out of reach; None while a run of the rules in the worker is still
    # finding out (the first screen of a large dossier).
    reasons: tuple[str, ...] | None

    @classmethod
    def of(cls, program: Program, reasons: tuple[str, ...] | None) -> Row:
        return cls(*PROGRAM_ROW(program), reasons)  # the fields above, in their order

    def shows(self, program: Program, reasons: tuple[str, ...] | None) -> bool:
        """Would `Row.of(program, reasons)` equal this row? Without building one: after
        every run of the rules it is asked for every program (3,000: 12 ms of the UI thread
        per edit when a row was built for each; 4 ms comparing field by field)."""
        return reasons == self.reasons and PROGRAM_ROW(program) == self.values()

    def values(self) -> tuple[object, ...]:
        """The program's fields this row shows, as `PROGRAM_ROW` reads them (from the row)."""
        values = self.__dict__.get("_values")
        if values is None:  # not a field: equality and the frozen fields are untouched
            values = self.__dict__["_values"] = PROGRAM_ROW(self)
        return values

    def cells(self) -> tuple[Text, ...]:
        cells = self.__dict__.get("_cells")
        if cells is None:  # not a field: equality and the frozen fields are untouched
            cells = self.__dict__["_cells"] = tuple([make(self) for _, make in CELLS])
        return cells

    def keep_cells_of(self, old: Row) -> None:
        """Take `old`'s cells for the columns whose field is the same: a run of the rules
        changes only the Eligible? cell, of every program at once (3,000 programs: 15,000
        cells made anew where 3,000 change). The table never alters a cell."""
        kept = old.__dict__.get("_cells")
        if kept is None or "_cells" in self.__dict__:
            return
        same = map(eq, _cell_fields(self), _cell_fields(old))
        self.__dict__["_cells"] = tuple(
            [
                cell if keep else make(self)
                for cell, keep, (_, make) in zip(kept, same, CELLS, strict=True)
            ]
        )

    def eligible_cell(self) -> Text:
        if self.reasons is None:
            return Text("…")
        if not self.reasons:
            return Text("yes")
        # The reasons are in the detail line under the table: a cut sentence here helped no one.
        count = f" ({len(self.reasons)})" if len(self.reasons) > 1 else ""
        return Text(f"NO{count}", style="bold")

    def haystack(self) -> str:
        """The name, specialty and state casefolded, between NULs (a filter never holds one:
        see matches). Kept, as the cells are, for every filter key after the first."""
        folded = self.__dict__.get("_haystack")
        if folded is None:  # not a field: equality and the frozen fields are untouched
            folded = self.__dict__["_haystack"] = "\0".join(
                v.casefold() for v in (self.name, self.specialty, self.state)
            )
        return folded

    def matches(self, needle: str) -> bool:
        """Whether the casefolded `needle` is in the name, the specialty or the state."""
        if "\0" in needle:  # it could span two of them in the haystack
            return any(needle in v.casefold() for v in (self.name, self.specialty, self.state))
        return needle in self.haystack()


# Each column's cell (Row.cells), in the columns' order: the one field it shows, and how it
# is made from the row.
CELLS: tuple[tuple[str, Callable[[Row], Text]], ...] = (
    ("name", lambda row: Text(row.name or "(no name)", overflow="ellipsis", no_wrap=True)),
    ("reasons", Row.eligible_cell),
    ("signal", lambda row: Text(TIER_CELLS[row.signal])),
    ("specialty", lambda row: Text(row.specialty, overflow="ellipsis", no_wrap=True)),
    ("applied", lambda row: Text("yes" if row.applied else "–")),
)
_cell_fields = attrgetter(*(field for field, _ in CELLS))


class Rows(dict[str, Row]):
    """The rows by program id, keeping count of those out of reach and of those still being
    checked as rows are set and removed: the count line reads them after every run of the
    rules, and going through 3,000 rows for them cost ~2 ms of the UI thread each time.

    Only setting (`rows[id] = row`), `pop` and `del` change it; the other ways a dict can
    change would bypass the counts, so they are refused. `version` counts the changes: the
    pane's sorted order is kept until it moves."""

    def __init__(self, rows: Iterable[tuple[str, Row]] = ()) -> None:
        super().__init__(rows)
        self.version = 0
        self.ineligible = self.unknown = 0
        for row in self.values():
            self._count(row, 1)

    def _count(self, row: Row, by: int) -> None:
        if row.reasons is None:
            self.unknown += by
        elif row.reasons:
            self.ineligible += by

    def __setitem__(self, key: str, row: Row) -> None:
        old = self.get(key)
        if old is not None:
            self._count(old, -1)
        super().__setitem__(key, row)
        self._count(row, 1)
        self.version += 1

    def __delitem__(self, key: str) -> None:
        self._count(self[key], -1)
        super().__delitem__(key)
        self.version += 1

    def pop(self, key: str, default: Row | None = None) -> Row | None:  # type: ignore[override]
        if key not in self:
            return default
        row = self[key]
        del self[key]
        return row

    def _refused(self, *_args: object, **_kwargs: object) -> None:
        raise TypeError("Rows changes only by rows[id] = row, pop or del (its counts)")

    update = setdefault = popitem = clear = __ior__ = _refused  # type: ignore[assignment]


class ProgramTable(ItemTable):
    """The programs table; Enter edits the highlighted program; Space, shift+↑/↓ and * mark
    rows for the bulk actions (p applied · g signal · l letter · d delete)."""

    DEFAULT_CSS = "ProgramTable { max-height: 100%; margin: 0; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markable=True)


class ProgramsPane(StepPane):
    STEP_ID = "programs"
    DEFAULT_CSS = css_beside(__file__)
    # Not scoped: one rule depends on the screen's -short class, above the pane.
    SCOPED_CSS = False

    # Listed in the hint above the table; off the footer so its F-keys keep their place.
    BINDINGS = [
        Binding("a", "add", "Add", id="programs.add", show=False),
        Binding("e", "edit", "Edit", id="programs.edit", show=False),
        Binding("g", "cycle_signal", "Signal tier", id="programs.signal", show=False),
        Binding("d", "delete", "Delete", id="programs.delete", show=False),
        Binding("s", "cycle_sort", "Sort", id="programs.sort", show=False),
        Binding("f", "focus_filter", "Filter", id="programs.filter", show=False),
        Binding(
            "o", "toggle_only_eligible", "Eligible only", id="programs.only_eligible", show=False
        ),
        Binding("i", "import_csv", "Import CSV", id="programs.import_csv", show=False),
        Binding("p", "mark_applied", "Mark applied", id="programs.applied", show=False),
        Binding("l", "assign_letter", "Assign a letter", id="programs.letter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_by = "name"
        self.needle = ""
        self.only_eligible = False
        self._rows = Rows()  # program id -> what its row shows
        # The programs' ids, row fields and reasons when findings_changed last looked.
        self._seen: tuple[list[str], list[tuple[object, ...]], list[object]] = ([], [], [])
        self._shown: list[str] = []  # program ids in table order
        self._filled: list[Row] = []  # the rows whose cells the table shows, in that order
        # Every program id in the current sort order, with the rows and the sort it is of.
        self._sorted: tuple[Rows, int, str, list[str]] | None = None
        self._haystacks: list[str] | None = None  # those programs' Row.haystack, in order
        self._built = False
        self._geography_shown = False  # the section below the table is mounted
        self._mounting: AwaitMount | None = None  # that section, while it is being mounted
        self._settled = False  # the app is quitting: nothing more is mounted

    def compose_body(self) -> ComposeResult:
        yield Explain(
            "Eligible? 'yes' means nothing you entered stands in the way of what the program "
            "asks; 'NO' says why. Enter opens a program."
        )
        yield Hint("a add · e edit · d delete · g signal · p applied · l letter")
        yield Hint("Space marks · * all · s sort · f find · o eligible · i CSV")
        yield Static("", id="program-count", markup=False)
        yield Static("", id="program-signals", markup=False)
        table = ProgramTable(id="programs-table")
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        yield table
        yield Static("", id="program-detail", markup=False)
        # The filter comes after the table in Tab order: arriving at the step, letter keys
        # (a, e, d …) reach the table, not a text box.
        with Horizontal(id="program-filters"):
            yield Input(
                placeholder="Filter by name, specialty or state (f)",
                id="program-filter",
                classes="always-enabled",
            )
            yield TickBox("Only eligible (o)", id="only-eligible", classes="always-enabled")
        # The geographic preferences below the fold are mounted once the table is on screen
        # (_build, _mount_geography), so a wizard resumed on this step draws its programs
        # without waiting for these eight widgets (issue #18).

    def compose_geography(self) -> ComposeResult:
        geo = lambda: self.dossier.geography  # noqa: E731
        yield Section("Geographic preferences (MyERAS)")
        yield Static("", id="geo-explain", markup=False, classes="explain")
        yield TickList(
            *(
                Selection(text, division.value, division in self.dossier.geography.divisions)
                for division, text in DIVISION_LABELS.items()
            ),
            id="geo-divisions",
        )
        yield BoundCheckbox(
            "No division preference (every program sees it)",
            geo,
            "no_division_preference",
            id="geo-no-preference",
        )
        yield BoundInput("Why these divisions", geo, "division_explanation", id="geo-why")
        yield BoundSelect("Setting", geo, "setting", options=SETTING_CHOICES, id="geo-setting")
        yield BoundInput("Why this setting", geo, "setting_explanation", id="geo-setting-why")
        yield Static("", id="geo-placement", markup=False)

    async def settle(self) -> None:
        self._settled = True
        if self._mounting is not None:
            await self._mounting

    def on_mount(self) -> None:
        apply_read_only(self, self.read_only)
        self.call_after_refresh(self._build)

    async def _mount_geography(self) -> None:
        if self._geography_shown or self._settled or not self.is_attached:
            return
        self._geography_shown = True
        widgets = list(self.compose_geography())
        self._mounting = self.mount_all(widgets, after="#program-filters")
        await self._mounting
        self._mounting = None
        for widget in widgets:
            apply_read_only(widget, self.read_only)
        self._show_geography()

    # -- the rows
    def _row(
        self,
        program: Program,
        *,
        known: dict[str, tuple[str, ...]] | None = None,
        later: bool = False,
    ) -> Row:
        """The program's row. `known`: the reasons of the rules' latest run by program id (the
        app keeps them with the findings, computed off the UI thread for a large dossier);
        a program missing from it (or after an edit of the program itself, no `known`) has its
        reasons worked out here, unless `later`: then they show as being checked."""
        reasons = known.get(program.id) if known is not None else None
        if reasons is None and not later:
            reasons = tuple(program_eligibility(self.dossier, program, self.season, self.today))
        return Row.of(program, reasons)

    def _build(self) -> None:
        known = self.app.program_reasons
        # A run of the rules is under way in the worker (a large dossier's first screen): the
        # reasons come with it (findings_changed) rather than from 3,000 programs checked
        # here first (~0.1 s before the table appeared).
        later = self.app.checking
        programs = self.dossier.programs
        self._rows = Rows((p.id, self._row(p, known=known, later=later)) for p in programs)
        self._built = True
        self._seen = ([], [], [])  # what the rows came from: findings_changed compares all
        self._show_rows()
        if not self._geography_shown:  # after the frame that shows the table
            self.call_after_refresh(self._mount_geography)

    def _order(self) -> list[str]:
        """The shown programs' ids in table order. Every program is sorted once per sort and
        change of the rows, and a filter key only picks from that order (sorting 3,000 rows
        after every key of the filter took ~8 ms): a stable sort of the rows a filter leaves
        gives them in the same order."""
        rows = self._rows
        kept = self._sorted
        if kept is not None and kept[0] is rows and kept[1:3] == (rows.version, self.sort_by):
            ids = kept[3]
        else:
            ids = list(rows)

            def by_name(pid: str) -> tuple[str, str]:
                return (rows[pid].name.casefold(), rows[pid].specialty.casefold())

            if self.sort_by == "priority":
                ids.sort(key=lambda pid: (-rows[pid].priority, *by_name(pid)))
            elif self.sort_by == "eligibility":
                ids.sort(key=lambda pid: (bool(rows[pid].reasons), *by_name(pid)))
            else:
                ids.sort(key=by_name)
            self._sorted = (rows, rows.version, self.sort_by, ids)
            self._haystacks = None
        # _visible's test, for every row at once.
        needle = self.needle
        if needle and "\0" not in needle:  # picked in one pass over the kept haystacks
            if self._haystacks is None:
                self._haystacks = [rows[pid].haystack() for pid in ids]
            ids = [pid for pid, hay in zip(ids, self._haystacks, strict=True) if needle in hay]
        elif needle:
            ids = [pid for pid in ids if rows[pid].matches(needle)]
        if self.only_eligible:
            return [pid for pid in ids if not rows[pid].reasons]
        return list(ids)

    def _visible(self, row: Row) -> bool:
        if self.only_eligible and row.reasons:
            return False
        return not self.needle or row.matches(self.needle)

    def _show_rows(self, keep: str | None = None, lines: list[str] | None = None) -> None:
        """Fill the table from the cached rows in the current order and filter (`lines`: see
        _show_count)."""
        table = self.query_one(ProgramTable)
        keep = keep or self.highlighted_id
        order = self._order()
        rows = self._rows
        filled = [rows[pid] for pid in order]
        if (
            order == self._shown
            and table.row_count == len(filled) == len(self._filled)
            and all(map(is_, filled, self._filled))
        ):
            # The table shows these rows in this order already (a filter key that every
            # shown program still matches, as most first letters do): filling it again took
            # ~45 ms of the UI thread per key at 3,000 programs.
            at = order.index(keep) if keep in order else table.cursor_row
            if table.cursor_row != at:
                table.move_cursor(row=at, scroll=True)
            self._show_count(lines)
            self._show_detail()
            return
        if order != self._shown:
            table.marked.clear()  # marks are per row: a new order or filter drops them
        self._shown = order
        self._filled = filled
        table.clear()
        table.add_plain_rows(
            (row.cells() for row in filled),
            [table.label(index) for index in range(len(self._shown))],
        )
        # add_row gives generated keys; keep our own order list instead of row keys.
        if keep in self._shown:
            table.move_cursor(row=self._shown.index(keep), scroll=True)
        self._show_count(lines)
        self._show_detail()

    @property
    def highlighted_id(self) -> str | None:
        table = self.query_one(ProgramTable)
        if not self._shown or table.row_count == 0:
            return None
        row = table.cursor_row
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def _show_count(self, lines: list[str] | None = None) -> None:
        """The count and the signals line; `lines`: the signals used, computed with the
        findings just applied (in the worker for a large dossier), else computed here."""
        rows = self._rows
        total, shown = len(rows), len(self._shown)
        text = plural(total, "program")
        if rows.ineligible:
            text += f", {rows.ineligible} not eligible"
        if rows.unknown:
            text += ", eligibility being checked"
        if shown != total:
            text += f" · {shown} shown"
        text += f" · sorted by {SORT_LABELS[self.sort_by]}"
        update_if_changed(self.query_one("#program-count", Static), text)
        if lines is None:
            lines = usage_lines(self.dossier, self.season)
        signals = self.query_one("#program-signals", Static)
        text = "Signals · " + " · ".join(lines)
        update_if_changed(signals, text + (" (≈ estimate)" if "≈" in text else ""))
        signals.display = bool(lines)
        self._show_geography()

    def _show_geography(self) -> None:
        if not self._geography_shown:
            return  # _mount_geography shows it
        cap = self.season.get("eras.geographic_divisions_max")
        if cap is None:
            most = "a few (count not known)"
        else:
            most = cap.value_text() + ("" if cap.is_official else f" ({cap.display()})")
        update_if_changed(
            self.query_one("#geo-explain", Static),
            f"Up to {most} of the 9 US Census divisions, or no preference, and a setting. Only "
            "programs in a chosen division see the preference.",
        )
        where = placement(self.dossier)
        line = self.query_one("#geo-placement", Static)
        update_if_changed(line, where.text() + "." if where is not None else "")
        line.display = where is not None

    @on(SelectionList.SelectionToggled, "#geo-divisions")
    def _division_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        if self._refuse_read_only():
            return
        geo = self.dossier.geography
        value = event.selection.value
        chosen = [d for d in geo.divisions if d.value != value]
        if len(chosen) == len(geo.divisions):
            chosen.append(CensusDivision(value))
        geo.divisions = chosen
        self.edited()
        self._show_geography()

    def _show_detail(self) -> None:
        detail = self.query_one("#program-detail", Static)
        pid = self.highlighted_id
        program = self.dossier.program(pid) if pid else None
        if program is None:
            update_if_changed(
                detail,
                "No programs yet: press a to add one, or i to import a CSV file."
                if not self._rows
                else "No program matches the filter.",
            )
            return
        row = self._rows[pid]
        text = Text()
        text.append(program.name or "(no name)", style="bold")
        where = ", ".join(x for x in (program.city, program.state) if x)
        if where:
            text.append(f" · {where}")
        division = division_of(program.state)
        if division is not None:
            text.append(f" ({DIVISION_LABELS[division]})")
        text.append(f" · priority {program.priority}")
        if row.reasons:
            text.append("\nNot eligible: ", style="bold")
            text.append("; ".join(row.reasons))
        text.append("\nAsks: ")
        text.append(requirements(program))
        if program.notes:
            text.append("\nNotes: ")
            text.append(program.notes.splitlines()[0][:200])
        update_if_changed(detail, text)

    @on(DataTable.RowHighlighted, "#programs-table")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#programs-table")
    def _selected(self) -> None:
        self.action_edit()

    # -- after edits anywhere
    def findings_changed(self) -> None:
        if not self._built:
            return
        programs = self.dossier.programs
        known, rows = self.app.program_reasons, self._rows
        if len(programs) != len(rows):
            self._build()
            return
        reorder = False
        table = self.query_one(ProgramTable)
        position: dict[str, int] | None = None
        changed: list[tuple[int, Row, Row]] = []
        for program in self._maybe_changed(programs, known):
            old = rows.get(program.id)
            if old is None:  # a program came and another went
                self._build()
                return
            reasons = known.get(program.id)
            if reasons is not None and old.shows(program, reasons):
                continue
            new = self._row(program, known=known)
            if new == old:
                continue
            new.keep_cells_of(old)
            if position is None:
                position = {pid: i for i, pid in enumerate(self._shown)}
            self._rows[program.id] = new
            if self._visible(new) != self._visible(old) or self._sort_key_changed(old, new):
                reorder = True
            elif program.id in position:
                changed.append((position[program.id], old, new))
        lines = self.app.signal_lines  # from the run that brought these findings
        if reorder:
            self._show_rows(lines=lines)
        else:
            # However many (the first findings of a large dossier change every Eligible?),
            # the rows stay where they are: their new cells go in at once.
            self._update_cells(table, changed)
            self._show_count(lines)
            self._show_detail()

    def _maybe_changed(
        self, programs: list[Program], known: dict[str, tuple[str, ...]]
    ) -> list[Program]:
        """The programs whose fields or reasons differ from the last time this was asked
        (every program the first time after a build, or when programs came, went or moved),
        and those the rules' latest run has no reasons for.

        Asked after every run of the rules: comparing each of 3,000 programs with its row in
        Python took 4-6 ms of the UI thread per edit. The programs' fields and reasons, read
        into lists where the rules ran (`CheckResult.program_rows`: in the worker for a large
        dossier; read here when the dossier changed since), are compared with the lists kept
        from last time in C, and only a program that differs is compared with its row."""
        now = self.app.program_rows
        if now is None or self.app.checking or len(now.ids) != len(programs):
            now = program_rows(programs, known)  # the dossier changed since the rules ran
        ids, values, reasons = now.ids, now.values, now.reasons
        seen_ids, seen_values, seen_reasons = self._seen
        self._seen = (ids, values, reasons)
        if ids != seen_ids:
            return list(programs)
        indexes = range(len(ids))
        differ = set(compress(indexes, map(ne, values, seen_values)))
        differ.update(compress(indexes, map(ne, reasons, seen_reasons)))
        # Reasons the rules did not give are worked out here, from the applicant as they are
        # now: such a program is looked at every time, as before.
        differ.update(compress(indexes, map(is_, reasons, repeat(None))))
        return [programs[i] for i in sorted(differ)]

    def _update_cells(self, table: ProgramTable, changed: list[tuple[int, Row, Row]]) -> None:
        """The cells that differ between each (index, old row, new row), in one update."""
        cells = []
        filled = self._filled
        for index, old, new in changed:
            cells += [
                (index, column, cell)
                for column, (was, cell) in enumerate(zip(old.cells(), new.cells(), strict=True))
                if was is not cell and was != cell  # a cell kept from the old row is the same
            ]
            if index < len(filled):
                filled[index] = new  # what the table shows now
        table.update_cells_at(cells)

    def _update_row(self, program: Program) -> None:
        """After an edit of one program: its row changes in place, unless it moves or leaves
        the table (then the table is filled again, keeping the cursor on it)."""
        old, new = self._rows.get(program.id), self._row(program)
        if old is not None:
            new.keep_cells_of(old)
        self._rows[program.id] = new
        shown = self._shown
        index = shown.index(program.id) if program.id in shown else None
        if (
            old is None
            or index is None
            or self._visible(new) != self._visible(old)
            or self._sort_key_changed(old, new)
        ):
            self._show_rows(keep=program.id)
            return
        self._update_cells(self.query_one(ProgramTable), [(index, old, new)])
        self._show_count()
        self._show_detail()

    def _sort_key_changed(self, old: Row, new: Row) -> bool:
        if (old.name, old.specialty) != (new.name, new.specialty):
            return True
        if self.sort_by == "priority":
            return old.priority != new.priority
        if self.sort_by == "eligibility":
            return bool(old.reasons) != bool(new.reasons)
        return False

    def season_changed(self) -> None:
        self.findings_changed()

    def reload(self) -> None:
        refresh_bound(self)
        if self._geography_shown:  # else composed from the dossier as it is when mounted
            chosen = {d.value for d in self.dossier.geography.divisions}
            divisions = self.query_one("#geo-divisions", SelectionList)
            with divisions.prevent(SelectionList.SelectionToggled):
                for value in DIVISION_LABELS:
                    if value.value in chosen:
                        divisions.select(value.value)
                    else:
                        divisions.deselect(value.value)
        self._build()

    # -- filter and sort
    @on(Input.Changed, "#program-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.needle = event.value.strip().casefold()
        if self._built:
            self._show_rows()

    @on(Input.Submitted, "#program-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(ProgramTable).focus()

    @on(Checkbox.Changed, "#only-eligible")
    def _only_eligible_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.only_eligible = event.value
        if self._built:
            self._show_rows()

    def action_toggle_only_eligible(self) -> None:
        box = self.query_one("#only-eligible", Checkbox)
        box.value = not box.value

    def action_focus_filter(self) -> None:
        self.query_one("#program-filter", Input).focus()

    def action_cycle_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self._show_rows()
        self.notify(f"Programs sorted by {SORT_LABELS[self.sort_by]}.", timeout=2)

    # -- add, edit, delete, import
    def _refuse_read_only(self) -> bool:
        if self.read_only:
            self.notify("This file is open read-only: programs cannot be changed.", timeout=3)
        return self.read_only

    def action_add(self) -> None:
        if self._refuse_read_only():
            return
        names = self.dossier.primary_specialties()
        # Programs come in batches per specialty: a new one starts with the last one's.
        last = self.dossier.programs[-1].specialty if self.dossier.programs else ""
        draft = Program(specialty=last or (names[0] if names else ""))
        from imgwizard.tui.screens.program_form import ProgramFormScreen  # when first needed

        screen = ProgramFormScreen(
            draft, title="Add a program", specialties=names, on_save_next=self._add_one
        )
        self.app.push_screen(screen, self._added)

    def _add_one(self, program: Program) -> None:
        """Put a program from the add dialog in the dossier (its "save and add next" too)."""
        self.dossier.programs.append(program)
        self._rows[program.id] = self._row(program)
        self._show_rows(keep=program.id)
        self.edited()

    def _added(self, program: Program | None) -> None:
        self.query_one(ProgramTable).focus()
        if program is not None:
            self._add_one(program)

    def action_edit(self) -> None:
        pid = self.highlighted_id
        program = self.dossier.program(pid) if pid else None
        if program is None or self._refuse_read_only():
            return
        names = self.dossier.primary_specialties()
        from imgwizard.tui.screens.program_form import ProgramFormScreen  # when first needed

        screen = ProgramFormScreen(program, title=f"Edit {program.name}", specialties=names)
        self.app.push_screen(screen, lambda copy: self._edited_program(pid, copy))

    def _edited_program(self, pid: str, copy: Program | None) -> None:
        programs = self.dossier.programs
        index = next((i for i, p in enumerate(programs) if p.id == pid), None)
        if copy is None or index is None:
            return
        original = programs[index]
        for name in Program.model_fields:
            value = getattr(copy, name)
            if getattr(original, name) != value:
                setattr(original, name, value)
        self._update_row(original)
        self.query_one(ProgramTable).focus()
        self.edited()

    def action_cycle_signal(self) -> None:
        """g: the signal goes none → the specialty's tiers → none; on marked programs, each
        takes the tier that follows the first one's."""
        programs = self.chosen()
        if not programs or self._refuse_read_only():
            return
        tier = next_tier(programs[0])
        for program in programs:
            program.signal = tier
        if len(programs) == 1:
            program = programs[0]
            self.query_one(ProgramTable).clear_marks()
            self._update_row(program)
            self.edited()
            name = program.name or "Program"
            self.notify(f"{name}: signal {TIER_CELLS[program.signal]}.", timeout=2)
            return
        self._bulk_done(f"Signal {TIER_CELLS[tier]} for {len(programs)} programs.")

    def action_delete(self) -> None:
        programs = self.chosen()
        if not programs or self._refuse_read_only():
            return
        ids = {p.id for p in programs}
        if len(programs) == 1:
            body = f"Delete {programs[0].name or 'this program'} from your list?"
        else:
            body = f"Delete these {len(programs)} programs from your list?"
        if ids & set(self.dossier.rank_list.program_ids):
            body += " On your rank order list too: they will be taken off it."
        from imgwizard.tui.screens.confirm import ConfirmScreen  # when first needed

        self.app.push_screen(
            ConfirmScreen("Delete", body, yes="Delete", no="Keep"),
            lambda yes: self._deleted(ids) if yes else None,
        )

    def _deleted(self, ids: set[str]) -> None:
        table = self.query_one(ProgramTable)
        row = table.cursor_row
        table.clear_marks()
        self.dossier.programs = [p for p in self.dossier.programs if p.id not in ids]
        ranks = self.dossier.rank_list.program_ids
        if ids & set(ranks):  # a change to the rank list like any other: its history is kept
            ranking.change(self.dossier.rank_list, [r for r in ranks if r not in ids], self.today)
        for pid in ids:
            self._rows.pop(pid, None)
        self._show_rows()
        if self._shown:
            table.move_cursor(row=min(row, len(self._shown) - 1))
        table.focus()
        self.edited()

    # -- bulk actions on the marked programs (or the one under the cursor)
    def chosen(self) -> list[Program]:
        table = self.query_one(ProgramTable)
        ids = [self._shown[i] for i in table.chosen() if i < len(self._shown)]
        return [p for pid in ids if (p := self.dossier.program(pid)) is not None]

    def _bulk_done(self, message: str) -> None:
        table = self.query_one(ProgramTable)
        table.clear_marks()
        for program in self.dossier.programs:
            self._rows[program.id] = self._row(program)
        self._show_rows()
        table.focus()
        self.edited()
        self.notify(message, timeout=3, markup=False)

    def action_mark_applied(self) -> None:
        programs = self.chosen()
        if not programs or self._refuse_read_only():
            return
        from imgwizard.tui.screens.date_dialog import DateScreen

        def answered(day) -> None:
            if day is None:
                return
            for program in programs:
                program.applied, program.applied_on = True, day
            self._bulk_done(f"{len(programs)} marked as applied on {day.isoformat()}.")

        what = f"{len(programs)} programs" if len(programs) > 1 else programs[0].name
        self.app.push_screen(
            DateScreen(f"Mark {what} as applied", "Applied on", self.today), answered
        )

    def action_assign_letter(self) -> None:
        programs = self.chosen()
        if not programs or self._refuse_read_only():
            return
        letters = self.dossier.letters
        if not letters:
            self.notify("No letters yet: add them in step 6.", timeout=3)
            return
        from imgwizard.tui.screens.choice import ChoiceScreen

        options = [
            (f"Letter {i + 1}: {letter.writer or '(no writer yet)'}", i)
            for i, letter in enumerate(letters)
        ]

        def chosen(index: int | None) -> None:
            if index is None:
                return
            letter = letters[index]
            ids = [p.id for p in programs]
            letter.program_ids = list(dict.fromkeys([*letter.program_ids, *ids]))
            self._bulk_done(f"Letter {index + 1} now goes to {len(programs)} more program(s).")

        self.app.push_screen(
            ChoiceScreen(f"Assign a letter to {len(programs)} program(s)", options), chosen
        )

    def action_import_csv(self) -> None:
        if self._refuse_read_only():
            return
        from imgwizard.tui.screens.program_import import ImportCsvScreen  # with its CSV reader

        self.app.push_screen(ImportCsvScreen(self.dossier), self._imported)

    def _imported(self, programs: list[Program] | None) -> None:
        if not programs:
            return
        self.dossier.programs.extend(programs)
        for program in programs:
            self._rows[program.id] = self._row(program)
        self._show_rows(keep=programs[0].id)
        self.edited()
        self.notify(f"{len(programs)} programs imported.", timeout=3)


def requirements(program: Program) -> str:
    """What the program asks, in one line."""
    parts = [f"visa: {visa_text(program)}"]
    if program.max_years_since_graduation is not None:
        parts.append(f"graduated within {program.max_years_since_graduation} years")
    if program.min_step2ck_score is not None:
        parts.append(f"Step 2 CK ≥ {program.min_step2ck_score}")
    if program.min_usce_months is not None:
        parts.append(f"{program.min_usce_months} months USCE")
    if program.max_attempts is not None:
        parts.append(f"at most {program.max_attempts} attempts")
    if program.requires_step3:
        parts.append("Step 3")
    if program.letters_required is not None:
        parts.append(f"{program.letters_required} letters")
    return " · ".join(parts)
