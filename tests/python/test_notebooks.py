"""The example notebooks run from top to bottom (nbclient, the python3 kernel), so they never
rot: every cell executes without an error, in seconds."""

import os
import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "examples").glob("*.ipynb"))


def test_there_are_the_two_examples():
    names = {p.name for p in NOTEBOOKS}
    assert {"tune-a-strategy.ipynb", "analyse-an-anac-domain.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: pathlib.Path, monkeypatch):
    # The kernel is another process, started in examples/: it finds the package of this build
    # through an absolute PYTHONPATH.
    paths = [str(pathlib.Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(":") if p]
    monkeypatch.setenv("PYTHONPATH", ":".join(paths))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [output for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    assert not errors
    # Every code cell ran and the last shows something.
    assert all(cell.get("execution_count") for cell in notebook.cells if cell.cell_type == "code")
