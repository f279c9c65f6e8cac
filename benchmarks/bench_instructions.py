"""Simulated prescription against one decision, counted in machine instructions.

Run: ``uv run python benchmarks/bench_instructions.py`` (needs valgrind; about a minute).

``bench_progression.py`` times the two in CPU seconds, which other jobs on the machine
move by a tenth or more from run to run. A count of the instructions the interpreter
executes does not move: this runs the same two workloads as ``bench_progression.py``
(``simulate_many`` of its 26-week program for steady improvers, and the default rule
stack deciding its contexts, with week 1's figures in their ledgers and without) under
``valgrind --tool=callgrind``, each at two sizes, and divides the difference by the work
between them, so that start-up and set-up cancel. Instructions are not time: on the
2-core machine this was written on, a decision's instructions ran some 10-15 % faster
than the simulation's, so the timed ratio comes out that much higher.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PATIENTS = 20
WEEKS = 26
PRESCRIPTIONS_A_WEEK = 15
CONTEXTS = 2_000
PASSES = 5


def work(kind: str, size: int) -> None:
    """The workload counted: ``size`` patients simulated, or ``size`` passes of decisions."""
    sys.argv = [sys.argv[0], "--quick"]
    sys.path.insert(0, str(Path(__file__).parent))
    import bench_progression as bench
    import lumbar

    plan = bench.program(WEEKS)
    patient = lumbar.SteadyImprover()
    stack = lumbar.default_rule()
    items = bench.contexts(CONTEXTS, week_before=kind != "decide-first-week")
    # Warm both paths alike, so that what is counted is the steady state.
    for _ in lumbar.simulate_many(plan, patient, range(2), catalog=bench.CATALOG):
        pass
    for context in items[:100]:
        stack.decide(context)
    if kind == "simulate":
        for _ in lumbar.simulate_many(plan, patient, range(size), catalog=bench.CATALOG):
            pass
    else:
        for _ in range(size):
            for context in items:
                stack.decide(context)


def count(kind: str, size: int) -> int:
    """Instructions of a fresh process running ``work(kind, size)``."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--work",
            kind,
            str(size),
        ],
        capture_output=True,
        text=True,
        check=True,
        # One string hashing for every run: dicts and sets then lay out alike, so the
        # counts repeat to the instruction (they vary by about 1 % from seed to seed).
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"Collected\s*:\s*([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(f"valgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing counted")
        return 0
    prescriptions = PATIENTS * WEEKS * PRESCRIPTIONS_A_WEEK
    simulated = (count("simulate", PATIENTS) - count("simulate", 0)) / prescriptions
    decided = (count("decide", PASSES) - count("decide", 0)) / (PASSES * CONTEXTS)
    first_week = (count("decide-first-week", PASSES) - count("decide-first-week", 0)) / (
        PASSES * CONTEXTS
    )
    print(f"Python {sys.version.split()[0]}, counted with valgrind --tool=callgrind:")
    print(f"  simulated prescription        {simulated:10,.0f} instructions")
    print(f"  one decision                  {decided:10,.0f} instructions")
    print(f"  one decision, empty ledger    {first_week:10,.0f} instructions")
    print(f"  simulated prescription / decision = {simulated / decided:.2f}x (goal <= 2)")
    print(f"  / a decision with an empty ledger = {simulated / first_week:.2f}x")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--work"]:
        work(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(main())
