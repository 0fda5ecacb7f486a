"""Step 5: one personal statement per target specialty, with a live character count.

A statement is either written here (the text is kept in the dossier) or lives in a file whose
path is kept. The count is the same one the rules use (every character: letters, spaces,
punctuation, line breaks) against the season's MyERAS limit, shown with its confidence.

Statements are matched to the target specialties of step 1 by name. A specialty without one
gets an empty draft that joins the dossier only once the user types in it, so looking at this
step never changes the file.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from imgwizard.model import DocStatus, PersonalStatement
from imgwizard.rules.statements import LIMIT_KEY
from imgwizard.tui.messages import DossierEdited
from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.widgets.fields import BoundInput, BoundSelect, BoundTextArea
from imgwizard.tui.widgets.pane_kit import Explain, apply_read_only, css_beside
from imgwizard.tui.widgets.season_fact import SeasonFactRow

STATUS_OPTIONS = [
    ("Drafting", DocStatus.DRAFTING),
    ("Ready", DocStatus.READY),
    ("Uploaded to MyERAS", DocStatus.UPLOADED),
    ("Missing", DocStatus.MISSING),
    ("Not applicable", DocStatus.NOT_APPLICABLE),
]


def count_text(chars: int, limit: int | None) -> tuple[str, bool]:
    """("28,412 / 28,000 characters — 412 over …", over?) — words, never colour alone."""
    if limit is None:
        return f"{chars:,} characters (the limit for this season is not known)", False
    if chars > limit:
        return (
            f"Over the limit: {chars:,} / {limit:,} characters — {chars - limit:,} over. "
            f"Shorten it by {chars - limit:,} characters before you submit.",
            True,
        )
    return f"{chars:,} / {limit:,} characters — {limit - chars:,} left.", False


def subject_of(ps: PersonalStatement, index: int) -> str:
    """The subject the rules give a statement's findings (see rules/statements.py)."""
    return ps.specialty or ps.title or f"statement {index + 1}"


def plan(specialties: list[str], statements: list[PersonalStatement]):
    """What to show: (specialty, statement or None for a draft), target specialties first,
    then statements that belong to no current target."""
    entries: list[tuple[str, PersonalStatement | None]] = []
    used: set[int] = set()
    seen: set[str] = set()
    for name in specialties:
        folded = name.strip().casefold()
        if not folded or folded in seen:
            continue
        seen.add(folded)
        match = next(
            (
                ps
                for ps in statements
                if id(ps) not in used and ps.specialty.strip().casefold() == folded
            ),
            None,
        )
        if match is not None:
            used.add(id(match))
        entries.append((name.strip(), match))
    entries += [(ps.specialty, ps) for ps in statements if id(ps) not in used]
    if not entries:
        entries.append(("", None))
    return entries


class StatementEditor(Vertical):
    """Title, file path or text, status and the live count of one statement."""

    def __init__(self, specialty: str, statement: PersonalStatement | None) -> None:
        super().__init__(classes="statement")
        self.specialty = specialty
        self.is_draft = statement is None
        self.statement = statement or PersonalStatement(specialty=specialty)

    @property
    def pane(self) -> PersonalStatementPane:
        return self.query_ancestor(PersonalStatementPane)

    @property
    def signature(self) -> tuple[str, int | None]:
        return (self.specialty.strip().casefold(), None if self.is_draft else id(self.statement))

    def compose(self) -> ComposeResult:
        ps = self.statement
        title = f"Statement for {self.specialty}" if self.specialty else "General statement"
        yield Static(title, classes="statement-title", markup=False)
        yield BoundInput(
            "Title (for you; programs do not see it)", lambda: ps, "title", classes="ps-title"
        )
        yield BoundTextArea(
            "Text (write or paste it here)…",
            lambda: ps,
            "text",
            classes="ps-text",
        )
        yield Static("", classes="ps-count", markup=False)
        yield BoundInput(
            "…or the path of the file you wrote it in",
            lambda: ps,
            "path",
            placeholder="e.g. ~/eras/statement-im.txt",
            classes="ps-path",
        )
        yield BoundSelect(
            "Status", lambda: ps, "status", options=STATUS_OPTIONS, classes="ps-status"
        )

    def on_mount(self) -> None:
        self.update_count()
        apply_read_only(self, self.pane.read_only)

    def on_dossier_edited(self, message: DossierEdited) -> None:
        # Not stopped: the shell still saves and re-checks. A draft joins the dossier now, so
        # the shell's save and rules already see it.
        if self.is_draft:
            self.pane.dossier.personal_statements.append(self.statement)
            self.is_draft = False
        self.update_count()

    @property
    def count_line(self) -> str:
        return str(self.query_one(".ps-count", Static).render())

    def update_count(self) -> None:
        ps = self.statement
        line = self.query_one(".ps-count", Static)
        over = False
        if ps.text:
            text, over = count_text(len(ps.text), self.pane.season.count(LIMIT_KEY))
            fact = self.pane.season.get(LIMIT_KEY)
            if fact is not None and not fact.is_official:
                text += f" (limit: {fact.display()})"
        elif ps.path:
            text = self._file_findings() or "The file is counted by the checks (plain-text files)."
        else:
            text = "Nothing written yet."
        line.update(text)
        line.set_class(over, "-over")

    def _file_findings(self) -> str:
        dossier = self.pane.dossier
        try:
            index = next(
                i for i, p in enumerate(dossier.personal_statements) if p is self.statement
            )
        except StopIteration:
            return ""
        subject = subject_of(self.statement, index)
        mine = [
            f for f in self.pane.findings if f.subject == subject and f.code != "statements.missing"
        ]
        return "\n".join(f"{f.severity.value.capitalize()}: {f.message} {f.fix}" for f in mine)

    def refresh_values(self) -> None:
        for field in self.query(".field"):
            field.refresh_value()  # type: ignore[attr-defined]
        self.update_count()


class PersonalStatementPane(StepPane):
    STEP_ID = "personal_statement"
    DEFAULT_CSS = css_beside(__file__)

    def compose_body(self) -> ComposeResult:
        yield Explain(
            "Programs read the statement to learn why you chose the specialty and what you "
            "bring. Write one per specialty you apply to. MyERAS counts every character — "
            "letters, spaces, punctuation and line breaks — against its limit:"
        )
        yield SeasonFactRow(LIMIT_KEY, label="MyERAS personal statement limit", show_days=False)
        yield Static(
            "No target specialty yet (step 1): this statement counts for any specialty.",
            id="no-specialty",
            markup=False,
        )
        yield Vertical(id="statements")

    def on_mount(self) -> None:
        self.rebuild()

    def _wanted(self):
        return plan(self.dossier.primary_specialties(), self.dossier.personal_statements)

    def rebuild(self) -> None:
        box = self.query_one("#statements")
        box.remove_children()
        box.mount_all(StatementEditor(name, ps) for name, ps in self._wanted())
        self.query_one("#no-specialty").display = not self.dossier.primary_specialties()

    def _current_signature(self) -> list[tuple[str, int | None]]:
        return [e.signature for e in self.query(StatementEditor)]

    def findings_changed(self) -> None:
        wanted = [
            (name.strip().casefold(), None if ps is None else id(ps)) for name, ps in self._wanted()
        ]
        if wanted != self._current_signature():
            self.rebuild()  # specialties were added, removed or renamed in step 1
            return
        for editor in self.query(StatementEditor):
            editor.update_count()

    def season_changed(self) -> None:
        self.query_one(SeasonFactRow).refresh_fact()
        for editor in self.query(StatementEditor):
            editor.update_count()

    def reload(self) -> None:
        self.rebuild()
