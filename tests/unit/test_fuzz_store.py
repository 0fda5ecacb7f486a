"""Property tests of the store: round trips through TOML, and fuzzing of the loader.

Round trips (with test_store's 150): 1,000 whole dossiers + 100 through a real file + 5,000
text-heavy + 3,500 scalar-heavy + 500 list-heavy = 10,250 examples (about 45 s of CPU here).
Fuzzing: 1,000 random texts + 600 TOML-like texts + 500 random byte files + 1,000 mutated valid
files; only StoreError subclasses may escape (load's FileNotFoundError means "no file yet", and
here a file always exists).
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imgwizard import store
from imgwizard.model import (
    DocStatus,
    Dossier,
    Interview,
    InterviewFormat,
    Letter,
    MatchOutcome,
    Outcome,
    PathwayStatus,
    PersonalStatement,
    Program,
    Specialty,
    Visa,
)
from tests.strategies import dossiers, program_ids, text

PATH = Path("/nonexistent/dossier.toml")  # parse never touches the disk
SCRATCH = Path(tempfile.mkdtemp(prefix="imgwizard-fuzz-"))
atexit.register(shutil.rmtree, SCRATCH, True)


def fast(n: int):
    return settings(
        max_examples=n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def round_trip(d: Dossier) -> None:
    assert store.parse(store.dumps(d), PATH) == d


# --------------------------------------------------------------------------- round trips


@fast(1000)
@given(dossiers())
def test_whole_dossier_round_trip(d):
    round_trip(d)


@fast(100)
@given(dossiers())
def test_whole_dossier_round_trip_through_the_file(d):
    path = SCRATCH / "rt" / "dossier.toml"
    store.save(path, d)
    assert store.load(path) == d


# Pieces that are easy to get wrong in TOML: quotes of every kind, backslashes, comment and
# table syntax, newlines of every kind, markup, escape sequences, bidi and combining marks.
TOKENS = [
    '"', "'", '"""', "'''", "\\", "\\n", "\\u0041", "#", "=", "[", "]", "[[x]]", "\n", "\r\n",
    "\r", "\t", "\x00", "\x7f", "\x1b[31m", "[red]", "[/]", "[@click=app.quit]x[/]", "\u202e",
    "\u200f", "e\u0301", "\ufeff", "\u2028", "𝕏", "🩺",
]  # fmt: skip
hostile = st.lists(st.one_of(text, st.sampled_from(TOKENS)), max_size=6).map("".join)


@fast(5000)
@given(hostile, hostile)
def test_text_fields_round_trip(a, b):
    """One hostile text in every kind of place: top-level, nested tables, arrays of tables."""
    d = Dossier()
    d.profile.full_name = d.education.school_name = d.backup_plan = d.match.notes = a
    d.documents.cv.notes = b
    d.profile.citizenship = d.education.school_country = b[:200]
    d.programs = [Program(id="p-00000001", name=a, notes=b), Program(id="p-2", city=b)]
    d.personal_statements = [PersonalStatement(text=a, specialty=b[:200])]
    d.letters = [Letter(writer=b, writer_role=a)]
    d.specialties = [Specialty(name=a)]
    d.interviews = [Interview(program_name=b, notes=a)]
    round_trip(d)


any_date = st.dates()  # year 1 to 9999: TOML's whole range
opt_any_date = st.none() | any_date


@fast(3500)
@given(
    st.fixed_dictionaries(
        {
            "profile": st.fixed_dictionaries(
                {
                    "visa": st.sampled_from(Visa),
                    "us_clinical_experience_months": st.integers(0, 240),
                    "target_match_year": st.none() | st.integers(1950, 2100),
                }
            ),
            "education": st.fixed_dictionaries(
                {
                    "graduation_date": opt_any_date,
                    "world_directory_listed": st.none() | st.booleans(),
                    "ecfmg_note_from_year": st.none() | st.integers(1950, 2000),
                    "ecfmg_note_to_year": st.none() | st.integers(2000, 2100),
                }
            ),
            "exams": st.fixed_dictionaries(
                {
                    "step2ck": st.fixed_dictionaries(
                        {
                            "outcome": st.sampled_from(Outcome),
                            "score": st.none() | st.integers(1, 300),
                            "attempts": st.integers(0, 20),
                            "taken_on": opt_any_date,
                        }
                    ),
                    "oet": st.fixed_dictionaries(
                        {k: st.none() | st.integers(0, 500) for k in ("listening", "writing")}
                    ),
                }
            ),
            "ecfmg": st.fixed_dictionaries(
                {
                    "pathway": st.none() | st.integers(1, 6),
                    "pathway_status": st.sampled_from(PathwayStatus),
                    "certified": st.booleans(),
                    "certified_on": opt_any_date,
                }
            ),
            "match": st.fixed_dictionaries({"outcome": st.sampled_from(MatchOutcome)}),
        }
    )
)
def test_scalar_fields_round_trip(data):
    d = Dossier.model_validate({k: {kk: v for kk, v in part.items()} for k, part in data.items()})
    round_trip(d)


