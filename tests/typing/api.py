"""Typed uses of the public API, checked by ``mypy --strict`` in CI (never run)."""

import pickle
from concurrent.futures import ProcessPoolExecutor

import pandas
from matplotlib.figure import Figure

import lumbar
from lumbar import Duration, Hold, Prescription, Program, Reps, Session, Week

dose: lumbar.Dose = Reps(sets=3, reps=10, load_kg=None)
hold = Hold(sets=3, reps=6, seconds=10, reps_drop=2)
per_set: tuple[int, ...] = hold.reps_per_set
rx = Prescription(exercise="walking", dose=Duration(minutes=10))
program = Program(weeks=(Week(sessions=(Session(prescriptions=(rx,)),)),))

text: str = lumbar.to_json(program)
loaded: Program = lumbar.from_json(text, Program, catalog=lumbar.default_catalog())
as_dict: dict[str, object] = lumbar.to_dict(loaded)
again: Program = lumbar.from_dict(as_dict, Program)

catalog: lumbar.Catalog = lumbar.default_catalog()
first: lumbar.Exercise = catalog["curl-up"]
stabilization: tuple[lumbar.Exercise, ...] = catalog.filter(
    category=lumbar.Category.STABILIZATION, loading=lumbar.SpinalLoading.NEUTRAL
)
kind: type[lumbar.Dose] = first.dose_type
citation: str = lumbar.evidence.get(first.references[0]).citation

try:
    Reps(sets=0, reps=1)
except lumbar.ValidationError as error:
    problems: tuple[tuple[str, str], ...] = error.errors

# Notebooks (the notebook extra): tidy tables and figures.

frame: pandas.DataFrame = lumbar.to_dataframe(program)
catalog_frame: pandas.DataFrame = lumbar.to_dataframe(catalog, catalog=catalog)
figure: Figure = lumbar.plot(program, catalog=catalog)
html: str = program._repr_html_()

# Cohorts: on any executor; a row per patient; a figure; a summary; pickled documents.
with ProcessPoolExecutor(max_workers=2) as pool:
    cohort: lumbar.Cohort = lumbar.simulate_cohort(
        program, lumbar.SteadyImprover(), range(10), executor=pool, chunk_size=5
    )
patient: lumbar.PatientSummary = cohort.patients[0]
stops: int = patient.stops + patient.pauses
by_action: int = patient.decisions["progress"]
ended: lumbar.LadderEnd = patient.ladders[0]
summary: lumbar.CohortSummary = cohort.summary()
middle: float = summary.peak_pain.median
cohort_frame: pandas.DataFrame = lumbar.to_dataframe(cohort)
cohort_figure: Figure = lumbar.plot(cohort)
rows: list[dict[str, object]] = cohort.rows()
copied: Program = pickle.loads(pickle.dumps(program))
