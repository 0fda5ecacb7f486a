"""The one module that touches the dossier file on disk.

Load: read, parse TOML, migrate older schema versions, validate. A file that cannot be read,
parsed or validated raises a `StoreError` that names the file, the line or field, and what to
do; the file itself is never written to in that case.

Save: serialise, write a temporary file in the same folder (created 0600), flush, fsync,
`os.replace` over the real file, fsync the folder. The first save of a session keeps the file
as it was as `<name>.bak`, so a session of bad edits can always be undone.

Lock: `<name>.lock` held with `flock`; it names the holder (pid, host, user, since) so a second
session can say who has the file. The kernel drops the lock when its holder dies, so a stale
lock is simply taken over.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import enum
import errno
import getpass
import os
import re
import socket
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli as tomllib  # the compiled upstream of tomllib: parses ~2x faster
import tomli_w
from pydantic import BaseModel, ValidationError

from imgwizard.model import SCHEMA_VERSION, Dossier, new_dossier

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


# --------------------------------------------------------------------------- locations


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


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (line and/or field) and what."""

    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field {self.field}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class StoreError(Exception):
    """Anything that stops the dossier file from being used. The file is left untouched."""

    headline = "cannot use the data file"
    hint = "imgwizard has not changed the file."

    def __init__(self, path: Path, problems: Iterable[Problem | str] = (), hint: str | None = None):
        self.path = Path(path)
        self.problems = [p if isinstance(p, Problem) else Problem(p) for p in problems]
        if hint is not None:
            self.hint = hint
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = [f"{self.headline}: {self.path}"]
        lines += [f"  - {p}" for p in self.problems]
        lines.append(f"What to do: {self.hint}")
        return "\n".join(lines)


class UnreadableFile(StoreError):
    headline = "cannot read the data file"


class CorruptFile(StoreError):
    headline = "the data file is not valid TOML"
    hint = (
        "open it in a text editor and fix the line named above, or restore the backup "
        "(<file>.bak) by copying it over the file. imgwizard has not changed the file."
    )


class InvalidDossier(StoreError):
    headline = "the data file has values imgwizard cannot accept"
    hint = (
        "correct the fields named above in a text editor (or restore <file>.bak). "
        "imgwizard has not changed the file."
    )


class FutureSchema(StoreError):
    headline = "the data file was written by a newer imgwizard"
    hint = "upgrade imgwizard (pip install -U imgwizard). imgwizard has not changed the file."


class LockHeld(StoreError):
    headline = "the data file is open in another imgwizard session"

    def __init__(self, path: Path, holder: LockInfo | None):
        self.holder = holder
        who = holder.describe() if holder else "an unknown process"
        super().__init__(
            path,
            [f"held by {who}"],
            hint="close the other session, or open this one read-only (--read-only).",
        )


class SaveError(StoreError):
    headline = "could not save the data file"
    hint = (
        "your changes are kept in memory and saving is retried; free disk space or fix the "
        "folder's permissions. The last saved file is intact."
    )


# --------------------------------------------------------------------------- serialise


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_data(dossier: Dossier) -> dict[str, Any]:
    """The dossier as plain TOML-ready data (None is left out: TOML has no null)."""
    data = _plain(dossier.model_dump(mode="python", exclude_none=True))
    # schema_version first so a reader sees it at the top of the file.
    return {"schema_version": data.pop("schema_version"), **data}


# The long lists of a dossier are written as [[name]] tables, one per item, and each item's
# TOML is kept and reused while the item is unchanged: an autosave after one edit then
# serialises one program instead of all of them (tomli_w spends ~17 ms on 300 programs,
# ~150 ms on 3,000; with the cache a save after one edit takes ~2 ms and ~15 ms).
_CACHED_LISTS = ("programs", "interviews", "letters", "personal_statements")
_chunks: dict[str, list[tuple[dict[str, Any], str]]] = {}
_chunks_lock = threading.Lock()


def _flat(item: Any) -> bool:
    """An item whose TOML table has no sub-tables (so it can be written on its own)."""
    return isinstance(item, dict) and not any(
        isinstance(v, dict) or (isinstance(v, list) and v and isinstance(v[0], dict))
        for v in item.values()
    )


def _list_tables(name: str, items: list[dict[str, Any]]) -> str:
    """[[name]] tables for the items, reusing the text of items equal to last time's."""
    old = _chunks.get(name, [])
    new = [
        old[i]
        if i < len(old) and old[i][0] == item
        else (item, f"[[{name}]]\n" + tomli_w.dumps(_plain(item)))
        for i, item in enumerate(items)
    ]
    _chunks[name] = new
    return "\n".join(text for _, text in new)


def dumps(dossier: Dossier) -> str:
    # One model_dump: a consistent snapshot even while the UI thread edits the dossier.
    data = dossier.model_dump(mode="python", exclude_none=True)
    tables = []
    with _chunks_lock:
        for name in _CACHED_LISTS:
            items = data.get(name)
            if items and all(_flat(item) for item in items):
                tables.append(_list_tables(name, data.pop(name)))
    data = _plain(data)
    # schema_version first so a reader sees it at the top of the file.
    data = {"schema_version": data.pop("schema_version"), **data}
    body = tomli_w.dumps(data) + "".join("\n" + text for text in tables)
    return HEADER + body + "\n" + FOOTER


