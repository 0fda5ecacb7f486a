"""UI settings: round trip, defaults, tolerant loading of bad files, private mode."""

from __future__ import annotations

import stat

import pytest

from imgwizard.settings import (
    DEFAULT_THEME,
    Settings,
    backup_path,
    load_settings,
    save_settings,
    settings_path,
)


def test_path_is_in_the_config_folder(_isolated_home):
    assert settings_path() == _isolated_home / ".config" / "imgwizard" / "settings.toml"


def test_missing_file_gives_defaults_without_warnings():
    settings = load_settings()
    assert settings == Settings()
    assert (settings.theme, settings.ansi, settings.mouse, settings.keymap) == (
        DEFAULT_THEME,
        False,
        True,
        {},
    )
    assert settings.warnings == []
    assert not settings_path().exists()  # loading never writes


def test_round_trip_and_private_mode():
    original = Settings(
        theme="nord", ansi=True, mouse=False, keymap={"next_step": "ctrl+n", "quit": "ctrl+q"}
    )
    path = save_settings(original)
    assert path == settings_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    loaded = load_settings()
    assert loaded == original
    assert loaded.warnings == []
    assert "warnings" not in path.read_text()


BAD_FILES = [
    ("theme = ", "not valid TOML"),
    ("theme = 3\n", "theme ignored"),
    ('theme = "   "\n', "theme name is empty"),
    ('mouse = "sometimes"\n', "mouse ignored"),
    ("keymap = 5\n", "keymap ignored"),
    ('colour = "red"\n', "unknown setting 'colour'"),
    ('themes = "nord"\n', "did you mean 'theme'"),
]


@pytest.mark.parametrize(("text", "expected"), BAD_FILES)
def test_bad_file_gives_defaults_and_a_warning(text, expected):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(text)
    settings = load_settings()
    assert settings == Settings()
    assert len(settings.warnings) == 1
    assert expected in settings.warnings[0]
    assert path.read_text() == text  # never rewritten by loading


def test_good_values_survive_next_to_bad_ones():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        'theme = "gruvbox"\nansi = "loud"\n[keymap]\nnext_step = "ctrl+n"\nquit = ""\nhelp = 7\n'
    )
    settings = load_settings()
    assert settings.theme == "gruvbox"
    assert settings.ansi is False
    assert settings.keymap == {"next_step": "ctrl+n"}
    assert len(settings.warnings) == 3
    assert any("'quit'" in w for w in settings.warnings)
    assert any("'help'" in w for w in settings.warnings)


def test_unreadable_inputs_never_crash(tmp_path):
    folder = tmp_path / "settings.toml"
    folder.mkdir()
    assert load_settings(folder).warnings
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00theme")
    settings = load_settings(binary)
    assert settings == Settings()
    assert "UTF-8" in settings.warnings[0]


def test_saving_over_a_bad_file_keeps_it_as_backup():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("theme = [broken\n")
    save_settings(Settings(theme="nord"))
    assert load_settings().theme == "nord"
    assert backup_path(path).read_text() == "theme = [broken\n"


def test_saving_over_a_good_file_keeps_no_backup():
    save_settings(Settings(theme="nord"))
    save_settings(Settings(theme="monokai"))
    assert load_settings().theme == "monokai"
    assert not backup_path(settings_path()).exists()


def test_assignment_is_validated():
    settings = Settings()
    with pytest.raises(ValueError):
        settings.theme = ""
    settings.theme = " dracula "
    assert settings.theme == "dracula"


def test_settings_module_does_not_import_textual():
    import subprocess
    import sys

    code = "import imgwizard.settings, sys; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
