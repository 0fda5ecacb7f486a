"""Reading a file: refuse what is not a regular file, decode, parse, migrate, validate."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

import tomli as tomllib  # the compiled upstream of tomllib: parses ~2x faster
from pydantic import BaseModel, ValidationError

from imgwizard.model import Dossier, new_dossier
from imgwizard.store.errors import (
    CorruptFile,
    InvalidDossier,
    Problem,
    UnreadableFile,
    reason,
    short_repr,
)
from imgwizard.store.migrations import migrate
from imgwizard.store.paths import _FOOTER_START, FOOTER, HEADER

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")


def _locate(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line number of a field path such as ('programs', 2, 'name')."""
    counts: dict[tuple[str, ...], int] = {}
    current: tuple[Any, ...] = ()
    best: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = tuple(part.strip().strip('"') for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = counts.get(names, 0)
                counts[names] = index + 1
                current = (*names, index)
            else:
                current = names
            if current == tuple(loc[: len(current)]) and best is None and current == tuple(loc):
                best = number
            continue
        key = _KEY.match(line)
        if key:
            full = (*current, key.group(1).strip('"'))
            if full == tuple(loc[: len(full)]):
                return number
    return best


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class found by following a field path from Dossier."""
    model: Any = Dossier
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part) if isinstance(model, type) else None
        if info is None:
            return None
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        candidates = [annotation, *args]
        model = next(
            (c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None
        )
        if model is None:
            return None
    return model if isinstance(model, type) else None


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_problems(
    exc: ValidationError, text: str = "", base: tuple[Any, ...] = ()
) -> list[Problem]:
    """Every problem at once, with the line (when the text is given) and a close match for
    a misspelt key."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = (*base, *err["loc"])
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            parent = _model_at(loc[:-1])
            message = f"unknown key {loc[-1]!r}"
            if parent is not None:
                close = difflib.get_close_matches(str(loc[-1]), list(parent.model_fields), n=1)
                if close:
                    message += f"; did you mean {close[0]!r}?"
        elif err["type"] != "missing" and "input" in err:
            message += f" (found {short_repr(err['input'])})"
        problems.append(
            Problem(message, line=_locate(text, loc) if text else None, field=_dotted(loc) or None)
        )
    return problems


def _check_complete(text: str, data: dict[str, Any], path: Path) -> None:
    """Refuse a file that holds no data, or one of ours that lost its last line."""
    restore = (
        "restore <file>.bak if it exists (copy it over the file), or delete the file to "
        "start afresh. imgwizard has not changed the file."
    )
    if not data:
        raise CorruptFile(
            path, ["the file holds no data, only comments or blank lines (cut short?)"], restore
        )
    if text.rstrip().rpartition("\n")[2].strip().startswith(_FOOTER_START):
        return  # the usual case, found without splitting a large file into lines
    lines = text.splitlines()
    if lines[0] == HEADER.splitlines()[0] and not any(
        line.strip().startswith(_FOOTER_START) for line in lines
    ):
        raise CorruptFile(
            path,
            [
                Problem(
                    f"the file ends early: its last line should be {FOOTER.strip()!r} "
                    "(an interrupted copy?)",
                    line=len(lines),
                )
            ],
            "restore <file>.bak if it exists (copy it over the file). If you removed that "
            "line by hand, add it back as the last line. imgwizard has not changed the file.",
        )


def parse(text: str, path: Path) -> Dossier:
    """Parse, migrate and validate dossier text. Raises only StoreError subclasses."""
    if not text.strip():
        raise CorruptFile(
            path,
            ["the file is empty (an interrupted copy?)"],
            hint="restore <file>.bak if it exists, or delete the empty file to "
            "start afresh. imgwizard has not changed the file.",
        )
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise CorruptFile(path, ["arrays or tables are nested too deeply to read"]) from None
    except tomllib.TOMLDecodeError as exc:
        pos = _TOML_POS.search(str(exc))
        message = _TOML_POS.sub("", str(exc)).strip()
        if pos:
            line: int | None = int(pos.group(1))
        elif "end of document" in message:
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
            message = (
                message.replace("(at end of document)", "").strip() + " (the file ends "
                "too early: was it cut short?)"
            )
        else:
            line = None
        raise CorruptFile(path, [Problem(message, line=line)]) from None
    except ValueError as exc:  # e.g. an integer longer than Python converts (4300 digits)
        raise CorruptFile(path, [str(exc).split(";")[0]]) from None
    _check_complete(text, data, path)
    data = migrate(data, path)
    try:
        return Dossier.model_validate(data)
    except ValidationError as exc:
        raise InvalidDossier(path, validation_problems(exc, text)) from None
    except (ValueError, TypeError, RecursionError) as exc:  # pragma: no cover - defensive
        raise InvalidDossier(path, [str(exc)]) from None


def check_kind(path: Path) -> os.stat_result:
    """The file's status, refusing a link, a folder or anything but a regular file (a FIFO
    or a device would block a read or never end). FileNotFoundError when there is none."""
    try:
        is_link = path.is_symlink()
    except OSError as exc:  # e.g. a folder on the way that this user may not enter
        raise UnreadableFile(
            path,
            [reason(exc)],
            hint="check the permissions of the file and its folders (ls -ld). Nothing was changed.",
        ) from None
    if is_link:
        target = os.readlink(path)
        raise UnreadableFile(
            path,
            [f"it is a symbolic link (to {target})"],
            hint="imgwizard does not follow links for your private data; point "
            "--data-file at the real file. Nothing was changed.",
        )
    try:
        st = path.stat()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise UnreadableFile(path, [exc.strerror or str(exc)]) from None
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableFile(
            path,
            ["it is a folder, not a file"],
            hint="give the path of a file inside it (--data-file), or move the "
            "folder away. Nothing was changed.",
        )
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableFile(
            path,
            ["it is not a regular file (a pipe, socket or device)"],
            hint="point --data-file at your dossier file. Nothing was changed.",
        )
    return st


def _utf16(raw: bytes) -> bool:
    """UTF-16 text (Windows Notepad's "Unicode"): a byte-order mark, or a NUL beside every
    ASCII character."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = raw[:200]
    nuls = max(head[1::2].count(0), head[::2].count(0))
    return len(head) >= 4 and nuls > len(head) // 4


def read_text(path: Path) -> str:
    """The file's text, refusing anything that is not a plain file of ours."""
    check_kind(path)
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since check_kind, open returns at
        # once instead of waiting for a writer; O_NOFOLLOW: nor for a link.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except PermissionError:
        raise UnreadableFile(
            path,
            ["permission denied"],
            hint="check the file's owner and permissions (ls -l). Nothing was changed.",
        ) from None
    except OSError as exc:
        raise UnreadableFile(path, [exc.strerror or str(exc)]) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnreadableFile(path, ["it is not a regular file (a pipe, socket or device)"])
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read()
    except OSError as exc:
        raise UnreadableFile(path, [exc.strerror or str(exc)]) from None
    finally:
        os.close(fd)
    try:
        if _utf16(raw):  # UTF-16 of plain ASCII is valid UTF-8 (with NULs): test it first
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "UTF-16")
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _utf16(raw):
            raise CorruptFile(
                path,
                ['the file is UTF-16 text (as Windows Notepad saves "Unicode"), not UTF-8'],
                hint="open it in a text editor and save it as UTF-8 (in Notepad: Save As, "
                "Encoding: UTF-8), then start imgwizard again. imgwizard has not changed the "
                "file.",
            ) from None
        line = raw[: exc.start].count(b"\n") + 1
        raise CorruptFile(
            path,
            [Problem("the file is not UTF-8 text", line=line)],
            hint="open it in a text editor and save it as UTF-8, or restore <file>.bak. "
            "imgwizard has not changed the file.",
        ) from None


def load(path: Path) -> Dossier:
    """Load an existing dossier. FileNotFoundError when there is none; StoreError otherwise."""
    path = Path(path)
    return parse(read_text(path), path)


def load_or_new(path: Path, today: dt.date | None = None) -> tuple[Dossier, bool]:
    """The dossier at path, or a fresh one; the flag says whether the file existed."""
    try:
        return load(path), True
    except FileNotFoundError:
        return new_dossier(today), False


def permission_warnings(path: Path) -> list[str]:
    """Other users can read the file or list its folder: say so (we never widen modes)."""
    warnings = []
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode
        if mode & 0o077:
            warnings.append(
                f"{path} can be read by other users (mode {stat.filemode(mode)}); "
                f"run: chmod 600 '{path}'"
            )
    with contextlib.suppress(OSError):
        mode = path.parent.stat().st_mode
        if mode & 0o077 and path.parent != Path(tempfile.gettempdir()):
            warnings.append(
                f"the folder {path.parent} is open to other users "
                f"(mode {stat.filemode(mode)}); run: chmod 700 '{path.parent}'"
            )
    return warnings