# --------------------------------------------------------------------------- migrations


def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v0 was the prototype's flat file (name, school, step scores at the top level)."""
    moves = {
        "name": ("profile", "full_name"),
        "email": ("profile", "email"),
        "usmle_id": ("profile", "usmle_id"),
        "school": ("education", "school_name"),
        "country": ("education", "school_country"),
    }
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in moves:
            part, name = moves[key]
            out.setdefault(part, {})[name] = value
        elif key == "graduation_year":
            out.setdefault("education", {})["graduation_date"] = dt.date(int(value), 6, 30)
        elif key == "step1":
            passed = str(value).lower() in {"pass", "passed", "true"}
            out.setdefault("exams", {})["step1"] = {"outcome": "passed" if passed else "failed"}
        elif key == "step2ck_score":
            out.setdefault("exams", {})["step2ck"] = {"outcome": "passed", "score": int(value)}
        elif key == "specialties":
            out["specialties"] = [{"name": str(s)} for s in value]
        elif key == "current_step":
            from imgwizard.steps import STEPS

            number = int(value)
            out["wizard"] = {"current_step": STEPS[max(1, min(number, len(STEPS))) - 1].id}
        else:
            out[key] = value  # left for validation to report if it is unknown
    out["schema_version"] = 1
    return out


def _v1_to_v2_signals(data: dict[str, Any]) -> dict[str, Any]:
    """Migration note (v1 -> v2, signals): a program's yes/no `signal` became a tier. A v1
    `signal = true` becomes the specialty's single tier ("signal"), or "silver" where the
    specialty has gold and silver signals (Internal Medicine, Anesthesiology, Radiology ...);
    `signal = false` becomes "none". Pick gold yourself where you meant a gold signal."""
    from imgwizard.signals import default_tier
    from imgwizard.specialties import canonical

    programs = data.get("programs")
    if not isinstance(programs, list):
        return data
    for program in programs:
        if not isinstance(program, dict) or not isinstance(program.get("signal"), bool):
            continue  # anything else is left for validation to report
        if program["signal"]:
            specialty = program.get("specialty")
            sid = canonical(specialty) if isinstance(specialty, str) else ""
            program["signal"] = default_tier(sid).value
        else:
            program["signal"] = "none"
    return data


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v2 adds signal tiers, geographic preferences, rank list history and a SOAP plan; only
    the signal needs converting (the new parts start empty)."""
    data = _v1_to_v2_signals(data)
    data["schema_version"] = 2
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
}


def migrate(data: dict[str, Any], path: Path) -> dict[str, Any]:
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise InvalidDossier(
            path,
            [
                Problem(
                    f"schema_version must be a whole number, not {_short(version)}",
                    field="schema_version",
                )
            ],
        )
    if version > SCHEMA_VERSION:
        raise FutureSchema(
            path,
            [
                Problem(
                    f"schema_version is {version}; this imgwizard reads up to {SCHEMA_VERSION}",
                    field="schema_version",
                )
            ],
        )
    while version < SCHEMA_VERSION:
        try:
            data = MIGRATIONS[version](data)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            raise InvalidDossier(
                path, [f"could not migrate from schema_version {version}: {exc}"]
            ) from None
        version = data["schema_version"]
    return data


# --------------------------------------------------------------------------- load


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
            message += f" (found {_short(err['input'])})"
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


def read_text(path: Path) -> str:
    """The file's text, refusing anything that is not a plain file of ours."""
    if path.is_symlink():
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
        raise UnreadableFile(path, ["it is not a regular file"])
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise UnreadableFile(
            path,
            ["permission denied"],
            hint="check the file's owner and permissions (ls -l). Nothing was changed.",
        ) from None
    except OSError as exc:
        raise UnreadableFile(path, [exc.strerror or str(exc)]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CorruptFile(path, [Problem("the file is not UTF-8 text", line=line)]) from None


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


# --------------------------------------------------------------------------- save


def ensure_folder(folder: Path) -> None:
    """Create the folder (and missing parents) as 0700; existing folders are left alone."""
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for item in reversed(missing):
        with contextlib.suppress(FileExistsError):
            item.mkdir(mode=0o700)
        os.chmod(item, 0o700)  # the umask may have taken bits away; never adds any


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _keep_backup(path: Path) -> None:
    """Keep the current file as <name>.bak (a hard link where the file system allows)."""
    bak = backup_path(path)
    tmp = bak.with_name(bak.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        try:
            os.link(path, tmp)
        except OSError:
            data = path.read_bytes()
            # O_EXCL | O_NOFOLLOW: never write through a link planted in a shared folder
            # between the unlink above and this open.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(tmp, flags, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, bak)
    except BaseException:  # a failed copy (disk full) must not leave the .bak.tmp behind
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Write bytes so that the file is either the old version or the new one, never half."""
    path = Path(path)
    folder = path.parent
    try:
        ensure_folder(folder)
        if path.is_symlink() or path.is_dir():
            raise SaveError(path, ["the path is a link or a folder; refusing to replace it"])
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            backed_up = backup and path.exists()
            if backed_up:
                _keep_backup(path)
            os.replace(tmp_name, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        if backed_up:
            # A hard-linked backup keeps the old file's mode; if that was widened by hand,
            # narrow the backup to the owner (never widen). The live file is new and 0600.
            with contextlib.suppress(OSError):
                bak = backup_path(path)
                os.chmod(bak, stat.S_IMODE(bak.stat().st_mode) & 0o600)
        _fsync_dir(folder)
    except StoreError:
        raise
    except OSError as exc:
        reason = {
            errno.ENOSPC: "the disk is full",
            errno.EDQUOT: "your disk quota is used up",
            errno.EACCES: "permission denied",
            errno.EPERM: "permission denied",
            errno.EROFS: "the file system is read-only",
        }.get(exc.errno or 0, exc.strerror or str(exc))
        raise SaveError(path, [reason]) from exc


def save(path: Path, dossier: Dossier, *, backup: bool = True) -> None:
    write_atomic(Path(path), dumps(dossier).encode("utf-8"), backup=backup)


# --------------------------------------------------------------------------- lock


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    since: dt.datetime

    def describe(self) -> str:
        when = self.since.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"{self.user or 'someone'} (pid {self.pid} on {self.host}, since {when})"

    def to_text(self) -> str:
        return tomli_w.dumps(
            {"pid": self.pid, "host": self.host, "user": self.user, "since": self.since}
        )

    @classmethod
    def from_text(cls, text: str) -> LockInfo | None:
        try:
            data = tomllib.loads(text)
            since = data["since"]
            if not isinstance(since, dt.datetime):
                return None
            return cls(int(data["pid"]), str(data["host"]), str(data.get("user", "")), since)
        except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
            return None

    @classmethod
    def mine(cls) -> LockInfo:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = ""
        return cls(
            os.getpid(), socket.gethostname(), user, dt.datetime.now(dt.UTC).replace(microsecond=0)
        )


def read_lock(path: Path) -> LockInfo | None:
    try:
        return LockInfo.from_text(lock_path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


@dataclass
class Lock:
    """A held lock on a dossier file. Release it, or let the process end."""

    path: Path
    fd: int
    taken_over: LockInfo | None = None  # a dead session's lock we replaced
    released: bool = field(default=False)

    def release(self) -> None:
        if self.released:
            return
        import fcntl

        self.released = True
        with contextlib.suppress(OSError):
            os.ftruncate(self.fd, 0)
        with contextlib.suppress(OSError):
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        with contextlib.suppress(OSError):
            os.close(self.fd)


def remove_leftovers(path: Path) -> list[Path]:
    """Delete the temporary files a session killed inside a save left beside the dossier.

    Only safe while holding the lock: every writer of the dossier holds it, so no save is
    under way. The data file and its backup are never touched."""
    prefix, removed = f".{path.name}.", []
    bak_tmp = backup_path(path).name + ".tmp"
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            ours = name.startswith(prefix) and name.endswith(".tmp")
            # mkstemp adds 8 random characters between our prefix and suffix.
            if (ours and len(name) == len(prefix) + 8 + 4) or name == bak_tmp:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def acquire_lock(path: Path) -> Lock:
    """Take the lock on the dossier at path, or raise LockHeld naming its holder."""
    import fcntl

    path = Path(path)
    lp = lock_path(path)
    try:
        ensure_folder(lp.parent)
        fd = os.open(lp, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        raise UnreadableFile(
            path, [f"cannot create the lock file {lp}: {exc.strerror or exc}"]
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise LockHeld(path, read_lock(path)) from None
    previous = LockInfo.from_text(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
    if previous is not None:
        # The last holder died without releasing: it may have been killed inside a save.
        remove_leftovers(path)
    data = LockInfo.mine().to_text().encode()
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)
    with contextlib.suppress(OSError):
        os.fsync(fd)
    return Lock(lp, fd, taken_over=previous)


# --------------------------------------------------------------------------- session


class Store:
    """One session's view of one dossier file: load once, save often, back up once."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._backed_up = False
        self.lock: Lock | None = None

    @property
    def backup_path(self) -> Path:
        return backup_path(self.path)

    def load_or_new(self, today: dt.date | None = None) -> tuple[Dossier, bool]:
        return load_or_new(self.path, today)

    def save(self, dossier: Dossier) -> None:
        """Save; the first save that finds a file there keeps it as the backup."""
        backing_up = not self._backed_up and self.path.exists()
        save(self.path, dossier, backup=backing_up)
        self._backed_up = self._backed_up or backing_up

    def acquire(self) -> Lock:
        self.lock = acquire_lock(self.path)
        return self.lock

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None
