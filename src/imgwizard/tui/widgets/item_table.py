"""A DataTable of the items of a list step (letters, interviews, ranks), with letter keys.

Each pane subclasses ItemTable with its own BINDINGS (every binding has an id); a binding's
action `item('add')` calls `item_add()` on the pane that holds the table. Keys act only while
the table has focus, so typing in a form never triggers them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable, Select


class ItemTable(DataTable):
    DEFAULT_CSS = """
    ItemTable { height: auto; max-height: 12; margin: 0 0 1 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

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
            for cells in rows:
                self.add_row(*(c if isinstance(c, Text) else Text(str(c)) for c in cells))
            if self.row_count:
                self.move_cursor(row=max(0, min(row, self.row_count - 1)), animate=False)


def clip(text: str, width: int) -> Text:
    """User text for a narrow column: as text (never markup), cut with … when too long."""
    return Text(text if len(text) <= width else text[: width - 1] + "…")


def program_options(dossier, none: str = "(none chosen)") -> list[tuple[str, str]]:
    """(label, program id) for a Select of the dossier's programs, with a blank first."""
    options = [(none, "")]
    for program in dossier.programs:
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
