"""``lumbar simulate --patients N [--workers K]``: a cohort's summary as text, JSON or CSV."""

import csv
import io
import json

import pytest

import lumbar
from lumbar.cli._main import main

COHORT = ("simulate", "--weeks", "4", "--patients", "6", "--seed", "3")


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdin=io.StringIO(), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def expected_cohort():
    program = lumbar.build_program(
        lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags()), weeks=4)
    )
    return lumbar.simulate_cohort(program, lumbar.SteadyImprover(), range(3, 9))


def test_json_is_the_cohort_summary():
    """--format json writes the summary document of the cohort of seeds --seed.. --seed+N-1."""
    status, out, _ = run(*COHORT, "--format", "json")
    assert status == 0
    assert json.loads(out) == json.loads(lumbar.to_json(expected_cohort().summary()))


def test_csv_has_a_row_per_patient_in_seed_order():
    """--format csv writes the cohort's rows, one per patient, with a header."""
    status, out, _ = run(*COHORT, "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    expected = expected_cohort().rows()
    assert [row["seed"] for row in rows] == [str(row["seed"]) for row in expected]
    assert list(rows[0]) == list(expected[0])


def test_workers_give_the_same_cohort():
    """Spreading the patients over two processes prints exactly what one process prints."""
    one = run(*COHORT, "--format", "json")
    two = run(*COHORT, "--format", "json", "--workers", "2")
    assert one == two


def test_text_summary_fits_80_columns():
    """The text summary names the patients and fits an 80-column terminal."""
    status, out, _ = run(*COHORT)
    assert status == 0
    assert "6 steady virtual patients (seeds 3-8)" in " ".join(out.split())
    assert max(len(line) for line in out.splitlines()) <= 80


def test_one_patient_stays_the_default():
    """Without --patients, simulate still shows one patient's doses in detail."""
    status, out, _ = run("simulate", "--weeks", "4")
    assert status == 0
    assert "How each exercise's dose moved" in out


def test_bad_counts_and_csv_without_a_cohort_are_usage_errors(capsys):
    """--patients 0, --workers x and csv for one patient: one line on stderr, status 2."""
    status, _, err = run("simulate", "--weeks", "4", "--format", "csv")
    assert status == 2
    assert "--patients" in err
    assert len(err.strip().splitlines()) == 1
    for argv in (("--patients", "0"), ("--workers", "x")):
        with pytest.raises(SystemExit) as caught:
            main(["simulate", *argv])
        assert caught.value.code == 2
        message = capsys.readouterr().err.strip().splitlines()
        assert len(message) == 1
