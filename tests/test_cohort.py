"""simulate_cohort: the same cohort whoever runs it, summaries true to each simulation."""

import collections
import concurrent.futures
import pickle

import pytest
from hypothesis import given, settings, strategies as st

import lumbar
from lumbar import strategies as lst

CATALOG = lumbar.default_catalog()
EXERCISES = ("curl-up", "side-bridge-knees", "bird-dog", "glute-bridge", "walking")
SESSION = lumbar.Session(
    prescriptions=[lumbar.Prescription(exercise=e, dose=CATALOG[e].default_dose) for e in EXERCISES]
)
PROGRAM = lumbar.schedule_deloads(lumbar.Program(weeks=[lumbar.Week(sessions=[SESSION] * 2)] * 6))
PATIENT = lumbar.FlareUp(flare_week=2, flare_pain=5.0)
SEEDS = tuple(range(20))


class InlineExecutor(concurrent.futures.Executor):
    """A user's own executor: runs each task when submitted, and counts them."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn, /, *args, **kwargs):
        self.submitted += 1
        future = concurrent.futures.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


@pytest.fixture(scope="module")
def serial():
    return lumbar.simulate_cohort(PROGRAM, PATIENT, SEEDS)


# --- the same cohort, whatever runs it ---------------------------------------------------


@given(data=st.data())
@settings(max_examples=30)
def test_chunking_and_executor_do_not_change_the_cohort(data):
    """Any chunk size, in process or on an executor: an equal cohort, with equal JSON."""
    catalog = data.draw(lst.catalogs(max_ladders=3))
    program = data.draw(lst.program_templates(catalog, max_weeks=4))
    patient = data.draw(lst.virtual_patients())
    seeds = data.draw(st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=8))
    rule = data.draw(st.none() | lst.rule_stacks())
    whole = lumbar.simulate_cohort(program, patient, seeds, rule=rule, catalog=catalog)
    executor = InlineExecutor()
    chunked = lumbar.simulate_cohort(
        program,
        patient,
        seeds,
        rule=rule,
        catalog=catalog,
        executor=executor,
        chunk_size=data.draw(st.integers(1, 8)),
    )
    assert chunked == whole
    assert lumbar.to_json(chunked) == lumbar.to_json(whole)
    assert executor.submitted >= 1


def test_a_process_pool_makes_the_same_cohort(serial):
    """A real ProcessPoolExecutor with two processes: programs and results cross by pickle."""
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        pooled = lumbar.simulate_cohort(PROGRAM, PATIENT, SEEDS, executor=pool, chunk_size=3)
    assert pooled == serial


@pytest.fixture(scope="module")
def dask_client():
    import distributed  # the test group installs it; a missing Dask fails, never skips

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_a_dask_cluster_makes_the_same_cohort(serial, dask_client):
    """A real Dask LocalCluster of two worker processes, through client.get_executor()."""
    cohort = lumbar.simulate_cohort(
        PROGRAM, PATIENT, SEEDS, executor=dask_client.get_executor(), chunk_size=4
    )
    assert cohort == serial
    ran = dask_client.run(lambda: "lumbar.simulation._cohort_run" in __import__("sys").modules)
    assert len(ran) == 2


def test_lumbar_does_not_import_dask(serial):
    """Dask is a test and docs dependency only: running a cohort never imports it."""
    import subprocess
    import sys

    code = (
        "import sys, lumbar\n"
        "c = lumbar.default_catalog()\n"
        "s = lumbar.Session(prescriptions=[lumbar.Prescription(exercise='walking',"
        " dose=c['walking'].default_dose)])\n"
        "p = lumbar.Program(weeks=[lumbar.Week(sessions=[s])] * 2)\n"
        "lumbar.simulate_cohort(p, lumbar.SteadyImprover(), range(3))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_seeds_order_the_patients_and_repeat_exactly(serial):
    """One summary per seed in the seeds' order; a seed given twice is the same patient."""
    assert serial.seeds == SEEDS
    twice = lumbar.simulate_cohort(PROGRAM, PATIENT, (3, 1, 3))
    assert twice.seeds == (3, 1, 3)
    assert twice.patients[0] == twice.patients[2] == serial.patients[3]
    assert twice.patients[1] == serial.patients[1]


