"""The import contracts of pyproject.toml (docs/decisions/0011-layers.md) hold on this tree, and
they are not a check that cannot fail: one forbidden import in a copy of the tree breaks them."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PAKKETTEN = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def lint_imports(map: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(map / "pyproject.toml")],
        cwd=map,
        env={"PYTHONPATH": str(map), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def kopie(tmp_path_factory) -> Path:
    map = tmp_path_factory.mktemp("boom")
    shutil.copy(ROOT / "pyproject.toml", map)
    for pakket in PAKKETTEN:
        shutil.copytree(ROOT / pakket, map / pakket, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return map


def test_the_contracts_hold_on_this_tree(kopie):
    uitkomst = lint_imports(kopie)
    assert uitkomst.returncode == 0, uitkomst.stdout
    assert "Contracts: 4 kept, 0 broken." in uitkomst.stdout


def test_no_contract_makes_an_exception():
    contracten = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert [c["name"] for c in contracten if c.get("ignore_imports")] == []


@pytest.mark.parametrize(
    ("bestand", "regel", "contract"),
    [
        ("toolkit/tabular.py", "import accounts.models", "Layers"),
        ("gemeenten/selectors.py", "from nulmeting import selectors", "Layers"),
        ("advies/selectors.py", "import rondes.models", "Layers"),
        ("nulmeting/selectors.py", "import pandas", "pandas only in the reports"),
        ("rapportage/inhoud.py", "import weasyprint", "WeasyPrint only in the toolkit"),
        ("nulmeting/kaarten.py", "import matplotlib", "matplotlib only in the toolkit"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(kopie, bestand, regel, contract):
    pad = kopie / bestand
    origineel = pad.read_text()
    pad.write_text(origineel + f"\n{regel}\n")
    try:
        uitkomst = lint_imports(kopie)
    finally:
        pad.write_text(origineel)
    assert uitkomst.returncode != 0
    gebroken = [r for r in uitkomst.stdout.splitlines() if " BROKEN" in r]
    assert len(gebroken) == 1 and gebroken[0].startswith(contract), uitkomst.stdout
