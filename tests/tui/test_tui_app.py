"""The wizard shell driven through the real app: keys, saved file, resume, modals, autosave."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from textual.widgets import Button, Input, OptionList

from imgwizard import store
from imgwizard.demo import demo_dossier, missing_documents_dossier
from imgwizard.settings import Settings, load_settings
from imgwizard.steps import STEP_IDS
from imgwizard.tui.app import WizardApp
from imgwizard.tui.palette import StepCommands
from imgwizard.tui.screens.error import StoreErrorScreen
from imgwizard.tui.screens.help import HelpScreen
from imgwizard.tui.screens.lock import LockHeldScreen
from imgwizard.tui.screens.review import ReviewScreen
from imgwizard.tui.screens.wizard import WizardScreen
from imgwizard.tui.widgets.findings import FindingsPanel
from imgwizard.tui.widgets.header import WizardHeader
from imgwizard.tui.widgets.sidebar import StepSidebar
from tests.conftest import make_wizard

CLOCK = dt.datetime(2026, 11, 24, 9, 30, 0)


make_app = make_wizard


def header_text(app: WizardApp) -> str:
    header = app.screen.query_one(WizardHeader)
    return " | ".join(
        str(header.query_one(f"#{name}").render()) for name in ("header-title", "header-status")
    )


def sidebar_rows(app: WizardApp) -> list[str]:
    sidebar = app.screen.query_one(StepSidebar)
    return [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]


def findings_text(app: WizardApp) -> str:
    return app.screen.query_one(FindingsPanel).plain


async def settle(pilot) -> None:
    """Let the debounce timer fire and the save worker finish."""
    await pilot.pause(0.6)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_walk_every_step_enter_data_quit_and_resume(data_file):
    app = make_app(data_file, preload=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.current_step == "specialty"
        assert "Step 1 of 11 — Choose a specialty" in header_text(app)
        assert "Match 2027 season" in header_text(app)
        seen = [app.current_step]
        for _ in range(len(STEP_IDS) - 1):
            await pilot.press("f4")
            seen.append(app.current_step)
        assert seen == list(STEP_IDS)
        assert "Step 11 of 11 — Match Day" in header_text(app)
        await pilot.press("f4")  # past the last step: stays
        assert app.current_step == "match_day"
        for _ in range(3):
            await pilot.press("f3")
        assert app.current_step == "eras"
        # Number keys: 1 … 9, 0 for 10, "1 1" for 11.
        await pilot.press("0")
        assert app.current_step == "rank_list"
        await pilot.press("1", "1")
        assert app.current_step == "match_day"
        await pilot.press("3")
        assert app.current_step == "eligibility"
        await pilot.press("1")
        assert app.current_step == "specialty"
        # Enter data in two panes.
        app.screen.query_one("#full-name Input", Input).focus()
        await pilot.press(*"Amina Okafor")
        await pilot.press("7")  # typed into the field, not a jump
        assert app.current_step == "specialty"
        await pilot.press("backspace", "f4", "f4", "f4", "f4", "f4", "f4")
        assert app.current_step == "nrmp"
        app.screen.query_one("#nrmp-id Input", Input).focus()
        await pilot.press(*"N1234567")
        await pilot.press("f10")
    assert app.return_code == 0
    saved = store.load(data_file)
    assert saved.profile.full_name == "Amina Okafor"
    assert saved.nrmp.nrmp_id == "N1234567"
    assert saved.wizard.current_step == "nrmp"
    store.acquire_lock(data_file).release()  # the lock was given back

    again = make_app(data_file)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.current_step == "nrmp"
        assert "Step 7 of 11 — Register with the NRMP" in header_text(again)
        assert again.screen.query_one("#nrmp-id Input", Input).value == "N1234567"
        await pilot.press("1")
        assert again.screen.query_one("#full-name Input", Input).value == "Amina Okafor"
        await pilot.press("f10")
    assert store.load(data_file).wizard.current_step == "specialty"


async def test_missing_documents_show_in_sidebar_findings_and_review(data_file):
    store.save(data_file, missing_documents_dossier())
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.current_step == "documents"
        rows = sidebar_rows(app)
        blockers = {
            sid: sum(f.severity == "blocker" for f in app.findings if f.step == sid)
            for sid in ("documents", "personal_statement", "letters")
        }
        # Too few letters against the usual number (an estimate) is a warning, not a blocker.
        assert blockers["letters"] == 0
        for sid, number in (("documents", 4), ("personal_statement", 5)):
            count = blockers[sid]
            assert count >= 1
            word = "blocker" if count == 1 else "blockers"
            assert f"✗ {count} {word}" in rows[number - 1], rows[number - 1]
        panel = findings_text(app)
        assert "No CV / MyERAS application yet." in panel
        assert "No MSPE (dean's letter) yet." in panel
        assert panel.index("blocker") < panel.index("Fix:")

        await pilot.press("f2")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        options = review.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        text = "\n".join(prompts)
        for needle in ("No CV", "No MSPE", "personal statement", "letters of recommendation"):
            assert needle in text, needle
        # Choose the first letters finding and press Enter: the wizard opens step 6.
        index = next(
            i
            for i in range(options.option_count)
            if options.get_option_at_index(i).id.startswith("letters#")
            and not options.get_option_at_index(i).disabled
        )
        options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.current_step == "letters"
        assert "letter" in findings_text(app).lower()
        await pilot.press("f10")


async def test_narrow_terminal_sidebar_shows_numbers_and_glyphs(data_file):
    store.save(data_file, missing_documents_dossier())
    app = make_app(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = sidebar_rows(app)
        assert rows[3].strip().startswith("▸ 4") or "4 ✗" in rows[3]
        assert "✗" in rows[3]
        await pilot.press("f5")  # collapse
        assert not app.screen.query_one(StepSidebar).display or (
            app.screen.query_one(StepSidebar).region.width == 0
        )
        await pilot.press("f5")
        assert app.screen.query_one(StepSidebar).region.width > 0


@pytest.mark.parametrize("size", [(20, 8), (59, 30), (60, 16)])
async def test_any_size_no_crash_and_too_small_notice(data_file, size):
    app = make_app(data_file)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        notice = app.screen.query_one("#too-small")
        small = size[0] < 60 or size[1] < 16
        assert notice.display is small
        if small:
            assert "at least 60×16" in str(notice.render())
        await pilot.resize_terminal(*reversed(size))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.query_one("#too-small").display is False


async def test_corrupt_file_modal_leaves_file_untouched(data_file):
    data_file.parent.mkdir(parents=True)
    data_file.write_text('schema_version = 1\n[profile]\nfull_name = "Amina\n')
    before = data_file.read_bytes()
    app = make_app(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoreErrorScreen)
        text = str(app.screen.query_one(".dialog-body").render())
        assert str(data_file) in text
        assert "line 3" in text
        assert "What to do" in text
        await pilot.press("q")
    assert app.return_code == 2
    assert data_file.read_bytes() == before
    assert not store.backup_path(data_file).exists()
    store.acquire_lock(data_file).release()


async def test_invalid_file_names_each_field(data_file):
    data_file.parent.mkdir(parents=True)
    data_file.write_text(
        'schema_version = 1\n[exams.step2ck]\nscore = 999\n[profile]\nfull_nme = "x"\n'
    )
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one(".dialog-body").render())
        assert "exams.step2ck.score" in text
        assert "full_nme" in text and "full_name" in text
        await pilot.click("#quit")
    assert app.return_code == 2


async def test_lock_held_modal_names_holder_and_opens_read_only(data_file):
    store.save(data_file, demo_dossier())
    before = data_file.read_bytes()
    other = store.acquire_lock(data_file)
    try:
        app = make_app(data_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LockHeldScreen)
            text = str(app.screen.query_one(".dialog-body").render())
            info = store.read_lock(data_file)
            assert str(info.pid) in text and info.host in text
            assert "Open since" in text
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, WizardScreen)
            assert app.read_only
            assert "read-only" in header_text(app)
            await pilot.press("f4")
            await pilot.press("f10")
        assert data_file.read_bytes() == before

        quitter = make_app(data_file)
        async with quitter.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.click("#quit")
        assert quitter.return_code == 1
    finally:
        other.release()


async def test_autosave_coalesces_off_the_ui_thread(data_file, monkeypatch):
    saves: list[int] = []
    real_save = store.Store.save

    def counting_save(self, dossier):
        saves.append(threading.get_ident())
        return real_save(self, dossier)

    monkeypatch.setattr(store.Store, "save", counting_save)
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        ui_thread = threading.get_ident()
        app.screen.query_one("#full-name Input", Input).focus()
        keys = list("Amina Okafor")
        await pilot.press(*keys)
        await settle(pilot)
        assert 1 <= len(saves) < len(keys)
        assert all(ident != ui_thread for ident in saves)
        assert store.load(data_file).profile.full_name == "Amina Okafor"
        assert "saved 09:30:00" in header_text(app)
        await pilot.press("f10")


async def test_save_failure_keeps_edit_and_retries(data_file, monkeypatch):
    real_save = store.Store.save
    fail = {"on": True}

    def flaky_save(self, dossier):
        if fail["on"]:
            raise store.SaveError(self.path, ["the disk is full"])
        return real_save(self, dossier)

    monkeypatch.setattr(store.Store, "save", flaky_save)
    monkeypatch.setattr("imgwizard.tui.session.retry_delay", lambda failures: 0.05)
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#full-name Input", Input).focus()
        await pilot.press(*"Amina")
        await settle(pilot)
        assert "not saved — the disk is full, retrying" in header_text(app)
        assert app.dossier.profile.full_name == "Amina"
        assert any("disk is full" in str(n.message) for n in app._notifications)
        fail["on"] = False
        await settle(pilot)
        await settle(pilot)
        assert "saved 09:30:00" in header_text(app)
        assert store.load(data_file).profile.full_name == "Amina"
        await pilot.press("f10")


async def test_flush_and_release_saves_pending_edit(data_file, monkeypatch):
    monkeypatch.setattr("imgwizard.tui.autosave.QUIET", 600)
    monkeypatch.setattr("imgwizard.tui.autosave.MAX_WAIT", 600)
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#full-name Input", Input).focus()
        await pilot.press(*"Dr A")
        assert app.saver.dirty
        assert app.flush_and_release()
        assert store.load(data_file).profile.full_name == "Dr A"
        store.acquire_lock(data_file).release()  # free
        app.exit()


async def test_help_shows_keys_step_and_rules_change_note(data_file):
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3", "f1")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(".dialog-body"))
        assert "Step 3 of 11 — Meet eligibility requirements" in text
        assert "https://www.ecfmg.org/" in text
        assert "Step 2 CS" in text and "2021" in text
        assert "pass/fail" in text and "2022" in text
        assert "OET" in text
        assert "At most 4 attempts per Step" in text and "Jul 2021" in text
        assert "F4" in text or "f4" in text
        assert str(data_file) in text
        await pilot.click("#close")
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("4", "f1")
        text = "\n".join(str(s.render()) for s in app.screen.query(".dialog-body"))
        assert "Step 2 CS" not in text
        await pilot.press("q")
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("f10")


async def test_palette_offers_every_step(data_file):
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        provider = StepCommands(app.screen)
        hits = [hit async for hit in provider.search("step 8")]
        assert any("Go to step 8 — Submit through ERAS" in str(h.match_display) for h in hits)
        best = max(hits, key=lambda h: h.score)
        await best.command()
        await pilot.pause()
        assert app.current_step == "eras"
        await pilot.press("f10")


async def test_keymap_from_settings_overrides_binding(data_file):
    app = make_app(data_file, settings=Settings(keymap={"next_step": "f9"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        assert app.current_step == "programs"
        await pilot.press("f10")


async def test_theme_change_is_remembered_but_ansi_flag_is_not(data_file):
    app = make_app(data_file, settings=load_settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        await pilot.press("f10")
    assert load_settings().theme == "nord"

    app = make_app(data_file, settings=load_settings(), ansi=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "ansi-dark"
        await pilot.press("f10")
    assert load_settings().theme == "nord"  # a flag is not a saved choice


async def test_no_color_is_honoured(data_file, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(data_file)
    assert app.no_color


async def test_user_text_is_shown_literally(data_file):
    dossier = demo_dossier()
    dossier.letters[1].writer = "[bold red]Dr X[/] \x1b[31m"
    store.save(data_file, dossier)
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("6")
        assert "[bold red]Dr X[/]" in findings_text(app)
        # On screen too: the brackets are drawn, not taken as markup.
        screen = app.export_screenshot().replace("&#160;", " ")
        assert "[bold red]Dr X[/]" in screen
        await pilot.press("f10")


async def test_quit_button_everywhere_not_only_escape(data_file):
    app = make_app(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, screen_type in (("f1", HelpScreen), ("f2", ReviewScreen)):
            await pilot.press(key)
            assert isinstance(app.screen, screen_type)
            assert app.screen.query(Button)
            await pilot.press("q")
            assert isinstance(app.screen, WizardScreen)
        await pilot.press("f10")


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
async def test_signal_saves_pending_edit_and_releases_lock(data_file, sig, monkeypatch):
    import signal

    monkeypatch.setattr("imgwizard.tui.autosave.QUIET", 600)
    monkeypatch.setattr("imgwizard.tui.autosave.MAX_WAIT", 600)  # only the signal can save
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#full-name Input", Input).focus()
        await pilot.press(*"Amina")
        assert app.saver.dirty
        app.session.on_signal(getattr(signal, sig))
        await pilot.pause()
    assert app.return_code == 128 + getattr(signal, sig)
    assert store.load(data_file).profile.full_name == "Amina"
    store.acquire_lock(data_file).release()


async def test_unknown_theme_and_settings_warnings_are_shown_not_saved(data_file):
    from imgwizard.settings import settings_path

    settings = Settings(theme="no-such-theme")
    settings.warnings = ["settings.toml: unknown setting 'colour' ignored; did you mean 'ansi'?"]
    app = make_app(data_file, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("no-such-theme" in m for m in messages)
        assert any("unknown setting 'colour'" in m for m in messages)
        assert app.theme == "textual-dark"
        await pilot.press("f10")
    assert not settings_path().exists()
