"""JSON round trips of a 26-week program, indented output, and ``import lumbar``, as ratios.

Run: ``uv run python benchmarks/bench_json.py``. Every figure is measured in the same
run as its floor, so the ratios hold on any machine; absolute times are printed too.

* Round trip = object to JSON text and back to a validated object, side by side on
  two documents: the project's 26-week program (624 prescriptions, many of them
  repeated, as in real programs) and the same program with all 624 prescriptions
  distinct (nothing for a reader to reuse). Floor: pydantic v2 strict models
  describing the same document with the same constraints (strict types, bounds,
  patterns, unknown fields forbidden, tagged doses); goal under 1x on both.
  msgspec Structs are shown for orientation (the fastest possible, no domain objects).
* Indented = ``to_json(program, indent=2)`` against the compact ``to_json`` plus the
  indentation alone (laying out the compact text, text to text); goal at most 1x,
  which the writer meets by being exactly the two (the ratio shows the noise).
* Import = a fresh interpreter running ``import lumbar`` against one running
  ``import attrs``, each minus a bare interpreter start.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal

import msgspec
import pydantic

import lumbar
from _documents import distinct_program_document, program_document

# --- msgspec floor ---------------------------------------------------------------

Sets = Annotated[int, msgspec.Meta(ge=1, le=10)]
Count = Annotated[int, msgspec.Meta(ge=1, le=100)]


class MReps(msgspec.Struct, tag="reps", tag_field="kind", forbid_unknown_fields=True, frozen=True):
    sets: Sets
    reps: Count
    load_kg: Annotated[float, msgspec.Meta(ge=0, le=500)] | None = None


class MHold(msgspec.Struct, tag="hold", tag_field="kind", forbid_unknown_fields=True, frozen=True):
    sets: Sets
    reps: Count
    seconds: Annotated[int, msgspec.Meta(ge=1, le=600)]
    reps_drop: Annotated[int, msgspec.Meta(ge=0, le=50)] = 0


class MDuration(
    msgspec.Struct, tag="duration", tag_field="kind", forbid_unknown_fields=True, frozen=True
):
    minutes: Annotated[int, msgspec.Meta(ge=1, le=600)]
    rpe: Annotated[int, msgspec.Meta(ge=0, le=10)] | None = None


class MIntervals(
    msgspec.Struct, tag="intervals", tag_field="kind", forbid_unknown_fields=True, frozen=True
):
    rounds: Count
    work_seconds: Annotated[int, msgspec.Meta(ge=1, le=3600)]
    rest_seconds: Annotated[int, msgspec.Meta(ge=0, le=3600)]


class MPrescription(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    exercise: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    dose: MReps | MHold | MDuration | MIntervals
    note: str = ""


class MSession(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    prescriptions: Annotated[tuple[MPrescription, ...], msgspec.Meta(min_length=1)]
    label: str = ""


class MActivity(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    minutes: Annotated[int, msgspec.Meta(ge=1, le=300)]
    days: Annotated[int, msgspec.Meta(ge=1, le=7)] = 5
    steps: int | None = None
    brisk: bool = False


class MWeek(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    sessions: Annotated[tuple[MSession, ...], msgspec.Meta(min_length=1, max_length=14)]
    deload: bool = False
    activity: MActivity | None = None
    education: str | None = None


class MPhase(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    name: str
    weeks: Annotated[int, msgspec.Meta(ge=1)]
    focus: str = ""


class MRuleRef(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    name: str
    params: dict[str, bool | int | float | str] = {}


# The same closed sets as lumbar's enums, spelled as literals the floors check.
EquipmentName = Literal[tuple(item.value for item in lumbar.Equipment)]  # type: ignore[valid-type]
LoadingName = Literal["flexion", "neutral", "extension"]
EVERY_LOADING: tuple[LoadingName, ...] = ("flexion", "neutral", "extension")


class MConstraints(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    equipment: tuple[EquipmentName, ...] | None = None
    loading: Annotated[tuple[LoadingName, ...], msgspec.Meta(min_length=1)] = EVERY_LOADING
    session_minutes: Annotated[int, msgspec.Meta(ge=1, le=1440)] | None = None
    reserved_minutes: dict[
        Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")],
        Annotated[int, msgspec.Meta(ge=1, le=1440)],
    ] = {}


class MProgram(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    weeks: Annotated[tuple[MWeek, ...], msgspec.Meta(min_length=1)]
    phases: tuple[MPhase, ...] = ()
    title: str = ""
    metadata: dict[str, str] = {}
    rules: tuple[MRuleRef, ...] = ()
    constraints: MConstraints = MConstraints()
    schema: int = 1


# --- pydantic floor --------------------------------------------------------------

_STRICT = pydantic.ConfigDict(strict=True, extra="forbid", frozen=True)


class PReps(pydantic.BaseModel):
    model_config = _STRICT
    kind: Literal["reps"] = "reps"
    sets: Annotated[int, pydantic.Field(ge=1, le=10)]
    reps: Annotated[int, pydantic.Field(ge=1, le=100)]
    load_kg: Annotated[float, pydantic.Field(ge=0, le=500)] | None = None


class PHold(pydantic.BaseModel):
    model_config = _STRICT
    kind: Literal["hold"] = "hold"
    sets: Annotated[int, pydantic.Field(ge=1, le=10)]
    reps: Annotated[int, pydantic.Field(ge=1, le=100)]
    seconds: Annotated[int, pydantic.Field(ge=1, le=600)]
    reps_drop: Annotated[int, pydantic.Field(ge=0, le=50)] = 0


class PDuration(pydantic.BaseModel):
    model_config = _STRICT
    kind: Literal["duration"] = "duration"
    minutes: Annotated[int, pydantic.Field(ge=1, le=600)]
    rpe: Annotated[int, pydantic.Field(ge=0, le=10)] | None = None


class PIntervals(pydantic.BaseModel):
    model_config = _STRICT
    kind: Literal["intervals"] = "intervals"
    rounds: Annotated[int, pydantic.Field(ge=1, le=100)]
    work_seconds: Annotated[int, pydantic.Field(ge=1, le=3600)]
    rest_seconds: Annotated[int, pydantic.Field(ge=0, le=3600)]


class PPrescription(pydantic.BaseModel):
    model_config = _STRICT
    exercise: Annotated[str, pydantic.Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    dose: Annotated[PReps | PHold | PDuration | PIntervals, pydantic.Field(discriminator="kind")]
    note: str = ""


class PSession(pydantic.BaseModel):
    model_config = _STRICT
    prescriptions: Annotated[tuple[PPrescription, ...], pydantic.Field(min_length=1)]
    label: str = ""


class PActivity(pydantic.BaseModel):
    model_config = _STRICT
    minutes: Annotated[int, pydantic.Field(ge=1, le=300)]
    days: Annotated[int, pydantic.Field(ge=1, le=7)] = 5
    steps: int | None = None
    brisk: bool = False


class PWeek(pydantic.BaseModel):
    model_config = _STRICT
    sessions: Annotated[tuple[PSession, ...], pydantic.Field(min_length=1, max_length=14)]
    deload: bool = False
    activity: PActivity | None = None
    education: str | None = None


class PPhase(pydantic.BaseModel):
    model_config = _STRICT
    name: str
    weeks: Annotated[int, pydantic.Field(ge=1)]
    focus: str = ""


class PRuleRef(pydantic.BaseModel):
    model_config = _STRICT
    name: str
    params: dict[str, bool | int | float | str] = {}


class PConstraints(pydantic.BaseModel):
    model_config = _STRICT
    equipment: tuple[EquipmentName, ...] | None = None
    loading: Annotated[tuple[LoadingName, ...], pydantic.Field(min_length=1)] = EVERY_LOADING
    session_minutes: Annotated[int, pydantic.Field(ge=1, le=1440)] | None = None
    reserved_minutes: dict[
        Annotated[str, pydantic.Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")],
        Annotated[int, pydantic.Field(ge=1, le=1440)],
    ] = {}


class PProgram(pydantic.BaseModel):
    model_config = _STRICT
    weeks: Annotated[tuple[PWeek, ...], pydantic.Field(min_length=1)]
    phases: tuple[PPhase, ...] = ()
    title: str = ""
    metadata: dict[str, str] = {}
    rules: tuple[PRuleRef, ...] = ()
    constraints: PConstraints = PConstraints()
    schema_: Annotated[int, pydantic.Field(alias="schema")] = 1


# --- measurement -----------------------------------------------------------------


QUICK = "--quick" in sys.argv
"""A short run that only checks the benchmark still works (CI uses it)."""


def best_of(function: Callable[[], object], *, repeat: int = 7, number: int = 20) -> float:
    """Best mean time per call in seconds over ``repeat`` batches of ``number`` calls."""
    return side_by_side({"f": function}, repeat=repeat, number=number)["f"]


def side_by_side(
    functions: dict[str, Callable[[], object]], *, repeat: int = 15, number: int = 20
) -> dict[str, float]:
    """Best mean time per call of each function, their batches taken in turn.

    Taking the batches in turn spreads a busy spell of the machine over all of
    them, so that the ratios between them hold better than the times do.
    """
    if QUICK:
        repeat, number = 2, 2
    best = dict.fromkeys(functions, float("inf"))
    for function in functions.values():
        function()
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            for _ in range(number):
                function()
            best[name] = min(best[name], (time.perf_counter() - start) / number)
    return best


def round_trips(program: lumbar.Program) -> dict[str, float]:
    text = lumbar.to_json(program)
    m_program = msgspec.json.decode(text, type=MProgram)
    p_program = PProgram.model_validate_json(text)
    assert lumbar.from_json(text, lumbar.Program) == program
    assert msgspec.json.decode(msgspec.json.encode(m_program), type=MProgram) == m_program
    assert PProgram.model_validate_json(p_program.model_dump_json(by_alias=True)) == p_program
    return side_by_side(
        {
            "lumbar": lambda: lumbar.from_json(lumbar.to_json(program), lumbar.Program),
            "pydantic": lambda: PProgram.model_validate_json(
                p_program.model_dump_json(by_alias=True)
            ),
            "msgspec": lambda: msgspec.json.decode(msgspec.json.encode(m_program), type=MProgram),
        }
    )


def indented(program: lumbar.Program) -> dict[str, float]:
    compact = lumbar.to_json(program)  # the indentation alone: this text, laid out
    assert msgspec.json.format(compact, indent=2) == lumbar.to_json(program, indent=2)
    return side_by_side(
        {
            "indented": lambda: lumbar.to_json(program, indent=2),
            "compact": lambda: lumbar.to_json(program),
            "indentation alone": lambda: msgspec.json.format(compact, indent=2),
        }
    )


def import_time(statement: str, runs: int = 15) -> float:
    """Median wall time of a fresh interpreter running ``statement``."""
    runs = 3 if QUICK else runs
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    documents = {
        "the project's program": program_document(),
        "all prescriptions distinct": distinct_program_document(),
    }
    ratios = {}
    for name, program in documents.items():
        count = sum(1 for _ in program.prescriptions())
        distinct = len({rx for _, rx in program.prescriptions()})
        print(f"JSON round trip, {name}:")
        print(
            f"  {len(program.weeks)} weeks, {count} prescriptions ({distinct} distinct), "
            f"{len(lumbar.to_json(program)):,} bytes"
        )
        times = round_trips(program)
        for floor, seconds in times.items():
            print(
                f"  {floor:9s} {seconds * 1e3:7.3f} ms  {seconds / times['msgspec']:5.1f}x msgspec"
            )
        ratios[name] = times["lumbar"] / times["pydantic"]
        print(f"  lumbar / pydantic = {ratios[name]:.2f} (goal < 1)")
    layout = indented(documents["the project's program"])
    extra = layout["indented"] / (layout["compact"] + layout["indentation alone"])
    print("to_json(indent=2), the project's program:")
    for what, seconds in layout.items():
        print(f"  {what:18s} {seconds * 1e3:7.3f} ms")
    print(f"  indented / (compact + indentation alone) = {extra:.2f} (goal <= 1)")
    print("summary: lumbar / pydantic =")
    for name, ratio in ratios.items():
        print(f"  {ratio:.2f} ({name})")

    bare = import_time("pass")
    attrs_time = import_time("import attrs") - bare
    lumbar_time = import_time("import lumbar") - bare
    # The names load lazily, so also time the first real use of the core.
    core_time = import_time("import lumbar; lumbar.Program; lumbar.default_catalog()") - bare
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, lumbar; print('cattrs' in sys.modules)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"import, beyond a bare interpreter ({bare * 1e3:.1f} ms):")
    print(f"  import attrs  {attrs_time * 1e3:6.1f} ms")
    print(f"  import lumbar {lumbar_time * 1e3:6.1f} ms")
    print(f"  import lumbar, then use the core types and catalog {core_time * 1e3:6.1f} ms")
    print(f"  lumbar / attrs = {lumbar_time / attrs_time:.2f} (goal <= 1.25)")
    print(f"  with first use of the core: {core_time / attrs_time:.2f}")
    print(f"  cattrs imported by 'import lumbar': {loaded}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
