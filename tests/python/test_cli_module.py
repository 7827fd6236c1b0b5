"""`python3 -m treatysim` is the treatysim command line: same output, same exit statuses."""

import os
import subprocess
import sys

from conftest import ROOT


def module(*args):
    return subprocess.run([sys.executable, "-m", "treatysim", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, env=os.environ.copy())


def test_same_output_as_the_executable(cli):
    for args in (["run", "configs/sta-2024.toml", "--seed", 3], ["agents", "--format", "json"],
                 ["--version"]):
        result = module(*args)
        assert result.returncode == 0
        assert result.stdout == cli(*args).stdout


def test_same_errors_and_status(cli):
    result = module("run", "configs/no-such.toml")
    assert result.returncode == 2
    assert result.stderr == cli("run", "configs/no-such.toml", check=False).stderr
