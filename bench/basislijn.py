"""The eindrapportage's data step beside the code before reports read history (issue 15).

Issue 15 asks that building the eindrapportage from the versions stays within 1.3× of the data
step as it was when the issue was filed, when the reports read the rows as they are now. That
code is commit ``BASISLIJN``. This script measures both, one after the other on the same machine
and database engine: for each, a fresh throwaway database with that checkout's own demo programme
(its ``bench/run.py``: ``throwaway_database``, ``setup_django``, ``build_demo``), then one cold
build and ``BENCH_REPORT_RUNS`` timed builds of ``inhoud.eindrapportage(2012-10-01, landelijk)``
with the cache emptied before each, as ``make bench`` times its data step.

    .venv/bin/python bench/basislijn.py      # writes bench-results/basislijn.json

``make bench`` runs the same comparison (``vergelijken``) and reports it as a target. The
baseline is checked out with ``git worktree`` in a temporary folder and removed afterwards; a
clone without that commit (a shallow one) gets the reason instead of a figure.
"""

import argparse
import contextlib
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULT_FILE = ROOT / "bench-results" / "basislijn.json"

# "Reports: …" on 2026-12-03, the last commit whose reports read the rows as they are now
# (before django-simple-history and the two readings of decision 0013).
BASISLIJN = "bb7a239"
TARGET_RATIO = 1.3
RUNS = int(os.environ.get("BENCH_REPORT_RUNS", "7"))


def datastap(checkout: Path, runs: int) -> dict:
    """Runs inside a child: that checkout's demo programme, then its data step timed: the whole
    eindrapportage and, for the current code, also the part the baseline's report had."""
    sys.path.insert(0, str(checkout / "bench"))
    import run as bench  # the checkout's own bench/run.py, so its own demo and settings

    workdir = Path(tempfile.mkdtemp(prefix="gve-basislijn-"))
    try:
        with bench.throwaway_database(workdir) as database:
            bench.setup_django(workdir)
            bench.build_demo()
            bench.analyze_postgres()
            stap = {"database": database["engine"], **_bouwen_getimed(bench, runs, _eindrapportage)}
            if checkout.resolve() == ROOT:
                stap["zelfde_inhoud"] = _bouwen_getimed(bench, runs, _inhoud_van_de_basislijn)
            return stap
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _eindrapportage(peildatum):
    from rapportage import inhoud
    from rapportage import selectors as s

    return inhoud.eindrapportage(peildatum, s.Afbakening()).cijfers


def _inhoud_van_de_basislijn(peildatum):
    """The current code building what the baseline's eindrapportage held — sections 2.1, 2.2, 4
    and the maps — from the versions; not the sections added since (introduction, summary, 2.3
    from nulmeting to eenmeting, reach) nor table 4.1's share in one unit. Its ratio to the
    baseline is the cost of reading history alone."""
    from rapportage import eind
    from rapportage import selectors as s
    from rapportage.bouwstenen import Sectie, Stand

    afbakening = s.Afbakening()
    stand = Stand.van(peildatum, afbakening)
    nulmeting = eind.Nulmetingperiode.huidige()
    bereik = s.bereik(peildatum, afbakening)
    gesprekken = bereik["gesprekken"]
    deelname = eind.Deelname.bereken(stand, nulmeting)
    pool = eind.Adviseurspool.bereken(stand, nulmeting.tot.year, gesprekken)
    secties = [
        Sectie.uit(
            "2.1 Nulmeting",
            "nulmeting",
            deelname,
            eind.Basisfuncties.bereken(stand, deelname.nu["deelnemers"]),
        ),
        Sectie.uit(
            "2.2 Adviesgesprekken",
            "adviesgesprekken",
            pool,
            eind.Gespreksverloop.bereken(stand),
            eind.Onderwerpen.bereken(stand, gesprekken),
            eind.Themas.bereken(stand, gesprekken),
        ),
        Sectie.uit(
            "4 Kerncijfers",
            "kerncijfers",
            eind.Kerncijfers.bereken(stand, deelname.nu, bereik, pool, 0),
            eind.Spreiding.bereken(stand, pool, gesprekken),
        ),
        Sectie.uit("Kaarten", "kaarten", eind.Kaarten.bereken(stand, nulmeting)),
    ]
    return {k: v for sectie in secties for k, v in sectie.cijfers.items()}


