"""ItemTable sizes a table of fixed-width columns without measuring every cell (issue #18): it
must draw, scroll and mark exactly what DataTable's own sizing draws."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from imgwizard.tui.widgets.item_table import ItemTable


class MeasuringTable(ItemTable):
    """The same table with DataTable's own sizing: every cell measured."""

    def _update_dimensions(self, new_rows) -> None:
        DataTable._update_dimensions(self, new_rows)


ROWS = [
    (f"Program {i} " + "long name " * (i % 7), "Internal Medicine", "NY", str(i % 3), "yes")
    for i in range(120)
]


class TableApp(App[None]):
    def __init__(self, table_class: type[ItemTable], widths: list[int | None]) -> None:
        super().__init__()
        self.table_class, self.widths = table_class, widths
        self.highlighted: list[int] = []

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.highlighted.append(event.cursor_row)

    def compose(self) -> ComposeResult:
        table = self.table_class(id="t", markable=True)
        for n, width in enumerate(self.widths):
            table.add_column(f"col {n}", key=f"c{n}", width=width)
        yield table


async def _drawn(table_class, widths, actions) -> tuple[list[str], object, int]:
    app = TableApp(table_class, widths)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(ItemTable)
        table.fill(ROWS)
        await pilot.pause()
        table.focus()
        for key in actions:
            await pilot.press(key)
        await pilot.pause()
        lines = [table.render_line(y).text for y in range(table.size.height)]
        return lines, table.virtual_size, table._row_label_column_width


@pytest.mark.parametrize(
    "widths",
    [[30, 18, 5, 3, 4], [30, 18, None, 3, 4]],  # all fixed; one column sized by its cells
    ids=["fixed widths", "one auto width"],
)
@pytest.mark.parametrize(
    "actions",
    [[], ["space", "space", "end", "pageup"], ["asterisk", "down"]],
    ids=["as filled", "marked and scrolled", "all marked"],
)
async def test_fixed_width_sizing_draws_what_measuring_every_cell_draws(widths, actions):
    ours = await _drawn(ItemTable, widths, actions)
    theirs = await _drawn(MeasuringTable, widths, actions)
    assert ours == theirs
    lines, virtual_size, label_width = ours
    assert virtual_size.height == len(ROWS) + 1  # every row and the header
    assert label_width > 0  # the marks' column is there
    assert any("Program" in line for line in lines)


async def test_a_multi_line_label_is_measured():
    app = TableApp(ItemTable, [10, 10])
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(ItemTable)
        table.add_row("a", "b", label=Text("wide label"))
        await pilot.pause()
        assert table._row_label_column_width == len("wide label") + 2 * table.cell_padding


class OneByOneTable(ItemTable):
    """The same table with DataTable's own add_row for every row."""

    def add_plain_rows(self, rows, labels) -> None:
        for cells, label in zip(rows, labels, strict=True):
            self.add_row(*cells, label=label)


async def _filled(table_class, actions) -> tuple:
    app = TableApp(table_class, [30, 18, 5, 3, 4])
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(ItemTable)
        table.focus()
        texts = [tuple(Text(c) for c in row) for row in ROWS]
        table.add_plain_rows(texts[:40], [table.label(i) for i in range(40)])  # onto none
        await pilot.pause()
        table.add_plain_rows(texts[40:], [table.label(i) for i in range(40, len(texts))])
        await pilot.pause()
        for key in actions:
            await pilot.press(key)
        await pilot.pause()
        lines = [table.render_line(y).text for y in range(table.size.height)]
        keys = [row.key for row in table.ordered_rows]
        return (
            lines,
            table.row_count,
            table.cursor_coordinate,
            table.virtual_size,
            len(set(keys)) == len(keys),
            [table.get_row_at(i) == list(texts[i]) for i in (0, 39, 40, len(texts) - 1)],
            app.highlighted,
        )


@pytest.mark.parametrize(
    "actions",
    [[], ["down", "down", "space"], ["end", "pageup", "asterisk"]],
    ids=["as added", "moved and marked", "scrolled and all marked"],
)
async def test_rows_added_at_once_make_the_table_add_row_makes(actions):
    ours = await _filled(ItemTable, actions)
    theirs = await _filled(OneByOneTable, actions)
    assert ours == theirs
    assert ours[1] == len(ROWS) and ours[4] and all(ours[5])
    assert ours[6][:1] == [0]  # the cursor appeared on the first row added
    # Every row's mark is one of two shared texts: drawn, marked and scrolled, unaltered.
    from imgwizard.tui.widgets import item_table

    for shared, plain in ((item_table._MARKED, item_table.MARK), (item_table._UNMARKED, " ")):
        assert (shared.plain, shared.spans, shared.style) == (plain, [], "")


async def test_more_cells_than_columns_are_refused():
    app = TableApp(ItemTable, [10, 10])
    async with app.run_test(size=(80, 24)):
        table = app.query_one(ItemTable)
        with pytest.raises(ValueError, match="More values"):
            table.add_plain_rows([(Text("a"), Text("b"), Text("c"))], [None])


