"""Programs from a spreadsheet's CSV export.

Tolerant of what spreadsheets write: a UTF-8 byte-order mark, `,` `;` or tab between cells,
header names in any case and spacing ("Program Name", "Step 2 CK min"), extra columns (ignored
and reported once). Strict about values: each bad cell is reported with its row number (the
header is row 1, as a spreadsheet numbers it) and nothing is imported from a bad row.
Duplicates — same ACGME id, or same name and specialty ignoring case — of a program already
in the dossier or of an earlier row are reported and skipped.

    import_programs_csv(text, dossier) -> ImportResult(programs, errors, duplicates,
                                                       ignored_columns)

The caller decides: import `programs` when there are no errors, or when the user accepts the
valid rows anyway. Only `read_csv_file` touches the disk (read only): the command line and the
wizard both read through it, so both refuse the same things the same way.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from imgwizard.model import Dossier, Program, VisaType, new_program_id
from imgwizard.signals import default_tier
from imgwizard.specialties import canonical

# column -> accepted spellings (compared after lower-casing and dropping all but letters and
# digits, so "Program Name", "program_name" and "PROGRAM-NAME" are the same).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "program", "program name", "programme", "program title"),
    "specialty": ("specialty", "speciality", "specialty name", "discipline"),
    "acgme_id": ("acgme_id", "acgme id", "acgme", "program id", "acgme program id", "nrmp code"),
    "city": ("city", "town"),
    "state": ("state", "us state"),
    "visas": ("visas", "visa", "visas sponsored", "visa sponsorship", "sponsors visa"),
    "max_years_since_graduation": (
        "max_years_since_graduation",
        "years since graduation",
        "max years since graduation",
        "yog",
        "yog limit",
        "graduation cutoff years",
    ),
    "min_step2ck_score": (
        "min_step2ck_score",
        "step 2 ck min",
        "min step 2 ck",
        "step2ck min",
        "step 2 ck minimum",
        "minimum step 2 ck score",
        "step 2 ck cutoff",
        "step2 cutoff",
    ),
    "min_usce_months": (
        "min_usce_months",
        "usce months",
        "min usce",
        "usce min months",
        "us clinical experience months",
    ),
    "max_attempts": ("max_attempts", "attempts", "max attempts", "attempts allowed"),
    "letters_required": ("letters_required", "letters", "lors", "letters required", "lor count"),
    "requires_step3": ("requires_step3", "step 3", "step3 required", "requires step 3"),
    "priority": ("priority", "interest", "interest level"),
    "signal": ("signal", "signaled", "signalled", "preference signal"),
    "notes": ("notes", "note", "comments", "comment"),
}

HELP: dict[str, str] = {
    "name": "program name (required)",
    "specialty": "specialty, e.g. Internal Medicine",
    "acgme_id": "ACGME program id, e.g. 1403521123 (used to spot duplicates)",
    "city": "city",
    "state": "state, e.g. NY",
    "visas": "visas the program sponsors: j1, h1b, both (j1;h1b) or none; empty = not known",
    "max_years_since_graduation": "most years since graduation accepted (a whole number)",
    "min_step2ck_score": "minimum USMLE Step 2 CK score (1 to 300)",
    "min_usce_months": "months of US clinical experience asked for",
    "max_attempts": "most USMLE attempts accepted per Step (1 to 10)",
    "letters_required": "letters of recommendation asked for (0 to 10)",
    "requires_step3": "yes if Step 3 is required (yes/no)",
    "priority": "your interest, 1 (low) to 5 (high); empty = 3",
    "signal": "gold, silver, signal or none (yes = the specialty's usual tier: silver or signal)",
    "notes": "anything else",
}


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


ALIASES: dict[str, str] = {_norm(alias): col for col, names in COLUMNS.items() for alias in names}


@dataclass(frozen=True)
class RowError:
    row: int | None  # spreadsheet row (header = 1); None for a problem with the whole file
    message: str
    column: str = ""

    def __str__(self) -> str:
        where = "file" if self.row is None else f"row {self.row}"
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Duplicate:
    row: int
    name: str
    reason: str  # "already in your programs" / "same as row 3"

    def __str__(self) -> str:
        return f"row {self.row}: {self.name!r} skipped, {self.reason}"


@dataclass
class ImportResult:
    programs: list[Program] = field(default_factory=list)  # valid, new rows
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0  # data rows read (blank ones not counted)
    delimiter: str = ","
    notes: list[str] = field(default_factory=list)  # e.g. how the file was decoded

    @property
    def file_error(self) -> bool:
        return any(e.row is None for e in self.errors)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors if e.row is not None})

    def importable(self, accept_valid: bool) -> list[Program]:
        """What to add: every valid row when the file is clean (or the user accepts the valid
        rows); nothing otherwise."""
        if self.file_error or (self.errors and not accept_valid):
            return []
        return list(self.programs)


# --------------------------------------------------------------------------- cell values


class CellError(ValueError):
    pass


_TRUE = {"yes", "y", "true", "t", "1", "x", "✓", "required", "sí", "si", "oui", "ja"}
_FALSE = {"no", "n", "false", "f", "0", "-", "not required", "non", "nein"}


def _bool(text: str) -> bool:
    value = text.strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(f"write yes or no (found {text!r})")


def _signal(text: str) -> str:
    """gold / silver / signal / none, or yes / no (yes: the specialty's usual tier, below)."""
    value = text.strip().casefold()
    if value in ("gold", "silver", "signal", "none"):
        return value
    if value in _TRUE:
        return "yes"
    if value in _FALSE:
        return "none"
    raise CellError(f"write gold, silver, signal, none, yes or no (found {text!r})")


def _int(text: str) -> int:
    value = text.strip().replace(",", "").replace(" ", "")
    try:
        number = float(value)
    except ValueError:
        raise CellError(f"write a whole number (found {text!r})") from None
    if not number.is_integer():
        raise CellError(f"write a whole number (found {text!r})")
    return int(number)


def _visas(text: str) -> tuple[list[VisaType], bool]:
    """(visas, policy known). 'none' means known: sponsors none."""
    value = text.strip().casefold()
    if value in {"none", "no", "no visa", "citizens only", "n/a"}:
        return [], True
    if value in {"both", "all", "j1 and h1b", "j1/h1b"}:
        return [VisaType.J1, VisaType.H1B], True
    found = []
    for part in re.split(r"[;,/+&]|\band\b|\s+", value):
        key = _norm(part)
        if not key:
            continue
        if key in {"j1", "j"}:
            found.append(VisaType.J1)
        elif key in {"h1b", "h1", "h"}:
            found.append(VisaType.H1B)
        else:
            raise CellError(f"write j1, h1b, both or none, e.g. j1;h1b (found {text!r})")
    return found, True


_CONVERT: dict[str, Callable[[str], Any]] = {
    "max_years_since_graduation": _int,
    "min_step2ck_score": _int,
    "min_usce_months": _int,
    "max_attempts": _int,
    "letters_required": _int,
    "priority": _int,
    "requires_step3": _bool,
    "signal": _signal,
}


def _plain(err: dict[str, Any]) -> str:
    """A pydantic error in our own words."""
    ctx = err.get("ctx") or {}
    kind = err["type"]
    found = f" (found {err['input']!r})" if "input" in err else ""
    if kind in {"less_than_equal", "less_than"}:
        return f"must be at most {ctx.get('le', ctx.get('lt'))}{found}"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}{found}"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "string_pattern_mismatch":
        return f"may hold only letters, digits, dots and dashes (up to 20){found}"
    return err["msg"].removeprefix("Value error, ") + found


