"""Document rules: missing documents and what is wrong with each document's real file."""

from __future__ import annotations

import builtins
import datetime as dt
import os

import pytest

from imgwizard.model import DOCUMENT_LABELS, DocStatus, new_dossier
from imgwizard.rules import Severity, run_all
from imgwizard.rules.documents import document_files, missing_documents
from imgwizard.rules.files import probe, probe_cache
from tests.builders import TINY_JPEG, TINY_PDF, TINY_PNG, complete_dossier, make_season, write

TODAY = dt.date(2026, 11, 24)


def codes(findings):
    return sorted(f.code for f in findings)


@pytest.mark.parametrize("key", list(DOCUMENT_LABELS))
@pytest.mark.parametrize(
    ("status", "path", "expected"),
    [
        (DocStatus.MISSING, "", True),
        (DocStatus.DRAFTING, "", True),
        (DocStatus.READY, "", False),
        (DocStatus.UPLOADED, "", False),
        (DocStatus.NOT_APPLICABLE, "", False),
        (DocStatus.MISSING, "/somewhere/file.pdf", False),
    ],
)
def test_missing_document_table(key, status, path, expected):
    d = new_dossier(TODAY)
    doc = getattr(d.documents, key)
    doc.status, doc.path = status, path
    found = [f for f in missing_documents(d, make_season(), TODAY) if f.subject == key]
    assert bool(found) is expected
    if expected:
        (f,) = found
        # The photo is optional in ERAS: a note, never a blocker.
        want = ("none", Severity.INFO) if key == "photo" else ("missing", Severity.BLOCKER)
        assert (f.code, f.severity) == (f"documents.{key}.{want[0]}", want[1])
        assert f.step == "documents"
        assert DOCUMENT_LABELS[key].lower() in f.message.lower()
        assert f.fix


def _with_file(tmp_path, key, content, name):
    d = new_dossier(TODAY)
    doc = getattr(d.documents, key)
    doc.path = write(tmp_path / name, content) if content is not None else str(tmp_path / name)
    doc.status = DocStatus.READY
    return d


@pytest.mark.parametrize(
    ("key", "name", "content", "facts", "expected"),
    [
        ("cv", "cv.pdf", TINY_PDF, {}, None),
        ("cv", "cv.pdf", b"just some text, not a PDF", {}, "documents.cv.not_pdf"),
        ("cv", "cv.pdf", b"", {}, "documents.cv.empty"),
        ("cv", "gone.pdf", None, {}, "documents.cv.not_found"),
        ("mspe", "mspe.pdf", b"\n" * 100 + TINY_PDF, {}, None),  # header within 1024 bytes
        ("mspe", "mspe.pdf", b" " * 1100 + TINY_PDF, {}, "documents.mspe.not_pdf"),
        ("mspe", "mspe.pdf", TINY_PDF, {"eras.document_max_kb": 0}, "documents.mspe.too_large"),
        ("medical_school_transcript", "t.PDF", TINY_PDF, {}, None),
        ("photo", "photo.jpg", TINY_JPEG, {}, None),
        ("photo", "photo.jpg", TINY_PDF, {}, "documents.photo.not_jpeg"),
        ("photo", "photo.png", TINY_PNG, {}, "documents.photo.not_jpeg"),
        ("photo", "photo.png", TINY_PNG, {"eras.photo_format": "JPEG or PNG"}, None),
        ("photo", "photo.jpg", TINY_JPEG + b"\0" * 151_000, {}, "documents.photo.too_large"),
        ("photo", "photo.jpg", TINY_JPEG + b"\0" * 149_000, {}, None),
        ("photo", "photo.jpg", b"", {}, "documents.photo.empty"),
    ],
)
def test_document_file_table(tmp_path, key, name, content, facts, expected):
    d = _with_file(tmp_path, key, content, name)
    found = [
        f for f in document_files(d, make_season(facts), TODAY) if f.code != "season.value_unknown"
    ]
    assert codes(found) == ([expected] if expected else [])
    for f in found:
        assert f.severity is Severity.BLOCKER and f.step == "documents" and f.subject == key
        assert str(tmp_path / name) in f.message
        assert f.fix


def test_folder_instead_of_file(tmp_path):
    d = new_dossier(TODAY)
    d.documents.cv.path = str(tmp_path)
    assert codes(document_files(d, make_season(), TODAY)) == ["documents.cv.not_a_file"]


def test_not_applicable_document_with_path_is_not_checked(tmp_path):
    d = new_dossier(TODAY)
    d.documents.cv.path = str(tmp_path / "gone.pdf")
    d.documents.cv.status = DocStatus.NOT_APPLICABLE
    assert list(document_files(d, make_season(), TODAY)) == []


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "mspe.pdf", TINY_PDF)
    d = new_dossier(TODAY)
    d.documents.mspe.path = path
    if os.geteuid() == 0:  # root reads anything: simulate the refusal instead
        real_open = builtins.open

        def refusing_open(file, *args, **kwargs):
            if str(file) == path:
                raise PermissionError(13, "Permission denied", path)
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refusing_open)
    else:
        os.chmod(path, 0)
    try:
        found = list(document_files(d, make_season(), TODAY))
    finally:
        os.chmod(path, 0o600)
    assert codes(found) == ["documents.mspe.unreadable"]
    assert "cannot be read" in found[0].message


def test_photo_size_limit_unknown_is_said(tmp_path):
    d = _with_file(tmp_path, "photo", TINY_JPEG, "p.jpg")
    found = list(document_files(d, make_season({"eras.photo_max_kb": None}), TODAY))
    assert codes(found) == ["season.value_unknown"]
    assert found[0].subject == "eras.photo_max_kb" and found[0].severity is Severity.INFO


def test_probe_cache_looks_once(tmp_path, monkeypatch):
    path = write(tmp_path / "a.pdf", TINY_PDF)
    calls = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: calls.append(p) or real_stat(p, *a, **k))
    with probe_cache():
        probe(path)
        probe(path)
    assert len(calls) == 1


def test_shared_file_is_statted_once_per_run(tmp_path, monkeypatch):
    d = complete_dossier(tmp_path, TODAY)
    shared = d.documents.cv.path
    d.documents.mspe.path = shared
    calls = []
    real_stat = os.stat
    monkeypatch.setattr(
        os, "stat", lambda p, *a, **k: calls.append(str(p)) or real_stat(p, *a, **k)
    )
    run_all(d, make_season(), TODAY)
    assert calls.count(shared) == 1
