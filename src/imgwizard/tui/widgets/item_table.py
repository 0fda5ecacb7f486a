"""A DataTable of the items of a list step (programs, letters, interviews, ranks), with letter
keys and marks for acting on several rows at once.

Each pane subclasses ItemTable with its own BINDINGS (every binding has an id); a binding's
action `item('add')` calls `item_add()` on the pane that holds the table. Keys act only while
the table has focus, so typing in a form never triggers them. A markable table marks rows with
Space (the cursor moves on), shift+↑/↓ and * (all / none); a bulk action takes `chosen()`: the
marked rows, or the row under the cursor when none is marked. A mark shows as "*" in the row's
label column, never as a colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat, zip_longest
from typing import ClassVar

from rich.text import Text, TextType
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.render import measure
from textual.widgets import DataTable, Select
from textual.widgets._data_table import CellType, ColumnKey, Row, RowKey

MARK = "*"
_MARKED, _UNMARKED = Text(MARK), Text(" ")


class ItemTable(DataTable):
    DEFAULT_CSS = """
    ItemTable { height: auto; max-height: 12; margin: 0 0 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_mark", "Mark", id="list.mark", show=False),
        Binding("shift+down", "extend_mark(1)", "Mark down", id="list.mark_down", show=False),
        Binding("shift+up", "extend_mark(-1)", "Mark up", id="list.mark_up", show=False),
        Binding("asterisk", "mark_all", "Mark all", id="list.mark_all", show=False),
    ]

    def __init__(self, *, id: str | None = None, markable: bool = False) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, show_row_labels=markable)
        self.markable = markable
        self.marked: set[int] = set()  # row indices

    def add_column(
        self,
        label: TextType,
        *,
        width: int | None = None,
        key: str | None = None,
        default: CellType | None = None,
    ) -> ColumnKey:
        """A text label is shown as it is: DataTable reads a str label as Rich markup (with
        emoji codes, whose table of ~3,600 names was imported for the first screen)."""
        if isinstance(label, str):
            label = Text(label)
        return super().add_column(label, width=width, key=key, default=default)

    # -- dimensions
    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable measures every cell of every new row to size its columns (3,000 programs:
        15,000 cells, ~0.3 s of CPU before the table's first frame), but a column given a
        width is drawn at that width whatever its cells measure. When every column has one and
        every row is one line high, only the row labels (the marks) are measured; otherwise
        DataTable does it all. Written against the pinned Textual (pyproject.toml);
        tests/tui/test_item_table.py checks it draws and scrolls what DataTable's own way does.
        """
        rows = [self.rows.get(key) for key in new_rows]
        if any(column.auto_width for column in self.columns.values()) or any(
            row is not None and row.auto_height for row in rows
        ):
            super()._update_dimensions(new_rows)
            return
        label_column = self._label_column
        for row in rows:
            if row is None or row.label is None:  # removed before the idle that sizes it
                continue
            self._labelled_row_exists = True
            label = row.label
            width = (
                label.cell_len
                if isinstance(label, Text) and "\n" not in label.plain
                else measure(self.app.console, label, 1)
            )
            label_column.content_width = max(label_column.content_width, width)
        data_cells_width = sum(column.get_render_width(self) for column in self.columns.values())
        header_height = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            data_cells_width + self._row_label_column_width,
            self._total_row_height + header_height,
        )

    # -- the rows' order and line map, kept over a change that leaves them as they are
    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: CellType,
        *,
        update_width: bool = False,
    ) -> None:
        """A new value in a one-line row's cell leaves the rows' order and heights as they
        are; DataTable still works both out again over every row (they are cached by its
        `_update_count`, which every change bumps): 3,000 programs, a few ms of the UI thread
        after each edit of a program. Here they are carried over to the new count."""
        before = self._update_count
        super().update_cell(row_key, column_key, value, update_width=update_width)
        key = RowKey(row_key) if isinstance(row_key, str) else row_key
        row = self.rows.get(key)
        if not update_width and row is not None and row.height == 1 and not row.auto_height:
            self._carry_row_layout(before)
            self._carry_renders(before, {key})

    def update_cells_at(self, changes: Sequence[tuple[int, int, CellType]]) -> None:
        """New values for cells of one-line rows, given as (row, column, value), all at once:
        one new update count, with the rows' order, line map and the other rows' drawn lines
        kept, as update_cell keeps them for one (a run of the rules changes the Eligible?
        cell of every program at once: 3,000 calls of update_cell, or a refill, before)."""
        if not changes:
            return
        row_key_at, columns, rows = self._row_locations.get_key, self.ordered_columns, self.rows
        keyed = [(row_key_at(row), column, value) for row, column, value in changes]

        def one_line_cell(key: RowKey | None, column: int) -> bool:
            row = rows.get(key) if key is not None else None
            return (
                row is not None
                and row.height == 1
                and not row.auto_height
                and (0 <= column < len(columns))
            )

        if not all(one_line_cell(key, column) for key, column, _ in keyed):
            for row, column, value in changes:  # DataTable's own way (and its errors)
                self.update_cell_at((row, column), value)
            return
        before = self._update_count
        data = self._data
        for key, column, value in keyed:
            data[key][columns[column].key] = value
        self._update_count += 1
        self._carry_row_layout(before)
        self._carry_renders(before, {key for key, _, _ in keyed})
        self.refresh()

    def _carry_row_layout(self, before: int) -> None:
        """DataTable's cached row order and line map for `before`, kept for the count now.
        Written against the pinned Textual; tests/tui/test_item_table.py checks the table
        draws and moves as DataTable's own way does after such changes."""
        after, count = self._update_count, self.row_count
        ordered = self._ordered_row_cache.get((count, before))
        if ordered is not None:
            self._ordered_row_cache[(count, after)] = ordered
        offsets = self._offset_cache.get(before)
        if offsets is not None:
            self._offset_cache[after] = offsets

    def _carry_renders(self, before: int, changed: set[RowKey]) -> None:
        """The lines DataTable rendered for `before` (cached by its update count as well),
        kept for the count now except those of the rows that changed: after a cell's new
        value it drew every visible line again (at 80x24 the programs table's 7 lines, 42
        cells through Rich: ~5 ms of each `g`); now only the changed rows'."""
        after = self._update_count
        header = self.header_height if self.show_header else 0
        offsets = self._y_offsets

        def other_row(line: int) -> bool:
            y = line - header
            return y < 0 or (y < len(offsets) and offsets[y][0] not in changed)

        for cache, at, keep in (
            (self._line_cache, 9, lambda key: other_row(key[0])),
            (self._row_render_cache, 8, lambda key: key[0] not in changed),
        ):
            kept = cache.keys()  # an LRUCache: no __iter__
            for key in [k for k in kept if k[at] == before and keep(k)]:
                cache[(*key[:at], after, *key[at + 1 :])] = cache[key]

    def add_plain_rows(self, rows: Iterable[Sequence[Text]], labels: Iterable[Text | None]) -> None:
        """Add one-line rows at the bottom, as `add_row` does one by one (3,000 programs:
        ~80 ms of the UI thread for the table's rows, per refill: a filter key, a sort, the
        first screen), with the table's bookkeeping done once. Written against the pinned
        Textual; tests/tui/test_item_table.py checks the same table as add_row gives."""
        columns = [column.key for column in self.ordered_columns]
        cells_of = list(rows)
        labels = list(labels)
        if len(labels) != len(cells_of):
            raise ValueError("A label for each row, or None.")
        if any(len(cells) > len(columns) for cells in cells_of):
            raise ValueError("More values provided than there are columns.")
        first = self.row_count
        index = first + len(cells_of)
        if index == first:
            return
        # A list at a time: 3,000 rows and their marks, median 20.6 -> 13.4 ms (row by row).
        keys = [RowKey() for _ in cells_of]
        locations = self._row_locations
        locations._forward.update(zip(keys, range(first, index), strict=True))
        locations._reverse.update(zip(range(first, index), keys, strict=True))
        cells = [dict(zip_longest(columns, row)) for row in cells_of]
        self._data.update(zip(keys, cells, strict=True))
        self.rows.update(zip(keys, map(Row, keys, repeat(1), labels, repeat(False)), strict=True))
        self._new_rows.update(keys)
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if first == 0 and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # a cursor can appear where there was none
        self._update_count += index - first
        self.check_idle()

    # -- marks
    def label(self, index: int) -> Text | None:
        """The row's mark, one of two texts shared by every row (the table renders a label
        and never alters it, as tests/tui/test_item_table.py checks)."""
        if not self.markable:
            return None
        return _MARKED if index in self.marked else _UNMARKED

    def chosen(self) -> list[int]:
        """The rows a bulk action applies to: the marked ones, else the one under the cursor."""
        if self.marked:
            return sorted(i for i in self.marked if i < self.row_count)
        return [self.cursor_row] if self.row_count else []

    def clear_marks(self) -> None:
        if self.marked:
            self.marked.clear()
            self._show_marks()

    def _show_marks(self) -> None:
        for index, row in enumerate(self.ordered_rows):
            self.rows[row.key].label = self.label(index)
        self._clear_caches()
        self.refresh()

    def action_toggle_mark(self) -> None:
        if not self.markable or not self.row_count:
            return
        self.marked ^= {self.cursor_row}
        self._show_marks()
        self.action_cursor_down()

    def action_extend_mark(self, delta: int) -> None:
        if not self.markable or not self.row_count:
            return
        self.marked.add(self.cursor_row)
        self.move_cursor(row=max(0, min(self.cursor_row + delta, self.row_count - 1)))
        self.marked.add(self.cursor_row)
        self._show_marks()

    def action_mark_all(self) -> None:
        if not self.markable:
            return
        everything = set(range(self.row_count))
        self.marked = set() if self.marked == everything else everything
        self._show_marks()

    def action_item(self, name: str) -> None:
        for node in self.ancestors:
            handler = getattr(node, f"item_{name}", None)
            if handler is not None:
                handler()
                return

    def fill(self, rows: Iterable[Sequence[str | Text]], keep: int | None = None) -> None:
        """Replace the rows (user text as Text, never markup) and keep the cursor in place."""
        row = self.cursor_row if keep is None else keep
        # Refilling is not the user moving the cursor: no RowHighlighted from it.
        with self.prevent(DataTable.RowHighlighted):
            self.clear()
            texts = [tuple(c if isinstance(c, Text) else Text(str(c)) for c in r) for r in rows]
            self.add_plain_rows(texts, [self.label(index) for index in range(len(texts))])
            self.marked = {i for i in self.marked if i < self.row_count}
            if self.row_count:
                self.move_cursor(row=max(0, min(row, self.row_count - 1)), animate=False)


def clip(text: str, width: int) -> Text:
    """User text for a narrow column: as text (never markup), cut with … when too long."""
    return Text(text if len(text) <= width else text[: width - 1] + "…")


def program_options(dossier, none: str = "(none chosen)") -> list[tuple[str, str]]:
    """(label, program id) for a Select of the dossier's programs, by name, a blank first."""
    options = [(none, "")]
    # In name order, as the programs table shows them: a long list is searched by eye.
    for program in sorted(dossier.programs, key=lambda p: (p.name or p.id).casefold()):
        label = program.name or program.id
        if program.specialty:
            label = f"{label} — {program.specialty}"
        options.append((label, program.id))
    return options


def set_select_options(field, options: list[tuple[str, object]]) -> None:
    """Give a BoundSelect new options (user text shown literally) and show its current value."""
    field.options = options
    select = field.query_one(Select)
    with select.prevent(Select.Changed):
        select.set_options([(Content(label), value) for label, value in options])
        known = [value for _, value in options]
        current = field.current
        select.value = current if current in known else options[0][1]
