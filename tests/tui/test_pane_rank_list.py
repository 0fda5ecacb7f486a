"""Step 10 pane: the rank order list ordered, filled and certified with the keyboard."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from imgwizard.model import Interview, InterviewStatus, Program, RankList, new_dossier
from imgwizard.tui.widgets.season_fact import SeasonFactRow
from tests.tui_harness import TODAY, PaneHarness


def dossier(ranked: list[str] | None = None, certified: bool = False):
    d = new_dossier(TODAY)
    d.programs = [Program(id=f"p-{i}", name=f"Prog {i}", specialty="IM") for i in range(5)]
    d.interviews = [
        Interview(program_id="p-0", status=InterviewStatus.COMPLETED),
        Interview(program_id="p-1", status=InterviewStatus.COMPLETED),
        Interview(program_id="p-2", status=InterviewStatus.COMPLETED),
        Interview(program_id="p-3", status=InterviewStatus.DECLINED),
    ]
    d.rank_list = RankList(program_ids=ranked or [], certified=certified)
    return d


def candidates(app) -> list[str]:
    table = app.query_one("#rank-candidates")
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


@pytest.mark.parametrize(
    ("up", "down"), [("u", "d"), ("shift+up", "shift+down"), ("ctrl+up", "ctrl+down")]
)
async def test_reorder_with_keys(up, down):
    app = PaneHarness("rank_list", dossier=dossier(["p-0", "p-1", "p-2"]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#rank-table").focus()
        await pilot.press("down", "down", up)  # p-2 to second place
        await pilot.pause()
        assert app.dossier.rank_list.program_ids == ["p-0", "p-2", "p-1"]
        assert app.query_one("#rank-table").cursor_row == 1  # the cursor follows it
        await pilot.press(up, up)  # to the top; a further move up does nothing
        await pilot.pause()
        assert app.dossier.rank_list.program_ids == ["p-2", "p-0", "p-1"]
        await pilot.press(down)
        await pilot.pause()
    assert app.dossier.rank_list.program_ids == ["p-0", "p-2", "p-1"]
    assert app.edits == ["rank_list"] * 3


async def test_only_interviewed_programs_offered_until_t_shows_all():
    app = PaneHarness("rank_list", dossier=dossier(["p-1"]))
    async with app.run_test(size=(80, 24)) as pilot:
        assert candidates(app) == ["Prog 0", "Prog 2"]  # p-3 declined, p-4 no interview
        app.query_one("#rank-candidates").focus()
        await pilot.press("t")
        await pilot.pause()
        assert candidates(app) == ["Prog 0", "Prog 2", "Prog 3", "Prog 4"]
        await pilot.press("down", "down", "down", "a")  # Prog 4
        await pilot.press("up", "up", "enter")  # then Prog 0, with Enter
        await pilot.pause()
        assert candidates(app) == ["Prog 2", "Prog 3"]
    assert app.dossier.rank_list.program_ids == ["p-1", "p-4", "p-0"]


async def test_remove_and_change_uncertifies():
    app = PaneHarness("rank_list", dossier=dossier(["p-0", "p-1"], certified=True))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Certified" in str(app.query_one("#rank-certify-note", Static).render())
        app.query_one("#rank-table").focus()
        await pilot.press("x")
        await pilot.pause()
        note = str(app.query_one("#rank-certify-note", Static).render())
    assert app.dossier.rank_list.program_ids == ["p-1"]
    assert not app.dossier.rank_list.certified  # a changed list needs certifying again
    assert "certify it again in R3" in note


async def test_editing_a_certified_list_keeps_a_version_and_asks_to_certify_again():
    d = dossier(["p-0", "p-1", "p-2"], certified=True)
    d.rank_list.certified_on = TODAY
    app = PaneHarness("rank_list", dossier=d)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "None yet" in str(app.query_one("#rank-history", Static).render())
        app.query_one("#rank-table").focus()
        await pilot.press("down", "down", "u")  # p-2 above p-1
        await pilot.press("u")  # and to the top: same day, no second version
        await pilot.pause()
        note = str(app.query_one("#rank-certify-note", Static).render())
        history = str(app.query_one("#rank-history", Static).render())
        diff = str(app.query_one("#rank-diff", Static).render())
        findings = [f.code for f in app.findings]
        strategy = str(app.query_one("#rank-strategy", Static).render())
    rl = app.dossier.rank_list
    assert rl.program_ids == ["p-2", "p-0", "p-1"] and not rl.certified
    assert [(v.program_ids, v.saved_on, v.certified) for v in rl.history] == [
        (["p-0", "p-1", "p-2"], TODAY, True)
    ]
    assert "certify it again in R3" in note
    assert f"v1 · saved {TODAY.isoformat()} · certified {TODAY.isoformat()}" in history
    assert "current · not certified" in history
    assert "~ Prog 2 moved 3 → 1" in diff and "~ Prog 0 moved 1 → 2" in diff
    assert "rank_list.certify_again" in findings
    assert "true order of preference" in strategy and "deferred acceptance" in strategy


async def test_v_steps_through_earlier_versions():
    d = dossier(["p-0", "p-1"], certified=True)
    d.rank_list.certified_on = TODAY
    from imgwizard import ranking

    ranking.change(d.rank_list, ["p-1", "p-0"], TODAY)  # v1: the certified list
    d.rank_list.certified = True
    ranking.change(d.rank_list, ["p-1"], TODAY)  # v2: the second certified list
    app = PaneHarness("rank_list", dossier=d)
    async with app.run_test(size=(80, 24)) as pilot:
        diff = app.query_one("#rank-diff", Static)
        assert "From v2 to now" in str(diff.render())
        assert "- Prog 0 removed (was 2)" in str(diff.render())
        await pilot.press("v")
        await pilot.pause()
        text = str(diff.render())
    assert "From v1 to now" in text and "- Prog 0 removed (was 1)" in text


async def test_certify_with_keys_and_deadline_shown():
    app = PaneHarness("rank_list", dossier=dossier(["p-0"]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#rank-certified Checkbox").focus()
        await pilot.press("space", "tab", *"2027-02-20", "enter")
        await pilot.pause()
        row = next(r for r in app.query(SeasonFactRow) if r.key == "nrmp.rol_deadline")
        deadline = row.value_text
    rl = app.dossier.rank_list
    assert rl.certified and rl.certified_on.isoformat() == "2027-02-20"
    assert "Rank order list certification deadline · in 99 days" in deadline
    assert "≈" in deadline and "estimate" in deadline


async def test_count_limit_and_extra_fee_from_the_season():
    d = dossier()
    d.programs = [Program(id=f"q-{i}", name=f"Q {i}") for i in range(25)]
    d.rank_list = RankList(program_ids=[p.id for p in d.programs])
    app = PaneHarness("rank_list", dossier=d)
    included = app.season.value("nrmp.ranks_included")
    extra = app.season.value("nrmp.extra_rank_fee")
    limit = app.season.value("nrmp.rol_max_ranks")
    async with app.run_test(size=(80, 24)):
        text = str(app.query_one("#rank-count", Static).render())
    assert f"25 ranked of at most ≈ {limit}" in text
    assert f"{25 - included} more at ≈ ${extra}" in text
    assert f"${(25 - included) * extra:,} extra" in text
