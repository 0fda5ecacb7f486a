import os
import stat

import pytest
from hypothesis import given, settings

from imgwizard import store
from imgwizard.model import Dossier, Outcome, Program, new_dossier
from tests.strategies import dossiers

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures")


def test_round_trip_keeps_everything(data_file):
    d = new_dossier()
    d.profile.full_name = "Dr [bold]Ana[/] \x1b[31m"
    d.programs.append(Program(name="Mercy IM", min_step2ck_score=230, visas_sponsored=["j1"]))
    store.save(data_file, d)
    assert store.load(data_file) == d


@settings(max_examples=150, deadline=None)
@given(dossiers())
def test_round_trip_property(tmp_path_factory, dossier):
    text = store.dumps(dossier)
    assert store.parse(text, tmp_path_factory.mktemp("x") / "d.toml") == dossier


def test_first_save_is_private_even_with_loose_umask(data_file):
    old = os.umask(0)
    try:
        store.save(data_file, Dossier())
    finally:
        os.umask(old)
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_file.parent.stat().st_mode) == 0o700


def test_backup_keeps_the_file_as_it_was(data_file):
    s = store.Store(data_file)
    first = Dossier()
    first.profile.full_name = "first"
    s.save(first)
    assert not s.backup_path.exists()  # nothing to back up yet
    second = first.model_copy(deep=True)
    second.profile.full_name = "second"
    s.save(second)
    third = second.model_copy(deep=True)
    third.profile.full_name = "third"
    s.save(third)
    # The backup is the file as this session found it, not one keystroke ago.
    assert store.load(s.backup_path).profile.full_name == "first"
    assert store.load(data_file).profile.full_name == "third"
    assert stat.S_IMODE(s.backup_path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"schema_version = 1\nprofile = [", store.CorruptFile, "line 2"),
        (b"", store.CorruptFile, "empty"),
        (
            b"schema_version = 1\n[profile]\nfull_nmae = 'x'\n",
            store.InvalidDossier,
            "did you mean 'full_name'",
        ),
        (b"schema_version = 1\n[exams.step2ck]\nscore = 999\n", store.InvalidDossier, "line 3"),
        (b"schema_version = 99\n", store.FutureSchema, "newer imgwizard"),
        (b"\xff\xfe garbage", store.CorruptFile, "UTF-8"),
    ],
)
def test_bad_files_refused_and_untouched(data_file, content, error, words):
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(content)
    with pytest.raises(error) as info:
        store.load(data_file)
    assert str(data_file) in str(info.value)
    assert words in str(info.value)
    assert "What to do" in str(info.value)
    assert data_file.read_bytes() == content


def test_unknown_key_names_field_and_line(data_file):
    data_file.parent.mkdir(parents=True)
    text = (
        "schema_version = 1\n\n[[programs]]\nid = 'p-1'\n\n[[programs]]\nid = 'p-2'\nnmae = 'x'\n"
    )
    data_file.write_text(text)
    with pytest.raises(store.InvalidDossier) as info:
        store.load(data_file)
    problem = info.value.problems[0]
    assert problem.field == "programs[1].nmae"
    assert problem.line == 8
    assert "did you mean 'name'" in problem.message


def test_interrupted_save_leaves_old_file(data_file, monkeypatch):
    old = Dossier()
    old.profile.full_name = "old"
    store.save(data_file, old)
    before = data_file.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    new = old.model_copy(deep=True)
    new.profile.full_name = "new"
    with pytest.raises(store.SaveError, match="disk is full"):
        store.save(data_file, new)
    monkeypatch.undo()
    assert data_file.read_bytes() == before
    assert [p.name for p in data_file.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_v0_file_migrates():
    path = store.Path(FIXTURES) / "v0_dossier.toml"
    d = store.load(path)
    assert d.schema_version == store.SCHEMA_VERSION
    assert d.profile.full_name == "Amina Test"
    assert d.education.school_name == "Example Medical University"
    assert d.exams.step1.outcome is Outcome.PASSED
    assert d.exams.step2ck.score == 241
    assert [s.name for s in d.specialties] == ["Internal Medicine", "Family Medicine"]
    assert d.wizard.current_step == "documents"


def test_missing_file_gives_new_dossier(data_file):
    d, existed = store.load_or_new(data_file)
    assert not existed
    assert d == new_dossier()
    assert not data_file.exists()


def test_lock_names_holder_and_is_released(data_file):
    first = store.acquire_lock(data_file)
    with pytest.raises(store.LockHeld) as info:
        store.acquire_lock(data_file)
    holder = info.value.holder
    assert holder is not None and holder.pid == os.getpid()
    assert f"pid {os.getpid()}" in str(info.value)
    first.release()
    second = store.acquire_lock(data_file)
    second.release()


def test_resolve_path_order(tmp_path):
    env = {"IMGWIZARD_DATA_FILE": str(tmp_path / "env.toml")}
    assert store.resolve_path(tmp_path / "flag.toml", env) == tmp_path / "flag.toml"
    assert store.resolve_path(None, env) == tmp_path / "env.toml"
    assert store.resolve_path(None, {}).name == "dossier.toml"
    assert "imgwizard" in str(store.resolve_path(None, {}))
