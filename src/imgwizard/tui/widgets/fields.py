"""Form fields bound to a dossier attribute.

Each field edits one attribute of a pydantic record. The typed text is converted, assigned
(the model validates the assignment), and either the pane is told (`StepPane.edited()`) or a
plain-words message appears under the field. The model stays the single judge of what is valid;
a refused value leaves the dossier unchanged and the typed text in the box, so nothing is lost.

    yield BoundInput("Step 2 CK score", lambda: self.dossier.exams.step2ck, "score",
                     kind="int", placeholder="e.g. 245")
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import VisualType, visualize
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

from imgwizard.tui.messages import DossierEdited

Kind = Literal["text", "int", "date", "float"]
Target = Callable[[], BaseModel]


def update_if_changed(static: Static, content: str | Text) -> None:
    """Static.update lays the whole screen out again: skip it when the text is the same (a
    field's error line after every key, a pane's notes after every run of the rules), and
    repaint only when the new text takes the lines the old one took."""
    if static.content != content:
        static.update(content, layout=not same_size(static, content))


def same_size(static: Static, content: VisualType) -> bool:
    """Would `content` take exactly the room `static` has now? Then an update needs no
    layout: Static.update lays the whole screen out (12-25 ms with a big pane), though a
    line that changes its words, not its number of lines, moves nothing.

    True only for a shown, laid-out Static whose width does not follow its text (nor does an
    enclosing widget's) and whose height is fixed or is the new text's height at its current
    width."""
    styles = static.styles
    if not static.is_mounted or not static.display or not static.size.width:
        return False
    node = static
    while True:  # up to the scrolling container: its width does not follow what it holds
        width = node.styles.width  # None: fill the container
        if width is not None and width.is_auto:
            return False
        if node.is_scrollable or not isinstance(node.parent, Widget):
            break
        node = node.parent
    if styles.height is not None and not styles.height.is_auto:
        return True
    width = static.content_region.width
    new = visualize(static, content, markup=static._render_markup)
    return new.get_height(styles, width) == static.visual.get_height(styles, width)


class FieldError(ValueError):
    """Text that cannot be turned into the field's type; the message is for the user."""


def humanize(exc: ValidationError) -> str:
    """Pydantic's message in plain words, without its type names and URLs."""
    parts = []
    for err in exc.errors(include_url=False):
        msg = err["msg"]
        ctx = err.get("ctx") or {}
        kind = err["type"]
        if kind == "greater_than_equal":
            msg = f"must be {ctx.get('ge')} or more"
        elif kind == "less_than_equal":
            msg = f"must be {ctx.get('le')} or less"
        elif kind == "string_too_long":
            msg = f"is too long (at most {ctx.get('max_length'):,} characters)"
        elif kind == "string_pattern_mismatch":
            msg = "is not in the expected format"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        parts.append(msg)
    return "; ".join(dict.fromkeys(parts))


def parse_text(text: str, kind: Kind, optional: bool) -> Any:
    """Convert typed text to the field's value; empty means None (optional) or empty text."""
    text = text.strip() if kind != "text" else text
    if kind == "text":
        return text
    if text == "":
        if optional:
            return None
        raise FieldError("cannot be empty")
    if kind == "int":
        if not re.fullmatch(r"[+-]?\d+", text.replace(",", "")):
            raise FieldError(f"{text!r} is not a whole number")
        return int(text.replace(",", ""))
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            raise FieldError(f"{text!r} is not a number") from None
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise FieldError(f"{text!r} is not a date: write it as YYYY-MM-DD") from None
    raise AssertionError(kind)


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class FieldInput(Input):
    """An Input for a form: its content is selected when it gets focus (typing replaces a
    prefilled value instead of adding to it), and Enter moves on to the next field at once.

    Keys typed ahead (a paste, a laggy SSH link) are queued to this Input before it sees the
    Enter; once focus has moved on, they are sent on to the field that has it now, so
    `Abc⏎Def` fills two fields instead of one."""

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", True)
        super().__init__(value, **kwargs)

    def _watch_value(self, value: str) -> None:
        # Input._watch_value sets `virtual_size` (a reactive that lays the whole screen out)
        # to the text's width on every key: 6-9 ms per key at 3,000 programs. A field of a
        # fixed size keeps its place whatever its text; the value's own repaint redraws it.
        # So the width is stored first, quietly, and Input's watcher finds nothing to change.
        if not self.styles.auto_dimensions:
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def _focused_here(self) -> bool:
        # Not `has_focus`: that follows the Focus and Blur events, queued behind these keys.
        return self.is_attached and self.screen.focused is self

    async def action_submit(self) -> None:
        await super().action_submit()
        if self._focused_here():
            self.screen.focus_next()

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self._focused_here():
            # Here, not through the binding: a binding runs once the key has bubbled up to
            # the app, after the keys queued behind it were typed into this field.
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        focused = self.screen.focused if self.is_attached else None
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        await super()._on_key(event)


class _Bound(Vertical):
    """Label, control and an error line, bound to `attr` of `target()`."""

    DEFAULT_CSS = """
    _Bound { height: auto; margin: 0 0 1 0; }
    _Bound > .field-label { color: $text-muted; }
    _Bound > .field-error { color: $error; height: auto; }
    _Bound > .field-help { color: $text-muted; height: auto; }
    """

    def __init__(
        self,
        label: str,
        target: Target,
        attr: str,
        *,
        help: str = "",
        step_id: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=f"field {classes or ''}".strip())
        self.label_text = label
        self.target = target
        self.attr = attr
        self.help_text = help
        self.step_id = step_id

    def compose_label(self) -> ComposeResult:
        yield Label(Content(self.label_text), classes="field-label")

    def compose_tail(self) -> ComposeResult:
        if self.help_text:
            yield Static(self.help_text, classes="field-help", markup=False)
        yield Static("", classes="field-error", markup=False)

    @property
    def current(self) -> Any:
        return getattr(self.target(), self.attr)

    def assign(self, value: Any) -> bool:
        """Try the value on the model; show the outcome at the field. True when accepted."""
        error = self.query_one(".field-error", Static)
        target, before = self.target(), self.current
        try:
            if value != before:
                setattr(target, self.attr, value)
                self._notify()
        except ValidationError as exc:
            # pydantic leaves the value assigned when a model validator (mode="after") refuses
            # it; put the last valid value back so a refused value never stays in the dossier.
            if getattr(target, self.attr) is not before:
                target.__dict__[self.attr] = before
            update_if_changed(error, humanize(exc))
            self.add_class("-invalid")
            return False
        update_if_changed(error, "")
        self.remove_class("-invalid")
        return True

    def show_error(self, message: str) -> None:
        self.query_one(".field-error", Static).update(message)
        self.add_class("-invalid")

    @property
    def error_text(self) -> str:
        return str(self.query_one(".field-error", Static).render())

    def _notify(self) -> None:
        step_id = self.step_id or self._pane_step()
        self.post_message(DossierEdited(step_id))

    def _pane_step(self) -> str:
        for node in self.ancestors_with_self:
            step_id = getattr(node, "STEP_ID", "")
            if step_id:
                return step_id
        return ""

    def refresh_value(self) -> None:  # pragma: no cover - overridden
        """Show the model's current value (after an outside change)."""


class BoundInput(_Bound):
    """A one-line Input for text, whole numbers, numbers or dates (YYYY-MM-DD)."""

    def __init__(
        self,
        label: str,
        target: Target,
        attr: str,
        *,
        kind: Kind = "text",
        optional: bool | None = None,
        placeholder: str = "",
        help: str = "",
        password: bool = False,
        step_id: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(label, target, attr, help=help, step_id=step_id, id=id, classes=classes)
        self.kind: Kind = kind
        self.optional = (kind != "text") if optional is None else optional
        self.placeholder = placeholder or {"date": "YYYY-MM-DD"}.get(kind, "")
        self.password = password

    def compose(self) -> ComposeResult:
        yield from self.compose_label()
        yield FieldInput(
            format_value(self.current),
            placeholder=self.placeholder,
            password=self.password,
        )
        yield from self.compose_tail()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        try:
            value = parse_text(event.value, self.kind, self.optional)
        except FieldError as exc:
            self.show_error(str(exc))
            return
        self.assign(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on, like Tab (FieldInput does it), so a form is filled with keys alone.
        event.stop()

    def refresh_value(self) -> None:
        with self.input.prevent(Input.Changed):
            self.input.value = format_value(self.current)


class BoundSelect(_Bound):
    """A Select over an enum or explicit (label, value) options."""

    def __init__(
        self,
        label: str,
        target: Target,
        attr: str,
        *,
        options: Iterable[tuple[str, Any]] | type[Enum],
        allow_blank: bool = False,
        help: str = "",
        step_id: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(label, target, attr, help=help, step_id=step_id, id=id, classes=classes)
        if isinstance(options, type) and issubclass(options, Enum):
            options = [(m.value.replace("_", " ").capitalize(), m) for m in options]
        self.options = list(options)
        self.allow_blank = allow_blank

    def compose(self) -> ComposeResult:
        yield from self.compose_label()
        current = self.current
        known = [value for _, value in self.options]
        yield Select(
            [(Content(text), value) for text, value in self.options],
            value=current if current in known else Select.NULL,
            allow_blank=self.allow_blank or current not in known,
        )
        yield from self.compose_tail()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        if value is None and not self.allow_blank:
            return
        self.assign(value)

    def refresh_value(self) -> None:
        select = self.query_one(Select)
        with select.prevent(Select.Changed):
            current = self.current
            select.value = current if current is not None else Select.NULL


def tri_state(yes: str = "Yes", no: str = "No", unknown: str = "Not checked yet"):
    """Options for an Optional[bool] field: yes / no / not known."""
    return [(unknown, None), (yes, True), (no, False)]


class TickBox(Checkbox):
    """A Checkbox whose state shows as a character, not only as a colour.

    Textual draws the same "X" ticked or not and tells them apart by colour, which is lost
    under NO_COLOR, in 16-colour terminals and to colour-blind users.
    """

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class TickList(SelectionList):
    """A SelectionList that marks chosen items with a character as well as a colour."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        mark = "X" if option.value in self._selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)


class BoundCheckbox(_Bound):
    """A Checkbox for a bool field (Space or Enter toggles)."""

    def compose(self) -> ComposeResult:
        yield TickBox(Content(self.label_text), value=bool(self.current))
        yield from self.compose_tail()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if not self.assign(event.value):
            with event.checkbox.prevent(Checkbox.Changed):
                event.checkbox.value = bool(self.current)

    def refresh_value(self) -> None:
        box = self.query_one(Checkbox)
        with box.prevent(Checkbox.Changed):
            box.value = bool(self.current)


class BoundTextArea(_Bound):
    """A TextArea for long text (notes, a personal statement)."""

    def compose(self) -> ComposeResult:
        yield from self.compose_label()
        yield TextArea(str(self.current or ""), soft_wrap=True, tab_behavior="focus")
        yield from self.compose_tail()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.assign(event.text_area.text)

    def refresh_value(self) -> None:
        area = self.query_one(TextArea)
        with area.prevent(TextArea.Changed):
            area.text = str(self.current or "")


def refresh_bound(root: Widget) -> None:
    """Show the model's current values in every bound field under root (after a reload)."""
    for field in root.query(_Bound):
        field.refresh_value()