def _bouwen_getimed(bench, runs: int, bouwen) -> dict:
    from django.core.cache import cache

    def bouw() -> tuple[float, int, object]:
        gc.collect()
        cache.clear()
        with bench.query_counter() as counted:
            start = time.perf_counter()
            cijfers = bouwen(bench.PEILDATUM)
            seconds = time.perf_counter() - start
        return seconds, counted["queries"], cijfers

    cold_s, _, _ = bouw()
    builds = [bouw() for _ in range(runs)]
    kengetallen = builds[-1][2]["hoofdstuk_4_kengetallen"]
    return {
        "data_s": round(statistics.median(b[0] for b in builds), 3),
        "data_s_best": round(min(b[0] for b in builds), 3),
        "data_s_runs": [round(b[0], 3) for b in builds],
        "cold_s": round(cold_s, 3),
        "queries": builds[-1][1],
        "sessions_counted": kengetallen["adviesgesprekken_totaal"],
    }


def _meten_in(checkout: Path, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="gve-basislijn-uit-") as folder:
        out = Path(folder) / "stap.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--kind", str(checkout), "--out", str(out)]
        subprocess.run(command, check=True, cwd=checkout, env={**os.environ, "BENCH_REPORT_RUNS": str(runs)})
        return json.loads(out.read_text(encoding="utf-8"))


@contextlib.contextmanager
def basislijn_checkout():
    """The baseline commit in a temporary git worktree, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="gve-basislijn-code-")) / "code"
    git = ["git", "-C", str(ROOT)]
    subprocess.run(
        [*git, "worktree", "add", "--detach", str(folder), BASISLIJN], check=True, capture_output=True
    )
    try:
        yield folder
    finally:
        subprocess.run([*git, "worktree", "remove", "--force", str(folder)], capture_output=True)
        shutil.rmtree(folder.parent, ignore_errors=True)


def basislijn_beschikbaar() -> str | None:
    """``None`` when the baseline commit can be checked out here, else why not."""
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{BASISLIJN}^{{commit}}"], capture_output=True
    )
    if found.returncode != 0:
        return f"commit {BASISLIJN} is not in this clone (a shallow clone?)"
    return None


def vergelijken(runs: int = RUNS) -> dict:
    """Both data steps, the baseline first, and their ratio against the 1.3× of issue 15."""
    reason = basislijn_beschikbaar()
    if reason:
        return {
            "basislijn_commit": BASISLIJN,
            "overgeslagen": reason,
            "ratio": None,
            "target": TARGET_RATIO,
            "pass": False,
        }
    with basislijn_checkout() as checkout:
        basis = _meten_in(checkout, runs)
    nu = _meten_in(ROOT, runs)
    zelfde = nu.pop("zelfde_inhoud")
    ratio = round(zelfde["data_s"] / basis["data_s"], 3)
    return {
        "basislijn_commit": BASISLIJN,
        "basislijn": basis,
        "nu": nu,
        "zelfde_inhoud": zelfde,
        "ratio": ratio,
        "ratio_best": round(zelfde["data_s_best"] / basis["data_s_best"], 3),
        "ratio_hele_rapport": round(nu["data_s"] / basis["data_s"], 3),
        "target": TARGET_RATIO,
        "pass": ratio <= TARGET_RATIO,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kind:
        args.out.write_text(json.dumps(datastap(args.kind, RUNS), default=str), encoding="utf-8")
        return 0
    result = vergelijken()
    RESULT_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULT_FILE.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k not in ("basislijn", "nu")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
