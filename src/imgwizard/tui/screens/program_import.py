"""Import programs from a CSV file (step 2, key i): ask for the path, show what the file holds
row by row (errors with their row number, duplicates), and add only the valid rows, only after
the user says so."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from imgwizard.importing.programs_csv import ImportResult, import_programs_csv, read_csv_file
from imgwizard.model import Dossier, Program
from imgwizard.tui.screens.dialog import Dialog
from imgwizard.wording import plural


def read_csv(path_text: str) -> tuple[str, list[str]]:
    """The file's text and notes; CsvFileError/ValueError carry a message for the user.
    Runs in a worker thread (ImportCsvScreen.read): a slow disk never freezes the screen."""
    if not path_text.strip():
        raise ValueError("enter the path of a .csv file")
    return read_csv_file(Path(os.path.expanduser(path_text.strip())))


def summary(result: ImportResult) -> Text:
    """What the file holds, in plain words; user text stays text."""
    out = Text()
    if result.file_error:
        out.append("The file cannot be imported:\n", style="bold")
        for err in result.errors:
            out.append(f"  • {err}\n")
        return out
    out.append(
        f"{plural(result.rows, 'row')} read: {len(result.programs)} can be added, "
        f"{len(result.bad_rows)} with errors, {plural(len(result.duplicates), 'duplicate')}.\n",
        style="bold",
    )
    for note in result.notes:
        out.append(f"Note: {note}\n")
    if result.ignored_columns:
        out.append("Columns ignored: " + ", ".join(result.ignored_columns) + "\n")
    if result.errors:
        out.append("\nRows with errors (not imported):\n", style="bold")
        for err in result.errors:
            out.append(f"  • {err}\n")
    if result.duplicates:
        out.append("\nDuplicates (skipped):\n", style="bold")
        for dup in result.duplicates:
            out.append(f"  • {dup}\n")
    if result.programs:
        out.append("\nTo be added:\n", style="bold")
        for program in result.programs:
            where = ", ".join(x for x in (program.specialty, program.state) if x)
            out.append(f"  • {program.name}" + (f" ({where})" if where else "") + "\n")
    return out


class ImportCsvScreen(Dialog[list[Program] | None]):
    """Dismisses with the programs to add, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import_csv_cancel")]

    DEFAULT_CSS = """
    ImportCsvScreen .dialog { height: 100%; }
    ImportCsvScreen #import-report-scroll { height: 1fr; }
    ImportCsvScreen #import-report { height: auto; }
    ImportCsvScreen #import-error { color: $error; height: auto; }
    ImportCsvScreen .dialog-buttons { height: auto; }
    """

    def __init__(self, dossier: Dossier) -> None:
        super().__init__(classes="modal")
        self.dossier = dossier
        self.result: ImportResult | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Import programs from a CSV file", classes="dialog-title", markup=False)
            yield Static(
                "Export your spreadsheet as CSV. A 'name' column is required; specialty, "
                "state, city, visas, Step 2 CK minimum, years since graduation, USCE months, "
                "attempts, letters, priority, signal and notes are read when present. Nothing "
                "is added until you confirm.",
                classes="dialog-note",
                markup=False,
            )
            yield Input(placeholder="e.g. ~/Downloads/programs.csv", id="import-path")
            yield Static("", id="import-error", markup=False)
            with VerticalScroll(id="import-report-scroll"):
                yield Static("", id="import-report", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Read file", id="import-read")
                yield Button("Import", id="import-confirm", variant="primary", disabled=True)
                yield Button("Cancel (esc)", id="import-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.read()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "import-read":
            self.read()
        elif event.button.id == "import-confirm":
            self.confirm()
        else:
            self.action_cancel()

    @property
    def report_text(self) -> str:
        return str(self.query_one("#import-report", Static).render())

    @property
    def error_text(self) -> str:
        return str(self.query_one("#import-error", Static).render())

    def read(self) -> None:
        """Read the file in a worker thread; the screen stays live (and Esc, SIGTERM and
        SIGHUP keep working) whatever the path turns out to be."""
        error = self.query_one("#import-error", Static)
        button = self.query_one("#import-confirm", Button)
        self.result = None
        button.disabled = True
        path_text = self.query_one("#import-path", Input).value
        error.update("Reading…")
        self.run_worker(
            lambda: self._read_in_thread(path_text),
            thread=True,
            exclusive=True,
            group="csv-read",
            exit_on_error=False,
        )

    def _read_in_thread(self, path_text: str) -> None:
        try:
            text, notes = read_csv(path_text)
        except (ValueError, OSError) as exc:
            self.app.call_from_thread(self._show_read_error, str(exc))
            return
        result = import_programs_csv(text, self.dossier)
        result.notes = notes + result.notes
        self.app.call_from_thread(self._show_result, result)

    def _show_read_error(self, message: str) -> None:
        self.query_one("#import-error", Static).update(f"Cannot read it: {message}")
        self.query_one("#import-report", Static).update("")

    def _show_result(self, result: ImportResult) -> None:
        button = self.query_one("#import-confirm", Button)
        self.query_one("#import-error", Static).update("")
        self.result = result
        self.query_one("#import-report", Static).update(summary(result))
        count = len(result.importable(accept_valid=True))
        if count:
            label = f"Import {plural(count, 'program')}"
            if result.errors:
                label = f"Import the {plural(count, 'valid row')} anyway"
            button.label = label
            button.disabled = False
            button.focus()

    def confirm(self) -> None:
        if self.result is None:
            return
        self.dismiss(self.result.importable(accept_valid=True))

    def action_cancel(self) -> None:
        self.dismiss(None)
