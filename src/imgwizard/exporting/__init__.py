"""Export the dossier for other people and other programs: Markdown, JSON, ICS.

No Textual here; `imgwizard export` and the wizard both call `render` / `export_to`.

    render(fmt, dossier, season, today) -> str
    export_to(path, fmt, dossier, season, today, force=False) -> Path

Files are written like every private file (store.write_atomic: atomic, 0600, folder 0700)
and an existing file is never replaced unless `force` is given.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from imgwizard.model import Dossier
from imgwizard.season import Season
from imgwizard.store import StoreError

FORMATS: dict[str, str] = {
    "md": "Markdown report for an advisor",
    "json": "the whole dossier as JSON (imgwizard import-json reads it back)",
    "ics": "calendar of your plan: dated actions, milestones and interviews",
}
SUFFIXES = {"md": ".md", "json": ".json", "ics": ".ics"}


class OutputExists(StoreError):
    headline = "the export file already exists"
    hint = "choose another file name, or pass --force to replace it."


def render(
    fmt: str,
    dossier: Dossier,
    season: Season,
    today: dt.date,
    now: dt.datetime | None = None,
) -> str:
    """The export as text. `now` is the ICS time stamp (default: the current UTC time)."""
    if fmt == "md":
        from imgwizard.exporting.markdown import render_markdown

        return render_markdown(dossier, season, today)
    if fmt == "json":
        from imgwizard.exporting.json_export import render_json

        return render_json(dossier, today)
    if fmt == "ics":
        from imgwizard.exporting.ics import render_ics

        return render_ics(dossier, season, now=now, today=today)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def default_file_name(fmt: str, today: dt.date) -> str:
    return f"imgwizard-{today.isoformat()}{SUFFIXES[fmt]}"


def export_to(
    path: Path | str,
    fmt: str,
    dossier: Dossier,
    season: Season,
    today: dt.date,
    force: bool = False,
) -> Path:
    """Render and write the export. Raises OutputExists (file there, no force) or another
    StoreError (e.g. SaveError when the disk refuses); never half-writes a file."""
    from imgwizard.store import write_atomic

    path = Path(path).expanduser()
    text = render(fmt, dossier, season, today)
    if path.is_dir():
        raise OutputExists(path, ["it is a folder"], hint="give a file name inside it.")
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputExists(path)
    write_atomic(path, text.encode("utf-8"))
    return path


__all__ = ["FORMATS", "OutputExists", "default_file_name", "export_to", "render"]
