"""Every older schema version, migrated step by step to the current one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from imgwizard.model import SCHEMA_VERSION
from imgwizard.store.errors import FutureSchema, InvalidDossier, Problem, short_repr


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


def _v1_to_v2_documents(data: dict[str, Any]) -> dict[str, Any]:
    """v2: the USMLE transcript is a release authorized in MyERAS and the ECFMG Status Report a
    status to confirm, no longer files. Nothing is dropped: an old path, status or note is kept
    in the new entry's notes."""
    docs = data.get("documents")
    if isinstance(docs, dict):
        for key, flag, date_key in (
            ("usmle_transcript", "authorized", "authorized_on"),
            ("ecfmg_status_report", "confirmed", None),
        ):
            old = docs.get(key)
            if not isinstance(old, dict) or not {"path", "status", "uploaded_on"} & set(old):
                continue
            status = old.pop("status", "missing")
            path = old.pop("path", "")
            uploaded_on = old.pop("uploaded_on", None)
            notes = [str(old.pop("notes", "") or "")]
            new: dict[str, Any] = {flag: status == "uploaded"}
            if date_key and uploaded_on is not None:
                new[date_key] = uploaded_on
            elif uploaded_on is not None:
                notes.append(f"Marked uploaded on {uploaded_on} (before version 2).")
            if status not in ("missing", "uploaded"):
                notes.append(f"Status before version 2: {status}.")
            if path:
                notes.append(f"File recorded before version 2: {path}")
            new["notes"] = "\n".join(n for n in notes if n)
            new.update(old)  # anything else is left for validation to report
            docs[key] = new
    return data


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
    """v2 adds signal tiers, geographic preferences, rank list history and a SOAP plan (only
    the signal needs converting; the new parts start empty), and makes the USMLE transcript a
    release and the ECFMG Status Report a status to confirm (no longer files)."""
    data = _v1_to_v2_signals(data)
    data = _v1_to_v2_documents(data)
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
                    f"schema_version must be a whole number, not {short_repr(version)}",
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
