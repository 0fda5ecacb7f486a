"""Write the README's screenshots: the wizard run headless on the demo dossier.

    .venv/bin/python scripts/screenshots.py [--out screenshots]

The applicant (src/imgwizard/demo.py) is fictional; "today" is fixed at 2026-11-24 so the
pictures do not change from one run to the next. Nothing outside a temporary folder is touched.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import tempfile
from pathlib import Path

from imgwizard.demo import TODAY, demo_dossier, missing_documents_dossier

CLOCK = dt.datetime(2026, 11, 24, 9, 30, 0)


def rank_history_dossier(today: dt.date):
    """The demo applicant after certifying the list and then swapping the top two."""
    from imgwizard import ranking

    d = demo_dossier(today)
    rl = d.rank_list
    rl.certified, rl.certified_on = True, today - dt.timedelta(days=2)
    ranking.change(rl, list(reversed(rl.program_ids)), today)
    return d


# (file name, dossier builder, step, size, keys pressed once the step is shown)
SHOTS = (
    ("wizard-sidebar-findings", missing_documents_dossier, "personal_statement", (120, 40), ()),
    ("wizard-documents", demo_dossier, "documents", (120, 40), ()),
    ("wizard-programs", demo_dossier, "programs", (120, 40), ()),
    ("wizard-rank-list", demo_dossier, "rank_list", (120, 40), ()),
    ("wizard-programs-signals", demo_dossier, "programs", (80, 24), ()),
    ("wizard-rank-list-history", rank_history_dossier, "rank_list", (120, 50), ()),
    ("wizard-review", missing_documents_dossier, "documents", (120, 40), ("f2",)),
    ("wizard-80x24", demo_dossier, "eligibility", (80, 24), ()),
    ("wizard-plan", demo_dossier, "documents", (80, 24), ("f7",)),
    ("wizard-budget", demo_dossier, "documents", (80, 24), ("f8",)),
)


async def shoot(folder: Path, out: Path, name, build, step_id, size, keys) -> Path:
    from imgwizard import store
    from imgwizard.settings import Settings
    from imgwizard.tui.app import WizardApp

    path = folder / f"{name}.toml"
    dossier = build(TODAY)
    dossier.wizard.current_step = step_id
    store.save(path, dossier)
    app = WizardApp(path, today=TODAY, settings=Settings(), clock=lambda: CLOCK, preload=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.hold_still()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        target = out / f"{name}.svg"
        app.save_screenshot(filename=target.name, path=str(out))
        await pilot.press("f10")
    return target


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # never the user's settings
        for shot in SHOTS:
            print(await shoot(Path(tmp), out, *shot))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "screenshots"
    )
    asyncio.run(main(parser.parse_args().out))
