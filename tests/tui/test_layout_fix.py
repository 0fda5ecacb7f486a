"""A text filled right after the first frame is laid out at its new height (tui/layout_fix.py):
under Textual 8.2.8 a program's three-line detail showed its first line only."""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget

from imgwizard import store
from imgwizard.demo import demo_dossier
from imgwizard.tui import layout_fix
from tests.conftest import make_wizard


async def _detail_lines(path: Path) -> tuple[int, int]:
    """(lines the highlighted program's detail holds, screen lines it is given)."""
    dossier = demo_dossier()
    dossier.wizard.current_step = "programs"
    store.save(path, dossier)
    app = make_wizard(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.hold_still()
        await pilot.pause()
        detail = app.screen.query_one("#program-detail")
        return len(str(detail.content).splitlines()), detail.region.height


async def test_a_detail_filled_after_the_first_frame_gets_all_its_lines(tmp_path):
    wanted, given = await _detail_lines(tmp_path / "d.toml")
    assert wanted >= 2  # the demo's first program: where it is, and what it asks
    assert given >= wanted  # every line on screen (a long one wraps onto one more)


async def test_without_the_fix_textual_keeps_the_empty_height(tmp_path, monkeypatch):
    """The reason for the fix. When this fails after a Textual upgrade, Textual bumps the
    counter itself: remove tui/layout_fix.py."""
    monkeypatch.setattr(Widget, "refresh", layout_fix._original_refresh)
    wanted, given = await _detail_lines(tmp_path / "d.toml")
    assert given == 1 < wanted
