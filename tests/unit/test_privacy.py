"""Privacy: private modes whatever the umask, warnings for files others can read, and no network.

The `no_network` fixture makes any attempt to open a network connection or resolve a name fail
the test; other test modules may import it (`from tests.unit.test_privacy import no_network`).
"""

from __future__ import annotations

import os
import socket
import stat

import pytest

from imgwizard import cli, store
from imgwizard.model import Dossier


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def no_network(monkeypatch):
    """Fail on any outgoing connection or name lookup; yields the list of attempts."""
    attempts: list[str] = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise AssertionError(f"network access attempted: {name} {args!r}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse(name))
    yield attempts
    assert attempts == []


@pytest.mark.parametrize("umask", [0o000, 0o002, 0o022, 0o077])
def test_files_are_private_whatever_the_umask(tmp_path, umask):
    path = tmp_path / "a" / "b" / "dossier.toml"  # two missing folders
    old = os.umask(umask)
    try:
        session = store.Store(path)
        lock = session.acquire()
        session.save(Dossier())
        session.save(Dossier())  # not a backup yet: nothing was there when the session began
        store.Store(path).save(Dossier())  # a new session keeps the backup
        lock.release()
    finally:
        os.umask(old)
    assert mode(path) == 0o600
    assert mode(store.backup_path(path)) == 0o600
    assert mode(store.lock_path(path)) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700
    assert store.permission_warnings(path) == []


def test_existing_open_folder_is_left_alone_but_warned_about(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o755)
    path = folder / "dossier.toml"
    store.save(path, Dossier())
    assert mode(folder) == 0o755  # the user's own folder: we never change it
    assert mode(path) == 0o600
    (warning,) = store.permission_warnings(path)
    assert str(folder) in warning and "chmod 700" in warning


@pytest.mark.parametrize("file_mode", [0o644, 0o640, 0o604, 0o666])
def test_file_others_can_read_is_warned_about(data_file, capsys, file_mode):
    store.save(data_file, Dossier())
    os.chmod(data_file, file_mode)
    warnings = store.permission_warnings(data_file)
    assert len(warnings) == 1
    assert str(data_file) in warnings[0] and "chmod 600" in warnings[0]
    assert cli.main(["where", "--data-file", str(data_file)]) == 0
    assert "chmod 600" in capsys.readouterr().out
    assert mode(data_file) == file_mode  # warned, not silently changed


def test_private_file_gives_no_warning(data_file):
    store.save(data_file, Dossier())
    assert store.permission_warnings(data_file) == []


def test_cli_export_is_private(data_file, tmp_path, capsys):
    """Exports go through store.write_atomic (owned by the export helper; checked here)."""
    store.save(data_file, Dossier())
    out = tmp_path / "out" / "report.md"
    old = os.umask(0)
    try:
        assert cli.main(["export", "--data-file", str(data_file), "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert mode(out) == 0o600
    assert mode(out.parent) == 0o700


def test_full_cli_session_makes_no_network_connection(no_network, data_file, tmp_path, capsys):
    store.save(data_file, Dossier())
    df = ["--data-file", str(data_file)]
    assert cli.main(["where", *df]) == 0
    assert cli.main(["where", "--json", *df]) == 0
    assert cli.main(["check", *df]) in (0, 1)
    assert cli.main(["check", "--json", *df]) in (0, 1)
    for fmt in ("md", "json", "ics"):
        assert cli.main(["export", "--format", fmt, *df, "-o", str(tmp_path / f"x.{fmt}")]) == 0
    assert cli.main(["season", *df]) == 0
    capsys.readouterr()
    assert no_network == []


def test_no_network_fixture_really_blocks(no_network):
    """The guard must catch a real attempt, or the test above proves nothing."""
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.01)
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.getaddrinfo("example.org", 443)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(AssertionError, match="network access attempted"):
            sock.connect(("192.0.2.1", 80))
        with pytest.raises(AssertionError, match="network access attempted"):
            sock.connect_ex(("192.0.2.1", 80))
    finally:
        sock.close()
    assert len(no_network) == 4
    no_network.clear()  # the attempts above were ours


def test_data_file_never_holds_document_contents(data_file, tmp_path):
    """The dossier keeps paths to documents, never their bytes."""
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF-1.7 SECRET-CONTENTS")
    d = Dossier()
    d.documents.cv.path = str(cv)
    store.save(data_file, d)
    text = data_file.read_text()
    assert str(cv) in text and "SECRET-CONTENTS" not in text
    assert store.load(data_file).documents.cv.path == str(cv)


def test_backup_copy_never_writes_through_a_planted_link(tmp_path, monkeypatch):
    """In a folder others can write to (--data-file /tmp/x.toml), a link planted as the backup's
    temporary file between our unlink and our open must not be written through."""
    path = tmp_path / "dossier.toml"
    store.save(path, Dossier())
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours")
    bak_tmp = store.backup_path(path).with_name("dossier.toml.bak.tmp")

    def link_then_lose_the_race(src, dst):
        os.symlink(victim, bak_tmp)  # the other user wins the race
        raise OSError(1, "Operation not permitted")  # and no hard links here: copy instead

    monkeypatch.setattr(os, "link", link_then_lose_the_race)
    with pytest.raises(store.SaveError):
        store.save(path, Dossier(), backup=True)
    assert victim.read_text() == "not yours"
