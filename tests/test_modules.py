"""Every module of the project imports: code that no test happens to load (a management command,
the demo programme) cannot carry a broken import after code moved between layers."""

import importlib
import pkgutil
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAKKETTEN = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def modules() -> list[str]:
    namen = []
    for pakket in PAKKETTEN:
        namen.append(pakket)
        pad = [str(ROOT / pakket)]
        namen += [m.name for m in pkgutil.walk_packages(pad, f"{pakket}.") if ".migrations." not in m.name]
    return namen


@pytest.mark.parametrize("naam", modules())
def test_the_module_imports(naam):
    assert importlib.import_module(naam).__name__ == naam
