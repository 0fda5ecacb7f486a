"""The usability journey: a realistic applicant entered key by key into the real app at 80x24.

The applicant (APPLICANT, below) is the one thing both the "before" and the "after" runs share;
the driver (`Journey` and the step functions) types what a keyboard user would type to enter
it, taking the shortest Tab / shift+Tab path between fields (what a user who knows the form
does). Every key is counted for the step shown when it is pressed: navigation keys (Tab, Enter,
arrows, letters used as commands, F-keys) apart from text typed into a field. After every
navigation key that changes the focus (or the screen) the focused widget must be fully on
screen; each time it is not is recorded.

Run it with `python scripts/journey.py` (prints the table) or as the test tests/test_journey.py.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from textual.css.query import NoMatches
from textual.errors import NoWidget
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select

from imgwizard.settings import Settings
from imgwizard.steps import STEP_IDS
from imgwizard.tui.app import WizardApp

TODAY = dt.date(2026, 10, 20)
SIZE = (80, 24)

IM, FM = "Internal Medicine", "Family Medicine"


# ---------------------------------------------------------------------------------- applicant
@dataclass(frozen=True)
class Letter:
    writer: str
    role: str
    specialty: str
    requested_on: str


@dataclass(frozen=True)
class Interview:
    program: str  # a program name from PROGRAMS
    invited_on: str
    date: str
    fmt: str  # label of the Format select
    status: str  # label of the Status select


PROGRAMS: tuple[tuple[str, str], ...] = tuple(
    [
        (f"{city} {IM}", IM)
        for city in (
            "Albany",
            "Baltimore",
            "Brooklyn",
            "Camden",
            "Chicago",
            "Cleveland",
            "Dayton",
            "Detroit",
            "Flint",
            "Hartford",
            "Newark",
            "Omaha",
            "Paterson",
            "Queens",
            "Reading",
            "Rochester",
            "Scranton",
            "Toledo",
            "Trenton",
            "Yonkers",
        )
    ]
    + [(f"{city} {FM}", FM) for city in ("Akron", "Bronx", "Erie", "Fresno", "Macon")]
)


@dataclass(frozen=True)
class Applicant:
    specialties: tuple[str, ...] = (IM, FM)
    backup_plan: str = "Also apply to family medicine; SOAP if needed."
    full_name: str = "Amina Rahman"
    email: str = "amina@example.org"
    citizenship: str = "Bangladesh"
    usmle_id: str = "12345678"
    programs: tuple[tuple[str, str], ...] = PROGRAMS
    signalled: tuple[str, ...] = tuple(name for name, _ in PROGRAMS[:5])
    # eligibility
    step1: tuple[str, str] = ("Passed", "2025-03-10")
    step2ck: tuple[str, str, str] = ("Passed", "2025-09-15", "245")
    pathway: str = "Pathway 1"
    pathway_status: str = "Accepted"
    oet_date: str = "2025-06-01"
    oet: tuple[str, str, str, str] = ("400", "380", "360", "390")
    school: str = "Dhaka Medical College"
    country: str = "Bangladesh"
    graduation: str = "2023-12-01"
    visa: str = "J-1"
    usce_months: str = "6"
    # documents: (document key, file name)
    documents: tuple[tuple[str, str], ...] = (
        ("cv", "cv.pdf"),
        ("mspe", "mspe.pdf"),
        ("medical_school_transcript", "transcript.pdf"),
        ("photo", "photo.jpg"),
    )
    statements: tuple[tuple[str, str], ...] = (
        (IM, "Caring for patients with many illnesses at once taught me to listen."),
        (FM, "Family medicine lets me follow whole families over years."),
    )
    letters: tuple[Letter, ...] = (
        Letter("Dr Jane Roe", "Professor of Medicine", IM, "2026-07-01"),
        Letter("Dr Omar Khan", "Attending, City Hospital", IM, "2026-07-02"),
        Letter("Dr Li Wei", "Program Director", IM, "2026-07-03"),
        Letter("Dr Ana Silva", "Family Physician", FM, "2026-07-04"),
    )
    nrmp_registered_on: str = "2026-09-20"
    nrmp_id: str = "N1234567"
    interviews: tuple[Interview, ...] = (
        Interview(PROGRAMS[0][0], "2026-10-05", "2026-11-10", "Virtual", "Completed"),
        Interview(PROGRAMS[3][0], "2026-10-08", "2026-11-14", "In person", "Completed"),
        Interview(PROGRAMS[20][0], "2026-10-12", "2026-11-20", "Virtual", "Completed"),
    )
    # rank order, as program names (those interviewed with)
    ranks: tuple[str, ...] = (PROGRAMS[3][0], PROGRAMS[0][0], PROGRAMS[20][0])
    certified_on: str = "2026-10-20"
    outcome: str = "Matched"


APPLICANT = Applicant()


def letter_programs(letter: Letter) -> list[str]:
    """The programs a letter goes to: every program of the specialty it speaks for."""
    return [name for name, spec in APPLICANT.programs if spec == letter.specialty]


# ---------------------------------------------------------------------------------- files
def jpeg_bytes(width: int, height: int) -> bytes:
    """A small file with a real JPEG header and a SOF0 frame of the given pixel size."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return (
        b"\xff\xd8\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + sof
        + b"\x00" * 2000
        + b"\xff\xd9"
    )