async def test_a_column_label_is_shown_as_typed_not_read_as_markup():
    """A str label is not Rich markup: brackets and emoji codes stay as they are."""

    class One(App[None]):
        def compose(self):
            table = ItemTable(id="t")
            table.add_column("[b]Name[/b] :smile:", width=20)
            yield table

    async with One().run_test() as pilot:
        table = pilot.app.query_one(ItemTable)
        (column,) = table.columns.values()
        assert column.label.plain == "[b]Name[/b] :smile:"


class RecountingTable(ItemTable):
    """The same table working out the rows' order and line map again after every change and
    drawing every line again, as DataTable does."""

    def _carry_row_layout(self, before: int) -> None:
        pass

    def _carry_renders(self, before, changed) -> None:
        pass


def _segments(table: ItemTable) -> list[list]:
    """Every line as drawn: text and style of each segment (the cursor's row, zebra stripes)."""
    return [list(table.render_line(y)) for y in range(table.size.height)]


async def _updated(table_class) -> tuple:
    """Cells changed and the table resized and scrolled, as the programs step does after an
    edit: what is drawn, where the cursor is and the rows' order and line map."""
    app = TableApp(table_class, [30, 18, 5, 3, 4])
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(ItemTable)
        table.fill(ROWS)
        table.focus()
        await pilot.pause()
        drawn = []
        cells = [(0, 2), (2, 0), (4, 1), (5, 0), (119, 0), (118, 1), (117, 0)]
        for step, (row, column) in enumerate(cells):
            table.update_cell_at((row, column), Text(f"new {step}"))
            if step == 3:
                table.styles.height = 9  # a new size, as when the findings below change
            if step == 4:
                table.move_cursor(row=len(ROWS) - 1, animate=False)
            await pilot.pause()
            drawn.append(_segments(table))
        table.move_cursor(row=60, animate=False)
        await pilot.pause()
        drawn.append(_segments(table))
        # Several cells at once, on screen and off it (a run of the rules on every row).
        table.update_cells_at(
            [(61, 0, Text("bulk 1")), (0, 2, Text("bulk 2")), (62, 1, Text("b3"))]
        )
        await pilot.pause()
        drawn.append(_segments(table))
        layout = ([row.key for row in table.ordered_rows], table._y_offsets)
        table._ordered_row_cache.clear()
        table._offset_cache.clear()
        fresh = ([row.key for row in table.ordered_rows], table._y_offsets)
        keys = {row.key: i for i, row in enumerate(table.ordered_rows)}
        layout = ([keys[k] for k in layout[0]], [(keys[k], y) for k, y in layout[1]])
        fresh = ([keys[k] for k in fresh[0]], [(keys[k], y) for k, y in fresh[1]])
        return drawn, table.cursor_coordinate, layout, fresh


async def test_a_changed_cell_keeps_the_rows_layout_and_draws_what_working_it_out_draws():
    """ItemTable keeps DataTable's row order and line map over a cell's new value (issue #18:
    3,000 rows went through again per edit), also when a resize follows; it must draw, scroll
    and keep its cursor exactly as when they are worked out again."""
    ours = await _updated(ItemTable)
    theirs = await _updated(RecountingTable)
    assert ours[:2] == theirs[:2]
    drawn, _, layout, fresh = ours
    assert layout == fresh  # the kept order and line map are those worked out from scratch
    text = [["".join(seg.text for seg in line) for line in lines] for lines in drawn]
    for step in (0, 1, 2, 4, 5, 6):  # each new value is on screen
        assert any(f"new {step}" in line for line in text[step])
    assert len(text[3]) < len(text[2])  # the resize took effect
    assert ours[1].row == 60 and any("Program 60" in line for line in text[-2])
    assert any("bulk 1" in line for line in text[-1]) and any("b3" in line for line in text[-1])


async def test_cells_changed_at_once_are_what_changing_them_one_by_one_gives():
    """update_cells_at puts many cells in at once; the table holds and draws what
    update_cell_at for each gives, and a cell it cannot place is refused as DataTable does."""
    from textual.widgets.data_table import CellDoesNotExist

    async def changed(at_once: bool) -> tuple:
        app = TableApp(ItemTable, [30, 18, 5, 3, 4])
        async with app.run_test(size=(80, 24)) as pilot:
            table = app.query_one(ItemTable)
            table.fill(ROWS)
            await pilot.pause()
            cells = [(r, r % 5, Text(f"v{r}")) for r in range(0, len(ROWS), 7)]
            if at_once:
                table.update_cells_at(cells)
            else:
                for row, column, value in cells:
                    table.update_cell_at((row, column), value)
            await pilot.pause()
            with pytest.raises(CellDoesNotExist):
                table.update_cells_at([(0, 0, Text("x")), (len(ROWS), 0, Text("y"))])
            return [table.get_row_at(i) for i in range(table.row_count)], _segments(table)

    assert await changed(at_once=True) == await changed(at_once=False)
