"""Hostile text: markup, escape sequences, control characters, bidi and combining marks, and very
long fields are saved and read back exactly; text that cannot be written as UTF-8 (lone
surrogates) is refused at the model's edge with a clear message, before it reaches the file."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from imgwizard import store
from imgwizard.model import Dossier, Interview, Letter, PersonalStatement, Program

HOSTILE = {
    "markup-open": "[red]Ana[/red]",
    "markup-close": "[/]",
    "markup-click": "[@click=app.quit]x[/]",
    "markup-link": "[link=https://example.org]x[/link]",
    "rich-escape": "\\[not markup] and a trailing backslash \\",
    "ansi-colour": "\x1b[31mred\x1b[0m",
    "ansi-clear": "\x1b[2J\x1b[H\x1b]0;title\x07",
    "ansi-8bit-csi": "\x9b31m",
    "control-chars": "".join(chr(c) for c in range(32) if c not in (10,)) + "\x7f",
    "nul": "a\x00b",
    "newlines": "one\ntwo\r\nthree\rfour\u2028five\u2029six\x85seven",
    "toml-syntax": "x = 1\n[profile]\n[[programs]]\n# comment\n'''\"\"\"",
    "quotes": "\"double\" 'single' `back` «guillemets»",
    "rtl-arabic": "عائشة بنت محمد",
    "rtl-hebrew-override": "abc\u202edcba\u202c \u200f",
    "combining": "e\u0301 n\u0303 Z\u0335\u0321\u0327a\u0336\u0322l\u0337g\u0338o",
    "zero-width": "a\u200bb\u200dc\ufeffd",
    "emoji": "🩺👩🏽‍⚕️🇳🇬",
    "astral": "𝕏𝔸𐍈",
    "cjk": "李小龍 医学部",
    "only-space": "   ",
    "long-100k": ("Dr [b]X[/b] \x1b[1m عائشة e\u0301 " * 4000)[:100_000],
}


def put_everywhere(value: str) -> Dossier:
    d = Dossier()
    d.profile.full_name = value
    d.backup_plan = value
    d.match.notes = value
    d.documents.cv.notes = value
    short = value[:200]
    d.profile.citizenship = short
    d.education.school_name = value[:500]
    d.programs = [Program(id="p-00000001", name=value[:500], notes=value, city=short)]
    d.personal_statements = [PersonalStatement(specialty=short, title=value[:500], text=value)]
    d.letters = [Letter(writer=value[:500], writer_role=value[:500], specialty=short)]
    d.interviews = [Interview(program_name=value[:500], notes=value, prep_done=[short])]
    return d


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_is_saved_and_read_back_exactly(data_file, value):
    d = put_everywhere(value)
    store.save(data_file, d)
    back = store.load(data_file)
    assert back == d
    assert back.profile.full_name == value  # exact, character for character
    assert back.programs[0].notes == value
    # Nothing in the text escaped the string it belongs to: one header, one end line.
    text = data_file.read_text("utf-8")
    assert text.count("\n# end of dossier") == 1
    assert text.count("\n[profile]\n") == 1


def test_every_hostile_value_in_one_file(data_file):
    d = Dossier()
    d.programs = [
        Program(id=f"p-{i:08x}", name=name, notes=value)
        for i, (name, value) in enumerate(HOSTILE.items())
    ]
    store.save(data_file, d)
    assert store.load(data_file) == d


def test_longest_allowed_field_round_trips_and_longer_is_refused(data_file):
    d = Dossier()
    d.backup_plan = "é" * 200_000  # the model's limit; 400 kB of UTF-8
    store.save(data_file, d)
    assert store.load(data_file).backup_plan == d.backup_plan
    with pytest.raises(ValidationError, match="at most 200000 characters"):
        d.backup_plan = "x" * 200_001
    assert store.load(data_file).backup_plan == "é" * 200_000


@pytest.mark.parametrize(
    "assign",
    [
        lambda d: setattr(d.profile, "full_name", "Ana \udcff"),
        lambda d: setattr(d.documents.cv, "path", "/home/ana/CV-\udce9.pdf"),
        lambda d: d.programs.append(Program(name="\ud800")),
        lambda d: d.letters.append(Letter(program_ids=["p-\udc80"])),
        lambda d: setattr(d, "backup_plan", "\udfff"),
    ],
    ids=["name", "path", "program", "list-item", "top-level"],
)
def test_lone_surrogates_are_refused_at_the_model_edge(data_file, assign):
    d = Dossier()
    d.profile.full_name = "kept"
    store.save(data_file, d)
    with pytest.raises(ValidationError) as info:
        assign(d)
    message = str(info.value)
    assert "not valid text" in message and "not UTF-8" in message
    assert d.profile.full_name == "kept"  # the refused value did not get in
    store.save(data_file, d)  # so saving still works
    assert store.load(data_file).profile.full_name == "kept"


def test_surrogates_in_a_hand_edited_file_are_refused_with_the_field(tmp_path):
    path = tmp_path / "dossier.toml"
    # TOML cannot even spell a surrogate: the escape is refused by the parser.
    path.write_text('schema_version = 1\n[profile]\nfull_name = "\\udcff"\n')
    with pytest.raises(store.CorruptFile) as info:
        store.load(path)
    assert info.value.problems[0].line == 3