@fast(500)
@given(
    st.lists(program_ids, max_size=12, unique=True),
    st.lists(st.sampled_from(DocStatus), max_size=6),
    st.lists(st.tuples(opt_any_date, st.sampled_from(InterviewFormat)), max_size=6),
)
def test_list_fields_round_trip(ids, statuses, interviews):
    d = Dossier()
    d.programs = [Program(id=i, priority=1 + n % 5) for n, i in enumerate(ids)]
    d.rank_list.program_ids = list(reversed(ids))
    d.personal_statements = [PersonalStatement(status=s) for s in statuses]
    d.interviews = [
        {"date": day, "format": fmt, "program_id": ids[0] if ids else ""} for day, fmt in interviews
    ]
    d = Dossier.model_validate(d.model_dump())
    round_trip(d)


# --------------------------------------------------------------------------- fuzzing


def parse_or_refuse(text_: str) -> None:
    try:
        result = store.parse(text_, PATH)
    except store.StoreError as exc:
        assert exc.path == PATH
        assert exc.describe().startswith(exc.headline)
    else:
        assert isinstance(result, Dossier)


def load_or_refuse(raw: bytes) -> None:
    path = SCRATCH / "fuzz.toml"
    path.write_bytes(raw)
    try:
        result = store.load(path)
    except store.StoreError as exc:
        assert "What to do" in exc.describe()
    else:
        assert isinstance(result, Dossier)
    assert path.read_bytes() == raw


@fast(1000)
@given(st.text())
def test_parse_random_text_raises_only_store_errors(random_text):
    parse_or_refuse(random_text)


TOML_BITS = [
    "schema_version = ", "0", "1", "2", "-1", "inf", "nan", "1e400", "99999999999999999999",
    "\n", " ", "=", "[", "]", "[[", "]]", "{", "}", ",", ".", '"', "'", "#", "true",
    "2024-01-01", "1979-05-27T07:32:00Z", "profile", "programs", "exams", "step2ck", "score",
    "full_name", "name", "graduation_year", "specialties", "current_step", "wizard", "id",
    "p-1", "[profile]", "[[programs]]", "[exams.step2ck]", store.FOOTER, store.HEADER,
]  # fmt: skip


@fast(600)
@given(st.lists(st.sampled_from(TOML_BITS), max_size=40).map("".join))
def test_parse_toml_like_text_raises_only_store_errors(toml_like):
    parse_or_refuse(toml_like)


@fast(500)
@given(st.binary(max_size=3000))
def test_load_random_bytes_raises_only_store_errors(raw):
    load_or_refuse(raw)


def _valid_files() -> list[bytes]:
    rich = Dossier()
    rich.profile.full_name = "Zoë عائشة [red]x[/]"
    rich.exams.step2ck.score = 241
    rich.education.graduation_date = dt.date(2019, 6, 30)
    rich.programs = [
        Program(id=f"p-{i:08x}", name=f"P{i}", min_step2ck_score=220) for i in range(3)
    ]
    rich.letters = [Letter(writer="Dr 李", program_ids=["p-00000001"])]
    v0 = (Path(__file__).parents[1] / "fixtures" / "v0_dossier.toml").read_bytes()
    return [store.dumps(Dossier()).encode(), store.dumps(rich).encode(), v0]


VALID = _valid_files()

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 40)),
    st.tuples(st.just("repeat"), st.integers(0, 10**6), st.integers(1, 80)),
)


def mutate(raw: bytes, steps) -> bytes:
    for kind, at, arg in steps:
        at = at % (len(raw) + 1)
        if kind == "flip" and raw:
            at = at % len(raw)
            raw = raw[:at] + bytes([raw[at] ^ arg]) + raw[at + 1 :]
        elif kind == "cut":
            raw = raw[:at]
        elif kind == "insert":
            raw = raw[:at] + arg + raw[at:]
        elif kind == "delete":
            raw = raw[:at] + raw[at + arg :]
        elif kind == "repeat":
            raw = raw[:at] + raw[at : at + arg] + raw[at:]
    return raw


@fast(1000)
@given(st.sampled_from(VALID), st.lists(mutation, min_size=1, max_size=4))
def test_load_mutated_valid_files_raises_only_store_errors(raw, steps):
    load_or_refuse(mutate(raw, steps))


def test_mutation_fuzzer_really_breaks_files():
    """The mutated-file fuzz is only worth something if mutations do make bad files."""
    raw = VALID[1]
    refused = 0
    for at in range(0, len(raw), 7):
        try:
            store.parse(mutate(raw, [("flip", at, 0x20)]).decode("utf-8", "replace"), PATH)
        except store.StoreError:
            refused += 1
    assert refused > len(raw) // 7 // 4
