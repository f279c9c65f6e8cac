#!/usr/bin/env bash
# Mutation testing of the progression and screening modules, outside CI.
#
#   bash tools/mutation.sh                          # every module below
#   bash tools/mutation.sh _pain_gate _red_flags    # only these modules (all their mutants)
#   MUTATION_SAMPLE=40 bash tools/mutation.sh _engine  # a random sample of 40 mutants a module
#   bash tools/mutation.sh --survivors [MODULE...]  # again, only the mutants that survived
#                                                   # the last run (after adding tests)
#
# mutmut (3.x) is run with `uv run --with`, so it is never a dependency of the project.
# The work happens in a scratch copy (.mutation/, ignored by git): the copy's
# pyproject.toml gets the [tool.mutmut] section, the repository's stays as it is.
# Each mutant runs only the tests that reach the mutated function (mutmut's own choice
# among FAST_TESTS less SLOW_TESTS), with the `mutation` hypothesis profile (few
# examples, derandomized, so a verdict is the same on every run). At the end it prints
# killed/total per module; `mutmut results` and `mutmut show NAME` in .mutation/ list
# and show the survivors. Extra pytest arguments (e.g. `--deselect tests/x.py::test_y`
# for a test that fails before any mutation) go in MUTATION_PYTEST_ARGS; MUTATION_JOBS
# sets the number of processes (2). MUTATION_SAMPLE=N checks N mutants of each module
# (all of a module with fewer), drawn with a fixed seed (MUTATION_SEED, 13), so the same
# code gives the same sample; the per-module line then reads killed/checked of the sample.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${MUTATION_DIR:-$ROOT/.mutation}"
MUTMUT="mutmut==3.8.1"
JOBS="${MUTATION_JOBS:-2}"
SAMPLE="${MUTATION_SAMPLE:-}"
SEED="${MUTATION_SEED:-13}"

PROGRESSION=(_pain_gate _pain_signal _guards _cap _deload _ladder _strength _holds _aerobic
    _first_match _rule_kit _dose_steps _walk_run_stages _defaults _engine _tracks _plan _session_time
    _advance)
SAFETY=(_screening _red_flags _scores _instruments _questionnaires _answers _change _lifting
    _posture)
FAST_TESTS=(tests/test_rules.py tests/test_progression_model.py tests/test_engine_values.py
    tests/test_session_time.py tests/test_registry.py tests/test_program_state.py
    tests/test_screening.py tests/test_scores.py tests/test_instruments.py tests/test_change.py
    tests/test_lifting.py tests/test_checklists.py tests/test_constraints.py)
# Whole-cohort simulations and the slowest properties (more than half of the pool's time;
# every surviving mutant would run them all).
SLOW_TESTS=(
    "tests/test_progression_model.py::test_a_passing_flare_up_ends_nothing"
    "tests/test_progression_model.py::test_the_cap_holds_for_the_planners_programs_and_the_virtual_patients"
    "tests/test_constraints.py::test_neighbours_honour_the_constraints"
    "tests/test_constraints.py::test_no_rule_moves_onto_a_variant_the_constraints_rule_out"
)

survivors=false
if [ "${1:-}" = "--survivors" ]; then survivors=true; shift; fi
modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then modules=("${PROGRESSION[@]}" "${SAFETY[@]}"); fi

package_of() {
    local m
    for m in "${SAFETY[@]}"; do [ "$m" = "$1" ] && { echo safety; return; }; done
    echo progression
}

mutmut() { nice uv run --project "$ROOT" --with "$MUTMUT" mutmut "$@"; }

# The mutants of the modules asked for, with their verdicts, one "name: status" a line.
verdicts() {
    mutmut results --all true > "$WORK/results.txt"
    local module
    for module in "${modules[@]}"; do
        grep "^ *lumbar\.$(package_of "$module")\.$module\." "$WORK/results.txt" || true
    done
}

