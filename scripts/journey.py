"""Print the usability journey's key counts: `python scripts/journey.py`.

Drives the real wizard at 80x24 through the realistic applicant of tests/journey.py and prints,
per step, the navigation keys and the text keys it took (see docs/usability.md).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.journey import report, run


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        journey = asyncio.run(run(Path(tmp) / "dossier.toml", Path(tmp) / "docs"))
    print(report(journey))
    for line in journey.hidden_focus[:40]:
        print("  ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