# --- each summary is true to its simulation ------------------------------------------------


def _expected(simulation, seed, limit):
    """A patient's figures from the simulation's flat rows, worked out independently."""
    rows = simulation.rows()
    pains = [max(row["pain_during"], row["pain_next_day"]) for row in rows]
    worst: dict[int, int] = {}
    last: dict[str, tuple[str, object]] = {}
    for row, pain in zip(rows, pains, strict=True):
        worst[row["week"]] = max(worst.get(row["week"], 0), pain)
        ladder = CATALOG.ladder(row["exercise"])[0].id
        last[ladder] = row["exercise"]
    actions = collections.Counter(d.action.value for d in simulation.decisions)
    stopped = {
        CATALOG.ladder(d.exercise)[0].id for d in simulation.decisions if d.action.value == "stop"
    }
    return {
        "seed": seed,
        "weeks_done": len(simulation.program.weeks),
        "ended_early": simulation.ended_early,
        "decisions": {action.value: actions[action.value] for action in lumbar.Action},
        "stops": actions["stop"],
        "pauses": actions["pause"],
        "weeks_over_limit": sum(pain > limit for pain in worst.values()),
        "peak_pain": max(pains),
        "mean_pain": sum(pains) / len(pains),
        "adherence": sum(row["completed"] for row in rows) / len(rows),
        "ladders": {
            ladder: (
                exercise,
                [e.id for e in CATALOG.ladder(exercise)].index(exercise),
                ladder in stopped,
            )
            for ladder, exercise in last.items()
        },
    }


def _figures(summary):
    return {
        "seed": summary.seed,
        "weeks_done": summary.weeks_done,
        "ended_early": summary.ended_early,
        "decisions": dict(summary.decisions),
        "stops": summary.stops,
        "pauses": summary.pauses,
        "weeks_over_limit": summary.weeks_over_limit,
        "peak_pain": summary.peak_pain,
        "mean_pain": summary.mean_pain,
        "adherence": summary.adherence,
        "ladders": {end.ladder: (end.exercise, end.rung, end.stopped) for end in summary.ladders},
    }


@pytest.mark.parametrize(
    "patient",
    [PATIENT, lumbar.NonAdherent(adherence=0.5), lumbar.SteadyImprover(baseline_pain=7.0)],
    ids=lambda p: type(p).__name__,
)
def test_each_summary_matches_its_simulation(patient):
    """Every figure of every patient, against lumbar.simulate with the same seed."""
    cohort = lumbar.simulate_cohort(PROGRAM, patient, range(8))
    for summary in cohort.patients:
        simulation = lumbar.simulate(PROGRAM, patient, seed=summary.seed)
        assert _figures(summary) == _expected(simulation, summary.seed, cohort.pain_limit)
        last = {
            rx.exercise: rx.dose for s in simulation.program.weeks for x in s.sessions for rx in x
        }
        assert all(end.dose == last[end.exercise] for end in summary.ladders)


def test_weekly_counts_match_the_simulations():
    """Each week's pain and rung counts, against the patients' simulations."""
    patient = lumbar.SteadyImprover(baseline_pain=6.0)
    cohort = lumbar.simulate_cohort(PROGRAM, patient, range(8), chunk_size=3)
    pain = [[0] * 11 for _ in PROGRAM.weeks]
    rungs = [{ladder: collections.Counter() for ladder in cohort.ladders} for _ in PROGRAM.weeks]
    for seed in range(8):
        rows = lumbar.simulate(PROGRAM, patient, seed=seed).rows()
        worst: dict[int, int] = {}
        last: dict[tuple[int, str], str] = {}
        for row in rows:
            week = row["week"]
            worst[week] = max(worst.get(week, 0), row["pain_during"], row["pain_next_day"])
            last[week, CATALOG.ladder(row["exercise"])[0].id] = row["exercise"]
        for week, highest in worst.items():
            pain[week][highest] += 1
        for (week, ladder), exercise in last.items():
            rungs[week][ladder][[e.id for e in CATALOG.ladder(exercise)].index(exercise)] += 1
    assert [list(week.pain) for week in cohort.weeks] == pain
    for week, expected in zip(cohort.weeks, rungs, strict=True):
        assert {k: dict(enumerate(v)) for k, v in week.rungs.items()} == {
            k: {i: counter[i] for i in range(len(week.rungs[k]))} for k, counter in expected.items()
        }
    assert any(week.pain[6:] != (0,) * 5 for week in cohort.weeks)  # some pain over 5/10
    assert any(sum(counts[1:]) for week in cohort.weeks for counts in week.rungs.values())


