"""UI settings (theme, colours, mouse, keymap), kept apart from the dossier.

The file is `settings.toml` in the per-user config folder (on Linux
`~/.config/imgwizard/settings.toml`). It holds preferences only, never application data, so a
bad settings file must never stop the wizard: `load_settings` falls back to the default for
each value it cannot use and lists what it ignored in `Settings.warnings`. Loading never
writes. Saving is atomic and 0600 like every private file; if the file on disk did not load
cleanly, saving keeps it as `settings.toml.bak` first so a hand edit is not lost.

No Textual here: the wizard applies these (theme, `App.set_keymap(settings.keymap)`, ...).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import tomli as tomllib  # same parser as store.py (compiled, faster)
import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

APP_NAME = "imgwizard"
FILE_NAME = "settings.toml"
DEFAULT_THEME = "textual-dark"

HEADER = (
    "# imgwizard settings: how the wizard looks and which keys it uses.\n"
    "# Your application data is not here (see `imgwizard where`).\n"
    "# theme = a Textual theme name; ansi = use the terminal's 16 colours;\n"
    "# mouse = capture the mouse; plan_on_start = open the plan first when something is due;\n"
    '# [keymap] binding_id = "keys", e.g. next_step = "ctrl+n".\n'
)


class Settings(BaseModel):
    """What the wizard remembers about how you like it to look and behave."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    theme: str = DEFAULT_THEME
    ansi: bool = False
    mouse: bool = True
    # Open the plan first when something is overdue or due this week (a returning applicant).
    plan_on_start: bool = True
    keymap: dict[str, str] = Field(default_factory=dict)
    # What load_settings could not use (never saved).
    warnings: list[str] = Field(default_factory=list, exclude=True)

    @field_validator("theme")
    @classmethod
    def _theme_name(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("the theme name is empty")
        return value

    @field_validator("keymap")
    @classmethod
    def _keymap(cls, value: dict[str, str]) -> dict[str, str]:
        for binding, keys in value.items():
            if not binding.strip():
                raise ValueError("a binding id is empty")
            if not keys.strip():
                raise ValueError(f"no keys given for {binding!r}")
        return {binding.strip(): keys.strip() for binding, keys in value.items()}

    def __eq__(self, other: object) -> bool:
        """Equal when the saved values are (what load_settings warned about does not count)."""
        if not isinstance(other, Settings):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]


SAVED_FIELDS = tuple(name for name in Settings.model_fields if name != "warnings")
DEFAULTS = Settings().model_dump()


def settings_path() -> Path:
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / FILE_NAME


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _plain_error(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    message = err["msg"].removeprefix("Value error, ")
    if "input" in err and err["type"] != "value_error":
        message += f" (found {err['input']!r})"
    return message


def _from_data(data: dict[str, Any], where: str) -> Settings:
    """Keep every value that validates; warn about (and default) the rest."""
    warnings: list[str] = []
    good: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SAVED_FIELDS:
            hint = difflib.get_close_matches(key, SAVED_FIELDS, n=1)
            warnings.append(
                f"{where}: unknown setting {key!r} ignored"
                + (f"; did you mean {hint[0]!r}?" if hint else "")
            )
            continue
        if key == "keymap" and isinstance(value, dict):
            keymap = {}
            for binding, keys in value.items():
                try:
                    Settings(keymap={binding: keys})
                except ValidationError as exc:
                    warnings.append(
                        f"{where}: keymap entry {binding!r} ignored: {_plain_error(exc)}"
                    )
                    continue
                keymap[binding.strip()] = keys.strip()
            good["keymap"] = keymap
            continue
        try:
            Settings.model_validate({key: value})
        except ValidationError as exc:
            warnings.append(
                f"{where}: {key} ignored, using the default ({DEFAULTS[key]!r}): "
                f"{_plain_error(exc)}"
            )
            continue
        good[key] = value
    settings = Settings.model_validate(good)
    settings.warnings = warnings
    return settings


def _read(path: Path) -> tuple[Settings, bool]:
    """The settings at path and whether the file loaded without any warning."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), True
    except IsADirectoryError:
        return Settings(warnings=[f"{path} is a folder, not a file; using the defaults"]), False
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Settings(warnings=[f"cannot read {path} ({reason}); using the defaults"]), False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Settings(warnings=[f"{path} is not UTF-8 text; using the defaults"]), False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return (
            Settings(warnings=[f"{path} is not valid TOML ({exc}); using the defaults"]),
            False,
        )
    settings = _from_data(data, str(path))
    return settings, not settings.warnings


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults for anything missing or unusable (see .warnings).
    Never raises for a bad file and never writes."""
    return _read(path or settings_path())[0]


def dumps(settings: Settings) -> str:
    return HEADER + tomli_w.dumps(settings.model_dump(include=set(SAVED_FIELDS)))


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically (0600). A file that did not load cleanly is kept as
    settings.toml.bak first. Raises store.SaveError when the disk refuses."""
    from imgwizard.store import write_atomic

    path = path or settings_path()
    clean = _read(path)[1]
    write_atomic(path, dumps(settings).encode("utf-8"), backup=not clean and path.is_file())
    return path
