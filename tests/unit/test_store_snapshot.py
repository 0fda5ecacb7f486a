"""The save's snapshot (issue #18): taken on the thread that edits, encoded elsewhere, and each
long list's item re-encoded only when its fields' values changed."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
import tomli_w
from pydantic import BaseModel, field_serializer

from imgwizard import store
from imgwizard.model import Dossier, Interview, Letter, PersonalStatement, Program
from imgwizard.store import codec

PATH = Path("dossier.toml")


@pytest.fixture(autouse=True)
def _no_kept_items(monkeypatch):
    """Items kept by an earlier test (equal values, other objects) would hide what is tested."""
    monkeypatch.setattr(codec, "_chunks", {})


def _dossier() -> Dossier:
    return Dossier(
        programs=[Program(id=f"p-{i}", name=f"Program {i}") for i in range(4)],
        interviews=[Interview(program_id="p-1", date=dt.date(2026, 12, 1))],
        letters=[Letter(writer="Dr. A", program_ids=["p-0"])],
        personal_statements=[PersonalStatement(specialty="IM", text="text")],
    )


def test_the_long_lists_are_snapshotted_item_by_item():
    """If one of these classes stopped being flat, saves would silently go back to dumping
    the whole dossier: this keeps the fast path in use."""
    for cls in (Program, Interview, Letter, PersonalStatement):
        assert codec.flat_class(cls), cls.__name__
    taken = store.snapshot(_dossier())
    assert set(taken.lists) == set(codec._CACHED_LISTS)
    assert not set(taken.rest) & set(codec._CACHED_LISTS)


def test_a_snapshot_is_the_dossier_as_it_was_when_taken():
    dossier = _dossier()
    store.dumps(dossier)
    taken = store.snapshot(dossier)
    dossier.programs[1].notes = "typed after the snapshot"
    # validate_assignment gives a model a new field dict on assignment; a change made to the
    # dict itself must not reach the snapshot either.
    dossier.programs[2].__dict__["notes"] = "changed in place after the snapshot"
    dossier.programs.append(Program(id="p-late", name="Added after"))
    dossier.profile.full_name = "Changed after"
    before = store.parse(store.encode(taken).decode("utf-8"), PATH)
    assert before.programs[1].notes == ""
    assert before.programs[2].notes == ""
    assert [p.id for p in before.programs] == [f"p-{i}" for i in range(4)]
    assert before.profile.full_name != "Changed after"
    after = store.parse(store.dumps(dossier), PATH)
    assert after == dossier
    assert after.programs[2].notes == "changed in place after the snapshot"


def test_a_list_changed_in_place_after_a_save_is_saved_next_time():
    """The kept copy of an item has lists of its own: an in-place append is a change."""
    dossier = _dossier()
    store.dumps(dossier)
    dossier.letters[0].program_ids.append("p-2")
    dossier.interviews[0].prep_done.append("mock interview")
    saved = store.parse(store.dumps(dossier), PATH)
    assert saved.letters[0].program_ids == ["p-0", "p-2"]
    assert saved.interviews[0].prep_done == ["mock interview"]


class _Nested(BaseModel):
    label: str = ""


class _WithNested(BaseModel):
    inner: _Nested = _Nested()


class _WithSerializer(BaseModel):
    name: str = ""

    @field_serializer("name")
    def _upper(self, value: str) -> str:
        return value.upper()


def test_classes_not_plain_are_dumped_whole():
    assert not codec.flat_class(_WithNested)
    assert not codec.flat_class(_WithSerializer)


def test_every_save_equals_a_whole_dump():
    """After any sequence of edits the file is what tomli_w makes of the whole dossier."""
    dossier = _dossier()
    edits = [
        lambda d: setattr(d.programs[0], "notes", "a"),
        lambda d: d.programs.insert(0, Program(id="p-x", name="X")),
        lambda d: setattr(d.letters[0], "received_on", dt.date(2026, 10, 1)),
        lambda d: d.programs.pop(),
        lambda d: setattr(d.personal_statements[0], "text", "new"),
        lambda d: d.interviews.clear(),
    ]
    for edit in edits:
        edit(dossier)
        text = store.dumps(dossier)
        assert tomllib.loads(text) == tomllib.loads(tomli_w.dumps(store.to_data(dossier)))


def test_an_edit_after_the_snapshot_is_left_for_the_next_save(tmp_path):
    """Autosave takes the snapshot on the UI thread and writes it in a worker: an edit made
    in between is not in that file, and the dossier stays dirty until the next save."""
    from imgwizard.tui.autosave import Autosaver

    dossier = _dossier()
    path = tmp_path / "dossier.toml"
    saver = Autosaver(store.Store(path), lambda: dossier)
    dossier.programs[0].notes = "first"
    generation = saver.edited()
    taken = saver.snapshot()
    dossier.programs[0].notes = "second"
    saver.edited()
    assert saver.save(generation, taken)
    assert store.load(path).programs[0].notes == "first"
    assert saver.dirty
    assert saver.save()
    assert store.load(path).programs[0].notes == "second"
    assert not saver.dirty
