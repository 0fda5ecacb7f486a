"""A DataTable of the items of a list step (letters, interviews, ranks), with letter keys.

Each pane subclasses ItemTable with its own BINDINGS (every binding has an id); a binding's
action `item('add')` calls `item_add()` on the pane that holds the table. Keys act only while
the table has focus, so typing in a form never triggers them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Select, Static


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


def confirm_screen(title: str, body: str, yes: str = "Yes", no: str = "No") -> ModalScreen[bool]:
    """The shell's confirm modal when it exists, else a small local one."""
    try:
        from imgwizard.tui.screens.confirm import ConfirmScreen
    except ImportError:  # pragma: no cover - until the shell's modal lands
        return LocalConfirm(title, body, yes, no)
    return ConfirmScreen(title, body, yes, no)


class LocalConfirm(ModalScreen[bool]):
    """A yes/no question: y / n keys or the buttons; Escape also says no."""

    DEFAULT_CSS = """
    LocalConfirm { align: center middle; }
    LocalConfirm > Vertical { width: 90%; max-width: 64; height: auto; border: thick $warning;
        background: $surface; padding: 1 2; }
    LocalConfirm Horizontal { height: auto; margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="local_confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="local_confirm.no"),
    ]

    def __init__(self, title: str, body: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.title_text, self.body, self.yes, self.no = title, body, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False)
            yield Static(self.body, markup=False)
            with Horizontal():
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
