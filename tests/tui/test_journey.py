"""The usability journey (tests/journey.py) as a test: the realistic applicant entered key by
key at 80x24 ends up in the saved file, within the key budget of docs/usability.md, and no
focus change leaves the focused widget off screen."""

from __future__ import annotations

import tomllib

from tests.journey import APPLICANT, letter_programs, report, run

# Navigation keys the same journey took before issue 15 (docs/usability.md).
BEFORE_NAV_TOTAL = 835
STEP_BUDGET = 60


async def test_realistic_applicant_key_by_key_at_80x24(tmp_path):
    path = tmp_path / "data" / "dossier.toml"
    journey = await run(path, tmp_path / "docs")
    print(report(journey))

    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    a = APPLICANT
    assert [s["name"] for s in saved["specialties"]] == list(a.specialties)
    assert saved["profile"]["full_name"] == a.full_name
    assert saved["profile"]["usmle_id"] == a.usmle_id
    programs = saved["programs"]
    assert [(p["name"], p["specialty"]) for p in programs] == list(a.programs)
    assert all(p["applied"] for p in programs)
    signalled = [p["name"] for p in programs if p["signal"] not in ("none", False)]
    assert sorted(signalled) == sorted(a.signalled)
    names = {p["id"]: p["name"] for p in programs}
    assert saved["profile"]["visa"] == "j1"
    assert saved["profile"]["us_clinical_experience_months"] == int(a.usce_months)
    assert saved["exams"]["step2ck"]["score"] == int(a.step2ck[2])
    assert saved["education"]["school_name"] == a.school
    for key, file_name in a.documents:
        assert saved["documents"][key]["path"].endswith(file_name)
    assert [ps["text"] for ps in saved["personal_statements"]] == [t for _, t in a.statements]
    letters = saved["letters"]
    assert [x["writer"] for x in letters] == [x.writer for x in a.letters]
    for got, want in zip(letters, a.letters, strict=True):
        assert sorted(names[i] for i in got["program_ids"]) == sorted(letter_programs(want))
        assert str(got["requested_on"]) == want.requested_on
    assert saved["nrmp"]["registered"] and saved["nrmp"]["nrmp_id"] == a.nrmp_id
    assert saved["eras"]["submitted"]
    ivs = saved["interviews"]
    assert [names[i["program_id"]] for i in ivs] == [iv.program for iv in a.interviews]
    assert [str(i["invited_on"]) for i in ivs] == [iv.invited_on for iv in a.interviews]
    assert all(i["status"] == "completed" for i in ivs)
    assert [names[i] for i in saved["rank_list"]["program_ids"]] == list(a.ranks)
    assert saved["rank_list"]["certified"]
    assert saved["match"]["outcome"] == "matched"

    assert journey.hidden_focus == []
    figures = journey.figures()
    nav_total = sum(nav for _, nav, _ in figures)
    assert nav_total * 2 <= BEFORE_NAV_TOTAL, report(journey)
    assert all(nav <= STEP_BUDGET for _, nav, _ in figures), report(journey)
