"""Step 10: the rank order list — order, add and remove programs, certify before the deadline.

The upper table is the list in order (u / shift+↑ / ctrl+↑ moves up, d / shift+↓ / ctrl+↓ moves
down, x removes); the lower one offers programs to add (only those interviewed with, unless
t shows all). Space marks several rows of either table: a adds, x removes every marked one.
The limit, the fee and the deadline come from the season with their confidence.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from imgwizard import ranking
from imgwizard.model import InterviewStatus, Program
from imgwizard.tui.panes.base import ListDetailPane
from imgwizard.tui.widgets.fields import BoundCheckbox, BoundInput
from imgwizard.tui.widgets.item_table import ItemTable, clip
from imgwizard.tui.widgets.pane_kit import Explain, Hint, Section, apply_read_only, css_beside
from imgwizard.tui.widgets.season_fact import SeasonFactRow, refresh_fact_rows

FACTS = ("nrmp.rol_max_ranks", "nrmp.ranks_included", "nrmp.extra_rank_fee")


def short(fact) -> str:
    """A fact's value for a sentence: '≈ 300' when it is not confirmed, else '300'."""
    unsure = fact.confidence.value in ("estimate", "secondary")
    return ("≈ " if unsure else "") + fact.value_text()


class RankedTable(ItemTable):
    BINDINGS = [
        Binding("u,shift+up,ctrl+up", "item('up')", "Move up", id="rank_list.up", show=False),
        Binding(
            "d,shift+down,ctrl+down", "item('down')", "Move down", id="rank_list.down", show=False
        ),
        Binding(
            "x,delete", "item('remove')", "Remove from list", id="rank_list.remove", show=False
        ),
    ]


class CandidateTable(ItemTable):
    BINDINGS = [
        Binding("a", "item('add')", "Add to list", id="rank_list.add", show=False),
        Binding(
            "t",
            "item('toggle_all')",
            "Show all / interviewed",
            id="rank_list.toggle",
            show=False,
        ),
    ]


