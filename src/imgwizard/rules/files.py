"""Look at a document's real file: one stat and one short header read, never the whole file.

`probe(path)` answers exists / is a file / readable / size / first bytes. Within one
`run_all` the answers are cached per path (a contextvar set by run_all), so a file that two
documents share is looked at once. `problem(...)` turns a probe into the one thing wrong with
the file, if any, judged by its content rather than its name.
"""

from __future__ import annotations

import contextvars
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from imgwizard.rules.findings import Finding, Severity
from imgwizard.season.facts import Confidence, Fact

HEADER_BYTES = 1024  # the PDF header may sit anywhere in the first 1024 bytes
# Size limits in the season are in KB; ERAS does not say whether it means 1000 or 1024 bytes,
# so we take the stricter 1000: resizing a file that would have passed costs less than a refusal.
BYTES_PER_KB = 1000

PDF_MAGIC = b"%PDF-"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class Kind(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    JPEG_OR_PNG = "jpeg_or_png"  # when the season's photo format allows PNG too
    ANY = "any"  # anything readable; no content check


@dataclass(frozen=True, slots=True)
class Probe:
    path: Path
    exists: bool = False
    is_file: bool = False
    readable: bool = False
    size: int = 0
    head: bytes = b""
    error: str = ""  # the OS's words when it refused


class Problem(StrEnum):
    """What can be wrong with a file; the value is the last part of a finding's code."""

    NOT_FOUND = "not_found"
    NOT_A_FILE = "not_a_file"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    NOT_PDF = "not_pdf"
    NOT_JPEG = "not_jpeg"
    TOO_LARGE = "too_large"


_cache: contextvars.ContextVar[dict[str, Probe] | None] = contextvars.ContextVar(
    "imgwizard_probe_cache", default=None
)


@contextmanager
def probe_cache() -> Iterator[None]:
    """Within this block each path is probed once (run_all wraps every run in it)."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def resolve(path_text: str) -> Path:
    return Path(os.path.expanduser(path_text))


def probe(path_text: str) -> Probe:
    cache = _cache.get()
    if cache is not None and path_text in cache:
        return cache[path_text]
    result = _probe(resolve(path_text))
    if cache is not None:
        cache[path_text] = result
    return result


def _probe(path: Path) -> Probe:
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return Probe(path)
    except PermissionError as exc:
        return Probe(path, exists=True, is_file=True, error=exc.strerror or str(exc))
    except (OSError, ValueError) as exc:
        return Probe(path, error=getattr(exc, "strerror", None) or str(exc))
    if not stat.S_ISREG(st.st_mode):
        return Probe(path, exists=True)
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEADER_BYTES)
    except OSError as exc:
        return Probe(path, exists=True, is_file=True, size=st.st_size, error=exc.strerror or "")
    return Probe(path, exists=True, is_file=True, readable=True, size=st.st_size, head=head)


def is_pdf(head: bytes) -> bool:
    return PDF_MAGIC in head[:HEADER_BYTES]


def is_jpeg(head: bytes) -> bool:
    return head.startswith(JPEG_MAGIC)


def is_png(head: bytes) -> bool:
    return head.startswith(PNG_MAGIC)


def problem(found: Probe, kind: Kind, max_kb: int | None) -> Problem | None:
    """The first thing wrong with the file, in the order a person would fix them."""
    if not found.exists:
        return Problem.NOT_FOUND
    if not found.is_file:
        return Problem.NOT_A_FILE
    if not found.readable:
        return Problem.UNREADABLE
    if found.size == 0:
        return Problem.EMPTY
    if kind is Kind.PDF and not is_pdf(found.head):
        return Problem.NOT_PDF
    if kind is Kind.JPEG and not is_jpeg(found.head):
        return Problem.NOT_JPEG
    if kind is Kind.JPEG_OR_PNG and not (is_jpeg(found.head) or is_png(found.head)):
        return Problem.NOT_JPEG
    if max_kb is not None and found.size > max_kb * BYTES_PER_KB:
        return Problem.TOO_LARGE
    return None


def size_kb(size: int) -> str:
    return f"{size / BYTES_PER_KB:,.0f} KB"


def describe(
    problem_: Problem, found: Probe, label: str, kind: Kind, max_kb: int | None
) -> tuple[str, str]:
    """(message, fix) for a file problem, naming the document and the path."""
    where = str(found.path)
    if problem_ is Problem.NOT_FOUND:
        return (
            f"{label}: no file at {where}.",
            "Check the path (it may have moved or been renamed) and enter where the file is now.",
        )
    if problem_ is Problem.NOT_A_FILE:
        return (
            f"{label}: {where} is a folder or device, not a file.",
            "Enter the path of the file itself, not of the folder that holds it.",
        )
    if problem_ is Problem.UNREADABLE:
        reason = f" ({found.error})" if found.error else ""
        return (
            f"{label}: the file at {where} cannot be read{reason}.",
            "Give yourself read permission on the file (for example chmod u+r), or copy it "
            "somewhere you can read it and enter the new path.",
        )
    if problem_ is Problem.EMPTY:
        return (
            f"{label}: the file at {where} is empty (0 bytes).",
            "Export or save the document again and check the new file opens before uploading.",
        )
    if problem_ is Problem.NOT_PDF:
        return (
            f"{label}: {where} is not a PDF (its content does not start like one, whatever its "
            "name says).",
            "Open the document and export or print it to PDF, then enter the PDF's path.",
        )
    if problem_ is Problem.NOT_JPEG:
        accepted = "JPEG or PNG" if kind is Kind.JPEG_OR_PNG else "JPEG"
        return (
            f"{label}: {where} is not a {accepted} image (judged by its content, not its name).",
            "Save the photo as a JPEG (.jpg) from an image editor, then enter the new path.",
        )
    limit = f"{max_kb:,} KB" if max_kb is not None else "the limit"
    return (
        f"{label}: the file at {where} is {size_kb(found.size)}, over the {limit} limit.",
        "Make the file smaller (lower the image resolution or compress the PDF) and enter the "
        "new file's path.",
    )


def file_finding(
    code_prefix: str,
    step: str,
    label: str,
    path_text: str,
    kind: Kind,
    max_kb: int | None,
    subject: str = "",
    limit: Fact | None = None,
) -> Finding | None:
    """A blocker `<code_prefix>.<problem>` when the file has a problem, else None.

    `limit` is the season fact behind max_kb: a file over a limit that is only an estimate is a
    warning that says so, never a blocker."""
    found = probe(path_text)
    wrong = problem(found, kind, max_kb)
    if wrong is None:
        return None
    message, fix = describe(wrong, found, label, kind, max_kb)
    data: list[tuple[str, object]] = [("path", str(found.path))]
    if found.is_file and found.exists:
        data.append(("size_bytes", found.size))
    severity = Severity.BLOCKER
    if wrong is Problem.TOO_LARGE and max_kb is not None:
        data.append(("max_kb", max_kb))
        if limit is not None:
            data += [("season_key", limit.key), ("confidence", limit.confidence.value)]
            if limit.confidence is Confidence.ESTIMATE:
                severity = Severity.WARNING
            if limit.confidence is not Confidence.OFFICIAL:
                message += f" (The limit is {limit.display()}.)"
    return Finding(
        f"{code_prefix}.{wrong.value}",
        severity,
        step,
        message,
        fix,
        subject=subject,
        data=tuple(data),
    )


# A JPEG's size is in its frame header (SOF), which may follow a large EXIF block.
PIXEL_SCAN_BYTES = 256 * 1024
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def pixel_size(path_text: str) -> tuple[int, int] | None:
    """(width, height) of a JPEG or PNG image from its header, or None when the file is not
    one or its header cannot be read. Reads at most PIXEL_SCAN_BYTES."""
    try:
        with open(resolve(path_text), "rb") as handle:
            data = handle.read(PIXEL_SCAN_BYTES)
    except OSError:
        return None
    return image_size(data)


def image_size(data: bytes) -> tuple[int, int] | None:
    if data.startswith(PNG_MAGIC) and len(data) >= 24 and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if not data.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if marker in _SOF:
            if at + 9 > len(data):
                return None
            height = int.from_bytes(data[at + 5 : at + 7], "big")
            width = int.from_bytes(data[at + 7 : at + 9], "big")
            return width, height
        if marker == 0xD9 or length < 2:
            return None
        at += 2 + length
    return None
