"""Shared fixtures of the Python package's tests.

Run by CTest (`python/…` tests) with PYTHONPATH=build/python and TREATYSIM_BIN the treatysim
executable of the same build, so that every result of the package is compared with the CLI's
output for the same input, byte for byte where the CLI writes bytes.
"""

import os
import pathlib
import subprocess

import pytest

import treatysim as ts

ROOT = pathlib.Path(__file__).resolve().parents[2]


def cli_path():
    path = os.environ.get("TREATYSIM_BIN")
    if path:
        return path
    from treatysim import _paths

    return _paths.executable()


class Cli:
    """Runs the treatysim executable: cli("run", "configs/x.toml") → CompletedProcess (text)."""

    def __init__(self, path):
        self.path = path

    def __call__(self, *args, cwd=ROOT, check=True):
        result = subprocess.run([self.path, *map(str, args)], cwd=cwd, capture_output=True,
                                text=True)
        if check and result.returncode != 0:
            raise AssertionError(f"treatysim {' '.join(map(str, args))} exited "
                                 f"{result.returncode}: {result.stderr}")
        return result

    def error(self, *args, cwd=ROOT):
        """The message after 'treatysim: error: ' of a command that must fail with status 2."""
        result = self(*args, cwd=cwd, check=False)
        assert result.returncode == 2, (result.returncode, result.stderr)
        prefix = "treatysim: error: "
        assert result.stderr.startswith(prefix), result.stderr
        return result.stderr[len(prefix):].rstrip("\n")


@pytest.fixture(scope="session")
def cli():
    path = cli_path()
    assert path and os.access(path, os.X_OK), "the treatysim executable is needed (TREATYSIM_BIN)"
    return Cli(path)


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def sta():
    return ts.load_scenario(ROOT / "configs" / "sta-2024.toml")


@pytest.fixture(scope="session")
def three():
    return ts.load_scenario(ROOT / "configs" / "three-clauses.toml")


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    """Every test runs in the source tree (relative paths as in the CLI's tests)."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(autouse=True)
def _no_registered_strategies():
    """A test that registers Python strategies does not leak them into the next."""
    before = dict(ts._strategies._registry)
    yield
    ts._strategies._registry.clear()
    ts._strategies._registry.update(before)
