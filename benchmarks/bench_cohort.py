"""Cohorts: memory of a big cohort, the cost of summarizing, and the speed-up of workers.

Run: ``uv run python benchmarks/bench_cohort.py`` (``--quick`` for a short run;
``--workers`` for the workers' part alone).
The machine may be shared: timings are the best of several repeats, and each worker's
CPU time is shown, so that a slow run can be told from a busy machine.

* Memory: the peak resident memory (``ru_maxrss``) of a fresh process that runs
  ``simulate_cohort`` for 100,000 patients (``--quick``: 2,000) in process and keeps
  the cohort, against a floor measured the same way: a fresh process that does
  everything but the cohort (imports, program, one patient). Goal: 100,000 patients
  peak under 200 MB.
* Summarizing: ``simulate_cohort`` in process against the floor of
  ``simulate_many`` that keeps nothing, on the same seeds: what keeping a summary
  of each patient costs.
* Workers: ``simulate_cohort`` on a ``ProcessPoolExecutor`` of 2 processes and on a
  Dask ``LocalCluster`` of 2 worker processes (one thread each), against serial; the
  pool and the cluster are started and warmed first (their start-up is shown apart).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor

import lumbar

QUICK = "--quick" in sys.argv
MEMORY_GOAL_MB = 200
EXERCISES = ("curl-up", "side-bridge-knees", "bird-dog", "glute-bridge", "walking")


def program() -> lumbar.Program:
    """26 weeks of three sessions of five exercises (15 prescriptions a week), deloads."""
    catalog = lumbar.default_catalog()
    session = lumbar.Session(
        prescriptions=[
            lumbar.Prescription(exercise=e, dose=catalog[e].default_dose) for e in EXERCISES
        ]
    )
    weeks = [lumbar.Week(sessions=[session] * 3)] * 26
    return lumbar.schedule_deloads(lumbar.Program(weeks=weeks))


PATIENT = lumbar.FlareUp()


def best_of(function: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), times


# --- memory: fresh processes -------------------------------------------------------------


def memory_child(patients: int) -> None:
    """In a fresh process: the floor's work, then the cohort (when patients > 0)."""
    plan = program()
    lumbar.simulate_cohort(plan, PATIENT, (0,))  # every module the cohort needs, loaded
    start = time.perf_counter()
    cohort = lumbar.simulate_cohort(plan, PATIENT, range(patients)) if patients else None
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    kept = len(cohort.patients) if cohort is not None else 0
    print(json.dumps({"peak_kb": peak_kb, "seconds": seconds, "kept": kept}))


