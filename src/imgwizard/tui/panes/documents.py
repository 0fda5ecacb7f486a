"""Step 4: every document ERAS needs, with a live check of the file the user points to.

Four documents are files (the photo optional). The USMLE transcript is a release authorized in
MyERAS and the ECFMG Status Report is sent by ECFMG: each is a box to tick, not a file.

A path is checked as soon as the user stops typing (debounced, in a thread so a slow network
folder never freezes the screen) with the same functions the rules use: the file exists, can be
read, is not empty, is a PDF (or a JPEG photo) by its content, and is within the season's size
limit. The wizard stores the path and the status, never the file.
"""

from __future__ import annotations

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Static

from imgwizard.model import (
    DOCUMENT_LABELS,
    STATUS_REPORT_LABEL,
    USMLE_TRANSCRIPT_LABEL,
    DocStatus,
    Document,
)
from imgwizard.rules.documents import size_limit
from imgwizard.rules.files import Kind, describe, probe, problem, size_kb
from imgwizard.tui.messages import DossierEdited
from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.widgets.fields import BoundCheckbox, BoundInput, BoundSelect
from imgwizard.tui.widgets.pane_kit import (
    Explain,
    Section,
    apply_read_only,
    css_beside,
    fact_text,
)

STATUS_OPTIONS = [
    ("Missing", DocStatus.MISSING),
    ("Drafting", DocStatus.DRAFTING),
    ("Ready", DocStatus.READY),
    ("Uploaded", DocStatus.UPLOADED),
    ("Not applicable", DocStatus.NOT_APPLICABLE),
]

HINTS = {
    "cv": "The PDF you export from MyERAS (or your own CV while you write it).",
    "mspe": "From your school; it reaches ERAS through ECFMG.",
    "medical_school_transcript": "From your school; uploaded through ECFMG.",
    "photo": "Optional in ERAS. A passport-style photo, as a JPEG, uploaded through ECFMG.",
}


PLACEHOLDERS = {
    "cv": "e.g. ~/eras/cv.pdf",
    "mspe": "e.g. ~/eras/mspe.pdf",
    "medical_school_transcript": "e.g. ~/eras/transcript.pdf",
    "photo": "e.g. ~/eras/photo.jpg",
}