# --------------------------------------------------------------------------- reading


def _delimiter(text: str) -> str:
    """`,` `;` or tab: csv.Sniffer on a sample, checked against the header line (where a
    spreadsheet never puts quotes around a separator); the header's most frequent wins
    otherwise."""
    header = text.split("\n", 1)[0]
    try:
        guess = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        guess = ""
    counts = {d: header.count(d) for d in ",;\t"}
    if guess and counts.get(guess):
        return guess
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _identity(name: str, specialty: str) -> tuple[str, str]:
    return (" ".join(name.casefold().split()), " ".join(specialty.casefold().split()))


def import_programs_csv(text: str, dossier: Dossier) -> ImportResult:
    result = ImportResult()
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        result.errors.append(RowError(None, "the file is empty"))
        return result
    result.delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=result.delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        result.errors.append(RowError(None, f"cannot read the header row: {exc}"))
        return result

    mapping: dict[int, str] = {}
    for index, raw in enumerate(header):
        column = ALIASES.get(_norm(raw))
        if column is None or column in mapping.values():
            if raw.strip():
                result.ignored_columns.append(raw.strip())
            continue
        mapping[index] = column
    if "name" not in mapping.values():
        shown = ", ".join(repr(h.strip()) for h in header if h.strip()) or "none"
        result.errors.append(
            RowError(
                None,
                f"no program name column (the header row has: {shown}); "
                "name a column 'name' or 'Program Name'",
            )
        )
        return result

    # Errors name a column the way the user's spreadsheet spells it, not our internal key.
    header_of = {column: header[index].strip() for index, column in mapping.items()}
    header_of["visas_sponsored"] = header_of.get("visas", "visas")

    by_acgme = {p.acgme_id.casefold(): "already in your programs" for p in dossier.programs}
    by_acgme.pop("", None)
    by_identity = {
        _identity(p.name, p.specialty): "already in your programs" for p in dossier.programs
    }
    ids = {p.id for p in dossier.programs}

    row_number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row_number += 1
            result.errors.append(RowError(row_number, f"cannot read this row: {exc}"))
            break
        row_number += 1
        if not any(c.strip() for c in cells):
            continue
        result.rows += 1
        values: dict[str, Any] = {}
        errors: list[RowError] = []
        for index, column in mapping.items():
            raw = cells[index].strip() if index < len(cells) else ""
            if not raw:
                continue
            try:
                if column == "visas":
                    values["visas_sponsored"], values["visa_policy_known"] = _visas(raw)
                elif column in _CONVERT:
                    values[column] = _CONVERT[column](raw)
                else:
                    values[column] = raw
            except CellError as exc:
                errors.append(RowError(row_number, str(exc), header_of.get(column, column)))
        if values.get("signal") == "yes":
            values["signal"] = default_tier(canonical(str(values.get("specialty", "")))).value
        if not values.get("name"):
            errors.append(RowError(row_number, "the program name is empty", header_of["name"]))
        if not errors:
            program_id = new_program_id()
            while program_id in ids:  # pragma: no cover - 1 in 4 billion
                program_id = new_program_id()
            try:
                program = Program(id=program_id, **values)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    loc = str(err["loc"][0]) if err["loc"] else ""
                    column = "visas" if loc.startswith("visa") else loc
                    errors.append(RowError(row_number, _plain(err), header_of.get(column, column)))
        if errors:
            result.errors += errors
            continue
        acgme = program.acgme_id.casefold()
        identity = _identity(program.name, program.specialty)
        reason = (by_acgme.get(acgme) if acgme else None) or by_identity.get(identity)
        if reason:
            result.duplicates.append(Duplicate(row_number, program.name, reason))
            continue
        if acgme:
            by_acgme[acgme] = f"same as row {row_number}"
        by_identity[identity] = f"same as row {row_number}"
        ids.add(program.id)
        result.programs.append(program)
    return result


