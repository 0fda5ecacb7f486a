"""Step 4 pane: paths and statuses of the documents, and the live check of each file."""

from __future__ import annotations

import pytest

from imgwizard.model import DocStatus, new_dossier
from imgwizard.tui.panes.documents import DocumentBlock
from tests.tui_harness import TODAY, PaneHarness
from tests.wizard_app import focus

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


async def settle(pilot) -> None:
    """Let the debounce fire and the file check finish."""
    await pilot.pause(DocumentBlock.DEBOUNCE + 0.1)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def check_line(app, doc_id: str) -> str:
    return app.query_one(f"#doc-{doc_id}", DocumentBlock).check_text


async def test_a_missing_document_shows_the_rules_blocker():
    app = PaneHarness("documents")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "No CV / MyERAS application yet" in check_line(app, "cv")


async def test_typing_a_path_that_does_not_exist_then_a_real_pdf(tmp_path):
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(PDF)
    app = PaneHarness("documents")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#doc-cv .doc-path Input")
        # the folder part is pasted (a long temp path typed key by key only slows the test)
        app.focused.insert_text_at_cursor(f"{tmp_path}/")
        await pilot.press(*"nowhere.pdf")
        await settle(pilot)
        line = check_line(app, "cv")
        assert line.startswith("Problem:") and "no file at" in line
        assert app.dossier.documents.cv.path == str(tmp_path / "nowhere.pdf")
        await pilot.press(*["backspace"] * len("nowhere.pdf"), *"cv.pdf")
        await settle(pilot)
        line = check_line(app, "cv")
        assert line.startswith("OK: a PDF"), line
        assert app.dossier.documents.cv.path == str(pdf)


@pytest.mark.parametrize(
    ("doc_id", "name", "content", "expected"),
    [
        ("mspe", "mspe.pdf", b"", "is empty"),
        ("mspe", "mspe.pdf", b"just text, renamed", "is not a PDF"),
        ("photo", "me.jpg", PDF, "is not a JPEG"),
        ("photo", "me.jpg", JPEG, "OK: a JPEG image"),
    ],
)
async def test_file_content_is_judged_not_its_name(tmp_path, doc_id, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    dossier = new_dossier(TODAY)
    getattr(dossier.documents, doc_id.replace("-", "_")).path = str(path)
    app = PaneHarness("documents", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert expected in check_line(app, doc_id)


async def test_status_is_chosen_with_the_keyboard_and_not_applicable_silences_the_check():
    app = PaneHarness("documents")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#doc-photo .doc-status Select")
        await pilot.press("enter", "end", "enter")
        await settle(pilot)
        assert app.dossier.documents.photo.status is DocStatus.NOT_APPLICABLE
        assert check_line(app, "photo").startswith("Marked not applicable")


async def test_a_path_with_a_nul_character_is_refused_at_the_field():
    app = PaneHarness("documents")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#doc-cv .doc-path Input")
        app.focused.insert_text_at_cursor("a\x00b")
        await pilot.pause()
        assert "NUL" in app.query_one("#doc-cv .doc-path").error_text
        assert app.dossier.documents.cv.path == ""


async def test_user_text_in_a_path_is_shown_literally(tmp_path):
    dossier = new_dossier(TODAY)
    dossier.documents.cv.path = str(tmp_path / "[bold]x[/].pdf")
    app = PaneHarness("documents", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "[bold]x[/].pdf" in check_line(app, "cv")


async def test_through_the_wizard_the_path_and_status_reach_the_saved_file(data_file, tmp_path):
    from tests.wizard_app import open_step, saved_toml, wizard

    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(PDF)
    app = wizard(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "documents")
        box = app.screen.query_one("#doc-cv .doc-path Input")
        box.focus()
        box.value = str(tmp_path / "cv")  # most of the path at once, the end typed
        await pilot.press(*".pdf", "tab", "enter", "down", "down", "enter")
        await settle(pilot)
        assert app.screen.query_one("#doc-cv", DocumentBlock).check_text.startswith("OK: a PDF")
    cv = saved_toml(data_file)["documents"]["cv"]
    assert cv["path"] == str(pdf)
    assert cv["status"] == "ready"


async def test_read_only_and_reload(tmp_path):
    app = PaneHarness("documents", read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert all(w.disabled for w in app.query("Input, Select"))
        replaced = new_dossier(TODAY)
        replaced.documents.mspe.path = str(tmp_path / "gone.pdf")
        app.dossier = replaced  # the shell replaced the dossier (an import)
        app.pane.reload()
        await settle(pilot)
        assert app.query_one("#doc-mspe .doc-path Input").value == str(tmp_path / "gone.pdf")
        assert "no file at" in check_line(app, "mspe")