def test_the_examples_go_over_the_limit_and_stop():
    """The checks above see pain over the limit, stops and skipped sessions (they can fail)."""
    stubborn = lumbar.simulate_cohort(PROGRAM, lumbar.SteadyImprover(baseline_pain=7.0), range(8))
    assert any(p.stops for p in stubborn.patients)
    assert any(p.weeks_over_limit for p in stubborn.patients)
    assert any(end.stopped for p in stubborn.patients for end in p.ladders)
    skipping = lumbar.simulate_cohort(PROGRAM, lumbar.NonAdherent(adherence=0.5), range(8))
    assert all(p.adherence < 1 for p in skipping.patients)


@given(lst.cohorts())
def test_weekly_counts_agree_with_the_patients(cohort):
    """Week by week: the patients counted are those who got there; the same weeks over the limit."""
    for index, week in enumerate(cohort.weeks):
        there = sum(p.weeks_done > index for p in cohort.patients)
        assert week.patients == there
        for counts in week.rungs.values():
            assert sum(counts) <= there
    over = sum(sum(week.pain[cohort.pain_limit + 1 :]) for week in cohort.weeks)
    assert over == sum(p.weeks_over_limit for p in cohort.patients)
    assert set(cohort.ladders) >= {end.ladder for p in cohort.patients for end in p.ladders}


@given(lst.cohorts())
def test_every_action_is_counted_and_stops_are_the_stop_count(cohort):
    for patient in cohort.patients:
        assert tuple(patient.decisions) == tuple(action.value for action in lumbar.Action)
        assert patient.stops == patient.decisions["stop"]
        assert patient.pauses == patient.decisions.get("pause", 0)


# --- the pain limit -------------------------------------------------------------------------


def test_the_pain_limit_comes_from_the_rule_stack():
    """The strictest pain gate anywhere in the stack, else the gate's default, 5/10."""
    default = lumbar.default_rule()
    assert lumbar.simulate_cohort(PROGRAM, PATIENT, (1,)).pain_limit == 5
    strict = lumbar.WeeklyCap(inner=lumbar.PainGate(inner=default.inner.inner, limit=3))
    assert lumbar.simulate_cohort(PROGRAM, PATIENT, (1,), rule=strict).pain_limit == 3
    nested = lumbar.PainGate(inner=lumbar.PainGate(inner=default.inner.inner, limit=2), limit=6)
    assert lumbar.simulate_cohort(PROGRAM, PATIENT, (1,), rule=nested).pain_limit == 2
    no_gate = lumbar.WeeklyCap(inner=default.inner.inner)
    assert lumbar.simulate_cohort(PROGRAM, PATIENT, (1,), rule=no_gate).pain_limit == 5
    named = lumbar.Program(
        weeks=PROGRAM.weeks,
        rules=(lumbar.RuleRef(name="pain-gate", params={"limit": 4}), *lumbar.refs_of(default)[2:]),
    )
    cohort = lumbar.simulate_cohort(named, PATIENT, (1,))
    assert cohort.pain_limit == 4
    assert cohort.program.rules == named.rules


# --- checked before anything runs ----------------------------------------------------------