def fresh_process(patients: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(patients)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def memory() -> None:
    patients = 2_000 if QUICK else 100_000
    floor = fresh_process(0)
    run = fresh_process(patients)
    assert run["kept"] == patients
    floor_mb, peak_mb = floor["peak_kb"] / 1024, run["peak_kb"] / 1024
    per_patient = (run["peak_kb"] - floor["peak_kb"]) * 1024 / patients
    print(f"memory ({patients:,} patients x 26 weeks, in process, the cohort kept):")
    print(f"  floor (fresh process, everything but the cohort)  {floor_mb:7.1f} MB peak")
    print(f"  simulate_cohort                                   {peak_mb:7.1f} MB peak")
    print(f"  above the floor: {peak_mb - floor_mb:.1f} MB, {per_patient:,.0f} bytes a patient")
    print(f"  {run['seconds']:.1f} s, {run['seconds'] / patients * 1e3:.2f} ms a patient")
    if not QUICK:
        verdict = "met" if peak_mb < MEMORY_GOAL_MB else "MISSED"
        print(f"  goal: peak under {MEMORY_GOAL_MB} MB for 100,000 patients: {verdict}")


# --- summarizing: against simulate_many keeping nothing -----------------------------------


def summarizing() -> None:
    plan = program()
    seeds = range(50 if QUICK else 400)
    repeat = 3 if QUICK else 5

    def bare() -> None:
        for _ in lumbar.simulate_many(plan, PATIENT, seeds):
            pass

    floor, _ = best_of(bare, repeat)
    cohort, _ = best_of(lambda: lumbar.simulate_cohort(plan, PATIENT, seeds), repeat)
    print(f"summarizing ({len(seeds)} patients, in process):")
    print(f"  simulate_many, nothing kept  {floor / len(seeds) * 1e3:6.2f} ms a patient")
    print(f"  simulate_cohort              {cohort / len(seeds) * 1e3:6.2f} ms a patient")
    print(f"  cohort / simulate_many = {cohort / floor:.2f}x the time")


# --- workers ----------------------------------------------------------------------------


def _cpu_of(pid: int) -> float:
    """A process's CPU seconds (user and system), from /proc (Linux)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pool_cpu() -> dict[object, float]:
    return {child.pid: _cpu_of(child.pid) for child in multiprocessing.active_children()}


def _timed(
    label: str,
    run: Callable[[], lumbar.Cohort],
    cpu: Callable[[], dict[object, float]],
    serial: tuple[float, float],
    expected: lumbar.Cohort,
    repeat: int,
) -> None:
    """Wall time against serial's; and serial's CPU time against the busiest worker's,
    which is the speed-up on idle cores, whatever else the machine is doing."""
    serial_wall, serial_cpu = serial
    before = cpu()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        cohort = run()
        times.append(time.perf_counter() - start)
        assert cohort == expected
    after = cpu()
    used = [(after[key] - before.get(key, 0.0)) / repeat for key in sorted(after, key=str)]
    print(
        f"  {label:<28} {min(times):6.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)}), "
        f"x{serial_wall / min(times):.2f} serial"
    )
    print(
        "    CPU per worker: "
        + ", ".join(f"{seconds:.2f} s" for seconds in used)
        + f" a run; serial CPU / busiest worker's = x{serial_cpu / max(used):.2f}"
    )


def workers() -> None:
    plan = program()
    seeds = range(200 if QUICK else 2_000)
    repeat = 2 if QUICK else 3
    print(f"workers ({len(seeds):,} patients x 26 weeks; the machine may be shared):")
    print(f"  load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    cpu_before = time.process_time()
    serial, times = best_of(lambda: lumbar.simulate_cohort(plan, PATIENT, seeds), repeat)
    cpu = (time.process_time() - cpu_before) / repeat
    expected = lumbar.simulate_cohort(plan, PATIENT, seeds)
    print(
        f"  {'serial (in process)':<28} {serial:6.2f} s (runs: "
        f"{', '.join(f'{t:.2f}' for t in times)}); CPU {cpu:.2f} s a run"
    )

    def on(executor: Executor) -> Callable[[], lumbar.Cohort]:
        return lambda: lumbar.simulate_cohort(plan, PATIENT, seeds, executor=executor)

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        lumbar.simulate_cohort(plan, PATIENT, range(4), executor=pool, chunk_size=1)  # warm
        started = time.perf_counter() - start
        _timed(
            "ProcessPoolExecutor(2)",
            on(pool),
            _pool_cpu,
            (serial, cpu),
            expected,
            repeat,
        )
    print(f"    (pool started and warmed in {started:.2f} s)")

    import distributed

    start = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        executor = client.get_executor()
        lumbar.simulate_cohort(plan, PATIENT, range(4), executor=executor, chunk_size=1)
        started = time.perf_counter() - start
        _timed(
            "Dask LocalCluster(2)",
            on(executor),
            lambda: client.run(time.process_time),
            (serial, cpu),
            expected,
            repeat,
        )
    print(f"    (cluster started and warmed in {started:.2f} s)")
    print(f"  load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    if "--memory-child" in sys.argv:
        memory_child(int(sys.argv[sys.argv.index("--memory-child") + 1]))
        return
    print(f"lumbar {lumbar.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"  load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if "--workers" not in sys.argv:
        memory()
        summarizing()
    workers()


if __name__ == "__main__":
    main()
