"""Where the dossier and the files beside it live."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "imgwizard"
ENV_VAR = "IMGWIZARD_DATA_FILE"
FILE_NAME = "dossier.toml"

HEADER = (
    "# imgwizard dossier: your residency application, kept on this machine only.\n"
    "# Safe to read; if you edit it by hand, keep it valid TOML (imgwizard check tells you).\n"
)
# The last line of every file imgwizard writes. A file that starts with HEADER but lacks it was
# cut short (an interrupted copy or sync): without this check a cut at a line boundary would
# load as a smaller, valid dossier and the lost part would be saved away silently.
FOOTER = "# end of dossier (imgwizard checks that this line is here: keep it last)\n"
_FOOTER_START = "# end of dossier"


def default_path() -> Path:
    import platformdirs  # imported here: only needed when no path was given

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / FILE_NAME


def resolve_path(
    explicit: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The data file: `--data-file` wins, then `IMGWIZARD_DATA_FILE`, then platformdirs."""
    environ = os.environ if environ is None else environ
    if explicit:
        return Path(explicit).expanduser()
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]).expanduser()
    return default_path()


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def recovery_path(path: Path) -> Path:
    return path.with_name(path.name + ".recovery")