def test_arguments_are_checked_before_any_chunk_is_sent():
    executor = InlineExecutor()
    with pytest.raises(lumbar.ValidationError) as seeds:
        lumbar.simulate_cohort(PROGRAM, PATIENT, [1, "2", 3.0], executor=executor)
    assert [path for path, _ in seeds.value.errors] == ["seeds[1]", "seeds[2]"]
    with pytest.raises(lumbar.ValidationError, match="at least one seed"):
        lumbar.simulate_cohort(PROGRAM, PATIENT, [], executor=executor)
    with pytest.raises(lumbar.ValidationError, match="chunk_size"):
        lumbar.simulate_cohort(PROGRAM, PATIENT, [1], executor=executor, chunk_size=0)
    unknown = lumbar.Program(
        weeks=[
            lumbar.Week(
                sessions=[
                    lumbar.Session(
                        prescriptions=[
                            lumbar.Prescription(
                                exercise="no-such", dose=lumbar.Reps(sets=1, reps=5)
                            )
                        ]
                    )
                ]
            )
        ]
    )
    with pytest.raises(lumbar.ValidationError):
        lumbar.simulate_cohort(unknown, PATIENT, [1], executor=executor)
    with pytest.raises(TypeError, match="virtual patient"):
        lumbar.simulate_cohort(PROGRAM, lambda rx, week: None, [1], executor=executor)  # type: ignore[arg-type]
    assert executor.submitted == 0


class _Failing:
    """A virtual patient whose seed 13 cannot be simulated."""

    def responder(self, seed):
        individual = PATIENT.responder(seed)

        def respond(prescription, week_index):
            if seed == 13:
                raise RuntimeError("seed 13 fails")
            return individual(prescription, week_index)

        return respond


def test_a_failing_chunk_raises_its_error_and_cancels_the_rest():
    executor = InlineExecutor()
    with pytest.raises(RuntimeError, match="seed 13"):
        lumbar.simulate_cohort(PROGRAM, _Failing(), range(40), executor=executor, chunk_size=1)
    assert executor.submitted < 40 + 1


# --- the cohort as a value -----------------------------------------------------------------


@given(lst.cohorts())
def test_cohorts_round_trip_through_json_and_pickle(cohort):
    assert lumbar.from_json(lumbar.to_json(cohort), lumbar.Cohort) == cohort
    assert pickle.loads(pickle.dumps(cohort)) == cohort
    summary = cohort.summary()
    assert lumbar.from_json(lumbar.to_json(summary), lumbar.CohortSummary) == summary


def test_summary_counts_and_quartiles(serial):
    summary = serial.summary()
    assert summary.patients == len(SEEDS)
    assert summary.weeks == len(PROGRAM.weeks)
    assert summary.stopped == sum(p.stops > 0 for p in serial.patients)
    assert summary.decisions["hold"] == sum(p.decisions["hold"] for p in serial.patients)
    peaks = sorted(p.peak_pain for p in serial.patients)
    assert summary.peak_pain.q1 <= summary.peak_pain.median <= summary.peak_pain.q3
    assert peaks[0] <= summary.peak_pain.q1
    assert summary.peak_pain.q3 <= peaks[-1]
    assert set(summary.final_rungs) == set(serial.ladders)


def test_rows_have_the_documented_columns(serial):
    rows = serial.rows()
    assert len(rows) == len(SEEDS)
    assert list(rows[0])[:5] == ["seed", "weeks_done", "ended_early", "stops", "pauses"]
    assert [row["seed"] for row in rows] == list(SEEDS)
    ladder = serial.ladders[0]
    assert rows[0][f"{ladder}_rung"] == serial.patients[0].ladders[0].rung


def test_bad_documents_name_the_field():
    cohort = lumbar.simulate_cohort(PROGRAM, PATIENT, (1, 2))
    data = lumbar.to_dict(cohort)
    data["patients"][1]["decisions"]["leap"] = 1
    data["patients"][0]["peak_pain"] = 11
    data["weeks"][0]["pain"] = [1, 2]
    with pytest.raises(lumbar.ValidationError) as error:
        lumbar.from_dict(data, lumbar.Cohort)
    paths = {path for path, _ in error.value.errors}
    assert {"patients[1].decisions.leap", "patients[0].peak_pain", "weeks[0].pain"} <= paths