class RankListPane(ListDetailPane):
    STEP_ID = "rank_list"
    TABLE_ID = "rank-table"
    NOUN = "rank"
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        Binding("v", "compare_version", "Compare version", id="rank_list.compare"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_all = False
        self._candidates: list[str] = []
        self.compare_with: int | None = None  # index into rank_list.history, None = latest

    def compose_body(self) -> ComposeResult:
        rl = lambda: self.dossier.rank_list  # noqa: E731
        yield Explain(ranking.STRATEGY_TEXT, id="rank-strategy")
        yield SeasonFactRow("nrmp.rol_deadline")
        yield Static("", id="rank-certify-note", markup=False)
        yield BoundCheckbox("I certified my list in R3", rl, "certified", id="rank-certified")
        yield BoundInput("Certified on", rl, "certified_on", kind="date", id="rank-certified-on")
        yield Section("Your rank order list")
        yield Static("", id="rank-count", markup=False)
        yield Hint("u / shift+↑ up · d / shift+↓ down · x remove · Space marks")
        yield RankedTable(id="rank-table", markable=True)
        yield Static("", id="rank-empty", markup=False)
        yield BoundInput(
            "Your own target: how many programs you want to rank (empty: none)",
            rl,
            "target_length",
            kind="int",
            id="rank-target",
        )
        yield Section("Earlier versions")
        yield Hint("v compares the list with the next earlier version")
        yield Static("", id="rank-history", markup=False)
        yield Static("", id="rank-diff", markup=False)
        yield Section("Programs to add")
        yield Hint("a or Enter adds at the end · Space marks · t all programs")
        yield Static("", id="rank-candidates-note", markup=False)
        yield CandidateTable(id="rank-candidates", markable=True)
        yield Section("Limits and fees")
        for key in FACTS:
            yield SeasonFactRow(key, show_days=False)
        yield SeasonFactRow("nrmp.ranking_opens")

    def on_mount(self) -> None:
        self.refresh_all()
        apply_read_only(self, self.read_only)

    def first_focus(self):
        """The list when it has ranks, else the programs to add."""
        if self.dossier.rank_list.program_ids:
            return self.table
        return self.query_one(CandidateTable)

    # -- what to show
    def interviewed_ids(self) -> set[str]:
        return {
            iv.program_id
            for iv in self.dossier.interviews
            if iv.program_id and iv.status is InterviewStatus.COMPLETED
        }

    def candidate_programs(self) -> list[Program]:
        ranked = set(self.dossier.rank_list.program_ids)
        interviewed = self.interviewed_ids()
        return [
            p
            for p in self.dossier.programs
            if p.id not in ranked and (self.show_all or p.id in interviewed)
        ]

    def refresh_all(self) -> None:
        refresh_fact_rows(self)
        self.refresh_ranked()
        self.refresh_candidates()
        self.refresh_summary()
        self.refresh_history()

    def refresh_history(self) -> None:
        rl = self.dossier.rank_list
        history = self.query_one("#rank-history", Static)
        diff = self.query_one("#rank-diff", Static)
        if not rl.history:
            history.update(
                "None yet. Once you have certified the list, every change keeps the list as it "
                "was, with its date (R3 itself keeps no history)."
            )
            diff.update("")
            diff.display = False
            return
        versions = ranking.versions(rl)
        if self.compare_with is None or self.compare_with >= len(rl.history):
            self.compare_with = len(rl.history) - 1
        history.update("\n".join(label for label, _ in versions))
        label, ids = versions[self.compare_with]
        lines = ranking.diff_text(self.dossier, ids, rl.program_ids)
        diff.update(f"From {label.split(' · ')[0]} to now:\n" + "\n".join(lines))
        diff.display = True

    def action_compare_version(self) -> None:
        history = self.dossier.rank_list.history
        if not history:
            self.notify("No earlier version yet.", timeout=2)
            return
        current = len(history) - 1 if self.compare_with is None else self.compare_with
        self.compare_with = (current - 1) % len(history)
        self.refresh_history()

    def refresh_ranked(self, cursor: int | None = None) -> None:
        table = self.query_one(RankedTable)
        if not table.columns:
            for label, width in (("Rank", 4), ("Program", 28), ("Specialty", 16)):
                table.add_column(label, width=width)
            table.add_column("Interview", width=9)
            table.add_column("Visa")
        interviewed = self.interviewed_ids()
        no_visa = {f.subject for f in self.findings if f.code == "rank_list.visa_not_sponsored"}
        rows = []
        for i, pid in enumerate(self.dossier.rank_list.program_ids):
            program = self.dossier.program(pid)
            name = (program.name or pid) if program else f"{pid} (no longer on your list)"
            rows.append(
                (
                    str(i + 1),
                    clip(name, 28),
                    clip(program.specialty if program else "", 16),
                    "done" if pid in interviewed else "—",
                    "NOT sponsored" if pid in no_visa else "",
                )
            )
        table.fill(rows, keep=cursor)
        empty = self.query_one("#rank-empty", Static)
        empty.update("Nothing ranked yet: add programs from the table below.")
        empty.display = not rows

    def refresh_candidates(self) -> None:
        table = self.query_one(CandidateTable)
        if not table.columns:
            for label, width in (("Program", 34), ("Specialty", 20)):
                table.add_column(label, width=width)
        programs = self.candidate_programs()
        self._candidates = [p.id for p in programs]
        table.fill((clip(p.name or p.id, 34), clip(p.specialty, 20)) for p in programs)
        note = self.query_one("#rank-candidates-note", Static)
        if self.show_all:
            note.update(
                "Showing every program on your list that is not ranked yet (t: only "
                "those you interviewed with)."
            )
        elif programs:
            note.update("Programs you interviewed with (t: show all).")
        else:
            note.update(
                "No unranked program with a completed interview. Mark interviews as completed "
                "in step 9, or press t here to show all programs."
            )

    def refresh_summary(self) -> None:
        season = self.season
        ranks = len(self.dossier.rank_list.program_ids)
        limit = season.get("nrmp.rol_max_ranks")
        included = season.get("nrmp.ranks_included")
        extra = season.get("nrmp.extra_rank_fee")
        text = f"{ranks} ranked"
        if limit is not None:
            text += f" of at most {short(limit)}"
        text += "."
        if included is not None and isinstance(included.value, int):
            over = max(0, ranks - included.value)
            text += f" The registration fee covers {short(included)}."
            if over and extra is not None and isinstance(extra.value, int):
                sure = (
                    "≈ " if short(extra).startswith("≈") or short(included).startswith("≈") else ""
                )
                text += f" {over} more at {short(extra)}: {sure}${over * extra.value:,} extra."
        if any(f is not None and short(f).startswith("≈") for f in (limit, included, extra)):
            text += " (≈ not confirmed: see Limits and fees below.)"
        if limit is not None and isinstance(limit.value, int) and ranks > limit.value:
            text += f" Over the limit: remove {ranks - limit.value}."
        self.query_one("#rank-count", Static).update(text)
        rl = self.dossier.rank_list
        note = self.query_one("#rank-certify-note", Static)
        if rl.certified:
            note.update("Certified. If you change the list, certify it again in R3.")
            note.set_class(False, "-warn")
        elif ranking.needs_certifying_again(rl):
            note.update(ranking.CERTIFY_AGAIN)
            note.set_class(True, "-warn")
        else:
            note.update(
                "Not certified: an uncertified list is not used in the Match. Certify it in R3 "
                "before the deadline above."
            )
            note.set_class(True, "-warn")

    # -- changing the list
    def _set_ranks(self, ids: list[str], cursor: int | None) -> None:
        if self.read_only:
            self.notify("This file is open read-only.", severity="warning")
            return
        rl = self.dossier.rank_list
        was_certified = rl.certified
        if ranking.change(rl, ids, self.today):
            self.compare_with = None  # compare with the version just kept
        if was_certified:
            self.query_one("#rank-certified", BoundCheckbox).refresh_value()
            self.notify(
                "The list changed: the certified list is kept under Earlier versions. Certify "
                "it again in R3.",
                severity="warning",
            )
        self.edited()
        self.refresh_ranked(cursor=cursor)
        self.refresh_candidates()
        self.refresh_summary()
        self.refresh_history()

    def _move(self, delta: int) -> None:
        table = self.query_one(RankedTable)
        ids = list(self.dossier.rank_list.program_ids)
        i = table.cursor_row
        j = i + delta
        if not ids or not 0 <= j < len(ids):
            return
        ids[i], ids[j] = ids[j], ids[i]
        self._set_ranks(ids, cursor=j)

    def item_up(self) -> None:
        self._move(-1)

    def item_down(self) -> None:
        self._move(+1)

    def item_remove(self) -> None:
        ids = list(self.dossier.rank_list.program_ids)
        table = self.query_one(RankedTable)
        chosen = [i for i in table.chosen() if 0 <= i < len(ids)]
        if not chosen:
            return
        table.clear_marks()
        rest = [pid for i, pid in enumerate(ids) if i not in chosen]
        self._set_ranks(rest, cursor=min(chosen[0], len(rest) - 1))

    def item_add(self) -> None:
        table = self.query_one(CandidateTable)
        chosen = [self._candidates[i] for i in table.chosen() if 0 <= i < len(self._candidates)]
        if not chosen:
            return
        table.clear_marks()
        ids = [*self.dossier.rank_list.program_ids, *chosen]
        self._set_ranks(ids, cursor=len(ids) - 1)

    def item_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.refresh_candidates()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "rank-candidates":
            self.item_add()