def make_documents(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for key, name in APPLICANT.documents:
        path = folder / name
        if name.endswith(".pdf"):
            path.write_bytes(b"%PDF-1.4\n" + b"0" * 4000 + b"\n%%EOF\n")
        else:
            path.write_bytes(jpeg_bytes(600, 600))
        paths[key] = str(path)
    return paths


# ---------------------------------------------------------------------------------- driver
TEXT_KEYS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.,;:@/_'()")


def fully_visible(app: WizardApp, widget: Widget) -> bool:
    """Is the widget on screen and not cut by a scrolling container? A widget taller (wider)
    than its viewport counts when it fills the viewport."""
    try:
        geometry = app.screen.find_widget(widget)
    except (NoWidget, NoMatches):
        return False
    region, clip = geometry.region, geometry.clip
    if not region.area:
        return False
    seen = region.intersection(clip).intersection(app.screen.region)
    return seen.height >= min(region.height, clip.height) and seen.width >= min(
        region.width, clip.width
    )


@dataclass
class Journey:
    pilot: object
    nav: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    text: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    hidden_focus: list[str] = field(default_factory=list)

    @property
    def app(self) -> WizardApp:
        return self.pilot.app  # type: ignore[attr-defined]

    async def key(self, *keys: str) -> None:
        """Navigation keys, each counted and each followed by the focus check."""
        for key in keys:
            step = self.app.current_step
            self.nav[step] += 1
            before = (self.app.screen, self.app.focused)
            await self.pilot.press(key)  # type: ignore[attr-defined]
            # Two frames: a control is scrolled into view once the layout has placed it.
            await self.pilot.pause()  # type: ignore[attr-defined]
            await self.pilot.pause()  # type: ignore[attr-defined]
            focused = self.app.focused
            if (self.app.screen, focused) == before:
                continue  # not a focus change (the cursor moved within the widget)
            if focused is not None and not fully_visible(self.app, focused):
                self.hidden_focus.append(f"{step}: after {key!r} {focused!r} not fully shown")

    async def type(self, text: str) -> None:
        self.text[self.app.current_step] += len(text)
        await self.pilot.press(*text)  # type: ignore[attr-defined]
        await self.pilot.pause()  # type: ignore[attr-defined]

    def target(self, selector: str) -> Widget:
        widget = self.app.screen.query(selector).first()
        if widget.focusable:
            return widget
        for child in widget.query("*"):
            if child.focusable:
                return child
        raise AssertionError(f"nothing focusable in {selector}")

    async def goto(self, selector: str) -> Widget:
        """Tab or shift+Tab, whichever is shorter, to the widget."""
        return await self.goto_widget(self.target(selector))

    async def goto_widget(self, target: Widget) -> Widget:
        for _ in range(3):
            if self.app.focused is target:
                return target
            chain = self.app.screen.focus_chain
            here = chain.index(self.app.focused) if self.app.focused in chain else -1
            there = chain.index(target)
            forward = (there - here) % len(chain)
            backward = (here - there) % len(chain)
            if forward <= backward:
                await self.key(*["tab"] * forward)
            else:
                await self.key(*["shift+tab"] * backward)
        assert self.app.focused is target, f"could not reach {target!r}"
        return target

    async def fill(self, selector: str, text: str, *, moved: bool = False) -> None:
        """Go to an input (unless focus is already there) and make its value `text`."""
        if not moved:
            await self.goto(selector)
        box = self.app.focused
        assert isinstance(box, Input), f"{selector}: focus is on {box!r}"
        if box.value == text:
            return
        if box.value and box.selection.end - box.selection.start != len(box.value):
            if box.cursor_position != len(box.value):
                await self.key("end")
            await self.key("ctrl+u")
        await self.type(text)
        assert box.value == text, f"{selector}: {box.value!r}"

    async def choose(self, selector: str, label: str, *, moved: bool = False) -> None:
        """Open a Select and pick the option with this label (arrows, Enter)."""
        select = self.app.focused if moved else await self.goto(selector)
        assert isinstance(select, Select), f"{selector}: focus is on {select!r}"
        labels = [str(prompt) for prompt, _ in select._options]
        value = select._options[labels.index(label)][1]
        if select.value == value:
            return
        await self.key("enter")
        overlay = self.app.focused
        assert isinstance(overlay, OptionList), overlay
        prompts = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
        want = prompts.index(label)
        here = overlay.highlighted or 0
        delta = want - here
        await self.key(*(["down"] * delta if delta > 0 else ["up"] * -delta))
        await self.key("enter")
        assert select.value == value, f"{selector}: {select.value!r} not {label!r}"

    async def expand(self, selector: str) -> None:
        """Open a folded section (Enter on its title) unless it is open."""
        section = self.app.screen.query_one(selector)
        if getattr(section, "collapsed", False):
            await self.goto(f"{selector} CollapsibleTitle")
            await self.key("enter")

    async def tick(self, selector: str) -> None:
        await self.goto(selector)
        await self.key("space")

    def figures(self) -> list[tuple[str, int, int]]:
        return [(s, self.nav.get(s, 0), self.text.get(s, 0)) for s in STEP_IDS]


def wizard(path: Path) -> WizardApp:
    return WizardApp(
        path, today=TODAY, settings=Settings(), clock=lambda: dt.datetime(2026, 10, 20, 9)
    )


# ---------------------------------------------------------------------------------- the steps
async def move_cursor(j: Journey, current: int, wanted: int) -> None:
    delta = wanted - current
    await j.key(*(["down"] * delta if delta > 0 else ["up"] * -delta))


def program_id(app: WizardApp, name: str) -> str:
    return next(p.id for p in app.dossier.programs if p.name == name)  # type: ignore[union-attr]


async def step_specialty(j: Journey, a: Applicant) -> None:
    await j.key("enter")  # from the sidebar into the step
    for name in a.specialties:
        await j.goto("#add-specialty")
        await j.key("enter")
        await j.type(name)
    # What the step needs, in the order the screen shows it; then the optional plan.
    await j.fill("#full-name Input", a.full_name)
    await j.fill("#email Input", a.email)
    await j.fill("#citizenship Input", a.citizenship)
    await j.fill("#usmle-id Input", a.usmle_id)
    await j.goto("#backup-plan TextArea")
    await j.type(a.backup_plan)
    await j.key("f4")


async def step_programs(j: Journey, a: Applicant) -> None:
    from imgwizard.tui.panes.programs import ProgramTable

    table = await j.goto("#programs-table")  # focused on arrival
    assert isinstance(table, ProgramTable)
    await j.key("a")
    for n, (name, specialty) in enumerate(a.programs):
        await j.type(name)
        if j.app.screen.program.specialty != specialty:  # type: ignore[attr-defined]
            await j.fill("#program-specialty Input", specialty)
        await j.key("ctrl+s" if n == len(a.programs) - 1 else "ctrl+n")
    pane = table.parent
    # signals: mark the rows, one key for all; then every program applied, one key for all
    for name in a.signalled:
        pid = program_id(j.app, name)
        await move_cursor(j, table.cursor_row, pane._shown.index(pid))  # type: ignore[union-attr]
        await j.key("space")
    await j.key("g")
    await j.key("asterisk", "p")
    await answer_dialogs(j)
    await j.key("f4")


async def step_eligibility(j: Journey, a: Applicant) -> None:
    await j.choose("#visa Select", a.visa)
    await j.fill("#usce-months Input", a.usce_months)
    await j.fill("#school-name Input", a.school)
    await j.fill("#school-country Input", a.country)
    await j.fill("#graduation-date Input", a.graduation)
    await j.choose("#step1-outcome Select", a.step1[0])
    await j.fill("#step1-date Input", a.step1[1])
    await j.choose("#step2ck-outcome Select", a.step2ck[0])
    await j.fill("#step2ck-date Input", a.step2ck[1])
    await j.fill("#step2ck-score Input", a.step2ck[2])
    await j.choose("#pathway Select", a.pathway)
    await j.choose("#pathway-status Select", a.pathway_status)
    await j.fill("#oet-date Input", a.oet_date)
    for name, score in zip(("listening", "reading", "writing", "speaking"), a.oet, strict=True):
        await j.fill(f"#oet-{name} Input", score)
    await j.expand("#sec-school")
    await j.choose("#wdoms-listed Select", "Yes")
    await j.choose("#ecfmg-note Select", "Yes")
    await j.key("f4")


async def step_documents(j: Journey, a: Applicant, paths: dict[str, str]) -> None:
    for key, _ in a.documents:
        await j.fill(f"#doc-{key.replace('_', '-')} .doc-path Input", paths[key])
    await j.key("f4")


async def step_statement(j: Journey, a: Applicant) -> None:
    from imgwizard.tui.panes.personal_statement import StatementEditor

    for editor, (_, text) in zip(j.app.screen.query(StatementEditor), a.statements, strict=True):
        area = editor.query_one(".ps-text TextArea")
        await j.goto_widget(area)
        await j.type(text)
    await j.key("f4")


async def step_letters(j: Journey, a: Applicant) -> None:
    for letter in a.letters:
        await j.goto("#letters-table")  # focused on arrival, and Escape comes back to it
        await j.key("a")
        await j.fill("#l-writer Input", letter.writer, moved=True)
        await j.key("enter")
        await j.fill("#l-role Input", letter.role, moved=True)
        await j.key("enter")
        await j.fill("#l-specialty Input", letter.specialty, moved=True)
        await j.key("enter")
        await j.fill("#l-req Input", letter.requested_on, moved=True)
        await j.key("escape", "s")  # back to the list; to every program of its specialty
    await j.key("f4")


async def step_nrmp(j: Journey, a: Applicant) -> None:
    await j.tick("#nrmp-registered Checkbox")
    await j.fill("#nrmp-date Input", a.nrmp_registered_on)
    await j.fill("#nrmp-id Input", a.nrmp_id)
    await j.tick("#nrmp-fee-paid Checkbox")
    await j.tick("#nrmp-mpa Checkbox")
    await j.key("f4")


async def step_eras(j: Journey, a: Applicant) -> None:
    await j.tick("#eras-token Checkbox")
    await j.tick("#eras-myeras Checkbox")
    await j.goto("#eras-submit")
    await j.key("enter")
    await answer_dialogs(j)
    await j.key("f4")


async def answer_dialogs(j: Journey) -> None:
    """Confirm a "blockers stand" question, accept a date offered."""
    from imgwizard.tui.screens.confirm import ConfirmScreen

    for _ in range(3):
        if isinstance(j.app.screen, ConfirmScreen):
            await j.key("y")
        elif j.app.screen.id == "date-dialog":
            await j.key("enter")
        else:
            return


async def step_interviews(j: Journey, a: Applicant) -> None:
    for iv in a.interviews:
        if j.app.focused is not j.app.screen.query_one("#interviews-table"):
            await j.key("escape")  # back from the form to the list
        await j.key("a")
        program = iv.program + " — " + dict(a.programs)[iv.program]
        await j.choose("#iv-program Select", program, moved=True)
        await j.fill("#iv-invited Input", iv.invited_on)
        await j.fill("#iv-date Input", iv.date)
        await j.choose("#iv-format Select", iv.fmt)
        await j.choose("#iv-status Select", iv.status)
    await j.key("f4")


async def step_rank_list(j: Journey, a: Applicant) -> None:
    from imgwizard.tui.panes.rank_list import CandidateTable

    table = await j.goto("#rank-candidates")
    assert isinstance(table, CandidateTable)
    pane = table.parent
    for name in a.ranks:
        pid = program_id(j.app, name)
        wanted = pane._candidates.index(pid)  # type: ignore[union-attr]
        await move_cursor(j, table.cursor_row, wanted)
        await j.key("a")
    await j.tick("#rank-certified Checkbox")
    await j.fill("#rank-certified-on Input", a.certified_on)
    await j.key("f4")


async def step_match_day(j: Journey, a: Applicant) -> None:
    await j.choose("#match-outcome Select", a.outcome)
    first = a.ranks[0]
    await j.choose("#match-program Select", first + " — " + dict(a.programs)[first])


async def enter_applicant(j: Journey, documents: Path) -> None:
    a = APPLICANT
    paths = make_documents(documents)
    await j.pilot.pause()  # type: ignore[attr-defined]
    await step_specialty(j, a)
    await step_programs(j, a)
    await step_eligibility(j, a)
    await step_documents(j, a, paths)
    await step_statement(j, a)
    await step_letters(j, a)
    await step_nrmp(j, a)
    await step_eras(j, a)
    await step_interviews(j, a)
    await step_rank_list(j, a)
    await step_match_day(j, a)
    await j.key("f10")


async def run(data_file: Path, documents: Path) -> Journey:
    app = wizard(data_file)
    async with app.run_test(size=SIZE) as pilot:
        journey = Journey(pilot)
        await enter_applicant(journey, documents)
    return journey


def report(journey: Journey) -> str:
    from imgwizard.steps import step

    lines = [f"{'step':<36} {'nav keys':>8} {'text keys':>9}"]
    for sid, nav, text in journey.figures():
        lines.append(f"{step(sid).number:>2} {step(sid).title:<33} {nav:>8} {text:>9}")
    nav_total = sum(n for _, n, _ in journey.figures())
    text_total = sum(t for _, _, t in journey.figures())
    lines.append(f"{'total':<36} {nav_total:>8} {text_total:>9}")
    lines.append(
        f"focus changes leaving the focused widget not fully on screen: {len(journey.hidden_focus)}"
    )
    return "\n".join(lines)
