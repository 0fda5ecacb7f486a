"""Ticked and unticked boxes differ by a character, not only by colour (NO_COLOR, 16 colours)."""

from textual.app import App, ComposeResult

from imgwizard.tui.widgets.fields import TickBox, TickList


class _Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("Paid", value=True, id="on")
        yield TickBox("Signed", value=False, id="off")
        yield TickList(("Mercy", "a", True), ("General", "b", False), id="list")


async def test_tick_state_is_a_character(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = _Boxes()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        on = "".join(s.text for s in app.query_one("#on", TickBox).render_line(0))
        off = "".join(s.text for s in app.query_one("#off", TickBox).render_line(0))
        assert "X" in on and "Paid" in on
        assert "X" not in off and "Signed" in off
        tick_list = app.query_one("#list", TickList)
        first = "".join(s.text for s in tick_list.render_line(0))
        second = "".join(s.text for s in tick_list.render_line(1))
        assert "X" in first and "Mercy" in first
        assert "X" not in second and "General" in second
        # Toggling changes the character.
        tick_list.toggle("b")
        await pilot.pause()
        assert "X" in "".join(s.text for s in tick_list.render_line(1))