def decode(raw: bytes) -> tuple[str, list[str]]:
    """Bytes of a CSV file as text, with a note when it was not UTF-8. UTF-8 (with or
    without BOM), UTF-16 with a BOM (Excel's 'Unicode text'), else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), []
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), [
            "the file is not UTF-8; it was read as Windows-1252 (Excel's default): "
            "check accented names, or save it as 'CSV UTF-8'"
        ]


# --------------------------------------------------------------------------- the file

MAX_CSV_BYTES = 5_000_000  # far more than any list of programs; refuses a wrong file early


class CsvFileError(ValueError):
    """The file cannot be read as a CSV file; the message says why, for the user."""


def _refuse_kind(path: os.PathLike[str] | str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise CsvFileError(f"{path} is a folder: give the path of the .csv file in it")
    if not stat.S_ISREG(mode):
        # A FIFO would wait for a writer forever, /dev/zero never ends: neither is a CSV file.
        raise CsvFileError(
            f"{path} is not a regular file (a pipe, device or socket): export your "
            "spreadsheet as a .csv file and give that file's path"
        )


def _too_large(path: os.PathLike[str] | str, size: int | str) -> CsvFileError:
    shown = f"{size:,} bytes" if isinstance(size, int) else size
    return CsvFileError(
        f"{path} is {shown}: too large to be a list of programs (at most {MAX_CSV_BYTES:,} bytes)"
    )


def read_csv_file(path: os.PathLike[str] | str) -> tuple[str, list[str]]:
    """The text of a CSV file and notes on how it was decoded. Refuses, before opening, what
    is not a regular file (a FIFO, a device), and anything over MAX_CSV_BYTES; opens with
    O_NONBLOCK so a file swapped for a FIFO after the check cannot block either, and reads at
    most MAX_CSV_BYTES + 1 bytes whatever the file claims. CsvFileError says what is wrong."""
    shown = os.fspath(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise CsvFileError(f"no such file: {shown}") from None
    except OSError as exc:
        raise CsvFileError(f"cannot read {shown}: {exc.strerror or exc}") from None
    _refuse_kind(shown, st.st_mode)
    if st.st_size > MAX_CSV_BYTES:
        raise _too_large(shown, st.st_size)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise CsvFileError(f"cannot read {shown}: {exc.strerror or exc}") from None
    try:
        _refuse_kind(shown, os.fstat(fd).st_mode)  # the file actually opened
        chunks, size = [], 0
        while size <= MAX_CSV_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_CSV_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise CsvFileError(f"cannot read {shown}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > MAX_CSV_BYTES:
        raise _too_large(shown, "larger than it said")
    return decode(b"".join(chunks))
