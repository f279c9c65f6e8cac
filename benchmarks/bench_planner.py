"""The program builder and the ``lumbar plan`` command, as ratios to ``python -c "import attrs"``.

Run: ``uv run python benchmarks/bench_planner.py`` (``--quick`` for a short run;
``--check`` to exit with status 1 when ``lumbar plan`` misses its goal, as CI runs it).
Every figure is the best of several repeats, measured in the same run as its floor.

* Build: ``build_program`` for a 26-week program (the default profile, and a large
  one: 7 days a week, 60 minutes, every piece of equipment). Goal: under 5 ms. A
  build includes the whole forecast: the progression engine decides every dose
  after the first (about 450 prescriptions for the default profile). Where the time
  goes: the same engine run alone (``simulate(program, AsPlanned())``, per
  prescription), and the rest (choosing, laying out, assembling).
* Command: ``python -m lumbar plan`` end to end as a whole process (stdin not a
  terminal, output thrown away) against ``python -c "import attrs"``. Goal: under 2x.
  Both run with bytecode caching on (a private ``PYTHONPYCACHEPREFIX``), as an
  installed package runs; the environment's ``PYTHONDONTWRITEBYTECODE`` would
  otherwise make every start compile lumbar's sources again.
  This ratio is the start-up guarantee: with ``--check`` a miss is confirmed by a
  run three times as long before the status says so.
* What ``lumbar plan`` imports that ``import attrs`` does not (the packages, and
  lumbar's own modules counted), so that a miss shows what came in.
* Where the command's time goes: fresh processes timing each step in turn (the
  best of several for each step), and what is left of the whole process's time,
  so that the figures show what to make faster.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

import lumbar
from lumbar import AsPlanned, Equipment, FitnessLevel, Profile, RedFlags, build_program, screen

QUICK = "--quick" in sys.argv
CHECK = "--check" in sys.argv
REPEAT = 5 if QUICK else 15
PLAN_GOAL = 2.0
"""``lumbar plan`` takes under this many times ``python -c "import attrs"``."""


def best_of(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _environment(cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def process_seconds(args: list[str], env: dict[str, str], repeat: int = REPEAT) -> float:
    def once() -> None:
        subprocess.run(
            [sys.executable, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            check=True,
        )

    once()  # warm the bytecode cache and the file system
    return best_of(once, repeat)


_STEPS = """
import time
marks = [time.perf_counter()]
import attrs
marks.append(time.perf_counter())
import argparse, lumbar.cli._main
parser = lumbar.cli._main.build_parser("plan"); parser.parse_args(["plan"])
marks.append(time.perf_counter())
from lumbar.safety._red_flags import RedFlags
from lumbar.safety._screening import screen
from lumbar.planning._profile import Profile
from lumbar.planning._builder import build_program
from lumbar.formats._render import render_text
marks.append(time.perf_counter())
from lumbar.content._catalog import default_catalog
default_catalog()
marks.append(time.perf_counter())
program = build_program(Profile(screening=screen(RedFlags())))
marks.append(time.perf_counter())
render_text(program)
marks.append(time.perf_counter())
print(" ".join(f"{(b - a) * 1e3:.1f}" for a, b in zip(marks, marks[1:])))
"""
_STEP_NAMES = (
    "import attrs",
    "argparse and the plan parser",
    "profile, screening, planner, render modules",
    "exercise catalog (compiled data)",
    "build the program",
    "render it as text (with education topics)",
)


def build() -> float:
    clear = screen(RedFlags())
    default = Profile(screening=clear)
    large = Profile(
        screening=clear,
        days=7,
        minutes=60,
        level=FitnessLevel.ADVANCED,
        equipment=tuple(Equipment),
    )
    lumbar.default_catalog()  # loaded once per process; not part of a build
    repeat = 20 if QUICK else 200
    rows = {}
    for name, profile in (("default profile", default), ("7 days, 60 min, all equipment", large)):
        program = build_program(profile)
        assert program == build_program(profile)
        count = sum(1 for _ in program.prescriptions())
        built = best_of(lambda p=profile: build_program(p), repeat)
        run = best_of(lambda p=program: lumbar.simulate(p, AsPlanned()), repeat)
        rows[name] = (built, run, count)
    print("build_program, 26 weeks (a build includes the rules' forecast of every dose):")
    for name, (built, run, count) in rows.items():
        print(f"  {name:32s} {built * 1e3:6.2f} ms (goal < 5 ms), {count} prescriptions")
        # For orientation: `simulate` also keeps every session and decision, which a
        # build does not, so the two are not subtracted.
        print(
            f"    simulate as planned, for comparison: {run * 1e3:5.2f} ms, "
            f"{run / count * 1e6:5.2f} us a prescription"
        )
    return rows["default profile"][0]


_IMPORTS = """
import io, sys, attrs
floor = set(sys.modules)
from lumbar.cli._main import main
main(["plan"], stdout=io.StringIO(), stderr=io.StringIO())
print(" ".join(sorted(set(sys.modules) - floor)))
"""


def imports(env: dict[str, str]) -> None:
    """What lumbar plan imports that import attrs does not."""
    loaded = subprocess.run(
        [sys.executable, "-c", _IMPORTS],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    own = [name for name in loaded if name.startswith("lumbar")]
    others = sorted({name.split(".")[0] for name in loaded if not name.startswith("lumbar")})
    print(f"what lumbar plan imports beyond import attrs: {len(own)} lumbar modules and")
    print(f"  {', '.join(others) or 'nothing else'}")


def plan_meets_goal(plan: float, floor: float, env: dict[str, str]) -> bool:
    """Whether lumbar plan is under its goal; a miss is measured again, three times as long."""
    if plan / floor < PLAN_GOAL:
        return True
    repeat = 3 * REPEAT
    floor = process_seconds(["-c", "import attrs"], env, repeat)
    plan = process_seconds(["-m", "lumbar", "plan"], env, repeat)
    print(f"  measured again ({repeat} runs each): {plan / floor:.2f}x")
    return plan / floor < PLAN_GOAL


def command(build_seconds: float) -> bool:
    """Print the whole-process figures; whether lumbar plan meets its start-up goal."""
    with tempfile.TemporaryDirectory() as cache:
        env = _environment(cache)
        floor = process_seconds(["-c", "import attrs"], env)
        rows = [
            ('python -c "pass"', ["-c", "pass"]),
            ('python -c "import attrs"', ["-c", "import attrs"]),
            ("import lumbar; default_catalog()", ["-c", "import lumbar; lumbar.default_catalog()"]),
            ("python -m lumbar plan", ["-m", "lumbar", "plan"]),
            ("python -m lumbar plan --format json", ["-m", "lumbar", "plan", "--format", "json"]),
        ]
        print('whole processes, against python -c "import attrs" in the same run:')
        figures = {}
        for name, args in rows:
            seconds = floor if args == ["-c", "import attrs"] else process_seconds(args, env)
            figures[name] = seconds
            print(f"  {name:38s} {seconds * 1e3:6.1f} ms  {seconds / floor:5.2f}x")
        plan = figures["python -m lumbar plan"]
        print(f"  lumbar plan / import attrs = {plan / floor:.2f}x (goal < {PLAN_GOAL:g})")
        print(f"  build_program / import attrs = {build_seconds / floor:.3f}x")
        meets = plan_meets_goal(plan, floor, env)
        imports(env)
        runs = [
            subprocess.run(
                [sys.executable, "-c", _STEPS],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            for _ in range(REPEAT)
        ]
    steps = [min(float(run[index]) for run in runs) for index in range(len(_STEP_NAMES))]
    print("where lumbar plan's time goes (fresh processes, best of each step, ms):")
    for name, value in zip(_STEP_NAMES, steps, strict=True):
        print(f"  {name:44s} {value:6.1f}")
    # What the steps leave out: starting and stopping the interpreter (python -c "pass"
    # is most of it), runpy for -m, the red-flag notice, and tearing the modules down.
    rest = plan * 1e3 - sum(steps)
    print(f"  {'the rest: interpreter start and exit, runpy':44s} {rest:6.1f}")
    return meets


def main() -> int:
    print(f"lumbar {lumbar.__version__}, Python {sys.version.split()[0]}")
    meets = command(build())
    if CHECK and not meets:
        print(f"lumbar plan misses its start-up goal (under {PLAN_GOAL:g}x import attrs)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
