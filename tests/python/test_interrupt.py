"""Ctrl-C stops a tournament, a sweep and many simulated lives promptly, with
KeyboardInterrupt; a tournament's folder is left as the CLI leaves it, and the CLI's --resume
finishes it to the files of an uninterrupted run, byte for byte. The notebook's interrupt (a
Jupyter kernel's) does the same to a tournament in a cell.

Each case runs in a child Python process that prints a line when the work has started, and the
time (time.monotonic, shared by the processes) when KeyboardInterrupt reached it. The bound is
PROMPT seconds, far below each run's length but loose enough for a loaded CI machine: the
latency itself (under a second on an idle machine) is not asserted here."""

import os
import pathlib
import signal
import subprocess
import sys
import time

from conftest import ROOT

LONG = ROOT / "tests" / "data" / "tournaments" / "interrupt-long.toml"
PROMPT = 10.0  # seconds from SIGINT to KeyboardInterrupt (the simulate and sweep runs take minutes)

CHILD = r"""
import sys, time
import treatysim as ts
kind, folder = sys.argv[1], sys.argv[2]
def progress(done, total):
    if done:
        print("running", flush=True)
try:
    if kind == "tournament":
        ts.tournament(sys.argv[3], out=folder, jobs=1, progress=progress)
    elif kind == "simulate":
        ts.simulate("configs/sta-2024.toml", runs=1000000, progress=progress)
    elif kind == "sweep":
        ts.sweep({"sweep": {"strategy": "pareto_follower", "opponents": ["boulware", "nice_tit_for_tat"],
                            "scenarios": ["configs/sta-2024.toml"], "repetitions": 2000,
                            "axes": [{"parameter": "e", "from": 0.05, "to": 2, "steps": 200}]}},
                 progress=progress)
    print("finished", flush=True)
except KeyboardInterrupt:
    print(f"interrupted {time.monotonic()!r}", flush=True)
    sys.exit(130)
"""


def start(kind, folder, *args):
    env = os.environ.copy()
    return subprocess.Popen([sys.executable, "-c", CHILD, kind, str(folder), *map(str, args)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)


def interrupt_when_running(child, ready=lambda: True):
    """Waits for the child's first progress report (and `ready`), freezes it, sends SIGINT,
    lets it go on, and returns the seconds it took to raise KeyboardInterrupt."""
    assert child.stdout.readline() == "running\n"
    deadline = time.monotonic() + 30
    while not ready():
        assert time.monotonic() < deadline, "the run never got going"
        time.sleep(0.005)
    child.send_signal(signal.SIGSTOP)
    child.send_signal(signal.SIGINT)
    sent = time.monotonic()
    child.send_signal(signal.SIGCONT)
    out, err = child.communicate(timeout=60)
    lines = [line for line in out.splitlines() if line.startswith("interrupted")]
    assert lines, f"no KeyboardInterrupt: stdout {out!r}, stderr {err[-2000:]!r}"
    assert child.returncode == 130
    return float(lines[0].split()[1]) - sent


def rows(path):
    return path.read_text().count("\n") - 1


def test_a_tournament_stops_promptly_and_the_cli_resumes_it(tmp_path, cli):
    folder = tmp_path / "interrupted"
    child = start("tournament", folder, LONG)
    journal = folder / "negotiations.csv.partial"
    seconds = interrupt_when_running(child, lambda: journal.exists() and rows(journal) >= 1)
    assert seconds < PROMPT
    # As the CLI leaves it: the rows done so far in negotiations.csv, the summary incomplete.
    summary = (folder / "summary.json").read_text()
    assert '"complete": false' in summary
    kept = rows(folder / "negotiations.csv")
    assert 0 < kept < 8192
    assert not journal.exists()
    # The CLI refuses to overwrite it, and --resume finishes it to an uninterrupted run's bytes.
    assert "holds an interrupted run" in cli.error("tournament", LONG, "--out", folder)
    cli("tournament", LONG, "--out", folder, "--resume")
    cli("tournament", LONG, "--out", tmp_path / "whole")
    for name in ("negotiations.csv", "summary.json"):
        assert (folder / name).read_bytes() == (tmp_path / "whole" / name).read_bytes()


def test_many_lives_stop_promptly(tmp_path):
    child = start("simulate", tmp_path)
    assert interrupt_when_running(child) < PROMPT


def test_a_sweep_stops_promptly(tmp_path):
    child = start("sweep", tmp_path)
    assert interrupt_when_running(child) < PROMPT


def test_the_notebooks_interrupt_stops_a_tournament(tmp_path):
    """The notebook's interrupt button (jupyter_client's interrupt_kernel, as Jupyter sends it)
    stops a tournament running in a kernel cell promptly, the cell ends with
    KeyboardInterrupt, the folder is the CLI's interrupted one, and the kernel runs on."""
    from jupyter_client.manager import start_new_kernel

    paths = [str(pathlib.Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(":") if p]
    env = {**os.environ, "PYTHONPATH": ":".join(paths), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT), env=env)
    try:
        folder = tmp_path / "notebook"
        cell = (f"import time, treatysim as ts\n"
                f"try:\n"
                f"    ts.tournament({str(LONG)!r}, out={str(folder)!r}, jobs=1, progress=False)\n"
                f"except KeyboardInterrupt:\n"
                f"    stopped = time.monotonic()\n"
                f"    raise\n")
        cell_id = client.execute(cell, stop_on_error=False)
        journal = folder / "negotiations.csv.partial"
        deadline = time.monotonic() + 60
        while not (journal.exists() and rows(journal) >= 1):
            assert time.monotonic() < deadline, "the tournament never got going"
            time.sleep(0.005)
        sent = time.monotonic()
        manager.interrupt_kernel()
        reply = client.get_shell_msg(timeout=60)
        while reply["parent_header"].get("msg_id") != cell_id:  # replies to the startup's
            reply = client.get_shell_msg(timeout=60)
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        assert '"complete": false' in (folder / "summary.json").read_text()
        # The kernel runs on; it says when KeyboardInterrupt reached the cell (time.monotonic is
        # the machine's clock, shared by the processes).
        printed = []
        after = client.execute_interactive(
            "print(repr(stopped))", timeout=30,
            output_hook=lambda m: printed.append(m["content"].get("text", "")))
        assert after["content"]["status"] == "ok"
        assert float("".join(printed)) - sent < PROMPT
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