if $survivors; then
    [ -d "$WORK/mutants" ] || { echo "no earlier run in $WORK" >&2; exit 1; }
    cd "$WORK"
    mapfile -t names < <(verdicts | grep -v ": killed\|: timeout\|: not checked" \
        | sed 's/^ *//; s/: .*//')
    [ ${#names[@]} -gt 0 ] || { echo "no survivors"; exit 0; }
    cd "$ROOT"
fi

# A fresh copy of the code, tests and docs (some tests read the docs).
mkdir -p "$WORK"
rm -rf "$WORK/src" "$WORK/tests" "$WORK/docs"
cp -r "$ROOT/src" "$ROOT/tests" "$ROOT/docs" "$WORK/"
cp "$ROOT/pyproject.toml" "$WORK/pyproject.toml"
{
    echo
    echo "[tool.mutmut]"
    echo 'source_paths = ["src"]'
    echo 'only_mutate = ["src/lumbar/progression/*", "src/lumbar/safety/*"]'
    echo 'also_copy = ["docs"]'
    # Wording is left out: a line that is only a sentence (a reason, a question), or a
    # name given one. Decision codes and numbers are mutated.
    echo "do_not_mutate_patterns = ['^\\s*f?\"[^\"]* ', '^\\s*\\w+ = f?\"[^\"]* ']"
    printf 'pytest_add_cli_args_test_selection = [%s]\n' \
        "$(printf '"%s", ' "${FAST_TESTS[@]}" | sed 's/, $//')"
    printf 'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-n", "0"%s%s]\n' \
        "$(for t in "${SLOW_TESTS[@]}"; do printf ', "--deselect", "%s"' "$t"; done)" \
        "$(for a in ${MUTATION_PYTEST_ARGS:-}; do printf ', "%s"' "$a"; done)"
} >> "$WORK/pyproject.toml"

cd "$WORK"
export HYPOTHESIS_PROFILE=mutation
if ! $survivors && [ -n "$SAMPLE" ]; then
    # The mutants are made (without running anything) to draw the sample from their names.
    echo "== making the mutants to draw a sample of $SAMPLE a module (seed $SEED)"
    nice uv run --project "$ROOT" --with "$MUTMUT" python - > "$WORK/generate.log" 2>&1 <<'PY'
import os

import mutmut.__main__ as mutmut_main
from mutmut.mutation.trampoline import set_mutant_under_test

set_mutant_under_test("mutant_generation")
os.makedirs("mutants", exist_ok=True)
mutmut_main.copy_src_dir()
mutmut_main.copy_also_copy_files()
mutmut_main.setup_source_paths()
mutmut_main.create_mutants(1)
PY
    mutmut results --all true > "$WORK/results.txt"
    names=()
    for module in "${modules[@]}"; do
        mapfile -t -O "${#names[@]}" names < <(
            grep "^ *lumbar\.$(package_of "$module")\.$module\." "$WORK/results.txt" \
                | sed 's/^ *//; s/: .*//' | sort \
                | python3 -c "import random, sys; names = sys.stdin.read().split(); \
random.Random($SEED).shuffle(names); sys.stdout.writelines(n + '\n' for n in sorted(names[:$SAMPLE]))")
    done
    printf '%s\n' "${names[@]}" > "$WORK/sample.txt"
    [ ${#names[@]} -gt 0 ] || { echo "no mutants in these modules"; exit 0; }
elif ! $survivors; then
    names=()
    for module in "${modules[@]}"; do names+=("lumbar.$(package_of "$module").$module.*"); done
fi
echo "== mutmut run: ${#names[@]} names or patterns (log: $WORK/run.log)"
mutmut run --max-children "$JOBS" "${names[@]}" > "$WORK/run.log" 2>&1 \
    || { tail -20 "$WORK/run.log"; exit 1; }

echo "== killed/checked per module (a mutant not checked, outside the sample, is not counted)"
verdicts | grep -v ": not checked" > "$WORK/verdicts.txt" || true
for module in "${modules[@]}"; do
    mine=$(grep -c "^ *lumbar\.$(package_of "$module")\.$module\." "$WORK/verdicts.txt" || true)
    killed=$(grep "^ *lumbar\.$(package_of "$module")\.$module\." "$WORK/verdicts.txt" \
        | grep -c ": killed\|: timeout" || true)
    echo "$module $killed/$mine"
done
