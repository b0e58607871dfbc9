"""One installed name: the product's folders are deskpilot's subpackages, and the import contracts cover the core."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
UPPER = {"cli", "gui", "recorder", "player", "platform", "demoapp", "recordings"}


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]  # type: ignore[no-any-return]


def test_every_core_module_is_under_the_core_contract() -> None:
    core = next(c for c in _contracts() if "The core never imports" in str(c["name"]))
    listed = {str(name).removeprefix("deskpilot.") for name in core["source_modules"]}  # type: ignore[attr-defined]
    present = {p.stem if p.is_file() else p.name for p in (REPO / "deskpilot").iterdir()
               if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())}
    assert present - UPPER == listed, "list new core modules in pyproject's core contract"


def test_no_import_contract_ignores_anything_or_allows_indirect_imports() -> None:
    for contract in _contracts():
        assert "ignore_imports" not in contract and not contract.get("allow_indirect_imports"), contract["name"]


def test_the_product_folders_are_linked_into_the_one_package() -> None:
    for name in ("recorder", "player", "gui", "recordings"):
        link = REPO / "deskpilot" / name
        assert link.is_symlink() and link.resolve() == (REPO / name).resolve(), name


def test_no_code_imports_a_generic_top_level_name() -> None:
    files = subprocess.run(["git", "ls-files", "*.py"], cwd=REPO, capture_output=True, text=True).stdout.split()
    bare = re.compile(r"^\s*(from|import)\s+(recorder|player|gui|demoapp)\b", re.M)
    offenders = [f for f in files if bare.search((REPO / f).read_text(encoding="utf-8"))]
    assert offenders == []
