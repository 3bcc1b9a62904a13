"""Repository contracts: the README's test command is what CI runs; ruff passes; imports are declared."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from importlib.metadata import packages_distributions

import pytest

from .conftest import ROOT


def _readme_block(after: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(after, 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return block.strip()


def test_ci_runs_the_readme_test_command():
    command = _readme_block("**Install and run the tests:**")
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pytest" in command


def test_readme_app_command_starts_streamlit():
    command = _readme_block("**Install and run the app**")
    assert command.endswith("streamlit run app.py")
    assert "requirements.txt" in command


@pytest.mark.parametrize(
    "command", [["check", "--output-format", "concise", "."], ["format", "--check", "."]], ids=["lint", "format"]
)
def test_ruff_passes(command):
    pytest.importorskip("ruff")
    result = subprocess.run([sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _local(module: str) -> bool:
    # The repository's own packages and scripts (tools/*.py run as scripts import their neighbours).
    return (ROOT / module).is_dir() or (ROOT / f"{module}.py").exists() or (ROOT / "tools" / f"{module}.py").exists()


def _declared(*files: str) -> set[str]:
    names = set()
    for name in files:
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            match = re.match(r"([A-Za-z0-9_.-]+)", line.strip())
            if match and not line.startswith(("#", "-r")):
                names.add(re.sub(r"[-_.]+", "-", match.group(1)).lower())
    return names


def _imported(folders: list[str]) -> dict[str, str]:
    """Top-level modules imported by the Python files of ``folders`` (module → a file importing it)."""
    found: dict[str, str] = {}
    for folder in folders:
        paths = [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py")
        for path in paths:
            if "vendor" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    found.setdefault(module.split(".")[0], str(path.relative_to(ROOT)))
    return {m: f for m, f in found.items() if m not in sys.stdlib_module_names and not _local(m)}


@pytest.mark.parametrize(
    ("folders", "requirements"),
    [
        (["app.py", "pages", "dashboard", "imc_data"], ["requirements.txt"]),
        (["tests", "bench", "tools"], ["requirements.txt", "requirements-dev.txt"]),
    ],
    ids=["app", "tests-and-tools"],
)
@pytest.mark.slow
def test_every_package_imported_directly_is_declared(folders, requirements):
    declared = _declared(*requirements)
    distributions = packages_distributions()
    missing = {
        module: where
        for module, where in _imported(folders).items()
        if not any(re.sub(r"[-_.]+", "-", d).lower() in declared for d in distributions.get(module, [module]))
    }
    assert missing == {}, f"imported but not declared in {requirements}: {missing}"


def test_no_streamlit_or_plotting_in_the_data_layer():
    for path in (ROOT / "imc_data").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("import streamlit", "import plotly", "import pydeck", "from streamlit", "from plotly"):
            assert banned not in text, f"{path.name} imports {banned}"


def test_python_is_3_11_or_newer():
    assert sys.version_info >= (3, 11)