class DocumentBlock(Vertical):
    """One document: path and status side by side, and a check line under them."""

    DEBOUNCE = 0.3  # seconds of quiet typing before the file is looked at

    def __init__(self, key: str) -> None:
        super().__init__(id=f"doc-{key.replace('_', '-')}", classes="document")
        self.key = key
        self._timer: Timer | None = None
        self._generation = 0

    @property
    def pane(self) -> DocumentsPane:
        return self.query_ancestor(DocumentsPane)

    @property
    def doc(self) -> Document:
        return getattr(self.pane.dossier.documents, self.key)

    def compose(self) -> ComposeResult:
        yield Static(DOCUMENT_LABELS[self.key], classes="doc-title", markup=False)
        yield Static(HINTS[self.key], classes="doc-hint", markup=False)
        with Horizontal(classes="doc-fields"):
            yield BoundInput(
                "File path",
                lambda: self.doc,
                "path",
                placeholder=PLACEHOLDERS[self.key],
                classes="doc-path",
            )
            yield BoundSelect(
                "Status", lambda: self.doc, "status", options=STATUS_OPTIONS, classes="doc-status"
            )
        yield Static("", classes="doc-check", markup=False)

    def on_mount(self) -> None:
        self.check_now()

    @property
    def check_text(self) -> str:
        return str(self.query_one(".doc-check", Static).render())

    def on_dossier_edited(self, message: DossierEdited) -> None:
        # Not stopped: the shell still saves. A new path waits for the typing to pause.
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, self.check_now)

    def check_now(self) -> None:
        self._timer = None
        self._generation += 1
        doc = self.doc
        if doc.status is DocStatus.NOT_APPLICABLE:
            self._show("Marked not applicable: nothing to check.", "ok")
        elif not doc.path:
            self._show_findings()
        else:
            limit = size_limit(self.key, self.pane.season)
            self._look_at(doc.path, limit.kind, limit.max_kb, self._generation)

    @work(thread=True, group="document-check")
    def _look_at(self, path: str, kind: Kind, max_kb: int | None, generation: int) -> None:
        found = probe(path)
        wrong = problem(found, kind, max_kb)
        if wrong is None:
            what = {Kind.PDF: "a PDF", Kind.JPEG: "a JPEG image"}.get(kind, "an image")
            key = size_limit(self.key, self.pane.season).key
            limit = fact_text(self.pane.season, key, "")
            limit = f"size limit {limit}" if limit else "no size limit known for this season"
            text, state = f"OK: {what}, {size_kb(found.size)} ({limit}).", "ok"
        else:
            label = DOCUMENT_LABELS[self.key]
            message, fix = describe(wrong, found, label, kind, max_kb)
            text, state = f"Problem: {message}\nFix: {fix}", "bad"
        self.app.call_from_thread(self._show_if_current, text, state, generation)

    def _show_if_current(self, text: str, state: str, generation: int) -> None:
        if generation == self._generation:  # a newer path has been typed since: drop this
            self._show(text, state)

    def _show_findings(self) -> None:
        mine = [f for f in self.pane.findings if f.subject == self.key]
        if mine:
            lines = [f"{f.severity.value.capitalize()}: {f.message} Fix: {f.fix}" for f in mine]
            self._show("\n".join(lines), "bad")
        else:
            self._show("No file entered yet.", "info")

    def _show(self, text: str, state: str) -> None:
        line = self.query_one(".doc-check", Static)
        line.update(text)
        for name in ("ok", "bad", "info"):
            line.set_class(name == state, f"-{name}")

    def findings_changed(self) -> None:
        if not self.doc.path or self.doc.status is DocStatus.NOT_APPLICABLE:
            self.check_now()

    def refresh_values(self) -> None:
        for field in self.query(".field"):
            field.refresh_value()  # type: ignore[attr-defined]
        self.check_now()


class DocumentsPane(StepPane):
    STEP_ID = "documents"
    DEFAULT_CSS = css_beside(__file__)

    def compose_body(self) -> ComposeResult:
        yield Explain(
            "For each document, enter where the file is on this computer and how far along it "
            "is. The file is checked as you type: it must exist, open, not be empty, really be "
            "a PDF (the photo a JPEG) and fit the size limit. Only the path is saved, never the "
            "file."
        )
        for key in DOCUMENT_LABELS:
            yield DocumentBlock(key)
        docs = lambda: self.dossier.documents  # noqa: E731
        yield Section("Not files: a release and a report")
        yield BoundCheckbox(
            f"{USMLE_TRANSCRIPT_LABEL}: release authorized",
            lambda: docs().usmle_transcript,
            "authorized",
            id="usmle-release",
        )
        yield Explain(
            "In MyERAS: your USMLE ID, then 'Authorize Release' (one fee a season), then assign "
            "the transcript to your programs. It can follow your submission."
        )
        yield BoundCheckbox(
            f"{STATUS_REPORT_LABEL}: seen in MyERAS",
            lambda: docs().ecfmg_status_report,
            "confirmed",
            id="status-report",
        )
        yield Explain("ECFMG sends it to your application itself; you only check it is there.")

    def on_mount(self) -> None:
        apply_read_only(self, self.read_only)

    def on_show(self, event: events.Show) -> None:
        # The user may have fixed a file while elsewhere: look again when the step is shown.
        for block in self.query(DocumentBlock):
            block.check_now()

    def findings_changed(self) -> None:
        for block in self.query(DocumentBlock):
            block.findings_changed()

    def season_changed(self) -> None:
        for block in self.query(DocumentBlock):
            block.check_now()

    def reload(self) -> None:
        for block in self.query(DocumentBlock):
            block.refresh_values()
        for box in self.query(BoundCheckbox):
            box.refresh_value()
        apply_read_only(self, self.read_only)
